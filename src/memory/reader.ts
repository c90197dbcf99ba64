// Reads target memory through whatever the connected Delve offers, best first:
//   dlv x        `dlv x -fmt hex -count N -size 8 -x ADDR` through evaluate
//                (v1.26.2+): any address, up to 64 KiB a request;
//   readMemory   DAP readMemory (v1.26.0+), which takes only memoryReferences
//                Delve handed out (string and slice variables) and clips to
//                them; the rest through evaluate;
//   evaluate     `*(*[64]uint8)(ADDR)` per 64-byte chunk (any version), in the
//                variables context so values are not cut at 256 characters.
// Unreadable memory is reported, never thrown: bytes come back with a
// readable mask and Delve's own error text.
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { describeError } from '../errors.js';
import type { Session } from '../session/session.js';
import { parseDelveExamine } from './delve-examine.js';
import { parseByteArrayResult, type ByteArrayValue } from './delve-values.js';
import { assembleChunks, planChunks } from './read-plan.js';

export type ReadMethod = 'dlvx' | 'readMemory' | 'evaluate';
export type MethodChoice = 'auto' | ReadMethod;

export interface ReadResult {
  readonly bytes: Uint8Array;
  /** 1 where the byte was read. */
  readonly readable: Uint8Array;
  /** Delve's reasons for what could not be read, without repeats. */
  readonly errors: readonly string[];
}

export interface MethodInfo {
  readonly method: ReadMethod;
  /** Short, for the pane title: `dlv x`, `readMemory+evaluate`, `evaluate 64 B`. */
  readonly title: string;
  /** Why this is not the best way, and what is unavailable; absent for dlv x. */
  readonly note?: string;
}

const CHUNK_BYTES = 64;
const EXAMINE_LIMIT = 65536;
const PAGE = 4096n;

export class MemoryReader {
  private probed: boolean | undefined;
  /** memoryReferences Delve handed out outside the variables pane, with the stop they belong to. */
  private extraRefs: { stop: number; refs: string[] } = { stop: -1, refs: [] };
  /** How far each reference reaches, learned from readMemory's answers (reset at every stop). */
  private refSizes = { stop: -1, sizes: new Map<string, bigint>() };

  /** memoryReferences of the values on screen (the variables pane's). */
  referenceSource: () => Iterable<string | undefined> = () => [];

  constructor(
    private readonly session: Session,
    private choice: MethodChoice = 'auto',
  ) {}

  /** Forces a way of reading (to compare, or to see what an older Delve would do); `auto` picks the best. */
  setMethod(choice: MethodChoice): void {
    this.choice = choice;
  }

  /** The way reads go now; asks Delve once whether `dlv x` works when its version is unknown. */
  async method(): Promise<ReadMethod> {
    if (this.choice !== 'auto') return this.choice;
    const f = this.session.features;
    if (f.examineCommand) return 'dlvx';
    if (!/^\d+\.\d+/.test(f.version)) {
      this.probed ??= await this.session.evaluate('dlv help examinemem').then(
        (r) => /examine/i.test(r.result),
        () => false,
      );
      if (this.probed) return 'dlvx';
    }
    return f.readMemory ? 'readMemory' : 'evaluate';
  }

  describe(method: ReadMethod): MethodInfo {
    const forced = this.choice !== 'auto' ? ` (forced with :mem method ${this.choice}; :mem method auto picks the best)` : '';
    const f = this.session.features;
    switch (method) {
      case 'dlvx':
        return { method, title: 'dlv x', ...(forced ? { note: `Reading through dlv x${forced}.` } : {}) };
      case 'readMemory':
        return {
          method,
          title: 'readMemory+evaluate',
          note: `${forced ? 'Reading' : 'This Delve has no dlv x (v1.26.2+): reading'} through readMemory where Delve gave a reference, elsewhere through evaluate, ${CHUNK_BYTES} bytes at a time${forced}.`,
        };
      case 'evaluate':
        return {
          method,
          title: `evaluate ${CHUNK_BYTES} B`,
          note: forced
            ? `Reading through evaluate, ${CHUNK_BYTES} bytes at a time${forced}.`
            : `This Delve has no ${f.readMemory ? 'dlv x' : 'readMemory'}: reading through evaluate, ${CHUNK_BYTES} bytes at a time.`,
        };
    }
  }

