import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { renderPane } from '../../test/support/render-pane.js';
import { StackModel } from './model.js';
import { stackFeature } from './feature.js';
import { fitFuncName } from '../session/frame-names.js';

test('the stack pane marks the selected frame and says when the stack goes on past what is loaded', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  model.setViewport(6);
  const frames = Array.from({ length: 64 }, (_, i) => ({ id: i + 1, index: i, name: i === 0 ? 'main.descend' : 'main.descend', file: '/x/main.go', line: 100 + i }));
  session.events.emit('stop', { stop: { number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: frames[2]!, top: frames[0]!, chosen: false }, frames: { goroutine: 1, start: 0, frames, total: 114, complete: false }, scopes: Promise.resolve([]) });
  const lines = renderPane(stackFeature, model, { width: 60, height: 8 });
  // The cursor's frame among those loaded, and that there are more.
  assert.match(lines[0]!, /Stack · goroutine 1 · 3\/64\+ frames/);
  assert.ok(lines.some((l) => /▶ 2 main\.descend\s+main\.go:102/.test(l)), lines.join('\n'));
});

test('80x24 (the pane 34 wide), a goroutine of five digits: the title says `3/5`, the place whole, not `3/5 fram…`', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  model.setViewport(6);
  const frames = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, index: i, name: 'main.work', file: '/x/main.go', line: 10 + i }));
  session.events.emit('stop', { stop: { number: 1, reason: 'pause', goroutine: 30028, breakpoints: [] }, selection: { goroutine: 30028, frame: frames[2]!, top: frames[0]!, chosen: false }, frames: { goroutine: 30028, start: 0, frames, total: 5, complete: true }, scopes: Promise.resolve([]) });
  // The cursor on the frame shown (2), as after a pause.
  assert.equal(renderPane(stackFeature, model, { width: 34, height: 8 })[0], '┌─ 1 Stack · g 30028 · 3/5 ──────┐');
  // Where it fits, the count is said in full.
  assert.equal(renderPane(stackFeature, model, { width: 35, height: 8 })[0], '┌─ 1 Stack · g 30028 · 3/5 frames ┐');
});

test('while running, the stack is dimmed and titled with its stop', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  const f = { id: 1, index: 0, name: 'main.main', file: '/x/main.go', line: 3 };
  session.events.emit('stop', { stop: { number: 3, reason: 'step', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: f, top: f, chosen: false }, frames: { goroutine: 1, start: 0, frames: [f], total: 1, complete: true }, scopes: Promise.resolve([]) });
  const lines = renderPane(stackFeature, model, { width: 70, height: 5, session: { status: 'running', stop: { number: 3, reason: 'step', goroutine: 1, breakpoints: [] } } });
  assert.match(lines[0]!, /from stop 3/);
});

test('halted at its entry (goroutine 1 a placeholder with no frames), the pane says why it is empty', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  session.events.emit('stop', { stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, chosen: false }, frames: { goroutine: 1, start: 0, frames: [], total: 0, complete: true }, scopes: Promise.resolve([]) });
  const lines = renderPane(stackFeature, model, { width: 80, height: 5, session: { status: 'stopped', stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] } } });
  assert.ok(lines.some((l) => /No frames yet: the Go runtime has not started \(c runs it\)\./.test(l)), lines.join('\n'));
  assert.match(lines[0]!, /^┌─ 1 Stack ─+┐$/, 'no goroutine named in the title: there is none yet');
  // A core of a program that is not Go (or the wrong BIN): nothing runs, so no advice to run it.
  const core = renderPane(stackFeature, model, { width: 80, height: 5, session: { status: 'stopped', postMortem: true, stop: { number: 1, reason: 'core file', goroutine: 1, breakpoints: [] } } });
  assert.ok(core.some((l) => /No frames: no Go runtime in this core\./.test(l)), core.join('\n'));
  // At 80x24 (a 32-column pane) the sentence wraps, as the Source and Goroutines panes' do (trial BV: cut at `h…`).
  const narrow = renderPane(stackFeature, model, { width: 32, height: 6, session: { status: 'stopped', stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] } } });
  const said = narrow.slice(1, -1).map((l) => l.slice(1, -1).trim()).join(' ');
  assert.match(said, /No frames yet: the Go runtime has not started \(c runs it\)\./, narrow.join('\n'));
});

