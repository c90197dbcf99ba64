import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreBreakpointBytes, restoredWords } from './core-patch.js';

/** A minimal ELF64 core: one PT_NOTE and one PT_LOAD of 32 bytes at 0x400000, file offset 0x100. */
function core(bytes: number[]): string {
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

test(':dump counts what it put back as the user knows it: their breakpoints, and the ones Delve sets for panics and fatal errors', () => {
  assert.equal(restoredWords(5, 4), "Put the code's own byte back at 5 breakpoint addresses in the core (1 of yours, 4 of Delve's own for panics and fatal errors): Delve writes its int3 there; gdb and gotui core show the program's instructions.");
  assert.match(restoredWords(1, 0), /^Put the code's own byte back at 1 breakpoint address in the core \(1 of yours\):/);
  assert.match(restoredWords(4, 4), /at 4 breakpoint addresses in the core \(4 of Delve's own for panics and fatal errors\):/);
});
