import { test, type TestContext } from 'node:test';
import { consoleFeature } from '../../src/console/feature.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { listeningPid, processAlive } from '../../src/app/target-process.js';
import { detectPrivilege } from '../../src/bpf/runner.js';
import { junitSchemaErrors } from '../support/junit.js';
import { requireTool, startDemoServer, waitFor } from '../support/delve.js';
import { childrenOf } from '../../src/delve/server.js';
import { findOnPath } from '../../src/delve/locate.js';
import { dlvCli } from '../support/dlv-cli.js';
import { pairedGotui, pairHere } from '../support/pair.js';

const gotui = path.join(repoRoot, 'bin', 'gotui.js');

function tmpDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-batch-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `gotui run` as CI runs it: no terminal, reports to files. */
async function gotuiRun(t: TestContext, script: string, target: string[], extra: string[] = []) {
  const dir = tmpDir(t);
  const json = path.join(dir, 'report.json');
  const junit = path.join(dir, 'report.xml');
  const r = await execa(process.execPath, [gotui, 'run', script, '--json', json, '--junit', junit, ...extra, '--', ...target], { reject: false, stdin: 'ignore', cwd: repoRoot, timeout: 200_000 });
  const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : undefined;
  const xml = fs.existsSync(junit) ? fs.readFileSync(junit, 'utf8') : undefined;
  return { ...r, report, xml };
}


test('a script with a syntax error on line 7 says line 7, in one sentence, and starts nothing (exit 2)', async (t) => {
  const file = path.join(tmpDir(t), 'bad.gotui');
  fs.writeFileSync(file, 'break main.process\ncontinue\n# a comment\n\nexpect stop within 10s\nprint o.ID\nexpect print o.ID ==\nexpect running\n');
  // Reports of an earlier run that passed are in place: CI must not read them as this run's.
  const dir = tmpDir(t);
  const [json, junit] = [path.join(dir, 'report.json'), path.join(dir, 'report.xml')];
  fs.writeFileSync(json, JSON.stringify({ result: 'passed', exitCode: 0 }));
  fs.writeFileSync(junit, '<testsuites tests="1" failures="0"/>');
  const r = await execa(process.execPath, [gotui, 'run', file, '--json', json, '--junit', junit, '--', 'demo', 'orders'], { reject: false, stdin: 'ignore', cwd: repoRoot, timeout: 60_000 });
  assert.equal(r.exitCode, 2);
  const said = `${file}:7: 'expect print o.ID ==' is not expect print EXPR OP VALUE (OP is one of == != < <= > >= ~). The script language is described in the README, section "Batch mode and CI".`;
  assert.equal(r.stderr.trim(), `gotui: ${said}`);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.deepEqual([report.result, report.exitCode, report.error?.message, report.error?.line, report.steps], ['error', 2, said, 7, []], 'the reports say this run ended before it started, and where');
  assert.equal(report.target.label, 'demo orders', 'the target as the command line named it (trial Q: "demo")');
  const xml = fs.readFileSync(junit, 'utf8');
  assert.match(xml, /<error message="[^"]*:7: /);
  assert.match(xml, /<property name="target" value="demo orders"\/>/);
  assert.deepEqual(await junitSchemaErrors(xml), []);
  // A mistyped command: the ones near it, as the prompt suggests them.
  fs.writeFileSync(file, 'break main.process\ncontine\n');
  const typo = await execa(process.execPath, [gotui, 'run', file, '--', 'demo', 'orders'], { reject: false, stdin: 'ignore', cwd: repoRoot, timeout: 60_000 });
  assert.equal(typo.exitCode, 2);
  assert.equal(typo.stderr.trim(), `gotui: ${file}:2: 'contine' is not a gotui command. Did you mean continue? :help lists the commands; scripts add expect, on break, repeat, sleep and set.`);
});

test('a report that cannot be written is said before the run, in one sentence with a hint (exit 2)', async (t) => {
  const file = path.join(tmpDir(t), 'ok.gotui');
  fs.writeFileSync(file, 'print 1\n');
  const junit = path.join(tmpDir(t), 'no', 'such', 'folder', 'report.xml');
  // Nothing listens there: the report is named first, so the run never got as far as the target.
  const r = await execa(process.execPath, [gotui, 'run', file, '--junit', junit, '--', 'attach', '127.0.0.1:1'], { reject: false, stdin: 'ignore', cwd: repoRoot, timeout: 60_000 });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), `gotui: Cannot write the report ${junit}: no such file or folder. Give --json and --junit a path in a folder you can write (mkdir -p it first).`);
});

