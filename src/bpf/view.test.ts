import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProbeStream } from './stream.js';
import { bucketLabel, fit, renderProbe, renderProbeLines } from './view.js';
import { BpfError } from './problems.js';

const at = new Date(2026, 0, 1, 12, 0, 0).getTime();

test('header with rate, sparkline and badges; events below', () => {
  let t = at;
  const s = new ProbeStream({ id: 1, title: 'calls main.process', now: () => t });
  s.handle({ kind: 'attached', probes: 1 });
  s.push([{ text: 'main.process on goroutine 1', goid: 1 }]);
  t += 1000;
  s.push([{ text: 'main.process on goroutine 1' }, { text: 'main.process on goroutine 1' }]);
  t += 1000;
  s.handle({ kind: 'lost', events: 3 });
  s.setPaused(true);
  const lines = renderProbeLines(s, 80, 5, { sparkWidth: 4 });
  assert.equal(lines[0], '● calls main.process  2/s   ▄█  LOST 3  PAUSED +0');
  // A narrow pane keeps the badges: the sparkline gives way, then the title.
  assert.equal(renderProbeLines(s, 44, 5)[0], '● calls main.process  2/s  LOST 3  PAUSED +0');
  assert.equal(renderProbeLines(s, 32, 5)[0], '● calls…  2/s  LOST 3  PAUSED +0');
  assert.equal(lines[1], '12:00:00 main.process on goroutine 1');
  assert.equal(lines.length, 4);
  assert.ok(renderProbeLines(s, 20, 5).every((l) => [...l].length <= 20));
  assert.equal(renderProbeLines(s, 80, 1).length, 1);
  // Stopped, it has no rate: the header keeps what it counted (the last second's 2/s would be stale).
  // Nor a pause: nothing more comes, and the list shows all it got (trial AC: PAUSED +0 over a list cut at the pause).
  s.push([{ text: 'main.process on goroutine 7' }]);
  s.setStatus('stopped');
  t += 5000;
  assert.equal(renderProbeLines(s, 80, 5, { sparkWidth: 4 })[0], '■ calls main.process  4 events   ▄█  LOST 3');
  assert.equal(renderProbeLines(s, 80, 6).at(-1), '12:00:02 main.process on goroutine 7');
});

test('tables: maps sorted with bars, scalar maps inline, histograms trimmed to used buckets', () => {
  const s = new ProbeStream({ id: 1, title: 'malloc', primary: 'tables', mapTitles: { '@bytes': 'sizes' } });
  s.handle({ kind: 'map', name: '@n', entries: [{ key: '', value: 12 }] });
  s.handle({ kind: 'map', name: '@sys', entries: [{ key: 'read', value: 2 }, { key: 'futex', value: 8 }] });
  s.handle({ kind: 'hist', name: '@bytes', hists: [{ key: '', buckets: [{ max: -1, count: 0 }, { min: 0, max: 0, count: 0 }, { min: 8, max: 15, count: 4 }, { min: 16, max: 31, count: 2 }, { min: 1024, max: 2047, count: 0 }] }] });
  const lines = renderProbeLines(s, 30, 20, { sparkWidth: 2 });
  assert.deepEqual(lines.slice(1), ['@n: 12', '── @sys ──', 'futex  8 ████████████████████', 'read   2 █████', '── sizes ──', '[8, 16)  4 |█████████████████', '[16, 32) 2 |████████▌']);
  // Paused, the tables shown are those of the pause, as the list is (trial AC: they went on counting beside it).
  s.setPaused(true);
  s.handle({ kind: 'map', name: '@n', entries: [{ key: '', value: 20 }] });
  assert.equal(renderProbeLines(s, 30, 20, { sparkWidth: 2 })[1], '@n: 12');
  s.setPaused(false);
  assert.equal(renderProbeLines(s, 30, 20, { sparkWidth: 2 })[1], '@n: 20');
  s.handle({ kind: 'map', name: '@n', entries: [{ key: '', value: 12 }] });
  // One line left for a table (80x24): it says what it holds and how to see it, not a heading over nothing (trial AC).
  assert.deepEqual(renderProbeLines(s, 40, 3, { sparkWidth: 2 }).slice(1), ['@n: 12', '── @sys: 2 rows, z shows them ──']);
  // Ended, a table probe says what its maps counted: it printed no events.
  s.setStatus('stopped');
  assert.equal(renderProbeLines(s, 40, 2, { sparkWidth: 2 })[0], '■ malloc  28 counted');
  const sys = new ProbeStream({ id: 2, title: 'syscalls', primary: 'tables', counts: 'syscalls' });
  sys.handle({ kind: 'map', name: '@syscalls', entries: [{ key: 'futex', value: 286 }, { key: 'nanosleep', value: 291 }] });
  assert.equal(sys.tally(), '577 syscalls counted');
});

test('a failed probe shows the sentence, the hint and bpftrace\'s detail', () => {
  const s = new ProbeStream({ id: 1, title: 'run x.bt' });
  // bpftrace's stderr came as warnings too, line by line: what the error says is not said twice.
  for (const w of ['stdin:1:9-12: ERROR: Unknown function: foo', 'BEGIN { foo(); }', '        ~~~']) s.warn(w);
  s.setStatus('failed', new BpfError('stdin:1:9-12: ERROR: Unknown function: foo', 'Fix the script at that line and column.', 'script', ['BEGIN { foo(); }', '        ~~~']));
  assert.deepEqual(renderProbeLines(s, 60, 10, { sparkWidth: 1 }), ['✗ run x.bt  0 events', '✗ stdin:1:9-12: ERROR: Unknown function: foo', '  Fix the script at that line and column.', '  BEGIN { foo(); }', '          ~~~']);
});

