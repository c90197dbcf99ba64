import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { logExpressions } from './logformat.js';

test("log messages as Delve parses them: {expr} interpolated, braces paired, nested braces inside an expression", () => {
  assert.deepEqual(logExpressions('order {o.ID} total {total}'), ['o.ID', 'total']);
  assert.deepEqual(logExpressions('plain text'), []);
  assert.deepEqual(logExpressions('{ m[struct{}{}] }'), ['m[struct{}{}]']);
  for (const bad of ['a } b', '{x', '{}', '{  }']) assert.throws(() => logExpressions(bad), (e: unknown) => e instanceof UserError && !!e.hint, bad);
});
