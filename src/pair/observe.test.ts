import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitedRefusalOf, observationOf, sameStop, serverBreakpoints, type RpcStopState, signaturePid, StopBaseline } from './observe.js';

const halted = (over: Partial<RpcStopState> = {}): RpcStopState => ({
  Pid: 42,
  Running: false,
  stopReason: 'next finished',
  currentThread: { id: 7, pc: 0x1000, file: '/src/orders/main.go', line: 41, goroutineID: 1 },
  Threads: [
    { id: 7, pc: 0x1000 },
    { id: 8, pc: 0x2000 },
  ],
  ...over,
});

test('running and exited say so', () => {
  assert.deepEqual(observationOf({ Pid: 0, Running: true }), { kind: 'running' });
  assert.deepEqual(observationOf({ Pid: 42, Running: false, exited: true, exitStatus: 3 }), { kind: 'exited', status: 3 });
});

test('a finished next is a step on the current goroutine, at its line', () => {
  const o = observationOf(halted());
  assert.equal(o.kind, 'halted');
  if (o.kind !== 'halted') return;
  assert.equal(o.reason, 'step');
  assert.equal(o.goroutine, 1);
  assert.equal(o.where, 'orders/main.go:41');
});

test('the signature changes when any thread moved, or a breakpoint was hit again at the same place', () => {
  const sig = (s: RpcStopState) => (observationOf(s) as { signature: string }).signature;
  const a = halted();
  assert.equal(sig(a), sig(halted()));
  assert.equal(sig(a), sig(halted({ Threads: [{ id: 8, pc: 0x2000 }, { id: 7, pc: 0x1000 }] })), 'in any order');
  assert.notEqual(sig(a), sig(halted({ Threads: [{ id: 7, pc: 0x1000 }, { id: 8, pc: 0x2008 }] })));
  const bp = (n: number) => halted({ stopReason: 'breakpoint', Threads: [{ id: 7, pc: 0x1000, breakPoint: { id: 3, name: '', totalHitCount: n } }] });
  assert.notEqual(sig(bp(1)), sig(bp(2)));
  assert.notEqual(sig(a), sig(halted({ Pid: 43 })), 'a restarted target differs');
  assert.equal(sig(a), sig(halted({ stopReason: 'call returned', currentThread: { id: 8, pc: 0x2000, goroutineID: 5 } })), 'switching goroutines moves nothing');
});

test('breakpoints, panics and halts get DAP words', () => {
  const bp = observationOf(halted({ stopReason: 'breakpoint', currentThread: { id: 7, pc: 1, goroutineID: 5, breakPoint: { id: 3, name: 'sourceBp Path="/a.go" Line=3 Column=0' } } }));
  assert.deepEqual([bp.kind === 'halted' && bp.reason, bp.kind === 'halted' && bp.hitBreakpointIds, bp.kind === 'halted' && bp.goroutine], ['breakpoint', [3], 5]);
  const panic = observationOf(halted({ stopReason: 'breakpoint', currentThread: { id: 7, pc: 1, goroutineID: 5, breakPoint: { id: -1, name: 'unrecovered-panic' } } }));
  assert.equal(panic.kind === 'halted' && `${panic.reason}/${panic.description}`, 'exception/panic');
  const pause = observationOf(halted({ stopReason: 'manual', currentThread: { id: 7, pc: 1, goroutineID: 0 } }));
  assert.equal(pause.kind === 'halted' && pause.reason, 'pause');
  assert.equal(pause.kind === 'halted' && pause.goroutine, undefined, 'a thread without a goroutine names none');
  const odd = observationOf(halted({ stopReason: 'something new' }));
  assert.equal(odd.kind === 'halted' && odd.reason, 'moved');
  // Delve's own breakpoint where another client's watchpoint on the stack ended (trial CG: `breakpoint, resumed by another client`).
  const scope = observationOf(halted({ stopReason: 'breakpoint', currentThread: { id: 7, pc: 1, goroutineID: 5 }, WatchOutOfScope: [{ id: 2, WatchExpr: 'a.Total' }] }));
  assert.deepEqual([scope.kind === 'halted' && scope.reason, scope.kind === 'halted' && scope.hitBreakpointIds], ['watchpoint on [a.Total] out of scope', undefined]);
});

