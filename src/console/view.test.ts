import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleRows } from './view.js';
import type { ConsoleLine } from './line.js';

const text = (rows: { text: string }[][]) => rows.map((r) => r.map((s) => s.text).join(''));

test('long lines wrap instead of being cut: the program\'s as written, gotui\'s under themselves', () => {
  const lines: ConsoleLine[] = [{ text: 'x'.repeat(25), kind: 'stdout' }, { text: 'y'.repeat(25), kind: 'result' }];
  assert.deepEqual(text(consoleRows(lines, 10, 7, 0).rows), ['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx', 'yyyyyyyyyy', '  yyyyyyyy', '  yyyyyyy']);
  // A hint that wraps where a `> ` begins does not look like a command typed.
  const hint: ConsoleLine[] = [{ text: 'Breakpoint set. Lines run from 1 to 3 > 3.', kind: 'result' }];
  assert.ok(text(consoleRows(hint, 38, 5, 0).rows).slice(1).every((r) => r.startsWith('  ')));
  // A result in columns (`:info` at 80x24, a 44-column console) goes on under its last column, as in the pager (trial BV).
  const info: ConsoleLine[] = [{ text: 'Delve   1.27.1 at 127.0.0.1:36277 (pid 10561)', kind: 'result' }, { text: '        The dlv CLI can look too, while the target is stopped: dlv connect 127.0.0.1:36277', kind: 'result' }];
  assert.deepEqual(text(consoleRows(info, 44, 9, 0).rows).map((r) => r.trimEnd()), ['Delve   1.27.1 at 127.0.0.1:36277 (pid', '        10561)', '        The dlv CLI can look too, while the', '        target is stopped: dlv connect', '        127.0.0.1:36277']);
});

test('gotui lines are marked, program lines are not', () => {
  const lines: ConsoleLine[] = [
    { text: 'hello', kind: 'stdout' },
    { text: 'attached', kind: 'info' },
    { text: 'bad', kind: 'error' },
  ];
  assert.deepEqual(text(consoleRows(lines, 20, 5, 0).rows), ['hello', '· attached', '! bad']);
});

test('scrolling back shows earlier rows and stops at the first', () => {
  const lines: ConsoleLine[] = Array.from({ length: 10 }, (_, i) => ({ text: `l${i}`, kind: 'stdout' as const }));
  assert.deepEqual(text(consoleRows(lines, 10, 3, 2).rows), ['l5', 'l6', 'l7']);
  const far = consoleRows(lines, 10, 3, 100);
  assert.deepEqual(text(far.rows), ['l0', 'l1', 'l2']);
  assert.equal(far.clampedBack, 7);
});

test('coloured output keeps its colours across a wrap', () => {
  const lines: ConsoleLine[] = [{ text: 'abcdef', kind: 'stdout', segments: [{ text: 'abc', color: 'red' }, { text: 'def' }] }];
  const rows = consoleRows(lines, 4, 3, 0).rows;
  assert.deepEqual(rows, [[{ text: 'abc', color: 'red' }, { text: 'd' }], [{ text: 'ef' }]]);
});

test("gdb's x rows in a narrow console (80x24) wrap under their first word: a wrapped row cannot pass for the next (trial CG)", () => {
  const lines: ConsoleLine[] = [
    { text: '0xc000047f40:\t0x0000000000000001\t0x0000000000000002', kind: 'result' },
    { text: '0xc000047f50:\t0x0000000000000003\t0x0000000000000004', kind: 'result' },
  ];
  assert.deepEqual(text(consoleRows(lines, 44, 4, 0).rows).map((r) => r.trimEnd()), [
    '0xc000047f40:    0x0000000000000001',
    '                 0x0000000000000002',
    '0xc000047f50:    0x0000000000000003',
    '                 0x0000000000000004',
  ]);
});