  /** memoryReferences Delve handed out this stop outside the variables the session loaded. */
  addReferences(refs: readonly string[]): void {
    const stop = this.session.stopCount;
    if (this.extraRefs.stop !== stop) this.extraRefs = { stop, refs: [] };
    this.extraRefs.refs.push(...refs);
  }

  /** A reference Delve handed out at or before `address` whose memory (as far as known) covers the range. */
  referenceFor(address: bigint, length: number): { reference: string; base: bigint } | undefined {
    const sizes = this.refSizes.stop === this.session.stopCount ? this.refSizes.sizes : new Map<string, bigint>();
    for (const [base, reference] of this.references()) {
      const size = sizes.get(reference);
      if (base <= address && (size === undefined || base + size >= address + BigInt(length))) return { reference, base };
    }
    return undefined;
  }

  async read(address: bigint, length: number, method?: ReadMethod): Promise<ReadResult> {
    const how = method ?? (await this.method());
    if (length <= 0) return { bytes: new Uint8Array(0), readable: new Uint8Array(0), errors: [] };
    switch (how) {
      case 'dlvx':
        return this.readExamine(address, length);
      case 'readMemory':
        return this.readReferences(address, length);
      case 'evaluate':
        return this.readChunks(address, length);
    }
  }

  // ---- dlv x ------------------------------------------------------------------------------

  private async readExamine(address: bigint, length: number): Promise<ReadResult> {
    const out = blank(length);
    const pieces: { at: bigint; n: number }[] = [];
    for (let off = 0; off < length; ) {
      const at = address + BigInt(off);
      // Pieces end on 64 KiB boundaries, so each lies in as few pages as possible.
      const boundary = (at / BigInt(EXAMINE_LIMIT) + 1n) * BigInt(EXAMINE_LIMIT);
      const n = Math.min(length - off, Number(boundary - at));
      pieces.push({ at, n });
      off += n;
    }
    await Promise.all(pieces.map((p) => this.examinePiece(p.at, p.n, address, out, true)));
    return finish(out);
  }

  private async examinePiece(at: bigint, n: number, base: bigint, out: Accumulator, splitOnError: boolean): Promise<void> {
    const size = at % 8n === 0n && n % 8 === 0 ? 8 : 1;
    let text: string;
    try {
      text = (await this.session.evaluate(`dlv x -fmt hex -count ${n / size} -size ${size} -x 0x${at.toString(16)}`, 'repl')).result;
    } catch (err) {
      out.errors.add(describeError(err));
      return;
    }
    if (!text.trimStart().startsWith('0x')) {
      // One unreadable page fails the whole request ("exceeded readable area"): try page by page.
      const firstPage = at - (at % PAGE);
      if (splitOnError && at + BigInt(n) > firstPage + PAGE) {
        const parts: Promise<void>[] = [];
        for (let p = at; p < at + BigInt(n); ) {
          const end = (p - (p % PAGE)) + PAGE < at + BigInt(n) ? p - (p % PAGE) + PAGE : at + BigInt(n);
          parts.push(this.examinePiece(p, Number(end - p), base, out, false));
          p = end;
        }
        await Promise.all(parts);
      } else {
        out.errors.add(delveErrorText(text));
      }
      return;
    }
    try {
      const mem = parseDelveExamine(text, { size, format: 'hex' });
      out.put(Number(mem.address - base), mem.bytes.subarray(0, n));
    } catch (err) {
      out.errors.add(describeError(err));
    }
  }

  // ---- readMemory, then evaluate ------------------------------------------------------------

  private references(): Map<bigint, string> {
    const refs = new Map<bigint, string>();
    const add = (ref: string | undefined) => {
      if (ref && /^0x[0-9a-f]+$/i.test(ref)) refs.set(BigInt(ref), ref);
    };
    for (const r of this.referenceSource()) add(r);
    if (this.extraRefs.stop === this.session.stopCount) this.extraRefs.refs.forEach(add);
    return refs;
  }

