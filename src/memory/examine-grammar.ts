// gdb's `x/NFU EXPR` command: grammar and the defaults gdb carries from one
// `x` to the next (gdb 13, printcmd.c decode_format and x_command).
import { UserError } from '../errors.js';
import { parseAddressExpr, type AddressExpr } from './address-expr.js';

/** x hex, z zero-padded hex (same as x here), d signed, u unsigned, o octal, t binary, a address, c char, f float, s string, i instruction. */
export type ExamineFormat = 'x' | 'z' | 'd' | 'u' | 'o' | 't' | 'a' | 'c' | 'f' | 's' | 'i';
/** b 1 byte, h 2 (halfword), w 4 (word), g 8 (giant). */
export type ExamineUnit = 'b' | 'h' | 'w' | 'g';

export const UNIT_BYTES: Readonly<Record<ExamineUnit, 1 | 2 | 4 | 8>> = { b: 1, h: 2, w: 4, g: 8 };
export const EXAMINE_FORMATS: readonly ExamineFormat[] = ['x', 'z', 'd', 'u', 'o', 't', 'a', 'c', 'f', 's', 'i'];
export const EXAMINE_UNITS: readonly ExamineUnit[] = ['b', 'h', 'w', 'g'];

/** What gdb remembers between `x` commands (last_format, last_size, last_count). */
export interface ExamineDefaults {
  readonly format: ExamineFormat;
  readonly unit: ExamineUnit;
  readonly count: number;
}

/** gdb starts with format x, unit w, count 1. */
export const INITIAL_EXAMINE_DEFAULTS: ExamineDefaults = { format: 'x', unit: 'w', count: 1 };

/** gdb's `print elements` limit: x/s shows at most this many bytes per string. */
export const STRING_FETCH_LIMIT = 200;
/** The memory pane reads at most this much per examine, as Delve's `dlv x` does. */
export const MAX_EXAMINE_BYTES = 65536;
/** Strings and instructions are counted one by one; cap how many. */
export const MAX_EXAMINE_ITEMS = 1024;
const MAX_INSTRUCTION_BYTES = 15;

export interface ExamineCommand {
  /** How many units, strings or instructions; always >= 1. */
  readonly count: number;
  /** x/-N: show the N units that end at the address. */
  readonly backward: boolean;
  readonly format: ExamineFormat;
  /** The unit read: `a` resolves to g (pointer size); s and i read bytes. */
  readonly unit: ExamineUnit;
  /** null: continue after the last address shown. */
  readonly exprText: string | null;
  readonly expr: AddressExpr | null;
}

export interface ParsedExamine {
  readonly command: ExamineCommand;
  /** Defaults for the next `x`, as gdb updates them. */
  readonly remember: ExamineDefaults;
}

const FORMAT_HINT = 'Formats are x d u o t a c f s i z; units are b h w g, e.g. x/16xg $sp.';

/**
 * Parse a full `x` command (`x/16xg $rsp`, `x $pc`, `x/s`, `x`) against the
 * defaults left by the previous one.
 */
