// Memory cells formatted as gdb 13's `x` prints them (little-endian, amd64).
import { UNIT_BYTES, STRING_FETCH_LIMIT, type ExamineFormat, type ExamineUnit } from './examine-grammar.js';

export interface MemoryRow {
  readonly address: bigint;
  readonly cells: readonly string[];
  /** One character per byte of the row: printable ASCII, `.` otherwise, a space where unreadable. */
  readonly ascii: string;
}

export interface FormattedMemory {
  readonly rows: readonly MemoryRow[];
  /** Where `x` with no address continues: after the last unit or string shown. */
  readonly next: bigint;
}

export interface SymbolInfo {
  readonly name: string;
  readonly offset: bigint;
}
/** Name and offset of the symbol containing an address, when known. */
export type Symbolizer = (address: bigint) => SymbolInfo | undefined;

/** Truthy where the byte could be read. */
export type ReadableMask = ArrayLike<number | boolean>;

/** Formats shown as cells (instructions come from Delve's disassembler instead). */
export type CellFormat = Exclude<ExamineFormat, 'i'>;
/** Formats of fixed-size units. */
export type UnitFormat = Exclude<ExamineFormat, 's' | 'i'>;

export interface FormatOptions {
  readonly bytes: Uint8Array;
  readonly readable?: ReadableMask;
  /** Address of bytes[0]. */
  readonly address: bigint;
  readonly format: CellFormat;
  readonly unit: ExamineUnit;
  /** Cells per row; gdbUnitsPerRow gives gdb's own layout. Strings are always one a row. */
  readonly perRow: number;
  /** Units (or strings) to show; by default as many as the bytes hold. */
  readonly count?: number;
  /** Resolves `<symbol+offset>` for the `a` format. */
  readonly symbolize?: Symbolizer;
  /** Show valid UTF-8 in strings as characters, as gdb does in a UTF-8 locale (default true). */
  readonly utf8?: boolean;
}

const UNREADABLE = '??';
const MASK64 = (1n << 64n) - 1n;

/** gdb's cells per line: 8 for b and h, 4 for w, 2 for g, 1 for strings and instructions. */
export function gdbUnitsPerRow(format: ExamineFormat, unit: ExamineUnit): number {
  if (format === 's' || format === 'i') return 1;
  return unit === 'g' ? 2 : unit === 'w' ? 4 : 8;
}

/** The widest a cell of this format and unit gets (symbols after `a` values not counted). */
export function maxCellWidth(format: UnitFormat, unit: ExamineUnit): number {
  const size = UNIT_BYTES[unit];
  switch (format) {
    case 'x':
    case 'z':
    case 'a':
      return 2 + 2 * size;
    case 'd':
      return [4, 6, 11, 20][Math.log2(size)]!;
    case 'u':
      return [3, 5, 10, 20][Math.log2(size)]!;
    case 'o':
      return 1 + Math.ceil((8 * size) / 3);
    case 't':
      return 8 * size;
    case 'c':
      return 11; // -128 '\200'
    case 'f':
      return size === 8 ? 24 : size === 4 ? 15 : maxCellWidth('d', unit);
  }
}

export interface RowLayout {
  /** Characters taken by the address column, e.g. 14 for 0xc000047f40 plus ": ". */
  readonly addressWidth?: number;
  /** Spaces between cells. */
  readonly gap?: number;
  /** Whether an ASCII column follows the cells. */
  readonly ascii?: boolean;
  /** Hex cells without their `0x` (`41`, as xxd prints a byte): see hexDigitsOnly. */
  readonly bare?: boolean;
}

/** A hex cell's digits alone, for a pane too narrow for gdb's units a row with their `0x` (trial CG). */
export function hexDigitsOnly(cell: string): string {
  return cell.startsWith('0x') ? cell.slice(2) : cell;
}

/**
 * Cells that fit a pane `width` columns wide: the largest power of two (so
 * rows stay aligned, at most 64), never less than 1.
 */
export function unitsPerRow(format: ExamineFormat, unit: ExamineUnit, width: number, layout: RowLayout = {}): number {
  if (format === 's' || format === 'i') return 1;
  const { addressWidth = 16, gap = 1, ascii = true, bare = false } = layout;
  const cell = maxCellWidth(format, unit) - (bare ? 2 : 0) + gap;
  const perUnitAscii = ascii ? UNIT_BYTES[unit] : 0;
  let n = 1;
  // The ASCII column's gutter is two spaces (view-rows).
  while (n < 64 && addressWidth + 2 * n * cell + (ascii ? 2 : 0) + 2 * n * perUnitAscii <= width) n *= 2;
  return n;
}

