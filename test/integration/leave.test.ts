import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { DelveRpcClient, type RpcDebuggerState } from '../../src/delve/rpc.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { execa } from 'execa';
import { processAlive } from '../../src/app/target-process.js';
import { startDemoServer, testDelve, waitFor } from '../support/delve.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { dlvCli } from '../support/dlv-cli.js';
import { headlessApp } from '../support/session.js';
import { afterPolls, pairHere } from '../support/pair.js';
import { consoleFeature } from '../../src/console/feature.js';

/** A running inventory demo under a Delve someone else started, and gotui attached to it. */
async function attachedToRunning(t: import('node:test').TestContext, args: string[] = []) {
  const server = await startDemoServer(t, 'inventory', ['-every', '30ms', '-slow', '50ms', ...args]);
  // Delve started the demo halted at entry: let it run, as a service would be.
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  void rpc.call('Command', { name: 'continue' }).catch(() => undefined);
  await waitFor('the demo running', () => server.output.some((l) => /^round \d+/.test(l)) || undefined);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const h = headlessApp(conn);
  await h.app.start();
  assert.equal(h.app.session.state.status, 'running');
  return { server, rpc, ...h };
}

/** attachedToRunning, then paused by gotui: a stop where another client's breakpoint is set. */
async function pausedService(t: import('node:test').TestContext) {
  const h = await attachedToRunning(t);
  const since = h.rec.stops.length;
  assert.ok(await h.app.run('pause'), 'pause');
  await waitFor('the pause', () => h.rec.stops.length > since || undefined);
  return h;
}

/** The service goes on for 5 s after gotui left: it still prints new rounds after that, and at least `rounds` more. */
async function makesProgress(server: { output: string[] }, rounds: number) {
  const from = lastRound(server);
  const left = Date.now();
  await waitFor(`${rounds} more rounds`, () => lastRound(server) >= from + rounds || undefined, 30_000);
  // The issue's measure is time: a halt that comes later than the rounds counted above still shows.
  await new Promise((r) => setTimeout(r, Math.max(0, 5_000 - (Date.now() - left))));
  const at = lastRound(server);
  await waitFor('a round printed 5 s after gotui left', () => lastRound(server) > at || undefined, 30_000);
}

/** The last round the demo printed. */
function lastRound(server: { output: string[] }): number {
  return Number(/^round (\d+)/.exec(server.output.filter((l) => /^round \d+/.test(l)).at(-1) ?? '')?.[1] ?? 0);
}

for (const line of ['quit', 'quit -leave', 'quit -resume', 'detach', 'detach -resume']) {
  test(`:${line} removes the breakpoints gotui set, and the service keeps running`, async (t) => {
    const { server, app, ended } = await attachedToRunning(t);
    // A breakpoint that halts the service 15 rounds from now (half a second) unless it is removed.
    const round = lastRound(server) + 15;
    assert.ok(await app.run(`break main.newWarehouse if round > ${round}`));
    await app.run(line);
    assert.equal(ended.code, 0);
    assert.match(ended.message!, /running/);
    assert.match(ended.message!, /Removed the breakpoint gotui set from Delve\./);
    await makesProgress(server, 30);
    assert.ok(lastRound(server) > round + 10, 'the service ran past the round the breakpoint would have halted it in');
    assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.newWarehouse/, 'no breakpoint of gotui is left');
  });
}

test(':quit counts the breakpoints Delve had: a disabled one is not said removed', async (t) => {
  const { server, app, ended } = await attachedToRunning(t);
  assert.ok(await app.run('break main.newWarehouse if round < 0'));
  assert.ok(await app.run('break main.main if round < 0'));
  const off = app.session.state.breakpoints.find((b) => b.spec === 'main.main')!;
  assert.ok(await app.run(`toggle ${off.id}`));
  // (The dlv CLI cannot list them while gotui's continue runs the service: Delve answers it at the next halt.)
  assert.equal(app.session.state.breakpoints.find((b) => b.id === off.id)?.delveId, undefined, 'Delve has not the disabled one');
  await app.run('quit');
  assert.match(ended.message!, /Removed the breakpoint gotui set from Delve\./);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /main\.newWarehouse/);
});

test(':quit -keep-breakpoints leaves them, as asked', async (t) => {
  const { server, app, ended } = await attachedToRunning(t);
  assert.ok(await app.run('break main.newWarehouse if round < 0'));
  await app.run('quit -keep-breakpoints');
  assert.doesNotMatch(ended.message!, /Removed/);
  assert.match(ended.message!, new RegExp(`Kept the breakpoint gotui set, as asked \\(dlv connect 127\\.0\\.0\\.1:${server.address.port}, then breakpoints lists it\\)\\.$`));
  assert.match(await dlvCli(server.address, ['breakpoints']), /main\.newWarehouse/);
});

