import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { DapClient, DapRequestError } from '../dap/client.js';
import { detectFeatures, type DelveFeatures } from '../delve/capabilities.js';
import { describeError, UserError } from '../errors.js';
import { Store } from './store.js';
import { appendConsole, initialState, type Breakpoint, type ConsoleLine, type Frame, type SessionState, type VarNode } from './state.js';
import { parseThreadName } from './threads.js';

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
}

// Children of big collections load in pages so a 1e6-element slice costs one screen.
export const CHILD_PAGE = 100;

/**
 * The debugging session: drives Delve over DAP, and is the only writer of the store the panes read.
 * Methods throw UserError for what the user can fix; the command layer prints those.
 */
export class Session {
  readonly store: Store<SessionState>;
  features: DelveFeatures = detectFeatures({}, '?');
  private client: DapClient | undefined;
  private nextBreakpointId = 1;
  private stopGeneration = 0;
  /** Children loaded per expanded node, keyed by node key. */
  private children = new Map<string, VarNode[]>();
  private disposers: (() => void)[] = [];
  /** Set once gotui disconnects on purpose: Delve's `terminated` then means "session over", not "target gone". */
  private leaving = false;

  constructor(label: string) {
    this.store = new Store(initialState(label));
  }

  get state(): SessionState {
    return this.store.get();
  }

  get connected(): boolean {
    return !!this.client && !this.client.closed;
  }

  log(text: string, kind: ConsoleLine['kind'] = 'info'): void {
    const lines = text.split('\n').map((t) => ({ text: t, kind }));
    // The last error stays on the command line until the next command: debuggee output may push it out of the console.
    const lastError = kind === 'error' ? text.split('\n')[0] : kind === 'command' ? undefined : this.state.lastError;
    this.store.update((s) => ({ console: appendConsole(s.console, lines), lastError }));
  }

