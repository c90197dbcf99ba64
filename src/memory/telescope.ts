// pwndbg's telescope for one word: follow the pointer chain from a value
// while it points at readable memory, to a depth, and say what ends it: code
// (named `main.(*T).method+12`), text (a C string, or a Go string's bytes), a
// value that is no pointer, a loop or unreadable memory. The reads are handed
// in; the logic is pure.
import { classifyPointer, findRegion, type MemoryRegion } from './regions.js';
import type { Symbolizer } from './format.js';
import type { MemoryMap } from './vmmap.js';
import { goQuote } from '../core/gostrings.js';

export interface TelescopeLink {
  readonly value: bigint;
  /** `heap`, `stack (g 1)`, `main.work+0x1c`, a string, or nothing. */
  readonly note?: string;
}

export interface TelescopeReads {
  /** The 8-byte word at an address, or undefined when it cannot be read. */
  word(address: bigint): Promise<bigint | undefined>;
  /** Up to `max` bytes at an address (fewer where reading stops). */
  bytes(address: bigint, max: number): Promise<Uint8Array>;
}

export const DEFAULT_TELESCOPE_DEPTH = 5;
const STRING_PEEK = 64;
const MAX_STRING_LEN = 1n << 20n;

/**
 * Text at the start of `bytes`, quoted: a C string (at least 4 printable ASCII bytes and a NUL), or
 * a word or more of them with no NUL (a Go string's bytes: the rodata Go packs its strings in runs on
 * into the next), then `…`. `len`, the word after the pointer when that may be a Go string header's
 * length: printable bytes that many are the string, said so (trial CE: "rob" read as "robwebin"…).
 */
export function textAt(bytes: Uint8Array, len?: bigint): string | undefined {
  let n = 0;
  while (n < bytes.length && bytes[n]! >= 0x20 && bytes[n]! < 0x7f) n++;
  // Longer than the peek, a length is believed up to a megabyte (a pointer there is no length).
  if (len !== undefined && len > 0n && (len <= BigInt(n) || (n === bytes.length && len <= MAX_STRING_LEN))) {
    const shown = Math.min(Number(len), n);
    return `${JSON.stringify(Buffer.from(bytes.subarray(0, shown)).toString('latin1'))}${BigInt(shown) < len ? '…' : ''} (len ${len})`;
  }
  // Text with NULs or line ends within its length (a []byte's buffer): all of it, escaped as Go
  // quotes it (trial CM: "hello, memory!" said of 18 bytes, its 4 NULs unsaid).
  const whole = len !== undefined && len > BigInt(n) && len <= BigInt(bytes.length) ? bytes.subarray(0, Number(len)) : undefined;
  if (whole && n >= 4 && whole.every((b) => b === 0 || b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f))) return `${goQuote(Buffer.from(whole).toString('latin1'))} (len ${len})`;
  const quoted = JSON.stringify(Buffer.from(bytes.subarray(0, n)).toString('latin1'));
  if (n >= 4 && n < bytes.length && bytes[n] === 0) return quoted;
  return n >= 8 ? `${quoted}…` : undefined;
}

/**
 * The chain from `start`: each value, then what it points to, until depth or a stop. `from`, where
 * `start` was read: each pointer's next word is a Go string's length if the text it points to fits it.
 */
export async function telescope(start: bigint, reads: TelescopeReads, where: { regions: readonly MemoryRegion[]; map?: MemoryMap; symbolize?: Symbolizer }, depth = DEFAULT_TELESCOPE_DEPTH, from?: bigint): Promise<TelescopeLink[]> {
  const links: TelescopeLink[] = [];
  const seen = new Set<bigint>();
  let value = start;
  let at = from;
  for (let i = 0; i <= depth; i++) {
    const region = findRegion(value, where.regions);
    const named = classifyPointer(value, where.regions, where.symbolize);
    if (region?.kind === 'text' || (where.symbolize?.(value) && where.map?.find(value)?.kind === 'text')) {
      links.push({ value, ...(named ? { note: named } : {}) });
      break;
    }
    if (seen.has(value) || i === depth) {
      links.push({ value, ...(named ? { note: seen.has(value) ? `${named ?? ''} (loop)`.trim() : named } : seen.has(value) ? { note: '(loop)' } : {}) });
      break;
    }
    seen.add(value);
    const next = value === 0n ? undefined : await reads.word(value);
    if (next === undefined) {
      links.push({ value, ...(named ? { note: named } : {}) });
      break;
    }
    const len = at !== undefined ? await reads.word(at + 8n) : undefined;
    // Under a word its first bytes are a pointer into the program's memory, not a string: a slice's
    // header (ptr, len, cap) to an interface read as "`" (len 1) (trial CL).
    const pointer = len !== undefined && len < 8n && findRegion(next, where.regions) !== undefined;
    const str = textAt(await reads.bytes(value, STRING_PEEK), pointer ? undefined : len);
    if (str) {
      links.push({ value, note: str });
      break;
    }
    links.push({ value, ...(named ? { note: named } : {}) });
    at = value;
    value = next;
  }
  return links;
}

/** `0xc000012000 heap → 0x4d2a40 main.work+0x1c`. */
export function formatChain(links: readonly TelescopeLink[]): string {
  return links.map((l) => `0x${l.value.toString(16)}${l.note ? ` ${l.note}` : ''}`).join(' → ');
}
