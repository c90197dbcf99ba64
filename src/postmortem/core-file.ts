/*
 * What a core file says of the process that wrote it, read from its ELF notes before Delve opens
 * it: Delve, given the wrong binary, reads garbage and then hangs on every request (gdb only warns).
 * Kernel cores carry NT_PRPSINFO, NT_PRSTATUS and NT_AUXV; cores Delve writes carry NT_PRPSINFO
 * and Delve's own header note ("Entry Point: 0x…").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ElfFile } from '../binary/elf.js';

export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const NT_PRSTATUS = 1;
export const NT_PRPSINFO = 3;
export const NT_AUXV = 6;
/** NT_FILE: the files mapped (kernel cores). */
export const NT_FILE = 0x46494c45;
export const NT_DELVE = 0x444c5645;
const AT_ENTRY = 9n;
const ET_EXEC = 2;
/** Notes are a few KB a thread: more than this is not a core. */
const NOTES_LIMIT = 16 << 20;

export interface CoreInfo {
  /** The program's name as the kernel knew it (comm, 15 bytes at most). */
  name?: string;
  /** Its command line (80 bytes at most; Delve writes the binary's absolute path first). */
  args?: string;
  /** Where its entry point was in memory. */
  entry?: bigint;
  /** The signal that killed it (kernel cores), e.g. SIGSEGV. */
  signal?: string;
  /** Written by Delve's dump rather than by the kernel. */
  byDelve: boolean;
  /** The file ends before its segments do (copied or written incompletely): the bytes they need, the bytes it has. */
  cut?: CoreCut;
}

export interface CoreCut {
  need: number;
  has: number;
}

const bytes = (x: number) => x.toLocaleString('en-US');
/** A cut core in one sentence, gdb's "segment extending past end of file" with the sizes. Pure. */
export function cutShort(cut: CoreCut): string {
  return `The core is cut short: its segments need ${bytes(cut.need)} bytes, the file has ${bytes(cut.has)} (copied or written incompletely?).`;
}
/** The same, said where something is missing: `the core is cut short (1,000,000 of its 46,137,344 bytes)`. Pure. */
export function cutNote(cut: CoreCut): string {
  return `the core is cut short (${bytes(cut.has)} of its ${bytes(cut.need)} bytes)`;
}
/** What to do about it: the kernel cuts a core at the size limit, a copy stops at a full disk. */
/** The way to a whole core: a kernel's is cut by ulimit -c, Delve's by a copy or a dump that stopped (trial BW: the ulimit hint for a :dump). */
export const cutHint = (byDelve: boolean): string => (byDelve ? 'Write it again (:dump, or the dlv CLI\'s dump), or copy it again whole.' : 'Copy it again whole, or lift the limit that cut it (ulimit -c unlimited) and let it crash again.');

interface Note {
  type: number;
  /** Its owner (`CORE`, `Go`), where parsed from a file. */
  name?: string;
  desc: Buffer;
}

/** The notes of an ELF note segment. Pure. */
export function parseNotes(buf: Buffer): Note[] {
  const notes: Note[] = [];
  const pad = (n: number) => (n + 3) & ~3;
  for (let at = 0; at + 12 <= buf.length; ) {
    const namesz = buf.readUInt32LE(at);
    const descsz = buf.readUInt32LE(at + 4);
    const type = buf.readUInt32LE(at + 8);
    const desc = at + 12 + pad(namesz);
    if (desc + descsz > buf.length) break;
    notes.push({ type, name: cString(buf.subarray(at + 12, at + 12 + namesz)), desc: buf.subarray(desc, desc + descsz) });
    at = desc + pad(descsz);
  }
  return notes;
}

const cString = (b: Buffer) => {
  const end = b.indexOf(0);
  return b.toString('utf8', 0, end < 0 ? b.length : end).trim();
};
/** Signal names by number, the first of aliases (SIGABRT, not SIGIOT). */
const signalNames = new Map<number, string>();
for (const [name, n] of Object.entries(os.constants.signals)) if (!signalNames.has(n)) signalNames.set(n, name);
/** SIGSEGV for 11. Pure. */
export const signalName = (n: number) => signalNames.get(n) ?? `signal ${n}`;

