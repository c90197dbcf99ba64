import fs from 'node:fs';
import { reasonText, scanChannelWaiters } from '../channels/inspect.js';
import { channelLabel } from '../channels/channel.js';
import { UserError } from '../errors.js';
import { isLoopback } from '../transport/address.js';
import { abortError, GoroutineField, type DelveRpcClient, type RpcDebuggerState, type RpcGoroutine, type RpcGoroutineFilter } from '../delve/rpc.js';
import {
  FIELD_VALUES,
  groupMembershipFilter,
  groupNameOf,
  parseLocName,
  rpcFilters,
  toGoroutineInfo,
  toRpcFilter,
  type GoroutineInfo,
  type GoroutineQuery,
} from './model.js';
import { snapshotKey, type GroupInfo, type HaltSpans, type Snapshot, type TargetClock } from './snapshot.js';
import { goMinorFromProducer } from './waitreason.js';

/** The calls the loader makes (a DelveRpcClient; tests pass a fake). */
export type GoroutineRpc = Pick<DelveRpcClient, 'address' | 'state' | 'processPid' | 'getVersion' | 'listGoroutines' | 'eval' | 'stackPcs' | 'frameVars' | 'packageVars'>;

/** What a snapshot keeps of Delve's State: which process it is. */
type TargetSeen = Pick<RpcDebuggerState, 'Pid' | 'TargetCommandLine'>;

export interface LoadProgress {
  phase: 'state' | 'groups' | 'totals' | 'members';
  /** Members found so far / the group's total, for phase members. */
  done?: number;
  total?: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Per JSON-RPC call. Grouping 100k goroutines takes Delve ~1-3 s. */
  timeoutMs?: number;
}

export interface SnapshotOptions extends LoadOptions {
  seq: number;
  /** Members Delve returns with each group, for the wait summary before a group is opened. */
  sampleSize?: number;
  /** Groups beyond this many are dropped by Delve (the totals stay exact). */
  maxGroups?: number;
  /** This machine's monotonic clock (process.hrtime) when the target stopped; waits are measured to it. Default: now. */
  stoppedAtNs?: number;
  /** Spans of that clock the target sat halted before this stop (see TargetClock.halts). */
  halts?: HaltSpans;
  /**
   * At a stop just announced: the grouping may go right behind State (or behind the pid, when this
   * connection has seen the process before: see targetAtStop). Its hazard (another client's
   * continue beginning at that moment holds the request, and the grouping behind it holds the
   * connection) ends with the run's `resumed`, which cancels the load; elsewhere State is awaited first.
   */
  pipelined?: boolean;
}

export const DEFAULT_SAMPLE = 10;
export const DEFAULT_MAX_GROUPS = 1000;

export class TargetRunningError extends UserError {
  constructor() {
    super('The target is running, so its goroutines cannot be listed.', 'Pause it, or wait for a breakpoint; the list refreshes at the next stop.');
    this.name = 'TargetRunningError';
  }
}

/** Checks that the target is stopped: Delve's ListGoroutines would block (and hold the connection) while it runs. */
export async function requireStopped(rpc: GoroutineRpc, opts: LoadOptions = {}): Promise<RpcDebuggerState> {
  const st = await rpc.state(true, opts);
  if (st.Running || st.Recording || st.CoreDumping) throw new TargetRunningError();
  if (st.exited) throw new UserError(`The target has exited (status ${st.exitStatus}).`, 'Restart it to list goroutines again.');
  seen.set(rpc, { Pid: st.Pid, TargetCommandLine: st.TargetCommandLine });
  return st;
}

/** The process each connection's last State named. */
const seen = new WeakMap<GoroutineRpc, TargetSeen>();

/**
 * At a stop just announced, the process the connection saw before, when it is still the one
 * there: Delve's State converts every thread and the selected goroutine (2-4 ms of Delve's time
 * at a step, ahead of the grouping on the same connection), where the pid answers at once.
 * Another process (a restart) is read with State.
 */
async function targetAtStop(rpc: GoroutineRpc, call: LoadOptions): Promise<TargetSeen> {
  const known = seen.get(rpc);
  if (known && (await rpc.processPid(call)) === known.Pid) return known;
  return requireStopped(rpc, call);
}

