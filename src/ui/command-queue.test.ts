import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../core/emitter.js';
import type { Session } from '../session/session.js';
import { CommandQueue } from './command-queue.js';

/** What the queue reads of a session: its events and stop count; a step runs until `stop()`. */
function fakeSession() {
  const events = new Emitter<{ resuming: { by: string }; resumed: { by: string } }>();
  let stops = 0;
  const waiters: (() => void)[] = [];
  const session = {
    events,
    get stopCount() {
      return stops;
    },
    state: {},
    subscribe: () => () => undefined,
    waitForStop: () => new Promise<void>((r) => waiters.push(r)),
  };
  return {
    session: session as unknown as Session,
    stop() {
      stops++;
      for (const w of waiters.splice(0)) w();
    },
    events,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

/** A queue whose lines are recorded in `done`, `next` a step that runs until `f.stop()`. */
function steppingQueue() {
  const f = fakeSession();
  const done: string[] = [];
  const queue = new CommandQueue(f.session, async (line) => {
    done.push(line);
    if (line === 'next') f.events.emit('resuming', { by: 'step' });
    return true;
  });
  return { f, done, queue };
}

test('keys typed among lines act in the order typed: n j n moves the cursor between the two steps, not after both', async () => {
  const { f, done, queue } = steppingQueue();
  void queue.submit('next');
  assert.ok(queue.afterLines(() => done.push('j')), 'j waits: a step is on its way');
  void queue.submit('next');
  await tick();
  assert.deepEqual(done, ['next'], 'the first step waits for its stop');
  f.stop();
  await tick();
  assert.deepEqual(done, ['next', 'j', 'next'], 'j acted at the first stop, then the second step ran');
  f.stop();
  await tick();
  assert.equal(queue.afterLines(() => done.push('k')), false, 'nothing on its way: a key acts now');
});

test('a key that waited and runs a line (n held down) runs it before what was typed after it', async () => {
  const { f, done, queue } = steppingQueue();
  void queue.submit('next');
  queue.afterLines(() => queue.submit('next'));
  queue.afterLines(() => done.push('j'));
  await tick();
  f.stop();
  await tick();
  assert.deepEqual(done, ['next', 'next'], 'the waiting n stepped; j waits for its stop');
  assert.ok(queue.afterLines(() => done.push('k')), 'a key pressed during that step (n held down) waits for it too');
  f.stop();
  await tick();
  assert.deepEqual(done, ['next', 'next', 'j', 'k']);
});

test('p typed with a step (n p) is asked again once the step runs, not refused at the stop being left', async () => {
  const f = fakeSession();
  const queue = new CommandQueue(f.session, async () => (f.events.emit('resuming', { by: 'step' }), true));
  let asked = 0;
  assert.equal(queue.whenRunning(() => asked++), false, 'nothing on its way: p is answered now');
  void queue.submit('next');
  assert.ok(queue.whenRunning(() => asked++));
  await tick();
  assert.equal(asked, 0);
  f.events.emit('resumed', { by: 'step' });
  assert.equal(asked, 1, 'asked again as the target runs');
  f.events.emit('resumed', { by: 'step' });
  assert.equal(asked, 1, 'once');
  f.stop();
  await tick();
  void queue.submit('next');
  assert.ok(queue.whenRunning(() => asked++));
  await tick();
  f.stop();
  await tick();
  assert.equal(asked, 2, 'a step that stopped before Delve said it runs: asked again at the end (and refused then, as stopped)');
});

test('a key waits for the lines before it only so long: a Delve that answers nothing holds no key for ever', async () => {
  const f = fakeSession();
  const queue = new CommandQueue(f.session, () => new Promise<boolean>(() => undefined), 30);
  void queue.submit('print x');
  let acted = false;
  assert.ok(queue.afterLines(() => (acted = true)));
  await tick();
  assert.equal(acted, false);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(acted, true);
});

test("a key that runs the target (n of n n n) waits past the lines' own wait until the target has stopped: a stop slower than 2 s (20,000 goroutines) drops no step (trial V)", async () => {
  const listeners = new Set<() => void>();
  const state = { status: 'stopped' };
  const session = {
    events: new Emitter<{ resuming: { by: string }; resumed: { by: string } }>(),
    stopCount: 0,
    state,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    // The step's stop does not come within the lines' wait: it gives up at once here.
    waitForStop: () => Promise.resolve('timeout'),
  } as unknown as Session;
  const done: string[] = [];
  const queue = new CommandQueue(session, async (line) => {
    done.push(line);
    state.status = 'running';
    session.events.emit('resuming', { by: 'step' });
    return true;
  });
  void queue.submit('next');
  let acted = false;
  assert.ok(queue.afterLines(() => (acted = true), { untilStopped: true }));
  await tick();
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(acted, false, 'the lines are done, the target still runs: the n waits');
  state.status = 'stopped';
  for (const l of listeners) l();
  await tick();
  assert.equal(acted, true, 'it acts at the stop');
  assert.equal(listeners.size, 0, 'and stops listening');
});
