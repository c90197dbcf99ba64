import fs from 'node:fs';
import path from 'node:path';
import { ElfFile, NotElfError, type ElfSymbol } from '../binary/elf.js';
import { structMemberOffset, runtimeTypeOffsets, type DwarfSections } from './dwarf.js';
import { UserError } from '../errors.js';
import { editDistance } from '../core/text.js';

/** What the bpftrace lane needs to know about a target binary: its functions, runtime.g, types. */
export class GoBinary {
  /** Function symbols sorted by address. */
  readonly functions: ElfSymbol[];
  /** Built by the Go toolchain (has Go's build info or pc-line table). */
  readonly isGo: boolean;
  private readonly byName = new Map<string, ElfSymbol>();
  private goid: number | undefined;
  private readonly typeNames = new Map<number, string | undefined>();
  private runtimeTypes: Map<string, number> | undefined;
  private dwarf: DwarfSections | undefined;

  constructor(
    readonly path: string,
    private readonly elf: ElfFile,
  ) {
    this.isGo = Boolean(elf.section('.go.buildinfo') ?? elf.section('.gopclntab'));
    const syms = elf.symbols();
    this.functions = syms.filter((s) => s.type === 'func' && s.value !== 0).sort((a, b) => a.value - b.value);
    for (const s of syms) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
  }

  get stripped(): boolean {
    return this.functions.length === 0;
  }

  symbol(name: string): ElfSymbol | undefined {
    return this.byName.get(name);
  }

  /** The function named exactly `name`, or a UserError naming the nearest ones. */
  requireFunction(name: string): ElfSymbol {
    const s = this.byName.get(name);
    if (s && s.type === 'func') return s;
    if (this.stripped) throw new UserError(`${path.basename(this.path)} has no symbol table (it was stripped), so ${name} cannot be probed.`, 'Rebuild it without -ldflags=-s (and without strip).');
    const near = this.nearestFunctions(name);
    throw new UserError(`${name} is not a function in ${path.basename(this.path)}.`, near.length ? `Nearest: ${near.join(', ')}.` : 'Check the name against the binary (go tool nm).');
  }

