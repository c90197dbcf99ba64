import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

export type SymbolType = 'func' | 'object' | 'notype' | 'other';

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  type: SymbolType;
  /** Index of the section it is defined in (0 undefined, >= 0xff00 special). */
  section: number;
}

const SHT_NOBITS = 8;
const SHF_COMPRESSED = 0x800;
const ELFCOMPRESS_ZLIB = 1;

/** Thrown for files that are not little-endian ELF64 (the only kind Go/amd64 produces). */
export class NotElfError extends Error {}

/**
 * A little-endian ELF64 file read on demand: section headers up front, section contents when
 * asked. Addresses fit in a JS number (below 2^53) for every Go binary layout.
 */
export class ElfFile {
  readonly sections: ElfSection[];

  private constructor(
    private readonly fd: number,
    sections: ElfSection[],
  ) {
    this.sections = sections;
  }

  static open(file: string): ElfFile {
    const fd = fs.openSync(file, 'r');
    try {
      return new ElfFile(fd, readSectionHeaders(fd, file));
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** `use` of the ELF file at `file`, closed after; undefined when it is no ELF file, or `use` throws. */
  static read<T>(file: string, use: (elf: ElfFile) => T): T | undefined {
    let elf: ElfFile;
    try {
      elf = ElfFile.open(file);
    } catch {
      return undefined;
    }
    try {
      return use(elf);
    } catch {
      return undefined;
    } finally {
      elf.close();
    }
  }

  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** A section's bytes, decompressed if SHF_COMPRESSED (zlib) or a legacy .zdebug_* section. */
  sectionData(name: string): Buffer | undefined {
    const s = this.section(name) ?? this.section(name.replace(/^\.debug_/, '.zdebug_'));
    if (!s || s.type === SHT_NOBITS) return undefined;
    const raw = this.read(s.offset, s.size);
    if (s.flags & SHF_COMPRESSED) {
      if (raw.readUInt32LE(0) !== ELFCOMPRESS_ZLIB) throw new Error(`${s.name}: unsupported compression ${raw.readUInt32LE(0)}`);
      return zlib.inflateSync(raw.subarray(24)); // Elf64_Chdr: type, reserved, size, addralign
    }
    if (s.name.startsWith('.zdebug_') && raw.toString('latin1', 0, 4) === 'ZLIB') return zlib.inflateSync(raw.subarray(12));
    return raw;
  }

  /** `length` bytes at virtual address `addr`, from the allocated section that holds them. */
  readAt(addr: number, length: number): Buffer | undefined {
    const s = this.sections.find((x) => x.addr !== 0 && x.type !== SHT_NOBITS && addr >= x.addr && addr + length <= x.addr + x.size);
    return s ? this.read(s.offset + (addr - s.addr), length) : undefined;
  }

  /** The .symtab entries that have a name (Go binaries keep one unless stripped). */
  symbols(): ElfSymbol[] {
    const symtab = this.section('.symtab');
    if (!symtab) return [];
    const strtab = this.sections[symtab.link];
    if (!strtab) return [];
    const syms = this.read(symtab.offset, symtab.size);
    const strs = this.read(strtab.offset, strtab.size);
    const out: ElfSymbol[] = [];
    const entsize = symtab.entsize || 24;
    for (let off = 0; off + 24 <= syms.length; off += entsize) {
      const nameOff = syms.readUInt32LE(off);
      if (nameOff === 0) continue;
      const info = syms[off + 4]!;
      out.push({
        name: cString(strs, nameOff),
        value: Number(syms.readBigUInt64LE(off + 8)),
        size: Number(syms.readBigUInt64LE(off + 16)),
        type: symbolType(info & 0xf),
        section: syms.readUInt16LE(off + 6),
      });
    }
    return out;
  }

  private read(offset: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, done, length - done, offset + done);
      if (n === 0) throw new Error(`unexpected end of file at offset ${offset + done}`);
      done += n;
    }
    return buf;
  }
}

function readSectionHeaders(fd: number, file: string): ElfSection[] {
  const ident = Buffer.alloc(64);
  fs.readSync(fd, ident, 0, 64, 0);
  if (ident.toString('latin1', 0, 4) !== '\x7fELF') throw new NotElfError(`${file} is not an ELF file`);
  if (ident[4] !== 2 || ident[5] !== 1) throw new NotElfError(`${file} is not a little-endian 64-bit ELF file`);
  const shoff = Number(ident.readBigUInt64LE(0x28));
  const shentsize = ident.readUInt16LE(0x3a);
  let shnum = ident.readUInt16LE(0x3c);
  let shstrndx = ident.readUInt16LE(0x3e);
  if (shoff === 0) return [];
  const first = Buffer.alloc(shentsize);
  fs.readSync(fd, first, 0, shentsize, shoff);
  // Extended numbering: the real counts live in section 0.
  if (shnum === 0) shnum = Number(first.readBigUInt64LE(0x20));
  if (shstrndx === 0xffff) shstrndx = first.readUInt32LE(0x28);
  const table = Buffer.alloc(shnum * shentsize);
  fs.readSync(fd, table, 0, table.length, shoff);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = i * shentsize;
    raw.push({
      nameOff: table.readUInt32LE(o),
      type: table.readUInt32LE(o + 4),
      flags: Number(table.readBigUInt64LE(o + 8)),
      addr: Number(table.readBigUInt64LE(o + 0x10)),
      offset: Number(table.readBigUInt64LE(o + 0x18)),
      size: Number(table.readBigUInt64LE(o + 0x20)),
      link: table.readUInt32LE(o + 0x28),
      entsize: Number(table.readBigUInt64LE(o + 0x38)),
    });
  }
  const names = raw[shstrndx];
  const strs = Buffer.alloc(names?.size ?? 0);
  if (names) fs.readSync(fd, strs, 0, names.size, names.offset);
  return raw.map(({ nameOff, ...s }) => ({ name: cString(strs, nameOff), ...s }));
}

function cString(buf: Buffer, off: number): string {
  const end = buf.indexOf(0, off);
  return buf.toString('utf8', off, end < 0 ? buf.length : end);
}

function symbolType(t: number): SymbolType {
  return t === 2 ? 'func' : t === 1 ? 'object' : t === 0 ? 'notype' : 'other';
}
