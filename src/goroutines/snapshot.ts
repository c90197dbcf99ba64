import { formatGoroutinesArgs } from './args.js';
import type { GoroutineInfo, GoroutineQuery, Loc } from './model.js';
import { waitReasonText } from './waitreason.js';
import { formatCount, formatDuration } from '../core/text.js';

export interface GroupInfo {
  /** Delve's group name: `file:line in function`, `key=value`, `running=true`, `user=false`; the key across stops. */
  name: string;
  total: number;
  /** The first members Delve returned with the group (MaxGroupMembers of them). */
  sample: GoroutineInfo[];
  /** For location groupings: where to jump to source. */
  loc?: Loc;
}

/** Spans [from, to) of the local monotonic clock the target sat halted by a debugger. */
export type HaltSpans = readonly (readonly [number, number])[];

/** The target's idea of "now", to turn waitSince (runtime nanotime) into a duration. */
export interface TargetClock {
  nowNs: number;
  /** local: this machine's CLOCK_MONOTONIC (the target runs here); last-gc: the start of the last GC, a lower bound. */
  source: 'local' | 'last-gc';
  /**
   * Local only: spans [from, to) of that clock the target sat halted by a debugger, as gotui saw them.
   * Every goroutine waits through a halt: a worker blocked before one is not stuck for its length.
   */
  halts?: HaltSpans;
}

/** The goroutines at one stop, grouped. */
export interface Snapshot {
  seq: number;
  source: 'rpc' | 'dap';
  query: GoroutineQuery;
  /** Snapshots with equal keys are compared group by group. */
  key: string;
  /** The process it was taken of (JSON-RPC's State says): a restart's new process is not compared with the old one. */
  pid?: number;
  /** Goroutines matching the query (exact over JSON-RPC; over DAP, what DAP listed). */
  total: number;
  /** All goroutines, filters aside. */
  totalAll: number;
  /** In Delve's order (by name). */
  groups: GroupInfo[];
  /** Delve stopped at MaxGroups groups; the totals are still exact. */
  tooManyGroups: boolean;
  /** Over DAP only: why the counts may be short. */
  capNote?: string;
  capped?: boolean;
  goMinor?: number;
  clock?: TargetClock;
  loadMs: number;
  takenAt: number;
}

export function snapshotKey(q: GoroutineQuery): string {
  return [formatGoroutinesArgs({ grouping: q.grouping, filters: q.filters }), q.hideRuntime ? '(user only)' : ''].filter(Boolean).join(' ');
}

/** `moved`: a group new at this stop whose goroutines were all there before, elsewhere (a step moves one). */
export type Change = 'new' | 'moved' | 'grew' | 'shrank' | 'same' | 'vanished';

export interface SnapshotDiff {
  fromSeq: number;
  totalDelta: number;
  /** Per group of the newer snapshot: its count at the previous stop (undefined = new group). */
  previous: Map<string, number>;
  /** Groups that had goroutines at the previous stop and have none now (not counting those whose goroutines all moved to other groups). */
  vanished: { name: string; total: number; loc?: Loc }[];
  /** New groups whose goroutines were all there at the previous stop, in other groups. */
  moved: Set<string>;
}

/** A group's members when the sample holds all of them (a small group); else undefined. */
function allMembers(g: GroupInfo): number[] | undefined {
  return g.total > 0 && g.sample.length === g.total ? g.sample.map((m) => m.id) : undefined;
}

/** The difference from `prev` to `next`; undefined when there is no previous stop, it was grouped or filtered differently, or it was of another process. */
export function diffSnapshots(prev: Snapshot | undefined, next: Snapshot): SnapshotDiff | undefined {
  if (!prev || prev.key !== next.key || prev.source !== next.source || !sameProcess(prev, next)) return undefined;
  const before = new Map(prev.groups.map((g) => [g.name, g] as const));
  const previous = new Map<string, number>();
  for (const g of next.groups) {
    const p = before.get(g.name);
    if (p) previous.set(g.name, p.total);
  }
  const now = new Set(next.groups.map((g) => g.name));
  // Goroutine ids seen in the previous snapshot's samples: a step moves its goroutine from one location's group to another's.
  const idsBefore = new Set(prev.groups.flatMap((g) => g.sample.map((m) => m.id)));
  const within = (ids: number[] | undefined, set: Set<number>) => !!ids && ids.every((id) => set.has(id));
  const moved = new Set(next.groups.filter((g) => !before.has(g.name) && within(allMembers(g), idsBefore)).map((g) => g.name));
  // A group whose goroutines make a `moved` one is that one; gone into groups there before (or ended), it is gone (trial P: unsaid).
  const idsMoved = new Set(next.groups.filter((g) => moved.has(g.name)).flatMap((g) => g.sample.map((m) => m.id)));
  const vanished = prev.groups
    .filter((g) => !now.has(g.name) && !within(allMembers(g), idsMoved))
    // With too many groups a group may only have dropped out of the first MaxGroups, not vanished.
    .filter(() => !next.tooManyGroups)
    .map((g) => ({ name: g.name, total: g.total, ...(g.loc ? { loc: g.loc } : {}) }));
  return { fromSeq: prev.seq, totalDelta: next.total - prev.total, previous, vanished, moved };
}

