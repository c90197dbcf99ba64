import fs from 'node:fs';
import path from 'node:path';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { DapClient, DapRequestError, DapTimeoutError } from '../dap/client.js';
import { detectFeatures, type DelveFeatures } from '../delve/capabilities.js';
import { describeError, UserError } from '../errors.js';
import { Emitter } from '../core/emitter.js';
import { Store } from '../core/store.js';
import { chooseGoroutine } from './threads.js';
import { describeFatal, describeSignal, type Evaluate } from './signal.js';
import { NO_CODE_HINT, applyVerification, breakpointPlace, breakpointRequests, breakpointName, conditionFailure, describeStopReason, isKeptBy, othersName, reconcileBreakpoints, reachedName, whoseBreakpoint, type BreakpointSpec, type Owner, type ServerBreakpoint } from './breakpoints.js';
import {
  initialState,
  isUserFrame,
  ownFrame,
  type Breakpoint,
  type DataWatch,
  type Frame,
  type FramesPage,
  type MessageKind,
  type Scope,
  type Selection,
  type SessionEvents,
  type SessionState,
  type StopInfo,
  type Variable,
  theTarget,
  atEntry,
  packageOf,
} from './state.js';
import { formatCount, nearestNames, shortPlace } from '../core/text.js';
import { delveMessage, missingNameWords } from '../delve/said.js';
import type { CoreCut } from '../postmortem/core-file.js';
import { fullFrameName, gorootSrcOf, linknameOf, namedElsewhere } from './frame-names.js';
import { Silence, type SilencePath } from './silence.js';

export interface AttachOptions {
  /** Halt the target on attach (otherwise a running target keeps running). */
  stop: boolean;
  /**
   * Asked after initialize, before attach, when a side channel may connect (a `dlv dap` server
   * takes its first connection as the session): is the target already halted (so attach must not
   * resume it), and which Delve is this.
   */
  probe?: () => Promise<Probed>;
  /** Delve's version, when known before attaching (from `dlv version` or JSON-RPC GetVersion). */
  version: string;
  owned: boolean;
  /** The main module's path, when read from the binary's build info. */
  mainModule?: string;
  /** A core file (`dlv core`): attached halted, and nothing may run it; `reason` is its stop's (how the process ended), `cut` when the file ends early. */
  postMortem?: { reason: string; cut?: CoreCut };
  /** How long each step of the handshake may take (a silent server fails within this). */
  handshakeMs?: number;
  /**
   * Attach over DAP only once the target is halted (told by `observe`). Delve's DAP attach halts
   * a running target, and while another client's DAP continue runs, Delve answers it only at the
   * next stop: a gotui joining others (or a viewer that must change nothing) waits for a stop.
   */
  lazy?: boolean;
}

/** What the JSON-RPC side channel tells before attach. */
export interface Probed {
  halted?: boolean;
  version?: string;
  lazy?: boolean;
  /** Delve started the process (false: it attached to a running one); unknown without JSON-RPC. */
  delveStarted?: boolean;
}

/** What Delve's JSON-RPC state says the target does now, as another client may have made it. */
export type Observed =
  | { running: true; by?: string }
  | {
      running: false;
      goroutine?: number;
      reason: string;
      description?: string;
      hitBreakpointIds?: number[];
      /** The stop differs from the one the session shows (another client ran the target in between). */
      moved: boolean;
      /** Who made the stop; absent for this gotui's own halt (a relayed p). */
      by?: string;
      /** The number the peer whose run it was gave its stop: stop numbers agree across gotuis. */
      number?: number;
      /** Where the peer's run to a place arrived (its temporary breakpoint, which is another's here). */
      reached?: string;
    };

/** Requests a read-only viewer sends: they read the stopped target and change nothing. */
const READ_REQUESTS = new Set(['threads', 'stackTrace', 'scopes', 'variables', 'evaluate', 'source', 'disassemble', 'readMemory', 'loadedSources', 'exceptionInfo', 'modules', 'disconnect']);
/** Requests by which Delve changes breakpoints (it halts the target for them, and leaves the resuming to whoever runs it). */
const BREAKPOINT_REQUESTS = new Set(['setBreakpoints', 'setFunctionBreakpoints', 'setInstructionBreakpoints', 'setDataBreakpoints']);

/** A run request unanswered this long is said to be (Delve answers one before it runs). */
const SLOW_RUN_MS = 2_000;
/** How many lines below one with no statement gotui looks for one that has (see nextStatement): past an import block and type declarations (trial CH). */
const NEXT_STATEMENT_LINES = 240;
/** How many of those lines are asked of Delve at once: one round trip each batch, not one each line (a remote Delve). */
const NEXT_STATEMENT_BATCH = 24;
/** How long a run waits for what the last step says of its stop (see sayAtStop). */
const STOP_WORDS_MS = 1_500;

/** A server that accepts and then says nothing fails the handshake within this. */
export const HANDSHAKE_MS = 3_000;

/** Frames asked for at a stop: enough for the stack pane; the rest page in when scrolled to. */
export const FRAME_PAGE = 64;
/** Highest line number a breakpoint may name (Delve drops the connection on absurd ones). */
export const MAX_LINE = 10_000_000;

/**
 * The debugging session: drives Delve over DAP, keeps the protocol state (run state, the last stop,
 * what is selected, breakpoints) and announces what happened as typed events. It knows nothing of
 * panes or React. Methods throw UserError for what the user can fix.
 */
/** A breakpoint asked for where one of this gotui's is already (Delve keeps one a line): that one rides along. */
/** Another client's breakpoint is where one was asked for: Delve keeps one a place, and it stops the target for everyone. */
export class OthersBreakpointThere extends UserError {}