/** The exact total and the groups for the current stop, grouped by Delve (one ListGoroutines over its per-stop cache). */
export async function loadSnapshot(rpc: GoroutineRpc, query: GoroutineQuery, opts: SnapshotOptions): Promise<Snapshot> {
  const started = performance.now();
  const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  // At a stop the groups are asked for right behind State (below): said as one phase, since a
  // second would cost the step a frame for a word on the screen a few milliseconds.
  const early = !!opts.pipelined && query.grouping.by !== 'chan';
  opts.onProgress?.({ phase: early ? 'groups' : 'state' });
  const stopped = opts.pipelined ? targetAtStop(rpc, call) : requireStopped(rpc, call);
  const minor = targetGoMinor(rpc, call);
  const filters = rpcFilters(query);
  if (query.grouping.by === 'chan') {
    const [state, goMinor] = await Promise.all([stopped, minor]);
    opts.onProgress?.({ phase: 'groups' });
    return channelSnapshot(rpc, query, opts, state, goMinor, started, query.filters.length > 0);
  }
  // At a stop, sent right behind State on the same connection, so Delve groups as soon as it has
  // answered (a round trip sooner); a target found running cancels it, since Delve would hold it until a stop.
  if (!opts.pipelined) await Promise.all([stopped, minor]);
  const behind = new AbortController();
  const grouped = rpc.listGoroutines(
    {
      Start: 0,
      Count: 0,
      Filters: filters,
      GroupBy: FIELD_VALUES[query.grouping.by],
      GroupByKey: query.grouping.labelKey ?? '',
      MaxGroupMembers: Math.max(1, opts.sampleSize ?? DEFAULT_SAMPLE),
      MaxGroups: opts.maxGroups ?? DEFAULT_MAX_GROUPS,
    },
    { ...call, signal: opts.signal ? AbortSignal.any([opts.signal, behind.signal]) : behind.signal },
  );
  // Its failure is read below, once State and the Go version are in; one that comes first (the
  // target exited meanwhile) would otherwise be an unhandled rejection until then.
  grouped.catch(() => undefined);
  let state: TargetSeen;
  let goMinor: number | undefined;
  try {
    [state, goMinor] = await Promise.all([stopped, minor]);
  } catch (err) {
    behind.abort();
    throw err;
  }
  if (!early) opts.onProgress?.({ phase: 'groups' });
  const out = await grouped;
  const members = out.Goroutines ?? [];
  const groups: GroupInfo[] = (out.Groups ?? []).map((g) => {
    const info: GroupInfo = { name: g.Name, total: g.Total, sample: members.slice(g.Offset, g.Offset + g.Count).map(toGoroutineInfo) };
    const loc = query.grouping.by === 'label' || query.grouping.by === 'running' || query.grouping.by === 'user' ? undefined : parseLocName(g.Name);
    if (loc) info.loc = loc;
    return info;
  });

  let total = groups.reduce((n, g) => n + g.total, 0);
  let totalAll = total;
  if (out.TooManyGroups || filters.length) {
    opts.onProgress?.({ phase: 'totals' });
    if (out.TooManyGroups) total = await countGoroutines(rpc, filters, call);
    totalAll = filters.length ? await countGoroutines(rpc, [], call) : total;
  }
  return snapshotOf(rpc, query, opts, { state, goMinor, started, call }, { total, totalAll, groups, tooManyGroups: out.TooManyGroups });
}

/** Goroutines asked for at a time while looking for one. */
const FIND_PAGE = 1_000;

/** Goroutine `id` as Delve lists it (its four places and labels), read page by page until found; undefined if gone. */
export async function findGoroutine(rpc: GoroutineRpc, id: number, call: LoadOptions = {}): Promise<GoroutineInfo | undefined> {
  for (let start = 0; start >= 0; ) {
    const page = await rpc.listGoroutines({ Start: start, Count: FIND_PAGE }, call);
    const g = page.Goroutines?.find((x) => x.id === id);
    if (g) return toGoroutineInfo(g);
    start = page.Nextg;
  }
  return undefined;
}

/** An exact count: grouping by running makes two groups at most and reads no stacks. */
async function countGoroutines(rpc: GoroutineRpc, filters: RpcGoroutineFilter[], call: LoadOptions): Promise<number> {
  const out = await rpc.listGoroutines({ Start: 0, Count: 0, Filters: filters, GroupBy: GoroutineField.Running, GroupByKey: '', MaxGroupMembers: 1, MaxGroups: 0 }, call);
  return (out.Groups ?? []).reduce((n, g) => n + g.Total, 0);
}