test("Delve's breakpoint list: DAP source, function and data breakpoints by their names, the CLI's as outside, Delve's own skipped", () => {
  const list = serverBreakpoints([
    { id: -1, name: 'unrecovered-panic', file: '/go/panic.go', line: 1 },
    { id: 1, name: 'sourceBp Path="/src/a \\"b\\".go"  Line=41 Column=0', file: '/src/a "b".go', line: 41, Cond: 'i == 2' },
    { id: 2, name: 'functionBreakpoint Name=main.process', file: '/src/main.go', line: 90, HitCond: '>= 3' },
    { id: 3, name: '', file: '/src/main.go', line: 50 },
    // The dlv CLI's watchpoint: no line, named by what it watches.
    { id: 4, name: '', file: '', line: 0, WatchExpr: 'n' },
    // A pair peer's (DAP) watchpoint, by its data id (trial AG: taken for another client's; its file and line are where it was set).
    { id: 5, name: 'dataBreakpoint 1,0,tick', file: '/src/main.go', line: 70, WatchExpr: 'tick', WatchType: 3 },
    // Go's %q writes an escape in a path as \x1b, which JSON does not read (trial CL: every breakpoint command failed on it).
    { id: 6, name: 'sourceBp Path="/src/esc\\x1b[31mred.go" Line=14 Column=0', file: '/src/esc\x1b[31mred.go', line: 14 },
  ]);
  assert.deepEqual(list, [
    { delveId: 1, kind: 'line', file: '/src/a "b".go', line: 41, outside: false, condition: 'i == 2' },
    { delveId: 2, kind: 'function', spec: 'main.process', file: '/src/main.go', line: 90, outside: false, hitCondition: '>= 3' },
    { delveId: 3, kind: 'line', file: '/src/main.go', line: 50, outside: true },
    { delveId: 4, kind: 'data', spec: 'n', watch: { expr: 'n', access: 'write', dataId: '' }, outside: true },
    { delveId: 5, kind: 'data', spec: 'tick', watch: { expr: 'tick', access: 'readWrite', dataId: '1,0,tick' }, outside: false },
    { delveId: 6, kind: 'line', file: '/src/esc\x1b[31mred.go', line: 14, outside: false },
  ]);
});

test("a logpoint's hit on Delve's current thread beside another thread's breakpoint: the stop is the breakpoint's, on its goroutine (trial CF: named for the logpoint)", () => {
  const o = observationOf(halted({
    stopReason: 'breakpoint',
    currentThread: { id: 7, pc: 0x1000, file: '/src/svc/main.go', line: 53, goroutineID: 40, breakPoint: { id: 1, name: '', continue: true } },
    Threads: [
      { id: 7, pc: 0x1000, file: '/src/svc/main.go', line: 53, goroutineID: 40, breakPoint: { id: 1, name: '', continue: true } },
      { id: 8, pc: 0x2000, file: '/src/svc/main.go', line: 83, goroutineID: 1, breakPoint: { id: 3, name: 'clibp' } },
    ],
  }));
  assert.equal(o.kind, 'halted');
  if (o.kind !== 'halted') return;
  assert.deepEqual([o.reason, o.goroutine, o.where, o.hitBreakpointIds], ['breakpoint', 1, 'svc/main.go:83', [3]]);
  // The logpoint alone (a call Delve stopped at it): its stop.
  const alone = observationOf(halted({ stopReason: 'breakpoint', currentThread: { id: 7, pc: 0x1000, file: '/src/svc/main.go', line: 53, goroutineID: 40, breakPoint: { id: 1, name: '', continue: true } } }));
  assert.ok(alone.kind === 'halted' && alone.goroutine === 40 && alone.hitBreakpointIds?.[0] === 1);
  // At traces only, said so: a client's continue runs on from it (the poll waits to see it last), and so from a function trace's return.
  assert.ok(alone.kind === 'halted' && alone.tracing);
  const back = observationOf(halted({ stopReason: 'breakpoint', currentThread: { id: 7, pc: 0x1000, file: '/src/svc/main.go', line: 60, goroutineID: 40, breakPoint: { id: 3, name: '', traceReturn: true } } }));
  assert.ok(back.kind === 'halted' && back.tracing);
  assert.ok(o.kind === 'halted' && !o.tracing, 'a real breakpoint beside it is a stop');
});

