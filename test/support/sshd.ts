import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { findOnPath } from '../../src/delve/locate.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { requireTool, waitFor } from './delve.js';
import net from 'node:net';

const SSHD = '/usr/sbin/sshd';

/**
 * A real OpenSSH server on a free loopback port, with a throwaway host key and client key, and a
 * directory holding an `ssh` that is the real ssh given this test's config (OpenSSH reads the
 * passwd home, not $HOME, so a config can only be given by -F). Put `binDir` first on PATH.
 */
export async function startSshd(t: TestContext): Promise<{ host: string; binDir: string } | undefined> {
  if (!requireTool(t, fs.existsSync(SSHD) && !!findOnPath('ssh') && process.geteuid?.() === 0, 'sshd (openssh-server) run as root')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-sshd-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  fs.mkdirSync('/run/sshd', { recursive: true });
  const port = await freeLoopbackPort();
  const user = os.userInfo().username;
  fs.writeFileSync(
    path.join(dir, 'sshd_config'),
    [`ListenAddress 127.0.0.1:${port}`, `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'StrictModes no', 'UsePAM no', 'AllowTcpForwarding yes', 'PidFile none'].join('\n') + '\n',
  );
  const sshd = execa(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { reject: false, stdin: 'ignore' });
  t.after(() => {
    sshd.kill('SIGKILL');
  });
  await waitFor('sshd to listen', () => new Promise<true | undefined>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(undefined));
  }), 10_000);
  const host = 'gotui-sshtest';
  fs.writeFileSync(
    path.join(dir, 'ssh_config'),
    [`Host ${host}`, '  HostName 127.0.0.1', `  Port ${port}`, `  User ${user}`, `  IdentityFile ${dir}/client_key`, '  IdentitiesOnly yes', '  StrictHostKeyChecking no', '  UserKnownHostsFile /dev/null', '  LogLevel ERROR'].join('\n') + '\n',
  );
  const binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'ssh'), `#!/bin/sh\nexec ${findOnPath('ssh')} -F ${dir}/ssh_config "$@"\n`, { mode: 0o755 });
  return { host, binDir };
}
