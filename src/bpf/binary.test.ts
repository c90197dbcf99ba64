import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildDemo } from '../demos/build.js';
import { ElfFile } from '../binary/elf.js';
import { loadBinary } from './binary.js';

const orders = await buildDemo('orders');

test('ELF: sections, zlib-compressed DWARF (SHF_COMPRESSED), .symtab', () => {
  const elf = ElfFile.open(orders);
  try {
    const info = elf.section('.debug_info');
    assert.ok(info, 'a Go binary keeps .debug_info unless built with -w');
    const data = elf.sectionData('.debug_info')!;
    // Go compresses DWARF: the decompressed section is larger and starts with a unit header.
    if (info.flags & 0x800) assert.ok(data.length > info.size);
    assert.ok([2, 3, 4, 5].includes(data.readUInt16LE(4)), 'a DWARF version');
    const syms = elf.symbols();
    const process = syms.find((s) => s.name === 'main.process');
    assert.equal(process?.type, 'func');
    const text = elf.section('.text')!;
    assert.ok(process!.value >= text.addr && process!.value < text.addr + text.size);
  } finally {
    elf.close();
  }
});

test('the symbol reader agrees with go tool nm on main.*', () => {
  const nm = execFileSync('go', ['tool', 'nm', '-size', orders], { encoding: 'utf8' });
  const fromNm = nm
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[2] === 'T' && f[3]?.startsWith('main.'))
    .map(([addr, size, , name]) => ({ name: name!, value: parseInt(addr!, 16), size: Number(size) }));
  assert.ok(fromNm.some((f) => f.name === 'main.process'));
  const b = loadBinary(orders);
  for (const f of fromNm) {
    const s = b.symbol(f.name);
    assert.deepEqual({ name: s?.name, value: s?.value, size: s?.size }, f);
  }
});

test('functions by name and by pc, nearest names for a typo', () => {
  const b = loadBinary(orders);
  const p = b.requireFunction('main.process');
  assert.deepEqual(b.functionAt(p.value + 3), { name: 'main.process', offset: 3 });
  assert.equal(b.functionAt(0x10), undefined);
  assert.throws(() => b.requireFunction('main.proces'), (e: Error & { hint?: string }) => e.message === `main.proces is not a function in ${path.basename(orders)}.` && /Nearest: main\.process/.test(e.hint ?? ''));
  assert.throws(() => b.requireFunction('process'), (e: Error & { hint?: string }) => /main\.process/.test(e.hint ?? ''));
  assert.throws(() => b.requireFunction('main.customers'), /is not a function/);
  assert.ok(b.isGo);
});

test('goid offset from DWARF, type names from runtime type data', () => {
  const b = loadBinary(orders);
  const off = b.goidOffset();
  // Go 1.19 and 1.25-1.26 have 152, 1.23-1.24 160; the integration test checks it against Delve.
  assert.ok(off % 8 === 0 && off >= 100 && off <= 300, `goid at ${off}`);
  for (const t of ['string', 'int', 'error']) {
    const addr = b.runtimeTypeAddress(t);
    assert.ok(addr, t);
    assert.equal(b.typeName(addr), t);
  }
  assert.equal(b.typeName(0x10), undefined);
});

test('cached per path and mtime; not ELF is a UserError', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bin-'));
  try {
    const copy = path.join(dir, 'orders');
    fs.copyFileSync(orders, copy);
    const a = loadBinary(copy);
    assert.equal(loadBinary(copy), a);
    fs.utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    assert.notEqual(loadBinary(copy), a);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    assert.throws(() => loadBinary(text), { name: 'UserError', message: `${text} is not a 64-bit ELF binary.` });
    assert.throws(() => loadBinary(path.join(dir, 'nope')), { name: 'UserError' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('go f(x) wrappers (gowrapN) resolve to the function the goroutine runs', async () => {
  const b = loadBinary(await buildDemo('goroutine-leak'));
  const wrappers = b.functions.filter((f) => /^main\..*\.gowrap\d+$/.test(f.name));
  assert.ok(wrappers.length > 0, 'goroutine-leak starts goroutines with arguments');
  assert.ok(wrappers.some((w) => /^main\.\w+$/.test(b.goroutineFunction(w.value)!)));
  for (const w of wrappers) {
    const target = b.goroutineFunction(w.value)!;
    // e.g. main.leak.gowrap1 -> main.handleRequest, main.main.gowrap1 -> runtime/pprof.Do
    assert.ok(!/gowrap|^runtime\./.test(target), `${w.name} -> ${target}`);
    assert.equal(b.symbol(target)?.type, 'func');
  }
  const main = b.symbol('main.main')!.value;
  assert.equal(b.goroutineFunction(main), 'main.main');
});
