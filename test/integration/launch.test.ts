import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import { UserError } from '../../src/errors.js';
import { execa } from 'execa';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { listeningPid } from '../../src/app/target-process.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { repoRoot } from '../../src/paths.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { buildGoProgram } from '../support/go-program.js';
import { headlessApp, waitForStop } from '../support/session.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';
import { sourceFeature } from '../../src/source/feature.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};


test('gotui exec: Delve is found and started on loopback; quitting ends the debuggee and that Delve', async (t) => {
  const binary = await buildDemo('orders');
  const progress: string[] = [];
  const conn = await openTarget({ kind: 'exec', program: binary, args: [] }, (l) => progress.push(l));
  t.after(() => conn.server?.stop());
  assert.equal(conn.address.host, '127.0.0.1');
  assert.ok(conn.owned);
  assert.match(progress.join('\n'), /Using Delve \d+\.\d+\.\d+/);
  const { app, ended, rec } = headlessApp(conn);
  await app.start();
  assert.equal(app.session.state.status, 'running');
  await waitFor('the debuggee output in the console', () => rec.console.some((l) => l.kind === 'output' && /^order \d+/.test(l.text)) || undefined);
  const { targetPid, dlvPid } = conn.server!;
  assert.ok(targetPid && alive(targetPid));
  await app.run('quit');
  assert.equal(ended.code, 0);
  assert.match(ended.message!, /Ended orders and its Delve/);
  await waitFor('the debuggee and Delve to be gone', () => (!alive(targetPid!) && !alive(dlvPid)) || undefined, 10_000);
});

