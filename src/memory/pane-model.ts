// What the memory pane shows in a given size, as lines of styled segments:
// the view's visible rows, the cursor's word, the status, the last decode and
// the watches. Pure; MemoryPane.tsx only colours the segments.
import { UNIT_BYTES } from './examine-grammar.js';
import { gdbUnitsPerRow, maxCellWidth, readLE, symbolLabel, unitsPerRow, type Symbolizer } from './format.js';
import type { MemorySnapshot, Watch } from './store.js';
import { cellWidth, hex, type LabelPart } from '../core/text.js';
import {
  addressDigits,
  gridCursorRow,
  gridRowCount,
  gridRows,
  instructionRows,
  stringRows,
  type Annotator,
  type GridSource,
  type RowSegment,
} from './view-rows.js';

export interface PaneLine {
  readonly segments: readonly RowSegment[];
}

export interface MemoryPaneModel {
  /** For the title: `x/16xg $rsp · dlv x · loading`. */
  readonly note: readonly LabelPart[];
  /** Cells per row that fit, and rows of the view on screen: the store is told both. */
  readonly perRow: number;
  readonly viewRows: number;
  readonly lines: readonly PaneLine[];
}

export interface PaneSources {
  readonly view: GridSource;
  watch(w: Watch): GridSource;
  readonly annotate: Annotator;
  readonly symbolize: Symbolizer;
  /** The selected frame's pc, marked `=>` in x/i rows. */
  readonly pc?: bigint;
  /** The selected frame's number: a register's value in the title is that frame's. */
  readonly frame?: number;
}

const text = (t: string, tone?: RowSegment['tone']): PaneLine => ({ segments: [{ text: t, role: 'text', ...(tone ? { tone } : {}) }] });
/** Room kept for "  main.main+432" after pointer rows. */
const NOTE_ROOM = 18;
const WATCH_ROWS = 2;

interface Layout {
  readonly perRow: number;
  readonly ascii: boolean;
  /** Hex cells without their `0x`. */
  readonly bare?: boolean;
}

/** Units a row, and whether the ASCII column is drawn. */
function layoutFor(snap: MemorySnapshot, width: number): Layout {
  const v = snap.view;
  if (v.format === 's' || v.format === 'i') return { perRow: 1, ascii: false };
  const digits = addressDigits(v.address + BigInt(v.count * UNIT_BYTES[v.unit]));
  const pointers = v.unit === 'g' && (v.format === 'x' || v.format === 'z' || v.format === 'a');
  const layout = { addressWidth: digits + 3, gap: 1, ascii: true };
  if (!pointers) {
    // As many units a row as gdb and the dlv CLI print (8 bytes for x/xb) where they fit: the ASCII
    // column gives way first, then hex cells' `0x` (trial CG: at 80x24 x/40xb showed 4 bytes a row, 7 of 10 rows).
    const tries: Layout[] = [{ ascii: true }, { ascii: false }, ...(v.format === 'x' || v.format === 'z' ? [{ ascii: true, bare: true }, { ascii: false, bare: true }] : [])].map((l) => ({
      ...l,
      perRow: unitsPerRow(v.format, v.unit, width, { ...layout, ...l }),
    }));
    const most = Math.min(gdbUnitsPerRow(v.format, v.unit), Math.max(...tries.map((l) => l.perRow)));
    return tries.find((l) => l.perRow >= most)!;
  }
  // The pointers' notes keep their room, and the ASCII column goes where twice the words fit without
  // it, as gdb's x/xg and the dlv CLI's examinemem have none (trial BR: at 80x24 no word said where it
  // points; trial CB: at 200x50 two words a row, the dlv CLI's eight).
  const withAscii = unitsPerRow(v.format, v.unit, Math.max(1, width - NOTE_ROOM), layout);
  const bare = unitsPerRow(v.format, v.unit, Math.max(1, width - NOTE_ROOM), { ...layout, ascii: false });
  if (bare > withAscii) return { perRow: bare, ascii: false };
  // One word and its gap, the gutter's two spaces and its 8 bytes, then the note's room.
  const oneWithAscii = layout.addressWidth + maxCellWidth(v.format, v.unit) + 1 + 2 + 8 + NOTE_ROOM <= width;
  return { perRow: withAscii, ascii: withAscii >= 2 || oneWithAscii };
}

/** `x/16xg`: the count, format and unit the view reads. */
function examineOf(v: MemorySnapshot['view']): string {
  return `x/${v.count}${v.format}${v.format === 's' || v.format === 'i' ? '' : v.unit}`;
}

