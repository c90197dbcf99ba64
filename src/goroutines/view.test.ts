import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_QUERY, type GoroutineInfo } from './model.js';
import { snapshotKey, type GroupInfo, type Snapshot } from './snapshot.js';
import { GoroutineStore } from './store.js';
import { fit, goroutineDetail, groupsText, renderGroupLines, renderMemberLines, scrollTop } from './view.js';

const loc = (fn: string, line: number) => ({ file: '/home/u/svc/leak/main.go', line, fn });

function member(id: number, over: Partial<GoroutineInfo> = {}): GoroutineInfo {
  const l = loc('main.recvLeak', 15);
  return { id, status: 4, waitReason: 19, waitSince: 100e9, threadId: 0, user: l, current: loc('runtime.gopark', 463), go: loc('main.main', 40), start: l, ...over };
}

function group(fn: string, line: number, total: number, sample: GoroutineInfo[] = []): GroupInfo {
  const l = loc(fn, line);
  return { name: `${l.file}:${l.line} in ${l.fn}`, total, sample, loc: l };
}

function snap(seq: number, groups: GroupInfo[], over: Partial<Snapshot> = {}): Snapshot {
  const total = groups.reduce((n, g) => n + g.total, 0);
  return {
    seq,
    source: 'rpc',
    query: DEFAULT_QUERY,
    key: snapshotKey(DEFAULT_QUERY),
    total,
    totalAll: total,
    groups,
    tooManyGroups: false,
    goMinor: 26,
    clock: { nowNs: 300e9, source: 'local' },
    loadMs: 1,
    takenAt: 0,
    ...over,
  };
}

test('group lines: header with total and delta, rows with counts, deltas, marks and wait summaries', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 100_000, [member(1)]), group('main.old', 9, 4)]), true);
  store.setSnapshot(
    snap(2, [group('main.recvLeak', 15, 103_000, [member(1)]), group('main.sendLeak', 16, 75, [member(2, { waitReason: 20, waitSince: 0 })])]),
    true,
  );
  const lines = renderGroupLines(store.get(), 200, 10);
  assert.deepEqual(
    lines.map((l) => [l.text, l.mark, l.selected]),
    [
      ['103,075 goroutines (+3,071 since the last stop) · -group userloc · by count', 'header', undefined],
      ['103,000 +3,000  leak/main.go:15 main.recvLeak  chan receive ×1 (of 1 sampled), waiting 3m+', 'grew', true],
      ['     75    new  leak/main.go:16 main.sendLeak  chan send ×1 (of 1 sampled)', 'new', false],
      ['      0     -4  leak/main.go:9 main.old  (none now)', 'vanished', false],
    ],
  );
  // Narrow (80x24): the function before its place, cut from its start so that the line stays (trial AC: `main.watch main.go…`);
  // the cursor row's waits, with no room on it, on a row of their own under it (trial CK: dropped unmarked).
  assert.deepEqual(renderGroupLines(store.get(), 32, 10).slice(1).map((l) => l.text.trimEnd()), ['103,000 +3,000  …Leak main.go:15', '  chan receive ×1 (of 1 sampled…', '     75    new  …Leak main.go:16', '      0     -4  …old main.go:9']);
  store.moveGroup(1);
  assert.deepEqual(renderGroupLines(store.get(), 32, 10).slice(1).map((l) => l.text.trimEnd()), ['103,000 +3,000  …Leak main.go:15', '     75    new  …Leak main.go:16', '  chan send ×1 (of 1 sampled)', '      0     -4  …old main.go:9']);
  assert.equal(renderGroupLines(store.get(), 32, 3).length, 3, 'the row under the cursor counts in the height');
});