/** What the notes say. Pure. */
export function coreInfoOf(notes: readonly Note[]): CoreInfo {
  const info: CoreInfo = { byDelve: false };
  for (const n of notes) {
    if (n.type === NT_PRPSINFO && n.desc.length >= 136) {
      // struct elf_prpsinfo (amd64): pr_fname[16] at 40, pr_psargs[80] at 56.
      info.name = cString(n.desc.subarray(40, 56)) || undefined;
      info.args = cString(n.desc.subarray(56, 136)) || undefined;
    } else if (n.type === NT_PRSTATUS && info.signal === undefined && n.desc.length >= 14) {
      const sig = n.desc.readUInt16LE(12); // pr_cursig, after struct elf_siginfo
      if (sig) info.signal = signalName(sig);
    } else if (n.type === NT_AUXV) {
      for (let i = 0; i + 16 <= n.desc.length; i += 16) if (n.desc.readBigUInt64LE(i) === AT_ENTRY) info.entry = n.desc.readBigUInt64LE(i + 8);
    } else if (n.type === NT_DELVE) {
      info.byDelve = true;
      const m = /^Entry Point: (0x[0-9a-f]+)$/m.exec(n.desc.toString('utf8'));
      if (m) info.entry = BigInt(m[1]!);
    }
  }
  return info;
}

/** Runs `use` with a reader of `file`'s bytes (fewer at its end), the file closed after. */
function withFile<T>(file: string, use: (read: (at: number, length: number) => Buffer) => T): T {
  const fd = fs.openSync(file, 'r');
  try {
    return use((at, length) => {
      const buf = Buffer.alloc(length);
      return buf.subarray(0, fs.readSync(fd, buf, 0, length, at));
    });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A core file's notes (a few KB read, whatever the core's size), or why `file` is not a core, in
 * one sentence (a directory, not ELF, a program or library: Delve says "EOF" or prints a Go struct
 * dump for these). Notes it cannot read are none: Delve then says what is wrong.
 */
export function readCore(file: string): { core: CoreInfo } | { notCore: string } {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { notCore: `${file} is a directory, not a core file.` };
    return withFile(file, (read) => {
      const head = read(0, 64);
      if (head.length < 18 || head.toString('latin1', 0, 4) !== '\x7fELF') return { notCore: `${file} is not a core file (no ELF header).` };
      const type = head.readUInt16LE(16);
      if (type === 2 || type === 3) return { notCore: `${file} is a program or a library, not a core file.` };
      if (type !== 4) return { notCore: `${file} is an ELF file of type ${type}, not a core file.` };
      const notes: Note[] = [];
      const has = stat.size;
      let need = 0;
      // The kernel writes the table of segments right after the ELF header, Delve at the end: cut, only Delve's is gone.
      let tableAtEnd = false;
      try {
        // ELF64 program headers are 56 bytes: anything else is no table to read.
        const phentsize = head.length === 64 && head[4] === 2 ? head.readUInt16LE(54) : 0;
        if (phentsize < 56) return { core: coreInfoOf(notes) };
        const phoff = Number(head.readBigUInt64LE(32));
        const tableEnd = phoff + phentsize * head.readUInt16LE(56);
        need = tableEnd;
        tableAtEnd = phoff > 64;
        const phdrs = read(phoff, tableEnd - phoff);
        for (let at = 0; at + phentsize <= phdrs.length; at += phentsize) {
          const ph = phdrs.subarray(at, at + phentsize);
          const type = ph.readUInt32LE(0);
          const offset = Number(ph.readBigUInt64LE(8));
          const size = Number(ph.readBigUInt64LE(32));
          if (type === PT_LOAD || type === PT_NOTE) need = Math.max(need, offset + size);
          if (type === PT_NOTE && size <= NOTES_LIMIT) notes.push(...parseNotes(read(offset, size)));
        }
      } catch {
        // A core cut short: the notes read so far.
      }
      const info = coreInfoOf(notes);
      return { core: need > has ? { ...info, cut: { need, has }, byDelve: info.byDelve || tableAtEnd } : info };
    });
  } catch (err) {
    return { notCore: `Cannot read ${file}: ${(err as Error).message}.` };
  }
}

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
  memsz: bigint;
}