test('a script neither sets the breakpoints saved for its program nor saves its own', async (t) => {
  // The program in a folder of its own: its saved breakpoints are in that folder's .gotui/.
  const dir = tmpDir(t);
  const binary = path.join(dir, 'orders');
  fs.copyFileSync(await buildDemo('orders'), binary);
  fs.chmodSync(binary, 0o755);
  const saved = path.join(dir, '.gotui', 'breakpoints.json');
  fs.mkdirSync(path.dirname(saved));
  const text = `${JSON.stringify({ version: 1, programs: { orders: { saved: '2026-12-01T00:00:00.000Z', breakpoints: [{ kind: 'function', spec: 'main.process' }] } } }, null, 2)}\n`;
  fs.writeFileSync(saved, text);
  const file = path.join(dir, 'format.gotui');
  // `breakpoints` makes the breakpoints model, which restores and saves in the interactive UI.
  fs.writeFileSync(file, 'break main.format\nbreakpoints\ncontinue\nexpect stop at main.format within 30s\n');
  const r = await execa(process.execPath, [gotui, 'run', file, '--', 'exec', binary, '--', '-fixed'], { reject: false, stdin: 'ignore', cwd: dir, timeout: 200_000, env: { GOTUI_NO_RESTORE: '' } });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /main\.process/, 'the saved breakpoint was not set');
  assert.equal(fs.readFileSync(saved, 'utf8'), text, 'the saved file is as it was');
  // Asked for, they are not set either: the script is told why.
  fs.writeFileSync(file, 'breakpoints restore\n');
  const restore = await execa(process.execPath, [gotui, 'run', file, '--', 'exec', binary, '--', '-fixed'], { reject: false, stdin: 'ignore', cwd: dir, timeout: 200_000, env: { GOTUI_NO_RESTORE: '' } });
  assert.equal(restore.exitCode, 2, restore.stderr);
  assert.match(restore.stderr, /This session neither reads nor writes saved breakpoints \(--no-restore, GOTUI_NO_RESTORE, gotui run/);
});

test('a target that will not start: one sentence, exit 2, no stack trace', async (t) => {
  const file = path.join(tmpDir(t), 'ok.gotui');
  fs.writeFileSync(file, 'continue\n');
  const r = await gotuiRun(t, file, ['exec', '/nonexistent/svc']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim(), 'gotui: There is no program at /nonexistent/svc. Give the path of a Go binary, built with -gcflags=all=-N -l.');
  assert.equal(r.report?.result, 'error', 'the report says the run never started');
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
});

