// Every register Delve gives (its JSON-RPC ListRegisters with IncludeFp: the
// general ones, x87 st0-st7 with the control and status words, mxcsr,
// xmm0-xmm15), as gdb 13's `info all-registers` prints them: the name padded
// to 15 columns, then for integers the hex and (from column 35) the natural
// value, for x87 values the number and `(raw 0x…)`, for vectors gdb's union
// of lanes in hex. Pure.
import { formatBinaryFloat, symbolLabel, type Symbolizer } from '../memory/format.js';
import { hex } from '../core/text.js';

/** api.Register as JSON: `{"Name":"XMM0","Value":"0x…\tv2_int={…}…"}`. */
export interface DelveRegister {
  readonly Name: string;
  readonly Value: string;
}

export type RegisterKind = 'int' | 'pointer' | 'code' | 'flags' | 'segment' | 'x87' | 'x87control' | 'mxcsr' | 'vector';

export interface MachineRegister {
  /** gdb's name: rax, eflags, st0, fctrl, mxcsr, xmm0. */
  readonly name: string;
  readonly kind: RegisterKind;
  /** The register's bytes, little-endian (16 for xmm, 10 for st). */
  readonly bytes: Uint8Array;
}

/** Delve's names to gdb's: Rflags is eflags, ST(0) st0, CW fctrl, SW fstat. */
const NAMES: Readonly<Record<string, string>> = { rflags: 'eflags', cw: 'fctrl', sw: 'fstat' };
const SIZES: Readonly<Record<RegisterKind, number>> = { int: 8, pointer: 8, code: 8, flags: 8, segment: 8, x87: 10, x87control: 2, mxcsr: 4, vector: 16 };

function kindOf(name: string): RegisterKind {
  if (/^xmm\d+$/.test(name)) return 'vector';
  if (/^st\d$/.test(name)) return 'x87';
  if (name === 'fctrl' || name === 'fstat') return 'x87control';
  if (name === 'mxcsr') return 'mxcsr';
  if (name === 'eflags') return 'flags';
  if (name === 'rip') return 'code';
  if (name === 'rsp' || name === 'rbp') return 'pointer';
  if (/^[cdefgs]s$/.test(name)) return 'segment';
  return 'int';
}

/** gdb's order in `info all-registers` (what Delve has of it). */
const ORDER = [
  'rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'eflags',
  'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base',
  'st0', 'st1', 'st2', 'st3', 'st4', 'st5', 'st6', 'st7', 'fctrl', 'fstat',
  ...Array.from({ length: 16 }, (_, i) => `xmm${i}`), 'mxcsr',
];

/** Delve's registers in gdb's names and order, with their bytes. */
export function parseDelveRegisters(regs: readonly DelveRegister[]): MachineRegister[] {
  const out: MachineRegister[] = [];
  for (const r of regs) {
    const name = NAMES[r.Name.toLowerCase()] ?? r.Name.toLowerCase().replace(/^st\((\d)\)$/, 'st$1');
    const m = /^0x([0-9a-f]+)/i.exec(r.Value.trim());
    if (!m) continue;
    const kind = kindOf(name);
    const size = SIZES[kind];
    const value = BigInt(`0x${m[1]}`);
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
    out.push({ name, kind, bytes });
  }
  const rank = (n: string) => {
    const i = ORDER.indexOf(n);
    return i < 0 ? ORDER.length : i;
  };
  return out.sort((a, b) => rank(a.name) - rank(b.name));
}

const le = (b: Uint8Array, off: number, n: number): bigint => {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i] ?? 0);
  return v;
};
const EFLAGS: readonly [string, number][] = [['CF', 0], ['', 1], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11], ['NT', 14], ['RF', 16], ['VM', 17], ['AC', 18], ['VIF', 19], ['VIP', 20], ['ID', 21]];
const MXCSR: readonly [string, number][] = [['IE', 0], ['DE', 1], ['ZE', 2], ['OE', 3], ['UE', 4], ['PE', 5], ['DAZ', 6], ['IM', 7], ['DM', 8], ['ZM', 9], ['OM', 10], ['UM', 11], ['PM', 12], ['FZ', 15]];

