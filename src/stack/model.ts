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
    this.set({ goroutine: page.goroutine, frames: page.frames, total: page.total, complete: page.complete, selected, cursor: revealCursor(CURSOR_START, selected, page.total, this.rows), loading: false, error: undefined });
    void this.ensureLoaded(this.state.cursor.index + this.rows);
  }

  private select(index: number): void {
    this.set({ selected: index, cursor: revealCursor(this.state.cursor, index, Math.max(this.state.total, index + 1), this.rows) });
    void this.ensureLoaded(index + this.rows);
  }

  /** Loads frames up to `index` (and a page beyond), unless the stack ends before. */
  async ensureLoaded(index: number): Promise<void> {
    const s = this.state;
    if (s.goroutine === undefined || s.complete || index < s.frames.length || s.loading) return;
    const seq = this.seq;
    const gen = this.session.stopCount;
    this.set({ loading: true });
    try {
      const start = s.frames.length;
      const count = Math.max(FRAME_PAGE, index - start + FRAME_PAGE);
      const page = await this.session.frames(s.goroutine, start, count);
      if (seq !== this.seq || gen !== this.session.stopCount) return;
      const frames = [...this.state.frames, ...page.frames];
      this.set({ frames, total: page.complete ? frames.length : Math.max(page.total, frames.length), complete: page.complete, loading: false });
    } catch (err) {
      if (seq === this.seq) this.set({ loading: false, error: describeError(err) });
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
    const total = s.complete ? s.frames.length : Math.max(s.total, s.frames.length);
    this.set({ cursor: moveCursor(s.cursor, delta, total, this.rows) });
    void this.ensureLoaded(this.state.cursor.index + this.rows);
  }
}
