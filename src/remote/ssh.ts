import { OWNER_FILE, removeOrphanSshDirs } from '../transport/stale-sockets.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { UserError } from '../errors.js';
import { shellQuote } from '../core/shell.js';
import { findOnPath } from '../delve/locate.js';
import { formatHostPort, type HostPort } from '../transport/address.js';
import { freeLoopbackPort } from '../transport/tcp.js';
import { explainMasterEnd, explainSshFailure, SshError } from './ssh-errors.js';
import { endWithGotui } from '../core/leftovers.js';

/**
 * Options every ssh gotui runs gets: never prompt (a prompt inside the TUI would hang it), give up
 * on an unreachable host in 10 s, notice a dead link within ~15 s.
 */
const COMMON = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3'];

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

/**
 * One multiplexed OpenSSH connection to a host (a ControlMaster whose socket lives in a directory
 * only this user can open): the Delve tunnel, source reads and bpftrace all ride on it, through the
 * user's own `ssh` (their ~/.ssh/config, keys, agent, ProxyJump).
 */
export class SshConnection {
  private master: ResultPromise | undefined;
  private masterStderr = '';
  private readonly downListeners = new Set<(why: SshError) => void>();
  private closing = false;
  private readonly forwards = new Map<string, number>();
  private masterExited = false;

  private constructor(
    readonly destination: string,
    private readonly dir: string,
  ) {}

  /** The control socket: in a private (0700) directory gotui made for this session. */
  get socket(): string {
    return path.join(this.dir, 'ctl');
  }

  /** The host part of the destination, for titles (`host:/path`). */
  get host(): string {
    return this.destination.replace(/^.*@/, '');
  }

  get alive(): boolean {
    return !!this.master && !this.masterExited;
  }

