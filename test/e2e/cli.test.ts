import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { openTmux, startGotui } from '../support/tmux.js';
import { requireTool, testDelve, waitFor } from '../support/delve.js';
import { childrenOf, startHeadlessDelve } from '../../src/delve/server.js';
import { findOnPath } from '../../src/delve/locate.js';
import { buildDemo } from '../../src/demos/build.js';

const gotui = path.join(repoRoot, 'bin', 'gotui.js');

test('without a terminal gotui says so in one sentence, no stack trace', async () => {
  const r = await execa(process.execPath, [gotui, 'attach', ':2345'], { reject: false, stdin: 'pipe', timeout: 20_000 });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), 'gotui: gotui needs a terminal: its standard input and output are not a TTY. Run it in a terminal (over ssh: ssh -t host gotui ...).');
});

test('without a terminal, a missing program or a file that is no core is said first: that is what the user must fix', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-noterm-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const notes = path.join(dir, 'notes.txt');
  fs.writeFileSync(notes, 'not a core\n');
  const core = await execa(process.execPath, [gotui, 'core', process.execPath, notes], { reject: false, stdin: 'pipe', timeout: 20_000 });
  assert.equal(core.exitCode, 2);
  assert.match(core.stderr.trim(), /^gotui: .*notes\.txt.* (is not|has no)[^\n]*$/);
  assert.doesNotMatch(core.stderr, /terminal/);
  const exec = await execa(process.execPath, [gotui, 'exec', path.join(dir, 'nothing')], { reject: false, stdin: 'pipe', timeout: 20_000 });
  assert.match(exec.stderr.trim(), /^gotui: There is no program at .*nothing\. /);
});

test('bad arguments: one sentence and a hint', async () => {
  const r = await execa(process.execPath, [gotui, 'attach', '2345'], { reject: false, timeout: 20_000 });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), "gotui: '2345' has no colon before the port. Did you mean :2345?");
  const help = await execa(process.execPath, [gotui, '--help'], { timeout: 20_000 });
  assert.match(help.stdout, /gotui attach \[--stop\] ADDR/);
});

test('a pid that does not exist, a demo that does not: one sentence before anything starts', async (t) => {
  // A pid that was just freed: a process that ran and was reaped.
  const gone = execa('true');
  await gone;
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cli-')), 'one.gotui');
  t.after(() => fs.rmSync(path.dirname(script), { recursive: true, force: true }));
  fs.writeFileSync(script, 'print 1\n');
  const pid = await execa(gotui, ['run', script, '--', 'attach', '--pid', String(gone.pid)], { reject: false, timeout: 60_000 });
  assert.deepEqual([pid.exitCode, pid.stderr.trim()], [2, `gotui: There is no process ${gone.pid} on this machine. ps -e (or pgrep NAME) lists the running processes with their pids.`]);
  const demo = await execa(gotui, ['run', script, '--', 'demo', 'nosuch'], { reject: false, timeout: 60_000 });
  assert.equal(demo.exitCode, 2);
  assert.match(demo.stderr.trim(), /^gotui: There is no demo called "nosuch"\. Demos: /);
});

test('--version names the checkout\'s version', async () => {
  const r = await execa(gotui, ['--version'], { reject: false, timeout: 20_000 });
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual([r.exitCode, r.stdout, r.stderr], [0, `gotui ${version}`, '']);
});

