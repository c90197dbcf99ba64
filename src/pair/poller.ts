import { RpcTimeoutError, type DelveRpcClient } from '../delve/rpc.js';
import { exitedRefusalOf, observationOf, type Observation } from './observe.js';

/** Normal pace: a stop another client makes shows within this (plus loading and painting). */
export const POLL_MS = 50;
/** After a peer said it resumed the target: its stop is near, look often for a moment. */
export const BURST_MS = 10;
const BURST_FOR_MS = 2_000;
const BACKOFF_MS = 1_000;
/**
 * Around this gotui's own step no look is needed (Delve's DAP reports that run), and one would
 * cost it: Delve serves one request at a time on its target, so a look's State (1.5-2 ms of its
 * time) taken while the step lands or its stop is read delays the stop line or the panes.
 */
export const OWN_RUN_QUIET_MS = 25;

/**
 * Asks Delve's JSON-RPC `State` with NonBlocking (answered at once while the target runs, never
 * halting or resuming it) on a connection of its own, one call at a time, and hands each answer on.
 * No other client's stop reaches this one any other way: Delve sends events only to the client
 * that resumed the target.
 */
export class StatePoller {
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private stopped = false;
  private burstUntil = 0;
  private quietUntil = 0;
  /** The next look comes this soon, once (lookAgainIn). */
  private nextWait: number | undefined;
  /** Calls made, for the benchmark of what polling costs Delve. */
  calls = 0;

  constructor(
    private readonly rpc: DelveRpcClient,
    /** `askedAt`: performance.now() when the request left. */
    private readonly onObservation: (o: Observation, askedAt: number) => Promise<void>,
    private readonly everyMs = POLL_MS,
    /**
     * A look asked `at` unanswered, the third running or later (true; 6 s: a long grouping of goroutines
     * is not silence), or one answered `at` after (false); performance.now().
     */
    private readonly onSilence: (silent: boolean, at: number) => void = () => {},
  ) {}

  /** Looks in a row that Delve did not answer in time. */
  private unanswered = 0;

  start(): void {
    void this.loop();
  }

  /** Looks now (and often for a moment): a peer said the target is moving. */
  soon(burst = false): void {
    if (burst) this.burstUntil = Date.now() + BURST_FOR_MS;
    this.quietUntil = 0;
    this.wake?.();
  }

  /** The next look comes `ms` after this one, not at the usual pace (asked from an observation's handler). */
  lookAgainIn(ms: number): void {
    this.nextWait = ms;
  }

  /** The next look waits until OWN_RUN_QUIET_MS from now at least (this gotui's step or stop). */
  quiet(): void {
    this.quietUntil = Date.now() + OWN_RUN_QUIET_MS;
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (Date.now() < this.quietUntil) {
        await this.sleep(this.quietUntil - Date.now());
        continue;
      }
      let wait = Date.now() < this.burstUntil ? BURST_MS : this.everyMs;
      const askedAt = performance.now();
      try {
        this.calls++;
        const state = await this.rpc.pollState({ timeoutMs: 2_000 });
        if (this.stopped) return;
        // A follower sends Delve nothing else: its looks are how it learns Delve is stuck (trial CB: 5 minutes unsaid).
        if (this.unanswered >= 3) this.onSilence(false, performance.now());
        this.unanswered = 0;
        // A dump that began just after DumpWait: Delve says only that, no threads (not a move).
        if (state.CoreDumping) throw new Error('dumping');
        await this.onObservation(observationOf(state), askedAt);
      } catch (err) {
        // Each one from the third on: one asked before Delve was heard on the DAP connection is no new
        // silence (the session judges), and a later one may be (trial CC).
        if (err instanceof RpcTimeoutError && ++this.unanswered >= 3) this.onSilence(true, askedAt);
        // Delve busy or gone: the DAP connection tells the session; look again later. The program
        // exited: Delve serves on and takes breakpoints, which are looked at at this pace (trial BX).
        const exited = exitedRefusalOf(err);
        if (exited && !this.stopped) await this.onObservation(exited, askedAt).catch(() => undefined);
        wait = BACKOFF_MS;
      }
      await this.sleep(this.nextWait ?? wait);
      this.nextWait = undefined;
    }
  }

  /** Until `ms` have passed, soon() or stop(). */
  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref();
    });
    clearTimeout(this.timer);
    this.wake = undefined;
  }
}
