import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownName } from './model.js';

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