/** A file's program headers; none unless it is little-endian ELF64, as Delve and Linux write cores on amd64 and arm64. */
export function programHeaders(fd: number): ProgramHeader[] {
  const head = Buffer.alloc(64);
  fs.readSync(fd, head, 0, 64, 0);
  if (head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2 || head[5] !== 1) return [];
  const phentsize = head.readUInt16LE(0x36);
  const phnum = head.readUInt16LE(0x38);
  if (phentsize < 56) return [];
  const table = Buffer.alloc(phentsize * phnum);
  fs.readSync(fd, table, 0, table.length, Number(head.readBigUInt64LE(0x20)));
  return Array.from({ length: phnum }, (_, i) => {
    const p = i * phentsize;
    return { type: table.readUInt32LE(p), flags: table.readUInt32LE(p + 4), offset: table.readBigUInt64LE(p + 8), vaddr: table.readBigUInt64LE(p + 16), filesz: table.readBigUInt64LE(p + 32), memsz: table.readBigUInt64LE(p + 40) };
  });
}

/**
 * A core's memory as /proc/PID/maps would list it: its PT_LOAD segments, what the core holds (a
 * Delve dump leaves out memory mapped with no access; a kernel core, file-backed code it did not
 * copy: that reads from the binary). Pure but for reading the file's headers.
 */