  private async readReferences(address: bigint, length: number): Promise<ReadResult> {
    const out = blank(length);
    const stop = this.session.stopCount;
    if (this.refSizes.stop !== stop) this.refSizes = { stop, sizes: new Map() };
    const sizes = this.refSizes.sizes;
    const end = address + BigInt(length);
    // The references that start at or before each part of the range, nearest first.
    const starts = [...this.references()].filter(([at]) => at < end).sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0));
    const covered = new Uint8Array(length);
    for (const [at, ref] of starts) {
      const from = at > address ? at : address;
      const known = sizes.get(ref);
      const to = known !== undefined && at + known < end ? at + known : end;
      if (from >= to || covered[Number(from - address)]) continue;
      try {
        const res = await this.session.request<P.ReadMemoryResponse>('readMemory', { memoryReference: ref, offset: Number(from - at), count: Number(to - from) });
        const data = Buffer.from(res.body?.data ?? '', 'base64');
        const got = BigInt(res.body?.address ?? ref);
        if (data.length < Number(to - from)) sizes.set(ref, got - at + BigInt(data.length));
        out.put(Number(got - address), data);
        covered.fill(1, Number(got - address), Number(got - address) + data.length);
      } catch {
        sizes.set(ref, 0n);
      }
    }
    // Whatever readMemory did not give: evaluate, in runs of bytes it left out.
    for (let i = 0; i < length; ) {
      if (covered[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < length && !covered[j]) j++;
      const rest = await this.readChunks(address + BigInt(i), j - i);
      out.put(i, rest.bytes, rest.readable);
      rest.errors.forEach((e) => out.errors.add(e));
      i = j;
    }
    return finish(out);
  }

  // ---- evaluate ---------------------------------------------------------------------------

  private async readChunks(address: bigint, length: number): Promise<ReadResult> {
    const chunks = planChunks(address, length, CHUNK_BYTES);
    const errors = new Set<string>();
    const parts = new Map<bigint, ByteArrayValue>();
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          const r = await this.session.evaluate(chunk.expression, 'variables');
          const value = parseByteArrayResult(r.result);
          if (value.unreadable) errors.add(delveErrorText(/\(unreadable ([^)]*)\)/.exec(r.result)?.[1] ?? r.result));
          // At address 0 Delve loads nothing and says nothing (a nil dereference); one byte after it tells why.
          else if (value.loaded === 0) errors.add(await this.byteError(chunk.address | 1n));
          parts.set(chunk.address, value);
        } catch (err) {
          errors.add(describeError(err));
        }
      }),
    );
    const { bytes, readable } = assembleChunks(address, length, parts);
    return { bytes, readable, errors: [...errors] };
  }

  private async byteError(address: bigint): Promise<string> {
    try {
      const r = await this.session.evaluate(`*(*uint8)(0x${address.toString(16)})`, 'variables');
      return delveErrorText(/\(unreadable ([^)]*)\)/.exec(r.result)?.[1] ?? 'nothing was loaded');
    } catch (err) {
      return describeError(err);
    }
  }
}

interface Accumulator {
  bytes: Uint8Array;
  readable: Uint8Array;
  errors: Set<string>;
  put(offset: number, data: Uint8Array, readable?: Uint8Array): void;
}

function blank(length: number): Accumulator {
  const bytes = new Uint8Array(length);
  const readable = new Uint8Array(length);
  return {
    bytes,
    readable,
    errors: new Set(),
    put(offset, data, mask) {
      for (let i = 0; i < data.length; i++) {
        const j = offset + i;
        if (j < 0 || j >= length || (mask && !mask[i])) continue;
        bytes[j] = data[i]!;
        readable[j] = 1;
      }
    },
  };
}

function finish(out: Accumulator): ReadResult {
  return { bytes: out.bytes, readable: out.readable, errors: [...out.errors] };
}

/** Delve's failure text without its prefix: `examine memory error: input/output error` -> `input/output error`. */
function delveErrorText(text: string): string {
  return text.trim().replace(/^examine memory error:\s*/, '').replace(/\.$/, '');
}
