import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { NARROW, NOT_NARROW_GO } from './narrow.js';
import { cellWidth, clean, columnHang, cut, cutStart, editDistance, filesNamed, fit, fitRow, formatCount, formatDuration, namePlace, nearestNames, pathShown, pathsShownAs, splitTopLevel, wrap, wrapHanging } from './text.js';

test('fit pads, cuts with an ellipsis, and never lets an escape through', () => {
  assert.equal(fit('abc', 5), 'abc  ');
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('a\x1b]0;t\x07b', 4), 'ab  ');
  assert.equal(fit('\tx', 6), '    x ');
  assert.equal(fit('日本語', 5), '日本…');
  assert.equal(cellWidth(fit('日本語テキスト', 7)), 7);
});

test('fitRow marks a cut that falls where a run ends: the ellipsis says more text follows', () => {
  const row = [{ text: 'total := ' }, { text: 'len', color: 'cyan' }, { text: '(a)' }];
  assert.equal(fitRow(row, 12).map((s) => s.text).join(''), 'total := le…', 'cut inside the run that would have filled the row');
  assert.equal(fitRow(row, 15).map((s) => s.text).join(''), 'total := len(a)', 'all of it where it fits');
  assert.equal(fitRow([...row, { text: '   ' }], 15).map((s) => s.text).join(''), 'total := len(a)', 'trailing blanks lose nothing');
});

test('fitRow cuts a float that ends a row in its mantissa, never its exponent', () => {
  const row = fitRow([{ text: 'x float64' }, { text: ' = 1.9175399015757e-310' }], 24);
  assert.equal(row.map((s) => s.text).join(''), 'x float64 = 1.9175…e-310');
  assert.equal(fitRow([{ text: 'n = 12345678e-310' }], 8).map((s) => s.text).join(''), 'n = 123…', 'no room for the exponent: cut as any text');
  assert.equal(fitRow([{ text: 'name = type-12' }], 10).map((s) => s.text).join(''), 'name = ty…', 'not a number');
});

test('fitRow keeps styles and cuts at the edge', () => {
  const r = fitRow([{ text: 'ab', color: 'red' }, { text: 'cdef' }], 4);
  assert.deepEqual(r, [{ text: 'ab', color: 'red' }, { text: 'c…' }]);
  assert.deepEqual(fitRow([{ text: 'ab' }], 4), [{ text: 'ab' }, { text: '  ' }]);
});

test('box drawing, ▶, … and · are cut and cleaned as strings, a cell each, as string-width measures them', () => {
  const text = '▶ 12 ·── x … │ ±3 ×10';
  assert.equal(cellWidth(text), stringWidth(text));
  assert.equal(cut(text, 6), '▶ 12 ·');
  assert.equal(cutStart(text, 5), '│ ±3 ×10'.slice(-5));
  assert.equal(clean(text), text);
  // Not narrow: a bidi control, an escape and a combining accent still go the long way.
  assert.equal(clean('a\u202eb'), 'a<u+202e>b');
  assert.equal(clean('x\x1b[31my'), 'xy');
  assert.equal(cut('e\u0301e\u0301e', 2), 'e\u0301e\u0301');
});

