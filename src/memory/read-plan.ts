// Reading arbitrary memory through evaluate, for Delves without `dlv x`
// (before v1.26.2) or when it fails: one `*(*[N]uint8)(0x...)` per chunk.
//
// Chunks are aligned to their size (a power of two up to 4096) so none
// crosses a page: Delve 1.27.1 returns zeros, not an error, for the unmapped
// part of an array read that runs off the end of a mapping, while a read
// that starts in an unmapped page reports every element unreadable. With
// page-local chunks a chunk is either all readable or all not.
// Delve loads at most 64 array elements per value (maxArrayValues), hence
// the default chunk of 64 bytes.
import type { ByteArrayValue } from './delve-values.js';

export interface ReadChunk {
  readonly address: bigint;
  readonly length: number;
  /** What to evaluate, e.g. `*(*[64]uint8)(0xc000047f40)`. */
  readonly expression: string;
}

const PAGE = 4096;
const LIMIT = 1n << 64n;

export function planChunks(address: bigint, length: number, maxChunk = 64): ReadChunk[] {
  if (!Number.isInteger(maxChunk) || maxChunk < 1 || maxChunk > PAGE || (maxChunk & (maxChunk - 1)) !== 0) {
    throw new RangeError(`maxChunk must be a power of two between 1 and ${PAGE}, got ${maxChunk}`);
  }
  const chunks: ReadChunk[] = [];
  const size = BigInt(maxChunk);
  // Memory ends at 2^64: clip instead of wrapping around to address 0.
  const end = address + BigInt(Math.max(0, length)) > LIMIT ? LIMIT : address + BigInt(Math.max(0, length));
  for (let at = address; at < end; ) {
    const boundary = (at / size + 1n) * size;
    const stop = boundary < end ? boundary : end;
    const n = Number(stop - at);
    chunks.push({ address: at, length: n, expression: `*(*[${n}]uint8)(0x${at.toString(16)})` });
    at = stop;
  }
  return chunks;
}

export interface ReadResult {
  readonly bytes: Uint8Array;
  /** 1 where the byte was read. */
  readonly readable: Uint8Array;
}

/**
 * Put the chunks' values together. A chunk with any unreadable element is
 * wholly unreadable (chunks never cross a page); a missing or partly loaded
 * chunk leaves the bytes it lacks unreadable.
 */
export function assembleChunks(address: bigint, length: number, parts: ReadonlyMap<bigint, ByteArrayValue>): ReadResult {
  const bytes = new Uint8Array(length);
  const readable = new Uint8Array(length);
  for (const [at, value] of parts) {
    if (value.unreadable) continue;
    const offset = Number(at - address);
    for (let i = 0; i < value.bytes.length; i++) {
      const j = offset + i;
      if (j < 0 || j >= length || !value.readable[i]) continue;
      bytes[j] = value.bytes[i]!;
      readable[j] = 1;
    }
  }
  return { bytes, readable };
}