test('narrow (80x24 gives the pane 32 columns), every row keeps its file and line whole and cuts the function name, with …', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  model.setViewport(14);
  // A SIGABRT core's and a test binary's frames, as Delve names them.
  const seen: [string, string, number][] = [
    ['runtime.raise', '/usr/local/go/src/runtime/sys_linux_amd64.s', 154],
    ['runtime.sigfwdgo', '/usr/local/go/src/runtime/signal_unix.go', 1135],
    ['runtime.sighandler', '/usr/local/go/src/runtime/signal_unix.go', 973],
    ['pipeline.TestQueueOrder', '/home/u/pipeline/pipeline_test.go', 42],
    ['runtime.mapassign_faststr', '/usr/local/go/src/runtime/map_faststr.go', 223],
    ['main.applyDiscount', '/x/orders/main.go', 127],
    ['testing.tRunner', '/usr/local/go/src/testing/testing.go', 1792],
    ['syscall.Syscall6', '/usr/local/go/src/syscall/zsyscall_linux_amd64.go', 1234],
    ['runtime.goexit', '/usr/local/go/src/runtime/asm_amd64.s', 1700],
    ['main.(*Queue).Push', '/x/q.go', 9],
    ['main.main.func1', '/x/main.go', 88],
  ];
  const frames = seen.map(([name, file, line], i) => ({ id: i + 1, index: i, name, file, line }));
  session.events.emit('stop', { stop: { number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: frames[0]!, top: frames[0]!, chosen: false }, frames: { goroutine: 1, start: 0, frames, total: frames.length, complete: true }, scopes: Promise.resolve([]) });
  for (const width of [30, 32, 34, 38, 44, 60]) {
    const lines = renderPane(stackFeature, model, { width, height: 14 });
    for (const [i, [name, file, line]] of seen.entries()) {
      const row = lines.find((l) => new RegExp(`^│[▶ ]\\s?${i} `).test(l));
      assert.ok(row, `frame ${i} at ${width}:\n${lines.join('\n')}`);
      const m = /^│[▶ ]\s?\d+ (\S+) {2}(\S+) *│$/.exec(row);
      assert.ok(m, `one name, then the place, at ${width}: ${row}`);
      const place = `${file.split('/').pop()}:${line}`;
      // The place whole; only a file name too long to leave a name beside it loses its start, never the line.
      if (place.length + 8 <= width - 2) assert.equal(m[2], place, `at ${width}: ${row}`);
      else assert.ok(m[2]!.startsWith('…') && place.endsWith(m[2]!.slice(1)) && m[2]!.endsWith(`:${line}`), `at ${width}: ${row}`);
      // The name whole, or an ellipsis and the end of its own part (the package goes first), or that part whole where it just fits.
      const own = name.slice(name.indexOf('.', name.lastIndexOf('/') + 1) + 1);
      assert.ok(m[1] === name || m[1] === own || (m[1]!.startsWith('…') && m[1]!.length >= 2 && name.endsWith(m[1]!.slice(1))), `at ${width}: ${row}`);
    }
  }
  // The rows the trial saw cut at their place, at 80x24.
  const narrow = renderPane(stackFeature, model, { width: 34, height: 14 });
  // runtime.raise: the name alone just fits, whole (trial AS: `…igpanic` read as another word).
  assert.ok(narrow.some((l) => /▶ 0 raise  sys_linux_amd64\.s:154│/.test(l)), narrow.join("\n"));
  assert.ok(narrow.some((l) => / 4 …faststr  map_faststr\.go:223│/.test(l)), narrow.join('\n'));
  assert.ok(narrow.some((l) => / 5 …applyDiscount  main\.go:127 *│/.test(l)), narrow.join('\n'));
});

