// The memory pane's state and the I/O behind it: what is examined (the pure
// examineReducer), the bytes read at this stop and the previous one, watches,
// the last decode. Commands drive it; the pane reads snapshots through
// subscribe/get and renders only the rows on screen. At every stop the view
// and the watches are read again.
import { describeError, UserError } from '../errors.js';
import { Store } from '../core/store.js';
import type { Session } from '../session/session.js';
import { BlockCache } from './block-cache.js';
import { decodeInterface, decodeSliceHeader, decodeStringHeader, splitInterfaceValue } from './decode.js';
import { changedCells } from './diff.js';
import { parseAddressExpr } from './address-expr.js';
import { examineByteLength, MAX_EXAMINE_BYTES, parseExamineCommand, UNIT_BYTES, type ExamineFormat, type ExamineUnit } from './examine-grammar.js';
import { formatMemory, formatCell, gdbUnitsPerRow, readLE, symbolLabel, type MemoryRow } from './format.js';
import { MemoryReader, type MethodChoice, type MethodInfo } from './reader.js';
import { resolveAddress } from './resolve.js';
import { breakpointOriginalBytes } from '../delve/breakpoint-bytes.js';
import { TargetMap } from './target-map.js';
import { DEFAULT_TELESCOPE_DEPTH, formatChain, telescope } from './telescope.js';
import { mapFromRegions, parseMaps, type MemoryMap } from './vmmap.js';
import { coreMaps } from '../postmortem/core-file.js';
import { examineReducer, initialExamineState, leftFrom, pointerUnderCursor, type ExamineAction, type ExamineState } from './view-state.js';
import type { GridSource, GridView } from './view-rows.js';
import { Disassembler, type Instruction } from '../disasm/disassembler.js';
import type { DelveRpcClient } from '../delve/rpc.js';
import { hex } from '../core/text.js';
import type { TargetFiles } from '../features/types.js';

export interface Bytes {
  readonly bytes: Uint8Array;
  readonly readable: Uint8Array;
}

export interface Watch {
  /** Shown as #id; `mem unwatch ID` removes it. */
  readonly id: number;
  readonly grid: GridView;
  /** What it was opened with: `$rsp`, `&n`, or the address. */
  readonly label: string;
  readonly current?: Bytes;
  /** Its bytes at the previous stop, for its own change marks. */
  readonly previous?: Bytes;
}

export interface DecodeReport {
  /** `slice header at 0x...`, `main.packet at 0x...`. */
  readonly title: string;
  readonly lines: readonly string[];
  /** One sentence each: len > cap, nil data with len > 0, unmapped data... */
  readonly problems: readonly string[];
  /** What the words were read as (`slice`, a Go type): read so again at the next stop. */
  readonly kind?: string;
}

export interface MemoryStatus {
  readonly text: string;
  readonly kind: 'error' | 'info';
  /** A key's refusal (view.message): said until the next key or command. */
  readonly refusal?: boolean;
}

export interface MemorySnapshot {
  readonly view: ExamineState;
  /** The expression the view was opened with. */
  readonly label?: string;
  /** Bytes read at this stop, and at the previous one (for change marks). */
  readonly cache: BlockCache;
  readonly previous?: BlockCache;
  /** Bumped whenever anything changed (the cache changes in place). */
  readonly version: number;
  readonly method?: MethodInfo;
  readonly loading: boolean;
  readonly status?: MemoryStatus;
  /** x/s rows, formatted. */
  readonly strings?: readonly MemoryRow[];
  /** x/i instructions. */
  readonly instructions?: readonly Instruction[];
  /** x/i at an address Delve could not read. */
  readonly instructionError?: string;
  readonly watches: readonly Watch[];
  readonly decode?: DecodeReport;
  /** The last telescope from the cursor: `0x… heap → 0x… → "string"`. */
  readonly telescope?: string;
  /** The target's mappings at this stop, for the cursor's region. */
  readonly map?: MemoryMap;
  readonly running: boolean;
  /** The session's stopCount the cache belongs to. */
  readonly stop: number;
}

export interface MemoryStoreOptions {
  /** Force a way of reading (tests, and to see what an older Delve would do). */
  readonly method?: MethodChoice;
  /** Delve's JSON-RPC side channel (disassembly from any address, in gdb's syntax). */
  readonly rpc?: () => Promise<DelveRpcClient | undefined>;
  /** The target's binary, its symbols and its mappings (:vmmap). */
  readonly files?: TargetFiles;
  /** The core file opened: its segments are :vmmap's mappings. */
  readonly core?: () => string | undefined;
}

const DEFAULT_COUNT = 16;
const SYMBOLS_PENDING = "Reading the program's symbols (over SSH its binary is copied here first): names show when they are read.";
const VALUE_LIMIT = 2000;

/** An expression a view was opened at, and the view's start from its value. */
interface Anchor {
  readonly expr: string;
  readonly delta: bigint;
}

