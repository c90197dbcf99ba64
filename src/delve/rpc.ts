import { PRINT_LOAD_CONFIG, type RpcValue } from './pretty.js';
import type net from 'node:net';
import { UserError } from '../errors.js';
import { withoutGoStack } from './said.js';
import { openTcp } from '../transport/tcp.js';
import { formatHostPort, type HostPort } from '../transport/address.js';
import { protocolLog } from '../core/timings.js';
import { quoteRegExp } from '../core/text.js';

/*
 * Delve's JSON-RPC API (api-version 2), as served by a headless Delve beside DAP on the same port.
 * Go's net/rpc/jsonrpc: one request object per call, `{"method":"RPCServer.X","params":[{...}],"id":N}`,
 * answered by one newline-terminated `{"id":N,"result":{...},"error":null|"text"}`.
 * Field names and enum values below are checked against Delve v1.27.1's service/api/types.go and
 * service/rpc2/server.go (v1.20.2 has the same ones, minus GoroutineField.WaitingOnChannel and EvalScope).
 * gotui uses this channel to read: it never sends Command, Restart, Detach or anything that changes the
 * target; the one thing it has Delve write is a core file of it (DumpStart, :dump).
 */

/** api.GoroutineField: what a filter or a grouping looks at. */
export const GoroutineField = {
  None: 0,
  CurrentLoc: 1,
  UserLoc: 2,
  GoLoc: 3,
  StartLoc: 4,
  Label: 5,
  Running: 6,
  User: 7,
  WaitingOnChannel: 8,
} as const;
export type GoroutineFieldValue = (typeof GoroutineField)[keyof typeof GoroutineField];

/** api.ListGoroutinesFilter. Location filters match when `file:line in function` contains Arg (a substring, not a regex). */
export interface RpcGoroutineFilter {
  Kind: GoroutineFieldValue;
  Negated: boolean;
  Arg: string;
}

/** api.GoroutineGroupingOptions; embedded in ListGoroutinesIn, so its fields sit at the top level of the params. */
export interface RpcGroupingOptions {
  GroupBy: GoroutineFieldValue;
  GroupByKey: string;
  /** Must be >= 1 when grouping: with 0 Delve returns no groups at all (it only creates a group when it keeps a member). */
  MaxGroupMembers: number;
  /** 0 = no limit. */
  MaxGroups: number;
}

export interface ListGoroutinesIn extends Partial<RpcGroupingOptions> {
  /** Index into the runtime's allgs (dead slots included), not a goroutine count; pass back a Nextg. */
  Start: number;
  /** Goroutines to read from Start before filtering; 0 = all (only Start 0 + Count 0 uses Delve's per-stop cache). */
  Count: number;
  Filters?: RpcGoroutineFilter[];
  /** Where a WaitingOnChannel filter's expression is read (required with it, as is Count > 0). */
  EvalScope?: RpcEvalScope;
}

/** api.Location (JSON tags are lower case). */
export interface RpcLocation {
  pc: number;
  file: string;
  line: number;
  /** `value`: the function's entry address; `optimized`: compiled without -N -l. */
  function?: { name: string; value?: number; optimized?: boolean } | null;
}

/** api.Goroutine. */
export interface RpcGoroutine {
  id: number;
  currentLoc: RpcLocation;
  userCurrentLoc: RpcLocation;
  goStatementLoc: RpcLocation;
  startLoc: RpcLocation;
  /** OS thread id for a goroutine running on a thread, else 0. */
  threadID: number;
  /** runtime g.atomicstatus: 1 runnable, 2 running, 3 syscall, 4 waiting. */
  status: number;
  /** runtime nanotime when a GC first saw it blocked (0 = not blocked across a GC yet). */
  waitSince: number;
  /** Index into the runtime's waitReasonStrings of the target's Go version. */
  waitReason: number;
  unreadable: string;
  labels?: Record<string, string> | null;
}

/** api.GoroutineGroup. Name is `file:line in function`, `key=value`, `running=true` or `user=false`. */
export interface RpcGoroutineGroup {
  Name: string;
  /** Where this group's sample members start in Goroutines. */
  Offset: number;
  Count: number;
  Total: number;
}

export interface ListGoroutinesOut {
  Goroutines: RpcGoroutine[] | null;
  /** Start for the next page; -1 when the list is complete. */
  Nextg: number;
  Groups: RpcGoroutineGroup[] | null;
  TooManyGroups: boolean;
}

