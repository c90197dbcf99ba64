import type { DebugProtocol as P } from '@vscode/debugprotocol';
import type { Breakpoint, StopInfo } from './state.js';
import { shortPlace } from '../core/text.js';

/** What a new breakpoint is, before Delve has seen it. */
export type BreakpointSpec = Omit<Breakpoint, 'id' | 'verified' | 'delveId' | 'message'>;

/**
 * The DAP request for one file's line breakpoints, or for all function breakpoints: DAP replaces
 * the whole list each time, so every one of ours for that list goes along.
 */
export function breakpointRequests(all: readonly Breakpoint[], which: { file: string } | { functions: true } | { data: true } | { instructions: true; extra?: readonly bigint[] }) {
  // A disabled breakpoint of gotui's stays in gotui's list only; a peer's another client disabled
  // in Delve stays in the list, which would take it out of Delve otherwise.
  // Breakpoints made outside DAP are not in any DAP list; naming them would make Delve create twins.
  const live = all.filter((b) => !(b.disabled && b.by === undefined) && !b.outside);
  if ('instructions' in which) {
    const mine = live.filter((b) => b.kind === 'instruction');
    const refs = [...mine.map((b) => ({ instructionReference: `0x${b.address!.toString(16)}`, condition: b.condition, hitCondition: b.hitCondition })), ...(which.extra ?? []).map((a) => ({ instructionReference: `0x${a.toString(16)}` }))];
    return { mine, args: { breakpoints: refs } };
  }
  if ('file' in which) {
    const mine = live.filter((b) => b.kind === 'line' && b.file === which.file);
    return { mine, args: { source: { path: which.file }, breakpoints: mine.map((b) => ({ line: b.line!, condition: b.condition, hitCondition: b.hitCondition, logMessage: b.logMessage })) } };
  }
  if ('data' in which) {
    const mine = live.filter((b) => b.kind === 'data');
    return { mine, args: { breakpoints: mine.map((b) => ({ dataId: b.watch!.dataId, accessType: b.watch!.access, condition: b.condition, hitCondition: b.hitCondition })) } };
  }
  const mine = live.filter((b) => b.kind === 'function');
  return { mine, args: { breakpoints: mine.map((b) => ({ name: b.spec!, condition: b.condition, hitCondition: b.hitCondition })) } };
}

/** Delve's answers, in request order, onto our breakpoints: verified, where it resolved them, its id. */
export function applyVerification(all: readonly Breakpoint[], mine: readonly Breakpoint[], answers: readonly P.Breakpoint[]): Breakpoint[] {
  const byId = new Map<number, Partial<Breakpoint>>();
  mine.forEach((b, i) => {
    const a = answers[i];
    if (!a) return;
    byId.set(b.id, {
      verified: a.verified,
      message: a.message,
      ...(a.source?.path ? { file: a.source.path } : {}),
      ...(a.line ? { line: a.line } : {}),
      // Refused as a twin ("breakpoint already exists"), Delve answers with the id of the one there
      // (another client's): not this one's, or that one would be listed as gotui's former own.
      ...(a.id !== undefined && !(a.verified === false && /already exists/i.test(a.message ?? '')) ? { delveId: a.id } : {}),
    });
  });
  return all.map((b) => (byId.has(b.id) ? { ...b, ...byId.get(b.id) } : b));
}

/** Whether a breakpoint can log: DAP logs at line breakpoints; a function one placed at a line becomes one there (Session.toLineBreakpoint). */
export function canLog(b: Pick<Breakpoint, 'kind' | 'file' | 'line'>): boolean {
  return b.kind === 'line' || (b.kind === 'function' && !!b.file && !!b.line);
}

/** The marks the source and breakpoints panes share: what a breakpoint is at a glance. */
export function breakpointMark(b: { kind: string; logMessage?: string; disabled?: boolean }): { text: string; color: string } {
  if (b.disabled) return { text: '○', color: 'gray' };
  if (b.kind === 'data') return { text: '◉', color: 'yellow' };
  if (b.logMessage) return { text: '◆', color: 'magenta' };
  return { text: '●', color: 'red' };
}

