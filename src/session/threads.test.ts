import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseGoroutine } from './threads.js';

const isUser = (loc: string) => loc.startsWith('main.');
const t = (id: number, name: string) => ({ id, name });

test('a stop that names no goroutine shows the current one, then one running user code on a thread', () => {
  assert.equal(chooseGoroutine([t(4, '[Go 4] main.worker'), t(7, '* [Go 7] runtime.gopark')], isUser), 7);
  assert.equal(chooseGoroutine([t(4, '[Go 4] main.worker'), t(1, '[Go 1] time.Sleep'), t(9, '[Go 9] main.crunch (Thread 812)')], isUser), 9);
});

test('without one running, main is shown rather than a worker parked in user code (a step there may never end)', () => {
  assert.equal(chooseGoroutine([t(4, '[Go 4] main.worker'), t(5, '[Go 5] main.worker'), t(1, '[Go 1] time.Sleep')], isUser), 1);
  assert.equal(chooseGoroutine([t(4, '[Go 4] main.worker'), t(6, '[Go 6] runtime.gcBgMarkWorker (Thread 3)')], isUser), 6);
  assert.equal(chooseGoroutine([t(3, '[Go 3] runtime.gopark'), t(4, '[Go 4] main.worker')], isUser), 4);
  assert.equal(chooseGoroutine([], isUser), undefined);
});