export class MemoryStore extends Store<MemorySnapshot> {
  readonly reader: MemoryReader;
  readonly target: TargetMap;
  readonly disasm: Disassembler;
  private nextWatch = 1;
  private pending = 0;
  private paneRows = 0;
  private noted: string | undefined;
  /** The label and anchor of each view in the reducer's history: Backspace brings both back. */
  private trail: { label: string | undefined; anchor: Anchor | undefined }[] = [];
  /**
   * The expression the view is at (`$rsp`, `&o`), evaluated again at every stop as gdb's display
   * is: `delta` from its value to the view's start (x/-N starts before it). Dropped once the view
   * moves (dispatch), so while it is set the view is where its expression put it.
   */
  private anchor: Anchor | undefined;
  /** Delve's JSON-RPC side channel, when the server has one. */
  readonly rpc: () => Promise<DelveRpcClient | undefined>;
  /** The map being read for the pane, at most one at a time. */
  private mapping: Promise<void> | undefined;
  private shadows: { stop: number; breakpoints: unknown; bytes: ReadonlyMap<bigint, number> } | undefined;
  private readonly files: TargetFiles;
  private readonly core: () => string | undefined;

  constructor(
    private readonly session: Session,
    options: MemoryStoreOptions = {},
  ) {
    super({ view: initialExamineState(2), cache: new BlockCache(), version: 0, loading: false, watches: [], running: session.state.status !== 'stopped', stop: session.stopCount });
    this.reader = new MemoryReader(session, options.method ?? 'auto');
    this.files = options.files ?? { binary: async () => undefined, symbols: async () => undefined, maps: async () => undefined };
    // Names come when the symbols are read: what shows is drawn again with them.
    this.target = new TargetMap(session, this.reader, () => this.files.symbols(), (error) => {
      const pending = this.snap.status?.text === SYMBOLS_PENDING;
      // A copy that failed is said where its coming was.
      this.publish(pending ? { status: error ? { text: `The program's symbols could not be read (${error}): Go functions are named from the runtime's table, C and data not at all.`, kind: 'info' } : undefined } : {});
    });
    this.rpc = options.rpc ?? (async () => undefined);
    this.core = options.core ?? (() => undefined);
    this.disasm = new Disassembler(session, options.rpc ?? (async () => undefined), async () => (await this.target.symbolsWithin(), this.target.symbolize));
    session.readScopesAtStops();
    const refsOf = (scopes: readonly { variables: readonly { memoryReference?: string }[] }[]) => this.reader.addReferences(scopes.flatMap((s) => s.variables.flatMap((v) => (v.memoryReference ? [v.memoryReference] : []))));
    session.events.on('stop', (e) => {
      const stop = this.session.stopCount;
      void e.scopes.then((scopes) => (refsOf(scopes), this.onStop(stop)));
    });
    session.events.on('selected', (e) => {
      refsOf(e.scopes);
      void this.onSelected();
    });
    // Code ran or memory was written: what the view shows is read again.
    session.events.on('target-changed', () => void this.onStop(this.session.stopCount));
    // The pane says "running" while the target runs.
    session.events.on('resumed', () => this.publish({}));
    session.events.on('ended', () => this.publish({}));
    session.events.on('connected', () => this.target.reset());
  }

  private get snap(): MemorySnapshot {
    return this.state;
  }

  /** A key's refusal on the pane, taken off by what comes after it. */
  private refusalSaid(): Partial<MemorySnapshot> {
    return this.snap.status?.refusal ? { status: undefined } : {};
  }

  /** A command starts: a key's refusal said before it is taken off, so a sentence it fails with is not beside it. */
  commandStarts(): void {
    if (this.snap.status?.refusal) this.publish({ status: undefined });
  }

  private publish(patch: Partial<MemorySnapshot>): void {
    this.set({ ...patch, version: this.state.version + 1, running: this.session.state.status !== 'stopped' });
  }

  private dispatch(action: ExamineAction): void {
    const before = this.snap.view;
    let view = examineReducer(before, action.type === 'page' && this.paneRows ? { ...action, rows: this.paneRows } : action);
    // Paged or scrolled away from the view an expression named: Backspace comes back to it, as after Enter (trial BI).
    if (this.anchor && (action.type === 'page' || action.type === 'move') && view.address !== before.address && view.history === before.history) view = leftFrom(before, view);
    let label = this.snap.label;
    // The trail follows the reducer's history, so Backspace brings back `&o.Items` and not just its
    // address, and a view `$rsp` named follows `$rsp` again (it is rebased: see act).
    if (view.history.length > before.history.length) this.trail = [...this.trail, { label, anchor: this.anchor }].slice(-view.history.length);
    const back = view.history.length < before.history.length ? this.trail[this.trail.length - 1] : undefined;
    if (back) {
      this.trail = this.trail.slice(0, -1);
      ({ label, anchor: this.anchor } = back);
    } else if (action.type !== 'rebase' && view.address !== before.address) {
      // Paged, scrolled or followed away from what its expression names: the title gives the address instead.
      this.anchor = undefined;
      label = hex(view.address);
    }
    // A decode or a telescope is of the view it was made in: following a pointer or going back leaves it
    // behind; so does paging for a telescope, whose word leaves the screen (trial AL: its line stayed).
    const moved = view.history.length !== before.history.length;
    const paged = view.address !== before.address;
    // A key's refusal is said until the next key or command (trial BC: `nothing to follow` stayed through Home and a decode).
    this.publish({ view, label, ...(moved ? { decode: undefined, telescope: undefined } : paged ? { telescope: undefined } : {}), ...(view.message ? { status: { text: view.message, kind: 'info', refusal: true } } : this.refusalSaid()) });
  }

  /** The pane reports how many cells fit a row and how many rows it shows. */
  layout(perRow: number, rows: number): void {
    this.paneRows = rows;
    if (perRow !== this.snap.view.perRow) this.dispatch({ type: 'resize', perRow });
  }

  // ---- examining -------------------------------------------------------------------------

