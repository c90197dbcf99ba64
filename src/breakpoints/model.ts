import { namePlace } from '../core/text.js';
import { CURSOR_START, fitCursor, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import type { DelveRpcClient, RpcBreakpoint } from '../delve/rpc.js';
import { describeError } from '../errors.js';
import type { FeatureHost, Project } from '../features/types.js';
import type { Session } from '../session/session.js';
import type { Breakpoint, StopInfo } from '../session/state.js';
import { alsoHitLines, HitBook, moreHitsThanStops, processOf } from './hits.js';
import { breakpointName, othersName } from '../session/breakpoints.js';
import { disabledNote, dlvListing, othersOf, type ListingInput } from './listing.js';
import { fromSaved, readSaved, stateFile, toSaved, writeSaved, type SavedBreakpoint } from './persist.js';
import { shownValue } from '../variables/summary.js';

/** A row of the pane: one of gotui's breakpoints, or another client's. */
export type BreakpointRow = { mine: Breakpoint; server?: RpcBreakpoint } | { other: RpcBreakpoint };

export interface BreakpointsState {
  mine: readonly Breakpoint[];
  /** Every breakpoint on the server as JSON-RPC listed it at the last stop (undefined: never asked, or no side channel). */
  server?: readonly RpcBreakpoint[];
  /** The stop the server list is from. */
  listedAt?: number;
  /** Commands run when a breakpoint is hit (`:on ID print EXPR`, `:on ID stack N`), by gotui's id. */
  onHit: ReadonlyMap<number, readonly string[]>;
  cursor: ListCursor;
  /** Bumped when hit counts change (they live in a HitBook). */
  hitsVersion: number;
}

/** A watchpoint's value as last read: its type and address let gotui read it from any frame. */
interface Watched {
  type: string;
  value: string;
  address?: string;
}

/**
 * The breakpoints pane's model: gotui's breakpoints (from session events), other clients' and the
 * hit counts (Delve's JSON-RPC ListBreakpoints, read at each stop: it blocks while the target
 * runs), `:on` commands, what watchpoints held, and the project's saved breakpoints.
 */
/** gotui's own breakpoints: not another client's that pair debugging shows, nor ones made outside DAP. */
function gotuis(all: readonly Breakpoint[]): readonly Breakpoint[] {
  return all.some((b) => b.by || b.outside) ? all.filter((b) => !b.by && !b.outside) : all;
}

/** Delve answers ListBreakpoints only while nothing runs: halted, or the program has exited. */
function listable(session: Session): boolean {
  return session.state.status === 'stopped' || session.state.status === 'exited';
}

export class BreakpointsModel extends CursorStore<BreakpointsState> {
  readonly hitBook = new HitBook();
  private readonly watched = new Map<number, Watched>();
  /** Watchpoints said to have missed a change (once each). */
  private readonly silentWarned = new Set<number>();
  private readonly session: Session;
  private restored: { ids: number[]; file: string } | undefined;
  /** This session's own breakpoints as it last saved them: one gone from them since was cleared here. */
  private savedMine: SavedBreakpoint[] = [];
  /** The file was named to the user this session (restored from, offered, or first written). */
  private fileNamed = false;
  private listing = 0;
  /** Every Delve id gotui's own breakpoints have had: a list read before Delve numbered one anew is not another client's. */
  private readonly ownIds = new Set<number>();
  /** The function Delve last placed each of gotui's breakpoints in: a disabled one (not in Delve) still names it. */
  private readonly functions = new Map<number, string>();

  constructor(private readonly host: FeatureHost) {
    const session = host.session;
    super({ mine: gotuis(session.state.breakpoints), onHit: new Map(), cursor: CURSOR_START, hitsVersion: 0 }, 8);
    this.session = session;
    this.noteOwnIds(this.state.mine);
    session.events.on('breakpoints', (e) => {
      const mine = gotuis(e.breakpoints);
      this.noteOwnIds(mine);
      this.set({ mine, cursor: fitCursor(this.state.cursor, this.count(mine, this.state.server), this.height) });
      this.save();
      if (listable(session)) void this.refresh();
    });
    // An exited target's list can be read (nothing runs): what a restart that ended at once left.
    session.events.on('ended', (e) => {
      if (e.why === 'exited') void this.refresh();
    });
    session.events.on('stop', (e) => void this.onStop(e.stop, e.scopes).catch((err) => session.log(describeError(err), 'error')));
    // Listed at the stop under its old number: the hits are this stop's, not an earlier one's.
    session.events.on('renumbered', (e) => this.state.listedAt === e.from && this.set({ listedAt: e.to }));
    let offered = false;
    session.events.on('connected', () => {
      this.reportRestored();
      if (!offered && !host.restoresSaved()) this.offerSaved();
      offered = true;
      if (listable(session)) void this.refresh();
    });
    session.events.on('logpoint', (e) => {
      const b = this.state.mine.find((x) => x.logMessage && x.file === e.file && x.line === e.line);
      if (!b) return;
      this.hitBook.logpointHit(b);
      this.set({ hitsVersion: this.state.hitsVersion + 1 });
    });
    if (host.restoresSaved()) this.restore();
  }

  // ---- rows and cursor -------------------------------------------------------------------

  rowsShown(): BreakpointRow[] {
    const s = this.state;
    const mine: BreakpointRow[] = s.mine.filter((b) => !b.temporary).map((b) => ({ mine: b, ...(b.delveId !== undefined && s.server ? { server: s.server.find((x) => x.id === b.delveId) } : {}) }));
    // Delve's own (negative ids: unrecovered-panic, runtime-fatal-throw) are not the user's.
    const others: BreakpointRow[] = s.server ? othersOf(s.mine, s.server, this.ownIds).filter((x) => x.id > 0).map((other) => ({ other })) : [];
    return [...mine, ...others];
  }

  /** The function Delve placed gotui's breakpoint `id` in, when it was last listed there. */
  functionOf(id: number): string | undefined {
    return this.functions.get(id);
  }

  current(): BreakpointRow | undefined {
    return this.rowsShown()[this.state.cursor.index];
  }

  /** gotui's breakpoint under the cursor. */
  currentMine(): Breakpoint | undefined {
    const r = this.current();
    return r && 'mine' in r ? r.mine : undefined;
  }

  private count(mine: readonly Breakpoint[], server: readonly RpcBreakpoint[] | undefined): number {
    return mine.filter((b) => !b.temporary).length + (server ? othersOf(mine, server, this.ownIds).filter((x) => x.id > 0).length : 0);
  }

  protected rowCount(): number {
    return this.rowsShown().length;
  }

  // ---- what Delve says ---------------------------------------------------------------------

  /** The side channel, or undefined on a server without one (a `dlv dap` server). */
  private async rpc(): Promise<DelveRpcClient | undefined> {
    return this.host.rpc('list breakpoints').catch(() => undefined);
  }

  private noteOwnIds(mine: readonly Breakpoint[]): void {
    for (const b of mine) if (b.delveId !== undefined) this.ownIds.add(b.delveId);
  }

  /** Reads every breakpoint and its hit count from Delve (only while stopped or exited: the call blocks while the target runs). */
  async refresh(): Promise<readonly RpcBreakpoint[] | undefined> {
    if (!listable(this.session)) return this.state.server;
    const rpc = await this.rpc();
    if (!rpc) return undefined;
    const seq = ++this.listing;
    const stop = this.session.stopCount;
    const restarts = this.session.restarts;
    const server = await rpc.listBreakpoints({ timeoutMs: 5_000 }).catch(() => undefined);
    // A list from before a restart asked meanwhile is the old process's.
    if (!server || seq !== this.listing || restarts !== this.session.restarts) return server;
    const pid = processOf(server);
    this.hitBook.record(this.state.mine, server, { restarts, ...(pid !== undefined ? { pid } : {}) });
    for (const b of this.state.mine) {
      const fn = server.find((x) => x.id === b.delveId)?.functionName;
      if (fn) this.functions.set(b.id, fn);
    }
    this.set({ server, listedAt: stop, hitsVersion: this.state.hitsVersion + 1, cursor: fitCursor(this.state.cursor, this.count(this.state.mine, server), this.height) });
    return server;
  }

  /** `:breakpoints`: the dlv CLI's listing, read fresh when the target is stopped, and how many breakpoints it lists; `only` those of one kind (`:logpoints`). */
  async listingLines(only?: ListingInput['only']): Promise<{ lines: string[]; count: number }> {
    const server = await this.refresh();
    const lines = dlvListing({ mine: this.state.mine, ...(server ? { server } : {}), ...(only ? { only } : {}), hits: (id) => this.hitBook.hits(id), sinceEnabled: (id) => this.hitBook.sinceEnabled(id), onHit: this.state.onHit, owner: (id) => this.owner(id), former: this.ownIds });
    // Hit counts and addresses of an earlier stop must not read as now's.
    const at = this.state.listedAt;
    // A breakpoint's lines beyond its first (a condition, a log) start with a tab: the count is of breakpoints (trial BX counted lines).
    const count = lines.filter((l) => !l.startsWith('\t')).length;
    if (server && lines.length && !listable(this.session) && at !== undefined) lines.unshift(`As Delve listed them at stop ${at}: the target runs, and its list is read again at the next stop.`);
    return { lines, count };
  }

  /** Who set another client's breakpoint (Delve's id), as the pair peer said ('another client' when nobody did), and its name. */
  owner(delveId: number): { by: string; name: string } {
    const b = this.session.state.breakpoints.find((x) => x.delveId === delveId);
    return { by: b?.by ?? 'another client', name: b ? othersName(b) : `other#${delveId}` };
  }

  private async onStop(stop: StopInfo, scopes: Promise<unknown>): Promise<void> {
    // The watchpoints as the stop found them: reading Delve's list (here, or pair debugging's) drops those gone out of scope.
    const watching = this.state.mine.filter((b) => b.kind === 'data' && !b.disabled);
    // A step changes no hit count: the list (for other clients' changes) waits until Delve has
    // answered what the user looks at first, rather than contending with it.
    if (stop.reason === 'step' && !watching.length) await scopes;
    const before = this.state.server;
    const server = await this.refresh();
    if (server && moreHitsThanStops(before, server, stop.delveBreakpoints ?? [])) await this.reportAlsoHit(stop);
    if (stop.reason === 'data breakpoint' || watching.length) await this.reportWatchpoint(stop, watching, server, before);
    for (const id of stop.breakpoints) await this.runOnHit(id, stop);
    await this.rereadWatched(stop, server);
  }

  /** Other goroutines at a breakpoint at this stop: said once, as the dlv CLI says them. */
  private async reportAlsoHit(stop: StopInfo): Promise<void> {
    const rpc = await this.rpc();
    const state = await rpc?.state(true, { timeoutMs: 2_000 }).catch(() => undefined);
    if (!state?.Threads || stop.number !== this.session.stopCount) return;
    const all = this.session.state.breakpoints;
    const name = (delveId: number) => {
      const b = all.find((x) => x.delveId === delveId);
      return b ? breakpointName(b) : `other#${delveId}`;
    };
    for (const line of alsoHitLines(state.Threads, stop.goroutine, name)) this.session.log(line, 'info');
  }

  // ---- :on ---------------------------------------------------------------------------------

  addOnHit(id: number, action: string): void {
    const onHit = new Map(this.state.onHit);
    onHit.set(id, [...(onHit.get(id) ?? []), action]);
    this.set({ onHit });
    this.save();
  }

  clearOnHit(id: number): number {
    const had = this.state.onHit.get(id)?.length ?? 0;
    const onHit = new Map(this.state.onHit);
    onHit.delete(id);
    this.set({ onHit });
    this.save();
    return had;
  }

  /** Runs the `:on` commands of breakpoint `id` at a stop on it, printing as the dlv CLI does under its stop line. */
  private async runOnHit(id: number, stop: StopInfo): Promise<void> {
    for (const action of this.state.onHit.get(id) ?? []) {
      if (stop.number !== this.session.stopCount) return;
      const stack = /^stack\s+(\d+)$/.exec(action);
      try {
        if (stack) {
          const page = await this.session.frames(stop.goroutine, 0, Number(stack[1]));
          this.session.log([`#${id} stack:`, ...page.frames.map((f) => `\t${String(f.index).padStart(2)}  ${f.name}  ${f.file ?? '?'}:${f.line}`)].join('\n'), 'result');
        } else {
          const expr = action.replace(/^print\s+/, '');
          const r = await this.session.evaluate(expr, 'watch');
          this.session.log(`#${id} ${expr}: ${shownValue(r.result, r.type ?? '')}`, 'result');
        }
      } catch (err) {
        this.session.log(`#${id} ${action}: ${describeError(err)}`, 'warning');
      }
    }
  }

  // ---- watchpoints -------------------------------------------------------------------------

  /** Remembers what a new watchpoint holds (and where), for the old → new report at its hit. */
  async noteWatchpoint(bp: Breakpoint): Promise<string | undefined> {
    const r = await this.session.evaluate(bp.watch!.expr, 'watch').catch(() => undefined);
    if (!r) return undefined;
    const server = await this.refresh();
    const s = server?.find((x) => x.id === bp.delveId);
    const address = s?.addrs?.[0] !== undefined ? `0x${s.addrs[0].toString(16)}` : undefined;
    this.watched.set(bp.id, { type: r.type ?? '', value: r.result, ...(address ? { address } : {}) });
    return r.result;
  }

  /** Reads a watchpoint's memory as its type: by address (any frame), else by its expression. */
  private async readWatched(bp: Breakpoint): Promise<string | undefined> {
    const w = this.watched.get(bp.id);
    const expr = w?.address && w.type ? `*(*${w.type})(${w.address})` : bp.watch!.expr;
    return (await this.session.evaluate(expr, 'watch').catch(() => undefined))?.result;
  }

  private async rereadWatched(stop: StopInfo, server: readonly RpcBreakpoint[] | undefined): Promise<void> {
    for (const bp of this.state.mine.filter((b) => b.kind === 'data' && !b.disabled)) {
      const value = await this.readWatched(bp);
      if (stop.number !== this.session.stopCount) return;
      const w = this.watched.get(bp.id);
      if (!w || value === undefined) continue;
      // Changed while the target ran, and never hit: the CPU's debug registers do not reach the
      // target (a VM without them), and Delve says nothing of it (trial S: gotui said nothing either).
      const hits = server?.find((s) => s.id === bp.delveId)?.totalHitCount;
      if (value !== w.value && hits === 0 && !this.silentWarned.has(bp.id)) {
        this.silentWarned.add(bp.id);
        this.session.log(`Watchpoint #${bp.id} on [${bp.watch!.expr}] did not fire, yet its value changed while the target ran (${w.value} → ${value}): Delve's hardware watchpoints do not fire on this machine (a VM that gives the target no debug registers?). :display ${bp.watch!.expr} shows its value at each stop instead.`, 'warning');
      }
      this.watched.set(bp.id, { ...w, value });
    }
  }

  /**
   * Which watchpoints Delve no longer has: out of scope (Delve clears one on a local as its frame
   * returns and runs on, so the next stop, of any kind, finds it gone; its state names those of
   * this very stop), or another client cleared it. At a watchpoint's stop (which names no
   * breakpoint), which one was hit.
   */
  private async reportWatchpoint(stop: StopInfo, watching: readonly Breakpoint[], server: readonly RpcBreakpoint[] | undefined, before: readonly RpcBreakpoint[] | undefined): Promise<void> {
    const rpc = await this.rpc();
    const state = rpc ? await rpc.state(true, { timeoutMs: 2_000 }).catch(() => undefined) : undefined;
    const outOfScope = new Set((state?.WatchOutOfScope ?? []).map((w) => w.id));
    for (const bp of watching.filter((b) => b.delveId !== undefined)) {
      if (!outOfScope.has(bp.delveId!) && (!server || server.some((s) => s.id === bp.delveId))) continue;
      const innermost = bp.watch?.innermost;
      const why = innermost
        ? `is gone: Delve clears a watchpoint on a stack variable set from a caller's frame when the innermost one (${innermost}) returns${outOfScope.has(bp.delveId!) ? '' : ', or another client cleared it'}`
        : outOfScope.has(bp.delveId!)
          ? 'went out of scope and was cleared'
          : 'is gone: Delve clears a watchpoint on a local when its function returns (or another client cleared it)';
      // Never hit, the value unreadable now: said, as a watchpoint that changed unhit is (trial CI: on this VM a local's writes went unseen, unsaid).
      const unhit = before?.find((s) => s.id === bp.delveId)?.totalHitCount === 0 ? '; Delve counts no hit of it: if its value changed meanwhile, the hardware watchpoint did not fire (:display shows a value at every stop instead)' : '';
      this.session.log(`Watchpoint #${bp.id} on [${bp.watch!.expr}] ${why}${unhit}.`, 'warning');
      await this.session.removeBreakpoint(bp.id).catch(() => undefined);
    }
    if (stop.reason !== 'data breakpoint') return;
    const hitId = state?.currentThread?.breakPoint?.id;
    const bp = hitId !== undefined ? watching.find((b) => b.delveId === hitId) : watching.length === 1 ? watching[0] : undefined;
    const top = this.session.state.selection?.top;
    const where = top ? ` at ${namePlace(top.file, top.line)} (${top.name})` : '';
    if (!bp) {
      if (!state?.WatchOutOfScope?.length) this.session.log(`Stopped on a watchpoint, goroutine ${stop.goroutine}${where}.`, 'warning');
      return;
    }
    const old = this.watched.get(bp.id)?.value;
    const now = await this.readWatched(bp);
    const change = old !== undefined && now !== undefined ? `: ${old} → ${now}` : now !== undefined ? `: now ${now}` : '';
    this.session.log(`Watchpoint #${bp.id} on [${bp.watch!.expr}] (${bp.watch!.access === 'readWrite' ? 'read/write' : bp.watch!.access}) hit by goroutine ${stop.goroutine}${where}${change}.`, 'warning');
  }

  // ---- the project's saved breakpoints ---------------------------------------------------

  private project(): Project | undefined {
    return this.host.project();
  }

  /** Whether this session reads and writes the program's saved breakpoints at all. */
  keepsSaved(): boolean {
    return !!this.project();
  }

  private saved(): { project: Project; saved: ReturnType<typeof readSaved> } | undefined {
    const project = this.project();
    if (!project) return undefined;
    try {
      const saved = readSaved(project);
      return saved.length ? { project, saved } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Attached to a target gotui did not start: saved breakpoints would halt a running service unasked. */
  private offerSaved(): void {
    const found = this.saved();
    if (!found) return;
    const n = found.saved.length;
    this.fileNamed = true;
    this.session.log(`${n} breakpoint${n === 1 ? ' is' : 's are'} saved for this program in ${stateFile(found.project)}; gotui sets saved breakpoints by itself only in programs it starts. :breakpoints restore sets those Delve does not have already.`, 'info');
  }

  /** `:breakpoints restore`: the saved breakpoints, set now; how many, and gotui's ids of those saved disabled (Delve does not have them). */
  /** `saved`: how many the file holds; `n` of them were set now (the others are set already, here or by a peer). */
  async restoreNow(): Promise<{ n: number; disabled: number[]; saved: number }> {
    const found = this.saved();
    const disabled: number[] = [];
    if (!found) return { n: 0, disabled, saved: 0 };
    // A breakpoint by its place and by what was asked (`main.go:42`, a function): a peer's, learned from Delve, has both.
    const keys = (b: { file?: string; line?: number; spec?: string }) => [b.file && b.line ? `${b.file}:${b.line}` : '', b.spec ?? ''].filter(Boolean);
    const placesOf = (list: readonly { file?: string; line?: number; spec?: string }[]) => new Set(list.flatMap(keys));
    const mine = placesOf(this.state.mine);
    // Set already by another client (a pair peer restored the same file): not twice, and still saved.
    const elsewhere = placesOf(this.session.state.breakpoints);
    let n = 0;
    for (const s of found.saved) {
      const spec = fromSaved(s, found.project.dir);
      if (keys(spec).some((k) => mine.has(k))) continue;
      if (keys(spec).some((k) => elsewhere.has(k))) continue;
      const bp = await this.session.addBreakpoint(spec);
      n++;
      if (bp.disabled) disabled.push(bp.id);
      if (s.on?.length) for (const on of s.on) this.addOnHit(bp.id, on);
    }
    // Now the session's own: saved from its list, cleared as the user clears them (those set elsewhere stay on file).
    this.save();
    return { n, disabled, saved: found.saved.length };
  }

  /** Before attaching: the saved breakpoints go into the session, and Delve gets them with the others at configuration. */
  private restore(): void {
    const found = this.saved();
    if (!found) return;
    const { project, saved } = found;
    const ids: number[] = [];
    // Before the first is added: adding one saves at once, which would name the file as if set here (trial O).
    this.restored = { ids, file: stateFile(project) };
    for (const s of saved) {
      void this.session.addBreakpoint(fromSaved(s, project.dir)).then((bp) => {
        ids.push(bp.id);
        if (s.on?.length) for (const on of s.on) this.addOnHit(bp.id, on);
      });
    }
  }

  /** After attaching: says what was restored, and drops what Delve could not place (the code changed). */
  private reportRestored(): void {
    const r = this.restored;
    if (!r) return;
    this.restored = undefined;
    const bps = this.session.state.breakpoints.filter((b) => r.ids.includes(b.id));
    const failed = bps.filter((b) => !b.verified && !b.disabled);
    for (const b of failed) {
      this.session.log(`Saved breakpoint at ${b.spec ?? `${b.file}:${b.line}`} not restored: ${b.message ?? 'Delve could not place it'}.`, 'warning');
      void this.session.removeBreakpoint(b.id).catch(() => undefined);
    }
    const ok = bps.length - failed.length;
    // One saved disabled comes back disabled: Delve lists one fewer than were restored.
    const off = bps.filter((b) => b.disabled).map((b) => b.id);
    if (ok) this.session.log(`Restored ${ok} breakpoint${ok === 1 ? '' : 's'} saved for this program in ${r.file}${off.length ? ` (${disabledNote(off)})` : ''} (gotui --no-restore starts without them).`, 'info');
    this.fileNamed ||= ok > 0;
    // Now this session's own, as saved: one cleared from now on leaves the file too (trial X: the first
    // cleared after a restore stayed, as nothing was known saved before it).
    this.save();
  }

  /**
   * `:clearall`: the program's saved list emptied too, those from earlier sessions with it (trial BB:
   * after :clearall a later start still set four). How many it held and where, or undefined when none.
   */
  dropSaved(): { n: number; file: string } | undefined {
    const project = this.project();
    if (!project || this.session.isLeaving) return undefined;
    let n = 0;
    writeSaved(project, (onFile) => ((n = onFile.length), []));
    this.savedMine = [];
    return n ? { n, file: stateFile(project) } : undefined;
  }

  /** Keeps the project's file in step with the user's breakpoints (not while gotui takes them out on leaving). */
  private save(): void {
    const project = this.project();
    if (!project || this.session.isLeaving || this.restored) return;
    try {
      // One Delve has not placed yet is not saved (nor the file named for it): refused, it was never set (trial R).
      const mine = toSaved(this.state.mine.filter((b) => b.verified || b.disabled), this.state.onHit, project.dir);
      const key = (b: SavedBreakpoint) => `${b.kind}\u0000${b.file ?? ''}\u0000${b.line ?? ''}\u0000${b.spec ?? ''}`;
      const have = new Set(mine.map(key));
      // Gone from Delve too: cleared. (One still there was another client's, taken for this session's
      // own until Delve's list said whose: a peer's restored breakpoint, seen as it is set.)
      const anywhere = new Set(toSaved(this.session.state.breakpoints, this.state.onHit, project.dir).map(key));
      const cleared = new Set(this.savedMine.map(key).filter((k) => !have.has(k) && !anywhere.has(k)));
      // What is on file and was not set here stays saved (from before, or another gotui of this program
      // saved it meanwhile: a pair peer on this machine): only a :clear here removes one of this session's.
      writeSaved(project, (onFile) => [...mine, ...onFile.filter((b) => !have.has(key(b)) && !cleared.has(key(b)))]);
      this.savedMine = mine;
      // A file written into the program's tree is said once, when it is first written, not only on leaving.
      if (mine.length && !this.fileNamed) {
        this.fileNamed = true;
        this.session.log(`Breakpoints set here are saved for this program in ${stateFile(project)} (gotui --no-restore neither reads nor writes it).`, 'info');
      }
    } catch (err) {
      this.session.log(`Could not save breakpoints in ${stateFile(project)}: ${describeError(err)}`, 'warning');
    }
  }
}
