import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths.js';
import { parseLine, type BpfMessage } from './output.js';

// Captured from the real bpftrace 0.17 on this project's machine, except v024-handwritten.out
// (written from bpftrace's source: src/output/json.cpp).
const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'src/bpf/fixtures', name), 'utf8');
const parseAll = (text: string) => text.split('\n').map(parseLine).filter((m): m is BpfMessage => m !== undefined);

test('0.17: attached, printf, time, maps (scalar, keyed, multi-key), stats, avg-as-stats, hist, lhist', () => {
  const ms = parseAll(fixture('basic.out'));
  assert.deepEqual(ms[0], { kind: 'attached', probes: 2 });
  assert.deepEqual(ms[1], { kind: 'text', source: 'printf', text: 'proc goid=1\n' });
  assert.deepEqual(ms.find((m) => m.kind === 'text' && m.source === 'time'), { kind: 'text', source: 'time', text: '20:54:56\n' });
  assert.deepEqual(ms.find((m) => m.kind === 'map' && m.name === '@byg'), { kind: 'map', name: '@byg', entries: [{ key: '1', value: 8 }] });
  assert.deepEqual(ms.find((m) => m.kind === 'map' && m.name === '@mk'), { kind: 'map', name: '@mk', entries: [{ key: 'gd,8054', value: 8 }] });
  assert.deepEqual(ms.find((m) => m.kind === 'map' && m.name === '@calls'), { kind: 'map', name: '@calls', entries: [{ key: '', value: 8 }] });
  // 0.17 prints avg() under type "stats" with a plain number.
  assert.deepEqual(ms.find((m) => 'name' in m && m.name === '@av'), { kind: 'map', name: '@av', entries: [{ key: '', value: 4 }] });
  assert.deepEqual(ms.find((m) => m.kind === 'stats'), { kind: 'stats', name: '@s', entries: [{ key: '', count: 8, average: 156, total: 1248 }] });
  const h = ms.find((m) => m.kind === 'hist' && m.name === '@h');
  assert.ok(h && h.kind === 'hist');
  assert.equal(h.hists.length, 1);
  assert.deepEqual(h.hists[0]!.buckets.at(-1), { min: 128, max: 255, count: 7 });
  // The blank lines 0.17 prints before its final dump are skipped, not errors.
  assert.equal(ms.length, text(fixture('basic.out')).length);
});

function text(s: string): string[] {
  return s.split('\n').filter((l) => l.trim());
}

test('0.17: SIGINT dump with out-of-range lhist buckets and keyed hists; escapes in printf', () => {
  const ms = parseAll(fixture('sigint.out'));
  assert.deepEqual(ms[1], { kind: 'text', source: 'printf', text: 'q"uote\\ tab\there\n' });
  const lh = ms.find((m) => m.kind === 'hist' && m.name === '@lh');
  assert.ok(lh && lh.kind === 'hist');
  assert.deepEqual(lh.hists[0]!.buckets[0], { max: -1, count: 4 });
  assert.deepEqual(lh.hists[0]!.buckets.at(-1), { min: 100, count: 1 });
  const h2 = ms.find((m) => m.kind === 'hist' && m.name === '@h2');
  assert.ok(h2 && h2.kind === 'hist');
  assert.equal(h2.hists[0]!.key, 'gd');
});

test('0.17: lost_events and helper_error (-kk)', () => {
  const lost = parseAll(fixture('lost.out')).filter((m) => m.kind === 'lost');
  assert.deepEqual(lost[0], { kind: 'lost', events: 2 });
  const he = parseAll(fixture('helper2.out')).find((m) => m.kind === 'diagnostic');
  assert.deepEqual(he, { kind: 'diagnostic', level: 'warning', message: 'probe_read failed: error -14', line: 1, col: 49 });
});

test('0.24+: count at top level, integers as strings, runtime_error/errorf/warnf, tseries', () => {
  const ms = parseAll(fixture('v024-handwritten.out'));
  assert.deepEqual(ms[0], { kind: 'attached', probes: 3 });
  assert.deepEqual(ms[2], { kind: 'map', name: '@big', entries: [{ key: '1', value: '18446744073709551615' }, { key: '2', value: 5 }] });
  assert.deepEqual(ms[3], { kind: 'map', name: '@k', entries: [{ key: 'main.process,7', value: 3 }] });
  const h = ms[4]!;
  assert.ok(h.kind === 'hist');
  assert.deepEqual(h.hists[0]!.buckets[0], { max: -1, count: 3 });
  assert.equal(h.hists[0]!.buckets[3]!.count, 9007199254740992);
  assert.deepEqual(ms[6], { kind: 'lost', events: 7 });
  assert.deepEqual(ms[7], { kind: 'diagnostic', level: 'warning', message: 'probe_read_user failed: Bad address', line: 1, col: 49 });
  assert.deepEqual(ms[8], { kind: 'diagnostic', level: 'error', message: 'divide by zero', line: 2, col: 3 });
  assert.deepEqual(ms[9], { kind: 'diagnostic', level: 'error', message: 'bad thing 42', line: 3, col: 5 });
  assert.deepEqual(ms[10], { kind: 'diagnostic', level: 'warning', message: 'careful', line: 4, col: 5 });
  assert.equal(ms[11]!.kind, 'unknown');
  assert.equal(ms[12]!.kind, 'unknown');
});

test('never throws: blank, plain text, broken JSON, odd shapes', () => {
  for (const line of ['', '   ', 'No probes to attach', 'Attaching 2 probes...', '{"type": "printf", "data": "x', '[1,2]', '{"data": 1}', '{"type": 5}', '{"type":"map","data":null}', '{"type":"hist","data":{"@h":7}}', '{"type":"stats","data":{"@s":[1]}}']) {
    const m = parseLine(line);
    assert.ok(m === undefined || m.kind === 'unknown' || m.kind === 'map', `${line} -> ${JSON.stringify(m)}`);
  }
});

// Found by the fuzz campaign (test/fuzz/targets/bpf.ts): the stream called .replace on undefined.
test('fuzz: a text message without data ({"type":"time"}) is empty text, not undefined', () => {
  assert.deepEqual(parseLine('{"type":"time"}'), { kind: 'text', source: 'time', text: '' });
  assert.deepEqual(parseLine('{"type":"printf","data":null}'), { kind: 'text', source: 'printf', text: 'null' });
});

test('printf records read by the short path are what the whole record says (escapes, tabs, quotes, more fields)', () => {
  const dir = path.join(repoRoot, 'src/bpf/fixtures');
  const lines = fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n')).filter((l) => l.includes('"printf"'));
  lines.push(
    '{"type": "printf", "data": "call\\t42\\n"}',
    '{"type": "printf", "data": "quote \\" and \\\\ and \\u00e9\\n"}',
    '{"type": "printf", "data": "x", "more": "y"}',
    '{"type": "printf", "data": 7}',
  );
  assert.ok(lines.length > 4);
  for (const line of lines) {
    const whole = JSON.parse(line) as { data: unknown };
    const text = typeof whole.data === 'string' ? whole.data : JSON.stringify(whole.data);
    assert.deepEqual(parseLine(line), { kind: 'text', source: 'printf', text }, line);
  }
});
