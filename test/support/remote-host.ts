import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHeadlessDelve, type StartedServer } from '../../src/delve/server.js';
import { demoDir, getDemo } from '../../src/demos/catalog.js';
import { findMarker } from '../../src/demos/build.js';
import { testDelve } from './delve.js';
import { headlessApp } from './session.js';
import { openTarget } from '../../src/app/connect.js';
import { inNamespace, startSshd, type Sshd } from './sshd.js';

/** A demo built and debugged on the "remote" side only: its sources and binary exist in sshd's mount namespace, not here. */
export interface RemoteDemo {
  sshd: Sshd;
  /** The demo's module directory there (absent here). */
  dir: string;
  binary: string;
  server: StartedServer & { output: string[] };
  /** A marker's line, in the remote file's path. */
  marker(name: string): { file: string; line: number };
  /** A file's text as the remote side has it (the oracle for what gotui shows). */
  remoteText(file: string): Promise<string>;
  /** The destination gotui is given: user@host:PORT. */
  destination: string;
  /** With `runtimeDir`: the host's $XDG_RUNTIME_DIR (mode 0700, in the private directory), as pam_systemd gives a login. */
  runtimeDir?: string;
  /** Another headless Delve on the demo there. */
  startDelve(args: string[]): Promise<StartedServer & { output: string[] }>;
}

/**
 * Starts sshd in a private mount namespace, copies demo NAME into a tmpfs only that namespace sees,
 * builds it there (so its debug info names paths that do not exist here) and starts a headless
 * Delve on it inside the namespace, listening on loopback (the network is shared, as a tunnel's
 * far end would be).
 */
export async function startRemoteDemo(t: TestContext, name: string, args: string[] = [], opts: { ownPids?: boolean; runtimeDir?: boolean } = {}): Promise<RemoteDemo | undefined> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-remote-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const privateDir = path.join(root, 'build');
  fs.mkdirSync(privateDir);
  const runtimeDir = opts.runtimeDir ? path.join(privateDir, 'run') : undefined;
  const sshd = await startSshd(t, { privateDir, ...(opts.ownPids ? { ownPids: true } : {}), ...(runtimeDir ? { env: { XDG_RUNTIME_DIR: runtimeDir } } : {}) });
  if (!sshd) return undefined;
  if (runtimeDir) await inNamespace(sshd, ['mkdir', '-m', '700', runtimeDir]);
  const demo = getDemo(name);
  const dir = path.join(privateDir, demo.folder.split('/').pop()!);
  await inNamespace(sshd, ['cp', '-r', demoDir(demo), dir]);
  await inNamespace(sshd, ['rm', '-rf', path.join(dir, 'bin')]);
  const binary = path.join(dir, 'bin', demo.name);
  await inNamespace(sshd, ['go', 'build', '-buildvcs=false', '-gcflags=all=-N -l', '-o', binary, '.'], { cwd: dir });
  if (fs.existsSync(binary)) throw new Error('the private directory is visible here: the mount namespace did not work');
  // Delve runs in sshd's namespace (it must see the binary); nsenter execs it, so its pid is Delve's.
  const wrapper = path.join(root, 'dlv-in-namespace');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${sshd.pid} -m ${sshd.ownPids ? '-p ' : ''}-- ${await testDelve()} "$@"\n`, { mode: 0o755 });
  const startDelve = async (a: string[]) => {
    const s = await startHeadlessDelve(wrapper, { mode: 'exec', program: binary, args: a.length ? a : [...demo.defaultArgs] });
    t.after(() => s.stop());
    const output: string[] = [];
    s.onOutput((line) => output.push(line));
    return { ...s, output };
  };
  const server = await startDelve(args);
  const local = demoDir(demo);
  return {
    sshd,
    dir,
    binary,
    server,
    startDelve,
    ...(runtimeDir ? { runtimeDir } : {}),
    destination: `${sshd.host}:${server.address.port}`,
    marker(m) {
      const at = findMarker(name, m);
      return { file: path.join(dir, path.relative(local, at.file)), line: at.line };
    },
    async remoteText(file) {
      return (await inNamespace(sshd, ['cat', file])).stdout + '\n';
    },
  };
}

/** gotui attached (headless) to the remote demo's Delve through the test sshd, as `gotui attach host:PORT` over SSH; left at the end. */
export async function attachOverSsh(t: TestContext, remote: RemoteDemo) {
  process.env.PATH = remote.sshd.path;
  const conn = await openTarget({ kind: 'attach', address: { kind: 'ssh', destination: remote.sshd.host, host: '127.0.0.1', port: remote.server.address.port } }, () => {});
  const h = headlessApp(conn);
  await h.app.start();
  t.after(() => h.app.end('leave').catch(() => undefined));
  return { conn, ...h };
}
