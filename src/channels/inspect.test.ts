import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcGoroutine, RpcVariable } from '../delve/rpc.js';
import { holderOf, scanChannelWaiters } from './inspect.js';

const g = (id: number, status: number): RpcGoroutine => ({ id, status, waitReason: 15, userCurrentLoc: { pc: 0x40 } }) as unknown as RpcGoroutine;
const ptr = (addr: number): RpcVariable => ({ kind: 22, children: [{ addr }] }) as unknown as RpcVariable;

// A stand-in for Delve: the state a real run shows only by chance (a sender woken by a receiver,
// not yet run: runnable, its wait reason and sudog still set, already off the channel's queue).
test('-group chan counts the goroutines waiting on a channel now, not one a partner has just woken', async () => {
  const rpc = {
    listGoroutines: async () => ({ Goroutines: [g(7, 1), g(8, 4)], Nextg: -1 }),
    eval: async (expr: string) => (expr.startsWith('runtime.curg') ? ptr(0x1000) : ({ children: [] } as unknown as RpcVariable)),
    getVersion: async () => ({ TargetGoVersion: 'go1.26' }),
    stackPcs: async () => [],
    frameVars: async () => [],
    packageVars: async () => [],
  };
  const { groups } = await scanChannelWaiters(rpc as never, () => 'chan send');
  assert.deepEqual(groups.map((c) => [c.address, c.members.map((m) => m.id)]), [[0x1000, [8]]]);
});

// The scopes and lists a real run gives (the pipeline demo's, at the integration test's stop), to
// check the rule: the waiter's own frame first, then its package, else no name.
test('-group chan names a channel by the variable its first waiter holds it in, else by a package variable, else not at all', async () => {
  const waiter = (id: number, pc: number, fn: string): RpcGoroutine => ({ id, status: 4, waitReason: 15, userCurrentLoc: { pc, function: { name: fn } } }) as unknown as RpcGoroutine;
  const chan = (name: string, base: number): RpcVariable => ({ name, kind: 18, base }) as unknown as RpcVariable;
  const at = new Map([[7, 0x1000], [8, 0x2000], [9, 0x3000]]);
  const asked: string[] = [];
  const rpc = {
    listGoroutines: async () => ({ Goroutines: [waiter(7, 0x40, 'main.produce'), waiter(8, 0x50, 'main.watch'), waiter(9, 0x60, 'example.com/q.(*Pool).run')], Nextg: -1 }),
    eval: async (expr: string, o: { scope: { GoroutineID: number } }) => (expr.startsWith('runtime.curg') ? ptr(at.get(o.scope.GoroutineID)!) : ({ children: [] } as unknown as RpcVariable)),
    getVersion: async () => ({ TargetGoVersion: 'go1.26' }),
    // The waiting function is the third frame (under gopark and chansend).
    stackPcs: async (id: number) => [0x1, 0x2, { 7: 0x40, 8: 0x50, 9: 0x60 }[id]!],
    frameVars: async (scope: { GoroutineID: number; Frame: number }, o: { fields: boolean }) => {
      asked.push(`frame ${scope.GoroutineID}/${scope.Frame}${o.fields ? ' fields' : ''}`);
      return scope.GoroutineID === 7 ? [{ name: 'p', kind: 2 }, chan('queue', 0x1000)] : [chan('other', 0x9999)];
    },
    packageVars: async (pkg: string, _prefix: string, o: { fields: boolean }) => {
      asked.push(`package ${pkg}${o.fields ? ' fields' : ''}`);
      return pkg === 'main' ? [chan('main.idle', 0x2000)] : [];
    },
  };
  const { groups } = await scanChannelWaiters(rpc as never, () => 'chan receive');
  assert.deepEqual(groups.map((c) => [c.address, c.name]), [[0x1000, 'queue'], [0x2000, 'main.idle'], [0x3000, undefined]]);
  assert.deepEqual(asked, ['frame 7/2', 'frame 8/2', 'package main', 'frame 9/2', 'package example.com/q', 'frame 9/2 fields', 'package example.com/q fields']);
});

test("a channel a struct holds is named by the field, through a pointer too (trial BG: a service's done channel had only its address)", () => {
  const chan = (name: string, base: number): RpcVariable => ({ name, kind: 18, base }) as unknown as RpcVariable;
  const struct = (name: string, fields: RpcVariable[]): RpcVariable => ({ name, kind: 25, children: fields }) as unknown as RpcVariable;
  const vars = [{ name: 'n', kind: 2 } as unknown as RpcVariable, { name: 's', kind: 22, children: [struct('', [chan('in', 0x10), chan('done', 0x20)])] } as unknown as RpcVariable, struct('main.svc', [chan('quit', 0x30)])];
  assert.equal(holderOf(vars, 0x20, true), 's.done');
  assert.equal(holderOf(vars, 0x30, true), 'main.svc.quit');
  assert.equal(holderOf(vars, 0x20, false), undefined, 'not a variable itself');
  assert.equal(holderOf([chan('jobs', 0x40)], 0x40, false), 'jobs');
});
