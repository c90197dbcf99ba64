import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listingText } from './listing.js';

const file = Array.from({ length: 20 }, (_, k) => `line ${k + 1}`);

test('five lines either side, => on the stop line, numbers in four columns as the dlv CLI prints them', () => {
  assert.equal(listingText(file, 10, true).split('\n')[5], '=>  10:\tline 10');
  assert.deepEqual(listingText(file, 10, false).split('\n'), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((n) => `  ${String(n).padStart(4)}:\tline ${n}`));
});

test('near the start or the end of the file, only the lines it has', () => {
  assert.deepEqual(listingText(file, 2, true).split('\n'), ['     1:\tline 1', '=>   2:\tline 2', '     3:\tline 3', '     4:\tline 4', '     5:\tline 5', '     6:\tline 6', '     7:\tline 7']);
  assert.equal(listingText(file, 19, false).split('\n').length, 7);
});