  /** The function containing `pc`, with the offset into it. */
  functionAt(pc: number): { name: string; offset: number } | undefined {
    const fs = this.functions;
    let lo = 0;
    let hi = fs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fs[mid]!.value <= pc) lo = mid + 1;
      else hi = mid - 1;
    }
    const f = fs[hi];
    if (!f || pc >= f.value + Math.max(f.size, 1)) return undefined;
    return { name: f.name, offset: pc - f.value };
  }

  /**
   * The function a goroutine runs, from its funcval PC. `go f(x)` compiles to a wrapper
   * (main.caller.gowrap1) that calls f: look through it for the first direct CALL (E8 rel32)
   * to the start of a function outside the runtime.
   */
  goroutineFunction(pc: number): string | undefined {
    const f = this.functionAt(pc);
    if (!f || !/\.gowrap\d+$/.test(f.name)) return f?.name;
    const sym = this.byName.get(f.name)!;
    const code = this.elf.readAt(sym.value, Math.min(sym.size, 4096));
    for (let i = 0; code && i + 5 <= code.length; i++) {
      if (code[i] !== 0xe8) continue;
      const target = sym.value + i + 5 + code.readInt32LE(i + 1);
      const callee = this.functionAt(target);
      if (callee && callee.offset === 0 && !callee.name.startsWith('runtime.')) return callee.name;
    }
    return f.name;
  }

  /** Up to `n` function names close to `name`: same last component first, then edit distance. */
  nearestFunctions(name: string, n = 3): string[] {
    const tail = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    const scored: [number, string][] = [];
    for (const f of this.functions) {
      const lower = f.name.toLowerCase();
      let score: number;
      if (tail && (lower.endsWith('.' + tail) || lower.endsWith(')' + '.' + tail))) score = 0;
      else if (Math.abs(f.name.length - name.length) > 8) continue;
      else score = 1 + editDistance(name, f.name);
      if (score <= Math.max(3, name.length / 3)) scored.push([score, f.name]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].length - b[1].length || a[1].localeCompare(b[1]));
    return [...new Set(scored.map(([, s]) => s))].slice(0, n);
  }

  /** Offset of runtime.g's goid, from the binary's DWARF. */
  goidOffset(): number {
    if (this.goid === undefined) {
      const off = structMemberOffset(this.dwarfSections(), 'runtime.g', 'goid');
      if (off === undefined) throw new UserError(`${path.basename(this.path)} has no runtime.g.goid in its DWARF.`, 'Build it with a Go toolchain that emits DWARF (no -ldflags=-w).');
      this.goid = off;
    }
    return this.goid;
  }

  /** Address of a global's member, e.g. runtime.memstats (type runtime.mstats) numgc, from DWARF. */
  globalMemberAddress(global: string, struct: string, member: string): number | undefined {
    const sym = this.byName.get(global);
    if (!sym || sym.type !== 'object') return undefined;
    let off: number | undefined;
    try {
      off = structMemberOffset(this.dwarfSections(), struct, member);
    } catch {
      return undefined;
    }
    return off === undefined ? undefined : sym.value + off;
  }

  /** The Go type name of the runtime type descriptor at `addr` (e.g. an interface's type word). */
  typeName(addr: number): string | undefined {
    if (this.typeNames.has(addr)) return this.typeNames.get(addr);
    const name = this.readTypeName(addr);
    this.typeNames.set(addr, name);
    return name;
  }

  /** The address of the named type's runtime descriptor (e.g. "string"), from DWARF. */
  runtimeTypeAddress(name: string): number | undefined {
    if (!this.runtimeTypes) {
      try {
        this.runtimeTypes = runtimeTypeOffsets(this.dwarfSections());
      } catch {
        this.runtimeTypes = new Map();
      }
    }
    const types = this.byName.get('runtime.types')?.value;
    const off = this.runtimeTypes.get(name);
    return types !== undefined && off !== undefined ? types + off : undefined;
  }

  private dwarfSections(): DwarfSections {
    if (!this.dwarf) {
      const info = this.elf.sectionData('.debug_info');
      const abbrev = this.elf.sectionData('.debug_abbrev');
      if (!info || !abbrev) throw new UserError(`${path.basename(this.path)} has no DWARF debug information.`, 'Build it without -ldflags=-w so that gotui can read runtime.g from it.');
      this.dwarf = { info, abbrev, str: this.elf.sectionData('.debug_str'), lineStr: this.elf.sectionData('.debug_line_str') };
    }
    return this.dwarf;
  }

  // internal/abi.Type: TFlag at 20, Str (a NameOff from runtime.types) at 40. A name is a flag
  // byte, a varint length and the bytes; TFlagExtraStar means the stored name has a leading '*'.
  private readTypeName(addr: number): string | undefined {
    const types = this.byName.get('runtime.types')?.value;
    const etypes = this.byName.get('runtime.etypes')?.value;
    if (types === undefined || etypes === undefined || addr < types || addr + 48 > etypes) return undefined;
    const t = this.elf.readAt(addr, 48);
    if (!t) return undefined;
    const tflag = t[20]!;
    const nameAddr = types + t.readInt32LE(40);
    const head = this.elf.readAt(nameAddr, 11);
    if (!head) return undefined;
    let len = 0;
    let i = 1;
    for (let shift = 0; i < head.length; i++, shift += 7) {
      len |= (head[i]! & 0x7f) << shift;
      if (!(head[i]! & 0x80)) break;
    }
    const bytes = this.elf.readAt(nameAddr + i + 1, len);
    if (!bytes) return undefined;
    const name = bytes.toString('utf8');
    return tflag & 2 ? name.slice(1) : name;
  }
}

const cache = new Map<string, { key: string; binary: GoBinary; elf: ElfFile }>();

/** The binary at `file`, read once per path and modification time. */
export function loadBinary(file: string): GoBinary {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UserError(`${abs} does not exist.`, 'Give the path of the debugged Go binary.');
  }
  const key = `${st.mtimeMs}:${st.size}`;
  const hit = cache.get(abs);
  if (hit && hit.key === key) return hit.binary;
  let elf: ElfFile;
  try {
    elf = ElfFile.open(abs);
  } catch (err) {
    if (err instanceof NotElfError) throw new UserError(`${abs} is not a 64-bit ELF binary.`, 'The bpftrace lane works on Linux amd64 Go binaries.');
    throw err;
  }
  const binary = new GoBinary(abs, elf);
  hit?.elf.close();
  cache.set(abs, { key, binary, elf });
  return binary;
}
