import { UserError } from '../errors.js';
import { isDapName } from '../breakpoints/listing.js';
import { shortPlace } from '../core/text.js';

/** A Delve breakpoint's address, with how the user knows the breakpoint and how to clear it. */
export interface BreakpointSite {
  address: number;
  /** "breakpoint #3" (gotui's), "another client's breakpoint 4", "Delve's unrecovered-panic breakpoint". */
  name: string;
  /** How to clear it: ":clear 3", or where (another client's); none for Delve's own. */
  clear?: string;
}

/** A uprobe address that is also the address of a Delve breakpoint. */
export interface ProbeConflict {
  address: number;
  site: BreakpointSite;
}

/**
 * Probe addresses that coincide with breakpoint addresses. Both use the int3 byte at that
 * address: a uprobe there silences Delve's breakpoint, and it stays dead after bpftrace exits.
 */
export function probeConflicts(probeAddresses: readonly (number | bigint)[], sites: readonly BreakpointSite[]): ProbeConflict[] {
  const out: ProbeConflict[] = [];
  for (const address of new Set(probeAddresses.map(Number))) {
    const site = sites.find((s) => s.address === address);
    if (site) out.push({ address, site });
  }
  return out;
}

/** What the lane needs of a breakpoint Delve lists (JSON-RPC ListBreakpoints: every client's). */
export interface ListedBreakpoint {
  id: number;
  name: string;
  addrs: readonly number[] | null;
}

/** What it needs of gotui's own (the session's): Delve's id once set, the address of `*ADDR` ones. */
export interface OwnBreakpoint {
  id: number;
  delveId?: number;
  kind: string;
  address?: bigint;
  disabled?: boolean;
  /** Another client's that gotui shows: who set it ("alice", "another client"). */
  by?: string;
}

/**
 * Every address where Delve has a breakpoint, named as the user knows it: gotui's by its number,
 * others by Delve's. Delve's list may be the last stop's (`lastStop`: it cannot be read while the
 * target runs), so gotui's instruction breakpoints, whose address it knows, are added from the session.
 */
export function breakpointSites(listed: readonly ListedBreakpoint[], own: readonly OwnBreakpoint[], opts: { lastStop?: boolean } = {}): BreakpointSite[] {
  const sites: BreakpointSite[] = [];
  for (const l of listed) {
    const b = own.find((x) => x.delveId === l.id);
    // A DAP breakpoint the session no longer holds was cleared after the last stop's list.
    if (!b && opts.lastStop && isDapName(l.name)) continue;
    const site =
      b && b.by === undefined
        ? { name: `breakpoint #${b.id}`, clear: `:clear ${b.id}` }
        : l.id < 0
          ? { name: `Delve's ${l.name || 'internal'} breakpoint` }
          : { name: `${b?.by ?? 'another client'}'s breakpoint ${l.id}`, clear: `clear ${l.id} in the client that set it` };
    for (const address of l.addrs ?? []) sites.push({ address, ...site });
  }
  for (const b of own) {
    if (b.kind !== 'instruction' || b.address === undefined || b.disabled || b.by !== undefined) continue;
    const address = Number(b.address);
    if (!sites.some((s) => s.address === address)) sites.push({ address, name: `breakpoint #${b.id}`, clear: `:clear ${b.id}` });
  }
  return sites;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Why a template does not probe `func`: one sentence naming the breakpoint, and what to do. */
export function probeRefusal(func: string, site: BreakpointSite): UserError {
  return new UserError(
    `${capital(site.name)} is at the entry of ${func} (0x${site.address.toString(16)}); a uprobe there would silence it, and it would stay dead after the probe stops.`,
    site.clear ? `Clear it (${site.clear}) first, or probe another function.` : 'Probe another function.',
  );
}

/** The warning for a user script's uprobe on a breakpoint: the script runs as written. */
export function probeWarning(func: string, site: BreakpointSite): string {
  const what = site.clear ? `Clear it (${site.clear}) and set it again after the script, or probe another function.` : 'Probe another function.';
  return `${capital(site.name)} is at ${func} (0x${site.address.toString(16)}): this script's uprobe there silences it, and it stays dead after the script stops. ${what}`;
}

/** A running probe on an address: what refuses a breakpoint there. */
export interface RunningProbe {
  id: number;
  title: string;
  addresses: readonly number[];
}

/**
 * Refuses a breakpoint at `addresses` that a running probe uses: Delve would read the uprobe's
 * int3 as the original byte, never stop there, and write the int3 back when the breakpoint is
 * cleared (a stray trap in the program).
 */
export function breakpointRefusal(addresses: readonly (number | bigint)[], probes: readonly RunningProbe[]): UserError | undefined {
  for (const a of addresses.map(Number)) {
    const p = probes.find((x) => x.addresses.includes(a));
    if (p) {
      return new UserError(
        `Probe #${p.id} (${p.title}) has a uprobe at 0x${a.toString(16)}; a breakpoint there would never stop, and clearing it later would leave a stray trap in the program.`,
        `Stop the probe first (:bpf stop ${p.id}), or break on a line inside the function.`,
      );
    }
  }
  return undefined;
}

/**
 * Another client's breakpoints (Delve's list, seen at a stop) at an address where a running probe
 * has its uprobe: gotui refuses its own there, but cannot refuse the dlv CLI's. Each as a warning
 * that says what it does and who can undo it. `own`: the session's, told apart as breakpointSites does.
 */
export function foreignConflicts(listed: readonly (ListedBreakpoint & { file?: string; line?: number })[], own: readonly OwnBreakpoint[], probes: readonly RunningProbe[]): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  for (const l of listed) {
    if (l.id <= 0 || own.some((b) => b.delveId === l.id && b.by === undefined)) continue;
    for (const a of l.addrs ?? []) {
      const p = probes.find((x) => x.addresses.includes(a));
      if (!p) continue;
      const where = l.file && l.line ? ` (${shortPlace(l.file, l.line)})` : '';
      out.push({
        key: `${l.id}@${a}`,
        text: `Another client's breakpoint ${l.id}${where} is at 0x${a.toString(16)}, where probe #${p.id} (${p.title}) has its uprobe: it will not stop the program while the probe runs, and cleared after the probe stops it would leave a stray trap in the program. Have it cleared first (the dlv CLI's clear ${l.id}), then :bpf stop ${p.id}.`,
      });
    }
  }
  return out;
}

