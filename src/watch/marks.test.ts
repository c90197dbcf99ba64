import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markedChanged, nextReading } from './marks.js';

const m = (o: Record<number, string | undefined>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));

test('a mark compares with the earlier stop, however often the same stop is read again', () => {
  const s1 = nextReading(undefined, 1, m({ 1: '12', 2: '0' }));
  assert.equal(markedChanged(s1, 1), false, 'no earlier stop: nothing to differ from');
  // A value set at the first stop read (the Watch pane's e): marked against what was read there first (trial CC).
  const setFirst = nextReading(s1, 1, m({ 1: '100', 2: '0' }));
  assert.deepEqual([markedChanged(setFirst, 1), markedChanged(setFirst, 2)], [true, false]);
  const s2 = nextReading(s1, 2, m({ 1: '12', 2: '5' }));
  assert.deepEqual([markedChanged(s2, 1), markedChanged(s2, 2)], [false, true]);
  // Read again at stop 2 (a frame looked at and back): the marks stay.
  const again = nextReading(s2, 2, m({ 1: '12', 2: '5' }));
  assert.deepEqual([markedChanged(again, 1), markedChanged(again, 2)], [false, true]);
  // :set main.counter = 1000 at stop 2: marked, against stop 1's value.
  const set = nextReading(again, 2, m({ 1: '1000', 2: '5' }));
  assert.equal(markedChanged(set, 1), true);
  // The next stop compares with stop 2's last values (after the set).
  const s3 = nextReading(set, 3, m({ 1: '1000', 2: '6' }));
  assert.deepEqual([markedChanged(s3, 1), markedChanged(s3, 2)], [false, true]);
});

test('a row read alone (one just added) joins the reading of its stop; it has no mark until the next stop', () => {
  const s1 = nextReading(undefined, 1, m({ 1: '1' }));
  const added = nextReading(s1, 1, m({ 2: 'a' }));
  assert.deepEqual([...added.values], [[1, '1'], [2, 'a']]);
  const s2 = nextReading(added, 2, m({ 1: '1', 2: 'b' }));
  assert.equal(markedChanged(s2, 2), true);
  assert.equal(markedChanged(nextReading(s1, 2, m({ 1: '1', 3: 'x' })), 3), false, 'a row with no earlier value');
});
