import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setHint, splitLvalue } from './session.js';

test('an lvalue splits into the container Delve sets a child of, and the child', () => {
  assert.deepEqual(splitLvalue('n'), { name: 'n' });
  assert.deepEqual(splitLvalue('o.ID'), { parent: 'o', name: 'ID' });
  assert.deepEqual(splitLvalue('o.Items[0].Qty'), { parent: 'o.Items[0]', name: 'Qty' });
  assert.deepEqual(splitLvalue('s[i+1]'), { parent: 's', name: '[i+1]' });
  assert.deepEqual(splitLvalue('m[a[1]]'), { parent: 'm', name: '[a[1]]' });
  assert.deepEqual(splitLvalue('*p'), { parent: 'p', name: '' });
  assert.deepEqual(splitLvalue('f(x.y).z'), { parent: 'f(x.y)', name: 'z' });
});

test("a set's hint follows Delve's words: a map key it lacks (an empty swiss map says it its own way), a name not in scope, else the value's type", () => {
  const addKey = /cannot add a key/;
  assert.match(setHint('key not found'), addKey);
  assert.match(setHint('could not load swiss map group ctrl:  is nil'), addKey);
  assert.match(setHint('failed to find the named variable'), /not a variable in scope/);
  assert.match(setHint('literal string can not be allocated because function calls are not allowed without using \'call\''), /value of its type/);
});