/** eflags as gdb prints it (`p $eflags`, `info registers`): `[ PF ZF IF ]`. */
export const gdbEflags = (v: bigint) => flags(v, EFLAGS);

/** gdb's flags type: the set bits' names in field order, `[ PF ZF IF ]`. */
function flags(v: bigint, fields: readonly [string, number][]): string {
  const set = fields.filter(([name, bit]) => name && (v >> BigInt(bit)) & 1n).map(([name]) => name);
  return `[ ${set.join(' ')}${set.length ? ' ' : ''}]`;
}

/** An x87 80-bit value as gdb prints it (%.21Lg; inf, nan). */
export function formatX87(b: Uint8Array): string {
  const mantissa = le(b, 0, 8);
  const se = Number(le(b, 8, 2));
  const negative = (se & 0x8000) !== 0;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) {
    const fraction = mantissa & ((1n << 63n) - 1n);
    if (fraction === 0n) return negative ? '-inf' : 'inf';
    return `${negative ? '-' : ''}nan(${hex(fraction)})`;
  }
  return formatBinaryFloat(negative, mantissa, (exp === 0 ? 1 : exp) - 16383 - 63, 21);
}

/** gdb's repeat elision for arrays: runs of more than 10 equal elements. */
function lanes(values: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    if (j - i > 10) parts.push(`${values[i]} <repeats ${j - i} times>`);
    else for (let k = i; k < j; k++) parts.push(values[k]!);
    i = j;
  }
  return `{${parts.join(', ')}}`;
}

/** An xmm register in gdb's vec128 union, every lane in hex (as `info registers` shows it). */
export function formatVector(b: Uint8Array): string {
  const split = (size: number) => Array.from({ length: b.length / size }, (_, i) => hex(le(b, i * size, size)));
  const n = b.length;
  return (
    `{v${n / 2}_bfloat16 = ${lanes(split(2))}, v${n / 2}_half = ${lanes(split(2))}, v${n / 4}_float = ${lanes(split(4))}, v${n / 8}_double = ${lanes(split(8))}, ` +
    `v${n}_int8 = ${lanes(split(1))}, v${n / 2}_int16 = ${lanes(split(2))}, v${n / 4}_int32 = ${lanes(split(4))}, v${n / 8}_int64 = ${lanes(split(8))}, uint128 = ${hex(le(b, 0, 16))}}`
  );
}

/** One line of gdb's `info all-registers`. */
export function gdbRegisterLine(r: MachineRegister, symbolize?: Symbolizer): string {
  const name = r.name.padEnd(15);
  const v = le(r.bytes, 0, r.bytes.length);
  // gdb pads to the column, or leaves one space when the first value runs past it.
  const two = (raw: string, natural: string) => `${name}${raw.length < 20 ? raw.padEnd(20) : `${raw} `}${natural}`;
  switch (r.kind) {
    case 'vector':
      return `${name}${formatVector(r.bytes)}`;
    case 'x87':
      return two(formatX87(r.bytes), `(raw 0x${v.toString(16).padStart(20, '0')})`);
    case 'flags':
      return two(hex(v), flags(v, EFLAGS));
    case 'mxcsr':
      return two(hex(v), flags(v, MXCSR));
    case 'code': {
      const sym = symbolize?.(v);
      return two(hex(v), `${hex(v)}${sym ? ` ${symbolLabel(sym)}` : ''}`);
    }
    case 'pointer':
      return two(hex(v), hex(v));
    case 'segment':
    case 'x87control':
      return two(hex(v), v.toString());
    case 'int':
      return two(hex(v), BigInt.asIntN(64, v).toString());
  }
}

/** A short natural reading for the pane: doubles and floats of a vector, the number of an x87 register. */
export function naturalSummary(r: MachineRegister): string {
  if (r.kind === 'x87') return formatX87(r.bytes);
  if (r.kind !== 'vector') return '';
  const view = new DataView(r.bytes.buffer, r.bytes.byteOffset, r.bytes.length);
  const d = [view.getFloat64(0, true), view.getFloat64(8, true)];
  return `v2_double {${d.map((x) => String(x)).join(', ')}}`;
}
