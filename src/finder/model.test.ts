import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzyFilter } from './fuzzy.js';
import { isUserFrame } from '../session/state.js';
import { ownName, rankResults } from './model.js';

test("the finder's types and package variables: the program's own, by the names code writes (trial BZ)", () => {
  assert.ok(ownName('main.Order', undefined));
  assert.ok(ownName('example.com/app/calc.Total', 'example.com/app'));
  assert.ok(!ownName('*main.Order', undefined), 'a pointer type is no name of its own');
  assert.ok(!ownName('[]main.Order', undefined));
  assert.ok(!ownName('map[string]main.Order', undefined));
  assert.ok(!ownName('runtime.g', undefined), "Go's own");
  assert.ok(!ownName('github.com/x/lib.Conf', 'example.com/app'), 'a library, when the main module is known');
  assert.ok(!ownName('main.Filter[go.shape.int]', undefined), 'a generic instance');
});

test("the finder ranks the program's own names first among equally good matches, before Go's (trial CG: `Store` listed main.store 16th)", () => {
  const names = ['sync/atomic.(*Value).Store', 'internal/runtime/atomic.Store', 'sync/atomic.StoreInt32', 'main.store', 'example.com/app/internal/cache.Store', 'internal/runtime/atomic.Store64', 'main.restore'];
  const rank = (mainModule: string | undefined) => rankResults(fuzzyFilter('Store', names, 10), (m) => isUserFrame(m.text, mainModule)).map((m) => m.text);
  assert.deepEqual(rank('example.com/app').slice(0, 4), ['main.store', 'example.com/app/internal/cache.Store', 'sync/atomic.(*Value).Store', 'internal/runtime/atomic.Store']);
  // A better match comes first whoever's it is: a whole word before a word it begins or ends.
  assert.ok(rank('example.com/app').indexOf('sync/atomic.(*Value).Store') < rank('example.com/app').indexOf('main.restore'));
  assert.ok(rank('example.com/app').indexOf('internal/runtime/atomic.Store') < rank('example.com/app').indexOf('sync/atomic.StoreInt32'));
});
