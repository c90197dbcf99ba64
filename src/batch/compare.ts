/**
 * How expectations judge what they see (pure): Go literals against the values Delve renders,
 * compared as Go would compare them; counts; stop locations and reasons; memory units.
 */
import { UserError } from '../errors.js';
import { compilePattern } from '../core/pattern.js';
import type { ProbeStream } from '../bpf/stream.js';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type PrintOp = CompareOp | '~';

export type GoValue =
  | { kind: 'int'; v: bigint }
  | { kind: 'float'; v: number }
  | { kind: 'string'; v: string }
  | { kind: 'bool'; v: boolean }
  | { kind: 'nil' }
  | { kind: 'text'; v: string };

/** A Go literal as a script writes it: 42, -0x1f, 1_000, 2.5, 1e6, "a\tb", `raw`, 'x', true, nil; else text. */
export function parseGoLiteral(text: string): GoValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return { kind: 'bool', v: t === 'true' };
  if (t === 'nil') return { kind: 'nil' };
  const int = parseGoInt(t);
  if (int !== undefined) return { kind: 'int', v: int };
  // One way to split the digits (the old `(\d[\d_]*)?\.?\d*` had n, quadratic on a long number).
  if (/^[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return { kind: 'float', v: Number(t.replace(/_/g, '')) };
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) return { kind: 'string', v: unquoteGo(t.slice(1, -1)) };
  if (/^`[^`]*`$/.test(t)) return { kind: 'string', v: t.slice(1, -1) };
  if (/^'(?:[^'\\]|\\.+)'$/.test(t)) {
    const s = unquoteGo(t.slice(1, -1));
    if ([...s].length === 1) return { kind: 'int', v: BigInt(s.codePointAt(0)!) };
  }
  return { kind: 'text', v: t };
}

/**
 * Why a VALUE cannot be any Go literal, when it starts like one (a digit, a sign, a quote) but is
 * not one: `1x`, `22.41.5`, `"grace` (a misspelt expectation must not run, let alone pass).
 */
export function malformedLiteral(text: string): string | undefined {
  const t = text.trim();
  if (parseGoLiteral(t).kind !== 'text') return undefined;
  if (/^[+-]?\.?\d/.test(t)) return `'${t}' is not a Go number.`;
  if (/^["'`]/.test(t)) return `'${t}' is not a Go ${t[0] === "'" ? 'rune' : 'string'} literal (closed, with its escapes).`;
  return undefined;
}

function parseGoInt(t: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][\d_]*)$/.exec(t);
  if (!m) return undefined;
  let digits = m[2]!.replace(/_/g, '');
  // `0x_` is a prefix without digits: no number (BigInt would throw a SyntaxError).
  if (/^0[xXoObB]$/.test(digits)) return undefined;
  // Go's legacy octal: a leading 0.
  if (/^0[0-7]+$/.test(digits)) digits = `0o${digits.slice(1)}`;
  const v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

/** The escapes of a Go interpreted string (or rune) literal. */
export function unquoteGo(body: string): string {
  return body.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'x':
      case 'u':
      case 'U':
        if (e.length === 1) return e;
        // \U7fffffff is past Unicode: Go refuses it, String.fromCodePoint throws a RangeError.
        if (parseInt(e.slice(1), 16) > 0x10ffff) throw new UserError(`\\${e} is not a Unicode code point.`, 'Unicode ends at \\U0010ffff.');
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

const INT_TYPES = /^(u?int(8|16|32|64)?|uintptr|byte|rune)$/;
const FLOAT_TYPES = /^float(32|64)$/;

/** What Delve's rendering of a value of type `type` is, as far as a comparison needs. */
export function delveValue(result: string, type: string): GoValue {
  const r = result.trim();
  if (r === 'nil' || /\bnil$/.test(r)) return { kind: 'nil' };
  if (/^"(?:[^"\\]|\\.)*"$/.test(r)) return { kind: 'string', v: unquoteGo(r.slice(1, -1)) };
  if (r === 'true' || r === 'false') return { kind: 'bool', v: r === 'true' };
  // Integers; named constants show as `main.Open (1)`, runes as `65 'A'`.
  const int = /^(-?\d+)(?: '.*')?$/.exec(r) ?? /^[\w.]+ \((-?\d+)\)$/.exec(r);
  if (int && !FLOAT_TYPES.test(type)) return { kind: 'int', v: BigInt(int[1]!) };
  if (INT_TYPES.test(type) && /^0x[\da-f]+$/i.test(r)) return { kind: 'int', v: BigInt(r) };
  if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|Inf|NaN)$/.test(r)) return { kind: 'float', v: r.endsWith('Inf') ? (r.startsWith('-') ? -Infinity : Infinity) : Number(r) };
  return { kind: 'text', v: r };
}