export function coreMaps(file: string, binary?: string): string {
  // A core names no file a segment came from: one where a fixed-address binary loads is the binary's (trial AT: its text was "anonymous").
  const own = binary ? fixedLoads(binary) : [];
  const fd = fs.openSync(file, 'r');
  try {
    const hex = (n: bigint) => n.toString(16);
    return programHeaders(fd)
      .filter((h) => h.type === PT_LOAD && h.memsz > 0n)
      .map((h) => {
        const path = own.some((o) => h.vaddr < o.hi && h.vaddr + h.memsz > o.lo) ? ` ${binary}` : '';
        return `${hex(h.vaddr)}-${hex(h.vaddr + h.memsz)} ${h.flags & 4 ? 'r' : '-'}${h.flags & 2 ? 'w' : '-'}${h.flags & 1 ? 'x' : '-'}p ${hex(h.offset)} 00:00 0${path}`;
      })
      .join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where a fixed-address (ET_EXEC, Go's default) binary's segments load from its file; none for
 * another kind or an unreadable file. Not the zeroed part past a segment's file bytes (its bss): a
 * process maps that anonymously, and `:vmmap` names it `binary bss` live and in a core alike (trial AY).
 */
function fixedLoads(binary: string): { lo: bigint; hi: bigint }[] {
  if (!binaryEntry(binary)?.fixed) return [];
  try {
    const fd = fs.openSync(binary, 'r');
    try {
      return programHeaders(fd)
        .filter((h) => h.type === PT_LOAD)
        .map((h) => ({ lo: h.vaddr, hi: h.vaddr + h.filesz }));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
}

/** A binary's ELF type and entry point, for comparing with a core's. */
export function binaryEntry(file: string): { fixed: boolean; entry: bigint } | undefined {
  try {
    return withFile(file, (read) => {
      const head = read(0, 32);
      if (head.length < 32 || head.toString('latin1', 0, 4) !== '\x7fELF' || head[4] !== 2) return undefined;
      return { fixed: head.readUInt16LE(16) === ET_EXEC, entry: head.readBigUInt64LE(24) };
    });
  } catch {
    return undefined;
  }
}

/**
 * Why BIN cannot be the program that wrote the core, in one sentence; undefined when nothing says
 * so. Only a fixed-address binary (Go's default) whose entry point differs is certain; names can
 * be changed by the program, so they only name the likely one. Pure.
 */
export function coreMismatch(core: CoreInfo, bin: { path: string; fixed: boolean; entry: bigint } | undefined): string | undefined {
  if (!bin || core.entry === undefined || core.entry === bin.entry) return undefined;
  // A position-independent binary loads at a page-aligned base: its entry keeps its place in the page
  // (trial AJ: /bin/ls opened a Go program's core, and Delve found no goroutines).
  if (!bin.fixed && (core.entry & 0xfffn) === (bin.entry & 0xfffn)) return undefined;
  const wrote = writerNamed(core) ?? core.name;
  const name = path.basename(bin.path);
  const theirs = bin.fixed ? `0x${bin.entry.toString(16)} in ${name}` : `0x${bin.entry.toString(16)} past wherever ${name} loads, a page-aligned place`;
  return `The core was written by ${wrote ?? 'another program'}, not by this build of ${name}: their entry points differ (0x${core.entry.toString(16)} in the core, ${theirs}).`;
}

/** The program path the core's command line starts with, as it was typed. */
export const commandPath = (core: CoreInfo): string | undefined => core.args?.split(' ')[0] || undefined;

/** The program the core's command line names; a relative path is from a directory the core does not record. */
export function writerNamed(core: CoreInfo): string | undefined {
  const path0 = commandPath(core);
  return path0 ? (path.isAbsolute(path0) ? path0 : `${path0} (so its command line says, from the directory it started in)`) : undefined;
}

/**
 * The binary that wrote the core, when the path its command line gives finds one on this machine
 * with the core's entry point (and its Go build ID, where the core holds it): as given (absolute, or
 * from here), else from the core's directory.
 */
export function findWriter(core: CoreInfo, coreFile: string): string | undefined {
  const wrote = commandPath(core);
  if (!wrote || core.entry === undefined) return undefined;
  const places = path.isAbsolute(wrote) ? [wrote] : [wrote, path.join(path.dirname(coreFile), wrote)];
  return places.find((p) => binaryEntry(p)?.entry === core.entry && !otherBuild(p, coreFile));
}

/**
 * Why BIN, with the core's entry point, is still another build than the one that wrote it: a rebuild
 * rarely moves Go's entry point (trial BL: values read as garbage, unsaid). The Go build ID note a
 * fixed-address binary carries is at an address the core holds too (the first page of its text).
 * Undefined when they agree or either cannot be read.
 */
export function otherBuild(binary: string, coreFile: string, core?: CoreInfo): string | undefined {
  if (!binaryEntry(binary)?.fixed) return undefined;
  const note = ElfFile.read(binary, (elf) => {
    const s = elf.section('.note.go.buildid');
    const data = elf.sectionData('.note.go.buildid');
    return s && data ? { addr: BigInt(s.addr), data } : undefined;
  });
  if (!note) return undefined;
  const ours = goBuildId(note.data);
  let theirs: string | undefined;
  try {
    const fd = fs.openSync(coreFile, 'r');
    try {
      const end = note.addr + BigInt(note.data.length);
      const h = programHeaders(fd).find((p) => p.type === PT_LOAD && p.vaddr <= note.addr && end <= p.vaddr + p.filesz);
      const buf = Buffer.alloc(note.data.length);
      if (h && fs.readSync(fd, buf, 0, buf.length, Number(h.offset + note.addr - h.vaddr)) === buf.length) theirs = goBuildId(buf);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (!ours || !theirs || ours === theirs) return undefined;
  const name = path.basename(binary);
  const wrote = core && writerNamed(core);
  const [a, b] = buildIdsApart(theirs, ours);
  // Not "another build of NAME": the core's process may have run another file (trial BN: svc's core, given svc2).
  return `The core was written by another build than ${name}${wrote ? ` (its process ran ${wrote})` : ''}: their Go build IDs differ (${a} in the core, ${b} in ${name}), so its values would read as nonsense.`;
}

/**
 * Two Go build IDs (four parts of 20 characters: 84 with the slashes, trial BN saw them wrap) by the
 * first part where they differ, cut to 12 characters. Pure.
 */
export function buildIdsApart(x: string, y: string): [string, string] {
  const [xs, ys] = [x.split('/'), y.split('/')];
  const i = Math.max(0, xs.findIndex((p, k) => p !== ys[k]));
  const show = (parts: string[]) => `${i ? '…/' : ''}${parts[i]!.length > 12 ? `${parts[i]!.slice(0, 12)}…` : parts[i]}${i < parts.length - 1 ? '/…' : ''}`;
  return [show(xs), show(ys)];
}

/** The build ID in an ELF note of Go's (name "Go", type 4); undefined for bytes that are not one. Pure. */
export function goBuildId(note: Buffer): string | undefined {
  const n = parseNotes(note)[0];
  if (n?.type !== 4 || n.name !== 'Go') return undefined;
  const id = n.desc.toString('utf8').replace(/\0+$/, '');
  return /^[\x21-\x7e]+$/.test(id) ? id : undefined;
}