  /** Runs DAP initialize + attach (mode remote) on an open connection and waits until configuration is done. */
  async attach(client: DapClient, opts: AttachOptions): Promise<void> {
    this.client = client;
    const onEvent = (e: P.Event) => this.onEvent(e);
    const onClose = (reason: string) => this.onClose(reason);
    client.on('event', onEvent);
    client.on('close', onClose);
    this.disposers.push(() => {
      client.off('event', onEvent);
      client.off('close', onClose);
    });

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
    } satisfies P.InitializeRequestArguments);
    const caps = init.body ?? {};
    const seen = (await opts.probe?.().catch(() => undefined)) ?? {};
    const version = seen.version ?? opts.version;
    this.features = detectFeatures(caps, version);
    this.store.update({ capabilities: caps, delveVersion: version, owned: opts.owned });


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
    await client.request('attach', { mode: 'remote', stopOnEntry: stop, showRegisters: true }).catch((err) => {
      if (!(err instanceof DapRequestError)) throw err;
      // A `dlv dap` server debugs nothing until a client launches or attaches locally: "no debugger found".
      throw new UserError(
        `Delve at ${client.peer} refused to attach: ${err.message}.`,
        /no debugger found/.test(err.message)
          ? 'That is a `dlv dap` server; gotui attaches to a headless Delve (dlv --headless --accept-multiclient --api-version=2 exec ./bin), or starts one itself: gotui exec ./bin, gotui attach --pid N.'
          : 'Check that Delve runs headless with --accept-multiclient --api-version=2.',
      );
    });
    await initialized;
    await this.configure();
    // Delve resumes at configurationDone unless stopOnEntry; a `stopped` event says otherwise.
    if (this.state.status === 'connecting') this.store.update({ status: stop ? 'stopped' : 'running' });
    if (stop && this.state.stopCount === 0) await this.refreshStop(undefined, 'pause');
  }

  private requireClient(): DapClient {
    if (!this.client || this.client.closed) throw new UserError('Not connected to Delve.', 'Use :reconnect on a multi-client server, or :quit.');
    return this.client;
  }

  request<R extends P.Response>(command: string, args?: unknown, timeoutMs?: number): Promise<R> {
    return this.requireClient().request<R>(command, args, timeoutMs);
  }

  requireStopped(what: string): void {
    if (this.state.status === 'running') throw new UserError(`Cannot ${what} while the target is running.`, 'Pause it first (Ctrl-C or :pause).');
    if (this.state.status !== 'stopped') throw new UserError(`Cannot ${what}: the target is ${this.state.status}.`);
  }

  private threadForStep(): number {
    const id = this.state.selectedThreadId ?? this.state.stoppedThreadId ?? this.state.threads[0]?.id;
    if (id === undefined) throw new UserError('There is no goroutine to step.', 'Select one in the goroutines pane.');
    return id;
  }

  // ---- execution control -------------------------------------------------------------------

  async continue(): Promise<void> {
    this.requireStopped('continue');
    const gen = this.stopGeneration;
    await this.request('continue', { threadId: this.state.selectedThreadId ?? 1 });
    this.markRunning(gen);
  }

  async step(kind: 'next' | 'stepIn' | 'stepOut', granularity?: 'instruction'): Promise<void> {
    this.requireStopped(kind === 'next' ? 'step over' : kind === 'stepIn' ? 'step in' : 'step out');
    const gen = this.stopGeneration;
    await this.request(kind, { threadId: this.threadForStep(), ...(granularity ? { granularity } : {}) });
    this.markRunning(gen);
  }

  async pause(): Promise<void> {
    if (this.state.status === 'stopped') throw new UserError('The target is already stopped.');
    await this.request('pause', { threadId: this.state.selectedThreadId ?? 1 });
  }

  /** Delve sends no `continued` for continue; but a short step's `stopped` may beat the response, so only a stop older than the request gives way. */
  private markRunning(sentAt: number): void {
    if (this.state.status === 'stopped' && sentAt === this.stopGeneration) this.store.update({ status: 'running', stopReason: undefined, stopDescription: undefined });
  }

  // ---- events ------------------------------------------------------------------------------

  private onEvent(e: P.Event): void {
    switch (e.event) {
      case 'stopped': {
        const body = (e as P.StoppedEvent).body;
        this.stopGeneration++;
        this.store.update({ status: 'stopped' });
        void this.refreshStop(body.threadId, body.reason, body.description ?? body.text).catch((err) => this.log(describeError(err), 'error'));
        break;
      }
      case 'continued':
        this.stopGeneration++;
        this.store.update({ status: 'running', stopReason: undefined, stopDescription: undefined });
        break;
      case 'output': {
        const body = (e as P.OutputEvent).body;
        const kind = body.category === 'stderr' ? 'stderr' : 'output';
        const text = body.output.replace(/\n$/, '');
        if (text) this.log(text, kind);
        break;
      }
      case 'exited':
        this.log(`The target exited with code ${(e as P.ExitedEvent).body.exitCode}.`, 'info');
        this.store.update({ status: 'exited' });
        break;
      case 'terminated':
        if (this.leaving) break;
        if (this.state.status !== 'exited') this.log('The target has terminated.', 'info');
        this.store.update({ status: 'exited' });
        break;
    }
  }

  private onClose(reason: string): void {
    if (this.state.status === 'disconnected' || this.leaving) return;
    this.store.update({ status: 'disconnected', prompt: undefined });
    this.log(`${reason} ${this.state.owned ? 'Quit with :quit.' : 'Use :reconnect if the server is still up, or :quit.'}`, 'error');
  }

  /** Reads everything the panes show about a stop: goroutines, the stack of the selected one, its variables. */
  async refreshStop(threadId: number | undefined, reason: string, description?: string): Promise<void> {
    const gen = this.stopGeneration;
    const threadsRes = await this.request<P.ThreadsResponse>('threads');
    if (gen !== this.stopGeneration) return;
    const threads = threadsRes.body.threads;
    const current = threads.find((t) => parseThreadName(t.name).current)?.id;
    const selected = threadId ?? current ?? threads[0]?.id;
    this.store.update((s) => ({
      stopCount: s.stopCount + 1,
      stopReason: reason,
      stopDescription: description,
      threads,
      stoppedThreadId: selected,
      selectedThreadId: selected,
    }));
    if (reason === 'exception' && description) this.log(`Stopped: ${description}`, 'warning');
    if (selected !== undefined) await this.loadStack(selected, gen, reason === 'pause' || reason === 'exception');
  }

  private async loadStack(threadId: number, gen = this.stopGeneration, preferUserFrame = false): Promise<void> {
    let frames: Frame[] = [];
    try {
      const st = await this.request<P.StackTraceResponse>('stackTrace', { threadId, startFrame: 0, levels: 50 });
      frames = st.body.stackFrames.map((f) => ({ id: f.id, name: f.name, file: f.source?.path, line: f.line, pc: f.instructionPointerReference }));
    } catch (err) {
      // Before the runtime starts (a target halted at entry) Delve lists a placeholder goroutine with no stack.
      const placeholder = this.state.threads.find((t) => t.id === threadId)?.name === 'Dummy';
      if (gen === this.stopGeneration && !placeholder) this.log(describeError(err), 'error');
    }
    if (gen !== this.stopGeneration) return;
    // After a pause or a fatal throw the top frames are the runtime's: show the first of the user's.
    const user = preferUserFrame ? frames.findIndex((f) => !isRuntimeFrame(f.name)) : 0;
    this.store.update({ frames, selectedFrame: Math.max(0, user) });
    await this.loadVariables(gen);
  }

  private async loadVariables(gen = this.stopGeneration): Promise<void> {
    const frame = this.state.frames[this.state.selectedFrame];
    this.children.clear();
    if (!frame) {
      this.store.update({ variables: [], expanded: new Set() });
      return;
    }
    const scopes = await this.request<P.ScopesResponse>('scopes', { frameId: frame.id });
    const roots: VarNode[] = [];
    for (const scope of scopes.body.scopes) {
      if (/registers/i.test(scope.name)) continue;
      const vars = await this.fetchChildren(scope.variablesReference, scope.name, 0);
      roots.push(...vars);
    }
    if (gen !== this.stopGeneration) return;
    this.store.update({ variables: roots, expanded: new Set() });
  }

  private async fetchChildren(ref: number, parentKey: string, depth: number, start?: number, count?: number): Promise<VarNode[]> {
    const args: P.VariablesArguments = { variablesReference: ref, ...(start !== undefined ? { filter: 'indexed', start, count } : {}) };
    const res = await this.request<P.VariablesResponse>('variables', args);
    return res.body.variables.map((v) => ({
      key: `${parentKey}/${v.name}`,
      name: v.name,
      value: v.value,
      type: v.type ?? '',
      ref: v.variablesReference,
      evaluateName: v.evaluateName,
      memoryReference: v.memoryReference,
      indexed: v.indexedVariables,
      named: v.namedVariables,
      depth,
    }));
  }

  /** The variables tree as shown: roots with the children of every expanded node inlined. */
  visibleVariables(): VarNode[] {
    const out: VarNode[] = [];
    const walk = (nodes: VarNode[]) => {
      for (const n of nodes) {
        out.push(n);
        if (this.state.expanded.has(n.key)) walk(this.children.get(n.key) ?? []);
      }
    };
    walk(this.state.variables);
    return out;
  }

  /** Expands or collapses a node; big collections load their first page, a "more" node loads the next. */
  async toggleVariable(key: string): Promise<void> {
    const node = this.visibleVariables().find((n) => n.key === key);
    if (!node) return;
    if (node.name === '…more' && node.ref === 0) return this.loadMoreChildren(node);
    if (node.ref === 0) return;
    const expanded = new Set(this.state.expanded);
    if (expanded.has(key)) {
      expanded.delete(key);
      this.store.update({ expanded });
      return;
    }
    if (!this.children.has(key)) {
      const gen = this.stopGeneration;
      const indexed = node.indexed ?? 0;
      const kids = indexed > CHILD_PAGE ? await this.fetchChildren(node.ref, key, node.depth + 1, 0, CHILD_PAGE) : await this.fetchChildren(node.ref, key, node.depth + 1);
      if (gen !== this.stopGeneration) return;
      if (indexed > CHILD_PAGE) kids.push(moreNode(key, node, CHILD_PAGE));
      this.children.set(key, kids);
    }
    expanded.add(key);
    this.store.update({ expanded });
  }

  private async loadMoreChildren(more: VarNode): Promise<void> {
    const parentKey = more.key.slice(0, more.key.lastIndexOf('/'));
    const kids = this.children.get(parentKey);
    const parent = this.visibleVariables().find((n) => n.key === parentKey);
    if (!kids || !parent) return;
    const loaded = kids.length - 1;
    const page = await this.fetchChildren(parent.ref, parentKey, parent.depth + 1, loaded, Math.min(CHILD_PAGE, (parent.indexed ?? 0) - loaded));
    const next = kids.slice(0, -1).concat(page);
    if (next.length < (parent.indexed ?? 0)) next.push(moreNode(parentKey, parent, next.length));
    this.children.set(parentKey, next);
    this.store.update({ expanded: new Set(this.state.expanded) });
  }

  async selectThread(id: number): Promise<void> {
    this.requireStopped('select a goroutine');
    if (!this.state.threads.some((t) => t.id === id)) {
      // DAP lists at most 1024: a goroutine beyond them is still selectable by id.
      this.log(`Goroutine ${id} is not in the listed goroutines; trying it anyway.`, 'info');
    }
    this.store.update({ selectedThreadId: id });
    // A parked goroutine's top frames are the runtime's: show where the user's code waits.
    await this.loadStack(id, this.stopGeneration, true);
  }

  async selectFrame(index: number): Promise<void> {
    this.requireStopped('select a frame');
    const frames = this.state.frames;
    if (index < 0 || index >= frames.length) throw new UserError(`There is no frame ${index}.`, `This stack has frames 0 to ${frames.length - 1}.`);
    this.store.update({ selectedFrame: index });
    await this.loadVariables();
  }

  currentFrame(): Frame | undefined {
    return this.state.frames[this.state.selectedFrame];
  }

  // ---- data ------------------------------------------------------------------------------

  async evaluate(expression: string, context: 'repl' | 'watch' | 'hover' | 'variables' | 'clipboard' = 'repl'): Promise<P.EvaluateResponse['body']> {
    const frame = this.currentFrame();
    try {
      const res = await this.request<P.EvaluateResponse>('evaluate', { expression, context, ...(frame ? { frameId: frame.id } : {}) });
      return res.body;
    } catch (err) {
      if (err instanceof DapRequestError) throw new UserError(`Cannot evaluate '${expression}': ${stripPrefix(err.message)}.`, evalHint(err.message));
      throw err;
    }
  }

  /**
   * `set LHS = RHS` for numbers, bools and pointers. Delve's setVariable names a child of a
   * container: a local in a scope, a field or element of a value, or (name "") what a pointer
   * points at. So `o.Items[0].Qty` sets Qty in `o.Items[0]`, and `*p` sets the pointee of `p`.
   */
  async setVariable(lhs: string, rhs: string): Promise<string> {
    this.requireStopped('set a variable');
    const frame = this.currentFrame();
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
      if (err instanceof DapRequestError) throw new UserError(`Cannot set ${lhs} to ${rhs}: ${stripPrefix(err.message)}.`, 'Delve sets numbers, bools and pointers; for strings call a setter (:call).');
      throw err;
    }
    const after = await this.evaluate(lhs);
    await this.loadVariables();
    return after.result;
  }

  // ---- breakpoints ------------------------------------------------------------------------

  /** Adds a breakpoint; a location Delve cannot resolve is removed again and reported. */
  async addBreakpoint(bp: Omit<Breakpoint, 'id' | 'verified'>): Promise<Breakpoint> {
    const created: Breakpoint = { ...bp, id: this.nextBreakpointId++, verified: false };
    this.store.update((s) => ({ breakpoints: [...s.breakpoints, created] }));
    if (this.connected) {
      try {
        await this.sendBreakpointsFor(created);
      } catch (err) {
        this.store.update((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== created.id) }));
        throw err;
      }
    }
    const now = this.state.breakpoints.find((b) => b.id === created.id);
    if (this.connected && (!now || !now.verified)) {
      this.store.update((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== created.id) }));
      await this.sendBreakpointsFor(created).catch(() => undefined);
      const where = bp.spec ?? `${bp.file}:${bp.line}`;
      throw new UserError(`No code at ${where}${now?.message ? `: ${now.message}` : ''}.`, 'Use file.go:LINE, LINE (in the current file) or pkg.Func; the line must hold a statement.');
    }
    return now ?? created;
  }

  async removeBreakpoint(id: number): Promise<Breakpoint> {
    const bp = this.state.breakpoints.find((b) => b.id === id);
    if (!bp) throw new UserError(`There is no breakpoint ${id}.`, this.state.breakpoints.length ? `Breakpoints: ${this.state.breakpoints.map((b) => b.id).join(', ')}.` : 'There are no breakpoints.');
    this.store.update((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== id) }));
    if (this.connected) await this.sendBreakpointsFor(bp);
    return bp;
  }

  async updateBreakpoint(id: number, patch: Partial<Pick<Breakpoint, 'condition' | 'hitCondition'>>): Promise<void> {
    const bp = this.state.breakpoints.find((b) => b.id === id);
    if (!bp) throw new UserError(`There is no breakpoint ${id}.`);
    this.store.update((s) => ({ breakpoints: s.breakpoints.map((b) => (b.id === id ? { ...b, ...patch } : b)) }));
    if (this.connected) await this.sendBreakpointsFor(bp);
  }

  /**
   * Sends breakpoints, exception filters and configurationDone: after `initialized`, which Delve
   * sends at attach and again after a restart.
   */
  async configure(): Promise<void> {
    const client = this.requireClient();
    await this.sendAllBreakpoints();
    if (this.features.exceptionFilters.length) {
      await client.request('setExceptionBreakpoints', { filters: this.features.exceptionFilters.filter((f) => f === 'unrecovered-panic' || f === 'runtime-fatal-throw') });
    }
    await client.request('configurationDone', {});
  }

  private async sendAllBreakpoints(): Promise<void> {
    const files = new Set(this.state.breakpoints.filter((b) => b.kind === 'line').map((b) => b.file!));
    for (const f of files) await this.sendLineBreakpoints(f);
    if (this.state.breakpoints.some((b) => b.kind === 'function')) await this.sendFunctionBreakpoints();
  }

  private sendBreakpointsFor(bp: Breakpoint): Promise<void> {
    return bp.kind === 'line' ? this.sendLineBreakpoints(bp.file!) : this.sendFunctionBreakpoints();
  }

  // DAP replaces a file's whole list (and all function breakpoints) at once; answers come in request order.
  private async sendLineBreakpoints(file: string): Promise<void> {
    const mine = this.state.breakpoints.filter((b) => b.kind === 'line' && b.file === file);
    const res = await this.request<P.SetBreakpointsResponse>('setBreakpoints', {
      source: { path: file },
      breakpoints: mine.map((b) => ({ line: b.line!, condition: b.condition, hitCondition: b.hitCondition })),
    });
    this.applyVerification(mine, res.body.breakpoints);
  }

  private async sendFunctionBreakpoints(): Promise<void> {
    const mine = this.state.breakpoints.filter((b) => b.kind === 'function');
    const res = await this.request<P.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', {
      breakpoints: mine.map((b) => ({ name: b.spec!, condition: b.condition, hitCondition: b.hitCondition })),
    });
    this.applyVerification(mine, res.body.breakpoints);
  }

  private applyVerification(mine: Breakpoint[], answers: P.Breakpoint[]): void {
    const byId = new Map<number, Partial<Breakpoint>>();
    mine.forEach((b, i) => {
      const a = answers[i];
      if (!a) return;
      byId.set(b.id, { verified: a.verified, message: a.message, ...(a.source?.path ? { file: a.source.path } : {}), ...(a.line ? { line: a.line } : {}) });
    });
    this.store.update((s) => ({ breakpoints: s.breakpoints.map((b) => (byId.has(b.id) ? { ...b, ...byId.get(b.id) } : b)) }));
  }

  // ---- ending ----------------------------------------------------------------------------

  /** Leaves the target as it is (or resumes it first when asked) and closes the DAP connection; Delve keeps running. */
  async detach(resume: boolean): Promise<void> {
    if (!this.connected) return;
    this.leaving = true;
    // Delve's continue resumes every goroutine whatever threadId says.
    if (resume && this.state.status === 'stopped') await this.request('continue', { threadId: this.state.selectedThreadId ?? 1 }).catch(() => undefined);
    await this.request('disconnect', { terminateDebuggee: false }, 5_000).catch(() => undefined);
    this.dispose();
  }

  /** Ends a target gotui started: Delve kills it and exits. */
  async terminate(): Promise<void> {
    this.leaving = true;
    if (this.connected) await this.request('disconnect', { terminateDebuggee: true }, 5_000).catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.client?.close();
  }

  /** Replaces a dropped connection with a new one to the same server (multi-client servers keep the target). */
  async reconnect(client: DapClient, opts: AttachOptions): Promise<void> {
    this.dispose();
    this.leaving = false;
    this.store.update({ status: 'connecting', threads: [], frames: [], variables: [] });
    await this.attach(client, opts);
  }
}

function moreNode(parentKey: string, parent: VarNode, loaded: number): VarNode {
  return { key: `${parentKey}/…more`, name: '…more', value: `${loaded} of ${parent.indexed} loaded: Enter loads ${Math.min(CHILD_PAGE, (parent.indexed ?? 0) - loaded)} more`, type: '', ref: 0, depth: parent.depth + 1 };
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

function isRuntimeFrame(name: string): boolean {
  return /^(runtime|internal\/|syscall|time\.Sleep)/.test(name);
}

function stripPrefix(msg: string): string {
  return msg.replace(/^(Unable to evaluate expression|unable to evaluate):?\s*/i, '').replace(/\.$/, '');
}

function evalHint(msg: string): string {
  if (/could not find symbol value for/.test(msg)) return 'Check the name: it is not a variable in scope at this frame.';
  if (/not at safe point|call not at safe point/i.test(msg)) return 'Step to a statement line (n), then call again.';
  return 'Expressions use Go syntax; registers are RSP, RIP (uppercase).';
}

