import type { RpcBreakpoint, RpcThread } from '../delve/rpc.js';
import { namePlace } from '../core/text.js';
import type { Breakpoint } from '../session/state.js';

/** Which run of the target a list is from: this session's restarts so far, and the pid Delve's addresses are in (none once it exited). */
export interface ProcessMark {
  restarts: number;
  pid?: number;
}

/** The pid of the process Delve placed the listed breakpoints in, when it says. */
export function processOf(server: readonly RpcBreakpoint[]): number | undefined {
  return server.flatMap((s) => s.addrpid ?? []).find((pid) => pid > 0);
}

/**
 * Hit counts of gotui's breakpoints, as Delve counts them (JSON-RPC ListBreakpoints, read at stops)
 * plus the logpoint lines seen since. Delve forgets a breakpoint's count when it is cleared (a
 * disabled breakpoint is cleared): what it had counted is kept as a base under the new count.
 * A restart (this session's, or another client's: a new pid) starts every count again, as Delve's.
 */
export class HitBook {
  private readonly base = new Map<number, number>();
  private readonly seen = new Map<number, { delveId: number; count: number }>();
  private process: ProcessMark | undefined;

  /** Delve's counts, read from its list, for the breakpoints of gotui it holds; `process`: which run the list is from. */
  record(mine: readonly Breakpoint[], server: readonly RpcBreakpoint[], process?: ProcessMark): void {
    if (process) this.inProcess(process);
    for (const b of mine) {
      if (b.delveId === undefined) continue;
      const s = server.find((x) => x.id === b.delveId);
      if (!s) continue;
      this.count(b.id, b.delveId, s.totalHitCount);
    }
  }

  /** A logpoint printed a line: one more hit than Delve said at the last stop. */
  logpointHit(b: Breakpoint): void {
    if (b.delveId === undefined) return;
    const prev = this.seen.get(b.id);
    this.count(b.id, b.delveId, (prev?.delveId === b.delveId ? prev.count : 0) + 1);
  }

  /** Total hits of gotui's breakpoint `id`, undefined when Delve never said. */
  hits(id: number): number | undefined {
    const s = this.seen.get(id);
    const base = this.base.get(id);
    return s || base !== undefined ? (base ?? 0) + (s?.count ?? 0) : undefined;
  }

  /** Delve's own count when it restarted from 0 (the breakpoint was enabled again): what a hit condition counts. */
  sinceEnabled(id: number): number | undefined {
    return this.base.has(id) ? (this.seen.get(id)?.count ?? 0) : undefined;
  }

  /** A new process counts from 0 in Delve: what the old one counted is no base for it. */
  private inProcess(p: ProcessMark): void {
    const prev = this.process;
    const fresh = !!prev && (p.restarts !== prev.restarts || (p.pid !== undefined && prev.pid !== undefined && p.pid !== prev.pid));
    if (fresh) {
      this.base.clear();
      this.seen.clear();
    }
    // An exited process's list names no pid: the last one known stands until a list names one.
    const pid = p.pid ?? (fresh ? undefined : prev?.pid);
    this.process = { restarts: p.restarts, ...(pid !== undefined ? { pid } : {}) };
  }

  private count(id: number, delveId: number, count: number): void {
    const prev = this.seen.get(id);
    // Set anew in the same process (enabled again): what Delve had counted stays as a base.
    if (prev && prev.delveId !== delveId && prev.count > 0) this.base.set(id, (this.base.get(id) ?? 0) + prev.count);
    this.seen.set(id, { delveId, count });
  }
}

/**
 * Whether Delve counted more hits since the list before than the stop accounts for (one on each
 * breakpoint it stopped at): another goroutine hit one at the same moment, or a hit condition let
 * one pass. Only then is asking which threads sit at breakpoints worth a request.
 */
export function moreHitsThanStops(before: readonly RpcBreakpoint[] | undefined, after: readonly RpcBreakpoint[], stoppedAt: readonly number[]): boolean {
  return after.some((b) => {
    if (b.id <= 0 || b.continue) return false;
    const was = before?.find((x) => x.id === b.id)?.totalHitCount ?? 0;
    return b.totalHitCount - was > (stoppedAt.includes(b.id) ? 1 : 0);
  });
}

/** What a thread at a stop says of the breakpoint it is on (api.Thread, as State lists them). */
export type ThreadAtBreakpoint = Pick<RpcThread, 'goroutineID' | 'file' | 'line' | 'function'> & { pc?: number; breakPoint?: (Pick<RpcBreakpoint, 'id' | 'continue'> & { addr?: number; addrs?: number[] | null }) | null };

/** Still on it: Delve keeps a thread's breakpoint after a step took the thread past it (trial AZ: said again after n). */
function onIt(t: ThreadAtBreakpoint): boolean {
  const addrs = t.breakPoint?.addrs?.length ? t.breakPoint.addrs : t.breakPoint?.addr ? [t.breakPoint.addr] : [];
  return t.pc === undefined || !addrs.length || addrs.includes(t.pc);
}

/**
 * The console's line for each other goroutine a stop found at a breakpoint: Delve stops on one and
 * counts every hit of that moment, and the next run goes on past the others (the dlv CLI prints
 * them under its stop line; trial X: gotui said nothing). `name`: a Delve id as the panes name it.
 */
export function alsoHitLines(threads: readonly ThreadAtBreakpoint[], stopped: number, name: (delveId: number) => string): string[] {
  // Delve's own (negative ids: panics, a step's) and tracepoints (logpoints: their lines are said) are no stop.
  const others = threads.filter((t) => t.goroutineID > 0 && t.goroutineID !== stopped && t.breakPoint && t.breakPoint.id > 0 && !t.breakPoint.continue && onIt(t));
  return others
    .sort((a, b) => a.goroutineID - b.goroutineID)
    .map((t) => {
      const where = [t.file && t.line ? namePlace(t.file, t.line) : '', t.function?.name ? `in ${t.function.name}` : ''].filter(Boolean).join(' ');
      return `Goroutine ${t.goroutineID} hit ${name(t.breakPoint!.id)} too${where ? `, at ${where}` : ''}: :goroutine ${t.goroutineID} shows it (the next run goes on past it).`;
    });
}