/** The parts of api.DebuggerState gotui reads. With NonBlocking and a running target only Running is set. */
export interface RpcDebuggerState {
  Pid: number;
  TargetCommandLine: string;
  Running: boolean;
  Recording: boolean;
  CoreDumping: boolean;
  exited: boolean;
  exitStatus: number;
  currentGoroutine?: RpcGoroutine;
  /** The thread that stopped, and the breakpoint (or watchpoint) it stopped on. */
  currentThread?: RpcThread | null;
  Threads?: RpcThread[] | null;
  /** Watchpoints on stack memory whose frame returned: Delve cleared them at this stop. */
  WatchOutOfScope?: RpcBreakpoint[] | null;
  stopReason?: string;
  /** A step a breakpoint (or a manual stop) interrupted waits to be ended by the next continue. */
  NextInProgress?: boolean;
}

/** The parts of api.Thread gotui reads. */
export interface RpcThread {
  id: number;
  pc: number;
  file?: string;
  line?: number;
  goroutineID: number;
  function?: { name: string } | null;
  breakPoint?: RpcBreakpoint | null;
}

/** api.GetVersionOut. TargetGoVersion is the DWARF producer, e.g. "Go cmd/compile go1.26.8". */
export interface RpcVersion {
  DelveVersion: string;
  APIVersion: number;
  Backend: string;
  TargetGoVersion: string;
}

/** api.Variable, as far as gotui reads it. */
export interface RpcVariable {
  name: string;
  type: string;
  value: string;
  unreadable: string;
  children: RpcVariable[] | null;
  /** Where it lives in the target, and its reflect.Kind (18 chan, 22 pointer, 26 unsafe.Pointer). */
  addr?: number;
  kind?: number;
  /** What a channel (its hchan), a string or a slice points at. */
  base?: number;
}

/** Delve's scope of an evaluation: a goroutine's frame. */
export interface RpcEvalScope {
  GoroutineID: number;
  Frame: number;
}

/** api.Breakpoint, as far as gotui reads it (Tracepoint is `continue` in JSON). */
export interface RpcBreakpoint {
  id: number;
  name: string;
  addrs: number[] | null;
  /** The process of each address (one process here): a restart's new one has another pid. */
  addrpid?: number[] | null;
  file: string;
  line: number;
  functionName?: string;
  Cond: string;
  HitCond: string;
  /** HitCond counts this goroutine's hits (hitCount), not the total. */
  HitCondPerG?: boolean;
  continue: boolean;
  /** A trace's breakpoint at its function's return (the dlv CLI's `trace F`): it halts until a client's continue runs on. */
  traceReturn?: boolean;
  WatchExpr: string;
  WatchType: number;
  variables?: string[] | null;
  stacktrace: number;
  hitCount: Record<string, number> | null;
  totalHitCount: number;
  disabled: boolean;
  /** Set while the program had exited (or in a plugin not loaded yet): Delve places it at the restart, as the dlv CLI's `(suspended)` says. */
  ExprString?: string;
}

