import { Store } from '../core/store.js';
import type { LoadProgress } from './loader.js';
import { DEFAULT_QUERY, namedFor, type GoroutineInfo, type GoroutineQuery } from './model.js';
import { diffSnapshots, groupRows, sameProcess, type GroupRow, type GroupSort, type Snapshot, type SnapshotDiff } from './snapshot.js';

/** The members of the open group: only some pages are held, the rest are fetched when scrolled to. */
export interface MembersWindow {
  group: string;
  total: number;
  pageSize: number;
  pages: ReadonlyMap<number, readonly GoroutineInfo[]>;
  loading: ReadonlySet<number>;
  selected: number;
  progress?: LoadProgress;
  error?: string;
  /** `x` stopped the reading: the rows it left unread say so until the cursor moves (which reads them). */
  cancelled?: boolean;
}

/** `cancelled`: `x` stopped the stop's load; the last groups read stay, said so. */
export type PaneStatus = 'empty' | 'loading' | 'ready' | 'running' | 'error' | 'cancelled';

export interface GoroutinePaneState {
  status: PaneStatus;
  /** One sentence for running / error states. */
  message?: string;
  /** Not running but exited, or Delve out of reach (the pane says so instead of "running"). */
  gone?: 'exited' | 'disconnected';
  progress?: LoadProgress;
  query: GoroutineQuery;
  snapshot?: Snapshot;
  /** The stop the snapshot was read at, when known: until the next one's is in, the rows are that stop's. */
  stop?: number;
  /** Against the snapshot of the previous stop, when it was taken with the same query. */
  diff?: SnapshotDiff;
  /** The stop `diff` is against, when known: not the one before when that one's groups were not read. */
  diffStop?: number;
  /** Why there is no diff: no earlier stop read, or it was read with another query. */
  noDiff?: 'first' | 'other-query' | 'restarted';
  sort: GroupSort;
  search: string;
  /** Derived from snapshot, diff, sort and search. */
  rows: readonly GroupRow[];
  /** Index into rows. */
  selected: number;
  expanded?: MembersWindow;
  /** The goroutine a stop or a jump selected, and where its stack puts it (`file:line`) when read: a search that hides its group says so (trial CD). */
  goroutine?: { id: number; place?: string };
}

/** Whether group `name` of the snapshot holds goroutine `id`: its sample has it, or it is named by `place`. */
export function groupHolds(state: Pick<GoroutinePaneState, 'snapshot'>, name: string, id: number, place?: string): boolean {
  return !!state.snapshot?.groups.find((g) => g.name === name)?.sample.some((m) => m.id === id) || (place !== undefined && namedFor(name, place));
}

/** The selected goroutine when the search hides the group that holds it (one the snapshot places). */
export function hiddenBySearch(state: GoroutinePaneState): number | undefined {
  const g = state.goroutine;
  if (!g || !state.search.trim() || !state.snapshot) return undefined;
  if (state.rows.some((r) => groupHolds(state, r.name, g.id, g.place))) return undefined;
  return state.snapshot.groups.some((x) => groupHolds(state, x.name, g.id, g.place)) ? g.id : undefined;
}

/** Pages of members kept either side of the selected one; farther pages are dropped and fetched again if needed. */
const KEEP_PAGES = 2;

/**
 * The goroutines pane's state, outside React: a version counter and subscribe, for
 * useSyncExternalStore(store.subscribe, store.get). Every change makes a new state object.
 */
export class GoroutineStore extends Store<GoroutinePaneState> {
  /** The latest snapshot of the stop before the current one: what deltas are measured against. */
  private baseline: Snapshot | undefined;
  private baselineStop: number | undefined;

  constructor() {
    super({ status: 'empty', query: DEFAULT_QUERY, sort: 'count', search: '', rows: [], selected: 0 });
  }

  selectedRow(): GroupRow | undefined {
    return this.state.rows[this.state.selected];
  }

