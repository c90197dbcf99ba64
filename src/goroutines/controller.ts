import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { cutNote, type CoreCut } from '../postmortem/core-file.js';
import { describeError, UserError } from '../errors.js';
import type { HostPort } from '../transport/address.js';
import { DelveRpcClient, isAbortError } from '../delve/rpc.js';
import { parseGoroutinesArgs } from './args.js';
import { checkDapQuery, snapshotFromThreads } from './dapFallback.js';
import { loadSnapshot, memberSourceFor, TargetRunningError, type MemberSource } from './loader.js';
import { DEFAULT_QUERY, groupPlace, type GoroutineQuery } from './model.js';
import type { Frame } from '../session/state.js';
import type { GroupSort, Snapshot } from './snapshot.js';
import { GoroutineStore } from './store.js';
import type { Movable } from '../core/list-cursor.js';

/** Where goroutines come from: Delve's JSON-RPC side channel, or DAP threads when the server has none. */
export type GoroutineSource =
  | { kind: 'rpc'; rpc: DelveRpcClient }
  | { kind: 'dap'; threads: () => Promise<readonly P.Thread[]>; reason: string };

/** The least a DAP client must do for the fallback (src/dap/client.ts DapClient fits). */
export interface ThreadsRequester {
  request<R extends P.Response = P.Response>(command: string, args?: unknown): Promise<R>;
}

/**
 * Opens the JSON-RPC side channel on the headless Delve that `dap` is connected to; when the server
 * does not speak JSON-RPC (dlv dap), falls back to DAP threads. Call it after the DAP session is up.
 */
export async function openGoroutineSource(address: HostPort, dap: ThreadsRequester): Promise<GoroutineSource> {
  try {
    return { kind: 'rpc', rpc: await DelveRpcClient.connect(address) };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const threads = async () => (await dap.request<P.ThreadsResponse>('threads')).body.threads;
    return { kind: 'dap', threads, reason: err.message };
  }
}

export interface ControllerOptions {
  pageSize?: number;
  sampleSize?: number;
  maxGroups?: number;
  timeoutMs?: number;
  /** Rows around the selected member to keep loaded (about the pane's height). */
  memberRows?: number;
  /**
   * Whether the session holds the target stopped. Delve answers DAP's continue before its State
   * says running: a grouping asked in between would wait for the next stop (30 s, or for ever).
   */
  targetStopped?: () => boolean;
  /** A cut core: Delve fails reading it (a nil dereference inside it, Delve 1.27), said as what is missing. */
  coreCut?: () => CoreCut | undefined;
  /** The stop the target is at (a snapshot says which stop it was read at). */
  stopNumber?: () => number | undefined;
}

/**
 * Drives the goroutines pane: loads a snapshot at each stop, pages the open group's members, and
 * cancels what is in flight when the target resumes or the question changes. The UI reads `store`
 * and calls these methods; the `:goroutines` command goes to `command`.
 */
export class GoroutinesController implements Movable {
  readonly store = new GoroutineStore();
  readonly get = this.store.get;
  readonly subscribe = this.store.subscribe;
  private viewRows = 10;
  private seq = 0;
  private loadAbort: AbortController | undefined;
  private membersAbort: AbortController | undefined;
  private members: MemberSource | undefined;
  /** process.hrtime at the current stop, so that waits do not grow while the target sits halted. */
  private stoppedAtNs = Number(process.hrtime.bigint());
  /** The spans the target sat halted at earlier stops (to its resume), on the same clock: not counted as waiting. */
  private halts: [number, number][] = [];
  /** Halted since stoppedAtNs, as far as this controller was told. */
  private halted = false;

  constructor(
    /** Undefined until gotui is attached. */
    public source: GoroutineSource | undefined,
    private readonly opts: ControllerOptions = {},
  ) {}

  /** Whether the pane is on screen (the feature decides what that saves). */
  setShown: (shown: boolean) => void = () => undefined;

  setSource(source: GoroutineSource): void {
    if (this.source?.kind === 'rpc') this.source.rpc.close();
    this.source = source;
    for (const w of this.sourceWaiters.splice(0)) w();
  }

  private readonly sourceWaiters: (() => void)[] = [];

