import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { DapClient, DapRequestError } from '../dap/client.js';
import { detectFeatures, type DelveFeatures } from '../delve/capabilities.js';
import { describeError, UserError } from '../errors.js';
import { Emitter } from '../core/emitter.js';
import { Store } from '../core/store.js';
import { parseThreadName } from './threads.js';
import { applyVerification, breakpointRequests, describeStopReason, type BreakpointSpec } from './breakpoints.js';
import {
  initialState,
  isUserFrame,
  type Breakpoint,
  type Frame,
  type FramesPage,
  type MessageKind,
  type Scope,
  type Selection,
  type SessionEvents,
  type SessionState,
  type StopInfo,
  type Variable,
} from './state.js';

export interface AttachOptions {
  /** Halt the target on attach (otherwise a running target keeps running). */
  stop: boolean;
  /**
   * Asked after initialize, before attach, when a side channel may connect (a `dlv dap` server
   * takes its first connection as the session): is the target already halted (so attach must not
   * resume it), and which Delve is this.
   */
  probe?: () => Promise<{ halted?: boolean; version?: string }>;
  /** Delve's version, when known before attaching (from `dlv version` or JSON-RPC GetVersion). */
  version: string;
  owned: boolean;
  /** The main module's path, when read from the binary's build info. */
  mainModule?: string;
  /** How long each step of the handshake may take (a silent server fails within this). */
  handshakeMs?: number;
}

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
export class Session extends Store<SessionState> {
  readonly events = new Emitter<SessionEvents>();
  features: DelveFeatures = detectFeatures({}, '?');
  private client: DapClient | undefined;
  private nextBreakpointId = 1;
  /** Bumped at every stop and every resume: work for an older generation is dropped. */
  private generation = 0;
  private stopNumber = 0;
  private disposers: (() => void)[] = [];
  /** Set once gotui disconnects on purpose: Delve's `terminated` then means "session over", not "target gone". */
  private leaving = false;
  /** A run-control request is on its way: quitting waits for its answer. */
  private inflight: Promise<unknown> | undefined;
  /** What resumed the target last: a step still running will halt it when it finishes. */
  private resumedBy: SessionEvents['resumed']['by'] | undefined;
  /** What a run-control request not yet answered will do. */
  private resuming: 'continue' | 'step' | undefined;
  /** Waiting for the next stop (while leaving). */
  private stopWaiters: (() => void)[] = [];

  constructor(label: string) {
    super(initialState(label));
    this.events.onListenerError = (err, event) => this.log(`Internal error while handling '${event}': ${describeError(err)}`, 'error');
  }

  get connected(): boolean {
    return !!this.client && !this.client.closed;
  }

  /** The number of the last stop (0 before the first): data read at a stop is tagged with it. */
  get stopCount(): number {
    return this.state.stop?.number ?? 0;
  }

