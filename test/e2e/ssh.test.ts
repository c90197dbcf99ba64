import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childrenOf } from '../../src/delve/server.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { startRemoteDemo } from '../support/remote-host.js';
import { startGotui } from '../support/tmux.js';

test('gotui attach user@host:PORT: one SSH connection carries Delve, the sources that exist only there, and ends with gotui', async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const term = await startGotui(t, ['attach', '--stop', `root@${remote.destination}`], { env: { PATH: remote.sshd.path }, columns: 160, rows: 40 });
  if (!term) return;
  let screen = await term.waitFor('the session through SSH', /stopped .*│ root@gotui-sshtest:\d+ \(ssh\)/, 30_000);
  assert.doesNotMatch(screen, /in the clear/, 'no clear-text warning for a tunnel');
  const at = remote.marker('gotui:process');
  await term.line(`:break main.go:${at.line}`);
  await term.keys('c');
  screen = await term.waitFor('the stop, its source read over SSH', new RegExp(`●▶\\s*${at.line} .*discount := applyDiscount`));
  assert.match(screen, /Source gotui-sshtest:(\/tmp\/gotui-remote-|…\/)\S*orders\/main\.go/, 'titled host:/path');

  // A breakpoint set with b on the fetched file, at the cursor (moved by :list), hits.
  const loop = remote.marker('gotui:loop');
  await term.line(`:list ${loop.line}`);
  // b takes the cursor's line when pressed: the cursor is there first.
  await term.waitFor('the cursor on the loop line', new RegExp(`Source \\S+ · ${loop.line}/`));
  await term.keys('b');
  await term.waitFor('the breakpoint', new RegExp(`●\\s*${loop.line} `));
  await term.keys('c');
  screen = await term.waitFor('the stop at the new breakpoint', new RegExp(`●▶\\s*${loop.line} .*total := process\\(o\\)`));
  const cli = cliFrames(await dlvCli(remote.server.address, ['stack 1']));
  assert.deepEqual([cli[0]?.file, cli[0]?.line], [loop.file, loop.line], 'the dlv CLI agrees');

  // One TCP connection to sshd (each connection is one sshd child): tunnel and reads share it.
  assert.equal(childrenOf(remote.sshd.pid).length, 1, 'one SSH connection');

  await term.line(':quit -resume');
  await term.waitFor('exit', /\[exited 0\]/);
  await waitFor('the SSH connection to end with gotui', () => childrenOf(remote.sshd.pid).length === 0 || undefined, 10_000);
  const printed = remote.server.output.length;
  await waitFor('the demo going on', () => remote.server.output.length > printed + 2 || undefined, 30_000);
});
