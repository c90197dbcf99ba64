import { UserError } from '../errors.js';
import { GoroutineField, type GoroutineFieldValue, type RpcGoroutine, type RpcGoroutineFilter, type RpcLocation } from '../delve/rpc.js';

/** What the dlv CLI's `-group` and `-with`/`-without` look at. */
export type GoroutineFieldName = 'userloc' | 'curloc' | 'goloc' | 'startloc' | 'label' | 'running' | 'user';

export const FIELD_VALUES: Record<GoroutineFieldName, GoroutineFieldValue> = {
  curloc: GoroutineField.CurrentLoc,
  userloc: GoroutineField.UserLoc,
  goloc: GoroutineField.GoLoc,
  startloc: GoroutineField.StartLoc,
  label: GoroutineField.Label,
  running: GoroutineField.Running,
  user: GoroutineField.User,
};

/** What goroutines are grouped by: a field Delve groups by, or (gotui's own) the channel a goroutine waits on. */
export type GroupKey = GoroutineFieldName | 'chan';

export interface Grouping {
  by: GroupKey;
  /** The label key, for `by: 'label'`. */
  labelKey?: string;
}

export interface GoroutineFilter {
  field: GoroutineFieldName;
  /** Substring for location fields, `key` or `key=value` for label; unused for running and user. */
  arg: string;
  negated: boolean;
}

/** Which location a member line shows (dlv's -u, -r, -g, -s). */
export type ShownLocation = 'user' | 'current' | 'go' | 'start';

export interface GoroutineQuery {
  grouping: Grouping;
  filters: GoroutineFilter[];
  /** Hide the runtime's own goroutines: Delve's `user` filter, applied by the server. */
  hideRuntime: boolean;
  show: ShownLocation;
}

export const DEFAULT_QUERY: GoroutineQuery = { grouping: { by: 'userloc' }, filters: [], hideRuntime: false, show: 'user' };

export interface Loc {
  file: string;
  line: number;
  fn: string;
}

/** One goroutine, reduced to what the panes show (an api.Goroutine carries four full locations and is ~700 bytes of JSON). */
export interface GoroutineInfo {
  id: number;
  status: number;
  waitReason: number;
  /** Target nanotime when a GC first saw it blocked; 0 = unknown. */
  waitSince: number;
  threadId: number;
  user: Loc;
  current: Loc;
  go: Loc;
  start: Loc;
  labels?: Record<string, string>;
  unreadable?: string;
}

export function toLoc(l: RpcLocation | undefined): Loc {
  return { file: l?.file ?? '', line: l?.line ?? 0, fn: l?.function?.name ?? '?' };
}

export function toGoroutineInfo(g: RpcGoroutine): GoroutineInfo {
  const info: GoroutineInfo = {
    id: g.id,
    status: g.status,
    waitReason: g.waitReason,
    waitSince: g.waitSince,
    threadId: g.threadID,
    user: toLoc(g.userCurrentLoc),
    current: toLoc(g.currentLoc),
    go: toLoc(g.goStatementLoc),
    start: toLoc(g.startLoc),
  };
  if (g.labels && Object.keys(g.labels).length) info.labels = g.labels;
  if (g.unreadable) info.unreadable = g.unreadable;
  return info;
}

/** Delve's formatLoc: the text location groups are named by and location filters match against. */
export function formatLoc(l: Loc): string {
  return `${l.file}:${l.line} in ${l.fn}`;
}

/** Whether a group's name (a formatLoc) is of the place `file:line`. */
export function namedFor(name: string, place: string): boolean {
  return name.startsWith(`${place} in `);
}

/** proc.G.System: started by a runtime function other than runtime.main / runtime.handleAsyncEvent. */
export function isRuntimeGoroutine(g: GoroutineInfo): boolean {
  const fn = g.start.fn;
  if (fn === '?' || fn === 'runtime.main' || fn === 'runtime.handleAsyncEvent') return false;
  return fn.startsWith('runtime.');
}

export function locOf(g: GoroutineInfo, field: 'userloc' | 'curloc' | 'goloc' | 'startloc'): Loc {
  switch (field) {
    case 'userloc':
      return g.user;
    case 'curloc':
      return g.current;
    case 'goloc':
      return g.go;
    case 'startloc':
      return g.start;
  }
}

export function shownLoc(g: GoroutineInfo, show: ShownLocation): Loc {
  return show === 'user' ? g.user : show === 'current' ? g.current : show === 'go' ? g.go : g.start;
}

/**
 * Where the grouping puts a goroutine, read from its stack (innermost first) as Delve reads it:
 * `file:line` of its first frame (curloc), or of its first frame in the user's code (userloc, Delve's
 * G.UserCurrent: not the runtime's own, not internal/, not iter.); undefined for other groupings.
 */
export function groupPlace(frames: readonly { name: string; file?: string; line: number }[], by: Grouping['by']): string | undefined {
  const user = (name: string) => name.includes('.') && (!name.startsWith('runtime.') || /^runtime\.[A-Z]/.test(name)) && !name.startsWith('internal/') && !name.startsWith('runtime/internal') && !name.startsWith('iter.');
  const at = by === 'curloc' ? frames[0] : by === 'userloc' ? (frames.find((f) => user(f.name)) ?? frames[0]) : undefined;
  return at?.file ? `${at.file}:${at.line}` : undefined;
}

/** The name Delve's GroupGoroutines gives this goroutine's group. */
export function groupNameOf(g: GoroutineInfo, grouping: Grouping): string {
  switch (grouping.by) {
    case 'label':
      return `${grouping.labelKey ?? ''}=${g.labels?.[grouping.labelKey ?? ''] ?? ''}`;
    case 'running':
      return `running=${g.threadId !== 0}`;
    case 'user':
      return `user=${!isRuntimeGoroutine(g)}`;
    case 'chan':
      // Which channel is read from the goroutine's sudog, not from its info: chan groups hold all their members.
      return '';
    default:
      return formatLoc(locOf(g, grouping.by));
  }
}

export function toRpcFilter(f: GoroutineFilter): RpcGoroutineFilter {
  return { Kind: FIELD_VALUES[f.field], Negated: f.negated, Arg: f.field === 'running' || f.field === 'user' ? '' : f.arg };
}

/** The query's filters as Delve takes them, hide-runtime included. */
export function rpcFilters(q: GoroutineQuery): RpcGoroutineFilter[] {
  const out = q.filters.map(toRpcFilter);
  if (q.hideRuntime) out.push({ Kind: GoroutineField.User, Negated: false, Arg: '' });
  return out;
}

/**
 * A filter that selects a group's members server-side. Location filters are substrings, so it can
 * let through a few goroutines of other groups (`main.go:4` is in `main.go:42`): check members with
 * groupNameOf afterwards.
 */
export function groupMembershipFilter(grouping: Grouping, name: string): GoroutineFilter {
  switch (grouping.by) {
    case 'label':
      return { field: 'label', arg: name, negated: false };
    case 'running':
      return { field: 'running', arg: '', negated: name !== 'running=true' };
    case 'user':
      return { field: 'user', arg: '', negated: name !== 'user=true' };
    case 'chan':
      throw new UserError('A channel group is not a filter Delve knows.', 'Its members are all in the pane already.');
    default:
      return { field: grouping.by, arg: name, negated: false };
  }
}

/** Splits a location group's name (`/p/main.go:15 in main.recv`) back into a location, to jump to its source. */
export function parseLocName(name: string): Loc | undefined {
  const m = /^(.*):(\d+) in (.*)$/.exec(name);
  return m ? { file: m[1]!, line: Number(m[2]), fn: m[3]! } : undefined;
}