/**
 * The view's expression and the address it gave at this stop (`$rsp = 0xc000046f10`), or the address
 * alone. A register of a frame other than 0 says which (after a pause gotui shows frame 2, and gdb's
 * `$rsp` would be frame 0's: trial T read the wrong stack); `short`: what a narrow title keeps, the
 * address, or for such a register whose it is (the first row gives the address; trial BJ).
 */
function labelOf(snap: MemorySnapshot, frame: number | undefined): { long: string; short: string } {
  const at = hex(snap.view.address);
  if (!snap.label || snap.label === at) return { long: at, short: at };
  const whose = frame && /\$\w/.test(snap.label) ? `${snap.label} (frame ${frame})` : undefined;
  return { long: `${whose ?? snap.label} = ${at}`, short: whose ?? at };
}

export function memoryPaneModel(snap: MemorySnapshot, sources: PaneSources, width: number, height: number): MemoryPaneModel {
  const v = snap.view;
  const label = labelOf(snap, sources.frame);
  const notes: LabelPart[] = [
    // The expression gives way on a narrow pane, before the address it gave (trial AA: `$rsp = 0x208b…`
    // at 80x24): which rows show, and how it reads, stay.
    ...(v.examined ? [{ text: `${examineOf(v)} ${label.long}`, cut: 'short' as const, short: `${examineOf(v)} ${label.short}`, then: 'end' as const }] : []),
    ...(snap.method ? [{ text: snap.method.title, cut: 'drop' as const }] : []),
    ...(snap.loading ? ['reading'] : []),
    ...(snap.running ? ['running'] : []),
  ];
  const { perRow, ascii, bare } = layoutFor(snap, width);
  if (!v.examined) {
    const lines = [
      text('Nothing examined yet.'),
      text('Type :x/16xg $rsp (gdb syntax), :mem at EXPR, or press Enter on a register (pane 6).', 'info'),
      ...(snap.status ? [text(snap.status.text, snap.status.kind)] : []),
    ];
    return { note: notes, perRow, viewRows: Math.max(1, height), lines: lines.slice(0, height) };
  }

  // Below the rows: the cursor's word, the status, the decode, the watches; the rows get the rest.
  const footer: PaneLine[] = [];
  footer.push(...cursorInfo(snap, sources, width));
  if (snap.status) footer.push(text(snap.status.text, snap.status.kind));
  if (snap.telescope) footer.push(text(`telescope ${snap.telescope}`, 'heading'));
  if (snap.decode) {
    const d = snap.decode;
    footer.push(text(`decode: ${d.title}`, 'heading'), ...d.lines.map((l) => text(`  ${l}`)), ...d.problems.map((p) => text(`  problem: ${p}`, 'error')));
  }
  const watchLines = snap.watches.flatMap((w) => watchBlock(w, sources, width));
  const watchRoom = Math.min(watchLines.length, Math.floor(height / 3));
  const footerRoom = Math.min(footer.length, Math.max(0, height - watchRoom - 3));
  const viewRows = Math.max(1, height - watchRoom - footerRoom);

  let rows: PaneLine[];
  let total: number;
  let top: number;
  if (v.format === 's' || v.format === 'i') {
    const index = Math.max(0, v.items.indexOf(v.cursor));
    total = v.format === 's' ? (snap.strings?.length ?? 0) : (snap.instructions?.length ?? 0);
    top = scrollTo(index, total, viewRows);
    rows =
      v.format === 's'
        ? stringRows(snap.strings ?? [], v.cursor, { first: top, rows: viewRows })
        : instructionRows(snap.instructions ?? [], v.cursor, { first: top, rows: viewRows, symbolize: sources.symbolize, width, ...(sources.pc !== undefined ? { pc: sources.pc } : {}) });
  } else {
    const grid = { address: v.address, format: v.format, unit: v.unit, count: v.count, cursor: v.cursor };
    total = gridRowCount(v.count, v.perRow);
    top = scrollTo(gridCursorRow(grid, v.perRow), total, viewRows);
    // Pointers' notes (`stack (g 1)`) with no room left for a word of them are left out: cut at the
    // pane's edge, their … would take the row's last ASCII byte.
    rows = gridRows(grid, v.perRow, sources.view, { first: top, rows: viewRows, annotate: sources.annotate, symbolize: sources.symbolize, ascii, bare }).map((r) => withNotesThatFit(r, width));
  }
  // Rows cut by the pane's height are said, as every list here says it; tersely before the
  // expression is cut (at 80x24 its frame, `$rsp (frame 2)`, must show).
  if (total > rows.length) notes.splice(1, 0, { text: `rows ${top + 1}-${top + rows.length} of ${total}`, cut: 'short', short: `${top + 1}-${top + rows.length}/${total}` });
  const pad = Array.from({ length: Math.max(0, viewRows - rows.length) }, () => text(''));
  return {
    note: notes,
    perRow,
    viewRows,
    lines: [...rows, ...pad, ...footer.slice(0, footerRoom), ...watchLines.slice(0, watchRoom)],
  };
}

