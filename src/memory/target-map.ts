// What a value points into, for annotations in the registers and memory
// panes: the selected goroutine's stack, its thread's system stack, the heap,
// the binary's text (named by function), rodata, data or bss. Everything is
// asked of Delve through expressions, so it works on a remote target and on
// any Delve that evaluates Go: the binary's sections from
// runtime.firstmoduledata (once), stacks and heap arenas at every stop, and
// function names the way the runtime finds them (moduledata.ftab, then
// _func.nameOff into funcnametab), read on demand and cached.
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { describeError } from '../errors.js';
import type { Session } from '../session/session.js';
import type { SymbolInfo, Symbolizer } from './format.js';
import { binarySymbols } from './binary-symbols.js';
import type { SymbolTable } from './symbols.js';
import type { MemoryReader } from './reader.js';
import { classifyPointer, findRegion, type MemoryRegion, type RegionKind } from './regions.js';
import {
  cString,
  fieldInteger,
  findFunc,
  heapRegions,
  leadingInteger,
  moduleRegions,
  parseFuncTable,
  parseIntegerList,
  parseStackBounds,
  type FuncTable,
} from './target-layout.js';

export interface Annotation {
  /** `stack (g 1)`, `heap`, `main.work+0x1c`, `rodata`. */
  readonly label: string;
  readonly kind: RegionKind;
}

interface Functions {
  readonly table: FuncTable;
  readonly pclntable: bigint;
  readonly funcnametab: bigint;
}

const MAX_ARENA_PAGES = 64;
/** How long x waits for the binary's symbols before answering without their names. */
const SYMBOLS_WAIT_MS = 1_000;

export class TargetMap {
  private moduleRegions: MemoryRegion[] | undefined;
  private moduleLoad: Promise<void> | undefined;
  private stopRegions: { key: string; regions: MemoryRegion[]; load?: Promise<void> } = { key: '', regions: [] };
  private functions: Promise<Functions | undefined> | undefined;
  private arenaBytes: bigint | undefined;
  /** Reads of function names by _func offset, and the names read. */
  private names = new Map<number, Promise<void>>();
  private named = new Map<number, string>();
  private loadedFunctions: Functions | undefined;
  /** The binary's own symbol table, when the binary is on this machine. */
  private table: SymbolTable | undefined;
  private tableLoad: Promise<void> | undefined;
  /** Counts resets, so a read begun for the target before is dropped. */
  private generation = 0;

  constructor(
    private readonly session: Session,
    private readonly reader: MemoryReader,
    private readonly symbolFile?: () => Promise<string | undefined>,
    /** Told when the symbols have been read, so what shows is named, or why none were (`error`). */
    private readonly symbolsRead?: (error?: string) => void,
  ) {}

  /** Reads the binary's symbol table once (a no-op when the binary is not on this machine). */
  loadBinary(): Promise<void> {
    if (this.tableLoad) return this.tableLoad;
    const generation = this.generation;
    this.tableLoad = (async () => {
      let file: string | undefined;
      let error: string | undefined;
      try {
        file = await this.symbolFile?.();
      } catch (err) {
        error = describeError(err);
      }
      // Reset meanwhile (another target): this file is not its.
      if (generation !== this.generation) return;
      this.table = file ? binarySymbols(file) : undefined;
      this.symbolsRead?.(this.table ? undefined : (error ?? `${file ?? 'the binary'} has no symbol table gotui can read`));
    })();
    return this.tableLoad;
  }

