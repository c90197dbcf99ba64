import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcBreakpoint } from '../delve/rpc.js';
import type { Breakpoint } from '../session/state.js';
import { HitBook } from './hits.js';

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
  // Set again (a restart made elsewhere) before any hit: nothing counted before, so Delve's count is the total.
  book.record([mine(4, 13)], [server(13, 0)]);
  book.record([mine(4, 14)], [server(14, 0)]);
  assert.equal(book.sinceEnabled(4), undefined);
  assert.equal(book.hits(4), 0);
});