/** The first row to show so that `cursor` stays on screen, keeping two rows of context where possible. */
function scrollTo(cursor: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(total - height, cursor - Math.min(2, Math.floor(height / 2))));
}

function cursorInfo(snap: MemorySnapshot, sources: PaneSources, width: number): PaneLine[] {
  const v = snap.view;
  const region = snap.map?.find(v.cursor);
  // A heap arena's mapping holds goroutine stacks too: the cursor is in one only if the runtime says so.
  const own = region?.holds ? sources.annotate(v.cursor) : undefined;
  const place = own?.kind === 'stack' ? own.label : region?.what;
  // Beside the address it places (trial BO: after the word, `word 0xa  in stack (g 5)` read as the value's place).
  const inRegion = place ? ` in ${place}` : '';
  // The symbol the cursor is in, as gdb labels an address (`<main.workers+8>`): rows have no room for
  // it (trial CE), and x/i rows may say only `<+14>` in a narrow pane.
  const sym = sources.symbolize(v.cursor);
  const where = `cursor ${hex(v.cursor)}${sym ? ` ${symbolLabel(sym)}` : ''}${inRegion}`;
  if (v.format === 's' || v.format === 'i') return [text(where, 'info')];
  const got = sources.view.bytes(v.cursor, 8);
  if (!got.complete || got.readable.some((b) => !b)) return [text(where, 'info')];
  const word = readLE(got.bytes, 0, 8);
  const a = sources.annotate(word);
  // Enter follows the 8 bytes at the cursor whatever the unit shown: named so when it is not 8, after
  // the unit under the cursor, which `e` writes (trial BC: `8 bytes 0xacab…` on a byte, read as the byte's).
  const size = { b: 1, h: 2, w: 4, g: 8 }[v.unit];
  const unit = size === 8 ? '' : `${size === 1 ? 'byte' : `${size} bytes`} 0x${readLE(got.bytes, 0, size).toString(16).padStart(size * 2, '0')}  `;
  const value = `${unit}${size === 8 ? 'word' : '8 bytes from here'} ${hex(word)}`;
  const rest: RowSegment[] = [...(a ? [{ text: `  → ${a.label}`, role: 'note' as const, kind: a.kind }] : []), { text: '  Enter follows, Backspace returns', role: 'text', tone: 'info' }];
  // Too narrow for the place and the value on one row (80x24), the value goes on the next, under it,
  // rather than being cut off by the place (trial BR).
  if (cellWidth(`${where}  ${value}`) > width) return [text(where, 'info'), { segments: [{ text: `  ${value}`, role: 'text', tone: 'info' }, ...rest] }];
  return [{ segments: [{ text: `${where}  ${value}`, role: 'text', tone: 'info' }, ...rest] }];
}

function watchBlock(w: Watch, sources: PaneSources, width: number): PaneLine[] {
  const g = w.grid;
  const perRow = unitsPerRow(g.format, g.unit, Math.max(1, width - NOTE_ROOM), { addressWidth: addressDigits(g.address) + 3, gap: 1, ascii: true });
  const total = gridRowCount(g.count, perRow);
  const head = text(`#${w.id} x/${g.count}${g.format}${g.unit} ${w.label}${total > WATCH_ROWS ? ` (first ${WATCH_ROWS} of ${total} rows)` : ''}`, 'heading');
  return [head, ...gridRows(g, perRow, sources.watch(w), { first: 0, rows: WATCH_ROWS, annotate: sources.annotate, symbolize: sources.symbolize })];
}

const MIN_NOTE = 8;

function withNotesThatFit(row: PaneLine, width: number): PaneLine {
  // The pointers' notes follow the cells (and the ASCII column where it is drawn).
  const first = row.segments.findIndex((s, i) => s.role === 'note' && row.segments.slice(0, i).some((c) => c.role === 'cell'));
  if (first < 0) return row;
  const before = row.segments.slice(0, first).reduce((n, s) => n + cellWidth(s.text), 0);
  if (width - before < MIN_NOTE) return { ...row, segments: row.segments.slice(0, first) };
  const notes = row.segments.slice(first).reduce((n, s) => n + cellWidth(s.text), 0);
  if (before + notes <= width) return row;
  // Too long for the row (trial CM: at 200x50 `+0x10 heap  +0x18 ro…`): each note in fewer cells, its word's offset still said.
  return { ...row, segments: row.segments.map((s, i) => (i >= first && s.role === 'note' ? { ...s, text: s.text.replace(/^ {2}\+0x([0-9a-f]+) /, ' +$1 ') } : s)) };
}
