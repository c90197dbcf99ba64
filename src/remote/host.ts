import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { formatHostPort, type HostPort } from '../transport/address.js';
import type { RemoteFiles } from '../source/files.js';
import type { BpfHost } from '../bpf/types.js';
import { parseProcReport, PROC_SCRIPT, type ProcReport } from './remote-proc.js';
import type { SshConnection } from './ssh.js';

/** Source files bigger than this are not read over SSH (a generated file, a mistake). */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/**
 * The host a target runs on, reached through the session's one SSH connection: its files (read
 * only, cached), its processes (from /proc), and commands run there (bpftrace).
 */
export class RemoteHost implements RemoteFiles, BpfHost {
  private readonly files = new Map<string, Promise<string>>();
  private binaries = new Map<string, Promise<string>>();
  private tmp: string | undefined;

  constructor(
    readonly ssh: SshConnection,
    /** Delve's address as the host sees it (a Delve gotui starts again after a drop has another). */
    public delve: HostPort,
  ) {}

  get name(): string {
    return this.ssh.host;
  }

  /** `127.0.0.1:2345 on host`: how errors name Delve (never the tunnel's local port). */
  get delveLabel(): string {
    return `${formatHostPort(this.delve)} on ${this.ssh.destination}`;
  }

  /** A source file's text; cached once read (a failed read is tried again next time). */
  read(file: string): Promise<string> {
    let p = this.files.get(file);
    if (!p) {
      p = this.readOnce(file);
      this.files.set(file, p);
      p.catch(() => this.files.delete(file));
    }
    return p;
  }

  private async readOnce(file: string): Promise<string> {
    // head, not cat: a file that grew past the cap is not pulled over the link whole.
    const r = await this.ssh.exec(['head', '-c', String(MAX_SOURCE_BYTES + 1), '--', file], { maxBytes: MAX_SOURCE_BYTES + 2 });
    if (r.exitCode !== 0) throw readError(file, this.name, r.stderr);
    if (r.stdout.length > MAX_SOURCE_BYTES) throw new UserError(`${file} on ${this.name} is over ${MAX_SOURCE_BYTES / 1024 / 1024} MiB; gotui does not read files that big over SSH.`, 'Map it to a copy here with :substitute-path FROM TO.');
    if (r.stdout.includes(0)) throw new UserError(`${file} on ${this.name} is not a text file.`, 'Map the source directory to a copy here with :substitute-path FROM TO.');
    return r.stdout.toString('utf8');
  }

  command(argv: readonly string[]): [string, string[]] {
    return this.ssh.command(argv);
  }

  async run(argv: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const r = await this.ssh.exec(argv);
    return { stdout: r.stdout.toString('utf8'), stderr: r.stderr, exitCode: r.exitCode };
  }

  /** Listening sockets, Delve servers and the processes they debug, read from the host's /proc. */
  async report(): Promise<ProcReport> {
    const r = await this.ssh.exec(['sh', '-c', PROC_SCRIPT], { timeoutMs: 20_000 });
    if (r.exitCode !== 0) throw new UserError(`Could not read the processes on ${this.name}: ${r.stderr.trim() || `exit code ${r.exitCode}`}.`, 'gotui reads /proc there with sh and awk.');
    return (this.lastReport = parseProcReport(r.stdout.toString('utf8')));
  }

  /**
   * The last report read. Each costs a session on the host (0.7-0.8 s on a slow one, most of it
   * sshd's): what start-up needs again of the report it read to check that Delve listens is taken
   * from it.
   */
  lastReport: ProcReport | undefined;

  /** The pid of the Delve at `delve` there, as the host's /proc shows it to this user (cached once seen). */
  async delvePid(): Promise<number | undefined> {
    if (this.seenDelvePid === undefined) {
      const report = await this.report().catch(() => undefined);
      this.seenDelvePid = report?.listeners.find((l) => l.port === this.delve.port && l.pid !== undefined)?.pid;
    }
    return this.seenDelvePid;
  }

  /** Set by whoever has read the host's /proc already (checking that Delve listens). */
  seenDelvePid: number | undefined;

  /** The process the Delve at `delve` debugs there (its pid and binary), when it can be seen; `fresh` false: as the last report had it. */
  async debuggee(fresh = true): Promise<{ pid: number; exe: string } | undefined> {
    const report = (!fresh && this.lastReport) || (await this.report());
    const d = report.delves.find((x) => x.port === this.delve.port);
    return d?.target ? { pid: d.target.pid, exe: d.target.exe } : undefined;
  }

  /**
   * A copy here of the binary process `pid` runs there (read through /proc/PID/exe, so a deleted or
   * replaced file still gives the running one), for reading its symbols; cached per pid.
   */
  fetchBinary(pid: number, exe: string): Promise<string> {
    const key = `${pid}:${exe}`;
    let p = this.binaries.get(key);
    if (!p) {
      p = (async () => {
        const r = await this.ssh.exec(['cat', `/proc/${pid}/exe`], { timeoutMs: 120_000, maxBytes: 1024 * 1024 * 1024 });
        if (r.exitCode !== 0) throw new UserError(`Could not read the binary of process ${pid} on ${this.name}: ${r.stderr.trim() || `exit code ${r.exitCode}`}.`, 'The SSH user must be able to read /proc/PID/exe (the same user as the target, or root).');
        this.tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-remote-bin-'));
        // Named as there: what is said about it ("not a function in orders") names the program.
        const local = path.join(this.tmp, String(pid), path.basename(exe));
        fs.mkdirSync(path.dirname(local), { recursive: true, mode: 0o700 });
        fs.writeFileSync(local, r.stdout, { mode: 0o600 });
        return local;
      })();
      this.binaries.set(key, p);
      p.catch(() => this.binaries.delete(key));
    }
    return p;
  }

  /** Removes the local copies of remote binaries. */
  dispose(): void {
    if (this.tmp) fs.rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = undefined;
    this.binaries = new Map();
  }
}

function readError(file: string, host: string, stderr: string): UserError {
  if (/No such file or directory/i.test(stderr)) return new UserError(`${file} is not on this machine, nor on ${host}.`, 'The sources may have moved since the target was built: map them to a copy here with :substitute-path FROM TO.');
  if (/Permission denied/i.test(stderr)) return new UserError(`${file} on ${host} cannot be read by the SSH user (permission denied).`, 'Log in as a user who can read it, or map it to a copy here with :substitute-path FROM TO.');
  if (/Is a directory/i.test(stderr)) return new UserError(`${file} on ${host} is a directory.`);
  return new UserError(`Could not read ${file} on ${host}: ${stderr.trim().split('\n').slice(-1)[0] || 'unknown error'}.`, 'Check the SSH connection; :reconnect makes it again.');
}
