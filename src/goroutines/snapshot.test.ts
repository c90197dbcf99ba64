import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_QUERY, type GoroutineInfo } from './model.js';
import {
  diffSnapshots,
  formatWaitSummary,
  groupRows,
  snapshotKey,
  stateText,
  summariseWaits,
  waitedNs,
  type Snapshot,
} from './snapshot.js';

const loc = (fn: string, line = 1) => ({ file: '/src/app/main.go', line, fn });

function g(id: number, over: Partial<GoroutineInfo> = {}): GoroutineInfo {
  return { id, status: 4, waitReason: 19, waitSince: 0, threadId: 0, user: loc('main.recv'), current: loc('runtime.gopark'), go: loc('main.main'), start: loc('main.recv'), ...over };
}

function snap(seq: number, groups: Record<string, number>, over: Partial<Snapshot> = {}): Snapshot {
  const list = Object.entries(groups).map(([name, total]) => ({ name, total, sample: [] }));
  const total = list.reduce((n, x) => n + x.total, 0);
  return { seq, source: 'rpc', query: DEFAULT_QUERY, key: snapshotKey(DEFAULT_QUERY), total, totalAll: total, groups: list, tooManyGroups: false, loadMs: 1, takenAt: 0, ...over };
}

test('diff: per group +N/-N, new groups, vanished groups, total', () => {
  const a = snap(1, { recv: 100, send: 50, sel: 10, old: 3 });
  const b = snap(2, { recv: 130, send: 50, sel: 7, fresh: 5 });
  const d = diffSnapshots(a, b)!;
  assert.equal(d.fromSeq, 1);
  assert.equal(d.totalDelta, 192 - 163);
  const rows = groupRows(b, d, { sort: 'name', search: '' });
  assert.deepEqual(
    rows.map((r) => [r.name, r.total, r.delta, r.change]),
    [
      ['fresh', 5, 5, 'new'],
      ['recv', 130, 30, 'grew'],
      ['sel', 7, -3, 'shrank'],
      ['send', 50, 0, 'same'],
      ['old', 0, -3, 'vanished'],
    ],
  );
});

test('no diff without a previous stop, or when it was grouped or filtered differently', () => {
  const b = snap(2, { recv: 1 });
  assert.equal(diffSnapshots(undefined, b), undefined);
  const other = { ...DEFAULT_QUERY, hideRuntime: true };
  assert.equal(diffSnapshots(snap(1, { recv: 1 }, { query: other, key: snapshotKey(other) }), b), undefined);
  assert.deepEqual(groupRows(b, undefined, { sort: 'count', search: '' })[0]!.delta, undefined);
});

test("no diff against another process's stop (a restart): its groups did not vanish, nor did the new ones move", () => {
  const before = snap(1, { worker: 32, gc: 4, 'main.report': 1 }, { pid: 100 });
  const after = snap(2, { worker: 32, gc: 4, 'main.main': 1 }, { pid: 200 });
  assert.equal(diffSnapshots(before, after), undefined);
  assert.equal(groupRows(after, diffSnapshots(before, after), { sort: 'count', search: '' }).some((r) => r.change === 'vanished'), false);
  // The same process, or two whose pids are not known (DAP's list): compared.
  assert.ok(diffSnapshots({ ...before, pid: 200 }, after));
  assert.ok(diffSnapshots({ ...before, pid: undefined }, { ...after, pid: undefined }));
  // One pid unknown (Delve's State gave none while a restart's process came up): not compared.
  assert.equal(diffSnapshots({ ...before, pid: undefined }, after), undefined);
});

test('with too many groups, a group missing from the list is not called vanished', () => {
  const d = diffSnapshots(snap(1, { a: 1, z: 2 }), snap(2, { a: 1 }, { tooManyGroups: true }))!;
  assert.deepEqual(d.vanished, []);
});

test('sorts by count, by growth and by name; vanished last except by growth', () => {
  const a = snap(1, { a: 10, b: 1000, c: 5, gone: 50 });
  const b = snap(2, { a: 500, b: 1001, c: 5, d: 20 });
  const d = diffSnapshots(a, b);
  const names = (sort: 'count' | 'growth' | 'name') => groupRows(b, d, { sort, search: '' }).map((r) => r.name);
  assert.deepEqual(names('count'), ['b', 'a', 'd', 'c', 'gone']);
  assert.deepEqual(names('growth'), ['a', 'd', 'b', 'c', 'gone']);
  assert.deepEqual(names('name'), ['a', 'b', 'c', 'd', 'gone']);
});

