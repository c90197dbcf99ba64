import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatChain, telescope, textAt } from './telescope.js';
import type { MemoryRegion } from './regions.js';

// A small address space: a stack word pointing into the heap, a heap word pointing at code, a C
// string in data, and a two-word cycle.
const WORDS = new Map<bigint, bigint>([
  [0x1000n, 0xc000n],
  [0xc000n, 0x401010n],
  [0xc100n, 0xc108n],
  [0xc108n, 0xc100n],
  [0x500000n, 0x6f77206f6c6c6568n],
]);
const BYTES = new Map<bigint, Uint8Array>([[0x500000n, Buffer.from('hello world\0')]]);
const reads = {
  word: async (a: bigint) => WORDS.get(a),
  bytes: async (a: bigint) => BYTES.get(a) ?? new Uint8Array(8),
};
const regions: MemoryRegion[] = [
  { kind: 'text', lo: 0x401000n, hi: 0x402000n, name: 'text' },
  { kind: 'heap', lo: 0xc000n, hi: 0xd000n, name: 'heap' },
  { kind: 'data', lo: 0x500000n, hi: 0x501000n, name: 'data' },
];
const symbolize = (a: bigint) => (a >= 0x401000n && a < 0x401100n ? { name: 'main.work', offset: a - 0x401000n } : undefined);

test('telescope follows words until code, a C string, a value, a loop or the depth', async () => {
  assert.equal(formatChain(await telescope(0xc000n, reads, { regions, symbolize })), '0xc000 heap → 0x401010 main.work+16');
  assert.equal(formatChain(await telescope(0x500000n, reads, { regions, symbolize })), '0x500000 "hello world"');
  assert.equal(formatChain(await telescope(0x2an, reads, { regions, symbolize })), '0x2a');
  assert.equal(formatChain(await telescope(0xc100n, reads, { regions, symbolize })), '0xc100 heap → 0xc108 heap → 0xc100 heap (loop)');
  assert.equal((await telescope(0xc100n, reads, { regions, symbolize }, 1)).length, 2, 'depth 1: the value and one hop');
});

test('textAt: a C string is four printable bytes and a NUL; a word of them with no NUL is a Go string\'s start', () => {
  assert.equal(textAt(Buffer.from('abcd\0')), '"abcd"');
  assert.equal(textAt(Buffer.from('abc\0')), undefined);
  assert.equal(textAt(Buffer.from('abcd\x01')), undefined);
  // Go's rodata (trial J: the telescope read "robwebin" as the number 0x6e69626577626f72).
  assert.equal(textAt(Buffer.from('robwebin\x01\x02')), '"robwebin"…');
  assert.equal(textAt(Buffer.from('x'.repeat(64))), `"${'x'.repeat(64)}"…`);
  assert.equal(textAt(Buffer.from('abcdefg\x01')), undefined, 'less than a word');
});
