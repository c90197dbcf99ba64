/*
 * How gotui says, on its way out, what it left: pure, from the session's last status and what
 * Delve answered then (the farewell must be true whatever happened meanwhile).
 */
import type { RpcBreakpoint, RpcDebuggerState } from '../delve/rpc.js';
import { shortPlace } from '../core/text.js';

/** Another client's breakpoint where a target left running may halt; `trace`, its tracepoint (the dlv CLI's trace, a logpoint). */
export type OthersBreakpoint = Pick<RpcBreakpoint, 'id' | 'file' | 'line' | 'functionName'> & { trace?: boolean };

/**
 * The target's run state for the farewell: Delve's answer when there is one, else the status gotui
 * left it in. `others`: breakpoints other clients keep, where a target let run may yet halt.
 */
export function leftState(status: string, state: RpcDebuggerState | undefined, others: readonly OthersBreakpoint[] = [], haltedAtDrop?: { connect: string }): string {
  if (state?.exited) return Number.isInteger(state.exitStatus) ? `exited with status ${state.exitStatus}` : 'exited';
  // Killed while halted, a target still shows halted to Delve: gotui knows its process is gone.
  if (status === 'exited' && !state?.Running) return 'exited';
  // Halted when the link dropped (gotui's --stop, a breakpoint): it stays so, which "unseen" hid (trial AU: a service left frozen).
  if (!state && status === 'disconnected' && haltedAtDrop) return `unseen: the connection to its Delve closed while it was halted, and it stays halted until a client continues it (${haltedAtDrop.connect}, then continue)`;
  // Running as last seen when Delve did not say (its State unanswered in time), with what may halt it.
  if ((state ? state.Running : status === 'running') && others.length) {
    const at = others.slice(0, 3).map((b) => (b.file ? shortPlace(b.file, b.line) : b.functionName ?? `#${b.id}`));
    const traces = others.some((b) => b.trace);
    const what = others.length === 1 ? `another client's ${traces ? 'trace' : 'breakpoint'}` : `other clients' ${traces ? 'breakpoints and traces' : 'breakpoints'}`;
    // Delve lets a run on past a trace only for a client waiting on it (trial CN: a trace halted the service once gotui had gone).
    const why = traces ? ': Delve runs on past a trace only for a client waiting on the run' : '';
    return `running (it halts if it reaches ${what} at ${at.join(', ')}${others.length > 3 ? ', …' : ''}${why})`;
  }
  if (!state) return status === 'stopped' ? 'halted' : status === 'running' ? 'running' : status === 'exited' ? 'exited' : status === 'disconnected' ? 'unseen: the connection to its Delve had closed' : 'as it was';
  if (state.Running) return 'running';
  // Let run, it can stop at once at a breakpoint another client set: "halted" alone would puzzle.
  const t = state.currentThread;
  if (status !== 'running' || !t?.breakPoint || !t.file || !t.line) return 'halted';
  // A trace halts a run no client waits on (a client's continue runs it on): gotui's was that run.
  return t.breakPoint.continue ? `halted: it ran into another client's trace at ${shortPlace(t.file, t.line)}, where Delve runs on only for a client waiting on the run (a continue from a client lets it run)` : `halted: it ran into a breakpoint at ${shortPlace(t.file, t.line)}`;
}

/**
 * Breakpoints and watches still saved for the program (its next start under gotui sets them again),
 * said after "Removed ...": removed from Delve is not forgotten.
 */
export function savedNote(breakpoints: number, watches: number, file: string): string {
  if (!breakpoints && !watches) return '';
  // The watches wait in the same file: naming only the breakpoints hid them (trial CC).
  const one = breakpoints + watches === 1;
  const what = [counted(breakpoints, 'breakpoint', one), counted(watches, 'watch', one)].filter(Boolean).join(' and ');
  // "Removed 2 ... 3 stay saved" read as a contradiction: removed from Delve, kept in the file.
  return ` The program's ${what} ${one ? 'stays' : 'stay'} in ${file} for its next start under gotui (--no-restore skips ${one ? 'it' : 'them'}).`;
}

/** `saved breakpoint` (the only thing saved), `1 saved watch`, `2 saved watches`; empty for none. */
function counted(n: number, noun: 'breakpoint' | 'watch', only: boolean): string {
  if (!n) return '';
  return only ? `saved ${noun}` : `${n} saved ${noun}${n === 1 ? '' : noun === 'watch' ? 'es' : 's'}`;
}

/** Flag edits still queued for a stop that will not come to this gotui (`-log-level=warn`), as a sentence to append. */
export function droppedEditsNote(edits: readonly string[]): string {
  if (!edits.length) return '';
  return ` ${edits.length === 1 ? 'A queued flag edit was' : `${edits.length} queued flag edits were`} dropped, never applied: ${edits.join(', ')}.`;
}

