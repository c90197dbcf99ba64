import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { findOnPath } from '../../src/delve/locate.js';
import { childrenOf } from '../../src/delve/server.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { requireTool, waitFor } from './delve.js';
import net from 'node:net';

const SSHD = '/usr/sbin/sshd';

export interface Sshd {
  /** A Host of the ssh config that logs in (keys, known host) as this user. */
  host: string;
  /** Where sshd listens (127.0.0.1). */
  port: number;
  /** Holds an `ssh` that is the real ssh given this test's config: put it first on PATH. */
  binDir: string;
  /** The sshd process (in its own mount namespace when started with `privateDir`). */
  pid: number;
  /** Hosts of the same config that fail, one per way ssh fails. */
  failing: { unknownKey: string; changedKey: string; badKey: string; closedPort: string };
  /** PATH with binDir first. */
  path: string;
  /** In a pid namespace of its own (nsenter must fork into it). */
  ownPids: boolean;
  /** What sshd has logged so far (LogLevel VERBOSE: each session it starts, with its kind). */
  log(): string;
}

/**
 * A real OpenSSH server on a free loopback port, with a throwaway host key and client key, and a
 * directory holding an `ssh` that is the real ssh given this test's config (OpenSSH reads the
 * passwd home, not $HOME, so a config can only be given by -F). Put `binDir` first on PATH.
 *
 * With `privateDir`, sshd runs in a private mount namespace (unshare -m) with a tmpfs over that
 * directory: what is put there (see `inNamespace`) exists only for the "remote" side, as a
 * directory of another machine would. `env`: variables every session there gets (sshd's SetEnv).
 */
export async function startSshd(t: TestContext, opts: { privateDir?: string; ownPids?: boolean; env?: Record<string, string> } = {}): Promise<Sshd | undefined> {
  if (!requireTool(t, fs.existsSync(SSHD) && !!findOnPath('ssh') && process.geteuid?.() === 0, 'sshd (openssh-server) run as root')) return undefined;
  if (opts.privateDir && !requireTool(t, !!findOnPath('unshare') && !!findOnPath('nsenter'), 'unshare and nsenter (util-linux)')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-sshd-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'other_key')]);
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  fs.mkdirSync('/run/sshd', { recursive: true });
  const port = await freeLoopbackPort();
  const closedPort = await freeLoopbackPort();
  const user = os.userInfo().username;
  fs.writeFileSync(
    path.join(dir, 'sshd_config'),
    [`ListenAddress 127.0.0.1:${port}`, `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'StrictModes no', 'UsePAM no', 'AllowTcpForwarding yes', 'PidFile none', 'MaxSessions 50', 'MaxStartups 50', 'LogLevel VERBOSE', ...Object.entries(opts.env ?? {}).map(([k, v]) => `SetEnv ${k}=${v}`)].join('\n') + '\n',
  );
  const sshdArgv = [SSHD, '-D', '-e', '-f', path.join(dir, 'sshd_config')];
  // ownPids: a pid namespace too, so the host's processes (other Delves) are not seen there; its
  // init is sshd, and when unshare goes (--kill-child) every process in it goes.
  const ns = opts.ownPids ? ['-p', '--fork', '--kill-child', '--mount-proc'] : [];
  const argv = opts.privateDir
    ? ['unshare', '-m', ...ns, '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs gotui-remote "$0" && exec "$@"', opts.privateDir, ...sshdArgv]
    : sshdArgv;
  const sshd = execa(argv[0]!, argv.slice(1), { reject: false, stdin: 'ignore' });
  let logged = '';
  sshd.stderr?.on('data', (d: Buffer) => void (logged += d.toString('utf8')));
  t.after(() => {
    sshd.kill('SIGKILL');
  });
  const pid = opts.ownPids ? await waitFor('sshd in its pid namespace', () => childrenOf(sshd.pid!)[0], 10_000) : sshd.pid!;
  await waitFor('sshd to listen', () => new Promise<true | undefined>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(undefined));
  }), 10_000);
  const hostKey = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const otherKey = fs.readFileSync(path.join(dir, 'other_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  fs.writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  fs.writeFileSync(path.join(dir, 'known_hosts_changed'), `[127.0.0.1]:${port} ${otherKey}\n`);
  fs.writeFileSync(path.join(dir, 'known_hosts_empty'), '');
  const host = 'gotui-sshtest';
  const entry = (name: string, lines: string[]) => [`Host ${name}`, '  HostName 127.0.0.1', `  User ${user}`, '  IdentitiesOnly yes', '  LogLevel ERROR', ...lines.map((l) => `  ${l}`)];
  fs.writeFileSync(
    path.join(dir, 'ssh_config'),
    [
      ...entry(host, [`Port ${port}`, `IdentityFile ${dir}/client_key`, 'StrictHostKeyChecking yes', `UserKnownHostsFile ${dir}/known_hosts`]),
      ...entry(`${host}-unknownkey`, [`Port ${port}`, `IdentityFile ${dir}/client_key`, 'StrictHostKeyChecking yes', `UserKnownHostsFile ${dir}/known_hosts_empty`]),
      ...entry(`${host}-changedkey`, [`Port ${port}`, `IdentityFile ${dir}/client_key`, 'StrictHostKeyChecking yes', `UserKnownHostsFile ${dir}/known_hosts_changed`]),
      ...entry(`${host}-badkey`, [`Port ${port}`, `IdentityFile ${dir}/other_key`, 'StrictHostKeyChecking yes', `UserKnownHostsFile ${dir}/known_hosts`]),
      ...entry(`${host}-closed`, [`Port ${closedPort}`, `IdentityFile ${dir}/client_key`, 'StrictHostKeyChecking yes', `UserKnownHostsFile ${dir}/known_hosts`]),
    ].join('\n') + '\n',
  );
  const binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'ssh'), `#!/bin/sh\nexec ${findOnPath('ssh')} -F ${dir}/ssh_config "$@"\n`, { mode: 0o755 });
  return {
    host,
    port,
    binDir,
    pid,
    ownPids: !!opts.ownPids,
    log: () => logged,
    failing: { unknownKey: `${host}-unknownkey`, changedKey: `${host}-changedkey`, badKey: `${host}-badkey`, closedPort: `${host}-closed` },
    path: `${binDir}:${process.env.PATH}`,
  };
}

/** Runs `argv` inside sshd's mount namespace (where its private directory has content). */
export function inNamespace(sshd: Sshd, argv: string[], opts: { cwd?: string } = {}) {
  // nsenter's --wd opens the directory before entering: cd inside instead.
  const cd = opts.cwd ? ['sh', '-c', 'cd "$0" && exec "$@"', opts.cwd] : [];
  return execa('nsenter', ['-t', String(sshd.pid), '-m', ...(sshd.ownPids ? ['-p'] : []), '--', ...cd, ...argv]);
}
