/*
 * What Delve's JSON-RPC `State` (NonBlocking) says about the target, in the terms the session
 * takes (`Session.observe`), and Delve's breakpoint list in gotui's. Pure: the poller does the I/O.
 */
import type { DelveRpcClient, RpcBreakpoint, RpcThread } from '../delve/rpc.js';
import type { ServerBreakpoint } from '../session/breakpoints.js';
import type { Session } from '../session/session.js';
import { shortPlace } from '../core/text.js';
import { goUnquote } from '../core/gostrings.js';

/** The parts of a State answer's thread that say where the target stands. */
type StopThread = Pick<RpcThread, 'id' | 'pc' | 'file' | 'line' | 'function'> & {
  goroutineID?: number;
  /** `continue`: a tracepoint (a logpoint); `traceReturn`: a trace's breakpoint at its function's return. */
  breakPoint?: { id: number; name: string; totalHitCount?: number; continue?: boolean; traceReturn?: boolean } | null;
};

/** api.DebuggerState as State answers it (NonBlocking: while running only Running is set). */
export interface RpcStopState {
  Pid: number;
  Running: boolean;
  exited?: boolean;
  exitStatus?: number;
  currentThread?: StopThread | null;
  currentGoroutine?: { id: number } | null;
  Threads?: StopThread[] | null;
  stopReason?: string;
  /** Watchpoints that went out of scope at this stop (Delve cleared them, and stopped there). */
  WatchOutOfScope?: { id: number; WatchExpr?: string }[] | null;
}

export type Observation =
  | { kind: 'running' }
  /** `refused`: Delve refused State (the program has exited): DAP's exited event ends the session, after the program's last output. */
  | { kind: 'exited'; status: number; refused?: boolean }
  | {
      kind: 'halted';
      /** Changes whenever the target ran in between (a missed short run: the dlv CLI's `next` takes ~10 ms). */
      signature: string;
      goroutine?: number;
      reason: string;
      description?: string;
      hitBreakpointIds?: number[];
      /** `main.go:41`, for activity lines. */
      where?: string;
      /** Halted at traces only: a moment of a client's continue, which prints them and runs on (the dlv CLI's). */
      tracing?: true;
    };

/** How long a halt at traces only lasts before it is taken as a stop: the dlv CLI runs on from one in milliseconds. */
export const TRACE_LASTS_MS = 400;

/** A trace's breakpoint (the dlv CLI's `trace`, a logpoint; a function trace's return): a client's continue runs on from it. */
export function tracing(bp: { continue?: boolean; traceReturn?: boolean } | null | undefined): boolean {
  return !!bp && (!!bp.continue || !!bp.traceReturn);
}

/** Delve's internal breakpoints for panics and fatal errors (negative ids). */
const EXCEPTIONS: Record<string, string> = { 'unrecovered-panic': 'panic', 'runtime-fatal-throw': 'fatal error' };

/**
 * Whether two halted signatures are the same stop. A hit count missing on one side is no move:
 * clearing the breakpoint a thread stopped at (a run-to's temporary one, `:clear`) drops it.
 */
export function sameStop(a: string, b: string): boolean {
  if (a === b) return true;
  const [pa, ta] = JSON.parse(a) as [number, [number, number, number][]];
  const [pb, tb] = JSON.parse(b) as [number, [number, number, number][]];
  return pa === pb && ta.length === tb.length && ta.every(([id, pc, hits], i) => {
    const [idb, pcb, hitsb] = tb[i]!;
    return id === idb && pc === pcb && (hits === 0 || hitsb === 0 || hits === hitsb);
  });
}

/** Delve's refusal of State once the program has exited (`Process N has exited with status 0`), as an observation. Pure. */
export function exitedRefusalOf(err: unknown): Observation | undefined {
  const m = /Process \d+ has exited with status (-?\d+)/.exec(err instanceof Error ? err.message : String(err));
  return m ? { kind: 'exited', status: Number(m[1]), refused: true } : undefined;
}

