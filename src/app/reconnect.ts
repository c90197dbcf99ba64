import { describeError, UserError } from '../errors.js';

/**
 * An attempt that found something else at the address (another program under Delve): an error, so
 * the command row says it rather than keep the drop's words.
 */
export class OtherTargetError extends UserError {}

/** Seconds to wait before attempt `n` (1-based): 1, 2, 4, 8, 16, then every 30. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30, 2 ** Math.max(0, attempt - 1));
}

/** What the status bar shows while the link is down. */
export interface ReconnectState {
  attempt: number;
  /** Seconds until the attempt; 0 while it runs. */
  inSeconds: number;
}

export interface ReconnectorOptions {
  /** Makes the way to Delve again and re-attaches; throws what went wrong. */
  attempt(): Promise<void>;
  /** The countdown (undefined once connected, or stopped). */
  show(state: ReconnectState | undefined): void;
  log(text: string, kind: 'info' | 'warning' | 'error'): void;
}

/**
 * Retries a dropped connection with backoff, counting down each wait second by second, until an
 * attempt succeeds or it is stopped (quitting). `now()` skips the wait (`:reconnect`).
 */
export class Reconnector {
  private running = false;
  private attemptNo = 0;
  private wake: (() => void) | undefined;
  private current: Promise<void> | undefined;
  private lastError = '';
  /** `:reconnect` callers waiting for the attempt they asked for. */
  private nowWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly opts: ReconnectorOptions) {}

  get active(): boolean {
    return this.running;
  }

  /** Starts retrying (a no-op when already retrying). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attemptNo = 0;
    this.lastError = '';
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.wake?.();
    this.opts.show(undefined);
  }

  /** Attempts at once; resolves when connected, throws that attempt's error. */
  async now(): Promise<void> {
    if (!this.running) return this.opts.attempt();
    const result = new Promise<void>((resolve, reject) => this.nowWaiters.push({ resolve, reject }));
    if (!this.current) this.wake?.();
    return result;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.attemptNo++;
      if (!this.nowWaiters.length) await this.countdown(backoffSeconds(this.attemptNo));
      if (!this.running) break;
      this.opts.show({ attempt: this.attemptNo, inSeconds: 0 });
      const waiters = this.nowWaiters.splice(0);
      this.current = this.opts.attempt();
      try {
        await this.current;
        this.running = false;
        this.opts.show(undefined);
        for (const w of [...waiters, ...this.nowWaiters.splice(0)]) w.resolve();
      } catch (err) {
        const said = describeError(err);
        // Each new reason once; the same one again is only counted by the status bar.
        if (said !== this.lastError) this.opts.log(`Reconnecting failed (attempt ${this.attemptNo}): ${said}`, err instanceof OtherTargetError ? 'error' : 'warning');
        this.lastError = said;
        for (const w of waiters) w.reject(err);
      } finally {
        this.current = undefined;
      }
    }
  }

  private async countdown(seconds: number): Promise<void> {
    for (let left = seconds; left > 0 && this.running && !this.nowWaiters.length; left--) {
      this.opts.show({ attempt: this.attemptNo, inSeconds: left });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        timer.unref?.();
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
