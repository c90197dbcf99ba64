import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMatchRow, matchSpans, topAt, wrapPager } from './pager-text.js';
import { formatMap, MAP_WHAT_COLUMN, parseMaps } from '../memory/vmmap.js';

test('a search finds text that wraps from one row into the next, and marks both parts', () => {
  // A value wrapped at 20 columns: "2040,1820" is cut after "2040,18".
  const value = 'recent = []int len: 9 [2086,3879,2040,1820,1085]';
  const t = wrapPager(['header', value], 20);
  assert.deepEqual(t.rows.slice(1), ['recent = []int len: ', '9 [2086,3879,2040,18', '20,1085]']);
  assert.equal(findMatchRow(t, '2040,1820', 0, 1), 2, 'the row where the match starts');
  assert.deepEqual(matchSpans(t, 2, '2040,1820'), [[13, 20]]);
  assert.deepEqual(matchSpans(t, 3, '2040,1820'), [[0, 2]]);
  assert.equal(findMatchRow(t, '1820,1085', 0, 1), 2, 'from the row it starts in');
  assert.equal(findMatchRow(t, '2040,1820', 3, 1), undefined, 'a match is found once, where it starts');
  assert.equal(findMatchRow(t, '2040,1820', 3, -1), 2);
  assert.equal(findMatchRow(t, 'HEADER', 0, 1), 0, 'any case');
  assert.equal(findMatchRow(t, 'nowhere', 0, 1), undefined);
});

test('a hanging row reads with the space it was broken at: a search for words across it finds them', () => {
  const t = wrapPager(['  q  Quit the session now and leave'], 20);
  assert.deepEqual(t.rows, ['  q  Quit the ', '     session now and', '     leave']);
  assert.equal(findMatchRow(t, 'and leave', 0, 1), 1);
  assert.deepEqual(matchSpans(t, 1, 'and leave'), [[17, 20]]);
  assert.deepEqual(matchSpans(t, 2, 'and leave'), [[5, 10]]);
  assert.deepEqual(matchSpans(t, 0, 'the session'), [[10, 14]]);
  assert.deepEqual(matchSpans(t, 1, 'the session'), [[5, 12]]);
});

test('after a resize the pager keeps the same text on top, not the same row number', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i}: ${'word '.repeat(30)}end ${i}`);
  const wide = wrapPager(lines, 198);
  const top = wide.firstRow[12]!;
  assert.equal(wide.rows[top], lines[12]);
  const narrow = wrapPager(lines, 78);
  const at = topAt({ title: 'help', lines, top, width: 198 }, 78);
  assert.equal(narrow.lineOf[at], 12);
  assert.match(narrow.rows[at]!, /^line 12: /);
  // Back: the line's second row on top at 78 columns is that line's only row at 198.
  assert.equal(topAt({ title: 'help', lines, top: at + 1, width: 78 }, 198), top);
  assert.equal(topAt({ title: 'help', lines, top: 5 }, 78), 5, 'a top set with no width is taken as it is');
});

test('a line that starts with a count column wraps under its text, as one indented by a shorter count does', () => {
  const t = wrapPager(['518  runtime/proc.go:463 runtime.gopark  chan receive ×518', '  3  main.go:65 main.watch  chan receive ×3, waiting 33s+'], 30);
  assert.ok(t.rows.filter((_, r) => t.lead[r]).every((r) => r.startsWith('     ') && !r.startsWith('      ')), t.rows.join('\n'));
  assert.ok(t.rows.filter((_, r) => t.lead[r]).length >= 2, t.rows.join('\n'));
});

test("a line that starts with a short label column (:info's) wraps under its text; a value does not", () => {
  const t = wrapPager(['Others  Another client (the dlv CLI, an editor) was at work on this Delve 3s ago', 'x = "a value  with two spaces, long enough"'], 40);
  assert.deepEqual(t.rows.slice(0, 3), ['Others  Another client (the dlv CLI, an ', '        editor) was at work on this ', '        Delve 3s ago']);
  assert.deepEqual(t.rows.slice(3), ['x = "a value  with two spaces, long ', 'enough"']);
});

test("a table's rows (:vmmap's) continue under its last column whatever their sizes' padding, and a mark; lines before the table wrap as they are", () => {
  const lines = [
    "The core's memory (its segments; memory mapped with no access is not in a core):",
    formatMap(
      parseMaps(
        `400000-4d3000 r-xp 00000000 08:01 1 /work/demos/orders/bin/orders
7fabb4800000-7fabc6b12000 ---p 00000000 00:00 0
7fabc6b12000-7fabc6b13000 rw-p 00000000 00:00 0`,
        '/work/demos/orders/bin/orders',
        [],
      ),
      0x7fabc6b12000n,
    ),
  ].flat();
  const t = wrapPager(lines, 78, { column: MAP_WHAT_COLUMN, from: 1 });
  const continued = t.rows.filter((_, r) => t.lineOf[r]! >= 1 && r !== t.firstRow[t.lineOf[r]!]);
  assert.equal(continued.length, 3, t.rows.join('\n'));
  for (const r of continued) assert.match(r, new RegExp(`^ {${MAP_WHAT_COLUMN}}\\S`), t.rows.join('\n'));
  assert.equal(t.rows[1], 'core):', 'the sentence before the table wraps from the edge');
  // Too narrow for the column to leave room: the rule for any line again.
  assert.ok(wrapPager(lines, 50, { column: MAP_WHAT_COLUMN, from: 1 }).rows.every((r) => !r.startsWith(' '.repeat(MAP_WHAT_COLUMN))));
});
