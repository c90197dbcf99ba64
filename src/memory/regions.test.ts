import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPointer, findRegion, looksLikeGoHeap, type MemoryRegion } from './regions.js';

const REGIONS: MemoryRegion[] = [
  { kind: 'text', lo: 0x400000n, hi: 0x4bd000n },
  { kind: 'data', lo: 0x4bd000n, hi: 0x584000n, name: 'rodata' },
  { kind: 'heap', lo: 0xc000000000n, hi: 0xc000400000n },
  { kind: 'stack', lo: 0xc00008a000n, hi: 0xc00008c000n, name: 'g 1' },
  { kind: 'other', lo: 0x7ffff7fc1000n, hi: 0x7ffff7fc3000n, name: '[vdso]' },
];
const symbolize = (a: bigint) => (a >= 0x4bcba0n && a < 0x4bcd00n ? { name: 'main.work', offset: a - 0x4bcba0n } : undefined);

test('annotations for what a value points into', () => {
  assert.equal(classifyPointer(0xc00008ade8n, REGIONS), 'stack (g 1)', 'a stack inside the heap arena is a stack');
  assert.equal(classifyPointer(0xc00009a030n, REGIONS), 'heap');
  assert.equal(classifyPointer(0x4bcbbcn, REGIONS, symbolize), 'main.work+28');
  assert.equal(classifyPointer(0x4bcba0n, REGIONS, symbolize), 'main.work');
  assert.equal(classifyPointer(0x401000n, REGIONS, symbolize), 'text');
  assert.equal(classifyPointer(0x4c4280n, REGIONS), 'rodata');
  assert.equal(classifyPointer(0x7ffff7fc1010n, REGIONS), '[vdso]');
  assert.equal(classifyPointer(0x7ffff7fc1010n, [{ kind: 'other', lo: 0n, hi: 1n << 60n }]), 'other');
  assert.equal(classifyPointer(0xc00008ade8n, [{ kind: 'stack', lo: 0xc00008a000n, hi: 0xc00008c000n }]), 'stack');
  assert.equal(classifyPointer(42n, REGIONS), undefined);
  assert.equal(classifyPointer(0x4c4280n, REGIONS, () => ({ name: 'type:*main.T', offset: 0n })), 'type:*main.T');
  // Outside every region, C's code and data are named from the binary's symbols (trial AL: rip in C said nothing).
  const c = (a: bigint) => (a >= 0x600000n && a < 0x600100n ? { name: 'sensor_sum', offset: a - 0x600000n } : undefined);
  assert.equal(classifyPointer(0x600016n, REGIONS, c), 'sensor_sum+22');
  assert.equal(classifyPointer(0x700000n, REGIONS, c), undefined);
});

test('the heap guess applies only when no heap region is known', () => {
  assert.equal(classifyPointer(0xc000500000n, REGIONS), undefined, 'known arenas are the whole heap');
  assert.equal(classifyPointer(0xc000500000n, REGIONS.filter((r) => r.kind !== 'heap')), 'heap?');
  assert.equal(classifyPointer(0xc000500000n, []), 'heap?');
  assert.equal(looksLikeGoHeap(0xc000000000n), true);
  assert.equal(looksLikeGoHeap(0xbfffffffffn), false);
  assert.equal(looksLikeGoHeap(0x7fc012345678n), false, 'not the mmap area');
  // Go 1.26 randomizes the heap base; such pointers get no guess.
  assert.equal(classifyPointer(0x65b47b8ade8n, []), undefined);
});

test('findRegion treats hi as exclusive', () => {
  assert.equal(findRegion(0x4bd000n, REGIONS)?.name, 'rodata');
  assert.equal(findRegion(0x4bcfffn, REGIONS)?.kind, 'text');
  assert.equal(findRegion(0x3fffffn, REGIONS), undefined);
});
