// Outside input of the features merged after the campaign began: a pair peer's messages
// (src/pair/protocol.ts), batch scripts and their Go literals (src/batch/script.ts,
// src/batch/compare.ts), the saved-breakpoints file (src/breakpoints/persist.ts), /proc/PID/maps
// (src/memory/vmmap.ts) and the finder's query (src/finder/fuzzy.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { judgePrint, parseGoLiteral } from '../../../src/batch/compare.js';
import { parseScript } from '../../../src/batch/script.js';
import { parseSaved, withSaved } from '../../../src/breakpoints/persist.js';
import { fuzzyScore } from '../../../src/finder/fuzzy.js';
import { parseMaps } from '../../../src/memory/vmmap.js';
import { LineReader, MAX_LINE, readEvent, readHello } from '../../../src/pair/protocol.js';
import { anyChar, cuts, hostile, join, splitAt } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

const peerJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ k: fc.constantFrom('resumed', 'stopped', 'view', 'breakpoints', 'changed', 'pause', 'drive?', 'kept', 'x'), how: fc.jsonValue(), reason: fc.oneof(fc.string(), fc.jsonValue()), where: fc.string(), goroutine: fc.oneof(fc.double(), fc.jsonValue()), frame: fc.double(), file: fc.string(), line: fc.double(), at: fc.string(), text: fc.string(), set: fc.oneof(fc.array(fc.oneof(fc.string(), fc.jsonValue())), fc.jsonValue()), what: fc.jsonValue(), by: fc.string() }, { requiredKeys: ['k'] }),
  fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()), host: fc.string(), since: fc.oneof(fc.double(), fc.jsonValue()), viewer: fc.jsonValue(), driving: fc.jsonValue(), hub: fc.jsonValue() }, { requiredKeys: [] }),
);
const peerStream = fc.tuple(fc.array(fc.oneof({ weight: 4, arbitrary: peerJson.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: join(anyChar, 20) }), { maxLength: 8 }), cuts);

const SCRIPT_VOCAB = ['\n', ' ', 'break main.process', 'continue', 'expect ', 'stop', ' at main.format', ' reason breakpoint', ' within 20s', 'print o.ID', ' == ', ' ~ ', '0x_', '"\\U7fffffff"', '"a\\tb"', '1_000', "'x'", 'nil', 'on break 1 {', '}', 'repeat 3 {', 'set N = 5', '${N}', '${HOME}', '#', 'goroutines', ' count >= ', '10', 'exit', ' code 0', 'output', 'memory', 'decode', 'bpf', 'quit', 'running', 'x/4xb $rsp'];
const LITERAL_VOCAB = ['0x', '0X', '0o', '0b', '_', '0', '7', '9', '-', '+', '.', 'e', '"', '`', "'", '\\', '\\U7fffffff', '\\U0010ffff', '\\u00e9', '\\x41', '\\400', 'nil', 'true', 'a'];
const MAPS_VOCAB = ['00400000-00452000', ' r-xp ', ' 00000000 ', '08:02 ', '173521 ', '/usr/bin/dbus-daemon', '[heap]', '[stack]', 'c000000000-c000400000', ' rw-p ', '\n', 'ffffffffffffffffff-1', 'x-y', ' ', '0'];

