/**
 * Flag types and values: which Go flag.Value a flag holds, checking text against it by Go's strconv
 * and time rules before anything reaches the target, and showing values as the Value's String would.
 */
import { formatGoDuration, parseGoDuration } from './duration.js';
import { isUtf8 } from 'node:buffer';
import { decodeBytes } from '../core/sanitize.js';
import { goUnquote, goUnquoteBytes, isGoQuotable } from '../core/gostrings.js';

export type FlagLibrary = 'flag' | 'pflag';

export type FlagKind = 'string' | 'bool' | 'int' | 'uint' | 'float' | 'duration' | 'custom';

export interface FlagType {
  kind: FlagKind;
  /** What the pane shows: int, uint64, float64, duration, count, stringSlice, main.modeValue. */
  name: string;
  /** Size in bits of the parse (strconv's bitSize) for int, uint and float kinds. */
  bits?: 8 | 16 | 32 | 64;
  /** Go type of the variable behind the Value's pointer, for writes straight to memory. */
  memType?: string;
}

const T = (kind: FlagKind, name: string, bits?: FlagType['bits'], memType?: string): FlagType => ({ kind, name, ...(bits ? { bits } : {}), ...(memType ? { memType } : {}) });

// Go's own flag package; int and uint are 64-bit on every platform Delve debugs.
const STD: Record<string, FlagType> = {
  stringValue: T('string', 'string'),
  boolValue: T('bool', 'bool', undefined, 'bool'),
  intValue: T('int', 'int', 64, 'int'),
  int64Value: T('int', 'int64', 64, 'int64'),
  uintValue: T('uint', 'uint', 64, 'uint'),
  uint64Value: T('uint', 'uint64', 64, 'uint64'),
  float64Value: T('float', 'float64', 64, 'float64'),
  durationValue: T('duration', 'duration', undefined, 'int64'),
  funcValue: T('custom', 'func'),
  boolFuncValue: T('custom', 'boolFunc'),
  textValue: T('custom', 'text'),
};

// spf13/pflag's scalar values (Set parses with the bit size of the type).
const PFLAG: Record<string, FlagType> = {
  stringValue: T('string', 'string'),
  boolValue: T('bool', 'bool', undefined, 'bool'),
  intValue: T('int', 'int', 64, 'int'),
  int8Value: T('int', 'int8', 8, 'int8'),
  int16Value: T('int', 'int16', 16, 'int16'),
  int32Value: T('int', 'int32', 32, 'int32'),
  int64Value: T('int', 'int64', 64, 'int64'),
  countValue: T('int', 'count', 64, 'int'),
  uintValue: T('uint', 'uint', 64, 'uint'),
  uint8Value: T('uint', 'uint8', 8, 'uint8'),
  uint16Value: T('uint', 'uint16', 16, 'uint16'),
  uint32Value: T('uint', 'uint32', 32, 'uint32'),
  uint64Value: T('uint', 'uint64', 64, 'uint64'),
  float32Value: T('float', 'float32', 32, 'float32'),
  float64Value: T('float', 'float64', 64, 'float64'),
  durationValue: T('duration', 'duration', undefined, 'int64'),
};

export const PFLAG_PATH = 'github.com/spf13/pflag';

/**
 * The flag type for a Value's dynamic type as Delve names it (`*flag.intValue`,
 * `*github.com/spf13/pflag.intValue`, `*main.modeValue`, `flag.funcValue`).
 */
export function flagTypeOf(goType: string): FlagType {
  const bare = goType.replace(/^\*/, '');
  const dot = bare.lastIndexOf('.');
  const pkg = bare.slice(0, dot);
  const name = bare.slice(dot + 1);
  if (pkg === 'flag' && STD[name]) return STD[name];
  if (pkg === PFLAG_PATH || pkg === 'pflag') {
    if (PFLAG[name]) return PFLAG[name];
    // pflag names its other types after Type(): stringSliceValue is "stringSlice".
    return T('custom', name.replace(/Value$/, ''));
  }
  return T('custom', shortTypeName(bare || goType));
}