test("the next gotuis name the breakpoints a quit kept as the user's, not another client's, and leave them as found when they quit, as the dlv CLI lists them", async (t) => {
  // Records go to a private directory of this test's own.
  const was = process.env.GOTUI_PAIR_DIR;
  pairHere(t);
  t.after(() => (was === undefined ? delete process.env.GOTUI_PAIR_DIR : (process.env.GOTUI_PAIR_DIR = was)));
  const server = await startDemoServer(t, 'orders');
  const at = findMarker('orders', 'gotui:process');
  const attach = async () => {
    const h = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}));
    await h.app.start();
    return h;
  };
  const first = await attach();
  assert.ok(await first.app.run(`break main.go:${at.line}`));
  assert.ok(await first.app.run('continue'));
  await waitFor('the stop at the breakpoint', () => (first.app.session.state.status === 'stopped' && first.app.session.state.selection?.top?.line === at.line) || undefined);
  // A disabled one is gotui's only (Delve has no disabled breakpoints): said not kept.
  const loop = findMarker('orders', 'gotui:loop');
  assert.ok(await first.app.run(`break main.go:${loop.line}`));
  assert.ok(await first.app.run('toggle 2'));
  await first.app.run('quit -leave -keep-breakpoints');
  assert.match(first.ended.message!, /Kept the breakpoint gotui set, as asked \(dlv connect 127\.0\.0\.1:\d+, then breakpoints lists it\)\. The disabled one \(#2\) was in gotui only, not in Delve: not kept\.$/, first.ended.message);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${loop.line}\\b`));
  for (const who of ['second', 'third']) {
    const next = await attach();
    const said = await waitFor(`the ${who} gotui names the kept breakpoint`, () => next.rec.console.find((l) => /kept in Delve when it quit/.test(l.text))?.text);
    assert.match(said, new RegExp(`^Breakpoint (other#\\d+) at orders/main\\.go:${at.line} \\(was #1\\) is one a gotui of yours kept in Delve when it quit at \\d\\d:\\d\\d \\(-keep-breakpoints\\): left as found, q leaves it too; :clear \\1 removes it\\.$`), said);
    assert.match(next.app.session.state.breakpoints.find((b) => b.line === at.line)?.by ?? '', /^you, kept at \d\d:\d\d$/);
    // Said as the user's where gotui refuses to set or change it.
    let from = next.rec.console.length;
    assert.equal(await next.app.run(`break main.go:${at.line}`), false);
    assert.match(next.rec.console.slice(from).map((l) => l.text).join('\n'), new RegExp(`other#\\d+, one you kept at \\d\\d:\\d\\d \\(-keep-breakpoints\\), is at main\\.go:${at.line} already`));
    from = next.rec.console.length;
    assert.equal(await next.app.run(`toggle-break ${at.file}:${at.line}`), false);
    assert.match(next.rec.console.slice(from).map((l) => l.text).join('\n'), /^other#\d+ is one you kept at \d\d:\d\d \(-keep-breakpoints\): gotui changes only its own\./m);
    assert.ok(await next.app.run('breakpoints'));
    assert.ok(next.rec.console.some((l) => new RegExp(`main\\.go:${at.line} \\(\\d+\\) \\[set by you, kept at \\d\\d:\\d\\d\\]`).test(l.text)), next.rec.console.map((l) => l.text).join('\n'));
    await next.app.run('quit -leave');
    assert.doesNotMatch(next.ended.message!, /Removed/);
    assert.match(next.ended.message!, new RegExp(`The breakpoint you kept earlier \\(other#\\d+ at orders/main\\.go:${at.line}\\) stays in Delve, as found: the target halts there\\.$`), next.ended.message);
    assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${at.line}\\b`), `the ${who} gotui left it in Delve`);
  }
});

/** Attached to the running service, stopped before its 3-second call, then `next` over it (still running); `stops`: those before the step. */
async function steppingOverSlowCall(t: import('node:test').TestContext) {
  const h = await attachedToRunning(t, ['-slow', '3s']);
  const at = findMarker('inventory', 'gotui:slow');
  const before = h.rec.stops.length;
  assert.ok(await h.app.run(`break main.go:${at.line}`));
  // As recorded (once its scopes are read), not as the session's status: counted after, it read as a stop of the step (CI run 43).
  await waitFor('the stop before the slow call', () => (h.rec.stops.length > before && h.app.session.state.status === 'stopped' ? true : undefined), 30_000);
  assert.ok(await h.app.run('clear 1'));
  const stops = h.rec.stops.length;
  assert.ok(await h.app.run('next'));
  return { ...h, stops };
}

for (const how of ['quit -leave', 'quit -resume']) {
  test(`:${how} after a breakpoint cut gotui's step short drops that step in Delve, and says so: no later continue ends it (trial BT)`, async (t) => {
    const h = await attachedToRunning(t);
    const sleep = findMarker('inventory', 'gotui:sleep');
    const before = h.rec.stops.length;
    assert.ok(await h.app.run(`break main.go:${sleep.line}`));
    await waitFor('the stop at the sleep', () => (h.rec.stops.length > before && h.app.session.state.status === 'stopped' ? true : undefined), 30_000);
    // A worker parked on its channel steps; main reaches the breakpoint first, and Delve keeps the step pending.
    const worker = await waitFor('a parked worker', async () => /Goroutine (\d+) - User: \S+:\d+ main\.worker /.exec(await dlvCli(h.server.address, ['goroutines']))?.[1]);
    assert.ok(await h.app.run(`goroutine ${worker}`));
    const stops = h.rec.stops.length;
    assert.ok(await h.app.run('next'));
    await waitFor('main at the breakpoint', () => (h.rec.stops.length > stops && h.app.session.state.status === 'stopped' ? true : undefined), 30_000);
    await waitFor("Delve's word of the step cut short", () => h.rec.console.some((l) => /c resumes that step/.test(l.text)) || undefined);
    assert.equal((await h.rpc.state(true)).NextInProgress, true, 'Delve holds the step');
    await h.app.run(how);
    assert.match(h.ended.message ?? '', / The step a breakpoint had cut short is dropped: a later continue runs on, not to where that step would have ended\./, h.ended.message);
    const state = await h.rpc.state(true);
    assert.equal(state.NextInProgress, false, 'Delve holds no step after gotui left');
    assert.equal(state.Running, how === 'quit -resume', h.ended.message);
    if (how === 'quit -resume') await makesProgress(h.server, 10);
  });
}

for (const [how, running] of [['quit -resume', true], ['quit -leave', false], ['detach -resume', true]] as const) {
  test(`:${how} in the middle of a 3-second step says what the target is, truly`, async (t) => {
    const { server, rpc, app, ended, rec, stops } = await steppingOverSlowCall(t);
    await app.run(how);
    // Left before the step ended: the halt that leaving makes may be announced as it goes (a pause), never the step's end.
    assert.deepEqual(rec.stops.slice(stops).map((s) => s.reason).filter((r) => r !== 'pause'), [], 'left before the step ended');
    assert.match(ended.message!, running ? /running/ : /halted/);
    const state = await rpc.state(true);
    assert.equal(state.Running, running, `Delve says the target is ${state.Running ? 'running' : 'halted'}`);
    if (running) await makesProgress(server, 10);
    // Halted where the step was when gotui left: inside the slow call.
    else assert.match(await dlvCli(server.address, ['goroutine 1 stack 10']), /main\.slowCall/);
  });
}

test('q in the middle of a 3-second step halts it and asks, as for a halted target (it left without asking); r then lets it run', async (t) => {
  const { server, rpc, app, ended, asked, rec, stops } = await steppingOverSlowCall(t);
  await app.run('quit');
  assert.equal(rec.stops.length <= stops + 1, true);
  assert.deepEqual(asked, ['Halted now (running at attach):'], 'the question (the target ran when gotui attached), not a silent leave');
  assert.ok(rec.console.some((l) => l.text === 'The target was running when gotui attached: r lets it run again, as it was; h leaves it halted.'), rec.console.map((l) => l.text).join('\n'));
  assert.equal(ended.message, undefined, 'still there while asked');
  assert.equal((await rpc.state(true)).Running, false, 'Delve says halted while the question is up');
  // Answered as a person does, once the halt's stop is on the screen (which says the step is over: Esc would leave it so).
  await waitFor('the halt shown', () => (app.session.state.status === 'stopped' ? true : undefined));
  assert.ok(rec.console.some((l) => /The pause ended the step that was under way/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  await app.run('quit -resume');
  assert.match(ended.message!, /running/);
  await makesProgress(server, 10);
});

test('the target killed while stopped is noticed at once, and said', async (t) => {
  const { server, app, rec } = await attachedToRunning(t);
  assert.ok(await app.run('break main.restock'));
  await waitFor('the stop', () => (app.session.state.status === 'stopped' ? true : undefined), 30_000);
  process.kill(server.targetPid!, 'SIGKILL');
  const ended = await waitFor('the session to say the target is gone', () => rec.ended[0], 10_000);
  assert.equal(ended.why, 'exited');
  // Not said first as another client's doing, nor as a stack Delve could not read.
  assert.deepEqual(rec.console.filter((l) => /Another client|Cannot read the stack/.test(l.text)).map((l) => l.text), []);
  assert.match(ended.message, new RegExp(`The target \\(pid ${server.targetPid}\\) is gone: it was killed, or died, while stopped\\.`));
  assert.equal(app.session.state.status, 'exited');
  assert.equal(await app.run('continue'), false, 'continue says why it cannot, not "Stopped: runtime error"');
  await app.run('quit');
});

test(":quit -resume with another client's breakpoint the service reaches at once: the farewell says it halted there, as Delve has it", async (t) => {
  const { server, rpc, app, rec, ended } = await pausedService(t);
  // Another client's breakpoint in the function every round calls (every 30 ms).
  const fn = findMarker('inventory', 'gotui:round');
  await rpc.call('CreateBreakpoint', { Breakpoint: { functionName: 'main.newWarehouse', name: 'theirs' } });
  // Stopped at it once first, as a user who pressed c would be.
  const before = rec.stops.length;
  assert.ok(await app.run('continue'));
  await waitFor('the stop at their breakpoint', () => rec.stops.length > before || undefined);
  await app.run('quit -resume');
  const said = await waitFor('the farewell', () => ended.message);
  t.diagnostic(said);
  const halted = /halted: it ran into a breakpoint at inventory\/main\.go:(\d+)/.exec(said);
  if (halted) {
    // Said halted: Delve has it halted in newWarehouse (the dlv CLI's stack, which would wait for a running one).
    assert.match(await dlvCli(server.address, ['stack 0']), /main\.newWarehouse/, said);
    assert.ok(Number(halted[1]) > fn.line, said);
  } else {
    // Said running: with the words that it halts at that breakpoint when it gets there, which it then does.
    assert.match(said, /running \(it halts if it reaches another client's breakpoint at inventory\/main\.go:\d+\)/);
    assert.match(await dlvCli(server.address, ['stack 0']), /main\.newWarehouse/);
  }
});

test("r at an unrecovered panic lets the program end, as it would have without a debugger, and the farewell says so, as Delve has it (trial BL: said running)", async (t) => {
  const { server, app, rec, ended } = await attachedToRunning(t, ['-panic-at', '30']);
  const stop = await waitFor('the panic', () => rec.stops.find((s) => s.reason === 'exception'), 60_000);
  assert.equal(stop.description, 'panic');
  // q asks, and says first what r does here (trial BM: only how the target was found).
  await app.run('quit');
  assert.ok(rec.console.some((l) => l.text === 'It is stopped at an unrecovered panic or a fatal error: r lets it end there, as it would without a debugger; h keeps it halted.'), rec.console.map((l) => l.text).join('\n'));
  await app.run('quit -resume');
  const said = await waitFor('the farewell', () => ended.message);
  assert.match(said, /^Left \S+ exited with status 2: let run from an unrecovered panic or a fatal error, it ended there, as it would have without a debugger\./, said);
  assert.ok(server.output.some((l) => /restock: negative stock in round 30/.test(l)), 'the runtime printed the panic as it died');
  assert.match(await dlvCli(server.address, ['stack 0']), /has exited with status 2|Process \d+ has exited/, 'Delve says it exited');
});

test("q on a running service with another client's breakpoint and trace in it says they stay, where they halt the service (trial AM: unsaid; a trace halts a run no client waits on)", async (t) => {
  const { server, rpc, app, ended } = await pausedService(t);
  // The dlv CLI's breakpoint, on a line the service reaches only with a condition it never meets.
  const fn = findMarker('inventory', 'gotui:round');
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: fn.file, line: fn.line, Cond: 'round < 0' } });
  // And its trace (a tracepoint), on a line the service reaches only with a condition it never meets: Delve runs on
  // past a trace only for a client waiting on the run, and gotui's continue, once gotui is gone, is none (trial CN).
  const sleep = findMarker('inventory', 'gotui:sleep');
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: sleep.file, line: sleep.line, continue: true, Cond: 'round < 0' } });
  await waitFor('gotui to list them', () => app.session.state.breakpoints.find((b) => b.by && b.line === fn.line) && app.session.state.breakpoints.find((b) => b.by && b.line === sleep.line));
  assert.ok(await app.run('continue'));
  await waitFor('the service running', () => (app.session.state.status === 'running' ? true : undefined));
  await app.run('quit');
  const said = await waitFor('the farewell', () => ended.message);
  // (In Delve's order, either first.)
  const places = [`inventory/main\\.go:${fn.line}`, `inventory/main\\.go:${sleep.line}`];
  assert.match(said, new RegExp(`running \\(it halts if it reaches other clients' breakpoints and traces at (${places.join(', ')}|${places.reverse().join(', ')}): Delve runs on past a trace only for a client waiting on the run\\)`), said);
  // As Delve has it: the breakpoint is there, the service runs.
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${fn.line}`));
});

test(':quit -kill of a service gotui did not start asks first (Esc leaves it running); -yes kills it and its Delve; a bad word is one sentence', async (t) => {
  const { server, rpc, app, ended, asked, rec } = await attachedToRunning(t);
  assert.equal(await app.run('quit -bogus'), false);
  assert.ok(rec.console.some((l) => /^'-bogus' is not something quit takes\. Usage: quit \[-leave/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  // A mistyped option gets the one it likely meant, and nothing is done (trial AX).
  assert.equal(await app.run('quit -kil'), false);
  assert.ok(rec.console.some((l) => /^'-kil' is not something quit takes: did you mean -kill\? Usage: quit \[-leave/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  // Attaching halts a running target for a moment (DAP's attach, then configurationDone resumes it
  // on Delve's own goroutine): on a busy machine the first State can come before that resume.
  await waitFor('Delve running the service again after the attach', async () => ((await rpc.state(true)).Running ? true : undefined));
  assert.equal(await app.run('quit -kill'), true);
  assert.match(asked.at(-1) ?? '', /^Kill program and Delve\? gotui did not start them \(127\.0\.0\.1:\d+\)\.$/);
  assert.equal(ended.message, undefined, 'gotui is still there');
  assert.equal((await rpc.state(true)).Running, true, 'the service runs on');
  await makesProgress(server, 5);
  const pid = server.targetPid;
  await app.run('quit -kill -yes');
  assert.match(ended.message ?? '', new RegExp(`^Killed 127\\.0\\.0\\.1:\\d+: the program \\(pid ${pid}\\) and its Delve\\.`), ended.message);
  await waitFor('Delve ended', async () => ((await server.exited.then(() => true)) ? true : undefined));
});

test('q on a target found halted asks as found: the question and the console say it was halted when gotui attached; h leaves it so', async (t) => {
  // Delve started the demo halted at its entry, and nobody let it run: gotui finds it halted.
  const server = await startDemoServer(t, 'inventory', ['-every', '30ms']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, ended, asked, rec } = headlessApp(conn);
  await app.start();
  assert.equal(app.session.state.status, 'stopped');
  // Said in the order it happened (trial AE: the stop came above the attach): attached, found halted, its stop.
  const lines = app.models.model(consoleFeature).get().lines.map((l) => l.text);
  const order = [/^Attached to 127\.0\.0\.1:\d+ /, /^The target was already halted/, /^Stop 1 /].map((re) => lines.findIndex((l) => re.test(l)));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), `${order}\n${lines.join('\n')}`);
  await app.run('quit');
  assert.deepEqual(asked, ['Halted now (halted at attach):']);
  assert.ok(rec.console.some((l) => l.text === 'The target was halted when gotui attached: h leaves it halted, as it was; r lets it run.'), rec.console.map((l) => l.text).join('\n'));
  await app.run('quit -leave');
  assert.match(ended.message ?? '', /halted/);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, false, 'Delve says halted');
});

test('q on a target found halted that gotui has run since: the console says h leaves it halted where it is now, not as it was (trial CJ); h leaves it there, its breakpoint gone, as the dlv CLI sees', async (t) => {
  const server = await startDemoServer(t, 'inventory', ['-every', '30ms']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, ended, asked, rec } = headlessApp(conn);
  await app.start();
  const restock = findMarker('inventory', 'gotui:restock');
  assert.ok(await app.run(`break main.go:${restock.line}`));
  const since = app.session.stopCount;
  assert.ok(await app.run('continue'));
  await waitFor('the breakpoint', () => (app.session.stopCount > since && app.session.state.status === 'stopped' ? true : undefined), 30_000);
  await app.run('quit');
  assert.deepEqual(asked, ['Halted now (halted at attach):']);
  const said = rec.console.map((l) => l.text);
  assert.ok(said.includes('The target was halted when gotui attached and has run since: h leaves it halted here; r lets it run.'), said.join('\n'));
  assert.ok(!said.some((l) => /as it was/.test(l)), said.join('\n'));
  await app.run('quit -leave');
  assert.match(ended.message ?? '', /halted/);
  const cli = await dlvCli(server.address, ['stack 1', 'breakpoints']);
  assert.match(cli, new RegExp(`main\\.go:${restock.line}`), cli);
  assert.doesNotMatch(cli, /^Breakpoint \d+ /m, `gotui's breakpoint taken out:\n${cli}`);
});

