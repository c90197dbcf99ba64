import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolTable } from './symbols.js';

// A layout like a Go binary's: text with sized functions (and an ABI0 wrapper), data with
// sized variables, a zero-sized data label and a zero-sized text label.
const elf = {
  sections: [
    { name: '', type: 0, flags: 0, addr: 0, size: 0 },
    { name: '.text', type: 1, flags: 0x6, addr: 0x401000, size: 0x1000 },
    { name: '.data', type: 1, flags: 0x3, addr: 0x500000, size: 0x100 },
    { name: '.debug_info', type: 1, flags: 0, addr: 0, size: 0x100 },
  ],
  symbols: () => [
    { name: 'main.main', value: 0x401000, size: 0x40, type: 'func', section: 1 },
    { name: 'runtime.goexit.abi0', value: 0x401040, size: 0x10, type: 'func', section: 1 },
    { name: 'type:.eq.runtime.untracedG.7', value: 0x401060, size: 0x20, type: 'func', section: 1 },
    { name: 'text.label', value: 0x401200, size: 0, type: 'notype', section: 1 },
    { name: 'main.counter', value: 0x500000, size: 8, type: 'object', section: 2 },
    { name: 'main.table', value: 0x500010, size: 0x20, type: 'object', section: 2 },
    { name: 'data.label', value: 0x500080, size: 0, type: 'notype', section: 2 },
    { name: 'file.go', value: 0, size: 0, type: 'other', section: 0xfff1 },
  ],
};

test('names as gdb prints them: the symbol holding the address, its offset in decimal', () => {
  const t = SymbolTable.fromElf(elf);
  assert.deepEqual(t.lookup(0x401000n), { name: 'main.main', offset: 0n });
  assert.deepEqual(t.lookup(0x40100cn), { name: 'main.main', offset: 12n });
  assert.deepEqual(t.lookup(0x401041n), { name: 'runtime.goexit', offset: 1n }, 'the DWARF name of an ABI0 function');
  assert.deepEqual(t.lookup(0x401061n), { name: 'type:.eq.runtime.untracedG·7', offset: 1n });
  assert.deepEqual(t.lookup(0x500014n), { name: 'main.table', offset: 4n });
});

test('nothing past a sized symbol, nothing for zero-sized data labels or outside the sections; text labels count', () => {
  const t = SymbolTable.fromElf(elf);
  assert.equal(t.lookup(0x500008n), undefined, 'between main.counter and main.table');
  assert.equal(t.lookup(0x500090n), undefined, 'after a zero-sized data label');
  assert.deepEqual(t.lookup(0x401204n), { name: 'text.label', offset: 4n });
  assert.equal(t.lookup(0xc000010000n), undefined, 'the heap is in no section');
  assert.equal(t.find('main.counter')?.address, 0x500000n);
});

test('PLT stubs and GOT slots are named name@plt and name@got.plt, as gdb names them', () => {
  // .rela.plt: two JUMP_SLOT relocations (offset, info = sym << 32 | 7, addend); .dynsym: null, free, abort.
  const rela = Buffer.alloc(48);
  rela.writeBigUInt64LE(0x58d000n, 0);
  rela.writeBigUInt64LE((1n << 32n) | 7n, 8);
  rela.writeBigUInt64LE(0x58d008n, 24);
  rela.writeBigUInt64LE((2n << 32n) | 7n, 32);
  const dynstr = Buffer.from('\0free\0abort\0');
  const dynsym = Buffer.alloc(72);
  dynsym.writeUInt32LE(1, 24);
  dynsym.writeUInt32LE(6, 48);
  const data: Record<string, Buffer> = { '.rela.plt': rela, '.dynsym': dynsym, '.dynstr': dynstr };
  const t = SymbolTable.fromElf({
    sections: [
      { name: '', type: 0, flags: 0, addr: 0, size: 0 },
      { name: '.plt', type: 1, flags: 0x6, addr: 0x402020, size: 0x30 },
      { name: '.got.plt', type: 1, flags: 0x3, addr: 0x58cfe8, size: 0x30 },
    ],
    symbols: () => [],
    sectionData: (name) => data[name],
  });
  assert.deepEqual(t.lookup(0x402030n), { name: 'free@plt', offset: 0n });
  assert.deepEqual(t.lookup(0x402049n), { name: 'abort@plt', offset: 9n });
  assert.deepEqual(t.lookup(0x58d00an), { name: 'abort@got.plt', offset: 2n });
});