export class BreakpointThere extends UserError {
  constructor(
    readonly existing: Breakpoint,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

export class Session extends Store<SessionState> {
  readonly events = new Emitter<SessionEvents>();
  features: DelveFeatures = detectFeatures({}, '?');
  private client: DapClient | undefined;
  private nextBreakpointId = 1;
  /** A run-to's temporary breakpoints count down from -1: they take none of the numbers the user types (trial AX: :break became #7, then #11). */
  private nextTemporaryId = -1;
  /** Vetoes of breakpoint addresses from features that hold them (the eBPF lane's uprobes). */
  private readonly addressGuards = new Set<(addresses: readonly bigint[]) => void>();
  /** Bumped at every stop and every resume: work for an older generation is dropped. */
  private generation = 0;
  /** Bumped when gotui asks Delve to restart the target: endings said later belong to an older process. */
  private run = 0;
  private restartAsked = 0;
  private stopNumber = 0;
  /** The highest number a pair peer gave a stop: this gotui's next stop that no peer numbers goes above it. */
  private peerNumbered = 0;
  /** A run request Delve did not answer in time (it may still carry it out): until a stop or the end. */
  private unansweredRun: string | undefined;
  /** Whether Delve answers, from both ways gotui asks it: the only judge of `state.silent`. */
  private silence = new Silence();
  /** GOROOT's src/ folder as the target's runtime frames give it (see fullFrameName). */
  private gorootSrc: string | undefined;
  /** Files under GOROOT read for their //go:linkname lines (null: not on this machine). */
  private readonly gorootLines = new Map<string, string[] | null>();
  /** What steps say of their stops, read there (see sayAtStop). */
  private stopWords = new Set<Promise<unknown>>();
  /** While a reconnect attaches: the stop shown when the connection dropped. */
  private beforeDrop: { stop: StopInfo; top?: Frame } | undefined;
  private disposers: (() => void)[] = [];
  /** Set once gotui disconnects on purpose: Delve's `terminated` then means "session over", not "target gone". */
  private leaving = false;
  /** A run-control request is on its way: quitting waits for its answer. */
  private inflight: Promise<unknown> | undefined;
  /** What resumed the target last: a step still running will halt it when it finishes. */
  /** Attaching again after a drop (reconnect): the server there was this session's Delve. */
  private reattaching = false;
  private resumedBy: SessionEvents['resumed']['by'] | undefined;
  /** What a run-control request not yet answered will do. */
  private resuming: 'continue' | 'step' | undefined;
  /** A model takes the selected frame's scopes from each stop (batch mode makes models only when a command needs one). */
  private scopesRead = false;
  private scopeLists = { generation: -1, byFrame: new Map<number, Promise<P.Scope[]>>() };
  /** The target's exit code, once Delve said it. */
  private exitCode: number | undefined;

  /** The target's exit code, once it has exited and Delve said so. */
  get targetExitCode(): number | undefined {
    return this.exitCode;
  }
  /** The temporary instruction breakpoint of a `nexti` over a call, until the next stop. */
  private stepOver: bigint | undefined;
  /** Where that temporary breakpoint was, for the stop it made: a step, not a breakpoint. */
  private nextiLanding: bigint | undefined;
  /** Waiting for the next stop (while leaving). */
  private stopWaiters: (() => void)[] = [];
  /**
   * This session's own DAP request runs the target (its stop comes as a DAP event); false when another
   * client's does. Kept in the state: the keys that change breakpoints say "not now" while another client runs it.
   */
  private get runningByMe(): boolean {
    return !!this.state.runByMe;
  }
  private set runningByMe(byMe: boolean) {
    if (this.runningByMe !== byMe) this.set({ runByMe: byMe });
  }
  /**
   * Resolves when the debuggee's output, read by gotui from pipes of the Delve it started, has all
   * come (set by whoever owns that Delve); none when Delve's server prints it elsewhere.
   */
  outputDrain: (() => Promise<void>) | undefined;
  private endings: Promise<void> = Promise.resolve();
  /** This session's injected calls (`:call`, a flag's Set): see ownCalls. */
  private readonly calls = { running: 0, lastEnded: 0 };
  /** Calls a stop cut short, by name, oldest first: Delve finishes one at a later run, a stop of its own (see callCutShort). */
  private cutCalls: string[] = [];
  /** This session's own continue was running the target when the connection dropped. */
  private runningAtDrop = false;
  private stoppedAtDrop = false;
  /** A lazy attach waiting for the target to halt. */
  private pendingJoin: ((body: StopBody) => Promise<void>) | undefined;
  /**
   * A DAP handshake runs: its stopOnEntry "entry" event (sent before configurationDone's answer)
   * is not a stop to load; the attach loads the stop it found, as found (a second load was stop 2).
   */
  private handshaking = false;
  /** A stop is being loaded (announced once its data is in). */
  private loadingStop = false;
  /** Bumped at every breakpoint request: a list read from Delve before one is stale. */
  private breakpointEpoch = 0;
  /** Pauses a target another client runs (pair debugging relays it; Delve ignores anyone else's halt meanwhile). */
  pauseElsewhere: (() => Promise<void>) | undefined;
  /** Drops a step a breakpoint interrupted (JSON-RPC's CancelNext: DAP has none). */
  cancelStep: (() => Promise<void>) | undefined;
  /** A step of this gotui's that a breakpoint interrupted waits in Delve: the next continue, anyone's, would end it. */
  private stepCutShort = false;
  /** Delve said a step was cut short before the stop that cut it: announced at that stop. */
  private cutUnsaid = false;
  /** Clears Delve's breakpoints by id, touching no other (JSON-RPC's ClearBreakpoint: DAP replaces whole lists). */
  clearInDelve: ((delveIds: readonly number[], timeoutMs: number) => Promise<void>) | undefined;
  /** The current thread's frames and a reader of their values (JSON-RPC: DAP lists goroutines only), for a fatal error thrown off any goroutine. */
  threadFrames: (() => Promise<{ frames: Frame[]; evaluate: Evaluate }>) | undefined;
  /** The current thread's registers (JSON-RPC), where no goroutine's frame can give them (a cut core). */
  threadRegisters: (() => Promise<{ name: string; value: string }[]>) | undefined;
  /**
   * The Delve id of the user breakpoint whose condition held where the stopped thread is (JSON-RPC
   * State), if any; or that the stop is an injected call's end (Delve's `call returned`).
   */
  breakpointHere: (() => Promise<{ breakpoint?: number; callReturned?: boolean }>) | undefined;
  /**
   * Where Delve would put a breakpoint for a location spec, asked without setting one (JSON-RPC's
   * FindLocation, which blocks while the target runs): undefined when it cannot say.
   */
  locate: ((spec: string) => Promise<{ file: string; line: number; optimized?: boolean } | undefined>) | undefined;
  /**
   * Makes `goroutine` Delve's current one before a call (JSON-RPC's switchGoroutine, as the dlv CLI
   * does): Delve's DAP call reads the current goroutine, and fails with a nil dereference when a
   * pause left its current thread on none (Delve 1.27.1, service/dap doCall).
   */
  beforeCall: ((goroutine: number) => Promise<void>) | undefined;
  /** The last step asked, sent again once the one it was refused for is dropped (once). */
  private lastStep: { kind: 'next' | 'stepIn' | 'stepOut'; args: P.NextArguments; retried: boolean } | undefined;
  /**
   * Reads every client's breakpoints from Delve into the list (pair debugging sets it). DAP sends a
   * file's whole list, and all function breakpoints, at once: one missing a peer's takes it out.
   */
  learnBreakpoints: (() => Promise<void>) | undefined;
  /** How the first attach found a target gotui did not start (quitting asks as found): unknown for one gotui started, or a core. */
  foundAs: 'running' | 'halted' | undefined;
  /** The target ran from a stop since gotui attached (found halted, it is no longer where it was found). */
  ranSinceAttach = false;

  constructor(label: string) {
    super(initialState(label));
    this.events.onListenerError = (err, event) => this.log(`Internal error while handling '${event}': ${describeError(err)}`, 'error');
  }

  get connected(): boolean {
    return !!this.client && !this.client.closed;
  }

  /** gotui is leaving: what changes now (breakpoints removed on the way out) is not the user's doing. */
  get isLeaving(): boolean {
    return this.leaving;
  }

  /**
   * Says that a model takes the scopes a stop event carries: a stop loads them only once one does
   * (two requests of a `continue` in a batch script that only prints, a quarter of its time).
   */
  readScopesAtStops(): void {
    this.scopesRead = true;
  }

  /** Set by an app that reconnects by itself after a drop (and says so): the drop's sentence then gives no advice of its own. */
  reconnects = false;

  /** The number of the last stop (0 before the first): data read at a stop is tagged with it. */
  get stopCount(): number {
    return this.state.stop?.number ?? 0;
  }

  /** The frame the user looks at. */
  currentFrame(): Frame | undefined {
    return this.state.selection?.frame;
  }

  /**
   * Delve went silent (a request asked `at` past its limit, or the pair poller's looks unanswered) or
   * spoke again `at` (performance.now()): said once each way per silence, whichever way saw it, and
   * shown in the status bar meanwhile.
   */
  noteSilence(silent: boolean, from: SilencePath, at: number): void {
    if (this.leaving) return;
    if (!(silent ? this.silence.unanswered(from, at) : this.silence.answered(from, at))) return;
    this.set({ silent: silent || undefined });
    if (silent) this.log(`Delve at ${this.client?.peer ?? 'its address'} is not answering: the screen shows the target as last seen. ${this.whySilent()}.`, 'warning');
    else this.log('Delve answers again.', 'info');
  }

  /** Why Delve may be silent, as the app around the session can see it (a local Delve's process stopped: trial CC). */
  silenceReason: (() => string | undefined) | undefined;

  /** Why Delve is silent, or what may be the cause, and how to know. */
  whySilent(): string {
    return this.silenceReason?.() ?? "It may be stuck (another client's dump of a core, say); dlv connect to it says whether it answers anyone";
  }

  /** One line (or several) of gotui's own words for the console. */
  log(text: string, kind: MessageKind = 'info'): void {
    this.events.emit('message', { text, kind });
  }

  // ---- attaching -----------------------------------------------------------------------------

  /** Runs DAP initialize + attach (mode remote) on an open connection and waits until configuration is done. */
  async attach(client: DapClient, opts: AttachOptions): Promise<void> {
    this.client = client;
    this.leaving = false;
    const onEvent = (e: P.Event) => this.onEvent(e);
    const onClose = (reason: string) => this.onClose(reason);
    const onSilent = (silent: boolean, at: number) => this.noteSilence(silent, 'dap', at);
    client.on('event', onEvent);
    client.on('close', onClose);
    client.on('silent', onSilent);
    this.disposers.push(() => {
      client.off('event', onEvent);
      client.off('close', onClose);
      client.off('silent', onSilent);
    });

    const within = opts.handshakeMs ?? HANDSHAKE_MS;
    const silent = (what: string) => (err: unknown) => {
      if (err instanceof UserError && /did not answer/.test(err.message)) {
        // Attaching again where Delve served this session: it is that Delve, stuck or still held by the link that dropped (trial L: a hung SSH link).
        if (this.reattaching) throw new UserError(`${client.peer} accepted the connection but did not answer ${what} within ${within / 1000}s: the Delve there is not answering (stuck, or still held by the connection that dropped).`, 'gotui tries again; dlv connect to the same address says whether Delve answers anyone.');
        throw new UserError(`${client.peer} accepted the connection but did not answer ${what} within ${within / 1000}s: it is not a Delve that is serving.`, 'Check the port, and that Delve runs headless with --accept-multiclient (--handshake-timeout DUR waits longer on a slow link).');
      }
      throw err;
    };
    const init = await client.request<P.InitializeResponse>('initialize', {
      clientID: 'gotui',
      clientName: 'gotui',
      adapterID: 'go',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
      supportsVariableType: true,
      supportsVariablePaging: true,
      supportsMemoryReferences: true,
      supportsRunInTerminalRequest: false,
    } satisfies P.InitializeRequestArguments, within).catch(silent("DAP's initialize"));
    const caps = init.body ?? {};
    const seen = (await opts.probe?.().catch(() => undefined)) ?? {};
    if (!this.foundAs && !opts.owned && !opts.postMortem && seen.halted !== undefined) this.foundAs = seen.halted ? 'halted' : 'running';
    const version = seen.version ?? opts.version;
    this.features = detectFeatures(caps, version);
    this.set({ capabilities: caps, delveVersion: version, owned: opts.owned, delveStarted: opts.owned || (seen.delveStarted ?? this.state.delveStarted), ...(opts.mainModule ? { mainModule: opts.mainModule } : {}), ...(opts.postMortem ? { postMortem: true } : {}), ...(opts.postMortem?.cut ? { coreCut: opts.postMortem.cut } : {}) });

    // Joined while the target runs: the DAP session opens at the next stop (see AttachOptions.lazy).
    const joinAtNextStop = () => {
      const join = async (body: StopBody) => {
        this.pendingJoin = undefined;
        try {
          await this.handshake(client, { ...opts, stop: true }, within, silent);
        } catch (err) {
          // The target ran again before Delve answered: try at the next stop.
          this.pendingJoin = join;
          throw err;
        }
        if (this.state.status === 'running') await this.loadStop(body);
      };
      this.pendingJoin = join;
      this.set({ status: 'running' });
      this.events.emit('connected', { delveVersion: version });
    };
    if ((opts.lazy || seen.lazy) && seen.halted === false) return joinAtNextStop();
    // Attaching halts the target and configurationDone resumes it: a target someone halted stays halted.
    // A core never runs: configurationDone without stopOnEntry would try to continue it.
    const stop = opts.stop || !!seen.halted || !!opts.postMortem;
    // --stop on a halted target halts nothing: the stop is as found, not a pause of this session's.
    // A program gotui started halts at its entry (Delve's exec): that stop is its entry, no one's pause or find.
    const found = !!seen.halted && !opts.postMortem && !opts.owned;
    try {
      await this.handshake(client, { ...opts, stop }, within, silent);
    } catch (err) {
      // Halted when asked, running by the handshake's end: another connection's continue took it on
      // again (a link that dropped mid-continue leaves its continue running in Delve, and Delve
      // resumes it after attach's halt). Joined at the next stop, as a running target is.
      if (opts.postMortem || !/debuggee is running/.test(describeError(err))) throw err;
      // Said of both, as gotui cannot tell them apart (trial CM: a dlv CLI's continue was called a connection that dropped).
      this.log("Delve runs the target on for another client's continue (the dlv CLI's, or a connection that dropped mid-continue): gotui shows it from its next stop; p asks Delve to halt it.", 'info');
      return joinAtNextStop();
    }
    // Re-attached after a drop, a halt is the drop's (or gotui's own stop kept): not one found on arrival.
    this.events.emit('connected', { delveVersion: version });
    if (found && !this.beforeDrop) this.log(`The target was already halted; gotui leaves it halted${opts.stop ? ' (--stop had nothing to halt)' : ''}.`, 'info');
    // Delve resumes at configurationDone unless stopOnEntry; a `stopped` event says otherwise.
    if (this.state.status === 'connecting') {
      // `--stop` halted a target Delve said was running: that halt is this session's, as a pause
      // after its own continue would be (a vanished terminal lets it run again; q asks).
      if (stop && seen.halted === false && !opts.postMortem) this.runningByMe = true;
      // A core was not paused by anyone: it is where the process was when the core was written.
      if (stop) await this.loadStop({ reason: opts.postMortem?.reason ?? (opts.owned ? 'entry' : 'pause'), allThreadsStopped: true, ...(found ? { found: true } : {}) });
      else {
        // configurationDone resumed it: this session's DAP continue runs the target now.
        this.runningByMe = true;
        this.set({ status: 'running' });
      }
    }
  }

  /** DAP attach (mode remote), `initialized`, breakpoints and configurationDone. */
  private async handshake(client: DapClient, opts: AttachOptions, within: number, silent: (what: string) => (err: unknown) => never): Promise<void> {
    this.handshaking = true;
    try {
      await this.handshakeOnce(client, opts, within, silent);
    } finally {
      this.handshaking = false;
    }
  }

  private async handshakeOnce(client: DapClient, opts: AttachOptions, within: number, silent: (what: string) => (err: unknown) => never): Promise<void> {
    const stop = opts.stop;
    const initialized = new Promise<void>((resolve) => {
      const once = (e: P.Event) => {
        if (e.event === 'initialized') {
          client.off('event', once);
          resolve();
        }
      };
      client.on('event', once);
    });
    await client.request('attach', { mode: 'remote', stopOnEntry: stop, showRegisters: true }, within).catch(silent('attach')).catch((err) => {
      if (!(err instanceof DapRequestError)) throw err;
      throw attachRefusal(client.peer, err.message);
    });
    await Promise.race([initialized, new Promise((_, reject) => setTimeout(() => reject(new UserError(`Delve at ${client.peer} never said it was initialized.`)), within).unref())]);
    await this.configure(within);
  }

  private requireClient(): DapClient {
    if (!this.client || this.client.closed) throw new UserError('Not connected to Delve.', 'Use :reconnect on a multi-client server, or :quit.');
    return this.client;
  }

  /** Rejects (never throws) when not connected or refused, so `.catch` on a request covers a connection gone mid-way. */
  async request<R extends P.Response>(command: string, args?: unknown, timeoutMs?: number): Promise<R> {
    const isCall = command === 'evaluate' && /^\s*call\s/.test((args as { expression?: string })?.expression ?? '');
    if (this.state.readOnly && (!READ_REQUESTS.has(command) || isCall)) {
      throw this.readOnlyError();
    }
    if (BREAKPOINT_REQUESTS.has(command) && this.state.status === 'running' && !this.runningByMe) {
      // Delve halts the target to change breakpoints and leaves the resuming to the client that runs it: from here it would wait, or stop it for good.
      // A follower's p is refused too: the way for it is the driver, or the wheel.
      const blocked = this.state.runControlBlocked;
      throw new UserError(`Breakpoints can change only while the target is stopped: ${this.state.runner ?? 'another client'} runs it now.`, blocked ? `Ask the driver to pause, then set it (${blocked}).` : 'Pause first (p), or ask whoever runs it (:who).');
    }
    const client = this.requireClient();
    if (BREAKPOINT_REQUESTS.has(command)) {
      // The epoch moves at the request and again at its answer: a list of Delve's read in between may
      // hold a new breakpoint (or a location probe) before the answer says it is this gotui's; taken
      // for another client's, it would be sent back and stay in Delve.
      this.breakpointEpoch++;
      return client.request<R>(command, args, timeoutMs).finally(() => this.breakpointEpoch++);
    }
    if (!isCall) return client.request<R>(command, args, timeoutMs);
    // A call runs every goroutine and leaves the threads elsewhere.
    return this.asOwnRun(() => client.request<R>(command, args, timeoutMs));
  }

  /**
   * `fn`, a request that runs the target or shows it running to anyone who asks Delve (an injected
   * call; any JSON-RPC Command, even one that runs nothing): what Delve's state says meanwhile is
   * this session's doing (ownCalls), and other gotuis are told so.
   */
  async asOwnRun<T>(fn: () => Promise<T>): Promise<T> {
    if (this.calls.running++ === 0) this.events.emit('calling', { on: true });
    try {
      return await fn();
    } finally {
      this.calls.lastEnded = performance.now();
      if (--this.calls.running === 0) this.events.emit('calling', { on: false });
    }
  }

  /**
   * A call of this session's a stop cut short (Delve says `call stopped`), named as its end is to be
   * said (`the Set call of edit #1`): Delve may finish it at a later run, whose stop is then named for it.
   */
  callCutShort(name: string): void {
    this.cutCalls.push(name);
  }

  /** DAP requests sent and not answered yet (a stop's reads: stack, scopes, variables, registers). */
  get requestsInFlight(): number {
    return this.client?.inFlight ?? 0;
  }

  /**
   * This session's injected calls: how many run now, and when the last ended (performance.now(), 0
   * before any). Delve's state asked meanwhile shows this session's doing, not another client's.
   */
  get ownCalls(): Readonly<{ running: number; lastEnded: number }> {
    return this.calls;
  }

  /**
   * What this gotui may do (pair debugging): `runControl` says why it may not run the target now,
   * `readOnly` why it may change nothing at all, `runner` which peer's run runs the target (named
   * where a refusal would say "another client"). Keys and commands show the reasons; requests are
   * refused here, whatever sends them.
   */
  restrict(policy: { runControl?: string; readOnly?: string; runner?: string }): void {
    if (policy.runControl === this.state.runControlBlocked && policy.readOnly === this.state.readOnly && policy.runner === this.state.runner) return;
    const changed = policy.runControl !== this.state.runControlBlocked;
    this.set({ runControlBlocked: policy.runControl, readOnly: policy.readOnly, runner: policy.runner });
    if (changed) this.events.emit('restricted', policy.runControl ? { runControl: policy.runControl } : {});
  }

  /**
   * A pair peer numbers its stop `n` (its own, or the one both show): stops no peer numbers are
   * numbered above it, so that gotuis that counted apart (one joined later) agree from the next stop.
   */
  peerNumberedStop(n: number, shown = false): void {
    this.peerNumbered = Math.max(this.peerNumbered, n);
    // `shown`: the number of the stop the peers show now (said to one who joins), which is the halt
    // found on joining: it is that stop's (trial BE: Stop 1 beside the driver's stop 2).
    const stop = this.state.stop;
    if (shown && stop?.found && this.state.status === 'stopped' && stop.number === this.stopNumber && stop.number < n) {
      this.stopNumber = n;
      this.set({ stop: { ...stop, number: n } });
      // The console said it under the old number already (trial BG, at 80x24 over a busy machine).
      this.log(`Stop ${stop.number} is the other gotuis' stop ${n}: numbered so from here on.`, 'info');
      this.events.emit('renumbered', { from: stop.number, to: n });
    }
  }

  /** A `--follow` viewer changes nothing in the target, whichever channel would carry the change. */
  /** `what` changes the target: refused to a viewer, and on a core file (trial AJ: Delve's raw words after a yes). */
  requireWritable(what: string): void {
    this.requireLive(what);
    if (this.state.readOnly) throw this.readOnlyError();
  }

  private readOnlyError(): UserError {
    return new UserError(`Not done: ${this.state.readOnly}.`, 'Attach without --follow to debug the target yourself.');
  }

  private requireControl(): void {
    const why = this.state.runControlBlocked;
    if (why) throw new UserError(`Not now: ${why}.`, ':drive asks for the wheel; :who shows who drives.');
  }

  /** Run control on a core file: one sentence saying why nothing happens. */
  requireLive(what: string): void {
    if (this.state.postMortem) throw new UserError(`Cannot ${what}: this is a core file, a snapshot of a process that no longer runs.`, 'Every pane reads; to run the program, start it with gotui exec or gotui debug.');
  }

  requireStopped(what: string): void {
    const status = this.state.status;
    if (status === 'running') this.refuseWhileRunning(what);
    if (status !== 'stopped') throw new UserError(`Cannot ${what}: ${theTarget(status)}.`);
  }

  // ---- run control -------------------------------------------------------------------------

  /** Stopped, and no run of this session's on its way (Delve would refuse: "debuggee is running"). */
  private requireIdle(what: string): void {
    this.requireStopped(what);
    if (this.resuming && this.state.unanswered) this.refuseUnanswered(this.state.unanswered === 'step' ? this.lastStep?.kind ?? 'step' : 'continue');
    if (this.resuming) this.refuseWhileRunning(what);
  }

  /** Delve queues a run it has not answered and carries it out when it wakes: another would run twice. */
  private refuseUnanswered(command: string): never {
    throw new UserError(`Delve has not answered the '${command}' sent before; it carries it out when it does, so gotui sends no other run meanwhile.`, 'Wait for the stop; :quit leaves.');
  }

  /** A step of this session's still on its way is said as that (it may be stepping over a call that blocks). */
  private refuseWhileRunning(what: string): never {
    if (this.resuming === 'step' || (this.runsTarget && this.resumedBy === 'step')) throw new UserError(`Cannot ${what} yet: the last step has not stopped (a call it steps over may be waiting).`, 'p pauses the target where it is.');
    throw new UserError(`Cannot ${what} while the target is running.`, 'Pause it first (p, or :pause).');
  }

  async continue(): Promise<void> {
    this.requireLive('continue');
    this.requireControl();
    this.requireIdle('continue');
    await this.resume('continue', () => this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }));
  }