test('x while a stop\'s groups load: said, not Loading for good; the next read says which stop its deltas are against (trial AE)', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.watch', 15, 100)]), true, 1);
  // Stop 2: its load is under way when x stops it.
  store.setLoading({ phase: 'groups' });
  store.setCancelled();
  const lines = renderGroupLines(store.get(), 200, 5);
  assert.equal(lines[0]!.text, 'Reading stopped (x); :goroutines reads again. Below: the last groups read.');
  assert.equal(lines[0]!.mark, 'note');
  assert.equal(lines[1]!.text, '100  leak/main.go:15 main.watch');
  // Stop 3 read by :goroutines (not a stop's own load): against stop 1, the last read, and said so.
  store.setSnapshot(snap(3, [group('main.watch', 15, 130)]), false, 3);
  assert.equal(renderGroupLines(store.get(), 200, 5)[0]!.text, '130 goroutines (+30 since stop 1) · -group userloc · by count');
  store.setSnapshot(snap(4, [group('main.watch', 15, 131)]), true, 4);
  assert.equal(renderGroupLines(store.get(), 200, 5)[0]!.text, '131 goroutines (+1 since the last stop) · -group userloc · by count');
  // Nothing loading: x changes nothing.
  store.setCancelled();
  assert.equal(store.get().status, 'ready');
});

test("a narrow pane (80x24): a generic function's group shows its name with […] for its shapes, not a shape's end (trial AP)", () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.Filter[go.shape.struct { main.Base; Owner string; Tags []string }]', 43, 8)]), true);
  const rows = renderGroupLines(store.get(), 32, 5).map((l) => l.text.trimEnd());
  assert.ok(rows.some((l) => /^8 .* main\.Filter\[…\] main\.go:43$/.test(l)), rows.join('\n'));
  // Wide too: the shapes filled the row, whatever came after them cut (trial AT).
  const wide = renderGroupLines(store.get(), 120, 5).map((l) => l.text.trimEnd());
  assert.ok(wide.some((l) => /^8 .*main\.go:43 main\.Filter\[…\]$/.test(l)), wide.join('\n'));
});

test('a narrow pane (80x24) gets the header in short words: the count, its change and the sort still shown', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 100)]), true);
  store.setSnapshot(snap(2, [group('main.recvLeak', 15, 103)]), true);
  store.setSort('growth');
  assert.equal(renderGroupLines(store.get(), 32, 5)[0]!.text, '103 goroutines (+3) · by growth');
  // Fewer than all (R hides the runtime's) and too long even so: the count of all gives way, the sort stays (trial AC).
  const hidden = new GoroutineStore();
  const query = { ...DEFAULT_QUERY, hideRuntime: true };
  hidden.setSnapshot(snap(1, [group('main.watch', 121, 37_327)], { totalAll: 37_333, query, key: snapshotKey(query) }), true);
  hidden.setSnapshot(snap(2, [group('main.watch', 121, 37_971)], { totalAll: 37_977, query, key: snapshotKey(query) }), true);
  assert.equal(renderGroupLines(hidden.get(), 32, 5)[0]!.text, '37,971 (+644) · by count · no r…');
  assert.equal(renderGroupLines(hidden.get(), 60, 5)[0]!.text, '37,971 goroutines of 37,977 (+644) · no runtime · by count');
  assert.equal(renderGroupLines(store.get(), 50, 5)[0]!.text, '103 goroutines (+3) · -group userloc · by growth', 'the grouping kept where it fits');
  const filtered = { ...DEFAULT_QUERY, filters: [{ negated: false, field: 'user' as const, arg: '' }] };
  store.setSnapshot(snap(3, [group('main.recvLeak', 15, 103)], { query: filtered, key: snapshotKey(filtered) }), true);
  assert.match(renderGroupLines(store.get(), 70, 5)[0]!.text, /^103 goroutines · -group userloc -with user · by growth \(no deltas\)$/, 'a query other than the usual one is kept');
  assert.equal(renderGroupLines(store.get(), 200, 5)[0]!.text, '103 goroutines · -group userloc -with user · by growth (no deltas: previous stop read with other settings)', 'in full where it fits');
  // Narrower still, another grouping: the count, the sort, then the grouping (what the rows are).
  const startloc = { ...DEFAULT_QUERY, grouping: { by: 'startloc' as const } };
  store.setSnapshot(snap(4, [group('main.recvLeak', 15, 882)], { query: startloc, key: snapshotKey(startloc) }), true);
  store.setSort('count');
  assert.equal(renderGroupLines(store.get(), 32, 5)[0]!.text, '882 · by count · startloc');
  // With a filter after the grouping, the grouping keeps its -group (trial AM: `userloc -with userloc …`).
  store.setSnapshot(snap(4, [group('main.recvLeak', 15, 103)], { query: filtered, key: snapshotKey(filtered) }), true);
  assert.equal(renderGroupLines(store.get(), 50, 5)[0]!.text, '103 · by count · -group userloc -with user');
  // The usual grouping goes unsaid in the fewest words too (a search made the header longer).
  store.setSnapshot(snap(5, [group('main.recvLeak', 15, 882)]), true);
  store.setSearch('chan receive');
  assert.equal(renderGroupLines(store.get(), 33, 5)[0]!.text, '882 · /chan receive: 0 · by count');
  // A search that lists fewer than the count says how many it shows, first where the pane is narrow.
  store.setSnapshot(snap(6, [group('main.recvLeak', 15, 882), group('main.sendLeak', 16, 40)]), true);
  store.setSearch('recv');
  assert.equal(renderGroupLines(store.get(), 40, 5)[0]!.text, '922 (+40) · /recv: 882 · by count');
  assert.equal(renderGroupLines(store.get(), 200, 5)[0]!.text, '922 goroutines (+40 since the last stop) · -group userloc · by count · /recv: 882 in 1 group');
});

