import { formatHostPort, isLoopback, type HostPort } from '../transport/address.js';
import { RemoteHost } from './host.js';
import { SshConnection } from './ssh.js';
import { remotePortClosed } from './ssh-errors.js';

/**
 * Logs in to `destination` (one multiplexed connection), checks that something listens on Delve's
 * address there, and forwards a loopback port here to it.
 */
export async function openSshTarget(destination: string, delve: HostPort, onProgress: (line: string) => void): Promise<{ remote: RemoteHost; local: HostPort }> {
  onProgress(`Connecting to ${destination} over SSH (for Delve on its ${formatHostPort(delve)})...`);
  const ssh = await SshConnection.open(destination);
  try {
    const remote = new RemoteHost(ssh, delve);
    await checkListening(remote);
    const local = await ssh.forward(delve);
    return { remote, local };
  } catch (err) {
    await ssh.close();
    throw err;
  }
}

/** A closed port there is said as such, with the remote address (a forward to it would just close every connection). */
export async function checkListening(remote: RemoteHost): Promise<void> {
  const report = await remote.report().catch(() => undefined);
  // No /proc there (not Linux), or the script failed: the handshake will tell.
  if (!report || report.noProc) return;
  const { host, port } = remote.delve;
  const wildcard = (a: string) => a === '0.0.0.0' || a === '::';
  const listening = report.listeners.some((l) => l.port === port && (l.address === host || wildcard(l.address) || (host === 'localhost' && isLoopback(l.address))));
  if (!listening) throw remotePortClosed(remote.ssh.destination, formatHostPort(remote.delve));
}
