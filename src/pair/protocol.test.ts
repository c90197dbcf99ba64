import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvent } from './protocol.js';

test("a peer's breakpoint numbers are taken only when there is one for each place it names", () => {
  assert.deepEqual(readEvent({ k: 'breakpoints', text: 'set a breakpoint at main.go:5', set: ['/s/main.go:5'], ids: [1] }), { k: 'breakpoints', text: 'set a breakpoint at main.go:5', set: ['/s/main.go:5'], ids: [1] });
  // A place dropped as malformed would shift every number after it onto the wrong breakpoint.
  assert.deepEqual(readEvent({ k: 'breakpoints', text: 'x', set: [42, '/s/main.go:5'], ids: [1, 2] }), { k: 'breakpoints', text: 'x', set: ['/s/main.go:5'] });
  assert.deepEqual(readEvent({ k: 'breakpoints', text: 'x', set: ['/s/a.go:1'], ids: [0] }), { k: 'breakpoints', text: 'x', set: ['/s/a.go:1'] });
  assert.deepEqual(readEvent({ k: 'own', set: ['/s/a.go:1', '/s/b.go:2'], ids: [3, 4] }), { k: 'own', set: ['/s/a.go:1', '/s/b.go:2'], ids: [3, 4] });
  assert.equal(readEvent({ k: 'own', set: ['/s/a.go:1'], ids: [] }), undefined);
  assert.equal(readEvent({ k: 'own', set: ['/s/a.go:1'] }), undefined);
});

test("a peer's run says how it runs the target, a restart among them; an unknown how is dropped", () => {
  assert.deepEqual(readEvent({ k: 'resumed', how: 'restart' }), { k: 'resumed', how: 'restart' });
  assert.deepEqual(readEvent({ k: 'resumed', how: 'step' }), { k: 'resumed', how: 'step' });
  assert.equal(readEvent({ k: 'resumed', how: 'rewind' }), undefined);
});

test("a peer's stop names the gotui it paused for, when it did (a name, or nothing)", () => {
  assert.deepEqual(readEvent({ k: 'stopped', reason: 'pause', where: 'orders/main.go:80', n: 3, for: 'bob' }), { k: 'stopped', reason: 'pause', where: 'orders/main.go:80', n: 3, for: 'bob' });
  assert.deepEqual(readEvent({ k: 'stopped', reason: 'pause', for: 7 }), { k: 'stopped', reason: 'pause' });
});

test("a peer's number for the stop it shows: a positive whole number, else nothing", () => {
  assert.deepEqual(readEvent({ k: 'numbered', n: 7 }), { k: 'numbered', n: 7 });
  assert.deepEqual(readEvent({ k: 'numbered', n: 7, shown: true }), { k: 'numbered', n: 7, shown: true });
  assert.deepEqual(readEvent({ k: 'numbered', n: 7, shown: 'yes' }), { k: 'numbered', n: 7 }, 'only true is true');
  for (const n of [0, -2, 1.5, '7', undefined, 2 ** 60]) assert.equal(readEvent({ k: 'numbered', n }), undefined, String(n));
});

test('a halt handed on says how its leaver found the target, when it says one of the two words', () => {
  assert.deepEqual(readEvent({ k: 'left-halted', found: 'running' }), { k: 'left-halted', found: 'running' });
  assert.deepEqual(readEvent({ k: 'left-halted', found: 'sideways' }), { k: 'left-halted' });
  assert.deepEqual(readEvent({ k: 'left-halted' }), { k: 'left-halted' });
});

test("a peer's step cut short says what became of it and at which stop; an older gotui's word (no how) is Delve keeping it", () => {
  assert.deepEqual(readEvent({ k: 'cut', n: 6, how: 'ended' }), { k: 'cut', n: 6, how: 'ended' });
  assert.deepEqual(readEvent({ k: 'cut', n: 6, how: 'dropped' }), { k: 'cut', n: 6, how: 'dropped' });
  assert.deepEqual(readEvent({ k: 'cut' }), { k: 'cut', how: 'kept' });
  assert.deepEqual(readEvent({ k: 'cut', n: 'x', how: 'rewound' }), { k: 'cut', how: 'kept' });
});
