import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBreakArgs, parseLocation } from './location.js';
import { UserError } from '../errors.js';

test('locations', () => {
  assert.deepEqual(parseLocation('42', '/src/main.go'), { kind: 'line', file: '/src/main.go', line: 42 });
  assert.deepEqual(parseLocation('/src/a.go:7', undefined), { kind: 'line', file: '/src/a.go', line: 7 });
  assert.deepEqual(parseLocation('main.go:42', undefined), { kind: 'function', spec: 'main.go:42' });
  assert.deepEqual(parseLocation('main.process', undefined), { kind: 'function', spec: 'main.process' });
  assert.deepEqual(parseLocation('main.(*Server).Handle', undefined), { kind: 'function', spec: 'main.(*Server).Handle' });
  assert.deepEqual(parseLocation('net/http.(*conn).serve', undefined), { kind: 'function', spec: 'net/http.(*conn).serve' });
});

test('conditions and hit counts', () => {
  assert.deepEqual(parseBreakArgs('main.go:42 if n > 3 && s != "if"', undefined), { location: { kind: 'function', spec: 'main.go:42' }, condition: 'n > 3 && s != "if"' });
  assert.deepEqual(parseBreakArgs('main.work hit 3', undefined), { location: { kind: 'function', spec: 'main.work' }, hitCondition: '== 3' });
  assert.deepEqual(parseBreakArgs('12 if ok hit >=2', '/a.go'), { location: { kind: 'line', file: '/a.go', line: 12 }, condition: 'ok', hitCondition: '>=2' });
  // An `if` with nothing after it is an empty condition, not part of the location.
  assert.throws(() => parseBreakArgs('main.go:111 if', undefined), /The condition after "if" is empty/);
});

test('bad locations say what to write', () => {
  for (const bad of ['', '42', 'main.go:0', 'a b', '"x"', 'main.go:42 if', 'main.work hit many']) {
    assert.throws(() => parseBreakArgs(bad, undefined), (e: unknown) => e instanceof UserError && !!e.hint, bad);
  }
});

test('line numbers Delve would choke on are refused before they reach it', () => {
  // Delve drops the DAP connection on a line of 2^64 (it cannot decode the number).
  for (const bad of ['18446744073709551616', '99999999999999999999', '100000001']) {
    assert.throws(() => parseLocation(bad, '/src/main.go'), (e: unknown) => e instanceof UserError && /does not exist|not a location/.test(e.message), bad);
    assert.throws(() => parseLocation(`main.go:${bad}`, undefined), (e: unknown) => e instanceof UserError, `main.go:${bad}`);
  }
  assert.throws(() => parseBreakArgs('main.work hit 99999999999999999999', undefined), /not a hit count/);
  assert.deepEqual(parseLocation('10000000', '/a.go'), { kind: 'line', file: '/a.go', line: 10_000_000 });
});

// Found by the fuzz campaign (test/fuzz/targets/commands.ts): `\s+hit` and `\s+if\s+` retried every
// start in a run of spaces, 0.5 s for 10,000 spaces and hours for a million. The bound is the
// test's timeout, far beyond what linear code needs and far below what quadratic code takes.
test('fuzz: "x.go:1" then a million spaces then "hit 1" parses in linear time', { timeout: 60_000 }, () => {
  const spaces = ' '.repeat(1_000_000);
  assert.deepEqual(parseBreakArgs(`x.go:1${spaces}if${spaces}n > 1${spaces}hit${spaces}2`, undefined), { location: { kind: 'function', spec: 'x.go:1' }, condition: 'n > 1', hitCondition: '== 2' });
  assert.throws(() => parseBreakArgs(`x.go:hit-1%0\u200f${spaces}x`, undefined), UserError);
});
