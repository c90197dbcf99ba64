import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bar, sparkline } from './sparkline.js';

test('sparkline scales to the largest shown value, zero is blank, pads on the left', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 9), ' ▁▂▃▄▅▆▇█');
  assert.equal(sparkline([8, 8], 4), '  ██');
  assert.equal(sparkline([1, 100], 2), '▁█');
  assert.equal(sparkline([5, 6, 7], 2), '▇█');
  assert.equal(sparkline([], 3), '   ');
  assert.equal(sparkline([0, 0], 2), '  ');
  assert.equal(sparkline([4], 1, 8), '▄');
  assert.equal(sparkline([16], 1, 8), '█');
  assert.equal(sparkline([1, 2], 0), '');
});

test('bar fills eighths of cells', () => {
  assert.equal(bar(10, 10, 4), '████');
  assert.equal(bar(5, 10, 4), '██');
  assert.equal(bar(1, 16, 2), '▏');
  assert.equal(bar(0, 10, 4), '');
  assert.equal(bar(3, 0, 4), '');
});
