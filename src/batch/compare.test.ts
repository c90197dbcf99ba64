import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { compareCount, countSettled, delveValue, frameAt, judgePrint, malformedLiteral, parseGoLiteral, stopReasonIs, unitMatches } from './compare.js';

test('Go literals', () => {
  assert.deepEqual(parseGoLiteral('42'), { kind: 'int', v: 42n });
  assert.deepEqual(parseGoLiteral('-0x1F'), { kind: 'int', v: -31n });
  assert.deepEqual(parseGoLiteral('1_000'), { kind: 'int', v: 1000n });
  assert.deepEqual(parseGoLiteral('0o17'), { kind: 'int', v: 15n });
  assert.deepEqual(parseGoLiteral('017'), { kind: 'int', v: 15n });
  assert.deepEqual(parseGoLiteral('0b101'), { kind: 'int', v: 5n });
  assert.deepEqual(parseGoLiteral('22.41'), { kind: 'float', v: 22.41 });
  assert.deepEqual(parseGoLiteral('1e6'), { kind: 'float', v: 1e6 });
  assert.deepEqual(parseGoLiteral('"a\\tb\\x41\\u00e9"'), { kind: 'string', v: 'a\tbAé' });
  assert.deepEqual(parseGoLiteral('`raw\\n`'), { kind: 'string', v: 'raw\\n' });
  assert.deepEqual(parseGoLiteral("'A'"), { kind: 'int', v: 65n });
  assert.deepEqual(parseGoLiteral("'\\n'"), { kind: 'int', v: 10n });
  assert.deepEqual(parseGoLiteral('true'), { kind: 'bool', v: true });
  assert.deepEqual(parseGoLiteral('nil'), { kind: 'nil' });
  assert.deepEqual(parseGoLiteral('main.StateOpen'), { kind: 'text', v: 'main.StateOpen' });
});

test("Delve's renderings", () => {
  assert.deepEqual(delveValue('42', 'int'), { kind: 'int', v: 42n });
  assert.deepEqual(delveValue('main.Open (1)', 'main.State'), { kind: 'int', v: 1n });
  assert.deepEqual(delveValue("65 'A'", 'int32'), { kind: 'int', v: 65n });
  assert.deepEqual(delveValue('22.409999999999997', 'float64'), { kind: 'float', v: 22.409999999999997 });
  assert.deepEqual(delveValue('3', 'float64'), { kind: 'float', v: 3 });
  assert.deepEqual(delveValue('+Inf', 'float64'), { kind: 'float', v: Infinity });
  assert.deepEqual(delveValue('"grace \\"g\\""', 'string'), { kind: 'string', v: 'grace "g"' });
  assert.deepEqual(delveValue('*main.Order nil', '*main.Order'), { kind: 'nil' });
  assert.deepEqual(delveValue('[]int len: 0, cap: 0, nil', '[]int'), { kind: 'nil' });
  assert.deepEqual(delveValue('0xc000012000', 'uintptr'), { kind: 'int', v: 0xc000012000n });
});

test('expect print compares as Go does', () => {
  const ok = (result: string, type: string, op: Parameters<typeof judgePrint>[2], lit: string) => judgePrint(result, type, op, lit).ok;
  assert.equal(ok('7', 'int', '==', '7'), true);
  assert.equal(ok('7', 'int', '<', '0x8'), true);
  assert.equal(ok('-1', 'int64', '>=', '0'), false);
  assert.equal(ok('18446744073709551615', 'uint64', '==', '0xffffffffffffffff'), true, 'beyond a double, exactly');
  // The orders bug: a float total is not 22.41.
  assert.equal(ok('22.409999999999997', 'float64', '==', '22.41'), false);
  assert.equal(ok('22.41', 'float64', '==', '22.41'), true);
  assert.equal(ok('0.1', 'float32', '==', '0.1'), true, 'float32 compares at float32 precision');
  assert.equal(ok('3', 'float64', '==', '3'), true);
  assert.equal(ok('NaN', 'float64', '==', '1'), false);
  assert.equal(ok('NaN', 'float64', '!=', '1'), true);
  assert.equal(ok('"grace"', 'string', '==', '"grace"'), true);
  assert.equal(ok('"b"', 'string', '>', '"a"'), true);
  assert.equal(ok('"é"', 'string', '>', '"z"'), true, 'strings order by their UTF-8 bytes');
  assert.equal(ok('"grace"', 'string', '~', '^gr'), true);
  assert.equal(ok('"Grace"', 'string', '~', '^gr'), false, 'case-sensitive, as Go regexp');
  assert.equal(ok('true', 'bool', '!=', 'false'), true);
  assert.equal(ok('*main.T nil', '*main.T', '==', 'nil'), true);
  assert.equal(ok('*main.T {a: 1}', '*main.T', '!=', 'nil'), true);
  assert.equal(ok('main.StateOpen (1)', 'main.State', '==', '1'), true);
  assert.equal(ok('main.Order {ID: 1}', 'main.Order', '==', 'main.Order {ID: 1}'), true, 'other values by their text');
  assert.throws(() => judgePrint('7', 'int', '==', '"7"'), (e) => e instanceof UserError && /Go would not compile it/.test(e.message));
  assert.throws(() => judgePrint('true', 'bool', '<', 'false'), UserError);
  assert.throws(() => judgePrint('7', 'int', '==', '7.5'), UserError);
  // A word is compared only with what Delve prints as text (structs, named values): never passes against a number.
  assert.throws(() => judgePrint('1', 'int', '!=', '1x'), (e) => e instanceof UserError && /Go would not compile it/.test(e.message));
  assert.throws(() => judgePrint('"ken"', 'string', '!=', 'grace'), UserError);
  assert.throws(() => judgePrint('main.Order {ID: 1}', 'main.Order', '!=', '1'), UserError);
});

