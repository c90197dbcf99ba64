import fs from 'node:fs';
import { isLoopback } from '../cli/address.js';
import { UserError } from '../errors.js';
import type { BpfTarget } from '../bpf/script.js';
import type { Connection } from './connect.js';

/**
 * The process bpftrace traces is the one Delve debugs: its pid from the Delve gotui started, or
 * (attached to someone else's Delve on this machine) from Delve itself; its binary from /proc.
 */
export async function traceTarget(conn: Connection, askDelveForPid: () => Promise<number>): Promise<BpfTarget> {
  if (conn.tunnel) throw new UserError('The eBPF lane runs bpftrace on this machine, and this target is on another one.', 'Run gotui on that host (ssh -t HOST gotui attach :PORT) to trace it.');
  let pid = conn.server?.targetPid;
  if (!pid) {
    if (!isLoopback(conn.address.host)) throw new UserError(`The target runs on ${conn.address.host}, not here, so bpftrace cannot trace it.`, 'Run gotui on that host.');
    pid = await askDelveForPid();
  }
  let binary: string;
  try {
    binary = fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    throw new UserError(`Process ${pid} is not visible here, so bpftrace cannot trace it.`, 'Is Delve running in another container or namespace? Run gotui beside it.');
  }
  return { pid, binary };
}
