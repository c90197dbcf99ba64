import fs from 'node:fs';
import { UserError } from '../errors.js';
import type { TargetFiles } from '../features/types.js';
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
  const pid = localPid(conn);
  const binary = binaryOf(pid);
  if (!binary) {
    throw new UserError(`Process ${pid} is not visible here, so bpftrace cannot trace it.`, 'Is Delve running in another container or namespace? Run gotui beside it.');
  }
  return { pid, binary };
}

/**
 * The target's files for memory inspection, read where the target runs: over SSH its mappings are
 * read there (this machine's /proc/PID/maps is another process's) and its symbols from a copy here.
 */
export function targetFiles(conn: Connection): TargetFiles {
  // A core has no process to find it by: its binary was given with it.
  const program = conn.postMortem?.program;
  if (program) return { binary: async () => program, symbols: async () => program, maps: async () => undefined };
  const remote = conn.remote;
  if (remote) {
    return {
      binary: async () => (await remote.debuggee(false))?.exe,
      symbols: async () => {
        const found = await remote.debuggee();
        return found ? remote.fetchBinary(found.pid, found.exe) : undefined;
      },
      // Read at every stop the pane shows memory at: the pid as last seen (one SSH session, not two), looked for again once gone (a restart).
      maps: async () => {
        for (const fresh of [false, true]) {
          const found = await remote.debuggee(fresh);
          const r = found ? await remote.run(['cat', `/proc/${found.pid}/maps`]) : undefined;
          if (r?.exitCode === 0) return r.stdout;
        }
        return undefined;
      },
    };
  }
  return {
    binary: async () => binaryOf(localPid(conn)),
    // The running binary's own file, even if rebuilt or deleted since.
    symbols: async () => `/proc/${localPid(conn)}/exe`,
    maps: async () => fs.readFileSync(`/proc/${localPid(conn)}/maps`, 'utf8'),
  };
}

/** The pid here of the process the Delve at `conn` debugs, found without blocking Delve. */
function localPid(conn: Connection): number {
  const pid = findTargetPid(conn);
  if (pid === undefined) {
    throw new UserError(
      `The target of the Delve at ${conn.label} is not a process on this machine that gotui can see.`,
      'bpftrace traces local processes: run gotui where the target runs, as a user that can read /proc.',
    );
  }
  return pid;
}
