/*
 * Whether Delve is silent, from what each way gotui asks it saw: the DAP connection (a request past
 * its limit) and the pair poller's looks (three unanswered). One owner, so one silence is said once
 * and its end once, whichever way saw them first (trial CC: 'Delve answers again.' twice for one).
 */

/** The ways gotui asks Delve: its DAP connection, and the poller's JSON-RPC looks. */
export type SilencePath = 'dap' | 'poll';

export class Silence {
  /** The ways whose request went unanswered and that have not heard Delve since. */
  private readonly unansweredOn = new Set<SilencePath>();
  /** When Delve was last heard after a request went unanswered (performance.now()). */
  private heardAt = -Infinity;

  get silent(): boolean {
    return this.unansweredOn.size > 0;
  }

  /** A request asked at `askedAt` went unanswered on `path`: true when that makes Delve silent. */
  unanswered(path: SilencePath, askedAt: number): boolean {
    // Asked before Delve was heard again: it belongs to the silence already said (a request Delve
    // answers late once it wakes), not to a new one.
    if (askedAt < this.heardAt) return false;
    const was = this.silent;
    this.unansweredOn.add(path);
    return !was;
  }

  /** Delve answered on `path` at `at`: true when that ends the silence. */
  answered(path: SilencePath, at: number): boolean {
    this.heardAt = Math.max(this.heardAt, at);
    const was = this.silent;
    // An answer on the DAP connection is Delve answering; a look answered while the DAP connection still
    // waits is not Delve back for it.
    if (path === 'dap') this.unansweredOn.clear();
    else this.unansweredOn.delete(path);
    return was && !this.silent;
  }
}
