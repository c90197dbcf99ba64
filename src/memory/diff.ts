// Which memory cells changed since the last stop, to mark them as gdb
// front-ends mark changed registers.
import type { ReadableMask } from './format.js';

/** Bytes read at a stop, starting at address. */
export interface MemorySpan {
  readonly address: bigint;
  readonly bytes: Uint8Array;
  readonly readable?: ReadableMask;
}

const readableAt = (span: MemorySpan, i: number): boolean => span.readable === undefined || Boolean(span.readable[i]);

/**
 * Start addresses of the cells of `current` (unitSize bytes each, counted
 * from current.address) whose bytes differ from `previous`. Only bytes the
 * previous snapshot covered count; a byte turning readable or unreadable
 * counts as a change.
 */
export function changedCells(previous: readonly MemorySpan[], current: MemorySpan, unitSize: number): Set<bigint> {
  const changed = new Set<bigint>();
  const curEnd = current.address + BigInt(current.bytes.length);
  for (const prev of previous) {
    const lo = prev.address > current.address ? prev.address : current.address;
    const prevEnd = prev.address + BigInt(prev.bytes.length);
    const hi = prevEnd < curEnd ? prevEnd : curEnd;
    if (lo >= hi) continue;
    const iStart = Number(lo - current.address);
    const jStart = Number(lo - prev.address);
    const n = Number(hi - lo);
    for (let k = 0; k < n; k++) {
      const i = iStart + k;
      const j = jStart + k;
      const wasReadable = readableAt(prev, j);
      const isReadable = readableAt(current, i);
      if (wasReadable !== isReadable || (isReadable && prev.bytes[j] !== current.bytes[i])) {
        changed.add(current.address + BigInt(i - (i % unitSize)));
      }
    }
  }
  return changed;
}
