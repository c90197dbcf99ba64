/**
 * Restarting a program Delve started (gotui's own, or a `dlv exec` server gotui attached to), with new
 * arguments, keeping its breakpoints.
 *
 * Delve (service/dap/server.go onRestartRequest, v1.25.1+) reads `arguments` as a launch config
 * when `request` is "launch": `args` replaces the program's arguments (absent: the old ones stay),
 * and its launch options (stopOnEntry, showRegisters...) replace the session's. It acknowledges the
 * request before doing anything, so its answer says nothing: a failure only shows as a
 * `terminated` event. `rebuild` defaults to true there, and for an `exec` target that kills the
 * program and then fails ("cannot rebuild a binary"): gotui sends `rebuild: false`, but for `:rebuild`
 * of a program Delve built (its `__debug_bin`), checked first.
 * Delve keeps its breakpoints across the restart and sends `initialized` again; gotui then sends
 * its breakpoints and configurationDone, at which Delve lets the new process run.
 */
import { UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import type { Breakpoint } from '../session/state.js';
import { breakpointPlace } from '../session/breakpoints.js';

export interface RestartArguments {
  arguments: { request: 'launch'; rebuild: boolean; stopOnEntry: boolean; showRegisters: true; args?: string[] };
}

/** The DAP restart arguments: `args` undefined keeps the program's current arguments. */
export function restartArguments(args: string[] | undefined, stopOnEntry = false, rebuild = false): RestartArguments {
  return { arguments: { request: 'launch', rebuild, stopOnEntry, showRegisters: true, ...(args ? { args } : {}) } };
}

/** Why this session cannot restart its target, or undefined when it can. */
export function restartUnavailable(session: Session): string | undefined {
  if (!session.connected) return 'gotui is not connected to Delve';
  if (session.state.postMortem) return 'this is a core file: nothing runs';
  if (session.state.readOnly) return session.state.readOnly;
  if (session.state.runControlBlocked) return session.state.runControlBlocked;
  if (session.state.delveStarted === false) return 'Delve attached to this process as it ran (dlv attach): only a program Delve started (dlv exec, dlv debug, dlv test, gotui) can be restarted';
  // Delve refuses only after it has halted the target: unknown is not tried.
  if (session.state.delveStarted === undefined) return "Delve's JSON-RPC did not say whether Delve started this program or attached to it";
  if (!session.features.restartWithArgs) return `Delve ${session.features.version} cannot restart with new arguments (that needs v1.25.1 or newer)`;
  return undefined;
}

/** How long a running target is given to halt before a restart. */
const HALT_MS = 2_000;

/**
 * A restart from a stopped target: Delve halts a running one itself, and that halt's stop, then its
 * run of the new process, would come as no request of this session's (trial Y: said as another
 * client's, and `:start` took the halt for its stop and left its breakpoint in Delve).
 */
export async function stoppedForRestart(session: Session): Promise<void> {
  const why = restartUnavailable(session);
  if (why) {
    const hint = session.state.delveStarted ? 'Install a newer Delve: go install github.com/go-delve/delve/cmd/dlv@latest' : 'Restart the program the way it was started, then attach again.';
    throw new UserError(`Cannot restart: ${why}.`, hint);
  }
  if (session.state.status !== 'running') return;
  // halt() answers at Delve's stopped event; the stop is this session's once loaded.
  const since = session.stopCount;
  await session.halt(HALT_MS);
  // Ended meanwhile: nothing to halt, and Delve restarts an exited program.
  if ((await session.waitForStop(since, HALT_MS)) === 'timeout') {
    throw new UserError(`Cannot restart: the target did not halt within ${(2 * HALT_MS) / 1000} s.`, 'Pause it (p), then restart.');
  }
}

/** What a restart says of the watchpoints it dropped, with the commands that set them again; '' for none. */
export function droppedWatchpoints(dropped: readonly Breakpoint[]): string {
  const watches = dropped.filter((b) => b.watch);
  if (!watches.length) return '';
  const and = (l: string[]) => (l.length > 1 ? `${l.slice(0, -1).join(', ')} and ${l.at(-1)}` : l[0]!);
  const flag = { write: '', read: '-r ', readWrite: '-rw ' } as const;
  const n = watches.length;
  return `The restart dropped ${n === 1 ? 'watchpoint' : 'watchpoints'} ${and(watches.map((b) => `#${b.id} on [${b.watch!.expr}]`))}: Delve sets no watchpoint again in a new process; ${and(watches.map((b) => `:watch ${flag[b.watch!.access]}${b.watch!.expr}`))} ${n === 1 ? 'sets it' : 'set them'} again at a stop.`;
}

/**
 * gotui's breakpoints Delve did not place in the new process (one kept while the program had exited
 * names a file it has not: trial CC saw `breakpoints kept` and an unverified row), as a sentence; '' for none.
 */
export function unplacedBreakpoints(bps: readonly Breakpoint[]): string {
  const unset = bps.filter((b) => !b.by && !b.verified && !b.disabled && !b.temporary && !b.watch);
  if (!unset.length) return '';
  return `Delve could not set ${unset.length === 1 ? 'breakpoint' : 'breakpoints'} ${unset.map((b) => `#${b.id} ${breakpointPlace(b)}${b.message ? ` (${b.message.replace(/\.$/, '')})` : ''}`).join(', ')} in it: :clear ${unset.length === 1 ? 'it' : 'them'}, or :break where the code is.`;
}

/** Restarts the target (with `args`, or its current arguments) and lets it run again: the watchpoints the restart dropped. */
export async function restartTarget(session: Session, args: string[] | undefined, opts: { stopOnEntry?: boolean; rebuild?: boolean } = {}): Promise<Breakpoint[]> {
  await stoppedForRestart(session);
  // The old process and its stop are gone; the new one runs after configurationDone unless stopOnEntry.
  await session.restart(restartArguments(args, opts.stopOnEntry, opts.rebuild));
  const dropped = session.forgetWatchpointsAtRestart();
  // Delve handles requests in order: these wait for the restart, and any `terminated` comes before their answers.
  await session.configure();
  if (session.state.status === 'exited' || session.state.status === 'disconnected') {
    throw new UserError('Delve could not start the program again; it has ended.', 'See the console for what Delve said; check the arguments.');
  }
  return dropped;
}
