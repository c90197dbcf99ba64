import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcGoroutine, RpcVariable } from '../delve/rpc.js';
import { formatChannel, pointerInside, receiveOrder, selectSides, splitWaiters } from './channel.js';

const v = (kind: number, extra: Partial<RpcVariable> = {}): RpcVariable => ({ name: '', type: '', value: '', unreadable: '', children: null, kind, ...extra });

test('a buffered channel receives from recvx, qcount elements, wrapping', () => {
  assert.deepEqual(receiveOrder(['a', 'b', 'c', 'd'], 2, 3), ['c', 'd', 'a']);
  assert.deepEqual(receiveOrder(['a', 'b', 'c', 'd'], 0, 4), ['a', 'b', 'c', 'd']);
  assert.deepEqual(receiveOrder([], 0, 0), []);
});

test("a sudog's channel: *hchan before Go 1.26, maybeTraceableChan{maybeTraceablePtr{vp}} since", () => {
  assert.equal(pointerInside(v(22, { children: [v(25, { addr: 0xc000100000 })] })), 0xc000100000);
  const go126 = v(25, { children: [v(25, { children: [v(26, { value: String(0xc000200000), children: [v(0, { addr: 0xc000200000 })] }), v(7, { value: '1' })] })] });
  assert.equal(pointerInside(go126), 0xc000200000);
  assert.equal(pointerInside(v(22, { value: '0', children: [] })), undefined, 'nil');
});

test(':print CH in words: counters, buffer next-out first, senders and receivers apart', () => {
  const g = (id: number, reason: number, fn: string): RpcGoroutine => ({ id, waitReason: reason, userCurrentLoc: { pc: 0, file: '/src/main.go', line: 60, function: { name: fn } } }) as RpcGoroutine;
  const text = (n: number) => (n === 20 ? 'chan send' : n === 19 ? 'chan receive' : 'select');
  const w = splitWaiters([g(7, 20, 'main.produce'), g(9, 18, 'main.loop'), g(8, 20, 'main.produce')], text);
  assert.deepEqual(w.senders.map((x) => x.id), [7, 8]);
  assert.deepEqual(w.selecting.map((x) => x.id), [9]);
  assert.equal(
    formatChannel({ expr: 'q', type: 'chan main.Job', len: 2, cap: 4, closed: false, buffer: ['main.Job {ID: 1}', 'main.Job {ID: 2}'], ...w }),
    [
      'q = chan main.Job, len 2, cap 4, open',
      'Buffer, next out first:',
      '  0: main.Job {ID: 1}',
      '  1: main.Job {ID: 2}',
      'Waiting to send (2):',
      '  Goroutine 7 at main.go:60 main.produce [chan send]',
      '  Goroutine 8 at main.go:60 main.produce [chan send]',
      'Waiting to receive: none',
      'Waiting in a select (1):',
      '  Goroutine 9 at main.go:60 main.loop [select]',
    ].join('\n'),
  );
});

test("a select's waiters go on the side the channel's queues hold them (trial BZ); one in neither stays a select's", () => {
  const w = (id: number, reason: string) => ({ id, where: 'main.go:9 main.f', reason });
  const split = selectSides({ senders: [w(3, 'chan send')], receivers: [], selecting: [w(2, 'select'), w(5, 'select'), w(7, 'select')] }, new Set([2]), new Set([5]));
  assert.deepEqual([split.senders.map((x) => x.id), split.receivers.map((x) => x.id), split.selecting.map((x) => x.id)], [[2, 3], [5], [7]]);
});
