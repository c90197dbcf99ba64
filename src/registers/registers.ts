// The general-purpose registers of a frame, from Delve's "Registers" scope
// (attach/launch with showRegisters). Delve 1.27.1 names them padded to six
// columns ("   rip", "rflags", "fs_base") with values `0x%016x`, and rflags as
// `0x0000000000000246\t[PF ZF IF IOPL=0]`. Frames above the innermost have
// only what unwinding recovers (rip, rsp, rbp).

export interface Register {
  /** Lowercase and unpadded: `rip`, `r8`, `rflags`, `fs_base`. */
  readonly name: string;
  readonly value: bigint;
}

/** A `variables` child of the Registers scope. */
export interface RegisterVariable {
  readonly name: string;
  readonly value: string;
}

/** Registers in Delve's order; children whose value is not a number (vector registers on some Delves) are left out. */
export function parseRegisters(vars: readonly RegisterVariable[]): Register[] {
  const out: Register[] = [];
  for (const v of vars) {
    const m = /^\s*(0x[0-9a-fA-F]+|\d+)\b/.exec(v.value);
    if (!m) continue;
    out.push({ name: v.name.trim().toLowerCase(), value: BigInt(m[1]!) });
  }
  return out;
}

// Delve's eflagsDescription (pkg/proc/registers.go), in its order.
const FLAG_BITS: readonly (readonly [string, bigint])[] = [
  ['CF', 1n << 0n],
  ['PF', 1n << 2n],
  ['AF', 1n << 4n],
  ['ZF', 1n << 6n],
  ['SF', 1n << 7n],
  ['TF', 1n << 8n],
  ['IF', 1n << 9n],
  ['DF', 1n << 10n],
  ['OF', 1n << 11n],
  ['IOPL', 3n << 12n],
  ['NT', 1n << 14n],
  ['RF', 1n << 16n],
  ['VM', 1n << 17n],
  ['AC', 1n << 18n],
  ['VIF', 1n << 19n],
  ['VIP', 1n << 20n],
  ['ID', 1n << 21n],
];
// Bit 1 is reserved and always set; it has no name.
const KNOWN_FLAGS = FLAG_BITS.reduce((m, [, bit]) => m | bit, 1n << 1n);

/** rflags as Delve and gdb spell it: `[PF ZF IF IOPL=0]`. */
export function decodeRflags(value: bigint): string {
  const parts: string[] = [];
  for (const [name, mask] of FLAG_BITS) {
    if (name === 'IOPL') parts.push(`IOPL=${((value & mask) >> 12n).toString(16)}`);
    else if (value & mask) parts.push(name);
  }
  const unknown = value & ~KNOWN_FLAGS & ((1n << 64n) - 1n);
  if (unknown) parts.push(`unknown_flags=${unknown.toString(16)}`);
  return `[${parts.join(' ')}]`;
}

/** Names of registers whose value differs from the previous snapshot (none without one). */
export function changedRegisters(previous: readonly Register[] | undefined, current: readonly Register[]): Set<string> {
  const changed = new Set<string>();
  if (!previous) return changed;
  const before = new Map(previous.map((r) => [r.name, r.value]));
  for (const r of current) {
    const old = before.get(r.name);
    if (old !== undefined && old !== r.value) changed.add(r.name);
  }
  return changed;
}

/** Registers whose value can be an address worth annotating (segment selectors and flags are not). */
export function holdsAddress(name: string): boolean {
  return !/^(rflags|eflags|[c-gs]s)$/.test(name);
}

export const hex64 = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;

const NAME_WIDTH = 7;

/** One line for the console and the pane: `    rip 0x00000000004bf983  main.process+67`, a `*` marking a change. */
export function formatRegisterLine(r: Register, opts: { changed?: boolean; annotation?: string } = {}): string {
  const value = r.name === 'rflags' ? `${hex64(r.value)} ${decodeRflags(r.value)}` : hex64(r.value);
  const note = opts.annotation ? `  ${opts.annotation}` : '';
  return `${opts.changed ? '*' : ' '}${r.name.padStart(NAME_WIDTH)} ${value}${note}`;
}

/** Whether `n` registers are the few Delve has for an outer frame or a parked goroutine (rip rsp rbp), not a thread's whole set. */
export const fewRegisters = (n: number): boolean => n > 0 && n < 8;

/**
 * Said under a few registers: an outer frame's (unwinding restores only a few), or a parked
 * goroutine's innermost (trial CE: rip, rsp and rbp alone, unexplained, where the dlv CLI's regs
 * printed a whole set, the current thread's).
 */
export function fewRegistersNote(frame: number, goroutine?: number): string {
  if (frame > 0) return `Frame ${frame}: Delve restores only these as it unwinds (:frame 0 has every register).`;
  return `${goroutine !== undefined ? `Goroutine ${goroutine}` : 'This goroutine'} is parked, on no thread: Delve has only what the runtime saved as it parked it (the dlv CLI's regs prints the current thread's).`;
}