/** api.DumpState: a core dump's progress. */
export interface RpcDumpState {
  Dumping: boolean;
  AllDone: boolean;
  ThreadsDone: number;
  ThreadsTotal: number;
  MemDone: number;
  MemTotal: number;
  Err: string;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const RPC_TIMEOUT_MS = 30_000;
/** Variables listed, not read: their names, kinds and addresses (a channel's base among them). */
const SHALLOW = { FollowPointers: false, MaxVariableRecurse: 0, MaxStringLen: 0, MaxArrayValues: 0, MaxStructFields: 0 };
/** As SHALLOW, with a struct's fields (through a pointer too): a channel a field holds. */
const FIELDS = { FollowPointers: true, MaxVariableRecurse: 2, MaxStringLen: 0, MaxArrayValues: 0, MaxStructFields: -1 };

const trace = protocolLog(process.env.GOTUI_RPC_LOG);

/** How long a fresh connection may take to answer GetVersion before gotui decides nothing speaks JSON-RPC there. */
export const PROBE_TIMEOUT_MS = 3_000;
/** A non-blocking State normally answers in milliseconds; one this late is stuck behind a continue. */
const STATE_RETRY_MS = 500;

/**
 * Delve servers writing a core now (by host:port), and until when at the latest. Delve 1.27's
 * State with NonBlocking during a dump returns with the dump's lock held, and the dump then waits
 * forever (service/debugger.Debugger.State): no such call may reach a server while it dumps.
 */
const dumping = new Map<string, number>();

/** Holds (or releases) non-blocking State calls to the Delve at `address` while it writes a core. */
export function holdStateForDump(address: HostPort, on: boolean, limitMs = 10 * 60_000): void {
  const key = formatHostPort(address);
  if (on) dumping.set(key, Date.now() + limitMs);
  else dumping.delete(key);
}

/**
 * State calls this process has sent to a server (by host:port) and Delve has not answered yet, those
 * given up on included: Delve still serves them. A hold stops new ones; a dump waits for these,
 * since one that Delve reads just after the dump begins hangs it.
 */
const statesAtDelve = new Map<string, number>();

/** Resolves once no State sent to `address` is unanswered (or after limitMs: one may be stuck behind a continue). */
export async function statesAnswered(address: HostPort, limitMs = 2_000): Promise<void> {
  const key = formatHostPort(address);
  for (const until = Date.now() + limitMs; (statesAtDelve.get(key) ?? 0) > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
}

function isDumping(peer: string): boolean {
  const until = dumping.get(peer);
  if (until !== undefined && until < Date.now()) dumping.delete(peer);
  return (dumping.get(peer) ?? 0) > 0;
}

/** Methods Delve serves beside the connection's read loop (their handler takes an RPCCallback); all others block it. */
const ASYNC_METHODS = new Set(['State', 'Command', 'Restart', 'StopRecording', 'GetEvents', 'CancelDownloads']);

interface Pending {
  method: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  cleanup: () => void;
}

const NOT_JSONRPC_HINT =
  'Start Delve as `dlv --headless --listen=127.0.0.1:PORT --accept-multiclient --api-version=2 exec ./bin` to list more than 1024 goroutines.';

/**
 * A read-only client for Delve's JSON-RPC API on its own TCP connection. Delve serves the calls of one
 * connection in order and a synchronous call (ListGoroutines, Eval...) blocks the ones behind it, so
 * after a timeout the connection is dropped and the next call opens a fresh one.
 */
/** api.EvalScope of the goroutine and frame the user looks at (Delve's current goroutine when none). */
export function scopeOf(sel: { goroutine: number; frame?: { index: number } } | undefined): { GoroutineID: number; Frame: number; DeferredCall: 0 } {
  // No frame: a goroutine with no stack (the placeholder Delve lists at the program's entry), which
  // Delve cannot evaluate in; -1 is the current thread, as the dlv CLI evaluates there.
  return { GoroutineID: sel?.frame ? sel.goroutine : -1, Frame: sel?.frame?.index ?? 0, DeferredCall: 0 };
}

export class DelveRpcClient {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }
  /** Ids of State calls on this connection that Delve has not answered (see statesAtDelve). */
  private readonly statesSent = new Set<number>();
  private chunks: Buffer[] = [];
  private closedByUser = false;
  readonly peer: string;
  /** What the server said it is when connect checked it. */
  version: RpcVersion | undefined;

  private constructor(readonly address: HostPort) {
    this.peer = formatHostPort(address);
  }

  /**
   * Connects and checks that the server answers JSON-RPC (a `dlv dap` server never answers: it waits
   * for a DAP header). Connect only once gotui's own DAP session is up: a `dlv dap` server serves its
   * first connection as the one DAP session and exits when it closes.
   */
  static async connect(address: HostPort, opts: { probeTimeoutMs?: number } = {}): Promise<DelveRpcClient> {
    const client = new DelveRpcClient(address);
    try {
      client.version = await client.getVersion({ timeoutMs: opts.probeTimeoutMs ?? PROBE_TIMEOUT_MS });
    } catch (err) {
      client.close();
      if (err instanceof RpcTimeoutError) {
        throw new UserError(
          `The server at ${client.peer} does not answer Delve's JSON-RPC API; it is probably a \`dlv dap\` server, which speaks only DAP (or a headless Delve without --accept-multiclient).`,
          NOT_JSONRPC_HINT,
        );
      }
      throw err;
    }
    return client;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  getVersion(opts?: CallOptions): Promise<RpcVersion> {
    return this.call<RpcVersion>('GetVersion', {}, opts);
  }

  /**
   * With nonBlocking (the default) a running target answers at once with Running: true instead of
   * blocking. But Delve looks at "running" before it waits for the target's lock
   * (service/debugger.Debugger.State), so a State that lands as a continue begins waits out the whole
   * continue. State is served beside the connection's read loop: an answer STATE_RETRY_MS late is
   * given up (the connection stays) and asked again, and the second sees the target running.
   */
  async state(nonBlocking = true, opts: CallOptions = {}): Promise<RpcDebuggerState> {
    const params = { NonBlocking: nonBlocking };
    const timeoutMs = opts.timeoutMs ?? RPC_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (!nonBlocking || left <= STATE_RETRY_MS) {
        try {
          return (await this.call<{ State: RpcDebuggerState }>('State', params, { ...opts, timeoutMs: Math.max(1, left) })).State;
        } catch (err) {
          throw err instanceof RpcTimeoutError ? new RpcTimeoutError('State', timeoutMs) : err;
        }
      }
      const late = new AbortController();
      const timer = setTimeout(() => late.abort(), STATE_RETRY_MS);
      try {
        const signal = opts.signal ? AbortSignal.any([opts.signal, late.signal]) : late.signal;
        return (await this.call<{ State: RpcDebuggerState }>('State', params, { ...opts, timeoutMs: left, signal })).State;
      } catch (err) {
        if (!late.signal.aborted || opts.signal?.aborted) throw err;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /**
   * A non-blocking State for polling, asked only when no dump is under way. Delve 1.27 answers a
   * non-blocking State during a core dump still holding the dump's lock, and the dump, then all of
   * Delve, hang for good; another client's dump (the dlv CLI's) tells gotui nothing, so DumpWait(0)
   * says first whether one is (it takes and releases that lock properly).
   */
  async pollState(opts: CallOptions = {}): Promise<RpcDebuggerState> {
    if ((await this.call<{ State: { Dumping: boolean } }>('DumpWait', { Wait: 0 }, opts)).State.Dumping) {
      throw new UserError(`Delve at ${this.peer} is writing a core file (another client's dump); its state is asked again once that is done.`);
    }
    return this.state(true, opts);
  }

  /** Whether Delve attached to a running process (dlv attach) rather than starting it: only one it started can restart. */
  async attachedToExistingProcess(opts?: CallOptions): Promise<boolean> {
    return (await this.call<{ Answer: boolean }>('AttachedToExistingProcess', {}, opts)).Answer;
  }

  async processPid(opts?: CallOptions): Promise<number> {
    return (await this.call<{ Pid: number }>('ProcessPid', {}, opts)).Pid;
  }

  /** Where a location (`main.render`, `file.go:12`) is; answers while the target is halted. */
  async findLocation(loc: string, opts?: CallOptions): Promise<RpcLocation[]> {
    const out = await this.call<{ Locations: RpcLocation[] | null }>('FindLocation', { Scope: scopeOf(undefined), Loc: loc, IncludeNonExecutableLines: false, SubstitutePathRules: null }, opts);
    return out.Locations ?? [];
  }

  /** Blocks while the target runs (and so does the connection): ask state() first. */
  listGoroutines(input: ListGoroutinesIn, opts?: CallOptions): Promise<ListGoroutinesOut> {
    return this.call<ListGoroutinesOut>('ListGoroutines', input, opts);
  }

  /** Every breakpoint on the server, other clients' too, as the dlv CLI's breakpoints lists them; blocks while the target runs. */
  async listBreakpoints(opts?: CallOptions): Promise<RpcBreakpoint[]> {
    return (await this.call<{ Breakpoints: RpcBreakpoint[] | null }>('ListBreakpoints', { All: false }, opts)).Breakpoints ?? [];
  }

  /**
   * The names, without the package (`cfg` of `main.cfg`), of package `pkg`'s variables that start
   * with `prefix`, in Delve's order; no values loaded. Not the ones the compiler made
   * (`main..inittask`, `main.map.init.0`): no program names them.
   */
  async packageVarNames(pkg: string, prefix = '', opts?: CallOptions): Promise<string[]> {
    return (await this.packageVars(pkg, prefix, opts)).map((v) => v.name.slice(pkg.length + 1));
  }

  /**
   * The functions (methods and closures too) of the packages whose import path ends in element
   * `name` (`calc`: example.com/app/calc's, as Go code names it).
   */
  async packageFunctions(name: string, opts?: CallOptions): Promise<string[]> {
    return (await this.call<{ Funcs: string[] | null }>('ListFunctions', { Filter: `(^|/)${quoteRegExp(name)}\\.`, FollowCalls: 0 }, opts)).Funcs ?? [];
  }

  /** Package `pkg`'s variables named from `prefix`, shallow (nothing under them read), as packageVarNames lists them. */
  async packageVars(pkg: string, prefix = '', opts?: CallOptions & { fields?: boolean }): Promise<RpcVariable[]> {
    const out = await this.call<{ Variables: RpcVariable[] | null }>('ListPackageVars', { Filter: `^${quoteRegExp(pkg)}\\.${quoteRegExp(prefix)}`, Cfg: opts?.fields ? FIELDS : SHALLOW }, opts);
    return (out.Variables ?? []).filter((v) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(v.name.slice(pkg.length + 1)));
  }

  /** The names of the package variables matching `filter` (Delve's RE; all with ''), nothing under them read. */
  async packageVarNamesMatching(filter: string, opts?: CallOptions): Promise<string[]> {
    const out = await this.call<{ Variables: RpcVariable[] | null }>('ListPackageVars', { Filter: filter, Cfg: SHALLOW }, opts);
    return (out.Variables ?? []).map((v) => v.name);
  }

  /** A frame's arguments, then its locals, shallow (`fields`: with their structs' fields): what names a value found elsewhere (a channel by its address). */
  async frameVars(scope: RpcEvalScope, opts?: CallOptions & { fields?: boolean }): Promise<RpcVariable[]> {
    const args = { Scope: { ...scope, DeferredCall: 0 }, Cfg: opts?.fields ? FIELDS : SHALLOW };
    const [fargs, locals] = await Promise.all([this.call<{ Args: RpcVariable[] | null }>('ListFunctionArgs', args, opts), this.call<{ Variables: RpcVariable[] | null }>('ListLocalVars', args, opts)]);
    return [...(fargs.Args ?? []), ...(locals.Variables ?? [])];
  }

  /** The pcs of goroutine `id`'s innermost `depth` frames. */
  async stackPcs(id: number, depth: number, opts?: CallOptions): Promise<number[]> {
    const out = await this.call<{ Locations: { pc: number }[] | null }>('Stacktrace', { Id: id, Depth: depth, Full: false }, opts);
    return (out.Locations ?? []).map((l) => l.pc);
  }

  /** Reads an expression in the selected goroutine's top frame, or in `scope` (Eval never calls functions: that takes Command "call"). */
  async eval(expr: string, opts?: CallOptions & { scope?: RpcEvalScope; recurse?: number }): Promise<RpcVariable> {
    const cfg = { FollowPointers: false, MaxVariableRecurse: opts?.recurse ?? 1, MaxStringLen: 64, MaxArrayValues: 16, MaxStructFields: -1 };
    const out = await this.call<{ Variable: RpcVariable }>('Eval', { Scope: opts?.scope ?? { GoroutineID: -1, Frame: 0 }, Expr: expr, Cfg: cfg }, opts);
    return out.Variable;
  }

  /**
   * What the function goroutine `id` just stepped out of returned. Delve keeps the values on the
   * goroutine's thread until it runs again, and hands them out only with a command's state: a
   * switch to the goroutine runs nothing and moves no selection (it is the stopped one). Empty
   * when none are kept (not a step out, or the step ended elsewhere).
   */
  async returnValues(id: number, opts?: CallOptions): Promise<RpcValue[]> {
    const out = await this.call<{ State: { Threads: { goroutineID: number; ReturnValues: RpcValue[] | null }[] | null } }>('Command', { name: 'switchGoroutine', goroutineID: id, ReturnInfoLoadConfig: PRINT_LOAD_CONFIG }, opts);
    return out.State.Threads?.find((t) => t.goroutineID === id)?.ReturnValues ?? [];
  }

  close(): void {
    this.closedByUser = true;
    this.drop('The JSON-RPC connection to Delve was closed.');
  }

  /** One JSON-RPC call; `method` without the `RPCServer.` prefix. */
  async call<T>(method: string, params: unknown, opts: CallOptions = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? RPC_TIMEOUT_MS;
    if (opts.signal?.aborted) throw abortError();
    if (this.closedByUser) throw new UserError('The JSON-RPC connection to Delve was closed.');
    // Written at once when connected: a call made at a stop leaves before the stop's frame is painted.
    const socket = this.socket ?? (await this.ensureSocket());
    if (opts.signal?.aborted) throw abortError();
    // Another call may have dropped the connection while this one waited for it.
    if (socket !== this.socket) return this.call<T>(method, params, opts);
    // Checked after any wait for the connection: a dump may have begun meanwhile, and a State reaching it hangs Delve.
    if (method === 'State' && (params as { NonBlocking?: boolean } | undefined)?.NonBlocking && isDumping(this.peer)) {
      throw new UserError(`Delve at ${this.peer} is writing a core file; its state is asked again once that is done.`);
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!this.settle(id)) return;
        reject(abortError());
        // Delve goes on with the call, and a synchronous one holds up every later call on this
        // connection (ListGoroutines waits for a running target to stop): start afresh.
        if (!ASYNC_METHODS.has(method)) this.drop(`The JSON-RPC call ${method} was cancelled.`);
      };
      const timer = setTimeout(() => {
        const p = this.settle(id);
        if (!p) return;
        p.reject(new RpcTimeoutError(method, timeoutMs));
        // Later calls on this connection would queue behind the one that hangs.
        this.drop(`Delve did not answer ${method} within ${Math.round(timeoutMs / 1000)}s.`);
      }, timeoutMs);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        method,
        resolve: resolve as (v: unknown) => void,
        reject,
        timer,
        cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
      });
      if (method === 'State') {
        this.statesSent.add(id);
        statesAtDelve.set(this.peer, (statesAtDelve.get(this.peer) ?? 0) + 1);
      }
      const request = JSON.stringify({ method: `RPCServer.${method}`, params: [params], id });
      trace?.('>', request);
      socket.write(request + '\n');
    });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.cleanup();
    return p;
  }

  private ensureSocket(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= openTcp(this.address).then(
      (socket) => {
        this.connecting = undefined;
        this.chunks = [];
        socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
        socket.on('error', (err) => this.lost(socket, `The JSON-RPC connection to Delve at ${this.peer} failed: ${err.message}.`));
        socket.on('close', () => this.lost(socket, `Delve at ${this.peer} closed the JSON-RPC connection.`));
        this.socket = socket;
        return socket;
      },
      (err: unknown) => {
        this.connecting = undefined;
        throw err;
      },
    );
    return this.connecting;
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    // Answers can be tens of megabytes: keep chunks until a newline instead of growing one string.
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.chunks.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.chunks);
      this.chunks = [];
      start = nl + 1;
      this.onLine(line);
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  private onLine(line: Buffer): void {
    trace?.('<', line.toString());
    const reply = readRpcReply(line);
    if (reply === 'not-json') {
      this.drop(`The server at ${this.peer} answered something that is not JSON-RPC; it is probably not a headless Delve.`);
      return;
    }
    if (!reply) return;
    this.stateAnswered(reply.id);
    const p = this.settle(reply.id);
    if (!p) return;
    if (reply.error !== undefined) p.reject(new DelveRpcError(p.method, withoutGoStack(reply.error)));
    else p.resolve(reply.result);
  }

  private stateAnswered(id: number): void {
    if (this.statesSent.delete(id)) statesAtDelve.set(this.peer, Math.max(0, (statesAtDelve.get(this.peer) ?? 0) - 1));
  }

  private lost(socket: net.Socket, reason: string): void {
    if (socket === this.socket) this.drop(reason);
  }

  private drop(reason: string): void {
    const socket = this.socket;
    this.socket = undefined;
    this.chunks = [];
    socket?.destroy();
    // Their answers can no longer come (Delve may still serve them: nothing more can be known).
    for (const id of [...this.statesSent]) this.stateAnswered(id);
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(new UserError(reason, 'Check that Delve is still running; gotui reconnects on the next request.'));
    }
  }
}