  /**
   * `x/NFU EXPR` (or a bare `x`, which continues); returns gdb's text for the console. `shown` is told
   * once the view is there, before it is read (trial CE: over SSH the pane came 5-8 s after the key).
   */
  async examine(line: string, shown?: () => void): Promise<string> {
    const parsed = parseExamineCommand(line, this.snap.view.defaults);
    const expr = parsed.command.expr;
    if (expr) this.session.requireStopped('read memory');
    const address = expr ? await resolveAddress(this.session, expr, this.resolving()) : undefined;
    this.dispatch({ type: 'examine', parsed, ...(address !== undefined ? { address } : {}) });
    const v = this.snap.view;
    if (!v.examined) throw new UserError(v.message ?? 'Nothing to examine.');
    // A bare x continues elsewhere: the old expression no longer names the view. A backward count
    // (x/-3xg E) starts before E, and the title says by how much rather than that E is there.
    const delta = address !== undefined ? v.address - address : 0n;
    const exprText = parsed.command.exprText;
    this.publish({ label: exprText ? `${exprText}${delta < 0n ? `-${-delta}` : delta > 0n ? `+${delta}` : ''}` : hex(v.address), decode: undefined, telescope: undefined });
    this.anchor = address !== undefined && exprText ? { expr: exprText, delta } : undefined;
    shown?.();
    await Promise.all([this.load(), this.symbolsAwhile()]);
    return this.consoleText();
  }

  /** The symbols if they come within a second; else the pane says they are on their way (trial CB: 8-25 s over SSH). */
  private async symbolsAwhile(): Promise<void> {
    if (!(await this.target.symbolsWithin()) && !this.snap.status) this.publish({ status: { text: SYMBOLS_PENDING, kind: 'info' } });
  }

  /** Opens the view at an expression, by default in the pane's format and unit, filling the pane. */
  async openAt(exprText: string, opts: { format?: ExamineFormat; unit?: ExamineUnit } = {}, shown?: () => void): Promise<void> {
    const v = this.snap.view;
    const fixed = v.examined && v.format !== 's' && v.format !== 'i';
    const format = opts.format ?? (fixed ? v.format : 'x');
    if (format === 's' || format === 'i') {
      await this.examine(`x/${Math.max(DEFAULT_COUNT, this.paneRows)}${format} ${exprText}`, shown);
      return;
    }
    const unit = opts.unit ?? (fixed ? v.unit : 'g');
    const count = Math.min(MAX_EXAMINE_BYTES / UNIT_BYTES[unit], Math.max(DEFAULT_COUNT, this.paneRows * Math.max(1, v.perRow)));
    await this.examine(`x/${count}${format}${unit} ${exprText}`, shown);
  }

  /** A move, page, format change...; what the reducer refuses comes back as a UserError. */
  async act(action: ExamineAction): Promise<void> {
    const before = this.snap.view;
    this.dispatch(action);
    if (this.snap.view.message) throw new UserError(this.snap.view.message);
    // Back at a view an expression named: where it is now (a stop since may have moved `$rsp`).
    const lost = action.type === 'back' ? await this.rebase() : undefined;
    const after = this.snap.view;
    if (after.address !== before.address || after.count !== before.count || after.format !== before.format || after.unit !== before.unit) await this.load();
    this.sayLost(lost);
  }

  /** Enter: go to the 8-byte word under the cursor. */
  async follow(): Promise<void> {
    const v = this.snap.view;
    if (!v.examined) throw new UserError('Examine an address first.', 'Type e.g. :x/16xg $sp, or press Enter on a register.');
    const word = await this.bytesAt(v.cursor, 8);
    const pointer = pointerUnderCursor(v, { address: v.cursor, ...word });
    if (pointer === undefined) throw new UserError(`The word at ${hex(v.cursor)} cannot be read, so there is nothing to follow.`, 'Move to a readable word.');
    await this.act({ type: 'follow', pointer });
    this.publish({ label: hex(pointer) });
  }

  /** The address under the cursor, and the word there, for the console. */
  async cursorText(): Promise<string> {
    const v = this.snap.view;
    if (!v.examined) throw new UserError('Nothing is examined yet.', 'Type e.g. :x/16xg $sp.');
    const word = await this.bytesAt(v.cursor, 8);
    const value = pointerUnderCursor(v, { address: v.cursor, ...word });
    if (value === undefined) return hex(v.cursor);
    const note = this.target.annotate(value);
    return `${hex(v.cursor)}: ${formatCell('x', 8, word.bytes, 0)}${note ? `  ${note.label}` : ''}`;
  }

  async setMethod(choice: MethodChoice): Promise<MethodInfo> {
    this.reader.setMethod(choice);
    const info = this.reader.describe(await this.reader.method());
    this.publish({ method: info, cache: new BlockCache() });
    await this.load();
    return info;
  }

  /** The read method's note (what this Delve lacks), once per method: the console need not repeat it. */
  takeMethodNote(): string | undefined {
    const m = this.snap.method;
    if (!m?.note || this.noted === m.title) return undefined;
    this.noted = m.title;
    return m.note;
  }

  async methodInfo(): Promise<MethodInfo> {
    return this.reader.describe(await this.reader.method());
  }

