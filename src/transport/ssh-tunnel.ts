import net from 'node:net';
import { execa } from 'execa';
import { UserError } from '../errors.js';
import { findOnPath } from '../delve/locate.js';
import { freeLoopbackPort } from './tcp.js';
import type { HostPort } from './address.js';

export interface Tunnel {
  local: HostPort;
  close(): Promise<void>;
}

/**
 * Forwards a loopback port here to HOST:PORT as seen from DESTINATION, through the user's own
 * OpenSSH (their config, keys, jump hosts). The local end binds 127.0.0.1 only.
 */
export async function openSshTunnel(destination: string, remote: HostPort, timeoutMs = 20_000): Promise<Tunnel> {
  if (!findOnPath('ssh')) throw new UserError('ssh is not installed here.', 'Install OpenSSH (apt-get install openssh-client), or forward the port yourself and attach to 127.0.0.1:PORT.');
  const localPort = await freeLoopbackPort();
  const child = execa(
    'ssh',
    ['-N', '-o', 'ExitOnForwardFailure=yes', '-o', 'BatchMode=yes', '-L', `127.0.0.1:${localPort}:${remote.host}:${remote.port}`, '--', destination],
    { reject: false, stdin: 'ignore', buffer: true, detached: true, cleanup: true },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  let exited = false;
  const done = child.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(localPort))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      const said = stderr.trim().split('\n').slice(-2).join(' ');
      throw new UserError(`The SSH tunnel to ${destination} did not come up${said ? `: ${said}` : ''}.`, `Check that 'ssh ${destination}' works without a password prompt (keys or an agent), and that Delve listens on ${remote.host}:${remote.port} there.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    local: { host: '127.0.0.1', port: localPort },
    async close() {
      if (!exited) child.kill('SIGTERM');
      await done;
    },
  };
}


function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
