// The registers pane's state: the selected frame's registers, read after each
// stop and each goroutine or frame selection, marked where they changed since
// the previous stop, annotated with what they point into. The cursor lives
// here too; commands move it and the pane reads snapshots.
import { Listeners, perSession } from '../session/listeners.js';
import { describeError } from '../errors.js';
import type { Annotation } from '../memory/target-map.js';
import { memoryFor, type MemoryStore } from '../memory/store.js';
import { onFrameChange } from '../memory/stops.js';
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

export class RegistersStore {
  private snap: RegistersSnapshot = { registers: [], changed: new Set(), annotations: new Map(), cursor: 0, loading: false, running: true };
  private readonly listeners = new Listeners();
  /** Last registers read per goroutine:frame, for the change marks. */
  private readonly seen = new Map<string, Seen>();
  private seq = 0;
  private readonly memory: MemoryStore;
  private readonly unsubscribe: () => void;

  constructor(private readonly session: Session) {
    this.memory = memoryFor(session);
    const offFrames = onFrameChange(session, () => void this.refresh());
    let status = session.state.status;
    const offStatus = session.store.subscribe(() => {
      if (session.state.status === status) return;
      status = session.state.status;
      this.publish({});
    });
    this.unsubscribe = () => {
      offFrames();
      offStatus();
    };
    if (session.state.status === 'stopped' && session.state.frames.length) void this.refresh();
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  get = (): RegistersSnapshot => this.snap;

  readonly subscribe = this.listeners.subscribe;

  private publish(patch: Partial<RegistersSnapshot>): void {
    this.snap = { ...this.snap, ...patch, running: this.session.state.status !== 'stopped' };
    this.listeners.notify();
  }

  /** Reads the selected frame's registers again. */
  async refresh(): Promise<void> {
    const s = this.session.state;
    if (s.status !== 'stopped') return this.publish({});
    const seq = ++this.seq;
    const goroutine = s.selectedThreadId;
    const frame = s.selectedFrame;
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
    const before = !last ? undefined : last.stop === s.stopCount ? last.before : last.registers;
    this.seen.delete(key);
    this.seen.set(key, { stop: s.stopCount, registers, ...(before ? { before } : {}) });
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    const cursor = Math.min(this.snap.cursor, Math.max(0, registers.length - 1));
    this.publish({ registers, changed: changedRegisters(before, registers), cursor, goroutine, frame, message: undefined });
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
    this.publish({ cursor: Math.max(0, Math.min(Math.max(0, n - 1), this.snap.cursor + delta)) });
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

/** The session's registers store (one per session). */
export const registersFor = perSession((session: Session) => new RegistersStore(session));