  /** Reads what the view shows and is not read yet at this stop; at a stop, everything again. */
  async load(): Promise<void> {
    const v = this.snap.view;
    if (!v.examined) return;
    if (this.session.state.status !== 'stopped') {
      this.publish({ status: { text: `The target is ${this.session.state.status}: memory is read again at the next stop.`, kind: 'info' } });
      return;
    }
    this.pending++;
    this.publish({ loading: true });
    let pointers: bigint[] = [];
    try {
      const info = this.reader.describe(await this.reader.method());
      if (v.format === 'i') {
        pointers = await this.loadInstructions(v);
      } else {
        const length = v.format === 's' ? Math.min(examineByteLength(v), MAX_EXAMINE_BYTES) : v.count * UNIT_BYTES[v.unit];
        await this.fill(this.snap.cache, v.address, length);
        const got = this.snap.cache.get(v.address, length);
        let strings: readonly MemoryRow[] | undefined;
        if (v.format === 's') {
          const f = formatMemory({ bytes: got.bytes, readable: got.readable, address: v.address, format: 's', unit: 'b', perRow: 1, count: v.count });
          strings = f.rows;
          this.dispatch({ type: 'shown', next: f.next, items: f.rows.map((r) => r.address) });
        }
        const status = unreadableStatus(v.address, got.readable, this.snap.cache.errors(v.address, length)) ?? noteStatus(info);
        this.publish({ method: info, strings, instructions: undefined, status });
        pointers = v.format === 's' ? [] : words(got.bytes, got.readable, v.address, v.unit);
      }
    } catch (err) {
      this.publish({ status: { text: describeError(err), kind: 'error' } });
    } finally {
      this.pending--;
      this.publish({ loading: this.pending > 0 });
    }
    // Then what the words point into: this stop's regions, and the functions named.
    await this.target.refresh();
    // The map names the cursor's mapping; over SSH it is read there, seconds on a slow link: not waited for (trial CE).
    if (this.snap.map === undefined && !this.mapping) {
      const stop = this.session.stopCount;
      this.mapping = this.vmmap().then(
        (map) => void (stop === this.session.stopCount && this.publish({ map })),
        () => undefined,
      ).finally(() => (this.mapping = undefined));
    }
    this.publish({});
    if (await this.target.resolve(pointers)) this.publish({});
  }

  /** Reads into `cache` whatever of the range it lacks. */
  private async fill(cache: BlockCache, address: bigint, length: number): Promise<void> {
    const runs = cache.missing(address, length);
    const results = await Promise.all(runs.map((r) => this.reader.read(r.address, r.length)));
    const shadows = await this.breakpointShadows();
    results.forEach((res, i) => {
      const at = runs[i]!.address;
      // Delve's int3 at its breakpoints shows through reads: show the instruction's own byte, as gdb does.
      for (const [bp, byte] of shadows) {
        const off = Number(bp - at);
        if (off >= 0 && off < res.bytes.length && res.readable[off] && res.bytes[off] === 0xcc) res.bytes[off] = byte;
      }
      cache.put(at, res.bytes, res.readable, res.errors.join('; ') || undefined);
    });
  }

  /** The original first byte at each of Delve's breakpoints (Delve's Disassemble shows it), once per stop. */
  private async breakpointShadows(): Promise<ReadonlyMap<bigint, number>> {
    const stop = this.session.stopCount;
    if (this.shadows?.stop === stop && this.shadows.breakpoints === this.session.state.breakpoints) return this.shadows.bytes;
    const rpc = this.session.state.status === 'stopped' ? await this.rpc().catch(() => undefined) : undefined;
    const bytes = rpc ? (await breakpointOriginalBytes(rpc)).bytes : new Map<bigint, number>();
    this.shadows = { stop, breakpoints: this.session.state.breakpoints, bytes };
    return bytes;
  }

  /** An address expression (as for x) in the selected frame. */
  async resolve(text: string): Promise<bigint> {
    this.session.requireStopped('read memory');
    return resolveAddress(this.session, parseAddressExpr(text), this.resolving());
  }

  /** What an address expression's names are looked up in beyond Delve: the binary's symbols, memory, functions' entries. */
  private resolving(): Parameters<typeof resolveAddress>[2] {
    return { symbols: async () => (await this.target.loadBinary(), this.target.symbols()), readWord: (at) => this.wordAt(at), rpc: this.rpc };
  }

  /** The target's mappings: /proc/PID/maps named by the regions gotui knows, else those regions alone. */
  async vmmap(): Promise<MemoryMap> {
    await this.target.refresh();
    const regions = this.target.regions();
    // A core's memory is what its segments hold (trial AS: the runtime's regions listed a 64M heap
    // arena the core did not hold, and x there failed in Delve's words).
    const core = this.core();
    if (core) {
      try {
        const binary = await this.files.binary().catch(() => undefined);
        return { ...parseMaps(coreMaps(core, binary), binary, regions), fromCore: true };
      } catch {
        // Unreadable now: the regions read from the runtime.
      }
    }
    // Not visible (another namespace, no SSH user's right to it): the regions read from the runtime.
    const maps = await this.files.maps().catch(() => undefined);
    return maps ? parseMaps(maps, await this.files.binary().catch(() => undefined), regions) : mapFromRegions(regions);
  }

