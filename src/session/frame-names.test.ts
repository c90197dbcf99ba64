import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullFrameName, gorootSrcOf } from './frame-names.js';

test("a standard library frame gets its package's path back from its file under GOROOT, as the dlv CLI names it (trial V: two sync.(*Mutex).Lock)", () => {
  const src = gorootSrcOf('runtime.gopark', '/usr/local/go/src/runtime/proc.go');
  assert.equal(src, '/usr/local/go/src/');
  assert.equal(gorootSrcOf('main.main', '/usr/local/go/src/runtime/proc.go'), undefined, 'only a runtime frame says where GOROOT is');
  assert.equal(fullFrameName('sync.(*Mutex).Lock', '/usr/local/go/src/internal/sync/mutex.go', src), 'internal/sync.(*Mutex).Lock');
  assert.equal(fullFrameName('sync.(*Mutex).Lock', '/usr/local/go/src/sync/mutex.go', src), 'sync.(*Mutex).Lock');
  assert.equal(fullFrameName('http.(*conn).serve', '/usr/local/go/src/net/http/server.go', src), 'net/http.(*conn).serve');
  assert.equal(fullFrameName('runtime.goexit', '/usr/local/go/src/runtime/asm_amd64.s', src), 'runtime.goexit');
  // Outside GOROOT the file says nothing of a module's path: as Delve named it.
  assert.equal(fullFrameName('cart.(*Cart).Total', '/home/ana/shop/cart/cart.go', src), 'cart.(*Cart).Total');
  assert.equal(fullFrameName('sync.(*Mutex).Lock', '/usr/local/go/src/internal/sync/mutex.go', undefined), 'sync.(*Mutex).Lock', 'GOROOT not seen yet');
});