test('goroutines in a script lists the groups, without an expect goroutines before it; an on break block for a number the run never had is said', async (t) => {
  const file = path.join(tmpDir(t), 'g.gotui');
  const at = findMarker('orders', 'gotui:item');
  fs.writeFileSync(file, `break main.go:${at.line}\non break 4 { print o.ID }\ncontinue\nexpect stop at main.go:${at.line} within 30s\ngoroutines -group userloc\n`);
  const r = await gotuiRun(t, file, ['demo', 'orders']);
  assert.equal(r.exitCode, 0, r.stderr);
  // A typo'd number is no failure of the program under test, but it is said: the block could not run.
  assert.match(r.stderr, /^gotui: \S+g\.gotui:2: on break 4 never ran: the run had no breakpoint #4 \(it had #1\)\.$/m, r.stderr);
  // The orders demo at that line: its main goroutine and the runtime's (the count the pane's header gives).
  assert.match(r.stdout, /^\d+ goroutines .*· -group userloc/m, r.stdout);
  assert.match(r.stdout, /orders\/main\.go:\d+ main\.process/, r.stdout);
  // Each stop is said where it lands, between the step that ran and the next (trial BY: a CI log
  // could not follow the run's path); the marker's line is the oracle.
  const stop = new RegExp(`^· Stop 2 \\(breakpoint #1\\): main\\.process orders/main\\.go:${at.line}, goroutine 1$`, 'm');
  assert.match(r.stderr, stop, r.stderr);
  const order = [/g\.gotui:3: continue /, stop, /g\.gotui:4: expect stop at /].map((re) => r.stderr.search(new RegExp(re.source, 'm')));
  assert.deepEqual([...order].sort((a, b) => a - b), order, r.stderr);
});

const DEMO_RUNS: { demo: string; args: string[]; needs?: 'bpf' }[] = [
  { demo: 'orders', args: [] },
  { demo: 'goroutine-leak', args: [] },
  { demo: 'cgo-slice', args: [] },
  { demo: 'flags-hot-reload', args: ['-debug-file', path.join(repoRoot, 'demos/flags-hot-reload/testdata/bad-reload.flags')] },
  { demo: 'inventory', args: ['-panic-at', '3', '-every', '50ms'], needs: 'bpf' },
];

for (const { demo, args, needs } of DEMO_RUNS) {
  test(`demos/${demo}/regress.gotui fails on the demo as shipped (exit 1) and passes with -fixed (exit 0); reports valid`, async (t) => {
    if (needs === 'bpf' && !requireTool(t, (await detectPrivilege()).via !== 'none', 'bpftrace with root')) return;
    const script = `demos/${demo}/regress.gotui`;
    const shipped = await gotuiRun(t, script, ['demo', demo, ...(args.length ? ['--', ...args] : [])]);
    assert.equal(shipped.exitCode, 1, shipped.stderr);
    const fixed = await gotuiRun(t, script, ['demo', demo, '--', ...args, '-fixed'], ['--hide-output']);
    assert.equal(fixed.exitCode, 0, fixed.stderr);
    // The program's output among the progress lines, as the dlv CLI shows it; --hide-output leaves it to the report.
    const printed = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('[program] ')).map((l) => l.slice('[program] '.length));
    assert.ok(printed(shipped.stderr).length > 0, shipped.stderr);
    assert.deepEqual(printed(shipped.stderr).slice(0, 3), shipped.report.output.filter(Boolean).slice(0, 3), 'the lines the report keeps, in order');
    assert.deepEqual(printed(fixed.stderr), [], fixed.stderr);
    assert.ok(fixed.report.output.some(Boolean), 'the report keeps them');
    if (demo === 'orders') assert.match(shipped.stderr, /^\[program\] orders: pid \d+$/m);
    for (const run of [shipped, fixed]) {
      assert.equal(run.report.format, 'gotui-batch');
      assert.equal(run.report.version, 1);
      assert.equal(run.report.exitCode, run.exitCode);
      assert.deepEqual(await junitSchemaErrors(run.xml!), []);
      assert.equal([...run.xml!.matchAll(/<testcase /g)].length, run.report.counts.expectations, 'one testcase per expectation');
      assert.match(run.stderr, new RegExp(`^${script.replace(/[.]/g, '\\.')}:\\d+: .*\\(\\d+ ms\\)`, 'm'), 'a progress line a step, with its time');
      assert.match(run.stderr, /^gotui: Ended demo .* and its Delve( \(the program had exited with code \d+\))?\.$/m, 'the target gotui started is ended');
    }
    assert.ok(shipped.report.steps.some((s: { status: string; snapshot?: string }) => s.status === 'failed' && s.snapshot), 'a failure carries a snapshot');
    assert.equal(fixed.report.counts.failed, 0);
    if (demo === 'orders') {
      // Independently: IEEE doubles sum order 1 (2 x 2.25 + 3 x 6.80, ten percent off) the same way Go does.
      const sum = 2 * 2.25 + 3 * 6.8;
      const total = sum - sum * 0.1;
      const seen = shipped.report.steps.find((s: { text: string }) => s.text === 'expect print total == 22.41').seen;
      assert.equal(seen, `${total} (float64)`);
      assert.match(shipped.stdout, /^o\.ID|Breakpoint #1 .*main\.format/m, 'what commands print goes to stdout');
    }
  });
}

test('a hung target ends at --timeout: exit 2, the target and its Delve gone', async (t) => {
  const file = path.join(tmpDir(t), 'hang.gotui');
  fs.writeFileSync(file, 'continue\nexpect exit within 10m\nexpect running\n');
  const r = await gotuiRun(t, file, ['demo', 'orders'], ['--timeout', '4s']);
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(r.stderr, /The run took longer than --timeout 4s/);
  // The step the deadline cut says so before the summary does.
  const stepAt = r.stderr.search(/^.*hang\.gotui:2: expect exit within 10m .*ERROR/m);
  const summaryAt = r.stderr.search(/^gotui: .*hang\.gotui: /m);
  assert.ok(stepAt >= 0 && summaryAt > stepAt, r.stderr);
  assert.equal(r.report.result, 'error');
  // The report names the line the deadline cut, as a command's error does (trial AN: only the message).
  assert.deepEqual(r.report.error, { message: 'The run took longer than --timeout 4s.', line: 2 });
  assert.match(r.stderr, /the script stopped at its line 2: The run took longer than --timeout 4s\. Exit 2\./);
  assert.deepEqual(r.report.notRun, [{ line: 3, text: 'expect running' }]);
  const pid = Number(/^orders: pid (\d+)$/m.exec(r.report.output.join('\n'))?.[1]);
  assert.ok(pid > 0, r.report.output.join('\n'));
  assert.equal(processAlive(pid), false, 'the target is gone');
  const port = Number(r.report.target.address.split(':').pop());
  assert.equal(listeningPid(port), undefined, 'its Delve is gone');
  assert.match(r.xml!, /<error message="The run took longer than --timeout 4s\."/);
});

test('an attached target is left as found: gotui\'s breakpoints removed, the dlv CLI sees none', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const file = path.join(tmpDir(t), 'attach.gotui');
  fs.writeFileSync(file, 'break main.format\ncontinue\nexpect stop at main.format within 20s\nexpect print o.ID >= 1\n');
  const r = await gotuiRun(t, file, ['attach', `${server.address.host}:${server.address.port}`]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /Removed the breakpoint gotui set from Delve\./);
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(cli, /main\.format/);
  assert.ok(processAlive(server.targetPid!), 'never killed');
});