/** One reply line: the id it answers with its result or error text, 'not-json', or undefined for JSON that answers nothing. */
export function readRpcReply(line: Buffer): { id: number; result?: unknown; error?: string } | 'not-json' | undefined {
  if (line.length === 0) return undefined;
  let msg: { id?: number; result?: unknown; error?: unknown } | null;
  try {
    msg = JSON.parse(line.toString('utf8'));
  } catch {
    return 'not-json';
  }
  // `null` (or any non-object) answers nothing; reading .id of it threw inside the socket's data handler.
  if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return undefined;
  if (msg.error !== null && msg.error !== undefined) return { id: msg.id, error: String(msg.error) };
  return { id: msg.id, result: msg.result };
}

/** Delve answered the call with an error; `message` is Delve's own text. */
export class DelveRpcError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
    this.name = 'DelveRpcError';
  }
}

export class RpcTimeoutError extends UserError {
  constructor(
    readonly method: string,
    timeoutMs: number,
  ) {
    super(`Delve did not answer ${method} within ${Math.round(timeoutMs / 1000)}s.`, 'The target may be very large or Delve busy; try again.');
    this.name = 'RpcTimeoutError';
  }
}

/** What a call rejects with when its AbortSignal fires. */
export function abortError(): Error {
  const e = new Error('The request was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

