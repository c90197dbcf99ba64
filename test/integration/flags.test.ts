import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { connectTcp } from '../../src/dap/client.js';
import { ensureDelve } from '../../src/delve/locate.js';
import { childrenOf, killQuietly } from '../../src/delve/server.js';
import { findMarker } from '../../src/demos/build.js';
import { UserError } from '../../src/errors.js';
import { flagsFeature } from '../../src/flags/feature.js';
import { consoleFeature } from '../../src/console/feature.js';
import type { FlagsController } from '../../src/flags/controller.js';
import type { FlagSetSnapshot } from '../../src/flags/model.js';
import { restartUnavailable } from '../../src/flags/restart.js';
import { loadBinary } from '../../src/bpf/binary.js';
import { Session } from '../../src/session/session.js';
import { describeStopReason } from '../../src/session/breakpoints.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { attachedDemo, commandContext, exec, modelsOf, record, waitForStop } from '../support/session.js';
import { afterPolls, pairedGotui, pairHere } from '../support/pair.js';
import { appStoppedIn, attachedApp, consoleLine, consoleSince, must } from '../support/app.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';

const DEMO = 'flags-hot-reload';

function summary(snap: FlagSetSnapshot) {
  return snap.flags.map((f) => ({ name: f.name, type: f.type.name, def: f.defValue, value: f.value, changed: f.changed }));
}

async function stopAtTick(session: Session): Promise<void> {
  const at = findMarker(DEMO, 'gotui:tick');
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, since);
}

async function runFree(session: Session): Promise<void> {
  for (const b of [...session.state.breakpoints]) await session.removeBreakpoint(b.id);
  await session.continue();
}

