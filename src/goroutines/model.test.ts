import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcGoroutine } from '../delve/rpc.js';
import { DEFAULT_QUERY, groupMembershipFilter, groupNameOf, groupPlace, isRuntimeGoroutine, parseLocName, rpcFilters, toGoroutineInfo } from './model.js';

const at = (file: string, line: number, fn?: string) => ({ pc: 1, file, line, ...(fn ? { function: { name: fn } } : {}) });

const rpcG: RpcGoroutine = {
  id: 9,
  currentLoc: at('/go/src/runtime/proc.go', 463, 'runtime.gopark'),
  userCurrentLoc: at('/app/main.go', 15, 'main.recvLeak'),
  goStatementLoc: at('/app/main.go', 29, 'main.main'),
  startLoc: at('/app/main.go', 14),
  threadID: 0,
  status: 4,
  waitSince: 5,
  waitReason: 19,
  unreadable: '',
  labels: { worker: 'recv' },
};

test("names groups as Delve's GroupGoroutines does", () => {
  const g = toGoroutineInfo(rpcG);
  assert.equal(groupNameOf(g, { by: 'userloc' }), '/app/main.go:15 in main.recvLeak');
  assert.equal(groupNameOf(g, { by: 'curloc' }), '/go/src/runtime/proc.go:463 in runtime.gopark');
  assert.equal(groupNameOf(g, { by: 'goloc' }), '/app/main.go:29 in main.main');
  assert.equal(groupNameOf(g, { by: 'startloc' }), '/app/main.go:14 in ?');
  assert.equal(groupNameOf(g, { by: 'label', labelKey: 'worker' }), 'worker=recv');
  assert.equal(groupNameOf(g, { by: 'label', labelKey: 'tenant' }), 'tenant=');
  assert.equal(groupNameOf(g, { by: 'running' }), 'running=false');
  assert.equal(groupNameOf(g, { by: 'user' }), 'user=true');
  assert.deepEqual(parseLocName('/app/main.go:15 in main.recvLeak'), { file: '/app/main.go', line: 15, fn: 'main.recvLeak' });
  assert.equal(parseLocName('worker=recv'), undefined);
});

test("classifies runtime goroutines as Delve's G.System does", () => {
  const g = toGoroutineInfo(rpcG);
  for (const [fn, runtime] of [
    ['runtime.gcBgMarkWorker', true],
    ['runtime.main', false],
    ['runtime.handleAsyncEvent', false],
    ['main.recv', false],
    ['?', false],
  ] as const) {
    assert.equal(isRuntimeGoroutine({ ...g, start: { file: '', line: 0, fn } }), runtime, fn);
  }
});

test('selects a group server-side, and sends hide-runtime as the user filter', () => {
  assert.deepEqual(groupMembershipFilter({ by: 'running' }, 'running=false'), { field: 'running', arg: '', negated: true });
  assert.deepEqual(groupMembershipFilter({ by: 'user' }, 'user=true'), { field: 'user', arg: '', negated: false });
  assert.deepEqual(groupMembershipFilter({ by: 'label', labelKey: 'w' }, 'w=x'), { field: 'label', arg: 'w=x', negated: false });
  assert.deepEqual(groupMembershipFilter({ by: 'goloc' }, '/a.go:3 in main.main'), { field: 'goloc', arg: '/a.go:3 in main.main', negated: false });
  assert.deepEqual(rpcFilters({ ...DEFAULT_QUERY, hideRuntime: true, filters: [{ field: 'running', arg: 'ignored', negated: true }] }), [
    { Kind: 6, Negated: true, Arg: '' },
    { Kind: 7, Negated: false, Arg: '' },
  ]);
});

test("a goroutine's group place from its stack, as Delve's UserCurrent picks the frame: the runtime's own and internal/ frames skipped", () => {
  const frames = [
    { name: 'runtime.gopark', file: '/go/src/runtime/proc.go', line: 463 },
    { name: 'runtime.semacquire1', file: '/go/src/runtime/sema.go', line: 160 },
    { name: 'internal/sync.(*Mutex).lockSlow', file: '/go/src/internal/sync/mutex.go', line: 149 },
    { name: 'sync.(*Mutex).Lock', file: '/go/src/sync/mutex.go', line: 46 },
    { name: 'main.lockForever', file: '/src/shop/main.go', line: 52 },
  ];
  assert.equal(groupPlace(frames, 'userloc'), '/go/src/sync/mutex.go:46');
  assert.equal(groupPlace(frames, 'curloc'), '/go/src/runtime/proc.go:463');
  assert.equal(groupPlace([{ name: 'runtime.Gosched', file: '/go/src/runtime/proc.go', line: 9 }], 'userloc'), '/go/src/runtime/proc.go:9', "an exported runtime function is the user's");
  assert.equal(groupPlace(frames, 'startloc'), undefined);
});
