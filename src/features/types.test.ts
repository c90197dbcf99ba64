import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState } from '../session/state.js';
import { whenRunning } from './types.js';

test("pause's reason: a halted target is said as halted, even when another gotui drives; a running one names the driver", () => {
  const base = { ...initialState('t'), runControlBlocked: 'alice drives' };
  assert.equal(whenRunning({ session: { ...base, status: 'stopped' } }), 'the target is stopped');
  assert.equal(whenRunning({ session: { ...base, status: 'running' } }), 'alice drives');
  assert.equal(whenRunning({ session: { ...base, status: 'running', runControlBlocked: undefined } }), undefined);
});
