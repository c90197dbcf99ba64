import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { parseWatchArgs } from './commands.js';

test(':watch takes the dlv CLI\'s flags; -w is the default', () => {
  assert.deepEqual(parseWatchArgs('n'), { access: 'write', expr: 'n' });
  assert.deepEqual(parseWatchArgs('-r o.ID'), { access: 'read', expr: 'o.ID' });
  assert.deepEqual(parseWatchArgs('-rw *(*int)(0xc000012345)'), { access: 'readWrite', expr: '*(*int)(0xc000012345)' });
  assert.deepEqual(parseWatchArgs('-w  counter '), { access: 'write', expr: 'counter' });
  for (const bad of ['', '-x n', '-w']) assert.throws(() => parseWatchArgs(bad), UserError, bad);
});
