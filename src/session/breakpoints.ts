import type { DebugProtocol as P } from '@vscode/debugprotocol';
import type { Breakpoint, StopInfo } from './state.js';

/** What a new breakpoint is, before Delve has seen it. */
export type BreakpointSpec = Omit<Breakpoint, 'id' | 'verified' | 'delveId' | 'message'>;

/**
 * The DAP request for one file's line breakpoints, or for all function breakpoints: DAP replaces
 * the whole list each time, so every one of ours for that list goes along.
 */
export function breakpointRequests(all: readonly Breakpoint[], which: { file: string } | { functions: true } | { data: true }) {
  // A disabled breakpoint stays in gotui's list only.
  const live = all.filter((b) => !b.disabled);
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
      ...(a.id !== undefined ? { delveId: a.id } : {}),
    });
  });
  return all.map((b) => (byId.has(b.id) ? { ...b, ...byId.get(b.id) } : b));
}

/** The marks the source and breakpoints panes share: what a breakpoint is at a glance. */
export function breakpointMark(b: { kind: string; logMessage?: string; disabled?: boolean }): { text: string; color: string } {
  if (b.disabled) return { text: '○', color: 'gray' };
  if (b.kind === 'data') return { text: '◉', color: 'yellow' };
  if (b.logMessage) return { text: '◆', color: 'magenta' };
  return { text: '●', color: 'red' };
}

/** `main.go:42`, `pkg.Func (main.go:42)`: where a breakpoint is, for people. */
export function breakpointPlace(b: Breakpoint): string {
  if (b.watch) return `[${b.watch.expr}]`;
  const where = b.file && b.line ? `${b.file.split('/').slice(-2).join('/')}:${b.line}` : b.spec ?? '?';
  const spec = b.kind === 'function' && b.spec && !where.endsWith(b.spec) && !where.startsWith(b.spec) && !/\.go:\d+$/.test(b.spec) ? ` (${b.spec})` : '';
  return `${where}${spec}`;
}

/**
 * A stop in words: `breakpoint #2 at main.go:42`, `panic: boom`, `fatal error: all goroutines are
 * asleep`, `pause`. Delve calls every stop at a location it resolved itself a "function
 * breakpoint", even `main.go:42`: the breakpoint it hit says what it was.
 */
export function describeStopReason(stop: StopInfo, breakpoints: readonly Breakpoint[]): string {
  if (stop.reason === 'exception') {
    const what = stop.description ?? 'exception';
    return stop.text ? `${what}: ${stop.text}` : what;
  }
  if (/breakpoint/.test(stop.reason) && stop.reason !== 'data breakpoint') {
    const hit = breakpoints.filter((b) => stop.breakpoints.includes(b.id));
    return hit.length ? `breakpoint ${hit.map((b) => `#${b.id}`).join(', ')}` : 'breakpoint';
  }
  return stop.reason;
}
