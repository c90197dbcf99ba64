import type { RpcBreakpoint } from '../delve/rpc.js';
import { breakpointPlace } from '../session/breakpoints.js';
import type { Breakpoint } from '../session/state.js';

/** Names Delve's DAP server gives the breakpoints DAP clients set: not names a user chose. */
const DAP_NAME = /^(sourceBp |functionBreakpoint |instructionBreakpoint |dataBreakpoint )/;

/** Whether Delve's name for a breakpoint says a DAP client set it. */
export const isDapName = (name: string): boolean => DAP_NAME.test(name);

export interface ListingInput {
  mine: readonly Breakpoint[];
  /** Every breakpoint on the server (JSON-RPC), when gotui could ask. */
  server?: readonly RpcBreakpoint[];
  hits(id: number): number | undefined;
  /** Delve's count of a breakpoint enabled again (it counts from 0: what its hit condition counts), when it differs from gotui's total. */
  sinceEnabled?(id: number): number | undefined;
  onHit: ReadonlyMap<number, readonly string[]>;
  /** Who set Delve's breakpoint `delveId` (when a pair peer said so) and what gotui names it. */
  owner?(delveId: number): { by: string; name: string } | undefined;
  /** Delve ids gotui's own breakpoints held before (see othersOf). */
  former?: ReadonlySet<number>;
  /** Only breakpoints of this kind (`:logpoints` lists the tracepoints). */
  only?: ReturnType<typeof thingOf>;
}

/** What a breakpoint is, in the dlv CLI's word. */
export function thingOf(b: Pick<Breakpoint, 'kind' | 'logMessage'>): 'Breakpoint' | 'Tracepoint' | 'Watchpoint' {
  return b.kind === 'data' ? 'Watchpoint' : b.logMessage ? 'Tracepoint' : 'Breakpoint';
}

/**
 * Another client's breakpoint (or Delve's own, negative id): not one gotui set. `former`: Delve ids
 * gotui's own held before Delve numbered them anew (a restart, an enable); a list read before that
 * still has them, and Delve never gives an id out twice, so they are never another client's.
 */
export function othersOf(mine: readonly Breakpoint[], server: readonly RpcBreakpoint[], former: ReadonlySet<number> = new Set()): RpcBreakpoint[] {
  const ours = new Set(mine.map((b) => b.delveId).filter((id) => id !== undefined));
  return server.filter((s) => !ours.has(s.id) && !former.has(s.id));
}

/**
 * `:breakpoints` as the dlv CLI prints `breakpoints`: gotui's numbers for its own, then other
 * clients' and Delve's own (unrecovered-panic, runtime-fatal-throw), with addresses and hit counts
 * from Delve. Lines a breakpoint has beyond the first are indented with a tab, as the CLI does.
 */
export function dlvListing(input: ListingInput): string[] {
  const lines: string[] = [];
  for (const b of input.mine.filter((x) => !x.temporary && (!input.only || thingOf(x) === input.only))) {
    const s = b.delveId !== undefined ? input.server?.find((x) => x.id === b.delveId) : undefined;
    const name = b.kind === 'data' ? `${thingOf(b)} ${b.id} on [${b.watch!.expr}]` : `${thingOf(b)} ${b.id}`;
    const state = b.disabled ? '(disabled)' : b.verified ? '(enabled)' : '(pending)';
    const hits = input.hits(b.id);
    // Delve's count, as the CLI prints it; gotui's total beside it when Delve restarted from 0.
    const since = input.sinceEnabled?.(b.id);
    // Delve's number where it differs from gotui's: the one the dlv CLI's clear and cond take (trial CK).
    const delve = s && s.id !== b.id ? ` [Delve id ${s.id}]` : '';
    if (s) lines.push(`${name} ${state} at ${location(s)} (${since !== undefined ? s.totalHitCount : (hits ?? s.totalHitCount)})${delve}`);
    else lines.push(`${name} ${state} at ${breakpointPlace(b)}${hits !== undefined ? ` (${hits})` : ''}`);
    // Delve's conditions when it listed the breakpoint, as the CLI prints them (a restore or a peer may have set them).
    const cond = s ? s.Cond : b.condition;
    const hitCond = s ? s.HitCond : b.hitCondition;
    if (cond) lines.push(`\tcond ${cond}`);
    if (hitCond) lines.push(`\tcond -hitcount ${hitCond}`);
    if (s && since !== undefined && hits !== undefined) lines.push(`\t${hits} hit${hits === 1 ? '' : 's'} in all: Delve counts from 0 again since it was enabled again`);
    if (b.logMessage) lines.push(`\tlog ${b.logMessage}`);
    if (b.watch) lines.push(`\t${b.watch.access === 'readWrite' ? 'read and write' : b.watch.access}`);
    for (const on of input.onHit.get(b.id) ?? []) lines.push(`\t${on}`);
  }
  for (const s of input.server ? othersOf(input.mine, input.server, input.former).sort((a, b) => a.id - b.id) : []) {
    const thing = s.WatchExpr ? 'Watchpoint' : s.continue ? 'Tracepoint' : 'Breakpoint';
    if (input.only && thing !== input.only) continue;
    // Delve names a watchpoint by its expression unless told otherwise: that is no name (trial AG).
    const named = s.name && s.name !== s.WatchExpr && !DAP_NAME.test(s.name);
    const owner = input.owner?.(s.id);
    const id = named ? s.name : (owner?.name ?? `other#${s.id}`);
    const name = s.WatchExpr ? `${thing} ${id} on [${s.WatchExpr}]` : `${thing} ${id}`;
    lines.push(`${name} ${s.disabled ? '(disabled)' : '(enabled)'} at ${location(s)} (${s.totalHitCount})${s.id > 0 ? ` [set by ${owner?.by ?? 'another client'}]` : ''}`);
    if (s.Cond) lines.push(`\tcond ${s.Cond}`);
    if (s.HitCond) lines.push(`\tcond -hitcount ${s.HitCond}`);
    if (s.stacktrace > 0) lines.push(`\tstack ${s.stacktrace}`);
    for (const v of s.variables ?? []) lines.push(`\tprint ${v}`);
  }
  return lines;
}

/** `0x4d1f15 for main.main() /src/main.go:73`, or only the address for a watchpoint (the CLI's form). */
export function location(s: RpcBreakpoint): string {
  // None once Delve took it out of the code (a hit condition met for good, `== 3`): 0x0, as the CLI prints.
  const addrs = (s.addrs?.length ? s.addrs : [0]).map((a) => `0x${a.toString(16)}`).join(',');
  if (s.WatchExpr) return addrs;
  return `${addrs} for ${s.functionName ? `${s.functionName}() ` : ''}${s.file}:${s.line}`;
}

/** `1 disabled: :enable 3 sets it in Delve`: restored breakpoints saved disabled, which Delve does not have. */
export function disabledNote(ids: readonly number[]): string {
  if (ids.length === 1) return `1 disabled: :enable ${ids[0]} sets it in Delve`;
  return `${ids.length} disabled: ${ids.map((id) => `:enable ${id}`).join(', ')} set them in Delve`;
}
