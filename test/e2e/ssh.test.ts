import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { execa } from 'execa';
import { startDemoServer, waitFor } from '../support/delve.js';
import { startSshd } from '../support/sshd.js';
import { startGotui } from '../support/tmux.js';

test('gotui attach user@host:PORT tunnels through the user\'s own ssh to a Delve listening on loopback there', async (t) => {
  const sshd = await startSshd(t);
  if (!sshd) return;
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', '--stop', `root@${sshd.host}:${server.address.port}`], { env: { PATH: `${sshd.binDir}:${process.env.PATH}` } });
  if (!term) return;
  let screen = await term.waitFor('the session through the tunnel', /stopped .*│ root@gotui-sshtest:\d+ \(ssh\)/, 30_000);
  assert.doesNotMatch(screen, /in the clear/, 'no clear-text warning for a tunnel');
  const at = findMarker('orders', 'gotui:process');
  await term.type(`:break main.go:${at.line}`);
  await term.keys('Enter');
  await term.keys('c');
  screen = await term.waitFor('the stop', new RegExp(`●▶\\s*${at.line} `));
  // The tunnel is an ssh child of gotui; quitting ends it and leaves the target running.
  await term.type(':quit -resume');
  await term.keys('Enter');
  await term.waitFor('exit', /\[exited 0\]/);
  const printed = server.output.length;
  await waitFor('the demo going on', () => server.output.length > printed + 2 || undefined, 10_000);
  const tunnels = await execa('pgrep', ['-f', `ExitOnForwardFailure=yes .*:${server.address.port} `], { reject: false });
  assert.equal(tunnels.stdout.trim(), '', 'the ssh tunnel ended with gotui');
});
