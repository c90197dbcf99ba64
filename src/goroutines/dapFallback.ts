import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { UserError } from '../errors.js';
import { threadSuffix } from '../session/threads.js';
import { TargetRunningError } from './loader.js';
import type { GoroutineInfo, GoroutineQuery, Loc } from './model.js';
import { snapshotKey, type GroupInfo, type Snapshot } from './snapshot.js';

/** Delve's DAP server reads at most this many goroutines for a threads request (service/dap/server.go maxGoroutines). */
export const DAP_THREADS_CAP = 1024;
export const DAP_CAP_NOTE = 'DAP lists at most 1024 goroutines; this server (dlv dap) has no JSON-RPC side channel, so counts are capped';

export interface DapThreadName {
  /** `* ` marks the selected goroutine. */
  selected: boolean;
  id: number;
  /** pprof labels as Delve shows them (only with the showPprofLabels launch option), e.g. `worker:recv`. */
  labels: string;
  /** The function of the topmost user frame. */
  fn: string;
  osThread?: number;
}

/** Parses Delve's thread names: `* [Go 1] main.work (Thread 2858)`, `[Go 7 worker:recv] main.recv`. */
export function parseDapThreadName(name: string): DapThreadName | undefined {
  const t = name.trim();
  const m = /^(\*\s*)?\[Go (\d+)((?: [^\]]*)?)\]/.exec(t);
  if (!m) return undefined;
  const { rest, osThread } = threadSuffix(t.slice(m[0].length));
  const out: DapThreadName = { selected: !!m[1], id: Number(m[2]), labels: m[3]!.trim(), fn: rest };
  if (osThread !== undefined) out.osThread = osThread;
  return out;
}

/** Over DAP, grouping is by function (the user frame's; no file or line) and filters match that function name. */
export function checkDapQuery(q: GoroutineQuery): void {
  if (q.grouping.by !== 'userloc') {
    throw new UserError(`-group ${q.grouping.by} needs Delve's JSON-RPC API, which this server (dlv dap) does not offer.`, 'Over DAP goroutines are grouped by function only (-group userloc).');
  }
  const other = q.filters.find((f) => f.field !== 'userloc' && f.field !== 'running' && f.field !== 'user');
  if (other) {
    throw new UserError(`-with/-without ${other.field} needs Delve's JSON-RPC API, which this server (dlv dap) does not offer.`, 'Over DAP filters can look at the function (userloc), running, or user.');
  }
}

const EMPTY_LOC: Loc = { file: '', line: 0, fn: '?' };

/** Goroutines as DAP's threads response gives them: an id, a function, and whether it has an OS thread. */
function memberOf(t: DapThreadName): GoroutineInfo {
  return { id: t.id, status: t.osThread ? 2 : 0, waitReason: 0, waitSince: 0, threadId: t.osThread ?? 0, user: { ...EMPTY_LOC, fn: t.fn }, current: EMPTY_LOC, go: EMPTY_LOC, start: EMPTY_LOC };
}

function keep(g: GoroutineInfo, q: GoroutineQuery): boolean {
  // The start function is not in a thread name; a runtime function on top is the nearest sign of a runtime goroutine.
  const runtime = g.user.fn.startsWith('runtime.');
  if (q.hideRuntime && runtime) return false;
  return q.filters.every((f) => {
    const v = f.field === 'running' ? g.threadId !== 0 : f.field === 'user' ? !runtime : g.user.fn.includes(f.arg);
    return f.negated ? !v : v;
  });
}

/** The goroutines pane's snapshot built from a DAP threads response, for a server without JSON-RPC. */
export function snapshotFromThreads(threads: readonly P.Thread[], query: GoroutineQuery, seq: number): Snapshot {
  checkDapQuery(query);
  // While the target runs Delve answers with one placeholder thread instead of the goroutines.
  if (threads.length === 1 && threads[0]!.id === -1) throw new TargetRunningError();
  const started = performance.now();
  const all = threads.flatMap((t) => {
    const n = parseDapThreadName(t.name);
    return n ? [memberOf(n)] : [];
  });
  const members = all.filter((g) => keep(g, query));
  const byFn = new Map<string, GoroutineInfo[]>();
  for (const g of members) {
    const list = byFn.get(g.user.fn);
    if (list) list.push(g);
    else byFn.set(g.user.fn, [g]);
  }
  const groups: GroupInfo[] = [...byFn.keys()].sort().map((fn) => ({ name: fn, total: byFn.get(fn)!.length, sample: byFn.get(fn)! }));
  return {
    seq,
    source: 'dap',
    query,
    key: snapshotKey(query),
    total: members.length,
    totalAll: all.length,
    groups,
    tooManyGroups: false,
    capNote: DAP_CAP_NOTE,
    capped: threads.length >= DAP_THREADS_CAP,
    loadMs: performance.now() - started,
    takenAt: Date.now(),
  };
}