test("by name sorts groups by their function, not by the file path their name starts with; a function's groups by place", () => {
  const at = (file: string, line: number, fn: string) => ({ name: `${file}:${line} in ${fn}`, total: 1, sample: [], loc: { file, line, fn } });
  const s = { ...snap(1, {}), groups: [at('/app/a/z.go', 10, 'main.worker'), at('/usr/go/src/runtime/proc.go', 463, 'runtime.gopark'), at('/app/b/a.go', 3, 'main.accept'), at('/app/a/z.go', 4, 'main.worker')] };
  assert.deepEqual(groupRows(s, undefined, { sort: 'name', search: '' }).map((r) => `${r.loc!.fn}:${r.loc!.line}`), ['main.accept:3', 'main.worker:4', 'main.worker:10', 'runtime.gopark:463']);
});

test('search keeps groups whose name or wait reasons contain the text, any case', () => {
  const b = snap(1, { '/x/main.go:15 in main.recvLeak': 3, '/x/main.go:16 in main.sendLeak': 4, 'runtime.gopark': 1 });
  assert.deepEqual(
    groupRows(b, undefined, { sort: 'count', search: 'LEAK' }).map((r) => r.total),
    [4, 3],
  );
  assert.deepEqual(groupRows(b, undefined, { sort: 'count', search: '  ' }).length, 3);
  // What the row shows after the location: its goroutines' wait reasons.
  const waits = snap(1, { 'runtime.gopark': 2, 'main.worker': 1 }, { goMinor: 26 });
  waits.groups[0]!.sample.push(g(1), g(2, { waitReason: 0, status: 1 }));
  assert.deepEqual(groupRows(waits, undefined, { sort: 'count', search: 'CHAN rec' }).map((r) => r.name), ['runtime.gopark']);
});

test('state text: wait reasons by Go version, and the non-waiting states', () => {
  assert.equal(stateText(g(1), 26), 'chan receive');
  assert.equal(stateText(g(1), 24), 'sleep');
  assert.equal(stateText(g(1, { waitReason: 15 }), 26), 'chan receive (nil chan)');
  assert.equal(stateText(g(1), undefined), 'wait reason 19');
  assert.equal(stateText(g(1, { status: 2, waitReason: 0 }), 26), 'on a thread');
  assert.equal(stateText(g(1, { status: 1, waitReason: 19 }), 26), 'runnable');
  assert.equal(stateText(g(1, { status: 3, waitReason: 0 }), 26), 'syscall');
  assert.equal(stateText(g(1, { unreadable: 'bad g' }), 26), 'unreadable');
  // A cgo program's extra M keeps a dead goroutine (Go 1.26's _Gdeadextra), seen in the cgo-slice core.
  assert.equal(stateText(g(1, { status: 11, waitReason: 0 }), 26), 'dead (kept for cgo callbacks)');
  assert.equal(stateText(g(1, { status: 42, waitReason: 0 }), 26), 'status 42');
});

test('wait time: from waitSince against the target clock, unknown before a GC stamped it', () => {
  const clock = { nowNs: 500e9, source: 'local' as const };
  assert.equal(waitedNs(g(1, { waitSince: 320e9 }), clock), 180e9);
  assert.equal(waitedNs(g(1, { waitSince: 0 }), clock), undefined);
  assert.equal(waitedNs(g(1, { waitSince: 320e9 }), undefined), undefined);
  assert.equal(waitedNs(g(1, { waitSince: 600e9 }), clock), 0);
  // Halts a debugger held are not waits: the one that began before the goroutine blocked counts from its block.
  const halted = { ...clock, halts: [[100e9, 150e9], [300e9, 340e9], [400e9, 430e9]] as const };
  assert.equal(waitedNs(g(1, { waitSince: 320e9 }), halted), 180e9 - 20e9 - 30e9);
  assert.equal(waitedNs(g(1, { waitSince: 50e9 }), halted), 450e9 - 50e9 - 40e9 - 30e9);
});