test('a script attached to a Delve where gotuis pair runs its own steps (it joins no rendezvous): the gotui there says another client moved the target, where the dlv CLI is', async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const alice = await pairedGotui(t, server.address, 'alice');
  // The console pane's lines: a stop's line is its own.
  const shown = () => alice.app.models.model(consoleFeature).get().lines;
  shown();
  const file = path.join(tmpDir(t), 'paired.gotui');
  fs.writeFileSync(file, 'break main.format\ncontinue\nexpect stop at main.format within 20s\n');
  const r = await gotuiRun(t, file, ['attach', `${server.address.host}:${server.address.port}`]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /follow|drives/i, r.stderr);
  assert.equal(alice.app.pair?.state.peers.length ?? 1, 1, 'alice alone at the rendezvous');
  await waitFor('alice hears of the move', () => shown().find((l) => /^Stop \d+ \(breakpoint[^)]*, resumed by another client\): main\.format /.test(l.text))).catch((err: Error) => {
    throw new Error(`${err.message}; alice's console:\n${shown().map((l) => l.text).join('\n')}`);
  });
  assert.ok(processAlive(server.targetPid!), 'never killed');
});

test("a script's breakpoints go beside those of a gotui on the same Delve: its `break` and its leaving take none of the gotui's out (trial BL: a :break main.go:L was gone for good)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const alice = await pairedGotui(t, server.address, 'alice');
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:loop');
  // Both set by location: Delve's DAP keeps every client's in one list of function breakpoints.
  assert.ok(await alice.app.run(`break main.go:${item.line}`));
  const file = path.join(tmpDir(t), 'beside.gotui');
  fs.writeFileSync(file, `break main.go:${loop.line}\ncontinue\nexpect stop at main.go:${loop.line} within 20s\n`);
  const r = await gotuiRun(t, file, ['attach', `${server.address.host}:${server.address.port}`]);
  assert.equal(r.exitCode, 0, r.stderr);
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.match(cli, new RegExp(`main\\.go:${item.line}\\b`), `alice's breakpoint is still in Delve\n${cli}`);
  assert.doesNotMatch(cli, new RegExp(`main\\.go:${loop.line}\\b`), `the script's is gone\n${cli}`);
});

