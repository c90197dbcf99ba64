/**
 * After a stop, a pane whose data for it is being read keeps its last frame this long: the reads
 * mostly come back within it (the frame's variables, the goroutine groups of a few hundred), and
 * a pane painted "loading" and then again is a frame more on the two cores Delve reads with, and
 * a flash of "from stop N" at every step.
 */
export const LOADING_HOLD_MS = 60;

/**
 * Which panes keep their last frame while the stop's data loads, and until when. Only a frame that
 * shows the stop just left, settled, is kept: one drawn while the target ran, or while its data
 * was still loading, or before an earlier stop (a burst of steps), paints as it is. Pure: the
 * caller gives the clock.
 */
export class LoadingHold {
  private until = -Infinity;
  private where: string | undefined;
  private readonly loading = new Set<string>();
  /** Panes whose frame was drawn settled at a stop since the last stop painted. */
  private settled = new Set<string>();
  /** Those of them at this stop: the frames that may be kept. */
  private keepable = new Set<string>();
  /** Panes whose frame on screen was drawn while the target was not stopped. */
  private readonly running = new Set<string>();

  /**
   * A stop is painted at `now`: the panes' reads for it begin. `where` (goroutine and function)
   * keeps nothing when it differs from the last stop's (after `o` the variables would name the
   * callee under a stack in the caller): false then.
   */
  stopPainted(now: number, where: string | undefined): boolean {
    const keeps = where !== undefined && where === this.where;
    this.until = keeps ? now + LOADING_HOLD_MS : -Infinity;
    this.where = where;
    this.keepable = this.settled;
    this.settled = new Set();
    return keeps;
  }

  /** A key, a resize or the target running again: what it changes paints at once. */
  end(): void {
    this.until = -Infinity;
  }

  /** What the pane's view said as it was last made. */
  note(id: string, loading: boolean): void {
    if (loading) this.loading.add(id);
    else this.loading.delete(id);
  }

  /** The pane's frame was drawn (not kept), the target `stopped` or not: settled when its data was in too. */
  drawn(id: string, stopped: boolean): void {
    if (stopped && !this.loading.has(id)) this.settled.add(id);
    else this.settled.delete(id);
    if (stopped) this.running.delete(id);
    else this.running.add(id);
  }

  /** The regions whose frame on screen was drawn while the target ran: a stop paints them at once. */
  drawnRunning(): string[] {
    return [...this.running];
  }

  /** When a pane kept now paints anyway, or undefined when `id` paints now. */
  holds(id: string, now: number): number | undefined {
    return this.loading.has(id) && this.keepable.has(id) && now < this.until ? this.until : undefined;
  }
}