/** The snapshot around its groups and counts: the stop's clock, the Go version, timings. */
async function snapshotOf(
  rpc: GoroutineRpc,
  query: GoroutineQuery,
  opts: SnapshotOptions,
  at: { state: TargetSeen; goMinor: number | undefined; started: number; call: LoadOptions },
  parts: Pick<Snapshot, 'total' | 'totalAll' | 'groups' | 'tooManyGroups'> & Partial<Pick<Snapshot, 'capped' | 'capNote'>>,
): Promise<Snapshot> {
  const clock = await targetClock(rpc, at.state, opts, at.call);
  return {
    seq: opts.seq,
    source: 'rpc',
    query,
    key: snapshotKey(query),
    ...(at.state.Pid ? { pid: at.state.Pid } : {}),
    ...parts,
    ...(at.goMinor !== undefined ? { goMinor: at.goMinor } : {}),
    ...(clock ? { clock } : {}),
    loadMs: performance.now() - at.started,
    takenAt: Date.now(),
  };
}

/**
 * `-group chan`: the goroutines waiting on channels, one group per channel (gotui reads each
 * waiter's sudog; Delve cannot group so). Each group holds all its members, so it opens from memory.
 */
async function channelSnapshot(rpc: GoroutineRpc, query: GoroutineQuery, opts: SnapshotOptions, state: TargetSeen, goMinor: number | undefined, started: number, filtered: boolean): Promise<Snapshot> {
  if (filtered) throw new UserError('-group chan takes no -with or -without.', 'Group by channel alone: goroutines -group chan.');
  const text = await reasonText(rpc);
  const scan = await scanChannelWaiters(rpc, text);
  const groups: GroupInfo[] = scan.groups.map((g) => ({ name: `${channelLabel(g.address, g.name)}${g.cap !== undefined ? ` (cap ${g.cap})` : ''}`, total: g.members.length, sample: g.members.map(toGoroutineInfo) }));
  const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  return snapshotOf(rpc, query, opts, { state, goMinor, started, call }, {
    // Each goroutine once: a select's is a member of every channel it waits on.
    total: new Set(scan.groups.flatMap((g) => g.members.map((m) => m.id))).size,
    totalAll: await countGoroutines(rpc, [], call),
    groups,
    tooManyGroups: false,
    ...(scan.capped ? { capped: true, capNote: `only the first ${scan.scanned} goroutines waiting on channels were read` } : {}),
  });
}

const goMinors = new WeakMap<GoroutineRpc, number | undefined>();

async function targetGoMinor(rpc: GoroutineRpc, call: LoadOptions): Promise<number | undefined> {
  if (!goMinors.has(rpc)) goMinors.set(rpc, goMinorFromProducer((await rpc.getVersion(call)).TargetGoVersion));
  return goMinors.get(rpc);
}

/**
 * Go's nanotime is CLOCK_MONOTONIC, the clock behind process.hrtime: when the target runs on this
 * machine (loopback, and /proc shows its command line) waits are measured to the moment it stopped,
 * so time spent halted in the debugger does not count. Otherwise the start of the target's last GC
 * (runtime.work.tstart) is the latest time known, a lower bound.
 */
async function targetClock(rpc: GoroutineRpc, state: TargetSeen, at: { stoppedAtNs?: number; halts?: HaltSpans }, call: LoadOptions): Promise<TargetClock | undefined> {
  if (isLoopback(rpc.address.host) && sameProcessHere(state.Pid, state.TargetCommandLine)) {
    return { nowNs: at.stoppedAtNs ?? Number(process.hrtime.bigint()), source: 'local', ...(at.halts?.length ? { halts: at.halts } : {}) };
  }
  try {
    const v = await rpc.eval('runtime.work.tstart', call);
    const ns = Number(v.value);
    return ns > 0 ? { nowNs: ns, source: 'last-gc' } : undefined;
  } catch {
    return undefined;
  }
}

function sameProcessHere(pid: number, cmdline: string): boolean {
  try {
    const here = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return here === cmdline.trim();
  } catch {
    return false;
  }
}

/** A group's members, a page at a time. */
export interface MemberSource {
  readonly total: number;
  readonly pageSize: number;
  loadPage(page: number, opts?: LoadOptions): Promise<GoroutineInfo[]>;
}

/** Groups up to this size are fetched whole in one call (Delve filters its cached list: one pass, small answer). */
export const WHOLE_GROUP_MAX = 2_000;
const MIN_CHUNK = 256;
const MAX_CHUNK = 5_000;

