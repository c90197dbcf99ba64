// bench/remote-source: a 3,000-line Go source on an SSH host (a real OpenSSH server on loopback,
// root), read as the source pane reads it (RemoteHost over the session's one ControlMaster
// connection): the first view and a cached re-view, against `ssh host cat FILE` (a fresh ssh each
// time, as a user would) in the same run. Prints medians and ratios; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { RemoteHost } from '../src/remote/host.js';
import { SshConnection } from '../src/remote/ssh.js';
import { startSshd } from '../test/support/sshd.js';
import { median, ratioLine } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 15);
const cleanups: (() => unknown)[] = [];
// startSshd is the test suite's: give it what it asks of a test context.
const t = { after: (fn: () => unknown) => void cleanups.push(fn), skip: (why: string) => { throw new Error(why); } } as unknown as import('node:test').TestContext;
try {
  const sshd = await startSshd(t);
  if (!sshd) throw new Error('no sshd');
  process.env.PATH = sshd.path;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bench-remote-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'big.go');
  const lines = ['package main', '', ...Array.from({ length: 2998 }, (_, i) => `\tvar v${i} = fmt.Sprintf("line %d of a long generated file", ${i}) // padding`)];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);

  const t0 = performance.now();
  const ssh = await SshConnection.open(sshd.host);
  const connectMs = performance.now() - t0;
  cleanups.push(() => ssh.close());
  const first: number[] = [];
  const again: number[] = [];
  const cat: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A new host each round: its cache starts empty, the connection is the session's.
    const host = new RemoteHost(ssh, { host: '127.0.0.1', port: 2345 });
    let s = performance.now();
    const text = await host.read(file);
    first.push(performance.now() - s);
    if (text.split('\n').length < 3000) throw new Error('short read');
    s = performance.now();
    await host.read(file);
    again.push(performance.now() - s);
    s = performance.now();
    const r = await execa('ssh', [sshd.host, 'cat', file], { stdin: 'ignore' });
    cat.push(performance.now() - s);
    if (r.stdout.split('\n').length < 3000) throw new Error('short cat');
  }
  console.log(`remote-source: a 3,000-line file (${(fs.statSync(file).size / 1024).toFixed(0)} KiB) over SSH on loopback, medians of ${RUNS}`);
  console.log(`remote-source: the session's SSH connection made once: ${connectMs.toFixed(1)} ms`);
  console.log(ratioLine('remote-source: first view (read over the connection)', median(first), median(cat), 'ssh host cat FILE'));
  console.log(ratioLine('remote-source: cached re-view', median(again), median(cat), 'ssh host cat FILE'));
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
