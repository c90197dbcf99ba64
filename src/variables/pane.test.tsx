import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { renderPane } from '../../test/support/render-pane.js';
import { VariablesModel } from './model.js';
import { variablesFeature } from './feature.js';
import { shortTypes } from './pane.js';
import type { SessionEvents, SessionState, Variable } from '../session/state.js';

/** As the session announces a stop: in the stopped state, at that stop, then the event. */
function announce(session: Session, e: SessionEvents['stop']): void {
  (session as unknown as { set(patch: Partial<SessionState>): void }).set({ status: 'stopped', stop: e.stop, selection: e.selection });
  session.events.emit('stop', e);
}


/** A variables model that heard a stop in `fn` (frame 0) whose locals are `variables`. */
async function stoppedWithLocals(fn: string, variables: Variable[]): Promise<VariablesModel> {
  const session = new Session('t');
  const model = new VariablesModel(session);
  model.setViewport(6);
  const frame = { id: 1, index: 0, name: fn, file: '/x/main.go', line: 3 };
  announce(session, {
    stop: { number: 1, reason: 'step', goroutine: 1, breakpoints: [] },
    selection: { goroutine: 1, frame, top: frame, chosen: false },
    frames: { goroutine: 1, start: 0, frames: [frame], total: 1, complete: true },
    scopes: Promise.resolve([{ name: 'Locals', ref: 1, variables }]),
  });
  await new Promise((r) => setImmediate(r));
  return model;
}