/**
 * Pages through one group of a snapshot. Delve pages the runtime's list of all goroutines (Start is
 * an index into allgs) and filters each page, so a group is read by scanning chunks of allgs with a
 * filter that selects the group. Where each chunk began is remembered, so going back to a page costs
 * about one chunk, not a rescan. Delve reads every goroutine of a chunk from the target (~70 µs
 * each at 100k), so chunks are sized from the group's share of all goroutines.
 */
export class RpcMemberSource implements MemberSource {
  readonly total: number;
  private whole: GoroutineInfo[] | undefined;
  /** Where scans have been: reading allgs from index `raw` on, the first member found is member number `index`. Sorted by index. */
  private readonly positions: { raw: number; index: number }[] = [{ raw: 0, index: 0 }];
  private scanEnd = false;

  constructor(
    private readonly rpc: GoroutineRpc,
    private readonly snapshot: Snapshot,
    private readonly group: GroupInfo,
    readonly pageSize = 200,
  ) {
    this.total = group.total;
  }

  async loadPage(page: number, opts: LoadOptions = {}): Promise<GoroutineInfo[]> {
    const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
    const lo = page * this.pageSize;
    if (lo >= this.total) return [];
    const hi = Math.min(this.total, lo + this.pageSize);
    await requireStopped(this.rpc, call);
    if (this.total <= WHOLE_GROUP_MAX) {
      this.whole ??= (await this.fetchChunk(0, 0, call)).members;
      opts.onProgress?.({ phase: 'members', done: this.whole.length, total: this.total });
      return this.whole.slice(lo, hi);
    }
    // Start from the furthest known position at or before the page.
    let { raw, index } = this.positions.filter((p) => p.index <= lo).pop()!;
    const out: GoroutineInfo[] = [];
    const fraction = Math.max(this.total / Math.max(this.snapshot.totalAll, 1), 1e-6);
    while (index < hi) {
      if (opts.signal?.aborted) throw abortError();
      const count = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(((hi - index) / fraction) * 1.25)));
      const { members, next } = await this.fetchChunk(raw, count, call);
      members.forEach((m, j) => {
        if (index + j >= lo && index + j < hi) out.push(m);
      });
      index += members.length;
      opts.onProgress?.({ phase: 'members', done: Math.min(index, this.total), total: this.total });
      if (next < 0) {
        this.scanEnd = true;
        break;
      }
      raw = next;
      this.remember(raw, index);
    }
    return out;
  }

  /** True once a scan reached the end of allgs. */
  get complete(): boolean {
    return this.scanEnd || this.whole !== undefined;
  }

  private remember(raw: number, index: number): void {
    const at = this.positions.findIndex((p) => p.index >= index);
    if (at < 0) this.positions.push({ raw, index });
    else if (this.positions[at]!.index !== index) this.positions.splice(at, 0, { raw, index });
  }

  private async fetchChunk(start: number, count: number, call: LoadOptions): Promise<{ members: GoroutineInfo[]; next: number }> {
    const out = await this.rpc.listGoroutines({ Start: start, Count: count, Filters: this.filters() }, call);
    return { members: this.verify(out.Goroutines ?? []), next: out.Nextg };
  }

  private filters() {
    return [...rpcFilters(this.snapshot.query), toRpcFilter(groupMembershipFilter(this.snapshot.query.grouping, this.group.name))];
  }

  private verify(gs: RpcGoroutine[]): GoroutineInfo[] {
    const grouping = this.snapshot.query.grouping;
    return gs.map(toGoroutineInfo).filter((g) => groupNameOf(g, grouping) === this.group.name);
  }
}

/** A group whose members are all in memory already: every group over DAP, and groups no larger than Delve's sample. */
export class InMemoryMemberSource implements MemberSource {
  readonly total: number;
  constructor(
    private readonly members: readonly GoroutineInfo[],
    readonly pageSize = 200,
  ) {
    this.total = members.length;
  }

  async loadPage(page: number, opts: LoadOptions = {}): Promise<GoroutineInfo[]> {
    opts.onProgress?.({ phase: 'members', done: this.total, total: this.total });
    return this.members.slice(page * this.pageSize, (page + 1) * this.pageSize);
  }
}

/** The cheapest way to page this group: from memory when the snapshot holds all of it, else through JSON-RPC. */
export function memberSourceFor(rpc: GoroutineRpc | undefined, snapshot: Snapshot, group: GroupInfo, pageSize = 200): MemberSource {
  if (snapshot.source === 'dap' || group.sample.length >= group.total || !rpc) return new InMemoryMemberSource(group.sample, pageSize);
  return new RpcMemberSource(rpc, snapshot, group, pageSize);
}