test("a search says what it found groups by when a group matched only by what its goroutines wait on; a goroutine selected outside the groups it shows is said (trial CD: /idle found a runtime group waiting on \"force gc (idle)\", and hid the stop's goroutine unsaid)", () => {
  const store = new GoroutineStore();
  const idle = group('main.idle', 9, 8, [member(20, { user: loc('main.idle', 9), start: loc('main.idle', 8) })]);
  const park = group('runtime.gopark', 463, 4, [member(2, { waitReason: 11, start: loc('runtime.forcegchelper', 300) }), member(3, { waitReason: 28, start: loc('runtime.gcBgMarkWorker', 1400) })]);
  const main = group('main.main', 40, 1, [member(1, { status: 2, waitReason: 0, user: loc('main.main', 40), start: loc('runtime.main', 200) })]);
  store.setSnapshot(snap(1, [main, park, idle]), true);
  store.setGoroutine(1);
  store.setSearch('idle');
  // Found by its place first, then by wait reason.
  assert.deepEqual(store.get().rows.map((r) => [r.loc?.fn, r.matched]), [['main.idle', 'location'], ['runtime.gopark', 'wait']]);
  const wide = renderGroupLines(store.get(), 200, 10);
  assert.match(wide[0]!.text, / · \/idle: 8 by location, 4 by wait reason$/);
  assert.equal(renderGroupLines(store.get(), 40, 10)[0]!.text, '13 · /idle: 8 by location, 4 by wait · …');
  assert.equal(wide[1]!.text, 'goroutine 1 is not in /idle: Esc clears the search');
  assert.equal(wide[1]!.mark, 'note');
  // Found only by what they wait on: no `0 by location`.
  store.setSearch('force gc');
  assert.match(renderGroupLines(store.get(), 200, 10)[0]!.text, / · \/force gc: 4 by wait reason$/);
  store.setSearch('idle');
  // The goroutine in a group shown: nothing said.
  store.setGoroutine(20);
  assert.doesNotMatch(renderGroupLines(store.get(), 200, 10).map((l) => l.text).join('\n'), /is not in/);
  // No search: nothing said either.
  store.setGoroutine(1);
  store.setSearch('');
  assert.doesNotMatch(renderGroupLines(store.get(), 200, 10).map((l) => l.text).join('\n'), /is not in/);
});

