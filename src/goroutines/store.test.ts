import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_QUERY, type GoroutineInfo } from './model.js';
import { snapshotKey, type Snapshot } from './snapshot.js';
import { GoroutineStore } from './store.js';

function snap(seq: number, groups: Record<string, number>): Snapshot {
  const list = Object.entries(groups).map(([name, total]) => ({ name, total, sample: [] }));
  const total = list.reduce((n, x) => n + x.total, 0);
  return { seq, source: 'rpc', query: DEFAULT_QUERY, key: snapshotKey(DEFAULT_QUERY), total, totalAll: total, groups: list, tooManyGroups: false, loadMs: 1, takenAt: 0 };
}

const member = (id: number): GoroutineInfo => {
  const l = { file: 'f.go', line: 1, fn: 'main.f' };
  return { id, status: 4, waitReason: 19, waitSince: 0, threadId: 0, user: l, current: l, go: l, start: l };
};

test('notifies subscribers and counts versions; each change is a new state object', () => {
  const store = new GoroutineStore();
  let calls = 0;
  const off = store.subscribe(() => calls++);
  const before = store.get();
  store.setLoading({ phase: 'groups' });
  assert.notEqual(store.get(), before);
  assert.equal(store.get().status, 'loading');
  assert.equal(store.version, 1);
  off();
  store.setRunning();
  assert.equal(calls, 1);
  assert.equal(store.get().status, 'running');
  assert.match(store.get().message!, /target is running/);
});

test('deltas are against the previous stop; a reload at the same stop keeps that baseline', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, { a: 10, b: 5 }), true);
  assert.equal(store.get().diff, undefined);
  store.setSnapshot(snap(2, { a: 30, b: 5 }), true);
  assert.equal(store.get().diff!.totalDelta, 20);
  store.setSnapshot(snap(3, { a: 30, b: 5 }), false);
  assert.equal(store.get().diff!.totalDelta, 20, 'same stop: still measured from stop 1');
  assert.deepEqual(
    store.get().rows.map((r) => [r.name, r.delta]),
    [
      ['a', 20],
      ['b', 0],
    ],
  );
});

test('selection follows the group by name across sorting, searching and new snapshots', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, { a: 1, b: 50, c: 10 }), true);
  assert.deepEqual(
    store.get().rows.map((r) => r.name),
    ['b', 'c', 'a'],
  );
  store.moveGroup(1);
  assert.equal(store.selectedRow()!.name, 'c');
  store.setSort('name');
  assert.equal(store.selectedRow()!.name, 'c');
  store.setSnapshot(snap(2, { a: 100, c: 10, d: 3 }), true);
  assert.equal(store.selectedRow()!.name, 'c');
  store.setSort('growth');
  assert.deepEqual(
    store.get().rows.map((r) => r.name),
    ['a', 'd', 'c', 'b'],
  );
  store.setSearch('zzz');
  assert.equal(store.get().rows.length, 0);
  assert.equal(store.selectedRow(), undefined);
  store.setSearch('');
  store.moveGroup(-99);
  assert.equal(store.selectedRow()!.name, 'a');
  store.moveGroup(99);
  assert.equal(store.selectedRow()!.name, 'b');
});

test('the members window holds only pages near the selection and asks for the missing ones', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, { big: 100_000 }), true);
  store.expand('big', 100_000, 200);
  assert.deepEqual(store.missingPages(60), [0]);
  store.setPageLoading('big', 0, true);
  assert.deepEqual(store.missingPages(60), []);
  store.setPage('big', 0, Array.from({ length: 200 }, (_, i) => member(i)));
  assert.equal(store.selectedMember()!.id, 0);
  store.moveMember(250);
  assert.deepEqual(store.missingPages(60), [1]);
  store.setPage('big', 1, Array.from({ length: 200 }, (_, i) => member(200 + i)));
  assert.equal(store.selectedMember()!.id, 250);
  store.moveMember(10_000);
  for (const p of store.missingPages(60)) store.setPage('big', p, [member(p)]);
  const held = [...store.get().expanded!.pages.keys()];
  assert.ok(!held.includes(0) && !held.includes(1), `far pages dropped, held ${held}`);
  store.moveMember(1_000_000);
  assert.equal(store.get().expanded!.selected, 99_999);
  store.setPage('other', 3, []);
  assert.equal(store.get().expanded!.pages.has(3), false, 'pages of a group no longer open are ignored');
  store.collapse();
  assert.equal(store.get().expanded, undefined);
  assert.equal(store.selectedMember(), undefined);
});

