// Go headers decoded from the 8-byte little-endian words at the cursor, with
// the checks one makes by hand in gdb after a cgo crash
// (`p *(struct {void *data; uintptr len; uintptr cap;}*)ADDR`).
import { readLE, type ReadableMask } from './format.js';
import { findRegion, type MemoryRegion } from './regions.js';
import { hex } from '../core/text.js';

export interface DecodeOptions {
  readonly readable?: ReadableMask;
  /** Known mappings; without them pointers are not checked. */
  readonly regions?: readonly MemoryRegion[];
  /** Bytes per element of the slice, to check that cap elements fit in data's region. */
  readonly elementSize?: number;
}

export interface SliceHeader {
  readonly data: bigint;
  /** Signed, as Go's int. */
  readonly len: bigint;
  readonly cap: bigint;
  /** One sentence each; empty when the header looks sane. */
  readonly problems: readonly string[];
}

export interface StringHeader {
  readonly data: bigint;
  readonly len: bigint;
  readonly problems: readonly string[];
}

export interface InterfaceValue {
  /** *_type for interface{}/any, *itab for interfaces with methods. */
  readonly type: bigint;
  readonly data: bigint;
  readonly isNil: boolean;
  readonly problems: readonly string[];
}

/** The 64-bit words at offset, or undefined if any byte is missing or unreadable. */
function words(bytes: Uint8Array, offset: number, n: number, readable?: ReadableMask): bigint[] | undefined {
  if (offset < 0 || offset + 8 * n > bytes.length) return undefined;
  for (let i = offset; i < offset + 8 * n; i++) if (readable && !readable[i]) return undefined;
  return Array.from({ length: n }, (_, k) => readLE(bytes, offset + 8 * k, 8));
}

function pointerProblems(what: string, data: bigint, extent: bigint, regions: readonly MemoryRegion[] | undefined, atLeast = false): string[] {
  if (data === 0n || !regions || regions.length === 0) return [];
  const region = findRegion(data, regions);
  if (!region) return [`${what} ${hex(data)} points outside every known memory region.`];
  if (extent > 0n && data + extent > region.hi) {
    return [`${what} ${hex(data)} plus ${atLeast ? `at least ${extent} bytes (its cap, a byte an element)` : `${extent} bytes`} runs past the end of its ${region.kind} region at ${hex(region.hi)}.`];
  }
  return [];
}

/** A slice header {data, len, cap} at offset. */
export function decodeSliceHeader(bytes: Uint8Array, offset = 0, opts: DecodeOptions = {}): SliceHeader | undefined {
  const w = words(bytes, offset, 3, opts.readable);
  if (!w) return undefined;
  const [data, rawLen, rawCap] = w as [bigint, bigint, bigint];
  const len = BigInt.asIntN(64, rawLen);
  const cap = BigInt.asIntN(64, rawCap);
  const problems: string[] = [];
  if (len < 0n) problems.push(`len ${len} is negative.`);
  if (cap < 0n) problems.push(`cap ${cap} is negative.`);
  if (len > cap) problems.push(`len ${len} is greater than cap ${cap}.`);
  if (data === 0n && (len > 0n || cap > 0n)) problems.push(`data is nil but ${len > 0n ? `len is ${len}` : `cap is ${cap}`}.`);
  // Raw words have no element type: any element but struct{}'s takes a byte at least.
  const size = opts.elementSize ?? 1;
  const extent = size > 0 && cap > 0n ? cap * BigInt(size) : 0n;
  problems.push(...pointerProblems('data', data, extent, opts.regions, opts.elementSize === undefined));
  return { data, len, cap, problems };
}

/** A string header {data, len} at offset. */
export function decodeStringHeader(bytes: Uint8Array, offset = 0, opts: DecodeOptions = {}): StringHeader | undefined {
  const w = words(bytes, offset, 2, opts.readable);
  if (!w) return undefined;
  const [data, rawLen] = w as [bigint, bigint];
  const len = BigInt.asIntN(64, rawLen);
  const problems: string[] = [];
  if (len < 0n) problems.push(`len ${len} is negative.`);
  if (data === 0n && len > 0n) problems.push(`data is nil but len is ${len}.`);
  problems.push(...pointerProblems('data', data, len > 0n ? len : 0n, opts.regions));
  return { data, len, problems };
}

/** An interface {type word, data word} at offset. */
export function decodeInterface(bytes: Uint8Array, offset = 0, opts: DecodeOptions = {}): InterfaceValue | undefined {
  const w = words(bytes, offset, 2, opts.readable);
  if (!w) return undefined;
  const [type, data] = w as [bigint, bigint];
  const isNil = type === 0n && data === 0n;
  const problems: string[] = [];
  if (type === 0n && data !== 0n) problems.push(`The type word is 0 but data is ${hex(data)}, so the interface is corrupt.`);
  if (type !== 0n && opts.regions && opts.regions.length > 0) {
    // Type descriptors and itabs live in the binary's data or in runtime-managed memory, never on a stack.
    const region = findRegion(type, opts.regions);
    if (!region) problems.push(`The type word ${hex(type)} points outside every known memory region.`);
    else if (region.kind === 'stack') problems.push(`The type word ${hex(type)} points into a stack, where no type descriptor lives.`);
    // The compiler's types are in the binary and itabs off the heap: only reflect makes types there.
    else if (region.kind === 'heap') problems.push(`The type word ${hex(type)} points into the Go heap, where only types reflect makes live: likely not an interface.`);
  }
  problems.push(...pointerProblems('data', data, 0n, opts.regions));
  return { type, data, isNil, problems };
}

/** `error(*errors.errorString) *{s: "x"}` -> type `*errors.errorString`, value `*{s: "x"}`. */
export function splitInterfaceValue(text: string, staticType: string): { type: string; value: string } | undefined {
  if (!text.startsWith(`${staticType}(`)) return undefined;
  let depth = 0;
  for (let i = staticType.length; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { type: text.slice(staticType.length + 1, i), value: text.slice(i + 1).trim() };
  }
  return undefined;
}
