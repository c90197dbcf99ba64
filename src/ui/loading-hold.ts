/**
 * After a stop, a pane whose data for it is being read keeps its last frame this long: the reads
 * mostly come back within it (the frame's variables, the goroutine groups of a few hundred), and
 * a pane painted "loading" and then again is a frame more on the two cores Delve reads with, and
 * a flash of "from stop N" at every step.
 */
export const LOADING_HOLD_MS = 60;

/** Which panes keep their last frame while the stop's data loads, and until when. Pure: the caller gives the clock. */
export class LoadingHold {
  private until = -Infinity;
  private readonly loading = new Set<string>();
  /** Panes still reading an earlier stop's data when this one came: never held over a second stop. */
  private waited = new Set<string>();
  private where: string | undefined;

  /**
   * The stop line was painted at `now`: the panes' reads for it began. `where` (goroutine and
   * function) holds nothing when it differs from the last stop's: after `o` the variables would name
   * the callee under a stack in the caller.
   */
  stopPainted(now: number, where: string | undefined): void {
    this.until = where !== undefined && where === this.where ? now + LOADING_HOLD_MS : -Infinity;
    this.where = where;
    this.waited = new Set(this.loading);
  }

  /** A key, a resize or the target running again: what it changes paints at once. */
  end(): void {
    this.until = -Infinity;
  }

  /** What the pane's view said as it was last made. */
  note(id: string, loading: boolean): void {
    if (loading) this.loading.add(id);
    else {
      this.loading.delete(id);
      this.waited.delete(id);
    }
  }

  /** When a pane held now paints anyway, or undefined when `id` paints now. */
  holds(id: string, now: number): number | undefined {
    return this.loading.has(id) && !this.waited.has(id) && now < this.until ? this.until : undefined;
  }
}
