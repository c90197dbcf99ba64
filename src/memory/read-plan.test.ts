import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseByteArrayResult } from './delve-values.js';
import { assembleChunks, planChunks } from './read-plan.js';

test('chunks are aligned to their size, so none crosses a page', () => {
  const chunks = planChunks(0xc000047f30n, 0x60, 64);
  assert.deepEqual(
    chunks.map((c) => [c.address, c.length]),
    [
      [0xc000047f30n, 16],
      [0xc000047f40n, 64],
      [0xc000047f80n, 16],
    ],
  );
  assert.equal(chunks[1]!.expression, '*(*[64]uint8)(0xc000047f40)');
  for (const c of planChunks(0x5c4ff0n, 0x2000, 4096)) {
    assert.equal(c.address / 4096n, (c.address + BigInt(c.length) - 1n) / 4096n, 'within one page');
  }
  assert.deepEqual(planChunks(0x1000n, 64).map((c) => c.length), [64]);
  assert.deepEqual(planChunks(0x1000n, 0), []);
});

test('the end of memory clips instead of wrapping', () => {
  const chunks = planChunks(0xfffffffffffffff0n, 64, 64);
  assert.deepEqual(chunks.map((c) => [c.address, c.length]), [[0xfffffffffffffff0n, 16]]);
});

test('bad chunk sizes are programming errors', () => {
  assert.throws(() => planChunks(0n, 10, 48), RangeError);
  assert.throws(() => planChunks(0n, 10, 8192), RangeError);
  assert.throws(() => planChunks(0n, 10, 0), RangeError);
});

test('chunk values assemble into bytes with a readable mask', () => {
  const address = 0xc000047f3cn;
  const chunks = planChunks(address, 12, 8);
  assert.deepEqual(chunks.map((c) => c.expression), ['*(*[4]uint8)(0xc000047f3c)', '*(*[8]uint8)(0xc000047f40)']);
  const parts = new Map([
    [chunks[0]!.address, parseByteArrayResult('[4]uint8 [1,2,3,4]')],
    [chunks[1]!.address, parseByteArrayResult('(loaded 4/8) [8]uint8 [(unreadable input/output error),(unreadable input/output error),(unreadable input/output error),(unreadable input/output error),...+4 more]')],
  ]);
  const { bytes, readable } = assembleChunks(address, 12, parts);
  assert.deepEqual([...bytes], [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...readable], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  // A chunk that was only partly loaded leaves the rest unreadable until read again.
  const partial = assembleChunks(0x2000n, 4, new Map([[0x2000n, parseByteArrayResult('(loaded 2/4) [4]uint8 [9,8,...+2 more]')]]));
  assert.deepEqual([...partial.readable], [1, 1, 0, 0]);
  assert.deepEqual([...assembleChunks(0x2000n, 2, new Map()).readable], [0, 0], 'missing chunks are unreadable');
});