/** Flag edits whose Set call a breakpoint cut short, not taken when last read: the program may finish them as it runs on, or never. */
export function unfinishedNote(edits: readonly string[]): string {
  if (!edits.length) return '';
  return ` ${edits.length === 1 ? "A flag edit's Set call" : `${edits.length} flag edits' Set calls`}, cut short by a breakpoint, had not finished: ${edits.join(', ')} (the program may finish ${edits.length === 1 ? 'it' : 'them'} as it runs on, or never).`;
}

/** Flags this gotui changed that the program keeps after it leaves (`-workers (was 5)`), as a sentence to append. */
export function changedFlagsNote(flags: readonly string[]): string {
  if (!flags.length) return '';
  return ` ${flags.length === 1 ? 'A flag changed here stays so' : `${flags.length} flags changed here stay so`} in the program: ${flags.join(', ')}.`;
}

/** Commands typed before leaving that waited behind it (q runs at once) and were not run. */
export function notRunNote(lines: readonly string[]): string {
  if (!lines.length) return '';
  return ` Not run, as gotui was leaving: ${lines.map((l) => `:${l}`).join(', ')}.`;
}

/** One of gotui's breakpoints by its own number (`#1`) and Delve's. */
export interface DelveNumbered {
  id: number;
  delveId: number;
}

/**
 * The dlv CLI's commands that clear gotui's breakpoints, by Delve's numbers (the ones its clear
 * takes), tied to gotui's where they differ (trial CN: `clear 4, clear 5` after `#1` and `#2`).
 */
export function clearWords(list: readonly DelveNumbered[]): string {
  const words = list.map((b) => `clear ${b.delveId}`).join(', ');
  return list.some((b) => b.id !== b.delveId) ? `${words}: Delve's numbers for gotui's ${list.map((b) => `#${b.id}`).join(', ')}` : words;
}

/** What became of the breakpoints gotui set, as a sentence to append (empty when there were none). */
/** `connect`: how the dlv CLI reaches this Delve once gotui has gone (`dlv connect 127.0.0.1:2345`). */
export function removedNote({ removed, notRemoved, notRemovedIds = [], kept = 0, keptOff = [], closed = false, delveGone = false, heldByOther = false, connect = 'dlv connect' }: { removed: number; notRemoved: number; notRemovedIds?: readonly DelveNumbered[]; kept?: number; keptOff?: readonly string[]; closed?: boolean; delveGone?: boolean; heldByOther?: boolean; connect?: string }): string {
  const clear = notRemovedIds.length ? clearWords(notRemovedIds) : 'breakpoints and clear ID';
  if (notRemoved && closed && delveGone) return ` Its Delve is gone, and ${notRemoved === 1 ? 'the breakpoint' : `the ${notRemoved} breakpoints`} gotui set with it.`;
  // Disabled ones are gotui's only (DAP has no disabled state): nothing of them stays in Delve.
  const off = keptOff.length ? ` ${keptOff.length === 1 ? `The disabled one (${keptOff[0]}) was` : `The ${keptOff.length} disabled ones (${keptOff.join(', ')}) were`} in gotui only, not in Delve: not kept.` : '';
  if (kept) return ` Kept ${kept === 1 ? 'the breakpoint' : `the ${kept} breakpoints`} gotui set, as asked (${connect}, then breakpoints lists ${kept === 1 ? 'it' : 'them'}).${off}`;
  if (off) return off;
  if (notRemoved && closed) return ` With the connection closed, ${notRemoved === 1 ? 'the breakpoint' : `the ${notRemoved} breakpoints`} gotui set could not be removed: the target halts there with no client attached (${connect}, then ${clear}).`;
  const which = notRemoved === 1 ? 'the breakpoint' : `the ${notRemoved} breakpoints`;
  if (notRemoved && heldByOther) return ` Another client's continue runs the target, and Delve takes no breakpoint out meanwhile: ${which} gotui set ${notRemoved === 1 ? 'stays' : 'stay'} (${connect}, and once it halts, ${clear}).`;
  if (notRemoved) return ` Delve did not answer: ${which} gotui set may still be there (${connect}, then ${clear}).`;
  return removed === 1 ? ' Removed the breakpoint gotui set from Delve.' : removed ? ` Removed the ${removed} breakpoints gotui set from Delve.` : '';
}

/** The user's breakpoints an earlier gotui kept (their names and places), left in Delve as found: said after the leave. */
export function keptEarlierNote(names: readonly string[]): string {
  if (!names.length) return '';
  const which = names.length === 1 ? `The breakpoint you kept earlier (${names[0]}) stays` : `The ${names.length} breakpoints you kept earlier (${names.join(', ')}) stay`;
  return ` ${which} in Delve, as found: the target halts there.`;
}

/** Where the output of a Delve gotui started, and of its target, goes once gotui has detached. */
export function keptOutput(file: string | undefined): string {
  return file ? `; its output and Delve's go on in ${file}` : '';
}
