import type { RpcBreakpoint } from '../delve/rpc.js';
import type { Breakpoint } from '../session/state.js';

/**
 * Hit counts of gotui's breakpoints, as Delve counts them (JSON-RPC ListBreakpoints, read at stops)
 * plus the logpoint lines seen since. Delve forgets a breakpoint's count when it is cleared (a
 * disabled breakpoint is cleared): what it had counted is kept as a base under the new count.
 */
export class HitBook {
  private readonly base = new Map<number, number>();
  private readonly seen = new Map<number, { delveId: number; count: number }>();

  /** Delve's counts, read from its list, for the breakpoints of gotui it holds. */
  record(mine: readonly Breakpoint[], server: readonly RpcBreakpoint[]): void {
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

  /** Delve's own count when it restarted from 0 (the breakpoint was enabled again, or set again after a restart): what a hit condition counts. */
  sinceEnabled(id: number): number | undefined {
    return this.base.has(id) ? (this.seen.get(id)?.count ?? 0) : undefined;
  }

  private count(id: number, delveId: number, count: number): void {
    const prev = this.seen.get(id);
    // Set anew (enabled again, or set again after a restart): what Delve had counted stays as a base.
    if (prev && prev.delveId !== delveId && prev.count > 0) this.base.set(id, (this.base.get(id) ?? 0) + prev.count);
    this.seen.set(id, { delveId, count });
  }
}
