import path from 'node:path';
import fs from 'node:fs';
import { completeArgument, type Completion } from '../commands/complete.js';
import type { Options } from '../cli/args.js';
import { DelveRpcClient, type RpcDebuggerState } from '../delve/rpc.js';
import { parseDelveVersion } from '../delve/locate.js';
import { findCommand, previewCommandLine, runCommandLine, splitCommandLine } from '../commands/registry.js';
import { describeError, UserError } from '../errors.js';
import { Models } from '../features/host.js';
import type { AppControl, CommandContext } from '../features/types.js';
import { bpfFeature } from '../bpf/feature.js';
import { Session, type Probed } from '../session/session.js';
import { shownFrame, type MessageKind, type Selection } from '../session/state.js';
import { OtherTargetError, Reconnector } from './reconnect.js';
import { closeConnection, dial, type Connection } from './connect.js';
import type { DapClient } from '../dap/client.js';
import { targetFiles, traceTarget } from './trace-target.js';
import { shellQuote } from '../core/shell.js';
import { delveGone, delvePid, findTargetPid, lastTargetPid, localListener, processAlive, targetBinary, watchTargetProcess } from './target-process.js';
import { mainModuleOfBinary } from '../binary/go-version.js';
import { SourceFinder } from '../source/files.js';
import { guessRules } from '../source/guess.js';
import { mark } from '../core/timings.js';
import { changedFlagsNote, clearWords, droppedEditsNote, keptEarlierNote, keptOutput, leftState, notRunNote, removedNote, savedNote, unfinishedNote, type DelveNumbered, type OthersBreakpoint } from './leaving.js';
import { flagsFeature } from '../flags/feature.js';
import { readSaved, readWatches, stateFile } from '../breakpoints/persist.js';
import { breakpointPlace, describeStopReason, hitConditionHolds, isKeptBy, othersName } from '../session/breakpoints.js';
import { leaveKept, leaveOrphans, takeBackOrphans } from '../breakpoints/orphans.js';
import { privateDir } from '../pair/rendezvous.js';
import { CommandRecorder } from '../batch/recorder.js';
import { PairModel } from '../pair/model.js';
import { watchFeature } from '../watch/feature.js';
import { delveBreakpoints, observationOf, sameStop, TRACE_LASTS_MS, tracing } from '../pair/observe.js';
import { registerPair } from '../pair/commands.js';
import { sourceFeature } from '../source/feature.js';
import { formatHostPort, isLoopback, type HostPort } from '../transport/address.js';
import { clean, formatDuration, shortPlace, type TableHang } from '../core/text.js';
import type { Project } from '../features/types.js';
import { projectOfBinary } from './project.js';
import { checkListening, delveListener } from '../remote/open.js';

/** A pause in typing this long shows what the command line would find (a query of 50,000 functions takes ~17 ms). */
const PREVIEW_AFTER_MS = 40;

/** What a front end (the terminal UI, or none) does for the controller. */
export interface FrontEnd {
  focus(pane: string): void;
  /** `at`: a line the pager opens with in view (else its top). */
  page(title: string, text: string, at?: number): void;
  /** `unasked`: nobody here asked for it (a peer's request): keys typed as it comes are no answers. */
  ask(question: string, choices: { key: string; label: string; command: string }[], opts?: { unasked?: boolean }): void;
  /** Takes a question back if it is still asked; true when it was. */
  withdraw(question: string): boolean;
  /** Output the console pane cannot show where the user looks: on the command row when one short line, else in the pager. */
  overflow(title: string, text: string, opts?: { at?: number; row?: string; hang?: TableHang }): void;
  /** A command's one-line result: on the command row while the console is not on the screen. */
  echo(text: string, kind: 'result' | 'warning'): void;
}

/** Without a screen: long output is printed, questions take their first answer. */
const NO_SCREEN: FrontEnd = {
  focus: () => undefined,
  page: () => undefined,
  ask: () => undefined,
  withdraw: () => false,
  overflow: () => undefined,
  echo: () => undefined,
};

/**
 * Owns one debugging session and what surrounds it: the connection (and the Delve or tunnel gotui
 * started), the feature models, and how gotui ends. Keys and the prompt reach the session only
 * through `run`, i.e. through the command registry.
 */
export class AppController implements AppControl {
  readonly session: Session;
  readonly models: Models;
  readonly ctx: CommandContext;
  private previewTimer: NodeJS.Timeout | undefined;
  /** Delve's JSON-RPC API on the same port, for what DAP lacks; absent on a `dlv dap` server. */
  rpc: DelveRpcClient | undefined;
  /** Where the program's breakpoints are saved (none with --no-restore, or for a core). */
  private readonly project: Project | undefined;
  /** The pair rendezvous met (or given up), once the JSON-RPC side channel is known. */
  private pairJoined: Promise<void> | undefined;
  /** This Delve's identity (address and Delve's pid), as the pair rendezvous and the orphans record name it. */
  private delveKey: string | undefined;
  /** Pair debugging: other clients' stops, the other gotuis on this Delve (with a JSON-RPC side channel). */
  pair: PairModel | undefined;
  front: FrontEnd = NO_SCREEN;
  /** The command line running now only asked a question (askFirst). */
  private onlyAsked = false;
  /** Every command line the user ran, for :record. */
  readonly commandLog = new CommandRecorder();
  private ending = false;
  /** Lines that came while leaving, not run. */
  private readonly notRun: string[] = [];
  private stopWatching: (() => void) | undefined;
  /** The binary the target ran at attach, where gotui can see it: a reconnect must find it again. */
  private program: Promise<string | undefined> = Promise.resolve(undefined);
  /** Retries a dropped connection to a server gotui did not start (it outlives a dropped link). */
  private readonly reconnector = new Reconnector({
    attempt: () => this.reconnectOnce(),
    show: (r) => this.session.setReconnecting(r),
    log: (text, kind) => this.session.log(text, kind),
  });

