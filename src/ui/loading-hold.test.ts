import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOADING_HOLD_MS, LoadingHold } from './loading-hold.js';

const HERE = 'g1 main.report';

/** A hold whose pane `id` was drawn settled at a stop in main.report, painted at `at` - 10. */
function settledAt(id: string, at: number): LoadingHold {
  const h = new LoadingHold();
  h.stopPainted(at - 10, HERE);
  h.note(id, false);
  h.drawn(id, true);
  return h;
}

// In the order the screen meets them: the stop line paints, then the panes' views say they are reading.
test('a pane showing the last stop settled keeps its frame while it reads the new stop data, until the hold ends', () => {
  const h = settledAt('pane:variables', 1000);
  h.stopPainted(1000, HERE);
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 1010), 1000 + LOADING_HOLD_MS);
  assert.equal(h.holds('pane:stack', 1010), undefined, 'a pane not reading paints');
  assert.equal(h.holds('pane:variables', 1000 + LOADING_HOLD_MS), undefined, 'kept no longer than the hold');
  h.note('pane:variables', false);
  assert.equal(h.holds('pane:variables', 1020), undefined, 'its data came: it paints');
});

test('a frame drawn while the target ran, or while still loading, is not kept: it paints as it is', () => {
  const h = settledAt('pane:goroutines', 100);
  h.drawn('pane:goroutines', false);
  h.stopPainted(100, HERE);
  h.note('pane:goroutines', true);
  assert.equal(h.holds('pane:goroutines', 101), undefined, 'drawn while running');
  const l = settledAt('pane:goroutines', 100);
  l.note('pane:goroutines', true);
  l.drawn('pane:goroutines', true);
  l.stopPainted(100, HERE);
  l.note('pane:goroutines', true);
  assert.equal(l.holds('pane:goroutines', 101), undefined, 'drawn while loading');
});

test('a stop in another function or goroutine keeps nothing: the last values would name the wrong frame', () => {
  const h = settledAt('pane:variables', 100);
  h.stopPainted(100, 'g1 main.main');
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 101), undefined);
  const g = settledAt('pane:variables', 100);
  g.stopPainted(100, 'g7 main.report');
  g.note('pane:variables', true);
  assert.equal(g.holds('pane:variables', 101), undefined);
});

test('a key ends the hold: what it changes paints at once', () => {
  const h = settledAt('pane:goroutines', 0);
  h.stopPainted(0, HERE);
  h.note('pane:goroutines', true);
  assert.equal(h.holds('pane:goroutines', 1), LOADING_HOLD_MS);
  h.end();
  assert.equal(h.holds('pane:goroutines', 2), undefined);
});

test('in a burst of steps a pane not drawn settled since the last stop is not kept over the next: it paints as loading', () => {
  const h = settledAt('pane:variables', 0);
  h.stopPainted(0, HERE);
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 10), LOADING_HOLD_MS);
  h.stopPainted(30, HERE);
  assert.equal(h.holds('pane:variables', 31), undefined, 'two stops old: shown dimmed now');
  h.note('pane:variables', false);
  h.drawn('pane:variables', true);
  h.stopPainted(100, HERE);
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 101), 100 + LOADING_HOLD_MS, 'drawn settled between: kept again');
});

test('the frames drawn while the target ran are named, until drawn again at a stop', () => {
  const h = new LoadingHold();
  h.drawn('pane:goroutines', false);
  h.drawn('status', false);
  h.drawn('pane:source', true);
  assert.deepEqual(h.drawnRunning(), ['pane:goroutines', 'status']);
  h.drawn('pane:goroutines', true);
  assert.deepEqual(h.drawnRunning(), ['status']);
});