  selectedMember(): GoroutineInfo | undefined {
    const w = this.state.expanded;
    if (!w) return undefined;
    return w.pages.get(Math.floor(w.selected / w.pageSize))?.[w.selected % w.pageSize];
  }

  setQuery(query: GoroutineQuery): void {
    this.set({ query });
  }

  setLoading(progress: LoadProgress): void {
    this.set({ status: 'loading', progress, message: undefined });
  }

  /** Not stopped (running, or `gone`: exited or out of reach): the last snapshot stays on screen, and the pane says why it does not change. */
  setRunning(gone?: 'exited' | 'disconnected'): void {
    const message = gone === 'exited' ? 'The target has exited: it has no goroutines.' : gone ? 'gotui lost its connection to Delve: goroutines are listed once it is back and the target stops.' : 'The target is running; goroutines are listed when it stops.';
    this.set({ status: 'running', message, gone, progress: undefined });
  }

  setError(message: string): void {
    this.set({ status: 'error', message, progress: undefined });
  }

  /** The stop's groups were being read when `x` stopped it. */
  setCancelled(): void {
    if (this.state.status === 'loading') this.set({ status: 'cancelled', progress: undefined });
  }

  /** The stop read took the pair peers' number: its groups are not an older stop's. */
  renumbered(from: number, to: number): void {
    if (this.state.stop === from) this.set({ stop: to });
  }

  /** A new snapshot; `newStop` says it is of a later stop than the current one (so deltas move on). */
  setSnapshot(snapshot: Snapshot, newStop: boolean, stop?: number): void {
    // Read at a later stop than the groups shown (`:goroutines` after an x, or after stops the pane missed): deltas move on too.
    const later = newStop || (stop !== undefined && this.state.stop !== undefined && stop > this.state.stop);
    if (later && this.state.snapshot) {
      this.baseline = this.state.snapshot;
      this.baselineStop = this.state.stop;
    }
    const diff = diffSnapshots(this.baseline, snapshot);
    const keepName = this.selectedRow()?.name;
    const rows = groupRows(snapshot, diff, this.state);
    const kept = indexOf(rows, keepName);
    // A group gone at this stop is no place for the cursor (kept there, it scrolls the big groups
    // out of view): back to the first row.
    const selected = rows[kept]?.change === 'vanished' ? 0 : kept;
    const noDiff = diff ? undefined : !this.baseline ? 'first' : !sameProcess(this.baseline, snapshot) ? 'restarted' : 'other-query';
    this.set({ status: 'ready', message: undefined, progress: undefined, snapshot, stop, diff, diffStop: diff ? this.baselineStop : undefined, noDiff, query: snapshot.query, rows, selected });
  }

  setSort(sort: GroupSort): void {
    this.reorder({ sort });
  }

  setSearch(search: string): void {
    this.reorder({ search });
  }

  /** Moves the group selection by delta rows (clamped). */
  moveGroup(delta: number): void {
    this.set({ selected: clamp(this.state.selected + delta, 0, this.state.rows.length - 1) });
  }

  selectGroup(index: number): void {
    this.set({ selected: clamp(index, 0, this.state.rows.length - 1) });
  }

  expand(group: string, total: number, pageSize: number, selected = 0): void {
    this.set({ expanded: { group, total, pageSize, pages: new Map(), loading: new Set(), selected: clamp(selected, 0, total - 1) } });
  }

  collapse(): void {
    this.set({ expanded: undefined });
  }

  /** The cursor to goroutine `id` among the open group's loaded members; false when they do not hold it. */
  selectMember(id: number): boolean {
    const w = this.state.expanded;
    for (const [page, members] of w?.pages ?? []) {
      const at = members.findIndex((m) => m.id === id);
      if (w && at >= 0) {
        if (w.selected !== page * w.pageSize + at) this.setWindow({ ...w, selected: page * w.pageSize + at });
        return true;
      }
    }
    return false;
  }

