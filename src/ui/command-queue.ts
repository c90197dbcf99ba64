import { findCommand } from '../commands/registry.js';
import type { Session } from '../session/session.js';

/**
 * How long a line typed behind a step waits for that step's stop. A step over a call that blocks
 * may never stop: what waits behind it then runs (and a step among it is refused: the target runs).
 */
export const STEP_WAIT_MS = 2_000;
/**
 * How long a key that runs the target (n, s, o, c) waits for the target to stop behind the lines
 * before it: it could do nothing sooner. 20,000 goroutines make a step's stop take over 2 s (trial V:
 * the third `n` of `n n n` was refused then, said only in a flash).
 */
export const RUN_KEY_WAIT_MS = 15_000;

/** Stopping the target and leaving never wait behind another command. */
const AT_ONCE = new Set(['pause', 'quit', 'detach', 'reconnect']);

/** The line stops the target or leaves: it never waits behind a step. */
export function runsAtOnce(line: string): boolean {
  const name = findCommand(/^\s*(\S*)/.exec(line)![1]!)?.name;
  return !!name && AT_ONCE.has(name);
}

/**
 * Command lines and keys' commands run one at a time, in the order typed, as the dlv CLI and gdb
 * take lines typed ahead: `:up` then `:print x` prints in the frame `up` selected, and a step
 * counts as done at the stop it leads to, so `n n n` typed fast takes three steps.
 */
export class CommandQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Lines submitted and not done (a step's counts until its stop). */
  private inFlight = 0;
  /** A key that waited is acting now: what it does runs now, not behind the lines typed after it. */
  private replaying = false;

  constructor(
    private readonly session: Session,
    private readonly run: (line: string, opts?: { echo?: boolean }) => Promise<boolean>,
    /** A key waits for the lines before it this long at most (a Delve that answers nothing holds no key). */
    private readonly keyWaitMs = STEP_WAIT_MS,
  ) {}

  submit(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    if (runsAtOnce(line)) return this.run(line, opts);
    this.inFlight++;
    // A key that waited runs its line now: the tail waits for it (what it chained returns it).
    const result = (this.replaying ? this.runOne(line, opts) : this.tail.then(() => this.runOne(line, opts))).finally(() => this.inFlight--);
    if (this.replaying) return result;
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * While lines are on their way (a step waiting for its stop, `n j j` typed in one burst), `then`
   * (a key) acts after them, in turn with what is typed after it; what it runs is waited for before
   * the next. False when nothing is on its way: the key acts now.
   */
  afterLines(then: () => unknown, opts: { untilStopped?: boolean } = {}): boolean {
    if (!this.inFlight || this.replaying) return false;
    let timer: NodeJS.Timeout | undefined;
    let off = () => undefined as void;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.untilStopped ? RUN_KEY_WAIT_MS : this.keyWaitMs)));
    // A key that runs the target also waits for it to stop (a slow stop outlasts the lines' own wait).
    const stopped = () =>
      new Promise<void>((resolve) => {
        const check = () => this.session.state.status !== 'running' && resolve();
        off = this.session.subscribe(check);
        check();
      });
    this.tail = Promise.race([opts.untilStopped ? this.tail.then(stopped) : this.tail, bound])
      .then(() => {
        clearTimeout(timer);
        off();
        this.replaying = true;
        try {
          return then();
        } finally {
          this.replaying = false;
        }
      })
      .catch(() => undefined);
    return true;
  }

  /**
   * A key refused as the target is (p at a stopped target) while a line that may run it is on its
   * way (`n p` typed together): asked again once the target runs, or when the lines are done.
   */
  whenRunning(then: () => void): boolean {
    if (!this.inFlight) return false;
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      off();
      then();
    };
    const off = this.session.events.on('resumed', once);
    void this.tail.then(once);
    return true;
  }

  private async runOne(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    const since = this.session.stopCount;
    let stepped = false;
    const off = this.session.events.on('resuming', (e) => {
      if (e.by === 'step') stepped = true;
    });
    // A run Delve leaves unanswered (the session says so after 2 s) holds no line behind it for the
    // 15 s limit: those run now (a step among them is refused in one sentence); its end is still said.
    let offStuck = () => undefined as void;
    const stuck = new Promise<boolean>((resolve) => {
      offStuck = this.session.subscribe(() => {
        if (this.session.state.unanswered) resolve(false);
      });
    });
    try {
      const ok = await Promise.race([this.run(line, opts), stuck]);
      if (ok && stepped) await this.session.waitForStop(since, STEP_WAIT_MS);
      return ok;
    } finally {
      off();
      offStuck();
    }
  }
}
