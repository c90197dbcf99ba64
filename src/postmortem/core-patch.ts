import fs from 'node:fs';
import path from 'node:path';
import { binaryEntry, NT_AUXV, NT_DELVE, NT_FILE, NT_PRPSINFO, NT_PRSTATUS, programHeaders, PT_LOAD, PT_NOTE } from './core-file.js';

const INT3 = 0xcc;

/**
 * Puts the code's own bytes back where a core holds Delve's int3 (Delve dumps memory as it is,
 * breakpoints in it): gdb and `gotui core` then show the instructions the program runs. Only a
 * byte that is int3 in the core is written. Returns the addresses put back.
 */
export function restoreBreakpointBytes(core: string, originals: ReadonlyMap<bigint, number>): bigint[] {
  if (!originals.size) return [];
  const fd = fs.openSync(core, 'r+');
  try {
    const loads = programHeaders(fd).filter((h) => h.type === PT_LOAD);
    const restored: bigint[] = [];
    const one = Buffer.alloc(1);
    for (const [addr, byte] of originals) {
      const seg = loads.find((l) => addr >= l.vaddr && addr < l.vaddr + l.filesz);
      if (!seg || byte === INT3) continue;
      const at = Number(seg.offset + (addr - seg.vaddr));
      fs.readSync(fd, one, 0, 1, at);
      if (one[0] !== INT3) continue;
      one[0] = byte;
      fs.writeSync(fd, one, 0, 1, at);
      restored.push(addr);
    }
    return restored;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * What :dump put back, counted as the user knows them: their breakpoints, another client's (the dlv
 * CLI's, a pair peer's; trial CG read a dlv CLI's breakpoint as theirs), and Delve's own that no one
 * set. Pure.
 */
export function restoredWords(counts: { yours: number; others: number; delves: number }): string {
  const { yours, others, delves } = counts;
  const total = yours + others + delves;
  const whose = [yours ? `${yours} of yours` : '', others ? (others === 1 ? "1 another client's" : `${others} of other clients'`) : '', delves ? `${delves} of Delve's own for panics and fatal errors` : ''].filter(Boolean).join(', ');
  return `Put the code's own byte back at ${total} breakpoint address${total === 1 ? '' : 'es'} in the core (${whose}): Delve writes its int3 there; gdb and gotui core show the program's instructions.`;
}

const PF_X = 1;
const CHUNK = 1 << 20;

/**
 * The addresses where `core` holds int3 in the program's code and `binary` has another byte there: a
 * debugger's breakpoints, in the process when the core was written (the dlv CLI's dump leaves them;
 * trial CG). Only a fixed-address binary's executable segments are compared (a PIE's base is not
 * known here); a kernel core holds no unmodified code to compare.
 */
export function breakpointsLeftIn(core: string, binary: string): bigint[] {
  if (!binaryEntry(binary)?.fixed) return [];
  const [bfd, cfd] = [fs.openSync(binary, 'r'), fs.openSync(core, 'r')];
  try {
    const code = programHeaders(bfd).filter((h) => h.type === PT_LOAD && h.flags & PF_X && h.filesz > 0n);
    const loads = programHeaders(cfd).filter((h) => h.type === PT_LOAD && h.filesz > 0n);
    const left: bigint[] = [];
    const [ours, theirs] = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)];
    for (const c of code) {
      for (const l of loads) {
        const lo = c.vaddr > l.vaddr ? c.vaddr : l.vaddr;
        const end = c.vaddr + c.filesz < l.vaddr + l.filesz ? c.vaddr + c.filesz : l.vaddr + l.filesz;
        for (let at = lo; at < end; at += BigInt(CHUNK)) {
          const n = Number(end - at < BigInt(CHUNK) ? end - at : BigInt(CHUNK));
          const got = Math.min(fs.readSync(bfd, ours, 0, n, Number(c.offset + at - c.vaddr)), fs.readSync(cfd, theirs, 0, n, Number(l.offset + at - l.vaddr)));
          for (let i = theirs.indexOf(INT3); i >= 0 && i < got; i = theirs.indexOf(INT3, i + 1)) if (ours[i] !== INT3) left.push(at + BigInt(i));
        }
      }
    }
    return left;
  } catch {
    return [];
  } finally {
    fs.closeSync(bfd);
    fs.closeSync(cfd);
  }
}