const isReadable = (mask: ReadableMask | undefined, i: number): boolean => mask === undefined || Boolean(mask[i]);

/** Little-endian unsigned value of `size` bytes. */
export function readLE(bytes: Uint8Array, offset: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]!);
  return v;
}

export function formatMemory(opts: FormatOptions): FormattedMemory {
  return opts.format === 's' ? formatStrings(opts) : formatUnits(opts, opts.format);
}

function formatUnits(opts: FormatOptions, format: UnitFormat): FormattedMemory {
  const size = UNIT_BYTES[opts.unit];
  const available = Math.floor(opts.bytes.length / size);
  const count = Math.min(opts.count ?? available, available);
  const perRow = Math.max(1, Math.floor(opts.perRow));
  const rows: MemoryRow[] = [];
  for (let first = 0; first < count; first += perRow) {
    const cells: string[] = [];
    const n = Math.min(perRow, count - first);
    for (let k = 0; k < n; k++) {
      const offset = (first + k) * size;
      cells.push(formatCell(format, size, opts.bytes, offset, opts.readable, opts.symbolize));
    }
    rows.push({
      address: (opts.address + BigInt(first * size)) & MASK64,
      cells,
      ascii: asciiColumn(opts.bytes, first * size, n * size, opts.readable),
    });
  }
  return { rows, next: (opts.address + BigInt(count * size)) & MASK64 };
}

