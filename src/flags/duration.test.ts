import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, parseGoDuration } from './duration.js';

// Expected values printed by Go 1.26's time.ParseDuration and Duration.String.
test('parseGoDuration matches time.ParseDuration', () => {
  const ok: [string, bigint][] = [
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['1s', 1_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-1m30s', -90_000_000_000n],
    ['+5ms', 5_000_000n],
    ['300ms', 300_000_000n],
    ['1h2m3s4ms5us6ns', 3_723_004_005_006n],
    ['2µs', 2_000n],
    ['2μs', 2_000n],
    ['1.000000001s', 1_000_000_001n],
    ['0.0000000001s', 0n],
    ['1.s', 1_000_000_000n],
    ['.5s', 500_000_000n],
    ['00s', 0n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['2562047h47m16.854775807s', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
  ];
  for (const [text, ns] of ok) assert.deepEqual(parseGoDuration(text), { ok: true, ns }, text);
  const bad: [string, string][] = [
    ['', 'syntax'],
    ['1', 'unit'],
    ['s', 'syntax'],
    ['1x', 'unit'],
    ['9223372036854775808ns', 'range'],
    ['2562048h', 'range'],
    ['1h-1m', 'unit'],
    ['1e3s', 'unit'],
    ['1.2.3s', 'unit'],
    ['1sm', 'unit'],
    ['.s', 'syntax'],
  ];
  for (const [text, reason] of bad) {
    const r = parseGoDuration(text);
    assert.equal(r.ok, false, text);
    assert.equal(!r.ok && r.reason, reason, text);
  }
});

test('formatGoDuration matches Duration.String', () => {
  const cases: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1000n, '1µs'],
    [1500n, '1.5µs'],
    [1_000_000n, '1ms'],
    [1_500_000n, '1.5ms'],
    [1_001_000n, '1.001ms'],
    [1_000_000_000n, '1s'],
    [61_000_000_000n, '1m1s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [5_400_000_000_000n, '1h30m0s'],
    [3_723_004_005_006n, '1h2m3.004005006s'],
    [-1_500_000_000n, '-1.5s'],
    [9223372036854775807n, '2562047h47m16.854775807s'],
    [-9223372036854775808n, '-2562047h47m16.854775808s'],
  ];
  for (const [ns, text] of cases) assert.equal(formatGoDuration(ns), text, String(ns));
});

// Found by bench/fuzz at 100,000 cases against time.ParseDuration: Go's sum wraps in uint64.
test('fuzz: two 2^63 ns parts wrap to 0 as in Go', () => {
  assert.deepEqual(parseGoDuration('9223372036854775808ns9223372036854775808ns'), { ok: true, ns: 0n });
  assert.equal(parseGoDuration('9223372036854775808ns').ok, false);
});
