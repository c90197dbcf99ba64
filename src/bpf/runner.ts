import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { execa } from 'execa';
import { readLines } from '../core/lines.js';
import { findOnPath } from '../delve/locate.js';
import { parseLine, type BpfMessage } from './output.js';
import { BpfError, bpftraceMissing, explainFailure, interestingStderr, notPrivileged, MOUNT_TRACEFS, TRACEFS } from './problems.js';
import { remoteBpftraceCommand } from './remote.js';
import type { BpfHost, Privilege } from './types.js';

/** How bpftrace can be run here: directly (root), through `sudo -n`, or not at all. */

export function tracefsMounted(): boolean {
  return fs.existsSync(`${TRACEFS}/events`) || fs.existsSync('/sys/kernel/debug/tracing/events');
}

async function sudoWorks(): Promise<boolean> {
  if (!findOnPath('sudo')) return false;
  const r = await execa('sudo', ['-n', 'true'], { reject: false, timeout: 5_000, stdin: 'ignore' });
  return r.exitCode === 0;
}

export async function detectPrivilege(): Promise<Privilege> {
  if (process.geteuid?.() === 0) return { via: 'direct' };
  if (await sudoWorks()) return { via: 'sudo' };
  return { via: 'none', error: notPrivileged(false) };
}

/** Mounts tracefs (as root, or with sudo -n); the UI calls it when the user agrees. */
export async function mountTracefs(): Promise<void> {
  if (tracefsMounted()) return;
  const argv = ['-t', 'tracefs', 'nodev', TRACEFS];
  const root = process.geteuid?.() === 0;
  if (!root && !(await sudoWorks())) throw new BpfError('Mounting tracefs needs root.', `Run as root: ${MOUNT_TRACEFS}`, 'permission');
  const r = root
    ? await execa('mount', argv, { reject: false, timeout: 10_000, stdin: 'ignore' })
    : await execa('sudo', ['-n', 'mount', ...argv], { reject: false, timeout: 10_000, stdin: 'ignore' });
  if (r.exitCode !== 0 || !tracefsMounted()) {
    throw new BpfError(`Mounting tracefs failed: ${String(r.stderr).trim() || `exit code ${r.exitCode}`}.`, `Try it by hand: ${MOUNT_TRACEFS}`, 'tracefs');
  }
}

export interface RunOptions {
  /** Path of bpftrace; found on PATH when absent. */
  bpftrace?: string;
  privilege: Privilege;
  binary?: string;
  /** Run it on this host (through SSH) instead of here. */
  host?: BpfHost;
  /** Whether tracefs is mounted where bpftrace runs, when known (for explaining failures). */
  tracefs?: boolean;
  /** The file the script came from (`:bpf run FILE`): bpftrace, given it with -e, calls it stdin. */
  scriptName?: string;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why it failed, when it did. */
  error?: BpfError;
}

/**
 * One running `bpftrace -f json -e SCRIPT ARGS...`. Messages arrive as they are printed; `stop`
 * sends SIGINT (bpftrace then prints its maps), waits, and SIGKILLs by pid if it must.
 */
export class BpftraceRun {
  readonly pid: number | undefined;
  readonly done: Promise<RunResult>;
  private readonly child: ChildProcess;
  private readonly stderr: string[] = [];
  private readonly stdoutText: string[] = [];
  private exited = false;
  private readonly remote: boolean;

  constructor(
    script: string,
    args: readonly string[],
    opts: RunOptions,
    private readonly onMessage: (m: BpfMessage) => void,
    private readonly onWarning: (line: string) => void = () => {},
  ) {
    if (opts.privilege.via === 'none') throw opts.privilege.error;
    const argv = ['-f', 'json', '-e', script, ...args];
    let cmd: string;
    let full: string[];
    if (opts.host) [cmd, full] = remoteBpftraceCommand(opts.host, argv, opts.privilege);
    else {
      const bin = opts.bpftrace ?? findOnPath('bpftrace');
      if (!bin) throw bpftraceMissing();
      [cmd, full] = opts.privilege.via === 'sudo' ? ['sudo', ['-n', bin, ...argv]] : [bin, argv];
    }
    this.remote = !!opts.host;
    // Over SSH its input stays open: closing it is how the remote bpftrace is told to stop, and ssh
    // gets a session of its own (the terminal's Ctrl-C belongs to gotui); so does sudo, which would
    // otherwise find gotui's terminal and may run bpftrace in a pseudo-terminal of its own making.
    // bpftrace run directly stays in gotui's: a session of its own is a scheduling group of its own
    // under the kernel's autogroup, which takes CPU from the traced program (measured: 4-12% fewer
    // events a second), and gotui's terminal is raw, so no Ctrl-C reaches it; gotui stops it on
    // every way out.
    const detached = !!opts.host || opts.privilege.via === 'sudo';
    this.child = spawn(cmd, full, { stdio: [opts.host ? 'pipe' : 'ignore', 'pipe', 'pipe'], detached });
    this.pid = this.child.pid;
    this.done = new Promise<RunResult>((resolve) => {
      this.child.on('error', (err: NodeJS.ErrnoException) => {
        this.exited = true;
        resolve({ exitCode: null, signal: null, error: err.code === 'ENOENT' ? bpftraceMissing() : new BpfError(`bpftrace could not start: ${err.message}.`, 'Check the bpftrace installation.', 'exited') });
      });
      this.child.on('close', (code, signal) => {
        this.exited = true;
        // Exit code 0 after SIGINT, or a signal we sent: a normal end.
        const error = code ? explainFailure(this.stderr, this.stdoutText, { exitCode: code, tracefsMounted: opts.tracefs ?? tracefsMounted(), sudoAvailable: opts.privilege.via === 'sudo', binary: opts.binary, ...(opts.scriptName ? { scriptName: opts.scriptName } : {}), ...(opts.host ? { host: opts.host.name } : {}) }) : undefined;
        resolve({ exitCode: code, signal, ...(error ? { error } : {}) });
      });
    });
    readLines(this.child.stdout, (line) => {
      const m = parseLine(line);
      if (m) this.onMessage(m);
      else if (line.trim() && this.stdoutText.length < 100) this.stdoutText.push(line);
    });
    readLines(this.child.stderr, (line) => {
      if (this.stderr.length < 200) this.stderr.push(line);
      for (const l of interestingStderr([line])) this.onWarning(l);
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  /** SIGINT, up to `graceMs` for the final map dump, then SIGKILL. Resolves when it has exited. */
  async stop(graceMs = 3_000): Promise<RunResult> {
    if (this.exited || this.pid === undefined) return this.done;
    if (this.remote) this.child.stdin?.end();
    else signal(this.pid, 'SIGINT');
    const timer = setTimeout(() => {
      if (this.pid !== undefined) signal(this.pid, 'SIGKILL');
    }, graceMs);
    const result = await this.done;
    clearTimeout(timer);
    return result;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
