import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cString, fieldInteger, findFunc, heapRegions, leadingInteger, moduleRegions, parseFuncTable, parseIntegerList, parseStackBounds } from './target-layout.js';

// Texts as Delve 1.27.1 printed them for the orders demo (Go 1.26).
test('values and fields from Delve texts', () => {
  assert.equal(leadingInteger('4198400 = 0x401000'), 0x401000n);
  assert.equal(leadingInteger('-1'), 0xffffffffffffffffn);
  assert.equal(leadingInteger('"x"'), undefined);
  const curArena = 'struct { runtime.base uintptr; runtime.end uintptr } {base: 49358993096704, end: 49359039234048}';
  assert.equal(fieldInteger(curArena, 'base'), 49358993096704n);
  assert.deepEqual(parseStackBounds('runtime.stack {lo: 42530755821568, hi: 42530755837952}'), { lo: 42530755821568n, hi: 42530755837952n });
  assert.equal(parseStackBounds('runtime.stack {lo: 0, hi: 0}'), undefined);
});

test('moduleRegions: text, rodata, data and bss of the binary', () => {
  const fields = new Map([
    ['text', '4198400 = 0x401000'],
    ['etext', '4980432 = 0x4bfed0'],
    ['noptrdata', '5805280 = 0x5894e0'],
    ['edata', '5847442 = 0x593992'],
    ['bss', '5847456 = 0x5939a0'],
    ['enoptrbss', '6067872 = 0x5c96a0'],
    ['rodata', '4980736 = 0x4c0000'],
    ['epclntab', '5799515 = 0x587e5b'],
  ]);
  assert.deepEqual(moduleRegions(fields), [
    { kind: 'text', lo: 0x401000n, hi: 0x4bfed0n, name: 'text' },
    { kind: 'data', lo: 0x4c0000n, hi: 0x587e5bn, name: 'rodata' },
    { kind: 'data', lo: 0x5894e0n, hi: 0x593992n, name: 'data' },
    { kind: 'data', lo: 0x5939a0n, hi: 0x5c96a0n, name: 'bss' },
  ]);
});

test('integer lists, whole or partly loaded', () => {
  assert.deepEqual(parseIntegerList('[]runtime.arenaIdx len: 1, cap: 512, [2832658]'), { values: [2832658n], complete: true });
  assert.deepEqual(parseIntegerList('(loaded 2/3) []runtime.arenaIdx len: 3, cap: 512, [1,2,...+1 more]'), { values: [1n, 2n], complete: false });
  assert.deepEqual(parseIntegerList('[]runtime.arenaIdx len: 0, cap: 0, nil'), { values: [], complete: true });
});

test('heapRegions: linux/amd64 arenas, checked against an address known to be in the heap', () => {
  const arena = 67108864n;
  // Arena 2832658 with curArena.base 0x2ce449400000 (seen): base = i*64MiB + 0xffff800000000000.
  assert.deepEqual(heapRegions([2832658n], arena, 0x2ce449400000n), [{ kind: 'heap', lo: 0x2ce448000000n, hi: 0x2ce44c000000n, name: 'heap' }]);
  assert.deepEqual(heapRegions([3n, 2n], arena, 2n * arena + 5n), [{ kind: 'heap', lo: 2n * arena, hi: 4n * arena, name: 'heap' }], 'zero offset elsewhere; adjacent arenas merge');
  assert.deepEqual(heapRegions([2n], arena, 3n * arena), [{ kind: 'heap', lo: 2n * arena, hi: 3n * arena, name: 'heap' }], 'a used-up arena: the probe at its end');
  assert.deepEqual(heapRegions([2n], arena, 1n), [{ kind: 'heap', lo: 0xffff800008000000n, hi: 0xffff80000c000000n, name: 'heap' }], 'neither fits the probe: amd64');
});

test('findFunc searches the runtime function table as findfunc does', () => {
  const bytes = new Uint8Array(4 * 8);
  const view = new DataView(bytes.buffer);
  [
    [0, 100],
    [0x40, 200],
    [0x90, 300],
    [0x100, 0], // end sentinel
  ].forEach(([entry, func], i) => {
    view.setUint32(i * 8, entry!, true);
    view.setUint32(i * 8 + 4, func!, true);
  });
  const table = parseFuncTable(0x401000n, bytes, 4);
  assert.deepEqual(findFunc(table, 0x401000n), { entry: 0x401000n, funcoff: 100 });
  assert.deepEqual(findFunc(table, 0x40103fn), { entry: 0x401000n, funcoff: 100 });
  assert.deepEqual(findFunc(table, 0x401095n), { entry: 0x401090n, funcoff: 300 });
  assert.equal(findFunc(table, 0x401100n), undefined, 'past the last function');
  assert.equal(findFunc(table, 0x400fffn), undefined);
});

test('cString stops at NUL and needs one', () => {
  assert.equal(cString(new TextEncoder().encode('main.main\0runtime')), 'main.main');
  assert.equal(cString(new TextEncoder().encode('main.ma')), undefined);
  assert.equal(cString(new TextEncoder().encode('ab\0'), [1, 0, 1]), undefined);
});
