import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcBreakpoint } from '../delve/rpc.js';
import type { Breakpoint } from '../session/state.js';
import { alsoHitLines, HitBook, moreHitsThanStops, processOf } from './hits.js';

const server = (id: number, totalHitCount: number) => ({ id, totalHitCount }) as RpcBreakpoint;
const mine = (id: number, delveId?: number, logMessage?: string): Breakpoint => ({ id, kind: 'line', file: '/m.go', line: id, verified: true, ...(delveId !== undefined ? { delveId } : {}), ...(logMessage ? { logMessage } : {}) });

test("hit counts: Delve's, plus logpoint lines since; a breakpoint Delve recreated keeps what it had counted", () => {
  const book = new HitBook();
  assert.equal(book.hits(1), undefined, 'unknown until Delve says');
  book.record([mine(1, 10), mine(2)], [server(10, 3)]);
  assert.equal(book.hits(1), 3);
  assert.equal(book.hits(2), undefined, 'not in Delve');
  // A logpoint counts its lines between stops; Delve's count replaces them at the next read.
  const lp = mine(3, 11, 'x={x}');
  book.record([lp], [server(11, 5)]);
  book.logpointHit(lp);
  book.logpointHit(lp);
  assert.equal(book.hits(3), 7);
  book.record([lp], [server(11, 8)]);
  assert.equal(book.hits(3), 8);
  // Disabled and enabled again: a new Delve id counting from 0 on top of the 3 seen.
  assert.equal(book.sinceEnabled(1), undefined, 'Delve has counted all of them');
  book.record([mine(1, 12)], [server(12, 1)]);
  assert.equal(book.hits(1), 4);
  assert.equal(book.sinceEnabled(1), 1, "Delve's own count, which a hit condition counts");
  // Set again before any hit: nothing counted before, so Delve's count is the total.
  book.record([mine(4, 13)], [server(13, 0)]);
  book.record([mine(4, 14)], [server(14, 0)]);
  assert.equal(book.sinceEnabled(4), undefined);
  assert.equal(book.hits(4), 0);
});

const inPid = (id: number, totalHitCount: number, pid?: number) => ({ id, totalHitCount, ...(pid !== undefined ? { addrpid: [pid] } : {}) }) as RpcBreakpoint;

test('hit counts after a restart are Delve\'s since it, with no "since enabled": this session\'s restart, or a new pid (another client\'s)', () => {
  const book = new HitBook();
  book.record([mine(1, 10)], [inPid(10, 2, 100)], { restarts: 0, pid: 100 });
  assert.equal(book.hits(1), 2);
  // :restart: Delve sets it again under a new id, and counts from 0; the list read as the new process exited names no pid.
  book.record([mine(1, 11)], [inPid(11, 0)], { restarts: 1 });
  assert.equal(book.hits(1), 0);
  assert.equal(book.sinceEnabled(1), undefined);
  book.record([mine(1, 11)], [inPid(11, 1, 101)], { restarts: 1, pid: 101 });
  assert.equal(book.hits(1), 1);
  assert.equal(book.sinceEnabled(1), undefined);
  // Another client's restart: the same session restarts, another pid.
  book.record([mine(1, 12)], [inPid(12, 1, 102)], { restarts: 1, pid: 102 });
  assert.deepEqual([book.hits(1), book.sinceEnabled(1)], [1, undefined]);
  // Disabled and enabled in that process: counted on, and said since when.
  book.record([mine(1, 13)], [inPid(13, 1, 102)], { restarts: 1, pid: 102 });
  assert.deepEqual([book.hits(1), book.sinceEnabled(1)], [2, 1]);
  // An exited process's list (no pid) is the same process as the last one known.
  book.record([mine(1, 13)], [inPid(13, 1)], { restarts: 1 });
  assert.deepEqual([book.hits(1), book.sinceEnabled(1)], [2, 1]);
  assert.equal(processOf([inPid(5, 0), inPid(6, 0, 77)]), 77);
  assert.equal(processOf([inPid(5, 0)]), undefined);
});

test("other goroutines at a breakpoint at a stop: a line each, by goroutine; not the stop's own, Delve's internal ones or a logpoint", () => {
  const at = (goroutineID: number, id: number, extra: { continue?: boolean; fn?: string } = {}) => ({
    goroutineID,
    file: '/src/pipeline/main.go',
    line: 60,
    function: extra.fn ? { name: extra.fn } : null,
    breakPoint: { id, continue: extra.continue ?? false },
  });
  const name = (id: number) => (id === 4 ? '#1' : `other#${id}`);
  const lines = alsoHitLines([at(24, 4, { fn: 'main.produce' }), at(23, 4), at(9, 7), at(30, -1), at(31, 5, { continue: true }), { goroutineID: 32, breakPoint: null }, at(0, 4)], 23, name);
  assert.deepEqual(lines, [
    'Goroutine 9 hit other#7 too, at main.go:60: :goroutine 9 shows it (the next run goes on past it).',
    'Goroutine 24 hit #1 too, at main.go:60 in main.produce: :goroutine 24 shows it (the next run goes on past it).',
  ]);
  assert.deepEqual(alsoHitLines([at(23, 4)], 23, name), [], 'the stop itself');
  // A thread a step took past the breakpoint still names it in Delve's State: not said again (trial AZ).
  const past = { ...at(20, 4), pc: 0x4bed4f, breakPoint: { id: 4, continue: false, addr: 0x4bed4a, addrs: [0x4bed4a] } };
  assert.deepEqual(alsoHitLines([past], 23, name), []);
  assert.equal(alsoHitLines([{ ...past, pc: 0x4bed4a }], 23, name).length, 1);
});

test('more hits than the stop accounts for: one on each breakpoint it stopped at; logpoints and Delve\'s own do not count', () => {
  const list = (...counts: [number, number, boolean?][]) => counts.map(([id, totalHitCount, tracepoint]) => ({ id, totalHitCount, continue: !!tracepoint }) as RpcBreakpoint);
  assert.equal(moreHitsThanStops(list([1, 3], [2, 0]), list([1, 4], [2, 0]), [1]), false, 'the stop\'s own hit');
  assert.equal(moreHitsThanStops(list([1, 3], [2, 0]), list([1, 5], [2, 0]), [1]), true, 'two goroutines at #1');
  assert.equal(moreHitsThanStops(list([1, 3], [2, 0]), list([1, 3], [2, 1]), []), true, 'a step that ended as #2 was hit');
  assert.equal(moreHitsThanStops(list([1, 3], [3, 10, true]), list([1, 4], [3, 90, true], [-1, 2]), [1]), false);
  assert.equal(moreHitsThanStops(undefined, list([1, 1]), [1]), false, 'no list before: counted from 0');
  assert.equal(moreHitsThanStops(list([1, 7]), list([1, 0]), []), false, 'a restart counts from 0');
});
