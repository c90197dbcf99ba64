import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { parseCount } from './run-control.js';

test(':next N and :step N take a count from 1 to 10,000; nothing is 1', () => {
  assert.equal(parseCount('', 'next [N]'), 1);
  assert.equal(parseCount(' 3 ', 'next [N]'), 3);
  assert.equal(parseCount('10000', 'next [N]'), 10_000);
  for (const bad of ['0', '-1', '10001', 'x', '1.5', '99999999999']) assert.throws(() => parseCount(bad, 'next [N]'), UserError, bad);
});