/** What opening a core says of the breakpoints left in it (breakpointsLeftIn). Pure. */
export function leftWords(count: number, binary: string): string {
  const places = count === 1 ? '1 place' : `${count} places`;
  return `The core holds int3 at ${places} in the program's code where ${path.basename(binary)} has other bytes: a debugger's breakpoints were in the process when the core was written, so the Disassembly shows int3 there and misreads what follows, as dlv core and gdb do. gotui's :dump puts the code's own bytes back.`;
}

/** Notes of the process as a whole, in kernel and Delve cores: no thread's. */
const PROCESS_NOTES = new Set([NT_PRPSINFO, NT_AUXV, NT_FILE, NT_DELVE]);
/** In struct elf_prstatus (amd64, arm64): si_signo first, pr_cursig at 12, pr_pid at 32. */
const SI_SIGNO = 0;
const PR_CURSIG = 12;
const PR_PID = 32;

/**
 * A core's note segment with the notes of thread `tid` (its NT_PRSTATUS and the register notes
 * after it) moved ahead of the other threads', and the signal, when given, set in every thread's
 * NT_PRSTATUS as the kernel writes it: gdb (and Delve) open a core on its first thread, and gdb
 * says the signal it read last ("Program terminated with signal SIGSEGV"). Delve writes its threads in its map's order, a signal in none (trial AL: gdb
 * opened the crash's core on another thread). Undefined when there is nothing to change or the
 * notes cannot be read as a whole. Pure.
 */
export function threadFirst(seg: Buffer, tid: number, signal?: number): Buffer | undefined {
  const pad = (n: number) => (n + 3) & ~3;
  const notes: { type: number; start: number; end: number; desc: number }[] = [];
  for (let at = 0; at < seg.length; ) {
    if (at + 12 > seg.length) return undefined;
    const desc = at + 12 + pad(seg.readUInt32LE(at));
    const end = desc + pad(seg.readUInt32LE(at + 4));
    if (end > seg.length) return undefined;
    notes.push({ type: seg.readUInt32LE(at + 8), start: at, end, desc });
    at = end;
  }
  // Each thread: its NT_PRSTATUS and the notes up to the next thread's or the process's.
  const threads: { from: number; to: number; pid: number }[] = [];
  notes.forEach((n, i) => {
    const last = threads.at(-1);
    if (n.type === NT_PRSTATUS && n.end - n.desc >= PR_PID + 4) threads.push({ from: i, to: i + 1, pid: seg.readInt32LE(n.desc + PR_PID) });
    else if (last && last.to === i && !PROCESS_NOTES.has(n.type)) last.to = i + 1;
  });
  const mine = threads.find((t) => t.pid === tid);
  if (!mine || (mine === threads[0] && !signal)) return undefined;
  // The process's notes before the threads (Delve's header, NT_PRPSINFO) stay where they are.
  const before = notes.slice(0, threads[0]!.from);
  const others = notes.filter((_, i) => i >= threads[0]!.from && (i < mine.from || i >= mine.to));
  const ordered = [...before, ...notes.slice(mine.from, mine.to), ...others];
  const out = Buffer.concat(ordered.map((n) => seg.subarray(n.start, n.end)));
  if (out.length !== seg.length) return undefined;
  if (signal) {
    let at = 0;
    for (const n of ordered) {
      if (n.type === NT_PRSTATUS && n.end - n.desc >= PR_PID + 4) {
        out.writeInt32LE(signal, at + n.desc - n.start + SI_SIGNO);
        out.writeUInt16LE(signal, at + n.desc - n.start + PR_CURSIG);
      }
      at += n.end - n.start;
    }
  }
  return out;
}

/** Puts thread `tid` first in `core`'s notes, with `signal` (see threadFirst). True when the core was changed. */
export function putThreadFirst(core: string, tid: number, signal?: number): boolean {
  const fd = fs.openSync(core, 'r+');
  try {
    const notes = programHeaders(fd).find((h) => h.type === PT_NOTE);
    if (!notes || notes.filesz > 16n << 20n) return false;
    const seg = Buffer.alloc(Number(notes.filesz));
    if (fs.readSync(fd, seg, 0, seg.length, Number(notes.offset)) !== seg.length) return false;
    const out = threadFirst(seg, tid, signal);
    if (out) fs.writeSync(fd, out, 0, out.length, Number(notes.offset));
    return !!out;
  } finally {
    fs.closeSync(fd);
  }
}