function controller(_t: TestContext, session: Session): FlagsController {
  return modelsOf(session).model(flagsFeature);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Counts the DAP requests a piece of work sends. */
async function requestsDuring(session: Session, work: () => Promise<unknown>): Promise<number> {
  const real = session.request.bind(session);
  let n = 0;
  session.request = ((...a: Parameters<Session['request']>) => {
    n++;
    return real(...a);
  }) as Session['request'];
  try {
    await work().catch(() => undefined);
  } finally {
    session.request = real;
  }
  return n;
}

test('flags: reads every FlagSet kind from the live process and edits each type, the program sees it', async (t) => {
  const { server, session } = await attachedDemo(t, DEMO, ['-batch=32', '-log-level', 'debug', '-interval=100ms']);
  await waitFor('tick lines', () => server.output.some((l) => /^DEBUG tick \d+ /.test(l)) || undefined);
  await stopAtTick(session);
  const c = controller(t, session);

  const cmd = await c.watch();
  assert.equal(cmd.library, 'flag');
  assert.equal(cmd.parsed, true);
  assert.deepEqual(summary(cmd), [
    { name: 'batch', type: 'int', def: '16', value: '32', changed: true },
    { name: 'debug-file', type: 'string', def: '', value: '', changed: false },
    { name: 'fixed', type: 'bool', def: 'false', value: 'false', changed: false },
    { name: 'interval', type: 'duration', def: '500ms', value: '100ms', changed: true },
    { name: 'log-level', type: 'string', def: 'info', value: 'debug', changed: true },
    { name: 'name', type: 'string', def: 'flagsvc', value: 'flagsvc', changed: false },
    { name: 'verbose', type: 'bool', def: 'false', value: 'false', changed: false },
  ]);
  assert.equal(cmd.flags.find((f) => f.name === 'batch')!.usage, 'items handled per tick');

  const { snapshot: args } = await c.args();
  assert.deepEqual(args.args.slice(1), ['-batch=32', '-log-level', 'debug', '-interval=100ms']);
  assert.match(args.args[0]!, /flags-hot-reload$/);

  const debug = await c.watch('main.debugFlags');
  assert.equal(debug.parsed, false, 'debugFlags is only parsed on SIGHUP');
  assert.deepEqual(summary(debug), [
    { name: 'mode', type: 'main.modeValue', def: 'normal', value: 'normal', changed: false },
    { name: 'sample', type: 'float64', def: '1', value: '1', changed: false },
    { name: 'trace', type: 'bool', def: 'false', value: 'false', changed: false },
  ]);
  assert.equal(debug.flags[0]!.type.kind, 'custom');

  const pf = await c.watch('main.pflags');
  assert.equal(pf.library, 'pflag');
  assert.equal(pf.name, 'extra');
  assert.deepEqual(summary(pf), [
    { name: 'region', type: 'string', def: 'local', value: 'eu-west-1', changed: true },
    { name: 'workers', type: 'int', def: '1', value: '4', changed: true },
  ]);
  assert.equal(pf.flags[1]!.setOnCommandLine, true);

  // Not a FlagSet, or nothing at all: one sentence each.
  await assert.rejects(c.watch('main.logLevel'), (e: unknown) => e instanceof UserError && /main\.logLevel is a \*string, not a FlagSet/.test(e.message));
  await assert.rejects(c.watch('main.nosuch'), (e: unknown) => e instanceof UserError && /^This program has no variable main\.nosuch\.$/.test(e.message));
  assert.deepEqual(c.store.get().sets.map((s) => s.expr), ['flag.CommandLine', 'main.debugFlags', 'main.pflags']);

  // A bad int is refused before anything goes to Delve.
  const sent = await requestsDuring(session, () => c.edit('flag.CommandLine', 'batch', '12abc'));
  assert.equal(sent, 0);
  await assert.rejects(c.edit('flag.CommandLine', 'batch', '12abc'), (e: unknown) => e instanceof UserError && /'12abc' is not an int for -batch/.test(e.message) && /whole number/.test(e.hint ?? ''));
  // A bool's name alone sets it, as -verbose does on a command line; another type's name alone asks for its value.
  await assert.rejects(c.edit('flag.CommandLine', 'batch', undefined), (e: unknown) => e instanceof UserError && e.message === '-batch needs a value: its type is int, not bool.');
  // A pflag flag is named as it is typed there, with two dashes.
  await assert.rejects(c.edit('main.pflags', 'workers', 'many'), (e: unknown) => e instanceof UserError && /'many' is not an int for main\.pflags --workers\./.test(e.message));
  await assert.rejects(c.edit('flag.CommandLine', 'interval', '10'), (e: unknown) => e instanceof UserError && /needs a unit/.test(e.hint ?? ''));
  await assert.rejects(c.edit('flag.CommandLine', 'nope', '1'), (e: unknown) => e instanceof UserError && /has no flag -nope/.test(e.message));

  // Each type, at a statement line (a safe point for calls); each result is read back from the process.
  const edits: [string, string, string | undefined, string][] = [
    ['flag.CommandLine', 'batch', '0x40', '64'],
    ['flag.CommandLine', 'verbose', undefined, 'true'],
    ['flag.CommandLine', 'verbose', 'F', 'false'],
    ['flag.CommandLine', 'verbose', 'T', 'true'],
    ['flag.CommandLine', 'interval', '0.05s', '50ms'],
    ['flag.CommandLine', 'log-level', 'info', 'info'],
    ['flag.CommandLine', 'name', 'svc "two"', 'svc "two"'],
    ['main.debugFlags', 'mode', 'drain', 'drain'],
    ['main.debugFlags', 'sample', '0.25', '0.25'],
    ['main.debugFlags', 'trace', 'true', 'true'],
    ['main.pflags', 'workers', '8', '8'],
    ['main.pflags', 'region', 'us-east-2', 'us-east-2'],
  ];
  for (const [set, name, value, want] of edits) {
    const r = await c.edit(set, name, value);
    assert.equal(r.status, 'applied', `${set} ${name}=${value}: ${r.message}`);
    // Named as its library spells it, as the pane does: pflag's --region.
    assert.ok(r.message.startsWith(`${set === 'flag.CommandLine' ? '' : `${set} `}${set === 'main.pflags' ? '--' : '-'}${name} = `), r.message);
    assert.equal(r.status === 'applied' && r.flag.value, want, `${name} read back`);
    const evaluated = await session.evaluate(`(${set}).formal["${name}"].Value`);
    assert.ok(evaluated.result.length > 0);
  }
  assert.equal(c.store.get().sets.find((s) => s.expr === 'flag.CommandLine')!.snapshot!.flags.find((f) => f.name === 'batch')!.value, '64');

  // The custom Value's own validation refuses, with its own words, and the value stays.
  await assert.rejects(c.edit('main.debugFlags', 'mode', 'bogus'), (e: unknown) => e instanceof UserError && e.message === 'main.modeValue refused "bogus": mode must be one of normal, drain, readonly.' && /stays drain/.test(e.hint ?? ''));
  assert.equal((await session.evaluate('*main.debugFlags.formal["mode"].Value.(*main.modeValue)')).result, '"drain"');

  // The same through the : commands.
  const printed: { text: string }[] = [];
  const out = { at: (i: number) => printed.at(i)?.text };
  const ctx = commandContext(session, printed);
  const run = (name: string, args: string) => exec(ctx, `${name} ${args}`);
  await run('flags', 'main.debugFlags');
  assert.match(out.at(-1)!, /^main\.debugFlags  "debug"  3 flags.*\n  not parsed yet.*\n\* -mode +main\.modeValue drain +\(default normal\)/);
  await run('flag', '-set main.debugFlags trace=false');
  assert.equal(out.at(-1), 'main.debugFlags -trace = false (was true). main.debugFlags is not parsed yet: its Parse will overwrite this if its arguments name -trace.');
  // A flag of an added set, edited without -set: the command that edits it there.
  await assert.rejects(run('flag', 'trace=true'), (e: unknown) => e instanceof UserError && e.message === 'flag.CommandLine has no flag -trace; main.debugFlags has.' && e.hint === 'Edit it there: :flag -set main.debugFlags trace=true');
  await run('flag', 'verbose=1');
  assert.equal(out.at(-1), '-verbose = true (was true).');
  await assert.rejects(run('flag', 'batch=ten'), UserError);
  await run('args', '');
  assert.match(out.at(-1)!, /^os\.Args \(5\):\n\[0\] \S+flags-hot-reload\n\[1\] -batch=32\n/);

  // The program runs with the new values.
  const outputBefore = server.output.length;
  await runFree(session);
  const line = await waitFor('a tick line with the edited flags', () => server.output.slice(outputBefore).find((l) => /^INFO tick \d+ /.test(l)), 15_000);
  assert.match(line, /^INFO tick \d+ name=svc "two" batch=64 interval=50ms verbose=true mode=drain trace=false sample=0\.25 workers=8 region=us-east-2 handled=\d+$/);

  // While it runs, the last values stay, marked stale.
  await waitFor('stale flags', () => c.store.get().stale || undefined);
  // Attached without the JSON-RPC side channel: whether Delve started the program is not known, so it is not tried.
  assert.equal(restartUnavailable(session), "Delve's JSON-RPC did not say whether Delve started this program or attached to it");
});

/** The instruction after main.render's stack check: inside the prologue, where the runtime refuses calls. */
async function unsafePoint(session: Session, binary: string): Promise<string> {
  const entry = loadBinary(binary).requireFunction('main.render').value;
  const res = await session.request<P.DisassembleResponse>('disassemble', { memoryReference: `0x${entry.toString(16)}`, instructionCount: 12 });
  const ins = res.body?.instructions ?? [];
  const jump = ins.findIndex((i) => /^J(BE|LS)\b/.test(i.instruction));
  assert.ok(jump >= 0 && ins[jump + 1], `no stack check in main.render: ${ins.map((i) => i.instruction).join('; ')}`);
  return ins[jump + 1]!.address;
}

test('flags: an edit where calls cannot run waits, and applies itself at the next safe stop', async (t) => {
  const { server, session } = await attachedDemo(t, DEMO, ['-interval=50ms']);
  await waitFor('tick lines', () => server.output.some((l) => /^INFO tick \d+ /.test(l)) || undefined);
  const c = controller(t, session);
  await c.activate();

  await session.pause();
  await waitForStop(session, 0);
  const addr = await unsafePoint(session, server.binary);
  await session.request('setInstructionBreakpoints', { breakpoints: [{ instructionReference: addr }] });
  let since = session.stopCount;
  await session.continue();
  await waitForStop(session, since);
  assert.equal(session.state.selection?.top?.name, 'main.render');

  // Memory writes need no call: applied here.
  const batch = await c.edit('flag.CommandLine', 'batch', '5');
  assert.equal(batch.status, 'applied');
  // Set needs a call: queued, with the runtime's reason.
  const mode = await c.edit('main.debugFlags', 'mode', 'readonly');
  assert.equal(mode.status, 'queued');
  assert.match(mode.message, /call not at safe point/);
  assert.match(mode.message, /queued as edit #1/);
  assert.match(mode.message, /^main\.debugFlags -mode's Set cannot run where the target stopped \(.*\): queued as edit #1, applied at the next stop where it can \(a statement line: :next gets there\)\./);
  const name = await c.edit('flag.CommandLine', 'name', 'later');
  assert.equal(name.status, 'queued');
  assert.deepEqual(c.pending().map((p) => [p.id, p.name, p.value]), [[1, 'mode', 'readonly'], [2, 'name', 'later']]);
  c.cancel(2);
  assert.deepEqual(c.pending().map((p) => p.id), [1]);
  assert.equal((await session.evaluate('*main.debugFlags.formal["mode"].Value.(*main.modeValue)')).result, '"normal"');

  // The next stop is a statement line: the queue drains by itself, with the result logged.
  await session.request('setInstructionBreakpoints', { breakpoints: [] });
  const at = findMarker(DEMO, 'gotui:tick');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  since = session.stopCount;
  await session.continue();
  await waitForStop(session, since);
  await waitFor('the queue to drain', () => (c.pending().length === 0 ? true : undefined));
  assert.ok(record(session).console.some((l) => /Applied pending edit #1: main\.debugFlags -mode = readonly \(was normal\)/.test(l.text)));
  const shown = c.store.get().sets.find((s) => s.expr === 'main.debugFlags')?.snapshot?.flags.find((f) => f.name === 'mode');
  assert.equal(shown?.value, 'readonly');

  const printed = server.output.length;
  await runFree(session);
  const line = await waitFor('a tick line in readonly mode', () => server.output.slice(printed).find((l) => /^INFO tick /.test(l)), 15_000);
  assert.match(line, / name=flagsvc batch=5 .* mode=readonly /);
});

test('flags: restart with new arguments changes os.Args and keeps breakpoints', async (t) => {
  const dlv = await ensureDelve();
  const server = await startDemoServer(t, DEMO, ['-batch=3']);
  const session = new Session(`demo ${DEMO}`);
  t.after(() => session.dispose());
  await session.attach(await connectTcp(server.address), { stop: false, version: dlv.version, owned: true });
  if (!session.features.restartWithArgs) {
    assert.match(restartUnavailable(session) ?? '', /cannot restart with new arguments/);
    t.skip(`Delve ${dlv.version} cannot restart with arguments`);
    return;
  }
  const c = controller(t, session);
  await c.activate();
  await stopAtTick(session);
  assert.deepEqual((await c.args()).snapshot.args.slice(1), ['-batch=3']);
  const oldPid = server.targetPid;

  const since = session.stopCount;
  const message = await c.restart(['-batch=7', '-name', 'two words']);
  assert.match(message, /^Restarted with: -batch=7 -name 'two words'; breakpoints kept, and it runs \(p pauses\)\./);
  // Delve has other children (Go's telemetry sidecar): the debuggee is the one running the demo.
  const pids = childrenOf(server.dlvPid).filter((p) => commandLine(p).startsWith(server.binary));
  t.after(() => pids.forEach((p) => killQuietly(p, 'SIGKILL')));
  assert.ok(pids.length === 1 && pids[0] !== oldPid, `a new process: ${pids} (was ${oldPid})`);

  // The breakpoint survived: the new process stops at the tick, and the pane reads the new values there.
  await waitForStop(session, since);
  await waitFor('flags read at the new stop', () => (c.store.get().args?.stop === session.stopCount && !c.store.get().reading ? true : undefined));
  assert.deepEqual(c.store.get().args!.args.slice(1), ['-batch=7', '-name', 'two words']);
  const flags = c.store.get().sets[0]!.snapshot!.flags;
  assert.equal(flags.find((f) => f.name === 'batch')!.value, '7');
  assert.equal(flags.find((f) => f.name === 'name')!.value, 'two words');

  const printed = server.output.length;
  await runFree(session);
  await waitFor('a tick from the restarted program', () => server.output.slice(printed).find((l) => /^INFO tick 1 name=two words batch=7 /.test(l)), 15_000);
});

test("flags: an edit's injected calls are this gotui's own: nobody is said to run or move the target, the stop stays, a peer hears of the flag", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, DEMO, []);
  const at = findMarker(DEMO, 'gotui:tick');
  const a = await pairedGotui(t, server.address, 'alice');
  await a.app.run(`break main.go:${at.line}`);
  await a.app.run('continue');
  const atTick = (g: typeof a) => g.app.session.state.status === 'stopped' && g.app.session.state.selection?.frame?.line === at.line;
  await waitFor('alice at the tick', () => (atTick(a) ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('bob there too', () => (atTick(b) && b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  await Promise.all([afterPolls(a, 4), afterPolls(b, 4)]);

  // [what alice types, her result line, what the dlv CLI prints, its answer]
  const edits: [string, RegExp, string, string][] = [
    // A Set is a call, which runs the program: said (trial BD).
    ['flag log-level=error', /^-log-level = "error" \(was "info"\)\. Set ran as a call: the program ran meanwhile\.$/, 'print *main.logLevel', '"error"'],
    ['flag name=é\\xff', /^-name = "é\\\\xff" \(was "flagsvc"\)\. Set ran as a call: the program ran meanwhile\.$/, 'print *main.name', '"é\\\\xff"'],
    ['flag -set main.debugFlags mode=drain', /^main\.debugFlags -mode = drain \(was normal\)\./, 'print main.mode', '"drain"'],
    // gotui's own :call the same way (and it sees the edited -log-level: error prints every tenth tick).
    ['call shouldPrint(3)', /^shouldPrint\(3\) = false$/, 'print tick', '1'],
  ];
  for (const [line, said, check, want] of edits) {
    const [fromA, fromB] = [a.rec.console.length, b.rec.console.length];
    const [stopA, stopB] = [a.app.session.state.stop, b.app.session.state.stop];
    assert.ok(await a.app.run(line), line);
    const news = /^flag/.test(line) ? /» alice changed a flag; values are read again/ : /» alice ran a function call in the target/;
    await waitFor('bob hears of it', () => b.rec.console.slice(fromB).find((l) => news.test(l.text)));
    // Long enough for a move to be seen and said: polls on both sides after the edit.
    await Promise.all([afterPolls(a, 8), afterPolls(b, 8)]);
    const saidA = a.rec.console.slice(fromA).map((l) => l.text);
    assert.equal(saidA.length, 2, `${line}: alice says only its result:\n${saidA.join('\n')}`);
    assert.equal(saidA[0], `> ${line}`);
    assert.match(saidA[1]!, said);
    const saidB = b.rec.console.slice(fromB).map((l) => l.text);
    assert.deepEqual(saidB.filter((l) => /Another client/.test(l)), [], `${line}: bob's console:\n${saidB.join('\n')}`);
    for (const [g, was] of [[a, stopA], [b, stopB]] as const) {
      assert.equal(g.app.session.state.status, 'stopped');
      assert.deepEqual(g.app.session.state.stop, was, `${line}: the stop stays as it was`);
    }
    const cli = await dlvCli(server.address, [check, 'stack 2']);
    assert.ok(cli.split('\n').includes(want), `${check}: ${want} in\n${cli}`);
    assert.equal(cliFrames(cli)[0]?.line, at.line, 'the dlv CLI sees the same stop');
  }
  // A value the program refuses: bob hears a refusal, not a change (trial AG); the dlv CLI finds the old value.
  const fromB = b.rec.console.length;
  assert.equal(await a.app.run('flag -set main.debugFlags mode=bogus'), false);
  await waitFor('bob hears of the refusal', () => b.rec.console.slice(fromB).find((l) => /» alice tried a flag value the program refused \(the old one is back\); values are read again/.test(l.text)));
  assert.ok(!b.rec.console.slice(fromB).some((l) => /changed a flag/.test(l.text)));
  assert.ok((await dlvCli(server.address, ['print main.mode'])).split('\n').includes('"drain"'));
});

/** Where the console sends the user for a call to run, by Delve's reason (what gotui must say). */
function wayTo(reason: string): string {
  if (/not at safe point/.test(reason)) return 'a statement line: :next gets there';
  if (/within the Go runtime/.test(reason)) return "the program's own code: o steps out to it";
  return 'a breakpoint on a statement line of the program: :break FILE:LINE, then c';
}

/** The demo ticking, its flags pane active, then paused: a pause lands wherever the threads are, mostly inside the runtime (the main goroutine waits in a select). */
async function pausedTicking(t: TestContext) {
  const { server, session } = await attachedDemo(t, DEMO, []);
  await waitFor('tick lines', () => server.output.some((l) => /^INFO tick \d+ /.test(l)) || undefined);
  const c = controller(t, session);
  await c.activate();
  await session.pause();
  await waitForStop(session, 0);
  return { server, session, c };
}

test('flags: an edit queued at a stop where the call cannot run says why (the reason the pane shows), not that the target runs', async (t) => {
  const { server, session, c } = await pausedTicking(t);
  assert.equal(session.state.status, 'stopped');
  const r = await c.edit('flag.CommandLine', 'log-level', 'error');
  assert.equal(r.status, 'queued', r.message);
  const pending = c.pending()[0]!;
  assert.equal(r.status === 'queued' && r.pending.id, pending.id);
  assert.doesNotMatch(r.message, /running/i.test(pending.reason) ? /target is running/i : /running/i, r.message);
  assert.equal(r.message, `-log-level's Set cannot run where the target stopped (${pending.reason}): queued as edit #1, applied at the next stop where it can (${wayTo(pending.reason)}). :flag -cancel 1 drops it.`);
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"info"$/m, 'nothing changed yet');

  // Another pause: the edit is tried again there, and what came of it is said in the console.
  let since = session.stopCount;
  await session.continue();
  await session.pause();
  await waitForStop(session, since);
  const tried = await waitFor('the edit tried at the new stop', () => (c.pending()[0]?.attempts ?? 1) >= 1 || undefined);
  assert.ok(tried);
  const said = record(session).console.map((l) => l.text);
  const left = c.pending()[0];
  if (left) assert.ok(said.includes(`Pending edit #1 (-log-level=error) still waits: ${left.reason} at this stop; applied at the next stop where it can (${wayTo(left.reason)}). :flag -cancel 1 drops it.`), said.join('\n'));
  // A string flag's values are said quoted, as Go prints them (CI 98 took this branch: the pause came where the call runs).
  else assert.ok(said.some((l) => /^Applied pending edit #1: -log-level = "error" \(was "info"\)\.$/.test(l)), said.join('\n'));

  // At the tick line (a statement, in main's goroutine) the call runs: the edit is applied.
  since = session.stopCount;
  const at = findMarker(DEMO, 'gotui:tick');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await session.continue();
  await waitForStop(session, since);
  await waitFor('the queue to drain', () => (c.pending().length === 0 ? true : undefined));
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"error"$/m);
});

test('flags: a value written at once drops an older edit of the same flag still waiting, which would have overwritten it at a later stop (trial AV)', async (t) => {
  const { server, session, c } = await pausedTicking(t);
  // NaN has no Go literal: the Value's Set parses it, and a pause in the runtime cannot run it.
  const nan = await c.edit('main.debugFlags', 'sample', 'NaN');
  assert.equal(nan.status, 'queued', nan.message);
  const written = await c.edit('main.debugFlags', 'sample', '0.25');
  assert.equal(written.status, 'applied', written.message);
  assert.match(written.message, /Pending edit #1 \(NaN\) dropped: this one is newer\./);
  assert.deepEqual(c.pending(), []);
  // At the next stop where calls run, the flag keeps the newer value (the dlv CLI as oracle).
  const since = session.stopCount;
  const at = findMarker(DEMO, 'gotui:tick');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await session.continue();
  await waitForStop(session, since);
  assert.match(await dlvCli(server.address, ['print *main.sample']), /^0\.25$/m);
});

/** The demo stopped at its tick, with Delve's JSON-RPC and a goroutine that is not the stop's, parked. */
async function atTickWithParked(t: TestContext) {
  const { server, session } = await attachedDemo(t, DEMO, []);
  await stopAtTick(session);
  const stopped = session.state.stop!.goroutine;
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const parked = ((await rpc.listGoroutines({ Start: 0, Count: 100 })).Goroutines ?? []).find((g) => !g.threadID && g.id > 0 && g.id !== stopped);
  assert.ok(parked, 'a parked goroutine');
  return { server, session, c: controller(t, session), stopped, parked, rpc };
}

test('flags: an edit queued because a parked goroutine is looked at names the goroutine that stopped as the way to apply it now (trial BA: told to set a breakpoint, at one)', async (t) => {
  const { server, session, c, stopped, parked } = await atTickWithParked(t);
  await session.selectGoroutine(parked.id);
  const r = await c.edit('flag.CommandLine', 'log-level', 'debug');
  assert.equal(r.status, 'queued', r.message);
  assert.match(r.message, new RegExp(`\\(selected goroutine not running\\): queued as edit #1, applied at the next stop where it can \\(or now, from the goroutine that stopped: :goroutine ${stopped}, then edit again\\)\\.`), r.message);
  // As said: from the goroutine that stopped, the same edit runs at once, the waiting one dropped
  // (trial BG: it ran too, at the call's end taken for a stop, and the edit was said to fail).
  await session.selectGoroutine(stopped);
  const stops = session.stopCount;
  const number = session.state.stop!.number;
  const said = record(session);
  const from = said.console.length;
  const now = await c.edit('flag.CommandLine', 'log-level', 'debug');
  assert.equal(now.status, 'applied', now.message);
  assert.match(now.message, /\(was "info"\)/, now.message);
  assert.match(now.message, /Pending edit #1 \(debug\) dropped: this one is newer\./, now.message);
  assert.deepEqual(c.pending(), []);
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"debug"$/m);
  await new Promise((r) => setTimeout(r, 300));
  const after = said.console.slice(from).map((l) => l.text).join('\n');
  assert.equal(session.stopCount, stops, `no stop for the call\n${after}`);
  assert.equal(session.state.stop!.number, number);
  assert.doesNotMatch(after, /Cannot set|Applied pending edit/, after);
  assert.deepEqual(c.changedFlags(), ['-log-level (was "info")']);
});

test(':flags EXPR asked before the pane was ever shown keeps the program\'s own flags first: flag.CommandLine is shown and read too, so a later edit of it can wait in the queue', async (t) => {
  const { session } = await attachedDemo(t, DEMO, ['-batch=32']);
  await stopAtTick(session);
  const c = controller(t, session);
  await c.watch('main.debugFlags');
  assert.deepEqual(c.store.get().sets.map((s) => s.expr), ['flag.CommandLine', 'main.debugFlags']);
  const cmd = c.store.get().sets[0]!.snapshot;
  assert.equal(cmd?.flags.find((f) => f.name === 'batch')?.value, '32', 'flag.CommandLine was read');
  // Running, an edit of it is checked against that read and waits for the next stop.
  await runFree(session);
  await waitFor('the target running', () => (session.state.status === 'running' ? true : undefined));
  const r = await c.edit('flag.CommandLine', 'interval', '2s');
  assert.equal(r.status, 'queued', r.message);
  assert.equal(c.pending().length, 1);
});

test("flags: a Set Delve reports as stopped before it returned (its selected goroutine is another, as the dlv CLI's `goroutine N` leaves it), whose flag reads back changed, is said applied (trial BG: said to have failed)", async (t) => {
  const { server, c, parked, rpc } = await atTickWithParked(t);
  await rpc.call('Command', { name: 'switchGoroutine', goroutineID: parked.id });
  const r = await c.edit('flag.CommandLine', 'log-level', 'debug');
  assert.equal(r.status, 'applied', r.message);
  assert.match(r.message, /^-log-level = "debug" \(was "info"\)\. Set ran as a call, which Delve says stopped before it returned/, r.message);
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"debug"$/m);
});

const OWN_FLAGSET = `package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

var svc = flag.NewFlagSet("svc", flag.ExitOnError)
var workers = svc.Int("workers", 3, "how many workers")
var mode = svc.String("mode", "fast", "fast or careful")

func tick(i int) int { return i * *workers }

func main() {
	svc.Parse(os.Args[1:])
	for i := 0; ; i++ {
		fmt.Println(tick(i), *mode)
		time.Sleep(20 * time.Millisecond)
	}
}
`;

test("flags: a program whose flags are all on a FlagSet of its own (a package variable) has it read with flag.CommandLine once the pane opens, as the dlv CLI reads it (trial BF: the pane showed no flags)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'ownflags', OWN_FLAGSET, 'main.tick', ['-workers', '7']);
  const c = app.models.model(flagsFeature);
  await c.activate();
  const own = await waitFor("the program's FlagSet read", () => c.store.get().sets.find((s) => s.expr === 'main.svc')?.snapshot);
  assert.deepEqual(c.store.get().sets.map((s) => s.expr), ['flag.CommandLine', 'main.svc']);
  assert.deepEqual(c.store.get().sets[0]!.snapshot?.flags, [], 'flag.CommandLine has none');
  const cli = await dlvCli(server.address, ['print *main.workers', 'print *main.mode']);
  const [workers, mode] = [/^(\d+)$/m.exec(cli)?.[1], /^"(.*)"$/m.exec(cli)?.[1]];
  assert.deepEqual([workers, mode], ['7', 'fast'], cli);
  assert.deepEqual(own.flags.map((f) => [f.name, f.value]).sort(), [['mode', mode], ['workers', workers]]);
  assert.ok(rec.console.some((l) => l.text === "flag.CommandLine has no flags: the program's own FlagSet main.svc is read too."), consoleSince(rec, 0));


  // A flag named without -set is its set's: the only one that has it (trial BG: refused, told to name main.svc).
  const from = rec.console.length;
  await must(app, rec, 'flag workers=9');
  assert.match(consoleSince(rec, from), /^main\.svc -workers = 9 \(was 7\)\.$/m, consoleSince(rec, from));
  assert.match(await dlvCli(server.address, ['print *main.workers']), /^9$/m);
});

test("flags: :flag NAME=VALUE and :flags find the program's own FlagSet before the pane has ever been shown; a name none has is refused naming that set's flags (trial BK: 'flag.CommandLine has no flag -workers' until 8 was pressed)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'ownflags2', OWN_FLAGSET, 'main.tick', ['-workers', '7']);
  let from = rec.console.length;
  await must(app, rec, 'flag workers=9');
  assert.match(consoleSince(rec, from), /^main\.svc -workers = 9 \(was 7\)\.$/m, consoleSince(rec, from));
  assert.match(await dlvCli(server.address, ['print *main.workers']), /^9$/m);
  from = rec.console.length;
  assert.equal(await app.run('flag nosuch=1'), false);
  assert.match(consoleSince(rec, from), /main\.svc has no flag -nosuch \(flag\.CommandLine defines none\)\./, consoleSince(rec, from));
  assert.match(consoleSince(rec, from), /Its flags are -mode, -workers\./, consoleSince(rec, from));
  // :flags lists the set the program's flags are on, beside the empty flag.CommandLine.
  from = rec.console.length;
  await must(app, rec, 'flags');
  assert.match(consoleSince(rec, from), /main\.svc[\s\S]*-workers\s+int\s+9/, consoleSince(rec, from));
});

test('flags: a program that does not use the flag package is told so in one sentence, where the dlv CLI finds no flag.CommandLine either', async (t) => {
  const { server, session } = await attachedDemo(t, 'machine');
  const at = findMarker('machine', 'gotui:floats');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, 0);
  const c = controller(t, session);
  await c.activate();
  const error = await waitFor('flag.CommandLine read', () => c.store.get().sets.find((s) => s.expr === 'flag.CommandLine')?.error);
  assert.match(error, /^This program does not use the flag package: its binary has no flag\.CommandLine\. Give a FlagSet /);
  assert.match(await dlvCli(server.address, ['print flag.CommandLine']), /could not find symbol/);
});

test(':restart on a dlv exec server gotui attached to: Delve started the program, so it restarts it with new arguments, breakpoints kept, as the dlv CLI then sees; q leaves the new process running without them, and says which queued edit it dropped', async (t) => {
  const { app, rec, server, ended } = await attachedApp(t, DEMO, ['-batch=3'], { stop: true });
  assert.equal(app.session.state.owned, false);
  const flagsModel = app.models.model(flagsFeature);
  const said = (from: number) => consoleSince(rec, from);
  // Halted at its entry: no FlagSet exists yet, and gotui says why rather than "flag.CommandLine is nil".
  let from = rec.console.length;
  assert.equal(await app.run('flags'), false);
  assert.match(said(from), /^Cannot read flags yet: the program is halted at its entry, before its packages are initialised\. Continue \(c\) to a breakpoint/m, said(from));
  // The pane (8) says so too; once the program runs, no longer (trial N).
  await flagsModel.activate();
  assert.match(flagsModel.get().sets[0]?.error ?? '', /halted at its entry/);
  let whileRunning: string | undefined = 'not run';
  const off = app.session.events.on('resumed', () => {
    whileRunning = flagsModel.get().sets[0]?.error;
    off();
  });

  const at = findMarker(DEMO, 'gotui:tick');
  await must(app, rec, `break main.go:${at.line}`);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const pids = [await rpc.processPid()];
  t.after(() => pids.forEach((p) => killQuietly(p, 'SIGKILL')));
  const args = (cli: string) => /\[\]string len: \d+, cap: \d+, \[([^\]]*)\]/.exec(cli)?.[1]?.replace(/\s+/g, '');

  // Restarted twice: with new arguments, then bare (Delve gives the last restart's again, and gotui says which).
  for (const [line, message] of [
    ["restart -yes -batch=7 -name 'two words'", "Restarted with: -batch=7 -name 'two words' (pid PID); breakpoints kept, and it runs (p pauses)."],
    ['restart -yes', "Restarted with the last restart's arguments: -batch=7 -name 'two words' (pid PID); breakpoints kept, and it runs (p pauses)."],
  ] as const) {
    from = rec.console.length;
    const since = app.session.stopCount;
    await must(app, rec, line);
    pids.push(await rpc.processPid());
    assert.notEqual(pids.at(-1), pids.at(-2), 'Delve runs a new process');
    // The new process named, as the dlv CLI's restart names it (Delve's own ProcessPid the oracle).
    assert.ok(said(from).split('\n').includes(message.replace('PID', String(pids.at(-1)))), said(from));
    // The breakpoint survived the restart: the new process stops at it, where the dlv CLI says, with those arguments.
    const stop = await waitForStop(app.session, since);
    assert.equal(stop.frame?.line, at.line);
    assert.equal(whileRunning, undefined);
    const cli = await dlvCli(server.address, ['stack 1', 'print os.Args[1:]']);
    assert.equal(cliFrames(cli)[0]?.line, at.line, cli);
    assert.equal(args(cli), '"-batch=7","-name","twowords",', cli);
    await waitFor('os.Args read at the new stop', () => (flagsModel.get().args?.stop === app.session.stopCount ? true : undefined));
    assert.deepEqual(flagsModel.get().args?.args.slice(1), ['-batch=7', '-name', 'two words']);
  }

  assert.doesNotMatch(said(0), /ended before its first stop/, 'a restart that stops is not said to have ended');
  // Arguments the program refuses: it ends at once, and gotui says where its own message went (Delve's terminal, here its log).
  from = rec.console.length;
  await app.run('restart -yes -bogusflag');
  await consoleLine(rec, /^The program ended before its first stop after the restart with -bogusflag, as a program that refuses its arguments does; its own message went to the terminal or log of the Delve gotui attached to/, from).catch((e) => { throw new Error(`${e} -- ${said(from)}`); });
  await waitFor('the refusal in Delve\'s output', () => server.output.some((l) => /flag provided but not defined: -bogusflag/.test(l)) || undefined);
  const again = app.session.stopCount;
  await must(app, rec, "restart -yes -batch=7 -name 'two words'");
  await waitForStop(app.session, again);

  // A FlagSet that cannot be read is refused and leaves no section behind (a failed command changes nothing).
  await must(app, rec, 'flags');
  from = rec.console.length;
  assert.equal(await app.run('flag -set nosuch.x a=1'), false);
  assert.match(said(from), /This program does not use the nosuch package/, said(from));
  assert.deepEqual(flagsModel.get().sets.map((s) => s.expr), ['flag.CommandLine']);
  // A package it has, a name it lacks: a variable is missing, not a function (Delve's words, trial AV).
  from = rec.console.length;
  assert.equal(await app.run('flags main.nosuch'), false);
  assert.match(said(from), /This program has no variable main\.nosuch\. Give a FlagSet/, said(from));
  assert.doesNotMatch(said(from), /function/, said(from));
  assert.deepEqual(flagsModel.get().sets.map((s) => s.expr), ['flag.CommandLine']);

  // An edit written into the process stays there when gotui leaves: the farewell says which (trial BA).
  await must(app, rec, 'flag verbose');

  // An edit typed while the service runs waits for a stop; quitting first drops it, and says so.
  await must(app, rec, 'clearall');
  await must(app, rec, 'continue');
  from = rec.console.length;
  await must(app, rec, 'flag batch=2');
  assert.match(said(from), /queued as edit #\d+/, said(from));
  const printed = server.output.length;
  await app.run('quit');
  assert.match(ended.message ?? '', /^Left demo flags-hot-reload running\..* A flag changed here stays so in the program: -verbose \(was false\)\. A queued flag edit was dropped, never applied: -batch=2\.$/, ended.message);
  // The new process goes on with its arguments, not the dropped edit, and gotui's breakpoint is gone.
  await waitFor('a tick from the restarted program', () => server.output.slice(printed).find((l) => /^INFO tick \d+ name=two words batch=7 /.test(l)), 15_000);
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(left, new RegExp(`main\\.go:${at.line}\\b`), left);
});

test(":start restarts the program and stops at main.main, as gdb's start does (where the dlv CLI sees it, with the new arguments), its temporary breakpoint gone after; a breakpoint in an init function stops it first, and gotui says so", async (t) => {
  const { app, rec, server } = await attachedApp(t, DEMO, ['-batch=3'], { stop: true });
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const pids = [await rpc.processPid()];
  t.after(() => pids.forEach((p) => killQuietly(p, 'SIGKILL')));
  let from = rec.console.length;
  let since = app.session.stopCount;
  await must(app, rec, 'start -yes -batch=5');
  pids.push(await rpc.processPid());
  assert.ok(consoleSince(rec, from).split('\n').includes(`Restarted with: -batch=5 (pid ${pids.at(-1)}); breakpoints kept, and it runs to main.main.`), consoleSince(rec, from));
  let stop = await waitForStop(app.session, since);
  assert.equal(stop.frame?.name, 'main.main');
  let cli = await dlvCli(server.address, ['stack 1', 'print os.Args[1:]', 'breakpoints']);
  assert.equal(cliFrames(cli)[0]?.func, 'main.main', cli);
  assert.equal(cliFrames(cli)[0]?.line, stop.frame?.line, cli);
  assert.match(cli, /\[\]string len: 1, cap: 1, \[\s*"-batch=5",?\s*\]/, cli);
  await waitFor('the temporary breakpoint taken out', () => (app.session.state.breakpoints.length === 0 ? true : undefined));
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.main/, 'Delve no longer has it');

  // A breakpoint in init is met first: the stop is there, and said as before main.main.
  const init = findMarker(DEMO, 'gotui:init');
  await must(app, rec, `break main.go:${init.line}`);
  from = rec.console.length;
  since = app.session.stopCount;
  await must(app, rec, 'start -yes');
  stop = await waitForStop(app.session, since);
  pids.push(await rpc.processPid());
  assert.equal(stop.frame?.line, init.line);
  // The way on to main.main is a continue to it (:start again would meet the init breakpoint again).
  await consoleLine(rec, /^Stopped \(breakpoint #\d+\) before reaching \S+ \(main\.main\); run to it again with :continue main\.main\.$/, from);
  cli = await dlvCli(server.address, ['stack 0']);
  assert.equal(cliFrames(cli)[0]?.line, init.line, cli);

  // From a running target (trial Y: the halt Delve made for the restart was taken for the stop, gotui's
  // own moves were said as another client's, and the temporary breakpoint stayed in Delve).
  await must(app, rec, 'clearall');
  await must(app, rec, 'continue');
  await waitFor('running', () => (app.session.state.status === 'running' ? true : undefined));
  from = rec.console.length;
  since = app.session.stopCount;
  await must(app, rec, 'start -yes -batch=6');
  pids.push(await rpc.processPid());
  await waitFor('the stop at main.main', () => (app.session.state.status === 'stopped' && app.session.currentFrame()?.name === 'main.main' ? true : undefined), 20_000);
  await waitFor('the temporary breakpoint taken out', () => (app.session.state.breakpoints.length === 0 ? true : undefined));
  assert.doesNotMatch(consoleSince(rec, from), /Another client|before reaching/, consoleSince(rec, from));
  cli = await dlvCli(server.address, ['stack 0', 'print os.Args[1:]', 'breakpoints']);
  assert.equal(cliFrames(cli)[0]?.func, 'main.main', cli);
  assert.match(cli, /"-batch=6"/, cli);
  assert.doesNotMatch(cli, /main\.main\(\)|Name=main\.main/, 'no breakpoint left at main.main');
  assert.ok(app.session.stopCount > since);
});

test("flags: a Set call a breakpoint cuts short (in the Set itself here; another goroutine's in trial BO) is said not set yet, not failed; when the target runs on, Delve finishes it and the next stop is named for it (trial CD: `Stop 4 (breakpoint)`, no breakpoint there) and says so, as the dlv CLI then reads it", async (t) => {
  // As gotui runs it: the stop the call makes is named through its JSON-RPC side channel.
  const { server, app, rec } = await attachedApp(t, DEMO, []);
  const session = app.session;
  await stopAtTick(session);
  const c = app.models.model(flagsFeature);
  const inSet = await session.addBreakpoint({ kind: 'function', spec: 'flag.(*stringValue).Set' });
  const since = session.stopCount;
  const r = await c.edit('flag.CommandLine', 'log-level', 'debug');
  assert.equal(r.status, 'unfinished', r.message);
  assert.equal(r.message, '-log-level is not set yet: a breakpoint stopped the target while its Set call ran (on this goroutine or another), before the Set did its work. Delve may finish the call when the target runs on (c); gotui says at the next stop whether -log-level reads debug.');
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"info"$/m, 'not set yet');
  // The stop the call made names its breakpoint (Delve's stopped event, sent from the call, names none).
  await waitFor('the stop the call made', () => (session.stopCount > since && session.state.status === 'stopped' ? true : undefined));
  assert.equal(describeStopReason(session.state.stop!, session.state.breakpoints), `breakpoint #${inSet.id}`);
  await session.removeBreakpoint(inSet.id);
  const from = session.stopCount;
  await session.continue();
  await waitForStop(session, from);
  // The stop Delve makes as the call returns is named for it, no breakpoint being there (trial CD: `Stop 4 (breakpoint)`).
  const stopLine = await waitFor('the stop line', () => app.models.model(consoleFeature).get().lines.map((l) => l.text).find((l) => l.startsWith(`Stop ${from + 1} (`)));
  assert.match(stopLine, new RegExp(`^Stop ${from + 1} \\(the Set call of -log-level=debug finished\\): `), stopLine);
  assert.equal(describeStopReason(session.state.stop!, session.state.breakpoints), 'the Set call of -log-level=debug finished');
  const said = await waitFor('the call said finished', () => rec.console.find((l) => /^The Set call cut short at an earlier stop has finished/.test(l.text))?.text);
  assert.equal(said, 'The Set call cut short at an earlier stop has finished: -log-level = "debug" (was "info").');
  assert.match(await dlvCli(server.address, ['print *main.logLevel']), /^"debug"$/m);
  assert.deepEqual(c.changedFlags(), ['-log-level (was "info")'], 'the farewell names it');
  assert.deepEqual(c.unfinishedEdits(), []);
  assert.ok(!rec.console.some((l) => /still reads/.test(l.text)), 'not said unfinished at the stop the cut made');
});

test("flags: a queued edit is not applied at a stop another client brought (its Set call would run the target in their run): it says once that it waits, the dlv CLI reads the flag unchanged, and gotui's own next stop applies it (trial CD)", async (t) => {
  const { server, app, rec } = await attachedApp(t, DEMO, ['-interval=50ms']);
  const session = app.session;
  await waitFor('tick lines', () => server.output.some((l) => /^INFO tick \d+ /.test(l)) || undefined);
  const c = app.models.model(flagsFeature);
  await c.activate();
  // Queued at a stop where no call can run (as in the test of queued edits above).
  await must(app, rec, 'pause');
  await waitFor('paused', () => (session.state.status === 'stopped' ? true : undefined));
  await session.request('setInstructionBreakpoints', { breakpoints: [{ instructionReference: await unsafePoint(session, server.binary) }] });
  let since = session.stopCount;
  await session.continue();
  await waitForStop(session, since);
  const mode = await c.edit('main.debugFlags', 'mode', 'readonly');
  assert.equal(mode.status, 'queued', mode.message);
  await session.request('setInstructionBreakpoints', { breakpoints: [] });
  const tick = findMarker(DEMO, 'gotui:tick');
  await session.addBreakpoint({ kind: 'line', file: tick.file, line: tick.line });
  await afterPolls({ app }, 2);
  const modeNow = async () => (await dlvCli(server.address, ['print main.mode'])).split('\n').find((l) => /^"/.test(l));

  const waits = "Pending edit #1 (main.debugFlags -mode=readonly) waits for a stop of this gotui's: this one is another client's, and applying it would change the program in the middle of their run (a Set call runs the target). Continue or step here (c, n) to apply it at the next stop; :flag -cancel 1 drops it.";
  for (const round of [1, 2]) {
    since = session.stopCount;
    const cli = await dlvCli(server.address, ['continue']);
    assert.match(cli, new RegExp(`=>\\s*${tick.line}:`), cli);
    await waitFor("gotui at the dlv CLI's stop", () => (session.stopCount > since && session.state.status === 'stopped' ? true : undefined), 20_000);
    assert.equal(session.state.stop?.by, 'another client');
    // What the flags pane does at a stop runs before a refresh (one piece of target work at a time).
    await c.refresh();
    const said = rec.console.map((l) => l.text);
    assert.equal(said.filter((l) => l === waits).length, 1, `round ${round}, said once:\n${said.join('\n')}`);
    assert.ok(!said.some((l) => /Applied pending edit/.test(l)), said.join('\n'));
    assert.deepEqual(c.pending().map((p) => [p.id, p.reason]), [[1, "another client's stop, not this gotui's"]], 'the pane says why it waits');
    assert.equal(await modeNow(), '"normal"', 'the dlv CLI reads it unchanged');
  }

  // gotui's own continue brings its own stop: applied there.
  since = session.stopCount;
  await must(app, rec, 'continue');
  await waitForStop(session, since);
  await consoleLine(rec, /^Applied pending edit #1: main\.debugFlags -mode = readonly \(was normal\)\.$/);
  assert.equal(await modeNow(), '"readonly"');
});

test("flags: a logpoint hit while a Set call runs is said as such: Delve stopped the call there and the target stays halted, the stop named for the logpoint, where the dlv CLI says it is (trial CD: read as a logpoint halting the service; trial CF: continuing for the user let it run away)", async (t) => {
  const { server, app, rec } = await attachedApp(t, DEMO, []);
  const session = app.session;
  await stopAtTick(session);
  const c = app.models.model(flagsFeature);
  // The logpoint is in the custom Value's Set: the call's own goroutine hits it (another goroutine's did in the trial).
  await must(app, rec, 'trace main.(*modeValue).Set "mode {s}"');
  const lp = session.state.breakpoints.find((b) => b.logMessage)!;
  const r = await c.edit('main.debugFlags', 'mode', 'readonly');
  assert.equal(r.status, 'unfinished', r.message);
  const said = await waitFor('the logpoint said', () => rec.console.find((l) => l.text.startsWith(`Logpoint #${lp.id} was hit while the Set call of`))?.text);
  assert.match(said, /and Delve stopped the target there: it stops an injected call at any breakpoint, a logpoint's too, and does not log that hit\. The target stays halted, goroutine \d+; c runs it on \(Delve may finish the call then\)\.$/);
  assert.equal(session.state.status, 'stopped');
  assert.equal(describeStopReason(session.state.stop!, session.state.breakpoints), `logpoint #${lp.id}`);
  // The dlv CLI on the same server: halted in the Set the logpoint is in, the flag not set yet.
  const cli = await dlvCli(server.address, ['print main.mode', 'stack 0']);
  assert.match(cli, /^"normal"$/m, cli);
  assert.match(cli, /^0 +0x[0-9a-f]+ in main\.\(\*modeValue\)\.Set$/m, cli);
  assert.equal(session.state.selection?.top?.name, 'main.(*modeValue).Set');
});

test("flags: a breakpoint in a custom Value's String, which gotui calls before its Set to keep the old text, is said as that call's, Set not run: the edit fails with a way to retry, the stop the String call's end makes is named for it, and a retry then sets the flag, as the dlv CLI reads it (trial CF: said to be the Set's)", async (t) => {
  const { server, app } = await attachedApp(t, DEMO, []);
  const session = app.session;
  await stopAtTick(session);
  const c = app.models.model(flagsFeature);
  const inString = await session.addBreakpoint({ kind: 'function', spec: 'main.(*modeValue).String' });
  const since = session.stopCount;
  await assert.rejects(c.edit('main.debugFlags', 'mode', 'readonly'), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.message, "main.debugFlags -mode is not set: a breakpoint stopped the target while gotui read the flag's text through its String method (read before Set, to put it back if Set refuses); Set did not run.");
    assert.equal(e.hint, ':flag mode=readonly tries again; if the stop is inside that String call, c first (Delve may finish the call when the target runs on).');
    return true;
  });
  await waitFor('the stop the call made', () => (session.stopCount > since && session.state.status === 'stopped' ? true : undefined));
  assert.equal(describeStopReason(session.state.stop!, session.state.breakpoints), `breakpoint #${inString.id}`);
  let cli = await dlvCli(server.address, ['print main.mode', 'stack 0']);
  assert.match(cli, /^"normal"$/m, cli);
  assert.match(cli, /^0 +0x[0-9a-f]+ in main\.\(\*modeValue\)\.String$/m, cli);
  assert.deepEqual(c.unfinishedEdits(), [], 'no Set to watch for');

  await session.removeBreakpoint(inString.id);
  const from = session.stopCount;
  await session.continue();
  await waitForStop(session, from);
  const stopLine = await waitFor('the stop line', () => app.models.model(consoleFeature).get().lines.map((l) => l.text).find((l) => l.startsWith(`Stop ${from + 1} (`)));
  assert.match(stopLine, new RegExp(`^Stop ${from + 1} \\(the String call of main\\.debugFlags -mode=readonly finished\\): `), stopLine);
  cli = await dlvCli(server.address, ['print main.mode']);
  assert.match(cli, /^"normal"$/m, 'the String call set nothing');

  const r = await c.edit('main.debugFlags', 'mode', 'readonly');
  assert.equal(r.status, 'applied', r.message);
  assert.match(await dlvCli(server.address, ['print main.mode']), /^"readonly"$/m);
});

test(":restart of a program gotui did not start (a dlv exec server it attached to) asks first, as :quit -kill does: the process is untouched until y (its Delve's pid the oracle), and :record keeps the one restart (trial CH: a colleague's service restarted without a word)", async (t) => {
  const { app, rec, server, asked } = await attachedApp(t, DEMO, ['-batch=3'], { stop: true });
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const pids = [await rpc.processPid()];
  t.after(() => pids.forEach((p) => killQuietly(p, 'SIGKILL')));
  await must(app, rec, 'continue');
  app.commandLog.start(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-ask-')), 'rec.gotui'));
  for (const line of ['restart -batch=9', 'start', 'rebuild']) {
    asked.length = 0;
    await must(app, rec, line);
    const question = line === 'rebuild' ? 'Kill, rebuild and restart the program?' : 'Kill and restart the program?';
    assert.deepEqual(asked, [`${question} gotui did not start it (demo ${DEMO}).`]);
    // Delve's process is the same one (Delve answers ProcessPid only while halted: /proc says it).
    assert.ok(fs.existsSync(`/proc/${pids[0]}`), 'not restarted before the answer');
    assert.ok(!consoleSince(rec, 0).includes('Restarted'));
    assert.equal(app.session.state.status, 'running');
  }
  // The answer the question's y runs.
  const since = app.session.stopCount;
  await must(app, rec, 'restart -yes -batch=9');
  pids.push(Number(/^Restarted with: -batch=9 \(pid (\d+)\)/m.exec(consoleSince(rec, 0))?.[1]));
  assert.ok(pids[1] && pids[1] !== pids[0] && fs.existsSync(`/proc/${pids[1]}`), consoleSince(rec, 0));
  await waitFor('the old process gone', () => (!fs.existsSync(`/proc/${pids[0]}`) || /^Z/m.test(fs.readFileSync(`/proc/${pids[0]}/stat`, 'utf8').split(') ')[1] ?? '') ? true : undefined));
  assert.ok(app.session.stopCount >= since);
  assert.deepEqual(app.commandLog.lines.filter((l) => /restart|start|rebuild/.test(l)), ['restart -batch=9'], 'asked lines are not kept; the answer is, as a script says it');
});
