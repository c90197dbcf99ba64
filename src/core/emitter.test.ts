import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from './emitter.js';

test("listeners subscribed early hear an event first, each group in the order it subscribed; one that throws does not stop the rest", () => {
  const e = new Emitter<{ stop: number }>();
  const heard: string[] = [];
  const failed: string[] = [];
  e.onListenerError = (_err, event) => failed.push(event);
  e.on('stop', () => heard.push('goroutines'));
  e.on('stop', () => heard.push('source'), { early: true });
  e.on('stop', () => {
    throw new Error('boom');
  });
  const off = e.on('stop', () => heard.push('registers'));
  e.on('stop', () => heard.push('paint'), { early: true });
  e.emit('stop', 1);
  assert.deepEqual(heard, ['source', 'paint', 'goroutines', 'registers']);
  assert.deepEqual(failed, ['stop']);
  off();
  heard.length = 0;
  e.emit('stop', 2);
  assert.deepEqual(heard, ['source', 'paint', 'goroutines']);
});
