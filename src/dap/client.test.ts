import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { DapClient, DapTimeoutError } from './client.js';
import { UserError } from '../errors.js';

test('an unanswered run is said to be queued in Delve (sending it again would run twice); an unanswered read can be tried again', async (t) => {
  // FAULT INJECTOR: a server that accepts and never answers (Delve stopped with SIGSTOP).
  const silent = net.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  t.after(() => silent.close());
  const socket = net.connect((silent.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const client = new DapClient(socket, '127.0.0.1:1');
  t.after(() => client.close());
  await assert.rejects(client.request('next', {}, 50), (e: unknown) => e instanceof DapTimeoutError && e.command === 'next' && /^Delve did not answer 'next' within 50 ms: Delve itself is not responding, and may still carry it out/.test(e.message) && /would run twice/.test(e.hint ?? ''));
  await assert.rejects(client.request('threads', {}, 50), (e: unknown) => e instanceof UserError && /Delve \(or the link to it\) is not responding\.$/.test(e.message) && /Try again/.test(e.hint ?? ''));
});
