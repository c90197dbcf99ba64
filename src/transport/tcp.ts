import net from 'node:net';
import { UserError } from '../errors.js';
import { formatHostPort, isLoopback, type HostPort } from './address.js';

/** Opens a TCP connection, turning the usual failures into one sentence and a hint. */
export function openTcp(addr: HostPort, timeoutMs = 5_000): Promise<net.Socket> {
  const shown = formatHostPort(addr);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: addr.host, port: addr.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new UserError(`Nothing answered at ${shown} within ${timeoutMs / 1000}s.`, 'Check the address, or a firewall in between.'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(connectError(err, shown, addr));
    });
  });
}

function connectError(err: NodeJS.ErrnoException, shown: string, addr: HostPort): UserError {
  const port = addr.port;
  switch (err.code) {
    case 'ECONNREFUSED':
      // A Delve started as the hint says listens on that host's loopback: from here, only SSH reaches it.
      if (!isLoopback(addr.host)) return new UserError(`Nothing is listening on ${shown}.`, `Start Delve on that host with: dlv --headless --listen=127.0.0.1:${port} --accept-multiclient --api-version=2 exec ./yourbin, then attach through SSH: gotui attach user@${addr.host}:${port}`);
      // Delve's --listen=127.0.0.1:PORT (as this hint and Delve's docs write it) is IPv4 only.
      if (addr.host === '::1') return new UserError(`Nothing is listening on ${shown}.`, `A Delve started with --listen=127.0.0.1:${port} listens on IPv4 only: gotui attach 127.0.0.1:${port}.`);
      return new UserError(`Nothing is listening on ${shown}.`, `Start Delve there with: dlv --headless --listen=127.0.0.1:${port} --accept-multiclient --api-version=2 exec ./yourbin`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`The host in ${shown} could not be resolved.`, `Check the spelling, or use an IP address; a host from ~/.ssh/config goes through SSH as ssh://${shown} (its User and HostName apply) or user@${shown}.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new UserError(`${shown} cannot be reached from here.`, 'Use user@host:PORT to go through SSH instead.');
    default:
      return new UserError(`Could not connect to ${shown}: ${err.message}.`);
  }
}

/** A port free on 127.0.0.1 right now (bound and released), for a listener of ours or a tunnel's. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
