// The registers pane's state: the selected frame's registers, read after each
// stop and each goroutine or frame selection, marked where they changed since
// the previous stop, annotated with what they point into. The cursor lives
// here too; commands move it and the pane reads snapshots.
import { Store } from '../core/store.js';
import type { Movable } from '../core/list-cursor.js';
import { describeError } from '../errors.js';
import type { Annotation } from '../memory/target-map.js';
import { REGISTER_ALIASES } from '../memory/address-expr.js';
import type { MemoryStore } from '../memory/store.js';
import type { Session } from '../session/session.js';
import { readRegisters } from './read.js';
import { changedRegisters, formatRegisterLine, holdsAddress, type Register } from './registers.js';
import { gdbRegisterLine, parseDelveRegisters, type DelveRegister, type MachineRegister } from './gdb-format.js';
import type { DelveRpcClient } from '../delve/rpc.js';
import { UserError } from '../errors.js';

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
  /** The pane shows every register (x87, mxcsr, xmm) too. */
  readonly all: boolean;
  /** Every register Delve gives, read through JSON-RPC when `all` is on (or :regs -a asked). */
  readonly machine: readonly MachineRegister[];
  /** Names of those changed since the previous stop (same goroutine and frame). */
  readonly machineChanged: ReadonlySet<string>;
  readonly machineMessage?: string;
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
  /** Every register per goroutine:frame at its last stop, for the change marks. */
  private readonly seenMachine = new Map<string, { stop: number; regs: readonly MachineRegister[]; before?: readonly MachineRegister[] }>();

  constructor(
    private readonly session: Session,
    private readonly memory: MemoryStore,
    private readonly rpc: () => Promise<DelveRpcClient | undefined> = async () => undefined,
  ) {
    super({ registers: [], changed: new Set(), annotations: new Map(), cursor: 0, loading: false, running: true, all: false, machine: [], machineChanged: new Set() });
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

  /** Reads the selected frame's registers again; `annotate`, what they point into too (the pane's, or `:regs` printing them). */
  async refresh(annotate = this.shown): Promise<void> {
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
    this.publish({ registers, changed: changedRegisters(before, registers), cursor, goroutine, frame, message: undefined, ...(annotate ? {} : { annotations: new Map(), loading: false }) });
    if (this.snap.all) await this.readMachine().catch(() => undefined);
    if (!annotate) return;
    // The binary's symbols name C's code (trial AL); over SSH they come late, from a copy (trial CB), and names with them.
    await Promise.all([this.memory.target.refresh(), this.memory.target.symbolsWithin()]);
    if (seq !== this.seq) return;
    this.publish({ annotations: this.annotate(registers) });
    void this.memory.target.loadBinary().then(() => seq === this.seq && this.publish({ annotations: this.annotate(registers) }));
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

  /** Shows or hides the x87, mxcsr and xmm registers in the pane. */
  async toggleAll(): Promise<boolean> {
    this.publish({ all: !this.snap.all });
    if (this.snap.all && this.session.state.status === 'stopped') await this.readMachine();
    return this.snap.all;
  }

  /** Every register of the selected frame, through Delve's JSON-RPC ListRegisters (with the floating-point ones). */
  async readMachine(): Promise<readonly MachineRegister[]> {
    this.session.requireStopped('read registers');
    const rpc = await this.rpc();
    if (!rpc) {
      const why = 'The x87 and vector registers come from Delve\'s JSON-RPC API, which this server does not offer (a dlv dap server?).';
      this.publish({ machine: [], machineMessage: why });
      throw new UserError(why, 'Start Delve headless with --accept-multiclient --api-version=2.');
    }
    const sel = this.session.state.selection;
    const goroutine = sel?.goroutine ?? -1;
    const frame = sel?.frame?.index ?? 0;
    const out = await rpc.call<{ Regs: DelveRegister[] | null }>('ListRegisters', { IncludeFp: true, Scope: { GoroutineID: goroutine, Frame: frame, DeferredCall: 0 } });
    const regs = parseDelveRegisters(out.Regs ?? []);
    const key = `${goroutine}:${frame}`;
    const last = this.seenMachine.get(key);
    const before = !last ? undefined : last.stop === this.session.stopCount ? last.before : last.regs;
    this.seenMachine.set(key, { stop: this.session.stopCount, regs, ...(before ? { before } : {}) });
    const old = new Map((before ?? []).map((r) => [r.name, Buffer.from(r.bytes).toString('hex')]));
    const changed = new Set(regs.filter((r) => old.has(r.name) && old.get(r.name) !== Buffer.from(r.bytes).toString('hex')).map((r) => r.name));
    this.publish({ machine: regs, machineChanged: changed, machineMessage: undefined });
    return regs;
  }

  /** gdb's `info all-registers`, a `*` after each line changed since the previous stop. */
  async allLines(): Promise<string[]> {
    const regs = await this.readMachine();
    await this.memory.target.symbolsWithin();
    return regs.map((r) => gdbRegisterLine(r, this.memory.target.symbolize));
  }

  move(delta: number): void {
    const general = new Set(this.snap.registers.map((r) => r.name));
    const n = this.snap.registers.length + (this.snap.all ? this.snap.machine.filter((r) => !general.has(r.name) && r.name !== 'eflags').length : 0);
    const to = delta === Infinity ? n - 1 : delta === -Infinity ? 0 : this.snap.cursor + delta;
    this.publish({ cursor: Math.max(0, Math.min(Math.max(0, n - 1), to)) });
  }

  /** The register under the cursor, or the one named. */
  pick(name?: string): Register | undefined {
    if (name) return this.snap.registers.find((r) => r.name === registerName(name));
    return this.snap.registers[this.snap.cursor];
  }

  /** Lines for the console (`regs`, `info registers`), optionally only the named registers. */
  lines(names: readonly string[] = []): string[] {
    const want = names.map(registerName);
    return this.snap.registers
      .filter((r) => want.length === 0 || want.includes(r.name))
      .map((r) => formatRegisterLine(r, { changed: this.snap.changed.has(r.name), annotation: this.snap.annotations.get(r.name)?.label }));
  }
}

/** A register as typed (`$RSP`, gdb's `eflags`) as Delve names it in the pane (`rsp`, `rflags`). */
export function registerName(typed: string): string {
  const n = typed.toLowerCase().replace(/^\$/, '');
  return REGISTER_ALIASES[n]?.toLowerCase() ?? n;
}
