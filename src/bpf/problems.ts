import { UserError } from '../errors.js';

/** What went wrong, so the UI can offer the fix (mount tracefs, retry with sudo...). */
export type BpfProblemKind = 'missing' | 'permission' | 'tracefs' | 'lockdown' | 'no-probes' | 'script' | 'exited';

export class BpfError extends UserError {
  constructor(
    message: string,
    hint: string,
    readonly kind: BpfProblemKind,
    /** bpftrace's own lines under the message (the source line and the ~~~ marker of a script error). */
    readonly detail: string[] = [],
  ) {
    super(message, hint);
    this.name = 'BpfError';
  }
}

export const TRACEFS = '/sys/kernel/tracing';
export const MOUNT_TRACEFS = `mount -t tracefs nodev ${TRACEFS}`;

/** bpftrace warns about the memlock rlimit on every start; kernels since 5.11 do not need it. */
const NOISE = /couldn't set RLIMIT_MEMLOCK/;
const SCRIPT_ERROR = /^(?:stdin|[^\s:]+):\d+:\d+(?:-\d+)?: ERROR: /;

export interface FailureContext {
  /** Exit code (null when killed by a signal). */
  exitCode: number | null;
  /** Whether tracefs is mounted (a missing tracepoint means tracefs only when it is not). */
  tracefsMounted: boolean;
  /** Whether `sudo -n` would work, to say so in the permission hint. */
  sudoAvailable?: boolean;
  binary?: string;
  /** The script's file, named where bpftrace's error says `stdin`. */
  scriptName?: string;
  /** The SSH host bpftrace ran on, through ssh. */
  host?: string;
}

export function bpftraceMissing(): BpfError {
  return new BpfError('bpftrace is not installed.', 'Install it: apt-get install bpftrace (or your distribution\'s package).', 'missing');
}

export function notPrivileged(sudoAvailable: boolean): BpfError {
  return new BpfError(
    'bpftrace needs root, or the CAP_BPF and CAP_PERFMON capabilities.',
    sudoAvailable ? 'gotui can run it with sudo -n bpftrace: allow that, or run gotui as root.' : 'Run gotui as root, allow passwordless sudo for bpftrace (sudo -n), or grant CAP_BPF and CAP_PERFMON.',
    'permission',
  );
}

/** Lines of stderr worth showing while a probe runs (everything but known noise). */
export function interestingStderr(lines: readonly string[]): string[] {
  return lines.filter((l) => l.trim() && !NOISE.test(l));
}

/**
 * One sentence and a fix for a bpftrace run that failed, from its stderr and the non-JSON lines
 * of its stdout; undefined when nothing says it failed.
 */
export function explainFailure(stderr: readonly string[], stdoutText: readonly string[], ctx: FailureContext): BpfError | undefined {
  const lines = interestingStderr(stderr);
  const all = [...lines, ...stdoutText].join('\n');
  if (/only supports running as the root user|Missing CAP_\w+|failed to create map: Operation not permitted|Failed to open perf buffer|sudo: a password is required/i.test(all)) {
    return notPrivileged(ctx.sudoAvailable ?? false);
  }
  if (/lockdown/i.test(all)) {
    return new BpfError('The kernel is in lockdown mode, which forbids the probes bpftrace needs.', 'Tracing needs a kernel booted without lockdown (lockdown=none, or Secure Boot off).', 'lockdown');
  }
  if (!ctx.tracefsMounted && /tracepoint not found|\/sys\/kernel\/(?:debug\/)?tracing|kprobe_events|available_events/.test(all)) {
    return new BpfError(`tracefs is not mounted at ${TRACEFS}, so bpftrace cannot find tracepoints.`, `Mount it (as root): ${MOUNT_TRACEFS}`, 'tracefs');
  }
  const scriptAt = lines.findIndex((l) => SCRIPT_ERROR.test(l));
  if (scriptAt >= 0) {
    const detail = [];
    for (let i = scriptAt + 1; i < lines.length && !/ERROR:|WARNING:/.test(lines[i]!); i++) detail.push(lines[i]!);
    const at = ctx.scriptName ? lines[scriptAt]!.replace(/^stdin:/, `${ctx.scriptName}:`) : lines[scriptAt]!;
    return new BpfError(at, 'Fix the script at that line and column.', 'script', detail);
  }
  if (/Operation not permitted|Permission denied/.test(all)) return notPrivileged(ctx.sudoAvailable ?? false);
  if (/No probes to attach/.test(all)) {
    return new BpfError(
      `bpftrace attached no probes${ctx.binary ? ` to ${ctx.binary}` : ''}: the function is not in its symbol table.`,
      'Check the name (go tool nm BIN | grep NAME); a stripped binary (-ldflags=-s) has no symbols to probe.',
      'no-probes',
    );
  }
  const error = lines.find((l) => /ERROR:/.test(l));
  if (error) return new BpfError(error.replace(/^.*?ERROR:\s*/, 'bpftrace: '), lines.filter((l) => l !== error).slice(-1)[0] ?? 'See the probe output for details.', 'script');
  // ssh's own failure: the link, not bpftrace (trial BS: `bpftrace exited with code 255`, with the script to run by hand).
  if (ctx.host && ctx.exitCode === 255) {
    return new BpfError(`The SSH link to ${ctx.host} closed under bpftrace, and the probe ended with it.`, lines.at(-1) ?? 'gotui reconnects by itself; start the probe again once it has.', 'exited');
  }
  if (ctx.exitCode !== null && ctx.exitCode !== 0) {
    return new BpfError(`bpftrace exited with code ${ctx.exitCode}.`, lines.at(-1) ?? stdoutText.at(-1) ?? 'Run the same script by hand to see why.', 'exited');
  }
  return undefined;
}
