import { Store } from '../core/store.js';
import { styledSegments } from '../core/sanitize.js';
import type { Movable } from '../core/list-cursor.js';
import type { Session } from '../session/session.js';
import { compilePattern, type Pattern } from '../core/pattern.js';
import { isProgramLine, isProgramSide, type ConsoleLine, type LineKind } from './line.js';
import { consoleRows, wrappedRows } from './view.js';
import { describeStopReason } from '../session/breakpoints.js';
import { shortPlace } from '../core/text.js';
import { shownFrame, type Breakpoint, type Selection, type StopInfo } from '../session/state.js';

/** Which lines the console shows: all, the program's output, or gotui's and Delve's words. */
export type ConsoleFilter = 'all' | 'program' | 'debugger';

export interface ConsoleState {
  lines: readonly ConsoleLine[];
  filter: ConsoleFilter;
  /** Rows scrolled back from the end (0 = following the newest line). */
  back: number;
  /** The last error, kept for the command line until the next command. */
  lastError?: string;
  /** Lines dropped at the front to stay within the limit. */
  dropped: number;
  /** Only lines matching this are shown (`/` in the pane, `:console search RE`). */
  search?: Pattern;
}

export const CONSOLE_LIMIT = 5_000;

/** The console: the debuggee's output and gotui's messages, kept apart by kind and filterable. */
export class ConsoleModel extends Store<ConsoleState> implements Movable {
  private rows = 10;
  private width = 80;

  constructor(session: Session) {
    super({ lines: [], filter: 'all', back: 0, dropped: 0 });
    session.events.on('output', (e) => this.append(e.text, e.category));
    session.events.on('message', (e) => this.append(e.text, e.kind));
    session.events.on('logpoint', (e) => this.append(`> [Go ${e.goroutine}] ${e.file.split('/').pop()}:${e.line}: ${e.text}`, 'logpoint'));
    session.events.on('ended', (e) => this.append(e.message, e.why === 'disconnected' ? 'error' : 'info'));
    // Where each stop landed, as the dlv CLI prints it after a run: scrolled back, the console says
    // which stop was where (trial X lost count of its stops and ran past the one it wanted).
    // An exception's stop says itself, whole (Session).
    // The goroutine looked at when the target ran: a stop on another says so (trial AW: a step that
    // another goroutine's breakpoint ended read as the step's own stop, only its id changed).
    let ranOn: number | undefined;
    // Only a step's: a continue runs every goroutine, and a pause stops wherever (trial BB: `c`, `p` said "not 28, the one it ran from").
    session.events.on('resuming', (e) => (ranOn = e.by === 'step' ? session.state.selection?.goroutine : undefined));
    // A stop numbered past the next one shown here (a peer's quick steps: polls and words saw the last of
    // them): the ones between are said to have been, not skipped in silence (trial CK: 2, then 6).
    let lastShown = 0;
    session.events.on('renumbered', (e) => (lastShown = lastShown === e.from ? e.to : lastShown));
    session.events.on('stop', (e) => {
      if (e.stop.reason !== 'exception') this.append(stopLine(e.stop, e.selection, session.state.breakpoints, e.stop.reason === 'pause' ? undefined : ranOn), 'info');
      const unseen = lastShown && e.stop.number > lastShown + 1 ? unseenStops(lastShown + 1, e.stop.number - 1) : undefined;
      if (unseen) this.append(unseen, 'info');
      lastShown = e.stop.number;
      const pin = ranOn !== undefined ? pinHint(e.stop, e.selection, session.state.breakpoints, ranOn) : undefined;
      if (pin) this.append(pin, 'info');
      ranOn = undefined;
    });
    // Attached again, stopped or running again: the error on the command row (the lost connection,
    // a step Delve did not answer in time, a command refused in the state before) is history, not
    // the state; the console keeps it.
    const history = () => {
      if (this.state.lastError) this.set({ lastError: undefined });
    };
    session.events.on('connected', history);
    session.events.on('stop', history);
    session.events.on('resumed', history);
    // The wheel handed over: a refusal for who drove (`restart is not available: bob drives`) is history too.
    session.events.on('restricted', history);
  }

  append(text: string, kind: LineKind): void {
    const add: ConsoleLine[] = text.split('\n').map((t) => {
      const segments = isProgramLine(kind) ? styledSegments(t) : undefined;
      const plain = segments ? segments.map((s) => s.text).join('') : styledSegments(t).map((s) => s.text).join('');
      return { text: plain, kind, ...(segments && segments.some((s) => s.color || s.bold) ? { segments } : {}) };
    });
    const lastError = kind === 'error' ? add[0]!.text : kind === 'command' ? undefined : this.state.lastError;
    this.set((s) => {
      const lines = s.lines.concat(add);
      const over = Math.max(0, lines.length - CONSOLE_LIMIT);
      // Scrolled back, the view stays on the same lines while output arrives; a command the user
      // runs brings it to the end, where its answer comes.
      const back = s.back > 0 && kind !== 'command' ? s.back + wrappedRows(add, this.width) : 0;
      return { lines: over ? lines.slice(over) : lines, dropped: s.dropped + over, lastError, back };
    });
  }

