import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLvalue } from './session.js';

test('an lvalue splits into the container Delve sets a child of, and the child', () => {
  assert.deepEqual(splitLvalue('n'), { name: 'n' });
  assert.deepEqual(splitLvalue('o.ID'), { parent: 'o', name: 'ID' });
  assert.deepEqual(splitLvalue('o.Items[0].Qty'), { parent: 'o.Items[0]', name: 'Qty' });
  assert.deepEqual(splitLvalue('s[i+1]'), { parent: 's', name: '[i+1]' });
  assert.deepEqual(splitLvalue('m[a[1]]'), { parent: 'm', name: '[a[1]]' });
  assert.deepEqual(splitLvalue('*p'), { parent: 'p', name: '' });
  assert.deepEqual(splitLvalue('f(x.y).z'), { parent: 'f(x.y)', name: 'z' });
});