test('a breakpoint cleared under a stopped thread is the same stop; another hit count is not', () => {
  const sig = (hits: number[], pcs = [0x10, 0x20]) => JSON.stringify([7, pcs.map((pc, i) => [i + 1, pc, hits[i]!])]);
  assert.ok(sameStop(sig([3, 0]), sig([0, 0])), 'the breakpoint was cleared');
  assert.ok(!sameStop(sig([3, 0]), sig([4, 0])), 'hit again at the same place');
  assert.ok(!sameStop(sig([0, 0]), sig([0, 0], [0x10, 0x28])), 'a thread moved');
});

test('the pid in a stop signature: a restart is told by it', () => {
  assert.equal(signaturePid(JSON.stringify([4242, [[1, 0x401000, 0]]])), 4242);
  assert.equal(signaturePid('not json'), undefined);
  assert.equal(signaturePid('["x"]'), undefined);
});

test('a move is a halted state other than the first one polled at the stop the session shows', () => {
  const at = (pc: number, pid = 7) => JSON.stringify([pid, [[1, pc, 0]]]);
  const b = new StopBaseline();
  b.loaded('orders/main.go:75');
  assert.deepEqual(b.halted(1, at(0x10), true), { moved: false, restarted: false, echo: false, same: false }, 'the first poll at stop 1 is its baseline');
  assert.deepEqual(b.halted(1, at(0x10), true), { moved: false, restarted: false, echo: false, same: false });
  assert.deepEqual(b.halted(1, at(0x18), true), { moved: true, restarted: false, echo: false, same: false }, 'another client stepped');
  assert.deepEqual(b.halted(1, at(0x18, 8), false), { moved: false, restarted: true, echo: false, same: false }, 'running or joining: the session loads it anyway; a new pid is a restart');
  b.reset(2, at(0x18));
  b.loaded('orders/main.go:76');
  assert.deepEqual(b.halted(2, at(0x18), true), { moved: false, restarted: false, echo: false, same: false });
});

test("another process at the first look at a new stop is another client's restart, unless this gotui asked for one", () => {
  const at = (pc: number, pid = 7) => JSON.stringify([pid, [[1, pc, 0]]]);
  const b = new StopBaseline();
  b.loaded('orders/main.go:75');
  b.halted(1, at(0x10), true);
  // This gotui's continue ended at its breakpoint (stop 2), then the dlv CLI's restart (it waits for that halt) made pid 8.
  b.loaded('orders/main.go:75');
  assert.deepEqual(b.halted(2, at(0x400, 8), true), { moved: true, restarted: true, echo: false, same: false });
  // Still news at the next look, until the session loads it: with peers present the first look waits for their word.
  assert.deepEqual(b.halted(2, at(0x400, 8), true), { moved: true, restarted: true, echo: false, same: false });
  b.reset(3, at(0x400, 8));
  assert.deepEqual(b.halted(3, at(0x400, 8), true), { moved: false, restarted: false, echo: false, same: false }, 'loaded: the baseline');
  // This gotui's own :restart (its count went up): its stop in the new process is no news.
  const own = new StopBaseline();
  own.halted(1, at(0x10), true, 0);
  own.loaded('runtime/rt0_linux_amd64.s:8');
  assert.deepEqual(own.halted(2, at(0x400, 8), true, 1), { moved: false, restarted: true, echo: false, same: false });
  // Found before its stop loads (a rebuild's build after Delve's answer: CI run 109), it is known as this gotui's own.
  const early = new StopBaseline();
  early.halted(1, at(0x10), true, 1);
  assert.equal(early.ownRestart(at(0x10), 2), false, 'the same process');
  assert.equal(early.ownRestart(at(0x400, 8), 1), false, 'another process with no restart asked here: another client\'s');
  assert.equal(early.ownRestart(at(0x400, 8), 2), true);
});

