import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOADING_HOLD_MS, LoadingHold } from './loading-hold.js';

// In the order the screen meets them: the stop line paints, then the panes' views say they are reading.
test('a pane reading its stop data keeps its frame until the hold ends; one that is not, paints at once', () => {
  const h = new LoadingHold();
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 0), undefined, 'no stop painted yet: nothing is held');
  h.note('pane:variables', false);
  h.stopPainted(900, 'g1 main.report');
  h.stopPainted(1000, 'g1 main.report');
  h.note('pane:variables', true);
  h.note('pane:stack', false);
  assert.equal(h.holds('pane:variables', 1010), 1000 + LOADING_HOLD_MS);
  assert.equal(h.holds('pane:stack', 1010), undefined);
  assert.equal(h.holds('pane:variables', 1000 + LOADING_HOLD_MS), undefined, 'held no longer than the hold');
  h.note('pane:variables', false);
  assert.equal(h.holds('pane:variables', 1020), undefined, 'its data came: it paints');
});

test('a stop in another function or goroutine holds nothing: the last values would name the wrong frame', () => {
  const h = new LoadingHold();
  h.stopPainted(0, 'g1 main.report');
  h.stopPainted(10, 'g1 main.main');
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 11), undefined);
  h.note('pane:variables', false);
  h.stopPainted(20, 'g7 main.main');
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 21), undefined);
});

test('a key ends the hold: what it changes paints at once', () => {
  const h = new LoadingHold();
  h.stopPainted(0, 'g1 main.report');
  h.stopPainted(5, 'g1 main.report');
  h.note('pane:goroutines', true);
  assert.equal(h.holds('pane:goroutines', 1), 5 + LOADING_HOLD_MS);
  h.end();
  assert.equal(h.holds('pane:goroutines', 2), undefined);
});

test('in a burst of steps a pane still reading the last stop data is not held over the next: it paints as loading', () => {
  const h = new LoadingHold();
  h.stopPainted(-5, 'g1 main.report');
  h.stopPainted(0, 'g1 main.report');
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 10), LOADING_HOLD_MS);
  h.stopPainted(30, 'g1 main.report');
  assert.equal(h.holds('pane:variables', 31), undefined, 'the values shown are two stops old: they show dimmed now');
  h.note('pane:variables', false);
  h.stopPainted(100, 'g1 main.report');
  h.note('pane:variables', true);
  assert.equal(h.holds('pane:variables', 101), 100 + LOADING_HOLD_MS, 'its data came between: held again');
});