export function parseExamineCommand(text: string, last: ExamineDefaults = INITIAL_EXAMINE_DEFAULTS): ParsedExamine {
  const m = /^\s*x(?=$|[\s/])\s*(?:\/([^\s]*))?(.*)$/s.exec(text);
  if (!m) {
    throw new UserError(`"${text.trim()}" is not an examine command.`, 'Start it with x, e.g. x/16xg $sp.');
  }
  const spec = m[1];
  let rest = m[2]!.trim();
  let count = 1;
  let format: ExamineFormat | undefined;
  let unit: ExamineUnit | undefined;

  if (spec !== undefined) {
    // As in gdb the letters end at the first character that is not a letter,
    // so `x/2xg&buf` is x/2xg applied to &buf.
    const [, minus, digits, letters, tail] = /^(-?)(\d*)([a-zA-Z]*)(.*)$/s.exec(spec)!;
    if (/^\d/.test(tail)) {
      throw new UserError(`The count in "x/${spec}" must come before the format letters.`, 'Write e.g. x/16xg, not x/xg16.');
    }
    rest = `${tail}${m[2]}`.trim();
    if (digits !== '') {
      count = Number(digits);
      if (!Number.isSafeInteger(count)) throw new UserError(`The count ${digits} is too large.`, `Use at most ${MAX_EXAMINE_BYTES} bytes' worth.`);
    }
    if (minus) count = -count;
    for (const letter of letters) {
      if ((EXAMINE_UNITS as readonly string[]).includes(letter)) unit = letter as ExamineUnit;
      else if ((EXAMINE_FORMATS as readonly string[]).includes(letter)) format = letter as ExamineFormat;
      else if (letter === 'r') continue; // gdb's raw flag: there are no pretty-printers to bypass here.
      else if (/[A-Z]/.test(letter)) throw new UserError(`Format letters are lowercase, and "${letter}" is not.`, FORMAT_HINT);
      else throw new UserError(`Undefined output format "${letter}".`, FORMAT_HINT);
    }
  }

  // gdb's decode_format: a missing format or unit comes from the last x,
  // with exceptions for a, f, c and s.
  let resolvedFormat: ExamineFormat;
  let decodedUnit: ExamineUnit;
  if (format === undefined) {
    resolvedFormat = unit === undefined ? last.format : last.format === 'i' ? 'x' : last.format;
    decodedUnit = unit ?? last.unit;
  } else {
    resolvedFormat = format;
    decodedUnit = unit ?? defaultUnitFor(format, last.unit);
  }
  if (resolvedFormat === 's' && unit !== undefined && unit !== 'b') {
    throw new UserError(`x/s reads byte strings, so unit ${unit} cannot be used with it.`, `Use x/s for a string, or x/x${unit} to see the units.`);
  }

  const noFormatNoExpr = spec === undefined && rest === '';
  if (noFormatNoExpr) count = last.count;
  if (count === 0) throw new UserError('A count of 0 shows nothing.', 'Give a count of 1 or more, e.g. x/8xg $sp.');
  const backward = count < 0;
  if (backward && (resolvedFormat === 's' || resolvedFormat === 'i')) {
    // Where an instruction or a string begins before an address cannot be told from the bytes.
    if (resolvedFormat === 'i') throw new UserError(`Counting backwards (x/${count}i) is not done: instructions differ in length, so the bytes before an address do not say where one begins.`, 'The Disassembly pane (0) shows the instructions before $pc; or x/Ni from a function\'s start (x/8i main.main).');
    throw new UserError(`Counting backwards (x/${count}s) is not done: strings differ in length, so the bytes before an address do not say where one begins.`, 'Start from an earlier address, or count units: x/-32xb.');
  }
  const readUnit: ExamineUnit = resolvedFormat === 's' || resolvedFormat === 'i' ? 'b' : decodedUnit;
  const magnitude = Math.abs(count);
  if (resolvedFormat === 's' || resolvedFormat === 'i') {
    if (magnitude > MAX_EXAMINE_ITEMS) {
      throw new UserError(`x/${magnitude}${resolvedFormat} asks for too many ${resolvedFormat === 's' ? 'strings' : 'instructions'}.`, `Use a count of at most ${MAX_EXAMINE_ITEMS}.`);
    }
  } else if (magnitude * UNIT_BYTES[readUnit] > MAX_EXAMINE_BYTES) {
    throw new UserError(`x/${magnitude}${resolvedFormat}${readUnit} asks for ${magnitude * UNIT_BYTES[readUnit]} bytes, more than the ${MAX_EXAMINE_BYTES} the memory pane reads at once.`, 'Use a smaller count, then page on with PgDn.');
  }

  const expr = rest === '' ? null : parseAddressExpr(rest);
  return {
    command: { count: magnitude, backward, format: resolvedFormat, unit: readUnit, exprText: rest === '' ? null : rest, expr },
    // gdb stores 'b' after strings, and keeps the decoded (not the read) unit after i; after a
    // backward x a bare x shows one unit, at the lowest address shown (checked against gdb 13).
    remember: { format: resolvedFormat, unit: resolvedFormat === 's' ? 'b' : decodedUnit, count: backward ? 1 : count },
  };
}

/** gdb's unit when a format is given without one. */
function defaultUnitFor(format: ExamineFormat, lastUnit: ExamineUnit): ExamineUnit {
  switch (format) {
    case 'a':
      return 'g'; // pointer size on amd64
    case 'f':
      return lastUnit === 'w' || lastUnit === 'g' ? lastUnit : 'g';
    case 'c':
    case 's':
      return 'b';
    default:
      return lastUnit;
  }
}

/** Bytes to fetch for a command: exact for fixed-size formats, an upper bound for s and i. */
export function examineByteLength(command: Pick<ExamineCommand, 'count' | 'format' | 'unit'>): number {
  if (command.format === 's') return command.count * (STRING_FETCH_LIMIT + 1);
  if (command.format === 'i') return command.count * MAX_INSTRUCTION_BYTES;
  return command.count * UNIT_BYTES[command.unit];
}
