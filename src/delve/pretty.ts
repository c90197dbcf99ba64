// The dlv CLI's `print`: an api.Variable from JSON-RPC Eval written as
// service/api/prettyprint.go writes it with PrettyNewlines (pointers with
// their address, `(*int)(0xc000012345)` then `*1`; channels as their hchan
// struct; `...+N more`), and its format verbs (`print %x n`) as Go's fmt
// applies them to integers, floats, bools and strings. Pure.

import { decodeBytes } from '../core/sanitize.js';

/** api.Variable as JSON (the fields the printer reads). */
export interface RpcValue {
  name?: string;
  addr: number;
  onlyAddr?: boolean;
  type: string;
  kind: number;
  value: string;
  /** A string's bytes (base64) when they are not UTF-8: `value` then has U+FFFD for them. */
  StringValueBytes?: string;
  len: number;
  cap: number;
  children: RpcValue[] | null;
  base: number;
  unreadable: string;
  /** api.VariableFlags: 2 is VariableShadowed (an outer block's variable a nearer one hides). */
  flags?: number;
}

/** reflect.Kind numbers. */
export const Kind = { Invalid: 0, Bool: 1, Int: 2, Int64: 6, Uint: 7, Uintptr: 12, Float32: 13, Float64: 14, Complex64: 15, Complex128: 16, Array: 17, Chan: 18, Func: 19, Interface: 20, Map: 21, Ptr: 22, Slice: 23, String: 24, Struct: 25, UnsafePointer: 26 } as const;

/** The dlv CLI's load configuration for print. */
export const PRINT_LOAD_CONFIG = { FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: 64, MaxArrayValues: 64, MaxStructFields: -1 };

/** The dlv CLI's ShortLoadConfig (vars, display), but with a slice's or map's first 64 elements, which gotui prints where the CLI prints `[...]`. */
export const SHORT_LOAD_CONFIG = { FollowPointers: false, MaxVariableRecurse: 0, MaxStringLen: 64, MaxArrayValues: 64, MaxStructFields: 3 };

const TOP = 1;
const INCLUDE_TYPE = 2;
const NEWLINES = 4;
const MAX_SHORT_STRING = 7;
const INDENT = '\t';

const kids = (v: RpcValue): RpcValue[] => v.children ?? [];
const hexAddr = (n: number): string => `0x${n.toString(16)}`;
/** Go's %q of a type name (types with a package path are quoted). */
const typeName = (t: string): string => (t.includes('/') ? JSON.stringify(t) : t);

/** `print [%VERB] EXPR`: the verb and the expression. */
export function parseFormatArg(args: string): { verb: string; expr: string } {
  const t = args.trim();
  if (!t.startsWith('%')) return { verb: '', expr: t };
  const space = t.indexOf(' ');
  return space < 0 ? { verb: t, expr: '' } : { verb: t.slice(0, space), expr: t.slice(space + 1).trim() };
}

/** What the dlv CLI prints for `print [verb] expr`. */
export function prettyPrint(v: RpcValue, verb = ''): string {
  return write(v, TOP | INCLUDE_TYPE | NEWLINES, '', verb);
}

/** What the dlv CLI prints of a value on one line (vars, display): SinglelineString, its `...+N more` kept. */
export function singleLine(v: RpcValue): string {
  return write(v, TOP | INCLUDE_TYPE, '', '');
}

const SHADOWED = 2;

/**
 * What the dlv CLI's `args` and `locals` print of a frame's variables (printFilteredVariables):
 * `name = value` a line, a shadowed one's name in parentheses, each on one line unless `verbose`
 * (-v: the whole value, as print writes it); `(no args)` when none is kept.
 */
export function frameVarLines(vars: readonly RpcValue[], what: 'args' | 'locals', keep: (name: string) => boolean = () => true, verbose = false): string[] {
  const lines = vars.filter((v) => keep(v.name ?? '')).map((v) => `${(v.flags ?? 0) & SHADOWED ? `(${v.name})` : v.name} = ${verbose ? prettyPrint(v) : singleLine(v)}`);
  return lines.length ? lines : [`(no ${what})`];
}

