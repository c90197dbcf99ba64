// What a pointer value points into: a goroutine stack, the heap, code or data.
import type { Symbolizer } from './format.js';

export type RegionKind = 'stack' | 'heap' | 'text' | 'data' | 'other';

export interface MemoryRegion {
  readonly kind: RegionKind;
  readonly lo: bigint;
  /** Exclusive. */
  readonly hi: bigint;
  /** For stacks the owner (`g 1`); otherwise e.g. a mapping's file. */
  readonly name?: string;
}

export function findRegion(value: bigint, regions: readonly MemoryRegion[]): MemoryRegion | undefined {
  // Narrower regions win, so a goroutine stack inside a heap span reads as a stack.
  let best: MemoryRegion | undefined;
  for (const r of regions) {
    if (value >= r.lo && value < r.hi && (!best || r.hi - r.lo < best.hi - best.lo)) best = r;
  }
  return best;
}

/**
 * The Go heap's usual place on linux/amd64: the runtime's arena hints start
 * at 0x00c000000000 and the heap grows upwards from there. Go 1.26
 * randomizes the heap base (GOEXPERIMENT=randomizedheapbase64, on by
 * default; pointers like 0x65b47b8ade8 were seen here), so this is only a
 * guess for when no heap region is known, and is shown as `heap?`.
 */
export function looksLikeGoHeap(value: bigint): boolean {
  return value >= 0xc000000000n && value < 0xc000000000n + (1n << 40n);
}

/**
 * A short annotation for a value seen in memory: `stack (g 1)`, `heap`,
 * `main.work+28`, `rodata`, `heap?`, or undefined when nothing is known.
 */
// The offset in decimal, as gdb's `<main.work+28>` and the console's x/a (trial BR: the pane's +0x1c beside gdb's +28).
const symbolText = (sym: { name: string; offset: bigint }) => (sym.offset === 0n ? sym.name : `${sym.name}+${sym.offset}`);

export function classifyPointer(value: bigint, regions: readonly MemoryRegion[], symbolize?: Symbolizer): string | undefined {
  const region = findRegion(value, regions);
  if (!region) {
    // Outside the Go module's ranges, cgo's C code and data: named from the binary's symbols, as gdb
    // names them (trial AL: rip in C showed nothing where x/4i $pc said sensor_sum+22).
    const sym = symbolize?.(value);
    if (sym) return symbolText(sym);
    // Known heap arenas cover the whole heap: then the guess would only mislabel (0xdeadbeef00 is not heap).
    return looksLikeGoHeap(value) && !regions.some((r) => r.kind === 'heap') ? 'heap?' : undefined;
  }
  switch (region.kind) {
    case 'stack':
      return region.name ? `stack (${region.name})` : 'stack';
    case 'heap':
      return 'heap';
    case 'text':
    case 'data': {
      const sym = symbolize?.(value);
      if (sym) return symbolText(sym);
      // A section's own name says more than its kind: rodata, data, bss.
      return region.name ?? region.kind;
    }
    case 'other':
      return region.name ?? 'other';
  }
}
