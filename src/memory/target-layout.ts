// Where things are in a Go process, from values Delve prints: the binary's
// sections (runtime.firstmoduledata), goroutine stacks (runtime.curg.stack),
// heap arenas (runtime.mheap_.heapArenas), and the function table the
// runtime itself uses to name a PC (moduledata.ftab, Go 1.18+). Pure: the
// target map asks Delve and hands the texts here.
//
// Seen from Delve 1.27.1 on Go 1.26:
//   runtime.curg.stack            -> runtime.stack {lo: 42530755821568, hi: 42530755837952}
//   runtime.mheap_.heapArenas     -> []runtime.arenaIdx len: 1, cap: 512, [2832658]
//   runtime.mheap_.curArena       -> struct { runtime.base uintptr; runtime.end uintptr } {base: 49358993096704, end: 49359039234048}
//   runtime.firstmoduledata.ftab[0] -> runtime.functab {entryoff: 0, funcoff: 24440}
//   children of runtime.firstmoduledata: text = "4198400 = 0x401000", ...
import type { MemoryRegion } from './regions.js';

const MASK64 = (1n << 64n) - 1n;

/** The integer at the start of a value text: `4198400 = 0x401000`, `42`, `0x10`. */
export function leadingInteger(text: string): bigint | undefined {
  const m = /^\s*(-?\d+|0x[0-9a-fA-F]+)\b/.exec(text);
  return m ? BigInt(m[1]!) & MASK64 : undefined;
}

/** A named integer field inside a struct value text: `lo: 42` -> 42n. */
export function fieldInteger(text: string, field: string): bigint | undefined {
  const m = new RegExp(`(?:^|[{,\\s])${field.replace(/[.$]/g, '\\$&')}: (-?\\d+|0x[0-9a-fA-F]+)\\b`).exec(text);
  return m ? BigInt(m[1]!) & MASK64 : undefined;
}

export interface Bounds {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** `runtime.stack {lo: N, hi: M}`, or undefined when not there or empty. */
export function parseStackBounds(text: string): Bounds | undefined {
  const lo = fieldInteger(text, 'lo');
  const hi = fieldInteger(text, 'hi');
  return lo !== undefined && hi !== undefined && hi > lo ? { lo, hi } : undefined;
}

/** The binary's sections from the children of runtime.firstmoduledata (name -> value text). */
export function moduleRegions(fields: ReadonlyMap<string, string>): MemoryRegion[] {
  const get = (name: string) => {
    const t = fields.get(name);
    return t === undefined ? undefined : leadingInteger(t);
  };
  const regions: MemoryRegion[] = [];
  const add = (kind: MemoryRegion['kind'], name: string, lo: bigint | undefined, hi: bigint | undefined) => {
    if (lo !== undefined && hi !== undefined && hi > lo) regions.push({ kind, lo, hi, name });
  };
  add('text', 'text', get('text'), get('etext'));
  // Go 1.26 has rodata..epclntab (types, strings, itabs, pclntab); older ones types..etypes.
  add('data', 'rodata', get('rodata') ?? get('types'), get('epclntab') ?? get('etypes'));
  add('data', 'data', get('noptrdata'), get('edata'));
  add('data', 'bss', get('bss'), get('enoptrbss') ?? get('ebss'));
  return regions;
}

/** Elements of a printed integer slice or array: `[]T len: 1, cap: 512, [2832658]`; `complete` false when Delve loaded only some. */
export function parseIntegerList(text: string): { values: bigint[]; complete: boolean } {
  const t = text.trim();
  const len = /\blen: (\d+)/.exec(t);
  const body = /\[([^[\]]*)\]$/.exec(t);
  if (!body) return { values: [], complete: /\bnil$/.test(t) };
  const values = body[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^-?\d+$/.test(s))
    .map((s) => BigInt(s) & MASK64);
  return { values, complete: !len || values.length === Number(len[1]) };
}

/**
 * Heap regions from arena indexes: arena i starts at i*heapArenaBytes +
 * arenaBaseOffset (runtime/malloc.go). The offset is 0xffff800000000000 on
 * linux/amd64 and 0 elsewhere; it is a constant Delve cannot evaluate, so the
 * one that puts `probe` (runtime.mheap_.curArena.base, somewhere in the
 * arena being carved up, or at its end) inside an arena wins, else amd64's.
 * Adjacent arenas are merged.
 */
export function heapRegions(indexes: readonly bigint[], arenaBytes: bigint, probe?: bigint): MemoryRegion[] {
  if (indexes.length === 0 || arenaBytes <= 0n) return [];
  const offsets = [0xffff800000000000n, 0n];
  const build = (offset: bigint) =>
    [...indexes]
      .map((i) => (i * arenaBytes + offset) & MASK64)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .reduce<MemoryRegion[]>((out, lo) => {
        const last = out[out.length - 1];
        if (last && last.hi === lo) out[out.length - 1] = { ...last, hi: lo + arenaBytes };
        else out.push({ kind: 'heap', lo, hi: lo + arenaBytes, name: 'heap' });
        return out;
      }, []);
  for (const offset of offsets) {
    const regions = build(offset);
    // The probe may sit at an arena's very end (curArena.base once it is used up).
    if (probe !== undefined && regions.some((r) => probe >= r.lo && probe <= r.hi)) return regions;
  }
  // No probe, or one in an arena not listed yet: gotui's registers are amd64's.
  return build(offsets[0]!);
}

export interface FuncTable {
  /** moduledata.text: entry offsets count from here. */
  readonly text: bigint;
  /** entryoff of each function, ascending; the last entry is the end sentinel. */
  readonly entries: Uint32Array;
  /** Offset of each function's _func in pclntable. */
  readonly funcoffs: Uint32Array;
}

/** The runtime's ftab ([]functab{entryoff, funcoff uint32}) from its bytes. */
export function parseFuncTable(text: bigint, bytes: Uint8Array, count: number): FuncTable {
  const n = Math.min(count, Math.floor(bytes.length / 8));
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 8);
  const entries = new Uint32Array(n);
  const funcoffs = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    entries[i] = view.getUint32(i * 8, true);
    funcoffs[i] = view.getUint32(i * 8 + 4, true);
  }
  return { text, entries, funcoffs };
}

/** The function containing pc: its entry and where its _func is, as the runtime's findfunc answers. */
export function findFunc(table: FuncTable, pc: bigint): { entry: bigint; funcoff: number } | undefined {
  const n = table.entries.length;
  if (n < 2 || pc < table.text) return undefined;
  const off = pc - table.text;
  if (off > 0xffffffffn || off < BigInt(table.entries[0]!) || off >= BigInt(table.entries[n - 1]!)) return undefined;
  const o = Number(off);
  let lo = 0;
  let hi = n - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (table.entries[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { entry: table.text + BigInt(table.entries[lo]!), funcoff: table.funcoffs[lo]! };
}

/** A NUL-terminated name at the start of bytes (undefined if no NUL was read). */
export function cString(bytes: Uint8Array, readable?: ArrayLike<number>): string | undefined {
  for (let i = 0; i < bytes.length; i++) {
    if (readable && !readable[i]) return undefined;
    if (bytes[i] === 0) return new TextDecoder().decode(bytes.subarray(0, i));
  }
  return undefined;
}