test('group lines fit the width and the height, and scroll to keep the selection visible', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, Array.from({ length: 50 }, (_, i) => group(`main.f${i}`, i + 1, 1000 - i))), true);
  store.moveGroup(40);
  const lines = renderGroupLines(store.get(), 30, 8);
  assert.equal(lines.length, 8);
  assert.ok(lines.every((l) => l.text.length <= 30));
  assert.equal(lines[0]!.text, '48,775 goroutines · by count', 'the header in short words');
  assert.equal(renderGroupLines(store.get(), 20, 8)[0]!.text, '48,775 · by count', 'fewest words: the count and the sort');
  assert.ok(renderGroupLines(store.get(), 12, 8)[0]!.text.endsWith('…'), 'cut, and marked so, where even that is too long');
  assert.equal(lines.filter((l) => l.selected).length, 1);
  // Narrow: the function comes first, so rows that would all start with the same path differ;
  // the file by its name, so the line stays (trial P: `main.main pipeline/mai…`).
  assert.match(lines.find((l) => l.selected)!.text, /^ *960  main\.f40 main\.go:41$/);
  assert.match(renderGroupLines(store.get(), 100, 8).find((l) => l.selected)!.text, /^ *960  leak\/main\.go:41 main\.f40$/, 'wide: place, then function');
  assert.deepEqual(
    [scrollTop(0, 50, 7), scrollTop(40, 50, 7), scrollTop(49, 50, 7), scrollTop(3, 5, 7)],
    [0, 37, 43, 0],
  );
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('abc', 0), '');
});

test('group lines show notes: the DAP cap, too many groups, running, errors, no match', () => {
  const store = new GoroutineStore();
  assert.deepEqual(renderGroupLines(store.get(), 80, 5), [{ text: 'Goroutines', mark: 'header' }]);
  store.setRunning();
  assert.deepEqual(renderGroupLines(store.get(), 80, 5).map((l) => l.text.trimEnd()), ['The target is running; goroutines are listed when it stops.']);
  // A narrow pane (80x24) wraps the words rather than cut them (trial Z).
  assert.deepEqual(renderGroupLines(store.get(), 32, 5).map((l) => l.text.trimEnd()), ['The target is running;', 'goroutines are listed when it', 'stops.']);
  store.setSnapshot(snap(1, [group('main.a', 1, 1024)], { source: 'dap', capped: true, capNote: 'DAP lists at most 1024 goroutines; x', tooManyGroups: true }), true);
  const ready = renderGroupLines(store.get(), 120, 10).map((l) => `${l.mark}: ${l.text}`);
  assert.deepEqual(ready.slice(0, 3), [
    'header: 1,024+ goroutines · -group userloc · by count',
    'note: DAP lists at most 1024 goroutines; x (1,024 listed).',
    'note: Only the first 1 groups are listed; narrow with -with/-without.',
  ]);
  // Over the last stop's groups, the running note takes the header's row: the groups do not move, and it says whose they are.
  store.setRunning();
  const running = renderGroupLines(store.get(), 120, 10).map((l) => `${l.mark}: ${l.text}`);
  assert.equal(running[0], 'note: The target is running: the groups below are those of the last stop.');
  assert.deepEqual(running.slice(1), ready.slice(1));
  store.setError('Delve did not answer ListGoroutines within 30s.');
  store.setSearch('nothing');
  const after = renderGroupLines(store.get(), 120, 10);
  assert.deepEqual([after[0]!.text.trimEnd(), after[0]!.mark], ['Delve did not answer ListGoroutines within 30s.', 'error']);
  assert.deepEqual(after.slice(-2).map((l) => l.text.trimEnd()), ['No group matches "nothing" by its place, waits or sampled goroutines: :goroutines -with startloc nothing asks every', 'goroutine; Esc shows all groups.']);
});

