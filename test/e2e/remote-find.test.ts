import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor, testDelve } from '../support/delve.js';
import { startRemoteDemo } from '../support/remote-host.js';
import { inNamespace } from '../support/sshd.js';
import { startGotui } from '../support/tmux.js';
import { childrenOf } from '../../src/delve/server.js';

const commandLine = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

// The "remote host" has its own pid namespace: the Delves of this machine are not seen there.

test('gotui attach user@host: one Delve there is taken; several are listed with their targets to pick from', async (t) => {
  const remote = await startRemoteDemo(t, 'orders', [], { ownPids: true });
  if (!remote) return;
  const env = { PATH: remote.sshd.path };
  let term = await startGotui(t, ['attach', `root@${remote.sshd.host}`], { env, columns: 160, rows: 40 });
  if (!term) return;
  await term.waitFor('attached to the only one', new RegExp(`│ root@gotui-sshtest:${remote.server.address.port} \\(ssh\\)`), 30_000);
  await term.line(':quit -leave');
  await term.waitFor('exit', /\[exited 0\]/);
  assert.match(await term.screen(), new RegExp(`Found one Delve server on gotui-sshtest: 127\\.0\\.0\\.1:${remote.server.address.port}  pid \\d+ ${remote.binary.replace(/[/.]/g, '\\$&')}`));

  const second = await remote.startDelve(['-every', '50ms']);
  // Ctrl-C at the question gives up in one sentence.
  term = await startGotui(t, ['attach', `root@${remote.sshd.host}`], { env, columns: 160, rows: 40 });
  if (!term) return;
  await term.waitFor('the list', /Which one\? \[1-2\]/, 30_000);
  await term.keys('C-c');
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, /gotui: No Delve chosen: gotui stopped at your Ctrl-C \(or Ctrl-D\)\. Run the command again/);
  assert.doesNotMatch(screen, /AbortError|^\s+at /m, 'no stack trace');
  // Killed at the question, gotui ends ssh's master (detached from the terminal, it would go on).
  term = await startGotui(t, ['attach', `root@${remote.sshd.host}`], { env, columns: 160, rows: 40 });
  if (!term) return;
  await term.waitFor('the list', /Which one\? \[1-2\]/, 30_000);
  const gotui = await term.appPid();
  const ssh = childrenOf(gotui).filter((pid) => /\bssh\b.* -M /.test(commandLine(pid)));
  assert.equal(ssh.length, 1, 'ssh\'s master, started by gotui');
  process.kill(gotui, 'SIGTERM');
  await term.waitFor('the exit', /\[exited 143\]/);
  await waitFor("ssh's master to end", () => (alive(ssh[0]!) ? undefined : true), 10_000);

  term = await startGotui(t, ['attach', `root@${remote.sshd.host}`], { env, columns: 160, rows: 40 });
  if (!term) return;
  const listed = await term.waitFor('the list', /Which one\? \[1-2\]/, 30_000);
  assert.match(listed, /Delve servers on gotui-sshtest:/);
  const line = listed.split('\n').find((l) => l.includes(`:${second.address.port}  pid`));
  assert.ok(line, listed);
  assert.match(line, /orders -every 50ms/, 'each with its target\'s command line');
  const n = /^\s*(\d)\)/.exec(line)![1]!;
  await term.line('9');
  await term.waitFor('a second chance', /Type a number from 1 to 2/);
  await term.line(n);
  await term.waitFor('attached to the one picked', new RegExp(`│ root@gotui-sshtest:${second.address.port} \\(ssh\\)`), 30_000);
  await term.line(':quit -leave');
  await term.waitFor('exit', /\[exited 0\]/);
});

test('gotui attach user@host --pid N starts Delve there (or says how to install it), and quitting leaves the target running', async (t) => {
  const remote = await startRemoteDemo(t, 'orders', [], { ownPids: true });
  if (!remote) return;
  const env = { PATH: remote.sshd.path };
  // The target, started on the host without Delve; $$ is its pid there.
  const proc = inNamespace(remote.sshd, ['sh', '-c', `echo pid $$; exec ${remote.binary} -every 100ms`]);
  proc.catch(() => undefined);
  t.after(() => proc.kill('SIGKILL'));
  const out: string[] = [];
  proc.stdout!.on('data', (c: Buffer) => out.push(...c.toString().split('\n')));
  const pid = await waitFor('the target', () => out.map((l) => /^pid (\d+)/.exec(l)?.[1]).find(Boolean), 20_000);

  let term = await startGotui(t, ['attach', `root@${remote.sshd.host}`, '--pid', pid], { env, columns: 160, rows: 40 });
  if (!term) return;
  let screen = await term.waitFor('the refusal', /\[exited 2\]/, 30_000);
  assert.match(screen, /gotui: dlv is not installed on gotui-sshtest, so gotui cannot start Delve there\. Install it there: go install github\.com\/go-delve\/delve\/cmd\/dlv@v1\.27\.1/);

  // Install it there (on PATH, for that host only).
  await inNamespace(remote.sshd, ['sh', '-c', `mount -t tmpfs gotui-bin /usr/local/sbin && ln -s ${await testDelve()} /usr/local/sbin/dlv`]);
  term = await startGotui(t, ['attach', `root@${remote.sshd.host}`, '--pid', pid], { env, columns: 160, rows: 40 });
  if (!term) return;
  await term.waitFor('attached, running', /running │ root@gotui-sshtest pid \d+ \(ssh\)/, 40_000);
  const at = remote.marker('gotui:process');
  await term.line(`:break main.go:${at.line}`);
  screen = await term.waitFor('the stop, source read over SSH', new RegExp(`●▶\\s*${at.line} .*applyDiscount`), 30_000);
  await term.line(':quit -resume');
  await term.waitFor('exit', /\[exited 0\]/);
  await waitFor('the Delve gotui started there to end', async () => (await inNamespace(remote.sshd, ['pgrep', '-f', `dlv attach ${pid} `]).catch((e) => e)).exitCode === 1 || undefined, 15_000);
  const printed = out.length;
  await waitFor('the target going on, detached', () => out.length > printed + 2 || undefined, 10_000);
});
