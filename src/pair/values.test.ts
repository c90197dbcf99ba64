import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcVariable } from '../delve/rpc.js';
import { valuesDigest } from './values.js';

const v = (name: string, value: string, children: RpcVariable[] | null = null): RpcVariable => ({ name, type: 'int', value, unreadable: '', children });

test('the digest of a frame\'s values changes with a value, a child or a name, and only then', () => {
  const base = [v('i', '3'), v('o', '', [v('Qty', '2')])];
  assert.equal(valuesDigest(base), valuesDigest([v('i', '3'), v('o', '', [v('Qty', '2')])]));
  assert.notEqual(valuesDigest(base), valuesDigest([v('i', '5'), v('o', '', [v('Qty', '2')])]));
  assert.notEqual(valuesDigest(base), valuesDigest([v('i', '3'), v('o', '', [v('Qty', '7')])]));
  assert.notEqual(valuesDigest(base), valuesDigest([v('j', '3'), v('o', '', [v('Qty', '2')])]));
  // Nesting is part of it: a child is not a sibling.
  assert.notEqual(valuesDigest([v('a', '', [v('b', '1')])]), valuesDigest([v('a', ''), v('b', '1')]));
});
