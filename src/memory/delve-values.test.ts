import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { parseByteArrayChildren, parseByteArrayResult, parseDelveInteger } from './delve-values.js';

// Texts were returned by Delve 1.27.1 (DAP evaluate unless marked CLI); made-up ones say so.

test('integers and pointers from evaluate results', () => {
  assert.equal(parseDelveInteger('824634174712 = 0xc00006ecf8'), 0xc00006ecf8n); // uintptr(RSP)+0x20
  assert.equal(parseDelveInteger('18446744073709551615 = 0xffffffffffffffff'), 0xffffffffffffffffn); // R15
  assert.equal(parseDelveInteger('-2'), 0xfffffffffffffffen); // int64(-2)
  assert.equal(parseDelveInteger('8'), 8n); // 010, an untyped constant
  assert.equal(parseDelveInteger('824633720832'), 0xc000000000n);
  assert.equal(parseDelveInteger('(*uint8)(0xc00008ade8)'), 0xc00008ade8n); // CLI: print &buf[0]
  assert.equal(parseDelveInteger('(unsafe.Pointer)(0x65b47b8ade8)'), 0x65b47b8ade8n); // CLI: print unsafe.Pointer(&buf[0])
});

test('values that are not addresses say how to get one', () => {
  const check = (text: string, message: RegExp): void => {
    assert.throws(() => parseDelveInteger(text), (err: unknown) => err instanceof UserError && message.test(err.message) && Boolean(err.hint));
  };
  check('*65', /pointee|points to/); // DAP shows a pointer's target, not its address
  check('*(unreadable unknown or unsupported kind: "invalid")', /points to/); // unsafe.Pointer(p)
  check('interface {}(*main.T) *{A: 7, B: "x"}', /not an integer or pointer/);
  check('"707e8080808080800000000000000000"', /not an integer or pointer/); // XMM0
  check('(unreadable input/output error)', /could not read the value: input\/output error/);
});

test('a fully loaded byte array', () => {
  const v = parseByteArrayResult('[16]uint8 [56,141,35,181,60,54,0,0,219,24,66,0,0,0,0,0]');
  assert.equal(v.length, 16);
  assert.equal(v.loaded, 16);
  assert.equal(v.unreadable, false);
  assert.deepEqual([...v.bytes], [56, 141, 35, 181, 60, 54, 0, 0, 219, 24, 66, 0, 0, 0, 0, 0]);
  assert.ok(v.readable.every((r) => r === 1));
});

test('more than 64 elements: Delve loads 64 and says how many more', () => {
  const dap =
    '(loaded 64/300) [300]uint8 [56,141,35,181,60,54,0,0,219,24,66,0,0,0,0,0,168,20,194,109,80,127,0,0,16,0,0,0,0,0,0,0,192,2,77,0,0,0,0,0,0,0,0,0,0,0,0,0,77,0,0,0,0,0,0,0,12,0,0,0,0,0,0,0,...+236 more]';
  const v = parseByteArrayResult(dap);
  assert.equal(v.length, 300);
  assert.equal(v.loaded, 64);
  assert.equal(v.bytes.length, 300);
  assert.equal(v.readable[63], 1);
  assert.equal(v.readable[64], 0);
  assert.equal(v.bytes[16], 168);
  // The CLI's print has no "(loaded a/b)" prefix.
  const cli = parseByteArrayResult('[70]uint8 [56,173,8,0,192,0,0,0,187,23,66,0,0,0,0,0,40,23,242,220,92,127,0,0,16,0,0,0,0,0,0,0,192,242,76,0,0,0,0,0,0,0,0,0,0,0,0,0,77,0,0,0,0,0,0,0,12,0,0,0,0,0,0,0,...+6 more]');
  assert.equal(cli.loaded, 64);
  assert.equal(cli.length, 70);
});

test('unreadable and nil memory', () => {
  const v = parseByteArrayResult(
    '(loaded 4/16) [16]uint8 [(unreadable input/output error),(unreadable input/output error),(unreadable input/output error),(unreadable input/output error),...+12 more]',
  );
  assert.equal(v.unreadable, true);
  assert.equal(v.loaded, 4);
  assert.ok(v.readable.every((r) => r === 0));
  const nil = parseByteArrayResult('(loaded 0/4) [4]uint8 [...]');
  assert.equal(nil.loaded, 0);
  assert.equal(nil.length, 4);
  assert.equal(parseByteArrayResult('[4]uint8 [...]').loaded, 0); // CLI
  // Made up: an error text with a comma in it.
  const errorWithComma = parseByteArrayResult('[2]uint8 [(unreadable could not read 1 bytes, at 0x0),7]');
  assert.deepEqual([...errorWithComma.readable], [0, 1]);
  assert.equal(errorWithComma.bytes[1], 7);
});