  /** The pointer chain from the word under the cursor (pwndbg's telescope). */
  async telescope(depth = DEFAULT_TELESCOPE_DEPTH): Promise<string> {
    const v = this.snap.view;
    if (!v.examined) throw new UserError('Examine an address first, then telescope from the cursor.', 'Type e.g. :x/16xg $sp.');
    this.session.requireStopped('follow pointers');
    const start = await this.wordAt(v.cursor);
    if (start === undefined) throw new UserError(`The word at ${hex(v.cursor)} cannot be read.`, 'Move to a readable word.');
    const map = this.snap.map ?? (await this.vmmap());
    const links = await telescope(start, { word: (a) => this.wordAt(a), bytes: async (a, n) => {
      const r = await this.reader.read(a, n);
      const stop = r.readable.indexOf(0);
      return stop < 0 ? r.bytes : r.bytes.subarray(0, stop);
    } }, { regions: this.target.regions(), map, symbolize: this.target.symbolize }, depth, v.cursor);
    const text = `${hex(v.cursor)}: ${formatChain(links)}`;
    this.publish({ telescope: text, map, ...this.refusalSaid() });
    return text;
  }

  /**
   * Writes `size` bytes (little-endian `value`) at an address; returns what was there. Delve's
   * writeMemory takes only references it handed out, so elsewhere the write goes through
   * setVariable on `*(*uintN)(ADDR)`.
   */
  async writeMemory(address: bigint, size: 1 | 2 | 4 | 8, value: bigint): Promise<{ old: bigint; now: bigint }> {
    const old = await this.writable(address, size);
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = Number((value >> BigInt(8 * i)) & 0xffn);
    const ref = this.session.features.writeMemory ? this.reader.referenceFor(address, size) : undefined;
    if (ref) {
      await this.session.request('writeMemory', { memoryReference: ref.reference, offset: Number(address - ref.base), data: data.toString('base64') });
    } else {
      await this.session.setVariable(`*(*uint${size * 8})(${hex(address)})`, value.toString());
    }
    this.session.changed('memory');
    const after = await this.reader.read(address, size);
    return { old, now: readLE(after.bytes, 0, size) };
  }

  /** What the `size` bytes at `address` hold now (little-endian); a UserError when they cannot be read, so not written. */
  async writable(address: bigint, size: 1 | 2 | 4 | 8): Promise<bigint> {
    this.session.requireStopped('write memory');
    const before = await this.reader.read(address, size);
    if (!before.readable.every((b) => b === 1)) throw new UserError(`The ${size} bytes at ${hex(address)} cannot be read, so they cannot be written.`, 'Check the address with x first.');
    return readLE(before.bytes, 0, size);
  }

  /** The 8-byte word at an address, if readable. */
  async wordAt(address: bigint): Promise<bigint | undefined> {
    const r = await this.reader.read(address, 8);
    return r.readable.every((b) => b === 1) ? readLE(r.bytes, 0, 8) : undefined;
  }

  private async bytesAt(address: bigint, length: number): Promise<{ bytes: Uint8Array; readable: Uint8Array }> {
    const have = this.snap.cache.get(address, length);
    if (have.complete) return have;
    this.session.requireStopped('read memory');
    await this.fill(this.snap.cache, address, length);
    return this.snap.cache.get(address, length);
  }

  /** Disassembles the view; returns the instructions' addresses, to be named. */
  private async loadInstructions(v: ExamineState): Promise<bigint[]> {
    await this.target.symbolsWithin();
    let instructions: readonly Instruction[] = [];
    let instructionError: string | undefined;
    try {
      instructions = (await this.disasm.from(v.address, v.count)).instructions;
    } catch (err) {
      if (!(err instanceof UserError) || !/^Cannot access memory/.test(err.message)) throw err;
      instructionError = err.message;
    }
    const last = instructions[instructions.length - 1];
    const next = last ? last.address + BigInt(last.length) : v.address;
    this.dispatch({ type: 'shown', next, items: instructions.length ? instructions.map((i) => i.address) : [v.address] });
    this.publish({ instructions, instructionError, strings: undefined, method: this.reader.describe(await this.reader.method()), status: instructionError ? { text: instructionError, kind: 'error' } : undefined });
    return instructions.map((i) => i.address);
  }

  /** The selected frame's pc (gdb's $pc), which x/i marks with =>. */
  pc(): bigint | undefined {
    const pc = this.session.currentFrame()?.pc;
    return pc ? BigInt(pc) : undefined;
  }

  /** The selected frame's number (0: the innermost). */
  frame(): number | undefined {
    return this.session.state.selection?.frame?.index;
  }

  /** The view as gdb prints it, for the console: readable rows, then where reading stopped. */
  consoleText(): string {
    const v = this.snap.view;
    const symbolize = this.target.symbolize;
    const label = (at: bigint) => {
      const sym = symbolize(at);
      return `${hex(at)}${sym ? ` ${symbolLabel(sym)}` : ''}`;
    };
    if (v.format === 'i') {
      const pc = this.pc();
      const lines = (this.snap.instructions ?? []).map((i) => `${i.address === pc ? '=> ' : '   '}${label(i.address)}:\t${i.text}`);
      if (this.snap.instructionError) lines.push(`${v.address === pc ? '=> ' : '   '}${label(v.address)}:\t${this.snap.instructionError}`);
      return lines.join('\n');
    }
    if (v.format === 's') return (this.snap.strings ?? []).map((r) => `${label(r.address)}:\t${r.cells[0]}`).join('\n');
    const size = UNIT_BYTES[v.unit];
    const got = this.snap.cache.get(v.address, v.count * size);
    let readableUnits = 0;
    while (readableUnits < v.count && got.readable.subarray(readableUnits * size, (readableUnits + 1) * size).every((b) => b === 1)) readableUnits++;
    const perRow = gdbUnitsPerRow(v.format, v.unit);
    const rows = formatMemory({ bytes: got.bytes, readable: got.readable, address: v.address, format: v.format, unit: v.unit, perRow, count: readableUnits, symbolize }).rows;
    const lines = rows.map((r) => `${label(r.address)}:\t${r.cells.join('\t')}`);
    if (readableUnits < v.count) {
      // gdb prints the row up to the unit it cannot read, then the error, on that row.
      const at = v.address + BigInt(readableUnits * size);
      const error = `Cannot access memory at address ${hex(at)}`;
      if (readableUnits % perRow === 0) lines.push(`${label(at)}:\t${error}`);
      else lines[lines.length - 1] += `\t${error}`;
    }
    return lines.join('\n');
  }

