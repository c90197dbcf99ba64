import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockCache } from './block-cache.js';
import { parseExamineCommand } from './examine-grammar.js';
import { memoryPaneModel, type PaneSources } from './pane-model.js';
import type { MemorySnapshot, Watch } from './store.js';
import { examineReducer, initialExamineState } from './view-state.js';
import { labelText } from '../core/text.js';
import { frameRows } from '../ui/frame.js';

const SP = 0xc000047f40n;

function snapshot(patch: Partial<MemorySnapshot> = {}): MemorySnapshot {
  const cache = new BlockCache();
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 32; i++) view.setBigUint64(i * 8, i === 0 ? 0x4bf1b0n : BigInt(i), true);
  cache.put(SP - 0x40n + 0x40n, bytes, new Uint8Array(256).fill(1));
  const state = examineReducer(initialExamineState(2), { type: 'examine', parsed: parseExamineCommand('x/32xg $sp'), address: SP });
  return { view: state, label: '$sp', cache, version: 1, loading: false, watches: [], running: false, stop: 1, method: { method: 'dlvx', title: 'dlv x' }, ...patch };
}

function sources(s: MemorySnapshot): PaneSources {
  return {
    view: { bytes: (a, n) => s.cache.get(a, n) },
    watch: (w: Watch) => ({ bytes: (a, n) => (w.current ? { ...w.current, bytes: w.current.bytes.slice(Number(a - w.grid.address), Number(a - w.grid.address) + n), readable: w.current.readable.slice(Number(a - w.grid.address), Number(a - w.grid.address) + n), complete: true } : { bytes: new Uint8Array(n), readable: new Uint8Array(n), complete: false }) }),
    annotate: (v) => (v === 0x4bf1b0n ? { label: 'main.main+432', kind: 'text' } : undefined),
    symbolize: () => undefined,
  };
}

const lineText = (l: { segments: readonly { text: string }[] }) => l.segments.map((s) => s.text).join('');

test('the pane fills its height: rows, then the cursor word, status, decode and watches', () => {
  const s = snapshot({
    status: { text: 'Memory at 0x10 cannot be read (Delve: input/output error); unreadable bytes show as ??.', kind: 'error' },
    decode: { title: 'slice header at 0xc000047f40', lines: ['data 0x4bf1b0  len 1  cap 2'], problems: ['len 1 is greater than cap 0.'] },
    watches: [{ id: 1, grid: { address: SP, format: 'x', unit: 'g', count: 2 }, label: '&n', current: { bytes: new Uint8Array(16), readable: new Uint8Array(16).fill(1) } }],
  });
  const m = memoryPaneModel(s, sources(s), 60, 20);
  assert.equal(labelText(m.note), 'x/32xg $sp = 0xc000047f40 · rows 1-12 of 16 · dlv x', 'the address the expression gave, and the rows the footer leaves no room for, are said');
  assert.equal(m.perRow, 1, 'one word a row fits 60 columns with its note');
  assert.equal(m.lines.length, 20);
  const texts = m.lines.map(lineText);
  assert.match(texts[0]!, /^0xc000047f40: 0x00000000004bf1b0 0x0000000000000001/, 'rows use the perRow the store has (2) until it is told');
  assert.ok(texts.includes('cursor 0xc000047f40  word 0x4bf1b0  → main.main+432  Enter follows, Backspace returns'));
  assert.ok(texts.some((t) => t.startsWith('Memory at 0x10 cannot be read')));
  assert.ok(texts.includes('  problem: len 1 is greater than cap 0.'));
  assert.ok(texts.includes('#1 x/2xg &n'));
  assert.equal(m.viewRows + 5 + 3, 20, 'footer of 5 lines and a watch of 3');
});

test('wide panes fit more words a row; the cursor row stays on screen', () => {
  const s = snapshot();
  assert.equal(memoryPaneModel(s, sources(s), 100, 10).perRow, 2);
  assert.equal(memoryPaneModel(s, sources(s), 160, 10).perRow, 4);
  assert.equal(memoryPaneModel(s, sources(s), 78, 10).perRow, 2, 'zoomed at 80 columns: two words a row, as gdb prints them (notes where they fit)');
  const moved = { ...s, view: { ...s.view, perRow: 2, cursor: SP + 8n * 30n } };
  const m = memoryPaneModel(moved, sources(moved), 120, 6);
  assert.equal(m.viewRows, 5);
  assert.ok(m.lines.slice(0, m.viewRows).some((l) => l.segments.some((x) => x.role === 'cell' && 'cursor' in x && x.cursor)));
});