test('wrap splits long lines into rows of the width', () => {
  assert.deepEqual(wrap('abcdefg', 3), ['abc', 'def', 'g']);
  // A path fills the row: it breaks after a slash, not inside a name (trial AR).
  assert.deepEqual(wrap('saved in /root/.local/state/gotui/breakpoints.json now', 30), ['saved in /root/.local/state/', 'gotui/breakpoints.json now']);
  assert.deepEqual(wrap('', 3), ['']);
  assert.deepEqual(wrap('ab\rc', 10), ['ab^Mc']);
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts), widths counted by string-width.
test('fuzz: an emoji with its variation selector ("☺️a") is two cells: fit and wrap do not overflow', () => {
  assert.equal(stringWidth(fit('a☺️☺️☺️', 4)), 4);
  assert.deepEqual(wrap('☺️a', 2), ['☺️', 'a']);
  assert.deepEqual(wrap('a👨‍👩‍👧b', 3), ['a👨‍👩‍👧', 'b']);
});

test('fuzz: the soft hyphen (zero cells) and ◽ ◾ (two cells) are measured as string-width does', () => {
  for (const s of ['\u00ad', '◽', '◾', 'a\u00adb◽']) assert.equal(cellWidth(s), stringWidth(s), JSON.stringify(s));
  assert.equal(stringWidth(fit('\u00ad', 1)), 1);
  assert.equal(fitRow([{ text: '◽' }], 1).reduce((n, s) => n + stringWidth(s.text), 0), 1);
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts): fit measured the whole text first.
test('fuzz: fitting 4,000 emoji to 10 cells measures only what fits', () => {
  const many = '😀'.repeat(4000);
  assert.equal(fit(many, 10), `${'😀'.repeat(4)}… `);
  assert.deepEqual(fitRow([{ text: many }, { text: 'x' }], 5), [{ text: '😀😀…' }]);
  assert.equal(fit('😀😀', 4), '😀😀');
});

test('wrap breaks after a space, not inside a word, and keeps every character', () => {
  assert.deepEqual(wrap('asks before leaving an attached target', 20), ['asks before leaving ', 'an attached target']);
  assert.deepEqual(wrap('abcdefghij klm', 5), ['abcde', 'fghij', ' klm']);
  assert.deepEqual(wrap('a bcdefghijk', 6), ['a bcde', 'fghijk'], 'a space too early in the row is not worth an almost empty row');
  // Prose drops the space a full row broke at (trial AX: `│ breakpoint with :break.`).
  assert.deepEqual(wrap('abcdefghij klm', 5, true), ['abcde', 'fghij', 'klm']);
  assert.deepEqual(wrap('The target is running: p pauses it, or set a breakpoint with :break.', 44, true), ['The target is running: p pauses it, or set a', 'breakpoint with :break.']);
});

test('formatCount groups thousands as en-US does', () => {
  for (const n of [0, 7, 999, 1000, 12345, -1234, 100000, 1234567, Number.MAX_SAFE_INTEGER, 1.5, -0.25, 1e21]) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
});

test('wrapHanging indents the rows after the first, and a space left at a break does not indent deeper', () => {
  assert.deepEqual(wrapHanging('  q  Quit the session now and leave', 20, 5), ['  q  Quit the ', '     session now and', '     leave']);
  assert.deepEqual(wrapHanging('short', 20, 5), ['short']);
});

test('a mistyped name: those it begins first, then the closest by edits; nothing far off', () => {
  const names = ['continue', 'clear', 'next', 'nexti', 'print', 'stepout'];
  assert.deepEqual(nearestNames('contnue', names), ['continue']);
  assert.deepEqual(nearestNames('nex', names), ['next', 'nexti']);
  assert.deepEqual(nearestNames('nosuchcmd', names), []);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  // Two letters swapped is one edit; letters left out of a name (an abbreviation) find it.
  const commands = ['break', 'breakpoints', 'drive', 'disassemble', 'display', 'restart', 'rejoin'];
  assert.equal(editDistance('drvie', 'drive'), 1);
  assert.deepEqual(nearestNames('drvie', commands), ['drive']);
  assert.deepEqual(nearestNames('brk', commands), ['break', 'breakpoints']);
  assert.deepEqual(nearestNames('rst', commands), ['restart']);
  assert.deepEqual(nearestNames('xyz', commands), []);
});

test('a list split at its own commas: none inside brackets or a Go string; joined, the text comes back', () => {
  const text = '{…},"a,]b",(x, y),[1,2],';
  assert.deepEqual(splitTopLevel(text), ['{…}', '"a,]b"', '(x, y)', '[1,2]', '']);
  assert.equal(splitTopLevel(text).join(','), text);
  // Parentheses only, quotes not looked at (a cut value may leave one open).
  assert.deepEqual(splitTopLevel('1,(err, x),"3,4', { pairs: '()', quotes: false }), ['1', '(err, x)', '"3', '4']);
});

test('a span said briefly: seconds, minutes, hours, days', () => {
  assert.deepEqual([5e9, 59e9, 60e9, 3599e9, 3600e9, 3660e9, 86400e9, 90000e9].map(formatDuration), ['5s', '59s', '1m', '59m', '1h', '1h1m', '1d', '1d1h']);
});

test("a place by its file's name alone, and with no file", () => {
  assert.equal(namePlace('/work/demos/orders/main.go', 42), 'main.go:42');
  assert.equal(namePlace(undefined, 7), '?:7');
});

test("gdb's x rows wrap under their first word in a narrow console, the address alone on the left (trial CG: rows wrapped to the edge read as more rows)", () => {
  const row = '0xc000047f40:\t0x0000000000000001\t0x0000000000000002';
  assert.equal(columnHang(row, 40), 17);
  assert.deepEqual(wrapHanging(row, 40, columnHang(row, 40)), ['0xc000047f40:    0x0000000000000001    ', '                 0x0000000000000002']);
  const sym = '0x5b5930 <main.customers+8>:\t0x01\t0x02\t0x03\t0x04\t0x05\t0x06\t0x07\t0x08';
  const rows = wrapHanging(sym, 60, columnHang(sym, 60));
  assert.equal(columnHang(sym, 60), 32);
  assert.ok(rows.length > 1 && rows.slice(1).every((r) => r.startsWith(' '.repeat(32)) && /0x0\d/.test(r)), rows.join('\n'));
  assert.equal(columnHang(sym, 46), 0, 'no room for a word after it: no column');
  // Not an address: as before.
  assert.equal(columnHang('Delve   1.27.1 at 127.0.0.1:4000', 80), 8);
});

test('pathsShownAs finds a file whose name holds an escape by the name the screen gives it, and no plain file', () => {
  const all = ['/src/app/main.go', '/src/app/x\x1b[31my.go', '/src/other/x\x1b[31my.go'];
  assert.deepEqual(pathsShownAs(all, 'app/xy.go'), ['/src/app/x\x1b[31my.go']);
  assert.deepEqual(pathsShownAs(all, 'xy.go'), ['/src/app/x\x1b[31my.go', '/src/other/x\x1b[31my.go']);
  assert.deepEqual(pathsShownAs(all, 'main.go'), []);
});

test('filesNamed: a name the screen shows for an escape-named file and a real file of that name: the one on screen, else both, told apart (trial CN)', () => {
  const evil = '/src/app/x\x1b[31my.go';
  const all = ['/src/app/main.go', '/src/app/xy.go', evil];
  assert.deepEqual(filesNamed(all, 'main.go'), ['/src/app/main.go']);
  assert.deepEqual(filesNamed(all, 'xy.go'), ['/src/app/xy.go', evil]);
  assert.deepEqual(filesNamed(all, 'xy.go', evil), [evil]);
  assert.deepEqual(filesNamed(all, 'xy.go', '/src/app/xy.go'), ['/src/app/xy.go']);
  assert.deepEqual(filesNamed(all, 'xy.go', '/src/app/main.go'), ['/src/app/xy.go', evil]);
  assert.equal(pathShown(evil), '/src/app/xy.go (its real name holds control characters)');
  assert.equal(pathShown('/src/app/xy.go'), '/src/app/xy.go');
});

test("NOT_NARROW_GO, Delve's filter for names the screen may show otherwise, matches what NARROW does not", () => {
  // Go's \x{…} as JavaScript's \u{…}: the same set.
  const re = new RegExp(NOT_NARROW_GO.replace(/\\x\{([0-9a-f]+)\}/g, '\\u{$1}'), 'u');
  for (const name of ['/src/x\x1b[31my.go', '/src/a\u202eb.go', '/src/tab\there.go', '/src/\u0085.go']) assert.ok(re.test(name), JSON.stringify(name));
  for (const name of ['/src/main.go', '/src/café.go', '/src/a-b_c.go']) assert.ok(!re.test(name) && NARROW.test(name), name);
});