  /** Steps the selected goroutine from its innermost frame, as the dlv CLI does. */
  async step(kind: 'next' | 'stepIn' | 'stepOut', granularity?: 'instruction'): Promise<void> {
    this.requireLive('step');
    this.requireControl();
    const what = kind === 'next' ? 'step over' : kind === 'stepIn' ? 'step in' : 'step out';
    this.requireIdle(what);
    // Delve's DAP would stop at once with a bare `error` (its placeholder goroutine 1 cannot be switched to; trial AE).
    if (atEntry(this.state)) throw new UserError(`Cannot ${what} yet: the program is halted at its entry, before Go's runtime has made a goroutine to step.`, 'Set a breakpoint (:break main.main) and continue (c).');
    const goroutine = this.state.selection?.goroutine;
    if (goroutine === undefined) throw new UserError('There is no goroutine to step.', 'Select one in the goroutines pane.');
    const args = { threadId: goroutine, ...(granularity ? { granularity } : {}) };
    this.lastStep = { kind, args, retried: false };
    await this.resume('step', () => this.request(kind, args));
  }

  /**
   * One machine instruction of the selected goroutine (`stepi`). With `over`, the address after the
   * instruction at the pc when that is a call: Delve's DAP steps into calls at instruction
   * granularity, so `nexti` runs to a temporary instruction breakpoint there, removed at the next stop.
   */
  async stepInstruction(over?: bigint): Promise<void> {
    if (over === undefined) return this.step('stepIn', 'instruction');
    this.requireLive('step');
    this.requireControl();
    this.requireIdle('step over an instruction');
    this.stepOver = over;
    try {
      await this.sendInstructionBreakpoints();
    } catch (err) {
      this.stepOver = undefined;
      throw err;
    }
    await this.resume('continue', () => this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }));
  }

  async pause(): Promise<void> {
    this.requireLive('pause');
    this.requireControl();
    if (this.state.status === 'stopped') throw new UserError('The target is already stopped.');
    // Another client runs it: Delve lets only that client's DAP session stop it (see pauseElsewhere).
    if ((!this.runningByMe || !this.connected || this.pendingJoin) && this.pauseElsewhere) return this.pauseElsewhere();
    await this.request('pause', { threadId: this.state.selection?.goroutine ?? 1 });
  }

  /** Stopped where this session's own run (a continue, a step) ended: not as found, not after another client's run. */
  get haltedByMe(): boolean {
    return this.state.status === 'stopped' && this.runningByMe;
  }

  /**
   * A pair peer that halted the target (its own run or pause) left it so: this session answers for
   * that halt as for its own, and lets the target run if it ends unattended with nobody else present.
   */
  adoptHalt(found?: 'running' | 'halted'): void {
    if (this.state.status !== 'stopped') return;
    this.runningByMe = true;
    // Found halted because the peer had halted it: as found is as the peer found it (trial AG).
    if (found) this.foundAs = found;
  }

  /** Whether this session's own DAP request runs the target (only it can pause it through DAP). */
  get runsTarget(): boolean {
    return this.state.status === 'running' && this.runningByMe;
  }

  /** A breakpoint on the step's own way ended it at this stop (Delve drops the step there): announced for pair peers. */
  saidStepEnded(): void {
    this.events.emit('step-cut', { stop: this.stopCount, how: 'ended' });
  }

  /** A step out's return values, read at its stop: announced for those who show them elsewhere (pair peers). */
  saidReturned(text: string): void {
    this.events.emit('returned', { text });
  }

  /**
   * `words`: what a step will say of its stop, read at that stop (what a step out returned, which
   * Delve keeps only until the target runs), or what a pane reads there that the next stop is
   * compared with (the Watch pane's values). The next run waits for them (bounded): typed ahead,
   * `o o` would otherwise run on before the first one's values are read (trial P).
   */
  sayAtStop(words: Promise<unknown>): void {
    const held: Promise<unknown> = words.catch(() => undefined).finally(() => this.stopWords.delete(held));
    this.stopWords.add(held);
  }

  /**
   * The run this session asked for may end in no stop Delve tells it of (another client's restart
   * replaced its process: Delve's DAP may run the new one on, or leave it halted at its entry): a
   * halt a poll finds is taken as the stop from now on, as another client's.
   */
  lostRun(): void {
    if (this.state.status === 'running') this.runningByMe = false;
  }

  /**
   * Delve sends no `continued` for continue, and a short step's `stopped` may beat the step's
   * response: the target counts as running from the request on, unless a stop came meanwhile.
   */
  private async resume(by: 'continue' | 'step', send: () => Promise<unknown>): Promise<void> {
    if (this.stopWords.size) await Promise.race([Promise.all(this.stopWords), new Promise((r) => setTimeout(r, STOP_WORDS_MS).unref())]);
    // Delve queues a run it has not answered and carries it out when it wakes: another would run twice.
    if (this.unansweredRun) this.refuseUnanswered(this.unansweredRun);
    const gen = this.generation;
    this.resuming = by;
    // Delve's word of a cut step belongs to the stop after it: one never shown (gotui leaving) is not the next run's.
    this.cutUnsaid = false;
    const before = this.state.stop;
    this.runningByMe = true;
    // Sent first: what hears of the run (the screen's hold, the pair's peers) does its part while Delve runs.
    const sent = send();
    this.events.emit('resuming', { by });
    this.inflight = sent.catch(() => undefined);
    // Delve answers a run before it runs: one unanswered this long is Delve (or the link) stuck, and
    // the screen would otherwise show the old stop as if nothing had been asked.
    const slow = setTimeout(() => {
      this.log(`Delve has not answered the ${by} yet: the screen shows the stop before it until Delve does (up to 15 s).`, 'warning');
      this.set({ unanswered: by });
    }, SLOW_RUN_MS);
    let queued = false;
    try {
      await sent;
    } catch (err) {
      if (err instanceof DapTimeoutError) this.unansweredRun = err.command;
      queued = err instanceof DapTimeoutError;
      throw err;
    } finally {
      clearTimeout(slow);
      // Still queued in Delve after a timeout: said until the stop comes.
      if (!queued && this.state.unanswered) {
        this.log(`Delve answers again: the ${by} it held runs now.`, 'info');
        this.set({ unanswered: undefined });
      }
      this.inflight = undefined;
      this.resuming = undefined;
    }
    if (this.state.status !== 'stopped') return;
    if (gen === this.generation) this.markRunning(by);
    else if (this.state.stop === before) {
      // The next stop came with the answer and is still loading: the old stop is over all the same
      // (its generation stays, so the loading stop lands).
      this.resumedBy = by;
      this.set({ status: 'running' });
      this.events.emit('resumed', { by });
    }
  }

  private markRunning(by: SessionEvents['resumed']['by']): void {
    this.generation++;
    this.resumedBy = by;
    if (this.state.status === 'stopped') this.ranSinceAttach = true;
    this.set({ status: 'running' });
    this.events.emit('resumed', { by });
  }

  /** Resolves at the next stop, or after `timeoutMs`; true when the target stopped. */
  private nextStop(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.stopWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Resolves at the first stop numbered above `since` (a stopCount read before resuming), when the
   * session ends, or after `timeoutMs` (without it, only then): for commands that run the target and
   * wait for where it lands.
   */
  waitForStop(since: number, timeoutMs?: number): Promise<StopInfo | 'ended' | 'timeout'> {
    const last = this.state.stop;
    if (last && last.number > since && this.state.status === 'stopped') return Promise.resolve(last);
    if (this.state.status === 'exited' || this.state.status === 'disconnected') return Promise.resolve('ended');
    return new Promise((resolve) => {
      const done = (v: StopInfo | 'ended' | 'timeout') => {
        offStop();
        offEnd();
        clearTimeout(timer);
        resolve(v);
      };
      const offStop = this.events.on('stop', (e) => e.stop.number > since && done(e.stop));
      const offEnd = this.events.on('ended', () => done('ended'));
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => done('timeout'), timeoutMs);
      timer?.unref();
    });
  }

  /**
   * Asks Delve to restart the target: its last stop is gone, and it runs after configurationDone.
   * The old process's `exited`/`terminated`, still waiting for its output to drain, are not the new one's.
   */
  async restart(args: unknown): Promise<void> {
    const run = ++this.run;
    // A new process has no call of the old one's to finish.
    this.cutCalls = [];
    // Said first, as a run is: the others' polls then take the new process for this gotui's doing.
    this.events.emit('resuming', { by: 'restart' });
    this.restartAsked++;
    try {
      await this.request('restart', args);
    } finally {
      this.restartAsked--;
    }
    if (run === this.run) this.runsAgain(true);
  }

  /** A restart of this session's is not answered yet: what a poll finds meanwhile is its doing, half done. */
  get restarting(): boolean {
    return this.restartAsked > 0;
  }

  /** How many restarts this session has asked Delve for (a new process after them is its own doing). */
  get restarts(): number {
    return this.run;
  }

  /** Another client restarted the target after it exited (the dlv CLI's restart): it runs again, as theirs. */
  restartedElsewhere(): void {
    if (this.state.status === 'exited') this.runsAgain(false);
  }

  /** A new process: the old one's exit code is forgotten; `byMe`, this session's request runs it. */
  private runsAgain(byMe: boolean): void {
    this.exitCode = undefined;
    this.runningByMe = byMe;
    this.markRunning('other');
  }

  /**
   * Waits (bounded) for run control on its way: a request not yet answered, then a step still
   * running (it halts the target when it ends). True when a step is still running after that.
   */
  async settle(timeoutMs = 500): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.inflight) await Promise.race([this.inflight, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    if (this.state.status === 'running' && this.resumedBy === 'step') await this.nextStop(Math.max(0, deadline - Date.now()));
    return this.state.status === 'running' && this.resumedBy === 'step';
  }

  /** Halts the target and waits (bounded) for the stop; a step in progress is cancelled by it (Delve's CancelNext on a manual stop). */
  async halt(timeoutMs = 500): Promise<boolean> {
    if (this.state.status !== 'running') return this.state.status === 'stopped';
    const stopped = this.nextStop(timeoutMs);
    await this.request('pause', { threadId: this.state.selection?.goroutine ?? 1 }, timeoutMs).catch(() => undefined);
    return stopped;
  }

  // ---- other clients ------------------------------------------------------------------------

  /** Stop `number`, said as `was`'s, was `by`'s (undefined: this gotui's own; pair debugging: a peer's word came after the stop, or a pause made for a peer). */
  nameStopMaker(number: number, was: string | undefined, by: string | undefined): boolean {
    const stop = this.state.stop;
    if (!stop || stop.number !== number || stop.by !== was) return false;
    const { by: _was, ...rest } = stop;
    this.set({ stop: by === undefined ? rest : { ...rest, by } });
    return true;
  }

  /**
   * What Delve's JSON-RPC state says now (polled by pair debugging): a run or a stop another client
   * made is announced with the same events as this session's own, the stop loaded the same way.
   * This session's own runs are told by DAP and not repeated here.
   */
  async observe(o: Observed): Promise<void> {
    const status = this.state.status;
    if (this.leaving || this.handshaking || this.loadingStop || this.resuming || this.inflight || this.restarting || this.calls.running || (status !== 'running' && status !== 'stopped')) return;
    if (o.running) {
      if (status === 'stopped') {
        this.runningByMe = false;
        this.markRunning('other');
      }
      return;
    }
    if (status === 'running' && this.runningByMe && !this.pendingJoin) return;
    if (status === 'stopped' && !o.moved) return;
    if (status === 'stopped') this.markRunning('other');
    // A stop named by nobody is this gotui's own halt of another client's run (a p relayed through
    // JSON-RPC): it answers for it as for its own, and hands it on when it leaves (trial AG).
    this.runningByMe = !o.by;
    const body: StopBody = {
      reason: o.reason,
      allThreadsStopped: true,
      ...(o.goroutine ? { threadId: o.goroutine } : {}),
      ...(o.description ? { description: o.description } : {}),
      ...(o.hitBreakpointIds ? { hitBreakpointIds: o.hitBreakpointIds } : {}),
      ...(o.by ? { by: o.by } : {}),
      ...(o.number ? { number: o.number } : {}),
      ...(o.reached ? { reached: o.reached } : {}),
    };
    if (this.pendingJoin) await this.pendingJoin(body);
    else await this.loadStop(body);
  }

  /** True until a lazy attach has opened the DAP session (see AttachOptions.lazy). */
  get waitingToJoin(): boolean {
    return !!this.pendingJoin;
  }

  /**
   * Makes breakpoints listed as another client's this session's own (Delve's ids): ones a gotui set
   * before its link dropped, left in Delve. Quitting then removes them. Those taken.
   */
  takeBack(delveIds: readonly number[]): Breakpoint[] {
    const taken = this.state.breakpoints.filter((b) => b.by !== undefined && b.delveId !== undefined && delveIds.includes(b.delveId));
    if (!taken.length) return [];
    this.setBreakpoints(this.state.breakpoints.map((b) => {
      if (!taken.includes(b)) return b;
      const { by: _by, byNumber: _n, ...own } = b;
      return own;
    }));
    return this.state.breakpoints.filter((b) => b.delveId !== undefined && delveIds.includes(b.delveId) && b.by === undefined);
  }

  /** Counts breakpoint requests: pass it with a list read from Delve (see syncBreakpoints). */
  get breakpointsEpoch(): number {
    return this.breakpointEpoch;
  }

  /**
   * Makes the breakpoints agree with Delve's list of every client's (read at `epoch`; a list read
   * before one of this session's own requests is stale and dropped). Returns what others added and removed.
   */
  syncBreakpoints(server: readonly ServerBreakpoint[], epoch: number, by: (b: ServerBreakpoint) => Owner): { added: Breakpoint[]; removed: Breakpoint[] } {
    if (epoch !== this.breakpointEpoch) return { added: [], removed: [] };
    const taken = new Set(this.state.breakpoints.map((b) => b.id));
    const r = reconcileBreakpoints(this.state.breakpoints, server, { nextId: (delveId) => this.numberFor(delveId, taken), by });
    if (r.changed) this.setBreakpoints(r.breakpoints);
    return { added: r.added, removed: r.removed };
  }

  // ---- events ------------------------------------------------------------------------------

  private onEvent(e: P.Event): void {
    switch (e.event) {
      case 'stopped':
        // The end of a stall is said, not only the stop: the warnings before it stay in the console.
        if (this.state.unanswered) this.log(`Delve answers again: the ${this.state.unanswered} it held has run.`, 'info');
        this.unansweredRun = undefined;
        if (this.state.unanswered) this.set({ unanswered: undefined });
        // A handshake's stopOnEntry says "entry": the attach loads the stop (a lazy join's with what was observed).
        if ((e as P.StoppedEvent).body.reason === 'entry' && this.handshaking) break;
        for (const w of this.stopWaiters.splice(0)) w();
        if (this.stepOver !== undefined) {
          this.nextiLanding = this.stepOver;
          this.stepOver = undefined;
          void this.sendInstructionBreakpoints().catch((err) => this.log(`Could not remove nexti's temporary breakpoint: ${describeError(err)}`, 'warning'));
        }
        // Leaving: the stop is known, there is nothing to show.
        if (this.leaving) {
          this.generation++;
          this.set({ status: 'stopped' });
          break;
        }
        void this.loadStop((e as P.StoppedEvent).body).catch((err) => this.log(describeError(err), 'error'));
        break;
      case 'continued':
        // A step's `continued` comes before its response: it is still that step.
        this.runningByMe = true;
        this.stepCutShort = false;
        if (this.state.status === 'stopped' || this.state.status === 'connecting') this.markRunning(this.resuming ?? 'other');
        break;
      case 'output': {
        const body = (e as P.OutputEvent).body;
        // Delve's own chatter (its DAP console category) is not the program's output.
        if (body.category === 'console' || body.category === 'important') {
          const said = translateDelveChatter(body.output);
          if (said) this.log(said, 'info');
          if (STEP_CUT_SHORT.test(body.output.trim())) {
            this.stepCutShort = true;
            // Delve says it before the stop it speaks of: announced with that stop's number once it is shown.
            if (this.state.status === 'stopped' && !this.loadingStop) this.events.emit('step-cut', { stop: this.stopCount, how: 'kept' });
            else this.cutUnsaid = true;
          }
          break;
        }
        const text = body.output.replace(/\n$/, '');
        // Delve prints a logpoint's hit as `> [Go N]: MESSAGE`, naming its file and line.
        const logpoint = body.source?.path && body.line ? /^> \[Go (\d+)\]: /.exec(text) : null;
        if (logpoint) this.events.emit('logpoint', { file: body.source!.path!, line: body.line!, goroutine: Number(logpoint[1]), text: logpointMessage(text.slice(logpoint[0].length)) });
        else if (text) this.events.emit('output', { text, category: body.category === 'stderr' ? 'stderr' : 'stdout' });
        break;
      }
      case 'exited': {
        const code = (e as P.ExitedEvent).body.exitCode;
        // With no breakpoint of its own set, the way to a next run that stops (trial BV: `gotui debug` ran to the end, nothing said how to go on).
        const again = this.state.delveStarted && !this.state.breakpoints.some((b) => !b.by) ? ' It ran to its end with no breakpoint set: set one (:break FILE:LINE), then :restart runs it again (:start stops at main.main).' : '';
        this.afterOutput(() => this.end('exited', `The target exited with code ${code}.${again}`, code));
        break;
      }
      case 'terminated':
        this.afterOutput(() => this.leaving || this.end('terminated', 'The target has terminated.'));
        break;
    }
  }

  /** Said in order, once the debuggee's own output (on pipes gotui reads) has been read: its last lines come before its exit. */
  private afterOutput(say: () => void): void {
    if (!this.outputDrain) return say();
    const run = this.run;
    const sayForThisRun = () => {
      if (run === this.run) say();
    };
    this.endings = this.endings.then(this.outputDrain).then(sayForThisRun, sayForThisRun);
  }

  private onClose(reason: string): void {
    if (this.leaving) return;
    // What to do next: the app that reconnects by itself says so right after.
    this.end('disconnected', this.reconnects ? reason : `${reason} ${this.state.owned ? 'Quit with :quit.' : 'Use :reconnect if the server is still up, or :quit.'}`);
  }

  /** The target died or the connection dropped: said once, whatever reports it first. */
  end(why: SessionEvents['ended']['why'], message: string, exitCode?: number): void {
    const status = why === 'disconnected' ? 'disconnected' : 'exited';
    // Seeing the process gone can beat Delve's `exited`: its exit code is still news, said once.
    const codeNews = why === 'exited' && exitCode !== undefined && this.exitCode === undefined && this.state.status === 'exited';
    if (!codeNews && (this.state.status === status || (this.state.status === 'exited' && why !== 'disconnected'))) return;
    if (exitCode !== undefined) this.exitCode = exitCode;
    if (why === 'disconnected') {
      this.runningAtDrop = this.state.status === 'running' && this.runningByMe;
      this.stoppedAtDrop = this.state.status === 'stopped';
    }
    this.generation++;
    if (status === 'exited') this.cutCalls = [];
    this.set({ status });
    this.events.emit('ended', { why, message, ...(exitCode !== undefined ? { exitCode } : {}) });
  }

  /** Loads what a stop shows (the goroutine's stack), then announces it; the frame's scopes follow. */
  private async loadStop(body: StopBody): Promise<void> {
    this.loadingStop = true;
    try {
      await this.loadStopOnce(body);
    } finally {
      this.loadingStop = false;
    }
  }

  private async loadStopOnce(body: StopBody): Promise<void> {
    if (await this.stepAgain(body)) return;
    // The status turns to stopped with the stop's data, in one change: no pane shows the old stop as the new one.
    const gen = ++this.generation;
    const stepping = this.resumedBy === 'step' && this.runningByMe;
    this.resumedBy = undefined;
    const b = body as P.StoppedEvent['body'];
    // A pause can land on a thread that runs no goroutine (the scheduler): look at the user's instead.
    const goroutine = b.threadId || (await this.currentGoroutine());
    if (gen !== this.generation) return;
    let frames: FramesPage = { goroutine: goroutine ?? 0, start: 0, frames: [], total: 0, complete: true };
    if (goroutine !== undefined) {
      try {
        frames = await this.frames(goroutine, 0, FRAME_PAGE);
      } catch (err) {
        // A stop another client made may be over before it is read (its `next 40` goes on): not a
        // stop to show; the run's own end is.
        const msg = describeError(err);
        if (/debuggee is running/.test(msg)) return;
        // Not said: before the runtime starts (a target halted at entry) Delve has a placeholder goroutine
        // with no stack; and a stop in a process another client's restart has replaced since (the dlv
        // CLI's restart waits for this halt) names a goroutine gone with it: polling says the restart.
        const expected = b.reason === 'entry' || b.reason === 'pause' || /unknown goroutine/.test(msg);
        if (gen === this.generation && !expected) this.log(msg, 'error');
      }
    }
    if (gen !== this.generation) return;
    const top = frames.frames[0];
    // Delve stops at a breakpoint whose condition it cannot evaluate and calls it an exception
    // ("runtime error: error evaluating expression: …"): it is that breakpoint's stop.
    const conditionError = b.reason === 'exception' ? /^error evaluating expression: (.*)$/s.exec(b.text ?? '')?.[1] : undefined;
    const landing = this.nextiLanding;
    this.nextiLanding = undefined;
    // nexti's own temporary breakpoint, reached: the step it made (a breakpoint inside the call is that breakpoint's).
    const nextiDone = landing !== undefined && /breakpoint/.test(b.reason) && !!top?.pc && BigInt(top.pc) === landing && !this.ourBreakpoints(b.hitBreakpointIds ?? []).length;
    // A step that lands on a breakpoint's line ends as a step in Delve's DAP, which counts the
    // breakpoint's hit (its condition held) and which the dlv CLI shows as that breakpoint: so does gotui (trials O, P).
    // A breakpoint's stop Delve names no breakpoint for: the one made while a call ran (an edit's Set
    // that another goroutine's breakpoint cut short, trial BO: `stopped (breakpoint)`, which one unsaid).
    const unnamed = b.reason === 'breakpoint' && !b.hitBreakpointIds?.length;
    const looked = (b.reason === 'step' && this.breakpointOnLine(top)) || unnamed ? await this.landedOnBreakpoint() : undefined;
    const here = looked?.breakpoint;
    const landedOn = b.reason === 'step' ? here : undefined;
    if (gen !== this.generation) return;
    // Delve's `call returned`: a call a stop cut short has finished in this run, named for what it was
    // (trial CD: `Stop 4 (breakpoint)` with no breakpoint left, the Set call of a queued edit finishing).
    const callDone = unnamed && looked?.callReturned ? `${this.cutCalls.shift() ?? 'a call cut short earlier'} finished` : undefined;
    const reason = callDone ?? (conditionError !== undefined || landedOn !== undefined ? 'breakpoint' : nextiDone ? 'step' : b.reason);
    const hitIds = here !== undefined ? this.ourBreakpoints([here]) : b.hitBreakpointIds?.length || conditionError === undefined ? this.ourBreakpoints(b.hitBreakpointIds ?? []) : this.state.breakpoints.filter((x) => x.condition && x.file === top?.file && x.line === top?.line).map((x) => x.id);
    // After a pause or a crash the innermost frames are the runtime's: look at the user's code, but run control stays on frame 0.
    const kept = body.found ? this.stopBeforeDrop(goroutine, top) : undefined;
    const viewAt = (kept?.reason ?? reason) === 'pause' || reason === 'exception' || this.state.postMortem ? ownFrame(frames.frames, this.state.mainModule) ?? top : top;
    const hit = this.state.breakpoints.filter((x) => hitIds.includes(x.id));
    // Where a watchpoint on the stack went out of scope (see stopWhereWatchEnds): said as that, its breakpoint taken out.
    const watchEnd = hit.find((x) => x.watchEnd !== undefined);
    if (watchEnd) void this.removeBreakpoint(watchEnd.id).catch(() => undefined);
    const reached = watchEnd ? undefined : body.reached ?? (hit.length && hit.every((x) => x.temporary) ? reachedName(hit[0]!) : undefined);
    // A peer's run: its number, when ahead (this gotui joined later, or its polls saw a burst of steps as fewer).
    // A halt found on joining is the stop the peers show (their number), any other unnumbered stop a new one.
    if (!kept) this.stopNumber = Math.max(this.stopNumber + 1, body.number ?? (body.found ? this.peerNumbered : this.peerNumbered + 1));
    const stop: StopInfo = kept ?? {
      number: this.stopNumber,
      reason: watchEnd && hit.every((x) => x.temporary) ? `watchpoint #${watchEnd.watchEnd} out of scope` : reason,
      ...(reached ? { reached } : {}),
      goroutine: goroutine ?? 0,
      breakpoints: hitIds,
      ...(hit.length ? { breakpointNames: hitIds.map((id) => breakpointName(hit.find((x) => x.id === id) ?? { id })) } : {}),
      ...(b.hitBreakpointIds?.length ? { delveBreakpoints: b.hitBreakpointIds } : landedOn !== undefined ? { delveBreakpoints: [landedOn], landed: true } : here !== undefined ? { delveBreakpoints: [here] } : {}),
      ...(conditionError !== undefined ? { conditionError } : {}),
      ...(b.description && conditionError === undefined ? { description: b.description } : {}),
      ...(b.text && conditionError === undefined ? { text: b.text } : {}),
      ...(body.by ? { by: body.by } : {}),
      ...(body.found ? { found: true } : {}),
      // A halt found on attaching names no thread either, though Delve's has one (trial L: :info said it ran none).
      ...(!b.threadId && goroutine !== undefined && !body.found ? { picked: true } : {}),
    };
    const selection: Selection = { goroutine: goroutine ?? 0, chosen: false, ...(viewAt ? { frame: viewAt } : {}), ...(top ? { top } : {}) };
    // Asked before the stop is announced, answered while its line paints.
    const scopes = viewAt && this.scopesRead ? this.scopes(viewAt).catch(() => [] as Scope[]) : Promise.resolve([]);
    this.set({ status: 'stopped', stop, selection });
    const said = describeStopReason(stop, this.state.breakpoints);
    if (stop.reason === 'exception') this.log(`Stopped: ${said}`, 'warning');
    // A run Delve could not make (its DAP says `error` with its reason): said, or the stop reads as a step that went nowhere.
    if (stop.reason === 'error' && b.text) this.log(`Delve could not run the target: ${delveMessage(b.text)}.`, 'warning');
    // The status bar cuts this reason at 80 columns: the whole of it, the failing name with it, goes to the console once.
    const failed = kept ? undefined : conditionFailure(stop, this.state.breakpoints);
    if (failed) this.log(failed, 'warning');
    // Delve drops a step a pause interrupts (unlike one a breakpoint does): said, or the next n seems to misbehave.
    if (stop.reason === 'pause' && stepping) this.log('The pause ended the step that was under way (Delve drops it); n steps again from here.', 'info');
    this.events.emit('stop', { stop, selection, frames, scopes });
    if (this.cutUnsaid) this.events.emit('step-cut', { stop: stop.number, how: 'kept' });
    this.cutUnsaid = false;
    if (!kept && (stop.reason === 'exception' || this.state.postMortem)) void this.saySignal(frames.frames, gen);
  }

  /** What a crash was, read from the runtime's frames and said once read: a core's panic or fatal error, the signal behind it (SIGSEGV, its address, where). */
  private async saySignal(frames: readonly Frame[], gen: number): Promise<void> {
    const evaluate = async (frame: Frame, expression: string) => (gen === this.generation ? this.valueIn(frame, expression) : undefined);
    const goroutine = this.state.selection?.goroutine;
    // A live stop's reason says the panic (Delve's exceptionInfo); a core's cannot.
    let fatal = this.state.postMortem ? await describeFatal(frames, evaluate, goroutine).catch(() => undefined) : undefined;
    // A deadlock is thrown by the scheduler (runtime.fatal under checkdead), on a thread that runs no goroutine (trial BW: said nothing).
    if (!fatal && this.state.postMortem && this.threadFrames) {
      const thread = await this.threadFrames().catch(() => undefined);
      if (thread && gen === this.generation) fatal = await describeFatal(thread.frames, thread.evaluate).catch(() => undefined);
    }
    if (fatal && gen === this.generation) {
      this.log(fatal.sentence, 'warning');
      // The status bar says it too (trial BQ: `core file written by Delve` where the live stop said `panic: …`).
      const stop = this.state.stop;
      if (stop && !/ at a /.test(stop.reason)) this.set({ stop: { ...stop, reason: `${stop.reason} at ${fatal.what}` } });
    }
    const said = await describeSignal(frames, evaluate, goroutine).catch(() => undefined);
    if (said && gen === this.generation) this.log(said, 'warning');
  }

  /** The names a frame's scopes hold (for a mistyped name's nearest). */
  async variableNames(frame: Frame | undefined): Promise<string[]> {
    return frame ? (await this.scopes(frame)).flatMap((s) => s.variables.map((v) => v.name)) : [];
  }

  /** Delve's text of an expression in a frame of this stop; undefined when it cannot be read. */
  async valueIn(frame: Frame, expression: string): Promise<string | undefined> {
    return (await this.request<P.EvaluateResponse>('evaluate', { expression, context: 'watch', frameId: frame.id }).catch(() => undefined))?.body.result;
  }

  /**
   * Delve refuses a step while one a breakpoint interrupted is pending (`next while nexting`; a
   * `continue` would finish that one) and says so as a stop. A user who steps at the breakpoint
   * means to step from there, as in the dlv CLI after its own refusal: the old step is dropped and
   * this one sent again. True when that is under way (the refusal is no stop to show).
   */
  private async stepAgain(b: StopBody): Promise<boolean> {
    const step = this.lastStep;
    if (b.reason !== 'exception' || b.description !== 'invalid command' || !step || step.retried || !this.cancelStep) return false;
    step.retried = true;
    try {
      await this.cancelStep();
      this.stepCutShort = false;
      await this.request(step.kind, step.args);
    } catch (err) {
      this.log(`Cannot drop the step the breakpoint interrupted: ${describeError(err)}`, 'error');
      return false;
    }
    this.log('The step the breakpoint interrupted is dropped; this one steps from here.', 'info');
    this.events.emit('step-cut', { stop: this.stopCount, how: 'dropped' });
    return true;
  }

  /** When a stop names no goroutine: see chooseGoroutine (from DAP's thread list, which Delve caps at 1024). */
  private async currentGoroutine(): Promise<number | undefined> {
    const res = await this.request<P.ThreadsResponse>('threads').catch(() => undefined);
    return chooseGoroutine(res?.body.threads ?? [], (location) => isUserFrame(location, this.state.mainModule));
  }

  /** A breakpoint in Delve is set on the frame's line (a step's stop there may be its). */
  private breakpointOnLine(top: Frame | undefined): boolean {
    return !!top?.file && this.state.breakpoints.some((x) => !x.disabled && !x.temporary && x.delveId !== undefined && x.file === top.file && x.line === top.line);
  }

  /** The Delve id of the user breakpoint the stopped thread is on, its condition held (a JSON-RPC State); none without JSON-RPC. */
  private async landedOnBreakpoint(): Promise<{ breakpoint?: number; callReturned?: boolean }> {
    const here = await this.breakpointHere?.().catch(() => undefined);
    return here?.breakpoint !== undefined && here.breakpoint > 0 ? { breakpoint: here.breakpoint } : { ...(here?.callReturned ? { callReturned: true } : {}) };
  }

  private ourBreakpoints(delveIds: number[]): number[] {
    return this.state.breakpoints.filter((b) => b.delveId !== undefined && delveIds.includes(b.delveId)).map((b) => b.id);
  }

  // ---- looking around ----------------------------------------------------------------------

  /** A frame's name as the dlv CLI gives it (see frame-names.ts); a linknamed one from its file under GOROOT, read once. */
  private frameName(name: string, file: string | undefined, line: number): string {
    const whole = fullFrameName(name, file, this.gorootSrc);
    if (whole !== name || !file || !namedElsewhere(name, file, this.gorootSrc)) return whole;
    let lines = this.gorootLines.get(file);
    if (lines === undefined) {
      try {
        lines = fs.readFileSync(file, 'utf8').split('\n');
      } catch {
        lines = null;
      }
      this.gorootLines.set(file, lines);
    }
    return (lines && linknameOf(lines, line, name)) ?? name;
  }

  /** A run of `count` frames of a goroutine's stack from `start`. */
  async frames(goroutine: number, start: number, count: number): Promise<FramesPage> {
    let res: P.StackTraceResponse;
    try {
      res = await this.request<P.StackTraceResponse>('stackTrace', { threadId: goroutine, startFrame: start, levels: count });
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot read the stack of goroutine ${goroutine}: ${delveMessage(err.message)}.`);
      throw err;
    }
    for (const f of res.body.stackFrames) this.gorootSrc ??= gorootSrcOf(f.name, f.source?.path);
    const frames = res.body.stackFrames.map((f, i) => ({ id: f.id, index: start + i, name: this.frameName(f.name, f.source?.path, f.line), file: f.source?.path, line: f.line, ...(f.instructionPointerReference ? { pc: f.instructionPointerReference } : {}) }));
    const total = res.body.totalFrames ?? start + frames.length;
    // Delve adds its default depth to the count when it stopped short of the bottom.
    const complete = frames.length < count || total <= start + frames.length;
    return { goroutine, start, frames, total: complete ? start + frames.length : total, complete };
  }

  /** Scopes of a frame with their variables (registers are the registers pane's). */
  async scopes(frame: Frame): Promise<Scope[]> {
    const out: Scope[] = [];
    for (const s of await this.scopeList(frame)) {
      if (/registers/i.test(s.name)) continue;
      out.push({ name: s.name, ref: s.variablesReference, variables: await this.variables(s.variablesReference) });
    }
    return out;
  }

  /**
   * The scopes Delve lists for a frame, asked once a stop (until the target is changed): the
   * variables pane and the registers both need them at every stop. Delve renews its frame and
   * variable handles only at a stop.
   */
  scopeList(frame: Frame): Promise<P.Scope[]> {
    if (this.scopeLists.generation !== this.generation) this.scopeLists = { generation: this.generation, byFrame: new Map() };
    const { byFrame } = this.scopeLists;
    let list = byFrame.get(frame.id);
    if (!list) {
      list = this.request<P.ScopesResponse>('scopes', { frameId: frame.id }).then((r) => r.body.scopes);
      byFrame.set(frame.id, list);
      list.catch(() => byFrame.delete(frame.id));
    }
    return list;
  }

  /** Children of a variable; `indexed` pages arrays, slices and maps (`count` elements from `start`). */
  async variables(ref: number, page?: { start: number; count: number }): Promise<Variable[]> {
    const args: P.VariablesArguments = { variablesReference: ref, ...(page ? { filter: 'indexed', start: page.start, count: page.count } : {}) };
    const res = await this.request<P.VariablesResponse>('variables', args);
    return res.body.variables.map(toVariable);
  }

  /** Named children only (struct fields, len/cap of containers), without the elements. */
  async namedVariables(ref: number): Promise<Variable[]> {
    const res = await this.request<P.VariablesResponse>('variables', { variablesReference: ref, filter: 'named' });
    return res.body.variables.map(toVariable);
  }

  /** Looks at goroutine `id` (refused in one sentence when Delve knows no such goroutine). */
  async selectGoroutine(id: number): Promise<void> {
    this.requireStopped('select a goroutine');
    const gen = this.generation;
    let frames: FramesPage;
    try {
      frames = await this.frames(id, 0, FRAME_PAGE);
    } catch {
      throw new UserError(`There is no goroutine ${id}.`, 'The goroutines pane (2) lists them; :goroutines -with ... filters.');
    }
    if (gen !== this.generation) return;
    const top = frames.frames[0];
    // A parked goroutine's innermost frames are the runtime's: show where the user's code waits.
    const frame = ownFrame(frames.frames, this.state.mainModule) ?? top;
    await this.announceSelection({ goroutine: id, chosen: false, ...(frame ? { frame } : {}), ...(top ? { top } : {}) }, frames, gen);
  }

  /** Looks at frame `index` of the selected goroutine. */
  async selectFrame(index: number): Promise<void> {
    this.requireStopped('select a frame');
    const sel = this.state.selection;
    if (!sel) throw new UserError('No goroutine is selected.');
    const gen = this.generation;
    if (!Number.isSafeInteger(index) || index < 0) throw new UserError(`There is no frame ${index}.`, 'Frames are numbered from 0, the innermost.');
    const page = await this.frames(sel.goroutine, index, 1);
    const frame = page.frames[0];
    if (!frame) {
      const all = await this.frames(sel.goroutine, 0, index + 1).catch(() => page);
      throw new UserError(`There is no frame ${index}.`, `This stack has frames 0 to ${Math.max(0, all.start + all.frames.length - 1)}.`);
    }
    if (gen !== this.generation) return;
    await this.announceSelection({ ...sel, frame, chosen: true }, undefined, gen);
  }

  private async announceSelection(selection: Selection, frames: FramesPage | undefined, gen: number): Promise<void> {
    const scopes = selection.frame ? await this.scopes(selection.frame).catch(() => [] as Scope[]) : [];
    if (gen !== this.generation) return;
    const goroutineChanged = selection.goroutine !== this.state.selection?.goroutine;
    this.set({ selection });
    this.events.emit('selected', { selection, scopes, goroutineChanged, ...(frames ? { frames } : {}) });
  }

  // ---- data ------------------------------------------------------------------------------

  /**
   * Evaluates in the selected frame. `call` expressions go to the innermost frame unless the user
   * chose another one (Delve calls only there, as the dlv CLI does after a pause).
   */
  async evaluate(expression: string, context: 'repl' | 'watch' | 'hover' | 'variables' | 'clipboard' = 'repl'): Promise<P.EvaluateResponse['body']> {
    const sel = this.state.selection;
    const isCall = /^\s*call\s+\S/.test(expression);
    if (isCall) this.requireLive('call a function');
    const frame = isCall && sel && !sel.chosen ? sel.top : sel?.frame;
    // Not for a viewer (its call is refused, and the switch would change what the others see), nor
    // while the target runs (Delve would hold the switch until it stops).
    if (isCall && sel && this.beforeCall && !this.state.readOnly && this.state.status === 'stopped') await this.beforeCall(sel.goroutine).catch(() => undefined);
    try {
      const res = await this.request<P.EvaluateResponse>('evaluate', { expression, context, ...(frame ? { frameId: frame.id } : {}) });
      return res.body;
    } catch (err) {
      // A call that ends the program (os.Exit, a panic) is answered `terminated`: its end is the news.
      if (err instanceof DapRequestError && isCall && delveMessage(err.message).trim() === 'terminated') throw new UserError(`The call ended the program: '${expression.replace(/^\s*call\s+/, '')}' did not return.`, this.state.delveStarted ? ':restart runs it again.' : 'Start it again the way it was started, then attach.');
      if (!(err instanceof DapRequestError)) throw err;
      const reads = async (e: string) => !!frame && !!(await this.valueIn(frame, e));
      throw new UserError(`Cannot evaluate '${expression}': ${missingNameWords(delveMessage(err.message))}.`, await evalHintReading(err.message, expression, frame?.name, reads, this.state.stop?.goroutine, atEntry(this.state), () => this.variableNames(frame)));
    } finally {
      if (isCall) this.changed('call');
    }
  }

  /** Code was run or memory written in the target by a feature (flag edits): panes re-read. */
  changed(what: SessionEvents['target-changed']['what'], detail?: string): void {
    // Delve loads a scope's values when the scope is asked for: a new look needs new scopes.
    this.scopeLists.byFrame.clear();
    this.events.emit('target-changed', { what, ...(detail ? { detail } : {}) });
  }

  /**
   * `set LHS = RHS` for numbers, bools and pointers. Delve's setVariable names a child of a
   * container: a local in a scope, a field or element of a value, or (name "") what a pointer
   * points at. So `o.Items[0].Qty` sets Qty in `o.Items[0]`, and `*p` sets the pointee of `p`.
   */
  async setVariable(lhs: string, rhs: string): Promise<string> {
    this.requireLive('set a variable');
    this.requireStopped('set a variable');
    const frame = this.state.selection?.frame;
    if (!frame) throw new UserError('There is no frame to set a variable in.');
    const where = checkedLvalue(lhs);
    let ref: number;
    if (where.parent === undefined) {
      const scope = (await this.scopeList(frame)).find((s) => !/registers/i.test(s.name));
      if (!scope) throw new UserError('This frame has no variables to set.');
      ref = scope.variablesReference;
    } else {
      ref = (await this.evaluate(where.parent, 'variables')).variablesReference;
      if (!ref) throw new UserError(`'${where.parent}' has nothing inside to set.`, 'Set a field (x.f), an element (s[i]) or a pointee (*p).');
    }
    try {
      await this.request('setVariable', { variablesReference: ref, name: where.name, value: rhs });
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot set ${lhs} to ${rhs}: ${delveMessage(err.message)}.`, setHint(err.message));
      throw err;
    }
    this.changed('set', `${lhs} = ${rhs}`);
    return (await this.evaluate(lhs)).result;
  }

  // ---- breakpoints ------------------------------------------------------------------------

  /** Adds a breakpoint; a location Delve cannot resolve is removed again and reported. */
  async addBreakpoint(spec: BreakpointSpec): Promise<Breakpoint> {
    this.requireLive('set a breakpoint');
    if (spec.line !== undefined && (!Number.isSafeInteger(spec.line) || spec.line < 1 || spec.line > MAX_LINE)) {
      throw new UserError(`Line ${spec.line} does not exist.`, `Lines go from 1 to at most ${formatCount(MAX_LINE)}.`);
    }
    if (spec.kind === 'data') this.requireWatchpointsChangeable();
    if (!spec.disabled) this.guardAddress(spec);
    // Before our list changes: one read after would take ours for another client's.
    if (this.connected && !spec.disabled) await this.learnBreakpoints?.();
    if (spec.kind === 'data' && !spec.disabled) this.keepOutsideWatchpoints();
    const created: Breakpoint = { ...spec, id: spec.temporary ? this.nextTemporaryId-- : this.nextBreakpointId++, verified: false };
    this.setBreakpoints([...this.state.breakpoints, created]);
    if (!this.connected || created.disabled) return created;
    // Refused: its number goes back, unless a later breakpoint took the next one meanwhile.
    const drop = () => {
      this.setBreakpoints(this.state.breakpoints.filter((b) => b.id !== created.id));
      if (!created.temporary && this.nextBreakpointId === created.id + 1) this.nextBreakpointId = created.id;
    };
    try {
      await this.sendBreakpointsFor(created);
    } catch (err) {
      drop();
      throw err;
    }
    const now = this.state.breakpoints.find((b) => b.id === created.id);
    const ended = now && !now.verified ? exitedRefusal(now.message) : undefined;
    // Kept, not set: a restart sends every breakpoint again (configure), and this one lands then.
    if (now && ended) return now;
    if (!now || !now.verified) {
      drop();
      await this.sendBreakpointsFor(created).catch(() => undefined);
      if (spec.watch) throw new UserError(`Cannot watch ${spec.watch.expr}${now?.message ? `: ${now.message}` : ''}.`, watchHint(now?.message, spec.watch.expr));
      const where = spec.kind === 'instruction' ? breakpointPlace(created) : spec.spec ?? `${spec.file}:${spec.line}`;
      // Delve keeps one breakpoint a place: this gotui's own (a logpoint, a line breakpoint where a
      // function one lands), or another client's.
      if (/already exists|breakpoint exists/i.test(now?.message ?? '')) {
        const mine = this.ownBreakpointAt(now?.message ?? '', spec);
        if (mine) throw new BreakpointThere(mine, `${mine.logMessage ? 'Logpoint' : 'Breakpoint'} #${mine.id} is at ${breakpointPlace(mine)} already: Delve keeps one breakpoint a line.`, `Give #${mine.id} the condition instead (:cond ${mine.id} EXPR), or clear it first (:clear ${mine.id}).`);
        // One the user kept earlier (-keep-breakpoints) is said as theirs.
        const at = /([^/]+):(\d+)$/.exec(where);
        const kept = at ? this.state.breakpoints.find((b) => isKeptBy(b.by) && b.line === Number(at[2]) && b.file?.split('/').pop() === at[1]) : undefined;
        if (kept) throw new UserError(`${othersName(kept)}, ${whoseBreakpoint(kept.by!)}, is at ${where} already: Delve keeps one breakpoint a line.`, `It stops the target as one of gotui's would; :clear ${othersName(kept)} first to set gotui's own there.`);
        throw new OthersBreakpointThere(`Another client has a breakpoint at ${where} already.`, ':breakpoints lists it (theirs, apart from yours); it stops the target for everyone.');
      }
      // Delve parses the condition first: its parse error is the condition's.
      const notGo = spec.condition ? conditionNotGo(spec.condition, now?.message ?? '') : undefined;
      if (notGo) throw notGo;
      const next = spec.kind === 'instruction' ? undefined : await this.nextStatement(where, now?.message);
      // A line as the panes name it (the whole path cut the line at 80 columns), and the way on as asked:
      // run to it (r, :continue LOC) or break there (trial AK: a run to a comment was offered a :break).
      const place = (line: number) => (spec.kind === 'line' && spec.file ? shortPlace(spec.file, line) : undefined);
      const shown = (spec.line !== undefined && place(spec.line)) || where;
      // While the target runs Delve finds no line for gotui (its lock is the run's): the line's kind is the likelier cause than an optimized build (trial AV, built with -N -l).
      const unlooked = !next && this.state.status !== 'stopped' && /could not find statement|can ?not be enabled/i.test(now?.message ?? '') ? 'The line must hold a statement: a closing brace, a comment or a blank line holds none. Stopped (p), gotui names the next line that does.' : undefined;
      const hint = next ? `The next line with one is ${next.line}: :${spec.temporary ? 'continue' : 'break'} ${place(next.line) ?? next.at}` : unlooked;
      // Delve says whether the program's code is optimized: a -N -l build is not told to build so (trial CH).
      const optimized = hint || spec.kind === 'instruction' || this.state.status !== 'stopped' ? undefined : (await this.locate?.('main.main').catch(() => undefined))?.optimized;
      throw exitedRefusal(now?.message) ?? placeRefusal(where, now?.message, spec.kind === 'instruction' ? NO_CODE_HINT : hint ?? placeHint(now?.message, optimized), shown);
    }
    return now;
  }

  /**
   * For a line with no statement (a comment, a blank line): the next one below that has one, as
   * `FILE:N` to break at (trial X: refused with no way on). Asked of Delve line by line, a few.
   */
  private async nextStatement(where: string, msg: string | undefined): Promise<{ line: number; at: string } | undefined> {
    const m = /^(.*):(\d+)$/.exec(where);
    if (!m || !this.locate || this.state.status !== 'stopped' || !/could not find statement|can ?not be enabled/i.test(msg ?? '')) return undefined;
    const locate = this.locate;
    const from = Number(m[2]) + 1;
    for (let first = from; first < from + NEXT_STATEMENT_LINES; first += NEXT_STATEMENT_BATCH) {
      const lines = Array.from({ length: NEXT_STATEMENT_BATCH }, (_, i) => first + i);
      const found = await Promise.all(lines.map((line) => locate(`${m[1]}:${line}`).then((at) => at?.line === line, () => false)));
      const line = lines.find((_, i) => found[i]);
      if (line !== undefined) return { line, at: `${m[1]}:${line}` };
    }
    return undefined;
  }

  /**
   * A hardware watchpoint on what `expr` names, in the selected frame (Delve >= 1.26.2: its
   * dataBreakpointInfo names the memory, setDataBreakpoints sets every watchpoint at once).
   */
  async addWatchpoint(expr: string, access: DataWatch['access']): Promise<Breakpoint> {
    if (!this.state.capabilities.supportsDataBreakpoints) {
      throw new UserError(`Delve ${this.state.delveVersion} cannot set watchpoints (data breakpoints): they came in Delve 1.26.2.`, 'Install a newer Delve (gotui installs 1.27.1 when none is on PATH), or break where the value is written.');
    }
    this.requireWatchpointsChangeable();
    const frame = this.state.selection?.frame;
    let info: P.DataBreakpointInfoResponse;
    try {
      info = await this.request<P.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: expr, ...(frame ? { frameId: frame.id } : {}) });
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot watch ${expr}: ${delveMessage(err.message)}.`, 'Watch a variable in scope of the selected frame, or an address: :watch *(*int)(0xADDR).');
      throw err;
    }
    const dataId = info.body.dataId;
    if (!dataId) throw new UserError(`Cannot watch ${expr}: ${info.body.description || 'Delve found nothing to watch'}.`);
    // Delve ends a watchpoint on the goroutine's stack when the innermost frame returns: said only of
    // memory on that stack (trial AX: warned for a heap field), and when it cannot be told.
    const at = `uintptr(unsafe.Pointer(&(${expr})))`;
    const onStack = frame ? await this.valueIn(frame, `${at} >= runtime.curg.stack.lo && ${at} < runtime.curg.stack.hi`) : 'false';
    const innermost = frame && frame.index > 0 && onStack !== 'false' ? this.state.selection?.top?.name : undefined;
    const bp = await this.addBreakpoint({ kind: 'data', spec: expr, watch: { expr, access, dataId, ...(innermost ? { innermost } : {}) } });
    if (onStack === 'true') await this.stopWhereWatchEnds(bp).catch(() => undefined);
    return bp;
  }

  /**
   * Delve ends a watchpoint on a goroutine's stack where its innermost frame returns, with a breakpoint
   * of its own there that stops the target; but its DAP runs on from a stop at no user breakpoint, so
   * the end went by unseen where the dlv CLI stops and says so (trial CG: a test ran to its end). The
   * same place, on the same goroutine at the same depth (Delve's own condition), is set as a temporary
   * breakpoint of gotui's, taken out with the watchpoint.
   */
  private async stopWhereWatchEnds(bp: Breakpoint): Promise<void> {
    const goroutine = this.state.selection?.goroutine;
    if (!goroutine) return;
    const caller = (await this.frames(goroutine, 0, 2)).frames[1];
    if (!caller?.pc) return;
    const offset = await this.valueIn(caller, 'runtime.frameoff');
    if (!offset || !/^-?\d+$/.test(offset)) return;
    await this.addBreakpoint({ kind: 'instruction', address: BigInt(caller.pc), condition: `runtime.curg.goid == ${goroutine} && runtime.frameoff == ${offset}`, temporary: true, watchEnd: bp.id });
  }

  /** Delve changes watchpoints only while the target is stopped. */
  private requireWatchpointsChangeable(): void {
    if (this.state.status === 'running') throw new UserError('Cannot change watchpoints while the target is running.', 'Pause it first (p, or :pause).');
  }

  /** Watchpoints set outside DAP (the dlv CLI's `watch`). */
  private outsideWatchpoints(): Breakpoint[] {
    return this.state.breakpoints.filter((b) => b.kind === 'data' && b.outside);
  }

  /**
   * Delve's setDataBreakpoints replaces every watchpoint it has; DAP clients' ride along by their data
   * ids, but one set outside DAP (the dlv CLI's) would be taken out with no way to set it again.
   */
  private keepOutsideWatchpoints(): void {
    const theirs = this.outsideWatchpoints();
    if (!theirs.length) return;
    const names = theirs.map((b) => `${othersName(b)} on ${breakpointPlace(b)}`).join(', ');
    throw new UserError(
      `Setting or changing a watchpoint here would remove another client's (${names}): Delve's DAP sets every watchpoint at once, and cannot set that one again.`,
      `Clear it in the client that set it first (the dlv CLI: clear ${theirs[0]!.delveId}), or watch from there.`,
    );
  }

  /**
   * Where Delve puts a breakpoint for `spec` (pkg.Func, file.go:LINE): asked by setting a function
   * breakpoint that never stops (condition false) and taking it out again. Logpoints need a file
   * and line, since DAP takes log messages on line breakpoints only.
   */
  async resolveLocation(spec: string): Promise<{ file: string; line: number }> {
    const known = this.state.breakpoints.find((b) => b.kind === 'function' && b.spec === spec && b.file && b.line && !b.disabled);
    if (known) return { file: known.file!, line: known.line! };
    // Stopped, Delve can say it without a breakpoint that other clients would see for a moment (and
    // that a run showed surviving its removal, colliding with the logpoint set there next).
    const found = this.state.status === 'stopped' ? await this.locate?.(spec).catch(() => undefined) : undefined;
    if (found) return found;
    const probe: Breakpoint = { id: -1, kind: 'function', spec, condition: 'false', verified: false };
    const { mine, args } = breakpointRequests([...this.state.breakpoints, probe], { functions: true });
    let answer: P.Breakpoint | undefined;
    try {
      const res = await this.request<P.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', args);
      answer = res.body.breakpoints[mine.indexOf(probe)];
    } finally {
      await this.sendFunctionBreakpoints();
    }
    if (!answer?.verified || !answer.source?.path || !answer.line) {
      throw exitedRefusal(answer?.message) ?? placeRefusal(spec, answer?.message);
    }
    return { file: answer.source.path, line: answer.line };
  }

  async removeBreakpoint(id: number): Promise<Breakpoint> {
    const bp = this.findBreakpoint(id);
    if (bp.kind === 'data' && !bp.disabled) this.requireWatchpointsChangeable();
    if (this.connected && !bp.disabled) await this.learnBreakpoints?.();
    // A watchpoint by id where JSON-RPC is at hand: DAP's list would take out another client's set outside DAP too.
    const clear = this.connected && bp.kind === 'data' && !bp.disabled && bp.delveId !== undefined ? this.clearInDelve : undefined;
    const alone = !!clear && (await clear([bp.delveId!], 2_000).then(() => true, () => false));
    this.setBreakpoints(this.state.breakpoints.filter((b) => b.id !== id));
    if (this.connected && !bp.disabled && !alone) await this.sendBreakpointsFor(bp);
    for (const end of this.state.breakpoints.filter((b) => b.watchEnd === id)) await this.removeBreakpoint(end.id).catch(() => undefined);
    return bp;
  }

  /**
   * Puts back one of this session's breakpoints that another gotui's list took out of Delve: sent at
   * the same moment, each list lacked the other's (DAP replaces a file's list, and all function
   * breakpoints, for every client at once). Same number; Delve gives it a new id.
   */
  async reinstateBreakpoint(bp: Breakpoint): Promise<void> {
    if (this.state.breakpoints.some((b) => b.id === bp.id)) return;
    await this.learnBreakpoints?.();
    const { delveId: _gone, ...kept } = bp;
    this.setBreakpoints([...this.state.breakpoints, { ...kept, verified: false }].sort((x, y) => x.id - y.id));
    await this.sendBreakpointsFor(bp);
  }

  /**
   * Breakpoint `id` made a line breakpoint at the place Delve put it, under the same number, to take
   * a log message: DAP logs only at line breakpoints, and `:break main.go:35` is a function one
   * (a new-user trial could not make it log). Refused by Delve, the old one is set again.
   */
  async toLineBreakpoint(id: number, patch: Pick<Breakpoint, 'logMessage'>): Promise<Breakpoint> {
    const old = this.findBreakpoint(id);
    if (old.kind === 'line' || !old.file || !old.line) throw new UserError(`#${id} has no source line to log at.`, 'Set a logpoint with :trace LOC MESSAGE.');
    const { spec: _spec, delveId: _gone, inFunction: _in, ...kept } = old;
    await this.removeBreakpoint(id);
    await this.reinstateBreakpoint({ ...kept, ...patch, kind: 'line', verified: false });
    const now = this.findBreakpoint(id);
    if (now.verified || now.disabled || !this.connected) return now;
    await this.removeBreakpoint(id);
    await this.reinstateBreakpoint({ ...old, verified: false });
    throw new UserError(`Delve could not set a line breakpoint at ${breakpointPlace(now)}${now.message ? `: ${now.message}` : ''}; #${id} stays as it was.`, 'Set a logpoint with :trace LOC MESSAGE.');
  }

  /** Changes a breakpoint's condition, hit condition, log message or enabled state. */
  async updateBreakpoint(id: number, patch: Partial<Pick<Breakpoint, 'condition' | 'hitCondition' | 'logMessage' | 'disabled'>>): Promise<Breakpoint> {
    const bp = this.findBreakpoint(id);
    if (bp.kind === 'data') this.requireWatchpointsChangeable();
    if (bp.disabled && patch.disabled === false) this.guardAddress(bp);
    // Delve forgets a breakpoint it no longer has: its id means nothing once disabled.
    const off = patch.disabled ? { delveId: undefined, verified: false } : {};
    if (this.connected) await this.learnBreakpoints?.();
    if (bp.kind === 'data') this.keepOutsideWatchpoints();
    this.setBreakpoints(this.state.breakpoints.map((b) => (b.id === id ? { ...b, ...patch, ...off } : b)));
    if (this.connected) await this.sendBreakpointsFor(bp);
    return this.findBreakpoint(id);
  }

  /** This gotui's own breakpoint where Delve says one exists (`… exists at FILE:LINE …`), or at the line asked for. */
  private ownBreakpointAt(message: string, spec: BreakpointSpec): Breakpoint | undefined {
    // A second breakpoint on one function: Delve's DAP names no place ("breakpoint already exists").
    const sameFunction = spec.kind === 'function' && spec.spec ? this.state.breakpoints.find((b) => !b.by && !b.outside && b.kind === 'function' && b.spec === spec.spec) : undefined;
    if (sameFunction) return sameFunction;
    const at = /exists at (\S+):(\d+)/.exec(message);
    const file = at?.[1] ?? spec.file;
    const line = at ? Number(at[2]) : spec.line;
    if (!file || !line) return undefined;
    return this.state.breakpoints.find((b) => !b.by && !b.outside && b.verified && b.line === line && !!b.file && (b.file === file || path.basename(b.file) === path.basename(file)));
  }

  /**
   * Lets a feature refuse breakpoints at addresses it holds: `check` throws a UserError for one it
   * refuses. Only an instruction breakpoint's address is known before Delve places it. Returns
   * the way to stop checking.
   */
  guardBreakpointAddresses(check: (addresses: readonly bigint[]) => void): () => void {
    this.addressGuards.add(check);
    return () => this.addressGuards.delete(check);
  }

  private guardAddress(b: Pick<Breakpoint, 'kind' | 'address'>): void {
    if (b.kind !== 'instruction' || b.address === undefined) return;
    for (const check of this.addressGuards) check([b.address]);
  }

  private findBreakpoint(id: number): Breakpoint {
    const bp = this.state.breakpoints.find((b) => b.id === id);
    if (!bp) throw new UserError(`There is no breakpoint ${id}.`, this.state.breakpoints.length ? `Breakpoints: ${this.state.breakpoints.map((b) => b.id).join(', ')}.` : 'There are no breakpoints.');
    return bp;
  }

  /**
   * Takes every breakpoint gotui set out of Delve (other clients' stay: DAP replaces only this
   * session's lists). Returns how many Delve had (not the disabled). Bounded: a dead server costs at most `timeoutMs`.
   * Delve changes watchpoints only while the target is stopped: a running target with watchpoints
   * is halted for it and resumed.
   */
  async removeAllBreakpoints(timeoutMs = 1_000): Promise<number> {
    const mine = this.state.breakpoints.filter((b) => !b.by);
    if (!mine.length || !this.connected) return 0;
    // Others' DAP breakpoints in the same lists stay: Delve replaces a list whoever set its entries.
    const others = this.state.breakpoints.filter((b) => b.by);
    const files = [...new Set(mine.filter((b) => b.kind === 'line').map((b) => b.file!))];
    const watching = mine.some((b) => b.kind === 'data' && !b.disabled);
    const halted = watching && this.state.status === 'running' ? await this.halt(Math.min(500, timeoutMs)) : false;
    const sends: Promise<unknown>[] = files.map((file) => this.request('setBreakpoints', breakpointRequests(others, { file }).args, timeoutMs));
    if (mine.some((b) => b.kind === 'function')) sends.push(this.request('setFunctionBreakpoints', breakpointRequests(others, { functions: true }).args, timeoutMs));
    if (mine.some((b) => b.kind === 'instruction') || this.stepOver) sends.push(this.request('setInstructionBreakpoints', breakpointRequests(others, { instructions: true }).args, timeoutMs));
    // By id where JSON-RPC is at hand: DAP's list replaces every watchpoint Delve has, and would take out
    // one set outside DAP (the dlv CLI's) and put back one a peer cleared since this gotui last looked.
    const viaDap = () => this.request('setDataBreakpoints', breakpointRequests(others, { data: true }).args, timeoutMs);
    const ownWatch = mine.flatMap((b) => (b.kind === 'data' && !b.disabled && b.delveId !== undefined ? [b.delveId] : []));
    if (watching) sends.push(this.clearInDelve ? this.clearInDelve(ownWatch, timeoutMs).catch(viaDap) : viaDap());
    try {
      await Promise.all(sends);
    } finally {
      if (halted) await this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }, timeoutMs).then(() => this.set({ status: 'running' }), () => undefined);
    }
    this.setBreakpoints(others);
    // Those in Delve: a disabled one was taken out when it was disabled.
    return mine.filter((b) => !b.disabled).length;
  }

  /**
   * Others' breakpoints a peer's word names as its own, renamed now: Delve's list, read before the
   * word came, had them as anyone's, and a stop before the next look named one `other#1`.
   */
  renameOthers(owner: (b: Breakpoint) => Owner | undefined): void {
    let changed = false;
    const next = this.state.breakpoints.map((b) => {
      const o = b.by === undefined ? undefined : owner(b);
      if (!o || (o.by === b.by && o.number === b.byNumber)) return b;
      changed = true;
      const { byNumber: _n, ...rest } = b;
      return { ...rest, by: o.by, ...(o.number !== undefined ? { byNumber: o.number } : {}) };
    });
    if (changed) this.setBreakpoints(next);
  }

  /** Breakpoints another client says it removed, forgotten without asking Delve (its list waits while the target runs). */
  forgetOthers(removed: (b: Breakpoint) => boolean): void {
    const keep = this.state.breakpoints.filter((b) => !(b.by && removed(b)));
    if (keep.length !== this.state.breakpoints.length) this.setBreakpoints(keep);
  }

  /**
   * The number of a breakpoint another client set: Delve's, when free, so that every gotui on one
   * Delve and the dlv CLI say the same number; else the next of gotui's own.
   */
  private numberFor(delveId: number, taken: Set<number>): number {
    const id = taken.has(delveId) || delveId < 1 ? this.nextBreakpointId : delveId;
    taken.add(id);
    this.nextBreakpointId = Math.max(this.nextBreakpointId, id + 1);
    return id;
  }

  private setBreakpoints(breakpoints: readonly Breakpoint[]): void {
    this.set({ breakpoints });
    this.events.emit('breakpoints', { breakpoints });
  }

  /**
   * Sends breakpoints, exception filters and configurationDone: after `initialized`, which Delve
   * sends at attach and again after a restart.
   */
  async configure(timeoutMs?: number): Promise<void> {
    const client = this.requireClient();
    const live = this.state.breakpoints.filter((b) => !b.disabled);
    const files = new Set(live.filter((b) => b.kind === 'line').map((b) => b.file!));
    for (const f of files) await this.sendLineBreakpoints(f);
    if (live.some((b) => b.kind === 'function')) await this.sendFunctionBreakpoints();
    if (live.some((b) => b.kind === 'data' && !b.outside)) await this.sendDataBreakpoints().catch((err) => this.log(`Watchpoints not set again: ${describeError(err)}`, 'warning'));
    if (live.some((b) => b.kind === 'instruction')) await this.sendInstructionBreakpoints();
    // A viewer leaves Delve's panic and throw breakpoints as the others set them.
    if (this.features.exceptionFilters.length && !this.state.readOnly) {
      await client.request('setExceptionBreakpoints', { filters: this.features.exceptionFilters.filter((f) => f === 'unrecovered-panic' || f === 'runtime-fatal-throw') }, timeoutMs);
    }
    await client.request('configurationDone', {}, timeoutMs);
  }

  /**
   * A restart drops every watchpoint: Delve sets none again in the new process (1.27.1; the dlv CLI's
   * `breakpoints` lists none after), and one sent at configure names a goroutine of the old one.
   * This session's are taken out of its list unsent and returned, for the restart to name (a
   * new-user trial heard them said gone as locals whose function returned).
   */
  forgetWatchpointsAtRestart(): Breakpoint[] {
    const gone = this.state.breakpoints.filter((b) => b.kind === 'data' && !b.by && !b.outside && !b.disabled);
    if (gone.length) this.setBreakpoints(this.state.breakpoints.filter((b) => !gone.includes(b)));
    return gone;
  }

  /** This session's breakpoints a restart made elsewhere drops (Delve keeps only those set on a source line). */
  droppedAtRestart(): Breakpoint[] {
    return this.state.breakpoints.filter((b) => !b.by && !b.disabled && (b.kind === 'function' || b.kind === 'instruction'));
  }

  /**
   * After a restart made elsewhere (the dlv CLI's, a peer's): Delve sets again only breakpoints it
   * knows by file and line, and drops those set by function, FILE:LINE or address (it knows them by
   * the old process's addresses). This session's own restart sends them at configure; this sends
   * them again. How many it sent.
   */
  async setAgainAfterRestart(): Promise<number> {
    const dropped = this.droppedAtRestart();
    if (dropped.some((b) => b.kind === 'function')) await this.sendFunctionBreakpoints();
    if (dropped.some((b) => b.kind === 'instruction')) await this.sendInstructionBreakpoints();
    return dropped.length;
  }

  private sendBreakpointsFor(bp: Breakpoint): Promise<void> {
    return bp.kind === 'line' ? this.sendLineBreakpoints(bp.file!) : bp.kind === 'instruction' ? this.sendInstructionBreakpoints() : bp.kind === 'data' ? this.sendDataBreakpoints() : this.sendFunctionBreakpoints();
  }

  // DAP replaces a file's whole list (and all function breakpoints) at once; answers come in request order.
  private async sendLineBreakpoints(file: string): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { file });
    const res = await this.request<P.SetBreakpointsResponse>('setBreakpoints', args);
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  /** Instruction breakpoints, and the temporary one `nexti` puts after a call. */
  private async sendInstructionBreakpoints(): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { instructions: true, extra: this.stepOver ? [this.stepOver] : [] });
    const res = await this.request<P.SetInstructionBreakpointsResponse>('setInstructionBreakpoints', args);
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  private async sendFunctionBreakpoints(): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { functions: true });
    const res = await this.request<P.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', args);
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  // Delve's setDataBreakpoints replaces every watchpoint on the server, other clients' too.
  private async sendDataBreakpoints(): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { data: true });
    let res: P.SetDataBreakpointsResponse;
    try {
      res = await this.request<P.SetDataBreakpointsResponse>('setDataBreakpoints', args);
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Delve refused the watchpoints: ${delveMessage(err.message)}.`, 'Watchpoints change only while the target is stopped.');
      throw err;
    }
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  // ---- ending ----------------------------------------------------------------------------

  /**
   * Leaves the target: removes gotui's breakpoints, waits for a step on its way, resumes when
   * asked, and closes the DAP connection (a multi-client Delve keeps running). Returns the target's
   * state as Delve last reported it, and how many breakpoints were removed.
   */
  async detach(opts: { resume: boolean; keepBreakpoints?: boolean; withinMs?: number }): Promise<{ removed: number; notRemoved: number; notRemovedIds: { id: number; delveId: number }[]; kept: number; closed: boolean; status: SessionState['status']; droppedStep: boolean; silent: boolean; queued: string[]; heldByOther: boolean }> {
    const kept = opts.keepBreakpoints ? this.state.breakpoints.filter((b) => b.delveId !== undefined && !b.by).length : 0;
    let removed = 0;
    let notRemoved = 0;
    let resumed = false;
    let droppedStep = false;
    /** What Delve left unanswered as gotui left: it stays queued there and is carried out when Delve answers (trial CC). */
    const queued: string[] = [];
    const closed = !this.connected;
    // Another client's continue holds the target: Delve's DAP takes no breakpoint out until it stops.
    const heldByOther = !closed && this.state.status === 'running' && !this.runningByMe;
    if (!closed) {
      const deadline = Date.now() + (opts.withinMs ?? 1_000);
      const left = () => Math.max(100, deadline - Date.now());
      this.leaving = true;
      // A step still running would halt the target after gotui left: end it now.
      if (await this.settle(Math.min(300, left()))) await this.halt(Math.min(300, left()));
      // A step a breakpoint cut short stays in Delve after gotui: anyone's next continue would end it there, a
      // stop no breakpoint explains (trial BT: the dlv CLI's continue stopped at the end of gotui's `next`).
      if (this.stepCutShort && this.cancelStep) droppedStep = await this.cancelStep().then(() => true, () => false);
      if (!opts.keepBreakpoints) {
        const mine = this.state.breakpoints.filter((b) => !b.by && !b.disabled).length;
        removed = await this.removeAllBreakpoints(left()).catch((err: unknown) => {
          if (err instanceof DapTimeoutError) queued.push(`the removal of ${mine === 1 ? 'its breakpoint' : 'its breakpoints'}`);
          return (notRemoved = mine), 0;
        });
      }
      // Delve's continue resumes every goroutine whatever threadId says. A viewer resumes nothing.
      if (opts.resume && this.state.status === 'stopped' && !this.state.readOnly && !this.pendingJoin) {
        await this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }, left()).then(
          () => ((resumed = true), this.set({ status: 'running' })),
          (err: unknown) => void (err instanceof DapTimeoutError && queued.push('the continue')),
        );
      }
      await this.request('disconnect', { terminateDebuggee: false }, left()).catch(() => undefined);
    } else if (!opts.keepBreakpoints) {
      // The link is gone (and did not come back): what gotui set in Delve stays there, where the target halts with no client.
      notRemoved = this.state.breakpoints.filter((b) => !b.by && !b.disabled && b.delveId !== undefined).length;
    }
    // Delve silent to the leave itself: what the farewell says of the target is as last seen (trial CB).
    const silent = !closed && (!!this.client?.silent || !!this.state.silent);
    // Delve's numbers of those that may stay: what the dlv CLI's clear takes (trial CM: "clear ID", and gotui's #6 was Delve's 7).
    const notRemovedIds = notRemoved ? this.state.breakpoints.flatMap((b) => (!b.by && !b.disabled && b.delveId !== undefined ? [{ id: b.id, delveId: b.delveId }] : [])) : [];
    this.dispose();
    // Let run, it may have stopped again before the disconnect (another client's breakpoint): gotui left it running.
    return { removed, notRemoved, notRemovedIds, kept, closed, status: resumed ? 'running' : this.state.status, droppedStep, silent, queued, heldByOther };
  }

  /** Ends a target gotui started: Delve kills it and exits. */
  async terminate(): Promise<void> {
    this.leaving = true;
    if (this.connected) await this.request('disconnect', { terminateDebuggee: true }, 2_000).catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    // A new connection: what the old one left unanswered is no longer this session's to wait for.
    this.unansweredRun = undefined;
    if (this.state.unanswered) this.set({ unanswered: undefined });
    this.silence = new Silence();
    if (this.state.silent) this.set({ silent: undefined });
    this.client?.close();
  }

  /** The countdown to the next attempt at reconnecting (the status bar shows it); undefined when none. */
  setReconnecting(reconnecting: SessionState['reconnecting']): void {
    this.set({ reconnecting });
  }

  /** Replaces a dropped connection with a new one to the same server (multi-client servers keep the target). */
  /** Whether this session's continue ran the target when the connection dropped (a re-attach may find it halted). */
  get ranAtDrop(): boolean {
    return this.runningAtDrop;
  }

  /** Whether the target was halted when the connection dropped. */
  get haltedAtDrop(): boolean {
    return this.stoppedAtDrop;
  }

  async reconnect(client: DapClient, opts: AttachOptions): Promise<void> {
    const stop = this.state.stop;
    const top = this.state.selection?.top;
    this.beforeDrop = stop ? { stop, ...(top ? { top } : {}) } : undefined;
    this.dispose();
    this.generation++;
    this.set({ status: 'connecting' });
    this.reattaching = true;
    try {
      await this.attach(client, opts);
    } finally {
      this.beforeDrop = undefined;
      this.reattaching = false;
    }
  }

  /**
   * Found halted where the drop left it (same goroutine, same pc; or both before the runtime has a
   * stack): that stop, as it was numbered and said.
   */
  private stopBeforeDrop(goroutine: number | undefined, at: Frame | undefined): StopInfo | undefined {
    const b = this.beforeDrop;
    if (!b || b.stop.goroutine !== (goroutine ?? 0)) return undefined;
    const same = b.top && at ? b.top.pc === at.pc && b.top.file === at.file && b.top.line === at.line : !b.top && !at;
    return same ? b.stop : undefined;
  }
}

/** What a stop is loaded from: DAP's stopped event, or what was observed of another client's stop. */
type StopBody = (P.StoppedEvent['body'] | { reason: string; allThreadsStopped: boolean; threadId?: number; hitBreakpointIds?: number[]; description?: string }) & { by?: string; found?: boolean; number?: number; reached?: string };

function toVariable(v: P.Variable): Variable {
  return {
    name: v.name,
    value: v.value,
    type: v.type ?? '',
    ref: v.variablesReference,
    ...(v.evaluateName ? { evaluateName: v.evaluateName } : {}),
    ...(v.memoryReference ? { memoryReference: v.memoryReference } : {}),
    ...(v.indexedVariables ? { indexed: v.indexedVariables } : {}),
    ...(v.namedVariables ? { named: v.namedVariables } : {}),
  };
}

/**
 * A logpoint's message as Delve printed it, its evaluation errors said plainly: Delve formats an
 * error with %e, which prints `{eval err: &{%!e(string=could not find symbol value for x)}}`.
 */
export function logpointMessage(text: string): string {
  return text.replace(/\{eval err: (?:&\{%!e\(string=(.*?)\)\}|([^{}]*))\}/g, (_m, garbled: string | undefined, plain: string | undefined) => `{error: ${garbled ?? plain}}`);
}

const STEP_CUT_SHORT = /^Step interrupted by a breakpoint\. Use 'Continue' to resume the original step command\.?$/;

/** Delve's console lines in gotui's words; its boilerplate is dropped. */
export function translateDelveChatter(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/^Type 'dlv help' for list of commands\.?$/.test(t)) return undefined;
  const many = /^Too many goroutines, only loaded (\d+)/.exec(t);
  // The goroutines pane lists them all through JSON-RPC; DAP's cap matters to nobody here.
  if (many) return undefined;
  // Said in the terms of gotui's keys: a continue first ends the step it interrupted.
  if (STEP_CUT_SHORT.test(t)) return 'Delve: a breakpoint stopped the target before the step ended; c resumes that step (Delve\'s rule), so the next stop may be where it ends; n, s or o drop it and step from here.';
  // Its refusal of a step while that one is pending: gotui drops the old step and says so (stepAgain).
  if (/^invalid command: Unable to step while the previous step is interrupted by a breakpoint/.test(t)) return undefined;
  return `Delve: ${t}`;
}

/** `a.b[2].c` → parent `a.b[2]`, name `c`; `s[i]` → `s`, `[i]`; `*p` → `p`, ``; `n` → a scope's `n`. */
/** The parts of a left-hand side, refused when it names no variable: Delve's setVariable and its JSON-RPC Set both panic on `:set 1 = 2`. */
export function checkedLvalue(lhs: string): { parent?: string; name: string } {
  const where = splitLvalue(lhs.trim());
  if (where.parent === undefined && !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(where.name)) throw new UserError(`'${lhs.trim()}' is not a variable.`, 'Set a variable (x), a field (x.f), an element (s[i]) or a pointee (*p): :set x = 5.');
  return where;
}

export function splitLvalue(lhs: string): { parent?: string; name: string } {
  if (lhs.startsWith('*')) return { parent: lhs.slice(1).trim(), name: '' };
  if (lhs.endsWith(']')) {
    let depth = 0;
    for (let i = lhs.length - 1; i >= 0; i--) {
      if (lhs[i] === ']') depth++;
      else if (lhs[i] === '[' && --depth === 0) return { parent: lhs.slice(0, i), name: lhs.slice(i) };
    }
  }
  let depth = 0;
  for (let i = lhs.length - 1; i >= 0; i--) {
    const ch = lhs[i]!;
    if (ch === ']' || ch === ')') depth++;
    else if (ch === '[' || ch === '(') depth--;
    else if (ch === '.' && depth === 0) return { parent: lhs.slice(0, i), name: lhs.slice(i + 1) };
  }
  return { name: lhs };
}

/**
 * Delve's reason a breakpoint has no place, for the user: its DAP server says only "breakpoint N can
 * not be enabled" (N is Delve's own number, not gotui's) when a line holds no statement.
 */
export function placeReason(msg: string | undefined): string {
  if (!msg) return '';
  if (/^breakpoint \d+ can ?not be enabled\.?$/i.test(msg.trim())) return ': Delve finds no statement at that line';
  // Delve's `could not find statement at /abs/path.go:N, please use a line with a statement`.
  if (/could not find statement at/i.test(msg)) return ': the line holds no statement (a comment, a blank line, a declaration, or past the end)';
  return `: ${msg}`;
}

/**
 * Delve's refusal of a place: `No code at main.go:12: …`, or, when no file of the program matches
 * a FILE:LINE, that first, as the dlv CLI's `location "nosuch.go:10" not found` says it (trial BX:
 * led with "No code at", as if the file were there).
 */
export function placeRefusal(where: string, msg: string | undefined, hint?: string, shown = where): UserError {
  const file = /^(.+\.go):\d+$/.exec(where)?.[1];
  if (file && /location ".*" not found|could not find file/i.test(msg ?? '')) return new UserError(`No file ${file} in the program.`, "Ctrl-P finds a file by name; :sources RE lists the program's files.");
  return new UserError(`No code at ${shown}${placeReason(msg)}.`, hint ?? placeHint(msg));
}

/** Delve's refusal of DAP's attach, said with the way on. */
export function attachRefusal(peer: string, msg: string): UserError {
  // Its program ran to its end and Delve serves on: its flags are right, it only needs a restart (new-user trial).
  const exited = /Process (\d+) has exited with status (-?\d+)/.exec(msg);
  if (exited) return new UserError(`The program Delve at ${peer} debugs has exited (pid ${exited[1]}, status ${exited[2]}): there is nothing to attach to.`, `Delve serves on: restart the program there (dlv connect ${peer}, then restart), then gotui attach ${peer} again.`);
  // A `dlv dap` server debugs nothing until a client launches or attaches locally: "no debugger found".
  return new UserError(
    `Delve at ${peer} refused to attach: ${msg}.`,
    /no debugger found/.test(msg)
      ? 'That is a `dlv dap` server; gotui attaches to a headless Delve (dlv --headless --accept-multiclient --api-version=2 exec ./bin), or starts one itself: gotui exec ./bin, gotui attach --pid N.'
      : 'Check that Delve runs headless with --accept-multiclient --api-version=2.',
  );
}

/** Delve refuses a breakpoint in a program that has ended (`Process N has exited with status 0`): that is the news, not the line. */
export function exitedRefusal(msg: string | undefined): UserError | undefined {
  const m = /Process (\d+) has exited with status (-?\d+)/.exec(msg ?? '');
  return m ? new UserError(`The program (pid ${m[1]}) has exited with status ${m[2]}: no breakpoint can be set in it.`, ':restart runs it again; to set breakpoints before it runs, start it halted (--stop).') : undefined;
}

/** A hint for a watchpoint Delve refused, by its words: a size hint for a read it can never watch contradicted the error (new-user trial). */
export function watchHint(msg: string | undefined, expr: string): string {
  // amd64's debug registers have no read-only mode, whatever the size.
  if (/break on read only not supported/i.test(msg ?? '')) return `Delve cannot watch reads alone on this machine (its debug registers have no read-only mode): :watch -rw ${expr} stops at reads and writes.`;
  if (/stack allocated variable for reads/i.test(msg ?? '')) return `Reads of a variable on the stack cannot be watched, only writes: :watch -w ${expr}.`;
  return 'Watch a variable or an lvalue of at most 8 bytes (a number, a pointer), e.g. :watch -w n or :watch *(*int)(0xc000012345).';
}

/** A hint for a breakpoint Delve could not place: a file it does not know, else a line without code. */
function placeHint(msg: string | undefined, optimized?: boolean): string {
  if (msg && /location ".*" not found|could not find (?!statement)(file|.*\.go\b)|no such file/i.test(msg)) return 'No file or function of the program matches: :sources RE lists its files, :funcs RE its functions.';
  // An optimized build (a service built without -N -l) inlines small functions: their lines hold no code of their own;
  // said only where Delve did not find main.main unoptimized (trial CH was told so of a -N -l build).
  const inlined = optimized === false ? '' : ' (in an optimized build, an inlined function\'s lines hold none: build with -gcflags=all=-N -l, or break on the caller)';
  return `Use file.go:LINE, LINE (in the current file) or pkg.Func; the line must hold a statement${inlined}.`;
}

// Go's parser's words, up to the sentence's end (a hint may follow it); a quoted token may hold a dot.
const GO_PARSE_ERROR = /(?:^|: )(\d+:\d+: (?:expected|illegal|missing|unexpected|invalid|string literal|rune literal)(?:'[^']*'|[^.'])*)/;

/** Go's parser's error in what Delve said of an expression (`1:6: expected operand`), if it is one. */
export function goParseError(delveError: string): string | undefined {
  return GO_PARSE_ERROR.exec(delveError)?.[1];
}

/** A breakpoint condition Delve could not parse as Go (its error `1:7: expected operand`), said as the condition's fault. */
export function conditionNotGo(condition: string, delveError: string): UserError | undefined {
  const parse = goParseError(delveError);
  return parse ? new UserError(`The condition '${condition}' is not a Go expression: ${parse}.`, 'A condition is Go, as in :break main.go:42 if o.ID == 7 && len(o.Items) > 2.') : undefined;
}

/** A hint for Delve's evaluation errors, DAP's or JSON-RPC's; `stopped`: the stop's goroutine, named where a hint sends the user back to it. */
export function evalHint(msg: string, expression = '', stopped?: number, entry = false): string {
  // DAP says `could not find symbol value for o`, an address read `could not find symbol o.Customer`.
  if (/could not find symbol\b/.test(msg)) {
    // A register in lower case, as gdb writes it: Delve's names are upper case.
    // A return value (`~r0`) has no name Delve's expressions take (trial AT was told of registers).
    if (/^\s*(?:print\s+)?~r\d+\s*$/.test(expression)) return 'A return value (~r0) is not a name expressions take: the Variables pane (4) shows it, and o says what a function returned.';
    if (/\b(r[abcd]x|r[sd]i|r[sbi]p|r(?:[89]|1[0-5])|e[abcd]x)$/.test(msg)) return 'Registers are upper case in Delve\'s expressions: RSP, RIP, RAX.';
    // No frame yet: "another frame" points nowhere (trial S).
    if (entry) return 'The program is halted at its entry, before the Go runtime starts: no frame has variables yet (c runs it to a breakpoint, where they read).';
    // A function called (`call runtime.GC()`) that the binary lacks: the linker leaves out what the program never calls (trial BU).
    const called = /^\s*(?:call\s+)?([\w.\/]+(?:\.\(\*?\w+\))?\.?\w*)\s*\(/.exec(expression)?.[1];
    if (called && msg.includes(`could not find symbol ${called}`)) return `The binary has no ${called}: the linker leaves out functions the program never calls (:funcs ${called.split('.').pop()} lists those it has).`;
    return 'Check the name: it is not a variable in scope at this frame (another frame: :frame N).';
  }
  if (/not at safe point|call not at safe point/i.test(msg)) return 'Step to a statement line (n), then call again.';
  if (/topmost stack frame/.test(msg)) return 'Calls run in the innermost frame: select frame 0 (:frame 0), then call.';
  // Delve calls only on a goroutine that is on a thread; a parked one (a worker waiting on a channel) is not.
  if (/selected goroutine not running/.test(msg)) return `This goroutine is parked (not on a thread), and Delve calls only on one that runs: select the goroutine that stopped (${stopped ? `:goroutine ${stopped}, or ` : ''}. in the goroutines pane), then call.`;
  // An address was wanted (x, :mem at, break *): a string, a map or a struct is not one.
  if (/can ?not convert .* to uintptr/.test(msg)) return 'An address is wanted: a pointer, &VAR (a string\'s or a map\'s header), $rsp, $pc+8 or 0xADDR.';
  // Delve's `o has no member I` (a struct, or a pointer to one).
  if (/has no (member|field)/.test(msg)) return `Tab after the dot lists the fields (:print ${/^\s*(?:print\s+)?(.+)\.\w+\s*$/.exec(expression)?.[1] ?? 'o'}.<Tab>).`;
  // A type assertion to a type the interface does not hold: the one it holds, as Delve said it; a nil one holds none (trial AX: `.(nil)`).
  const holds = /interface conversion: .+ is (.+), not .+$/.exec(msg.trim())?.[1];
  if (holds === 'nil') return 'The interface is nil: it holds no value to assert.';
  if (holds) return `It holds a ${holds}: assert that, .(${holds}).`;
  if (/nil pointer dereference/.test(msg)) return 'The pointer is nil: there is nothing to dereference.';
  if (/function calls not allowed without using 'call'/.test(msg)) return `Delve runs a function only when asked to: :call ${expression.replace(/^\s*print\s+/, '').trim()}`;
  // `o.Items[5]` past its end: the length is one :print away.
  const indexed = /index out of bounds|key not found/.test(msg) ? /^\s*(?:print\s+)?(.+)\[[^\]]*\]\s*$/.exec(expression) : null;
  if (indexed && /key not found/.test(msg)) return `The map has no such key: :print ${indexed[1]} lists its keys.`;
  if (indexed) return `:print len(${indexed[1]}) gives its length; indexes go from 0 to one less.`;
  return 'Expressions use Go syntax, as in :print o.Items[0].SKU, len(s) or *p.';
}

/**
 * evalHint, or for a bare name Delve did not find in the frame's scope that `reads` as a variable
 * of package main or of the frame's own package, its qualified name (trial AQ: `lockA` in sync's
 * frame was told to try another frame).
 */
export async function evalHintReading(msg: string, expression: string, frameName: string | undefined, reads: (expr: string) => Promise<boolean>, stopped?: number, entry = false, names?: () => Promise<string[]>): Promise<string> {
  const name = /could not find symbol value for (\w+)$/.exec(delveMessage(msg).trim())?.[1];
  if (name && expression.trim() === name && !entry) {
    const own = frameName ? packageOf(frameName) : undefined;
    for (const pkg of new Set(['main', ...(own && !own.includes('/') ? [own] : [])])) {
      if (await reads(`${pkg}.${name}`).catch(() => false)) return `It is a package variable: :print ${pkg}.${name}`;
    }
    // A name mistyped, as commands and functions are met (trial BV: `itemz` for items, no suggestion).
    const near = nearestNames(name, (await names?.().catch(() => [])) ?? []);
    if (near.length) return `Did you mean ${near.join(', ')}? The Variables pane (4) lists this frame's.`;
  }
  return evalHint(msg, expression, stopped, entry);
}

export function setHint(msg: string): string {
  if (/unknown frame id/i.test(msg)) return 'The frame is gone (the target moved on): select a frame again.';
  // A name Delve does not know here (DAP says `failed to find the named variable`): the type hint below would mislead.
  if (/could not find symbol\b|failed to find the named variable/.test(msg)) return 'Check the name: it is not a variable in scope at this frame (another frame: :frame N).';
  // An empty map says it as Delve's swiss map reader fails on its missing group (1.27, Go 1.24+).
  if (/\bkey not found\b|could not load swiss map group/.test(msg)) return 'Delve sets only an entry the map already has: it cannot add a key (:print the map to see its keys).';
  // Delve's words for a string given where it cannot make one (a number variable, too): the type first.
  return 'Give a value of its type (:whatis NAME); Delve sets numbers, bools and pointers, and a string only through a setter (:call).';
}
