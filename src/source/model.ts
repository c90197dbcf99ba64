import { Store } from '../core/store.js';
import { CURSOR_START, moveCursor, revealCursor, type ListCursor, type Movable } from '../core/list-cursor.js';
import type { Session } from '../session/session.js';
import type { Breakpoint, Frame } from '../session/state.js';
import type { SourceFile, SourceFinder } from './files.js';

/** Lines kept in view after a stop (or a line opened): what the next steps run shows. */
export const SOURCE_CONTEXT = 3;

export interface SourceState {
  /** The file shown; its cursor's index is the line number minus one. */
  file?: string;
  cursor: ListCursor;
  /** Lines in the file shown. */
  lines: number;
  /** The selected frame's line (▶). */
  stop?: { file: string; line: number; frame: number };
  breakpoints: readonly Breakpoint[];
  /** The line asked for while the file was still being looked for, or missing (shown once it is there: a rule can find it). */
  pending?: number;
}

/**
 * The source pane: follows every stop and every frame selection in the same event that announces
 * it, so the first paint after a stop already shows the new file and line.
 */
export class SourceModel extends Store<SourceState> implements Movable {
  private rows = 20;

  constructor(
    session: Session,
    readonly finder: SourceFinder,
  ) {
    super({ cursor: CURSOR_START, lines: 0, breakpoints: session.state.breakpoints });
    // A file found later (a guess, a read over SSH) or found elsewhere (a new rule): show it, at the line asked for.
    finder.subscribe(() => {
      const { file, pending, cursor } = this.state;
      if (file) this.open(file, pending ?? cursor.index + 1);
    });
    // Early: the stop line paints before the other panes ask Delve for their part.
    session.events.on(
      'stop',
      (e) => {
        finder.retryLater();
        // A stop with no frame (a restart's, at the entry, before the runtime starts): the file of
        // the last stop would pass for this one's, so the pane says why there is none (:list opens one).
        if (!e.selection.frame) this.set({ file: undefined, lines: 0, cursor: CURSOR_START, stop: undefined, pending: undefined });
        else this.showFrame(e.selection.frame);
      },
      { early: true },
    );
    session.events.on('selected', (e) => this.showFrame(e.selection.frame));
    session.events.on('breakpoints', (e) => this.set({ breakpoints: e.breakpoints }));
  }

  /** The frame's file, with the cursor on its line (centred when it was off screen). */
  showFrame(frame: Frame | undefined): void {
    if (!frame?.file) {
      this.set({ stop: undefined });
      return;
    }
    const stop = { file: frame.file, line: frame.line, frame: frame.index };
    this.open(frame.file, frame.line, { stop });
  }

  /** Shows `file` (Delve's path) at `line`. */
  open(file: string, line: number, extra: Partial<SourceState> = {}): void {
    const found = this.finder.get(file);
    const lines = found.lines.length;
    const from = file === this.state.file ? this.state.cursor : CURSOR_START;
    this.set({ file, lines, cursor: revealCursor(from, line - 1, lines, this.rows, SOURCE_CONTEXT), pending: found.loading || found.missing ? line : undefined, ...extra });
  }

  /** The file shown, as found. */
  source(): SourceFile | undefined {
    return this.state.file ? this.finder.get(this.state.file) : undefined;
  }

  /** Back to the ▶ line. */
  toStop(): boolean {
    const s = this.state.stop;
    if (!s) return false;
    this.open(s.file, s.line);
    return true;
  }

  cursorLine(): number {
    return this.state.cursor.index + 1;
  }

  setViewport(rows: number): void {
    this.rows = Math.max(1, rows);
    // A pane made smaller (another pane opened below it, the first layout after attaching) keeps the lines after the cursor too.
    this.set({ cursor: revealCursor(this.state.cursor, this.state.cursor.index, this.state.lines, this.rows, SOURCE_CONTEXT) });
  }

  move(delta: number): void {
    const cursor = moveCursor(this.state.cursor, delta, this.state.lines, this.rows);
    if (cursor !== this.state.cursor) this.set({ cursor });
  }

  pageRows(): number {
    return this.rows;
  }
}