function write(v: RpcValue, flags: number, indent: string, verb: string): string {
  if (v.unreadable) return `(unreadable ${v.unreadable})`;
  if (!(flags & TOP) && v.addr === 0 && v.value === '') return flags & INCLUDE_TYPE && v.type !== 'void' ? `${v.type} nil` : 'nil';
  const c = kids(v);
  switch (v.kind) {
    case Kind.Slice: {
      const head = flags & INCLUDE_TYPE ? `${v.type} len: ${v.len}, cap: ${v.cap}, ` : '';
      if (v.base === 0 && c.length === 0) return `${head}nil`;
      return head + list(v, flags, indent, verb);
    }
    case Kind.Array:
      return (flags & INCLUDE_TYPE ? `${v.type} ` : '') + list(v, flags, indent, verb);
    case Kind.Ptr: {
      if (v.type === '' || c.length === 0) return 'nil';
      const pointer = `(${typeName(v.type)})(${hexAddr(c[0]!.addr)})`;
      if (c[0]!.onlyAddr && c[0]!.addr !== 0) return pointer;
      const head = flags & TOP && flags & NEWLINES && c[0]!.addr !== 0 ? `${pointer}\n` : '';
      return `${head}*${write(c[0]!, flags & ~TOP, indent, verb)}`;
    }
    case Kind.UnsafePointer:
      return c.length === 0 ? 'unsafe.Pointer(nil)' : `unsafe.Pointer(${hexAddr(c[0]!.addr)})`;
    case Kind.Chan:
      if (flags & NEWLINES) return struct(v, flags, indent, verb);
      return c.length === 0 ? `${v.type} nil` : `${v.type} ${c[0]!.value}/${c[1]!.value}`;
    case Kind.Struct: {
      if (v.value !== '') return `${v.type}(${v.value})${struct(v, flags & ~INCLUDE_TYPE, indent, verb)}`;
      return struct(v, flags, indent, verb);
    }
    case Kind.Interface: {
      if (v.addr === 0) return 'nil';
      let out = '';
      const data = c[0]!;
      if (flags & INCLUDE_TYPE) {
        if (data.kind === Kind.Invalid) {
          out += `${v.type} `;
          if (data.addr === 0) return `${out}nil`;
        } else out += `${v.type}(${data.type}) `;
      }
      const inner = (flags & ~TOP & ~INCLUDE_TYPE) | (flags & INCLUDE_TYPE ? 0 : INCLUDE_TYPE);
      if (data.kind === Kind.Ptr) {
        const dc = kids(data);
        if (dc.length === 0) return `${out}...`;
        if (dc[0]!.addr === 0) return `${out}nil`;
        if (dc[0]!.onlyAddr) return `${out}${hexAddr(data.addr)}`;
        return out + write(data, inner, indent, verb);
      }
      if (data.onlyAddr) return `${out}*(*${typeName(v.type)})(${hexAddr(v.addr)})`;
      return out + write(data, inner, indent, verb);
    }
    case Kind.Map:
      return map(v, flags, indent, verb);
    case Kind.Func: {
      if (v.value === '') return 'nil';
      if (!(flags & NEWLINES) || c.length === 0) return v.value;
      const lines = c.map((k) => `${indent}${INDENT}${k.name} ${k.type} = ${write(k, flags & ~TOP & ~INCLUDE_TYPE, indent + INDENT, verb)}\n`);
      return `${v.value} {\n${lines.join('')}${indent}}`;
    }
    default:
      return basic(v, verb);
  }
}

function recursiveKind(v: RpcValue): { kind: number; pointer: boolean } {
  let pointer = false;
  while (v.kind === Kind.Ptr) {
    pointer = true;
    const c = kids(v);
    if (c.length === 0) return { kind: v.kind, pointer };
    v = c[0]!;
  }
  return { kind: v.kind, pointer };
}

const COMPOSITE = new Set<number>([Kind.Slice, Kind.Array, Kind.Struct, Kind.Map, Kind.Interface]);

function newlineFor(children: readonly RpcValue[], newlines: boolean, every: boolean): boolean {
  if (!newlines || children.length === 0) return false;
  const look = every ? children : children.slice(0, 1);
  for (const child of look) {
    const { kind, pointer } = recursiveKind(child);
    if (COMPOSITE.has(kind)) return true;
    if (kind === Kind.String) {
      if (pointer) return true;
      if (every ? goLen(stringText(child)) > MAX_SHORT_STRING : children.some((k) => goLen(stringText(k)) > MAX_SHORT_STRING)) return true;
    }
  }
  return false;
}

function list(v: RpcValue, flags: number, indent: string, verb: string): string {
  const c = kids(v);
  const nl = newlineFor(c, !!(flags & NEWLINES), false);
  let out = '[';
  c.forEach((k, i) => {
    if (nl) out += `\n${indent}${INDENT}`;
    out += write(k, nl ? NEWLINES : 0, indent + INDENT, verb);
    if (i !== c.length - 1 || nl) out += ',';
  });
  if (c.length !== v.len) {
    if (c.length !== 0) out += `${nl ? `\n${indent}${INDENT}` : ','}...+${v.len - c.length} more`;
    else out += '...';
  }
  if (nl) out += `\n${indent}`;
  return `${out}]`;
}

