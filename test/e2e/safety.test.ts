import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from '../../src/app/target-process.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { childrenOf, exeOf } from '../../src/delve/server.js';
import { repoRoot } from '../../src/paths.js';
import { cliFrames } from '../support/dlv-cli.js';
import { sourcePane } from '../support/screen.js';
import { descendants, openTmux, startGotui } from '../support/tmux.js';

test('a target printing escape sequences cannot retitle the pane, write the clipboard or overwrite lines', async (t) => {
  // The inventory demo with -hostile is the FAULT INJECTOR: a target that prints a title (OSC 0),
  // a clipboard write (OSC 52), a link (OSC 8), \r, \b and a cursor jump after every round.
  // tmux honours OSC 52 here (set-clipboard on): a write that got through would be a paste buffer.
  const term = await startGotui(t, ['demo', 'inventory', '--', '-hostile', '-every', '1s', '-quiet'], { conf: ['set -g set-clipboard on'], columns: 200, rows: 50 });
  if (!term) return;
  const titleBefore = await term.paneTitle();
  const screen = await term.waitFor('the hostile lines in the console', /innocent line\^MSPOOFED/, 90_000);
  assert.match(screen, /backspace ab\^H\^HXY/, 'backspaces are shown, not obeyed');
  assert.match(screen, /title\s+set/, 'the title sequence is dropped from the line');
  assert.match(screen, /jump overwrote the top/, 'the cursor jump is dropped, its text stays on its own line');
  assert.match(screen, /c1 \\x9b31m csi, bad utf8 \\xff\\xfe\\xc3\( end/, 'bytes that are not UTF-8 (a raw C1 byte among them) as written, not U+FFFD');
  assert.doesNotMatch(screen, /PWNED|evil\.example/, 'no payload of a sequence is shown or obeyed');
  assert.match(screen.split('\n')[0]!, /^┌─ 1 Source/, 'the top line is still gotui\'s own');
  assert.equal(await term.paneTitle(), titleBefore, 'the pane title is unchanged');
  assert.equal(await term.buffers(), '', 'nothing reached the clipboard');
});

for (const how of ['hangs up (SIGHUP)', 'vanishes without a signal (EIO)'] as const) {
  test(`the terminal ${how}: gotui ends as q would, quietly, and leaves the service as found`, async (t) => {
    // A service someone else started: running.
    const server = await runningService(t, ['-every', '30ms', '-slow', '50ms']);
    const errors = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-gone-')), 'stderr');
    t.after(() => fs.rmSync(path.dirname(errors), { recursive: true, force: true }));
    // setsid: gotui is not in the terminal's session, so the kernel's hangup never reaches it and it
    // learns of the loss only from its reads and writes failing.
    const wrap = how.includes('EIO') ? ['setsid'] : [];
    const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`], { wrap: ['sh', '-c', 'exec "$@" 2>"$0"', errors, ...wrap] });
    if (!term) return;
    const pid = await term.appPid();
    await term.waitFor('the running target', /running/);
    const round = lastRound(server.output) + 30;
    await term.line(`:break main.newWarehouse if round > ${round}`);
    await term.waitFor('the breakpoint', /Breakpoint #1/);
    await term.vanish();
    await waitFor('gotui to end', () => !processAlive(pid) || undefined, 10_000);
    const printed = fs.readFileSync(errors, 'utf8');
    assert.doesNotMatch(printed, /internal error|Assertion|EIO|at .*\.js:\d+/, `no crash or stack trace: ${printed}`);
    const now = lastRound(server.output);
    await waitFor('the service to run past the breakpoint\'s round', () => lastRound(server.output) > Math.max(now, round) + 10 || undefined, 30_000);
    // Last: the dlv CLI halts a running target when it connects.
    assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.newWarehouse/, 'gotui removed its breakpoint');
  });
}

test('the terminal hangs up while gotui holds the service at its breakpoint: the service runs again, the breakpoint gone', async (t) => {
  const server = await runningService(t, ['-every', '30ms']);
  const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`]);
  if (!term) return;
  const pid = await term.appPid();
  await term.waitFor('the running target', /running/);
  await term.line(':break main.newWarehouse');
  await term.waitFor('the stop at gotui\'s breakpoint', /stopped \(breakpoint #1\)/);
  const held = lastRound(server.output);
  await term.vanish();
  await waitFor('gotui to end', () => !processAlive(pid) || undefined, 10_000);
  // Nobody is left to answer q's question: the halt was gotui's, so the service goes on.
  await waitFor('the service to run again', () => lastRound(server.output) > held + 5 || undefined, 30_000);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.newWarehouse/, 'gotui removed its breakpoint');
});

test('the terminal hangs up after attach --stop halted the running service: the service runs again', async (t) => {
  const server = await runningService(t, ['-every', '30ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`]);
  if (!term) return;
  const pid = await term.appPid();
  await term.waitFor('the halt gotui made', /stopped \(pause\) .*│ 127\.0\.0\.1:\d+/);
  const held = lastRound(server.output);
  await term.vanish();
  await waitFor('gotui to end', () => !processAlive(pid) || undefined, 10_000);
  await waitFor('the service to run again', () => lastRound(server.output) > held + 5 || undefined, 30_000);
});

test('SIGTERM to gotui attached to a target it found halted and never ran: left halted, as found', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`]);
  if (!term) return;
  // Nobody paused it now: the status says it was found so.
  await term.waitFor('the session', /stopped \(as found\) .*│ 127\.0\.0\.1:\d+/);
  process.kill(await term.appPid(), 'SIGTERM');
  const screen = await term.waitFor('the exit', /\[exited 143\]/);
  assert.match(screen, /gotui: Left 127\.0\.0\.1:\d+ halted\./);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, false, 'Delve says the target is halted');
});

test('Ctrl-Z gives the terminal to the shell and leaves the target halted; fg after a resize paints the new size, and the session goes on', async (t) => {
  const server = await startDemoServer(t, 'orders');
  // An interactive bash, as a user's: its job control is what stops gotui's process group and `fg` continues.
  const term = await openTmux(['bash', '--norc', '--noprofile', '-i'], { columns: 100, rows: 30, env: { GOTUI_NO_RESTORE: '1', PS1: 'shell$ ' } });
  t.after(() => term.close());
  await term.waitFor('the shell', /shell\$\s*$/m);
  const bash = await term.appPid();
  await term.line(`${path.join(repoRoot, 'bin', 'gotui.js')} attach 127.0.0.1:${server.address.port}`);
  await term.waitFor('the session', /stopped \(as found\) .*│ stop 1 │/);
  const gotui = await waitFor('gotui under the shell', () => childrenOf(bash)[0]);
  await term.keys('C-z');
  const shell = await term.waitFor('the shell back', /Stopped[^\n]*gotui[\s\S]*shell\$\s*$/);
  assert.match(shell, /gotui is suspended: fg brings it back\. The target stays halted\./);
  assert.doesNotMatch(shell, /┌─ 1 Source/, 'the alternate screen was left');
  assert.equal(fs.readFileSync(`/proc/${gotui}/stat`, 'utf8').replace(/^.*\) /s, '')[0], 'T', 'gotui is stopped');
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, false, 'Delve says the target is still halted');
  await term.line('echo typed-$((40+2))');
  await term.waitFor('the shell working', /^typed-42$/m);
  // Resized while gotui was stopped: only the shell heard of it.
  await term.resize(120, 32);
  await term.line('fg');
  const back = await term.waitFor('gotui back', /stopped \(as found\) .*│ stop 1 │/);
  assert.equal(back.split('\n')[0]!.length, 120, `the frame is as wide as the terminal now\n${back}`);
  await term.line(':break main.main');
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  const stepped = await term.waitFor('the stop at main.main', /stopped .*│ stop 2 │/);
  const want = cliFrames(await dlvCli(server.address, ['stack 5']))[0]!;
  assert.equal(sourcePane(await term.waitFor('the stop line', new RegExp(`▶\\s*${want.line} `))).stop, want.line, stepped);
});

test('Ctrl-C while gotui test builds: the build ends at once, its processes, binary and work folder with it', async (t) => {
  // A package of its own, built with a cache of its own: cold, the build takes seconds (trial CA: 26 s).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cancel-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pkg = path.join(dir, 'slow');
  fs.mkdirSync(pkg);
  fs.mkdirSync(path.join(dir, 'tmp'));
  fs.writeFileSync(path.join(pkg, 'go.mod'), 'module example.com/slow\n\ngo 1.22\n');
  fs.writeFileSync(path.join(pkg, 'slow.go'), 'package slow\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\nfunc Handler() http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { json.NewEncoder(w).Encode(1) })\n}\n');
  fs.writeFileSync(path.join(pkg, 'slow_test.go'), 'package slow\n\nimport "testing"\n\nfunc TestSlow(t *testing.T) {\n\tif Handler() == nil {\n\t\tt.Fatal("nil")\n\t}\n}\n');
  const term = await startGotui(t, ['test', pkg], { env: { GOCACHE: path.join(dir, 'cache'), GOTMPDIR: path.join(dir, 'tmp') } });
  if (!term) return;
  const pid = await term.appPid();
  await term.waitFor('the build', /Building the tests of .* under Delve\.\.\./, 60_000);
  // Mid-build: go has a compiler running.
  const started = await waitFor('a compiler under gotui', () => {
    const all = descendants(pid);
    return all.some((p) => /\/compile$/.test(exeOf(p) ?? '')) ? all : undefined;
  }, 60_000);
  process.kill(pid, 'SIGINT');
  const screen = await term.waitFor('the exit', /\[exited \d+\]/, 10_000);
  assert.match(screen, /gotui: Build of the tests of .*slow cancelled; nothing left running\.\n\[exited 130\]/);
  const left = started.filter(processAlive);
  assert.deepEqual(left.map((p) => `${p} ${exeOf(p)}`), [], 'no process gotui started runs on');
  assert.deepEqual(fs.readdirSync(pkg).sort(), ['go.mod', 'slow.go', 'slow_test.go'], 'no debug.test binary is left');
  assert.deepEqual(fs.readdirSync(path.join(dir, 'tmp')), [], 'no go-build work folder is left');
});

/** The inventory demo under a Delve another client runs (its JSON-RPC continue), printing rounds. */
async function runningService(t: TestContext, args: string[]) {
  const server = await startDemoServer(t, 'inventory', args);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  void rpc.call('Command', { name: 'continue' }).catch(() => undefined);
  await waitFor('the demo running', () => server.output.some((l) => /^round \d+/.test(l)) || undefined);
  return server;
}

function lastRound(output: string[]): number {
  return Number(/^round (\d+)/.exec(output.filter((l) => /^round \d+/.test(l)).at(-1) ?? '')?.[1] ?? 0);
}

test("Delve stopped (SIGSTOP) at n: a second n is refused at once, not after the first one's 15 s limit, and the stall's end is said", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50 });
  if (!term) return;
  await term.waitFor('the target halted at its entry', /stopped/);
  await term.line(':break main.process');
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await term.waitFor('the stop at the breakpoint', /stopped \(breakpoint #1\)/);
  await term.line(':clear 1');
  await term.waitFor('the breakpoint cleared', /Cleared #1 /);
  process.kill(server.dlvPid, 'SIGSTOP');
  t.after(() => {
    try {
      process.kill(server.dlvPid, 'SIGCONT');
    } catch {
      // ended already
    }
  });
  await term.keys('n');
  await term.waitFor('the stall in the status bar', /· step unanswered/);
  await term.keys('n');
  const refused = await term.waitFor('the second n refused', /Delve has not answered the 'next' sent before; it carries it out when it does/);
  assert.doesNotMatch(refused, /within 15s/, "refused before the first step's limit");
  process.kill(server.dlvPid, 'SIGCONT');
  // "runs now" when the answer comes alone, "has run" when the stop comes with it (a busy machine reads both at once).
  const after = await term.waitFor('the stall over', /Delve answers again: the step it held (runs now|has run)\./);
  await term.waitFor('the status bar without the stall', /stopped \(step\)(?! · step unanswered)/);
  assert.doesNotMatch(after, /within 15s/);
});