test('gotui exec --stop: the program gotui started waits at its entry, said as that (not a pause, not as found)', async (t) => {
  const conn = await openTarget({ kind: 'exec', program: await buildDemo('orders'), args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn, { stop: true });
  await app.start();
  assert.equal(app.session.state.status, 'stopped');
  assert.equal(app.session.state.stop?.reason, 'entry');
  assert.equal(app.session.state.stop?.found, undefined);
  // No goroutine has a stack yet: an expression is still evaluated, as the dlv CLI does there.
  const from = rec.console.length;
  const said = () => rec.console.slice(from).map((l) => l.text).join('\n');
  assert.ok(await app.run('print 1+1'), said());
  assert.match(said(), /^2$/m, said());
  assert.equal(await app.run('list'), false);
  assert.match(said(), /There is no stop line to go back to: no goroutine has a stack yet \(the program is at its entry/, said());
  await app.run('quit');
});

test('gotui attach --pid: a halted target is resumed or left as the user says, never killed', async (t) => {
  const binary = await buildDemo('orders');
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => child.kill('SIGKILL'));
  const lines: string[] = [];
  child.stdout.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
  await waitFor('the demo to start', () => lines.length > 0 || undefined);

  const conn = await openTarget({ kind: 'pid', pid: child.pid! }, () => {});
  t.after(() => conn.server?.stop());
  assert.equal(conn.owned, false);
  const { app, ended, asked, rec } = headlessApp(conn);
  await app.start();
  // Delve attached to it: Delve cannot start it again, and gotui says so before asking (Delve would halt it first).
  assert.equal(await app.run('restart'), false);
  assert.ok(rec.console.some((l) => /^restart is not available: Delve attached to this process as it ran \(dlv attach\): only a program Delve started .* can be restarted\./.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  assert.equal(app.session.state.status, 'running');
  assert.ok(await app.run('pause'));
  await waitFor('the pause', () => (app.session.state.status === 'stopped' && app.session.stopCount > 0) || undefined);
  await app.run('quit');
  assert.match(asked.join('\n'), /^Halted now \(running at attach\):$/, 'asks before leaving, saying it ran when Delve attached');
  assert.equal(ended.code, undefined, 'has not quit yet');
  const printed = lines.length;
  await app.run('quit -resume');
  assert.equal(ended.code, 0);
  assert.match(ended.message!, /running/);
  await waitFor('the process to go on printing', () => lines.length > printed + 2 || undefined, 10_000);
  assert.ok(alive(child.pid!));
});

test('gotui debug DIR builds the package under Delve and runs it', async (t) => {
  const conn = await openTarget({ kind: 'debug', pkg: path.join(repoRoot, 'demos', 'orders'), args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  await waitFor('the built program printing', () => rec.console.some((l) => /^order \d+/.test(l.text)) || undefined, 30_000);
  await app.run('quit');
});

test("gotui debug of a package that does not build: go build's errors, one a line, their paths from where gotui runs (trial X: relative to the package's folder, on one line)", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-badbuild-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'cart'));
  fs.mkdirSync(path.join(dir, 'cmd', 'shop'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.21\n');
  fs.writeFileSync(path.join(dir, 'cart', 'cart.go'), 'package cart\n\nfunc Total() int {\n\treturn undefinedVar + otherBad\n}\n');
  fs.writeFileSync(path.join(dir, 'cmd', 'shop', 'main.go'), 'package main\n\nimport "example.com/shop/cart"\n\nfunc main() { println(cart.Total()) }\n');
  const err = await openTarget({ kind: 'debug', pkg: path.join(dir, 'cmd', 'shop'), args: [] }, () => {}).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  // The oracle: go build's own words, run in the same folder, its paths made the same way.
  const go = await execa('go', ['build', '-o', os.devNull, '.'], { cwd: path.join(dir, 'cmd', 'shop'), reject: false });
  const want = [...go.stderr.matchAll(/^(\S+\.go):(\d+:\d+: .*)$/gm)].map((m) => `${path.relative(process.cwd(), path.resolve(dir, 'cmd', 'shop', m[1]!))}:${m[2]}`);
  assert.equal(want.length, 2, go.stderr);
  const rel = path.relative(process.cwd(), path.join(dir, 'cmd', 'shop'));
  assert.equal(err?.message, `The build failed (go build ${rel.startsWith('.') ? rel : `./${rel}`} says the same):\n  ${want.join('\n  ')}`);
});

test('gotui attach to a target another client halted leaves it halted (attach would otherwise resume it)', async (t) => {
  // A headless Delve that started its target halts it at entry, as if a user had halted it.
  const server = await startDemoServer(t, 'orders');
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, rec } = headlessApp(conn);
  await app.start();
  assert.equal(app.session.state.status, 'stopped');
  assert.ok(rec.console.some((l) => /already halted; gotui leaves it halted/.test(l.text)));
  assert.equal(app.session.state.stop?.found, true, 'the stop is said as found, not as a pause');
  assert.match(app.session.state.delveVersion, /^\d+\.\d+\.\d+$/, 'the version comes from Delve itself');
  await app.run('quit -leave');

  // --stop on a target already halted halts nothing: still as found, not a pause of gotui's.
  const again = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}), { stop: true });
  await again.app.start();
  assert.equal(again.app.session.state.stop?.found, true, 'as found, with --stop too');
  assert.ok(again.rec.console.some((l) => /already halted; gotui leaves it halted \(--stop had nothing to halt\)/.test(l.text)));
  await again.app.run('quit -leave');
});

