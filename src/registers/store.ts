// The registers pane's state: the selected frame's registers, read after each
// stop and each goroutine or frame selection, marked where they changed since
// the previous stop, annotated with what they point into. The cursor lives
// here too; commands move it and the pane reads snapshots.
import { Store } from '../core/store.js';
import type { Movable } from '../core/list-cursor.js';
import { describeError } from '../errors.js';
import type { Annotation } from '../memory/target-map.js';
import type { MemoryStore } from '../memory/store.js';
import type { Session } from '../session/session.js';
import { readRegisters } from './read.js';
import { changedRegisters, formatRegisterLine, holdsAddress, type Register } from './registers.js';

export interface RegistersSnapshot {
  readonly registers: readonly Register[];
  /** Names changed since this goroutine and frame were last read at an earlier stop. */
  readonly changed: ReadonlySet<string>;
  readonly annotations: ReadonlyMap<string, Annotation>;
  readonly cursor: number;
  /** Whose registers: goroutine and frame index. */
  readonly goroutine?: number;
  readonly frame?: number;
  readonly loading: boolean;
  /** Why there are none, or a read failed. */
  readonly message?: string;
  readonly running: boolean;
}

interface Seen {
  readonly stop: number;
  readonly registers: readonly Register[];
  /** What it held at the stop before, to keep marks when re-read within one stop. */
  readonly before?: readonly Register[];
}

const MAX_REMEMBERED = 256;

export class RegistersStore extends Store<RegistersSnapshot> implements Movable {
  /** Last registers read per goroutine:frame, for the change marks. */
  private readonly seen = new Map<string, Seen>();
  private seq = 0;
  private rows = 10;
  private shown = false;

  constructor(
    private readonly session: Session,
    private readonly memory: MemoryStore,
  ) {
    super({ registers: [], changed: new Set(), annotations: new Map(), cursor: 0, loading: false, running: true });
    session.events.on('stop', () => void this.refresh());
    session.events.on('selected', () => void this.refresh());
    session.events.on('target-changed', () => void this.refresh());
    session.events.on('resumed', () => this.publish({}));
    session.events.on('ended', () => this.publish({}));
  }

  private get snap(): RegistersSnapshot {
    return this.state;
  }

  private publish(patch: Partial<RegistersSnapshot>): void {
    this.set({ ...patch, running: this.session.state.status !== 'stopped' });
  }

  setViewport(rows: number): void {
    this.rows = Math.max(1, rows);
  }

  /**
   * What registers point into costs Delve a dozen evaluations a stop: done only while the pane is
   * on screen (the values themselves are read at every stop, for the change marks).
   */
  setShown(shown: boolean): void {
    this.shown = shown;
    if (shown && this.session.state.status === 'stopped') void this.refresh();
  }

  /** Rows the pane shows. */
  viewRows(): number {
    return this.rows;
  }

  /** Reads the selected frame's registers again. */
  async refresh(): Promise<void> {
    const s = this.session.state;
    if (s.status !== 'stopped') return this.publish({});
    const seq = ++this.seq;
    const goroutine = s.selection?.goroutine;
    const frame = s.selection?.frame?.index ?? 0;
    this.publish({ loading: true });
    let registers: Register[];
    try {
      registers = await readRegisters(this.session);
    } catch (err) {
      if (seq === this.seq) this.publish({ registers: [], changed: new Set(), annotations: new Map(), loading: false, message: describeError(err), goroutine, frame });
      return;
    }
    if (seq !== this.seq) return;
    const key = `${goroutine}:${frame}`;
    const last = this.seen.get(key);
    const before = !last ? undefined : last.stop === this.session.stopCount ? last.before : last.registers;
    this.seen.delete(key);
    this.seen.set(key, { stop: this.session.stopCount, registers, ...(before ? { before } : {}) });
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    const cursor = Math.min(this.snap.cursor, Math.max(0, registers.length - 1));
    this.publish({ registers, changed: changedRegisters(before, registers), cursor, goroutine, frame, message: undefined, ...(this.shown ? {} : { annotations: new Map(), loading: false }) });
    if (!this.shown) return;
    await this.memory.target.refresh();
    if (seq !== this.seq) return;
    this.publish({ annotations: this.annotate(registers) });
    const values = registers.filter((r) => holdsAddress(r.name)).map((r) => r.value);
    if (await this.memory.target.resolve(values)) {
      if (seq === this.seq) this.publish({ annotations: this.annotate(registers) });
    }
    if (seq === this.seq) this.publish({ loading: false });
  }

  private annotate(registers: readonly Register[]): Map<string, Annotation> {
    const out = new Map<string, Annotation>();
    for (const r of registers) {
      if (!holdsAddress(r.name)) continue;
      const a = this.memory.target.annotate(r.value);
      if (a) out.set(r.name, a);
    }
    return out;
  }

  move(delta: number): void {
    const n = this.snap.registers.length;
    const to = delta === Infinity ? n - 1 : delta === -Infinity ? 0 : this.snap.cursor + delta;
    this.publish({ cursor: Math.max(0, Math.min(Math.max(0, n - 1), to)) });
  }

  /** The register under the cursor, or the one named. */
  pick(name?: string): Register | undefined {
    if (name) return this.snap.registers.find((r) => r.name === name.toLowerCase().replace(/^\$/, ''));
    return this.snap.registers[this.snap.cursor];
  }

  /** Lines for the console (`regs`, `info registers`), optionally only the named registers. */
  lines(names: readonly string[] = []): string[] {
    const want = names.map((n) => n.toLowerCase().replace(/^\$/, ''));
    return this.snap.registers
      .filter((r) => want.length === 0 || want.includes(r.name))
      .map((r) => formatRegisterLine(r, { changed: this.snap.changed.has(r.name), annotation: this.snap.annotations.get(r.name)?.label }));
  }
}