test('before anything is examined the pane says how to start', () => {
  const s: MemorySnapshot = { view: initialExamineState(2), cache: new BlockCache(), version: 0, loading: false, watches: [], running: true, stop: 0 };
  const m = memoryPaneModel(s, sources(s), 80, 5);
  assert.equal(labelText(m.note), 'running');
  assert.match(lineText(m.lines[1]!), /:x\/16xg \$rsp/);
});

test('the cursor line names the cursor\'s own place: a heap arena holding a goroutine stack is not that stack everywhere', () => {
  const arena = { lo: 0xc000000000n, hi: 0xc004000000n, perms: 'rw-p', path: '', kind: 'heap' as const, what: 'Go heap arena', holds: 'stack (g 1)' };
  const map = { mappings: [arena], find: (a: bigint) => (a >= arena.lo && a < arena.hi ? arena : undefined) };
  const onStack = (v: bigint) => (v >= SP - 0x1000n && v < SP + 0x1000n ? { label: 'stack (g 1)', kind: 'stack' as const } : v >= arena.lo && v < arena.hi ? { label: 'heap', kind: 'heap' as const } : undefined);
  const at = (cursor: bigint) => {
    const s = snapshot({ map });
    const moved = { ...s, view: { ...s.view, cursor } };
    return memoryPaneModel(moved, { ...sources(moved), annotate: onStack }, 120, 20).lines.map(lineText).find((t) => t.startsWith('cursor'))!;
  };
  assert.match(at(SP), /^cursor 0x[0-9a-f]+ in stack \(g 1\)  word 0x/);
  // The same arena, away from the stack: heap, and no word of the stack it also holds.
  const heapLine = at(SP + 0x10000n);
  assert.match(heapLine, /^cursor 0x[0-9a-f]+ in Go heap arena/);
  assert.doesNotMatch(heapLine, /stack/);
  // At 80x24 (42 columns inside the pane) the word's value goes on the row under the place, not off its end (trial BR).
  const s = snapshot({ map });
  const lines = memoryPaneModel(s, { ...sources(s), annotate: onStack }, 42, 8).lines.map(lineText);
  const at80 = lines.findIndex((t) => t.startsWith('cursor'));
  assert.match(lines[at80]!, /^cursor 0x[0-9a-f]+ in stack \(g 1\)$/, lines.join('\n'));
  assert.match(lines[at80 + 1]!, /^  word 0x4bf1b0  Enter follows/, lines.join('\n'));
});

test('at 80x24 a pointer\'s note keeps its room: the ASCII column goes (gdb\'s x/xg has none); with room for both both stay; a note with no room is left out', () => {
  const s = snapshot();
  const narrow = (width: number, perRow = 1) => memoryPaneModel({ ...s, view: { ...s.view, perRow } }, sources(s), width, 10).lines.map(lineText)[0]!;
  // 0xc000047f40: (13) + word (19) + ASCII (10) = 42 columns, the first word a pointer into text (trial BR: at 44 no note).
  assert.equal(narrow(44), '0xc000047f40: 0x00000000004bf1b0  main.main+432');
  assert.equal(narrow(60), '0xc000047f40: 0x00000000004bf1b0  ..K.....  main.main+432');
  assert.equal(narrow(78, 2), '0xc000047f40: 0x00000000004bf1b0 0x0000000000000001  +0x0 main.main+432', "zoomed at 80 columns: gdb's two words a row, and their notes");
  assert.equal(memoryPaneModel(s, sources(s), 78, 10).perRow, 2);
  assert.equal(narrow(38), '0xc000047f40: 0x00000000004bf1b0', 'narrower than a note: left out, not cut to its first letters');
  // Notes of two words that do not fit whole: each in fewer cells, its word's offset kept (trial CM: `+0x10 heap  +0x18 ro…` at 200x50).
  const both = { ...sources(s), annotate: (v: bigint) => (v === 0x4bf1b0n ? { label: 'main.main+432', kind: 'text' as const } : v === 1n ? { label: 'heap', kind: 'heap' as const } : undefined) };
  const four = (width: number) => lineText(memoryPaneModel({ ...s, view: { ...s.view, perRow: 4 } }, both, width, 10).lines[0]!);
  const row = '0xc000047f40: 0x00000000004bf1b0 0x0000000000000001 0x0000000000000002 0x0000000000000003';
  assert.equal(four(200), `${row}  +0x0 main.main+432  +0x8 heap`);
  assert.equal(four(115), `${row} +0 main.main+432 +8 heap`);
  const bytes = examineReducer(initialExamineState(2), { type: 'examine', parsed: parseExamineCommand('x/16xw $sp'), address: SP });
  // Words of 4 bytes are no pointers, with no note to keep room for: two a row (gdb's four do not fit), not one and the ASCII column.
  assert.equal(lineText(memoryPaneModel({ ...s, view: { ...bytes, perRow: 2 } }, sources(s), 44, 10).lines[0]!), '0xc000047f40: 0x004bf1b0 0x00000000');
});

