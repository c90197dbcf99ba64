import { bpftraceMissing, notPrivileged, BpfError, TRACEFS } from './problems.js';
import type { BpfHost, BpfTarget, Privilege } from './types.js';
import { UserError } from '../errors.js';
import { stopOnEofScript } from '../remote/wrapper.js';


/** Root there runs bpftrace directly; another user through `sudo -n`; else one sentence. */
export async function detectRemotePrivilege(host: BpfHost): Promise<Privilege> {
  const r = await host.run(['sh', '-c', 'id -u; command -v bpftrace >/dev/null || echo no-bpftrace; [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null && echo sudo-ok']);
  if (/no-bpftrace/.test(r.stdout)) throw new BpfError(`bpftrace is not installed on ${host.name}.`, bpftraceMissing().hint!, 'missing');
  if (/^0$/m.test(r.stdout)) return { via: 'direct' };
  if (/sudo-ok/.test(r.stdout)) return { via: 'sudo' };
  const e = notPrivileged(false);
  return { via: 'none', error: new BpfError(`On ${host.name}, ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`, `Log in as root there, or allow passwordless sudo for bpftrace on ${host.name} (sudo -n).`, 'permission') };
}

export async function remoteTracefsMounted(host: BpfHost): Promise<boolean> {
  const r = await host.run(['sh', '-c', `[ -d ${TRACEFS}/events ] || [ -d /sys/kernel/debug/tracing/events ]`]);
  return r.exitCode === 0;
}

/** The pid must still run the binary the probes name (as checkTargetProcess does here). */
export async function checkRemoteTarget(host: BpfHost, target: BpfTarget): Promise<void> {
  const r = await host.run(['readlink', `/proc/${target.pid}/exe`]);
  if (r.exitCode !== 0) {
    if (/No such file/.test(r.stderr) || !r.stderr.trim()) throw new UserError(`There is no process ${target.pid} on ${host.name} to trace.`, 'Start or attach to the program first.');
    return; // not ours to read: bpftrace will tell
  }
  const exe = r.stdout.trim();
  if (exe.replace(/ \(deleted\)$/, '') !== target.binary) throw new UserError(`Process ${target.pid} on ${host.name} runs ${exe}, not ${target.binary}.`, 'Probe the debugged process itself: its pid and its binary.');
  if (exe.endsWith(' (deleted)')) throw new UserError(`${target.binary} on ${host.name} was rebuilt after process ${target.pid} started, so its symbols no longer match.`, 'Restart the program, then probe it.');
}

/** The argv that runs bpftrace there, stopped by closing its input (SIGTERM there: it prints its maps). */
export function remoteBpftraceCommand(host: BpfHost, argv: readonly string[], privilege: Privilege): [string, string[]] {
  return host.command(['sh', '-c', stopOnEofScript(3), 'sh', ...(privilege.via === 'sudo' ? ['sudo', '-n'] : []), 'bpftrace', ...argv]);
}
