import { CURSOR_START, fitCursor, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import { describeError, UserError } from '../errors.js';
import { goParseError, type Session } from '../session/session.js';
import { cutFloat } from '../core/go-float.js';
import { shownValue } from '../variables/summary.js';
import { frameTitle } from '../session/frame-names.js';
import { markedChanged, nextReading, type Reading } from './marks.js';
import { readWatches, stateFile, writeWatches } from '../breakpoints/persist.js';
import type { Project } from '../features/types.js';

/** Frames whose last reading is kept (goroutines and frames looked at). */
const MAX_READINGS = 32;

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
 * selection, and after code ran or memory was written (here or by another client). A value that
 * differs from the previous stop's is marked; a row that cannot be read says why.
 */
export class WatchModel extends CursorStore<WatchState> {
  private nextId = 1;
  /** The last reading in each frame looked at (`goroutine:frame`), with the values at the stop before: what marks compare with. */
  private readings = new Map<string, Reading>();
  private seq = 0;

  constructor(
    private readonly session: Session,
    /** Where the program's watches are saved, as its breakpoints are (none with --no-restore). */
    private readonly project: () => Project | undefined = () => undefined,
  ) {
    super({ rows: [], cursor: CURSOR_START }, 8);
    // Kept across sessions as the breakpoints are (trial BZ: set again by hand at every start). Reading
    // an expression runs no code, so an attached service gets them too.
    const off = session.events.on('connected', () => {
      off();
      this.restore();
    });
    // Read before the next run (`n n n n` typed ahead): a stop left unread would make the next
    // stop's marks compare with an older one (a trial: `*` on values the last step had not changed).
    session.events.on('stop', () => {
      if (this.state.rows.length) session.sayAtStop(this.evaluate());
    });
    session.events.on('selected', () => void this.evaluate());
    // Another client's set (pair/values.ts notices it), a peer's or this gotui's own :set, a call.
    session.events.on('target-changed', () => void this.evaluate());
    session.events.on('renumbered', (e) => {
      for (const [key, r] of this.readings) if (r.stop === e.from) this.readings.set(key, { ...r, stop: e.to });
    });
  }

  async add(expr: string): Promise<WatchRow> {
    const e = expr.trim();
    if (!e) throw new UserError('display needs an expression.', 'Example: :display o.Items[0].Qty');
    const row: WatchRow = { id: this.nextId++, expr: e, changed: false };
    this.set({ rows: [...this.state.rows, row], cursor: fitCursor({ ...this.state.cursor, index: this.state.rows.length }, this.state.rows.length + 1, this.height) });
    if (this.session.state.status === 'stopped') await this.evaluate([row.id]);
    const read = this.state.rows.find((r) => r.id === row.id) ?? row;
    // Not Go at all (Go's parser, as Delve reports it: `1:6: expected operand`): no later stop can read it.
    const parse = read.error !== undefined ? goParseError(read.error) : undefined;
    if (parse) {
      this.drop(row.id);
      if (this.nextId === row.id + 1) this.nextId = row.id;
      throw new UserError(`'${e}' is not a Go expression: ${parse}.`, 'A watch is Go, as a :print takes it: :display x.Field, :display len(s).');
    }
    this.save();
    return read;
  }

  remove(id: number): WatchRow {
    const row = this.drop(id);
    this.save();
    return row;
  }

  private drop(id: number): WatchRow {
    const row = this.state.rows.find((r) => r.id === id);
    if (!row) throw new UserError(`There is no watch ${id}.`, this.state.rows.length ? `Watches: ${this.state.rows.map((r) => r.id).join(', ')}.` : 'There are no watches; :display EXPR adds one.');
    const rows = this.state.rows.filter((r) => r.id !== id);
    this.set({ rows, cursor: fitCursor(this.state.cursor, rows.length, this.height) });
    return row;
  }

  private restore(): void {
    const project = this.project();
    if (!project || this.state.rows.length) return;
    let exprs: string[];
    try {
      exprs = readWatches(project);
    } catch {
      return;
    }
    if (!exprs.length) return;
    const rows = exprs.map((expr): WatchRow => ({ id: this.nextId++, expr, changed: false }));
    this.set({ rows });
    this.session.log(`Restored ${rows.length} watch${rows.length === 1 ? '' : 'es'} saved for this program in ${stateFile(project)} (:display -d N removes one).`, 'info');
    if (this.session.state.status === 'stopped') void this.evaluate();
  }

  private save(): void {
    const project = this.project();
    if (!project) return;
    try {
      writeWatches(project, this.state.rows.map((r) => r.expr));
    } catch (err) {
      this.session.log(`Could not save watches in ${stateFile(project)}: ${describeError(err)}`, 'warning');
    }
  }

  current(): WatchRow | undefined {
    return this.state.rows[this.state.cursor.index];
  }

  /**
   * Reads the rows (all, or `only`) in the selected frame. A value is marked changed when it
   * differs from its value in this frame at the stop before (see marks.ts).
   */
  private async evaluate(only?: number[]): Promise<void> {
    if (this.session.state.status !== 'stopped' || !this.state.rows.length) return;
    // A full read supersedes any before it; reading one new row supersedes nothing.
    const seq = only ? this.seq : ++this.seq;
    const stop = this.session.stopCount;
    const sel = this.session.state.selection;
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
    // The target ran on under the reads: they are no stop's values, neither this one's nor the next one's baseline.
    if (this.session.state.status !== 'stopped' || this.session.stopCount !== stop) return;
    const key = `${sel?.goroutine}:${frame?.index}`;
    const reading = nextReading(this.readings.get(key), stop, new Map([...read].map(([id, r]) => [id, r.value])));
    this.readings.delete(key);
    this.readings.set(key, reading);
    if (this.readings.size > MAX_READINGS) this.readings.delete(this.readings.keys().next().value!);
    const rows = this.state.rows.map((row) => {
      const got = read.get(row.id);
      return got ? { ...row, ...got, changed: markedChanged(reading, row.id) } : row;
    });
    this.set({ rows, ...(frame ? { frame: frameTitle(frame) } : {}) });
  }

  protected rowCount(): number {
    return this.state.rows.length;
  }
}
