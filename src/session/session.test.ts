import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeStopReason, breakpointPlace } from './breakpoints.js';
import { attachRefusal, evalHint, evalHintReading, exitedRefusal, goParseError, logpointMessage, Session, translateDelveChatter, watchHint } from './session.js';
import { theTarget, type SessionEvents } from './state.js';
import { readRegisters } from '../registers/read.js';
import { firstOutsideGoroot, isUserFrame, ownFrame, packageOf } from './state.js';

test('a stop in words: the breakpoint it hit, the panic value, the fatal error', () => {
  const bps = [{ id: 2, kind: 'function' as const, spec: 'main.go:42', file: '/x/main.go', line: 42, verified: true }];
  assert.equal(describeStopReason({ number: 1, reason: 'function breakpoint', goroutine: 1, breakpoints: [2] }, bps), 'breakpoint #2');
  assert.equal(describeStopReason({ number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, bps), 'breakpoint');
  assert.equal(describeStopReason({ number: 1, reason: 'exception', description: 'panic', text: 'boom', goroutine: 1, breakpoints: [] }, bps), 'panic: boom');
  assert.equal(describeStopReason({ number: 1, reason: 'pause', goroutine: 1, breakpoints: [] }, bps), 'pause');
  // Halted when gotui attached: nobody paused it now.
  assert.equal(describeStopReason({ number: 1, reason: 'pause', goroutine: 1, breakpoints: [], found: true }, bps), 'as found');
  assert.equal(breakpointPlace(bps[0]!), 'x/main.go:42');
});

test("Delve's chatter is dropped or said in gotui's words", () => {
  assert.equal(translateDelveChatter("Type 'dlv help' for list of commands.\n"), undefined);
  assert.equal(translateDelveChatter('Too many goroutines, only loaded 1024'), undefined);
  assert.match(translateDelveChatter("Step interrupted by a breakpoint. Use 'Continue' to resume the original step command.")!, /^Delve: a breakpoint stopped the target before the step ended; c resumes that step/);
  assert.equal(translateDelveChatter('Closing client session'), 'Delve: Closing client session');
});

test('"your code" is the main module, not the standard library', () => {
  assert.equal(packageOf('example.com/svc/internal/db.(*Pool).Get'), 'example.com/svc/internal/db');
  assert.equal(packageOf('main.main'), 'main');
  assert.ok(isUserFrame('main.work', undefined));
  assert.ok(isUserFrame('example.com/svc/db.Open', 'example.com/svc'));
  assert.ok(!isUserFrame('example.com/other/db.Open', 'example.com/svc'));
  assert.ok(!isUserFrame('internal/poll.runtime_pollWait', undefined));
  assert.ok(!isUserFrame('net/http.(*conn).serve', undefined));
  assert.ok(!isUserFrame('runtime.gopark', undefined));
  assert.ok(isUserFrame('github.com/x/y.Z', undefined));
  // A panicking test of a module named without a dot, when the main module is not known: the first frame outside GOROOT.
  const frames = [
    { name: 'runtime.fatalpanic', file: '/usr/local/go/src/runtime/panic.go' },
    { name: 'testing.tRunner.func1.2', file: '/usr/local/go/src/testing/testing.go' },
    { name: 'runtime.gopanic', file: '/usr/local/go/src/runtime/panic.go' },
    { name: 'tpkg.Div', file: '/home/u/tpkg/t.go' },
    { name: 'tpkg.TestPanic', file: '/home/u/tpkg/t_test.go' },
  ];
  assert.equal(firstOutsideGoroot(frames)?.name, 'tpkg.Div');
  assert.equal(firstOutsideGoroot([{ name: 'main.main', file: '/x/main.go' }]), undefined, 'no runtime frame: GOROOT unknown');
});

test("a crash in C is looked at on the C line, cgo's glue passed over (trial AL: main._Cfunc_readback in _cgo_gotypes.go)", () => {
  const crash = [
    { name: 'runtime.fatalsignal', file: '/usr/local/go/src/runtime/signal_unix.go' },
    { name: 'runtime.sigtrampgo', file: '/usr/local/go/src/runtime/signal_unix.go' },
    { name: 'C.sensor_sum', file: '/src/cgo-slice/sensor.c' },
    { name: 'C._cgo_e338f1c0fd0e_Cfunc_sensor_sum', file: './go-build/cgo-gcc-prolog' },
    { name: 'runtime.asmcgocall', file: '/usr/local/go/src/runtime/asm_amd64.s' },
    { name: 'runtime.cgocall', file: '/usr/local/go/src/runtime/cgocall.go' },
    { name: 'main._Cfunc_sensor_sum', file: '_cgo_gotypes.go' },
    { name: 'main.main', file: '/src/cgo-slice/main.go' },
  ];
  assert.equal(ownFrame(crash, 'cgo-slice')?.name, 'C.sensor_sum');
  // C without its file (libc, no debug info): the Go code that called it, past the glue.
  assert.equal(ownFrame(crash.filter((f) => f.name !== 'C.sensor_sum'), 'cgo-slice')?.name, 'main.main');
  // Go's own C (runtime/cgo's gcc_*.c) is Go's, not the program's.
  assert.equal(ownFrame([{ name: 'C.x_cgo_thread_start', file: '/usr/local/go/src/runtime/cgo/gcc_libinit.c' }, ...crash.slice(4)], 'cgo-slice')?.name, 'main.main');
});

test('a target seen gone before Delve says how it exited: the exit code still arrives, once', () => {
  const s = new Session('t');
  const ended: { why: string; exitCode?: number }[] = [];
  s.events.on('ended', (e) => ended.push(e));
  s.end('exited', 'The target (pid 1) is gone.');
  s.end('exited', 'The target exited with code 0.', 0);
  s.end('exited', 'The target exited with code 0.', 0);
  s.end('terminated', 'The target has terminated.');
  assert.deepEqual(ended.map((e) => [e.why, e.exitCode]), [
    ['exited', undefined],
    ['exited', 0],
  ]);
  assert.equal(s.state.status, 'exited');
});

test('evaluation hints: a name not in scope says so, whichever way Delve words it', () => {
  for (const msg of ['could not find symbol value for o', 'could not find symbol o.Customer']) assert.match(evalHint(msg), /not a variable in scope at this frame/);
  assert.match(evalHint('1:3: expected operand'), /Go syntax, as in :print/);
  assert.match(evalHint('selected goroutine not running', 'call main.ints(3)', 1), /parked \(not on a thread\).*select the goroutine that stopped \(:goroutine 1, or \. in the goroutines pane\)/);
  assert.match(evalHint('could not find symbol value for rsp'), /Registers are upper case/);
  assert.match(evalHint('could not find symbol value for r12'), /Registers are upper case/);
  // ~r0 is a return value, not a register r0 (trial AT).
  assert.equal(evalHint('could not find symbol value for r0', '~r0'), 'A return value (~r0) is not a name expressions take: the Variables pane (4) shows it, and o says what a function returned.');
  // Halted at its entry there is no frame to try another of (trial S).
  assert.match(evalHint('could not find symbol value for processed', 'processed', undefined, true), /^The program is halted at its entry, before the Go runtime starts: no frame has variables yet/);
  assert.match(evalHint('o has no member I'), /Tab after the dot lists the fields/);
  // Trial AP: the hints named another expression's fields, and said "Go syntax" to a call or a wrong assertion.
  assert.equal(evalHint('c has no member itms', 'c.itms'), 'Tab after the dot lists the fields (:print c.<Tab>).');
  assert.equal(evalHint('w.Parts[0] has no member Qtyy', 'print w.Parts[0].Qtyy'), 'Tab after the dot lists the fields (:print w.Parts[0].<Tab>).');
  assert.equal(evalHint('interface conversion: main.Shape is *main.Circle, not main.Rect', 'shapes[1].(main.Rect)'), 'It holds a *main.Circle: assert that, .(*main.Circle).');
  assert.equal(evalHint("function calls not allowed without using 'call'", 'describe()'), 'Delve runs a function only when asked to: :call describe()');
  assert.equal(evalHint('index out of bounds', 'o.Items[5]'), ':print len(o.Items) gives its length; indexes go from 0 to one less.');
  assert.equal(evalHint('index out of bounds', 'm[k][2]'), ':print len(m[k]) gives its length; indexes go from 0 to one less.');
  // Trial AX: a nil interface was offered `.(nil)`; a missing key and a nil pointer were told of Go syntax.
  assert.equal(evalHint('interface conversion: error is nil, not *fmt.wrapError', 'err.(*fmt.wrapError)'), 'The interface is nil: it holds no value to assert.');
  assert.equal(evalHint('key not found', 'l.Accounts["zed"]'), 'The map has no such key: :print l.Accounts lists its keys.');
  assert.equal(evalHint('nil pointer dereference', '*p'), 'The pointer is nil: there is nothing to dereference.');
});

test("a bare name that reads as a package variable is hinted by its qualified name; others keep the usual hint (trial AQ)", async () => {
  const asked: string[] = [];
  const reads = async (e: string) => (asked.push(e), e === 'main.lockA');
  assert.equal(await evalHintReading('could not find symbol value for lockA', 'lockA', 'sync.(*Mutex).Lock', reads), 'It is a package variable: :print main.lockA');
  assert.deepEqual(asked, ['main.lockA']);
  assert.match(await evalHintReading('could not find symbol value for nosuch', 'nosuch', 'sync.(*Mutex).Lock', reads), /not a variable in scope at this frame/);
  assert.deepEqual(asked, ['main.lockA', 'main.nosuch', 'sync.nosuch'], "main's, then the frame's package's");
  assert.match(await evalHintReading('could not find symbol value for lockA', 'lockA + 1', 'main.f', reads), /Go syntax|not a variable/, 'only a bare name');
});

test("a logpoint's expression Delve could not evaluate is said plainly, not in Go's %e garble", () => {
  assert.equal(logpointMessage('bad {eval err: &{%!e(string=could not find symbol value for nosuch)}} ok 0'), 'bad {error: could not find symbol value for nosuch} ok 0');
  assert.equal(logpointMessage('x {eval err: some error} y {eval err: &{%!e(string=a)}}'), 'x {error: some error} y {error: a}');
  assert.equal(logpointMessage('item "apple" x2'), 'item "apple" x2');
});

test('the target in a sentence: is running, is stopped, has exited', () => {
  assert.equal(theTarget('running'), 'the target is running');
  assert.equal(theTarget('exited'), 'the target has exited');
});

test("a breakpoint Delve refuses because the program has ended says that, not that the line has no code", () => {
  const e = exitedRefusal('Process 24043 has exited with status 0');
  assert.equal(e?.message, 'The program (pid 24043) has exited with status 0: no breakpoint can be set in it.');
  assert.match(e?.hint ?? '', /:restart runs it again/);
  assert.equal(exitedRefusal('could not find statement at /x/main.go:19, please use a line with a statement'), undefined);
  assert.equal(exitedRefusal(undefined), undefined);
});

test("a restart is not ended by the old process's `terminated`, said late behind its output", async () => {
  const s = new Session('t');
  let drained!: () => void;
  s.outputDrain = () => new Promise<void>((r) => (drained = r));
  // Stands in for Delve's connection: the restart is acknowledged at once, as Delve does.
  (s as unknown as { client: unknown }).client = { closed: false, request: async () => ({ success: true }) };
  const tick = () => new Promise((r) => setImmediate(r));
  // The debuggee's output goes quiet: the ending waiting for it is said.
  const drain = async () => {
    await tick();
    drained();
    await tick();
  };
  const onEvent = (e: object) => (s as unknown as { onEvent(e: object): void }).onEvent({ seq: 0, type: 'event', ...e });
  onEvent({ event: 'exited', body: { exitCode: 0 } });
  await drain();
  assert.equal(s.state.status, 'exited');
  // Delve sends `terminated` right after `exited`: its saying waits for the output, past the restart.
  onEvent({ event: 'terminated' });
  await s.restart({ arguments: { request: 'launch' } });
  assert.equal(s.state.status, 'running');
  await drain();
  assert.equal(s.state.status, 'running', 'the new process runs');
  // The new process's own end is said.
  onEvent({ event: 'terminated' });
  await drain();
  assert.equal(s.state.status, 'exited');
});

test("a halt a poll finds while this session's restart is not answered is not loaded as another client's stop (CI run 80)", async () => {
  const s = new Session('t');
  let ack!: () => void;
  const asked: string[] = [];
  // Stands in for Delve's connection: the restart answered when the test says, any read answered at once.
  (s as unknown as { client: unknown }).client = {
    closed: false,
    request: (command: string) => {
      asked.push(command);
      if (command === 'restart') return new Promise((r) => (ack = () => r({ success: true })));
      return Promise.resolve({ success: true, body: { stackFrames: [{ id: 1000, name: 'main.main', line: 84, column: 0, source: { path: '/x/main.go' } }], totalFrames: 1 } });
    },
  };
  const onEvent = (e: object) => (s as unknown as { onEvent(e: object): void }).onEvent({ seq: 0, type: 'event', ...e });
  onEvent({ event: 'stopped', body: { reason: 'pause', threadId: 1 } });
  await new Promise((r) => setImmediate(r));
  assert.equal(s.stopCount, 1);
  const restarted = s.restart({ arguments: { request: 'launch' } });
  assert.equal(s.restarting, true);
  await s.observe({ running: false, moved: true, reason: 'breakpoint', goroutine: 1, by: 'another client' });
  assert.equal(s.stopCount, 1, 'no stop loaded from the look');
  ack();
  await restarted;
  assert.equal(s.restarting, false);
  assert.equal(s.state.status, 'running', "the new process runs, this session's");
  assert.ok(s.runsTarget);
});

test("a stop's scopes are asked of Delve once: the variables pane and the registers share them, until the next stop", async () => {
  const s = new Session('t');
  s.readScopesAtStops();
  const asked: string[] = [];
  // Stands in for Delve's connection: one frame, a Locals and a Registers scope.
  const bodies: Record<string, object> = {
    stackTrace: { stackFrames: [{ id: 1000, name: 'main.main', line: 5, column: 0, source: { path: '/x/main.go' } }], totalFrames: 1 },
    scopes: { scopes: [{ name: 'Locals', variablesReference: 1, expensive: false }, { name: 'Registers', variablesReference: 2, expensive: false }] },
    variables: { variables: [] },
  };
  (s as unknown as { client: unknown }).client = {
    closed: false,
    request: async (command: string) => {
      asked.push(command);
      return { success: true, body: bodies[command] ?? {} };
    },
  };
  const onEvent = (e: object) => (s as unknown as { onEvent(e: object): void }).onEvent({ seq: 0, type: 'event', ...e });
  const stopped = () =>
    new Promise<SessionEvents['stop']>((resolve) => {
      const off = s.events.on('stop', (e) => (off(), resolve(e)));
      onEvent({ event: 'stopped', body: { reason: 'step', threadId: 1 } });
    });
  const first = await stopped();
  await first.scopes;
  await readRegisters(s);
  assert.deepEqual(asked.filter((c) => c === 'scopes'), ['scopes'], 'one scopes request for the stop');
  // The next stop's handles are new: asked again.
  await (await stopped()).scopes;
  await readRegisters(s);
  assert.deepEqual(asked.filter((c) => c === 'scopes'), ['scopes', 'scopes']);
});

test("Go's parser's error is found in what Delve says of an expression, up to its sentence's end", () => {
  assert.equal(goParseError('1:7: expected operand'), '1:7: expected operand');
  assert.equal(goParseError("could not evaluate: 1:3: expected 'EOF', found '.'. Check the name"), "1:3: expected 'EOF', found '.'");
  assert.equal(goParseError('could not find symbol value for x'), undefined);
  assert.equal(goParseError('main.go:12:3: expected operand'), undefined, "a file's position is not the expression's");
});

test("the halt found on joining takes the number the peers give the stop they show, said after it loaded (trial BE: over SSH the word came late: Stop 1 beside the driver's stop 2); a later number of a peer's own stop does not", () => {
  const s = new Session('t');
  const internals = s as unknown as { set(p: object): void; stopNumber: number };
  internals.stopNumber = 1;
  internals.set({ status: 'stopped', stop: { number: 1, reason: 'pause', goroutine: 1, breakpoints: [], found: true } });
  s.peerNumberedStop(4);
  assert.equal(s.state.stop?.number, 1, "a peer's own later stop numbers the next ones, not this");
  const said: string[] = [];
  s.events.on('message', (e) => said.push(e.text));
  s.peerNumberedStop(3, true);
  assert.equal(s.state.stop?.number, 3);
  assert.deepEqual(said, ["Stop 1 is the other gotuis' stop 3: numbered so from here on."], 'the console said Stop 1 already');
  s.peerNumberedStop(2, true);
  assert.equal(s.state.stop?.number, 3, 'never down');
  internals.set({ stop: { number: 4, reason: 'step', goroutine: 1, breakpoints: [] } });
  internals.stopNumber = 4;
  s.peerNumberedStop(6, true);
  assert.equal(s.state.stop?.number, 4, 'a stop of its own keeps its number');
});

test("a refused watchpoint's hint answers Delve's reason: no read-only mode offers -rw, a stack variable's reads offer -w, else the size (new-user trial)", () => {
  assert.match(watchHint('break on read only not supported', 'counter'), /cannot watch reads alone.*:watch -rw counter/);
  assert.doesNotMatch(watchHint('break on read only not supported', 'counter'), /8 bytes/);
  assert.match(watchHint('can not watch stack allocated variable for reads', 'n'), /^Reads of a variable on the stack cannot be watched.*:watch -w n\.$/);
  assert.match(watchHint('variable size not supported', 'o'), /at most 8 bytes/);
});

test("Delve's refusal to attach to a program that has exited says so and how to go on, not to check Delve's flags (new-user trial)", () => {
  const e = attachRefusal('127.0.0.1:2345', 'Failed to attach: Process 26337 has exited with status 0');
  assert.equal(e.message, 'The program Delve at 127.0.0.1:2345 debugs has exited (pid 26337, status 0): there is nothing to attach to.');
  assert.match(e.hint ?? '', /dlv connect 127\.0\.0\.1:2345, then restart/);
  assert.match(attachRefusal('h:1', 'no debugger found').hint ?? '', /dlv dap/);
  assert.match(attachRefusal('h:1', 'something else').hint ?? '', /--accept-multiclient/);
});
