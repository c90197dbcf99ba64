import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageOf } from '../session/state.js';

test("a frame's package, from its function's name: methods, paths with dots, and names that are none", () => {
  assert.equal(packageOf('main.restock'), 'main');
  assert.equal(packageOf('main.(*Warehouse).restock'), 'main');
  assert.equal(packageOf('github.com/acme/svc.v2/store.(*DB).Get'), 'github.com/acme/svc.v2/store');
  assert.equal(packageOf('runtime.goexit'), 'runtime');
  assert.equal(packageOf('noDot'), undefined);
  assert.equal(packageOf(''), undefined);
});