export function observationOf(s: RpcStopState): Observation {
  if (s.exited) return { kind: 'exited', status: s.exitStatus ?? 0 };
  if (s.Running) return { kind: 'running' };
  // Delve may leave its current thread at a logpoint (a tracepoint) hit as another thread hit a real
  // breakpoint: the stop is that breakpoint's, as the dlv CLI's continue prints it (trial CF: named
  // for the logpoint, `breakpoint #1`, where the CLI's clibp stopped it).
  const atTracepoint = tracing(s.currentThread?.breakPoint);
  const stopper = atTracepoint ? s.Threads?.find((t) => t.breakPoint && t.breakPoint.id > 0 && !tracing(t.breakPoint)) : undefined;
  const cur = stopper ?? s.currentThread ?? undefined;
  const bp = cur?.breakPoint ?? undefined;
  // Every thread's pc and the hit counts: a continue that lands on the same breakpoint again still
  // differs. Not the current thread or the stop reason: the dlv CLI's `goroutine N` switches those
  // without running anything, and a finished `call` leaves a new reason where it found the threads.
  // Delve lists threads in map order: sorted, the same state reads the same.
  const threads = [...(s.Threads ?? [])].sort((a, b) => a.id - b.id);
  const signature = JSON.stringify([s.Pid, threads.map((t) => [t.id, t.pc, t.breakPoint?.totalHitCount ?? 0])]);
  const goroutine = (stopper ? stopper.goroutineID : s.currentGoroutine?.id) || cur?.goroutineID || undefined;
  let reason: string;
  let description: string | undefined;
  let hitBreakpointIds: number[] | undefined;
  if (bp && EXCEPTIONS[bp.name]) {
    reason = 'exception';
    description = EXCEPTIONS[bp.name];
  } else if (!bp && s.WatchOutOfScope?.length) {
    // Delve's own breakpoint where a watchpoint on the stack ends, no user's (trial CG: `breakpoint, resumed by another client`).
    reason = `${s.WatchOutOfScope.length === 1 ? 'watchpoint' : 'watchpoints'} on ${s.WatchOutOfScope.map((w) => `[${w.WatchExpr ?? `#${w.id}`}]`).join(', ')} out of scope`;
  } else if (bp || s.stopReason === 'breakpoint' || s.stopReason === 'hardcoded breakpoint') {
    reason = 'breakpoint';
    if (bp && bp.id > 0) hitBreakpointIds = [bp.id];
  } else {
    reason = REASONS[s.stopReason ?? ''] ?? 'moved';
  }
  const where = cur?.file && cur.line ? shortPlace(cur.file, cur.line) : undefined;
  return {
    kind: 'halted',
    signature,
    reason,
    ...(goroutine ? { goroutine } : {}),
    ...(description ? { description } : {}),
    ...(hitBreakpointIds ? { hitBreakpointIds } : {}),
    ...(where ? { where } : {}),
    ...(atTracepoint && !stopper ? { tracing: true as const } : {}),
  };
}

/** proc.StopReason's words in DAP's stop reasons (what the status bar says). */
const REASONS: Record<string, string> = {
  'next finished': 'step',
  manual: 'pause',
  watchpoint: 'data breakpoint',
  'call returned': 'call',
  launched: 'entry',
  attached: 'entry',
};

/** api.Breakpoint, as far as the list of breakpoints reads it (a watchpoint's WatchType: 1 read, 2 write, 3 both). */
type ListedBreakpoint = Pick<RpcBreakpoint, 'id' | 'name' | 'file' | 'line' | 'functionName'> & Partial<Pick<RpcBreakpoint, 'WatchExpr' | 'WatchType' | 'Cond' | 'HitCond' | 'disabled' | 'continue' | 'traceReturn'>>;

// Delve 1.27 writes two spaces before Line= (its prefix ends in one, its format adds one).
const SOURCE_BP = /^sourceBp Path="((?:[^"\\]|\\.)*)" +Line=(\d+) Column=\d+$/;
const FUNCTION_BP = /^functionBreakpoint Name=(.+)$/;
// Its data id: `goid,frame,expr`.
const DATA_BP = /^dataBreakpoint (-?\d+,-?\d+,(.+))$/;

/**
 * Delve's list in gotui's terms. DAP breakpoints are named by what their client asked for
 * (`sourceBp Path="…"  Line=N Column=0`, `functionBreakpoint Name=F`): that is what a DAP list must
 * repeat to keep them. Anything else (the dlv CLI's) is `outside`. Panic and throw (ids < 0) are Delve's.
 */