test("bytes and half-words fit gdb's units a row where they can: the ASCII column gives way first, then hex cells' 0x (trial CG: x/40xb at 80x24 showed 4 bytes a row, rows 1-7 of 10)", () => {
  const at = 0x5b5940n;
  const cache = new BlockCache();
  cache.put(at, Uint8Array.from({ length: 64 }, (_, i) => 0x41 + i), new Uint8Array(64).fill(1));
  const shown = (command: string, width: number) => {
    const view = examineReducer(initialExamineState(2), { type: 'examine', parsed: parseExamineCommand(command), address: at });
    const s = snapshot({ view, cache, label: '&main.payload[0]' });
    const perRow = memoryPaneModel(s, sources(s), width, 10).perRow;
    const m = memoryPaneModel({ ...s, view: { ...view, perRow } }, sources(s), width, 10);
    return { perRow, note: labelText(m.note), lines: m.lines.map(lineText) };
  };
  // 80x24's pane, 44 columns inside: 0x005b5940: (11) and eight 0x41 cells take 51, without 0x 35.
  const at44 = shown('x/40xb &main.payload[0]', 44);
  assert.equal(at44.perRow, 8);
  assert.deepEqual(at44.lines.slice(0, 5), [
    '0x005b5940: 41 42 43 44 45 46 47 48',
    '0x005b5948: 49 4a 4b 4c 4d 4e 4f 50',
    '0x005b5950: 51 52 53 54 55 56 57 58',
    '0x005b5958: 59 5a 5b 5c 5d 5e 5f 60',
    '0x005b5960: 61 62 63 64 65 66 67 68',
  ]);
  assert.doesNotMatch(at44.note, /rows/, 'every row on screen');
  // Where gdb's cells fit without the ASCII column (51 to 60 columns), they keep their 0x.
  assert.equal(shown('x/40xb &main.payload[0]', 51).lines[0], '0x005b5940: 0x41 0x42 0x43 0x44 0x45 0x46 0x47 0x48');
  assert.equal(shown('x/40xb &main.payload[0]', 61).lines[0], '0x005b5940: 0x41 0x42 0x43 0x44 0x45 0x46 0x47 0x48  ABCDEFGH', 'with room, the ASCII column too');
  // Half-words: four a row at 44 (two with the ASCII column); decimal bytes have no 0x to give.
  assert.equal(shown('x/16xh &main.payload[0]', 44).lines[0], '0x005b5940: 0x4241 0x4443 0x4645 0x4847');
  assert.equal(shown('x/16db &main.payload[0]', 44).perRow, 4);
});

test('a wide pane shows as many words a row as fit: twice the words beat the ASCII column, as gdb\'s x/xg and the dlv CLI\'s have none (trial CB: two a row at 200x50)', () => {
  const s = snapshot();
  const wide = (width: number) => {
    const m = memoryPaneModel(s, sources(s), width, 10);
    return { perRow: m.perRow, first: memoryPaneModel({ ...s, view: { ...s.view, perRow: m.perRow } }, sources(s), width, 10).lines.map(lineText)[0]! };
  };
  // 200x50's memory pane, 114 columns inside: four words and a note (four with the ASCII column take 123).
  const at200 = wide(114);
  assert.equal(at200.perRow, 4);
  assert.equal(at200.first, '0xc000047f40: 0x00000000004bf1b0 0x0000000000000001 0x0000000000000002 0x0000000000000003  +0x0 main.main+432');
  // Zoomed at 200 columns: eight, the dlv CLI's examinemem row.
  assert.equal(wide(196).perRow, 8);
  // Where the ASCII column costs no word it stays.
  assert.match(wide(100).first, /^0xc000047f40: 0x00000000004bf1b0 0x0000000000000001  \.\.K\.{13}  \+0x0 main\.main\+432$/);
});

