// What reaches the terminal and what comes from it: the sanitizer, text fitting, Delve's text in
// pane frames, the status and command lines and Ink's last step, user patterns, the Go
// highlighter and key decoding (src/core/sanitize.ts, src/core/text.ts, src/ui/frame.ts,
// src/ui/chrome.ts, src/ui/line-renderer.ts, src/core/pattern.ts, src/source/go-lexer.ts,
// src/ui/keys.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { compilePattern } from '../../../src/core/pattern.js';
import { decodeBytes, sanitize, styledSegments } from '../../../src/core/sanitize.js';
import { cellWidth, clean, cut, fit, fitRow, wrap, type Row } from '../../../src/core/text.js';
import { lexLine, type LexState } from '../../../src/source/go-lexer.js';
import type { SessionState } from '../../../src/session/state.js';
import { commandRow, statusRow } from '../../../src/ui/chrome.js';
import { frameRows } from '../../../src/ui/frame.js';
import { decodeKeys, splitSequences } from '../../../src/ui/keys.js';
import { LineRenderer } from '../../../src/ui/line-renderer.js';
import { initialUiState } from '../../../src/ui/ui-state.js';
import { anyChar, hostile, join, longRun, NASTY } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

/** What must never reach the terminal from outside text. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\p{Bidi_Control}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

const TERMINAL_VOCAB = [...NASTY, '\x1b[0m', '\x1b[1;31m', '\x1b[38;5;200m', '\x1b[2J', '\x1b[H', '\x1b[?1049h', '\x1b]8;;http://x\x1b\\', '\x1bc', '\x1b(B', '\x1b[1;2', '\x9b31m', 'ok', ' ', 'a'];
const outside = hostile(TERMINAL_VOCAB);

/** Safe text: printable, wide, combining, emoji, tabs and newlines, nothing the sanitizer must touch. */
const safeChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\t', '\n', '中', 'é', 'e\u0301', '😀', '☺\ufe0f', '👨‍👩‍👧', '🇫🇷', 'ｗ', '─', '│', '…', '▶', '\u00a0', '\u200b', 'ñ', 'Ω'),
);

const GRAPHEMES = ['a', 'Z', ' ', '中', 'ｗ', '한', 'é', 'e\u0301', '😀', '☺\ufe0f', '❤\ufe0f', '👨‍👩‍👧', '🇫🇷', '👍🏽', '\u0e01\u0e33', '─', '…', '\u00ad', '◽', '◾', '\u200b', '\t', '\x1b[31m', '\r', '\ud800'];
const displayText = fc.oneof({ weight: 8, arbitrary: join(fc.constantFrom(...GRAPHEMES), 40) }, { weight: 2, arbitrary: join(anyChar, 40) }, { weight: 1, arbitrary: longRun(join(fc.constantFrom(...GRAPHEMES), 3), join(fc.constantFrom(...GRAPHEMES), 4), 4_000) });
const width = fc.integer({ min: 1, max: 120 });

// ---- SGR: sequences and what xterm does with them (ECMA-48 8.3.117, xterm's ctlseqs) --------------

type Style = { color?: string; bold?: boolean };
const SGR_TABLE: [string, (s: Style) => Style][] = [
  ['\x1b[31m', (s) => ({ ...s, color: 'red' })],
  ['\x1b[1;34m', () => ({ bold: true, color: 'blue' })],
  ['\x1b[92m', (s) => ({ ...s, color: 'greenBright' })],
  ['\x1b[1m', (s) => ({ ...s, bold: true })],
  ['\x1b[22m', ({ color }) => (color ? { color } : {})],
  ['\x1b[39m', ({ bold }) => (bold ? { bold } : {})],
  ['\x1b[0m', () => ({})],
  ['\x1b[m', () => ({})],
  ['\x1b[;33m', () => ({ color: 'yellow' })],
  ['\x1b[38;5;196m', (s) => s],
  ['\x1b[38;2;1;2;3;35m', (s) => ({ ...s, color: 'magenta' })],
  ['\x1b[48;5;21;1m', (s) => ({ ...s, bold: true })],
  ['\x1b[97;22m', () => ({ color: 'whiteBright' })],
];
const sgr = fc.constantFrom(...SGR_TABLE);

// ---- patterns: a grammar RE2 and JavaScript read alike on ASCII --------------------------------