  // ---- stops ----------------------------------------------------------------------------

  private async onStop(stop: number): Promise<void> {
    const previous = this.snap.cache;
    const cache = new BlockCache();
    const watches = this.snap.watches.map((w) => ({ ...w, previous: w.current, current: undefined }));
    // A decode is of the words at the cursor now, as gdb's display: read again, never left from a stop before (trial AF).
    const decodeAgain = this.snap.decode?.kind;
    this.publish({ cache, previous, watches, stop, map: undefined, telescope: undefined, decode: undefined, instructions: this.snap.view.format === 'i' ? this.snap.instructions : undefined });
    const lost = await this.rebase();
    // The view's bytes first: the regions behind its annotations are read after them.
    await Promise.all([this.load(), this.refreshWatches()]);
    this.sayLost(lost);
    if (decodeAgain && this.session.stopCount === stop && this.session.state.status === 'stopped' && !this.snap.decode) await this.decode(decodeAgain).catch(() => undefined);
  }

  /** Another frame or goroutine: `$rsp` or `&x` in the title must be that frame's (memory is the same). */
  private async onSelected(): Promise<void> {
    const lost = await this.rebase('in this frame');
    await this.load();
    this.sayLost(lost);
  }

  /** Said after the read, whose own note would replace it; an error reading says more. */
  private sayLost(lost: MemoryStatus | undefined): void {
    if (lost && this.snap.status?.kind !== 'error') this.publish({ status: lost });
  }

  /**
   * The view's expression evaluated at this stop or in the frame selected (the title says `$rsp`:
   * it must be this one's). Returns what to say when it has no value here (the view stays).
   */
  private async rebase(where = 'at this stop'): Promise<MemoryStatus | undefined> {
    const a = this.anchor;
    if (!a || !this.snap.view.examined || this.session.state.status !== 'stopped') return undefined;
    const at = await this.resolve(a.expr).catch(() => undefined);
    // Moved or examined elsewhere meanwhile (a script's next x): that view is the one to keep.
    if (this.anchor !== a) return undefined;
    const here = this.snap.view.address;
    if (at === undefined) {
      this.anchor = undefined;
      const status: MemoryStatus = { text: `${a.expr} has no value ${where}: the view stays at ${hex(here)}.`, kind: 'info' };
      this.publish({ label: hex(here), status });
      return status;
    }
    if (at + a.delta !== here) this.dispatch({ type: 'rebase', address: at + a.delta });
    return undefined;
  }

  private async refreshWatches(): Promise<void> {
    if (this.snap.watches.length === 0 || this.session.state.status !== 'stopped') return;
    const cache = this.snap.cache;
    await Promise.all(this.snap.watches.map((w) => this.fill(cache, w.grid.address, w.grid.count * UNIT_BYTES[w.grid.unit]).catch(() => undefined)));
    const watches = this.snap.watches.map((w) => {
      const got = cache.get(w.grid.address, w.grid.count * UNIT_BYTES[w.grid.unit]);
      return { ...w, current: { bytes: got.bytes, readable: got.readable } };
    });
    this.publish({ watches });
  }

  // ---- watches --------------------------------------------------------------------------

  /** Pins the view: its bytes are read again at every stop, with their own change marks. */
  watch(): Watch {
    const v = this.snap.view;
    if (!v.examined) throw new UserError('Examine an address first, then pin it.', 'Type e.g. :x/4xg &n, then :mem watch.');
    if (v.format === 's' || v.format === 'i') throw new UserError(`Watches pin fixed-size units, and x/${v.format} has none.`, 'Switch the format with f (or :mem format x), then pin.');
    const grid: GridView = { address: v.address, format: v.format, unit: v.unit, count: v.count };
    const got = this.snap.cache.get(v.address, v.count * UNIT_BYTES[v.unit]);
    // A watch keeps its address (the expression is not evaluated again), and its name says so.
    const expr = this.snap.label && this.snap.label !== hex(v.address) ? ` (${this.snap.label} at stop ${this.session.stopCount})` : '';
    const watch: Watch = { id: this.nextWatch++, grid, label: `${hex(v.address)}${expr}`, ...(got.complete ? { current: { bytes: got.bytes, readable: got.readable } } : {}) };
    this.publish({ watches: [...this.snap.watches, watch] });
    return watch;
  }

  unwatch(id: number): Watch {
    const w = this.snap.watches.find((x) => x.id === id);
    if (!w) {
      const ids = this.snap.watches.map((x) => `#${x.id}`).join(', ');
      throw new UserError(`There is no watch #${id}.`, ids ? `Watches: ${ids}.` : 'There are no watches.');
    }
    this.publish({ watches: this.snap.watches.filter((x) => x !== w) });
    return w;
  }