test("a look at the old process while this gotui's own restart is on its way does not make the new process another client's (CI run 80: :start's stop at main.main said as another client's restart)", () => {
  const at = (pc: number, pid = 7) => JSON.stringify([pid, [[1, pc, 0]]]);
  const b = new StopBaseline();
  b.halted(1, at(0x10), true, 2);
  // Halted for :start (stop 2), its restart asked (the count is 3), Delve not there yet: the old process still.
  b.loaded('main.go:90');
  assert.equal(b.halted(2, at(0x20), true, 3).moved, false);
  // The new process at main.main, the stop this gotui loaded.
  b.loaded('main.go:84');
  assert.deepEqual(b.halted(3, at(0x400, 8), true, 3), { moved: false, restarted: true, echo: false, same: false });
  // The same when the session's reset took the old process in: another client's restart after it is still news.
  const r = new StopBaseline();
  r.reset(2, at(0x10), 2);
  r.reset(2, at(0x20), 3);
  r.loaded('main.go:84');
  assert.equal(r.halted(3, at(0x400, 8), true, 3).moved, false);
  assert.equal(r.halted(3, at(0x500, 9), true, 3).moved, true, "then the dlv CLI's restart");
});

test("another process before any look at a shown stop is a restart all the same: the first halted look (the session running) names the process", () => {
  const at = (pc: number, pid = 7) => JSON.stringify([pid, [[1, pc, 0]]]);
  const b = new StopBaseline();
  // The first look came as this gotui's continue began: halted still, but not a stop the session shows.
  assert.deepEqual(b.halted(0, at(0x10), false), { moved: false, restarted: false, echo: false, same: false });
  // Its breakpoint stop loaded, then the dlv CLI's restart made pid 8 before any look at that stop.
  b.loaded('orders/main.go:74');
  assert.deepEqual(b.halted(1, at(0x400, 8), true), { moved: true, restarted: true, echo: false, same: false });
  b.reset(2, at(0x400, 8));
  assert.deepEqual(b.halted(2, at(0x400, 8), true).restarted, false, 'loaded: the baseline');
  // A restart of this gotui's own is no news.
  const own = new StopBaseline();
  own.halted(0, at(0x10), false, 0);
  assert.deepEqual(own.halted(1, at(0x400, 8), true, 1), { moved: false, restarted: true, echo: false, same: false });
});

test("the stop a peer's step left, polled between Delve's two commands of it, is no news unless the next poll finds it again", () => {
  const at = (pc: number) => JSON.stringify([7, [[1, pc, 3]]]);
  const b = new StopBaseline();
  b.halted(1, at(0x10), true);
  b.running();
  assert.equal(b.halted(1, at(0x10), false).echo, true, 'between switching goroutine and the next');
  b.running();
  assert.equal(b.halted(1, at(0x18), false).echo, false, "the step's own stop");
  b.running();
  assert.equal(b.halted(1, at(0x10), false).echo, true);
  assert.equal(b.halted(1, at(0x10), false).echo, false, 'found twice: halted where it was (all threads asleep), a stop to show');
});

test("a peer's step between the stop's load and the first poll is a move: the peer said it stopped elsewhere", () => {
  const at = (pc: number) => JSON.stringify([7, [[1, pc, 0]]]);
  const b = new StopBaseline();
  b.loaded('orders/main.go:75');
  b.peerStopped('orders/main.go:76');
  assert.equal(b.halted(1, at(0x18), true).moved, true, 'the first poll already sees the new place');
  assert.equal(b.halted(1, at(0x18), true).moved, true, 'until the session loads the stop');
  b.reset(2, at(0x18));
  b.loaded('orders/main.go:76');
  assert.equal(b.halted(2, at(0x18), true).moved, false);
  b.peerStopped('orders/main.go:76');
  assert.equal(b.halted(2, at(0x18), true).moved, false, 'a peer naming the stop this gotui shows is no news');
  b.peerStopped(undefined);
  assert.equal(b.halted(2, at(0x18), true).moved, false, 'a stop the peer could not place: polling decides');
  b.peerStopped('orders/main.go:76', true);
  assert.equal(b.halted(2, at(0x18), true).moved, true, 'a stop numbered past this one at the same place (the loop came round to a breakpoint where a step stopped): a move the threads do not show');
});

test("Delve's refusal of State after the program exited is an exited observation, said as refused; other errors are none (trial BX)", () => {
  assert.deepEqual(exitedRefusalOf(new Error('Process 4493 has exited with status 3')), { kind: 'exited', status: 3, refused: true });
  assert.equal(exitedRefusalOf(new Error('connection reset')), undefined);
});