test('q\'s question of a halted target is taken back once another client runs it (the question no longer true), and said so (trial CK)', async (t) => {
  const server = await startDemoServer(t, 'inventory', ['-every', '30ms']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, asked, rec } = headlessApp(conn);
  await app.start();
  await afterPolls({ app }, 2);
  await app.run('quit');
  assert.deepEqual(asked, ['Halted now (halted at attach):']);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  void rpc.call('Command', { name: 'continue' }, { timeoutMs: 60_000 }).catch(() => undefined);
  await waitFor('the question taken back', () => (asked.length === 0 ? true : undefined), 20_000);
  assert.ok(rec.console.some((l) => l.text === 'Question taken back: the target runs again. q asks again, of the target as it is now.'), rec.console.map((l) => l.text).join('\n'));
  assert.equal(app.session.state.status, 'running');
});

/** gotui attached with a breakpoint the quiet demo never reaches, then the target run by another client's JSON-RPC continue (the dlv CLI's). */
async function heldByAnotherClient(t: TestContext) {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, ended, asked, rec } = headlessApp(conn);
  await app.start();
  const print = findMarker('orders', 'gotui:print');
  assert.ok(await app.run(`break main.go:${print.line}`));
  const delveId = app.session.state.breakpoints.find((b) => b.line === print.line)?.delveId;
  assert.ok(delveId !== undefined);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  // The other client's trace, never met: its continue runs on past a trace, so no farewell says the target halts there (trial CN).
  const discount = findMarker('orders', 'gotui:discount');
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: discount.file, line: discount.line, continue: true, Cond: 'false' } });
  const continued = rpc.call<{ State: RpcDebuggerState }>('Command', { name: 'continue' }, { timeoutMs: 60_000 }).then((r) => r.State, () => undefined);
  await waitFor('gotui sees it run', () => (app.session.state.status === 'running' ? true : undefined), 20_000);
  return { server, app, ended, asked, rec, delveId, continued };
}