  /** All watches as gdb text, a `*` after each unit changed since the previous stop. */
  watchesText(): string {
    if (this.snap.watches.length === 0) return 'No watches: pin the memory view with w (or :mem watch).';
    return this.snap.watches
      .map((w) => {
        const g = w.grid;
        const size = UNIT_BYTES[g.unit];
        const head = `#${w.id} x/${g.count}${g.format}${g.unit} ${w.label}`;
        if (!w.current) return `${head}\n  not read yet`;
        const changed = w.previous ? changedCells([{ address: g.address, ...w.previous }], { address: g.address, ...w.current }, size) : new Set<bigint>();
        const per = gdbUnitsPerRow(g.format, g.unit);
        const lines: string[] = [];
        for (let i = 0; i < g.count; i += per) {
          const cells: string[] = [];
          for (let k = i; k < Math.min(g.count, i + per); k++) {
            const at = g.address + BigInt(k * size);
            cells.push(`${formatCell(g.format, size, w.current.bytes, k * size, w.current.readable, this.target.symbolize)}${changed.has(at) ? '*' : ''}`);
          }
          lines.push(`  ${hex(g.address + BigInt(i * size))}:\t${cells.join('\t')}`);
        }
        return `${head}\n${lines.join('\n')}`;
      })
      .join('\n');
  }

  /** A row source for a watch's grid. */
  watchSource(w: Watch): GridSource {
    const size = UNIT_BYTES[w.grid.unit];
    const total = w.grid.count * size;
    const slice = (b: Bytes, address: bigint, length: number) => {
      const off = Number(address - w.grid.address);
      return { bytes: b.bytes.slice(off, off + length), readable: b.readable.slice(off, off + length) };
    };
    return {
      bytes: (address, length) => (w.current ? { ...slice(w.current, address, length), complete: true } : { bytes: new Uint8Array(length), readable: new Uint8Array(length), complete: false }),
      ...(w.previous ? { previous: () => [{ address: w.grid.address, bytes: w.previous!.bytes.slice(0, total), readable: w.previous!.readable.slice(0, total) }] } : {}),
    };
  }

  /** The row source for the main view: this stop's bytes, diffed against the previous stop's. */
  viewSource(): GridSource {
    const { cache, previous } = this.snap;
    return {
      bytes: (address, length) => cache.get(address, length),
      ...(previous ? { previous: (address: bigint, length: number) => previous.spans(address, length) } : {}),
    };
  }

  // ---- Go-aware decoding ----------------------------------------------------------------

  /** Reads the words at the cursor as a slice header, string header, interface, or any Go type. */
  async decode(kind: string): Promise<DecodeReport> {
    const v = this.snap.view;
    if (!v.examined) throw new UserError('Examine an address first, then decode at the cursor.', 'Type e.g. :x/8xg &pkt.');
    const what = kind.trim();
    if (!what) throw new UserError('decode needs what to read the cursor as.', 'Use slice, string, iface, or a Go type such as main.packet or []uint64.');
    this.session.requireStopped('decode memory');
    const at = v.cursor;
    await this.target.refresh();
    const regions = this.target.regions();
    const where = (p: bigint) => (p === 0n ? 'nil' : `${hex(p)}${this.target.annotate(p) ? ` (${this.target.annotate(p)!.label})` : ''}`);
    let report: DecodeReport;
    switch (what) {
      case 'slice': {
        const w = await this.bytesAt(at, 24);
        const h = decodeSliceHeader(w.bytes, 0, { readable: w.readable, regions });
        if (!h) throw unreadableWords(at, 24);
        report = {
          title: `slice header at ${hex(at)}`,
          lines: [`data ${where(h.data)}  len ${h.len}  cap ${h.cap}`],
          problems: await this.checkPointers(h.problems, [h.data]),
        };
        break;
      }
      case 'string': {
        const w = await this.bytesAt(at, 16);
        const h = decodeStringHeader(w.bytes, 0, { readable: w.readable, regions });
        if (!h) throw unreadableWords(at, 16);
        const problems = await this.checkPointers(h.problems, [h.data]);
        const lines = [`data ${where(h.data)}  len ${h.len}`];
        if (problems.length === 0) lines.push(`value ${await this.delveValue(`*(*string)(${hex(at)})`)}`);
        report = { title: `string header at ${hex(at)}`, lines, problems };
        break;
      }
      case 'iface':
      case 'interface': {
        const w = await this.bytesAt(at, 16);
        const h = decodeInterface(w.bytes, 0, { readable: w.readable, regions });
        if (!h) throw unreadableWords(at, 16);
        const problems = await this.checkPointers(h.problems, [h.data]);
        const lines = [`type word ${where(h.type)}  data ${where(h.data)}`];
        if (h.isNil) lines.push('a nil interface');
        // Asked with a bad data word too: whether the type word is one is the rest of the diagnosis (trial BR:
        // a string header read as an interface was said only to have an unmapped data word).
        else lines.push(...(await this.dynamicValue(at, problems)));
        report = { title: `interface at ${hex(at)}`, lines, problems };
        break;
      }
      default: {
        const value = await this.delveValue(`*(*${what})(${hex(at)})`, (said) => {
          throw notAType(what, at, said);
        });
        const problems: string[] = [];
        // Delve puts what it could not read inside the value (`(unreadable input/output error)`).
        const unreadable = /\(unreadable(?: \u2026)? ([^)]*)\)/.exec(value);
        if (unreadable) problems.push(`part of the ${what} at ${hex(at)} cannot be read (${unreadable[1]!.trim()})`);
        if (what.startsWith('[]')) {
          const w = await this.bytesAt(at, 24);
          const h = decodeSliceHeader(w.bytes, 0, { readable: w.readable, regions });
          if (h) problems.push(...(await this.checkPointers(h.problems, [h.data])));
        } else if (what === 'string') {
          const w = await this.bytesAt(at, 16);
          const h = decodeStringHeader(w.bytes, 0, { readable: w.readable, regions });
          if (h) problems.push(...(await this.checkPointers(h.problems, [h.data])));
        }
        report = { title: `${what} at ${hex(at)}`, lines: [value], problems };
      }
    }
    this.publish({ decode: { ...report, kind: what }, ...this.refusalSaid() });
    return report;
  }

  /** Delve's value of an expression (not cut at 256 characters, but at a screenful), or why it has none (`failed` may throw instead). */
  private async delveValue(expr: string, failed: (said: string) => string = (said) => `(Delve: ${said})`): Promise<string> {
    try {
      const r = await this.session.evaluate(expr, 'clipboard');
      return clip(r.result);
    } catch (err) {
      return failed(describeError(err));
    }
  }

  /**
   * The dynamic type and value through Delve: as interface{} first; an iface's
   * first word is an itab, which Delve resolves when the static type is any
   * non-empty interface, so error stands in for it.
   */
  private async dynamicValue(at: bigint, problems: string[]): Promise<string[]> {
    for (const [stat, label] of [['interface {}', 'empty interface (any)'], ['error', 'non-empty interface (itab)']] as const) {
      try {
        const r = await this.session.evaluate(`*(*${stat})(${hex(at)})`, 'clipboard');
        if (r.result.startsWith('(unreadable')) continue;
        const split = splitInterfaceValue(r.result, stat);
        return split ? [`${label}: dynamic type ${split.type}`, `value ${clip(split.value)}`] : [`${label}: ${clip(r.result)}`];
      } catch {
        continue;
      }
    }
    problems.push('Delve cannot resolve a dynamic type from these words, so they are not a live interface value.');
    return [];
  }

  /**
   * "Outside every known region" is only a problem when Delve cannot read the
   * memory there: C allocations and other goroutines' stacks are outside the
   * regions gotui knows, yet mapped.
   */
  private async checkPointers(problems: readonly string[], pointers: readonly bigint[]): Promise<string[]> {
    const out: string[] = [];
    for (const p of problems) {
      if (!/outside every known memory region/.test(p)) {
        out.push(p);
        continue;
      }
      const ptr = pointers.find((x) => p.includes(hex(x)));
      if (ptr === undefined) {
        out.push(p);
        continue;
      }
      const r = await this.reader.read(ptr, 1);
      if (!r.readable[0]) out.push(`data ${hex(ptr)} is not mapped in the process (Delve: ${r.errors[0] ?? 'unreadable'}).`);
    }
    return out;
  }
}

