import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcBreakpoint } from '../delve/rpc.js';
import type { Breakpoint } from '../session/state.js';
import { disabledNote, dlvListing, othersOf } from './listing.js';

const rpc = (b: Partial<RpcBreakpoint> & Pick<RpcBreakpoint, 'id'>): RpcBreakpoint => ({
  name: '', addrs: [0x4d1f15], file: '/src/main.go', line: 73, functionName: 'main.main', Cond: '', HitCond: '', continue: false, WatchExpr: '', WatchType: 0, stacktrace: 0, hitCount: null, totalHitCount: 0, disabled: false, ...b,
});

test(":breakpoints in the dlv CLI's form: gotui's numbers (Delve's where they differ), Delve's addresses and hits, attributes under each; others' and Delve's own after", () => {
  const mine: Breakpoint[] = [
    { id: 1, kind: 'line', file: '/src/main.go', line: 73, verified: true, delveId: 5, condition: 'x > 1', hitCondition: '>= 2' },
    { id: 2, kind: 'line', file: '/src/main.go', line: 80, verified: true, delveId: 6, logMessage: 'n={n}' },
    { id: 3, kind: 'data', spec: 'n', watch: { expr: 'n', access: 'write', dataId: '1,0,n' }, verified: true, delveId: 7 },
    { id: 4, kind: 'function', spec: 'main.f', verified: false, disabled: true },
    { id: 5, kind: 'line', file: '/src/main.go', line: 90, verified: true, temporary: true, delveId: 9 },
  ];
  const server = [
    rpc({ id: -1, name: 'unrecovered-panic', addrs: [0x4505a4], file: '/go/src/runtime/panic.go', line: 1456, functionName: 'runtime.fatalpanic', variables: ['runtime.curg._panic.arg'] }),
    rpc({ id: 5, name: 'sourceBp Path="/src/main.go" Line=73', totalHitCount: 3, Cond: 'x > 1', HitCond: '>= 2' }),
    // A condition Delve holds that gotui's record lacks (a restore, a peer): Delve's, as the CLI prints it.
    rpc({ id: 6, addrs: [0x4d2000], line: 80, continue: true, totalHitCount: 25, Cond: 'n > 0' }),
    rpc({ id: 7, name: 'dataBreakpoint 1,0,n', addrs: [0xc000012345], file: '', line: 0, functionName: '', WatchExpr: 'n', WatchType: 2, totalHitCount: 1 }),
    rpc({ id: 8, name: 'sourceBp Path="/src/other.go" Line=3', addrs: [0x4d3000], file: '/src/other.go', line: 3, functionName: 'main.other', Cond: 'y' }),
    rpc({ id: 9, addrs: [0x4d4000], line: 90 }),
    rpc({ id: 10, name: 'sourceBp Path="/src/main.go" Line=99', addrs: [0x4d5000], line: 99 }),
    // Its hit condition met for good: Delve took it out of the code.
    rpc({ id: 11, addrs: [], line: 120, HitCond: '== 3', totalHitCount: 3 }),
    // The dlv CLI's watch: Delve names it by its expression, which is no name (trial AG: shown without other#12).
    rpc({ id: 12, name: '*main.batch', addrs: [0x5b0000], file: '', line: 0, functionName: '', WatchExpr: '*main.batch', WatchType: 2 }),
  ];
  // A pair peer said it set #10; nobody said who set #8 (the dlv CLI, an editor).
  // #2 was disabled and enabled: Delve counts 25 since, gotui 31 in all.
  const args: Parameters<typeof dlvListing>[0] = { mine, server, hits: (id) => (id === 1 ? 3 : id === 2 ? 31 : undefined), sinceEnabled: (id) => (id === 2 ? 25 : undefined), onHit: new Map([[1, ['print x']]]), owner: (id) => (id === 10 ? { by: 'alice', name: 'alice#2' } : undefined) };
  const lines = dlvListing(args);
  assert.ok(dlvListing({ ...args, hits: (id) => (id === 2 ? 1 : undefined), sinceEnabled: (id) => (id === 2 ? 0 : undefined) }).includes('\t1 hit in all: Delve counts from 0 again since it was enabled again'), 'one hit');
  assert.deepEqual(lines, [
    'Breakpoint 1 (enabled) at 0x4d1f15 for main.main() /src/main.go:73 (3) [Delve id 5]',
    '\tcond x > 1',
    '\tcond -hitcount >= 2',
    '\tprint x',
    'Tracepoint 2 (enabled) at 0x4d2000 for main.main() /src/main.go:80 (25) [Delve id 6]',
    '\tcond n > 0',
    '\t31 hits in all: Delve counts from 0 again since it was enabled again',
    '\tlog n={n}',
    'Watchpoint 3 on [n] (enabled) at 0xc000012345 (1) [Delve id 7]',
    '\twrite',
    'Breakpoint 4 (disabled) at main.f',
    'Breakpoint unrecovered-panic (enabled) at 0x4505a4 for runtime.fatalpanic() /go/src/runtime/panic.go:1456 (0)',
    '\tprint runtime.curg._panic.arg',
    'Breakpoint other#8 (enabled) at 0x4d3000 for main.other() /src/other.go:3 (0) [set by another client]',
    '\tcond y',
    'Breakpoint alice#2 (enabled) at 0x4d5000 for main.main() /src/main.go:99 (0) [set by alice]',
    'Breakpoint other#11 (enabled) at 0x0 for main.main() /src/main.go:120 (3) [set by another client]',
    '\tcond -hitcount == 3',
    'Watchpoint other#12 on [*main.batch] (enabled) at 0x5b0000 (0) [set by another client]',
  ]);
  // `:logpoints`: the tracepoints alone, in the same form (trial CD).
  const tracing = [...server, rpc({ id: 13, name: 'sourceBp Path="/src/main.go" Line=70', addrs: [0x4d6000], line: 70, continue: true, totalHitCount: 4 })];
  assert.deepEqual(dlvListing({ ...args, server: tracing, only: 'Tracepoint' }), [
    'Tracepoint 2 (enabled) at 0x4d2000 for main.main() /src/main.go:80 (25) [Delve id 6]',
    '\tcond n > 0',
    '\t31 hits in all: Delve counts from 0 again since it was enabled again',
    '\tlog n={n}',
    'Tracepoint other#13 (enabled) at 0x4d6000 for main.main() /src/main.go:70 (4) [set by another client]',
  ]);
});

test("a list read before Delve numbered gotui's own anew (a restart) does not make their old ids another client's", () => {
  const mine: Breakpoint[] = [{ id: 1, kind: 'function', spec: 'stock.go:12', file: '/src/stock.go', line: 12, verified: true, delveId: 11 }];
  const server = [rpc({ id: 1, name: 'functionBreakpoint Name=stock.go:12', line: 12 }), rpc({ id: 7, line: 80 })];
  assert.deepEqual(othersOf(mine, server).map((s) => s.id), [1, 7], 'without what gotui held, the old id reads as another client\'s');
  assert.deepEqual(othersOf(mine, server, new Set([1, 11])).map((s) => s.id), [7]);
  const listed = dlvListing({ mine, server, hits: () => 0, onHit: new Map(), former: new Set([1, 11]) });
  assert.ok(!listed.some((l) => /stock\.go:12.*set by/.test(l)), listed.join('\n'));
});

test('restored breakpoints saved disabled are said, with how to set them in Delve', () => {
  assert.equal(disabledNote([3]), '1 disabled: :enable 3 sets it in Delve');
  assert.equal(disabledNote([2, 4]), '2 disabled: :enable 2, :enable 4 set them in Delve');
});
