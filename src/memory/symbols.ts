// Names for addresses as gdb 13 prints them in `<sym+off>`: its minimal
// symbols (the ELF .symtab, Go and C alike) looked up as
// lookup_minimal_symbol_by_pc_section and build_address_symbolic do. Only
// addresses inside an allocated section get a name; the nearest symbol at or
// below the address in that section counts, preferring one with a size; a
// sized symbol the address lies past names nothing (unless a zero-sized one
// sits between), and a zero-sized data symbol names nothing. Pure.
import type { SymbolInfo, Symbolizer } from './format.js';

export interface TableSection {
  readonly index: number;
  readonly name: string;
  readonly lo: bigint;
  /** Exclusive. */
  readonly hi: bigint;
  readonly code: boolean;
}

export interface TableSymbol {
  readonly name: string;
  readonly address: bigint;
  readonly size: bigint;
  /** The index of the section it is defined in. */
  readonly section: number;
}

/** What an ELF reader gives (src/binary/elf.ts), in plain numbers. */
export interface ElfLike {
  readonly sections: readonly { name: string; type: number; flags: number; addr: number; size: number }[];
  symbols(): readonly { name: string; value: number; size: number; type: string; section: number }[];
  /** A section's bytes (for the PLT's relocations and dynamic symbols). */
  sectionData?(name: string): Uint8Array | undefined;
}

const SHF_ALLOC = 0x2;
const SHF_EXECINSTR = 0x4;
const SHF_TLS = 0x400;

export class SymbolTable {
  private readonly byAddress: TableSymbol[];
  private readonly sections: TableSection[];
  /** Function names to their addresses, for `break *main.main` and jump targets. */
  private readonly byName = new Map<string, TableSymbol>();

  constructor(sections: readonly TableSection[], symbols: readonly TableSymbol[]) {
    this.sections = [...sections].sort((a, b) => cmp(a.lo, b.lo));
    // gdb sorts by address, then by name (strcmp): of symbols at one address the last by name is found first.
    this.byAddress = [...symbols].sort((a, b) => cmp(a.address, b.address) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const s of this.byAddress) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
  }

  static fromElf(elf: ElfLike): SymbolTable {
    const sections: TableSection[] = [];
    elf.sections.forEach((s, index) => {
      if (!(s.flags & SHF_ALLOC) || s.flags & SHF_TLS || s.addr === 0 || s.size === 0) return;
      sections.push({ index, name: s.name, lo: BigInt(s.addr), hi: BigInt(s.addr) + BigInt(s.size), code: Boolean(s.flags & SHF_EXECINSTR) });
    });
    const code = new Set(sections.filter((s) => s.code).map((s) => s.index));
    const symbols = elf
      .symbols()
      .filter((s) => (s.type === 'func' || s.type === 'object' || s.type === 'notype') && s.section > 0 && s.section < 0xff00 && s.name !== '')
      .map((s) => ({ name: code.has(s.section) ? dwarfName(s.name) : s.name, address: BigInt(s.value), size: BigInt(s.size), section: s.section }));
    return new SymbolTable(sections, [...symbols, ...pltSymbols(elf)]);
  }

  get size(): number {
    return this.byAddress.length;
  }

  /** The section holding an address, if any. */
  section(address: bigint): TableSection | undefined {
    return this.sections.find((s) => address >= s.lo && address < s.hi);
  }

  /** A symbol by name (the first of that name). */
  find(name: string): TableSymbol | undefined {
    return this.byName.get(name);
  }

  readonly lookup: Symbolizer = (address: bigint): SymbolInfo | undefined => {
    const section = this.section(address);
    if (!section) return undefined;
    // The last symbol at or below the address.
    let lo = 0;
    let hi = this.byAddress.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.byAddress[mid]!.address <= address) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let zeroSized = -1;
    while (at >= 0) {
      const s = this.byAddress[at]!;
      if (s.section !== section.index) {
        at--;
        continue;
      }
      if (s.size === 0n) {
        if (zeroSized < 0) zeroSized = at;
        at--;
        continue;
      }
      break;
    }
    if (zeroSized >= 0 && (at < 0 || this.byAddress[at]!.size === 0n)) at = zeroSized;
    if (at >= 0) {
      const s = this.byAddress[at]!;
      if (s.size !== 0n && address >= s.address + s.size) at = zeroSized;
    }
    if (at < 0) return undefined;
    const s = this.byAddress[at]!;
    // A zero-sized data symbol is a label gdb does not trust.
    if (s.size === 0n && !section.code) return undefined;
    return { name: s.name, offset: address - s.address };
  };
}

/**
 * gdb's synthetic symbols for calls into shared libraries (cgo binaries): `malloc@plt` for the
 * PLT stub (entry k+1 of .plt for relocation k of .rela.plt) and `malloc@got.plt` for its GOT slot.
 */
function pltSymbols(elf: ElfLike): TableSymbol[] {
  const index = (name: string) => elf.sections.findIndex((s) => s.name === name);
  const rela = elf.sectionData?.('.rela.plt');
  const dynsym = elf.sectionData?.('.dynsym');
  const dynstr = elf.sectionData?.('.dynstr');
  const plt = index('.plt');
  const got = index('.got.plt');
  if (!rela || !dynsym || !dynstr) return [];
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const r = view(rela);
  const d = view(dynsym);
  const out: TableSymbol[] = [];
  for (let k = 0; (k + 1) * 24 <= rela.length; k++) {
    const slot = r.getBigUint64(k * 24, true);
    const sym = Number(r.getBigUint64(k * 24 + 8, true) >> 32n);
    if ((sym + 1) * 24 > dynsym.length) continue;
    const nameAt = d.getUint32(sym * 24, true);
    const end = dynstr.indexOf(0, nameAt);
    const name = Buffer.from(dynstr.subarray(nameAt, end < 0 ? dynstr.length : end)).toString('latin1');
    if (!name) continue;
    if (plt > 0) out.push({ name: `${name}@plt`, address: BigInt(elf.sections[plt]!.addr) + BigInt(16 * (k + 1)), size: 16n, section: plt });
    if (got > 0) out.push({ name: `${name}@got.plt`, address: slot, size: 8n, section: got });
  }
  return out;
}

/**
 * gdb names a function by its DWARF name where the linker's symbol differs: no ABI0 wrapper
 * suffix (`runtime.goexit`, not `runtime.goexit.abi0`), and the middle dot of generated
 * equality functions (`type:.eq.runtime.untracedG·7`).
 */
function dwarfName(name: string): string {
  const plain = name.replace(/\.abi0$/, '');
  return /^type:\.eq\./.test(plain) ? plain.replace(/\.(\d+)$/, '·$1') : plain;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
