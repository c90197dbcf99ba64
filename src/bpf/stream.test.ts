import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProbeStream } from './stream.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ text: `event ${from + i}` }));

test('bounded: the oldest events go, and are counted', () => {
  const s = new ProbeStream({ id: 1, title: 't', capacity: 10 });
  s.push(lines(25));
  assert.equal(s.size, 10);
  assert.equal(s.dropped, 15);
  assert.equal(s.total, 25);
  const { events } = s.visibleEvents(3);
  assert.deepEqual(events.map((e) => e.text), ['event 22', 'event 23', 'event 24']);
  assert.deepEqual(events.map((e) => e.seq), [23, 24, 25]);
  // Many more than capacity: still bounded (the backing array is compacted).
  for (let i = 0; i < 100; i++) s.push(lines(7, 100 + i * 7));
  assert.equal(s.size, 10);
  assert.equal(s.visibleEvents(1).events[0]!.text, 'event 799');
});

test('filter by regex, scroll back, bad pattern is a UserError', () => {
  const s = new ProbeStream({ id: 1, title: 't' });
  s.push([{ text: 'main.process on goroutine 1' }, { text: 'main.work on goroutine 7' }, { text: 'main.process on goroutine 9' }]);
  s.setFilter('process');
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['main.process on goroutine 1', 'main.process on goroutine 9']);
  assert.equal(s.visibleEvents(10).matching, 2);
  assert.deepEqual(s.visibleEvents(1, 1).events.map((e) => e.text), ['main.process on goroutine 1']);
  assert.throws(() => s.setFilter('(unclosed'), { name: 'UserError' });
  s.setFilter(undefined);
  assert.equal(s.visibleEvents(10).events.length, 3);
});

test('paused: the page read stays whole while new events are counted and kept (the ring drops its oldest behind it)', () => {
  const s = new ProbeStream({ id: 1, title: 't', capacity: 5 });
  s.push(lines(3));
  s.setPaused(true);
  s.push(lines(4, 3));
  assert.equal(s.sincePause, 4);
  // A trial's busy probe emptied a paused list within seconds: what was shown at the pause stays.
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['event 0', 'event 1', 'event 2']);
  s.push(lines(20, 7));
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['event 0', 'event 1', 'event 2']);
  assert.equal(s.dropped, 22);
  s.setPaused(false);
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['event 22', 'event 23', 'event 24', 'event 25', 'event 26']);
  // With a filter, PAUSED +N counts what following again would show (trial N).
  s.setFilter('event 3\\d$');
  s.setPaused(true);
  s.push(lines(12, 27));
  assert.equal(s.sincePause, 9, 'events 30 to 38 of the 12');
});

test('paused: the tables hold too, as at the pause, while bpftrace dumps new ones; resumed, the latest', () => {
  const s = new ProbeStream({ id: 1, title: 't' });
  s.handle({ kind: 'map', name: '@calls', entries: [{ key: 'main.a', value: 3 }] });
  s.setPaused(true);
  s.handle({ kind: 'map', name: '@calls', entries: [{ key: 'main.a', value: 9 }, { key: 'main.b', value: 1 }] });
  s.handle({ kind: 'hist', name: '@h', hists: [{ key: '', buckets: [{ max: 1, count: 3 }] }] });
  assert.deepEqual(s.shownTables(), [{ kind: 'map', name: '@calls', title: '@calls', rows: [{ label: 'main.a', value: 3 }] }]);
  assert.equal(s.counted(), 13, 'still counted, as the list counts PAUSED +N');
  s.setPaused(false);
  assert.deepEqual(s.shownTables().map((t) => t.name), ['@calls', '@h']);
  assert.deepEqual(s.shownTables()[0], s.tables.get('@calls'));
  // The filter picks rows by their label, as it picks events by their text (trial AO: every row stayed).
  s.setFilter('\\.b$');
  assert.deepEqual(s.shownTables()[0], { kind: 'map', name: '@calls', title: '@calls', rows: [{ label: 'main.b', value: 1 }] });
  assert.equal(s.shownTables().length, 2, 'a histogram without keys stays');
});

test('paused and resumed with no new events: the same list', () => {
  const s = new ProbeStream({ id: 1, title: 't', capacity: 5 });
  s.push(lines(3));
  s.setPaused(true);
  assert.equal(s.dropped, 0);
  s.setPaused(false);
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['event 0', 'event 1', 'event 2']);
});

test('rate history: one bucket per second from events, or from @rate samples', () => {
  const c = clock();
  const s = new ProbeStream({ id: 1, title: 't', now: c.now, history: 5 });
  s.push(lines(3));
  c.advance(1000);
  s.push(lines(5));
  c.advance(1000);
  assert.deepEqual(s.rateHistory(), [3, 5]);
  c.advance(3000);
  assert.deepEqual(s.rateHistory(), [3, 5, 0, 0, 0]);
  c.advance(60_000);
  assert.deepEqual(s.rateHistory(), [0, 0, 0, 0, 0]);
  const t = new ProbeStream({ id: 2, title: 't', now: c.now });
  t.handle({ kind: 'map', name: '@rate', entries: [{ key: '', value: 42 }] });
  t.handle({ kind: 'map', name: '@rate', entries: [{ key: '', value: 7 }] });
  c.advance(5000);
  assert.deepEqual(t.rateHistory(), [42, 7]);
  assert.equal(t.rate(), 7);
  assert.equal(t.tables.size, 0);
});