test('viewed as bytes, the cursor line names the byte under the cursor (what e writes), then the 8 bytes Enter follows, not a word (trial BC)', () => {
  const state = examineReducer(initialExamineState(2), { type: 'examine', parsed: parseExamineCommand('x/64xb $sp'), address: SP });
  const s = snapshot({ view: state });
  const texts = memoryPaneModel(s, sources(s), 60, 20).lines.map(lineText);
  assert.ok(texts.includes('cursor 0xc000047f40  byte 0xb0  8 bytes from here 0x4bf1b0  → main.main+432  Enter follows, Backspace returns'), texts.join('\n'));
});

test("a register's value in the title names its frame when that is not frame 0 (after a pause gotui shows frame 2; trial T took it for frame 0's)", () => {
  const s = snapshot({ label: '$rsp' });
  const title = (frame: number | undefined) => labelText(memoryPaneModel(s, { ...sources(s), ...(frame !== undefined ? { frame } : {}) }, 60, 40).note);
  assert.match(title(2), /^x\/32xg \$rsp \(frame 2\) = 0xc000047f40/);
  assert.match(title(0), /^x\/32xg \$rsp = 0xc000047f40/);
  const v = snapshot({ label: '&n' });
  assert.match(labelText(memoryPaneModel(v, { ...sources(v), frame: 2 }, 60, 40).note), /^x\/32xg &n = 0xc000047f40/, 'a variable is of the frame it is in already');
});

test("on a narrow pane (80x24) the title keeps the address the expression gave: the expression gives way first (trial AA read `$rsp = 0x208b…`)", () => {
  const s = snapshot({ label: '$rsp + 8 * 4' });
  const m = memoryPaneModel(s, sources(s), 44, 12);
  const top = (width: number) => frameRows({ title: 'Memory', note: m.note, rows: [] }, { x: 0, y: 0, width, height: 3 }, { title: 'Memory', focused: false, index: 7 })[0]!.map((seg) => seg.text).join('');
  assert.match(top(100), /7 Memory · x\/32xg \$rsp \+ 8 \* 4 = 0xc000047f40 · /);
  assert.match(top(46), /7 Memory · x\/32xg 0xc000047f40 · /);
  // Narrower still, it is cut, then left out; the rows shown stay.
  assert.match(top(38), /7 Memory · x\/32xg 0xc0… · 1-11\/16 /);
  assert.match(top(30), /7 Memory · 1-11\/16 /);
  // A register of an outer frame keeps whose it is: the first row gives the address (trial BJ: `x/8xg 0x…` in frame 2).
  const f = snapshot({ label: '$rsp' });
  const framed = memoryPaneModel(f, { ...sources(f), frame: 2 }, 44, 12);
  const head = frameRows({ title: 'Memory', note: framed.note, rows: [] }, { x: 0, y: 0, width: 52, height: 3 }, { title: 'Memory', focused: false, index: 7 })[0]!.map((seg) => seg.text).join('');
  assert.match(head, /7 Memory · x\/32xg \$rsp \(frame 2\) · /);
});

test("the cursor's line names the symbol its address is in, as gdb labels an address (trial CE: rows have no room for it)", () => {
  const s = snapshot({ view: { ...snapshot().view, cursor: SP + 8n } });
  const named: PaneSources = { ...sources(s), symbolize: (a) => (a >= SP && a < SP + 16n ? { name: 'main.workers', offset: a - SP } : undefined) };
  const texts = memoryPaneModel(s, named, 120, 20).lines.map(lineText);
  assert.ok(texts.includes('cursor 0xc000047f48 <main.workers+8>  word 0x1  Enter follows, Backspace returns'), texts.join('\n'));
  const at = { ...s, view: { ...s.view, cursor: SP } };
  assert.ok(memoryPaneModel(at, named, 120, 20).lines.map(lineText).some((t) => t.startsWith('cursor 0xc000047f40 <main.workers>  word 0x4bf1b0')));
});