  /** The frame the user looks at. */
  currentFrame(): Frame | undefined {
    return this.state.selection?.frame;
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
    client.on('event', onEvent);
    client.on('close', onClose);
    this.disposers.push(() => {
      client.off('event', onEvent);
      client.off('close', onClose);
    });

    const within = opts.handshakeMs ?? HANDSHAKE_MS;
    const silent = (what: string) => (err: unknown) => {
      if (err instanceof UserError && /did not answer/.test(err.message)) {
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
    const version = seen.version ?? opts.version;
    this.features = detectFeatures(caps, version);
    this.set({ capabilities: caps, delveVersion: version, owned: opts.owned, ...(opts.mainModule ? { mainModule: opts.mainModule } : {}) });

    // Delve sends `initialized` before the attach response; listen before asking.
    const initialized = new Promise<void>((resolve) => {
      const once = (e: P.Event) => {
        if (e.event === 'initialized') {
          client.off('event', once);
          resolve();
        }
      };
      client.on('event', once);
    });
    // Attaching halts the target and configurationDone resumes it: a target someone halted stays halted.
    const stop = opts.stop || !!seen.halted;
    if (seen.halted && !opts.stop) this.log('The target was already halted; gotui leaves it halted.', 'info');
    await client.request('attach', { mode: 'remote', stopOnEntry: stop, showRegisters: true }, within).catch(silent('attach')).catch((err) => {
      if (!(err instanceof DapRequestError)) throw err;
      // A `dlv dap` server debugs nothing until a client launches or attaches locally: "no debugger found".
      throw new UserError(
        `Delve at ${client.peer} refused to attach: ${err.message}.`,
        /no debugger found/.test(err.message)
          ? 'That is a `dlv dap` server; gotui attaches to a headless Delve (dlv --headless --accept-multiclient --api-version=2 exec ./bin), or starts one itself: gotui exec ./bin, gotui attach --pid N.'
          : 'Check that Delve runs headless with --accept-multiclient --api-version=2.',
      );
    });
    await Promise.race([initialized, new Promise((_, reject) => setTimeout(() => reject(new UserError(`Delve at ${client.peer} never said it was initialized.`)), within).unref())]);
    await this.configure(within);
    this.events.emit('connected', { delveVersion: version });
    // Delve resumes at configurationDone unless stopOnEntry; a `stopped` event says otherwise.
    if (this.state.status === 'connecting') {
      if (stop) await this.loadStop({ reason: 'pause', allThreadsStopped: true });
      else this.set({ status: 'running' });
    }
  }

  private requireClient(): DapClient {
    if (!this.client || this.client.closed) throw new UserError('Not connected to Delve.', 'Use :reconnect on a multi-client server, or :quit.');
    return this.client;
  }

  /** Rejects (never throws) when not connected, so `.catch` on a request covers a connection gone mid-way. */
  async request<R extends P.Response>(command: string, args?: unknown, timeoutMs?: number): Promise<R> {
    return this.requireClient().request<R>(command, args, timeoutMs);
  }

  requireStopped(what: string): void {
    const status = this.state.status;
    if (status === 'running') throw new UserError(`Cannot ${what} while the target is running.`, 'Pause it first (p, or :pause).');
    if (status !== 'stopped') throw new UserError(`Cannot ${what}: the target is ${status}.`);
  }

  // ---- run control -------------------------------------------------------------------------

  async continue(): Promise<void> {
    this.requireStopped('continue');
    await this.resume('continue', () => this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }));
  }

  /** Steps the selected goroutine from its innermost frame, as the dlv CLI does. */
  async step(kind: 'next' | 'stepIn' | 'stepOut', granularity?: 'instruction'): Promise<void> {
    this.requireStopped(kind === 'next' ? 'step over' : kind === 'stepIn' ? 'step in' : 'step out');
    const goroutine = this.state.selection?.goroutine;
    if (goroutine === undefined) throw new UserError('There is no goroutine to step.', 'Select one in the goroutines pane.');
    await this.resume('step', () => this.request(kind, { threadId: goroutine, ...(granularity ? { granularity } : {}) }));
  }

  async pause(): Promise<void> {
    if (this.state.status === 'stopped') throw new UserError('The target is already stopped.');
    await this.request('pause', { threadId: this.state.selection?.goroutine ?? 1 });
  }

  /**
   * Delve sends no `continued` for continue, and a short step's `stopped` may beat the step's
   * response: the target counts as running from the request on, unless a stop came meanwhile.
   */
  private async resume(by: 'continue' | 'step', send: () => Promise<unknown>): Promise<void> {
    const gen = this.generation;
    this.resuming = by;
    const sent = send();
    this.inflight = sent.catch(() => undefined);
    try {
      await sent;
    } finally {
      this.inflight = undefined;
      this.resuming = undefined;
    }
    if (this.state.status === 'stopped' && gen === this.generation) this.markRunning(by);
  }