test('member lines: only visible rows, unloaded rows as …, state and wait per goroutine', () => {
  const store = new GoroutineStore();
  const g = group('main.recvLeak', 15, 1000, [member(1)]);
  store.setSnapshot(snap(1, [g]), true);
  store.expand(g.name, 1000, 200);
  store.setPage(g.name, 0, [member(7, { labels: { worker: 'recv' } }), member(8, { status: 2, waitReason: 0, threadId: 33 }), ...Array.from({ length: 198 }, (_, i) => member(100 + i))]);
  const lines = renderMemberLines(store.get(), 100, 6);
  assert.equal(lines.length, 6);
  assert.deepEqual(
    lines.map((l) => l.text),
    [
      'leak/main.go:15 main.recvLeak — 1,000 goroutines · 200 held',
      '  chan receive ×199, on a thread ×1 (of the 200 held), waiting 3m+',
      '     7  chan receive 3m+   leak/main.go:15 main.recvLeak  worker=recv',
      '     8  on a thread        leak/main.go:15 main.recvLeak (thread 33)',
      '   100  chan receive 3m+   leak/main.go:15 main.recvLeak',
      '   101  chan receive 3m+   leak/main.go:15 main.recvLeak',
    ],
  );
  assert.equal(lines[2]!.selected, true);
  // Narrow (80x24): the counts before the group's name (trial AE: `goroutine-leak/main.go:144 main…` hid them).
  assert.equal(renderMemberLines(store.get(), 40, 6)[0]!.text.trimEnd(), '1,000 goroutines · 200 held — leak/main…');
  // The state unpadded (its column took the row), then the function before its place, giving way to
  // it (trial BB: the line numbers were cut off at 80x24).
  assert.deepEqual(
    renderMemberLines(store.get(), 40, 6).slice(2, 4).map((l) => l.text.trimEnd()),
    ['     7  chan receive 3m+  main.go:15  w…', '     8  on a thread  …cvLeak main.go:15…'],
  );
  assert.equal(renderMemberLines(store.get(), 59, 6)[3]!.text.trimEnd(), '     8  on a thread  main.recvLeak main.go:15 (thread 33)', 'whole where it fits');
  store.moveMember(500);
  const far = renderMemberLines(store.get(), 100, 6);
  assert.ok(far.slice(2).every((l) => l.mark === 'loading' && l.text.trim() === '…'));
  assert.equal(far.filter((l) => l.selected).length, 1);
  // None held (a read cancelled, or opened while running): the … rows say why.
  const empty = new GoroutineStore();
  empty.setSnapshot(snap(1, [g]), true);
  empty.expand(g.name, 1000, 200);
  assert.equal(renderMemberLines(empty.get(), 100, 4)[1]!.text, '  … rows are read as you scroll to them.');
  // x while a page is read (trial AC: `…` rows and `200 held`, unsaid until a key): said until the cursor moves.
  empty.setPageLoading(g.name, 1, true);
  empty.setMembersCancelled();
  assert.equal(renderMemberLines(empty.get(), 100, 4)[1]!.text, '  Reading stopped (x); moving reads on.');
  assert.equal(empty.get().expanded!.loading.size, 0);
  empty.setPageLoading(g.name, 1, true);
  assert.equal(renderMemberLines(empty.get(), 100, 4)[1]!.text, '  … rows are read as you scroll to them.');
  empty.setRunning();
  assert.equal(renderMemberLines(empty.get(), 100, 4)[1]!.text, '  The target is running: members are read when it stops.');
});

test('member lines over DAP show the function and thread only', () => {
  const store = new GoroutineStore();
  const m = member(5, { user: { file: '', line: 0, fn: 'main.work' }, threadId: 12 });
  store.setSnapshot(snap(1, [{ name: 'main.work', total: 1, sample: [m] }], { source: 'dap' }), true);
  store.expand('main.work', 1, 200);
  store.setPage('main.work', 0, [m]);
  assert.deepEqual(
    renderMemberLines(store.get(), 80, 5).map((l) => l.text),
    ['main.work — 1 goroutine', '     5  main.work (thread 12)'],
  );
});

