// Delve's examine-memory command: `dlv x ...` through DAP evaluate (v1.26.2+)
// and the CLI's `x`, which print the same layout (service/api
// PrettyExamineMemory):
//   0xc00008acd8:   0x000000c00008ad38   0x00000000004217bb   ...
// Rows hold 8 cells (4 in binary), each followed by at least 3 spaces; the
// address is zero-padded to the width of the last address; dec and oct cells
// are zero-padded to 3 digits per byte (oct with one more leading 0), so
// `-fmt dec -size 1` prints 056 for 56.
import { UserError } from '../errors.js';

export type DelveExamineFormat = 'hex' | 'dec' | 'oct' | 'bin';
/** Delve accepts any size from 1 to 8. */
export type DelveExamineSize = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Delve reads at most 64 KiB per `dlv x` and silently shows only that much. */
export const DELVE_EXAMINE_LIMIT = 65536;

export interface DelveExamineRequest {
  readonly count: number;
  readonly size: DelveExamineSize;
  readonly format?: DelveExamineFormat;
  /** A Delve expression (`RSP`, `uintptr(RSP)+0x20`, `&buf[0]`) or a number. */
  readonly expression: string;
}

/** The evaluate text, e.g. `dlv x -fmt hex -count 16 -size 8 -x RSP`. */
export function delveExamineCommand(req: DelveExamineRequest): string {
  if (!Number.isSafeInteger(req.count) || req.count <= 0) throw new RangeError(`count must be a positive integer, got ${req.count}`);
  if (req.count * req.size > DELVE_EXAMINE_LIMIT) throw new RangeError(`Delve examines at most ${DELVE_EXAMINE_LIMIT} bytes at once`);
  // -x takes the rest of the line, so the expression may contain spaces.
  return `dlv x -fmt ${req.format ?? 'hex'} -count ${req.count} -size ${req.size} -x ${req.expression}`;
}

export interface DelveMemory {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

export interface ExamineHint {
  readonly size?: number;
  readonly format?: DelveExamineFormat;
}

interface CellShape {
  readonly format: DelveExamineFormat;
  readonly size: number;
}

const ROW = /^0x([0-9a-f]+):\s+(.*)$/;

/**
 * Turn `dlv x` text back into bytes. Pass the size and format you asked for:
 * without them a few shapes are ambiguous (a 16-digit binary cell of 2 bytes
 * reads like an octal cell of 5), and those are guessed from the row layout.
 * Delve reports failures as ordinary text in a successful response, e.g.
 * `examine memory error: input/output error`; those become UserErrors.
 */
export function parseDelveExamine(text: string, hint: ExamineHint = {}): DelveMemory {
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  if (lines.length === 0) throw new UserError('Delve returned no memory.', 'Check the address and count.');
  const rows = lines.map((line) => {
    const m = ROW.exec(line);
    if (!m) throw delveError(lines.join(' '));
    return { address: BigInt(`0x${m[1]}`), cells: m[2]!.split(/\s+/) };
  });
  const shape = cellShape(rows, hint);
  const out: number[] = [];
  const start = rows[0]!.address;
  for (const row of rows) {
    if (row.address !== start + BigInt(out.length)) {
      throw new UserError(`Delve's memory listing skips from one row to 0x${row.address.toString(16)}.`, 'Ask again with the size and format that produced it.');
    }
    for (const cell of row.cells) pushLE(out, cellValue(cell, shape)!, shape.size);
  }
  return { address: start, bytes: Uint8Array.from(out) };
}

function pushLE(out: number[], value: bigint, size: number): void {
  for (let i = 0; i < size; i++) out.push(Number((value >> BigInt(8 * i)) & 0xffn));
}

/** The cell's value if it has exactly this shape's width, digits and range. */
function cellValue(cell: string, shape: CellShape): bigint | undefined {
  if (cell.length !== shapeWidth(shape)) return undefined;
  const digits = shape.format === 'hex' ? /^0x[0-9a-f]+$/ : shape.format === 'bin' ? /^[01]+$/ : shape.format === 'oct' ? /^0[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(cell)) return undefined;
  const value = shape.format === 'bin' ? BigInt(`0b${cell}`) : shape.format === 'oct' ? BigInt(`0o${cell}`) : BigInt(cell);
  return value >> BigInt(8 * shape.size) === 0n ? value : undefined;
}

function shapeWidth({ format, size }: CellShape): number {
  return format === 'hex' ? 2 + 2 * size : format === 'dec' ? 3 * size : format === 'oct' ? 1 + 3 * size : 8 * size;
}

const COLUMNS: Readonly<Record<DelveExamineFormat, number>> = { hex: 8, dec: 8, oct: 8, bin: 4 };

function cellShape(rows: readonly { address: bigint; cells: string[] }[], hint: ExamineHint): CellShape {
  const cells = rows.flatMap((r) => r.cells);
  const candidates: CellShape[] = [];
  for (const format of ['hex', 'bin', 'dec', 'oct'] as const) {
    if (hint.format && hint.format !== format) continue;
    for (let size = 1; size <= 8; size++) {
      if (hint.size && hint.size !== size) continue;
      const shape = { format, size };
      if (!cells.every((cell) => cellValue(cell, shape) !== undefined)) continue;
      if (rows.some((r) => r.cells.length > COLUMNS[format])) continue;
      // Consecutive rows are exactly one full row of cells apart.
      if (rows.length > 1 && rows[1]!.address - rows[0]!.address !== BigInt(COLUMNS[format] * size)) continue;
      candidates.push(shape);
    }
  }
  if (candidates.length === 0) {
    if (hint.format || hint.size) {
      throw new UserError(`Delve's memory cells are not ${hint.format ?? 'any format'} of size ${hint.size ?? 'any size'}.`, 'Ask again with the size and format that produced them.');
    }
    throw delveError(cells.join(' '));
  }
  // Among ambiguous shapes prefer the usual sizes (1, 2, 4, 8).
  return candidates.find((c) => (c.size & (c.size - 1)) === 0) ?? candidates[0]!;
}

/** A UserError for the failure texts Delve returns in place of memory. */
function delveError(text: string): UserError {
  const t = text.trim();
  if (/input\/output error/.test(t)) return new UserError('That memory cannot be read.', 'Check the address: it is not mapped in the process.');
  if (/exceeded readable area/.test(t)) return new UserError('Part of that range cannot be read.', 'Ask for fewer bytes, or start at a mapped address.');
  const kind = /unsupported expression type: (\w+)/.exec(t)?.[1];
  if (kind === 'slice') return new UserError('Delve cannot use a slice as an address.', "Use its data pointer, e.g. &s[0].");
  if (kind === 'string') return new UserError('Delve cannot use a string as an address.', "Use its data pointer, e.g. &s[0].");
  if (kind) return new UserError(`Delve cannot use a value of kind ${kind} as an address.`, 'Give a pointer or an integer, e.g. &v or uintptr(p).');
  return new UserError(`Delve did not return memory: ${t.replace(/\.$/, '')}.`, 'Check the address expression.');
}
