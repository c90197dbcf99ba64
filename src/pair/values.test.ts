import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcVariable } from '../delve/rpc.js';
import { framesDigest, valuesDigest } from './values.js';

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

test('where frames stand: the same pcs at another place on the stack (a recursion stepped out of) differ; a step within a frame does not', () => {
  const deep = [{ pc: 0x4c457b, FrameOffset: -96 }, { pc: 0x4c457b, FrameOffset: -48 }];
  assert.equal(framesDigest(deep), framesDigest(deep.map((f) => ({ ...f }))));
  assert.notEqual(framesDigest(deep), framesDigest([{ pc: 0x4c457b, FrameOffset: -48 }, { pc: 0x4c457b, FrameOffset: 0 }]));
  assert.notEqual(framesDigest(deep), framesDigest(deep.slice(0, 1)));
  assert.equal(framesDigest(deep), framesDigest([{ pc: 0x4c4590, FrameOffset: -96 }, { pc: 0x4c457b, FrameOffset: -48 }]));
});