  private markRunning(by: SessionEvents['resumed']['by']): void {
    this.generation++;
    this.resumedBy = by;
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

  /** Delve is restarting the target: its last stop is gone, and it runs after configurationDone. */
  restarting(): void {
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

  // ---- events ------------------------------------------------------------------------------

  private onEvent(e: P.Event): void {
    switch (e.event) {
      case 'stopped':
        for (const w of this.stopWaiters.splice(0)) w();
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
        if (this.state.status === 'stopped' || this.state.status === 'connecting') this.markRunning(this.resuming ?? 'other');
        break;
      case 'output': {
        const body = (e as P.OutputEvent).body;
        // Delve's own chatter (its DAP console category) is not the program's output.
        if (body.category === 'console' || body.category === 'important') {
          const said = translateDelveChatter(body.output);
          if (said) this.log(said, 'info');
          break;
        }
        const text = body.output.replace(/\n$/, '');
        if (text) this.events.emit('output', { text, category: body.category === 'stderr' ? 'stderr' : 'stdout' });
        break;
      }
      case 'exited':
        this.end('exited', `The target exited with code ${(e as P.ExitedEvent).body.exitCode}.`, (e as P.ExitedEvent).body.exitCode);
        break;
      case 'terminated':
        if (!this.leaving) this.end('terminated', 'The target has terminated.');
        break;
    }
  }

  private onClose(reason: string): void {
    if (this.leaving) return;
    this.end('disconnected', `${reason} ${this.state.owned ? 'Quit with :quit.' : 'Use :reconnect if the server is still up, or :quit.'}`);
  }

  /** The target died or the connection dropped: said once, whatever reports it first. */
  end(why: SessionEvents['ended']['why'], message: string, exitCode?: number): void {
    const status = why === 'disconnected' ? 'disconnected' : 'exited';
    if (this.state.status === status || (this.state.status === 'exited' && why !== 'disconnected')) return;
    this.generation++;
    this.set({ status });
    this.events.emit('ended', { why, message, ...(exitCode !== undefined ? { exitCode } : {}) });
  }

  /** Loads what a stop shows (the goroutine's stack, the frame's scopes), then announces it. */
  private async loadStop(body: P.StoppedEvent['body'] | { reason: string; allThreadsStopped: boolean }): Promise<void> {
    // The status turns to stopped with the stop's data, in one change: no pane shows the old stop as the new one.
    const gen = ++this.generation;
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
        // Before the runtime starts (a target halted at entry) Delve has a placeholder goroutine with no stack.
        if (gen === this.generation && b.reason !== 'entry' && b.reason !== 'pause') this.log(describeError(err), 'error');
      }
    }
    if (gen !== this.generation) return;
    const top = frames.frames[0];
    // After a pause or a crash the innermost frames are the runtime's: look at the user's code, but run control stays on frame 0.
    const viewAt = b.reason === 'pause' || b.reason === 'exception' ? frames.frames.find((f) => isUserFrame(f.name, this.state.mainModule)) ?? top : top;
    const scopes = viewAt ? await this.scopes(viewAt).catch(() => [] as Scope[]) : [];
    if (gen !== this.generation) return;
    const stop: StopInfo = {
      number: ++this.stopNumber,
      reason: b.reason,
      goroutine: goroutine ?? 0,
      breakpoints: this.ourBreakpoints(b.hitBreakpointIds ?? []),
      ...(b.description ? { description: b.description } : {}),
      ...(b.text ? { text: b.text } : {}),
    };
    const selection: Selection = { goroutine: goroutine ?? 0, chosen: false, ...(viewAt ? { frame: viewAt } : {}), ...(top ? { top } : {}) };
    this.set({ status: 'stopped', stop, selection });
    const said = describeStopReason(stop, this.state.breakpoints);
    if (stop.reason === 'exception') this.log(`Stopped: ${said}`, 'warning');
    this.events.emit('stop', { stop, selection, frames, scopes });
  }

  /**
   * When a stop names no goroutine: the one Delve marks current, else the first running the
   * user's code, else the first (from DAP's thread list, which Delve caps at 1024).
   */
  private async currentGoroutine(): Promise<number | undefined> {
    const res = await this.request<P.ThreadsResponse>('threads').catch(() => undefined);
    const threads = (res?.body.threads ?? []).map((t) => ({ id: t.id, ...parseThreadName(t.name) }));
    return threads.find((t) => t.current && t.id)?.id ?? threads.find((t) => isUserFrame(t.location.split(' ')[0] ?? '', this.state.mainModule))?.id ?? threads[0]?.id;
  }