  constructor(
    readonly conn: Connection,
    private readonly options: Options,
    /** Leaves the process: restores the terminal, prints the farewell, exits with the code. */
    private readonly exit: (code: number, message?: string) => void,
    /** No screen will ever show a pane (batch mode): models are made on first use, and read only what is asked. */
    readonly headless = false,
  ) {
    this.session = new Session(conn.label);
    this.commandLog.target = conn.replay;
    this.session.cancelStep = async () => void (await (await this.requireRpc('drop the interrupted step')).call('CancelNext', {}));
    this.session.threadFrames = async () => {
      const rpc = await this.requireRpc("read the current thread's frames");
      // Goroutine 0: the current thread's own stack when it runs none (Delve's FindGoroutine).
      const out = await rpc.call<{ Locations: { function?: { name?: string } }[] | null }>('Stacktrace', { Id: 0, Depth: 30, Full: false }, { timeoutMs: 5_000 });
      const frames = (out.Locations ?? []).map((l, index) => ({ id: -1, index, name: l.function?.name ?? '?', line: 0 }));
      const evaluate = async (frame: { index: number }, expr: string) => rpc.eval(expr, { scope: { GoroutineID: 0, Frame: frame.index }, timeoutMs: 5_000 }).then((v) => (v.unreadable ? undefined : v.type === 'string' ? JSON.stringify(v.value) : v.value), () => undefined);
      return { frames, evaluate };
    };
    this.session.threadRegisters = async () => {
      const rpc = await this.requireRpc("read the current thread's registers");
      const out = await rpc.call<{ Regs: { Name: string; Value: string }[] | null }>('ListRegisters', { ThreadID: 0, IncludeFp: false }, { timeoutMs: 5_000 });
      return (out.Regs ?? []).map((r) => ({ name: r.Name, value: r.Value }));
    };
    this.session.clearInDelve = async (ids, timeoutMs) => {
      const rpc = await this.requireRpc("clear a watchpoint beside another client's");
      await Promise.all(ids.map((id) => rpc.call('ClearBreakpoint', { Id: id }, { timeoutMs })));
    };
    this.session.breakpointHere = async () => {
      const rpc = await this.requireRpc('see the breakpoint a step landed on');
      const state = await rpc.state(true);
      const thread = state.currentThread;
      const bp = thread?.breakPoint;
      if (!bp || bp.id <= 0) return state.stopReason === 'call returned' ? { callReturned: true } : {};
      // Delve names the breakpoint at a step's end whether or not its condition held (the step's own
      // breaklet is the active one; the hit is counted only when it held): checked as Delve checks a hit (trial R).
      if (bp.Cond && (await rpc.eval(bp.Cond).catch(() => undefined))?.value !== 'true') return {};
      const count = bp.HitCondPerG ? (bp.hitCount?.[String(thread.goroutineID)] ?? 0) : bp.totalHitCount;
      return !bp.HitCond || hitConditionHolds(bp.HitCond, count) ? { breakpoint: bp.id } : {};
    };
    // JSON-RPC names files as DAP does (Delve's paths; gotui maps them to its own only to read them).
    this.session.locate = async (spec) => {
      const at = (await this.rpc?.findLocation(spec, { timeoutMs: 2_000 }))?.[0];
      return at?.file && at.line ? { file: at.file, line: at.line, ...(at.function?.optimized !== undefined ? { optimized: at.function.optimized } : {}) } : undefined;
    };
    this.session.beforeCall = async (goroutine) => void (await this.rpc?.call('Command', { name: 'switchGoroutine', goroutineID: goroutine }, { timeoutMs: 2_000 }));
    // Breakpoints are kept per program in its project; an attached local target's is found by its binary.
    const persist = !options.noRestore && !process.env.GOTUI_NO_RESTORE && !conn.postMortem;
    const project = persist ? conn.project ?? projectOfTarget(conn) : undefined;
    this.project = project;
    this.models = new Models(this.session, {
      rpc: (what) => this.requireRpc(what),
      openRpc: () => (this.rpc ? DelveRpcClient.connect(this.conn.address).catch(() => undefined) : Promise.resolve(undefined)),
      traceTarget: () => traceTarget(conn),
      pid: () => findTargetPid(conn),
      files: targetFiles(conn),
      core: () => conn.postMortem?.core,
      sources: new SourceFinder({
        rules: options.substitutePath ?? [],
        ...(conn.remote ? { remote: conn.remote } : {}),
        // Delve answers only while the target is stopped.
        guess: async () => (this.session.state.status === 'stopped' ? guessRules(this.rpc) : undefined),
        builtAt: () => builtAt(conn),
      }),
      project: () => project,
      restoresSaved: conn.owned,
    }, headless);
    if (!headless) this.models.createAll();
    const print = (text: string, kind: MessageKind = 'result') => {
      this.session.log(text, kind);
      // A warning too (a flag edit queued, a step cut short): with the console hidden it was said nowhere (trial BA at 80x24).
      if ((kind === 'result' || kind === 'warning') && !text.includes('\n')) this.front.echo(text, kind);
    };
    this.ctx = {
      session: this.session,
      app: this,
      model: (f) => this.models.model(f),
      print,
      // Too long for the console (or the console not shown): the pager or the command row as well,
      // and the console keeps it to scroll back to.
      show: (title, text, opts) => {
        this.session.log(text, 'result');
        this.front.overflow(title, text, opts);
      },
      // Commands built on others: the user's line is what :record keeps, not the ones it ran.
      run: (line) => runCommandLine(this.ctx, line),
      rpc: (what) => this.requireRpc(what),
      ...(conn.remote ? { host: conn.remote.ssh.destination } : {}),
    };
    for (const w of [...conn.warnings, ...(conn.notes ?? [])]) this.session.log(w, 'warning');
    // A script (headless) does not reconnect: its run stops at the drop, said by itself (batch/main.ts),
    // and the drop's sentence names no keys or commands (trial BY: `:reconnect`, the status bar's countdown).
    this.session.reconnects = !conn.owned || headless;
    this.session.silenceReason = () => stoppedDelveWords(conn);
    this.session.events.on('ended', (e) => {
      if (e.why !== 'disconnected' || this.ending || conn.owned || headless) return;
      const killer = this.pair?.killedBy;
      if (killer) {
        this.session.log(`${killer} ended the program and its Delve: nothing to reconnect to (:quit leaves).`, 'warning');
        return;
      }
      this.session.log('gotui reconnects by itself, with a countdown in the status bar (:reconnect tries now, :quit gives up).', 'info');
      this.reconnector.start();
    });
    // The SSH link's own words (host unreachable, connection reset) say more than "Delve closed the connection".
    // Heard after Delve's connection closed (ssh notices its own end a moment later), it is said as the cause,
    // once: the links a reconnect's attempts open and lose are those attempts' failures, which it says (trial L).
    let causeSaid = false;
    this.session.events.on('connected', () => (causeSaid = false));
    conn.remote?.ssh.onDown((why) => {
      if (this.session.state.status !== 'disconnected') this.session.log(why.message, 'warning');
      else if (!causeSaid) this.session.log(`${why.message.replace(/\.$/, '')}: that is what closed the connection to Delve.`, 'warning');
      causeSaid ||= this.session.state.status === 'disconnected';
    });
    conn.server?.onOutput((line, stream) => this.session.events.emit('output', { text: line, category: stream === 'stderr' ? 'stderr' : 'stdout' }));
    this.session.outputDrain = conn.server?.quiet;
  }

