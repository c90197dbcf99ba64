import { UserError } from '../errors.js';
import { formatHostPort, isLoopback, type HostPort } from '../transport/address.js';
import { parsePodAddress } from '../remote/pod-address.js';

/** Where a Delve server is: direct TCP, or through the user's own OpenSSH. */
export type ServerAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'ssh'; destination: string; host: string; port: number }
  /** `user@host` without a port: find the Delve servers listening on the host's loopback. */
  | { kind: 'ssh-find'; destination: string }
  /** `k8s://[CONTEXT/]NAMESPACE/POD[/CONTAINER][:PORT]`: through kubectl. */
  | { kind: 'k8s'; address: string };

const HINT = 'Write it as :2345, 127.0.0.1:2345, [::1]:2345, host:2345 or user@host:2345.';

/** Parses what follows `gotui attach`. A leading `user@` (or `ssh://`) means: tunnel over ssh. */
export function parseServerAddress(text: string): ServerAddress {
  const raw = text.trim();
  if (!raw) throw new UserError('No Delve address was given.', HINT);
  if (raw.startsWith('k8s://')) {
    parsePodAddress(raw); // the syntax now; which part is a context, once kubectl says
    return { kind: 'k8s', address: raw };
  }
  let rest = raw.replace(/^ssh:\/\//, '');
  const viaSsh = rest !== raw || rest.includes('@');
  let user = '';
  if (rest.includes('@')) {
    const at = rest.lastIndexOf('@');
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!user) throw new UserError(`'${raw}' has an empty user before '@'.`, HINT);
  }
  // user@host alone: gotui lists the Delve servers there.
  if (viaSsh && !rest.includes(':') && !rest.startsWith('[')) {
    if (!rest) throw new UserError(`'${raw}' names no SSH host.`, HINT);
    checkDestination(user, rest, raw);
    return { kind: 'ssh-find', destination: user ? `${user}@${rest}` : rest };
  }
  const { host, port } = splitHostPort(rest, raw);
  if (viaSsh) {
    if (!host) throw new UserError(`'${raw}' names no SSH host.`, HINT);
    checkDestination(user, host, raw);
    return { kind: 'ssh', destination: user ? `${user}@${host}` : host, host: '127.0.0.1', port };
  }
  return { kind: 'tcp', host: host || '127.0.0.1', port };
}

/** ssh takes the destination as an argument: names (an IPv6 address for the host), never options or control characters. */
function checkDestination(user: string, host: string, raw: string): void {
  const name = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
  if ((user && !name.test(user)) || !(name.test(host) || /^[0-9A-Fa-f:.]+$/.test(host))) throw new UserError(`'${raw}' is not a user@host SSH destination.`, HINT);
}

function splitHostPort(text: string, raw: string): HostPort {
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') throw new UserError(`'${raw}' is not an address with a port.`, HINT);
    host = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) {
      if (/^\d+$/.test(text)) throw new UserError(`'${raw}' has no colon before the port.`, `Did you mean :${text}?`);
      throw new UserError(`'${raw}' has no port.`, HINT);
    }
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) throw new UserError(`'${raw}' looks like an IPv6 address without brackets.`, 'Write it as [::1]:2345.');
  }
  if (!/^\d+$/.test(portText)) throw new UserError(`'${portText}' in '${raw}' is not a port number.`, HINT);
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new UserError(`Port ${port} is out of range (1-65535).`, HINT);
  return { host, port };
}

/** The plain warning for a non-loopback, non-SSH connection; undefined when there is nothing to warn about. */
export function clearTextWarning(addr: ServerAddress): string | undefined {
  if (addr.kind !== 'tcp' || isLoopback(addr.host)) return undefined;
  return `Warning: connecting to ${formatHostPort(addr)} in the clear. Delve has no authentication: anyone who can reach that port can run code in the target. Prefer user@${addr.host}:${addr.port} (an SSH tunnel) and a Delve listening on 127.0.0.1.`;
}