test("gotui run names no key or pane: restart leaves the program halted at its entry as the dlv CLI's does, a mistyped name's hint says locals (trials BY: `(p pauses)`, `The Variables pane (4)`; CC: the restart ran to the breakpoint, so the next continue went one further than the CLI's)", async (t) => {
  const at = findMarker('orders', 'gotui:process');
  const file = path.join(tmpDir(t), 'words.gotui');
  const script = `break main.go:${at.line}\ncontinue\ncontinue\nrestart\ncontinue\nprint o.ID\n`;
  fs.writeFileSync(file, `${script}print summ\n`);
  const r = await gotuiRun(t, file, ['demo', 'orders'], ['--hide-output']);
  assert.equal(r.exitCode, 2, r.stderr);
  const said = `${r.stdout}\n${r.stderr}`;
  assert.match(r.stdout, /; breakpoints kept, and it is halted at its entry, as the dlv CLI's restart leaves it \(continue runs it\)\./);
  assert.match(said, /^· Stop \d+ \(entry\): the program's entry$/m);
  // The order the breakpoint stops at after the restart (print's answer, the last on stdout): the one the dlv CLI prints running the same commands.
  const printed = r.stdout.trim().split('\n').at(-1);
  const server = await startDemoServer(t, 'orders');
  const cli = await dlvCli(server.address, script.trim().split('\n'));
  assert.equal(printed, /^(\d+)$/m.exec(cli)?.[1], `${r.stdout}\n--- the dlv CLI:\n${cli}`);
  assert.match(r.stderr, /Cannot evaluate 'summ': could not find symbol value for summ\. Did you mean sum\? locals lists this frame's\./);
  assert.doesNotMatch(said, /\bpane\b|\(p pauses\)|\bTab\b|\(\d\)/, said);
});

test("a failure's snapshot lists the frame's locals, a map among them as the variables pane shows it (Delve's one-line maps end in `, ]`)", async (t) => {
  const file = path.join(tmpDir(t), 'snap.gotui');
  fs.writeFileSync(file, 'break main.process\ncontinue\nexpect stop at main.process within 30s\nexpect print o.ID == -1\n');
  const r = await gotuiRun(t, file, ['demo', 'orders']);
  assert.equal(r.exitCode, 1, r.stderr);
  const snap: string = r.report.steps.find((s: { status: string }) => s.status === 'failed').snapshot;
  assert.match(snap, /^ {2}o = main\.Order \{ID: \d+, .*Tags: map\[string\]string \[.*"\]\} \(main\.Order\)$/m, snap);
  assert.doesNotMatch(snap, /, \]|, ,\.\.\.\+/, snap);
});

test("expect output on a halted target fails at once, saying it writes nothing until it runs, instead of waiting out its within", async (t) => {
  const file = path.join(tmpDir(t), 'o.gotui');
  const at = findMarker('orders', 'gotui:item');
  fs.writeFileSync(file, `break main.go:${at.line}\ncontinue\nexpect stop at main.go:${at.line} within 30s\nexpect output /no such line/ within 60s\n`);
  const r = await gotuiRun(t, file, ['demo', 'orders']);
  assert.equal(r.exitCode, 1, r.stderr);
  const step = r.report.steps.find((s: { line: number }) => s.line === 4);
  assert.equal(step.status, 'failed', JSON.stringify(step));
  assert.match(step.seen, /; the target is halted: it writes nothing until it runs \(continue first\)$/, step.seen);
  assert.ok(step.durationMs < 30_000, `not its 60 s within: ${step.durationMs} ms`);
});

test("after the program exited, expect output and expect bpf decide at once instead of waiting out their within; a count of goroutines says it cannot (trial AN)", async (t) => {
  if (!requireTool(t, (await detectPrivilege()).via !== 'none', 'bpftrace with root')) return;
  const file = path.join(tmpDir(t), 'x.gotui');
  fs.writeFileSync(file, 'bpf panics\ncontinue\nexpect exit 0 within 60s\nexpect output /no such line/ within 60s\nexpect bpf panics count == 0 within 60s\nexpect goroutines count == 1\n');
  const r = await gotuiRun(t, file, ['demo', 'cgo-slice', '--', '-fixed']);
  assert.equal(r.exitCode, 1, r.stderr);
  const step = (line: number) => r.report.steps.find((s: { line: number }) => s.line === line);
  assert.equal(step(3).status, 'passed', JSON.stringify(step(3)));
  assert.equal(step(4).status, 'failed', JSON.stringify(step(4)));
  assert.equal(step(5).status, 'passed', JSON.stringify(step(5)));
  for (const line of [4, 5]) assert.ok(step(line).durationMs < 20_000, `line ${line}: not its 60 s within: ${step(line).durationMs} ms`);
  assert.equal(step(6).status, 'error', JSON.stringify(step(6)));
  assert.equal(r.report.error.message, 'Cannot count goroutines: the target has exited.');
});

test("expect output on an attached target is an error that says why (its output goes to its own terminal), found as the script is read: nothing before it touches the target", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const file = path.join(tmpDir(t), 'output.gotui');
  fs.writeFileSync(file, 'break main.process\nexpect output /order/ within 1s\n');
  const r = await gotuiRun(t, file, ['attach', `${server.address.host}:${server.address.port}`]);
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(r.stderr, /^gotui: \S+output\.gotui:2: expect output cannot be checked here: an attached target's output goes to its own terminal, not to gotui\./m);
  assert.deepEqual([r.report?.result, r.report?.steps], ['error', []]);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.process/, 'the break before it never ran');
});

test('output piped into a reader that leaves (| head -3): the run stops, and the Delve and the program gotui started are gone', async (t) => {
  const file = path.join(tmpDir(t), 'long.gotui');
  fs.writeFileSync(file, 'break main.format\ncontinue\nexpect stop at main.format within 60s\nclear 1\ncontinue\nexpect exit within 10m\n');
  const child = spawn(process.execPath, [gotui, 'run', file, '--', 'demo', 'orders'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: repoRoot });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started: number[] = [];
  t.after(() => {
    for (const pid of [child.pid!, ...started]) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Delve address within 120 s:\n${text}`)), 120_000);
    const take = (d: Buffer) => {
      text += d.toString();
      const port = Number(/Delve is listening on 127\.0\.0\.1:(\d+)/.exec(text)?.[1]);
      const delve = port ? listeningPid(port) : undefined;
      if (!delve) return;
      started.push(delve, ...childrenOf(delve));
      clearTimeout(timer);
      // The reader leaves: gotui's next line meets a closed pipe.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
  });
  assert.ok(started.length >= 2, `Delve and the program it started: ${started}`);
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 60_000))]);
  assert.notEqual(code, 'still running', 'gotui ended');
  await waitFor('the Delve and the program gotui started to be gone', () => (started.every((pid) => !processAlive(pid)) ? true : undefined), 20_000);
});

test("disassemble in a script prints gdb's dump: the lines gdb's disassemble prints for the same binary, => at the stop's pc", async (t) => {
  if (!requireTool(t, !!findOnPath('gdb'), 'gdb')) return;
  const binary = await buildDemo('orders');
  const file = path.join(tmpDir(t), 'disas.gotui');
  // Functions no eBPF test probes: a uprobe on the same binary, from a test running beside this one,
  // puts an int3 in every process of it, which Delve shows (it is in memory) and gdb on the file does not.
  fs.writeFileSync(file, 'break main.applyDiscount\ncontinue\ndisassemble main.newOrder\ndisassemble\nx/1i $pc\n');
  const r = await gotuiRun(t, file, ['demo', 'orders']);
  assert.equal(r.exitCode, 0, r.stderr);
  const dumps = (text: string) => [...text.matchAll(/^Dump of assembler code for function .*:\n[\s\S]*?^End of assembler dump\.$/gm)].map((m) => m[0]);
  const ours = dumps(r.stdout);
  assert.equal(ours.length, 2, r.stdout);
  const gdb = await execa('gdb', ['-batch', '-nx', '-iex', 'set auto-load python-scripts off', '-iex', 'set width 0', '-iex', 'set height 0', '-ex', "disassemble 'main.newOrder'", '-ex', "disassemble 'main.applyDiscount'", binary], { reject: false, timeout: 60_000 });
  const theirs = dumps(gdb.stdout);
  assert.equal(theirs.length, 2, gdb.stdout + gdb.stderr);
  assert.equal(ours[0], theirs[0]);
  // gdb without a process marks no pc; ours marks the stop's, where x/i $pc says it is.
  assert.equal(ours[1]!.replace(/^=> /m, '   '), theirs[1]);
  const pc = /^=> (0x[0-9a-f]+) <main\.applyDiscount\+\d+>:/m.exec(r.stdout)?.[1];
  assert.ok(pc, r.stdout);
  assert.match(ours[1]!, new RegExp(`^=> 0x0*${pc.slice(2)} <\\+\\d+>:`, 'm'));
});

/** `gotui run` in the background, its stderr read until `until` shows, for a signal sent mid-run. */
async function runUntil(t: TestContext, script: string, target: string[], until: RegExp) {
  const dir = tmpDir(t);
  const json = path.join(dir, 'report.json');
  const junit = path.join(dir, 'report.xml');
  const child = spawn(process.execPath, [gotui, 'run', script, '--json', json, '--junit', junit, '--', ...target], { stdio: ['ignore', 'pipe', 'pipe'], cwd: repoRoot });
  t.after(() => void (processAlive(child.pid!) && process.kill(child.pid!, 'SIGKILL')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stdout.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${until} within 120 s:\n${stderr}`)), 120_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (until.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const ended = async () => {
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 60_000))]);
    const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : undefined;
    return { code, stderr, report, xml: fs.existsSync(junit) ? fs.readFileSync(junit, 'utf8') : undefined };
  };
  return { child, stderr: () => stderr, ended };
}

test('Ctrl-C (SIGINT) mid-run: the Delve and the program gotui started are ended, the reports say it was interrupted, exit 130 (trial BY: both left running, no report)', async (t) => {
  const file = path.join(tmpDir(t), 'hang.gotui');
  fs.writeFileSync(file, 'continue\nexpect exit within 10m\n');
  const run = await runUntil(t, file, ['demo', 'orders'], /hang\.gotui:1: continue/);
  const port = Number(/Delve is listening on 127\.0\.0\.1:(\d+)/.exec(run.stderr())?.[1]);
  const delve = listeningPid(port);
  assert.ok(delve, run.stderr());
  const started = [delve, ...childrenOf(delve)];
  assert.ok(started.length >= 2, `Delve and the program it started: ${started}`);
  run.child.kill('SIGINT');
  const r = await run.ended();
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /the script stopped at its line 2: Interrupted by SIGINT\. Exit 130\./);
  assert.deepEqual([r.report?.result, r.report?.exitCode, r.report?.error?.message], ['error', 130, 'Interrupted by SIGINT.']);
  assert.match(r.xml!, /<error message="Interrupted by SIGINT\."/);
  await waitFor('the Delve and the program gotui started to be gone', () => (started.every((pid) => !processAlive(pid)) ? true : undefined), 20_000);
});

test("SIGTERM mid-run on an attached target (a cancelled CI job): gotui's breakpoints are removed, the target never killed, exit 143 (trial BY)", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const file = path.join(tmpDir(t), 'attach.gotui');
  fs.writeFileSync(file, 'break main.format\ncontinue\nexpect stop at main.format within 20s\nsleep 5m\n');
  const run = await runUntil(t, file, ['attach', `${server.address.host}:${server.address.port}`], /attach\.gotui:3: expect stop at main\.format/);
  assert.match(await dlvCli(server.address, ['breakpoints']), /main\.format/, 'set while the script runs');
  run.child.kill('SIGTERM');
  const r = await run.ended();
  assert.equal(r.code, 143, r.stderr);
  assert.match(r.stderr, /Removed the breakpoint gotui set from Delve\./);
  assert.equal(r.report?.error?.message, 'Interrupted by SIGTERM.');
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.format/);
  assert.ok(processAlive(server.targetPid!), 'never killed');
});

