import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockCache, blockAligned } from './block-cache.js';

const block = (fill: number, readable = 1) => ({ bytes: new Uint8Array(64).fill(fill), readable: new Uint8Array(64).fill(readable) });

test('blockAligned covers a range with whole 64-byte blocks', () => {
  assert.deepEqual(blockAligned(0x1003n, 10), { address: 0x1000n, length: 64 });
  assert.deepEqual(blockAligned(0x103en, 4), { address: 0x1000n, length: 128 });
  assert.deepEqual(blockAligned(0xffffffffffffffc8n, 100), { address: 0xffffffffffffffc0n, length: 64 }, 'clipped at the top of the address space');
});

test('missing lists only unread runs, split at the run limit', () => {
  const c = new BlockCache();
  const b = block(1);
  c.put(0x1040n, b.bytes, b.readable);
  assert.deepEqual(c.missing(0x1000n, 256), [
    { address: 0x1000n, length: 64 },
    { address: 0x1080n, length: 128 },
  ]);
  assert.deepEqual(c.missing(0x2000n, 256, 128), [
    { address: 0x2000n, length: 128 },
    { address: 0x2080n, length: 128 },
  ]);
});

test('get assembles bytes across blocks and says whether all were read', () => {
  const c = new BlockCache();
  const a = block(0xaa);
  const u = block(0, 0);
  c.put(0x1000n, a.bytes, a.readable);
  c.put(0x1040n, u.bytes, u.readable, 'input/output error');
  const got = c.get(0x103cn, 8);
  assert.equal(got.complete, true);
  assert.deepEqual([...got.bytes], [0xaa, 0xaa, 0xaa, 0xaa, 0, 0, 0, 0]);
  assert.deepEqual([...got.readable], [1, 1, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual(c.errors(0x103cn, 8), ['input/output error']);
  assert.deepEqual(c.errors(0x1000n, 8), [], 'an error stays with the blocks it is about');
  assert.equal(c.get(0x1070n, 32).complete, false);
});

test('spans gives contiguous runs for diffs; the oldest blocks go past the limit', () => {
  const c = new BlockCache(2);
  for (const at of [0x1000n, 0x1040n, 0x2000n]) c.put(at, block(1).bytes, block(1).readable);
  assert.equal(c.size, 2);
  assert.deepEqual(
    c.spans(0x1000n, 0x2000).map((s) => [s.address, s.bytes.length]),
    [
      [0x1040n, 64],
      [0x2000n, 64],
    ],
  );
  assert.throws(() => c.put(0x1001n, new Uint8Array(64), new Uint8Array(64)), RangeError);
});