  /** The line being typed, for commands that show what they would find (after a pause in typing). */
  preview(line: string): void {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void previewCommandLine(this.ctx, line), PREVIEW_AFTER_MS);
    this.previewTimer.unref();
  }

  /** Tab in a command's argument. */
  completeArgs(line: string): Promise<Completion | undefined> {
    return completeArgument(this.ctx, line);
  }

  /** Runs what the user typed or a key stands for; lines that ran are kept for :record. */
  async run(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    // Typed before q and queued behind it (q never waits): leaving, gotui runs nothing more, and
    // its farewell says what it did not run (trial K: an `n` sent after the quit had begun was its
    // peers' "another client").
    if (this.ending) {
      if (line.trim()) this.notRun.push(line.trim());
      return false;
    }
    const before = this.session.stopCount;
    this.onlyAsked = false;
    const ok = await runCommandLine(this.ctx, line, opts);
    // A line that only asked did nothing: its answer's line is the one :record keeps.
    if (ok && !this.onlyAsked) this.recordLine(line, before);
    return ok;
  }

  recordLine(line: string, before: number): void {
    try {
      const ownStop = !!findCommand(splitCommandLine(line).name)?.ownStop;
      this.commandLog.note(line, { before, after: this.session.stopCount, running: this.session.state.status === 'running', ownStop });
    } catch (err) {
      this.session.log(describeError(err), 'error');
    }
  }

  /**
   * Attaches over `client` (dialled here when not given). Throws what went wrong: main attaches
   * before the screen opens, so a server that is not Delve, or says nothing, is one line on a plain
   * terminal.
   */
  async start(client?: DapClient): Promise<void> {
    client ??= await dial(this.conn);
    const mainModule = this.conn.mainModule ?? mainModuleOfTarget(this.conn);
    // Said as the handshake ends, before the stop it loads (trial AE: `Stop 1 (pause)` came above `Attached to`).
    let said = false;
    const sayAttached = () => {
      if (!said) this.sayAttached();
      said = true;
    };
    const offConnected = this.session.events.on('connected', sayAttached);
    try {
      await this.session.attach(client, {
        stop: this.options.stop,
        version: this.conn.version,
        owned: this.conn.owned,
        probe: () => this.probe(),
        handshakeMs: this.options.handshakeMs,
        ...(mainModule ? { mainModule } : {}),
        ...(this.conn.postMortem ? { postMortem: this.conn.postMortem } : {}),
      });
    } catch (err) {
      // Never attached: nothing to come back to (the failed handshake counts as a drop otherwise).
      this.reconnector.stop();
      this.session.dispose();
      this.rpc?.close();
      // A Delve gotui started may listen and then fail: its words, not the connection's, say why.
      throw (await this.conn.server?.failure?.(1_000)) ?? stoppedListener(this.conn, err) ?? err;
    } finally {
      offConnected();
    }
    if (this.session.reconnects) this.program = this.targetProgram(false);
    sayAttached();
    if (this.session.waitingToJoin) this.session.log('The target runs: gotui shows it from its next stop (another client runs it, a gotui on this Delve or the dlv CLI; Delve answers a new client only then).', 'info');
    this.commandLog.attached(this.session.stopCount);
    this.watchProcess();
    await this.pairJoined;
    await this.pair?.start();
    this.takeBackOrphans();
  }

  /** What gotui attached to, and where its Delve listens (for the dlv CLI or a second gotui). */
  private sayAttached(): void {
    if (this.conn.postMortem) this.session.log(`Opened ${this.conn.label} (Delve ${this.session.state.delveVersion}): a snapshot of a process that no longer runs. Every pane reads; c, n, s and p do nothing. ? shows the keys.`, 'info');
    else {
      // A Delve gotui started: say where it listens, so the dlv CLI (or a second gotui) can look too.
      // Started over SSH, it listens on that host's loopback: the CLI looks from there, or here through gotui's tunnel.
      const remote = this.conn.remote;
      const where = !this.conn.server ? '' : ` listening on ${remote ? `${remote.ssh.destination} at ${formatHostPort(remote.delve)}` : formatHostPort(this.conn.address)}`;
      const look = this.conn.server ? ` ${this.dlvConnectHint()} (:info repeats it).` : '';
      this.session.log(`Attached to ${this.conn.label} (Delve ${this.session.state.delveVersion}${where}).${look} ? shows the keys; : opens the command prompt.`, 'info');
    }
  }

  /** Breakpoints a gotui left in this Delve when its link dropped: taken back (see breakpoints/orphans.ts). */
  private takeBackOrphans(): void {
    // No private directory to read (pairing says why when it needs one): nothing was left there.
    const dir = this.delveKey && !this.options.follow ? attempted(() => privateDir()) : undefined;
    if (this.delveKey && dir) takeBackOrphans(this.session, dir, this.delveKey, async (ids, by) => this.pair?.nameOwner(ids, by));
  }

  /** Opens the JSON-RPC side channel (once DAP is up) and asks it what DAP cannot tell before attach. */
  private async probe(): Promise<Probed> {
    try {
      this.rpc = await DelveRpcClient.connect(this.conn.address);
    } catch (err) {
      this.session.log(`${describeError(err)}`, 'info');
      return {};
    }
    mark('json-rpc connected');
    const version = this.rpc.version;
    const [first, attachedThere] = await Promise.all([this.rpc.state(true).catch(() => undefined), this.rpc.attachedToExistingProcess().catch(() => undefined)]);
    const state = first && (await this.pastTraces(this.rpc, first));
    // A client's continue seen at a trace's moment: DAP's attach would take its run over (see lazy below).
    const tracingRun = !!state?.Running && first?.Running === false;
    mark('json-rpc asked');
    // A Delve gotui started halts the target itself (at entry, or on attach --pid): not a user's halt to preserve.
    const halted = !this.conn.server && state ? !state.Running && !state.exited : undefined;
    this.pairJoined = this.joinPair().then(
      () => mark('pair joined'),
      (err) => this.session.log(`Pair debugging: ${describeError(err)}`, 'warning'),
    );
    // Who else is here decides only how to join a running target: otherwise DAP attaches meanwhile.
    if (halted === false) await this.pairJoined;
    return {
      version: version ? parseDelveVersion(version.DelveVersion) ?? version.DelveVersion.trim() : undefined,
      halted,
      ...(attachedThere !== undefined ? { delveStarted: !attachedThere } : {}),
      // Joining others, or watching: Delve's attach would halt the running target (see AttachOptions.lazy).
      lazy: !!this.options.follow || !!this.pair?.othersPresent || tracingRun,
    };
  }

  /**
   * A halt at traces only is likely a moment of another client's continue (the dlv CLI prints a hit
   * and runs on): looked at again after a while, and taken as running unless it lasts (trial CO:
   * attaching there halted the service for good, and ended the CLI's continue).
   */
  private async pastTraces(rpc: DelveRpcClient, state: RpcDebuggerState): Promise<RpcDebuggerState> {
    const seen = observationOf(state);
    if (seen.kind !== 'halted' || !seen.tracing) return state;
    await new Promise((r) => setTimeout(r, TRACE_LASTS_MS));
    const again = await rpc.state(true).catch(() => undefined);
    const later = again && observationOf(again);
    if (!again || !later || later.kind !== 'halted' || !later.tracing || sameStop(seen.signature, later.signature)) return again ?? state;
    return { ...again, Running: true };
  }

  /**
   * The rendezvous' name for this Delve as its host knows it: through a tunnel the remote end, else
   * the address (loopback spelt one way) and, on this machine, Delve's pid. Through SSH the
   * rendezvous is on the Delve host, named as a gotui running there names it (so both meet).
   */
  private async pairKey(): Promise<string> {
    const remote = this.conn.remote;
    if (remote) return pairKey(remote.delve, await remote.delvePid());
    return this.conn.tunnel ? this.conn.label.replace(/ \(ssh\)$/, '') : pairKey(this.conn.address, delvePid(this.conn));
  }

  /** Meets the other gotuis on this Delve (once; a reconnect keeps the pair, unless Delve is another one). */
  private async joinPair(): Promise<void> {
    // gotui run is a script, not a peer: met as a follower it could not run its own steps. The gotuis
    // there see its moves as another client's, as they see the dlv CLI's. Its breakpoints still go
    // beside theirs: DAP replaces a file's list and all function breakpoints at once (trial BL: a
    // script's `break` took out an interactive gotui's).
    if (this.headless && !this.session.learnBreakpoints) {
      this.session.learnBreakpoints = async () => {
        const read = this.rpc && (await delveBreakpoints(this.session, this.rpc));
        if (read) this.session.syncBreakpoints(read.list, read.epoch, () => ({ by: 'another client' }));
      };
    }
    if (this.pair || !this.rpc || this.headless) return;
    const remote = this.conn.remote;
    const key = (this.delveKey = await this.pairKey());
    const conn = this.conn;
    const pair = new PairModel(this.session, this.models.model(sourceFeature), {
      key,
      address: conn.address,
      viewer: !!this.options.follow,
      // Only a target on this machine is known gone (its process watched here); a restart's new one lives.
      targetGone: (pid) => findTargetPid(conn) !== undefined && !processAlive(pid),
      watched: () => this.models.model(watchFeature).get().rows.map((r) => r.expr),
      ...(remote ? { ssh: remote.ssh } : {}),
    });
    pair.front = { ask: (q, choices, opts) => this.front.ask(q, choices, opts), withdraw: (q) => void this.front.withdraw(q) };
    this.pair = pair;
    registerPair(this.session, pair);
    this.models.statusParts.push(pair);
    await pair.join();
  }

  async requireRpc(what: string): Promise<DelveRpcClient> {
    if (!this.rpc) throw new UserError(`Cannot ${what}: this Delve server has no JSON-RPC side channel (a dlv dap server?).`, 'Start Delve headless with --accept-multiclient --api-version=2.');
    return this.rpc;
  }

  // ---- AppControl ------------------------------------------------------------------------

  async quit(how: 'ask' | 'leave' | 'resume' | 'kill', opts: { keepBreakpoints?: boolean; confirmed?: boolean; interrupt?: boolean } = {}): Promise<void> {
    if (how === 'resume') this.requireRunControl('quit -resume');
    const keep = opts.keepBreakpoints ? ' -keep-breakpoints' : '';
    // A service gotui did not start may be someone's production, or a colleague's session: asked.
    if (how === 'kill' && !this.conn.owned && !opts.confirmed && this.front !== NO_SCREEN) {
      const peers = this.pair?.others.map((p) => p.name) ?? [];
      const on = peers.length ? `; ${peers.join(', ')} ${peers.length === 1 ? 'is' : 'are'} on it` : '';
      // What it kills and that gotui did not start them first: at 80 columns the row cuts the rest (trial T).
      this.askAboutTarget(`Kill program and Delve? gotui did not start them (${this.conn.label}${on}).`, [{ key: 'y', label: 'kill them', command: `quit -kill -yes${keep}` }]);
      return;
    }
    // Ending a program gotui started ends it under whoever else is on its Delve: asked, with the detach that spares them.
    // A Delve gone (killed, crashed) has no one on it left to spare (trial CA was asked).
    const under = how === 'ask' && this.conn.owned && !opts.confirmed && this.front !== NO_SCREEN && this.session.connected ? this.othersOnDelve() : undefined;
    if (under) {
      // Who, and since when, goes to the console; the question stays short enough for 80 columns
      // beside its keys, so that others are there stays in view while the program's output scrolls.
      this.session.log(`${under}: y ends the program and its Delve under them; d detaches, and Delve keeps serving.`, 'warning');
      this.front.ask('End program and Delve? Others use it.', [
        { key: 'y', label: 'end them', command: `quit -kill${keep}` },
        { key: 'd', label: 'detach', command: `detach${keep}` },
      ]);
      return;
    }
    // A viewer leaves everything as it found it; so does anyone leaving others at work on the target.
    // Not for a Delve gone: nothing is left for them, and the farewell says the connection closed.
    // Only viewers left (--follow): none of them can run it, so this gotui asks as one alone does (trial AZ: left halted for carol).
    const others = how === 'ask' && !this.options.follow && this.session.connected ? (this.pair?.othersWhoCanDrive.map((p) => p.name) ?? []) : [];
    // Letting it run is offered only where it is halted (trial K: said of a running target too).
    const canRun = !this.session.state.runControlBlocked && this.session.state.status === 'stopped';
    let why = others.length ? ` for ${others.join(', ')} (other gotuis are on it: q asks only when you are alone${canRun ? '; :quit -resume, instead of q, leaves it running' : ''})` : '';
    if ((this.options.follow && how !== 'kill') || (how === 'ask' && this.pair?.othersWhoCanDrive.length)) how = 'leave';
    if (how === 'ask' && !this.conn.owned) await this.seeOthersRun();
    const held = how === 'kill' || this.conn.owned || opts.keepBreakpoints ? [] : this.heldBreakpoints();
    if (held.length && how === 'ask' && !opts.interrupt && this.front !== NO_SCREEN) {
      // Delve's DAP changes no breakpoint while another client's continue runs the target (trial CM: a tracepoint
      // fired on after q). Halting it ends that client's continue: asked, not done unsaid.
      // Run on by gotui's continue, which no client waits on once gotui has gone, the target halts at that client's next trace hit (trial CO).
      const traces = this.session.state.breakpoints.filter((b) => b.by && b.tracepoint && !b.disabled).map((b) => breakpointPlace(b));
      const halts = traces.length ? ` But its trace at ${traces.slice(0, 2).join(', ')}${traces.length > 2 ? ', …' : ''} would then halt the target at its next hit, for good: Delve runs on past a trace only for a client waiting on the run, and after c none is.` : '';
      this.session.log(`Another client's continue (the dlv CLI's?) runs the target, and Delve takes no breakpoint out meanwhile. c halts it, takes out gotui's ${held.length === 1 ? 'breakpoint' : `${held.length} breakpoints`} and lets it run again: that client's continue ends there, as its Ctrl-C would (the dlv CLI prints where and gives its prompt back, and its next command waits until the target halts again).${halts} l leaves ${held.length === 1 ? 'it' : 'them'} in Delve (${this.dlvConnectLater()}, then ${clearWords(held)}), and that client's continue runs on.`, 'warning');
      this.askAboutTarget(`Another client runs the target: gotui's ${held.length === 1 ? 'breakpoint stays' : `${held.length} breakpoints stay`} unless it halts.`, [
        { key: 'c', label: 'halt, clear, run on', command: 'quit -resume -interrupt' },
        { key: 'l', label: 'leave them', command: 'quit -leave' },
      ], 'stop');
      return;
    }
    if (held.length && opts.interrupt) {
      why = await this.interruptOthersRun();
      if (how === 'ask') how = 'resume';
    }
    if (how === 'ask' && !this.conn.owned && this.session.connected) {
      // A step on its way is halted first (its stop may still be loading when asked): then asked, as a halted target is.
      const halted = (await this.session.settle()) ? await this.session.halt() : this.session.state.status === 'stopped';
      if (halted) {
        // As found: at 80 columns the keys leave the question 30 cells; the console says it whole.
        // A process gotui's own `dlv attach` took (--pid) ran until then.
        const found = this.session.foundAs ?? (this.conn.server && !this.conn.postMortem ? 'running' : undefined);
        if (found === 'running') this.session.log('The target was running when gotui attached: r lets it run again, as it was; h leaves it halted.', 'info');
        // Run since: halted, but not where it was found (trial CJ read "as it was").
        else if (found === 'halted' && this.session.ranSinceAttach) this.session.log('The target was halted when gotui attached and has run since: h leaves it halted here; r lets it run.', 'info');
        else if (found === 'halted') this.session.log('The target was halted when gotui attached: h leaves it halted, as it was; r lets it run.', 'info');
        // The question says how it was found, not where it is now (trial BM): at a fatal stop, r ends the program.
        if (this.session.state.stop?.reason === 'exception') this.session.log('It is stopped at an unrecovered panic or a fatal error: r lets it end there, as it would without a debugger; h keeps it halted.', 'warning');
        // "now" against "at attach": runs and another client's halt since leave the state found behind (trial BC).
        this.askAboutTarget(found ? `Halted now (${found} at attach):` : 'The target is halted:', [
          { key: 'r', label: 'let it run', command: `quit -resume${keep}` },
          { key: 'h', label: 'leave it halted', command: `quit -leave${keep}` },
        ], 'resumed');
        if (this.front !== NO_SCREEN) return;
        how = 'resume';
      }
    }
    await this.end(this.conn.owned || how === 'kill' ? 'kill' : how === 'resume' ? 'resume' : 'leave', 0, { ...opts, why });
  }

  /** `:info`: what gotui is attached to, where its Delve listens (for the dlv CLI or another gotui), and who else is on it. */
  async about(): Promise<string> {
    const s = this.session.state;
    const addr = formatHostPort(this.conn.address);
    const remote = this.conn.remote;
    // Over SSH, the process as the host's /proc shows it now (a restart gives it a new pid).
    // A host too slow to answer in 5 s (a session there is most of it) gets the last read, said as such.
    const fresh = remote && !this.conn.postMortem ? await Promise.race([remote.debuggee().catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000).unref())]) : undefined;
    const seen = fresh ?? (remote?.lastReport && !this.conn.postMortem ? await remote.debuggee(false).catch(() => undefined) : undefined);
    const when = fresh ? '' : ' when last read';
    const pid = this.conn.postMortem ? undefined : remote ? seen && `${seen.pid} there${when}, ${clean(seen.exe)}` : findTargetPid(this.conn);
    const dlv = remote ? remote.seenDelvePid : delvePid(this.conn);
    const alone = 'q leaves it running, or asks when it is halted';
    const owned = this.conn.postMortem
      ? 'a core file: nothing runs'
      : this.conn.owned
        ? 'started by gotui: q ends it with its Delve'
        : this.pair?.others.length
          ? `attached: q leaves it as it is while other gotuis are on it (alone, ${alone})`
          : `attached: ${alone}`;
    const top = s.selection?.top;
    // Delve's own current goroutine is none when the thread it stopped runs none (the dlv CLI's `goroutine` says so).
    const picked = s.stop?.picked && s.selection?.goroutine === s.stop.goroutine ? "; the thread Delve stopped runs none, so gotui shows the program's" : '';
    // The frame on screen, when it is not the top one (after a pause gotui shows the program's first frame).
    const shown = shownFrame(s.selection);
    const at = top ? ` at ${top.file ? shortPlace(top.file, top.line) : top.name} (goroutine ${s.selection!.goroutine}${picked}${shown ? `; ${shown}` : ''})` : '';
    const stop = s.stop ? `stop ${s.stop.number} (${describeStopReason(s.stop, s.breakpoints)})${at}` : '';
    const lines = [
      `Target  ${clean(this.conn.label)}${pid ? ` (pid ${pid})` : ''}, ${owned}`,
      `State   ${s.status}${stop ? `; ${s.status === 'stopped' ? '' : 'last '}${stop}` : ''}`,
      remote
        ? `Delve   ${s.delveVersion} on ${remote.ssh.destination} at ${formatHostPort(remote.delve)}${dlv ? ` (pid ${dlv})` : ''}; here through gotui's tunnel at ${addr}`
        : `Delve   ${s.delveVersion} at ${addr}${dlv ? ` (pid ${dlv})` : ''}`,
      `        ${this.dlvConnectHint()}`,
    ];
    if (this.pair) lines.push(`Pair    ${this.pair.statusText() || 'no other gotui on this Delve'}`);
    const another = this.anotherClientWords();
    if (another) lines.push(`Others  ${another}`);
    return lines.join('\n');
  }

  /** How the dlv CLI reaches this Delve: through SSH from that host, or here through gotui's tunnel while it runs. */
  private dlvConnectHint(): string {
    const here = formatHostPort(this.conn.address);
    const remote = this.conn.remote;
    // While a DAP continue (gotui's) runs the target, Delve answers the CLI only at the next stop.
    const look = 'The dlv CLI can look too, while the target is stopped:';
    return remote ? `${look} dlv connect ${formatHostPort(remote.delve)} on that host, or here dlv connect ${here} while gotui runs` : `${look} dlv connect ${here}`;
  }

  /** How the dlv CLI reaches this Delve once gotui (and its tunnel) has gone (trial AB: the hint named no address). */
  private dlvConnectLater(): string {
    const remote = this.conn.remote;
    return remote ? `dlv connect ${formatHostPort(remote.delve)} on ${remote.name}` : `dlv connect ${formatHostPort(this.conn.address)}`;
  }

  /** Who else is on this Delve, in words: the gotuis there, else another client seen at work (Delve lists no clients). */
  private othersOnDelve(): string | undefined {
    const peers = this.pair?.others.map((p) => p.name) ?? [];
    if (peers.length) return `${peers.join(', ')} ${peers.length === 1 ? 'is' : 'are'} on this Delve`;
    return this.anotherClientWords();
  }

  /** A client other than a gotui, last seen at work here (Delve lists no clients): in words, if one was seen. */
  private anotherClientWords(): string | undefined {
    const at = this.pair?.anotherClientAt;
    return at === undefined ? undefined : `Another client (the dlv CLI, an editor) was at work on this Delve ${formatDuration((Date.now() - at) * 1e6)} ago`;
  }

  /**
   * Ends this gotui where it stands, saying nothing to Delve (an embedder's teardown): above all no
   * more reconnecting, which would attach to whatever Delve comes to listen at the address next and
   * set this gotui's breakpoints there.
   */
  close(): void {
    this.ending = true;
    this.reconnector.stop();
    this.rpc?.close();
    this.session.dispose();
  }

  /** Watches the target's process from its pid now (a restart that lands while the target runs shows in no poll of Delve: it tells no pid then). */
  private watchProcess(): void {
    this.stopWatching?.();
    this.stopWatching = watchTargetProcess(this.conn, this.session, { replaced: (pid) => this.pair?.processReplaced(pid) });
  }

  /** Letting the target run on leaving is run control: a follower's (another gotui drives) is refused, as its p is. */
  private requireRunControl(what: string): void {
    const why = this.session.state.runControlBlocked;
    if (why) throw new UserError(`${what} is not yours to do: ${why}.`, 'q leaves the target as it is for the driver.');
  }

  async detach(resume: boolean, opts: { keepBreakpoints?: boolean; exitCode?: number; interrupt?: boolean } = {}): Promise<void> {
    if (resume) this.requireRunControl('detach -resume');
    if (this.ending) return;
    // It was running: let run again once gotui's breakpoints are out (trial CN: the ended continue went unsaid).
    const interrupted = opts.interrupt && !opts.keepBreakpoints && this.heldBreakpoints().length ? await this.interruptOthersRun() : '';
    if (interrupted) resume = true;
    this.ending = true;
    this.reconnector.stop();
    await this.closeTools();
    const { left, state } = await this.leaveTarget(resume, opts.keepBreakpoints);
    // A Delve gotui started keeps serving after detach: say where, so the user can come back.
    const where = `${this.conn.address.host}:${this.conn.address.port}`;
    const msg = this.conn.server && this.conn.remote
      ? `Detached from ${this.conn.label}; the Delve gotui started there ends with the SSH connection, and the target is ${await state()}.`
      : this.conn.server
      ? `Detached; the target is ${await state()}. Delve keeps serving it on ${where} (gotui attach ${where})${keptOutput(this.conn.server.keepOutput?.())}.`
      : `Detached from ${this.conn.label}; the target is ${await state()}${interrupted}.`;
    await closeConnection(this.conn, false);
    this.exit(opts.exitCode ?? 0, `${msg}${removedNote({ ...left, connect: this.dlvConnectLater() })}${left.removed ? this.stillSaved() : ''}${this.keptEarlier()}${notRunNote(this.notRun)}`);
  }

  /**
   * What became of the program when its Delve went (killed, crashed), as /proc has it: detached, it
   * runs on, unless it reaches a breakpoint's trap the dead Delve left in its code (trial CL: unsaid).
   */
  private programFate(): string {
    const pid = this.localTargetPid();
    if (pid === undefined) return '';
    const traps = this.session.state.breakpoints.some((b) => !b.disabled && b.delveId !== undefined);
    // Most likely of a trap (trial CO: `Trace/breakpoint trap`, said only as ended).
    if (!processAlive(pid)) return ` Its program (pid ${pid}) has ended too${traps ? ': a breakpoint Delve had set stays in its code as a trap, and reaching one ends it (SIGTRAP)' : ''}.`;
    return ` Its program (pid ${pid}) runs on, no debugger attached${traps ? ': the breakpoints Delve had set stay in its code as traps, and reaching one ends it (SIGTRAP)' : ''}.`;
  }

  /** The user's breakpoints an earlier gotui kept, still in Delve (as this gotui found them): said as it leaves. */
  private keptEarlier(): string {
    return keptEarlierNote(this.session.state.breakpoints.filter((b) => isKeptBy(b.by)).map((b) => `${othersName(b)} at ${breakpointPlace(b)}`));
  }

  /** After "Removed the breakpoints gotui set", or "Ended": those (and the watches) still saved for the program's next start. */
  private stillSaved(): string {
    return this.project ? savedNote(readSaved(this.project).length, readWatches(this.project).length, stateFile(this.project)) : '';
  }

  /** `:reconnect`: at once, whether or not gotui is already retrying. */
  async reconnect(): Promise<void> {
    await this.reconnector.now();
  }

  /**
   * Makes the way to Delve again (the SSH connection and its forward), re-attaches to the same
   * multi-client server (gotui's breakpoints are sent again at configuration), and brings the view
   * back to the goroutine and frame the user looked at.
   */
  private async reconnectOnce(): Promise<void> {
    const before = this.session.state.selection;
    const wasRunning = this.session.ranAtDrop;
    await this.conn.relink?.();
    const client = await dial(this.conn).catch(async (err: unknown) => {
      if (!(err instanceof UserError) || !err.hint?.includes('./yourbin')) throw err;
      // Its program gone too, said before the way to start it again (trial CN: only the hint changed, to exec).
      const pid = this.localTargetPid();
      const gone = pid !== undefined && !processAlive(pid) ? ` Its program (pid ${pid}) has ended too.` : '';
      throw new UserError(`${err.message}${gone}`, err.hint.replace('exec ./yourbin', await this.delveAgain()));
    });
    try {
      await this.sameProgram();
    } catch (err) {
      client.close();
      throw err;
    }
    this.rpc?.close();
    this.rpc = undefined;
    await this.session.reconnect(client, { stop: false, version: this.session.state.delveVersion, owned: this.conn.owned, probe: () => this.probe(), handshakeMs: this.options.handshakeMs });
    this.session.setReconnecting(undefined);
    if (this.conn.remote) this.conn.remote.seenDelvePid = undefined;
    // Another Delve (and process) may answer now: its pid is the one watched, not a restart's.
    this.watchProcess();
    await this.pair?.meetAt((this.delveKey = await this.pairKey()));
    // Delve halts a target to serve some requests (setBreakpoints) and a client that drops mid-way
    // never resumes it: what gotui's continue was running runs again, unless others share the wheel.
    // A stop at a breakpoint (or a panic) while the link was down is a real stop: it stays.
    const rpc = this.rpc as DelveRpcClient | undefined; // made again by the re-attach's probe
    const atBreakpoint = wasRunning && !!(await rpc?.state(true).catch(() => undefined))?.currentThread?.breakPoint;
    if (wasRunning && !atBreakpoint && this.session.state.status === 'stopped' && !this.options.follow && !this.pair?.othersPresent) {
      await this.session.continue().then(
        () => this.session.log('The target was running when the connection dropped and was found halted; gotui let it run again.', 'info'),
        (err) => this.session.log(`The target was running when the connection dropped and is halted now: ${describeError(err)}`, 'warning'),
      );
    } else if (this.session.state.status === 'stopped' && before) await this.restoreView(before).catch(() => undefined);
    // gotui's own that Delve took again; others' (the dlv CLI's) are theirs to set again.
    const bps = this.session.state.breakpoints.filter((b) => !b.by && !b.disabled && b.verified).length;
    this.session.log(`Reconnected to ${this.conn.label}${bps ? `; ${bps} breakpoint${bps === 1 ? '' : 's'} set again` : ''}.`, 'info');
  }

  /** The target's pid as last found on this machine (none over SSH: /proc here is another machine's). */
  private localTargetPid(): number | undefined {
    return this.conn.remote ? undefined : lastTargetPid(this.conn);
  }

  /** How to start Delve again for this target (trial CL: `exec ./yourbin`, where gotui knew it): its living process attached, else its binary run. */
  private async delveAgain(): Promise<string> {
    const pid = this.localTargetPid();
    if (pid !== undefined && processAlive(pid)) return `attach ${pid}`;
    // One Delve attached to was started by someone else: started again, attached again (trial CO: told to exec it).
    if (this.session.state.delveStarted === false) return 'attach PID (the pid of the program once it is started again)';
    const bin = await this.program;
    return bin ? `exec ${shellQuote(bin)}` : 'exec ./yourbin';
  }

  /**
   * Delve has no login: whatever listens at the address after a drop gets this gotui's breakpoints
   * (and its continue). Not when it debugs another program, or one gotui cannot see any longer.
   */
  private async sameProgram(): Promise<void> {
    const was = await this.program;
    if (!was) return;
    const now = await this.targetProgram(true);
    if (now === was) return;
    const keep = `gotui keeps trying, in case ${path.basename(was)} comes back; :quit gives up, and attaching again debugs the new one.`;
    // Through a tunnel the forward takes the connection whatever is there: a closed port is said so (trial AH).
    if (!now && this.conn.remote) await checkListening(this.conn.remote);
    if (!now) throw new OtherTargetError(`The Delve now at ${this.conn.label} debugs a program gotui cannot see, so it may not be ${was}: gotui does not attach to it.`, keep);
    throw new OtherTargetError(`The Delve now at ${this.conn.label} debugs ${now}, not ${was}: gotui does not attach to it, nor set its breakpoints there.`, keep);
  }

  /**
   * Whether the Delve of a closed connection is gone (its process here, its port there): then no
   * breakpoint of gotui's halts anything (trial AH: told so of a Delve killed on the SSH host).
   */
  private async delveGone(): Promise<boolean> {
    const remote = this.conn.remote;
    if (!remote) return delveGone(this.conn);
    // A report is a session on the host: bounded, and unknown (not gone) when the link is down too.
    const report = await Promise.race([remote.report().catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000).unref())]);
    return !!report && !report.noProc && !delveListener(report, remote.delve);
  }

  /** The binary the target runs, seen on its host (this machine, or the SSH host) without asking Delve. */
  private async targetProgram(fresh: boolean): Promise<string | undefined> {
    const remote = this.conn.remote;
    if (remote) return (await remote.debuggee(fresh).catch(() => undefined))?.exe;
    return targetBinary(this.conn, fresh);
  }

  private async restoreView(before: Selection): Promise<void> {
    const now = this.session.state.selection;
    if (now?.goroutine !== before.goroutine) await this.session.selectGoroutine(before.goroutine);
    if (before.chosen && before.frame && this.session.state.selection?.frame?.index !== before.frame.index) await this.session.selectFrame(before.frame.index);
  }

  focus(pane: string): void {
    this.front.focus(pane);
  }

  page(title: string, text: string): void {
    if (this.front === NO_SCREEN) this.session.log(text, 'result');
    else this.front.page(title, text);
  }

  ask(question: string, choices: { key: string; label: string; command: string }[]): void {
    this.front.ask(question, choices);
  }

  askFirst(question: string, choice: { key: string; label: string; command: string }): boolean {
    if (this.conn.owned || this.front === NO_SCREEN) return false;
    this.askAboutTarget(`${question} gotui did not start it (${this.conn.label}).`, [choice]);
    this.onlyAsked = true;
    return true;
  }

  /**
   * Asks about the target as it stands: taken back, and said why, once the session ends (its Delve
   * gone, the program exited) or `until` the target runs again or stops (trial CK: `[r] let it run`
   * stayed asked of a target whose Delve had ended).
   */
  private askAboutTarget(question: string, choices: { key: string; label: string; command: string }[], until?: 'resumed' | 'stop'): void {
    this.front.ask(question, choices);
    const offs: (() => void)[] = [];
    const moot = (why: string) => {
      for (const off of offs.splice(0)) off();
      if (!this.ending && this.front.withdraw(question)) this.session.log(`Question taken back: ${why}. q asks again, of the target as it is now.`, 'warning');
    };
    offs.push(this.session.events.on('ended', (e) => moot(e.why === 'disconnected' ? 'the connection to Delve closed' : 'the program has ended')));
    if (until === 'resumed') offs.push(this.session.events.on('resumed', () => moot('the target runs again')));
    if (until === 'stop') offs.push(this.session.events.on('stop', () => moot('the target has stopped')));
  }

  /**
   * Delve's numbers of gotui's breakpoints while another client's continue runs the target: Delve's DAP
   * takes none out until it halts, and gotui can halt it (a JSON-RPC run) through its side channel.
   */
  private heldBreakpoints(): DelveNumbered[] {
    const s = this.session.state;
    if (!this.session.connected || s.status !== 'running' || s.runByMe || s.readOnly || s.runControlBlocked || !this.session.pauseElsewhere) return [];
    return s.breakpoints.flatMap((b) => (!b.by && !b.disabled && b.delveId !== undefined ? [{ id: b.id, delveId: b.delveId }] : []));
  }

  /**
   * Another client's run Delve has begun and this gotui's looks have not seen yet, seen before q chooses
   * its question (trial CN: q asked of a halted target, then took the question back). Bounded: a second.
   */
  private async seeOthersRun(): Promise<void> {
    if (!this.rpc || !this.pair || !this.session.connected || this.session.state.status !== 'stopped') return;
    const state = await this.rpc.state(true, { timeoutMs: 300 }).catch(() => undefined);
    if (!state?.Running) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        off();
        clearTimeout(timer);
        resolve();
      };
      const off = this.session.events.on('resumed', done);
      const timer = setTimeout(done, 1_000);
      this.pair?.lookSoon();
    });
  }

  /**
   * Halts another client's run (ending its continue) and waits for the stop, so that gotui's breakpoints
   * can be taken out; what the farewell says of it.
   */
  private async interruptOthersRun(): Promise<string> {
    const since = this.session.stopCount;
    await this.session.pause();
    const stop = await this.session.waitForStop(since, 5_000);
    if (stop === 'timeout') throw new UserError("The target did not halt within 5 s: gotui's breakpoints are still in Delve.", 'q asks again; :quit -leave leaves them (the farewell says how to clear them).');
    return "; gotui halted it a moment to take out its breakpoints, which ended the other client's continue (its next command waits until the target halts again)";
  }

  /** Stops what watches the target (pairing stays present until the session has left: see end). */
  private async closeTools(): Promise<void> {
    this.stopWatching?.();
    this.pair?.quiet();
    // Probes first: bpftrace (or the ssh that runs it) outlives gotui otherwise.
    await this.models.model(bpfFeature).stopAll().catch(() => undefined);
  }

  /**
   * Ends for a user who can no longer be asked (a signal, the terminal gone): as q with nobody to
   * answer, a service gotui itself halted (at its breakpoint, after its step) is let run, not left
   * stopped for hours; one found halted, or stopped by another client's run, stays as it is.
   */
  async endUnattended(code: number): Promise<void> {
    // A program gotui started, with others on its Delve: detached, as q's `d` would, not ended under them (trial AK).
    if (this.conn.owned && !this.conn.postMortem && this.othersOnDelve()) return this.detach(false, { exitCode: code });
    const resume = this.session.haltedByMe && !this.options.follow && !this.pair?.othersPresent;
    await this.end(this.conn.owned ? 'kill' : resume ? 'resume' : 'leave', code);
  }

  /**
   * Ends the session on any path (quit, signal, a vanished terminal): owned targets are ended;
   * attached ones are left as found (gotui's breakpoints removed) and said truly.
   */
  async end(how: 'kill' | 'resume' | 'leave', exitCode = 0, opts: { keepBreakpoints?: boolean; why?: string } = {}): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.reconnector.stop();
    await this.closeTools();
    let message: string;
    if (how === 'kill') {
      // The screen that said how the program ended goes with the alternate screen: say it again (read before the kill).
      const programCode = this.session.state.status === 'exited' ? this.session.targetExitCode : undefined;
      // Killed or crashed under gotui, Delve leaves nothing to end: said so, not "Ended" (trial CA).
      const targetPid = this.conn.server?.targetPid;
      const dead = this.conn.owned && !this.session.connected && (await this.delveGone());
      // Which process a kill ended, read before it (trial CM: `Killed 127.0.0.1:49802.` named none).
      const remote = this.conn.remote;
      const killing = this.conn.owned ? undefined : remote ? (remote.lastReport ? (await remote.debuggee(false).catch(() => undefined))?.pid : undefined) : findTargetPid(this.conn);
      this.pair?.sayKilling();
      await this.pair?.leave();
      await this.session.terminate();
      // The program outlives a Delve killed under it (the kernel detaches it): gotui started it, so it ends it.
      const orphan = dead && targetPid !== undefined && processAlive(targetPid) && attempted(() => process.kill(targetPid, 'SIGKILL'));
      message = dead
        ? `The Delve running ${this.conn.label} had ended already (killed or crashed)${orphan ? `; gotui ended the program it ran (pid ${targetPid})` : ', and the program with it'}.`
        : this.conn.owned
          ? `Ended ${this.conn.label} and its Delve${programCode === undefined ? '' : ` (the program had exited with code ${programCode})`}.`
          : `Killed ${this.conn.label}${killing === undefined ? '' : `: the program (pid ${killing}${remote ? ` on ${remote.name}` : ''}) and its Delve`}.`;
      // Ended, the program's breakpoints are gone from Delve but not forgotten: say where they wait.
      message += this.stillSaved();
      // As `go test`: a script around `gotui test` sees the tests fail.
      if (this.conn.tests && programCode) exitCode = 1;
    } else {
      const { left, state } = await this.leaveTarget(how === 'resume', opts.keepBreakpoints);
      const gone = left.closed && (await this.delveGone());
      message = `Left ${this.conn.label} ${await state(gone)}${opts.why ?? ''}.${removedNote({ ...left, delveGone: gone, connect: this.dlvConnectLater() })}${left.removed ? this.stillSaved() : ''}${gone ? this.programFate() : this.keptEarlier()}`;
      if (left.droppedStep) message += ' The step a breakpoint had cut short is dropped: a later continue runs on, not to where that step would have ended.';
      if (left.closed && left.notRemoved && !gone && this.recordOrphans()) message += ' The next gotui on this Delve takes them back as its own.';
      // What was written into the running program stays there (trial BA: the farewell said only the breakpoints).
      message += changedFlagsNote(this.models.model(flagsFeature).changedFlags()) + unfinishedNote(this.models.model(flagsFeature).unfinishedEdits());
    }
    // Edits waiting for a stop die with this gotui: the program keeps its old values.
    const flags = this.models.model(flagsFeature);
    message += droppedEditsNote(flags.pending().map((e) => `${flags.label(e.setExpr, e.name)}=${e.value}`)) + notRunNote(this.notRun);
    this.rpc?.close();
    // A Delve gotui started for `attach --pid` detaches (without killing) when told to stop.
    await closeConnection(this.conn, !!this.conn.server);
    this.exit(exitCode, message);
  }

  /** Leaves word of this gotui's breakpoints it could not remove (its link is down) for the next gotui here. */
  private recordOrphans(): boolean {
    return !!this.delveKey && !!attempted(() => leaveOrphans(this.session, privateDir(), this.delveKey!));
  }

  /**
   * Detaches (gotui's breakpoints removed unless kept; the target let run if `resume`) and tells
   * the pair; `state()` then says what the target is, as Delve reports it.
   */
  private async leaveTarget(resume: boolean, keepBreakpoints?: boolean) {
    // Another client's continue runs on past its traces; a run gotui leaves, no client waits on.
    const othersRun = !resume && this.session.state.status === 'running' && !this.session.state.runByMe;
    const others = resume || this.session.state.status === 'running' ? await this.othersBreakpoints(!othersRun) : [];
    const halted = !resume && this.session.haltedByMe;
    // Let run from an unrecovered panic or a fatal error, it dies there (trial BL: said "running").
    const fatal = resume && this.session.state.status === 'stopped' && this.session.state.stop?.reason === 'exception';
    if (resume && this.session.state.status === 'stopped') this.pair?.sayLetRun();
    // Kept as asked: the next gotui here names them as the user's, not another client's.
    if (keepBreakpoints && this.delveKey && !this.options.follow) attempted(() => leaveKept(this.session, privateDir(), this.delveKey!));
    const keptOff = keepBreakpoints ? this.session.state.breakpoints.filter((b) => !b.by && b.disabled && !b.temporary).map((b) => `#${b.id}`) : [];
    const left = await this.session.detach({ resume, ...(keepBreakpoints ? { keepBreakpoints: true } : {}) });
    await this.pair?.leave(left.removed > 0, halted);
    const silent = left.silent ? { queued: left.queued } : undefined;
    return { left: { ...left, keptOff }, state: async (delveGone = false) => (fatal ? fatalEnd(await this.truth(left.status, others, true, delveGone, silent)) : this.truth(left.status, others, false, delveGone, silent)) };
  }

  /**
   * The target's run state as Delve reports it now (bounded), else as the session last knew it. Let
   * run with other clients' breakpoints, it may halt at one a moment later: watched for half a second.
   */
  private async truth(status: string, others: Parameters<typeof leftState>[2] | undefined, dying = false, delveGone = false, silent?: { queued: readonly string[] }): Promise<string> {
    // Delve answers State for a process that has ended with an error that says so.
    const read = () =>
      this.rpc?.state(true, { timeoutMs: 300 }).catch((err: unknown) => {
        const m = /Process \d+ has exited with status (-?\d+)/.exec(String(err));
        return m ? ({ exited: true, exitStatus: Number(m[1]) } as RpcDebuggerState) : undefined;
      });
    let state = await read();
    // Run on from a fatal stop: its end is a moment away (the runtime prints the panic first).
    for (const until = Date.now() + 2_000; dying && !state?.exited && Date.now() < until; state = await read()) await new Promise((r) => setTimeout(r, 25));
    // Delve halts a running target for a moment while it takes a client's leave, then lets it run:
    // a halt at no breakpoint, read in that moment, is read again (CI saw "Left … halted" once).
    // So is a tracepoint's moment (it halts to log, and runs on).
    for (const until = Date.now() + 500; status === 'running' && state && !state.Running && !state.exited && (!state.currentThread?.breakPoint || state.currentThread.breakPoint.continue) && Date.now() < until; state = await read()) await new Promise((r) => setTimeout(r, 25));
    // Unknown (the list did not come) counts as "there may be some".
    const watch = others === undefined || others.length > 0;
    for (const until = Date.now() + 500; watch && state?.Running && Date.now() < until; state = await read()) await new Promise((r) => setTimeout(r, 25));
    // A Delve that is gone keeps nothing halted, and no `dlv connect` reaches it (trial BS: told both, of a killed Delve).
    const said = leftState(status, state, others, this.session.haltedAtDrop && !delveGone ? { connect: this.dlvConnectLater() } : undefined);
    // Stuck, Delve confirmed nothing: not "Left … halted" as if it had (trial CB: two gotuis said so of a hung Delve).
    if (!silent || state || delveGone) return said;
    // What it did not answer is queued there: carried out when it wakes (trial CC: a stopped Delve let run after all).
    const queued = silent.queued.length ? `; ${silent.queued.join(' and ')} ${silent.queued.length === 1 ? 'waits' : 'wait'} in Delve, which carries ${silent.queued.length === 1 ? 'it' : 'them'} out when it answers` : '';
    return `${said} as last seen: Delve did not answer as gotui left${queued}. ${this.session.whySilent()}`;
  }

  /**
   * Breakpoints other clients keep (listed while the target is stopped: Delve's list waits for a
   * running one); undefined when Delve did not list them in time.
   */
  private async othersBreakpoints(traces: boolean): Promise<OthersBreakpoint[] | undefined> {
    if (!this.rpc) return [];
    // Left running, as last seen (trial AM: the dlv CLI's breakpoint went unsaid, a halt waiting for the service).
    // A trace halts only a run no client waits on (trial CN: said of the dlv CLI's continue, which runs on past it).
    if (this.session.state.status !== 'stopped') {
      return this.session.state.breakpoints
        .filter((b) => b.by && !b.disabled && (traces || !b.tracepoint))
        .map((b) => ({ id: b.delveId ?? 0, file: b.file ?? '', line: b.line ?? 0, ...(b.spec ? { functionName: b.spec } : {}), ...(b.tracepoint ? { trace: true } : {}) }));
    }
    // The session lists others' breakpoints too (with `by`): only its own go on quitting.
    const ours = new Set(this.session.state.breakpoints.filter((b) => !b.by).map((b) => b.delveId));
    const listed = await this.rpc.listBreakpoints({ timeoutMs: 2_000 }).catch(() => undefined);
    return listed?.filter((b) => b.id > 0 && !ours.has(b.id) && !b.disabled && (traces || !tracing(b))).map((b) => ({ ...b, ...(tracing(b) ? { trace: true } : {}) }));
  }
}