test("list in a script prints the lines the dlv CLI's list prints: at the stop, at a frame above, at FILE:LINE and at a function (a new user's trial: list failed at a breakpoint, list main.go:10 printed nothing)", async (t) => {
  const item = findMarker('orders', 'gotui:item');
  const file = path.join(tmpDir(t), 'list.gotui');
  fs.writeFileSync(file, `break main.go:${item.line}\ncontinue\nexpect stop at main.go:${item.line} within 30s\nlist\nframe 1\nlist\nlist main.go:10\nlist main.applyDiscount\n`);
  const r = await gotuiRun(t, file, ['demo', 'orders']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /stack pane/);
  const server = await startDemoServer(t, 'orders');
  const cli = await dlvCli(server.address, [`break main.go:${item.line}`, 'continue', 'goroutine 1 frame 0 list', 'frame 1 list', 'list main.go:10', 'list main.applyDiscount']);
  // Each listing under its header; the CLI's `Showing` names a line's pc too (0x0 on a comment), which gotui does not look up.
  const listings = (text: string) => [...text.matchAll(/^(?:Goroutine \d+ frame \d+ at |Showing ).*\n(?:(?:=>|  ) *\d+:\t.*\n?)+/gm)].map((m) => m[0].replace(/^(Showing \S+) \(PC: 0x[0-9a-f]+\)/, '$1').trimEnd());
  const ours = listings(r.stdout);
  assert.equal(ours.length, 4, r.stdout);
  assert.deepEqual(ours, listings(cli));
  assert.match(ours[0]!, new RegExp(`^=> +${item.line}:\\t.*gotui:item$`, 'm'));
});