const HELD_QUESTION = "Another client runs the target: gotui's breakpoint stays unless it halts.";

test("q while another client's continue holds the target asks (Delve takes no breakpoint out then); l leaves it, named by Delve's number, which the dlv CLI's clear takes (trial CM)", async (t) => {
  const { server, app, ended, asked, rec, delveId } = await heldByAnotherClient(t);
  await app.run('quit');
  assert.deepEqual(asked, [HELD_QUESTION]);
  assert.ok(rec.console.some((l) => l.text.startsWith("Another client's continue (the dlv CLI's?) runs the target") && new RegExp(`then clear ${delveId}(: Delve's numbers for gotui's #\\d+)?\\), and that client's continue runs on\\.$`).test(l.text)), rec.console.map((l) => l.text).join('\n'));
  await app.run('quit -leave');
  assert.match(ended.message ?? '', new RegExp(`^Left \\S+ running\\. Another client's continue runs the target, and Delve takes no breakpoint out meanwhile: the breakpoint gotui set stays \\(dlv connect \\S+, and once it halts, clear ${delveId}(: Delve's numbers for gotui's #\\d+)?\\)\\.`), ended.message);
  // The dlv CLI, once the target is halted, clears it by that number.
  const halt = await DelveRpcClient.connect(server.address);
  t.after(() => halt.close());
  await halt.call('Command', { name: 'halt' });
  assert.match(await dlvCli(server.address, [`clear ${delveId}`, 'breakpoints']), new RegExp(`Breakpoint .* cleared`));
});

