import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binaryEntry, buildIdsApart, coreInfoOf, coreMismatch, findWriter, goBuildId, parseNotes, readCore } from './core-file.js';

/** One ELF note as the kernel lays it out: sizes, type, name and desc each padded to 4 bytes. */
function note(type: number, name: string, desc: Buffer): Buffer {
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const head = Buffer.alloc(12);
  head.writeUInt32LE(name.length + 1, 0);
  head.writeUInt32LE(desc.length, 4);
  head.writeUInt32LE(type, 8);
  return Buffer.concat([head, pad(Buffer.from(`${name}\0`)), pad(desc)]);
}

function prpsinfo(fname: string, args: string): Buffer {
  const d = Buffer.alloc(136);
  d.write(fname, 40);
  d.write(args, 56);
  return d;
}

test("a kernel core's notes: the program's name and command line, the signal that killed it, its entry point from the auxv", () => {
  const status = Buffer.alloc(336);
  status.writeUInt16LE(6, 12); // pr_cursig
  const auxv = Buffer.alloc(48);
  auxv.writeBigUInt64LE(6n, 0); // AT_PAGESZ
  auxv.writeBigUInt64LE(4096n, 8);
  auxv.writeBigUInt64LE(9n, 16); // AT_ENTRY
  auxv.writeBigUInt64LE(0x402310n, 24);
  const buf = Buffer.concat([note(1, 'CORE', status), note(3, 'CORE', prpsinfo('cgo-slice', '/srv/bin/cgo-slice -rate 5')), note(6, 'CORE', auxv)]);
  const info = coreInfoOf(parseNotes(buf));
  assert.deepEqual(info, { byDelve: false, signal: 'SIGABRT', name: 'cgo-slice', args: '/srv/bin/cgo-slice -rate 5', entry: 0x402310n });
});

test("a core Delve wrote: its header note's entry point; a binary with another entry point is named as not the one", () => {
  const header = Buffer.from('linux/amd64\n1.27.1\nTarget Pid: 4242\nEntry Point: 0x402310\n');
  const info = coreInfoOf(parseNotes(Buffer.concat([note(0x444c5645, 'Delve Header', header), note(3, 'CORE', prpsinfo('cgo-slice', '/srv/bin/cgo-slice'))])));
  assert.equal(info.byDelve, true);
  assert.equal(info.entry, 0x402310n);
  assert.equal(coreMismatch(info, { path: '/srv/bin/cgo-slice', fixed: true, entry: 0x402310n }), undefined);
  assert.equal(
    coreMismatch(info, { path: '/srv/bin/orders', fixed: true, entry: 0x48d240n }),
    'The core was written by /srv/bin/cgo-slice, not by this build of orders: their entry points differ (0x402310 in the core, 0x48d240 in orders).',
  );
  // A position-independent binary loads at any page-aligned base: only its entry's place in the page says (trial AJ: /bin/ls opened).
  assert.equal(coreMismatch(info, { path: '/srv/bin/cgo-pie', fixed: false, entry: 0x8d310n }), undefined);
  assert.equal(
    coreMismatch(info, { path: '/bin/ls', fixed: false, entry: 0x61d0n }),
    'The core was written by /srv/bin/cgo-slice, not by this build of ls: their entry points differ (0x402310 in the core, 0x61d0 past wherever ls loads, a page-aligned place).',
  );
  assert.deepEqual(parseNotes(Buffer.from('not notes')), []);
});

test('what is not a core is said before Delve starts: a directory, a text file, a program', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-notcore-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const notCore = (f: string) => { const r = readCore(f); return 'notCore' in r ? r.notCore : undefined; };
  assert.equal(notCore(dir), `${dir} is a directory, not a core file.`);
  fs.writeFileSync(path.join(dir, 't'), 'hello\n');
  assert.equal(notCore(path.join(dir, 't')), `${path.join(dir, 't')} is not a core file (no ELF header).`);
  assert.equal(notCore(process.execPath), `${process.execPath} is a program or a library, not a core file.`);
  const core = Buffer.alloc(64);
  core.write('\x7fELF', 0, 'latin1');
  core[4] = 2;
  core.writeUInt16LE(4, 16);
  fs.writeFileSync(path.join(dir, 'c'), core);
  assert.equal(notCore(path.join(dir, 'c')), undefined);
});

test("the binary that wrote a core is found from its command line's path: as given, else from the core's directory, and only with the core's entry point", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-writer-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'cores'));
  fs.symlinkSync(process.execPath, path.join(dir, 'cores', 'svc'));
  const entry = binaryEntry(process.execPath)!.entry;
  const core = path.join(dir, 'cores', 'crash.core');
  assert.equal(findWriter({ byDelve: false, args: './svc -port 80', entry }, core), path.join(dir, 'cores', 'svc'));
  assert.equal(findWriter({ byDelve: false, args: `${process.execPath} x`, entry }, core), process.execPath);
  assert.equal(findWriter({ byDelve: false, args: './svc', entry: entry + 1n }, core), undefined, 'another build');
  assert.equal(findWriter({ byDelve: false, args: './gone', entry }, core), undefined);
  assert.equal(findWriter({ byDelve: false, name: 'svc', entry }, core), undefined, 'a name is no path');
  // A relative path is said as the core has it, with what it is relative to.
  assert.equal(
    coreMismatch({ byDelve: false, args: './svc -port 80', entry: 0x402310n }, { path: '/srv/bin/orders', fixed: true, entry: 0x48d240n }),
    'The core was written by ./svc (so its command line says, from the directory it started in), not by this build of orders: their entry points differ (0x402310 in the core, 0x48d240 in orders).',
  );
});

test("Go's build ID note is read from its bytes; bytes that are no such note (a page the core left zero) give none", () => {
  const id = 'aEKirmX6b1h6Rd54P1Rj/vFM5uHtTlFJm1P3ySfeQ/X7VmB1alg2I_X2uSIWrw/p2sLDfmMfDzTJme3FLFX';
  const note = Buffer.alloc(16 + id.length + 1);
  note.writeUInt32LE(4, 0);
  note.writeUInt32LE(id.length, 4);
  note.writeUInt32LE(4, 8);
  note.write('Go\0\0', 12, 'latin1');
  note.write(id, 16, 'utf8');
  assert.equal(goBuildId(note), id);
  assert.equal(goBuildId(Buffer.alloc(note.length)), undefined);
  const gnu = Buffer.from(note);
  gnu.write('GNU\0', 12, 'latin1');
  assert.equal(goBuildId(gnu), undefined);
});

test('two Go build IDs are told apart by the first of their four parts that differs, cut to 12 characters', () => {
  const id = (...p: string[]) => p.join('/');
  const [a, b, c, d] = ['xjbMk1wQx2AbCdEfGhIj', '9wjAudPq3RcStUvWxYzA', 'e_hXwABCDEFGHIJKLMNO', 'TsJU4abcdefghijklmno'];
  assert.deepEqual(buildIdsApart(id(a, b, c, d), id(b, b, c, d)), ['xjbMk1wQx2Ab…/…', '9wjAudPq3RcS…/…']);
  assert.deepEqual(buildIdsApart(id(a, b, c, d), id(a, b, c, a)), ['…/TsJU4abcdefg…', '…/xjbMk1wQx2Ab…']);
  assert.deepEqual(buildIdsApart(id(a, b, c, d), id(a, c, c, d)), ['…/9wjAudPq3RcS…/…', '…/e_hXwABCDEFG…/…']);
  assert.deepEqual(buildIdsApart('short', 'other'), ['short', 'other']);
});
