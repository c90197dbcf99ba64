import { fitCursor, moveCursor, type ListCursor, type Movable } from './list-cursor.js';
import { Store } from './store.js';

/**
 * A list pane's model: a Store whose state keeps a cursor over `rowCount()` rows, moved by the
 * generic keys. `height` is the window the layout gives it, so a page is a page.
 */
export abstract class CursorStore<S extends { cursor: ListCursor }> extends Store<S> implements Movable {
  protected height: number;

  constructor(initial: S, height: number) {
    super(initial);
    this.height = height;
  }

  protected abstract rowCount(): number;

  /** The cursor kept on screen over `total` rows (default: the rows there are now). */
  protected fit(cursor: ListCursor, total = this.rowCount()): ListCursor {
    return fitCursor(cursor, total, this.height);
  }

  setViewport(rows: number): void {
    this.height = Math.max(1, rows);
    const cursor = this.fit(this.state.cursor);
    if (cursor !== this.state.cursor) this.set({ cursor } as Partial<S>);
  }

  move(delta: number): void {
    this.set({ cursor: moveCursor(this.state.cursor, delta, this.rowCount(), this.height) } as Partial<S>);
  }
}
