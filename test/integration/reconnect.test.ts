import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { openTarget } from '../../src/app/connect.js';
import type { HostPort } from '../../src/transport/address.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { headlessApp } from '../support/session.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';

/** FAULT INJECTOR: a TCP proxy in front of a real Delve whose connections can be cut, as a dropped network would. */
async function cuttableProxy(t: TestContext, target: HostPort) {
  const pairs = new Set<[net.Socket, net.Socket]>();
  const srv = net.createServer((client) => {
    const upstream = net.connect(target);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    srv.close();
  });
  return {
    port: (srv.address() as net.AddressInfo).port,
    cut() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
    },
    /** The link stays open but nothing passes either way, as a half-dead network or a hung server. */
    freeze() {
      for (const [a, b] of pairs) {
        a.unpipe();
        b.unpipe();
        a.on('data', () => undefined).resume();
        b.on('data', () => undefined).resume();
      }
    },
  };
}

test('a dropped connection is one sentence; :reconnect attaches again to the same multi-client server', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, ended, rec } = headlessApp(conn);
  await app.start();
  assert.ok(await app.run('continue'));
  await waitFor('orders', () => server.output.some((l) => /^order \d+/.test(l)) || undefined);

  proxy.cut();
  await waitFor('the drop to be noticed', () => app.session.state.status === 'disconnected' || undefined);
  const errors = rec.console.filter((l) => l.kind === 'error');
  assert.equal(errors.length, 1, errors.map((e) => e.text).join(' | '));
  assert.match(errors[0]!.text, /closed the connection\. Use :reconnect if the server is still up, or :quit\./);
  assert.equal(await app.run('continue'), false, 'a command fails cleanly while disconnected');

  const version = app.session.state.delveVersion;
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.ok(await app.run('reconnect'));
  assert.equal(app.session.state.status, 'running', 'the target kept running through the drop');
  assert.equal(app.session.state.delveVersion, version, 'the status bar still names the Delve version');
  const since = app.session.stopCount;
  assert.ok(await app.run('break main.process'));
  await waitFor('a stop after reconnecting', () => rec.stops.find((s) => s.number > since && s.frames[0]?.name === 'main.process'), 20_000);
  await app.run('quit -resume');
  assert.equal(ended.code, 0);
  process.kill(server.targetPid!, 0);
});

for (const line of ['quit', 'quit -resume', 'detach']) {
  test(`:${line} against a server that stopped answering ends within about a second, and says so truly`, async (t) => {
    const server = await startDemoServer(t, 'orders');
    const proxy = await cuttableProxy(t, server.address);
    const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
    const { app, ended } = await (async () => {
      const h = headlessApp(conn);
      await h.app.start();
      return h;
    })();
    assert.ok(await app.run('continue'));
    assert.ok(await app.run('break main.process if false'));
    proxy.freeze();
    const t0 = Date.now();
    await app.run(line);
    const took = Date.now() - t0;
    assert.equal(ended.code, 0);
    // Bounded, not timed: the promise is "about a second", whatever the server does.
    assert.ok(took < 3_000, `${line} took ${took} ms`);
    assert.doesNotMatch(ended.message!, /Removed the 1 breakpoint/, 'a removal Delve never confirmed is not claimed');
    assert.match(ended.message!, /Delve did not answer: the 1 breakpoint gotui set may still be there/);
    // What the message says of it, Delve confirms over a connection of its own (not the frozen one);
    // Delve lists breakpoints only while the target is halted.
    const rpc = await DelveRpcClient.connect(server.address);
    t.after(() => rpc.close());
    await rpc.call('Command', { name: 'halt' }, { timeoutMs: 5_000 });
    const { Breakpoints } = await rpc.call<{ Breakpoints: { functionName?: string }[] }>('ListBreakpoints', {}, { timeoutMs: 5_000 });
    assert.ok(Breakpoints.some((b) => b.functionName === 'main.process'), JSON.stringify(Breakpoints));
  });
}
