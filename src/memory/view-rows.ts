// The memory pane's rows as styled segments, built only for the rows on
// screen. Pure: bytes come from the stop's block cache, the previous stop's
// bytes give the change marks, and an annotator says what a word points to.
import { changedCells, type MemorySpan } from './diff.js';
import { UNIT_BYTES, type ExamineUnit } from './examine-grammar.js';
import { formatCell, hexDigitsOnly, maxCellWidth, readLE, symbolLabel, type MemoryRow, type Symbolizer, type UnitFormat } from './format.js';
import type { RegionKind } from './regions.js';
import type { Instruction } from '../disasm/disassembler.js';

export interface RowSegment {
  readonly text: string;
  readonly role: 'address' | 'cell' | 'gap' | 'ascii' | 'note' | 'text';
  /** For text lines around the rows: headings, problems, status. */
  readonly tone?: 'heading' | 'error' | 'info';
  /** The cell under the cursor. */
  readonly cursor?: boolean;
  /** Changed since the previous stop. */
  readonly changed?: boolean;
  readonly unreadable?: boolean;
  /** What the cell's value points into, when it is a pointer-sized word. */
  readonly kind?: RegionKind;
}

export interface RowModel {
  readonly address: bigint;
  readonly segments: readonly RowSegment[];
}

export type Annotator = (value: bigint) => { readonly label: string; readonly kind: RegionKind } | undefined;

export interface GridView {
  readonly address: bigint;
  readonly format: UnitFormat;
  readonly unit: ExamineUnit;
  readonly count: number;
  /** Cursor address, if the cursor is in this grid. */
  readonly cursor?: bigint;
}

export interface GridSource {
  /** Bytes of the current stop; `complete` false while some are still being read. */
  bytes(address: bigint, length: number): { bytes: Uint8Array; readable: Uint8Array; complete: boolean };
  /** What the previous stop read of a range, for change marks. */
  previous?(address: bigint, length: number): MemorySpan[];
}

export interface GridOptions {
  /** First row to build and how many. */
  readonly first: number;
  readonly rows: number;
  readonly annotate?: Annotator;
  readonly symbolize?: Symbolizer;
  /** The bytes as text after the cells (unless false). */
  readonly ascii?: boolean;
  /** Hex cells without their `0x` (a narrow pane's). */
  readonly bare?: boolean;
}

export function gridRowCount(count: number, perRow: number): number {
  return Math.ceil(count / Math.max(1, perRow));
}

export function gridCursorRow(view: GridView, perRow: number): number {
  if (view.cursor === undefined || view.cursor < view.address) return 0;
  const rowBytes = BigInt(Math.max(1, perRow) * UNIT_BYTES[view.unit]);
  return Number((view.cursor - view.address) / rowBytes);
}

/** Hex digits the address column needs for a range (at least 8, so short addresses line up). */
export function addressDigits(last: bigint): number {
  return Math.max(8, last.toString(16).length);
}

/** `0x000026ae7697de10:` */
export function addressLabel(address: bigint, digits: number): string {
  return `0x${address.toString(16).padStart(digits, '0')}:`;
}

/** Formats whose 8-byte cells are worth annotating as pointers. */
const POINTER_FORMATS = new Set<UnitFormat>(['x', 'z', 'a']);