const regexAtom: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'b', 'c', 'A', '1', '_', ' ', '-', '.', '\\d', '\\w', '\\s', '\\b', '[ab]', '[^a]', '[a-c1]', '^', '$', '\\.', 'x'),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => a + b),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(${a}|${b})`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,2}', '*?', '+?')).map(([a, q]) => `(?:${a})${q}`),
    tie('re').map((a) => `(${a})`),
  ),
})).re;
const subject = join(fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', '_', ' ', '-', '.', '\n', 'x'), 16);
const ADVERSARIAL = ['(.*)*x', '(a|a)*b', '(a+)+$', '(x+x+)+y', '((a*)*)*b', '(a|aa)+c', '(.*a){12}', '(?:a?){20}a{20}', '^(\\w+\\s?)*$'];

// ---- Delve's text on its way to the screen: file and function names, values, errors ------------

const DELVE_TEXT = [...TERMINAL_VOCAB, '/home/u/svc/main.go', 'C:\\src\\x.go', '/a b/ü.go', 'main.(*T).M', 'runtime.gopark', 'example.com/svc/pkg.F[...]', '"value"', '[]int len: 3, cap: 3, [1,2,3]', 'could not find symbol value for x', 'panic: boom', 'goroutine 1', ':42', ' · '];
const delveText = hostile(DELVE_TEXT);
const rowOf = (text: fc.Arbitrary<string>) => fc.array(fc.record({ text, color: fc.option(fc.constantFrom('red', 'gray', 'cyan'), { nil: undefined }), inverse: fc.boolean() }), { maxLength: 4 });
const noUnsafe = (rows: readonly Row[]) => {
  for (const row of rows) for (const seg of row) assert.equal(UNSAFE.exec(seg.text), null, `${JSON.stringify(seg.text)} reaches the terminal`);
};
const cells = (row: Row) => row.reduce((n, seg) => n + stringWidth(seg.text), 0);
/** SGR, the one escape gotui's own drawing (Ink's colours) sends. */
const SGR = /\x1b\[[0-9;]*m/g;
let lineRenderer: LineRenderer | undefined;

const KEY_NAME = /^(?:[CMS]-)*(?:up|down|left|right|home|end|insert|delete|pgup|pgdn|F(?:[1-9]|1[0-2])|tab|enter|backspace|esc|space|[\s\S])$|^unknown:"/u;
const csi = fc
  .tuple(join(fc.integer({ min: 0x30, max: 0x3f }).map((c) => String.fromCharCode(c)), 6), join(fc.integer({ min: 0x20, max: 0x2f }).map((c) => String.fromCharCode(c)), 2), fc.integer({ min: 0x40, max: 0x7e }).map((c) => String.fromCharCode(c)))
  .map(([p, i, f]) => `\x1b[${p}${i}${f}`)
  .filter((s) => !s.startsWith('\x1b[['));
const KEY_VOCAB = ['\x1b', '\x1b[A', '\x1b[1;5C', '\x1b[15~', '\x1bOP', '\x1b[[A', '\x1b[[Z', '\x1b[?1;2c', '\x1b[<0;35;12M', '\x1b[200~', '\x1b[I', '\x1bx', '\x1b\x1b', '\x1b[', '\x1bO', 'j', 'k', ':', '\r', '\t', '\x7f', '\x03', '😀', '\ud83d', '\ude00', 'é'];

export const screenProperties: FuzzProperty[] = [
  property({
    parser: 'sanitizer',
    module: 'src/core/sanitize.ts',
    name: 'output never holds ESC, CR, BS, other C0 or C1 controls, DEL, line separators, bidi controls or lone surrogates',
    arb: outside,
    check: (text) => {
      const out = sanitize(text);
      const bad = UNSAFE.exec(out);
      assert.equal(bad, null, `U+${bad?.[0].codePointAt(0)!.toString(16)} got through in ${JSON.stringify(out)}`);
      for (const s of styledSegments(text)) assert.equal(UNSAFE.exec(s.text), null);
    },
    runs: 400,
  }),
  property({
    parser: 'sanitizer',
    module: 'src/core/sanitize.ts',
    name: 'sanitizing twice changes nothing more, and output grows at most 8 characters per input unit',
    arb: outside,
    check: (text) => {
      const once = sanitize(text);
      assert.equal(sanitize(once), once);
      assert.ok(once.length <= 8 * text.length);
    },
    runs: 300,
  }),
  property({
    parser: 'sanitizer',
    module: 'src/core/sanitize.ts',
    name: 'text with nothing unsafe passes unchanged',
    arb: join(safeChar, 40),
    check: (text) => {
      assert.equal(sanitize(text), text);
    },
    runs: 200,
  }),
  property({
    parser: 'sanitizer',
    module: 'src/core/sanitize.ts',
    name: 'SGR colours become styles on exactly the characters they cover, and the text is unchanged',
    arb: fc.array(fc.tuple(fc.option(sgr), join(safeChar, 6)), { maxLength: 8 }),
    check: (runs) => {
      const text = runs.map(([seq, t]) => (seq ? seq[0] : '') + t).join('');
      const want: ({ ch: string } & Style)[] = [];
      let style: Style = {};
      for (const [seq, t] of runs) {
        if (seq) style = seq[1](style);
        for (const ch of t) want.push({ ch, ...style });
      }
      const got = styledSegments(text).flatMap((s) => [...s.text].map((ch) => ({ ch, ...(s.color ? { color: s.color } : {}), ...(s.bold ? { bold: true } : {}) })));
      assert.deepEqual(got, want);
    },
    runs: 200,
  }),
  property({
    parser: 'sanitizer',
    module: 'src/core/sanitize.ts',
    name: 'bytes decode as UTF-8 when valid, and invalid bytes show as \\xNN, never as an invented U+FFFD',
    arb: fc.oneof(fc.uint8Array({ maxLength: 40 }), join(anyChar, 20).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))), fc.array(fc.constantFrom(0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xa0, 0x9f, 0x41, 0xff), { maxLength: 12 }).map((a) => Uint8Array.from(a))),
    check: (bytes) => {
      const out = decodeBytes(bytes);
      let valid: string | undefined;
      try {
        valid = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        valid = undefined;
      }
      if (valid !== undefined) assert.equal(out, valid);
      else assert.match(out, /\\x[0-9a-f]{2}/);
      const fffd = Buffer.from(bytes).includes(Buffer.from('\ufffd'));
      if (!fffd) assert.ok(!out.includes('\ufffd'), 'no U+FFFD the bytes did not hold');
    },
    runs: 300,
  }),
  property({
    parser: 'text fitting',
    module: 'src/core/text.ts',
    name: 'fit gives exactly the width asked, in cells as string-width counts them',
    arb: fc.tuple(displayText, width),
    check: ([text, w]) => {
      const out = fit(text, w);
      assert.equal(stringWidth(out), w, JSON.stringify(out));
    },
    runs: 300,
  }),
  property({
    parser: 'text fitting',
    module: 'src/core/text.ts',
    name: 'a row of styled runs is fitted to exactly its width',
    arb: fc.tuple(fc.array(fc.record({ text: displayText, inverse: fc.boolean() }), { maxLength: 5 }), width),
    check: ([segs, w]) => {
      const row: Row = segs;
      const out = fitRow(row, w);
      assert.equal(out.reduce((n, s) => n + stringWidth(s.text), 0), w, JSON.stringify(out));
    },
    runs: 200,
  }),
  property({
    parser: 'text fitting',
    module: 'src/core/text.ts',
    name: 'wrap keeps every character, in rows no wider than the width (but for one character wider than it, alone on its row)',
    arb: fc.tuple(displayText, fc.integer({ min: 2, max: 80 })),
    check: ([text, w]) => {
      const rows = wrap(text, w);
      assert.ok(rows.length >= 1);
      assert.equal(rows.join(''), clean(text));
      // A cluster wider than the row (𝆺𝅥𝅯 counts 3 cells) cannot be split: alone on its row, and fitRow cuts it there.
      const alone = (r: string) => [...new Intl.Segmenter().segment(r)].length === 1;
      for (const r of rows) assert.ok(stringWidth(r) <= w || alone(r), `${JSON.stringify(r)} is ${stringWidth(r)} cells, more than ${w}`);
    },
    runs: 300,
  }),
  property({
    parser: 'text fitting',
    module: 'src/core/text.ts',
    name: 'cut keeps a prefix within the width; cellWidth agrees with string-width (on texts up to 2,000 characters)',
    arb: fc.tuple(displayText.map(clean), fc.integer({ min: 0, max: 80 })),
    check: ([text, w]) => {
      const c = cut(text, w);
      assert.ok(text.startsWith(c));
      assert.ok(stringWidth(c) <= w, `${JSON.stringify(c)} is ${stringWidth(c)} cells, more than ${w}`);
      // string-width itself takes 0.4 s on 30,000 characters: the judge only on shorter texts.
      if (text.length <= 2_000) assert.equal(cellWidth(text), stringWidth(text), JSON.stringify(text));
    },
    runs: 300,
  }),
  property({
    parser: 'patterns',
    module: 'src/core/pattern.ts',
    name: 'any pattern compiles or is refused with a UserError, and matching never throws',
    arb: fc.tuple(hostile(['(', ')', '*', '+', '?', '{', '}', '{1000}', '{1001}', '[', ']', '^', '\\', '|', '.', '(?', '(?i)', '(?P<n>', '\\p{L}', '\\1', '(?=', 'a', 'é']), hostile(['a', 'b', '\n', 'é', ' '], { maxTokens: 20 })),
    check: ([source, text]) => {
      const p = refusedOr(() => compilePattern(source));
      if (p) assert.equal(typeof p.test(text), 'boolean');
    },
    runs: 300,
  }),
  property({
    parser: 'patterns',
    module: 'src/core/pattern.ts',
    name: 'on ASCII, patterns match as JavaScript\'s RegExp (case-insensitive) matches them',
    arb: fc.tuple(regexAtom, subject),
    check: ([source, text]) => {
      assert.equal(compilePattern(source).test(text), new RegExp(source, 'i').test(text), `/${source}/ on ${JSON.stringify(text)}`);
    },
    runs: 300,
  }),
  property({
    parser: 'patterns',
    module: 'src/core/pattern.ts',
    name: 'nested quantifiers ((.*)*x and kin) against long inputs answer in linear time (bench/fuzz times them)',
    arb: fc.tuple(fc.constantFrom(...ADVERSARIAL), fc.constantFrom('a', 'x', 'ab', ' a'), fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 100, max: 2_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 20_000 }) }), fc.constantFrom('', '!', 'b', 'c')),
    check: ([source, unit, n, tail]) => {
      const text = unit.repeat(n) + tail;
      const got = compilePattern(source).test(text);
      assert.equal(typeof got, 'boolean');
    },
    runs: 30,
  }),
  property({
    parser: 'Go highlighter',
    module: 'src/source/go-lexer.ts',
    name: 'tokens of a line put together are the line, and the state stays one of three',
    arb: fc.tuple(hostile(['//', '/*', '*/', '`', '"', "'", '\\', 'func', 'x', '0x1f', '1e3', '.5', ' ', '\t', 'string', 'nil', '_']), fc.constantFrom<LexState>('code', 'block-comment', 'raw-string')),
    check: ([line, state]) => {
      const r = lexLine(line, state);
      assert.equal(r.tokens.map((t) => t.text).join(''), line);
      assert.ok(['code', 'block-comment', 'raw-string'].includes(r.state));
    },
    runs: 200,
  }),
  property({
    parser: 'terminal keys',
    module: 'src/ui/keys.ts',
    name: 'input splits into keys losslessly: no sequence swallows the next ESC or half a surrogate pair',
    arb: hostile(KEY_VOCAB),
    check: (data) => {
      const pieces = splitSequences(data);
      assert.equal(pieces.join(''), data);
      for (const [i, p] of pieces.entries()) {
        assert.ok(p.length > 0);
        assert.ok(!p.slice(1).includes('\x1b'), `${JSON.stringify(p)} holds the start of the next key`);
        const next = pieces[i + 1];
        if (next && /[\ud800-\udbff]$/.test(p) && /^[\udc00-\udfff]/.test(next)) assert.fail(`${JSON.stringify(p)} splits a surrogate pair`);
      }
    },
    runs: 300,
  }),
  property({
    parser: 'terminal keys',
    module: 'src/ui/keys.ts',
    name: 'a whole CSI sequence (ECMA-48: parameters, intermediates, final) is one key, whatever follows',
    arb: fc.tuple(csi, hostile(KEY_VOCAB, { maxTokens: 3, longRuns: false })),
    check: ([seq, after]) => {
      assert.equal(splitSequences(seq + after)[0], seq);
    },
    runs: 200,
  }),
  property({
    parser: 'terminal keys',
    module: 'src/ui/keys.ts',
    name: 'every key decodes to a named key, a character, or unknown:"…", never undefined',
    arb: hostile(KEY_VOCAB),
    check: (data) => {
      for (const k of decodeKeys(data)) assert.match(k, KEY_NAME);
    },
    runs: 300,
  }),
  property({
    parser: 'pane frames',
    module: 'src/ui/frame.ts',
    name: 'Delve\'s text in a pane\'s title, note and rows is framed to exactly the pane\'s width, with nothing unsafe left',
    arb: fc.record({ title: fc.option(delveText, { nil: undefined }), note: fc.option(delveText, { nil: undefined }), rows: fc.array(rowOf(delveText), { maxLength: 4 }), width: fc.integer({ min: 4, max: 100 }), height: fc.integer({ min: 2, max: 7 }), focused: fc.boolean(), stale: fc.boolean() }),
    check: ({ title, note, rows, width, height, focused, stale }) => {
      const out = frameRows({ ...(title !== undefined ? { title } : {}), ...(note !== undefined ? { note } : {}), rows, stale }, { x: 0, y: 0, width, height }, { title: 'Source', focused, index: 1 });
      assert.equal(out.length, height);
      noUnsafe(out);
      for (const row of out) assert.equal(cells(row), width, JSON.stringify(row));
    },
    runs: 150,
  }),
  property({
    parser: 'status and command lines',
    module: 'src/ui/chrome.ts',
    name: 'a target label, Delve version, panic text, flash, error, question or typed line from outside shows with nothing unsafe',
    arb: fc.record({ label: delveText, version: delveText, panic: delveText, flash: fc.option(delveText, { nil: undefined }), error: delveText, typed: delveText, question: fc.option(delveText, { nil: undefined }), width: fc.integer({ min: 20, max: 160 }) }),
    check: ({ label, version, panic, flash, error, typed, question, width }) => {
      const session: SessionState = { status: 'stopped', targetLabel: label, delveVersion: version, owned: false, breakpoints: [], capabilities: {}, stop: { number: 1, reason: 'exception', description: 'panic', text: panic, goroutine: 1, breakpoints: [] } };
      const ui = { ...initialUiState(), ...(flash !== undefined ? { flash } : {}) };
      noUnsafe([statusRow(width, session, ['c cont', '? help']), commandRow(width, ui, error), commandRow(width, { ...ui, mode: 'command', commandText: typed })]);
      if (question !== undefined) noUnsafe([commandRow(width, { ...ui, question: { text: question, choices: [{ key: 'y', label: question, command: 'quit' }] } })]);
    },
    runs: 300,
  }),
  property({
    parser: 'status and command lines',
    module: 'src/ui/line-renderer.ts',
    name: 'any row, cleaned or not, leaves Ink with no escape but SGR colours and no other control',
    // Rows reach Ink already fitted to the screen: no 20,000-character runs (Ink lays those out for seconds).
    arb: fc.tuple(rowOf(hostile(DELVE_TEXT, { longRuns: false })), fc.integer({ min: 1, max: 120 })),
    check: ([row, width]) => {
      lineRenderer ??= new LineRenderer();
      const drawn = lineRenderer.lines([row], width)[0]!.replace(SGR, '');
      assert.equal(UNSAFE.exec(drawn), null, `${JSON.stringify(drawn)} reaches the terminal`);
    },
    runs: 100,
  }),
  property({
    parser: 'status and command lines',
    module: 'src/ui/line-renderer.ts',
    name: 'rows drawn in one render are the rows drawn one by one (none lost, merged or shifted)',
    arb: fc.tuple(fc.array(rowOf(hostile(DELVE_TEXT, { longRuns: false })), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 120 })),
    check: ([rows, width]) => {
      // Fresh renderers: a cached line must not hide a difference.
      const together = new LineRenderer();
      const alone = new LineRenderer();
      try {
        assert.deepEqual(together.lines(rows, width), rows.map((r) => alone.lines([r], width)[0]));
      } finally {
        together.dispose();
        alone.dispose();
      }
    },
    runs: 60,
  }),
];
