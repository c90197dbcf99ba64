import type { TestContext } from 'node:test';
import net from 'node:net';
import type { HostPort } from '../../src/transport/address.js';

/**
 * FAULT INJECTOR: a TCP proxy in front of a real Delve whose connections can be cut, as a dropped
 * network would, and which can refuse new ones for a while (a link that stays down), or take them
 * and pass nothing (a hung link: `hang`).
 */
export async function cuttableProxy(t: TestContext, target: HostPort) {
  const pairs = new Set<[net.Socket, net.Socket]>();
  const held = new Set<net.Socket>();
  let hung = false;
  // Stranded: what gotui's end closes never reaches Delve's.
  const silent = new Set<[net.Socket, net.Socket]>();
  const srv = net.createServer((client) => {
    if (hung) {
      held.add(client);
      client.on('error', () => client.destroy()).on('close', () => held.delete(client)).resume();
      return;
    }
    const upstream = net.connect(target);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const end = () => {
      if (silent.has(pair)) return client.destroy();
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  const cut = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
  };
  t.after(() => {
    cut();
    for (const c of held) c.destroy();
    srv.close();
  });
  return {
    port,
    cut,
    /** New connections are taken and answered by nothing until `hang(false)` (those held then close). */
    hang(on = true) {
      hung = on;
      if (!on) for (const c of held) c.destroy();
    },
    /** Cuts and refuses new connections until up(). */
    down: () => new Promise<void>((r) => {
      srv.close(() => r());
      cut();
    }),
    up: () => new Promise<void>((r) => srv.listen(port, '127.0.0.1', r)),
    /**
     * The network goes away under the connections: gotui's ends close, Delve's stay open, as nothing
     * reaches Delve to tell it (a DAP continue on one runs on).
     */
    strand() {
      for (const pair of pairs) {
        silent.add(pair);
        pair[1].unpipe();
        pair[1].on('data', () => undefined).resume();
        pair[0].destroy();
      }
    },
    /** Delve's ends of stranded connections close at last, as its TCP keepalive finds the peer gone. */
    unstrand() {
      for (const pair of silent) {
        pair[1].destroy();
        pairs.delete(pair);
      }
      silent.clear();
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