test("a test target whose tests fail fails the run (exit 1), naming the exit code and the --- FAIL line, unless the script expects the exit code itself (a new user's trial: --- FAIL printed, exit 0, tests=\"0\")", async (t) => {
  const dir = tmpDir(t);
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module calc\n\ngo 1.21\n');
  fs.writeFileSync(path.join(dir, 'calc.go'), 'package calc\n\nfunc Max(a, b int) int { return a }\n');
  fs.writeFileSync(path.join(dir, 'calc_test.go'), 'package calc\n\nimport "testing"\n\nfunc TestMaxFail(t *testing.T) {\n\tif got := Max(1, 2); got != 2 {\n\t\tt.Errorf("Max(1, 2) = %d, want 2", got)\n\t}\n}\n\nfunc TestMaxPass(t *testing.T) {\n\tif Max(2, 1) != 2 {\n\t\tt.Error("Max(2, 1) != 2")\n\t}\n}\n');
  const file = path.join(dir, 't.gotui');
  fs.writeFileSync(file, 'continue\nexpect exit within 60s\n');
  const failing = await gotuiRun(t, file, ['test', dir, '-run', 'TestMaxFail']);
  assert.equal(failing.exitCode, 1, failing.stderr);
  assert.match(failing.stderr, /^gotui: The tests failed: the test binary exited with code 1 \(--- FAIL: TestMaxFail \(\d+\.\d+s\)\)\. Add expect exit 1 to the script if that is what it proves\.$/m, failing.stderr);
  assert.match(failing.stderr, /t\.gotui: 1 of 2 expectation\(s\) held, 1 failed\. Exit 1\./, failing.stderr);
  assert.deepEqual([failing.report?.result, failing.report?.counts.failed], ['failed', 1]);
  assert.match(failing.report?.steps.at(-1).seen, /^exited with code 1: --- FAIL: TestMaxFail/);
  assert.match(failing.xml ?? '', /<testsuites name="gotui" tests="2" failures="1"/);
  assert.match(failing.xml ?? '', /<failure message="expected the test binary exits with code 0, as go test passes, saw exited with code 1: --- FAIL: TestMaxFail/);
  // The tests that pass, and a script that decides on the exit code itself: its expectations alone.
  const passing = await gotuiRun(t, file, ['test', dir, '-run', 'TestMaxPass']);
  assert.equal(passing.exitCode, 0, passing.stderr);
  fs.writeFileSync(file, 'continue\nexpect exit 1 within 60s\n');
  const decided = await gotuiRun(t, file, ['test', dir, '-run', 'TestMaxFail']);
  assert.equal(decided.exitCode, 0, decided.stderr);
  assert.doesNotMatch(decided.stderr, /The tests failed/);
  // A script that ends on its continue, the tests still running: they are waited for, then judged (trial CA: exit 0).
  fs.writeFileSync(file, 'continue\n');
  const ended = await gotuiRun(t, file, ['test', dir, '-run', 'TestMaxFail']);
  assert.equal(ended.exitCode, 1, ended.stderr);
  assert.match(ended.stderr, /The script has ended while the tests run: waiting for them to end/);
  assert.match(ended.stderr, /^gotui: The tests failed: the test binary exited with code 1/m, ended.stderr);
  // The exit said where it came, as each stop is (trial CA: only the closing line named it).
  assert.match(ended.stderr, /^· The target exited with code 1\.$/m, ended.stderr);
});

test("Delve killed mid-run: the run stops there with one sentence and exit 2, whatever step it was in, and no reconnect's words (trial BY: exit 1 or 2 by timing, ':reconnect', the status bar)", async (t) => {
  // Attached: killed during a sleep.
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const file = path.join(tmpDir(t), 'attach.gotui');
  fs.writeFileSync(file, 'break main.format\ncontinue\nexpect stop at main.format within 20s\nsleep 5m\nprint o.ID\n');
  const attached = await runUntil(t, file, ['attach', `${server.address.host}:${server.address.port}`], /attach\.gotui:3: expect stop at main\.format/);
  process.kill(server.dlvPid, 'SIGKILL');
  const a = await attached.ended();
  assert.equal(a.code, 2, a.stderr);
  assert.match(a.stderr, /the script stopped at its line 4: Delve at 127\.0\.0\.1:\d+ closed the connection: the run cannot go on without Delve\. Exit 2\./, a.stderr);
  assert.doesNotMatch(a.stderr, /reconnect|status bar|:quit/i, a.stderr);
  assert.doesNotMatch(a.stderr, /attach\.gotui:5:/, 'nothing after the drop runs');
  // Started by gotui: killed while an expectation waits.
  const own = path.join(tmpDir(t), 'own.gotui');
  fs.writeFileSync(own, 'continue\nexpect exit within 10m\n');
  const owned = await runUntil(t, own, ['demo', 'orders'], /own\.gotui:1: continue/);
  const delve = listeningPid(Number(/Delve is listening on 127\.0\.0\.1:(\d+)/.exec(owned.stderr())?.[1]));
  assert.ok(delve, owned.stderr());
  const program = childrenOf(delve);
  t.after(() => program.forEach((pid) => processAlive(pid) && process.kill(pid, 'SIGKILL')));
  process.kill(delve, 'SIGKILL');
  const o = await owned.ended();
  assert.equal(o.code, 2, o.stderr);
  assert.match(o.stderr, /closed the connection: the run cannot go on without Delve\. Exit 2\./, o.stderr);
  assert.doesNotMatch(o.stderr, /reconnect|status bar|:quit/i, o.stderr);
  // The program outlives its Delve (the kernel detaches it): gotui started it, so gotui ends it, and says
  // what it found (trial CA: `Ended demo orders and its Delve.`, both already gone, the program left running).
  const pid = Number(/^\[program\] orders: pid (\d+)$/m.exec(o.stderr)?.[1]);
  assert.ok(pid > 0, o.stderr);
  assert.match(o.stderr, new RegExp(`^gotui: The Delve running demo orders had ended already \\(killed or crashed\\); gotui ended the program it ran \\(pid ${pid}\\)\\.$`, 'm'), o.stderr);
  await waitFor('the program gone', () => (!processAlive(pid) ? true : undefined), 10_000);
  assert.doesNotMatch(o.stderr, /Ended demo orders and its Delve/, o.stderr);
});

test("expect stop at a function by its package's whole path: the path Delve finds holds (as break echoes it), another path with the same last element does not (trials BY, CA)", async (t) => {
  const dir = tmpDir(t);
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.21\n');
  fs.mkdirSync(path.join(dir, 'calc'));
  fs.writeFileSync(path.join(dir, 'calc', 'calc.go'), 'package calc\n\nfunc Sum(a, b int) int {\n\treturn a + b\n}\n');
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/app/calc"\n)\n\nfunc main() {\n\tfmt.Println(calc.Sum(1, 2))\n}\n');
  await execa('go', ['build', '-gcflags=all=-N -l', '-o', 'app', '.'], { cwd: dir });
  const file = path.join(dir, 's.gotui');
  fs.writeFileSync(file, 'break example.com/app/calc.Sum\ncontinue\nexpect stop at example.com/app/calc.Sum within 30s\nexpect stop at calc.Sum\nexpect stop at elsewhere.example/calc.Sum\n');
  const r = await gotuiRun(t, file, ['exec', path.join(dir, 'app')]);
  assert.equal(r.exitCode, 1, r.stderr);
  assert.match(r.stderr, /s\.gotui:3: expect stop at example\.com\/app\/calc\.Sum within 30s .*PASSED/);
  assert.match(r.stderr, /s\.gotui:4: expect stop at calc\.Sum .*PASSED/);
  assert.match(r.stderr, /s\.gotui:5: expect stop at elsewhere\.example\/calc\.Sum .*FAILED/);
});