test('loading over groups on screen takes the header row: the groups stay where they are', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 100), group('main.old', 9, 4)]), true);
  const ready = renderGroupLines(store.get(), 120, 10);
  store.setLoading({ phase: 'groups' });
  const loading = renderGroupLines(store.get(), 120, 10);
  assert.equal(loading[0]!.text.trimEnd(), 'Loading: grouping goroutines…');
  assert.equal(loading[0]!.mark, 'loading');
  assert.deepEqual(loading.slice(1).map((l) => l.text), ready.slice(1).map((l) => l.text));
  // With nothing on screen yet, the header stays and the loading line follows it.
  const empty = new GoroutineStore();
  empty.setLoading({ phase: 'state' });
  assert.deepEqual(renderGroupLines(empty.get(), 120, 10).map((l) => [l.text.trimEnd(), l.mark]), [['Loading: asking Delve…', 'loading']]);
});

test("goroutines a call injected through Delve left are said to be that, not the program's", () => {
  const store = new GoroutineStore();
  const injected: GroupInfo = { name: 'runtime/debugcall.go:260', total: 4, sample: [], loc: { file: '/usr/local/go/src/runtime/debugcall.go', line: 260, fn: 'runtime.debugCallWrap1.func1' } };
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 10), injected]), true);
  const lines = renderGroupLines(store.get(), 200, 10).map((l) => l.text);
  assert.ok(lines.some((l) => /runtime\/debugcall\.go:260 runtime\.debugCallWrap1\.func1  \(left by calls injected through Delve: :call, :flag\)$/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => /recvLeak.*injected/.test(l)));
  // A narrow pane (80x24) says it in words that fit, not the runtime's function with the note cut (trial Y).
  const narrow = renderGroupLines(store.get(), 32, 10).map((l) => l.text.trimEnd());
  assert.ok(narrow.some((l) => /^\s*4  :call\/:flag leftovers$/.test(l)), narrow.join('\n'));
});

test('sorted by growth with no deltas, the header says why: the first stop, or the previous one read with other settings (R)', () => {
  const store = new GoroutineStore();
  store.setSort('growth');
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 10)]), true);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /by growth \(no deltas: first stop read\)$/);
  store.setSnapshot(snap(2, [group('main.recvLeak', 15, 30)]), true);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /\(\+20 since the last stop\) · -group userloc · by growth$/);
  // R at the same stop: Delve is asked again with the runtime's goroutines left out.
  const hidden = { ...DEFAULT_QUERY, hideRuntime: true };
  store.setSnapshot(snap(2, [group('main.recvLeak', 15, 30)], { query: hidden, key: snapshotKey(hidden) }), false);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /runtime hidden · by growth \(no deltas: previous stop read with other settings\)$/);
  store.setSnapshot(snap(3, [group('main.recvLeak', 15, 31)], { query: hidden, key: snapshotKey(hidden) }), true);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /\(\+1 since the last stop\)/, 'the next stop compares with the R snapshot');
});

test('R at a stop, sorted by count: the header says the deltas are gone and why (the ± column is)', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 10)]), true);
  store.setSnapshot(snap(2, [group('main.recvLeak', 15, 30)]), true);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /\(\+20 since the last stop\) · -group userloc · by count$/);
  const hidden = { ...DEFAULT_QUERY, hideRuntime: true };
  store.setSnapshot(snap(2, [group('main.recvLeak', 15, 30)], { query: hidden, key: snapshotKey(hidden) }), false);
  assert.match(renderGroupLines(store.get(), 200, 5)[0]!.text, /runtime hidden · by count \(no deltas: previous stop read with other settings\)$/);
  assert.match(renderGroupLines(store.get(), 60, 5)[0]!.text, /\(no deltas\)$/);
});

