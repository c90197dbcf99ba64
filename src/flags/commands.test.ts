import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { parseFlagArgs } from './commands.js';
import { flagsFeature } from './feature.js';

test('parseFlagArgs: NAME=VALUE, -set EXPR, -cancel N, and the pending list', () => {
  assert.deepEqual(parseFlagArgs(''), { kind: 'list' });
  assert.deepEqual(parseFlagArgs('batch=64'), { kind: 'edit', name: 'batch', value: '64' });
  assert.deepEqual(parseFlagArgs('-batch=64'), { kind: 'edit', name: 'batch', value: '64' });
  assert.deepEqual(parseFlagArgs('--region = us east '), { kind: 'edit', name: 'region', value: 'us east' });
  assert.deepEqual(parseFlagArgs('name='), { kind: 'edit', name: 'name', value: '' });
  assert.deepEqual(parseFlagArgs('name=a=b'), { kind: 'edit', name: 'name', value: 'a=b' });
  assert.deepEqual(parseFlagArgs('name=" padded\\n"'), { kind: 'edit', name: 'name', value: ' padded\n' });
  assert.deepEqual(parseFlagArgs('-set main.debugFlags mode=drain'), { kind: 'edit', setExpr: 'main.debugFlags', name: 'mode', value: 'drain' });
  assert.deepEqual(parseFlagArgs('-cancel 3'), { kind: 'cancel', id: 3 });
  assert.deepEqual(parseFlagArgs('-cancel #3'), { kind: 'cancel', id: 3 });
  assert.deepEqual(parseFlagArgs('-verbose'), { kind: 'edit', name: 'verbose', value: undefined });
  for (const bad of ['two words', '=5', 'two words=5', '-set main.debugFlags', '-cancel x', '-cancel', '-cancel 99999999999999999999', 'name="bad\\q"']) {
    assert.throws(() => parseFlagArgs(bad), UserError, bad);
  }
});

test('the flag commands have unique names and say how to use them', () => {
  const names = flagsFeature.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  assert.deepEqual(names, ['flags', 'flag', 'args', 'osargs', 'restart', 'rebuild', 'start']);
  for (const c of flagsFeature.commands) assert.ok(c.summary.endsWith('.') && c.summary.length < 160, c.name);
});

test('a quoted value with bytes that are not UTF-8 is refused in one sentence, not stored as U+FFFD', () => {
  assert.throws(() => parseFlagArgs('mode="dr\\xffain"'), (e: unknown) => e instanceof UserError && /holds bytes that are not UTF-8 text/.test(e.message) && !!e.hint);
  assert.equal((parseFlagArgs('mode="caf\\u00e9"') as { value: string }).value, 'café');
});