test('a breakpoint typed after a program gotui started has ended says it ended, not that the line has no code', async (t) => {
  const binary = await buildGoProgram(t, 'ends', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("done")\n}\n');
  const conn = await openTarget({ kind: 'exec', program: binary, args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  await waitFor('the program done', () => rec.console.some((l) => l.text === 'done') || undefined, 20_000);
  await waitFor('its end seen', () => (app.session.state.status === 'exited' ? true : undefined), 10_000);
  // Kept for the restart (the breakpoint typed for it), and said so, not "no code at main.go:6".
  const okBreak = await app.run('break main.go:6');
  assert.equal(okBreak, true, rec.console.map((l) => l.text).join('\n'));
  const said = rec.console.map((l) => l.text).join('\n');
  assert.match(said, /^Breakpoint #1 main\.go:6 \(kept: the program has exited; :restart sets it\)$/m, said);
  const since = app.session.stopCount;
  assert.ok(await app.run('restart'), rec.console.map((l) => l.text).join('\n'));
  const stop = await waitForStop(app.session, since, 20_000);
  assert.equal(stop.frame?.line, 6, 'the restarted program stopped at the breakpoint');
  const [top] = cliFrames(await dlvCli(conn.server!.address, ['stack 1']));
  assert.equal(top?.line, 6, 'where the dlv CLI says it is');
  assert.equal(app.session.state.breakpoints[0]?.verified, true);
  // The pairing outlived the exit: what another client does to the restarted program is still seen.
  assert.match(await dlvCli(conn.server!.address, ['break main.main']), /for main\.main\(\) \S*main\.go:5$/m);
  await waitFor('the dlv CLI\'s breakpoint seen', () => (rec.console.some((l) => /^» Another client set a breakpoint at .*main\.go:5 \(main\.main\)\.$/.test(l.text)) ? true : undefined), 10_000).catch((e) => assert.fail(`${e.message}\n${rec.console.map((l) => l.text).join('\n')}`));
  await app.run('quit -kill');
});

test(':info names the target and its pid, the stop, and where Delve listens: the dlv CLI connects there and sees the same stop', async (t) => {
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-quiet', '-every', '20ms'] }, () => {});
  const server = conn.server!;
  t.after(() => server.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  const loop = findMarker('orders', 'gotui:loop');
  // A demo runs from the start: it reaches the breakpoint by itself.
  const since = app.session.stopCount;
  assert.ok(await app.run(`break main.go:${loop.line}`), rec.console.map((l) => l.text).join('\n'));
  await waitForStop(app.session, since, 20_000);
  const from = rec.console.length;
  assert.ok(await app.run('info'));
  const info = rec.console.slice(from).map((l) => l.text).join('\n');
  assert.match(info, new RegExp(`^Target  demo orders \\(pid ${server.targetPid}\\), started by gotui: q ends it with its Delve$`, 'm'), info);
  assert.match(info, new RegExp(`^Delve   \\d+\\.\\d+\\.\\d+ at 127\\.0\\.0\\.1:${server.address.port} \\(pid ${server.dlvPid}\\)$`, 'm'), info);
  const stop = /^State   stopped; stop (\d+) \(breakpoint #1\) at (\S+):(\d+) \(goroutine (\d+)\)$/m.exec(info);
  assert.ok(stop, info);
  assert.equal(Number(stop[1]), app.session.stopCount);
  // The address it gives is the one the dlv CLI reaches, and the CLI sees the stop it names.
  const addr = /^ {8}The dlv CLI can look too, while the target is stopped: dlv connect (\S+):(\d+)$/m.exec(info);
  assert.ok(addr, info);
  const [top] = cliFrames(await dlvCli({ host: addr[1]!, port: Number(addr[2]) }, [`goroutine ${stop[4]} stack 1`]));
  assert.equal(`${path.basename(top!.file)}:${top!.line}`, `${path.basename(stop[2]!)}:${stop[3]}`);
  await app.run('quit -kill');
});

test(':info after a pause says whether the goroutine it names is the one Delve stopped, or gotui\'s pick because the thread Delve stopped runs none (as the dlv CLI\'s goroutine says)', async (t) => {
  const server = await startDemoServer(t, 'goroutine-leak');
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, rec } = headlessApp(conn);
  await app.start();
  // Running, then paused: the program mostly sleeps, so Delve often stops a thread in the scheduler.
  assert.ok(await app.run('continue'));
  await waitFor('the program to tick', () => server.output.some((l) => /^tick 2 /.test(l)) || undefined, 20_000);
  const since = app.session.stopCount;
  assert.ok(await app.run('pause'));
  await waitForStop(app.session, since);
  const from = rec.console.length;
  assert.ok(await app.run('info'));
  const info = rec.console.slice(from).map((l) => l.text).join('\n');
  const state = /^State   stopped; stop \d+ \(pause\) at \S+ \(goroutine (\d+)(; the thread Delve stopped runs none, so gotui shows the program's)?(; shown: frame (\d+) (\S+) \S+)?\)$/m.exec(info);
  assert.ok(state, info);
  // The frame on screen is named when it is not the top one (gotui shows the program's first frame after a pause).
  const frame = app.session.state.selection?.frame;
  if (frame && frame.index > 0) assert.deepEqual([state[4], state[5]], [String(frame.index), frame.name], info);
  else assert.equal(state[3], undefined, info);
  const cli = await dlvCli(server.address, ['goroutine']);
  const current = /Goroutine (\d+)/.exec(cli)?.[1];
  if (current) assert.deepEqual([state[1], state[2]], [current, undefined], `${info}\n--- dlv ---\n${cli}`);
  else assert.ok(state[2], `${info}\n--- dlv ---\n${cli}`);
  await app.run('quit -resume');
});

test(':info of a target found halted by another client\'s breakpoint names the goroutine Delve stopped, and no thread that runs none (trial L)', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet']);
  // The dlv CLI's break and continue: the target halts at main.process with a thread on goroutine 1.
  await dlvCli(server.address, ['break main.process', 'continue']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, rec } = headlessApp(conn);
  await app.start();
  const from = rec.console.length;
  assert.ok(await app.run('info'));
  const info = rec.console.slice(from).map((l) => l.text).join('\n');
  const cli = await dlvCli(server.address, ['goroutine']);
  const current = /Goroutine (\d+)/.exec(cli)?.[1];
  assert.ok(current, cli);
  assert.match(info, new RegExp(`^State   stopped; stop \\d+ \\(as found\\) at \\S+main\\.go:\\d+ \\(goroutine ${current}\\)$`, 'm'), `${info}\n--- dlv ---\n${cli}`);
  assert.doesNotMatch(info, /runs none/);
});

test('a call that ends the program says so (not a syntax hint), and run control then points to :restart', async (t) => {
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-quiet', '-every', '20ms'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  const loop = findMarker('orders', 'gotui:loop');
  const since = app.session.stopCount;
  assert.ok(await app.run(`break main.go:${loop.line}`));
  await waitForStop(app.session, since, 20_000);
  const from = rec.console.length;
  assert.equal(await app.run('call os.Exit(3)'), false);
  await waitFor('the exit', () => (app.session.state.status === 'exited' ? true : undefined), 10_000);
  const said = () => rec.console.slice(from).map((l) => l.text).join('\n');
  assert.match(said(), /^The call ended the program: 'os\.Exit\(3\)' did not return\. :restart runs it again\.$/m, said());
  assert.doesNotMatch(said(), /Go syntax/);
  assert.match(said(), /exited with code 3/);
  assert.equal(await app.run('next'), false);
  assert.match(said(), /the target has exited; :restart runs it again/, said());
  await app.run('quit -kill');
});

test("after :restart the goroutines pane compares nothing with the old process: no group of it shows as vanished, and the counts are the dlv CLI's", async (t) => {
  const conn = await openTarget({ kind: 'demo', name: 'inventory', args: ['-every', '20ms'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  const g = app.models.model(goroutinesFeature);
  const report = findMarker('inventory', 'gotui:report');
  let since = app.session.stopCount;
  assert.ok(await app.run(`break ${path.basename(report.file)}:${report.line}`), rec.console.map((l) => l.text).join('\n'));
  await waitForStop(app.session, since, 20_000);
  const before = await waitFor('the groups of the first stop', () => (g.get().status === 'ready' && g.get().snapshot?.pid ? g.get().snapshot : undefined), 20_000);
  // A step in report: its goroutine moves to another line's group, the delta this pane shows between stops.
  since = app.session.stopCount;
  assert.ok(await app.run('next'));
  await waitForStop(app.session, since, 20_000);
  await waitFor('the groups of the step', () => (g.get().status === 'ready' && g.get().snapshot!.seq > before.seq && g.get().diff ? true : undefined), 20_000);
  const stepped = g.get().snapshot!;
  // Every state the pane goes through: its first read of the new process is the one to check (a read
  // again at that stop compares with that first one, of the same process, and may come before a poll sees it).
  const states: ReturnType<typeof g.get>[] = [];
  const off = g.subscribe(() => states.push(g.get()));
  t.after(off);
  since = app.session.stopCount;
  assert.ok(await app.run('restart'), rec.console.map((l) => l.text).join('\n'));
  await waitForStop(app.session, since, 30_000);
  const state = await waitFor('the groups of the restarted process', () => states.find((s) => s.status === 'ready' && s.snapshot!.seq > stepped.seq), 20_000);
  const after = state.snapshot!;
  assert.notEqual(after.pid, before.pid, 'a new process');
  assert.equal(state.diff, undefined);
  assert.equal(state.noDiff, 'restarted');
  assert.deepEqual(state.rows.filter((r) => r.change === 'vanished' || r.delta !== undefined).map((r) => r.name), [], 'no deltas across processes');
  // The oracle: the dlv CLI on the same Delve, at the same stop.
  const cli = await dlvCli(conn.server!.address, ['goroutines -group userloc']);
  const groups = [...cli.matchAll(/^\s*Total: (\d+)$/gm)].map((m) => Number(m[1]));
  assert.equal(after.groups.length, groups.length, cli);
  assert.equal(after.total, groups.reduce((n, x) => n + x, 0), cli);
  await app.run('quit -kill');
});

test('a pairing directory that cannot be made does not keep gotui from attaching: pairing says why, the session works', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const before = process.env.GOTUI_PAIR_DIR;
  process.env.GOTUI_PAIR_DIR = path.join(os.tmpdir(), `gotui-no-such-${process.pid}`, 'deeper', 'p');
  t.after(() => (process.env.GOTUI_PAIR_DIR = before));
  const { app, rec } = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}));
  await app.start();
  assert.ok(rec.console.some((l) => /^Pair debugging: no rendezvous with other gotuis \(Cannot make .* for pairing/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  assert.ok(await app.run('print 1+1'));
  await app.run('quit -leave');
});

test('--listen PORT: the Delve gotui starts listens on that loopback port, where the dlv CLI finds the same process; a port in use is said before Delve starts', async (t) => {
  // A port free a moment ago, as a user picks one.
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen({ host: '127.0.0.1', port: 0 }, () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-quiet'] }, () => {}, undefined, { listenPort: port });
  t.after(() => conn.server?.stop());
  assert.deepEqual(conn.address, { host: '127.0.0.1', port });
  const cli = await dlvCli({ host: '127.0.0.1', port }, ['target list']);
  assert.match(cli, new RegExp(`^\\*?\\s*${conn.server!.targetPid}\\s+\\S*orders`, 'm'), cli);
  // The port above held by a server that is not Delve (trial CH: a python http.server): not offered, and said as not a Delve.
  const http = net.createServer();
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen({ host: '127.0.0.1', port: port + 1 }, resolve));
  t.after(() => http.close());
  const delvePid = listeningPid(port);
  assert.ok(delvePid, 'the Delve is found listening');
  const free = await firstFree(port + 2);
  await assert.rejects(openTarget({ kind: 'demo', name: 'orders', args: ['-quiet'] }, () => {}, undefined, { listenPort: port }), (e: unknown) => e instanceof UserError && e.message === `Port ${port} on 127.0.0.1 is in use already, by a Delve (pid ${delvePid}).` && e.hint === `Join it with gotui attach :${port}, or pick another port (--listen ${free}).`);
  await assert.rejects(openTarget({ kind: 'demo', name: 'orders', args: ['-quiet'] }, () => {}, undefined, { listenPort: port + 1 }), (e: unknown) => e instanceof UserError && e.message === `Port ${port + 1} on 127.0.0.1 is in use already, by node (pid ${process.pid}), not a Delve.` && e.hint === `Pick another port (--listen ${free}).`);
});

/** The first port from `from` up that nothing listens on. */
async function firstFree(from: number): Promise<number> {
  for (let p = from; ; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false)).listen({ host: '127.0.0.1', port: p, exclusive: true }, () => probe.close(() => resolve(true)));
    });
    if (free) return p;
  }
}

test('gotui debug, its source edited: :restart runs the binary built before and says the file is newer, the pane showing the file as it is now; :rebuild builds it again, and the new code runs (trial BV)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-rebuild-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/value\n\ngo 1.21\n');
  const source = (n: number) => `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc value() int {\n\treturn ${n}\n}\n\nfunc main() {\n\tfor {\n\t\tfmt.Println("value", value())\n\t\ttime.Sleep(20 * time.Millisecond)\n\t}\n}\n`;
  const main = path.join(dir, 'main.go');
  fs.writeFileSync(main, source(1));
  const conn = await openTarget({ kind: 'debug', pkg: dir, args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  await app.start();
  t.after(() => app.close());
  const printed = (v: number, from: number) => rec.console.slice(from).some((l) => l.text === `value ${v}`);
  await waitFor('value 1 printed', () => printed(1, 0) || undefined, 60_000);
  // Edited after the build (a second later than the binary, as gdb compares them).
  fs.writeFileSync(main, source(2));
  const later = Date.now() / 1000 + 5;
  fs.utimesSync(main, later, later);
  let since = app.session.stopCount;
  assert.ok(await app.run('break main.go:9'));
  await waitForStop(app.session, since);
  since = app.session.stopCount;
  let from = rec.console.length;
  assert.ok(await app.run('restart'), rec.console.slice(from).map((l) => l.text).join('\n'));
  await waitForStop(app.session, since);
  await waitFor('the file said newer than the binary', () => rec.console.slice(from).some((l) => /main\.go was changed after the program was built/.test(l.text)) || undefined);
  assert.equal(app.models.model(sourceFeature).source()?.lines[8]?.trim(), 'return 2', 'the pane shows the file as it is now');
  since = app.session.stopCount;
  assert.ok(await app.run('continue'), rec.console.slice(from).map((l) => l.text).join('\n'));
  await waitForStop(app.session, since);
  assert.ok(printed(1, from), 'the binary built before runs: value 1');
  since = app.session.stopCount;
  from = rec.console.length;
  assert.ok(await app.run('rebuild'), rec.console.slice(from).map((l) => l.text).join('\n'));
  assert.ok(rec.console.slice(from).some((l) => /^Built again from its source and restarted/.test(l.text)), rec.console.slice(from).map((l) => l.text).join('\n'));
  await waitForStop(app.session, since);
  since = app.session.stopCount;
  assert.ok(await app.run('continue'), rec.console.slice(from).map((l) => l.text).join('\n'));
  await waitForStop(app.session, since);
  assert.ok(printed(2, from), rec.console.slice(from).map((l) => l.text).join('\n'));
  await app.run('quit');
});

test(':rebuild of a program Delve did not build (gotui exec) is refused before Delve is asked, which would kill it', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet']);
  const { app, rec } = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}));
  await app.start();
  t.after(() => app.close());
  const pid = server.targetPid;
  // Attached: the question first (a rebuild kills the process), its answer given as typed.
  assert.equal(await app.run('rebuild -yes'), false);
  assert.match(rec.console.map((l) => l.text).join('\n'), /Delve did not build this program \(it runs \S*orders\S*\), so it cannot build it again\./);
  process.kill(pid!, 0);
});