test('a VALUE that starts like a Go literal and is not one is named', () => {
  for (const bad of ['1x', '0x1g', '22.41.5', '-1-', '.5.5', '"grace', '"a\\"', '`raw', "'ab'"]) assert.ok(malformedLiteral(bad), bad);
  for (const good of ['1', '-0x1f', '1_000', '2.5', '.5', '1e6', '"a \\" b"', '`raw`', "'x'", 'true', 'nil', 'main.StateOpen', 'main.Order {ID: 1}']) assert.equal(malformedLiteral(good), undefined, good);
});

test('counts, and when a growing count is decided', () => {
  assert.equal(compareCount(3, '<=', 3), true);
  assert.equal(compareCount(3, '!=', 3), false);
  assert.equal(countSettled(1, '==', 0), true);
  assert.equal(countSettled(0, '==', 0), false);
  assert.equal(countSettled(5, '>=', 5), true);
  assert.equal(countSettled(4, '>=', 5), false);
  assert.equal(countSettled(11, '<=', 10), true);
});

test('stop locations and reasons', () => {
  const f = { name: 'main.process', file: '/src/demos/orders/main.go', line: 106 };
  assert.equal(frameAt(f, 'main.process'), true);
  assert.equal(frameAt(f, 'main.go:106'), true);
  assert.equal(frameAt(f, 'orders/main.go:106'), true);
  assert.equal(frameAt(f, 'in.go:106'), false, 'a suffix at a / boundary');
  assert.equal(frameAt(f, '106'), true);
  assert.equal(frameAt(f, 'main.go:107'), false);
  // The package by its path, as `break` takes and echoes it; Delve's frame names its last element.
  const sum = { name: 'calc.(*Acc).Sum', file: '/x/calc/calc.go', line: 3 };
  assert.equal(frameAt(sum, 'example.com/app/calc.(*Acc).Sum'), true);
  assert.equal(frameAt(sum, 'example.com/app/other.(*Acc).Sum'), false);
  assert.equal(stopReasonIs({ reason: 'function breakpoint' }, 'breakpoint'), true);
  assert.equal(stopReasonIs({ reason: 'exception', description: 'panic' }, 'panic'), true);
  assert.equal(stopReasonIs({ reason: 'exception', description: 'fatal error' }, 'panic'), false);
  assert.equal(stopReasonIs({ reason: 'exception', description: 'fatal error' }, 'fatal'), true);
  assert.equal(stopReasonIs({ reason: 'step' }, 'step'), true);
});

test('memory units by value in integer formats, by text in the others', () => {
  assert.equal(unitMatches('x', 8, 0x11n, '0x0000000000000011', '0x11'), true);
  assert.equal(unitMatches('d', 8, 0xffffffffffffffffn, '-1', '-1'), true);
  assert.equal(unitMatches('t', 1, 5n, '00000101', '00000101'), true);
  assert.equal(unitMatches('x', 4, 0x11n, '0x00000011', '0x12'), false);
  assert.equal(unitMatches('f', 8, 0n, '0', '0'), true);
});

// Found by the fuzz campaign (test/fuzz/targets/features.ts).
test('fuzz: "expect print x == 0x_" and "\\U7fffffff" are not a BigInt SyntaxError or a RangeError', () => {
  assert.deepEqual(parseGoLiteral('0x_'), { kind: 'text', v: '0x_' });
  assert.deepEqual(parseGoLiteral('0x_1f'), { kind: 'int', v: 31n });
  assert.throws(() => judgePrint('42', 'int', '==', '0x_'), (e: unknown) => e instanceof UserError && /Go would not compile it/.test(e.message));
  assert.ok(malformedLiteral('0x_'));
  assert.throws(() => parseGoLiteral('"\\U7fffffff"'), (e: unknown) => e instanceof UserError && /not a Unicode code point/.test(e.message));
  assert.deepEqual(parseGoLiteral('"\\U0010ffff"'), { kind: 'string', v: '\u{10ffff}' });
});

test('fuzz: a literal of a million zeros and an x is text, read in linear time', { timeout: 60_000 }, () => {
  const zeros = '0'.repeat(1_000_000);
  assert.deepEqual(parseGoLiteral(`${zeros}x`), { kind: 'text', v: `${zeros}x` });
  assert.deepEqual(parseGoLiteral('1_000.5e3'), { kind: 'float', v: 1000500 });
  assert.deepEqual(parseGoLiteral('.5'), { kind: 'float', v: 0.5 });
  assert.deepEqual(parseGoLiteral('1.'), { kind: 'float', v: 1 });
});
