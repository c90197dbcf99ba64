import { findCommand } from '../commands/registry.js';
import type { Session } from '../session/session.js';

/**
 * How long a line typed behind a step waits for that step's stop. A step over a call that blocks
 * may never stop: what waits behind it then runs (and a step among it is refused: the target runs).
 */
export const STEP_WAIT_MS = 2_000;

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
  /** A step we ran is waiting for its stop. */
  private stepping = false;

  constructor(
    private readonly session: Session,
    private readonly run: (line: string, opts?: { echo?: boolean }) => Promise<boolean>,
  ) {}

  submit(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    if (runsAtOnce(line)) return this.run(line, opts);
    const result = this.tail.then(() => this.runOne(line, opts));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** While a step we ran waits for its stop, `then` runs after it, in turn with lines typed meanwhile. */
  afterStep(then: () => void): boolean {
    if (!this.stepping) return false;
    this.tail = this.tail.then(then).catch(() => undefined);
    return true;
  }

  private async runOne(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    const since = this.session.stopCount;
    let stepped = false;
    const off = this.session.events.on('resuming', (e) => {
      if (e.by === 'step') stepped = this.stepping = true;
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
      this.stepping = false;
    }
  }
}