test('variables: a tree with types and values, the cursor position in the title, a value cut to the width', async () => {
  const model = await stoppedWithLocals('main.process', [{ name: 'n', value: '4', type: 'int', ref: 0 }, { name: 's', value: `[]int len: 1000, cap: 1000, [${'1,'.repeat(200)}...]`, type: '[]int', ref: 7, indexed: 1000 }]);
  const lines = renderPane(variablesFeature, model, { width: 50, height: 6 });
  assert.match(lines[0]!, /Variables · main\.process \(frame 0\) · 1\/2/);
  assert.match(lines[1]!, /│  n int = 4 +│/);
  assert.match(lines[2]!, /^│▸ s \[\]int = \[\]int len: 1000, cap: 1000, \[1,1,[1,]*…│$/);
});

test('variables: a frame of an optimized function says so in the title, as the dlv CLI warns at such a stop', async () => {
  const session = new Session('t');
  const model = new VariablesModel(session);
  model.setViewport(6);
  const frame = { id: 1, index: 0, name: 'main.process', file: '/x/main.go', line: 3 };
  const stop = (scope: string, n: number) => announce(session, {
    stop: { number: n, reason: 'step', goroutine: 1, breakpoints: [] },
    selection: { goroutine: 1, frame, top: frame, chosen: false },
    frames: { goroutine: 1, start: 0, frames: [frame], total: 1, complete: true },
    scopes: Promise.resolve([{ name: scope, ref: 1, variables: [{ name: 'n', value: '(unreadable could not find loclist entry at 0x4a5b8c for address 0x4a5b8c)', type: 'int', ref: 0 }] }]),
  });
  stop('Locals (warning: optimized function)', 1);
  await new Promise((r) => setImmediate(r));
  assert.match(renderPane(variablesFeature, model, { width: 120, height: 6 })[0]!, /Variables · main\.process \(frame 0\) · 1\/1 · optimized function: values may be unreadable or stale/);
  // Where the warning and the frame's name do not both fit (the right column at 200x50), the warning says one word: the frame's name stays whole.
  assert.match(renderPane(variablesFeature, model, { width: 60, height: 6 })[0]!, /Variables · main\.process \(frame 0\) · 1\/1 · optimized /);
  stop('Locals', 2);
  await new Promise((r) => setImmediate(r));
  assert.doesNotMatch(renderPane(variablesFeature, model, { width: 120, height: 6 })[0]!, /optimized/);
});

test("variables: at a new stop the last stop's values are dimmed and named for their stop until the new ones come", async () => {
  const session = new Session('t');
  const model = new VariablesModel(session);
  model.setViewport(6);
  const frame = { id: 1, index: 0, name: 'main.process', file: '/x/main.go', line: 3 };
  const locals = (n: string) => [{ name: 'Locals', ref: 1, variables: [{ name: 'n', value: n, type: 'int', ref: 0 }] }];
  const stop = (number: number, scopes: Promise<ReturnType<typeof locals>>) => {
    announce(session, { stop: { number, reason: 'step', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame, top: frame, chosen: false }, frames: { goroutine: 1, start: 0, frames: [frame], total: 1, complete: true }, scopes });
  };
  stop(1, Promise.resolve(locals('4')));
  await new Promise((r) => setImmediate(r));
  let lines = renderPane(variablesFeature, model, { width: 90, height: 6 });
  assert.doesNotMatch(lines[0]!, /from stop/);
  let answer!: (s: ReturnType<typeof locals>) => void;
  stop(2, new Promise((r) => (answer = r)));
  lines = renderPane(variablesFeature, model, { width: 90, height: 6 });
  assert.match(lines[0]!, /from stop 1/, 'the values shown are stop 1\'s');
  assert.match(lines[1]!, /n int = 4/);
  answer(locals('5'));
  await new Promise((r) => setImmediate(r));
  lines = renderPane(variablesFeature, model, { width: 90, height: 6 });
  assert.doesNotMatch(lines[0]!, /from stop/);
  assert.match(lines[1]!, /n int = 5/);
  // A step typed ahead ran before this stop's values were read: Delve's refusal is no "no variables".
  stop(3, new Promise((r) => (answer = r)));
  (session as unknown as { set(patch: Partial<SessionState>): void }).set({ status: 'running' });
  answer([]);
  await new Promise((r) => setImmediate(r));
  lines = renderPane(variablesFeature, model, { width: 90, height: 6 });
  assert.match(lines[0]!, /from stop 2/);
  assert.match(lines[1]!, /n int = 5/);
});

test('variables at 80x24: a type gives way when that lets the value show whole (a map entry), and stays where the value is cut anyway', async () => {
  const model = await stoppedWithLocals('main.restock', [{ name: '"east-00"', value: '9', type: 'string: int', ref: 0 }, { name: 'n', value: '4', type: 'int', ref: 0 }, { name: 'note', value: `"${'x'.repeat(60)}"`, type: 'string', ref: 0 }, { name: 'tot', value: '18.20003', type: 'float64', ref: 0 }]);
  const lines = renderPane(variablesFeature, model, { width: 20, height: 7 });
  assert.match(lines[1]!, /^│  "east-00" = 9 +│$/);
  assert.match(lines[2]!, /^│  n int = 4 +│$/);
  assert.match(lines[3]!, /^│  note string = ".*…│$/);
  // A type given way leaves a mark (trials Z, AA, AB read the row as typeless).
  assert.match(lines[4]!, /^│  tot … = 18\.20003│$/);
});

test("variables at 80x24: a module's types by their package's name, so a struct's value shows (trial X: only `*example.com/shop/cart.Cart…`)", async () => {
  assert.equal(shortTypes('*example.com/shop/cart.Cart'), '*cart.Cart');
  assert.equal(shortTypes('map[string]*example.com/shop/cart.Item'), 'map[string]*cart.Item');
  assert.equal(shortTypes('[]github.com/a-b/c.v2/d.T'), '[]d.T');
  assert.equal(shortTypes('main.Order'), 'main.Order');
  assert.equal(shortTypes('internal/sync.Mutex'), 'internal/sync.Mutex');
  assert.equal(shortTypes('*internal/runtime/atomic.Uint32'), '*internal/runtime/atomic.Uint32');
  assert.equal(shortTypes('golang.org/x/net/internal/socket.Conn'), 'internal/socket.Conn');
  assert.equal(shortTypes('func(example.com/x/y.A) example.com/x/z.B'), 'func(y.A) z.B');
  const model = await stoppedWithLocals('main.main', [{ name: 'c', value: '*example.com/shop/cart.Cart {Owner: "ana", Items: []example.com/shop/cart.Item len: 2, cap: 2, [...]}', type: '*example.com/shop/cart.Cart', ref: 3 }]);
  const lines = renderPane(variablesFeature, model, { width: 36, height: 4 });
  assert.match(lines[1]!, /^│▸ c = \*cart\.Cart \{Owner: "ana", .*…│$/);
});