function struct(v: RpcValue, flags: number, indent: string, verb: string): string {
  const c = kids(v);
  if (v.len !== c.length && c.length === 0) return `(*${typeName(v.type)})(${hexAddr(v.addr)})`;
  const nl = newlineFor(c, !!(flags & NEWLINES), true);
  let out = `${flags & INCLUDE_TYPE ? `${v.type} ` : ''}{`;
  c.forEach((k, i) => {
    if (nl) out += `\n${indent}${INDENT}`;
    out += `${k.name}: ${write(k, INCLUDE_TYPE | (nl ? NEWLINES : 0), indent + INDENT, verb)}`;
    if (i !== c.length - 1 || nl) out += nl ? ',' : ', ';
  });
  if (c.length !== v.len) out += `${nl ? `\n${indent}${INDENT}` : ','}...+${v.len - c.length} more`;
  return `${out}}`;
}

function map(v: RpcValue, flags: number, indent: string, verb: string): string {
  const c = kids(v);
  const head = flags & INCLUDE_TYPE ? `${v.type} ` : '';
  if (v.base === 0 && c.length === 0) return `${head}nil`;
  const nl = !!(flags & NEWLINES) && c.length > 0;
  let out = `${head}[`;
  for (let i = 0; i < c.length; i += 2) {
    if (nl) out += `\n${indent}${INDENT}`;
    out += `${write(c[i]!, 0, indent + INDENT, verb)}: ${write(c[i + 1]!, nl ? NEWLINES : 0, indent + INDENT, verb)}`;
    if (i !== c.length - 1 || nl) out += ', ';
  }
  if (c.length / 2 !== v.len) {
    if (c.length !== 0) out += `${nl ? `\n${indent}${INDENT}` : ','}...+${v.len - c.length / 2} more`;
    else out += '...';
  }
  if (nl) out += `\n${indent}`;
  return `${out}]`;
}

// A byte of a Go string that is not UTF-8, kept in the text as one of U+DC80-U+DCFF (Python's
// surrogateescape): quoted as `\xff`, counted as one byte. Valid UTF-8 never decodes to a surrogate.
const ESCAPED_BYTE = /[\udc80-\udcff]/u;
const ESCAPED_BYTES = new RegExp(ESCAPED_BYTE.source, 'gu');
const AROUND_ESCAPED_BYTES = new RegExp(`(${ESCAPED_BYTE.source})`, 'u');

/** A string value's text, its bytes that are not UTF-8 kept (Delve's JSON sends those as StringValueBytes). */
function stringText(v: RpcValue): string {
  return v.StringValueBytes ? decodeBytes(Buffer.from(v.StringValueBytes, 'base64'), (b) => String.fromCharCode(0xdc00 + b)) : v.value;
}

