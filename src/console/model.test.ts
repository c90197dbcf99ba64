import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { ConsoleModel } from './model.js';

test("the command row's error is history once the wheel changes hands (a refusal for who drove), as at a stop", () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.restrict({ runControl: 'bob drives' });
  model.append('restart is not available: bob drives.', 'error');
  assert.equal(model.get().lastError, 'restart is not available: bob drives.');
  // Something else changing in the session keeps it.
  session.restrict({ runControl: 'bob drives', readOnly: undefined });
  assert.equal(model.get().lastError, 'restart is not available: bob drives.');
  session.restrict({});
  assert.equal(model.get().lastError, undefined);
  assert.ok(model.get().lines.some((l) => l.text === 'restart is not available: bob drives.'), 'the console keeps it');
});
