import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import { connectTcp } from '../../src/dap/client.js';
import { Session } from '../../src/session/session.js';
import { UserError } from '../../src/errors.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { waitFor } from '../support/delve.js';
import { attachedDemo } from '../support/session.js';

test('a port with nothing listening is one sentence with a hint', async () => {
  const port = await freeLoopbackPort();
  await assert.rejects(connectTcp({ host: '127.0.0.1', port }), (e: unknown) => e instanceof UserError && e.message === `Nothing is listening on 127.0.0.1:${port}.` && /dlv --headless/.test(e.hint ?? ''));
  // [::1] where Delve listens on 127.0.0.1 (as its docs and gotui's hints start it): the IPv4 address to use.
  await assert.rejects(connectTcp({ host: '::1', port }), (e: unknown) => e instanceof UserError && e.message === `Nothing is listening on [::1]:${port}.` && e.hint === `A Delve started with --listen=127.0.0.1:${port} listens on IPv4 only: gotui attach 127.0.0.1:${port}.`);
});

test('a host name that does not resolve points to SSH, where a Host of ~/.ssh/config would be found (ssh://HOST:PORT)', async () => {
  const port = await freeLoopbackPort();
  const err = await connectTcp({ host: 'nosuchhost.invalid', port }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof UserError, String(err));
  assert.equal(err.message, `The host in nosuchhost.invalid:${port} could not be resolved.`);
  assert.match(err.hint ?? '', new RegExp(`goes through SSH as ssh://nosuchhost\\.invalid:${port} \\(its User and HostName apply\\) or user@nosuchhost\\.invalid:${port}\\.$`), err.hint);
});

test("a closed port on another host's address points to SSH: a Delve started as the hint says listens on that host's loopback", async (t) => {
  // This machine's own non-loopback address stands for another host: its closed port refuses the same way.
  const own = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!own) return t.skip('this machine has no non-loopback IPv4 address');
  const port = await freeLoopbackPort();
  const err = await connectTcp({ host: own, port }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof UserError, String(err));
  assert.equal(err.message, `Nothing is listening on ${own}:${port}.`);
  assert.match(err.hint ?? '', new RegExp(`--listen=127\\.0\\.0\\.1:${port} .*then attach through SSH: gotui attach user@${own.replace(/\./g, '\\.')}:${port}$`), err.hint);
});

/** FAULT INJECTOR: a server that is not Delve and answers garbage (or dies mid-reply). */
async function fakeServer(t: import('node:test').TestContext, reply: (sock: net.Socket) => void): Promise<number> {
  const srv = net.createServer(reply);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => srv.close());
  return (srv.address() as net.AddressInfo).port;
}

test('a server that answers garbage is named as not Delve, and nothing hangs', async (t) => {
  const port = await fakeServer(t, (sock) => sock.on('data', () => sock.write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nno')));
  const client = await connectTcp({ host: '127.0.0.1', port });
  const session = new Session('fake');
  await assert.rejects(session.attach(client, { stop: false, version: '?', owned: false }), (e: unknown) => e instanceof UserError && /not speaking DAP: it greets as an HTTP server \("HTTP\/1\.1 400/.test(e.message) && /not Delve\.$/.test(e.message));
  assert.equal(session.state.status, 'disconnected');
});

test('a server that dies mid-reply ends the session with one sentence', async (t) => {
  const port = await fakeServer(t, (sock) => sock.on('data', () => {
    sock.write('Content-Length: 500\r\n\r\n{"seq":1,"type":"resp');
    setTimeout(() => sock.destroy(), 50);
  }));
  const client = await connectTcp({ host: '127.0.0.1', port });
  const session = new Session('fake');
  await assert.rejects(session.attach(client, { stop: false, version: '?', owned: false }), (e: unknown) => e instanceof UserError && /closed the connection/.test(e.message));
  assert.equal(session.state.status, 'disconnected');
});

test('Delve killed mid-session: the session says so and stays usable', async (t) => {
  const { server, session, rec } = await attachedDemo(t, 'orders');
  process.kill(server.dlvPid, 'SIGKILL');
  await waitFor('the session to notice', () => session.state.status === 'disconnected' || undefined);
  const said = rec.console.filter((l) => l.kind === 'error').map((l) => l.text);
  assert.equal(said.length, 1, said.join(' | '));
  assert.match(said[0]!, /closed the connection/);
  await assert.rejects(session.continue(), (e: unknown) => e instanceof UserError);
  await assert.rejects(session.evaluate('1'), (e: unknown) => e instanceof UserError && /Not connected/.test(e.message));
});

test('a header announcing a 100 GB body: refused at the header, the connection closed, nothing buffered', async (t) => {
  let closed = false;
  let sent = 0;
  const port = await fakeServer(t, (sock) => {
    sock.on('close', () => (closed = true));
    sock.on('error', () => undefined);
    sock.on('data', () => {
      sock.write('Content-Length: 100000000000\r\n\r\n');
      // FAULT INJECTOR: then a stream of body bytes that never ends.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        if (closed || sent > 256 * 1024 * 1024) return;
        sent += chunk.length;
        if (sock.write(chunk)) setImmediate(pump);
        else sock.once('drain', pump);
      };
      pump();
    });
  });
  const client = await connectTcp({ host: '127.0.0.1', port });
  const session = new Session('fake');
  await assert.rejects(session.attach(client, { stop: false, version: '?', owned: false }), (e: unknown) => e instanceof UserError && /100000000000 bytes announced/.test(e.message));
  await waitFor('the server to see the connection closed', () => closed || undefined, 5_000);
  assert.ok(sent < 64 * 1024 * 1024, `gotui stopped reading early (the server could send ${sent} bytes)`);
});