  private ourBreakpoints(delveIds: number[]): number[] {
    return this.state.breakpoints.filter((b) => b.delveId !== undefined && delveIds.includes(b.delveId)).map((b) => b.id);
  }

  // ---- looking around ----------------------------------------------------------------------

  /** A run of `count` frames of a goroutine's stack from `start`. */
  async frames(goroutine: number, start: number, count: number): Promise<FramesPage> {
    let res: P.StackTraceResponse;
    try {
      res = await this.request<P.StackTraceResponse>('stackTrace', { threadId: goroutine, startFrame: start, levels: count });
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot read the stack of goroutine ${goroutine}: ${stripPrefix(err.message)}.`);
      throw err;
    }
    const frames = res.body.stackFrames.map((f, i) => ({ id: f.id, index: start + i, name: f.name, file: f.source?.path, line: f.line, ...(f.instructionPointerReference ? { pc: f.instructionPointerReference } : {}) }));
    const total = res.body.totalFrames ?? start + frames.length;
    // Delve adds its default depth to the count when it stopped short of the bottom.
    const complete = frames.length < count || total <= start + frames.length;
    return { goroutine, start, frames, total: complete ? start + frames.length : total, complete };
  }

  /** Scopes of a frame with their variables (registers are the registers pane's). */
  async scopes(frame: Frame): Promise<Scope[]> {
    const res = await this.request<P.ScopesResponse>('scopes', { frameId: frame.id });
    const out: Scope[] = [];
    for (const s of res.body.scopes) {
      if (/registers/i.test(s.name)) continue;
      out.push({ name: s.name, ref: s.variablesReference, variables: await this.variables(s.variablesReference) });
    }
    return out;
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
    const frame = frames.frames.find((f) => isUserFrame(f.name, this.state.mainModule)) ?? top;
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
    const frame = isCall && sel && !sel.chosen ? sel.top : sel?.frame;
    try {
      const res = await this.request<P.EvaluateResponse>('evaluate', { expression, context, ...(frame ? { frameId: frame.id } : {}) });
      return res.body;
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot evaluate '${expression}': ${stripPrefix(err.message)}.`, evalHint(err.message));
      throw err;
    } finally {
      if (isCall) this.events.emit('target-changed', { what: 'call' });
    }
  }

  /** Code was run or memory written in the target by a feature (flag edits): panes re-read. */
  changed(what: SessionEvents['target-changed']['what']): void {
    this.events.emit('target-changed', { what });
  }

  /**
   * `set LHS = RHS` for numbers, bools and pointers. Delve's setVariable names a child of a
   * container: a local in a scope, a field or element of a value, or (name "") what a pointer
   * points at. So `o.Items[0].Qty` sets Qty in `o.Items[0]`, and `*p` sets the pointee of `p`.
   */
  async setVariable(lhs: string, rhs: string): Promise<string> {
    this.requireStopped('set a variable');
    const frame = this.state.selection?.frame;
    if (!frame) throw new UserError('There is no frame to set a variable in.');
    const where = splitLvalue(lhs.trim());
    let ref: number;
    if (where.parent === undefined) {
      const scopes = await this.request<P.ScopesResponse>('scopes', { frameId: frame.id });
      const scope = scopes.body.scopes.find((s) => !/registers/i.test(s.name));
      if (!scope) throw new UserError('This frame has no variables to set.');
      ref = scope.variablesReference;
    } else {
      ref = (await this.evaluate(where.parent, 'variables')).variablesReference;
      if (!ref) throw new UserError(`'${where.parent}' has nothing inside to set.`, 'Set a field (x.f), an element (s[i]) or a pointee (*p).');
    }
    try {
      await this.request('setVariable', { variablesReference: ref, name: where.name, value: rhs });
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot set ${lhs} to ${rhs}: ${stripPrefix(err.message)}.`, setHint(err.message));
      throw err;
    }
    this.events.emit('target-changed', { what: 'set' });
    return (await this.evaluate(lhs)).result;
  }

  // ---- breakpoints ------------------------------------------------------------------------

  /** Adds a breakpoint; a location Delve cannot resolve is removed again and reported. */
  async addBreakpoint(spec: BreakpointSpec): Promise<Breakpoint> {
    if (spec.line !== undefined && (!Number.isSafeInteger(spec.line) || spec.line < 1 || spec.line > MAX_LINE)) {
      throw new UserError(`Line ${spec.line} does not exist.`, `Lines go from 1 to at most ${MAX_LINE.toLocaleString('en-US')}.`);
    }
    const created: Breakpoint = { ...spec, id: this.nextBreakpointId++, verified: false };
    this.setBreakpoints([...this.state.breakpoints, created]);
    if (!this.connected) return created;
    try {
      await this.sendBreakpointsFor(created);
    } catch (err) {
      this.setBreakpoints(this.state.breakpoints.filter((b) => b.id !== created.id));
      throw err;
    }
    const now = this.state.breakpoints.find((b) => b.id === created.id);
    if (!now || !now.verified) {
      this.setBreakpoints(this.state.breakpoints.filter((b) => b.id !== created.id));
      await this.sendBreakpointsFor(created).catch(() => undefined);
      const where = spec.spec ?? `${spec.file}:${spec.line}`;
      throw new UserError(`No code at ${where}${now?.message ? `: ${now.message}` : ''}.`, 'Use file.go:LINE, LINE (in the current file) or pkg.Func; the line must hold a statement.');
    }
    return now;
  }

  async removeBreakpoint(id: number): Promise<Breakpoint> {
    const bp = this.state.breakpoints.find((b) => b.id === id);
    if (!bp) throw new UserError(`There is no breakpoint ${id}.`, this.state.breakpoints.length ? `Breakpoints: ${this.state.breakpoints.map((b) => b.id).join(', ')}.` : 'There are no breakpoints.');
    this.setBreakpoints(this.state.breakpoints.filter((b) => b.id !== id));
    if (this.connected) await this.sendBreakpointsFor(bp);
    return bp;
  }

  async updateBreakpoint(id: number, patch: Partial<Pick<Breakpoint, 'condition' | 'hitCondition'>>): Promise<void> {
    const bp = this.state.breakpoints.find((b) => b.id === id);
    if (!bp) throw new UserError(`There is no breakpoint ${id}.`);
    this.setBreakpoints(this.state.breakpoints.map((b) => (b.id === id ? { ...b, ...patch } : b)));
    if (this.connected) await this.sendBreakpointsFor(bp);
  }

  /**
   * Takes every breakpoint gotui set out of Delve (other clients' stay: DAP replaces only this
   * session's lists). Returns how many there were. Bounded: a dead server costs at most `timeoutMs`.
   */
  async removeAllBreakpoints(timeoutMs = 1_000): Promise<number> {
    const mine = this.state.breakpoints;
    if (!mine.length || !this.connected) return 0;
    const files = [...new Set(mine.filter((b) => b.kind === 'line').map((b) => b.file!))];
    const sends: Promise<unknown>[] = files.map((file) => this.request('setBreakpoints', { source: { path: file }, breakpoints: [] }, timeoutMs));
    if (mine.some((b) => b.kind === 'function')) sends.push(this.request('setFunctionBreakpoints', { breakpoints: [] }, timeoutMs));
    await Promise.all(sends);
    this.setBreakpoints([]);
    return mine.length;
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
    const files = new Set(this.state.breakpoints.filter((b) => b.kind === 'line').map((b) => b.file!));
    for (const f of files) await this.sendLineBreakpoints(f);
    if (this.state.breakpoints.some((b) => b.kind === 'function')) await this.sendFunctionBreakpoints();
    if (this.features.exceptionFilters.length) {
      await client.request('setExceptionBreakpoints', { filters: this.features.exceptionFilters.filter((f) => f === 'unrecovered-panic' || f === 'runtime-fatal-throw') }, timeoutMs);
    }
    await client.request('configurationDone', {}, timeoutMs);
  }

  private sendBreakpointsFor(bp: Breakpoint): Promise<void> {
    return bp.kind === 'line' ? this.sendLineBreakpoints(bp.file!) : this.sendFunctionBreakpoints();
  }

  // DAP replaces a file's whole list (and all function breakpoints) at once; answers come in request order.
  private async sendLineBreakpoints(file: string): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { file });
    const res = await this.request<P.SetBreakpointsResponse>('setBreakpoints', args);
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  private async sendFunctionBreakpoints(): Promise<void> {
    const { mine, args } = breakpointRequests(this.state.breakpoints, { functions: true });
    const res = await this.request<P.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', args);
    this.setBreakpoints(applyVerification(this.state.breakpoints, mine, res.body.breakpoints));
  }

  // ---- ending ----------------------------------------------------------------------------

  /**
   * Leaves the target: removes gotui's breakpoints, waits for a step on its way, resumes when
   * asked, and closes the DAP connection (a multi-client Delve keeps running). Returns the target's
   * state as Delve last reported it, and how many breakpoints were removed.
   */
  async detach(opts: { resume: boolean; keepBreakpoints?: boolean; withinMs?: number }): Promise<{ removed: number; status: SessionState['status'] }> {
    let removed = 0;
    if (this.connected) {
      const deadline = Date.now() + (opts.withinMs ?? 1_000);
      const left = () => Math.max(100, deadline - Date.now());
      this.leaving = true;
      // A step still running would halt the target after gotui left: end it now.
      if (await this.settle(Math.min(300, left()))) await this.halt(Math.min(300, left()));
      if (!opts.keepBreakpoints) removed = await this.removeAllBreakpoints(left()).catch(() => 0);
      // Delve's continue resumes every goroutine whatever threadId says.
      if (opts.resume && this.state.status === 'stopped') {
        await this.request('continue', { threadId: this.state.selection?.goroutine ?? 1 }, left()).then(
          () => this.set({ status: 'running' }),
          () => undefined,
        );
      }
      await this.request('disconnect', { terminateDebuggee: false }, left()).catch(() => undefined);
    }
    this.dispose();
    return { removed, status: this.state.status };
  }

  /** Ends a target gotui started: Delve kills it and exits. */
  async terminate(): Promise<void> {
    this.leaving = true;
    if (this.connected) await this.request('disconnect', { terminateDebuggee: true }, 2_000).catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.client?.close();
  }

  /** The countdown to the next attempt at reconnecting (the status bar shows it); undefined when none. */
  setReconnecting(reconnecting: SessionState['reconnecting']): void {
    this.set({ reconnecting });
  }

  /** Replaces a dropped connection with a new one to the same server (multi-client servers keep the target). */
  async reconnect(client: DapClient, opts: AttachOptions): Promise<void> {
    this.dispose();
    this.generation++;
    this.set({ status: 'connecting' });
    await this.attach(client, opts);
  }
}

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

/** Delve's console lines in gotui's words; its boilerplate is dropped. */
export function translateDelveChatter(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/^Type 'dlv help' for list of commands\.?$/.test(t)) return undefined;
  const many = /^Too many goroutines, only loaded (\d+)/.exec(t);
  // The goroutines pane lists them all through JSON-RPC; DAP's cap matters to nobody here.
  if (many) return undefined;
  return `Delve: ${t}`;
}

/** `a.b[2].c` → parent `a.b[2]`, name `c`; `s[i]` → `s`, `[i]`; `*p` → `p`, ``; `n` → a scope's `n`. */
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

function stripPrefix(msg: string): string {
  return msg.replace(/^(Unable to evaluate expression|unable to evaluate):?\s*/i, '').replace(/\.$/, '');
}

function evalHint(msg: string): string {
  if (/could not find symbol value for/.test(msg)) return 'Check the name: it is not a variable in scope at this frame.';
  if (/not at safe point|call not at safe point/i.test(msg)) return 'Step to a statement line (n), then call again.';
  if (/topmost stack frame/.test(msg)) return 'Calls run in the innermost frame: select frame 0 (:frame 0), then call.';
  return 'Expressions use Go syntax; registers are RSP, RIP (uppercase).';
}

function setHint(msg: string): string {
  if (/unknown frame id/i.test(msg)) return 'The frame is gone (the target moved on): select a frame again.';
  return 'Delve sets numbers, bools and pointers; for strings call a setter (:call).';
}