test('a group gone at a stop does not keep the cursor: it goes back to the first row', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, { 'a.go:1 in main.a': 32, 'b.go:2 in main.b': 4, 'c.go:3 in main.c': 1 }), true);
  store.moveGroup(2);
  assert.equal(store.selectedRow()!.name, 'c.go:3 in main.c');
  store.setSnapshot(snap(2, { 'a.go:1 in main.a': 32, 'b.go:2 in main.b': 4, 'd.go:4 in main.d': 1 }), true);
  assert.equal(store.get().selected, 0);
  assert.equal(store.selectedRow()!.name, 'a.go:1 in main.a');
  // A group still there keeps it.
  store.moveGroup(1);
  store.setSnapshot(snap(3, { 'a.go:1 in main.a': 31, 'b.go:2 in main.b': 5, 'd.go:4 in main.d': 1 }), true);
  assert.equal(store.selectedRow()!.name, 'b.go:2 in main.b');
});

test("the selected goroutine's group: found by its sampled members; an open group's cursor goes to it only when its loaded members hold it", () => {
  const store = new GoroutineStore();
  const s = snap(1, { workers: 32, main: 1 });
  s.groups.find((g) => g.name === 'workers')!.sample.push(member(4), member(5));
  s.groups.find((g) => g.name === 'main')!.sample.push(member(1));
  store.setSnapshot(s, true);
  store.expand('workers', 32, 200, 0);
  store.setPage('workers', 0, [member(4), member(5)]);
  assert.equal(store.selectMember(5), true);
  assert.equal(store.get().expanded!.selected, 1, 'the cursor on goroutine 5');
  assert.equal(store.selectMember(1), false);
  assert.equal(store.get().expanded!.selected, 1, 'the cursor stays');
  assert.equal(store.selectGroupOf(1), true);
  assert.equal(store.selectedRow()!.name, 'main');
  assert.equal(store.selectGroupOf(99), false, 'in no sample');
  assert.equal(store.selectedRow()!.name, 'main', 'the cursor stays');
});

test("a goroutine in no group's sample is found by the place its stack gives (trial V: :goroutine 5000 of 8,000 left the cursor elsewhere)", () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, { '/src/shop/main.go:27 in main.recvForever': 8000, '/src/shop/main.go:40 in main.sendForever': 6000 }), true);
  assert.equal(store.selectedRow()!.name, '/src/shop/main.go:27 in main.recvForever');
  assert.equal(store.selectGroupOf(5000, '/src/shop/main.go:40'), true);
  assert.equal(store.selectedRow()!.name, '/src/shop/main.go:40 in main.sendForever');
  assert.equal(store.selectGroupOf(5001, '/src/shop/main.go:4'), false, 'a place is matched whole, not as a prefix of another line');
});

test('after a restart no deltas are made against the old process, also by a reload at the same stop whose process is unknown', () => {
  const store = new GoroutineStore();
  store.setSnapshot({ ...snap(1, { a: 10 }), pid: 100 }, true);
  // The restart's stop read while Delve's State gave no pid yet: not the old process.
  store.setSnapshot(snap(2, { a: 12 }), true);
  assert.equal(store.get().diff, undefined);
  assert.equal(store.get().noDiff, 'restarted');
  // Read again at that stop, now with its pid: still no deltas against the old process.
  store.setSnapshot({ ...snap(3, { a: 12 }), pid: 200 }, false);
  assert.equal(store.get().diff, undefined);
  assert.equal(store.get().noDiff, 'restarted');
  // The next stop compares with the new process.
  store.setSnapshot({ ...snap(4, { a: 15 }), pid: 200 }, true);
  assert.equal(store.get().diff!.totalDelta, 3);
});
