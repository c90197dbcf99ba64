import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer } from '../support/delve.js';
import { cliStopAndBreakpoints, dlvCli } from '../support/dlv-cli.js';
import { cliLine, gotuiStoppedAt, pairDir, stopLine } from '../support/pair.js';
import { sourcePane } from '../support/screen.js';
import { openTmux, startGotui } from '../support/tmux.js';
import { repoRoot } from '../../src/paths.js';
import { startRemoteDemo } from '../support/remote-host.js';
import { inNamespace } from '../support/sshd.js';

test('two gotuis and the dlv CLI on one Delve: steps, breakpoints and the wheel pass between them; a --follow viewer changes nothing', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const addr = `127.0.0.1:${server.address.port}`;
  const dir = pairDir(t);
  const loop = findMarker('orders', 'gotui:loop');
  const print = findMarker('orders', 'gotui:print');

  // Alice at 120x36, Bob at 200x50: each renders to its own size.
  const a = await gotuiStoppedAt(t, ['attach', addr], { columns: 120, rows: 36, env: { GOTUI_NAME: 'alice', GOTUI_PAIR_DIR: dir } }, loop.line, 'alice');
  if (!a) return;

  const b = (await startGotui(t, ['attach', addr], { columns: 200, rows: 50, env: { GOTUI_NAME: 'bob', GOTUI_PAIR_DIR: dir } }))!;
  await b.waitFor('bob follows alice', /alice drives · you follow/);
  await stopLine(b, 'bob', loop.line);
  await a.waitFor('alice sees bob', /you drive · bob follows/);
  await a.waitFor('the activity line', /» bob joined \(following\)/);

  // A step in A moves ▶ in B to the line the dlv CLI reports.
  await a.keys('n');
  await b.waitFor("bob's view of alice's step", /stopped \(step by alice\)/);
  const cli = await cliLine(server.address);
  assert.equal(sourcePane(await stopLine(b, 'bob', cli)).stop, cli);
  assert.equal(sourcePane(await stopLine(a, 'alice', cli)).stop, cli);
  // The console is painted a frame after the stop's status, source and stack.
  await b.waitFor("the stop's line, who made it", /Stop \d+ \(step by alice\)/);

  // A `next` typed in the dlv CLI moves both.
  await dlvCli(server.address, ['next']);
  const cli2 = await cliLine(server.address);
  assert.notEqual(cli2, cli);
  await stopLine(a, 'alice', cli2);
  await stopLine(b, 'bob', cli2);
  await a.waitFor('alice says who', /stopped \(step by another client\)/);
  await b.waitFor('bob says who', /Stop \d+ \(step by another client\)/);

  // Run control in a follower says why it does nothing.
  await b.keys('n');
  await b.waitFor('the reason', /Next line \(step over\): not now, alice drives/);

  // A breakpoint set in B appears in A's gutter (and the dlv CLI lists it).
  await b.line(`:break main.go:${print.line}`);
  await a.waitFor("bob's breakpoint in alice's gutter", new RegExp(`^│●\\s+${print.line} `, 'm'));
  await a.waitFor('the activity line', new RegExp(`» bob set a breakpoint at orders/main\\.go:${print.line}`));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${print.line}`));

  // :drive hands control from A to B.
  await b.line(':drive');
  await a.waitFor('the request', /bob asks to drive\. \[y\] hand over {2}\[n\] keep it/);
  await a.keys('y');
  await b.waitFor('bob drives', /you drive · alice follows/);
  await a.waitFor('alice follows', /bob drives · you follow/);
  await b.keys('n');
  await b.waitFor("bob's own step", /stopped \(step\) │/);
  const cli3 = await cliLine(server.address);
  await stopLine(a, 'alice', cli3);
  await a.waitFor('alice says who', /stopped \(step by bob\)/);

  // A --follow viewer: says so, refuses run control and breakpoints; the dlv CLI sees no change.
  const v = (await startGotui(t, ['attach', '--follow', addr], { columns: 80, rows: 24, env: { GOTUI_NAME: 'vera', GOTUI_PAIR_DIR: dir } }))!;
  await v.waitFor('the viewer (at 80 columns the status bar is cut)', /stopped \(as found\) │ stop \d+ │ read-only viewer · bob d/);
  await stopLine(v, 'vera', cli3);
  const before = await cliStopAndBreakpoints(server.address);
  await v.keys('n');
  await v.waitFor('refused', /[Nn]ot now[,:] read-only/);
  await v.line(`:break main.go:${loop.line + 1}`);
  await v.waitFor('refused breakpoint', /Not done: read-only viewer/);
  assert.equal(await cliStopAndBreakpoints(server.address), before, 'the dlv CLI sees the same stop and breakpoints');
  await b.waitFor('presence of three', /you drive · alice, vera follow/);
  // Its key hints leave out what it may not do (the driver's list them).
  await v.resize(200, 50);
  const bar = (await v.waitFor("the viewer's key hints", /read-only viewer · .*\? help/)).split('\n').find((l) => /read-only viewer · .*\? help/.test(l))!;
  assert.match(bar, /\. stop line .*q quit/);
  assert.doesNotMatch(bar, /b break|r run to|c cont|n next|p pause/);
  await v.keys('q');
  await v.waitFor('the viewer left as it found it', /Left 127\.0\.0\.1:\d+ halted/);
  await b.waitFor('the viewer gone', /» vera left/);
});

test('tmux pairing: gotui redraws at whatever size tmux gives it, without leftovers', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50, env: { GOTUI_PAIR_DIR: pairDir(t) } });
  if (!term) return;
  await term.waitFor('attached', /stopped/);
  // A second, smaller client joins the tmux session: tmux shrinks the window to it; then it leaves.
  for (const [cols, rows] of [
    [80, 24],
    [200, 50],
    [97, 31],
  ] as const) {
    await term.resize(cols, rows);
    // tmux keeps the old picture until gotui repaints: wait for a top border as wide as the window.
    const screen = await term.waitFor(`the frame at ${cols}x${rows}`, new RegExp(`^(?=[^\\n]{${cols}}$)┌─ 1 Source[^\\n]*┐$`, 'm'));
    const lines = screen.split('\n');
    assert.equal(lines.length, rows, `${rows} rows`);
    // Every pane row is closed by its border at the right edge: nothing left over from the old size.
    for (const l of lines.slice(0, rows - 3)) assert.ok([...l].length <= cols && /[│┐┘]$/.test(l), `row fits ${cols} columns and ends on a border: '${l}'`);
    assert.match(lines[rows - 2]!, /stopped/, 'the status bar on the second last row');
  }
});

test('through SSH: two gotuis from different machines meet at a private rendezvous on the Delve host, follow each other, and the hub is taken over when its host leaves', async (t) => {
  const remote = await startRemoteDemo(t, 'orders', ['-quiet', '-every', '20ms'], { runtimeDir: true });
  if (!remote) return;
  const loop = remote.marker('gotui:loop');
  // Each gotui has a pairing directory of its own here, as on two machines: they can meet only on the host.
  const [dirA, dirB, dirC] = [pairDir(t), pairDir(t), pairDir(t)];
  const env = (name: string, dir: string) => ({ PATH: remote.sshd.path, GOTUI_NAME: name, GOTUI_PAIR_DIR: dir, XDG_RUNTIME_DIR: path.dirname(dir) });
  const a = await gotuiStoppedAt(t, ['attach', `root@${remote.destination}`], { columns: 160, rows: 40, env: env('alice', dirA) }, loop.line, 'alice');
  if (!a) return;
  await a.waitFor('attached over SSH', /\(ssh\)/);

  const b = (await startGotui(t, ['attach', `root@${remote.destination}`], { columns: 160, rows: 40, env: env('bob', dirB) }))!;
  await b.waitFor('bob follows alice', /alice drives · you follow/, 30_000);
  await stopLine(b, 'bob', loop.line);
  await a.waitFor('alice sees bob', /you drive · bob follows/);
  await a.waitFor('the activity line', /» bob joined \(following\)/);
  await b.line(':who');
  await b.waitFor(':who lists both', /alice\s+driving [\s\S]*bob\s+following .*you/);

  // The rendezvous is on the host, in the user's runtime directory there, owner-only; nothing here.
  const dir = `${remote.runtimeDir}/gotui`;
  // Named for the Delve there: its port and pid (a new Delve on that port meets at another).
  const sock = `${dir}/pair-local-${remote.server.address.port}-${remote.server.dlvPid}.sock`;
  const st = (await inNamespace(remote.sshd, ['stat', '-c', '%a %u %F', dir, sock])).stdout.split('\n');
  assert.deepEqual(st, ['700 0 directory', '600 0 socket'], 'a 0700 directory of the user, an owner-only socket');
  for (const d of [dirA, dirB]) assert.ok(!fs.existsSync(d) || !fs.readdirSync(d).some((f) => f.startsWith('pair-')), `no rendezvous in ${d} here`);
  const probe = `require('net').connect(${JSON.stringify(sock)}).on('connect',()=>{console.log('connected');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(0)})`;
  const other = await inNamespace(remote.sshd, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe]);
  assert.equal(other.stdout.trim(), 'EACCES', 'another user on the host is refused');

  // A step in A moves ▶ in B to the line the dlv CLI reports, said with who.
  await a.keys('n');
  await b.waitFor("bob's view of alice's step", /stopped \(step by alice\)/);
  const cli = await cliLine(remote.server.address);
  await stopLine(b, 'bob', cli);
  await b.waitFor("the stop's line, who made it", /Stop \d+ \(step by alice\)/);

  // Alice (who hosts the hub through her SSH connection) leaves: bob takes the hub over and drives.
  await a.keys('q');
  await a.waitFor('alice left', /Left .* halted/);
  await b.waitFor('bob drives, told so as "you"', /» alice left; you drive/);
  // A third gotui meets bob at the same socket on the host, now served through bob's connection.
  const c = (await startGotui(t, ['attach', `root@${remote.destination}`], { columns: 160, rows: 40, env: env('carol', dirC) }))!;
  await c.waitFor('carol follows bob', /bob drives · you follow/, 30_000);
  await b.waitFor('bob sees carol', /you drive · carol follows/);
  await b.keys('n');
  // Asked once bob's step has stopped: while a DAP step runs, Delve answers the dlv CLI only at its end.
  await b.waitFor("bob's own step", /stopped \(step\)/);
  const cli2 = await cliLine(remote.server.address);
  await stopLine(c, 'carol', cli2);
  await c.waitFor('carol says who', /stopped \(step by bob\)/);
});

test('a value the dlv CLI sets shows in gotui, said as another client\'s change, as the dlv CLI prints it', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const at = findMarker('orders', 'gotui:process');
  const term = await gotuiStoppedAt(t, ['attach', `127.0.0.1:${server.address.port}`], { columns: 160, rows: 40, env: { GOTUI_PAIR_DIR: pairDir(t) } }, at.line);
  if (!term) return;
  await term.waitFor('the locals', /│\s*n int = 5\s/);

  const cli = await dlvCli(server.address, ['set n = 4242', 'print n']);
  assert.match(cli, /^4242$/m, 'the dlv CLI set it');
  await term.waitFor('the new value in the variables pane', /│\s*n int = 4242\s/);
  await term.waitFor('the activity line', new RegExp(`» Another client \\(the dlv CLI, an editor\\) changed a value in orders/main\\.go:${at.line};`));
});

test("a driver suspended with Ctrl-Z cannot answer: the other gotui's :drive takes the wheel at once; back with fg, she follows, at the stop the dlv CLI shows", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const addr = `127.0.0.1:${server.address.port}`;
  const dir = pairDir(t);
  const loop = findMarker('orders', 'gotui:loop');
  // Bob first (his gotui hosts the rendezvous); alice in an interactive shell, as a user's, whose job control stops her.
  const b = await gotuiStoppedAt(t, ['attach', addr], { columns: 120, rows: 36, env: { GOTUI_NAME: 'bob', GOTUI_PAIR_DIR: dir } }, loop.line, 'bob');
  if (!b) return;
  const a = await openTmux(['bash', '--norc', '--noprofile', '-i'], { columns: 120, rows: 36, env: { GOTUI_NO_RESTORE: '1', PS1: 'shell$ ', GOTUI_NAME: 'alice', GOTUI_PAIR_DIR: dir } });
  t.after(() => a.close());
  await a.waitFor('the shell', /shell\$\s*$/m);
  await a.line(`${path.join(repoRoot, 'bin', 'gotui.js')} attach ${addr}`);
  await a.waitFor('alice follows', /bob drives · you follow/, 30_000);
  await b.line(':drive give alice');
  await a.waitFor('alice drives', /you drive · bob follows/);

  await a.keys('C-z');
  await a.waitFor('the shell back', /Stopped[^\n]*gotui[\s\S]*shell\$\s*$/);
  await b.line(':drive');
  await b.waitFor("bob's :drive answered at once", /Taking the wheel: alice is suspended \(Ctrl-Z\) and cannot answer\./);
  await b.waitFor('bob drives', /you drive · alice follows/);
  await b.keys('n');
  await b.waitFor("bob's step", /stopped \(step\)/);
  const cli = await cliLine(server.address);
  await stopLine(b, 'bob', cli);

  await a.line('fg');
  await a.waitFor('alice back, following', /bob drives · you follow/);
  await a.waitFor('what happened meanwhile', /» bob took the wheel while you were suspended \(Ctrl-Z\)/);
  assert.equal(sourcePane(await stopLine(a, 'alice', cli)).stop, cli, "alice shows bob's stop, where the dlv CLI is");
});

test("at 80x24 the status bar says the whole reason of a stop the dlv CLI's continue brought, in fewer words (trial CD read `stopped (breakpoint other#3, resumed by an…`)", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const loop = findMarker('orders', 'gotui:loop');
  const item = findMarker('orders', 'gotui:item');
  const term = await gotuiStoppedAt(t, ['attach', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 }, loop.line);
  if (!term) return;
  const cli = await dlvCli(server.address, [`break main.go:${item.line}`, 'continue']);
  const id = /^Breakpoint (\d+) set at /m.exec(cli)?.[1];
  assert.match(cli, new RegExp(`\\[Breakpoint ${id}\\] .*main\\.go:${item.line}`), cli);
  await stopLine(term, 'gotui', item.line);
  const screen = await term.waitFor('the whole reason on the status bar', new RegExp(`^ stopped \\(bp other#${id}, by another client\\) │ stop \\d+ │ `, 'm'));
  assert.doesNotMatch(screen, /resumed by an…/, screen);
});