/** A value as a report says what was seen: Delve's text, then its type. */
export function seenValue(result: string, type?: string): string {
  return `${result}${type ? ` (${type})` : ''}`;
}

export interface Verdict {
  ok: boolean;
  /** What was seen, as the report says it. */
  seen: string;
}

/**
 * `expect print EXPR OP VALUE` on Delve's result: numbers by value (float32 at float32 precision),
 * strings by their bytes, bools and nil by equality, `~` by an RE2 regular expression (on a
 * string's contents, else on Delve's text). Pairs Go would not compile are a UserError.
 */
export function judgePrint(result: string, type: string, op: PrintOp, literal: string): Verdict {
  const seen = seenValue(result, type);
  const got = delveValue(result, type);
  if (op === '~') {
    const text = got.kind === 'string' ? got.v : result;
    return { ok: compilePattern(literal, { caseSensitive: true }).test(text), seen };
  }
  const want = parseGoLiteral(literal);
  const mismatch = () => new UserError(`Cannot compare ${type || 'the value'} ${result} with ${literal}: Go would not compile it.`, 'Compare numbers with numbers, strings with "quoted" strings, pointers with nil.');
  const order = (c: number): boolean => ({ '==': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 })[op];
  const equality = (same: boolean): boolean => {
    if (op !== '==' && op !== '!=') throw new UserError(`${op} does not order ${want.kind === 'nil' ? 'nil' : `${want.kind}s`}.`, 'Use == or !=.');
    return op === '==' ? same : !same;
  };
  if (want.kind === 'nil') return { ok: equality(got.kind === 'nil'), seen };
  // Text against text only: a number, string, bool or nil against a word Go would not compile
  // (`o.ID != 1x` must not pass for being unequal).
  if (want.kind === 'text' || got.kind === 'text') {
    if (want.kind !== got.kind) throw mismatch();
    return { ok: equality(result.trim() === want.v), seen };
  }
  if (want.kind === 'bool' || got.kind === 'bool') {
    if (want.kind !== got.kind) throw mismatch();
    return { ok: equality(want.v === (got as { v: boolean }).v), seen };
  }
  if (want.kind === 'string' || got.kind === 'string') {
    if (want.kind !== got.kind) throw mismatch();
    return { ok: order(Buffer.compare(Buffer.from((got as { v: string }).v), Buffer.from(want.v as string))), seen };
  }
  if (got.kind === 'nil') throw mismatch();
  if (got.kind === 'int' && want.kind === 'int') return { ok: order(got.v < want.v ? -1 : got.v > want.v ? 1 : 0), seen };
  if (got.kind === 'int' && want.kind === 'float' && !Number.isInteger(want.v)) throw new UserError(`${literal} is not an integer, and ${type || 'the value'} is.`, 'Compare integers with integers.');
  // Go converts the constant to the variable's type: a float32 compares at float32 precision.
  const round = type === 'float32' ? Math.fround : (x: number) => x;
  const a = round(Number(got.v));
  const b = round(Number(want.v));
  if (Number.isNaN(a) || Number.isNaN(b)) return { ok: op === '!=', seen };
  return { ok: order(a < b ? -1 : a > b ? 1 : 0), seen };
}