test('wait summary: reasons by frequency, the longest wait, sampled or whole', () => {
  const clock = { nowNs: 1000e9, source: 'local' as const };
  const members = [
    ...Array.from({ length: 1203 }, (_, i) => g(i, { waitSince: i === 0 ? 800e9 : 0 })),
    g(5000, { waitReason: 20 }),
    g(5001, { status: 2, waitReason: 0, threadId: 9 }),
  ];
  const whole = summariseWaits(members, members.length, 26, clock);
  assert.deepEqual(whole.states[0], { text: 'chan receive', count: 1203 });
  assert.equal(formatWaitSummary(whole), 'chan receive ×1,203, chan send ×1, +1 more, waiting 3m+');
  assert.equal(formatWaitSummary(whole, 3), 'chan receive ×1,203, chan send ×1, on a thread ×1, waiting 3m+');
  const sample = summariseWaits(members.slice(0, 10), 100_000, 26, clock);
  assert.equal(formatWaitSummary(sample), 'chan receive ×10 (of 10 sampled), waiting 3m+');
  assert.equal(formatWaitSummary(summariseWaits([], 5, 26, clock)), '');
});

test('wait summary: a wait under a second is left out (`waiting 0s+` says nothing)', () => {
  const clock = { nowNs: 1000e9, source: 'local' as const };
  const fresh = Array.from({ length: 4 }, (_, i) => g(i, { waitSince: 999.5e9 }));
  assert.equal(formatWaitSummary(summariseWaits(fresh, 4, 26, clock)), 'chan receive ×4');
  assert.equal(formatWaitSummary(summariseWaits(fresh.slice(0, 2), 4, 26, clock)), 'chan receive ×2 (of 2 sampled)');
  const second = [g(1, { waitSince: 999e9 })];
  assert.equal(formatWaitSummary(summariseWaits(second, 1, 26, clock)), 'chan receive ×1, waiting 1s+');
});

test('a step moves a goroutine from one line\'s group to another\'s: "moved", not a new group and a vanished one', () => {
  const withIds = (seq: number, groups: Record<string, number[]>) =>
    snap(seq, {}, {
      groups: Object.entries(groups).map(([name, ids]) => ({ name, total: ids.length, sample: ids.map((id) => g(id)) })),
      total: Object.values(groups).flat().length,
      totalAll: Object.values(groups).flat().length,
    });
  const before = withIds(1, { 'main.go:136 main.format': [1], 'main.go:80 main.worker': [2, 3], 'main.go:90 main.old': [4] });
  const after = withIds(2, { 'main.go:137 main.format': [1], 'main.go:80 main.worker': [2, 3], 'main.go:95 main.fresh': [9] });
  const rows = groupRows(after, diffSnapshots(before, after), { sort: 'name', search: '' });
  assert.deepEqual(
    rows.map((r) => [r.name, r.total, r.change]),
    [
      ['main.go:137 main.format', 1, 'moved'],
      ['main.go:80 main.worker', 2, 'same'],
      ['main.go:95 main.fresh', 1, 'new'],
      // Goroutine 4 is gone (exited): its group vanished. Goroutine 1's old line is not listed as gone.
      ['main.go:90 main.old', 0, 'vanished'],
    ],
  );
  // A group whose goroutine went into a group there before: gone (-1), as the other grew (+1) (trial P: it just vanished).
  const joined = withIds(3, { 'main.go:137 main.format': [1], 'main.go:80 main.worker': [2, 3, 9] });
  assert.deepEqual(
    groupRows(joined, diffSnapshots(after, joined), { sort: 'name', search: '' }).map((r) => [r.name, r.total, r.delta, r.change]),
    [
      ['main.go:137 main.format', 1, 0, 'same'],
      ['main.go:80 main.worker', 3, 1, 'grew'],
      ['main.go:95 main.fresh', 0, -1, 'vanished'],
    ],
  );
});

test('the search finds a group by the function its goroutines started in, not only by where they wait (trial AQ: a deadlock in sync.(*Mutex).Lock)', () => {
  const lock = { file: '/usr/local/go/src/sync/mutex.go', line: 46, fn: 'sync.(*Mutex).Lock' };
  const s = snap(1, {});
  s.groups = [
    { name: '/usr/local/go/src/sync/mutex.go:46 in sync.(*Mutex).Lock', total: 2, loc: lock, sample: [g(7, { user: lock, start: loc('main.transferAB') }), g(8, { user: lock, start: loc('main.transferBA') })] },
    { name: '/src/app/main.go:1 in main.recv', total: 3, loc: loc('main.recv'), sample: [g(9)] },
  ];
  assert.deepEqual(groupRows(s, undefined, { sort: 'count', search: 'transfer' }).map((r) => r.loc?.fn), ['sync.(*Mutex).Lock']);
  assert.deepEqual(groupRows(s, undefined, { sort: 'count', search: 'main.recv' }).map((r) => r.loc?.fn), ['main.recv']);
});
