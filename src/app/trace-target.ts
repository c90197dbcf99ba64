import { UserError } from '../errors.js';
import type { BpfTarget } from '../bpf/types.js';
import type { Connection } from './connect.js';
import { findTargetPid } from './target-process.js';
import { binaryOf } from '../delve/server.js';

/**
 * The process bpftrace traces is the one Delve debugs: its pid found on this machine without
 * blocking Delve (see findTargetPid), its binary from /proc.
 */
export async function traceTarget(conn: Connection): Promise<BpfTarget> {
  const remote = conn.remote;
  if (remote) {
    // bpftrace runs there, through the session's SSH connection; symbols are read from a copy here.
    const found = await remote.debuggee();
    if (!found) throw new UserError(`The process the Delve at ${remote.delveLabel} debugs is not visible to the SSH user.`, 'Log in as the user that runs Delve there, or as root.');
    return { pid: found.pid, binary: found.exe, symbols: await remote.fetchBinary(found.pid, found.exe), host: remote };
  }
  const pid = findTargetPid(conn);
  if (pid === undefined) {
    throw new UserError(
      `The target of the Delve at ${conn.label} is not a process on this machine that gotui can see.`,
      'bpftrace traces local processes: run gotui where the target runs, as a user that can read /proc.',
    );
  }
  const binary = binaryOf(pid);
  if (!binary) {
    throw new UserError(`Process ${pid} is not visible here, so bpftrace cannot trace it.`, 'Is Delve running in another container or namespace? Run gotui beside it.');
  }
  return { pid, binary };
}
