import { UserError } from '../errors.js';
import { clean } from '../core/text.js';

/** What went wrong with ssh, so callers can tell a dead link (retry) from a refusal (give up). */
export type SshProblem = 'host-key' | 'auth' | 'no-route' | 'resolve' | 'remote-port' | 'link' | 'other';

export class SshError extends UserError {
  constructor(
    message: string,
    hint: string,
    readonly problem: SshProblem,
  ) {
    super(message, hint);
    this.name = 'SshError';
  }
}

/**
 * One sentence for what ssh printed when it failed, naming the SSH destination (never the local
 * end of a tunnel). ssh runs with BatchMode, so a password or host-key prompt is a failure here.
 */
export function explainSshFailure(stderr: string, destination: string, exitCode?: number | null): SshError {
  const text = stderr.replace(/\r/g, '');
  const last = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning: Permanently added/.test(l) && !/^@+$/.test(l)).slice(-1)[0] ?? '';
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(text)) {
    // ssh names the entry as it keys it ('[127.0.0.1]:2222' for a port, the HostName for an alias): its own command is the one that works.
    const remove = /ssh-keygen -f ("[^"\n]*"|'[^'\n]*'|\S+) -R ("[^"\n]*"|'[^'\n]*'|\S+)/.exec(text);
    const how = remove ? clean(`ssh-keygen -f ${remove[1]} -R ${remove[2]}`) : 'ssh-keygen -R HOST';
    return new SshError(`The host key of ${destination} has changed since you last connected: ssh refused to go on.`, `If the host was reinstalled, remove its old key (${how}) and connect once with ssh ${destination}; otherwise someone may be in the middle.`, 'host-key');
  }
  if (/Host key verification failed|No \S+ host key is known for|host key for .* not known/i.test(text)) {
    return new SshError(`The host key of ${destination} is not known here, and gotui never asks (BatchMode).`, `Connect once with ssh ${destination} to check and accept its key, then start gotui again.`, 'host-key');
  }
  if (/Permission denied \(|Too many authentication failures|no more authentication methods|Authentication failed/i.test(text)) {
    return new SshError(`${destination} refused the login: none of your keys (or your agent's) is accepted there.`, `gotui never asks for a password (BatchMode): check that 'ssh -o BatchMode=yes ${destination} true' works (ssh-copy-id, ssh-add).`, 'auth');
  }
  const resolve = /Could not resolve hostname (\S+?):/.exec(text);
  if (resolve) return new SshError(`The host name ${resolve[1]}${destination.replace(/^[^@]*@/, '') === resolve[1] ? '' : ` (of ${destination})`} could not be resolved.`, 'Check the spelling, ~/.ssh/config, or use an IP address.', 'resolve');
  const connect = /connect to host (\S+) port (\d+): (.+)$/m.exec(text);
  if (connect) {
    const [, host, port, why] = connect;
    const reason = why!.trim().replace(/\.$/, '');
    if (/Connection refused/i.test(reason)) {
      return new SshError(`No SSH server answers on ${host}:${port} (of ${destination}): connection refused.`, 'Check the host and port (Port in ~/.ssh/config), and that sshd runs there.', 'no-route');
    }
    return new SshError(`${host}:${port} (of ${destination}) cannot be reached: ${reason.toLowerCase()}.`, 'Check the network path (VPN, ProxyJump in ~/.ssh/config) and that the host is up.', 'no-route');
  }
  if (/open failed: connect failed|administratively prohibited|stdio forwarding failed/i.test(text)) {
    return new SshError(`${destination} could not open the forwarded connection: ${last}.`, 'Check that the remote port is open there, and that sshd allows TCP forwarding (AllowTcpForwarding).', 'remote-port');
  }
  if (/Connection (?:reset|closed) by|Broken pipe|Timeout, server .* not responding|Connection timed out|kex_exchange_identification/i.test(text)) {
    return new SshError(`The SSH connection to ${destination} dropped: ${last}.`, 'gotui retries by itself; :reconnect retries now.', 'link');
  }
  return new SshError(`ssh to ${destination} failed${last ? `: ${last}` : exitCode != null ? ` (exit code ${exitCode})` : ''}.`, `Check that 'ssh -o BatchMode=yes ${destination} true' works from this shell.`, 'other');
}

/**
 * Why a master ended, from what it printed: a master lives on after one of its forwards fails to
 * open a channel (a pair hub not there yet, a Delve port closed), so those lines are not the reason.
 */
export function explainMasterEnd(stderr: string, destination: string, exitCode?: number | null): SshError {
  return explainSshFailure(stderr.replace(/^channel \d+: open failed.*$/gm, ''), destination, exitCode);
}

/** The remote end of a tunnel is closed: said with the remote address, not the tunnel's local port. */
export function remotePortClosed(destination: string, remote: string): SshError {
  return new SshError(
    `Nothing is listening on ${remote} on ${destination} (the SSH connection is up; the port there is closed).`,
    // A Host alias without user@ reads as a cleartext address to gotui: its listing goes through ssh:// (trial L).
    `Start Delve there: dlv --headless --listen=${remote} --accept-multiclient --api-version=2 exec ./yourbin (or gotui attach ${destination.includes('@') ? destination : `ssh://${destination}`} lists the Delve servers it finds).`,
    'remote-port',
  );
}
