// bpftrace's `-f json` output on its way to the eBPF pane: line parsing (src/bpf/output.ts), the
// templates' printf records (src/bpf/decode.ts), the stream and its view (src/bpf/stream.ts,
// src/bpf/view.ts), and the glob of a user script's uprobes (src/bpf/script.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadBinary, type GoBinary } from '../../../src/bpf/binary.js';
import { createDecoder } from '../../../src/bpf/decode.js';
import { parseLine, type BpfMessage } from '../../../src/bpf/output.js';
import { globMatch, planProbe } from '../../../src/bpf/script.js';
import { ProbeStream } from '../../../src/bpf/stream.js';
import type { ProbeRequest } from '../../../src/bpf/types.js';
import { renderProbeLines } from '../../../src/bpf/view.js';
import { buildDemo } from '../../../src/demos/build.js';
import { anyChar, hostile, join } from '../arbitraries.js';
import { property, type FuzzProperty } from '../harness.js';

let binary: GoBinary | undefined;
let binaryPath = '';
async function setup(): Promise<void> {
  binaryPath ||= await buildDemo('orders');
  binary ??= loadBinary(binaryPath);
}

const REQUESTS: ProbeRequest[] = [{ template: 'calls', func: 'main.process' }, { template: 'goroutines' }, { template: 'gc' }, { template: 'panics' }, { template: 'syscalls' }, { template: 'malloc' }];
const request = fc.constantFrom(...REQUESTS);

const num = fc.oneof(fc.nat(2000).map(String), fc.constantFrom('-1', '0', '18446744073709551615', '9007199254740993', '1e400', 'abc', '', ' 7', 'NaN', '0x10'));
const field = fc.oneof({ weight: 3, arbitrary: num }, { weight: 1, arbitrary: join(anyChar, 6) });
const record = fc.oneof(
  fc.tuple(num).map(([g]) => `call\t${g}\n`),
  fc.tuple(num, num, num).map(([a, b, c]) => `newproc\t${a}\t${b}\t${c}\n`),
  num.map((g) => `goexit\t${g}\n`),
  fc.tuple(num, num, num, num, num).map(([a, b, c, d, e]) => `gc\t${a}\t${b}\t${c}\t${d}\t${e}\n`),
  fc.tuple(num, num, join(fc.oneof(anyChar, fc.constantFrom('\n', '\t', '\ngc\tx\tq\t1\t2', '\ngoexit\t77', 'goid=9')), 10)).map(([g, t, v]) => `panic\t${g}\t${t}\t${v}\n`),
  fc.array(field, { maxLength: 5 }).map((f) => `${f.join('\t')}\n`),
  join(anyChar, 20),
);

const KNOWN_TYPES = ['attached_probes', 'lost_events', 'printf', 'time', 'cat', 'join', 'syscall', 'value', 'map', 'hist', 'stats', 'tseries', 'helper_error', 'runtime_error', 'errorf', 'print_error', 'warnf', 'unknown_x', '__proto__', 'constructor'];
const jsonish = fc.jsonValue({ maxDepth: 3 });
const hostileMessage = fc.oneof(
  fc.record({ type: fc.constantFrom(...KNOWN_TYPES), data: fc.oneof(jsonish, fc.dictionary(fc.constantFrom('@a', '@rate', '@by_goroutine', '@created', '@panics', '@syscalls', ''), fc.oneof(jsonish, fc.array(fc.record({ min: jsonish, max: jsonish, count: jsonish }, { requiredKeys: [] }), { maxLength: 4 }))), record) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom(...KNOWN_TYPES), count: jsonish, msg: jsonish, line: jsonish, col: jsonish, helper: jsonish, retcode: jsonish }, { requiredKeys: ['type'] }),
);
const line = fc.oneof(
  { weight: 12, arbitrary: hostileMessage.map((m) => JSON.stringify(m)) },
  { weight: 3, arbitrary: record.map((r) => JSON.stringify({ type: 'printf', data: r })) },
  { weight: 2, arbitrary: hostile(['{', '}', '"type"', ':', '"map"', '[', ']', ',', 'No probes to attach', ' ', '1e400', 'null']) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((d) => `{"type": "printf", "data": ${'['.repeat(d * 500)}${']'.repeat(d * 500)}}`) },
);
/** A map of every goroutine: 150,000 keys from :bpf calls on a leaking service. */
const bigMap = fc.integer({ min: 100_000, max: 150_000 }).map((n) => `{"type": "map", "data": {"@by_goroutine": {${Array.from({ length: n }, (_, i) => `"${i + 1}": ${(i % 7) + 1}`).join(', ')}}}}`);

// ---- a model of well-formed output and the messages it must give --------------------------------

