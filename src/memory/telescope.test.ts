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

test("a pointer whose next word is a length its text fits is a Go string header: the string is quoted that long, said so (trial CE: read on into the next string)", async () => {
  const packed = new Map<bigint, bigint>([[0x1000n, 0x500000n], [0x1008n, 3n], [0x2000n, 0x1000n], [0x1010n, 0x500000n], [0x1018n, 0xc000000000n]]);
  const bytes = async (a: bigint) => (a === 0x500000n ? Buffer.from('robwebinkenada') : new Uint8Array(8));
  const r = { word: async (a: bigint) => packed.get(a) ?? (a >= 0x500000n ? 0x6e696265776f72n : undefined), bytes };
  assert.equal(formatChain(await telescope(0x500000n, r, { regions }, 5, 0x1000n)), '0x500000 "rob" (len 3)');
  // One hop in: a pointer to the header, whose data pointer's next word is the length.
  assert.equal(formatChain(await telescope(0x1000n, r, { regions: [...regions, { kind: 'stack', lo: 0x1000n, hi: 0x3000n, name: 'stack' }] }, 5, 0x2000n)), '0x1000 stack (stack) → 0x500000 "rob" (len 3)');
  // A next word that is no length (a pointer) leaves the text as it reads.
  assert.equal(formatChain(await telescope(0x500000n, r, { regions }, 5, 0x1010n)), '0x500000 "robwebinkenada"…');
  assert.equal(textAt(Buffer.from('x'.repeat(64)), 100n), `"${'x'.repeat(64)}"… (len 100)`);
  assert.equal(textAt(Buffer.from('x'.repeat(64)), 1n << 40n), `"${'x'.repeat(64)}"…`);
  assert.equal(textAt(Buffer.from('ab\x01cd'), 5n), undefined, 'not printable that long');
});

test("a slice header (ptr, 1, 1) to a word that is itself a pointer is no one-byte string: the chain goes on (trial CL: a []any read as \"`\" (len 1))", async () => {
  // The []any's data: an interface, its type word 0x4e3460 (rodata) whose first byte is '`'.
  const words = new Map<bigint, bigint>([[0x2000n, 0xc010n], [0x2008n, 1n], [0x2010n, 1n], [0xc010n, 0x500060n], [0x500060n, 0x4242n]]);
  const bytes = async (a: bigint) => (a === 0xc010n ? Buffer.from([0x60, 0x00, 0x50, 0, 0, 0, 0, 0]) : new Uint8Array(8));
  const r = { word: async (a: bigint) => words.get(a), bytes };
  assert.equal(formatChain(await telescope(0xc010n, r, { regions }, 5, 0x2000n)), '0xc010 heap → 0x500060 data → 0x4242');
  // A two-byte string whose bytes are no pointer stays a string.
  const str = { word: async (a: bigint) => (a === 0x2008n ? 2n : a === 0xc010n ? 0x7a7a6968n : undefined), bytes: async () => Buffer.from('hizz') };
  assert.equal(formatChain(await telescope(0xc010n, str, { regions }, 5, 0x2000n)), '0xc010 "hi" (len 2)');
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

test("a []byte whose bytes hold NULs within its length is quoted whole, escaped as Go quotes it, not cut at the first NUL (trial CM)", async () => {
  const bytes = Buffer.concat([Buffer.from('hello, memory!'), Buffer.alloc(4), Buffer.from('junk after')]);
  assert.equal(textAt(bytes, 18n), '"hello, memory!\\x00\\x00\\x00\\x00" (len 18)');
  assert.equal(textAt(Buffer.from('line one\nline two\0'), 17n), '"line one\\nline two" (len 17)');
  // No length: a C string, as before; binary within the length is no text.
  assert.equal(textAt(bytes), '"hello, memory!"');
  assert.equal(textAt(Buffer.concat([Buffer.from('abcd'), Buffer.from([0xff, 0x01, 0, 0])]), 8n), undefined);
});
