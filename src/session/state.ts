import type { DebugProtocol as P } from '@vscode/debugprotocol';
import type { CoreCut } from '../postmortem/core-file.js';
import { gorootSrcOf } from './frame-names.js';
import { shortPlace } from '../core/text.js';

export type Status = 'connecting' | 'running' | 'stopped' | 'exited' | 'disconnected';

/** A hardware watchpoint: Delve's data breakpoint on the memory an expression names. */
export interface DataWatch {
  expr: string;
  access: 'read' | 'write' | 'readWrite';
  /** What Delve's dataBreakpointInfo answered (`goid,frame,expr`): setDataBreakpoints takes it. */
  dataId: string;
  /**
   * Set from a caller's frame: the function of the goroutine's innermost frame then. Delve ends a
   * watchpoint on a stack variable when that frame returns, not the variable's own (its
   * setStackWatchBreakpoints takes the goroutine's top frame, whatever frame the scope is).
   */
  innermost?: string;
}

export interface Breakpoint {
  /** gotui's own number, stable across re-sends (Delve's ids change when a file's list is re-sent). */
  id: number;
  kind: 'line' | 'function' | 'instruction' | 'data';
  /** The instruction's address, for instruction breakpoints (`break *0x4d2763`). */
  address?: bigint;
  /** Absolute path for line breakpoints; for function breakpoints the file Delve resolved it to. */
  file?: string;
  line?: number;
  /** The location as the user wrote it (pkg.Func, file.go:LINE) for function breakpoints. */
  spec?: string;
  condition?: string;
  hitCondition?: string;
  /** A logpoint: Delve prints this at each hit, `{expr}` interpolated, and the target goes on. */
  logMessage?: string;
  /** Another client's that halts nothing (a peer's logpoint, the dlv CLI's trace): Delve's tracepoint. */
  tracepoint?: true;
  /** Kept by gotui but not sent to Delve: DAP has no disabled breakpoints. Another client's: disabled in Delve by it (the dlv CLI's toggle). */
  disabled?: boolean;
  /** Run to cursor and `:continue LOC`: removed at the next stop, never saved. */
  temporary?: boolean;
  /** A temporary breakpoint where watchpoint #N goes out of scope (Delve's own there stops no DAP run): its stop is named for that. */
  watchEnd?: number;
  watch?: DataWatch;
  verified: boolean;
  message?: string;
  /** Delve's id for it, to name the breakpoint a stop hit. */
  delveId?: number;
  /** Set by another client (a pair peer's name, or "another client"); absent for this gotui's own. */
  by?: string;
  /** The number the pair peer `by` gives it, when it said (named `alice#1` as alice names it). */
  byNumber?: number;
  /**
   * Made outside DAP (the dlv CLI's `break`): shown, but never sent in DAP's lists. Delve names DAP
   * breakpoints by file and line, not by session, so a DAP list for a file replaces every DAP
   * client's breakpoints in it: others' DAP breakpoints must ride along, outside ones must not.
   */
  outside?: boolean;
  /** The name the dlv CLI gave it (`break clibp main.helper`): what its user knows it by. */
  delveName?: string;
  /** The function Delve placed another client's line breakpoint in, as the dlv CLI names it when it sets one. */
  inFunction?: string;
}

export interface Frame {
  /** DAP frame id: valid until the target runs again. */
  id: number;
  /** Depth in its goroutine's stack, 0 the innermost. */
  index: number;
  name: string;
  file?: string;
  line: number;
  pc?: string;
}

/** One variable as Delve gives it; children load on demand through `ref` (handles reset at every stop). */
export interface Variable {
  name: string;
  value: string;
  type: string;
  ref: number;
  evaluateName?: string;
  memoryReference?: string;
  /** Elements of an array, slice or map (its len), when Delve pages them. */
  indexed?: number;
  named?: number;
}

export interface Scope {
  name: string;
  ref: number;
  variables: Variable[];
}

/** A run of frames of one goroutine's stack, from `start`; `total` is Delve's count (a lower bound while `complete` is false). */
export interface FramesPage {
  goroutine: number;
  start: number;
  frames: Frame[];
  total: number;
  complete: boolean;
}

export interface StopInfo {
  /** Counts stops: panes title stale data with it ("from stop 7"). */
  number: number;
  reason: string;
  /** Delve's words: "panic", "fatal error", "runtime error". */
  description?: string;
  /** The panic value, the fatal error's message, the runtime error. */
  text?: string;
  /** The goroutine that stopped. */
  goroutine: number;
  /** gotui's ids of the breakpoints the stop hit. */
  breakpoints: number[];
  /** Their names when the stop came (`#1`, `other#2`, `alice#1`), in the same order: one cleared since keeps its name. */
  breakpointNames?: string[];
  /** Delve's ids of them: one another client set gets its number once gotui has read Delve's list. */
  delveBreakpoints?: number[];
  /** A step that ended on a breakpoint's line (the step done, the breakpoint hit): said as that breakpoint's stop. */
  landed?: true;
  /** Who made the target stop here, when another client did ("bob", "another client"). */
  by?: string;
  /** The target was halted when gotui attached (by a client before it, or a session that left it so): nobody paused it now. */
  found?: boolean;
  /** The thread Delve stopped ran no goroutine (a pause in the scheduler): `goroutine` is gotui's pick, the program's. */
  picked?: boolean;
  /** A breakpoint's condition Delve could not evaluate (it stops there, and says "runtime error"): why. */
  conditionError?: string;
  /** Where a run-to (`:continue LOC`, r) arrived: its temporary breakpoint is gone by the time the stop is shown. */
  reached?: string;
}

