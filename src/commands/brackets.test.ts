import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketFault } from './brackets.js';

test('an expression whose brackets close in order has no fault; those in strings and runes do not count', () => {
  for (const e of ['tick()', 's.Reset()', 'f(a[1], m["k"], T{1})', 'f(")(", \'(\')', 'f(`[`)']) assert.equal(bracketFault(e), undefined, e);
});

test('an unclosed, stray or mismatched bracket is said with its column (trial CH: :call tick()', () => {
  assert.equal(bracketFault('tick('), 'the ( at column 5 is not closed');
  assert.equal(bracketFault('f(a[1)'), 'the [ at column 4 is closed by ), not ]');
  assert.equal(bracketFault('f())'), 'the ) at column 4 closes nothing');
  assert.equal(bracketFault('f("x", g(1)'), 'the ( at column 2 is not closed');
});