test('a cut function name keeps its end, which tells frames apart (a trial saw runtime.chanre… twice: chanrecv and chanrecv2)', () => {
  assert.equal(fitFuncName('runtime.chanrecv2', 14), '…chanrecv2');
  assert.equal(fitFuncName('runtime.chanrecv', 14), '…chanrecv');
  assert.equal(fitFuncName('runtime.chanrecv', 16), 'runtime.chanrecv');
  assert.equal(fitFuncName('github.com/acme/svc/internal/q.(*Queue).Push', 16), '…(*Queue).Push');
  assert.equal(fitFuncName('main.(*Queue).Push', 8), '…e).Push');
  assert.equal(fitFuncName('main.main.func1', 12), '…main.func1');
  // The name alone fits where the package does not: whole, not `…igpanic` (trial AS).
  assert.equal(fitFuncName('runtime.sigpanic', 8), 'sigpanic');
  assert.equal(fitFuncName('runtime.sigpanic', 9), '…sigpanic');
  // A generic function's shapes give way before its name does (trial AP: `…ruct { main.Base; … }]`, main.Filter gone).
  const generic = 'main.Filter[go.shape.struct { main.Base; Owner string; Balance float64; Tags []string }]';
  assert.equal(fitFuncName(generic, 40), 'main.Filter[…]');
  assert.equal(fitFuncName(generic, 200), generic);
  assert.equal(fitFuncName('main.(*Cache[go.shape.string,go.shape.int]).Get', 24), 'main.(*Cache[…]).Get');
  assert.equal(fitFuncName('main.(*Cache[go.shape.string,go.shape.int]).Get', 12), '…che[…]).Get');
});

test('G on a deep stack pages to its bottom (pressed twice while a page loads too): the cursor on the last frame, its rows drawn', async () => {
  const session = new Session('t');
  const model = new StackModel(session);
  model.setViewport(6);
  const frame = (i: number) => ({ id: i + 1, index: i, name: i === 197 ? 'runtime.goexit' : 'main.descend', file: '/x/main.go', line: 100 + i });
  // Delve's stackTrace: the count it gives is its default depth added past what it read, until the bottom.
  (session as unknown as { frames: Session['frames'] }).frames = async (goroutine, start, count) => {
    await new Promise((r) => setTimeout(r, 5));
    const frames = Array.from({ length: Math.max(0, Math.min(count, 198 - start)) }, (_, i) => frame(start + i));
    const complete = start + frames.length >= 198;
    return { goroutine, start, frames, total: complete ? 198 : start + frames.length + 50, complete };
  };
  const first = Array.from({ length: 64 }, (_, i) => frame(i));
  session.events.emit('stop', { stop: { number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: first[0]!, top: first[0]!, chosen: false }, frames: { goroutine: 1, start: 0, frames: first, total: 114, complete: false }, scopes: Promise.resolve([]) });
  await new Promise((r) => setTimeout(r, 20));
  model.move(Infinity);
  model.move(Infinity);
  for (let i = 0; i < 100 && (model.get().loading || !model.get().complete); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(model.get().frames.length, 198);
  assert.equal(model.get().cursor.index, 197);
  const lines = renderPane(stackFeature, model, { width: 60, height: 8, focused: true });
  assert.match(lines[0]!, /198\/198 frames/);
  assert.ok(lines.some((l) => /197 runtime\.goexit\s+main\.go:297/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /192 main\.descend\s+main\.go:292/.test(l)), lines.join('\n'));
});

test("a frame of compiler-made code (Delve's DAP gives it no source) says <autogenerated>:LINE, as the dlv CLI does (trial P)", () => {
  const session = new Session('t');
  const model = new StackModel(session);
  const frames = [
    { id: 1, index: 0, name: 'runtime.morestack', file: '/usr/local/go/src/runtime/asm_amd64.s', line: 621 },
    { id: 2, index: 1, name: 'runtime.newstack', line: 1 },
  ];
  session.events.emit('stop', { stop: { number: 1, reason: 'pause', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: frames[0]!, top: frames[0]!, chosen: false }, frames: { goroutine: 1, start: 0, frames, total: 2, complete: true }, scopes: Promise.resolve([]) });
  const lines = renderPane(stackFeature, model, { width: 60, height: 6 });
  assert.ok(lines.some((l) => /1 runtime\.newstack\s+<autogenerated>:1/.test(l)), lines.join('\n'));
});
