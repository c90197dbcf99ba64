import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditQueue } from './queue.js';

test('EditQueue numbers edits, keeps one per flag, records deferrals, cancels', () => {
  const q = new EditQueue();
  const a = q.add({ setExpr: 'main.debugFlags', name: 'mode', value: 'drain', reason: 'call not at safe point' });
  const b = q.add({ setExpr: 'flag.CommandLine', name: 'name', value: 'x', reason: 'the target is running' });
  assert.deepEqual([a.edit.id, b.edit.id], [1, 2]);
  assert.equal(a.replaced, undefined);

  // A newer edit of the same flag replaces the older one and goes to the end.
  const c = q.add({ setExpr: 'main.debugFlags', name: 'mode', value: 'readonly', reason: 'call not at safe point' });
  assert.equal(c.edit.id, 3);
  assert.equal(c.replaced?.id, 1);
  assert.deepEqual(q.list().map((e) => [e.id, e.value]), [[2, 'x'], [3, 'readonly']]);
  // The same name in another FlagSet is another flag.
  q.add({ setExpr: 'main.pflags', name: 'name', value: 'y', reason: 'r' });
  assert.equal(q.size, 3);

  q.deferred(3, 'selected goroutine not running');
  q.deferred(3, 'call not at safe point');
  assert.deepEqual({ ...q.get(3)!, id: 0 }, { id: 0, setExpr: 'main.debugFlags', name: 'mode', value: 'readonly', reason: 'call not at safe point', attempts: 2 });

  const before = q.list();
  assert.equal(q.remove(2)?.value, 'x');
  assert.equal(q.remove(2), undefined);
  assert.equal(before.length, 3, 'lists handed out are not changed afterwards');
  assert.deepEqual(q.list().map((e) => e.id), [3, 4]);
});