test("q while another client's continue holds the target: c halts it (that client's continue ends), takes gotui's breakpoint out and lets it run again, as the dlv CLI then sees", async (t) => {
  const { server, app, ended, asked, delveId, continued } = await heldByAnotherClient(t);
  await app.run('quit');
  assert.deepEqual(asked, [HELD_QUESTION]);
  await app.run('quit -resume -interrupt');
  // Run on by gotui's continue, which no client waits on once gotui has gone: the other client's trace would halt it, said.
  assert.match(ended.message ?? '', /^Left \S+ running \(it halts if it reaches another client's trace at orders\/main\.go:\d+: Delve runs on past a trace only for a client waiting on the run\); gotui halted it a moment to take out its breakpoints, which ended the other client's continue \(its next command waits until the target halts again\)\. Removed the breakpoint gotui set from Delve\.$/, ended.message);
  // The other client's continue came back, halted (a manual stop, as its Ctrl-C would).
  const state = await continued;
  assert.ok(state && !state.exited, JSON.stringify(state));
  const look = await DelveRpcClient.connect(server.address);
  t.after(() => look.close());
  assert.equal((await look.state(true)).Running, true, 'let run again');
  await look.call('Command', { name: 'halt' });
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(cli, new RegExp(`^Breakpoint ${delveId} `, 'm'), cli);
  assert.match(cli, /^Tracepoint \d+ .*main\.go:\d+ /m, `the other client's trace stays:\n${cli}`);
});

test(":detach -interrupt while another client's continue holds the target does what q's c does, and says so (trial CN: the ended continue unsaid)", async (t) => {
  const { server, app, ended, asked, delveId, continued } = await heldByAnotherClient(t);
  await app.run('detach -interrupt');
  assert.deepEqual(asked, []);
  assert.match(ended.message ?? '', /^Detached from \S+; the target is running .*; gotui halted it a moment to take out its breakpoints, which ended the other client's continue \(its next command waits until the target halts again\)\. Removed the breakpoint gotui set from Delve\./, ended.message);
  assert.ok(await continued, "the other client's continue came back");
  const look = await DelveRpcClient.connect(server.address);
  t.after(() => look.close());
  assert.equal((await look.state(true)).Running, true, 'let run again');
  await look.call('Command', { name: 'halt' });
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`^Breakpoint ${delveId} `, 'm'));
});

