import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellWidth, fit, fitRow, wrap } from './text.js';

test('fit pads, cuts with an ellipsis, and never lets an escape through', () => {
  assert.equal(fit('abc', 5), 'abc  ');
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('a\x1b]0;t\x07b', 4), 'ab  ');
  assert.equal(fit('\tx', 6), '    x ');
  assert.equal(fit('日本語', 5), '日本…');
  assert.equal(cellWidth(fit('日本語テキスト', 7)), 7);
});

test('fitRow keeps styles and cuts at the edge', () => {
  const r = fitRow([{ text: 'ab', color: 'red' }, { text: 'cdef' }], 4);
  assert.deepEqual(r, [{ text: 'ab', color: 'red' }, { text: 'c…' }]);
  assert.deepEqual(fitRow([{ text: 'ab' }], 4), [{ text: 'ab' }, { text: '  ' }]);
});

test('wrap splits long lines into rows of the width', () => {
  assert.deepEqual(wrap('abcdefg', 3), ['abc', 'def', 'g']);
  assert.deepEqual(wrap('', 3), ['']);
  assert.deepEqual(wrap('ab\rc', 10), ['ab^Mc']);
});