export function compareCount(n: number, op: CompareOp, want: number): boolean {
  return { '==': n === want, '!=': n !== want, '<': n < want, '<=': n <= want, '>': n > want, '>=': n >= want }[op];
}

/** A count that can only grow (events) cannot come back under a bound once over it: decided early. */
export function countSettled(n: number, op: CompareOp, want: number): boolean {
  switch (op) {
    case '>':
    case '>=':
      return compareCount(n, op, want);
    case '<':
    case '<=':
      return !compareCount(n, op, want);
    case '==':
      return n > want;
    case '!=':
      return n > want;
  }
}

/** Whether a frame is at LOC: `file.go:LINE` (a path suffix at a / boundary), `LINE` in any file, or `pkg.Func`. */
export function frameAt(frame: { name: string; file?: string; line: number }, loc: string): boolean {
  const fileLine = /^(.*):(\d+)$/.exec(loc);
  if (fileLine) {
    const [, file, line] = fileLine;
    const f = frame.file ?? '';
    return Number(line) === frame.line && (f === file || f.endsWith(`/${file!.replace(/^\.\//, '')}`));
  }
  if (/^\d+$/.test(loc)) return Number(loc) === frame.line;
  // Delve's DAP names a frame by its package's last element (`calc.Sum`), where `break` took and
  // echoed the whole path (trial BY: `expect stop at example.com/app/calc.Sum` failed at calc.Sum).
  return frame.name === loc || frame.name === loc.replace(/^[^([]*\//, '');
}

/** Whether a stop's DAP reason (and Delve's description of an exception) is the reason a script names. */
export function stopReasonIs(stop: { reason: string; description?: string }, reason: string): boolean {
  switch (reason) {
    case 'breakpoint':
      return /breakpoint/.test(stop.reason);
    case 'panic':
      return stop.reason === 'exception' && /panic/i.test(stop.description ?? '');
    case 'fatal':
      return stop.reason === 'exception' && /fatal/i.test(stop.description ?? '');
    default:
      return stop.reason === reason;
  }
}

/**
 * Memory units against the words a script expects: integer formats by value (0x11 equals
 * 0x0000000000000011, -1 equals 0xff..ff of the unit), the others by gdb's text of the unit.
 */
export function unitMatches(format: string, unitBytes: number, value: bigint, cellText: string, word: string): boolean {
  if ('xzduot'.includes(format)) {
    // gdb writes x/t units as bare binary digits.
    const n = format === 't' && /^[01]+$/.test(word) ? BigInt(`0b${word}`) : parseGoInt(word);
    if (n === undefined) return false;
    const bits = BigInt(unitBytes * 8);
    return BigInt.asUintN(Number(bits), n) === BigInt.asUintN(Number(bits), value);
  }
  return cellText.trim() === word;
}

/** What a stream's events and final tables add up to for `expect bpf PROBE count`: see README. */
export function probeCount(template: string, stream: Pick<ProbeStream, 'total' | 'tables' | 'visibleEvents'>): number {
  const sum = (name: string) => {
    const t = stream.tables.get(name);
    if (t?.kind === 'map') return t.rows.reduce((n, r) => n + Number(r.value), 0);
    if (t?.kind === 'hist') return t.hists.reduce((n, h) => n + h.buckets.reduce((m, b) => m + b.count, 0), 0);
    return 0;
  };
  switch (template) {
    case 'syscalls':
      return sum('@syscalls');
    case 'malloc':
      return sum('@bytes');
    case 'gc':
      // Cycles started: gcStart also runs, and returns at once, while a cycle is under way.
      return stream.visibleEvents(Number.MAX_SAFE_INTEGER).events.filter((e) => !/under way/.test(e.text)).length;
    case 'goroutines':
      return stream.visibleEvents(Number.MAX_SAFE_INTEGER).events.filter((e) => e.text.startsWith('goroutine created')).length;
    default:
      return stream.total;
  }
}