/**
 * Whether two snapshots are of one process. Both unknown counts as the same (DAP's list tells no
 * pid); one unknown does not: Delve's State gave no pid while a restart's new process came up.
 */
export function sameProcess(a: Snapshot, b: Snapshot): boolean {
  return a.pid === b.pid;
}

export interface GroupRow {
  name: string;
  total: number;
  /** Since the previous stop; undefined without one. A new group's delta is its total. */
  delta?: number;
  change?: Change;
  /** Absent for vanished groups. */
  group?: GroupInfo;
  loc?: Loc;
  /** What a search found it by: its place (or its goroutines' start), or only what they wait on. */
  matched?: 'location' | 'wait';
}

export type GroupSort = 'count' | 'growth' | 'name';

export interface RowOptions {
  sort: GroupSort;
  /** Case-insensitive text looked for in the group name. */
  search: string;
}

/** The rows of the group list: sorted, searched, vanished groups last (with total 0). */
export function groupRows(s: Snapshot, diff: SnapshotDiff | undefined, opts: RowOptions): GroupRow[] {
  const rows: GroupRow[] = s.groups.map((g) => {
    const row: GroupRow = { name: g.name, total: g.total, group: g, ...(g.loc ? { loc: g.loc } : {}) };
    if (diff) {
      const before = diff.previous.get(g.name);
      row.delta = g.total - (before ?? 0);
      row.change = before === undefined ? (diff.moved.has(g.name) ? 'moved' : 'new') : row.delta > 0 ? 'grew' : row.delta < 0 ? 'shrank' : 'same';
    }
    return row;
  });
  for (const v of diff?.vanished ?? []) rows.push({ name: v.name, total: 0, delta: -v.total, change: 'vanished', ...(v.loc ? { loc: v.loc } : {}) });
  const needle = opts.search.trim().toLowerCase();
  // The row's text as shown: its location, and what its goroutines wait on (`GC sweep wait`); and the
  // function its sampled goroutines started in (trial AQ: `/transfer` found nothing where two
  // goroutines started in main.transferAB and main.transferBA waited in sync.(*Mutex).Lock).
  const matched = (r: GroupRow): GroupRow['matched'] =>
    r.name.toLowerCase().includes(needle) || !!r.group?.sample.some((g) => g.start.fn.toLowerCase().includes(needle))
      ? 'location'
      : r.group && summariseWaits(r.group.sample, r.group.total, s.goMinor, s.clock).states.some((w) => w.text.toLowerCase().includes(needle))
        ? 'wait'
        : undefined;
  if (!needle) return rows.sort(comparator(opts.sort));
  // Found by its place first: a wait reason's match (`/idle` in "force gc (idle)") surprises unless said (trial CD).
  const shown = rows.flatMap((r) => {
    const by = matched(r);
    return by ? [{ ...r, matched: by }] : [];
  });
  const sort = comparator(opts.sort);
  return shown.sort((a, b) => Number(a.matched === 'wait') - Number(b.matched === 'wait') || sort(a, b));
}

function comparator(sort: GroupSort): (a: GroupRow, b: GroupRow) => number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byName = (a: GroupRow, b: GroupRow) => order(a.name, b.name);
  // "By name" is by function (trial V: the group's name starts with its file's path, which sorted it), then place.
  const fn = (r: GroupRow) => r.loc?.fn ?? r.name;
  const byFunction = (a: GroupRow, b: GroupRow) => order(fn(a), fn(b)) || order(a.loc?.file ?? '', b.loc?.file ?? '') || (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || byName(a, b);
  const vanishedLast = (a: GroupRow, b: GroupRow) => Number(a.change === 'vanished') - Number(b.change === 'vanished');
  switch (sort) {
    case 'count':
      return (a, b) => vanishedLast(a, b) || b.total - a.total || byName(a, b);
    case 'growth':
      return (a, b) => (b.delta ?? 0) - (a.delta ?? 0) || b.total - a.total || byName(a, b);
    case 'name':
      return (a, b) => vanishedLast(a, b) || byFunction(a, b);
  }
}