/** When the binary of the target (a core's, or the process's on this machine, even if deleted since) was written. */
function builtAt(conn: Connection): number | undefined {
  const pid = conn.postMortem ? undefined : findTargetPid(conn);
  const exe = conn.postMortem?.program ?? (pid === undefined ? undefined : `/proc/${pid}/exe`);
  return exe ? attempted(() => fs.statSync(exe).mtimeMs) : undefined;
}

/** The state a target let run from an unrecovered panic or fatal error was left in, with why. */
function fatalEnd(state: string): string {
  return state.startsWith('exited') ? `${state}: let run from an unrecovered panic or a fatal error, it ended there, as it would have without a debugger` : `${state}: it was stopped at an unrecovered panic or a fatal error, which ends it as it runs on`;
}

/** `f`'s value, or undefined when it throws. */
function attempted<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The main module of a target on this machine, read from its binary. */
function mainModuleOfTarget(conn: Connection): string | undefined {
  const exe = targetBinary(conn);
  return exe ? mainModuleOfBinary(exe) : undefined;
}

function projectOfTarget(conn: Connection): Project | undefined {
  const exe = targetBinary(conn);
  return exe ? projectOfBinary(exe, true) : undefined;
}

/**
 * The rendezvous' name for Delve at `a` as its host sees it (loopback spelt one way). A local
 * Delve's pid is in it: a gotui left on an old Delve's port must not take in those of a new one.
 */