/** A string's bytes, as Go holds them. */
function goBytes(s: string): Buffer {
  if (!ESCAPED_BYTE.test(s)) return Buffer.from(s, 'utf8');
  return Buffer.concat(s.split(AROUND_ESCAPED_BYTES).map((part, i) => (i % 2 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8'))));
}

/** Go's len of a string: its UTF-8 bytes, as Delve counts a string's Len (`日本` is 6, not 2). */
function goLen(s: string): number {
  return ESCAPED_BYTE.test(s) ? goBytes(s).length : Buffer.byteLength(s, 'utf8');
}

/** The escaped bytes of a string as `\xff` (what %s shows of them). */
const hexEscaped = (s: string): string => s.replace(ESCAPED_BYTES, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16)}`);

function intValue(s: string): string {
  if (!s.endsWith(')')) return s;
  const open = s.lastIndexOf('(');
  return open < 0 ? s : s.slice(open + 1, -1);
}

function basic(v: RpcValue, verb: string): string {
  if (v.value === '' && v.kind !== Kind.String) return `(unknown ${KIND_NAMES[v.kind] ?? v.kind})`;
  if (v.kind === Kind.String) {
    const text = stringText(v);
    if (!verb) return goQuote(goLen(text) !== v.len ? `${text}...+${v.len - goLen(text)} more` : text);
    return goFormat(verb, { kind: 'string', s: text });
  }
  if (!verb) return v.kind === Kind.Complex64 || v.kind === Kind.Complex128 ? `(${kids(v)[0]?.value} + ${kids(v)[1]?.value}i)` : v.value;
  if (v.kind === Kind.Bool) return goFormat(verb, { kind: 'bool', b: v.value === 'true' });
  if (v.kind >= Kind.Int && v.kind <= Kind.Int64) return goFormat(verb, { kind: 'int', n: BigInt(intValue(v.value)), signed: true, go: 'int64' });
  if (v.kind >= Kind.Uint && v.kind <= Kind.Uintptr) return goFormat(verb, { kind: 'int', n: BigInt(intValue(v.value)), signed: false, go: 'uint64' });
  if (v.kind === Kind.Float32 || v.kind === Kind.Float64) return goFormat(verb, { kind: 'float', x: Number(v.value) });
  return v.value;
}

const KIND_NAMES: Record<number, string> = { 1: 'bool', 2: 'int', 6: 'int64', 7: 'uint', 12: 'uintptr', 13: 'float32', 14: 'float64', 24: 'string' };

type FmtArg = { kind: 'int'; n: bigint; signed: boolean; go: string } | { kind: 'string'; s: string } | { kind: 'bool'; b: boolean } | { kind: 'float'; x: number };

/** Go's fmt for one verb (flags # and 0-padding widths included) on the kinds print formats. */
export function goFormat(verb: string, a: FmtArg): string {
  const m = /^%([#+ 0-]*)(\d*)(?:\.(\d+))?([a-zA-Z])$/.exec(verb);
  if (!m) return `%!${verb.slice(1)}(BADVERB)`;
  const [, flagText, widthText, , c] = m as unknown as [string, string, string, string | undefined, string];
  const sharp = flagText.includes('#');
  const zero = flagText.includes('0') && !flagText.includes('-');
  const pad = (s: string) => {
    const w = widthText ? Number(widthText) : 0;
    if (s.length >= w) return s;
    if (flagText.includes('-')) return s.padEnd(w);
    if (zero && /^[-+]?(0[xXob])?[0-9a-fA-F]/.test(s)) {
      const sign = /^[-+]/.test(s) ? s[0]! : '';
      return sign + s.slice(sign.length).padStart(w - sign.length, '0');
    }
    return s.padStart(w);
  };
  const bad = () => `%!${c}(${a.kind === 'int' ? a.go : a.kind === 'string' ? 'string' : a.kind === 'bool' ? 'bool' : 'float64'}=${a.kind === 'int' ? a.n : a.kind === 'string' ? a.s : a.kind === 'bool' ? a.b : a.x})`;
  if (a.kind === 'int') {
    const neg = a.n < 0n;
    const mag = neg ? -a.n : a.n;
    const sign = neg ? '-' : flagText.includes('+') ? '+' : '';
    switch (c) {
      case 'd':
      case 'v':
        return pad(sign + mag.toString());
      case 'x':
        return pad(sign + (sharp ? '0x' : '') + mag.toString(16));
      case 'X':
        return pad(sign + (sharp ? '0X' : '') + mag.toString(16).toUpperCase());
      case 'o':
        return pad(sign + (sharp ? '0' : '') + mag.toString(8));
      case 'O':
        return pad(`${sign}0o${mag.toString(8)}`);
      case 'b':
        return pad(sign + mag.toString(2));
      case 'c':
        return pad(String.fromCodePoint(Number(mag)));
      case 'q':
        return pad(`'${String.fromCodePoint(Number(mag))}'`);
      case 'U':
        return pad(`U+${mag.toString(16).toUpperCase().padStart(4, '0')}`);
      default:
        return bad();
    }
  }
  if (a.kind === 'string') {
    const bytes = goBytes(a.s);
    switch (c) {
      case 's':
      case 'v':
        return pad(hexEscaped(a.s));
      case 'q':
        return pad(goQuote(a.s));
      case 'x':
      case 'X': {
        // As Go's fmt: # puts 0x before them (trial BL: `*626f62` where the dlv CLI printed `*0x626f62`).
        const text = (sharp ? '0x' : '') + bytes.toString('hex');
        return pad(c === 'X' ? text.toUpperCase() : text);
      }
      default:
        return bad();
    }
  }
  if (a.kind === 'bool') return c === 't' || c === 'v' ? pad(String(a.b)) : bad();
  switch (c) {
    case 'v':
    case 'g':
      return pad(String(a.x));
    case 'f':
    case 'F':
      return pad(a.x.toFixed(m[3] !== undefined ? Number(m[3]) : 6));
    case 'e':
      return pad(a.x.toExponential(m[3] !== undefined ? Number(m[3]) : 6).replace(/e([+-])(\d)$/, 'e$10$2'));
    default:
      return bad();
  }
}

/** Go's %q of a string (strconv.Quote for the common cases). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (ch === '\ufffd') out += '\\ufffd';
    else if (cp >= 0xdc80 && cp <= 0xdcff) out += `\\x${(cp - 0xdc00).toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}