export const featureProperties: FuzzProperty[] = [
  property({
    parser: 'pair messages',
    module: 'src/pair/protocol.ts',
    name: 'a peer\'s byte stream, split anywhere, gives checked events and hellos or nothing, never a throw',
    arb: peerStream,
    check: ([lines, at]) => {
      const got: unknown[] = [];
      const reader = new LineReader((m) => got.push(m));
      for (const chunk of splitAt(lines.join('\n') + '\n', at)) reader.feed(chunk);
      for (const m of got) {
        const e = readEvent(m);
        if (e?.k === 'view') assert.ok(Number.isFinite(e.goroutine) && Number.isFinite(e.frame) && e.at.length <= 5000);
        if (e?.k === 'breakpoints') assert.ok(e.set.length <= 100 && e.set.every((s) => typeof s === 'string'));
        const h = readHello(m);
        if (h) assert.ok(typeof h.name === 'string' && h.name.length <= 100 && Number.isFinite(h.since));
      }
    },
    runs: 200,
  }),
  property({
    parser: 'pair messages',
    module: 'src/pair/protocol.ts',
    name: 'a line longer than the limit is dropped, and the lines after it still arrive',
    arb: fc.integer({ min: MAX_LINE + 1, max: MAX_LINE * 2 }),
    check: (n) => {
      const got: unknown[] = [];
      const reader = new LineReader((m) => got.push(m));
      reader.feed(`"${'x'.repeat(n)}`);
      reader.feed('"\n{"k":"kept"}\n');
      assert.deepEqual(got, [{ k: 'kept' }]);
    },
    runs: 20,
  }),
  property({
    parser: 'batch scripts',
    module: 'src/batch/script.ts',
    name: 'any script text parses into steps or is refused with a UserError naming FILE:LINE',
    arb: hostile(SCRIPT_VOCAB, { maxTokens: 30 }),
    check: (text) => {
      try {
        parseScript(text, 't.gotui', { env: { HOME: '/root' }, isCommand: (l) => /^(break|continue|print|quit|x\/)/.test(l) });
      } catch (err) {
        refusedOr(() => {
          throw err;
        });
        assert.match((err as Error).message, /^t\.gotui:\d+: /);
      }
    },
    runs: 300,
  }),
  property({
    parser: 'batch scripts',
    module: 'src/batch/compare.ts',
    name: 'any Go literal in an expectation reads as a value, and judging a print against it gives a verdict or a UserError',
    arb: fc.tuple(hostile(LITERAL_VOCAB, { maxTokens: 8 }), fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~'), fc.constantFrom(['42', 'int'], ['"a\\tb"', 'string'], ['2.5', 'float64'], ['nil', '*main.T'], ['true', 'bool'], ['(*main.T)(0xc000010000)', '*main.T'])),
    check: ([literal, op, [result, type]]) => {
      refusedOr(() => parseGoLiteral(literal));
      const v = refusedOr(() => judgePrint(result!, type!, op as '==', literal));
      if (v) assert.equal(typeof v.ok, 'boolean');
    },
    runs: 300,
  }),
  property({
    parser: 'saved breakpoints',
    module: 'src/breakpoints/persist.ts',
    name: 'any state file text gives a list of saved breakpoints (maybe empty), and writing it back reads the same',
    arb: fc.oneof(fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)), fc.record({ version: fc.jsonValue(), programs: fc.dictionary(fc.constantFrom('k', '/a/b', ''), fc.record({ saved: fc.jsonValue(), breakpoints: fc.array(fc.record({ kind: fc.constantFrom('line', 'function', 'x'), file: fc.string(), line: fc.oneof(fc.nat(), fc.jsonValue()), spec: fc.string(), condition: fc.string(), enabled: fc.jsonValue() }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] })) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)), join(anyChar, 20)),
    check: (text) => {
      const list = parseSaved(text, 'k');
      assert.ok(Array.isArray(list));
      assert.deepEqual(parseSaved(withSaved(text, 'k', list, new Date(0)), 'k'), list);
    },
    runs: 300,
  }),
  property({
    parser: '/proc maps',
    module: 'src/memory/vmmap.ts',
    name: 'any maps text gives mappings with lo and hi read from their hex, never a throw',
    arb: hostile(MAPS_VOCAB, { maxTokens: 30 }),
    check: (text) => {
      const map = parseMaps(text, '/usr/bin/dbus-daemon', []);
      for (const m of map.mappings) assert.ok(typeof m.lo === 'bigint' && typeof m.hi === 'bigint');
    },
    runs: 300,
  }),
  property({
    parser: 'finder queries',
    module: 'src/finder/fuzzy.ts',
    name: 'a match\'s positions are increasing indexes of the query\'s characters in the candidate',
    arb: fc.tuple(hostile(['m', 'a', 'i', 'n', '.', '(', '*', 'é', 'İ', 'ß', ' '], { maxTokens: 6, longRuns: false }), hostile(['main.', 'process', '(*T).M', 'runtime.', 'İstanbul', 'ß', 'a', '/'], { maxTokens: 12 })),
    check: ([query, candidate]) => {
      const q = query.toLowerCase();
      const m = fuzzyScore(q, candidate);
      if (!m) return;
      assert.ok(Number.isFinite(m.score));
      assert.ok(m.positions.every((p, i) => p >= 0 && p < candidate.length && (i === 0 || p > m.positions[i - 1]!)), JSON.stringify(m.positions));
    },
    runs: 300,
  }),
];
