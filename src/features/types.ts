/**
 * The shapes every feature shares: a feature is one folder exporting one `Feature` (its pane, key
 * bindings, commands and the model they drive). The pane list, keymap, command registry, help,
 * Tab completion and key hints are all built from the list of features (src/features/index.ts).
 */
import type { DelveRpcClient } from '../delve/rpc.js';
import type { Session } from '../session/session.js';
import { theTarget, type MessageKind, type SessionState } from '../session/state.js';
import type { BpfTarget } from '../bpf/types.js';
import type { SourceFinder } from '../source/files.js';
import type { Rect } from '../core/rect.js';
import type { LabelPart, Row, TableHang } from '../core/text.js';

/** The program being debugged, as far as gotui remembers things for it (breakpoints, in DIR/.gotui/). */
export interface Project {
  /** Its module's directory (where go.mod is), or the binary's when it has none. */
  dir: string;
  /** Which program of the directory: a binary's path (relative to `dir` when inside it), `debug:PKG`, `test:PKG`. */
  key: string;
  /** Where its saved state is kept when not in `dir`/.gotui (a directory others may write: the user's own). */
  stateDir?: string;
}

/** What a feature's model may reach: the session, other features' models, Delve's side channel. */
/**
 * What memory inspection reads of the target beside Delve, each on demand: over SSH the binary's
 * symbols come from a copy made the first time (8-25 s in trial CB, where x waited for it).
 */
export interface TargetFiles {
  /** The binary's path as the target's mappings name it (there, over SSH), or the core's program. */
  binary(): Promise<string | undefined>;
  /** A file on this machine holding the binary's symbols: the running one's, a copy of a remote one, or a core's program. */
  symbols(): Promise<string | undefined>;
  /** The target's /proc/PID/maps, read where it runs; none for a core or a process not visible. */
  maps(): Promise<string | undefined>;
}

export interface FeatureHost {
  readonly session: Session;
  model<M extends object>(feature: Feature<M>): M;
  /** Delve's JSON-RPC API on the same port (a second connection); throws one sentence when there is none. */
  rpc(what: string): Promise<DelveRpcClient>;
  /** A JSON-RPC connection of the model's own (a long call blocks the connection it runs on); none on a `dlv dap` server. */
  openRpc(): Promise<DelveRpcClient | undefined>;
  /** The process bpftrace traces: its pid and binary, found without blocking Delve. */
  traceTarget(): Promise<BpfTarget>;
  /** The target's pid when its Delve runs on this machine, found without asking Delve (its ProcessPid blocks while the target runs). */
  targetPid(): number | undefined;
  /** The target's binary, its symbols and its mappings, each read only when asked for. */
  targetFiles(): TargetFiles;
  /** The core file opened (gotui core), whose segments are the memory there is. */
  coreFile(): string | undefined;
  /** Finds the files Delve names: here, by substitute-path rules, or on the target's host over SSH. */
  readonly sources: SourceFinder;
  /** The program's project, when gotui knows it and keeps state for it (not with --no-restore). */
  project(): Project | undefined;
  /** Whether saved breakpoints go in by themselves: only into a target gotui starts, never a running service it attaches to. */
  restoresSaved(): boolean;
  /** No screen (`gotui run`): what a model says names no key or pane. */
  readonly headless?: boolean;
}

/** What the app around a session does that the session cannot: ending, reconnecting, the screen. */
export interface AppControl {
  /** `leave` keeps an attached target as it is, `resume` lets it run first; owned targets are ended either way. */
  quit(how: 'ask' | 'leave' | 'resume' | 'kill', opts?: { keepBreakpoints?: boolean; confirmed?: boolean; interrupt?: boolean }): Promise<void>;
  detach(resume: boolean, opts?: { keepBreakpoints?: boolean; interrupt?: boolean }): Promise<void>;
  reconnect(): Promise<void>;
  /** What gotui is attached to and where its Delve listens, in lines (`:info`). */
  about(): Promise<string>;
  /** Focus a pane by feature id (a no-op without a screen). */
  focus(pane: string): void;
  /** Shows long text in a scrollable pager (without a screen, prints it). */
  page(title: string, text: string): void;
  /** No screen (`gotui run`, an embedder): what a pane would show is printed instead. */
  readonly headless?: boolean;
  /** Asks the user to pick one of `choices` (each runs a command line); without a screen, the first. */
  ask(question: string, choices: { key: string; label: string; command: string }[]): void;
  /**
   * Asks `question` (`Kill and restart the program?`, said with what gotui attached to) before harm to a
   * program gotui did not start, someone's service maybe; `choice` runs the answer. Returns whether it
   * asked: not for a program gotui started, nor without a screen (a script asked for it).
   */
  askFirst(question: string, choice: { key: string; label: string; command: string }): boolean;
  /** The command lines the user ran (keys as their commands), for :record; absent where nobody types. */
  readonly commandLog?: CommandLog;
  /** Keeps for :record a line that ran (a :source'd script's), `before`: the stop count before it ran. */
  recordLine?(line: string, before: number): void;
}

