import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern } from './pattern.js';
import { UserError } from '../errors.js';

test('patterns match case-insensitively, as Go regexp does', () => {
  const p = compilePattern('goid=(1|2)\\b');
  assert.ok(p.test('call main.work GOID=2 x'));
  assert.ok(!p.test('goid=12'));
});

test('a catastrophic pattern runs in linear time', () => {
  // A backtracking engine never returns from this (the test runner's timeout would end it).
  const p = compilePattern('(.*)*x');
  for (let i = 0; i < 20; i++) assert.equal(p.test('a'.repeat(20_000)), false);
});

test('a bad pattern is one sentence', () => {
  assert.throws(() => compilePattern('(unclosed'), (e: unknown) => e instanceof UserError && /not a regular expression/.test(e.message));
  // The pattern as typed: not with the case flag gotui compiles it with.
  assert.throws(() => compilePattern('('), (e: unknown) => e instanceof UserError && e.message === '/(/ is not a regular expression: missing closing ): `(`.');
  // Backreferences are not RE2: refused rather than run slowly.
  assert.throws(() => compilePattern('(a)\\1'), UserError);
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts): compiling took 0.4 s.
test('fuzz: a 24 KB pattern (\\p{L} x 4,800) and x{1000} x 20 are refused with a UserError, not compiled for seconds', () => {
  assert.throws(() => compilePattern('\\p{L}'.repeat(4800)), (e: unknown) => e instanceof UserError && /up to 500/.test(e.message));
  assert.throws(() => compilePattern('x{1000}'.repeat(20)), (e: unknown) => e instanceof UserError && /too large/.test(e.message));
  assert.ok(compilePattern('\\p{L}'.repeat(100)).test('a'.repeat(100)));
  assert.ok(compilePattern('x{1000}').test('x'.repeat(1000)));
});