/** What the user looks at: a goroutine and a frame of it. */
export interface Selection {
  goroutine: number;
  frame?: Frame;
  /** The goroutine's innermost frame: where run control and calls act. */
  top?: Frame;
  /** True when the user picked the frame; false when gotui moved the view to the user's code. */
  chosen: boolean;
}

/** `shown: frame 3 main.main app/main.go:103`, when the frame on screen is not the stop's top one (after a pause, the program's first). */
export function shownFrame(selection: Selection | undefined): string | undefined {
  const frame = selection?.frame;
  if (!frame || !selection?.top || frame.index === 0) return undefined;
  return `shown: frame ${frame.index} ${frame.name}${frame.file ? ` ${shortPlace(frame.file, frame.line)}` : ''}`;
}

/** Halted at the program's entry (Delve's exec): no goroutine has a stack, no package has been initialised. */
export function atEntry(s: SessionState): boolean {
  return s.status === 'stopped' && !!s.stop && !s.selection?.top && !s.postMortem;
}

/** "the target is running", "the target has exited": the status in a sentence. */
export function theTarget(status: Status): string {
  return status === 'exited' ? 'the target has exited' : `the target is ${status}`;
}

export interface SessionState {
  status: Status;
  /** What the status bar names: "demo orders", "127.0.0.1:2345", "pid 1234". */
  targetLabel: string;
  delveVersion: string;
  /** True when gotui started Delve and the debuggee, so quitting ends them. */
  owned: boolean;
  /**
   * True when Delve started the debuggee (dlv exec, debug, test, or gotui's own), so Delve can
   * restart it; false when Delve attached to a running process (dlv attach PID, --pid); unknown
   * when Delve's JSON-RPC did not say.
   */
  delveStarted?: boolean;
  /** The last stop; kept while the target runs so panes can say what their data is from. */
  stop?: StopInfo;
  selection?: Selection;
  breakpoints: readonly Breakpoint[];
  capabilities: P.Capabilities;
  /** The main module's path ("example.com/svc"), when known: frames of its packages are "your code". */
  mainModule?: string;
  /** While the connection is down and gotui retries: which attempt, in how many seconds (0: trying now). */
  reconnecting?: { attempt: number; inSeconds: number };
  /** A run Delve has not answered for a while (Delve stuck): the target is still where it was, and the status bar says why. */
  unanswered?: 'step' | 'continue';
  /**
   * Delve left a request unanswered past its limit and has said nothing since (stuck: trial CB saw one
   * hang while another client dumped a core): what the panes show is as last seen.
   */
  silent?: true;
  /** Why this gotui may not run the target now (pair debugging: another gotui drives), if so. */
  runControlBlocked?: string;
  /** This session's own request (continue, step) runs the target: Delve lets it change breakpoints meanwhile. */
  runByMe?: boolean;
  /** The pair peer whose own run control runs the target (its name), when another gotui's does. */
  runner?: string;
  /** Why this gotui may change nothing in the target (a `--follow` viewer), if so. */
  readOnly?: string;
  /** A core file: everything reads, nothing runs. */
  postMortem?: boolean;
  /** The core file ends before its segments do: what is missing is said as that, not as Delve's errors. */
  coreCut?: CoreCut;
}

export function initialState(targetLabel: string): SessionState {
  return { status: 'connecting', targetLabel, delveVersion: '?', owned: false, breakpoints: [], capabilities: {} };
}

export type MessageKind = 'info' | 'warning' | 'error' | 'command' | 'result';

/** What changed the target's memory at a stop (`flag-refused`: a flag's Set ran and the program refused the value, the old one put back). */
export const TARGET_CHANGES = ['call', 'set', 'flag', 'flag-refused', 'memory'] as const;
export type TargetChange = (typeof TARGET_CHANGES)[number];

/** What became of a step a breakpoint cut short (see SessionEvents['step-cut']). */
export type StepCut = 'kept' | 'dropped' | 'ended';

