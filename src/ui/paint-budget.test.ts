import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAINT_BUDGET_MS, PAINT_WINDOW_MS, PaintBudget } from './paint-budget.js';

test('frames wait once painting took its budget of the window, until enough of them have aged out', () => {
  const b = new PaintBudget();
  assert.equal(b.wait(0), 0);
  b.painted(10, 20);
  assert.equal(b.wait(11), 0, 'under budget');
  b.painted(30, 20);
  // 40 ms spent in the window: the frame ended at 10 must age out first.
  assert.equal(b.wait(31), 10 + PAINT_WINDOW_MS - 31);
  assert.equal(b.wait(10 + PAINT_WINDOW_MS + 1), 0, 'aged out');
  assert.ok(PAINT_BUDGET_MS < 40);
});

test("a stop's frames never wait for the budget (a burst of n in a session's first steps), for a window after it", () => {
  const b = new PaintBudget();
  b.painted(10, 50);
  assert.ok(b.wait(20) > 0);
  b.stopped(20);
  assert.equal(b.wait(21), 0);
  b.painted(30, 40);
  assert.equal(b.wait(20 + PAINT_WINDOW_MS - 1), 0, "still the stop's");
  // Past its window the budget counts again (a stream of events after the stop).
  b.painted(125, 40);
  assert.ok(b.wait(20 + PAINT_WINDOW_MS + 1) > 0);
});