/** What :record reads and writes: the session's command lines, as a script replays them. */
export interface CommandLog {
  readonly lines: readonly string[];
  /** Writes every line so far to `file` and appends each new one, until `stop`. */
  start(file: string): void;
  /** Stops appending; returns the file it wrote, if it was writing one. */
  stop(): string | undefined;
}

export interface CommandContext {
  readonly session: Session;
  readonly app: AppControl;
  model<M extends object>(feature: Feature<M>): M;
  print(text: string, kind?: MessageKind): void;
  /**
   * Output that may be long (a stack, help, a value): the console when it is short, else the pager
   * (opened with line `at` in view); `row`: how one line of it reads alone on the command row (`x = 2`);
   * `hang`: a table's rows continue under its last column.
   */
  show(title: string, text: string, opts?: { at?: number; row?: string; hang?: TableHang }): void;
  /** Runs another command line (echoed), for commands built on others. */
  run(line: string): Promise<boolean>;
  /** Delve's JSON-RPC API (dump, funcs, types...); throws one sentence when the server has none. */
  rpc(what: string): Promise<DelveRpcClient>;
  /** The SSH host Delve runs on, when not this machine: files Delve writes (a dump) are there. */
  readonly host?: string;
}

/** One verb of a command with several (`mem follow`, `bpf stop`): help and Tab completion list them. */
export interface Subcommand {
  name: string;
  aliases?: string[];
  args?: string;
  summary: string;
  disabledReason?(ctx: CommandContext): string | undefined;
  run(ctx: CommandContext, args: string): Promise<void> | void;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** Argument synopsis, e.g. `LOC [if COND] [hit N]`. */
  args?: string;
  summary: string;
  /** Longer help: examples, what the arguments mean. */
  help?: string;
  /** Why the command cannot run now, if it cannot (shown in help instead of a failed request). */
  disabledReason?(ctx: CommandContext): string | undefined;
  subcommands?: readonly Subcommand[];
  /** What Tab completes its argument from: the target's functions and files, or the selected frame's variables. */
  completes?: 'location' | 'expression' | 'command';
  /** It brings a stop of its own (a continue, a step, a restart, a pause): :record places stops by it. */
  ownStop?: true;
  /**
   * It reads the stopped target, though the UI takes it while the target runs (`:flags` watches a
   * set until the next stop): a script (`gotui run`, `:source`) waits for a stop before it.
   */
  readsStop?: true;
  /** Runs the command; with subcommands, what runs when the first word names none of them. */
  run?(ctx: CommandContext, args: string): Promise<void> | void;
  /**
   * Shows, while the line is being typed, what the command would find (the finder's results as
   * the query grows); never acts, never fails aloud: Enter runs the command and says what is wrong.
   */
  preview?(ctx: CommandContext, args: string): Promise<void> | void;
}

/** What a binding may look at to build its command. */
export interface KeyContext {
  readonly session: SessionState;
  model<M extends object>(feature: Feature<M>): M;
  /** The feature whose pane has the focus. */
  readonly focus: string;
}

export type UiAction =
  | 'focus-next'
  | 'focus-prev'
  | `focus-${number}`
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'command-line'
  | 'help'
  | 'zoom'
  | 'suspend'
  | 'redraw';

export interface Binding {
  keys: string[];
  /** Where it works: a feature's pane (set from the feature that declares it), or everywhere. */
  pane?: string;
  description: string;
  /** A `:` command line built from the context (the same command objects the prompt runs)... */
  command?: (ctx: KeyContext) => string;
  /** ...or an action on the screen itself... */
  action?: UiAction;
  /** The key acts in the prompt, the pager and at a question too (Ctrl-Z, Ctrl-L: the terminal's, not a pane's). */
  everywhere?: boolean;
  /**
   * ...or the command prompt opened with this text, for the user to finish. Given as a string, the
   * words are the key's own (`bpf filter `): Ctrl-U and Ctrl-W keep them, Backspace there leaves.
   */
  prompt?: string | ((ctx: KeyContext) => string);
  /** Shown in the status bar's key hints (as what the key does now: `Space resume` while paused). */
  hint?: string | ((ctx: KeyContext) => string);
  /** Changes the target (run control, breakpoints, values, flags): not hinted to a read-only viewer. */
  changes?: true;
  /** Not echoed in the console: cursor movement that runs a command. */
  silent?: boolean;
  /** Why it does nothing here and now, if so: shown instead of a failed request. */
  disabledReason?: (ctx: KeyContext) => string | undefined;
  /** What the key would do where the cursor is, when that is narrower than `description` (said with a refusal). */
  doing?: (ctx: KeyContext) => string;
}

