import { CURSOR_START, fitCursor, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import { describeError, UserError } from '../errors.js';
import { goParseError, type Session } from '../session/session.js';
import { cutFloat } from '../core/go-float.js';
import { shownValue } from '../variables/summary.js';
import { frameTitle } from '../session/frame-names.js';

/** Characters of a value kept (y prints it whole). */
export const WATCH_VALUE_LIMIT = 400;

export interface WatchRow {
  id: number;
  expr: string;
  value?: string;
  type?: string;
  /** Why it could not be read here (out of scope, a typo): per row, the others still show. */
  error?: string;
  /** Its value differs from the one at the previous stop. */
  changed: boolean;
}

export interface WatchState {
  rows: readonly WatchRow[];
  cursor: ListCursor;
  /** Where the values were read: `main.process (frame 0)`. */
  frame?: string;
}

/**
 * Watch expressions: each re-read in the selected frame at every stop, every frame or goroutine
 * selection, and after code ran or memory was written. A value that differs from the previous
 * stop's is marked; a row that cannot be read says why.
 */
export class WatchModel extends CursorStore<WatchState> {
  private nextId = 1;
  /** Values at the last stop, by row id: what "changed" compares with. */
  private atLastStop = new Map<number, string | undefined>();
  private seq = 0;

  constructor(private readonly session: Session) {
    super({ rows: [], cursor: CURSOR_START }, 8);
    session.events.on('stop', () => void this.evaluate('stop'));
    session.events.on('selected', () => void this.evaluate('view'));
    session.events.on('target-changed', () => void this.evaluate('view'));
  }

  async add(expr: string): Promise<WatchRow> {
    const e = expr.trim();
    if (!e) throw new UserError('display needs an expression.', 'Example: :display o.Items[0].Qty');
    const row: WatchRow = { id: this.nextId++, expr: e, changed: false };
    this.set({ rows: [...this.state.rows, row], cursor: fitCursor({ ...this.state.cursor, index: this.state.rows.length }, this.state.rows.length + 1, this.height) });
    if (this.session.state.status === 'stopped') await this.evaluate('view', [row.id]);
    const read = this.state.rows.find((r) => r.id === row.id) ?? row;
    // Not Go at all (Go's parser, as Delve reports it: `1:6: expected operand`): no later stop can read it.
    const parse = read.error !== undefined ? goParseError(read.error) : undefined;
    if (parse) {
      this.remove(row.id);
      if (this.nextId === row.id + 1) this.nextId = row.id;
      throw new UserError(`'${e}' is not a Go expression: ${parse}.`, 'A watch is Go, as a :print takes it: :display x.Field, :display len(s).');
    }
    return read;
  }

  remove(id: number): WatchRow {
    const row = this.state.rows.find((r) => r.id === id);
    if (!row) throw new UserError(`There is no watch ${id}.`, this.state.rows.length ? `Watches: ${this.state.rows.map((r) => r.id).join(', ')}.` : 'There are no watches; :display EXPR adds one.');
    const rows = this.state.rows.filter((r) => r.id !== id);
    this.atLastStop.delete(id);
    this.set({ rows, cursor: fitCursor(this.state.cursor, rows.length, this.height) });
    return row;
  }

  current(): WatchRow | undefined {
    return this.state.rows[this.state.cursor.index];
  }

  /**
   * Reads the rows (all, or `only`) in the selected frame. At a stop, a value is marked changed
   * when it differs from the last stop's; looking at another frame shows values without marks.
   */
  private async evaluate(why: 'stop' | 'view', only?: number[]): Promise<void> {
    if (this.session.state.status !== 'stopped' || !this.state.rows.length) return;
    // A full read supersedes any before it; reading one new row supersedes nothing.
    const seq = only ? this.seq : ++this.seq;
    const frame = this.session.currentFrame();
    const read = new Map<number, Partial<WatchRow>>();
    for (const row of this.state.rows) {
      if (only && !only.includes(row.id)) continue;
      try {
        const first = await this.session.evaluate(row.expr, 'watch');
        // A float Delve cut in its zeros reads as 0: the whole value, as the variables pane asks.
        const r = cutFloat(first.result) ? await this.session.evaluate(row.expr, 'clipboard').catch(() => first) : first;
        const text = shownValue(r.result, r.type ?? '');
        const value = text.length > WATCH_VALUE_LIMIT ? `${text.slice(0, WATCH_VALUE_LIMIT)}…` : text;
        read.set(row.id, { value, type: r.type ?? '', error: undefined });
      } catch (err) {
        read.set(row.id, { value: undefined, type: undefined, error: describeError(err) });
      }
      if (seq !== this.seq) return;
    }
    const rows = this.state.rows.map((row) => {
      const got = read.get(row.id);
      if (!got) return row;
      const changed = why === 'stop' && this.atLastStop.has(row.id) && this.atLastStop.get(row.id) !== got.value;
      // A new row's first value is its baseline for the next stop.
      if (why === 'stop' || !this.atLastStop.has(row.id)) this.atLastStop.set(row.id, got.value);
      return { ...row, ...got, changed };
    });
    this.set({ rows, ...(frame ? { frame: frameTitle(frame) } : {}) });
  }

  protected rowCount(): number {
    return this.state.rows.length;
  }
}