  /** The lines the filter lets through. */
  filtered(): readonly ConsoleLine[] {
    const f = this.state.filter;
    if (f === 'all') return this.state.lines;
    return this.state.lines.filter((l) => (f === 'program') === isProgramSide(l.kind));
  }

  /** The lines the filter and the search let through. */
  shown(): readonly ConsoleLine[] {
    const { search } = this.state;
    // The search's own echo (`> console search late`) always matches it, and is no finding.
    return search ? this.filtered().filter((l) => search.test(l.text) && !(l.kind === 'command' && /^> console search\b/.test(l.text))) : this.filtered();
  }

  setFilter(filter: ConsoleFilter): void {
    this.set({ filter, back: 0 });
  }

  /** Shows only lines matching `source` (RE2, case-insensitive); '' shows all. A bad pattern is a UserError. */
  setSearch(source: string): void {
    this.set({ search: source ? compilePattern(source) : undefined, back: 0 });
  }

  clear(): void {
    this.set({ lines: [], back: 0, lastError: undefined });
  }

  setViewport(rows: number, width?: number): void {
    this.rows = Math.max(1, rows);
    if (width) this.width = Math.max(1, width);
  }

  /** Up is back in time, in rows as the pane wraps the lines (a long line is several); only the lines a move reaches are wrapped. */
  move(delta: number): void {
    const want = delta === -Infinity ? Number.MAX_SAFE_INTEGER : delta === Infinity ? 0 : Math.max(0, this.state.back - delta);
    this.set({ back: consoleRows(this.shown(), this.width, this.rows, want).clampedBack });
  }

  pageRows(): number {
    return this.rows;
  }
}

/**
 * A step of goroutine `ranOn` that one of gotui's breakpoints ended in another goroutine: the way to
 * step on through code every goroutine passes (trial BB: a worker loop's breakpoint ended each `n` in
 * the next worker), the breakpoint kept to the stepping goroutine, as gdb's `break … thread N`.
 */
export function pinHint(stop: StopInfo, selection: Selection, breakpoints: readonly Breakpoint[], ranOn: number): string | undefined {
  if (!/breakpoint/.test(stop.reason) || !selection.goroutine || selection.goroutine === ranOn) return undefined;
  const bp = breakpoints.find((b) => stop.breakpoints.includes(b.id) && b.by === undefined && !b.temporary && b.kind !== 'data');
  if (!bp) return undefined;
  const only = `runtime.curg.goid == ${ranOn}`;
  return `Breakpoint #${bp.id} stopped goroutine ${selection.goroutine} before goroutine ${ranOn}'s step ended: :cond ${bp.id} ${bp.condition ? `(${bp.condition}) && ${only}` : only} keeps it to goroutine ${ranOn}, then c ends that step (once goroutine ${ranOn} runs).`;
}

/** Stops a peer made that came and went between what this gotui showed. */
export function unseenStops(from: number, to: number): string {
  return `${from === to ? `Stop ${from}` : `Stops ${from}-${to}`} came and went before this gotui could show ${from === to ? 'it' : 'them'}: another gotui made ${from === to ? 'it' : 'them'} between its looks.`;
}

/**
 * `Stop 5 (breakpoint #1): main.format orders/main.go:137, goroutine 1`: where the goroutine that
 * stopped is (frame 0); `ranOn`, the goroutine the run was made from, named when it is another.
 */
export function stopLine(stop: StopInfo, selection: Selection, breakpoints: readonly Breakpoint[], ranOn?: number): string {
  const top = selection.top;
  const at = top ? `${top.name} ${top.file ? shortPlace(top.file, top.line) : `?:${top.line}`}` : 'the program\'s entry';
  const other = ranOn && selection.goroutine && ranOn !== selection.goroutine ? ` (not ${ranOn}, the one it ran from)` : '';
  // The dlv CLI's `goroutine` shows the thread then, not this one (trial CK: two stacks for one stop).
  const picked = stop.picked && selection.goroutine === stop.goroutine ? ' (picked: the thread Delve stopped runs none)' : '';
  // The panes show another frame (a pause in the runtime shows the program's first): said here too (trial BH: only :info said it).
  const shown = shownFrame(selection);
  // Halted at entry, Delve's goroutine 1 is a placeholder with no stack (trial Y): not named, as in the status bar.
  return `Stop ${stop.number} (${describeStopReason(stop, breakpoints)}): ${at}${top && selection.goroutine ? `, goroutine ${selection.goroutine}${other}${picked}` : ''}${shown ? `; ${shown}` : ''}`;
}
