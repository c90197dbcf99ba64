import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { openTarget } from '../../src/app/connect.js';
import { disabledNow, executeCommandLine, findCommand, splitCommandLine } from '../../src/commands/registry.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { dlvGoroutines } from '../../src/goroutines/dlvcli.js';
import { ScriptRunner } from '../../src/batch/runner.js';
import { parseScript } from '../../src/batch/script.js';
import type { StepRecord } from '../../src/batch/report.js';
import { detectPrivilege } from '../../src/bpf/runner.js';
import { requireTool, startDemoServer, testDelve, waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { headlessApp } from '../support/session.js';
import { quoteRegExp } from '../../src/core/text.js';

/** A headless gotui attached to demo NAME under a Delve the test started (the dlv CLI can join it), halted at its entry. */
async function attached(t: TestContext, demo: string, args: string[] = []) {
  const server = await startDemoServer(t, demo, args);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => undefined);
  const { app, rec } = headlessApp(conn);
  await app.start();
  t.after(() => app.end('leave').catch(() => undefined));
  return { server, app, rec };
}

type App = Awaited<ReturnType<typeof attached>>['app'];

/** Runs script text in the app's session as `gotui run` does; returns the step records. */
async function run(app: App, text: string, timeoutMs = 60_000) {
  const script = parseScript(text, 't.gotui', { isCommand: (l) => !!findCommand(splitCommandLine(l).name) });
  const runner = new ScriptRunner(
    { session: app.session, model: (f) => app.models.model(f), execute: (l) => executeCommandLine(app.ctx, l), disabledNow: (l) => disabledNow(app.ctx, l), progress: () => undefined },
    { deadline: Date.now() + timeoutMs },
  );
  const stopped = await runner.run(script);
  return { records: runner.records, stopped, output: runner.output };
}

const statuses = (records: StepRecord[]) => records.filter((r) => r.kind === 'expect').map((r) => [r.line, r.status]);

/** The expectations' lines and statuses; the message shows what each saw. */
function assertStatuses(records: StepRecord[], want: [number, StepRecord['status']][]) {
  assert.deepEqual(statuses(records), want, records.map((r) => `${r.line} ${r.text}: ${r.status} seen=${r.seen ?? ""} ${r.error ?? ""}`).join("\n"));
}