export function serverBreakpoints(list: readonly ListedBreakpoint[]): ServerBreakpoint[] {
  const out: ServerBreakpoint[] = [];
  for (const b of list) {
    if (b.id < 0) continue;
    const cond = { ...(b.Cond ? { condition: b.Cond } : {}), ...(b.HitCond ? { hitCondition: b.HitCond } : {}), ...(b.disabled ? { disabled: true } : {}), ...(tracing(b) ? { tracepoint: true as const } : {}) };
    const src = SOURCE_BP.exec(b.name);
    if (src) {
      // Go's %q, not JSON: a control in a path is `\x1b` (trial CL: every breakpoint command failed on one).
      const file = goUnquote(`"${src[1]}"`) ?? b.file;
      out.push({ delveId: b.id, kind: 'line', file, line: Number(src[2]), outside: false, ...cond, ...(b.functionName ? { inFunction: b.functionName } : {}) });
      continue;
    }
    const fn = FUNCTION_BP.exec(b.name);
    if (fn) {
      out.push({ delveId: b.id, kind: 'function', spec: fn[1]!, ...(b.file ? { file: b.file } : {}), ...(b.line ? { line: b.line } : {}), outside: false, ...cond });
      continue;
    }
    // A watchpoint has no line: named by what it watches. A DAP client's (a pair peer's) rides along
    // in every setDataBreakpoints, which replaces all of Delve's watchpoints; the dlv CLI's cannot.
    if (b.WatchExpr) {
      const data = DATA_BP.exec(b.name);
      const access = b.WatchType === 1 ? 'read' : b.WatchType === 3 ? 'readWrite' : 'write';
      const expr = data?.[2] ?? b.WatchExpr;
      // (The dlv CLI names its watchpoints by their expression: no name of the user's.)
      out.push({ delveId: b.id, kind: 'data', spec: expr, watch: { expr, access, dataId: data?.[1] ?? '' }, outside: !data, ...cond });
      continue;
    }
    out.push({ delveId: b.id, kind: 'line', ...(b.file ? { file: b.file } : {}), ...(b.line ? { line: b.line } : {}), outside: true, ...cond, ...(b.name ? { delveName: b.name } : {}), ...(b.functionName ? { inFunction: b.functionName } : {}) });
  }
  return out;
}