test('wider and signed elements', () => {
  const words = parseByteArrayResult('[4]uint64 [3230134144312,4331739,139713331450912,16]');
  assert.equal(words.elementSize, 8);
  assert.equal(words.bytes.length, 32);
  assert.equal(new DataView(words.bytes.buffer).getBigUint64(16, true), 139713331450912n);
  const signed = parseByteArrayResult('[4]int8 [56,77,-87,96]');
  assert.deepEqual([...signed.bytes], [56, 77, 0xa9, 96]);
});

test('results cut at 256 characters in the repl context drop the partial last element', () => {
  const repl =
    '[16]uint64 [1229276403011980748,1100022321148544057,6927746296486852881,756527434056,7371803458539916104,47327947744935932,49579781951848448,3753061204885766144,4432405739578851512,16934225092216302026,16719703275264469762,5261199740619249339,4722384853055...';
  assert.equal(repl.length, 256 + 3);
  const v = parseByteArrayResult(repl);
  assert.equal(v.loaded, 12);
  assert.equal(v.readable[12 * 8], 0);
  const full = parseByteArrayResult(
    '[16]uint64 [1229276403011980748,1100022321148544057,6927746296486852881,756527434056,7371803458539916104,47327947744935932,49579781951848448,3753061204885766144,4432405739578851512,16934225092216302026,16719703275264469762,5261199740619249339,4722384853055067017,272835994667016,264039633210368,193671023250432]',
  );
  assert.equal(full.loaded, 16);
  assert.deepEqual(full.bytes.subarray(0, 96), v.bytes.subarray(0, 96));
});

test('texts that are not integer arrays', () => {
  // The first is Delve's text for a slice; the rest are made up.
  assert.throws(() => parseByteArrayResult('[]uint8 len: 32, cap: 64, [65,66]'), UserError);
  assert.throws(() => parseByteArrayResult('[2]string ["a","b"]'), UserError);
  assert.throws(() => parseByteArrayResult('[2]uint8 [1,2'), UserError);
  assert.throws(() => parseByteArrayResult('[2]uint8 [1,x]'), UserError);
});

test('children from a variables request', () => {
  // variables on the reference of *(*[16]uint8)(RSP): a string() pseudo-child, then [0], [1]...
  const children = [
    { name: 'string()', value: '"8\\x8d#\\xb5<6\\x00\\x00\\xdb\\x18B\\x00\\x00\\x00\\x00\\x00"', type: 'string' },
    { name: '[0]', value: '56 = 0x38' },
    { name: '[1]', value: '141 = 0x8d' },
    { name: '[2]', value: '35 = 0x23' },
    { name: '[3]', value: '181 = 0xb5' },
  ];
  const v = parseByteArrayChildren(children, 16);
  assert.equal(v.loaded, 4);
  assert.deepEqual([...v.bytes.subarray(0, 4)], [56, 141, 35, 181]);
  assert.equal(v.readable[4], 0);
  const bad = parseByteArrayChildren(
    [
      { name: '[0]', value: '(unreadable input/output error)' },
      { name: '[1]', value: '(unreadable input/output error)' },
    ],
    16,
  );
  assert.equal(bad.unreadable, true);
  const words = parseByteArrayChildren([{ name: '[0]', value: '3230134144312 = 0x2f012ff8d38' }], 4, 8);
  assert.equal(new DataView(words.bytes.buffer).getBigUint64(0, true), 0x2f012ff8d38n);
});

// Found by the fuzz campaign (test/fuzz/targets/delve.ts).
test('fuzz: "[4294967296]uint64 [1]" is refused with a UserError, not a RangeError or a 32 GiB allocation', () => {
  assert.throws(() => parseByteArrayResult('[4294967296]uint64 [1]'), UserError);
  assert.throws(() => parseByteArrayResult('[99999999999]uint8 [1]'), UserError);
  assert.throws(() => parseByteArrayChildren([], 4294967296, 8), UserError);
});

test('fuzz: more elements than the array holds ("[2]uint8 [1,2,3,4]") are not loaded past its end', () => {
  const v = parseByteArrayResult('[2]uint8 [1,2,3,4]');
  assert.equal(v.loaded, 2);
  assert.deepEqual([...v.bytes], [1, 2]);
});