/** What a goroutine is doing: its wait reason, or runnable/running/syscall. */
export function stateText(g: GoroutineInfo, goMinor: number | undefined): string {
  if (g.unreadable) return 'unreadable';
  // Delve's CLI prints a wait reason only for waiting (4) and syscall (3) goroutines.
  if ((g.status === 4 || g.status === 3) && g.waitReason > 0) return waitReasonText(g.waitReason, goMinor);
  switch (g.status) {
    case 1:
      return 'runnable';
    case 2:
      // Go's traceback says `running`: it was on a thread when the target halted, which a halted
      // target's pane would seem to contradict.
      return 'on a thread';
    case 3:
      return 'syscall';
    case 4:
      return 'waiting';
    case 6:
      return 'dead';
    case 8:
      return 'copying its stack';
    case 9:
      return 'preempted';
    // Go 1.26's runtime2.go: a leaked goroutine the GC caught; a dead one kept for cgo callbacks on an extra M.
    case 10:
      return 'leaked';
    case 11:
      return 'dead (kept for cgo callbacks)';
    default:
      return `status ${g.status}`;
  }
}

/**
 * How long it has been blocked, at least: the runtime stamps waitsince at the first GC that finds a
 * goroutine blocked, so the real wait is longer. Undefined when no GC has seen it blocked yet.
 */
export function waitedNs(g: GoroutineInfo, clock: TargetClock | undefined): number | undefined {
  // As the runtime's traceback does: only waiting (4) and syscall (3) goroutines have waited.
  if (!clock || g.waitSince <= 0 || (g.status !== 4 && g.status !== 3)) return undefined;
  let halted = 0;
  for (const [from, to] of clock.halts ?? []) halted += Math.max(0, Math.min(to, clock.nowNs) - Math.max(from, g.waitSince));
  return Math.max(0, clock.nowNs - g.waitSince - halted);
}

export interface WaitSummary {
  /** Members the summary was made from, and the group's total: fewer means a sample. */
  counted: number;
  total: number;
  /** Most frequent first. */
  states: { text: string; count: number }[];
  /** The longest wait among the counted members (a lower bound), if any had one. */
  longestNs?: number;
}

export function summariseWaits(members: readonly GoroutineInfo[], total: number, goMinor: number | undefined, clock: TargetClock | undefined): WaitSummary {
  const counts = new Map<string, number>();
  let longest: number | undefined;
  for (const g of members) {
    const t = stateText(g, goMinor);
    counts.set(t, (counts.get(t) ?? 0) + 1);
    const w = waitedNs(g, clock);
    if (w !== undefined && (longest === undefined || w > longest)) longest = w;
  }
  const states = [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
  return { counted: members.length, total, states, ...(longest !== undefined ? { longestNs: longest } : {}) };
}

/**
 * E.g. "chan receive ×1,203, waiting 3m+", or "chan receive ×10 (of 10 sampled)" when built from a
 * sample; an open group's is of the members it holds now ("of the 218 held"), which scrolling changes.
 */
export function formatWaitSummary(w: WaitSummary, maxStates = 2, part: 'sampled' | 'held' = 'sampled'): string {
  if (!w.counted) return '';
  const sampled = w.counted < w.total;
  const shown = w.states.slice(0, maxStates).map((s) => `${s.text} ×${formatCount(s.count)}`);
  if (w.states.length > maxStates) shown.push(`+${w.states.length - maxStates} more`);
  let text = shown.join(', ');
  if (sampled) text += part === 'held' ? ` (of the ${formatCount(w.counted)} held)` : ` (of ${formatCount(w.counted)} sampled)`;
  // Under a second reads `0s+`, which says nothing: only a wait of a second or more is said.
  if (w.longestNs !== undefined && w.longestNs >= 1e9) text += `, waiting ${formatDuration(w.longestNs)}+`;
  return text;
}


export function formatDelta(d: number): string {
  return d > 0 ? `+${formatCount(d)}` : d < 0 ? `-${formatCount(-d)}` : '±0';
}
