// The Disassembly pane's state: the function around the selected frame's pc
// (or around an address the user went to), the cursor, the trail of followed
// jumps and calls. Reads only while the pane is shown; learns of stops,
// selections and breakpoint changes from session events.
import { SourceFinder } from '../source/files.js';
import { Store } from '../core/store.js';
import type { Movable } from '../core/list-cursor.js';
import { describeError, UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import type { Disassembler, Instruction } from './disassembler.js';
import { relativeTarget } from './encoding.js';
import { hex } from '../core/text.js';

export interface DisasmState {
  readonly instructions: readonly Instruction[];
  readonly syntax?: 'att' | 'intel' | 'go';
  /** The selected frame's pc (▶). */
  readonly pc?: bigint;
  /** Index of the instruction under the cursor. */
  readonly cursor: number;
  /** Addresses to go back to (Backspace), the latest last. */
  readonly history: readonly bigint[];
  /** Instruction breakpoints gotui set, by address. */
  readonly breakpoints: ReadonlySet<bigint>;
  readonly loading: boolean;
  readonly message?: string;
  readonly running: boolean;
}

export class DisasmModel extends Store<DisasmState> implements Movable {
  private shown = false;
  private rows = 10;
  private seq = 0;
  /** What the pane is pinned to: undefined follows the pc. */
  private pinned: bigint | undefined;
  /** A stop or a selection asked for the pc: a refresh for a breakpoint change meanwhile goes there too. */
  private followPc = false;

  constructor(
    private readonly session: Session,
    readonly disasm: Disassembler,
    /** Where the interleaved source lines come from (substitute-path, the SSH host): the source pane's finder. */
    private readonly sources: SourceFinder = new SourceFinder(),
  ) {
    super({ instructions: [], cursor: 0, history: [], breakpoints: new Set(), loading: false, running: session.state.status !== 'stopped' });
    // A file read over SSH arrives later: draw its lines then.
    sources.subscribe(() => this.set({}));
    const follow = () => {
      this.pinned = undefined;
      this.followPc = true;
      void this.refresh();
    };
    session.events.on('stop', follow);
    session.events.on('selected', follow);
    // Not a new place: the cursor stays on its instruction (b toggled twice is set, then cleared).
    session.events.on('target-changed', () => void this.refresh(true));
    session.events.on('breakpoints', () => void this.refresh(true));
    session.events.on('resumed', () => this.set({ running: true }));
    session.events.on('ended', () => this.set({ running: true }));
  }

  /** Line `line` of the file Delve calls `file`, when gotui has it (undefined while it is read, or missing). */
  sourceLine(file: string, line: number): string | undefined {
    const src = this.sources.get(file);
    return src.missing || src.loading ? undefined : src.lines[line - 1];
  }

  setShown(shown: boolean): void {
    const was = this.shown;
    this.shown = shown;
    if (shown && !was) void this.refresh();
  }

  setViewport(rows: number): void {
    this.rows = Math.max(1, rows);
  }

  viewRows(): number {
    return this.rows;
  }

  move(delta: number): void {
    const n = this.state.instructions.length;
    const to = delta === Infinity ? n - 1 : delta === -Infinity ? 0 : this.state.cursor + delta;
    this.set({ cursor: Math.max(0, Math.min(Math.max(0, n - 1), to)) });
  }

  /** The instruction under the cursor. */
  current(): Instruction | undefined {
    return this.state.instructions[this.state.cursor];
  }

  /**
   * Reads the function around the pinned address, or around the selected frame's pc, the cursor
   * there (or, `keepCursor`, on the instruction it was on); what failed is shown, and returned.
   */
  async refresh(keepCursor = false): Promise<unknown> {
    if (!this.shown || this.session.state.status !== 'stopped') return this.set({ running: this.session.state.status !== 'stopped' });
    const pcText = this.session.currentFrame()?.pc;
    const pc = pcText ? BigInt(pcText) : undefined;
    const at = this.pinned ?? pc;
    const breakpoints = new Set(this.session.state.breakpoints.filter((b) => b.kind === 'instruction').map((b) => b.address!));
    if (at === undefined) return this.set({ instructions: [], message: 'The selected frame has no pc to disassemble.', pc, breakpoints, running: false });
    const seq = ++this.seq;
    this.set({ loading: true, pc, breakpoints, running: false });
    try {
      const got = await this.disasm.around(at);
      if (seq !== this.seq) return;
      const keep = keepCursor && !this.followPc ? this.current()?.address : undefined;
      const want = keep ?? this.pinned ?? at;
      this.followPc = false;
      let cursor = got.instructions.findIndex((i) => i.address === want);
      if (cursor < 0) cursor = got.instructions.findIndex((i) => i.address >= at);
      this.set({ instructions: got.instructions, syntax: got.syntax, cursor: Math.max(0, cursor), loading: false, message: got.syntax === 'go' ? 'Go syntax: this Delve has no JSON-RPC side channel (gdb syntax needs a headless Delve).' : undefined });
    } catch (err) {
      if (seq === this.seq) this.set({ instructions: [], loading: false, message: describeError(err) });
      return err;
    }
    return undefined;
  }

  /** Shows the function around an address (keeps where it was for Backspace). */
  async goTo(address: bigint): Promise<void> {
    const before = { state: this.state, pinned: this.pinned };
    const here = this.current()?.address;
    if (here !== undefined) this.set({ history: [...this.state.history, here].slice(-100) });
    this.pinned = address;
    const failed = await this.refresh();
    if (!failed) return;
    // Nothing there to show (no code at that address): the pane stays where it was, and the command says why.
    this.pinned = before.pinned;
    this.set(before.state);
    throw failed instanceof UserError && !/[.!?]$/.test(failed.message) ? new UserError(`${failed.message}.`, failed.hint) : failed;
  }

  /** Enter: the target of the jump or call under the cursor. */
  async follow(): Promise<bigint> {
    const ins = this.current();
    if (!ins) throw new UserError('There is no instruction under the cursor.', 'Stop the target, then open the Disassembly pane.');
    const target = ins.target ?? relativeTarget(Buffer.from(ins.bytes, 'hex'), ins.address);
    if (target === undefined) throw new UserError(`The instruction at ${hex(ins.address)} is not a jump or call with a known target.`, 'Move to a call or jmp (register targets are known only at the pc).');
    await this.goTo(target);
    return target;
  }

  /** Backspace: where the last follow came from. */
  async back(): Promise<void> {
    const prev = this.state.history[this.state.history.length - 1];
    if (prev === undefined) throw new UserError('There is no earlier place to go back to.');
    this.set({ history: this.state.history.slice(0, -1) });
    this.pinned = prev;
    await this.refresh();
  }

  /** Back to the pc. */
  async toPc(): Promise<void> {
    this.pinned = undefined;
    await this.refresh();
  }
}