test('NODE_EXTRA_CA_CERTS is kept from Node (read at its start, costly) and handed to what gotui starts', async (t) => {
  const certs = path.join(os.tmpdir(), `gotui-test-certs-${process.pid} with space.pem`);
  const term = await startGotui(t, ['demo', 'orders'], { env: { NODE_EXTRA_CA_CERTS: certs } });
  if (!term) return;
  await term.waitFor('the running demo', /running │ demo orders/, 60_000);
  const environ = (pid: number) => new Map(fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const gotuiEnv = environ(await term.appPid());
  assert.equal(gotuiEnv.get('NODE_EXTRA_CA_CERTS'), undefined, 'Node started without it');
  const descendants = (pid: number): number[] => childrenOf(pid).flatMap((c) => [c, ...descendants(c)]);
  const demo = await waitFor('the demo process', async () => descendants(await term.appPid()).find((p) => path.basename(fs.readlinkSync(`/proc/${p}/exe`)) === 'orders'));
  const demoEnv = environ(demo);
  assert.equal(demoEnv.get('NODE_EXTRA_CA_CERTS'), certs, 'the debuggee has it as the user set it');
  assert.equal(demoEnv.get('GOTUI_NODE_EXTRA_CA_CERTS'), undefined, 'and nothing of gotui\'s hand-over');
});

test('in a terminal, nothing listening: one sentence, the terminal restored, exit code 2', async (t) => {
  const port = await freeLoopbackPort();
  const term = await startGotui(t, ['attach', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, new RegExp(`gotui: Nothing is listening on 127\\.0\\.0\\.1:${port}\\. Start Delve there with: dlv --headless --listen=127\\.0\\.0\\.1:${port} `));
  assert.doesNotMatch(screen, /at .*\.js:\d+/, 'no stack trace');
});

test('a cleartext address beyond loopback: the warning is said before the connection is tried, then why it failed', async (t) => {
  // This machine's own address on a network interface: a closed port there refuses at once.
  const host = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '0.0.0.0';
  const port = await freeLoopbackPort();
  const term = await startGotui(t, ['attach', `${host}:${port}`]);
  if (!term) return;
  const screen = (await term.waitFor('the exit', /\[exited 2\]/)).replace(/\n/g, ' ');
  const warned = screen.indexOf(`Warning: connecting to ${host}:${port} in the clear`);
  const failed = screen.search(/gotui: (Nothing is listening|Cannot)/);
  assert.ok(warned >= 0 && failed > warned, `the warning, then the failure:\n${screen}`);
});

test('a name DNS does not know: why, and no cleartext warning of a connection that is never made (trial T: the warning came first)', async (t) => {
  const term = await startGotui(t, ['attach', 'no-such-host.invalid:2345']);
  if (!term) return;
  const screen = (await term.waitFor('the exit', /\[exited 2\]/)).replace(/\n/g, ' ');
  assert.match(screen, /gotui: .*no-such-host\.invalid.*could not be resolved/, screen);
  assert.doesNotMatch(screen, /in the clear/, screen);
});

test('a file that is not a core, a package with no func main: Delve\'s own words in one sentence and a hint, not "nothing is listening"', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-e2e-badcore-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const text = path.join(dir, 'text.core');
  fs.writeFileSync(text, 'not a core\n');
  const bin = await buildDemo('cgo-slice');
  // Not ELF at all: said before anything starts.
  let term = await startGotui(t, ['core', bin, text], { columns: 300, rows: 20 });
  if (!term) return;
  let screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.ok(screen.includes(`gotui: ${text} is not a core file (no ELF header).`), screen);
  assert.doesNotMatch(screen, /Delve is listening/);
  // An ELF core header with nothing behind it: Delve listens, then fails to read it; that it is cut short, then its words, not "nothing is listening".
  const core = path.join(dir, 'cut.core');
  const head = Buffer.from(fs.readFileSync(bin).subarray(0, 4096));
  head.writeUInt16LE(4, 16); // ET_CORE
  fs.writeFileSync(core, head);
  term = await startGotui(t, ['core', bin, core], { columns: 300, rows: 20 });
  if (!term) return;
  screen = (await term.waitFor('the exit', /\[exited 2\]/)).replace(/\n/g, '');
  assert.match(screen, new RegExp(`gotui: The core is cut short: its segments need [\\d,]+ bytes, the file has 4,096 \\(copied or written incompletely\\?\\)\\. Delve could not open the core ${core.replace(/[.]/g, '\\.')}: EOF\\. Copy it again whole`), screen);
  assert.doesNotMatch(screen, /Nothing is listening|at .*\.js:\d+/);
  assert.equal(screen.match(/The core is cut short/g)?.length, 1, `said once, with Delve's words: ${screen}`);
  // A package that builds but is not a main package: gotui test is what runs it.
  const pkg = path.join(dir, 'calc');
  fs.mkdirSync(pkg);
  fs.writeFileSync(path.join(pkg, 'go.mod'), 'module calc\n\ngo 1.21\n');
  fs.writeFileSync(path.join(pkg, 'calc.go'), 'package calc\n\nfunc Sum(a, b int) int { return a + b }\n');
  fs.writeFileSync(path.join(pkg, 'calc_test.go'), 'package calc\n\nimport "testing"\n\nfunc TestSum(t *testing.T) { _ = Sum(1, 2) }\n');
  term = await startGotui(t, ['debug', pkg], { columns: 300, rows: 20 });
  if (!term) return;
  screen = await term.waitFor('the exit', /\[exited 2\]/, 120_000);
  assert.match(screen, new RegExp(`not an executable file\. ${pkg} has no func main, so there is nothing to run: gotui test ${pkg} debugs its tests\.`));
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

test("attach to python's http.server: one sentence that it is an HTTP server, not Delve, and the way on (trial CH: no hint, the page quoted)", async (t) => {
  const http = execa('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1'], { reject: false, cwd: os.tmpdir() });
  t.after(() => http.kill('SIGKILL'));
  let out = '';
  http.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const port = Number(await waitFor('http.server listening', () => /port (\d+)/.exec(out)?.[1]));
  const term = await startGotui(t, ['attach', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  // Compared without white space: the terminal wraps the line mid-word.
  const bare = (text: string) => text.replace(/\s+/g, '');
  assert.ok(bare(screen).includes(bare(`gotui: The server at 127.0.0.1:${port} is not speaking DAP: it greets as an HTTP server ("<!DOCTYPE HTML>"), not Delve. Give the port Delve listens on (its --listen), or let gotui start one: gotui exec ./bin, gotui attach --pid N.`)), screen);
});

test('a server that accepts and says nothing fails the handshake in one sentence (and --handshake-timeout sets how long)', async (t) => {
  const port = await fakeServer(t);
  const term = await startGotui(t, ['attach', '--handshake-timeout', '1s', `127.0.0.1:${port}`]);
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, new RegExp(`gotui: 127\\.0\\.0\\.1:${port} accepted the connection but did not answer DAP's initialize within 1s`));
});

test('a Delve that is stopped (SIGSTOP) is said to be stopped, with its pid to continue it, not "not a Delve"', async (t) => {
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: await buildDemo('orders'), args: [] });
  process.kill(server.dlvPid, 'SIGSTOP');
  t.after(async () => {
    process.kill(server.dlvPid, 'SIGCONT');
    await server.stop();
  });
  const term = await startGotui(t, ['attach', '--handshake-timeout', '1s', `127.0.0.1:${server.address.port}`], { columns: 250 });
  if (!term) return;
  const screen = await term.waitFor('the exit', /\[exited 2\]/);
  assert.match(screen, new RegExp(`gotui: 127\\.0\\.0\\.1:${server.address.port} is served by dlv \\(pid ${server.dlvPid}\\), which is stopped \\(SIGSTOP, \\^Z, or a debugger holding it\\)`));
  assert.match(screen, new RegExp(`kill -CONT ${server.dlvPid} resumes it; then attach again\\.`));
  assert.doesNotMatch(screen, /not a Delve/);
});

test('an SSH host that cannot be reached: one sentence naming it, from the real gotui and ssh', async (t) => {
  if (!requireTool(t, !!findOnPath('unshare') && !!findOnPath('ssh') && process.geteuid?.() === 0, 'unshare (util-linux) and ssh, as root')) return;
  // A network namespace with no route anywhere: ssh meets "Network is unreachable" as on a dead VPN.
  const term = await openTmux(['unshare', '-n', process.execPath, gotui, 'attach', 'me@10.9.9.9:2345']);
  t.after(() => term.close());
  const screen = await term.waitFor('the exit', /\[exited 2\]/, 30_000);
  assert.match(screen, /gotui: 10\.9\.9\.9:22 \(of me@10\.9\.9\.9\) cannot be reached: network is unreachable\. Check the network path/);
});