export function gridRows(view: GridView, perRow: number, source: GridSource, opts: GridOptions): RowModel[] {
  const size = UNIT_BYTES[view.unit];
  const per = Math.max(1, perRow);
  const total = gridRowCount(view.count, per);
  const digits = addressDigits(view.address + BigInt(view.count * size));
  const bare = opts.bare === true && (view.format === 'x' || view.format === 'z');
  const width = maxCellWidth(view.format, view.unit) - (bare ? 2 : 0);
  const leftAligned = view.format === 'a' || view.format === 'c';
  const rows: RowModel[] = [];
  for (let r = Math.max(0, opts.first); r < Math.min(total, opts.first + opts.rows); r++) {
    const n = Math.min(per, view.count - r * per);
    const address = view.address + BigInt(r * per * size);
    const got = source.bytes(address, n * size);
    const segments: RowSegment[] = [{ text: addressLabel(address, digits), role: 'address' }];
    if (!got.complete) {
      segments.push({ text: ' …', role: 'note' });
      rows.push({ address, segments });
      continue;
    }
    const changed = source.previous ? changedCells(source.previous(address, n * size), { address, bytes: got.bytes, readable: got.readable }, size) : new Set<bigint>();
    const notes: { label: string; kind: RegionKind; off: number }[] = [];
    for (let k = 0; k < n; k++) {
      const at = address + BigInt(k * size);
      const off = k * size;
      let unreadable = false;
      for (let i = off; i < off + size; i++) if (!got.readable[i]) unreadable = true;
      const cell = formatCell(view.format, size, got.bytes, off, got.readable, opts.symbolize);
      const text = bare ? hexDigitsOnly(cell) : cell;
      let kind: RegionKind | undefined;
      if (!unreadable && size === 8 && POINTER_FORMATS.has(view.format) && opts.annotate) {
        const a = opts.annotate(readLE(got.bytes, off, 8));
        if (a) {
          kind = a.kind;
          notes.push({ ...a, off });
        }
      }
      segments.push({ text: ' ', role: 'gap' });
      segments.push({
        text: leftAligned ? text.padEnd(width) : text.padStart(width),
        role: 'cell',
        ...(view.cursor === at ? { cursor: true } : {}),
        ...(changed.has(at) ? { changed: true } : {}),
        ...(unreadable ? { unreadable: true } : {}),
        ...(kind ? { kind } : {}),
      });
    }
    // Cells of a short last row leave their columns empty, so the ASCII column stays aligned.
    if (n < per) segments.push({ text: ' '.repeat((per - n) * (width + 1)), role: 'gap' });
    if (opts.ascii !== false) segments.push({ text: '  ', role: 'gap' }, { text: asciiText(got.bytes, got.readable), role: 'ascii' });
    // Fewer notes than words: each says whose it is, by its word's offset in the row (trial CE read
    // `0x4fd100 0xa 0x37f6014d6100 0x5  rodata  heap` at 200x50, no telling which word was the heap's).
    const whose = notes.length < n;
    for (const note of notes) segments.push({ text: `  ${whose ? `+0x${note.off.toString(16)} ` : ''}${note.label}`, role: 'note', kind: note.kind });
    rows.push({ address, segments });
  }
  return rows;
}

function asciiText(bytes: Uint8Array, readable: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += !readable[i] ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

/** x/s rows (already formatted by formatMemory): address, then the string. */
export function stringRows(rows: readonly MemoryRow[], cursor: bigint | undefined, opts: { first: number; rows: number }): RowModel[] {
  const last = rows[rows.length - 1]?.address ?? 0n;
  const digits = addressDigits(last);
  return rows.slice(opts.first, opts.first + opts.rows).map((row) => ({
    address: row.address,
    segments: [
      { text: addressLabel(row.address, digits), role: 'address' },
      { text: ' ', role: 'gap' },
      { text: row.cells[0] ?? '', role: 'cell', ...(row.address === cursor ? { cursor: true } : {}), ...(row.cells[0]?.startsWith('<error') ? { unreadable: true } : {}) },
    ],
  }));
}

/**
 * x/i rows as gdb prints them: address (unpadded, as gdb's), `<function+offset>` when known, the
 * instruction. When a row would not fit `width`, every row names its place as gdb's disassemble
 * does, `<+67>`: the operands show in a narrow pane, and the cursor line names the function.
 */
export function instructionRows(instructions: readonly Instruction[], cursor: bigint | undefined, opts: { first: number; rows: number; symbolize?: Symbolizer; pc?: bigint; width?: number }): RowModel[] {
  const shown = instructions.slice(opts.first, opts.first + opts.rows).map((ins) => ({ ins, sym: opts.symbolize?.(ins.address) }));
  const long = ({ ins, sym }: (typeof shown)[number]) => 5 + `0x${ins.address.toString(16)}`.length + (sym ? 1 + symbolLabel(sym).length : 0) + ins.text.length;
  const short = opts.width !== undefined && shown.some((r) => long(r) > opts.width!);
  return shown.map(({ ins, sym }) => {
    return {
      address: ins.address,
      segments: [
        { text: ins.address === opts.pc ? '=> ' : '   ', role: 'address' },
        { text: `0x${ins.address.toString(16)}`, role: 'address' },
        ...(sym ? [{ text: ` ${short ? `<+${sym.offset}>` : symbolLabel(sym)}`, role: 'note' as const, kind: 'text' as const }] : []),
        { text: ':', role: 'address' },
        { text: ' ', role: 'gap' },
        { text: ins.text, role: 'cell', ...(ins.address === cursor ? { cursor: true } : {}) },
      ],
    };
  });
}
