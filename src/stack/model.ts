import { Store } from '../core/store.js';
import { CURSOR_START, fitCursor, moveCursor, revealCursor, type ListCursor, type Movable } from '../core/list-cursor.js';
import { describeError } from '../errors.js';
import { FRAME_PAGE, type Session } from '../session/session.js';
import type { Frame, FramesPage } from '../session/state.js';

export interface StackState {
  goroutine?: number;
  /** Frames loaded so far, by index from 0 (a stack pages in as it is scrolled). */
  frames: readonly Frame[];
  /** How many frames the stack has (a lower bound while `complete` is false). */
  total: number;
  complete: boolean;
  /** The frame the user looks at. */
  selected: number;
  cursor: ListCursor;
  loading: boolean;
  error?: string;
}

/** Frames of the selected goroutine, paged in from Delve as the cursor nears the end of what is loaded. */
export class StackModel extends Store<StackState> implements Movable {
  private rows = 10;
  private seq = 0;
  /** The furthest frame index asked for since the last page began loading. */
  private wanted = 0;
  /** G was the last move: the cursor follows the stack's bottom as pages come in. */
  private toEnd = false;

  constructor(private readonly session: Session) {
    super({ frames: [], total: 0, complete: true, selected: 0, cursor: CURSOR_START, loading: false });
    session.events.on('stop', (e) => this.showPage(e.frames, e.selection.frame?.index ?? 0), { early: true });
    session.events.on('selected', (e) => {
      if (e.frames) this.showPage(e.frames, e.selection.frame?.index ?? 0);
      else this.select(e.selection.frame?.index ?? 0);
    });
  }

  private showPage(page: FramesPage, selected: number): void {
    this.seq++;
    this.toEnd = false;
    this.set({ goroutine: page.goroutine, frames: page.frames, total: page.total, complete: page.complete, selected, cursor: revealCursor(CURSOR_START, selected, page.total, this.rows), loading: false, error: undefined });
    void this.ensureLoaded(this.state.cursor.index + this.rows);
  }

  private select(index: number): void {
    this.set({ selected: index, cursor: revealCursor(this.state.cursor, index, Math.max(this.state.total, index + 1), this.rows) });
    void this.ensureLoaded(index + this.rows);
  }

  /**
   * Loads frames up to `index` (and a page beyond), unless the stack ends before. Asked again while
   * a page loads (G pressed twice), the furthest index asked for is loaded once that page is in.
   */
  async ensureLoaded(index: number): Promise<void> {
    this.wanted = this.state.loading ? Math.max(this.wanted, index) : index;
    if (this.state.loading) return;
    const seq = this.seq;
    const gen = this.session.stopCount;
    for (;;) {
      const s = this.state;
      // G: page after page until the bottom, the cursor on the last frame read.
      if (s.goroutine === undefined || s.complete || (!this.toEnd && this.wanted < s.frames.length)) return;
      this.set({ loading: true });
      try {
        const start = s.frames.length;
        const count = Math.max(FRAME_PAGE, this.wanted - start + FRAME_PAGE);
        const page = await this.session.frames(s.goroutine, start, count);
        if (seq !== this.seq || gen !== this.session.stopCount) return;
        const frames = [...this.state.frames, ...page.frames];
        const total = page.complete ? frames.length : Math.max(page.total, frames.length);
        // Delve's count is an estimate until the bottom is read: the cursor stays within what is known.
        const cursor = this.toEnd ? moveCursor(this.state.cursor, Infinity, frames.length, this.rows) : fitCursor(this.state.cursor, total, this.rows);
        this.set({ frames, total, complete: page.complete, loading: false, cursor });
      } catch (err) {
        if (seq === this.seq) this.set({ loading: false, error: describeError(err) });
        return;
      }
    }
  }

  cursorFrame(): Frame | undefined {
    return this.state.frames[this.state.cursor.index];
  }

  setViewport(rows: number): void {
    this.rows = Math.max(1, rows);
    const cursor = fitCursor(this.state.cursor, Math.max(this.state.total, this.state.frames.length), this.rows);
    if (cursor !== this.state.cursor) this.set({ cursor });
  }

  move(delta: number): void {
    const s = this.state;
    this.toEnd = delta === Infinity && !s.complete;
    // Within the frames read: rows past them would be blank until their page came.
    this.set({ cursor: moveCursor(s.cursor, delta, s.frames.length, this.rows) });
    void this.ensureLoaded(this.state.cursor.index + this.rows);
  }
}