function pairKey(a: HostPort, pid?: number): string {
  return isLoopback(a.host) ? `local-${a.port}${pid === undefined ? '' : `-${pid}`}` : formatHostPort(a);
}

/**
 * A local server that accepted the connection and said nothing may be a Delve that is stopped
 * (SIGSTOP, ^Z, a debugger holding it), not something other than Delve: said when /proc shows it.
 */
function stoppedListener(conn: Connection, err: unknown): UserError | undefined {
  if (!(err instanceof UserError) || !/accepted the connection but did not answer/.test(err.message)) return undefined;
  const l = stoppedDelve(conn);
  return l && new UserError(`${formatHostPort(conn.address)} is served by ${clean(l.name)} (pid ${l.pid}), which is stopped (SIGSTOP, ^Z, or a debugger holding it): it accepts connections and answers none.`, `kill -CONT ${l.pid} resumes it; then attach again.`);
}

/** The local process serving Delve's port, when /proc shows it stopped. */
function stoppedDelve(conn: Connection): ReturnType<typeof localListener> {
  if (conn.tunnel || conn.remote || !isLoopback(conn.address.host)) return undefined;
  const l = localListener(conn.address.port);
  return l?.stopped ? l : undefined;
}

/** A silent Delve's stopped process, said with the way to resume it (trial CC: told only "it may be stuck"). */
function stoppedDelveWords(conn: Connection): string | undefined {
  const l = stoppedDelve(conn);
  return l && `Its process, ${clean(l.name)} (pid ${l.pid}), is stopped (SIGSTOP, ^Z, or a debugger holding it): kill -CONT ${l.pid} resumes it`;
}