test('bucket labels as bpftrace prints them', () => {
  assert.equal(bucketLabel({ max: -1, count: 1 }), '(…, 0)');
  assert.equal(bucketLabel({ min: 100, count: 1 }), '[100, …)');
  assert.equal(bucketLabel({ min: 1, max: 1, count: 1 }), '[1]');
  assert.equal(bucketLabel({ min: 1024, max: 2047, count: 1 }), '[1K, 2K)');
  assert.equal(bucketLabel({ min: 25, max: 49, count: 1 }), '[25, 50)');
  assert.equal(fit('abcdef', 4), 'abc…');
});

// Found by the fuzz campaign (test/fuzz/targets/bpf.ts): `:bpf calls` on a service with 150,000
// goroutines prints a map of 150,000 keys; spreading its rows into push() and Math.max overflowed
// the stack, and the pane threw at every paint.
test('fuzz: a map of 150,000 goroutines renders the rows there is room for', () => {
  const s = new ProbeStream({ id: 1, title: 'calls', primary: 'events' });
  s.handle({ kind: 'map', name: '@by_goroutine', entries: Array.from({ length: 150_000 }, (_, i) => ({ key: String(i + 1), value: (i % 7) + 1 })) });
  const lines = renderProbeLines(s, 40, 6, { show: 'tables' });
  assert.equal(lines.length, 6);
  assert.equal(lines[1], '── @by_goroutine ──');
  // The largest first (the goroutines that called 7 times), bars scaled to them.
  assert.deepEqual(lines.slice(2, 5).map((l) => l.split(/\s+/).slice(0, 2)), [['7', '7'], ['14', '7'], ['21', '7']]);
  // The rest counted, not dropped unsaid (trial AD).
  assert.equal(lines[5], '… 149,997 more');
});

test('scrolled to the oldest event the list stays full, the cursor on its top line; the position counts from the oldest', () => {
  const s = new ProbeStream({ id: 1, title: 'calls main.process', now: () => at });
  s.handle({ kind: 'attached', probes: 1 });
  s.push(Array.from({ length: 110 }, (_, i) => ({ text: `event ${i + 1}` })));
  const top = renderProbe(s, 40, 21, { scroll: 109, timestamps: false });
  assert.deepEqual(top.lines.slice(1), Array.from({ length: 20 }, (_, i) => `event ${i + 1}`));
  assert.equal(top.cursorLine, 1);
  assert.deepEqual(top.position, { at: 1, of: 110 });
  // One down (j): the same page, the cursor one line lower.
  const next = renderProbe(s, 40, 21, { scroll: 108, timestamps: false });
  assert.deepEqual(next.lines, top.lines);
  assert.equal(next.cursorLine, 2);
  // Following the newest, the cursor is the bottom line.
  const newest = renderProbe(s, 40, 21, { timestamps: false });
  assert.equal(newest.lines.at(-1), 'event 110');
  assert.equal(newest.cursorLine, 20);
  assert.deepEqual(newest.position, { at: 110, of: 110 });
  // Filtered to fewer than a page: all of them, and the count below.
  s.setFilter('event 1\\d$');
  const few = renderProbe(s, 40, 21, { scroll: 9, timestamps: false });
  assert.deepEqual(few.lines.slice(1), [...Array.from({ length: 10 }, (_, i) => `event 1${i}`), '(10 of 110 match)']);
  assert.equal(few.cursorLine, 1);
});

test('a full list says it keeps the newest and how many older left the view, apart from a loss bpftrace reports', () => {
  const s = new ProbeStream({ id: 1, title: 'calls main.process', capacity: 3, now: () => at });
  s.handle({ kind: 'attached', probes: 1 });
  s.push(Array.from({ length: 5 }, (_, i) => ({ text: `event ${i + 1}` })));
  assert.match(renderProbeLines(s, 100, 2, { sparkWidth: 1 })[0]!, /^● calls main\.process {2}0\/s\s+keeps last 3 \(2 older left the view\)$/);
  s.handle({ kind: 'lost', events: 4 });
  assert.match(renderProbeLines(s, 100, 2, { sparkWidth: 1 })[0]!, /LOST 4  keeps last 3 \(2 older left the view\)$/);
});

test('a table with one line of room under its heading shows its top row with the count of the rest beside it, not the count alone (trial BO at 80x24)', () => {
  const s = new ProbeStream({ id: 1, title: 'calls', primary: 'events' });
  s.handle({ kind: 'map', name: '@by_goroutine', entries: [{ key: '7', value: 103 }, { key: '8', value: 88 }, { key: '9', value: 69 }, { key: '10', value: 60 }] });
  const lines = renderProbeLines(s, 40, 3, { show: 'tables' });
  assert.equal(lines[1], '── @by_goroutine ──');
  assert.match(lines[2]!, /^7 +103 █+ *… 3 more$/, lines[2]);
  assert.equal(lines[2]!.length, 40);
});