test('expect stop and expect print pass and fail as the dlv CLI sees the same stop; on break blocks run at every hit; repeat', async (t) => {
  const { server, app } = await attached(t, 'orders', ['-every', '20ms']);
  const first = await run(app, 'break main.format\non break 1 { print o.ID }\ncontinue\nexpect stop at main.format reason breakpoint within 20s\nexpect stop at main.process within 1s\n');
  assert.equal(first.stopped, undefined);
  assertStatuses(first.records, [[4, 'passed'], [5, 'failed']]);
  // What it saw names the stop as the status bar does (not DAP's `function breakpoint`).
  assert.match(first.records.find((r) => r.line === 5)?.seen ?? '', /^stopped at main\.format \(.*main\.go:\d+\), reason breakpoint #1$/);
  const handler = first.records.find((r) => r.context?.startsWith('on break 1'));
  assert.ok(handler, 'the on break block ran at the stop');
  const cli = await dlvCli(server.address, ['print o.ID', 'print o.Customer', 'print total']);
  const [id, customer, total] = [...cli.matchAll(/^(\d+|"[^"]*"|[\d.e+-]+)$/gm)].map((m) => m[1]!);
  assert.ok(id && customer && total, cli);
  // print prints as the dlv CLI does.
  assert.deepEqual(handler.output, [id]);
  const checks = await run(
    app,
    [
      `expect print o.ID == ${id}`,
      `expect print o.ID != ${id}`,
      `expect print o.ID < ${Number(id) + 1}`,
      `expect print o.Customer == ${customer}`,
      `expect print o.Customer ~ /^${JSON.parse(customer!)[0]}/`,
      `expect print total == ${total}`,
      'expect stop at main.format',
      'expect stop at main.process',
      'expect running',
    ].join('\n'),
  );
  assertStatuses(checks.records, [
    [1, 'passed'],
    [2, 'failed'],
    [3, 'passed'],
    [4, 'passed'],
    [5, 'passed'],
    [6, 'passed'],
    [7, 'passed'],
    [8, 'failed'],
    [9, 'failed'],
  ]);
  const failed = checks.records.find((r) => r.line === 2)!;
  assert.equal(failed.seen, `${id} (int)`);
  assert.match(failed.snapshot ?? '', /#0 main\.format .*main\.go:\d+/, 'a failure carries the stack');
  // o is main.format's argument (the dlv CLI lists it under `args`): the heading says arguments are there.
  assert.match(failed.snapshot ?? '', new RegExp(`arguments and locals of #0 main\\.format:\\n  o = main\\.Order \\{ID: ${id},`), 'and the arguments and locals');

  // A block that continues: every hit runs it, while the script waits elsewhere.
  const more = await run(app, `break main.process\non break 1 { print o.ID; continue }\nrepeat 3 { continue; expect stop at main.process within 20s }\n`);
  assert.equal(more.stopped, undefined, more.records.map((r) => r.error).join());
  assertStatuses(more.records, [
    [3, 'passed'],
    [3, 'passed'],
    [3, 'passed'],
  ]);
  const ids = more.records.filter((r) => r.context?.startsWith('on break 1') && r.text === 'print o.ID').map((r) => r.output[0]);
  // process comes before format in each order: the first continue reaches process at once.
  assert.deepEqual(ids, [1, 2].map((k) => String(Number(id) + k)), more.records.map((r) => `${r.line} ${r.text} [${r.context ?? ''}] ${r.status} ${r.seen ?? ''} ${r.output.join('|')}`).join('\n'));
  const now = await dlvCli(server.address, ['print o.ID']);
  assert.match(now, new RegExp(`^${Number(id) + 3}$`, 'm'), 'the dlv CLI sees process of the third order after');
});

test('a command that needs a stopped target waits for the stop; a failed command stops the run with its line', async (t) => {
  const { app } = await attached(t, 'orders', ['-every', '20ms']);
  const r = await run(app, 'break main.process\ncontinue\nprint o.ID\nprint nosuchvariable\nexpect running\n');
  assert.deepEqual(
    r.records.map((x) => [x.line, x.status]),
    [
      [1, 'ok'],
      [2, 'ok'],
      [3, 'ok'],
      [4, 'error'],
    ],
  );
  assert.equal(r.stopped?.line, 4);
  assert.match(r.stopped?.message ?? '', /^Cannot evaluate 'nosuchvariable'/);
  // The session is still usable.
  assertStatuses((await run(app, 'expect stop at main.process')).records, [[1, 'passed']]);
  // A mistyped field is told in a script's words (trial BP: press Tab, and :print).
  const typo = await run(app, 'expect print o.Nme == 1\n');
  assert.equal(typo.records[0]?.error, "Cannot evaluate 'o.Nme': o has no member Nme. print o shows its fields.");
  // Commands the UI takes while the target runs but that read the stopped target (args, flags, list) wait for the stop too (trial AN).
  const reads = await run(app, 'continue\nargs\ncontinue\nflags\ncontinue\nlist\n');
  assert.deepEqual(reads.records.map((x) => [x.line, x.status]), [[1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok'], [6, 'ok']], reads.stopped?.message);
});

test("funcs, sources and types after a continue wait for the stop as print does, and print what the dlv CLI's do (a new user's trial: `Pause it (p)` in gotui run)", async (t) => {
  const { server, app } = await attached(t, 'orders', ['-every', '20ms']);
  const r = await run(app, 'break main.process\ncontinue\nfuncs applyDisc\ncontinue\nsources orders/main\\.go$\ncontinue\ntypes ^main\\.Order$\n');
  assert.equal(r.stopped, undefined, r.stopped?.message);
  assert.deepEqual(r.records.map((x) => [x.line, x.status]), [[1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok'], [6, 'ok'], [7, 'ok']]);
  const cli = await dlvCli(server.address, ['funcs applyDisc', 'sources orders/main\\.go$', 'types ^main\\.Order$']);
  const said = [3, 5, 7].flatMap((line) => r.records.find((x) => x.line === line)!.output);
  assert.deepEqual(said, ['main.applyDiscount', server.binary.replace(/bin\/orders$/, 'main.go'), 'main.Order']);
  assert.deepEqual(said.filter((line) => !cli.split('\n').includes(line)), [], cli);
});

test("a script's args and locals print what the dlv CLI's args and locals print at the same stop, after a continue as print waits; osargs lists os.Args (trial BY)", async (t) => {
  const { server, app } = await attached(t, 'orders', ['-every', '20ms']);
  const at = findMarker('orders', 'gotui:process');
  const r = await run(app, `break main.go:${at.line}\ncontinue\nargs\nlocals\nlocals -v ^sum$\nargs ^nope$\nosargs\n`);
  assert.equal(r.stopped, undefined, r.stopped?.message);
  assert.deepEqual(r.records.map((x) => [x.line, x.status]), [[1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok'], [6, 'ok'], [7, 'ok']]);
  const said = (line: number) => r.records.find((x) => x.line === line)!.output;
  const cli = (await dlvCli(server.address, ['args', 'locals', 'locals -v ^sum$', 'args ^nope$'])).split('\n');
  // Where the CLI writes a slice's elements as [...], gotui writes them (as its vars does).
  const same = (ours: string, theirs: string) => ours === theirs || (theirs.includes('[...]') && new RegExp(`^${theirs.split('[...]').map(quoteRegExp).join('\\[.*\\]')}$`).test(ours));
  for (const line of [3, 4, 5, 6]) {
    assert.ok(said(line).length > 0, `line ${line} printed nothing`);
    for (const l of said(line)) assert.ok(cli.some((c) => same(l, c)), `${l}\nnot in the dlv CLI's:\n${cli.join('\n')}`);
  }
  assert.ok(said(3).some((l) => /^o = main\.Order \{ID: \d+/.test(l)), said(3).join('\n'));
  assert.ok(said(4).some((l) => /^sum = [\d.]+$/.test(l)) && said(4).some((l) => /^n = \d+$/.test(l)), said(4).join('\n'));
  assert.deepEqual(said(6), ['(no args)']);
  assert.match(said(7).join('\n'), /^os\.Args \(\d+\):\n\[0\] /);
});

test("expect print compares two expressions of the program as the dlv CLI's print a == b does, saying both sides; a slice literal element by element (trial BY)", async (t) => {
  const { server, app } = await attached(t, 'orders', ['-every', '20ms']);
  const at = findMarker('orders', 'gotui:process');
  const r = await run(app, [`break main.go:${at.line}`, 'continue', 'expect print n == o.ID', 'expect print o.ID == o.ID', 'expect print o.ID != o.ID', 'expect print sum >= sum', 'expect print os.Args[1:] == []string{"-every", "20ms"}', 'expect print os.Args[1:] == []string{"-every"}', 'expect print os.Args[1:] != []string{"-every", "2ms"}', ''].join('\n'));
  assert.equal(r.stopped, undefined, r.stopped?.message);
  const cli = await dlvCli(server.address, ['print n == o.ID', 'print n', 'print o.ID']);
  const [same, nv, id] = [...cli.matchAll(/^(true|false|\d+)$/gm)].map((m) => m[1]!);
  assert.ok(same && nv && id, cli);
  assertStatuses(r.records, [[3, same === 'true' ? 'passed' : 'failed'], [4, 'passed'], [5, 'failed'], [6, 'passed'], [7, 'passed'], [8, 'failed'], [9, 'passed']]);
  // Both sides said, as the dlv CLI prints each.
  assert.equal(r.records.find((x) => x.line === 3)!.seen, `n = ${nv} (int), o.ID = ${id} (int)`);
  assert.equal(r.records.find((x) => x.line === 5)!.seen, `o.ID = ${id} (int), o.ID = ${id} (int)`);
  assert.match(r.records.find((x) => x.line === 8)!.seen ?? '', /^\[\]string len: 2, cap: 2, \["-every","20ms"\] \(\[\]string\)$/);
});

test('after an expect stop that saw the target still running, a command that needs the stop fails at once, naming that line, rather than waiting out the run (trial Q)', async (t) => {
  const { app } = await attached(t, 'orders', ['-quiet', '-every', '20ms']);
  const print = findMarker('orders', 'gotui:print');
  // -quiet: the print line is never reached.
  const r = await run(app, `break main.go:${print.line}\ncontinue\nexpect stop at main.go:${print.line} within 1s\nprint o.ID\n`, 120_000);
  assertStatuses(r.records, [[3, 'failed']]);
  assert.deepEqual(r.records.map((x) => [x.line, x.status]), [[1, 'ok'], [2, 'ok'], [3, 'failed'], [4, 'error']]);
  assert.equal(r.stopped?.line, 4);
  assert.equal(r.stopped?.message, "'print o.ID' needs the target stopped, and the stop line 3 expected did not come: it still runs (add pause before it, or a breakpoint it reaches).");
  assert.equal(app.session.state.status, 'running');
});

test('expect goroutines counts as the dlv CLI groups them', async (t) => {
  const { server, app } = await attached(t, 'goroutine-leak', ['-burst', '30', '-ticks', '2']);
  await run(app, 'continue');
  await waitFor('two ticks', () => server.output.some((l) => /^tick 2 /.test(l)) || undefined, 20_000);
  await run(app, 'pause\nexpect stop within 5s');
  const cli = await dlvGoroutines(await testDelve(), server.address, '-group userloc');
  const receive = cli.groups.find((g) => g.name.includes('main.handleRequest'))!;
  assert.ok(receive && receive.total > 0, cli.output);
  const total = cli.groups.reduce((n, g) => n + g.total, 0);
  const r = await run(
    app,
    [
      `expect goroutines -group userloc main.handleRequest count == ${receive.total}`,
      `expect goroutines -group userloc main.handleRequest count < ${receive.total}`,
      `expect goroutines count == ${total}`,
      `expect goroutines -group userloc count <= ${receive.total}`,
      `expect goroutines -group userloc count < ${receive.total}`,
    ].join('\n'),
  );
  assertStatuses(r.records, [
    [1, 'passed'],
    [2, 'failed'],
    [3, 'passed'],
    [4, cli.groups.every((g) => g.total <= receive.total) ? 'passed' : 'failed'],
    [5, 'failed'],
  ]);
});

test('expect memory and expect decode read what the dlv CLI reads, before and after C scribbles', async (t) => {
  const { server, app } = await attached(t, 'cgo-slice');
  const before = findMarker('cgo-slice', 'before-scribble');
  const r1 = await run(app, `break ${before.file}:${before.line}\ncontinue\nexpect stop at ${path.basename(before.file)}:${before.line} within 30s\nexpect decode slice &pkt.items ok\n`);
  assertStatuses(r1.records, [
    [3, 'passed'],
    [4, 'passed'],
  ]);
  const cli = await dlvCli(server.address, ['x -fmt hex -count 3 -size 8 -x &pkt.items']);
  const words = [...cli.matchAll(/0x[0-9a-f]+:\s+((?:0x[0-9a-f]+\s*)+)/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
  assert.equal(words.length, 3, cli);
  const r2 = await run(app, [`expect memory x/3xg &pkt.items == ${words.join(' ')}`, `expect memory x/3xg &pkt.items == ${words[0]} 0x3 ${words[2]}`, 'expect memory x/2dg &pkt.items[0] == 7 9', 'next', 'expect decode slice &pkt.items ok', 'expect print len(pkt.items) == 2'].join('\n'));
  assertStatuses(r2.records, [
    [1, 'passed'],
    [2, 'failed'],
    [3, 'passed'],
    [5, 'failed'],
    [6, 'failed'],
  ]);
  const decoded = r2.records.find((r) => r.line === 5)!.seen ?? '';
  assert.match(decoded, /len 1048576 is greater than cap 4/);
  assert.doesNotMatch(decoded, /\.;/, 'clauses, not sentences glued by a semicolon');
  const after = await dlvCli(server.address, ['print len(pkt.items)']);
  assert.match(after, /^1048576$/m, 'the dlv CLI sees the corrupted header too');
});

test('expect exit and expect stop reason fatal: the codes the program exits with on its own', async (t) => {
  const binary = await buildDemo('cgo-slice');
  const alone = await execa(binary, [], { reject: false, timeout: 30_000 });
  const fixedAlone = await execa(binary, ['-fixed'], { reject: false, timeout: 30_000 });
  const shipped = await attached(t, 'cgo-slice');
  // At the entry, before Go's runtime has a goroutine: what it saw says so, with no stack to fail reading.
  const entry = await run(shipped.app, 'expect exit within 1s\n');
  assertStatuses(entry.records, [[1, 'failed']]);
  assert.match(entry.records[0]!.seen ?? '', /^stopped at the program's entry \(no goroutine yet\), reason /, entry.records[0]!.seen);
  assert.equal(entry.records[0]!.snapshot, undefined, 'no stack to show, and the state is not said twice');
  const r = await run(shipped.app, `continue\nexpect stop reason fatal within 20s\nexpect exit within 1s\ncontinue\nexpect exit ${alone.exitCode} within 20s\n`);
  assertStatuses(r.records, [
    [2, 'passed'],
    [3, 'failed'],
    [5, 'passed'],
  ]);
  const fixed = await attached(t, 'cgo-slice', ['-fixed']);
  const f = await run(fixed.app, `continue\nexpect exit ${alone.exitCode} within 20s\n`);
  assertStatuses(f.records, [[2, 'failed']]);
  assert.equal(f.records[1]!.seen, `exited with code ${fixedAlone.exitCode}`);
});

test('expect bpf counts calls while the target runs (root and bpftrace)', async (t) => {
  const privilege = await detectPrivilege();
  if (!requireTool(t, privilege.via !== 'none', 'bpftrace with root')) return;
  const { server, app } = await attached(t, 'orders', ['-every', '50ms']);
  const printed = () => server.output.filter((l) => l.startsWith('order ')).length;
  const before = printed();
  const r = await run(app, 'continue\nexpect bpf calls main.process count >= 3 within 20s\nexpect bpf calls main.process count == 0 within 1s\n');
  assertStatuses(r.records, [
    [2, 'passed'],
    [3, 'failed'],
  ]);
  assert.ok(printed() - before >= 3, 'the program did print that many orders meanwhile');
  assert.match(r.records[2]!.seen ?? '', /^\d+, the last: main\.process on goroutine \d+/);
});

test(':record of a target that runs by itself (a demo from its start) writes the stop it ran to as a continue, so the script replays on a target halted at its entry (trial Q)', async (t) => {
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-every', '20ms'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app } = headlessApp(conn);
  await app.start();
  t.after(() => app.end('leave').catch(() => undefined));
  assert.equal(app.session.state.status, 'running');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-record-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'running.gotui');
  assert.equal(await app.run(`record ${file}`), true);
  assert.equal(await app.run('break main.format'), true);
  await waitFor('the stop', () => (app.session.state.status === 'stopped' ? true : undefined), 20_000);
  assert.equal(await app.run('print o.ID'), true);
  assert.equal(await app.run('next'), true);
  await waitFor('the step', () => (app.session.stopCount === 2 && app.session.state.status === 'stopped' ? true : undefined), 20_000);
  assert.equal(await app.run('print o.ID'), true);
  assert.equal(await app.run('record stop'), true);
  // The header names the target it was made on, as gotui run takes it (trial Q: `-- TARGET`).
  assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`^# Recorded by gotui on \\S+; replay it with: gotui run ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -- demo orders -- -every 20ms\n`));
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, ['break main.format', 'continue', 'print o.ID', 'next', 'print o.ID']);
  // Replayed as `gotui run` does, on the demo halted at its entry: every step runs, where the dlv CLI stops too.
  const { server, app: replay } = await attached(t, 'orders', ['-every', '20ms']);
  const r = await run(replay, fs.readFileSync(file, 'utf8'));
  assert.equal(r.stopped, undefined, JSON.stringify(r.records));
  const top = cliFrames(await dlvCli(server.address, ['stack 1']))[0];
  assert.equal(top?.func, 'main.format');
  assert.equal(replay.session.state.selection?.top?.line, top?.line);
});

test(':record writes the session\'s commands as a script; :source runs it in the UI', async (t) => {
  const { app, rec } = await attached(t, 'orders', ['-every', '20ms']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-record-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'session.gotui');
  assert.equal(await app.run('break main.format'), true);
  assert.equal(await app.run('help'), true);
  assert.equal(await app.run(`record ${file}`), true);
  assert.equal(await app.run('continue'), true);
  await waitFor('the stop', () => (app.session.state.status === 'stopped' ? true : undefined), 20_000);
  assert.equal(await app.run('print nosuchvariable'), false, 'a command that failed is not recorded');
  assert.equal(await app.run('print o.ID'), true);
  assert.equal(await app.run('record stop'), true);
  const stops = app.session.stopCount;
  assert.equal(await app.run('next'), true);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, ['break main.format', 'continue', 'print o.ID']);
  fs.appendFileSync(file, 'expect print o.ID >= 1\nexpect print o.ID == -1\n');
  // The step's own stop: just after `next` is sent the session may not say "running" yet.
  await waitFor('the step', () => (app.session.stopCount > stops && app.session.state.status === 'stopped' ? true : undefined), 20_000);
  assert.equal(await app.run('clear 1'), true);
  assert.equal(await app.run(`source ${file}`), true);
  const said = rec.console.map((c) => c.text);
  assert.ok(said.some((l) => l === `${file}: 1 of 2 expectation(s) held, 1 failed.`), said.slice(-8).join('\n'));
  assert.ok(said.some((l) => /session\.gotui:\d+: expect print o\.ID == -1 .*FAILED/.test(l)));
  // A recording made meanwhile keeps the commands the script ran, not `source FILE` (its file may not be there at replay).
  const again = path.join(dir, 'again.gotui');
  const recorded = app.commandLog.lines.length;
  assert.equal(await app.run(`record ${again}`), true);
  assert.equal(await app.run(`source ${file}`), true);
  assert.equal(await app.run('record stop'), true);
  assert.deepEqual(app.commandLog.lines.slice(recorded), ['break main.format', 'continue', 'print o.ID']);
  assert.deepEqual(fs.readFileSync(again, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(-3), ['break main.format', 'continue', 'print o.ID']);
});
