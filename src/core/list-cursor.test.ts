import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CURSOR_START, fitCursor, moveCursor, revealChildren, revealCursor } from './list-cursor.js';

test('moving down scrolls only when the cursor leaves the window', () => {
  let c = CURSOR_START;
  for (let i = 0; i < 9; i++) c = moveCursor(c, 1, 100, 10);
  assert.deepEqual(c, { index: 9, top: 0 });
  c = moveCursor(c, 1, 100, 10);
  assert.deepEqual(c, { index: 10, top: 1 });
  c = moveCursor(c, -5, 100, 10);
  assert.deepEqual(c, { index: 5, top: 1 });
});

test('first, last and clamping', () => {
  assert.deepEqual(moveCursor(CURSOR_START, Infinity, 100, 10), { index: 99, top: 90 });
  assert.deepEqual(moveCursor({ index: 50, top: 45 }, -Infinity, 100, 10), { index: 0, top: 0 });
  assert.deepEqual(moveCursor(CURSOR_START, 500, 3, 10), { index: 2, top: 0 });
  assert.deepEqual(moveCursor({ index: 4, top: 2 }, 1, 0, 10), CURSOR_START);
});

test('reveal centres a far row and keeps a near one where it is', () => {
  assert.deepEqual(revealCursor(CURSOR_START, 50, 100, 10), { index: 50, top: 45 });
  assert.deepEqual(revealCursor({ index: 50, top: 45 }, 52, 100, 10), { index: 52, top: 45 });
  assert.deepEqual(revealCursor(CURSOR_START, 98, 100, 10), { index: 98, top: 90 });
});

test('a shrinking list or window keeps the cursor visible', () => {
  assert.deepEqual(fitCursor({ index: 30, top: 25 }, 20, 10), { index: 19, top: 10 });
  assert.deepEqual(fitCursor({ index: 30, top: 25 }, 100, 4), { index: 30, top: 27 });
});

test('rows kept after the revealed one: among the window\'s last rows it is centred; at the list\'s end it is not', () => {
  // Row 53 of a window 45-54: shown, but 2 rows after it are asked for (a quarter of 10 at most).
  assert.deepEqual(revealCursor({ index: 52, top: 45 }, 53, 100, 10, 3), { index: 53, top: 48 });
  assert.deepEqual(revealCursor({ index: 50, top: 45 }, 52, 100, 10, 3), { index: 52, top: 45 });
  // Above: only off screen moves the window.
  assert.deepEqual(revealCursor({ index: 50, top: 45 }, 45, 100, 10, 3), { index: 45, top: 45 });
  // The list's last rows: the window stays.
  assert.deepEqual(revealCursor({ index: 95, top: 90 }, 98, 100, 10, 3), { index: 98, top: 90 });
  assert.deepEqual(revealCursor({ index: 2, top: 2 }, 8, 100, 48, 3), { index: 8, top: 2 });
  assert.deepEqual(revealCursor({ index: 2, top: 2 }, 47, 100, 48, 3), { index: 47, top: 23 });
});

test('revealChildren scrolls an opened row\'s children into view, the row kept on screen', () => {
  // The last of 10 visible rows opened with 3 children (13 rows now): 3 rows up.
  assert.deepEqual(revealChildren({ index: 9, top: 0 }, 3, 13, 10), { index: 9, top: 3 });
  // More children than fit: the row goes to the top, no further.
  assert.deepEqual(revealChildren({ index: 9, top: 0 }, 50, 60, 10), { index: 9, top: 9 });
  // Children that already show: nothing moves.
  assert.deepEqual(revealChildren({ index: 2, top: 0 }, 3, 13, 10), { index: 2, top: 0 });
});
