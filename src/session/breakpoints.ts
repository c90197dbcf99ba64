import type { DebugProtocol as P } from '@vscode/debugprotocol';
import type { Breakpoint, StopInfo } from './state.js';

/** What a new breakpoint is, before Delve has seen it. */
export type BreakpointSpec = Omit<Breakpoint, 'id' | 'verified' | 'delveId' | 'message'>;

/**
 * The DAP request for one file's line breakpoints, or for all function breakpoints: DAP replaces
 * the whole list each time, so every one of ours for that list goes along.
 */
export function breakpointRequests(all: readonly Breakpoint[], which: { file: string } | { functions: true } | { instructions: true; extra?: readonly bigint[] }) {
  if ('instructions' in which) {
    const mine = all.filter((b) => b.kind === 'instruction');
    const refs = [...mine.map((b) => ({ instructionReference: `0x${b.address!.toString(16)}`, condition: b.condition, hitCondition: b.hitCondition })), ...(which.extra ?? []).map((a) => ({ instructionReference: `0x${a.toString(16)}` }))];
    return { mine, args: { breakpoints: refs } };
  }
  if ('file' in which) {
    const mine = all.filter((b) => b.kind === 'line' && b.file === which.file);
    return { mine, args: { source: { path: which.file }, breakpoints: mine.map((b) => ({ line: b.line!, condition: b.condition, hitCondition: b.hitCondition })) } };
  }
  const mine = all.filter((b) => b.kind === 'function');
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

/** `main.go:42`, `pkg.Func (main.go:42)`: where a breakpoint is, for people. */
export function breakpointPlace(b: Breakpoint): string {
  if (b.kind === 'instruction') return `*0x${b.address!.toString(16)}${b.file && b.line ? ` (${b.file.split('/').slice(-2).join('/')}:${b.line})` : ''}`;
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
