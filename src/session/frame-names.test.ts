import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullFrameName, gorootSrcOf, linknameOf, namedElsewhere, shortTypeArgs, withTypeArgs } from './frame-names.js';

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

test("a generic function's shapes give way to […], or to nothing where the name is to be typed; other names are as they were", () => {
  assert.equal(shortTypeArgs('main.Filter[go.shape.struct { main.Base; Owner string; Tags []string }]'), 'main.Filter[…]');
  assert.equal(shortTypeArgs('main.(*Cache[go.shape.string,go.shape.[]int]).Get'), 'main.(*Cache[…]).Get');
  assert.equal(shortTypeArgs('main.Map[go.shape.int,go.shape.string].func1'), 'main.Map[…].func1');
  assert.equal(withTypeArgs('main.Map[go.shape.[4]uint8,go.shape.map[string]int]', ''), 'main.Map');
  assert.equal(shortTypeArgs('runtime.gopark'), 'runtime.gopark');
  assert.equal(shortTypeArgs('main.main.func1'), 'main.main.func1');
  // Unbalanced (a name cut before it reached us): left whole.
  assert.equal(shortTypeArgs('main.Filter[go.shape.struct {'), 'main.Filter[go.shape.struct {');
});

test("a frame in a file that gives its function another package's name (//go:linkname) takes the whole name the file gives, where Delve's DAP cut it", () => {
  const sema = [
    'package runtime',
    '',
    '//go:linkname sync_runtime_Semrelease sync.runtime_Semrelease',
    'func sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int) {',
    '\tsemrelease1(addr, handoff, skipframes)',
    '}',
    '',
    '//go:linkname internal_sync_runtime_SemacquireMutex internal/sync.runtime_SemacquireMutex',
    'func internal_sync_runtime_SemacquireMutex(addr *uint32, lifo bool, skipframes int) {',
    '\tsemacquire1(addr, lifo, semaBlockProfile|semaMutexProfile, skipframes, waitReasonSyncMutexLock)',
    '}',
    '',
    '//go:linkname internal_sync_runtime_Semrelease internal/sync.runtime_Semrelease',
    'func internal_sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int) {',
    '\tsemrelease1(addr, handoff, skipframes)',
    '}',
  ];
  assert.equal(linknameOf(sema, 10, 'sync.runtime_SemacquireMutex'), 'internal/sync.runtime_SemacquireMutex');
  // Two functions Delve cuts to one name: told apart by the line.
  assert.equal(linknameOf(sema, 5, 'sync.runtime_Semrelease'), 'sync.runtime_Semrelease');
  assert.equal(linknameOf(sema, 15, 'sync.runtime_Semrelease'), 'internal/sync.runtime_Semrelease');
  assert.equal(linknameOf(sema, 10, 'sync.other'), undefined);
  assert.equal(linknameOf(sema, 1, 'sync.runtime_SemacquireMutex'), undefined);
  assert.equal(namedElsewhere('sync.runtime_SemacquireMutex', '/go/src/runtime/sema.go', '/go/src/'), true);
  assert.equal(namedElsewhere('runtime.semacquire1', '/go/src/runtime/sema.go', '/go/src/'), false);
  assert.equal(namedElsewhere('main.main', '/src/app/main.go', '/go/src/'), false);
});