function asciiColumn(bytes: Uint8Array, offset: number, length: number, mask: ReadableMask | undefined): string {
  let s = '';
  for (let i = offset; i < offset + length; i++) {
    const b = bytes[i]!;
    s += !isReadable(mask, i) ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

/** One cell, as gdb prints a unit of `size` bytes at `offset`. */
export function formatCell(
  format: UnitFormat,
  size: number,
  bytes: Uint8Array,
  offset: number,
  readable?: ReadableMask,
  symbolize?: Symbolizer,
): string {
  let allReadable = true;
  for (let i = 0; i < size; i++) if (!isReadable(readable, offset + i)) allReadable = false;
  if (!allReadable) {
    // Hex and binary map bytes to fixed digit positions, so readable bytes still show.
    if (format === 'x' || format === 'z' || format === 't') {
      let digits = '';
      for (let i = size - 1; i >= 0; i--) {
        const b = bytes[offset + i]!;
        const ok = isReadable(readable, offset + i);
        digits += format === 't' ? (ok ? b.toString(2).padStart(8, '0') : '????????') : ok ? b.toString(16).padStart(2, '0') : '??';
      }
      return format === 't' ? digits : `0x${digits}`;
    }
    return UNREADABLE;
  }
  let value = readLE(bytes, offset, size);
  const bits = BigInt(size * 8);
  switch (format) {
    case 'x':
    case 'z':
      return `0x${value.toString(16).padStart(size * 2, '0')}`;
    case 'd':
      return BigInt.asIntN(Number(bits), value).toString();
    case 'u':
      return value.toString();
    case 'o':
      return value === 0n ? '0' : `0${value.toString(8)}`;
    case 't':
      return value.toString(2).padStart(size * 8, '0');
    case 'a': {
      // gdb converts the unit to a pointer: narrower units are sign-extended to 64 bits.
      if (size < 8) value = BigInt.asUintN(64, BigInt.asIntN(Number(bits), value));
      const sym = symbolize?.(value);
      return sym ? `0x${value.toString(16)} ${symbolLabel(sym)}` : `0x${value.toString(16)}`;
    }
    case 'c': {
      // gdb converts the unit to (signed) char: the low byte counts.
      const byte = Number(value & 0xffn);
      return `${byte >= 128 ? byte - 256 : byte} '${escapeChar(byte, "'")}'`;
    }
    case 'f':
      if (size === 8) return formatGdbFloat(new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getFloat64(0, true), 17, value, 52);
      if (size === 4) return formatGdbFloat(new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getFloat32(0, true), 9, value, 23);
      // gdb has no float of 1 or 2 bytes and prints them as signed integers.
      return BigInt.asIntN(Number(bits), value).toString();
  }
}

/** `<main.work+28>`, offsets in decimal as gdb prints them. */
export function symbolLabel(sym: SymbolInfo): string {
  return sym.offset === 0n ? `<${sym.name}>` : `<${sym.name}+${sym.offset}>`;
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };

/** A byte as gdb writes it inside `quote` ('\'' for chars, '"' for strings). */
function escapeChar(byte: number, quote: string): string {
  if (NAMED_ESCAPES[byte]) return NAMED_ESCAPES[byte]!;
  if (byte === quote.charCodeAt(0)) return `\\${quote}`;
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/**
 * C's %.<precision>g of the exact binary value, rounding half to even as
 * glibc does (JavaScript's toPrecision rounds ties up), and gdb's spelling of
 * infinities and NaNs with their payload: `inf`, `-nan(0x8000000000000)`.
 */
export function formatGdbFloat(value: number, precision: number, rawBits?: bigint, mantissaBits?: number): string {
  if (Number.isNaN(value)) {
    if (rawBits === undefined || mantissaBits === undefined) return 'nan(0x8000000000000)';
    const mantissa = rawBits & ((1n << BigInt(mantissaBits)) - 1n);
    const negative = (rawBits >> BigInt(mantissaBits === 52 ? 63 : 31)) & 1n;
    return `${negative ? '-' : ''}nan(0x${mantissa.toString(16)})`;
  }
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return formatDecimalG(value < 0, exactDecimal(Math.abs(value)), precision);
}

/**
 * C's %.<precision>g of mantissa * 2^exp2 (exact, rounding half to even): for floats wider than a
 * double, such as the x87's 80-bit registers (gdb prints those with 21 digits).
 */
export function formatBinaryFloat(negative: boolean, mantissa: bigint, exp2: number, precision: number): string {
  if (mantissa === 0n) return negative ? '-0' : '0';
  return formatDecimalG(negative, decimalOf(mantissa, exp2), precision);
}

function formatDecimalG(negative: boolean, exact: { digits: string; point: number }, precision: number): string {
  const sign = negative ? '-' : '';
  let { digits, point } = exact;
  if (digits.length > precision) ({ digits, point } = roundHalfEven(digits, point, precision));
  const exponent = point - 1;
  if (exponent < -4 || exponent >= precision) {
    const mantissa = stripZeros(`${digits[0]}.${digits.slice(1)}`);
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  const fixed = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + (fixed.includes('.') ? stripZeros(fixed) : fixed);
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** All decimal digits of a positive finite double, and where the point goes (value = 0.digits * 10^point). */
function exactDecimal(value: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  return decimalOf(mantissa, (biased === 0 ? 1 : biased) - 1075);
}

/** The decimal digits of mantissa * 2^exp2. */
function decimalOf(mantissa: bigint, exp2: number): { digits: string; point: number } {
  if (exp2 >= 0) {
    const digits = (mantissa << BigInt(exp2)).toString();
    return trimDigits(digits, digits.length);
  }
  // m * 2^-k = m * 5^k / 10^k
  const digits = (mantissa * 5n ** BigInt(-exp2)).toString();
  return trimDigits(digits, digits.length + exp2);
}

function trimDigits(digits: string, point: number): { digits: string; point: number } {
  return { digits: digits.replace(/0+$/, '') || '0', point };
}

function roundHalfEven(digits: string, point: number, precision: number): { digits: string; point: number } {
  const kept = digits.slice(0, precision);
  const first = digits[precision]!;
  const restNonZero = /[1-9]/.test(digits.slice(precision + 1));
  const roundUp = first > '5' || (first === '5' && (restNonZero || Number(kept[kept.length - 1]) % 2 === 1));
  if (!roundUp) return { digits: kept, point };
  const bumped = (BigInt(kept) + 1n).toString();
  return bumped.length > kept.length ? { digits: bumped.slice(0, precision), point: point + 1 } : { digits: bumped, point };
}

/** gdb prints runs of more than this many equal characters as `'A' <repeats 15 times>`. */
const REPEAT_THRESHOLD = 10;

interface StringElement {
  /** Text inside double quotes. */
  readonly quoted: string;
  /** Text inside single quotes, for repeat blocks. */
  readonly single: string;
  /** The bytes, to detect repeats. */
  readonly key: string;
}

function formatStrings(opts: FormatOptions): FormattedMemory {
  const { bytes, readable } = opts;
  const utf8 = opts.utf8 ?? true;
  const rows: MemoryRow[] = [];
  let offset = 0;
  const wanted = opts.count ?? Infinity;
  while (rows.length < wanted && offset < bytes.length) {
    const start = offset;
    const address = (opts.address + BigInt(start)) & MASK64;
    let end = start;
    while (end < bytes.length && end - start < STRING_FETCH_LIMIT && isReadable(readable, end) && bytes[end] !== 0) end++;
    let text = quoteString(bytes.subarray(start, end), utf8);
    const ascii = asciiColumn(bytes, start, end - start, readable);
    const atLimit = end - start === STRING_FETCH_LIMIT;
    const more = end < bytes.length;
    if (!atLimit && more && !isReadable(readable, end)) {
      // gdb shows what it read, then the error; the next string starts where reading failed,
      // so every one after it is that error again.
      text = `${end > start ? text : ''}<error: Cannot access memory at address 0x${((opts.address + BigInt(end)) & MASK64).toString(16)}>`;
      rows.push({ address, cells: [text], ascii });
      offset = end;
      if (end === start && opts.count === undefined) break;
      continue;
    }
    const stoppedAtNul = !atLimit && more && bytes[end] === 0;
    // At the limit gdb peeks at the next byte and adds "..." unless it reads a NUL
    // (or cannot read it); the NUL is left for the next string.
    const ellipsis = atLimit ? !(more && (!isReadable(readable, end) || bytes[end] === 0)) : !stoppedAtNul;
    if (ellipsis) text += '...';
    rows.push({ address, cells: [text], ascii });
    offset = stoppedAtNul ? end + 1 : end;
    if (!stoppedAtNul && !atLimit) break; // ran out of bytes
  }
  return { rows, next: (opts.address + BigInt(offset)) & MASK64 };
}

/** A C string as gdb's printstr writes it: quoted runs, long repeats as `'c' <repeats N times>`, a cut multi-byte character at the end as `<incomplete sequence \350>`. */
function quoteString(body: Uint8Array, utf8: boolean): string {
  if (body.length === 0) return '""';
  const cut = utf8 ? incompleteTail(body) : 0;
  const incomplete = cut ? `<incomplete sequence ${[...body.subarray(body.length - cut)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')}>` : '';
  const elements = stringElements(body.subarray(0, body.length - cut), utf8);
  // gdb 13 loses the character converted just before an incomplete one, and lists the sequence after a comma.
  if (cut) elements.pop();
  const parts: string[] = [];
  let quoted = '';
  for (let i = 0; i < elements.length; ) {
    let j = i + 1;
    while (j < elements.length && elements[j]!.key === elements[i]!.key) j++;
    const reps = j - i;
    if (reps > REPEAT_THRESHOLD) {
      if (quoted) parts.push(`"${quoted}"`);
      quoted = '';
      parts.push(`'${elements[i]!.single}' <repeats ${reps} times>`);
    } else {
      for (let k = i; k < j; k++) quoted += elements[k]!.quoted;
    }
    i = j;
  }
  if (quoted) parts.push(`"${quoted}"`);
  return [...parts, ...(incomplete ? [incomplete] : [])].join(', ');
}

/** Bytes at the end that start a multi-byte UTF-8 character but stop before it is complete (iconv's EINVAL). */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    return need > k ? k : 0;
  }
  return 0;
}

function stringElements(body: Uint8Array, utf8: boolean): StringElement[] {
  const out: StringElement[] = [];
  for (let i = 0; i < body.length; ) {
    const len = utf8 ? utf8SequenceLength(body, i) : 0;
    if (len > 1) {
      const ch = new TextDecoder().decode(body.subarray(i, i + len));
      out.push({ quoted: ch, single: ch, key: ch });
      i += len;
    } else {
      const b = body[i]!;
      out.push({ quoted: escapeChar(b, '"'), single: escapeChar(b, "'"), key: String(b) });
      i++;
    }
  }
  return out;
}

/** Length of a valid, printable multi-byte UTF-8 sequence at i, else 0. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > b.length) return 0;
  for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  let cp = c & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
  const minimum = [0, 0, 0x80, 0x800, 0x10000][len]!;
  // Overlong forms, surrogates and C1 controls are escaped byte by byte, as gdb does.
  if (cp < minimum || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp < 0xa0) return 0;
  return len;
}

/** Rows as gdb prints them: `0xc000047f40:\t0x...\t0x...`, with `<symbol+off>` after the address when known. */
export function formatGdbText(rows: readonly MemoryRow[], symbolize?: Symbolizer): string {
  return rows
    .map((row) => {
      const sym = symbolize?.(row.address);
      return `0x${row.address.toString(16)}${sym ? ` ${symbolLabel(sym)}` : ''}:\t${row.cells.join('\t')}`;
    })
    .join('\n');
}