  /** Opens the master connection; throws one sentence (SshError) when ssh cannot log in. */
  static async open(destination: string, timeoutMs = 20_000): Promise<SshConnection> {
    if (!findOnPath('ssh')) throw new UserError('ssh is not installed here.', 'Install OpenSSH (apt-get install openssh-client), or forward the port yourself and attach to 127.0.0.1:PORT.');
    removeOrphanSshDirs();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-ssh-'));
    fs.chmodSync(dir, 0o700);
    // Whose it is: a later gotui removes it if this one is killed before it can.
    fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
    const conn = new SshConnection(destination, dir);
    try {
      await conn.start(timeoutMs);
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    return conn;
  }

  /** (Re)starts the master and waits until it accepts clients. Forwards made before are made again. */
  async start(timeoutMs = 20_000): Promise<void> {
    this.closing = false;
    this.masterExited = false;
    this.masterStderr = '';
    // A master that died leaves its socket behind, and ssh then refuses to listen there.
    fs.rmSync(this.socket, { force: true });
    const master = execa('ssh', ['-M', '-S', this.socket, '-o', 'ControlPersist=no', '-o', 'ExitOnForwardFailure=yes', ...COMMON, '-N', '--', this.destination], {
      reject: false,
      stdin: 'ignore',
      stdout: 'ignore',
      buffer: false,
      detached: true,
      cleanup: true,
    });
    this.master = master;
    const forget = endWithGotui(master.pid);
    master.stderr?.on('data', (c: Buffer) => {
      this.masterStderr = (this.masterStderr + c.toString()).slice(-4_000);
    });
    void master.then(() => {
      forget();
      if (this.master !== master) return;
      this.masterExited = true;
      if (this.closing) return;
      const said = explainMasterEnd(this.masterStderr, this.destination);
      const why = said.problem === 'other' ? new SshError(`The SSH connection to ${this.destination} dropped.`, 'gotui retries by itself; :reconnect retries now.', 'link') : said;
      for (const l of this.downListeners) l(why);
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.masterExited) throw explainMasterEnd(this.masterStderr, this.destination, master.exitCode);
      const r = await this.control(['-O', 'check']);
      if (r.exitCode === 0) break;
      if (Date.now() > deadline) {
        this.closing = true;
        this.kill();
        throw new SshError(`ssh to ${this.destination} did not log in within ${timeoutMs / 1000}s.`, `Check that 'ssh -o BatchMode=yes ${this.destination} true' works from this shell.`, 'no-route');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const [remote, local] of [...this.forwards]) await this.forwardAt(remote, local);
  }

  /** Called when the master ends without gotui asking (the link dropped, the host went away). */
  onDown(listener: (why: SshError) => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  /**
   * Forwards a loopback port here to `remote` as seen from the host (through the master); the
   * same local port is kept when the connection is made again.
   */
  async forward(remote: HostPort): Promise<HostPort> {
    const key = formatHostPort(remote);
    const port = this.forwards.get(key) ?? (await freeLoopbackPort());
    await this.forwardAt(key, port);
    this.forwards.set(key, port);
    return { host: '127.0.0.1', port };
  }

  private async forwardAt(remote: string, localPort: number): Promise<void> {
    const r = await this.control(['-O', 'forward', '-L', `127.0.0.1:${localPort}:${remote}`]);
    if (r.exitCode !== 0) throw new SshError(`ssh could not forward 127.0.0.1:${localPort} here to ${remote} on ${this.destination}: ${String(r.stderr).trim() || `exit code ${r.exitCode}`}.`, 'Try again (the local port may have been taken meanwhile).', 'other');
  }

  /** A path in this connection's private directory (the sockets of unix-socket forwards). */
  privatePath(name: string): string {
    return path.join(this.dir, name);
  }

  /**
   * Forwards the unix socket `local` here (made owner-only by ssh) to the unix socket `remote` on
   * the host. Asking again for the same forward is harmless. Not made again by `start()`.
   */
  async forwardSocket(local: string, remote: string): Promise<void> {
    let r = await this.control(['-O', 'forward', '-L', `${local}:${remote}`]);
    if (r.exitCode !== 0) {
      // A master that died left the socket of its forward behind, and ssh does not bind over it.
      fs.rmSync(local, { force: true });
      r = await this.control(['-O', 'forward', '-L', `${local}:${remote}`]);
    }
    if (r.exitCode !== 0) throw new SshError(`ssh could not forward ${local} here to ${remote} on ${this.destination}: ${String(r.stderr).trim() || `exit code ${r.exitCode}`}.`, 'Try again.', 'other');
  }

  /**
   * Has sshd on the host listen on the unix socket `remote` (owner-only: sshd's StreamLocalBindMask
   * is 0177 unless changed) and relay to the unix socket `local` here. False when sshd cannot bind
   * it (the path exists: sshd does not replace a socket unless StreamLocalBindUnlink is set there).
   * OpenSSH 9.2 cannot cancel it through the master: it ends with the connection.
   */
  async reverseSocket(remote: string, local: string): Promise<boolean> {
    return (await this.control(['-O', 'forward', '-R', `${remote}:${local}`])).exitCode === 0;
  }

  /** A request to the master (`-O forward`, `-O check`). */
  private control(args: string[]) {
    return execa('ssh', ['-S', this.socket, ...args, '--', this.destination], { reject: false, stdin: 'ignore', timeout: 10_000 });
  }

  /** The argv that runs `argv` on the host through this connection (quoted for the remote shell). */
  command(argv: readonly string[]): [string, string[]] {
    return ['ssh', ['-S', this.socket, '-o', 'ControlMaster=no', ...COMMON, '-T', '--', this.destination, argv.map(shellQuote).join(' ')]];
  }

  /** Runs `argv` on the host; never through a new connection (a dead master is a dropped link). */
  async exec(argv: readonly string[], opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<ExecResult> {
    if (!this.alive) throw new SshError(`The SSH connection to ${this.destination} is down.`, 'gotui retries by itself; :reconnect retries now.', 'link');
    const [cmd, args] = this.command(argv);
    const r = await execa(cmd, args, { reject: false, stdin: 'ignore', encoding: 'buffer', timeout: opts.timeoutMs ?? 20_000, maxBuffer: opts.maxBytes ?? 64 * 1024 * 1024 });
    const stderr = Buffer.from(r.stderr ?? '').toString('utf8');
    if (r.timedOut) throw new SshError(`${argv[0]} on ${this.destination} did not finish within ${(opts.timeoutMs ?? 20_000) / 1000}s.`, 'The link may be slow or down; try again.', 'link');
    // 255 is ssh's own failure (the remote command's codes are passed through otherwise).
    if (r.exitCode === 255 && !this.alive) throw explainSshFailure(stderr, this.destination, 255);
    return { stdout: Buffer.from(r.stdout ?? new Uint8Array()), stderr, exitCode: r.exitCode ?? -1 };
  }

  /** Ends the master (and with it every forward and remote command) and removes the socket directory. */
  async close(): Promise<void> {
    this.closing = true;
    this.kill();
    await this.master?.catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Ends the master as a dropped link would (for tests and a forced reconnect). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    const pid = this.master?.pid;
    if (pid !== undefined && !this.masterExited) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }

  /** The master's pid (tests end it from outside to simulate a dropped link). */
  get masterPid(): number | undefined {
    return this.master?.pid;
  }
}