export interface PaneProps<M> {
  model: M;
  /** The pane's size (its border included). */
  rect: Rect;
  focused: boolean;
  /** The session's state, for run state and the stop number. */
  session: SessionState;
  /** The target has been running a while: what the pane shows is from an earlier stop (drawn dimmed). */
  stale: boolean;
}


/** What a pane shows: its title and note (in the top border), and the rows inside the border. */
export interface PaneView {
  /** Defaults to the feature's title; parts are joined by spaces. */
  title?: string | readonly LabelPart[];
  /** After the title: `12/120`, `goroutine 1`, `from stop 3`; parts are joined by ` · `. */
  note?: string | readonly LabelPart[];
  rows: readonly Row[];
  /** Data of an earlier stop while the target runs: drawn dimmed. */
  stale?: boolean;
  /**
   * The new stop's data is being read: the screen keeps the pane's last frame a moment (see
   * LOADING_HOLD_MS), so a read that comes back at once paints once, not twice.
   */
  loading?: boolean;
  /**
   * Rows the pane will likely show after the next step (the lines below the stop line, as the
   * stop line): drawn while the screen is idle, so that the step's paint finds them drawn.
   */
  likely?: readonly Row[];
}

/** A model the screen can watch: panes re-render when it notifies. */
export interface Watchable {
  subscribe(listener: () => void): () => void;
}

/** Something that adds a part to the status bar (pair debugging's presence): empty text shows nothing. */
export interface StatusPart extends Watchable {
  statusText(): string;
}

export interface Feature<M extends object = object> {
  readonly id: string;
  readonly title: string;
  /** Where its pane goes: the source area, the right column, or the bottom-left slot. */
  readonly slot: 'source' | 'right' | 'bottom';
  /** The key that focuses its pane, for panes past the ninth (the first nine have their digit). */
  readonly key?: string;
  readonly bindings: readonly Binding[];
  readonly commands: readonly Command[];
  /** Its model, made once per session (lazily, on first use). */
  create(host: FeatureHost): M & Watchable;
  /** What its pane shows, from the model, at a size: pure (rows of styled text, no React). */
  view(props: PaneProps<M>): PaneView;
}

/** A binding that always runs the same command line. */
export const cmd = (line: string) => (): string => line;

/** Why something that needs a stopped target does nothing now. */
export function whenStopped(ctx: { session: SessionState } | KeyContext): string | undefined {
  const status = ctx.session.status;
  return status === 'stopped' ? undefined : theTarget(status);
}

/** The same, for commands (their context holds the Session, not its state). */
export function commandWhenStopped(ctx: CommandContext): string | undefined {
  return whenStopped({ session: ctx.session.state });
}

/** Why run control (continue, step) does nothing now: another gotui drives, or the target is not stopped. */
export function whenDriving(ctx: { session: SessionState }): string | undefined {
  return ctx.session.runControlBlocked ?? whenRunnable(ctx);
}

export function commandWhenDriving(ctx: CommandContext): string | undefined {
  return whenDriving({ session: ctx.session.state });
}

/**
 * Why breakpoints cannot change now: Delve halts the target to change them and leaves the resuming to
 * the client whose request runs it, so only that client may change them while it runs (the session
 * refuses the others' in the same words).
 */
export function whenBreakpointsChange(ctx: { session: SessionState }): string | undefined {
  const s = ctx.session;
  // The peer named when a gotui runs it, not "another client".
  return s.status === 'running' && !s.runByMe ? `${s.runner ?? 'another client'} runs the target, and breakpoints change only while it is stopped` : undefined;
}

/** Why pause does nothing now. */
export function whenRunning(ctx: { session: SessionState }): string | undefined {
  const s = ctx.session;
  if (s.postMortem) return 'this is a core file: nothing runs';
  // A halted target is the reason first: "alice drives" would say it runs.
  return s.status === 'running' ? s.runControlBlocked : theTarget(s.status);
}

/** Why run control does nothing now: a core file never runs; otherwise the target must be stopped. */
export function whenRunnable(ctx: { session: SessionState } | KeyContext): string | undefined {
  if (ctx.session.postMortem) return 'this is a core file: nothing runs';
  // The way on: a program gotui started runs again under the same Delve.
  if (ctx.session.status === 'exited' && ctx.session.delveStarted) return 'the target has exited; :restart runs it again';
  return whenStopped(ctx);
}

export function commandWhenRunnable(ctx: CommandContext): string | undefined {
  return whenRunnable({ session: ctx.session.state });
}