const clip = (text: string): string => (text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text);

function noteStatus(info: MethodInfo): MemoryStatus | undefined {
  return info.note ? { text: info.note, kind: 'info' } : undefined;
}

/** One sentence for unreadable bytes in the view, with Delve's reason. */
function unreadableStatus(address: bigint, readable: Uint8Array, errors: readonly string[]): MemoryStatus | undefined {
  const first = readable.indexOf(0);
  if (first < 0) return undefined;
  const all = readable.every((b) => b === 0);
  const at = hex(address + BigInt(first));
  // Delve's words for memory a core does not hold (trial AS: `error while reading spliced memory at 0x…: EOF`).
  const said = errors.map((e) => e.replace(/^error while reading spliced memory at (0x[0-9a-f]+): EOF$/, 'the core does not hold $1'));
  const why = said.length ? ` (Delve: ${said.join('; ')})` : '';
  return { text: `${all ? `Memory at ${at} cannot be read` : `Memory from ${at} on cannot all be read`}${why}; unreadable bytes show as ??.`, kind: 'error' };
}

function unreadableWords(at: bigint, n: number): UserError {
  return new UserError(`The ${n} bytes at ${hex(at)} cannot all be read, so there is nothing to decode.`, 'Move the cursor to readable memory.');
}

/**
 * Delve could not read the cursor as `what`. A name it does not know as a type reads to it as a
 * function called (`*(*main.Nope)(0x…)`: "function calls not allowed"): said as no such type (trial AA).
 */
function notAType(what: string, at: bigint, said: string): UserError {
  const name = /([A-Za-z_][\w]*)\W*$/.exec(what)?.[1] ?? what;
  const hint = `:types ${name} lists the program's types of that name; slice, string and iface read those headers.`;
  if (/function calls not allowed|could not find symbol|no type|unknown type/i.test(said)) return new UserError(`The program has no type ${what}: Delve cannot read ${hex(at)} as one.`, hint);
  return new UserError(`Delve cannot read ${hex(at)} as ${what}: ${said.replace(/\.$/, '')}.`, hint);
}

/** The 8-byte words of a read (for naming the functions they point into). */
function words(bytes: Uint8Array, readable: Uint8Array, address: bigint, unit: ExamineUnit): bigint[] {
  if (unit !== 'g') return [];
  const out: bigint[] = [];
  const skip = Number((8n - (address % 8n)) % 8n);
  for (let i = skip; i + 8 <= bytes.length; i += 8) {
    if (readable.subarray(i, i + 8).every((b) => b === 1)) out.push(new DataView(bytes.buffer, bytes.byteOffset + i, 8).getBigUint64(0, true));
  }
  return out;
}
