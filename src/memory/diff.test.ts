import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedCells } from './diff.js';

const span = (address: bigint, bytes: number[], readable?: number[]) => ({ address, bytes: Uint8Array.from(bytes), readable });

test('cells whose bytes changed, per unit', () => {
  const before = span(0x1000n, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  const after = span(0x1000n, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 99]);
  assert.deepEqual([...changedCells([before], after, 8)], [0x1008n]);
  assert.deepEqual([...changedCells([before], after, 1)], [0x100fn]);
  assert.deepEqual([...changedCells([before], after, 4)], [0x100cn]);
  assert.deepEqual([...changedCells([before], before, 8)], []);
});

test('only bytes the previous snapshot saw count', () => {
  const before = span(0x1004n, [0, 0, 0, 0]);
  const after = span(0x1000n, [9, 9, 9, 9, 0, 0, 0, 7, 9, 9, 9, 9]);
  // 0x1000-0x1003 and 0x1008- were not seen before: not marked.
  assert.deepEqual([...changedCells([before], after, 4)], [0x1004n]);
  assert.deepEqual([...changedCells([], after, 4)], []);
  // Two earlier spans around a gap.
  const parts = [span(0x1000n, [9, 9, 9, 9]), span(0x1008n, [9, 9, 9, 0])];
  assert.deepEqual([...changedCells(parts, after, 4)].sort(), [0x1008n]);
});

test('turning readable or unreadable is a change', () => {
  const before = span(0x2000n, [1, 2, 3, 4], [1, 1, 0, 0]);
  const after = span(0x2000n, [1, 2, 3, 4], [1, 1, 1, 0]);
  assert.deepEqual([...changedCells([before], after, 1)], [0x2002n]);
  // Unreadable before and after: whatever the buffer holds does not matter.
  const junk = span(0x2000n, [1, 2, 77, 88], [1, 1, 0, 0]);
  assert.deepEqual([...changedCells([before], junk, 1)], []);
});

test('cells are counted from the current view start, not from zero', () => {
  const before = span(0x3001n, [0, 0, 0, 0]);
  const after = span(0x3001n, [0, 0, 0, 5]);
  assert.deepEqual([...changedCells([before], after, 2)], [0x3003n]);
});