  /** Whether the symbols were read within `ms` (they go on being read, and `symbolsRead` says when). */
  async symbolsWithin(ms = SYMBOLS_WAIT_MS): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([this.loadBinary().then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The binary's symbols, if read. */
  symbols(): SymbolTable | undefined {
    return this.table;
  }

  regions(): MemoryRegion[] {
    return [...(this.moduleRegions ?? []), ...this.stopRegions.regions];
  }

  /** The function containing an address, from what has been read so far. */
  readonly symbolize: Symbolizer = (address: bigint): SymbolInfo | undefined => {
    // gdb's names from the symbol table (Go, C and data); else the runtime's function table.
    if (this.table) return this.table.lookup(address);
    const fns = this.loadedFunctions;
    if (!fns) return undefined;
    const f = findFunc(fns.table, address);
    if (!f) return undefined;
    const name = this.named.get(f.funcoff);
    return name ? { name, offset: address - f.entry } : undefined;
  };

  annotate(value: bigint): Annotation | undefined {
    const regions = this.regions();
    const label = classifyPointer(value, regions, this.symbolize);
    if (!label) return undefined;
    // A name outside every region is C's, code or data, from the binary's symbols.
    return { label, kind: findRegion(value, regions)?.kind ?? (label === 'heap?' ? 'heap' : 'text') };
  }

  /** Forgets everything: a restarted or re-attached target may be another binary. */
  reset(): void {
    this.moduleRegions = undefined;
    this.moduleLoad = undefined;
    this.stopRegions = { key: '', regions: [] };
    this.functions = undefined;
    this.loadedFunctions = undefined;
    this.arenaBytes = undefined;
    this.names.clear();
    this.named.clear();
    this.table = undefined;
    this.tableLoad = undefined;
    this.generation++;
  }

  /** Regions for the current stop and goroutine; reads them once per (stop, goroutine). */
  refresh(): Promise<void> {
    const s = this.session.state;
    if (s.status !== 'stopped') return Promise.resolve();
    const key = `${this.session.stopCount}:${s.selection?.goroutine}`;
    if (this.stopRegions.key === key) return this.stopRegions.load ?? Promise.resolve();
    const entry: { key: string; regions: MemoryRegion[]; load?: Promise<void> } = { key, regions: this.stopRegions.regions };
    this.stopRegions = entry;
    // Not the binary's symbols: over SSH they wait for a copy (trial CB); names come with them.
    this.moduleLoad ??= this.loadModule();
    entry.load = Promise.all([this.moduleLoad, this.loadStopRegions()]).then(([, regions]) => {
      if (this.stopRegions === entry) entry.regions = regions;
    });
    return entry.load;
  }

  private async value(expr: string, context: 'repl' | 'variables' = 'repl'): Promise<string | undefined> {
    try {
      return (await this.session.evaluate(expr, context)).result;
    } catch {
      return undefined;
    }
  }

  private async loadModule(): Promise<void> {
    try {
      const md = await this.session.evaluate('runtime.firstmoduledata', 'variables');
      if (!md.variablesReference) return;
      const kids = await this.session.request<P.VariablesResponse>('variables', { variablesReference: md.variablesReference });
      const fields = new Map(kids.body.variables.map((v) => [v.name, v.value]));
      this.moduleRegions = moduleRegions(fields);
      this.reader.addReferences(kids.body.variables.flatMap((v) => (v.memoryReference ? [v.memoryReference] : [])));
    } catch {
      this.moduleRegions = [];
    }
  }

  private async loadStopRegions(): Promise<MemoryRegion[]> {
    const [stack, goid, g0, arenas, arenaBytes, curArena] = await Promise.all([
      this.value('runtime.curg.stack'),
      this.value('runtime.curg.goid'),
      this.value('runtime.curg.m.g0.stack'),
      this.value('runtime.mheap_.heapArenas', 'variables'),
      this.arenaBytes === undefined ? this.value('runtime.heapArenaBytes') : `${this.arenaBytes}`,
      this.value('runtime.mheap_.curArena'),
    ]);
    if (arenaBytes !== undefined) this.arenaBytes = leadingInteger(arenaBytes);
    const regions: MemoryRegion[] = [];
    const g = goid !== undefined ? leadingInteger(goid) : undefined;
    const own = stack !== undefined ? parseStackBounds(stack) : undefined;
    if (own) regions.push({ kind: 'stack', ...own, name: g !== undefined ? `g ${g}` : 'goroutine' });
    const sys = g0 !== undefined ? parseStackBounds(g0) : undefined;
    if (sys && !(own && sys.lo === own.lo)) regions.push({ kind: 'stack', ...sys, name: 'system' });
    if (arenas !== undefined && arenaBytes !== undefined) {
      const indexes = await this.arenaIndexes(arenas);
      const probe = curArena !== undefined ? fieldInteger(curArena, 'base') : undefined;
      regions.push(...heapRegions(indexes, leadingInteger(arenaBytes) ?? 0n, probe));
    }
    return regions;
  }

  /** All arena indexes: Delve loads 64 elements of a slice per value, so page through longer ones. */
  private async arenaIndexes(first: string): Promise<bigint[]> {
    let { values, complete } = parseIntegerList(first);
    const all = [...values];
    for (let page = 1; !complete && page < MAX_ARENA_PAGES; page++) {
      const more = await this.value(`runtime.mheap_.heapArenas[${all.length}:]`, 'variables');
      if (more === undefined) break;
      ({ values, complete } = parseIntegerList(more));
      if (values.length === 0) break;
      all.push(...values);
    }
    return all;
  }

  /**
   * Names the functions that contain the text addresses among `values`;
   * resolves true if a name was added. Failures leave the addresses unnamed.
   */
  async resolve(values: Iterable<bigint>): Promise<boolean> {
    const text = this.regions().filter((r) => r.kind === 'text');
    const wanted = [...new Set(values)].filter((v) => text.some((r) => v >= r.lo && v < r.hi));
    if (wanted.length === 0) return false;
    this.functions ??= this.loadFunctions();
    const fns = await this.functions;
    if (!fns) return false;
    const before = this.named.size;
    const loads = new Set<Promise<void>>();
    for (const v of wanted) {
      const f = findFunc(fns.table, v);
      if (!f) continue;
      let load = this.names.get(f.funcoff);
      if (!load) {
        load = this.loadName(fns, f.funcoff);
        this.names.set(f.funcoff, load);
      }
      loads.add(load);
    }
    await Promise.all(loads);
    return this.named.size > before;
  }

  private async loadFunctions(): Promise<Functions | undefined> {
    try {
      const [first, count, ftab, pcl, names, text] = await Promise.all([
        this.value('runtime.firstmoduledata.ftab[0]'),
        this.value('len(runtime.firstmoduledata.ftab)'),
        this.value('uintptr(&runtime.firstmoduledata.ftab[0])'),
        this.value('uintptr(&runtime.firstmoduledata.pclntable[0])'),
        this.value('uintptr(&runtime.firstmoduledata.funcnametab[0])'),
        this.value('runtime.firstmoduledata.text'),
      ]);
      const n = count !== undefined ? Number(leadingInteger(count) ?? 0n) : 0;
      const at = ftab !== undefined ? leadingInteger(ftab) : undefined;
      const pclntable = pcl !== undefined ? leadingInteger(pcl) : undefined;
      const funcnametab = names !== undefined ? leadingInteger(names) : undefined;
      const base = text !== undefined ? leadingInteger(text) : undefined;
      // Go 1.18+ tables: {entryoff, funcoff uint32}.
      if (!first || !/entryoff: \d+, funcoff: \d+/.test(first) || !n || at === undefined || pclntable === undefined || funcnametab === undefined || base === undefined) {
        this.session.log('Function names are unavailable: this Go runtime has no function table gotui can read (Go 1.18+ has one).', 'warning');
        return undefined;
      }
      const read = await this.reader.read(at, n * 8);
      if (read.readable.some((b) => !b)) {
        this.session.log(`Function names are unavailable: the runtime's function table could not be read (${read.errors[0] ?? 'unreadable'}).`, 'warning');
        return undefined;
      }
      const fns = { table: parseFuncTable(base, read.bytes, n), pclntable, funcnametab };
      this.loadedFunctions = fns;
      return fns;
    } catch (err) {
      this.session.log(`Function names are unavailable: ${describeError(err)}`, 'warning');
      return undefined;
    }
  }

  private async loadName(fns: Functions, funcoff: number): Promise<void> {
    const nameOff = await this.value(`(*runtime._func)(0x${(fns.pclntable + BigInt(funcoff)).toString(16)}).nameOff`);
    const off = nameOff !== undefined ? leadingInteger(nameOff) : undefined;
    if (off === undefined) return;
    const at = fns.funcnametab + off;
    // Most names fit in 256 bytes; generic instantiations can be much longer.
    for (const size of [256, 4096]) {
      const r = await this.reader.read(at, size);
      const name = cString(r.bytes, r.readable);
      if (name !== undefined) {
        this.named.set(funcoff, name);
        return;
      }
    }
  }
}