const numberish = fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((b) => b.toString()));
const expectScalar = (v: number | string): number | string => (typeof v === 'string' && Number.isSafeInteger(Number(v)) ? Number(v) : v);
const model: fc.Arbitrary<{ line: string; want: BpfMessage }> = fc.oneof(
  fc.tuple(fc.nat(100), fc.boolean()).map(([n, old]) => ({ line: old ? `{"type": "attached_probes", "data": {"probes": ${n}}}` : `{"type": "attached_probes", "count": ${n}}`, want: { kind: 'attached' as const, probes: n } })),
  fc.tuple(fc.nat(1_000_000), fc.boolean()).map(([n, old]) => ({ line: old ? `{"type": "lost_events", "data": {"events": ${n}}}` : `{"type": "lost_events", "count": ${n}}`, want: { kind: 'lost' as const, events: n } })),
  fc.tuple(fc.constantFrom('printf' as const, 'time' as const, 'cat' as const, 'join' as const, 'syscall' as const), join(anyChar, 12)).map(([t, text]) => ({ line: JSON.stringify({ type: t, data: text }), want: { kind: 'text' as const, source: t, text } })),
  fc.tuple(fc.constantFrom('@a', '@calls', '@x_1'), numberish).map(([name, v]) => ({ line: `{"type": "map", "data": {${JSON.stringify(name)}: ${JSON.stringify(v)}}}`, want: { kind: 'map' as const, name, entries: [{ key: '', value: expectScalar(v) }] } })),
  fc.tuple(fc.constantFrom('@m', '@by_goroutine'), fc.uniqueArray(fc.tuple(fc.constantFrom('1', '2', '42', 'gd,8054', 'a', 'é', ''), numberish), { selector: ([k]) => k, maxLength: 5, minLength: 1 })).map(([name, entries]) => ({
    line: `{"type": "map", "data": {${JSON.stringify(name)}: {${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}}}`,
    want: { kind: 'map' as const, name, entries: entries.map(([key, v]) => ({ key, value: expectScalar(v) })) },
  })),
  fc.tuple(fc.constantFrom('@h', '@bytes'), fc.array(fc.record({ min: fc.option(fc.nat(1 << 20), { nil: undefined }), max: fc.option(fc.nat(1 << 20), { nil: undefined }), count: fc.nat(1000) }), { maxLength: 6 })).map(([name, buckets]) => ({
    line: JSON.stringify({ type: 'hist', data: { [name]: buckets } }),
    want: { kind: 'hist' as const, name, hists: [{ key: '', buckets: buckets.map((b) => ({ count: b.count, ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}) })) }] },
  })),
  fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(100000)).map(([count, average, total]) => ({ line: `{"type": "stats", "data": {"@s": {"count": ${count}, "average": ${average}, "total": ${total}}}}`, want: { kind: 'stats' as const, name: '@s', entries: [{ key: '', count, average, total }] } })),
);

const sortEntries = (m: BpfMessage) => (m.kind === 'map' ? { ...m, entries: [...m.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) } : m);

export const bpfProperties: FuzzProperty[] = [
  property({
    parser: 'bpftrace JSON',
    module: 'src/bpf/output.ts',
    name: 'any output line is a message or skipped, never a throw; lines not starting with { are skipped',
    arb: line,
    check: (text) => {
      const m = parseLine(text);
      if (!text.trim().startsWith('{')) assert.equal(m, undefined);
      if (m?.kind === 'attached') assert.equal(typeof m.probes, 'number');
      if (m?.kind === 'lost') assert.equal(typeof m.events, 'number');
    },
    runs: 200,
  }),
  property({
    parser: 'bpftrace JSON',
    module: 'src/bpf/output.ts',
    name: 'well-formed messages of 0.17 and 0.24+ parse to what they say (big integers kept exact)',
    arb: model,
    check: ({ line: l, want }) => {
      const got = parseLine(l);
      assert.ok(got, l);
      assert.deepEqual(sortEntries(got), sortEntries(want));
    },
    runs: 200,
  }),
  property({
    parser: 'bpftrace JSON',
    module: 'src/bpf/decode.ts',
    name: 'printf records of every template decode without a throw, one event per record; a panic value stays in its event',
    setup,
    arb: fc.tuple(request, fc.array(record, { minLength: 1, maxLength: 4 })),
    check: ([req, records]) => {
      const decode = createDecoder(req, binary!);
      for (const r of records) {
        const events = decode(r);
        for (const e of events) assert.equal(typeof e.text, 'string');
        // A record the template printed is one event, whatever the target put in its value.
        if (req.template === 'panics' && /^panic\t\d+\t\d+\t/.test(r)) {
          assert.equal(events.length, 1, JSON.stringify(r));
          assert.ok(events[0]!.text.startsWith('panic('));
        }
      }
    },
    runs: 200,
  }),
  property({
    parser: 'bpftrace JSON',
    module: 'src/bpf/stream.ts',
    name: 'any bpftrace output goes into a probe\'s stream and pane without a throw, within the pane\'s size',
    setup,
    arb: fc.tuple(request, fc.array(fc.oneof({ weight: 1200, arbitrary: line }, { weight: 1, arbitrary: bigMap }), { maxLength: 6 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 30 })),
    check: ([req, lines, w, h]) => {
      const plan = planProbe(req, { pid: process.pid, binary: binaryPath });
      const stream = new ProbeStream({ id: 1, title: plan.title, primary: plan.primary, decode: createDecoder(req, binary!), keyLabels: plan.keyLabels, mapTitles: plan.mapTitles, now: () => 0 });
      for (const l of lines) {
        const m = parseLine(l);
        if (m) stream.handle(m);
      }
      for (const show of ['auto', 'events', 'tables'] as const) {
        const out = renderProbeLines(stream, w, h, { show });
        assert.ok(out.length <= h);
        for (const o of out) assert.ok([...o].length <= w, `${JSON.stringify(o)} is wider than ${w}`);
      }
    },
    runs: 100,
    // 150,000-key maps are megabytes of JSON: parsing one is ~100 ms here, linear in its size.
    budgetMs: 2_000,
  }),
  property({
    parser: 'bpftrace JSON',
    module: 'src/bpf/script.ts',
    name: 'a user script\'s uprobe glob matches as the anchored regular expression does, in polynomial time',
    arb: fc.tuple(join(fc.constantFrom('a', 'b', '*', '.', '(', ')', 'é'), 12), join(fc.constantFrom('a', 'b', '.', '(', ')', 'é'), 40)),
    check: ([glob, name]) => {
      const got = globMatch(glob, name);
      if ((glob.match(/\*/g)?.length ?? 0) <= 4 && name.length <= 16) {
        const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'u');
        assert.equal(got, re.test(name), `${glob} on ${name}`);
      }
    },
    runs: 200,
  }),
];