/** An address where the program has no code (break *ADDR, :disassemble ADDR). */
export const NO_CODE_HINT = 'Give an address in the program\'s code: :disassemble alone shows the current function, :funcs RE finds others.';

/** `main.go:42`, `pkg.Func (main.go:42)`: where a breakpoint is, for people. */
export function breakpointPlace(b: Pick<Breakpoint, 'kind' | 'address' | 'watch' | 'file' | 'line' | 'spec'>): string {
  if (b.kind === 'instruction') return `*0x${b.address!.toString(16)}${b.file && b.line ? ` (${shortPlace(b.file, b.line)})` : ''}`;
  if (b.watch) return `[${b.watch.expr}]`;
  const where = b.file && b.line ? shortPlace(b.file, b.line) : b.spec ?? '?';
  const spec = b.kind === 'function' && b.spec && !where.endsWith(b.spec) && !where.startsWith(b.spec) && !/\.go:\d+$/.test(b.spec) ? ` (${b.spec})` : '';
  return `${where}${spec}`;
}

/** Where a run to a place went, as typed when it was a function (`main.main`: trial Y's status bar cut its file at 80 columns). */
export function reachedName(b: Breakpoint): string {
  return b.kind === 'function' && b.spec && !/\.go:\d+$/.test(b.spec) ? b.spec : breakpointPlace(b);
}

/**
 * A stop in words: `breakpoint #2 at main.go:42`, `panic: boom`, `fatal error: all goroutines are
 * asleep`, `pause`. Delve calls every stop at a location it resolved itself a "function
 * breakpoint", even `main.go:42`: the breakpoint it hit says what it was.
 */
/** Whether Delve's hit condition (`== 3`, `% 2`: its api.Breakpoint's HitCond) holds at hit count `count`, as Delve checks it. */
export function hitConditionHolds(hitCond: string, count: number): boolean {
  const m = /^\s*(==|!=|>=|<=|>|<|%)\s*(\d+)\s*$/.exec(hitCond);
  if (!m) return true;
  const n = Number(m[2]);
  switch (m[1]) {
    case '==':
      return count === n;
    case '!=':
      return count !== n;
    case '>=':
      return count >= n;
    case '<=':
      return count <= n;
    case '>':
      return count > n;
    case '<':
      return count < n;
    default:
      return n !== 0 && count % n === 0;
  }
}

/** Why the target stopped; `short`, in fewer words for a narrow status bar (`bp other#3, by another client`: trial CD read `resumed by an…`). */
export function describeStopReason(stop: StopInfo, breakpoints: readonly Breakpoint[], short = false): string {
  if (stop.reason === 'exception') {
    const what = stop.description ?? 'exception';
    return stop.text ? `${what}: ${stop.text}` : what;
  }
  if (stop.found) return 'as found';
  const by = stop.by ? ` by ${stop.by}` : '';
  if (stop.reached) return `run to ${stop.reached}${by}`;
  if (/breakpoint/.test(stop.reason) && stop.reason !== 'data breakpoint') {
    const hit = breakpoints.filter((b) => stop.breakpoints.includes(b.id) || (b.delveId !== undefined && !!stop.delveBreakpoints?.includes(b.delveId)));
    // One cleared since (:clearall at this stop, a peer's quit) keeps the name it had: `other#2`, not gotui's `#2`.
    const gone = stop.breakpoints.flatMap((id, i) => (breakpoints.some((b) => b.id === id) ? [] : [stop.breakpointNames?.[i] ?? `#${id}`]));
    const failed = stop.conditionError ? `: its condition failed, ${stop.conditionError}` : '';
    // Another client's is named as the breakpoints pane lists it, not as one of gotui's.
    const names = [...hit.map(breakpointName), ...gone];
    // Who resumed, apart from whose breakpoint it is (trial CA read `breakpoint #1 by another client`,
    // gotui's own #1, as another client's breakpoint).
    const resumed = stop.by ? `, ${short ? '' : 'resumed '}by ${stop.by}` : '';
    // A logpoint's hit stops the target only while a call runs (Delve stops the call at it): named as what it is (trial CF: `breakpoint #1`, a logpoint).
    const logpoints = hit.length > 0 && !gone.length && hit.every((b) => b.logMessage !== undefined);
    const word = logpoints ? 'logpoint' : short ? 'bp' : 'breakpoint';
    return `${names.length ? `${word} ${names.join(', ')}` : word}${resumed}${failed}`;
  }
  // A cut-short call's end, in fewer words (trial CF at 80 columns: `stopped (the Set call of main.svc -mode=dr…`).
  if (short && /\bcall\b.* finished$/.test(stop.reason)) return `${/\bSet call\b/.test(stop.reason) ? 'Set call' : 'call'} finished${by}`;
  return `${stop.reason}${by}`;
}