/** `github.com/x/y.T` -> `y.T`: Delve resolves types by their package's last path element. */
export function shortTypeName(t: string): string {
  return t.replace(/[\w.~-]+\//g, '');
}

// ---- checking input ----------------------------------------------------------------------

/** How an edit reaches the target: a literal written over the variable, or the Value's own Set. */
export type Write = { via: 'memory'; memType: string; literal: string; shown: string } | { via: 'set'; text: string };

export type Checked = { ok: true; write: Write } | { ok: false; message: string; hint: string };

const INT_HINT = 'Use a whole number such as 42, -7, 0x2A, 0o17 or 1_000.';
const BOOL_HINT = 'Use true or false (Go also takes 1, 0, t, f, T, F, TRUE, FALSE, True, False).';
const FLOAT_HINT = 'Use a number such as 0.25, 1e3 or -1.5.';
const DURATION_HINT = 'Use a Go duration such as 300ms, 1.5s, 2m30s or 1h (units ns, us, ms, s, m, h).';

/** Checks `text` against the flag's type as its Set would, so a bad value is refused before anything is sent; `flag` names it as typed (`-batch`, `--workers`). */
export function checkFlagValue(type: FlagType, text: string, flag: string): Checked {
  const bad = (what: string, hint: string): Checked => ({ ok: false, message: `'${text}' is not ${what} for ${flag}.`, hint });
  if (!isGoQuotable(text)) return { ok: false, message: `The value for ${flag} holds a character Go strings cannot carry.`, hint: 'Type the value again.' };
  switch (type.kind) {
    case 'string':
    case 'custom':
      return { ok: true, write: { via: 'set', text } };
    case 'bool': {
      const b = goParseBool(text);
      if (b === undefined) return bad('a bool', BOOL_HINT);
      return memory(type, String(b), String(b));
    }
    case 'int':
    case 'uint': {
      const r = type.kind === 'int' ? goParseInt(text, type.bits ?? 64) : goParseUint(text, type.bits ?? 64);
      if (r.ok) return memory(type, r.value.toString(), r.value.toString());
      const article = /^[aeio]/.test(type.name) ? 'an' : 'a';
      if (r.reason === 'range') return { ok: false, message: `${text} is out of range for ${article} ${type.name} (${flag}).`, hint: rangeHint(type) };
      return bad(`${article} ${type.name}`, type.kind === 'uint' ? `${INT_HINT.replace('-7, ', '')} It cannot be negative.` : INT_HINT);
    }
    case 'float': {
      const r = goParseFloat(text, type.bits === 32 ? 32 : 64);
      if (!r.ok) return r.reason === 'range' ? { ok: false, message: `${text} is out of range for a ${type.name} (${flag}).`, hint: FLOAT_HINT } : bad(`a ${type.name}`, FLOAT_HINT);
      // Inf and NaN have no Go literal for Delve to assign: the Value's Set parses them.
      if (!Number.isFinite(r.value)) return { ok: true, write: { via: 'set', text } };
      return memory(type, String(r.value), formatFloat(r.value, type.bits === 32 ? 32 : 64));
    }
    case 'duration': {
      const r = parseGoDuration(text);
      if (r.ok) return memory(type, r.ns.toString(), formatGoDuration(r.ns));
      if (r.reason === 'range') return { ok: false, message: `${text} is out of range for a duration (${flag}).`, hint: 'A Go duration holds at most about 2562047h.' };
      if (r.reason === 'unit' && r.unit) return bad(`a duration (unknown unit "${r.unit}")`, DURATION_HINT);
      return bad('a duration', /^[+-]?\d+$/.test(text) ? `${DURATION_HINT} A bare number needs a unit.` : DURATION_HINT);
    }
  }
}

function memory(type: FlagType, literal: string, shown: string): Checked {
  return { ok: true, write: { via: 'memory', memType: type.memType!, literal, shown } };
}

function rangeHint(type: FlagType): string {
  const bits = BigInt(type.bits ?? 64);
  if (type.kind === 'uint') return `A ${type.name} holds 0 to ${(1n << bits) - 1n}.`;
  return `A${/^[aeio]/.test(type.name) ? 'n' : ''} ${type.name} holds ${-(1n << (bits - 1n))} to ${(1n << (bits - 1n)) - 1n}.`;
}

// ---- strconv -------------------------------------------------------------------------------

/** strconv.ParseBool. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export type IntParse = { ok: true; value: bigint } | { ok: false; reason: 'syntax' | 'range' };

/** strconv.ParseUint(s, 0, bits): base from the prefix (0x, 0o, 0b, leading 0), underscores between digits. */
export function goParseUint(s: string, bits: number): IntParse {
  if (s === '') return { ok: false, reason: 'syntax' };
  const s0 = s;
  let base = 10;
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && (p === 'b' || p === 'o' || p === 'x')) {
      base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  const max = (1n << BigInt(bits)) - 1n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { ok: false, reason: 'syntax' };
    n = n * BigInt(base) + BigInt(d);
    // Go stops at the first overflow, before looking at the rest.
    if (n > max) return { ok: false, reason: 'range' };
  }
  if (underscores && !underscoreOK(s0)) return { ok: false, reason: 'syntax' };
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, 0, bits). */
export function goParseInt(s: string, bits: number): IntParse {
  if (s === '') return { ok: false, reason: 'syntax' };
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  // Go parses the digits at the same bit size: "65536x" is out of range for an int16, not a syntax error.
  const u = goParseUint(body, bits);
  const cutoff = 1n << BigInt(bits - 1);
  if (!u.ok) return u;
  if (!neg && u.value >= cutoff) return { ok: false, reason: 'range' };
  if (neg && u.value > cutoff) return { ok: false, reason: 'range' };
  return { ok: true, value: neg ? -u.value : u.value };
}