/** The target's pid in a stop signature (a restart changes it). Pure. */
export function signaturePid(signature: string): number | undefined {
  try {
    const pid = (JSON.parse(signature) as unknown[])[0];
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a halted state polling sees is a stop this gotui has not loaded. The first poll after a
 * stop is loaded is the baseline later polls are compared with; but a peer can step between the
 * load and that poll (the baseline would then be the new place, and the move never seen), so a
 * peer that says it stopped somewhere else than the loaded stop marks it stale until the next load.
 */
export class StopBaseline {
  /** `restarts`: how many restarts this gotui had asked for when it was seen. */
  private seen: { stop: number; signature: string; restarts: number } | undefined;
  /**
   * The first process any look found halted, before one was seen at a stop the session shows: this
   * gotui's own runs keep the looks quiet, so a continue made at once (a user who types ahead) may
   * run into another client's restart with no stop seen, and the new process would be its baseline.
   */
  private firstPid: { pid: number; restarts: number } | undefined;
  private shownAt: string | undefined;
  private stale = false;
  private echoed = false;

  /** The session loaded a stop at `where` (its selected frame, as peers name their stops). */
  loaded(where: string | undefined): void {
    this.shownAt = where;
    this.stale = false;
  }

  /**
   * A peer said its stop loaded at `where`, while this gotui is halted; `newer`: a stop numbered past
   * the one shown (at the same place too: a breakpoint the loop comes round to, where a step stopped).
   */
  peerStopped(where: string | undefined, newer = false): void {
    if ((where && where !== this.shownAt) || newer) this.stale = true;
  }

  /**
   * A halted state polled while the session is at its stop `stop` (`stopped`: the session shows it
   * halted, not running or joining), when this gotui has asked for `restarts` restarts: whether the
   * target moved since that stop, or is another process.
   */
  halted(stop: number, signature: string, stopped: boolean, restarts = 0): { moved: boolean; restarted: boolean; echo: boolean; same: boolean } {
    const prev = this.seen;
    const pid = signaturePid(signature);
    const before = prev ? { pid: signaturePid(prev.signature), restarts: prev.restarts } : this.firstPid;
    if (pid !== undefined) this.firstPid ??= { pid, restarts };
    const restarted = !!before && before.pid !== pid;
    // Another process that no restart of this gotui's made is another client's restart, even when
    // the session has loaded a stop since the last look: its own run can end at a breakpoint in the
    // old process just before the dlv CLI's `restart` (which waits for that halt) makes the new one.
    const elsewhere = restarted && before.restarts === restarts;
    const moved = stopped && (this.stale || (prev?.stop === stop && !sameStop(prev.signature, signature)) || elsewhere);
    // A move is not the baseline: it stays news until the session loads it (reset), however many
    // looks that takes (a peer's word is waited for first; the session may be busy).
    if (stopped && prev?.stop !== stop && !moved) this.seen = { stop, signature, restarts: this.restartsWhenSeen(pid, restarts) };
    // Delve's DAP step is two commands (switch goroutine, then next), each shown as running: a poll
    // between them finds the stop it left. That is news only if the next poll finds it again (a run
    // paused where every thread was, all asleep), not the step's running. `same`: found where the
    // session's stop left it, after a poll found it running.
    const same = !stopped && prev?.stop === stop && sameStop(prev.signature, signature);
    const echo = same && !this.echoed;
    this.echoed = same;
    return { moved, restarted, echo, same };
  }

  /**
   * A process other than the baseline's, this gotui having asked for a restart since: its own
   * restart's new process, whose stop the session loads itself.
   */
  ownRestart(signature: string, restarts: number): boolean {
    const before = this.seen ? { pid: signaturePid(this.seen.signature), restarts: this.seen.restarts } : this.firstPid;
    const pid = signaturePid(signature);
    return !!before && pid !== undefined && before.pid !== pid && before.restarts !== restarts;
  }

  /** The frames moved where every thread's pc stayed (seen by the values' watch): a move until a stop loads. */
  movedUnseen(): void {
    this.stale = true;
  }

  /** The process of the last halted state seen (a restart makes another). */
  get pid(): number | undefined {
    return this.seen ? signaturePid(this.seen.signature) : undefined;
  }

  /** A poll found the target running: a halted state after it is looked at afresh. */
  running(): void {
    this.echoed = false;
  }

  /** The session loaded the stop polling found: it is the baseline. */
  reset(stop: number, signature: string, restarts = 0): void {
    this.seen = { stop, signature, restarts: this.restartsWhenSeen(signaturePid(signature), restarts) };
  }

  /**
   * The count of this gotui's restarts a process goes with: the one when it was first seen. A look
   * answered while this gotui's restart was on its way still finds the old process (CI run 80: its
   * own restart's stop was then said as another client's).
   */
  private restartsWhenSeen(pid: number | undefined, restarts: number): number {
    return this.seen && signaturePid(this.seen.signature) === pid ? this.seen.restarts : restarts;
  }

  /** Attached again (a reconnect, maybe to a new Delve and process): nothing seen before counts. */
  forget(): void {
    this.seen = undefined;
    this.firstPid = undefined;
    this.stale = false;
    this.echoed = false;
  }
}

/**
 * Delve's list of every client's breakpoints, with the session's breakpoint epoch it was asked at
 * (for Session.syncBreakpoints). Only while halted or exited: Delve answers the list once a running target stops.
 * `haltedSeen`: a look has just found the target halted, though the session still has it running.
 */
export async function delveBreakpoints(session: Pick<Session, 'state' | 'breakpointsEpoch'>, rpc: Pick<DelveRpcClient, 'call'>, haltedSeen = false): Promise<{ list: ServerBreakpoint[]; epoch: number } | undefined> {
  if (!haltedSeen && session.state.status !== 'stopped' && session.state.status !== 'exited') return undefined;
  const epoch = session.breakpointsEpoch;
  const out = await rpc.call<{ Breakpoints: ListedBreakpoint[] }>('ListBreakpoints', { All: false }, { timeoutMs: 1_000 }).catch(() => undefined);
  return out ? { list: serverBreakpoints(out.Breakpoints ?? []), epoch } : undefined;
}