/**
 * The console's line for a stop at a breakpoint whose condition Delve could not evaluate: the whole
 * reason, which the status bar cuts on a narrow terminal, with the condition and how to change it.
 */
export function conditionFailure(stop: StopInfo, breakpoints: readonly Breakpoint[]): string | undefined {
  if (stop.conditionError === undefined) return undefined;
  const b = breakpoints.find((x) => stop.breakpoints.includes(x.id));
  if (!b) return `Stopped at a breakpoint whose condition failed: ${stop.conditionError}.`;
  const cond = b.condition ? ` ${b.condition}` : '';
  // Only gotui's own take :cond; another client's is changed where it was set.
  const hint = b.by === undefined ? ` Delve stops at every hit while it fails: :cond ${b.id} EXPR changes it, :cond ${b.id} alone removes it.` : '';
  return `Stopped at breakpoint ${breakpointName(b)} (${breakpointPlace(b)}): its condition${cond} failed, ${stop.conditionError}.${hint}`;
}

/** A breakpoint as Delve lists it to every client (JSON-RPC ListBreakpoints), in gotui's terms. */
export type ServerBreakpoint = Pick<Breakpoint, 'kind' | 'file' | 'line' | 'spec' | 'condition' | 'hitCondition' | 'watch' | 'delveName' | 'inFunction' | 'disabled' | 'tracepoint'> & {
  delveId: number;
  /** Not a DAP breakpoint (the dlv CLI's). */
  outside: boolean;
};

/**
 * The session's breakpoints made to agree with Delve's list (every client's): ours stay (with what
 * another client changed in them), ones Delve no longer has are dropped, others' are added with
 * `by`. Ours not yet answered by Delve (no delveId) are kept as they are.
 */
/** Who set another client's breakpoint, and the number it gives it when that is a pair peer who said. */
export interface Owner {
  by: string;
  number?: number;
}

/** Who set a breakpoint a gotui of the user's kept when it quit (-keep-breakpoints): see breakpoints/orphans.ts. */
export function keptBy(at: string): string {
  return `you, kept at ${at}`;
}

/** Whether `by` names the user's own kept breakpoint (keptBy), not another client's. */
export function isKeptBy(by: string | undefined): boolean {
  return !!by?.startsWith('you, kept at ');
}

/** Whose another client's breakpoint is, in a sentence: `another client's`, `alice's`, `one you kept at 13:56`. */
export function whoseBreakpoint(by: string): string {
  return isKeptBy(by) ? `one you ${by.slice('you, '.length)} (-keep-breakpoints)` : by === 'another client' ? "another client's breakpoint" : `${by}'s breakpoint`;
}

/**
 * Another client's breakpoint as gotui names it: by the name the dlv CLI gave it, which is all the
 * CLI lists it by (`clibp`; trial BH could not match `other#5` to it); else as the pair peer who set
 * it does (`alice#1`); else by Delve's number, the one the dlv CLI shows (`other#7`), so it is not
 * read as gotui's own `#7`.
 */