export type FloatParse = { ok: true; value: number } | { ok: false; reason: 'syntax' | 'range' };

/** strconv.ParseFloat(s, bits): decimal and hex floats, inf/infinity/nan, underscores between digits. */
export function goParseFloat(s: string, bits: 32 | 64): FloatParse {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return { ok: true, value: special[1] === '-' ? -Infinity : Infinity };
  if (/^nan$/i.test(s)) return { ok: true, value: NaN };
  const dec = /^[+-]?(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?$/;
  const hex = /^([+-]?)0[xX]((?:[0-9a-fA-F_]+(?:\.[0-9a-fA-F_]*)?|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9][0-9_]*)$/;
  let value: number;
  const h = hex.exec(s);
  if (h) {
    const mant = h[2]!.replace(/_/g, '');
    if (!/[0-9a-fA-F]/.test(mant)) return { ok: false, reason: 'syntax' };
    const [ip, fp = ''] = mant.split('.');
    const m = BigInt(`0x${(ip ?? '') + fp || '0'}`);
    value = Number(m) * 2 ** (Number(h[3]!.replace(/_/g, '')) - 4 * fp.length);
    if (h[1] === '-') value = -value;
  } else if (dec.test(s)) {
    const mantissa = s.replace(/[eE].*$/, '');
    if (!/[0-9]/.test(mantissa)) return { ok: false, reason: 'syntax' };
    value = Number(s.replace(/_/g, ''));
  } else {
    return { ok: false, reason: 'syntax' };
  }
  if (s.includes('_') && !underscoreOK(s)) return { ok: false, reason: 'syntax' };
  if (bits === 32) value = Math.fround(value);
  if (!Number.isFinite(value)) return { ok: false, reason: 'range' };
  return { ok: true, value };
}

/** strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(str: string): boolean {
  let s = str;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  const p = s[1]?.toLowerCase();
  if (s.length >= 2 && s[0] === '0' && (p === 'b' || p === 'o' || p === 'x')) {
    i = 2;
    saw = '0';
    hex = p === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const l = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && l >= 'a' && l <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

function digitValue(c: string): number {
  const l = c.toLowerCase();
  if (l >= '0' && l <= '9') return l.charCodeAt(0) - 48;
  if (l >= 'a' && l <= 'z') return l.charCodeAt(0) - 97 + 10;
  return 99;
}

// ---- showing values ----------------------------------------------------------------------

/**
 * A float as strconv.FormatFloat(f, 'g', -1, bits) writes it (what float64Value.String shows),
 * from a number or from the shortest decimal text Delve prints ('f' format).
 */
export function formatFloat(x: number | string, bits: 32 | 64 = 64): string {
  let text = typeof x === 'number' ? shortestDecimal(x, bits) : x;
  if (/^[+-]?(Inf|NaN)$/.test(text)) return text;
  if (/[eE]/.test(text)) text = expandExponent(text);
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const sign = m[1]!;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  let digits = (intPart + fracPart).replace(/^0+/, '');
  const lead = (intPart + fracPart).length - digits.length;
  digits = digits.replace(/0+$/, '');
  if (!digits) return `${sign}0`;
  const dp = intPart.length - lead;
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** Shortest decimal digits that read back as the same float64 (or float32). */
function shortestDecimal(x: number, bits: 32 | 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (Object.is(x, -0)) return '-0';
  if (bits === 64) return String(x);
  for (let p = 1; p <= 17; p++) {
    const t = x.toPrecision(p);
    if (Math.fround(Number(t)) === x) return String(Number(evenTie(x, p) ?? t));
  }
  return String(x);
}

/**
 * When `x` lies exactly halfway between two p-digit decimals, toPrecision takes the one away from
 * zero and Go's FormatFloat the one with the even last digit: Go's, when it is the lower one and
 * reads back as `x` (float32 -3317717.25 is -3.3177172e+06 to Go).
 */
function evenTie(x: number, p: number): string | undefined {
  const m = /^(-?)(\d)\.(\d+)e([+-]\d+)$/.exec(x.toExponential(100));
  if (!m) return undefined;
  const digits = m[2]! + m[3]!;
  if (!/^50*$/.test(digits.slice(p))) return undefined;
  const kept = digits.slice(0, p);
  if (Number(kept.at(-1)) % 2 !== 0) return undefined;
  const lower = `${m[1]}${kept[0]}${p > 1 ? `.${kept.slice(1)}` : ''}e${m[4]}`;
  return Math.fround(Number(lower)) === x ? lower : undefined;
}

/** "1.5e+21" -> "1500000000000000000000" (exact digit shifting, no float math). */
function expandExponent(text: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${m[1]}${digits}${'0'.repeat(point - digits.length)}`;
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The current value as the Value's String() would give it, from what Delve shows of the
 * variable behind the pointer (`32`, `"debug"`, `200000000`, `1`). `exact` is false for custom
 * Values, whose String() gotui does not call (that would run code in the target at every stop).
 */
export function displayValue(type: FlagType, rendering: string): { text: string; exact: boolean; delveForm?: boolean } {
  switch (type.kind) {
    case 'string': {
      // Bytes that are not UTF-8 show as \xNN, and the text is not the value (editing it would change them).
      const bytes = goUnquoteBytes(rendering);
      return bytes === undefined ? { text: rendering, exact: false } : { text: decodeBytes(bytes), exact: isUtf8(bytes) };
    }
    case 'bool':
    case 'int':
    case 'uint':
      return { text: rendering, exact: /^-?\d+$|^(true|false)$/.test(rendering) };
    case 'float':
      return { text: formatFloat(rendering, type.bits === 32 ? 32 : 64), exact: true };
    case 'duration':
      return /^-?\d+$/.test(rendering) ? { text: formatGoDuration(BigInt(rendering)), exact: true } : { text: rendering, exact: false };
    case 'custom': {
      // A custom Value on a string type (type modeValue string) shows as its text. On anything else it
      // is Delve's text, marked so: a `type level int` holds 2 where its String() says "high" (trial AV).
      const s = goUnquote(rendering);
      return s !== undefined ? { text: s, exact: false } : { text: rendering, exact: false, delveForm: true };
    }
  }
}