test("q's question while another client's continue holds the target is taken back once that run stops (the question no longer true)", async (t) => {
  const { server, app, asked, rec } = await heldByAnotherClient(t);
  await app.run('quit');
  assert.deepEqual(asked, [HELD_QUESTION]);
  const halt = await DelveRpcClient.connect(server.address);
  t.after(() => halt.close());
  await halt.call('Command', { name: 'halt' });
  await waitFor('the question taken back', () => (asked.length === 0 ? true : undefined), 20_000);
  assert.ok(rec.console.some((l) => l.text === 'Question taken back: the target has stopped. q asks again, of the target as it is now.'), rec.console.map((l) => l.text).join('\n'));
  assert.equal(app.session.state.status, 'stopped');
});

test(':detach from a Delve gotui started leaves it and its target alive after gotui is gone: their output goes on into a file (no reader would kill them with SIGPIPE)', async (t) => {
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-every', '20ms'] }, () => {});
  const server = conn.server!;
  t.after(() => server.stop());
  const { app, ended, rec } = headlessApp(conn);
  await app.start();
  const said = () => rec.console.map((l) => l.text).join('\n');
  // A demo runs from the start.
  assert.ok(await app.run('pause'), said());
  await waitFor('paused', () => app.session.state.status === 'stopped' || undefined);
  await app.run('detach');
  const m = /^Detached; the target is halted\. Delve keeps serving it on (127\.0\.0\.1:\d+) \(gotui attach \1\); its output and Delve's go on in (\S+)\.$/.exec(ended.message ?? '');
  assert.ok(m, ended.message);
  const log = m[2]!;
  assert.equal(fs.statSync(log).mode & 0o777, 0o600, 'owner-only: it holds the program\'s output');
  // Another client runs it, as the dlv CLI's continue would; gotui's reader of the pipes is gone.
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  void rpc.call('Command', { name: 'continue' }).catch(() => undefined);
  const lines = () => fs.readFileSync(log, 'utf8').split('\n').filter((l) => /^order \d+/.test(l)).length;
  await waitFor('the program printing on', () => lines() > 20 || undefined, 20_000);
  process.kill(server.targetPid!, 0);
  process.kill(server.dlvPid, 0);
  t.after(() => fs.rmSync(path.dirname(log), { recursive: true, force: true }));
});

