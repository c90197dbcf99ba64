import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { breakpointsLeftIn, leftWords, restoreBreakpointBytes, restoredWords, threadFirst } from './core-patch.js';

/** A minimal ELF64 core: one PT_NOTE and one PT_LOAD of 32 bytes at 0x400000, file offset 0x100 (as a binary: ET_EXEC, the segment executable). */
function core(bytes: number[], opts: { binary?: boolean } = {}): string {
  const f = Buffer.alloc(0x100 + 32);
  f.writeUInt32BE(0x7f454c46, 0);
  f[4] = 2;
  f[5] = 1;
  f.writeBigUInt64LE(64n, 0x20);
  f.writeUInt16LE(56, 0x36);
  f.writeUInt16LE(2, 0x38);
  f.writeUInt32LE(4, 64);
  const load = 64 + 56;
  f.writeUInt32LE(1, load);
  if (opts.binary) {
    f.writeUInt16LE(2, 16);
    f.writeUInt32LE(5, load + 4);
  }
  f.writeBigUInt64LE(0x100n, load + 8);
  f.writeBigUInt64LE(0x400000n, load + 16);
  f.writeBigUInt64LE(32n, load + 32);
  Buffer.from(bytes).copy(f, 0x100);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-core-patch-')), 'core');
  fs.writeFileSync(file, f);
  return file;
}

test("Delve's int3 in a core is given back the code's byte; other bytes and addresses outside the core are left", () => {
  const file = core([0xcc, 0x48, 0xcc, 0x90]);
  const put = restoreBreakpointBytes(file, new Map([[0x400000n, 0x55], [0x400001n, 0x11], [0x400002n, 0xcc], [0x500000n, 0x55]]));
  assert.deepEqual(put, [0x400000n]);
  assert.deepEqual([...fs.readFileSync(file).subarray(0x100, 0x104)], [0x55, 0x48, 0xcc, 0x90]);
  assert.deepEqual(restoreBreakpointBytes(file, new Map()), []);
  fs.writeFileSync(file, 'not an ELF file at all, not at all');
  assert.deepEqual(restoreBreakpointBytes(file, new Map([[0x400000n, 0x55]])), []);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test(":dump counts what it put back as the user knows it: their breakpoints, another client's, and the ones Delve sets for panics and fatal errors", () => {
  assert.equal(restoredWords({ yours: 1, others: 0, delves: 4 }), "Put the code's own byte back at 5 breakpoint addresses in the core (1 of yours, 4 of Delve's own for panics and fatal errors): Delve writes its int3 there; gdb and gotui core show the program's instructions.");
  assert.match(restoredWords({ yours: 1, others: 0, delves: 0 }), /^Put the code's own byte back at 1 breakpoint address in the core \(1 of yours\):/);
  assert.match(restoredWords({ yours: 0, others: 0, delves: 4 }), /at 4 breakpoint addresses in the core \(4 of Delve's own for panics and fatal errors\):/);
  // Trial CG: the dlv CLI's breakpoint was counted as the user's, who had set only a watchpoint.
  assert.match(restoredWords({ yours: 0, others: 1, delves: 4 }), /at 5 breakpoint addresses in the core \(1 another client's, 4 of Delve's own for panics and fatal errors\):/);
  assert.match(restoredWords({ yours: 2, others: 3, delves: 0 }), /at 5 breakpoint addresses in the core \(2 of yours, 3 of other clients'\):/);
});

test("a core another debugger wrote with its int3 in the code: the places where the binary has other bytes are found and said (trial CG)", () => {
  const bin = core([0x55, 0x48, 0xcc, 0x90], { binary: true });
  const dump = core([0xcc, 0x48, 0xcc, 0xcc]);
  // 0x400002 is int3 in the binary too (padding): not a breakpoint.
  assert.deepEqual(breakpointsLeftIn(dump, bin), [0x400000n, 0x400003n]);
  assert.deepEqual(breakpointsLeftIn(bin, bin), []);
  // Not a fixed-address binary (the core itself as one): nothing compared.
  assert.deepEqual(breakpointsLeftIn(dump, dump), []);
  assert.equal(leftWords(2, '/tmp/x/svc'), "The core holds int3 at 2 places in the program's code where svc has other bytes: a debugger's breakpoints were in the process when the core was written, so the Disassembly shows int3 there and misreads what follows, as dlv core and gdb do. gotui's :dump puts the code's own bytes back.");
  for (const f of [bin, dump]) fs.rmSync(path.dirname(f), { recursive: true, force: true });
});

/** A note as an ELF64 core holds it: name padded to 4, desc after. */
function note(type: number, desc: Buffer, name = ''): Buffer {
  const pad = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(12 + pad(name.length) + pad(desc.length));
  out.writeUInt32LE(name.length, 0);
  out.writeUInt32LE(desc.length, 4);
  out.writeUInt32LE(type, 8);
  out.write(name, 12);
  desc.copy(out, 12 + pad(name.length));
  return out;
}
/** struct elf_prstatus (amd64): 336 bytes, pr_pid at 32. */
function prstatus(pid: number): Buffer {
  const b = Buffer.alloc(336);
  b.writeInt32LE(pid, 32);
  return b;
}
const xstate = (tag: number) => Buffer.alloc(576, tag);

test("the thread looked at goes first in a core's notes, its register notes with it, the process's notes where they were; its signal set where gdb reads it", () => {
  const header = note(0x444c5645, Buffer.from('linux/amd64\n'), 'Delve Header');
  const psinfo = note(3, Buffer.alloc(136, 7));
  const threads = [10, 11, 12].map((pid) => Buffer.concat([note(1, prstatus(pid)), note(0x202, xstate(pid))]));
  const seg = Buffer.concat([header, psinfo, ...threads]);
  const moved = threadFirst(seg, 12, 11);
  assert.ok(moved);
  assert.equal(moved.length, seg.length);
  assert.deepEqual(moved.subarray(0, header.length + psinfo.length), Buffer.concat([header, psinfo]));
  const statuses = [] as { pid: number; signo: number; cursig: number; regs: number }[];
  for (let at = header.length + psinfo.length + 12; at < moved.length; at += threads[0]!.length) {
    statuses.push({ pid: moved.readInt32LE(at + 32), signo: moved.readInt32LE(at), cursig: moved.readUInt16LE(at + 12), regs: moved[at + 336 + 12]! });
  }
  // Each thread's registers came with it; the signal is in every thread's status, as the kernel writes it.
  assert.deepEqual(statuses, [12, 10, 11].map((pid) => ({ pid, signo: 11, cursig: 11, regs: pid })));
  // Already first and no signal to set, a thread not in the core, notes that run past their segment: nothing to do.
  assert.equal(threadFirst(seg, 10), undefined);
  assert.equal(threadFirst(seg, 99, 11), undefined);
  assert.equal(threadFirst(seg.subarray(0, seg.length - 2), 12), undefined);
  // Already first, with a signal: only the signal is set.
  const signalled = threadFirst(seg, 10, 6);
  assert.equal(signalled?.readUInt16LE(header.length + psinfo.length + 12 + 12), 6);
});
