import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoroutinesController } from './controller.js';
import { DEFAULT_QUERY } from './model.js';
import { goroutinesView } from './pane.js';
import { snapshotKey, type Snapshot } from './snapshot.js';
import type { SessionState } from '../session/state.js';
import { labelText } from '../core/text.js';
import { frameRows } from '../ui/frame.js';

function snap(count: number): Snapshot {
  const groups = Array.from({ length: count }, (_, i) => ({ name: `/home/u/svc/main.go:${i + 1} in main.f${i}`, total: 100 - i, sample: [], loc: { file: '/home/u/svc/main.go', line: i + 1, fn: `main.f${i}` } }));
  const total = groups.reduce((n, g) => n + g.total, 0);
  return { seq: 1, source: 'rpc', query: DEFAULT_QUERY, key: snapshotKey(DEFAULT_QUERY), total, totalAll: total, groups, tooManyGroups: false, loadMs: 1, takenAt: 0 };
}

function view(g: GoroutinesController, height: number, stale = false, width = 60) {
  const session = { status: stale ? 'running' : 'stopped', stop: { number: 7 } } as unknown as SessionState;
  return goroutinesView({ model: g, rect: { x: 0, y: 0, width, height }, focused: true, session, stale });
}

test('the title says where the cursor is among how many groups, so a list cut by the pane says so', () => {
  const g = new GoroutinesController({ kind: 'dap', threads: async () => [], reason: 'test' });
  g.store.setSnapshot(snap(8), true);
  const small = view(g, 6);
  // Four rows of groups fit under the header: the other four are cut, and the title counts them.
  assert.equal(small.rows.length, 4);
  assert.equal(labelText(small.note), '1/8');
  g.store.moveGroup(5);
  assert.equal(labelText(view(g, 6).note), '6/8');
  assert.equal(labelText(view(g, 6, true).note), '6/8 · from stop 7');
  // An open group is named as its rows name it, not by Delve's absolute path.
  g.store.expand(g.store.selectedRow()!.name, 95, 200, 3);
  assert.equal(labelText(view(g, 6).note), 'group svc/main.go:6 main.f5 · 4/95');
  // On a narrow pane (80x24) the group's name gives way, not the place.
  const top = frameRows(view(g, 6), { x: 0, y: 0, width: 34, height: 6 }, { title: 'Goroutines', focused: true, index: 2 })[0]!.map((s) => s.text).join('');
  assert.equal(top, '┌─ 2 Goroutines · group… · 4/95 ─┐');
});

test('80x24, a group of 10,007 open: the place stays whole, the group\'s name goes when even its first letters leave no room', () => {
  const g = new GoroutinesController({ kind: 'dap', threads: async () => [], reason: 'test' });
  g.store.setSnapshot(snap(8), true);
  const top = (selected: number) => {
    g.store.expand(g.store.selectedRow()!.name, 10_007, 200, selected);
    return frameRows(view(g, 6), { x: 0, y: 0, width: 34, height: 6 }, { title: 'Goroutines', focused: true, index: 2 })[0]!.map((s) => s.text).join('');
  };
  // Was `group… · 1/10…` and, after G, `group… · 1000…`.
  assert.equal(top(0), '┌─ 2 Goroutines · 1/10007 ───────┐');
  assert.equal(top(10_006), '┌─ 2 Goroutines · 10007/10007 ───┐');
  const wider = frameRows(view(g, 6), { x: 0, y: 0, width: 44, height: 6 }, { title: 'Goroutines', focused: true, index: 2 })[0]!.map((s) => s.text).join('');
  // Where some of the name fits, it keeps its start.
  assert.equal(wider, '┌─ 2 Goroutines · group svc… · 10007/10007 ┐');
});

test('rows read at an earlier stop, while this one loads (a burst of steps), are dimmed and named for their stop', () => {
  const g = new GoroutinesController({ kind: 'dap', threads: async () => [], reason: 'test' });
  g.store.setSnapshot(snap(3), true, 5);
  g.store.setLoading({ phase: 'groups' });
  const v = view(g, 6);
  assert.equal(v.stale, true);
  assert.equal(v.loading, true);
  assert.equal(labelText(v.note), '1/3 · from stop 5');
  g.store.setSnapshot(snap(3), true, 7);
  const now = view(g, 6);
  assert.equal(now.stale, false, 'read at the stop shown: not dimmed');
  assert.equal(labelText(now.note), '1/3');
});

test('80x24: a search that finds no group says so in rows the pane cuts with …, not mid-sentence unmarked (trial BA)', () => {
  const g = new GoroutinesController({ kind: 'dap', threads: async () => [], reason: 'test' });
  g.store.setSnapshot(snap(8), true);
  g.store.setSearch('nosuchthing');
  const rows = frameRows(view(g, 7, false, 34), { x: 0, y: 0, width: 34, height: 7 }, { title: 'Goroutines', focused: true, index: 2 }).map((r) => r.map((s) => s.text).join(''));
  assert.equal(rows.length, 7);
  assert.match(rows[1]!, /nosuchthing: 0/);
  // Five rows inside the frame: the header and four of the sentence's, the last ending in … where it is cut.
  assert.equal(rows[5]!, '│startloc nosuchthing asks every…│');
  // Tall enough, the whole sentence, no mark.
  const tall = frameRows(view(g, 14, false, 34), { x: 0, y: 0, width: 34, height: 14 }, { title: 'Goroutines', focused: true, index: 2 }).map((r) => r.map((s) => s.text).join(''));
  assert.ok(!tall.some((r) => r.includes('…')), tall.join('\n'));
  assert.match(tall.join('\n'), /all groups\./);
});