test('lost events are sticky; tables keep the latest dump with labels; diagnostics are counted', () => {
  const s = new ProbeStream({ id: 1, title: 't', keyLabels: { '@s': (k) => `sys ${k}` }, mapTitles: { '@s': 'syscalls' } });
  s.handle({ kind: 'lost', events: 2 });
  s.handle({ kind: 'lost', events: 3 });
  assert.equal(s.lost, 5);
  s.handle({ kind: 'map', name: '@s', entries: [{ key: '0', value: 1 }] });
  s.handle({ kind: 'map', name: '@s', entries: [{ key: '0', value: 4 }, { key: '1', value: 2 }] });
  assert.deepEqual(s.tables.get('@s'), { kind: 'map', name: '@s', title: 'syscalls', rows: [{ label: 'sys 0', value: 4 }, { label: 'sys 1', value: 2 }] });
  s.handle({ kind: 'hist', name: '@h', hists: [{ key: '', buckets: [{ max: 1, count: 3 }, { min: 1, max: 2, count: 1 }] }] });
  assert.equal(s.counted(), 10, "what :bpf list says a table probe counted (its maps' values, its histograms' buckets)");
  assert.equal(s.total, 0, 'no event lines');
  s.handle({ kind: 'diagnostic', level: 'warning', message: 'probe_read failed', line: 1 });
  s.handle({ kind: 'diagnostic', level: 'warning', message: 'probe_read failed', line: 1 });
  assert.deepEqual(s.warnings, ['probe_read failed (line 1) (×2)']);
  s.handle({ kind: 'attached', probes: 2 });
  assert.equal(s.status, 'running');
  s.handle({ kind: 'unknown', type: 'tseries', raw: {} });
});

test('version grows on change; subscribers are told once per burst', async () => {
  const s = new ProbeStream({ id: 1, title: 't' });
  let calls = 0;
  const off = s.subscribe(() => calls++);
  const v = s.version;
  for (let i = 0; i < 100; i++) s.push(lines(1));
  assert.ok(s.version >= v + 100);
  await Promise.resolve();
  assert.equal(calls, 1);
  off();
  s.push(lines(1));
  await Promise.resolve();
  assert.equal(calls, 1);
});

test('printf output without a decoder: one event a line', () => {
  const s = new ProbeStream({ id: 1, title: 't' });
  s.handle({ kind: 'text', source: 'printf', text: 'a\nb\n' });
  s.handle({ kind: 'text', source: 'printf', text: 'no newline' });
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.text), ['a', 'b', 'no newline']);
});

test('the filter matches the line as the pane shows it, its time included', () => {
  const c = clock(new Date(2026, 0, 1, 1, 24, 29, 500).getTime());
  const s = new ProbeStream({ id: 1, title: 't', now: c.now });
  s.push([{ text: 'main.process on goroutine 1' }]);
  c.advance(1000);
  s.push([{ text: 'main.process on goroutine 1' }]);
  s.setFilter('01:24:3');
  assert.deepEqual(s.visibleEvents(10).events.map((e) => e.seq), [2]);
  s.setFilter('^01:24:\\d+ main\\.process');
  assert.equal(s.visibleEvents(10).matching, 2);
});

test('scrolled back, a live list holds still on what is read (new events counted, as less stops following); back at the newest it follows again; a pause of the user\'s stays', () => {
  const s = new ProbeStream({ id: 1, title: 't', capacity: 100 });
  s.handle({ kind: 'attached', probes: 1 });
  s.push(lines(10));
  assert.equal(s.status, 'running');
  let scroll = s.moveCursor(0, -Infinity);
  assert.equal(scroll, 9);
  assert.equal(s.visibleEvents(1, scroll).events[0]!.text, 'event 0', 'g: the oldest');
  s.push(lines(5, 10));
  assert.equal(s.visibleEvents(1, scroll).events[0]!.text, 'event 0', 'still the oldest after 5 more arrived');
  assert.equal(s.sincePause, 5);
  scroll = s.moveCursor(scroll, 1);
  assert.equal(s.visibleEvents(1, scroll).events[0]!.text, 'event 1', 'j: the next one');
  scroll = s.moveCursor(scroll, Infinity);
  assert.equal([scroll, s.paused].join(), '0,false');
  assert.equal(s.visibleEvents(1, scroll).events[0]!.text, 'event 14', 'G: the newest, following');
  s.setPaused(true);
  scroll = s.moveCursor(s.moveCursor(0, -1), 1);
  assert.equal([scroll, s.paused].join(), '0,true', 'the user paused it: back at the newest it stays paused');
});