test("after a restart the header says the process is new, and no group of the old one shows as vanished", () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, [group('main.worker', 99, 32), group('main.report', 27, 1)], { pid: 100 }), true);
  store.setSnapshot(snap(2, [group('main.worker', 99, 32), group('main.main', 60, 1)], { pid: 200 }), true);
  const lines = renderGroupLines(store.get(), 200, 6).map((l) => l.text);
  assert.match(lines[0]!, /^33 goroutines \(a new process since the last stop\) · -group userloc · by count$/);
  assert.equal(lines.some((l) => /main\.report/.test(l)), false, "the old process's group is not listed");
  assert.equal(lines.some((l) => /±0|moved|vanished/.test(l)), false, 'no deltas across processes');
  store.setSnapshot(snap(3, [group('main.worker', 99, 31), group('main.main', 61, 1)], { pid: 200 }), true);
  assert.match(renderGroupLines(store.get(), 200, 6)[0]!.text, /\(-1 since the last stop\)/, 'the next stop of the new process compares again');
});

test('after the target exits the pane says so, not that it is running', () => {
  const store = new GoroutineStore();
  store.setRunning('exited');
  assert.match(renderGroupLines(store.get(), 100, 4).map((l) => l.text).join('\n'), /The target has exited: it has no goroutines\./);
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 10)]), true);
  store.setRunning('exited');
  assert.match(renderGroupLines(store.get(), 100, 4)[0]!.text, /^The target has exited: the groups below are those of the last stop\./);
  store.setRunning();
  assert.match(renderGroupLines(store.get(), 100, 4)[0]!.text, /^The target is running: the groups below/);
});

test('no goroutines at all (halted at the program entry) is said as such, not as a filter matching none', () => {
  const store = new GoroutineStore();
  store.setSnapshot(snap(1, []), true);
  assert.match(renderGroupLines(store.get(), 120, 6).map((l) => l.text).join('\n'), /No goroutines yet: the Go runtime has not started them/);
  // Run on and stopped again, the list is being read: the entry's "none yet" is not said over it.
  store.setRunning();
  store.setLoading({ phase: 'groups' });
  const loading = renderGroupLines(store.get(), 120, 6).map((l) => l.text).join('\n');
  assert.doesNotMatch(loading, /No goroutines yet/, loading);
  store.setSnapshot(snap(2, [], { totalAll: 7 }), true);
  assert.match(renderGroupLines(store.get(), 120, 6).map((l) => l.text).join('\n'), /No goroutines match\./);
});

test('a filter that matches no goroutine says how to see what there is (trial M)', () => {
  const store = new GoroutineStore();
  const byLabel = { ...DEFAULT_QUERY, filters: [{ field: 'label' as const, arg: 'role=nosuch', negated: false }] };
  store.setSnapshot(snap(1, [], { totalAll: 7, query: byLabel, key: snapshotKey(byLabel) }), true);
  assert.match(renderGroupLines(store.get(), 120, 6).map((l) => l.text).join('\n'), /No goroutines match: :goroutines -group label role lists the values that label has\./);
  const byPlace = { ...DEFAULT_QUERY, filters: [{ field: 'userloc' as const, arg: 'nowhere', negated: false }] };
  store.setSnapshot(snap(2, [], { totalAll: 7, query: byPlace, key: snapshotKey(byPlace) }), true);
  assert.match(renderGroupLines(store.get(), 120, 6).map((l) => l.text).join('\n'), /No goroutines match: :goroutines -group userloc shows them all\./);
});

