// Memory read at one stop, kept in 64-byte blocks aligned to 64 so that
// scrolling reads only what is new, and so that a block never crosses a page
// (a page is either readable or not, and so is each block). Pure: the memory
// store fills it through a reader and drops it at the next stop.
import type { MemorySpan } from './diff.js';

export const BLOCK_BYTES = 64;
const BLOCK = BigInt(BLOCK_BYTES);
const TOP = 1n << 64n;

export interface ByteRange {
  readonly address: bigint;
  readonly length: number;
}

export interface CachedBytes {
  readonly bytes: Uint8Array;
  /** 1 where the byte was read. */
  readonly readable: Uint8Array;
  /** Every block of the range has been read (readable or not). */
  readonly complete: boolean;
}

interface Block {
  readonly bytes: Uint8Array;
  readonly readable: Uint8Array;
  /** Why some of it could not be read (Delve's words). */
  readonly error?: string;
}

/** The block-aligned range that covers [address, address+length), clipped to the address space. */
export function blockAligned(address: bigint, length: number): ByteRange {
  const start = address - (address % BLOCK);
  let end = address + BigInt(Math.max(0, length));
  if (end > TOP) end = TOP;
  end = end % BLOCK === 0n ? end : end - (end % BLOCK) + BLOCK;
  if (end > TOP) end = TOP;
  return { address: start, length: Number(end - start) };
}

export class BlockCache {
  private readonly blocks = new Map<bigint, Block>();

  /** At most `limit` blocks are kept; the oldest go first. */
  constructor(private readonly limit = 16384) {}

  get size(): number {
    return this.blocks.size;
  }

  /** Block-aligned runs not yet read, in address order, each at most `maxRun` bytes. */
  missing(address: bigint, length: number, maxRun = 65536): ByteRange[] {
    const { address: start, length: total } = blockAligned(address, length);
    const runs: ByteRange[] = [];
    let runStart: bigint | undefined;
    const close = (at: bigint) => {
      if (runStart === undefined) return;
      for (let a = runStart; a < at; a += BigInt(maxRun)) {
        runs.push({ address: a, length: Number(at - a < BigInt(maxRun) ? at - a : BigInt(maxRun)) });
      }
      runStart = undefined;
    };
    for (let a = start; a < start + BigInt(total); a += BLOCK) {
      if (this.blocks.has(a)) close(a);
      else runStart ??= a;
    }
    close(start + BigInt(total));
    return runs;
  }

  /**
   * Stores bytes read at a block-aligned address; `readable` 0 marks bytes that could not be
   * read, and `error` (kept with the blocks that have such bytes) says why.
   */
  put(address: bigint, bytes: Uint8Array, readable: Uint8Array, error?: string): void {
    if (address % BLOCK !== 0n || bytes.length % BLOCK_BYTES !== 0) throw new RangeError('blocks are stored whole and aligned');
    for (let off = 0; off < bytes.length; off += BLOCK_BYTES) {
      const key = address + BigInt(off);
      const mask = readable.slice(off, off + BLOCK_BYTES);
      this.blocks.delete(key);
      this.blocks.set(key, { bytes: bytes.slice(off, off + BLOCK_BYTES), readable: mask, ...(error && mask.includes(0) ? { error } : {}) });
    }
    while (this.blocks.size > this.limit) this.blocks.delete(this.blocks.keys().next().value!);
  }

  get(address: bigint, length: number): CachedBytes {
    const n = Math.max(0, length);
    const bytes = new Uint8Array(n);
    const readable = new Uint8Array(n);
    let complete = true;
    let i = 0;
    while (i < n) {
      const at = address + BigInt(i);
      const base = at - (at % BLOCK);
      const off = Number(at - base);
      const take = Math.min(BLOCK_BYTES - off, n - i);
      const block = this.blocks.get(base);
      if (block) {
        bytes.set(block.bytes.subarray(off, off + take), i);
        readable.set(block.readable.subarray(off, off + take), i);
      } else {
        complete = false;
      }
      i += take;
    }
    return { bytes, readable, complete };
  }

  /** Delve's reasons for the unreadable bytes held in a range, without repeats. */
  errors(address: bigint, length: number): string[] {
    const out = new Set<string>();
    const range = blockAligned(address, length);
    for (let a = range.address; a < range.address + BigInt(range.length); a += BLOCK) {
      const e = this.blocks.get(a)?.error;
      if (e) out.add(e);
    }
    return [...out];
  }

  /** What is held of [address, address+length), as contiguous spans of whole blocks (for diffs between stops). */
  spans(address: bigint, length: number): MemorySpan[] {
    const range = blockAligned(address, length);
    const keys: bigint[] = [];
    for (let a = range.address; a < range.address + BigInt(range.length); a += BLOCK) if (this.blocks.has(a)) keys.push(a);
    const spans: MemorySpan[] = [];
    let i = 0;
    while (i < keys.length) {
      let j = i + 1;
      while (j < keys.length && keys[j] === keys[j - 1]! + BLOCK) j++;
      const start = keys[i]!;
      const got = this.get(start, (j - i) * BLOCK_BYTES);
      spans.push({ address: start, bytes: got.bytes, readable: got.readable });
      i = j;
    }
    return spans;
  }
}
