import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { openTmux, startGotui } from '../support/tmux.js';
import { requireTool, testDelve } from '../support/delve.js';
import { findOnPath } from '../../src/delve/locate.js';

const gotui = path.join(repoRoot, 'bin', 'gotui.js');

test('without a terminal gotui says so in one sentence, no stack trace', async () => {
  const r = await execa(process.execPath, [gotui, 'attach', ':2345'], { reject: false, stdin: 'pipe', timeout: 20_000 });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), 'gotui: gotui needs a terminal: its standard input and output are not a TTY. Run it in a terminal (over ssh: ssh -t host gotui ...).');
});

test('bad arguments: one sentence and a hint', async () => {
  const r = await execa(process.execPath, [gotui, 'attach', '2345'], { reject: false, timeout: 20_000 });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), "gotui: '2345' has no colon before the port. Did you mean :2345?");
  const help = await execa(process.execPath, [gotui, '--help'], { timeout: 20_000 });
  assert.match(help.stdout, /gotui attach \[--stop\] ADDR/);
});

test('in a terminal, nothing listening: one sentence, the terminal restored, exit code 2', async (t) => {
  const port = await freeLoopbackPort();
  const term = await startGotui(t, ['attach', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, new RegExp(`gotui: Nothing is listening on 127\\.0\\.0\\.1:${port}\\. Start Delve there with: dlv --headless`));
  assert.doesNotMatch(screen, /at .*\.js:\d+/, 'no stack trace');
});

test('a dlv dap server is named as such, with what to run instead', async (t) => {
  const port = await freeLoopbackPort();
  const dap = execa(await testDelve(), ['dap', `--listen=127.0.0.1:${port}`], { reject: false });
  t.after(() => dap.kill('SIGKILL'));
  const term = await startGotui(t, ['attach', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the refusal on the plain terminal', /\[exited 2\]/);
  assert.match(screen, /That is a `dlv dap` server/);
  assert.doesNotMatch(screen, /Goroutines|┌─/, 'the full screen never opened');
});

/** FAULT INJECTOR: a TCP server that accepts and then answers `reply` to anything (or nothing). */
async function fakeServer(t: import('node:test').TestContext, reply?: string): Promise<number> {
  const srv = net.createServer((sock) => {
    sock.on('error', () => undefined);
    if (reply !== undefined) sock.on('data', () => sock.write(reply));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => srv.close());
  return (srv.address() as net.AddressInfo).port;
}

test('a server that is not Delve: one line before the screen opens, printed once, exit 2', async (t) => {
  const port = await fakeServer(t, 'HTTP/1.1 400 Bad Request\r\n\r\n');
  const term = await startGotui(t, ['attach', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.equal(screen.match(/is not speaking DAP/g)?.length, 1, screen);
  assert.doesNotMatch(screen, /Goroutines|┌─/, 'the full screen never opened');
});

test('a server that accepts and says nothing fails the handshake in one sentence (and --handshake-timeout sets how long)', async (t) => {
  const port = await fakeServer(t);
  const term = await startGotui(t, ['attach', '--handshake-timeout', '1s', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, new RegExp(`gotui: 127\\.0\\.0\\.1:${port} accepted the connection but did not answer DAP's initialize within 1s`));
});

test('an SSH host that cannot be reached: one sentence naming it, from the real gotui and ssh', async (t) => {
  if (!requireTool(t, !!findOnPath('unshare') && !!findOnPath('ssh') && process.geteuid?.() === 0, 'unshare (util-linux) and ssh, as root')) return;
  // A network namespace with no route anywhere: ssh meets "Network is unreachable" as on a dead VPN.
  const term = await openTmux(['unshare', '-n', process.execPath, gotui, 'attach', 'me@10.9.9.9:2345']);
  t.after(() => term.close());
  const screen = await term.waitFor('the exit', /\[exited 2\]/, 30_000);
  assert.match(screen, /gotui: 10\.9\.9\.9:22 \(of me@10\.9\.9\.9\) cannot be reached: network is unreachable\. Check the network path/);
});