test("the console's copy of the groups is whole however long a row is: the console wraps it (trial AI: `waiti…` at 100 columns)", () => {
  const store = new GoroutineStore();
  const states = [19, 20, 7, 4, 13].map((waitReason, i) => member(i + 1, { waitReason }));
  store.setSnapshot(snap(1, [group('main.(*connectionPool).reapIdleConnectionsForeverInTheBackground', 15, 5, states)]), true);
  const text = groupsText(store.get());
  assert.ok(renderGroupLines(store.get(), 100, 12).some((l) => l.text.trimEnd().endsWith('…')), 'the pane at 100 columns cuts it');
  assert.ok(!text.split('\n').some((l) => l.endsWith('…')), text);
  assert.match(text, /reapIdleConnectionsForeverInTheBackground .*, \+3 more, waiting \d+m\+$/m);
});

test(":goroutine's detail names the thread a goroutine runs on, and says a parked one has none (the dlv CLI names its current thread, another goroutine's)", () => {
  const running = goroutineDetail(member(7, { threadId: 4242, current: loc('main.work', 52), labels: { role: 'worker' } }));
  assert.deepEqual(running, ['  Thread: 4242 at /home/u/svc/leak/main.go:52', '  Runtime: /home/u/svc/leak/main.go:52 main.work', '  User: /home/u/svc/leak/main.go:15 main.recvLeak', '  Go: /home/u/svc/leak/main.go:40 main.main', '  Start: /home/u/svc/leak/main.go:15 main.recvLeak', '  Labels: "role":"worker"']);
  assert.equal(goroutineDetail(member(8))[0], '  Thread: none (parked: it runs on no thread)');
});


test("a group's members keep the stop's whole count and its change in view, each count with its own change: a new stop with a group open says it (trial CK: `12 goroutines — runtime/time.go…` hid them at 80x24; trial CM read the whole's change as the group's)", () => {
  const store = new GoroutineStore();
  const g = group('main.recvLeak', 15, 12, [member(1)]);
  store.setSnapshot(snap(1, [group('main.recvLeak', 15, 13, [member(1)]), group('main.worker', 30, 30)]), true);
  store.setSnapshot(snap(2, [g, group('main.worker', 30, 33)]), true);
  store.expand(g.name, 12, 12);
  store.setPage(g.name, 0, Array.from({ length: 12 }, (_, i) => member(100 + i)));
  assert.equal(renderMemberLines(store.get(), 100, 4)[0]!.text.trimEnd(), 'leak/main.go:15 main.recvLeak — 12 goroutines (-1) of 45 (+2)');
  assert.equal(renderMemberLines(store.get(), 40, 4)[0]!.text.trimEnd(), '12 goroutines (-1) of 45 (+2) — leak/ma…');
  // A group new at this stop says so; one that is every goroutine has one change.
  const fresh = new GoroutineStore();
  fresh.setSnapshot(snap(1, [group('main.worker', 30, 30)]), true);
  fresh.setSnapshot(snap(2, [g, group('main.worker', 30, 33)]), true);
  fresh.expand(g.name, 12, 12);
  assert.match(renderMemberLines(fresh.get(), 100, 4)[0]!.text, /— 12 goroutines \(new\) of 45 \(\+15\)/);
  // Its goroutines all there before, in another group: `moved`, as its row says (trial CN: `2 moved`, then `(new)`).
  const moved = new GoroutineStore();
  const there = group('main.esc', 4, 2, [member(7), member(8)]);
  moved.setSnapshot(snap(1, [group('main.worker', 30, 30), group('main.wait', 9, 2, [member(7), member(8)])]), true);
  moved.setSnapshot(snap(2, [group('main.worker', 30, 30), there]), true);
  moved.expand(there.name, 2, 2);
  assert.match(renderMemberLines(moved.get(), 100, 4)[0]!.text, /— 2 goroutines \(moved\) of 32 \(±0\)/);
  const whole = new GoroutineStore();
  whole.setSnapshot(snap(1, [group('main.worker', 30, 30)]), true);
  const worker = group('main.worker', 30, 33);
  whole.setSnapshot(snap(2, [worker]), true);
  whole.expand(worker.name, 33, 33);
  assert.match(renderMemberLines(whole.get(), 100, 4)[0]!.text, /— 33 goroutines \(\+3\)/);
});
