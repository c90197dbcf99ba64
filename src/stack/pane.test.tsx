import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { renderPane } from '../../test/support/render-pane.js';
import { StackModel } from './model.js';
import { stackFeature } from './feature.js';

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
  assert.ok(lines.some((l) => /No frames yet: the Go runtime has not started \(n or c runs it\)\./.test(l)), lines.join('\n'));
  assert.match(lines[0]!, /^┌─ 1 Stack ─+┐$/, 'no goroutine named in the title: there is none yet');
  // A core of a program that is not Go (or the wrong BIN): nothing runs, so no advice to run it.
  const core = renderPane(stackFeature, model, { width: 80, height: 5, session: { status: 'stopped', postMortem: true, stop: { number: 1, reason: 'core file', goroutine: 1, breakpoints: [] } } });
  assert.ok(core.some((l) => /No frames: no Go runtime in this core\./.test(l)), core.join('\n'));
});

test('narrow (80x24 gives the pane 32 columns), the function name is cut, never the file and line', () => {
  const session = new Session('t');
  const model = new StackModel(session);
  model.setViewport(6);
  const frames = [
    { id: 1, index: 0, name: 'main.applyDiscount', file: '/x/orders/main.go', line: 127 },
    { id: 2, index: 1, name: 'runtime.goexit', file: '/go/src/runtime/asm_amd64.s', line: 1700 },
  ];
  session.events.emit('stop', { stop: { number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame: frames[0]!, top: frames[0]!, chosen: false }, frames: { goroutine: 1, start: 0, frames, total: 2, complete: true }, scopes: Promise.resolve([]) });
  const lines = renderPane(stackFeature, model, { width: 34, height: 6 });
  assert.ok(lines.some((l) => /▶ 0 main\.applyDisc…  main\.go:127│/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /1 runtime\.g…  asm_amd64\.s:1700│/.test(l)), lines.join('\n'));
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
