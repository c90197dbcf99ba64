// The target's mapped memory, as :vmmap lists it: /proc/PID/maps when the
// target runs on this machine, each mapping named by what gotui knows lies in
// it (the binary's text and data, Go heap arenas, goroutine and system
// stacks, C's heap and mmaps, shared libraries); without /proc, the regions
// read from the runtime. Pure: the maps text comes in.
import { findRegion, type MemoryRegion } from './regions.js';

export type MappingKind = 'text' | 'rodata' | 'data' | 'heap' | 'stack' | 'c-heap' | 'c-mmap' | 'library' | 'vdso' | 'other';

export interface Mapping {
  readonly lo: bigint;
  readonly hi: bigint;
  readonly perms: string;
  readonly path: string;
  readonly kind: MappingKind;
  /** What lies in it: `main binary text`, `Go heap arena`, `stack (g 1)`, `C heap (brk)`. */
  readonly what: string;
  /** A goroutine stack inside it (a heap arena's span): true of part of it only. */
  readonly holds?: string;
}

export interface MemoryMap {
  readonly mappings: readonly Mapping[];
  /** Read from a core's segments. */
  readonly fromCore?: boolean;
  find(address: bigint): Mapping | undefined;
}

/** /proc/PID/maps lines with what gotui's regions say about each. */
export function parseMaps(text: string, binary: string | undefined, regions: readonly MemoryRegion[]): MemoryMap {
  const mappings: Mapping[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)\s+\S+\s+\S+\s+\d+\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const lo = BigInt(`0x${m[1]}`);
    const hi = BigInt(`0x${m[2]}`);
    const perms = m[3]!;
    const path = m[4]!.trim();
    mappings.push({ lo, hi, perms, path, ...classify(lo, hi, perms, path, binary, regions) });
  }
  return mapOf(mappings);
}

/** Without /proc: the regions gotui read from the runtime, as mappings. */
export function mapFromRegions(regions: readonly MemoryRegion[]): MemoryMap {
  return mapOf(
    [...regions]
      .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))
      .map((r) => ({ lo: r.lo, hi: r.hi, perms: '', path: '', kind: r.kind === 'data' ? (r.name === 'rodata' ? 'rodata' : 'data') : r.kind === 'other' ? 'other' : r.kind, what: describe(r) })),
  );
}

function mapOf(mappings: Mapping[]): MemoryMap {
  return { mappings, find: (a) => mappings.find((m) => a >= m.lo && a < m.hi) };
}

function describe(r: MemoryRegion): string {
  if (r.kind === 'stack') return r.name ? `stack (${r.name})` : 'goroutine stack';
  if (r.kind === 'heap') return 'Go heap arena';
  if (r.kind === 'text') return 'binary text';
  return `binary ${r.name ?? r.kind}`;
}

function classify(lo: bigint, hi: bigint, perms: string, path: string, binary: string | undefined, regions: readonly MemoryRegion[]): { kind: MappingKind; what: string; holds?: string } {
  const inside = regions.filter((r) => r.lo < hi && r.hi > lo);
  const stack = inside.find((r) => r.kind === 'stack');
  if (path === '[stack]') return { kind: 'stack', what: 'main thread stack' };
  if (path === '[heap]') return { kind: 'c-heap', what: 'C heap (brk)' };
  // The kernel's own pages ([vvar_vclock] on newer kernels, [uprobes] while a uprobe is set): as it names them.
  if (path === '[vdso]' || path.startsWith('[vvar') || path === '[vsyscall]') return { kind: 'vdso', what: path };
  if (path.startsWith('[') && !path.startsWith('[anon')) return { kind: 'c-mmap', what: path };
  if (binary && path === binary) {
    if (perms.includes('x')) return { kind: 'text', what: 'binary text' };
    const named = findRegion(lo, regions);
    if (named?.name === 'rodata' || !perms.includes('w')) return { kind: 'rodata', what: 'binary rodata' };
    return { kind: 'data', what: 'binary data' };
  }
  if (path && !path.startsWith('[')) return { kind: 'library', what: path.split('/').pop()! };
  // Address space kept with no access (PROT_NONE): the heap's room to grow, or a guard; nothing in it can be read.
  if (perms.startsWith('---')) return { kind: 'c-mmap', what: inside.some((r) => r.kind === 'heap') ? 'Go heap arena, reserved (no access: not in use yet)' : 'reserved (no access: a guard, or room kept for later)' };
  if (inside.some((r) => r.kind === 'heap')) return { kind: 'heap', what: 'Go heap arena', ...(stack ? { holds: describe(stack) } : {}) };
  if (stack) return { kind: 'stack', what: describe(stack) };
  if (inside.some((r) => r.kind === 'data')) return { kind: 'data', what: 'binary bss' };
  // In a pure-Go program these are the runtime's own (span and GC metadata); with cgo, C's mmaps too.
  return { kind: 'c-mmap', what: 'anonymous (Go runtime metadata, or C mmap)' };
}

/** Where :vmmap's `what` column starts: the mark, the range, the size and the permissions before it. */
export const MAP_WHAT_COLUMN = 2 + 29 + 1 + 6 + 1 + 4 + 1;

/** :vmmap's lines: range, size, permissions, what, path. */
export function formatMap(map: MemoryMap, mark?: bigint): string[] {
  return map.mappings.map((m) => {
    const size = m.hi - m.lo;
    const human = humanSize(size);
    const here = mark !== undefined && mark >= m.lo && mark < m.hi ? '▶' : ' ';
    return `${here} 0x${m.lo.toString(16).padStart(12, '0')}-0x${m.hi.toString(16).padStart(12, '0')} ${human.padStart(6)} ${m.perms.padEnd(4)} ${m.what}${m.holds ? `, holds ${m.holds}` : ''}${m.path && !m.path.startsWith('[') && m.kind !== 'library' ? `  ${m.path}` : ''}`;
  });
}

/** A mapping's size as pmap says it, in the largest unit it reaches; one decimal where that unit does not divide it (1.3M, not 1M). */
export function humanSize(size: bigint): string {
  for (const [unit, shift] of [['G', 30n], ['M', 20n]] as const) {
    if (size < 1n << shift) continue;
    const whole = size >> shift;
    return size === whole << shift ? `${whole}${unit}` : `${(Number(size) / 2 ** Number(shift)).toFixed(1)}${unit}`;
  }
  return `${size >> 10n}K`;
}