export function othersName(b: Pick<Breakpoint, 'by' | 'byNumber' | 'delveId' | 'id' | 'delveName'>): string {
  if (b.delveName) return b.delveName;
  return b.by !== undefined && b.byNumber !== undefined ? `${b.by}#${b.byNumber}` : `other#${b.delveId ?? b.id}`;
}

/** Any breakpoint as the panes name it: gotui's own `#3`, another client's as othersName says. */
export function breakpointName(b: Pick<Breakpoint, 'by' | 'byNumber' | 'delveId' | 'id' | 'delveName'>): string {
  return b.by !== undefined ? othersName(b) : `#${b.id}`;
}

export function reconcileBreakpoints(
  ours: readonly Breakpoint[],
  server: readonly ServerBreakpoint[],
  opts: { nextId: (delveId: number) => number; by: (b: ServerBreakpoint) => Owner },
): { breakpoints: Breakpoint[]; added: Breakpoint[]; removed: Breakpoint[]; changed: boolean } {
  const same = (a: Breakpoint, s: ServerBreakpoint) =>
    a.delveId === s.delveId ||
    (!a.outside && !s.outside && a.kind === s.kind && (s.kind === 'line' ? a.file === s.file && a.line === s.line : s.kind === 'data' ? a.watch?.dataId === s.watch?.dataId : a.spec === s.spec));
  const matched = new Set<ServerBreakpoint>();
  const kept: Breakpoint[] = [];
  const removed: Breakpoint[] = [];
  let changed = false;
  for (const b of ours) {
    const s = server.find((x) => !matched.has(x) && same(b, x));
    if (!s) {
      if (b.delveId === undefined) kept.push(b);
      else {
        removed.push(b);
        changed = true;
      }
      continue;
    }
    matched.add(s);
    const next: Breakpoint = { ...b, delveId: s.delveId, verified: true };
    if (s.condition) next.condition = s.condition;
    else delete next.condition;
    if (s.hitCondition) next.hitCondition = s.hitCondition;
    else delete next.hitCondition;
    // Another client's, seen in Delve's list before its owner said it set it: named once it has.
    if (b.by !== undefined) {
      // Disabled in Delve by its owner (the dlv CLI's toggle): shown so, as gotui's own disabled are.
      if (s.disabled) next.disabled = true;
      else delete next.disabled;
      if (s.tracepoint) next.tracepoint = true;
      else delete next.tracepoint;
      const owner = opts.by(s);
      next.by = owner.by;
      if (owner.number !== undefined) next.byNumber = owner.number;
      else delete next.byNumber;
    }
    if (next.delveId !== b.delveId || next.condition !== b.condition || next.hitCondition !== b.hitCondition || next.by !== b.by || next.byNumber !== b.byNumber || !!next.disabled !== !!b.disabled || !b.verified) changed = true;
    kept.push(next);
  }
  const added: Breakpoint[] = server
    .filter((s) => !matched.has(s))
    .map((s) => ({ s, owner: opts.by(s) }))
    .map(({ s, owner }) => ({
      id: opts.nextId(s.delveId),
      kind: s.kind,
      verified: true,
      delveId: s.delveId,
      by: owner.by,
      ...(owner.number !== undefined ? { byNumber: owner.number } : {}),
      ...(s.file ? { file: s.file } : {}),
      ...(s.line ? { line: s.line } : {}),
      ...(s.spec ? { spec: s.spec } : {}),
      ...(s.condition ? { condition: s.condition } : {}),
      ...(s.hitCondition ? { hitCondition: s.hitCondition } : {}),
      ...(s.watch ? { watch: s.watch } : {}),
      ...(s.outside ? { outside: true } : {}),
      ...(s.tracepoint ? { tracepoint: true as const } : {}),
      ...(s.delveName ? { delveName: s.delveName } : {}),
      ...(s.inFunction ? { inFunction: s.inFunction } : {}),
      ...(s.disabled ? { disabled: true } : {}),
    }));
  return { breakpoints: [...kept, ...added], added, removed, changed: changed || added.length > 0 };
}
