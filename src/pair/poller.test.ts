import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DelveRpcClient } from '../delve/rpc.js';
import { OWN_RUN_QUIET_MS, StatePoller } from './poller.js';

/** Delve's answers, timed: each look is a running target. */
function polled(): { rpc: DelveRpcClient; at: number[] } {
  const at: number[] = [];
  const rpc = { pollState: async () => (at.push(Date.now()), { Running: true }) } as unknown as DelveRpcClient;
  return { rpc, at };
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 1));
};

test('around its own step the poller looks no sooner than the quiet window; soon() looks at once', async () => {
  const { rpc, at } = polled();
  const p = new StatePoller(rpc, async () => undefined, 5);
  p.start();
  try {
    await until(() => at.length >= 2);
    p.quiet();
    const quietAt = Date.now();
    const before = at.length;
    await until(() => at.length > before + 1);
    // The one look that may already have been under way, then none until the window is over.
    const next = at.slice(before).find((t) => t >= quietAt + 2);
    assert.ok(next !== undefined && next - quietAt >= OWN_RUN_QUIET_MS - 1, `looked ${next! - quietAt} ms after quiet()`);
    p.quiet();
    const n = at.length;
    const asked = Date.now();
    p.soon();
    await until(() => at.length > n);
    assert.ok(at[n]! - asked < OWN_RUN_QUIET_MS, 'soon() ends the quiet');
  } finally {
    p.stop();
  }
});