/** What happened, as the Session announces it. Feature models subscribe; nothing polls. */
export interface SessionEvents {
  /** Attached (or re-attached): the status is known. */
  connected: { delveVersion: string };
  /** What a step out of this session's returned, read at its stop (`main.f returned ~r0 = 2`). */
  returned: { text: string };
  /**
   * A stop, once the selected goroutine's stack is loaded. The selected frame's scopes (read once a
   * model takes them: Session.readScopesAtStops) follow: Delve reads them while the stop line paints.
   */
  stop: { stop: StopInfo; selection: Selection; frames: FramesPage; scopes: Promise<Scope[]> };
  /**
   * The stop shown took the number pair peers gave it (a halt found on joining, their word late): data
   * read at it and tagged `from` is this stop's all the same (trial BJ: the variables never loaded).
   */
  renumbered: { from: number; to: number };
  /** This session is about to run the target (its request not sent yet): other gotuis are told first. */
  resuming: { by: 'continue' | 'step' | 'restart' };
  /** The target runs again; data of the last stop is stale from here. */
  resumed: { by: 'continue' | 'step' | 'other' };
  /** The user looked at another goroutine or frame (scopes of the new frame loaded). */
  selected: { selection: Selection; frames?: FramesPage; scopes: Scope[]; goroutineChanged: boolean };
  /**
   * Code ran in the target, or a variable or memory was written: what a pane shows may have changed.
   * `detail`: what was written, as typed (`avg = 1`), for peers to say.
   */
  'target-changed': { what: TargetChange; detail?: string };
  /** This session injects a call into the target (it runs every goroutine), or its calls have ended. */
  calling: { on: boolean };
  /**
   * A step of this session's was cut short by a breakpoint at stop `stop`: `kept`, Delve keeps it and
   * the next continue ends it first; `dropped`, a step from that stop has dropped it since; `ended`,
   * the breakpoint was on the step's own way, and Delve drops the step there.
   */
  'step-cut': { stop: number; how: StepCut };
  /** Delve writes a core of the target (`:dump`), or has finished. */
  dumping: { on: boolean };
  /** Why this gotui may not run the target changed (pair debugging: the wheel changed hands). */
  restricted: { runControl?: string };
  breakpoints: { breakpoints: readonly Breakpoint[] };
  /** A logpoint was hit: Delve's line for it (`> [Go 7]: ...`), where, and by which goroutine. */
  logpoint: { file: string; line: number; goroutine: number; text: string };
  /** The debuggee wrote to stdout or stderr. */
  output: { text: string; category: 'stdout' | 'stderr' };
  /** gotui's own words for the console. */
  message: { text: string; kind: MessageKind };
  /** The session is over: the target exited or died, or the connection dropped. */
  ended: { why: 'exited' | 'terminated' | 'disconnected'; message: string; exitCode?: number };
}

/**
 * "Your code": frames in the main module's packages. Without the module path, anything outside the
 * standard library (whose import paths have no dot in their first element) counts.
 */
export function isUserFrame(name: string, mainModule: string | undefined): boolean {
  const pkg = packageOf(name);
  if (!pkg) return false;
  if (pkg === 'main') return true;
  if (mainModule) return pkg === mainModule || pkg.startsWith(`${mainModule}/`);
  const first = pkg.split('/')[0]!;
  return first.includes('.');
}

/**
 * The first frame whose source is not Go's own (outside the GOROOT the runtime's frames are in):
 * the user's code when the main module is unknown and its package has no dot (`tpkg.Div` in a test).
 */
export function firstOutsideGoroot<F extends { name: string; file?: string }>(frames: readonly F[]): F | undefined {
  const goroot = frames.map((f) => gorootSrcOf(f.name, f.file)).find((g) => g !== undefined);
  if (!goroot) return undefined;
  return frames.find((f) => f.file && f.file.startsWith('/') && !f.file.startsWith(goroot));
}

/** cgo's generated glue (`main._Cfunc_f` in _cgo_gotypes.go, `C._cgo_…_Cfunc_f` in cgo-gcc-prolog): no one's own code. */
function cgoGlue(f: { name: string; file?: string }): boolean {
  return /(?:^|\.)_C(?:func|macro)_|(?:^|\.)_cgo_/.test(f.name) || /(?:^|\/)(?:_cgo_gotypes\.go|cgo-gcc-prolog)$/.test(f.file ?? '');
}

/**
 * Where a crash, a pause or a core is looked at: the first frame of the program's own code, Go (by
 * its package) or C (a function of its own cgo files, outside GOROOT: a fault in C is shown at the
 * C line, as gdb shows it), cgo's generated glue passed over (trial AL: `main._Cfunc_readback` in
 * _cgo_gotypes.go, a file no one has).
 */
export function ownFrame<F extends { name: string; file?: string }>(frames: readonly F[], mainModule: string | undefined): F | undefined {
  const goroot = frames.map((f) => gorootSrcOf(f.name, f.file)).find((g) => g !== undefined);
  const ownC = (f: F) => (!packageOf(f.name) || f.name.startsWith('C.')) && !!f.file?.startsWith('/') && !(goroot && f.file.startsWith(goroot));
  return frames.find((f) => !cgoGlue(f) && (isUserFrame(f.name, mainModule) || ownC(f))) ?? firstOutsideGoroot(frames.filter((f) => !cgoGlue(f)));
}

/** `example.com/x/pkg.(*T).M` → `example.com/x/pkg`; `main.main` → `main`. */
export function packageOf(funcName: string): string | undefined {
  const slash = funcName.lastIndexOf('/');
  const dot = funcName.indexOf('.', slash + 1);
  return dot > 0 ? funcName.slice(0, dot) : undefined;
}
