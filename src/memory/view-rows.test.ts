import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockCache } from './block-cache.js';
import { gridCursorRow, gridRowCount, gridRows, instructionRows, stringRows, type GridSource, type RowModel } from './view-rows.js';

const BASE = 0xc000047f40n;

function cacheWith(address: bigint, words: bigint[], unreadableFrom = Infinity): BlockCache {
  const c = new BlockCache();
  const start = address - (address % 64n);
  const bytes = new Uint8Array(Math.ceil((Number(address - start) + words.length * 8) / 64) * 64);
  const readable = new Uint8Array(bytes.length).fill(1);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setBigUint64(Number(address - start) + i * 8, w, true));
  for (let i = Number(address - start) + unreadableFrom * 8; i < bytes.length; i++) readable[i] = 0;
  c.put(start, bytes, readable);
  return c;
}

const source = (now: BlockCache, before?: BlockCache): GridSource => ({
  bytes: (a, n) => now.get(a, n),
  ...(before ? { previous: (a: bigint, n: number) => before.spans(a, n) } : {}),
});

const cells = (row: RowModel) => row.segments.filter((s) => s.role === 'cell');
const textOf = (row: RowModel) => row.segments.map((s) => s.text).join('');

test('rows: address, cells, ASCII column, pointer notes; cursor and changes marked', () => {
  const words = [0x4bf1b0n, 0x4847464544434241n, BASE + 0x40n, 7n];
  const before = cacheWith(BASE, [0x4bf1b0n, 0x4847464544434241n, BASE + 0x40n, 6n]);
  const annotate = (v: bigint) => (v === 0x4bf1b0n ? { label: 'main.main+432', kind: 'text' as const } : v >= BASE && v < BASE + 0x1000n ? { label: 'stack (g 1)', kind: 'stack' as const } : undefined);
  const rows = gridRows({ address: BASE, format: 'x', unit: 'g', count: 4, cursor: BASE + 8n }, 2, source(cacheWith(BASE, words), before), { first: 0, rows: 10, annotate });
  assert.equal(rows.length, 2);
  assert.equal(textOf(rows[0]!), '0xc000047f40: 0x00000000004bf1b0 0x4847464544434241  ..K.....ABCDEFGH  +0x0 main.main+432');
  assert.equal(cells(rows[0]!)[0]!.kind, 'text');
  assert.equal(cells(rows[0]!)[1]!.cursor, true);
  assert.equal(cells(rows[1]!)[0]!.kind, 'stack');
  assert.deepEqual(cells(rows[1]!).map((c) => Boolean(c.changed)), [false, true]);
  assert.equal(rows[1]!.segments.filter((s) => s.role === 'note').map((s) => s.text).join(''), '  +0x0 stack (g 1)');
  // Fewer notes than words: each says its word's offset in the row; one a word, none needed (trial CE: `rodata  heap`, whose unsaid).
  const noted = (w: bigint[]) => gridRows({ address: BASE, format: 'x', unit: 'g', count: 2, cursor: BASE }, 2, source(cacheWith(BASE, w)), { first: 0, rows: 1, annotate, ascii: false })[0]!.segments.filter((s) => s.role === 'note').map((s) => s.text).join('');
  assert.equal(noted([7n, BASE + 0x40n]), '  +0x8 stack (g 1)');
  assert.equal(noted([0x4bf1b0n, BASE + 0x40n]), '  main.main+432  stack (g 1)');
});

test('rows: unreadable bytes are ??, rows still being read are …, short last rows keep the columns', () => {
  const c = cacheWith(BASE, [1n, 2n, 3n], 2);
  const rows = gridRows({ address: BASE, format: 'x', unit: 'g', count: 3 }, 2, source(c), { first: 0, rows: 2 });
  assert.deepEqual(cells(rows[1]!).map((x) => [x.text, x.unreadable]), [['0x????????????????', true]]);
  const asciiAt = (row: RowModel) => textOf({ ...row, segments: row.segments.slice(0, row.segments.findIndex((x) => x.role === 'ascii')) }).length;
  assert.equal(asciiAt(rows[1]!), asciiAt(rows[0]!), 'ASCII column aligned');
  const empty = gridRows({ address: 0x1000n, format: 'd', unit: 'w', count: 4 }, 4, source(new BlockCache()), { first: 0, rows: 1 });
  assert.equal(textOf(empty[0]!), '0x00001000: …');
});

test('rows: only the rows asked for are built; cursor row and row count', () => {
  const words = Array.from({ length: 64 }, (_, i) => BigInt(i));
  const c = cacheWith(BASE, words);
  const rows = gridRows({ address: BASE, format: 'd', unit: 'g', count: 64 }, 4, source(c), { first: 10, rows: 3 });
  assert.deepEqual(rows.map((r) => r.address), [BASE + 320n, BASE + 352n, BASE + 384n]);
  assert.deepEqual(cells(rows[0]!).map((x) => x.text.trim()), ['40', '41', '42', '43']);
  assert.equal(gridRowCount(64, 4), 16);
  assert.equal(gridCursorRow({ address: BASE, format: 'd', unit: 'g', count: 64, cursor: BASE + 8n * 13n }, 4), 3);
});

test('string and instruction rows', () => {
  const s = stringRows([{ address: 0x4e823cn, cells: ['"grace"'], ascii: 'grace' }], 0x4e823cn, { first: 0, rows: 5 });
  assert.equal(textOf(s[0]!), '0x004e823c: "grace"');
  assert.equal(s[0]!.segments.find((x) => x.role === 'cell')!.cursor, true);
  const i = instructionRows([{ address: 0x4bf983n, text: 'mov    0x28(%rsp),%rax', bytes: '488b442428', length: 5 }], undefined, { first: 0, rows: 5, symbolize: (a) => ({ name: 'main.process', offset: a - 0x4bf940n }), pc: 0x4bf983n });
  assert.equal(textOf(i[0]!), '=> 0x4bf983 <main.process+67>: mov    0x28(%rsp),%rax');
  // A pane too narrow for that (80x24: trial J saw every operand cut): gdb's disassemble's <+67>.
  const args = { first: 0, rows: 5, symbolize: (a: bigint) => ({ name: 'main.process', offset: a - 0x4bf940n }), pc: 0x4bf983n };
  const ins = [{ address: 0x4bf983n, text: 'mov    0x28(%rsp),%rax', bytes: '488b442428', length: 5 }];
  assert.equal(textOf(instructionRows(ins, undefined, { ...args, width: 42 })[0]!), '=> 0x4bf983 <+67>: mov    0x28(%rsp),%rax');
  assert.equal(textOf(instructionRows(ins, undefined, { ...args, width: 53 })[0]!), '=> 0x4bf983 <main.process+67>: mov    0x28(%rsp),%rax', 'it fits');
});
