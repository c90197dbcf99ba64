/**
 * Painting may take this share of a window of time: past it (an eBPF stream, a flood of output)
 * frames wait, so a stream of changes cannot starve the keys, and a key or a stop after a quiet
 * moment always paints at once.
 */
export const PAINT_WINDOW_MS = 100;
export const PAINT_BUDGET_MS = 30;

/**
 * What frames painted lately cost, and how long the next one waits for it. The frames of a stop
 * (its panes as their data comes, for a window after it) never wait: they answer the user's step,
 * and in the first steps of a session, whose lines Ink draws for the first time, the budget would
 * keep a burst of `n` showing an older stop's panes (a new user's trial saw 106 ms). Pure: the
 * caller gives the clock.
 */
export class PaintBudget {
  private recent: { at: number; ms: number }[] = [];
  private stopUntil = -Infinity;

  /** A frame ended at `at` after `ms` of painting. */
  painted(at: number, ms: number): void {
    this.recent.push({ at, ms });
  }

  /** A stop was painted at `now`: its panes' frames follow at once. */
  stopped(now: number): void {
    this.stopUntil = now + PAINT_WINDOW_MS;
  }

  /** Milliseconds the next frame waits at `now` (0: paint at once). */
  wait(now: number): number {
    this.recent = this.recent.filter((f) => f.at > now - PAINT_WINDOW_MS);
    if (now < this.stopUntil) return 0;
    let spent = this.recent.reduce((n, f) => n + f.ms, 0);
    // Over budget: wait until enough of the window's frames have aged out of it.
    let wait = 0;
    for (const f of this.recent) {
      if (spent <= PAINT_BUDGET_MS) break;
      spent -= f.ms;
      wait = f.at + PAINT_WINDOW_MS - now;
    }
    return wait;
  }
}
