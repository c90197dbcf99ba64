import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffSeconds, Reconnector, type ReconnectState } from './reconnect.js';

test('backoff doubles from 1 s and stays at 30 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds), [1, 2, 4, 8, 16, 30, 30, 30]);
});

test('retries with a countdown until an attempt works; a reason is said once', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const shown: (ReconnectState | undefined)[] = [];
  const logged: string[] = [];
  let attempts = 0;
  let connected!: () => void;
  const done = new Promise<void>((r) => (connected = r));
  const rc = new Reconnector({
    attempt: async () => {
      attempts++;
      if (attempts < 3) throw new Error('Nothing is listening');
      connected();
    },
    show: (s) => shown.push(s),
    log: (text) => logged.push(text),
  });
  rc.start();
  const tick = async (ms: number) => {
    for (let i = 0; i < ms / 1000; i++) {
      await new Promise((r) => setImmediate(r));
      t.mock.timers.tick(1_000);
    }
    await new Promise((r) => setImmediate(r));
  };
  await tick(1_000);
  assert.equal(attempts, 1);
  await tick(2_000);
  assert.equal(attempts, 2);
  await tick(4_000);
  await done;
  assert.equal(attempts, 3);
  assert.equal(rc.active, false);
  assert.deepEqual(shown.filter(Boolean).map((s) => `${s!.attempt}:${s!.inSeconds}`), ['1:1', '1:0', '2:2', '2:1', '2:0', '3:4', '3:3', '3:2', '3:1', '3:0']);
  assert.equal(shown.at(-1), undefined, 'the countdown is gone once connected');
  assert.deepEqual(logged, ['Reconnecting failed (attempt 1): Nothing is listening']);
});

test(':reconnect skips the wait and gets the attempt\'s own error', async () => {
  let fail = true;
  const rc = new Reconnector({
    attempt: async () => {
      if (fail) throw new Error('still down');
    },
    show: () => undefined,
    log: () => undefined,
  });
  rc.start();
  await assert.rejects(rc.now(), /still down/);
  fail = false;
  await rc.now();
  assert.equal(rc.active, false);
  rc.stop();
});