/** The orders demo started by gotui, paused by it, then run to a breakpoint of its own by the dlv CLI, which gotui saw. */
async function demoTheCliMoved(t: TestContext) {
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: ['-quiet', '-every', '20ms'] }, () => {});
  const server = conn.server!;
  t.after(() => server.stop());
  const h = headlessApp(conn);
  const { app, rec } = h;
  await app.start();
  const said = () => rec.console.map((l) => l.text).join('\n');
  // The console pane's lines: the stop lines are its own.
  const shown = () => app.models.model(consoleFeature).get().lines.map((l) => l.text).join('\n');
  shown();
  const loop = findMarker('orders', 'gotui:loop');
  assert.ok(await app.run('pause'), said());
  // gotui's own stop is its polling's baseline before the CLI moves the target.
  await waitFor('paused', () => app.session.state.status === 'stopped' || undefined);
  await afterPolls({ app }, 2);
  // The dlv CLI runs the program to a breakpoint of its own; gotui sees another client at work.
  const cli = await dlvCli(server.address, [`break main.go:${loop.line}`, 'continue']);
  assert.match(cli, new RegExp(`main\\.go:${loop.line}`), cli);
  // Said with what stopped it (trial R: a breakpoint went unnamed), once: by the stop's line.
  // Named as the list names it, though the CLI set it a moment before its continue (trial BP: `breakpoint by root`, unnamed).
  const moved = new RegExp(`^Stop \\d+ \\(breakpoint other#\\d+, resumed by another client\\): \\S+ orders/main\\.go:${loop.line}, goroutine \\d+$`, 'm');
  await waitFor('gotui saw another client', () => (moved.test(shown()) ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}:\n${shown()}`));
  assert.doesNotMatch(shown(), /moved the target/, 'said once');
  return { ...h, server, said, loop };
}

test('q on a program gotui started asks first when another client was seen at work on its Delve (the dlv CLI); d detaches and Delve keeps serving that client', async (t) => {
  const { app, ended, asked, server, said, loop } = await demoTheCliMoved(t);
  await app.run('quit');
  assert.equal(ended.code, undefined, `q ended gotui without asking: ${ended.message}`);
  assert.equal(asked.at(-1), 'End program and Delve? Others use it.');
  assert.match(said(), /^Another client \(the dlv CLI, an editor\) was at work on this Delve \d+s ago: y ends the program and its Delve under them; d detaches, and Delve keeps serving\.$/m);
  // d: gotui goes, the program and its Delve stay for that client, halted where it stopped them.
  await app.run('detach');
  assert.match(ended.message ?? '', /^Detached; the target is halted\. Delve keeps serving it on /, ended.message);
  assert.match(await dlvCli(server.address, ['stack 1']), new RegExp(`main\\.go:${loop.line}`));
  process.kill(server.dlvPid, 0);
});

test('the terminal gone under a program gotui started, with another client seen at work on its Delve: detached, as q\'s d would, not ended under that client (trial AK: killed)', async (t) => {
  const { app, ended, server, loop } = await demoTheCliMoved(t);
  await app.endUnattended(129);
  assert.equal(ended.code, 129);
  assert.match(ended.message ?? '', /^Detached; the target is halted\. Delve keeps serving it on /, ended.message);
  assert.match(await dlvCli(server.address, ['stack 1']), new RegExp(`main\\.go:${loop.line}`));
  process.kill(server.dlvPid, 0);
});

test('Delve killed while the target is halted at gotui\'s breakpoint: quitting says the breakpoint went with its Delve, and records none for a next gotui; the program, run into its trap, has ended too, and the reconnect\'s hint starts Delve on its binary (trial CL)', async (t) => {
  const { server, app, ended, rec } = await attachedToRunning(t);
  assert.ok(await app.run('break main.restock'));
  await waitFor('the stop', () => (app.session.state.status === 'stopped' ? true : undefined), 30_000);
  process.kill(server.dlvPid, 'SIGKILL');
  await waitFor('the link down', () => (app.session.state.status === 'disconnected' ? true : undefined), 10_000);
  // Detached by the kernel, it runs into the breakpoint's trap Delve left in its code, and dies of it.
  const pid = server.targetPid!;
  await waitFor('the program gone', () => (processAlive(pid) ? undefined : true), 20_000);
  // Gone, Delve is started again on its binary (trial CL: `exec ./yourbin`).
  const again = await waitFor('a reconnect hint naming the binary', () => rec.console.find((l) => l.text.startsWith('Reconnecting failed') && l.text.includes(`exec ${server.binary}`))?.text, 20_000);
  assert.ok(again.includes(`Its program (pid ${pid}) has ended too.`), again);
  await app.run('quit');
  assert.match(ended.message!, new RegExp(` Its Delve is gone, and the breakpoint gotui set with it\\. Its program \\(pid ${pid}\\) has ended too: a breakpoint Delve had set stays in its code as a trap, and reaching one ends it \\(SIGTRAP\\)\\.$`), ended.message);
  assert.doesNotMatch(ended.message!, /halts there with no client|takes them back/);
  assert.match(ended.message!, /^Left \S+ unseen: the connection to its Delve had closed\. /, 'not "stays halted until a client continues it" (trial BS)');
});

test("Delve killed under a program it attached to (dlv attach): the reconnect's hint attaches to it again by its pid, and q's farewell says it lives on, as /proc has it", async (t) => {
  const binary = await buildDemo('orders');
  const child = execa(binary, ['-quiet'], { reject: false, stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  const server = await startHeadlessDelve(await testDelve(), { mode: 'attach', pid: child.pid! });
  t.after(() => server.stop());
  const { app, ended, rec } = headlessApp({ address: server.address, label: 'orders', owned: false, version: 'test', warnings: [] });
  await app.start();
  process.kill(server.dlvPid, 'SIGKILL');
  await waitFor('the link down', () => (app.session.state.status === 'disconnected' ? true : undefined), 10_000);
  const hint = await waitFor('a reconnect attempt', () => rec.console.find((l) => l.text.startsWith('Reconnecting failed'))?.text, 20_000);
  assert.ok(hint.includes(`attach ${child.pid}`), hint);
  await app.run('quit');
  assert.ok(processAlive(child.pid!), 'the program lives');
  assert.match(ended.message!, new RegExp(` Its program \\(pid ${child.pid}\\) runs on, no debugger attached\\.$`), ended.message);
});

test("the dlv CLI's continue with a busy trace (it halts at each hit, prints and runs on) is no stop in gotui, and q's question under it stays up (trial CO: every hit was a stop, the question taken back)", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app, asked, rec } = headlessApp(conn);
  await app.start();
  const print = findMarker('orders', 'gotui:print');
  assert.ok(await app.run(`break main.go:${print.line}`));
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  // The trace on the loop's line, hit every round; the CLI's continue loop: run, and at each trace's halt run on.
  const loop = findMarker('orders', 'gotui:loop');
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: loop.file, line: loop.line, continue: true } });
  let running = true;
  t.after(() => (running = false));
  const cli = (async () => {
    let hits = 0;
    while (running) {
      const out = await rpc.call<{ State: RpcDebuggerState }>('Command', { name: 'continue' }, { timeoutMs: 60_000 }).catch(() => undefined);
      if (!out || out.State.exited || !out.State.currentThread?.breakPoint?.continue) return hits;
      hits++;
      // Printing the hit (a function trace's return reads its values): the halt lasts a moment.
      await new Promise((r) => setTimeout(r, 40));
    }
    return hits;
  })();
  await waitFor('gotui sees it run', () => (app.session.state.status === 'running' ? true : undefined), 20_000);
  const stops = app.session.stopCount;
  await app.run('quit');
  assert.deepEqual(asked, [HELD_QUESTION]);
  // Two seconds of trace hits: no stop, the question up.
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(app.session.stopCount, stops, rec.console.map((l) => l.text).join('\n'));
  assert.deepEqual(asked, [HELD_QUESTION]);
  assert.equal(app.session.state.status, 'running');
  running = false;
  await app.run('quit -resume -interrupt');
  assert.ok((await cli) > 10, 'the trace was hit, round after round');
});

test("attaching while the dlv CLI's continue runs with a busy trace leaves it running: a halt at a trace is its moment, not a target found halted (trial CO: attach froze the service there)", async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const loop = findMarker('orders', 'gotui:loop');
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: loop.file, line: loop.line, continue: true } });
  let running = true;
  let hits = 0;
  t.after(() => (running = false));
  const cli = (async () => {
    while (running) {
      const out = await rpc.call<{ State: RpcDebuggerState }>('Command', { name: 'continue' }, { timeoutMs: 60_000 }).catch(() => undefined);
      if (!out || out.State.exited || !out.State.currentThread?.breakPoint?.continue) return;
      hits++;
      // The CLI prints the hit: the halt lasts a moment (longer than gotui's first look takes).
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  await waitFor('the trace hit', () => (hits > 3 ? true : undefined), 20_000);
  // Attached several times, for the first look to land in a trace's halt (it does within a few).
  const look = await DelveRpcClient.connect(server.address);
  t.after(() => look.close());
  for (let i = 0; i < 4; i++) {
    const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
    const { app, ended } = headlessApp(conn);
    await app.start();
    assert.notEqual(app.session.state.status, 'stopped', `attach ${i + 1} took the target as halted at the trace`);
    await waitFor('the target running', async () => ((await look.state(true)).Running ? true : undefined), 5_000);
    await app.run('quit');
    assert.ok(ended.message, 'gotui left');
  }
  // The CLI's continue goes on hitting its trace once gotui has gone.
  const before = hits;
  await waitFor('the CLI runs on', () => (hits > before + 2 ? true : undefined), 20_000);
  running = false;
  await rpc.call('Command', { name: 'halt' }).catch(() => undefined);
  await cli;
});