  /**
   * The source, once it is open (the side channel opens just after attaching, and batch mode makes
   * the model only when a command needs it); a UserError after `withinMs`.
   */
  async openSource(withinMs = 5_000): Promise<GoroutineSource> {
    if (!this.source) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, withinMs);
        this.sourceWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (!this.source) throw new UserError(`The goroutine view did not open within ${withinMs / 1000}s.`, 'Is gotui attached? :reconnect, or try again.');
    return this.source;
  }

  setViewport(rows: number): void {
    this.viewRows = Math.max(1, rows);
  }

  /** j/k: through the groups, or through the open group's goroutines. */
  move(delta: number): void {
    if (this.store.get().expanded) void this.moveMember(delta);
    else this.moveGroup(delta);
  }

  /** At every stop (newStop) and after a change of query: the snapshot, then the open group's members again. */
  /**
   * `follow`: the goroutine a stop selected. An open group's cursor goes to it when the group holds
   * it, as the Stack pane does (trial Z: it stayed on the goroutine picked before the stop); a group
   * it is not in stays open (a leak watched across stops).
   */
  async refresh(opts: { newStop?: boolean; follow?: number } = {}): Promise<Snapshot | undefined> {
    this.loadAbort?.abort();
    this.membersAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    if (opts.newStop && !this.halted) this.targetStopped();
    if (opts.follow) this.store.setGoroutine(opts.follow);
    const query = this.store.get().query;
    const seq = ++this.seq;
    const source = this.source;
    if (!source) return undefined;
    if (this.opts.targetStopped?.() === false) {
      this.store.setRunning();
      return undefined;
    }
    try {
      let snapshot: Snapshot;
      if (source.kind === 'rpc') {
        snapshot = await loadSnapshot(source.rpc, query, {
          seq,
          stoppedAtNs: this.stoppedAtNs,
          halts: this.halts,
          pipelined: !!opts.newStop,
          signal: abort.signal,
          onProgress: (p) => this.store.setLoading(p),
          ...(this.opts.sampleSize ? { sampleSize: this.opts.sampleSize } : {}),
          ...(this.opts.maxGroups ? { maxGroups: this.opts.maxGroups } : {}),
          ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
        });
      } else {
        this.store.setLoading({ phase: 'groups' });
        snapshot = snapshotFromThreads(await source.threads(), query, seq);
      }
      if (abort.signal.aborted) return undefined;
      this.store.setSnapshot(snapshot, opts.newStop ?? false, this.opts.stopNumber?.());
      const open = this.store.get().expanded;
      if (open) await this.openGroup(open.group, open.selected);
      if (open && opts.follow && !abort.signal.aborted) this.store.selectMember(opts.follow);
      return snapshot;
    } catch (err) {
      if (isAbortError(err) || abort.signal.aborted) return undefined;
      if (err instanceof TargetRunningError) this.store.setRunning();
      else {
        const cut = this.opts.coreCut?.();
        this.store.setError(cut ? `Goroutines unreadable: ${cutNote(cut)}.` : describeError(err));
      }
      return undefined;
    }
  }

  /** At every stop, shown or not: waits are measured to this moment, and the halt from it to the resume is not a wait. */
  targetStopped(): void {
    this.stoppedAtNs = Number(process.hrtime.bigint());
    this.halted = true;
  }

  /** The target was resumed: stop asking Delve (its ListGoroutines would block until the next stop). */
  targetResumed(gone?: 'exited' | 'disconnected'): void {
    // The last few hundred halts are plenty: a wait older than them is long whatever they took.
    if (!gone && this.halted) this.halts = [...this.halts.slice(-255), [this.stoppedAtNs, Number(process.hrtime.bigint())]];
    this.halted = false;
    this.loadAbort?.abort();
    this.membersAbort?.abort();
    this.store.setRunning(gone);
  }

  /** `goroutines [-group KEY] [-with F] [-without F] [-u|-r|-g|-s]`, as the dlv CLI spells it. Throws UserError. */
  async command(text: string): Promise<void> {
    const args = parseGoroutinesArgs(text);
    const current = this.store.get().query;
    // The grouping stays unless named; but channels take no filters, so filters without one group as usual.
    const kept = current.grouping.by === 'chan' && args.filters.length ? DEFAULT_QUERY.grouping : current.grouping;
    const query: GoroutineQuery = { ...current, grouping: args.grouping ?? kept, filters: args.filters, ...(args.show ? { show: args.show } : {}) };
    await this.setQuery(query);
  }

  async toggleHideRuntime(): Promise<void> {
    const q = this.store.get().query;
    await this.setQuery({ ...q, hideRuntime: !q.hideRuntime });
  }

  setSort(sort: GroupSort): void {
    this.store.setSort(sort);
  }

  /** Searches the groups; from inside an open group, back in the groups, where it shows (trial M: it went on unseen). */
  setSearch(text: string): void {
    if (this.store.get().expanded) this.collapse();
    this.store.setSearch(text);
  }

  moveGroup(delta: number): void {
    this.store.moveGroup(delta);
  }

  /** Opens the selected group and loads the members around the first one. */
  async expandSelected(): Promise<void> {
    const row = this.store.selectedRow();
    if (row?.group) await this.openGroup(row.name, 0);
  }

  /** Esc: out of an open group, else out of a search. */
  back(): void {
    if (this.store.get().expanded) this.collapse();
    else if (this.store.get().search) this.setSearch('');
  }

  collapse(): void {
    this.membersAbort?.abort();
    this.members = undefined;
    this.store.collapse();
  }

  /** Another goroutine was selected (`.`, :goroutine N): the pane shows where it is, not an open group it is not in. */
  /** `frames`: the goroutine's stack from its innermost frame, where it was read (its group's place is there). */
  reveal(id: number, frames?: readonly Frame[]): void {
    const place = frames && groupPlace(frames, this.store.get().query.grouping.by);
    this.store.setGoroutine(id, place);
    if (this.store.selectMember(id)) return;
    if (this.store.get().expanded) this.collapse();
    this.store.selectGroupOf(id, place);
  }

  async moveMember(delta: number): Promise<void> {
    this.store.moveMember(delta);
    await this.loadMissingPages();
  }

  /** Stops whatever is loading (a long scan through a big group, say). */
  cancel(): void {
    this.loadAbort?.abort();
    this.membersAbort?.abort();
    this.store.setCancelled();
    this.store.setMembersCancelled();
  }

  close(): void {
    this.cancel();
    if (this.source?.kind === 'rpc') this.source.rpc.close();
  }

  private async setQuery(query: GoroutineQuery): Promise<void> {
    if (this.source?.kind === 'dap') checkDapQuery(query);
    this.store.setQuery(query);
    await this.refresh();
  }

  private async openGroup(name: string, selected: number): Promise<void> {
    this.membersAbort?.abort();
    const snapshot = this.store.get().snapshot;
    const group = snapshot?.groups.find((g) => g.name === name);
    if (!snapshot || !group) {
      this.collapse();
      return;
    }
    const pageSize = this.opts.pageSize ?? 200;
    this.members = memberSourceFor(this.source?.kind === 'rpc' ? this.source.rpc : undefined, snapshot, group, pageSize);
    this.store.expand(name, group.total, pageSize, selected);
    await this.loadMissingPages();
  }

  /** Loads, one after another, the pages the view needs around the selected member. */
  private async loadMissingPages(): Promise<void> {
    const source = this.members;
    const w = this.store.get().expanded;
    if (!source || !w) return;
    const pages = this.store.missingPages(this.opts.memberRows ?? Math.max(60, this.viewRows * 2));
    if (!pages.length) return;
    this.membersAbort?.abort();
    const abort = (this.membersAbort = new AbortController());
    for (const page of pages) {
      if (abort.signal.aborted) return;
      this.store.setPageLoading(w.group, page, true);
      try {
        const members = await source.loadPage(page, {
          signal: abort.signal,
          onProgress: (p) => this.store.setPageLoading(w.group, page, true, p),
          ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
        });
        if (abort.signal.aborted) this.store.setPageLoading(w.group, page, false);
        else this.store.setPage(w.group, page, members);
      } catch (err) {
        this.store.setPageLoading(w.group, page, false);
        if (isAbortError(err) || abort.signal.aborted) return;
        if (err instanceof TargetRunningError) this.store.setRunning();
        else this.store.setMembersError(w.group, describeError(err));
        return;
      }
    }
  }
}
