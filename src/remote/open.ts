import { formatHostPort, isLoopback, type HostPort } from '../transport/address.js';
import { RemoteHost } from './host.js';
import type { ProcReport } from './remote-proc.js';
import { SshConnection } from './ssh.js';
import { remotePortClosed } from './ssh-errors.js';
import { UserError } from '../errors.js';
import type { StartedServer } from '../delve/server.js';
import { describeRemoteDelve, startRemoteDelve } from './remote-delve.js';

/** What to reach on the SSH host: Delve at a port, a Delve found there, or one gotui starts on a pid. */
export type SshRequest = { kind: 'port'; delve: HostPort } | { kind: 'find' } | { kind: 'pid'; pid: number };

export interface SshIo {
  progress(line: string): void;
  /** Asks the user to pick one line; absent (no terminal), several servers are an error naming them. */
  pick?(question: string, choices: string[]): Promise<number>;
  /** The connection is up: what start-up will ask of the host later may start now, beside Delve's checks. */
  opened?(ssh: SshConnection): void;
}

export interface SshTarget {
  remote: RemoteHost;
  /** The forwarded port here. */
  local: HostPort;
  label: string;
  /** The Delve gotui started there (`--pid`): quitting ends it, never the target. */
  server?: StartedServer;
}

/**
 * Logs in to `destination` (one multiplexed connection), finds or starts Delve there, checks that
 * something listens on its address, and forwards a loopback port here to it.
 */
export async function openSshTarget(destination: string, req: SshRequest, io: SshIo): Promise<SshTarget> {
  io.progress(`Connecting to ${destination} over SSH${req.kind === 'port' ? ` (for Delve on its ${formatHostPort(req.delve)})` : ''}...`);
  const ssh = await SshConnection.open(destination);
  io.opened?.(ssh);
  let server: StartedServer | undefined;
  try {
    let delve: HostPort;
    let seen: ProcReport | undefined;
    if (req.kind === 'port') delve = req.delve;
    else if (req.kind === 'find') ({ delve, report: seen } = await findDelve(ssh, destination, io));
    else ({ server, delve } = await startRemoteDelve(ssh, req.pid, io.progress));
    const remote = new RemoteHost(ssh, delve);
    // The report that found Delve says it listens: not read again.
    remote.lastReport = seen;
    if (!server) await checkListening(remote);
    const local = await ssh.forward(delve);
    if (server) server.address = local;
    const label = req.kind === 'pid' ? `${destination} pid ${req.pid} (ssh)` : `${destination}:${delve.port} (ssh)`;
    return { remote, local, label, ...(server ? { server } : {}) };
  } catch (err) {
    await server?.stop();
    await ssh.close();
    throw err;
  }
}

const wildcard = (a: string) => a === '0.0.0.0' || a === '::';

/** The Delve servers listening on the host's loopback (or all its addresses): one is taken, several are picked from. */
async function findDelve(ssh: SshConnection, destination: string, io: SshIo): Promise<{ delve: HostPort; report: ProcReport }> {
  const report = await new RemoteHost(ssh, { host: '127.0.0.1', port: 0 }).report();
  if (report.noProc) throw new UserError(`gotui cannot list the Delve servers on ${ssh.host}: it has no /proc (not Linux).`, `Give Delve's port: gotui attach ${destination}:PORT.`);
  const delves = report.delves.filter((d) => isLoopback(d.address) || wildcard(d.address));
  if (!delves.length) {
    throw new UserError(
      `No headless Delve listens on ${ssh.host}'s loopback (among the processes ${destination} can see).`,
      `Start one there (dlv --headless --listen=127.0.0.1:2345 --accept-multiclient --api-version=2 exec ./bin), or let gotui start it: gotui attach ${destination} --pid PID.`,
    );
  }
  const lines = delves.map(describeRemoteDelve);
  let chosen = 0;
  if (delves.length > 1) {
    if (!io.pick) throw new UserError(`${delves.length} Delve servers listen on ${ssh.host}: ${lines.join('; ')}.`, `Name one by its port: gotui attach ${destination}:PORT.`);
    chosen = await io.pick(`Delve servers on ${ssh.host}:`, lines);
  } else io.progress(`Found one Delve server on ${ssh.host}: ${lines[0]}.`);
  const d = delves[chosen]!;
  return { delve: { host: wildcard(d.address) ? (d.address === '::' ? '::1' : '127.0.0.1') : d.address, port: d.port }, report };
}

/** What listens at Delve's address in a report of the host (a wildcard listener counts). */
export function delveListener(report: ProcReport, { host, port }: HostPort): ProcReport['listeners'][number] | undefined {
  return report.listeners.find((l) => l.port === port && (l.address === host || wildcard(l.address) || (host === 'localhost' && isLoopback(l.address))));
}

/** A closed port there is said as such, with the remote address (a forward to it would just close every connection). */
export async function checkListening(remote: RemoteHost): Promise<void> {
  const report = remote.lastReport ?? (await remote.report().catch(() => undefined));
  // No /proc there (not Linux), or the script failed: the handshake will tell.
  if (!report || report.noProc) return;
  const listening = delveListener(report, remote.delve);
  if (!listening) throw remotePortClosed(remote.ssh.destination, formatHostPort(remote.delve));
  remote.seenDelvePid = listening.pid;
}