  /** The cursor to the group whose sampled members hold goroutine `id` (a small group holds all of them); false when none does. */
  /**
   * The cursor to the group of goroutine `id`: one whose sample holds it, else one named by `place`
   * (`file:line`, where its stack says the grouping puts it: a goroutine outside the few Delve
   * samples, trial V's 5000 of 8,000).
   */
  selectGroupOf(id: number, place?: string): boolean {
    let at = this.state.rows.findIndex((r) => groupHolds(this.state, r.name, id));
    if (at < 0 && place) at = this.state.rows.findIndex((r) => namedFor(r.name, place));
    if (at >= 0) this.set({ selected: at });
    return at >= 0;
  }

  /** The goroutine selected now; a place kept when the same one is named again without one (a stop's, before its stack is read). */
  setGoroutine(id: number, place?: string): void {
    const kept = place ?? (this.state.goroutine?.id === id ? this.state.goroutine.place : undefined);
    this.set({ goroutine: { id, ...(kept !== undefined ? { place: kept } : {}) } });
  }

  moveMember(delta: number): void {
    const w = this.state.expanded;
    if (!w) return;
    this.setWindow({ ...w, selected: clamp(w.selected + delta, 0, w.total - 1) });
  }

  /** The pages a view of `rows` lines around the selected member needs that are neither held nor on their way. */
  missingPages(rows: number): number[] {
    const w = this.state.expanded;
    if (!w || w.total === 0) return [];
    const first = Math.floor(clamp(w.selected - rows, 0, w.total - 1) / w.pageSize);
    const last = Math.floor(clamp(w.selected + rows, 0, w.total - 1) / w.pageSize);
    const out: number[] = [];
    for (let p = first; p <= last; p++) if (!w.pages.has(p) && !w.loading.has(p)) out.push(p);
    return out;
  }

  setPageLoading(group: string, page: number, loading: boolean, progress?: LoadProgress): void {
    const w = this.state.expanded;
    if (!w || w.group !== group) return;
    const set = new Set(w.loading);
    if (loading) set.add(page);
    else set.delete(page);
    this.setWindow({ ...w, loading: set, progress, cancelled: loading ? undefined : w.cancelled });
  }

  /** The members being read were given up (`x`). */
  setMembersCancelled(): void {
    const w = this.state.expanded;
    if (w?.loading.size) this.setWindow({ ...w, loading: new Set(), progress: undefined, cancelled: true });
  }

  setPage(group: string, page: number, members: readonly GoroutineInfo[]): void {
    const w = this.state.expanded;
    if (!w || w.group !== group) return;
    const centre = Math.floor(w.selected / w.pageSize);
    const pages = new Map([...w.pages].filter(([p]) => Math.abs(p - centre) <= KEEP_PAGES));
    pages.set(page, members);
    const loading = new Set(w.loading);
    loading.delete(page);
    this.setWindow({ ...w, pages, loading, progress: undefined, error: undefined });
  }

  setMembersError(group: string, message: string): void {
    const w = this.state.expanded;
    if (!w || w.group !== group) return;
    this.setWindow({ ...w, loading: new Set(), progress: undefined, error: message });
  }

  private setWindow(expanded: MembersWindow): void {
    this.set({ expanded });
  }

  private reorder(change: Partial<Pick<GoroutinePaneState, 'sort' | 'search'>>): void {
    const next = { ...this.state, ...change };
    const keepName = this.selectedRow()?.name;
    const rows = next.snapshot ? groupRows(next.snapshot, next.diff, next) : [];
    this.set({ ...change, rows, selected: indexOf(rows, keepName) });
  }

}

function indexOf(rows: readonly GroupRow[], name: string | undefined): number {
  const i = name === undefined ? -1 : rows.findIndex((r) => r.name === name);
  return Math.max(0, i);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
