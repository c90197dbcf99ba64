import { namePlace } from '../core/text.js';
import { OthersBreakpointThere } from '../session/session.js';
import { UserError } from '../errors.js';
import { prettyPrint } from '../delve/pretty.js';
import { breakpointPlace, describeStopReason, type BreakpointSpec } from '../session/breakpoints.js';
import type { CommandContext } from '../features/types.js';
import type { Frame, StopInfo } from '../session/state.js';
import { parseLocation } from './location.js';
import { inDelveTerms, lineOf, pastTheEnd } from './breakpoints.js';

/** How long one of N steps may run before `:next N` gives up on the rest. */
export const STEP_WAIT_MS = 60_000;

/** `N` of `:next N`: a count from 1 to 10,000. */
export function parseCount(text: string, usage: string): number {
  const t = text.trim();
  if (!t) return 1;
  if (!/^\d{1,5}$/.test(t) || Number(t) < 1 || Number(t) > 10_000) throw new UserError(`'${t}' is not a count of steps.`, `Usage: ${usage} (N from 1 to 10,000).`);
  return Number(t);
}

/**
 * Steps `count` times, each from where the last stopped; ends early when a stop is not a step's
 * (a breakpoint, a panic), when the target ends, or when a step runs longer than STEP_WAIT_MS.
 */
export async function stepTimes(ctx: CommandContext, kind: 'next' | 'stepIn', count: number): Promise<void> {
  const session = ctx.session;
  // One step is the n key: the stop shows when it comes, however long the line runs.
  if (count === 1) return stepOnce(ctx, kind);
  for (let i = 1; i <= count; i++) {
    const since = session.stopCount;
    await session.step(kind);
    const landed = await session.waitForStop(since, STEP_WAIT_MS);
    if (landed === 'ended') return;
    if (landed === 'timeout') throw new UserError(`Step ${i} of ${count} is still running after ${STEP_WAIT_MS / 1000}s; the rest were not taken.`, 'p pauses the target.');
    // A step that lands on a breakpoint's line is that breakpoint's stop (see Session.landedOnBreakpoint): it ends the count, as in gdb.
    if (landed.reason !== 'step') {
      ctx.print(`Stopped (${describeStopReason(landed, session.state.breakpoints)}) after ${i} of ${count} steps.`, 'warning');
      return;
    }
  }
  const top = session.state.selection?.top;
  ctx.print(`${count} steps taken${top ? `: ${top.name} ${namePlace(top.file, top.line)}` : ''}.`, 'result');
}

/** Parked in the scheduler: a step there ends only when something wakes the goroutine. */
const PARKED = /^runtime\.(gopark|goparkunlock)$/;
const PARKED_SAY_MS = 1000;
/** How long a step out's return values wait for the stop's own reads, and how often they look. */
const QUIET_MAX_MS = 1000;
const QUIET_POLL_MS = 3;

/**
 * One step, said plainly when it will not act where the user looks: Delve steps a goroutine from
 * its innermost frame, and after a pause that is often the runtime's, below the frame shown.
 */
export async function stepOnce(ctx: CommandContext, kind: 'next' | 'stepIn' | 'stepOut'): Promise<void> {
  const session = ctx.session;
  const { goroutine, frame, top } = session.state.selection ?? {};
  const stopped = session.state.stop?.goroutine;
  const since = session.stopCount;
  await session.step(kind);
  if (!top || !frame) return;
  if (goroutine !== undefined) session.sayAtStop(sayEnded(ctx, kind, goroutine, top, since));
  // Delve steps the goroutine selected, as the dlv CLI does after `goroutine N` (trial K: unsaid).
  if (stopped && goroutine !== undefined && goroutine !== stopped) ctx.print(`Stepping goroutine ${goroutine}, the one selected, not goroutine ${stopped} that stopped: Delve steps the selected goroutine, and the others run meanwhile (${ctx.app.headless ? `goroutine ${stopped} selects` : `:goroutine ${stopped}, or . in the goroutines pane, selects`} the stop's).`, 'info');
  if (frame.index > 0) ctx.print(`Stepping goroutine ${goroutine} from its innermost frame, ${top.name} (frame 0), not from frame ${frame.index} shown: Delve steps only there.`, 'info');
  if (PARKED.test(top.name)) {
    // Most parks are short (a sleep, a busy channel): said only when the step is still waiting.
    void session.waitForStop(since, PARKED_SAY_MS).then((landed) => {
      if (landed === 'timeout') ctx.print(`Goroutine ${goroutine} is parked in ${top.name}: the step ends only when it runs again. ${ctx.app.headless ? 'pause halts it; goroutines lists' : 'p pauses; the goroutines pane shows'} what each one waits for.`, 'warning');
    });
  }
}

/**
 * How a step ended, where the stop line alone does not say it: what a step out returned, and a
 * breakpoint on the step's goroutine that ended it early (Delve drops the step there; one on
 * another goroutine leaves it pending, and Delve says so itself).
 */
