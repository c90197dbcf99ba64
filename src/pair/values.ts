import { createHash } from 'node:crypto';
import type { DelveRpcClient, RpcEvalScope, RpcVariable } from '../delve/rpc.js';

/**
 * Enough to see a changed number, bool, short string or top-level field, also behind a pointer
 * (Go's receivers are pointers: the dlv CLI's `set w.Round = 9`); cheap at 20 looks a second.
 */
const LOAD = { FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: 64, MaxArrayValues: 16, MaxStructFields: -1 };

/** A digest of variables as loaded (names, types, values, children): equal lists, equal digests. Pure. */
export function valuesDigest(vars: readonly RpcVariable[]): string {
  const h = createHash('sha1');
  const walk = (vs: readonly RpcVariable[] | null) => {
    for (const v of vs ?? []) {
      h.update(`${v.name}\0${v.type}\0${v.value}\0${v.unreadable}\0(`);
      walk(v.children);
      h.update(')');
    }
  };
  walk(vars);
  return h.digest('hex');
}

/** api.Stackframe, as far as a look reads it. */
export interface RpcFrame {
  pc: number;
  /** The frame's CFA from the goroutine's stack top: another call of the same function sits elsewhere. */
  FrameOffset: number;
}

/**
 * Where each frame stands on the stack. Not its pc: a pc that moved is a move every poll's State
 * already tells (and a look that raced a peer's step must not call it one of its own). Pure.
 */
export function framesDigest(frames: readonly RpcFrame[]): string {
  return frames.map((f) => f.FrameOffset).join(' ');
}

/** The frame to watch, and the view it belongs to (another stop, goroutine or frame starts afresh). */
export interface WatchedFrame {
  at: string;
  scope: RpcEvalScope;
  /** The user's watch expressions, read there too: a package variable is no local (a trial: the dlv CLI's `set main.counter = 1000` went unseen). */
  exprs?: readonly string[];
}

/**
 * Notices a value changed by another client (the dlv CLI's `set`): Delve tells nobody, so while
 * halted the poller looks at the selected frame's locals and arguments (and the watches) and compares them with the
 * first look at this stop. A difference counts when the next look sees it too: this gotui's own
 * change (which the session announces, see `reset`) has had a poll's time to say so first.
 */
export class ValueWatch {
  /** `frames` unknown (undefined) until a read of them succeeds. */
  private seen: { at: string; digest: string; frames?: string } | undefined;
  private suspect: string | undefined;
  private generation = 0;

  constructor(private readonly rpc: DelveRpcClient) {}

  /** This gotui stopped, looked elsewhere or changed the target itself: what it reads now is the new baseline. */
  reset(): void {
    this.generation++;
    this.seen = undefined;
    this.suspect = undefined;
  }

  /**
   * Once per change made elsewhere: `values` when a value changed, `frames` when the frames up to the
   * selected one stand elsewhere on the stack at the same pcs (the dlv CLI's `stepout` in a
   * recursion: every thread's pc, all a poll's State tells, is the same; trial AX).
   */
  async check(frame: WatchedFrame): Promise<'values' | 'frames' | false> {
    const gen = this.generation;
    const args = { Scope: { ...frame.scope, DeferredCall: 0 }, Cfg: LOAD };
    const [locals, fargs, stack, watched] = await Promise.all([
      this.rpc.call<{ Variables: RpcVariable[] | null }>('ListLocalVars', args, { timeoutMs: 1_000 }),
      this.rpc.call<{ Args: RpcVariable[] | null }>('ListFunctionArgs', args, { timeoutMs: 1_000 }),
      // Not every selection has a goroutine's stack to read (goroutine 0, a thread's own): the values are still watched.
      this.rpc.call<{ Locations: RpcFrame[] | null }>('Stacktrace', { Id: frame.scope.GoroutineID, Depth: frame.scope.Frame + 1, Full: false }, { timeoutMs: 1_000 }).catch(() => undefined),
      // One that cannot be read here (out of scope) is watched as its error: the same at every look.
      Promise.all((frame.exprs ?? []).map((e) => this.rpc.call<{ Variable: RpcVariable }>('Eval', { ...args, Expr: e }, { timeoutMs: 1_000 }).then((r) => r.Variable, (err: Error): RpcVariable => ({ name: e, type: '', value: '', unreadable: err.message, children: null })))),
    ]);
    // Read before a reset: it may predate this gotui's own change.
    if (gen !== this.generation) return false;
    const digest = valuesDigest([...(fargs.Args ?? []), ...(locals.Variables ?? []), ...watched]);
    // A failed read of the frames is no move: they count only when read at both looks.
    const frames = stack ? framesDigest(stack.Locations ?? []) : undefined;
    if (this.seen?.at !== frame.at) {
      this.seen = { at: frame.at, digest, ...(frames !== undefined ? { frames } : {}) };
      this.suspect = undefined;
      return false;
    }
    if (this.seen.frames === undefined && frames !== undefined) this.seen.frames = frames;
    const moved = frames !== undefined && frames !== this.seen.frames;
    const now = `${moved ? frames : ''}\0${digest}`;
    if (digest === this.seen.digest && !moved) {
      this.suspect = undefined;
      return false;
    }
    if (this.suspect !== now) {
      this.suspect = now;
      return false;
    }
    this.seen = { ...this.seen, digest, ...(frames !== undefined ? { frames } : {}) };
    this.suspect = undefined;
    return moved ? 'frames' : 'values';
  }
}
