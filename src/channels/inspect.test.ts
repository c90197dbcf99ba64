import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcGoroutine, RpcVariable } from '../delve/rpc.js';
import { scanChannelWaiters } from './inspect.js';

const g = (id: number, status: number): RpcGoroutine => ({ id, status, waitReason: 15 }) as unknown as RpcGoroutine;
const ptr = (addr: number): RpcVariable => ({ kind: 22, children: [{ addr }] }) as unknown as RpcVariable;

// A stand-in for Delve: the state a real run shows only by chance (a sender woken by a receiver,
// not yet run: runnable, its wait reason and sudog still set, already off the channel's queue).
test('-group chan counts the goroutines waiting on a channel now, not one a partner has just woken', async () => {
  const rpc = {
    listGoroutines: async () => ({ Goroutines: [g(7, 1), g(8, 4)], Nextg: -1 }),
    eval: async (expr: string) => (expr.startsWith('runtime.curg') ? ptr(0x1000) : ({ children: [] } as unknown as RpcVariable)),
    getVersion: async () => ({ TargetGoVersion: 'go1.26' }),
  };
  const { groups } = await scanChannelWaiters(rpc as never, () => 'chan send');
  assert.deepEqual(groups.map((c) => [c.address, c.members.map((m) => m.id)]), [[0x1000, [8]]]);
});