async function sayEnded(ctx: CommandContext, kind: 'next' | 'stepIn' | 'stepOut', goroutine: number, from: Frame, since: number): Promise<void> {
  const landed = await ctx.session.waitForStop(since);
  if (typeof landed === 'string' || landed.goroutine !== goroutine) return;
  if (landed.reason === 'step' || landed.landed) {
    if (kind === 'stepOut') await sayReturned(ctx, goroutine, from.name, landed);
    return;
  }
  const at = ctx.session.state.selection?.top;
  if (kind === 'stepIn' || !/breakpoint/.test(landed.reason) || landed.reached || !at) return;
  // Ended early when the step's function is still running: a call it made is stopped (next, step
  // out), or it is (step out). A breakpoint on the line the step ends at is its end.
  const below = (await ctx.session.frames(goroutine, 0, 64).catch(() => undefined))?.frames.slice(1).some((f) => f.name === from.name);
  if (ctx.session.stopCount !== landed.number || (!below && !(kind === 'stepOut' && at.name === from.name))) return;
  const place = (f: Frame) => namePlace(f.file, f.line);
  const step = kind === 'stepOut' ? `the step out (o) of ${from.name} before it returned` : `the step (n) from ${place(from)} before the next line`;
  const what = describeStopReason(landed, ctx.session.state.breakpoints);
  ctx.print(`${what[0]!.toUpperCase()}${what.slice(1)} (${at.name}, ${place(at)}) ended ${step}: Delve drops the step there.`, 'info');
  ctx.session.saidStepEnded();
}

/**
 * What a step out returned, as the dlv CLI's stepout says it: DAP's stepOut keeps no return values,
 * so they are read over JSON-RPC at the stop, before anything runs again.
 */
async function sayReturned(ctx: CommandContext, goroutine: number, fn: string, landed: StopInfo): Promise<void> {
  const rpc = await ctx.rpc('read return values').catch(() => undefined);
  if (!rpc) return;
  // Delve answers a read that comes while it serves the command with "running": the stop's own
  // reads (the frame's values, the goroutine groups, the registers) go first.
  await quiet(() => ctx.session.requestsInFlight + rpc.inFlight);
  if (ctx.session.stopCount !== landed.number || ctx.session.state.status !== 'stopped') return;
  // Delve shows itself running while it serves any command: that is this session's doing.
  const values = await ctx.session.asOwnRun(() => rpc.returnValues(goroutine, { timeoutMs: 2_000 })).catch(() => []);
  if (!values.length) return;
  const said = `${fn} returned ${values.map((v) => `${v.name ?? '?'} = ${prettyPrint(v)}`).join(', ')}`;
  ctx.print(said, 'result');
  ctx.session.saidReturned(said);
}

/** Resolves once `inFlight` has said 0 twice a few milliseconds apart (reads chain), or after QUIET_MAX_MS. */
async function quiet(inFlight: () => number): Promise<void> {
  const until = performance.now() + QUIET_MAX_MS;
  let calm = 0;
  while (calm < 2 && performance.now() < until) {
    calm = inFlight() === 0 ? calm + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
  }
}

/**
 * Runs to LOC (`:continue LOC`, run to cursor) through a temporary breakpoint, taken out at the
 * next stop whatever it is, when the session ends, or (like every breakpoint of gotui's) when gotui
 * leaves. A breakpoint already stopping there is used as it is.
 */
export async function runTo(ctx: CommandContext, text: string): Promise<void> {
  const session = ctx.session;
  session.requireLive('continue');
  session.requireStopped('continue');
  const loc = inDelveTerms(ctx, parseLocation(text, session.currentFrame()?.file));
  const spec: BreakpointSpec = loc.kind === 'line' ? { kind: 'line', file: loc.file, line: loc.line, temporary: true } : { kind: 'function', spec: loc.spec, temporary: true };
  const target = await runToPlace(ctx, spec, () => session.continue(), `:continue ${text.trim()}`);
  ctx.print(`Running to ${target}.`, 'result');
}

/**
 * Runs the target (`run`: a continue, a restart) to `spec` through a temporary breakpoint there, or
 * the one already stopping there (another client's too); a stop elsewhere first is said, with
 * `again` to try once more. Returns where it runs to.
 */
export async function runToPlace(ctx: CommandContext, spec: BreakpointSpec, run: () => Promise<unknown>, again: string): Promise<string> {
  const session = ctx.session;
  const existing = session.state.breakpoints.find((b) => !b.disabled && !b.logMessage && !b.condition && !b.hitCondition && (spec.kind === 'line' ? b.file === spec.file && b.line === spec.line : b.spec === spec.spec));
  // Another client's breakpoint there, not yet in this gotui's list (the dlv CLI's `break` a moment
  // ago): it stops the target as a temporary one would (trial AX was refused the run).
  const temp = existing ? undefined : await session.addBreakpoint(spec).catch(async (err: unknown) => {
    if (err instanceof OthersBreakpointThere) return undefined;
    const at = err instanceof UserError && err.message.startsWith('No code at') ? lineOf(spec) : undefined;
    throw (at && (await pastTheEnd(ctx, at))) || err;
  });
  if (!existing && !temp) {
    await run();
    return `${breakpointPlace(spec)} (another client's breakpoint there stops it)`;
  }
  const cleanUp = () => (temp ? session.removeBreakpoint(temp.id).then(() => undefined, () => undefined) : Promise.resolve());
  const since = session.stopCount;
  try {
    await run();
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const target = existing ?? temp!;
  void session.waitForStop(since).then(async (landed) => {
    await cleanUp();
    if (landed !== 'ended' && landed !== 'timeout' && !landed.breakpoints.includes(target.id)) {
      session.log(`Stopped (${describeStopReason(landed, session.state.breakpoints)}) before reaching ${breakpointPlace(target)}; run to it again with ${again}.`, 'warning');
    }
  });
  return breakpointPlace(target);
}
