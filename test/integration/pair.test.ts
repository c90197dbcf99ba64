import { describeStopReason } from '../../src/session/breakpoints.js';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { cliFrames, cliStopAndBreakpoints, dlvCli } from '../support/dlv-cli.js';
import { consoleShown, afterPolls, aliceAndBob, pairedGotui, pairHere } from '../support/pair.js';
import { headlessApp } from '../support/session.js';
import { consoleLine } from '../support/app.js';
import type { HostPort } from '../../src/transport/address.js';
import { SshConnection } from '../../src/remote/ssh.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { Rendezvous } from '../../src/pair/rendezvous.js';
import { remotePlace } from '../../src/pair/remote-place.js';
import { inNamespace, startSshd } from '../support/sshd.js';
import { sourceFeature } from '../../src/source/feature.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';
import { breakpointsFeature } from '../../src/breakpoints/feature.js';
import { whenBreakpointsChange } from '../../src/features/types.js';
import { stateWords } from '../../src/ui/chrome.js';

/** Where the dlv CLI says goroutine `g` is (frame 0). */
async function cliAt(address: HostPort, g?: number): Promise<{ file: string; line: number }> {
  const frames = cliFrames(await dlvCli(address, [g ? `goroutine ${g} stack 5` : 'stack 5']));
  assert.ok(frames[0], 'the dlv CLI printed a stack');
  return { file: frames[0].file, line: frames[0].line };
}

/** The orders demo under Delve (a round `every`), and alice's gotui (paired in this test's own folder) stopped at a breakpoint on its loop. */
async function aliceAtTheLoop(t: TestContext, every = '20ms') {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', every]);
  const a = await pairedGotui(t, server.address, 'alice');
  const loop = findMarker('orders', 'gotui:loop');
  await a.app.run(`break main.go:${loop.line}`);
  await ranToStop(a, 'continue');
  await waitFor('A at the loop', () => (a.app.session.state.selection?.frame?.line === loop.line ? true : undefined));
  return { server, a, loop };
}

/** The dlv CLI's continue, as it sends it (JSON-RPC Command), once the target runs. */
async function theCliRunsIt(t: TestContext, address: HostPort): Promise<void> {
  const cli = await DelveRpcClient.connect(address);
  t.after(() => cli.close());
  void cli.call('Command', { name: 'continue' }, { timeoutMs: 60_000 }).catch(() => undefined);
  await waitFor('the target running', async () => ((await cli.state()).Running ? true : undefined));
}

/** The orders demo run by the dlv CLI before any gotui comes; alice's gotui attaches and pauses it (her halt). */
async function aliceHaltsTheCliRun(t: TestContext) {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  await theCliRunsIt(t, server.address);
  const a = await pairedGotui(t, server.address, 'alice');
  await waitFor('A sees it running', () => (a.app.session.state.status === 'running' ? true : undefined));
  assert.ok(await a.app.run('pause'));
  await waitFor('A halted it', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  return { server, a };
}

/** Runs `line` in gotui `g` and waits for the stop it leads to. */
async function ranToStop(g: Awaited<ReturnType<typeof pairedGotui>>, line: string): Promise<void> {
  const since = g.app.session.stopCount;
  await g.app.run(line);
  await waitFor(`the stop after ${line}`, () => (g.app.session.stopCount > since && g.app.session.state.status === 'stopped' ? true : undefined));
}

test('one truth: a step in A, a next in the dlv CLI and a breakpoint set in B show in both gotuis; :drive hands the wheel over; the driver view is mirrored', async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  // A breakpoint set and cleared before B comes: Delve's numbers go on from it, and everyone's must.
  assert.ok(await a.app.run('break main.process'));
  assert.ok(await a.app.run('clear 1'));
  // A's DAP continue runs the target: the case where Delve never answered a second client's attach.
  await a.app.run('continue');
  await waitFor('A running', () => (a.app.session.state.status === 'running' ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  assert.equal(a.app.pair?.me?.role, 'driving');
  assert.equal(b.app.pair?.me?.role, 'following');
  assert.ok(b.app.session.waitingToJoin, 'B joined a running target: its DAP session opens at the next stop');
  // Its :info says what its q does with another gotui on the target: leaves it as it is, asking nothing.
  const from = b.rec.console.length;
  assert.ok(await b.app.run('info'));
  const info = b.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.match(info, /^Target  .*, attached: q leaves it as it is while other gotuis are on it \(alone, q leaves it running, or asks when it is halted\)$/m, info);

  // A breakpoint from A (the driver), a continue: both stop there, as the dlv CLI says.
  const loop = findMarker('orders', 'gotui:loop');
  await a.app.run(`break main.go:${loop.line}`);
  await a.app.run('pause');
  await waitFor('A stopped', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  await a.app.run('continue');
  await waitFor('both at the breakpoint', () => (a.app.session.state.selection?.frame?.line === loop.line && b.app.session.state.selection?.frame?.line === loop.line && b.app.session.state.status === 'stopped' ? true : undefined));
  // B says who stopped it there (on a busy machine alice's word can come after B showed the stop: then it names her when it comes).
  await waitFor('B names alice as the stop\'s maker', () => (b.app.session.state.stop?.by === 'alice' ? true : undefined));
  // B numbers A's breakpoint as A does (once it has read Delve's list, which the stop can come before).
  const aNumber = a.app.session.state.breakpoints.find((bp) => bp.line === loop.line)!.id;
  const hit = await waitFor(`B's #${aNumber}`, () => b.app.session.state.breakpoints.find((bp) => bp.line === loop.line && bp.id === aNumber));
  assert.equal(hit.id, hit.delveId, "and that is Delve's (the dlv CLI's) number");
  // B's :breakpoints (the dlv CLI's listing) names who set it, once alice has said so.
  await waitFor("alice's name on B's copy", () => (b.app.session.state.breakpoints.find((bp) => bp.delveId === hit.delveId)?.by === 'alice' ? true : undefined));
  await b.app.run('breakpoints');
  assert.ok(b.rec.console.some((l) => new RegExp(`main\\.go:${loop.line} \\(\\d+\\) \\[set by alice\\]$`).test(l.text)), b.rec.console.map((l) => l.text).join('\n'));
  const there = await cliAt(server.address);
  assert.deepEqual([path.basename(there.file), there.line], [path.basename(loop.file), loop.line]);

  // A steps: B's view moves to the line the dlv CLI reports.
  const bStops = b.app.session.stopCount;
  await a.app.run('next');
  await waitFor("B's next stop", () => (b.app.session.stopCount > bStops ? true : undefined));
  const afterStep = await cliAt(server.address, b.app.session.state.stop!.goroutine);
  assert.equal(b.app.session.state.selection?.frame?.line, afterStep.line, `B shows the line the dlv CLI reports\n--- B ---\n${b.rec.console.map((l) => l.text).join('\n')}\n--- A ---\n${a.rec.console.map((l) => l.text).join('\n')}`);
  assert.equal(b.app.session.state.stop?.reason, 'step');
  // Said once, by B's stop line (trial BP: a » line before it said the same).
  assert.ok(consoleShown(b).some((l) => /^Stop \d+ \(step by alice\): \S+ orders\/main\.go:\d+, goroutine \d+$/.test(l)), consoleShown(b).join('\n'));
  assert.ok(!b.rec.console.some((l) => /alice (stepped to|is stepping)/.test(l.text)), b.rec.console.map((l) => l.text).join('\n'));

  // A `next` typed in the dlv CLI moves both.
  const [sa, sb] = [a.app.session.stopCount, b.app.session.stopCount];
  await dlvCli(server.address, ['next']);
  const cli = await cliAt(server.address);
  await waitFor('both moved by the CLI', () => (a.app.session.stopCount > sa && b.app.session.stopCount > sb ? true : undefined));
  for (const g of [a, b]) {
    assert.equal(g.app.session.state.selection?.top?.line, cli.line);
    assert.equal(g.app.session.state.stop?.by, 'another client');
  }

  // After the CLI's stop, A looks at another goroutine (its innermost frame is another place than
  // the stop's): B mirrors it, and follows A back.
  const other = [...(await dlvCli(server.address, ['goroutines'])).matchAll(/^ {2}Goroutine (\d+) - /gm)].map((m) => Number(m[1])).find((id) => id !== a.app.session.state.stop!.goroutine)!;
  assert.ok(other, 'the dlv CLI lists another goroutine');
  await a.app.run(`goroutine ${other}`);
  await waitFor("B mirrors A's goroutine", () => (b.app.session.state.selection?.goroutine === other ? true : undefined));
  await a.app.run(`goroutine ${a.app.session.state.stop!.goroutine}`);
  await waitFor('B back with A', () => (b.app.session.state.selection?.goroutine === a.app.session.state.stop!.goroutine ? true : undefined));

  // A breakpoint set in B shows in A (a follower may set breakpoints), and the dlv CLI lists it.
  const print = findMarker('orders', 'gotui:print');
  await b.app.run(`break main.go:${print.line}`);
  await waitFor("B's breakpoint in A", () => a.app.session.state.breakpoints.find((bp) => bp.line === print.line && bp.by === 'bob'));
  assert.ok(a.rec.console.some((l) => /bob set a breakpoint at orders\/main\.go:\d+/.test(l.text)));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${print.line}`));
  // Disabled in B, it leaves Delve as a cleared one does: A is told it was disabled.
  const bobs = b.app.session.state.breakpoints.find((bp) => bp.line === print.line && !bp.by)!;
  await b.app.run(`toggle ${bobs.id}`);
  await waitFor('A told of the disable', () => a.rec.console.find((l) => new RegExp(`» bob disabled the breakpoint at orders/main\\.go:${print.line}`).test(l.text)));
  assert.ok(!a.rec.console.some((l) => new RegExp(`bob cleared the breakpoint at orders/main\\.go:${print.line}`).test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
  await b.app.run(`toggle ${bobs.id}`);
  await waitFor("B's breakpoint in A again", () => a.app.session.state.breakpoints.find((bp) => bp.line === print.line && bp.by === 'bob'));
  // A's own breakpoint survived B's DAP list (Delve names DAP breakpoints per file, not per client).
  // B keeps it as another's (who set it is known only to those present then: B joined later).
  assert.ok(b.app.session.state.breakpoints.some((bp) => bp.line === loop.line && bp.by), JSON.stringify(b.app.session.state.breakpoints));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${loop.line} `), 'Delve still has it');

  // Run control in the follower is refused, saying why.
  await b.app.run('next');
  assert.match(b.rec.console.at(-1)!.text, /alice drives; :drive asks for the wheel/);

  // The driver's view is mirrored: A selects frame 1 (process's caller? main has none: use a stop inside process).
  await b.app.run('drive');
  await waitFor('the request at A', () => a.asked.find((q) => /bob asks to drive/.test(q)));
  await a.app.run(`drive give bob`);
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' && a.app.pair?.me?.role === 'following' ? true : undefined));
  const item = findMarker('orders', 'gotui:item');
  // clearall takes everyone's: one truth. A sees them go.
  await b.app.run('clearall');
  await waitFor('no breakpoints left in A', () => (a.app.session.state.breakpoints.length === 0 ? true : undefined));
  await waitFor("A told that bob cleared A's own too, as A's", () => a.rec.console.find((l) => new RegExp(`» bob .*cleared your breakpoint at orders/main\\.go:${loop.line}\\b`).test(l.text)));
  assert.ok(!a.rec.console.some((l) => new RegExp(`Another client cleared (the|your) breakpoint .*orders/main\\.go:${loop.line}\\b`).test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
  await b.app.run(`break main.go:${item.line}`);
  const before = a.app.session.stopCount;
  await b.app.run('continue');
  await waitFor('A follows to process', () => (a.app.session.stopCount > before && a.app.session.state.selection?.frame?.line === item.line ? true : undefined));
  await b.app.run('frame 1');
  await waitFor("A mirrors B's frame", () => (a.app.session.state.selection?.frame?.index === 1 ? true : undefined));
  assert.equal(a.app.session.state.selection?.frame?.name, 'main.main');

  // B gives the wheel back: A's next stop (at the same line) is A's own, at frame 0, where the dlv
  // CLI is, not B's old view (frame 1), which belonged to a driver that no longer drives.
  await b.app.run('drive give alice');
  await waitFor('alice drives again', () => (a.app.pair?.me?.role === 'driving' ? true : undefined));
  const again = a.app.session.stopCount;
  await a.app.run('continue');
  await waitFor('A at the breakpoint again', () => (a.app.session.stopCount > again && a.app.session.state.status === 'stopped' ? true : undefined));
  await afterPolls(a, 3);
  const cliTop = cliFrames(await dlvCli(server.address, ['stack 0']))[0]!;
  assert.deepEqual([a.app.session.state.selection?.frame?.index, a.app.session.state.selection?.frame?.line], [0, cliTop.line], 'frame 0, where the dlv CLI is');
  assert.equal(a.app.session.state.selection?.frame?.name, 'main.process');

  // A follower may not let it run on leaving, as it may not press c.
  assert.equal(await b.app.run('quit -resume'), false);
  assert.match(b.rec.console.at(-1)!.text, /^quit -resume is not yours to do: alice drives; :drive asks for the wheel\. q leaves the target as it is for the driver\.$/);
  await a.app.run('drive give bob');
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  // B, driving, quits and lets it run: its breakpoint goes with it (Delve's list cannot be read while
  // it runs), and A is told who took it away.
  await b.app.run('quit -resume');
  await waitFor('A sees it run', () => (a.app.session.state.status === 'running' ? true : undefined));
  await waitFor("B's breakpoint gone from A", () => (a.app.session.state.breakpoints.some((bp) => bp.line === item.line) ? undefined : true));
  await waitFor('said as bob\'s doing', () => a.rec.console.find((l) => new RegExp(`bob cleared the breakpoint at orders/main\\.go:${item.line}`).test(l.text)));
  // The run his quit let go is his too.
  await waitFor('the run named as bob\'s', () => a.rec.console.find((l) => /bob resumed the target/.test(l.text)));
  assert.ok(!a.rec.console.some((l) => /Another client .*resumed the target/.test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
  assert.ok(!a.rec.console.some((l) => new RegExp(`Another client cleared the breakpoint at orders/main\\.go:${item.line}`).test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
});

test('a request to drive is taken back from the driver\'s command row when the gotui that asked leaves unanswered', async (t) => {
  const { server, a } = await aliceAtTheLoop(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 ? true : undefined));
  assert.ok(await b.app.run('drive'));
  await waitFor('the request at A', () => a.asked.find((q) => q === 'bob asks to drive.'));
  b.app.pair?.close();
  await waitFor('the request taken back', () => (a.asked.includes('bob asks to drive.') ? undefined : true));
});

/** Alice, hosting the rendezvous, on the orders demo she has let run. */
async function aliceRunning(t: TestContext) {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  await a.app.run('continue');
  await waitFor('A running', () => (a.app.session.state.status === 'running' ? true : undefined));
  return { server, a };
}

test("one who joins while the driver is at a stop takes the driver's number for it and the frame the driver looks at (trial BE: Stop 1 beside the driver's stop 2, another frame)", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  // Alice's second stop at the loop, looked at one frame up (where the dlv CLI's `frame 1` is).
  await ranToStop(a, 'continue');
  await waitFor('A at the loop again', () => (a.app.session.state.selection?.frame?.line === loop.line ? true : undefined));
  assert.ok(await a.app.run('up'));
  await waitFor('A one frame up', () => (a.app.session.state.selection?.frame?.index === 1 ? true : undefined));
  const number = a.app.session.state.stop!.number;
  assert.ok(number >= 2, `alice's stop ${number}`);
  const v = await pairedGotui(t, server.address, 'vera', true);
  await waitFor("the viewer numbers the stop as alice does", () => (v.app.session.state.stop?.number === number ? true : undefined)).catch((e) => assert.fail(`${e.message}: vera's stop ${v.app.session.state.stop?.number}, alice's ${number}`));
  await waitFor("the viewer on alice's frame", () => (v.app.session.state.selection?.frame?.index === 1 ? true : undefined)).catch((e) => assert.fail(`${e.message}: vera on frame ${v.app.session.state.selection?.frame?.index}`));
  const cli = cliFrames(await dlvCli(server.address, ['stack 3']));
  assert.equal(v.app.session.state.selection?.frame?.name, cli[1]?.func, "the dlv CLI's frame 1");
  // Said, since the stop's own line named the frame shown before (trial BM: `shown: frame 1` beside frame 0's panes, or the other way).
  const said = `frame 1 ${cli[1]!.func} ${cli[1]!.file.split('/').slice(-2).join('/')}:${cli[1]!.line}.`;
  await waitFor('the console says whose view', () => v.rec.console.find((l) => /^» Following alice's view: goroutine \d+, /.test(l.text) && l.text.endsWith(said))).catch((e) => assert.fail(`${e.message}\n${v.rec.console.map((l) => l.text).join('\n')}`));
});

test("the peers' number for the halt found on joining, come after its panes began to read it, leaves them this stop's: variables read, goroutines not 'from stop 1' (trial BJ: No stop yet until the next stop)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const loop = findMarker('orders', 'gotui:loop');
  // The dlv CLI halted it at the loop: gotui finds that halt (stop 1 to it) when it joins.
  const cli = await dlvCli(server.address, [`break main.go:${loop.line}`, 'continue', 'print id']);
  const id = /^(\d+)$/m.exec(cli)?.[1];
  assert.ok(id, cli);
  const h = headlessApp({ address: server.address, label: 'orders', owned: false, version: 'test', warnings: [] }, { stop: true });
  // The peers' word that it is their stop 7, as it came in trial BJ: after the stop was announced, before its panes had read it.
  h.app.session.events.on('stop', (e) => e.stop.found && queueMicrotask(() => h.app.session.peerNumberedStop(7, true)));
  const vars = h.app.models.model(variablesFeature);
  const groups = h.app.models.model(goroutinesFeature).store;
  await h.app.start();
  t.after(() => h.app.pair?.close());
  t.after(() => h.app.close());
  await waitFor('numbered 7', () => (h.app.session.state.stop?.number === 7 ? true : undefined));
  await waitFor('the variables read', () => (vars.get().rows.some((r) => r.name === 'id') && !vars.get().pending ? true : undefined)).catch((e) => assert.fail(`${e.message}: ${JSON.stringify({ rows: vars.get().rows.length, pending: vars.get().pending, stop: vars.get().stop })}`));
  assert.equal(vars.get().rows.find((r) => r.name === 'id')?.value, id, "the dlv CLI's id");
  assert.equal(vars.get().stop, 7);
  await waitFor('the groups read', () => (groups.get().snapshot ? true : undefined));
  assert.equal(groups.get().stop, 7, "the groups are this stop's");
});

test('a --follow viewer joins a running target without touching it, and changes nothing when it is stopped (the dlv CLI checks)', async (t) => {
  const { server, a } = await aliceRunning(t);
  const aStops = a.app.session.stopCount;
  const v = await pairedGotui(t, server.address, 'vera', true);
  assert.equal(v.app.session.state.status, 'running');
  assert.ok(v.app.session.waitingToJoin);
  assert.equal(v.app.pair?.statusText(), 'read-only viewer · alice drives');
  // Joining halted nothing: A saw no stop, and Delve says the target runs.
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, true);
  assert.equal(a.app.session.stopCount, aStops);
  assert.equal(a.app.session.state.status, 'running');

  await a.app.run('pause');
  await waitFor('the viewer shows the stop', () => (v.app.session.state.status === 'stopped' ? true : undefined));
  await waitFor('the viewer names alice', () => (v.app.session.state.stop?.by === 'alice' ? true : undefined));
  const before = await cliStopAndBreakpoints(server.address);
  // set-memory asks first where it may write: here it is refused before the question (trial AA).
  for (const line of ['next', 'continue', 'break main.go:76', 'set id = 5', 'call fmt.Sprint(1)', 'set-memory -g $rsp 5', 'drive']) {
    const ok = await v.app.run(line);
    assert.equal(ok, false, `${line} is refused in a viewer`);
  }
  assert.match(v.rec.console.map((l) => l.text).join('\n'), /read-only viewer \(--follow\)/);
  assert.equal(await cliStopAndBreakpoints(server.address), before, 'the dlv CLI sees the same stop and breakpoints');
  // Leaving changes nothing either (a halted target stays halted, no question asked).
  await v.app.quit('ask');
  assert.equal(v.asked.length, 0);
  assert.match(v.ended.message ?? '', /halted/);
  assert.equal((await rpc.state(true)).Running, false);
});

test('the last gotui that can run the target asks on q, as one alone does, when only a read-only viewer is left: the viewer could never resume it (trial AZ)', async (t) => {
  const { server, a } = await aliceRunning(t);
  const v = await pairedGotui(t, server.address, 'vera', true);
  await waitFor('both at the rendezvous', () => (a.app.pair?.state.peers.length === 2 ? true : undefined));
  await a.app.run('pause');
  await waitFor('the viewer at the stop', () => (v.app.session.state.status === 'stopped' ? true : undefined));
  await a.app.quit('ask');
  assert.equal(a.asked.length, 1, `alice is asked: ${a.ended.message ?? ''}`);
  assert.doesNotMatch(a.rec.console.map((l) => l.text).join('\n'), /halted for vera/);
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, false, 'halted while she is asked');
});

test("gotui's own :pause of a target the dlv CLI's continue runs is said as its own pause, at the place the CLI shows", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  assert.equal(a.app.session.state.status, 'stopped');
  // The dlv CLI's continue: a JSON-RPC Command that answers when the target stops.
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());
  const cliContinue = rpc.call('Command', { name: 'continue' }, { timeoutMs: 60_000 });
  await waitFor('gotui sees another client run it', () => (a.app.session.state.status === 'running' ? true : undefined));
  const stops = a.app.session.stopCount;
  assert.ok(await a.app.run('pause'));
  await waitFor('the stop', () => (a.app.session.stopCount > stops && a.app.session.state.status === 'stopped' ? true : undefined));
  await cliContinue;
  const stop = a.app.session.state.stop!;
  assert.equal(stop.reason, 'pause');
  assert.equal(stop.by, undefined, 'the stop is this gotui\'s pause');
  const said = a.rec.console.map((l) => l.text).join('\n');
  assert.match(said, /Another client \(the dlv CLI, an editor\) resumed the target/);
  assert.doesNotMatch(said, /moved the target/);
  const g = a.app.session.state.selection!.goroutine;
  const top = a.app.session.state.selection!.top!;
  assert.deepEqual(await cliAt(server.address, g), { file: top.file, line: top.line });
});

test("a gotui that joined while the dlv CLI's continue runs names the driver's :pause as hers, once, with her number and at the place the CLI shows", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());
  const cliContinue = rpc.call('Command', { name: 'continue' }, { timeoutMs: 60_000 });
  await waitFor('alice sees another client run it', () => (a.app.session.state.status === 'running' ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  assert.ok(b.app.session.waitingToJoin, 'bob joined a running target');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  const from = b.rec.console.length;
  assert.ok(await a.app.run('pause'));
  await cliContinue;
  await waitFor("bob at alice's stop", () => (b.app.session.state.status === 'stopped' && b.app.session.state.stop?.number === a.app.session.state.stop?.number ? true : undefined), 10_000).catch((e) =>
    assert.fail(`${e.message}\n${b.rec.console.slice(from).map((l) => l.text).join('\n')}\n${JSON.stringify(b.app.session.state.stop)}`),
  );
  assert.deepEqual([b.app.session.state.stop?.by, b.app.session.state.stop?.reason], ['alice', 'pause']);
  await afterPolls(b, 4);
  const said = b.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.doesNotMatch(said, /Another client .*moved the target/, said);
  assert.doesNotMatch(said, /alice paused the target/, said);
  assert.equal(consoleShown(b).filter((l) => /^Stop \d+ \(pause by alice\)/.test(l)).length, 1, consoleShown(b).join('\n'));
  const top = b.app.session.state.selection!.top!;
  assert.deepEqual(await cliAt(server.address, b.app.session.state.selection!.goroutine), { file: top.file, line: top.line }, "bob's stop line is the dlv CLI's");
});

test("the gotui that hosts the rendezvous quits: the breakpoints its quit removed are said as its own, before it left", async (t) => {
  const { a, b } = await aliceAndBob(t);
  assert.ok(a.app.pair?.me?.hub, 'alice came first: she hosts the rendezvous');
  assert.ok(await a.app.run('break main.process'));
  await waitFor("bob sees alice's breakpoint, by her name", () => b.app.session.state.breakpoints.find((x) => x.by === 'alice'));
  const from = b.rec.console.length;
  await a.app.quit('leave');
  const said = await waitFor("bob hears of the breakpoint's removal", () => {
    const text = b.rec.console.slice(from).map((l) => l.text).join('\n');
    return /cleared the breakpoint at/.test(text) ? text : undefined;
  });
  assert.match(said, /» alice cleared the breakpoint at orders\/main\.go:\d+/);
  assert.doesNotMatch(said, /Another client cleared/);
});

test('through SSH: a rendezvous socket left on the host by a hub whose connection died is replaced, and the new hub answers there', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-ssh-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const hostDir = path.join(root, 'host');
  fs.mkdirSync(hostDir);
  // The host's pairing directory, in a tmpfs only sshd's side sees (GOTUI_PAIR_DIR there).
  const sshd = await startSshd(t, { privateDir: hostDir, env: { GOTUI_PAIR_DIR: `${hostDir}/p` } });
  if (!sshd) return;
  const savedPath = process.env.PATH;
  process.env.PATH = sshd.path;
  t.after(() => (process.env.PATH = savedPath));
  const join = async (name: string) => {
    const ssh = await SshConnection.open(sshd.host);
    t.after(() => ssh.close());
    const r = await Rendezvous.join(await remotePlace(ssh, 'local-2345'), { name, host: 'h', since: Date.now(), viewer: false });
    t.after(() => r.close());
    return { ssh, r };
  };
  const sock = `${hostDir}/p/pair-local-2345.sock`;
  const isSocket = () => inNamespace(sshd, ['test', '-S', sock]).then(() => true, () => false);

  const alice = await join('alice');
  assert.ok(alice.r.hosting, 'the first gotui hosts');
  assert.ok(await isSocket(), 'sshd listens on the host');
  // Alice's link dies (no goodbye): sshd leaves the socket file behind.
  alice.ssh.kill('SIGKILL');
  await waitFor('the link to end', async () => (!alice.ssh.alive ? true : undefined));
  assert.ok(await isSocket(), 'the stale socket stays');

  const bob = await join('bob');
  assert.ok(bob.r.hosting, 'bob replaced the stale socket and hosts');
  const carol = await join('carol');
  assert.ok(!carol.r.hosting, 'carol joins bob through the socket on the host');
  await waitFor('bob and carol see each other', () => (carol.r.peers.length === 2 && bob.r.peers.length === 2 ? true : undefined));
  assert.deepEqual(carol.r.peers.map((p) => `${p.name}:${p.role}`), ['bob:driving', 'carol:following']);

  // Bob's link drops while he hosts: carol takes the hub over on the host (his socket there is stale
  // now), and bob's hub closes rather than go on alone.
  const bobLost = new Promise<string>((resolve) => bob.r.on('lost', ({ reason }) => resolve(reason)));
  bob.ssh.kill('SIGKILL');
  await waitFor('carol hosts', () => (carol.r.hosting && carol.r.peers.length === 1 ? true : undefined), 15_000);
  const dave = await join('dave');
  // Carol drives once the old driver's grace (HANDOVER_GRACE_MS) is over.
  const roles = () => dave.r.peers.map((p) => `${p.name}:${p.role}`).join(' ');
  await waitFor('dave meets carol there, carol drives', () => (roles() === 'carol:driving dave:following' && carol.r.peers.length === 2 ? true : undefined));
  assert.match(await bobLost, /went away and could not be taken over/);
});

test("a value set elsewhere is seen while halted: the dlv CLI's set is read again and said in both gotuis; a gotui's own :set is said once, by it", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const at = findMarker('orders', 'gotui:process');
  const a = await pairedGotui(t, server.address, 'alice');
  await a.app.run(`break main.go:${at.line}`);
  await a.app.run('continue');
  await waitFor('A at the breakpoint', () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.frame?.line === at.line ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('B there too', () => (b.app.session.state.status === 'stopped' && b.app.session.state.selection?.frame?.line === at.line && b.app.pair?.state.peers.length === 2 ? true : undefined));
  const outside = (g: typeof a) => g.rec.console.filter((l) => /Another client .* changed a value/.test(l.text));

  // A's own :set: said by A to B, never as another client's.
  await a.app.run('set n = 7');
  // What was set, as alice typed it (trial BT: `alice set a variable` named none).
  await waitFor("B hears of A's set", () => b.rec.console.find((l) => /» alice set n = 7; values are read again/.test(l.text)));
  await Promise.all([afterPolls(a, 8), afterPolls(b, 8)]);
  assert.deepEqual([outside(a), outside(b)], [[], []], 'no outside change seen for a gotui\'s own set');

  // The dlv CLI's set: both gotuis read the values again and say so; the value is the CLI's.
  const changes = [a, b].map((g) => {
    let n = 0;
    g.app.session.events.on('target-changed', () => n++);
    return () => n;
  });
  assert.match(await dlvCli(server.address, ['set n = 4242', 'print n']), /^4242$/m);
  for (const g of [a, b]) await waitFor('the activity line', () => outside(g)[0]);
  assert.deepEqual(changes.map((c) => c()), [1, 1], 'each gotui read the values again once');
  assert.match(outside(a)[0]!.text, new RegExp(`changed a value in orders/main\\.go:${at.line}; values are read again`));
  const value = await a.app.session.evaluate('n');
  assert.equal(value.result, '4242');
  // Said once: later looks see nothing new.
  await afterPolls(a, 8);
  assert.equal(outside(a).length, 1);
});

test("the dlv CLI's stepout in a recursion, where every pc stays the same, is seen as a stop: the stack read again is the CLI's, not the one before (trial AX)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'inventory', ['-quiet', '-every', '20ms', '-depth', '6']);
  const bottom = findMarker('inventory', 'gotui:bottom');
  const a = await pairedGotui(t, server.address, 'alice');
  let frames: string[] = [];
  a.app.session.events.on('stop', (e) => (frames = e.frames.frames.map((f) => f.name)));
  await a.app.run(`break main.go:${bottom.line}`);
  await a.app.run('continue');
  await waitFor('at the bottom of descend', () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.frame?.line === bottom.line ? true : undefined), 30_000);
  await a.app.run('clear');
  await a.app.run('stepout');
  await waitFor('stepped out to descend(2)', () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.frame?.line === bottom.line + 2 ? true : undefined));
  const depth = () => frames.filter((f) => f === 'main.descend').length;
  assert.equal(depth(), 5);
  await afterPolls(a, 4);
  const stops = a.app.session.stopCount;

  // The CLI steps out once more: the same line, the same pc, one frame less.
  const cli = await dlvCli(server.address, ['stepout', 'print n', 'stack 20']);
  assert.match(cli, /^3$/m, cli);
  const cliDescend = cliFrames(cli).filter((f) => f.func === 'main.descend');
  assert.equal(cliDescend.length, 4, cli);
  await waitFor('the CLI\'s stop seen', () => (a.app.session.stopCount > stops ? true : undefined), 20_000);
  await waitFor('its stack read', () => (depth() === cliDescend.length ? true : undefined));
  assert.equal((await a.app.session.evaluate('n')).result, '3');
  const said = consoleShown(a).join('\n');
  // Said once, by the stop's line (trials BJ, BL: a second line said the same).
  assert.match(said, new RegExp(`^Stop \\d+ \\(step by another client\\): main\\.descend inventory/main\\.go:${bottom.line + 2}, goroutine \\d+$`, 'm'), said);
  assert.doesNotMatch(said, /moved the target/, said);
  assert.doesNotMatch(said, /changed a value/, said);
});

test("a field set elsewhere behind a pointer (the dlv CLI's set w.Round, w a *Warehouse) is seen while halted and read again", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'inventory', ['-every', '20ms']);
  const end = findMarker('inventory', 'gotui:restock-return');
  const a = await pairedGotui(t, server.address, 'alice');
  await a.app.run(`break stock.go:${end.line}`);
  await a.app.run('continue');
  await waitFor('at restock\'s return', () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.frame?.name === 'main.restock' ? true : undefined), 30_000);
  await afterPolls(a, 4);
  const outside = () => a.rec.console.filter((l) => /Another client .* changed a value/.test(l.text));
  assert.deepEqual(outside(), []);
  assert.match(await dlvCli(server.address, ['set w.Round = 4242', 'print w.Round']), /^4242$/m);
  await waitFor('the activity line', () => outside()[0]);
  assert.match(outside()[0]!.text, new RegExp(`changed a value in inventory/stock\\.go:${end.line}; values are read again`));
  assert.equal((await a.app.session.evaluate('w.Round')).result, '4242');
});

test("another client's restart that waits for the halt of gotui's own pause, with a peer present, is said in both gotuis as that client's restart with the new pid, not as the pause", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  // Both have looked at the halted process (its pid), as gotuis that have been on it a while have.
  await Promise.all([afterPolls(a, 2), afterPolls(b, 2)]);
  await a.app.run('continue');
  await waitFor('both running', () => (a.app.session.state.status === 'running' && b.app.session.state.status === 'running' ? true : undefined), 20_000);
  // The dlv CLI's restart, as it sends it: Delve holds it until the target halts (here, at alice's pause).
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const restarted = rpc.call('Restart', { Rebuild: false, ResetArgs: false }, { timeoutMs: 30_000 });
  await a.app.run('pause');
  await restarted;
  const pid = (await rpc.state(false)).Pid;
  assert.ok(pid > 0 && pid !== server.targetPid);
  const said = (g: typeof a) => g.rec.console.map((l) => l.text).join('\n');
  for (const [g, who] of [[a, 'alice'], [b, 'bob']] as const) {
    await waitFor(`the restart said in ${who}`, () => (new RegExp(`» Another client .* restarted the target \\(pid ${pid}\\)`).test(said(g)) ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${said(g)}`));
  }
  // Where the dlv CLI is: the new process's entry, no goroutine yet.
  assert.match(await dlvCli(server.address, ['stack']), /^\s*0\s+0x[0-9a-f]+ in _rt0_\w+/m);
  assert.equal(a.app.session.state.selection?.frame, undefined, said(a));
});

test("a restart by another client (the dlv CLI's restart) is said, and the session stays: the new process is watched", async (t) => {
  const { server, a } = await aliceAtTheLoop(t);
  const oldPid = server.targetPid;

  const said = await dlvCli(server.address, ['restart']);
  const newPid = Number(/Process restarted with PID (\d+)/.exec(said)?.[1]);
  assert.ok(newPid > 0 && newPid !== oldPid, said);
  await waitFor('the restart said in A', () => (a.rec.console.some((l) => new RegExp(`Another client .* restarted the target \\(pid ${newPid}\\)`).test(l.text)) ? true : undefined));
  // Halted at the entry, with no frame: the source pane says so, it does not show the last stop's file as this one's.
  assert.equal(a.app.models.model(sourceFeature).get().file, undefined, 'no file of the old stop');
  assert.deepEqual(a.app.session.state.selection?.frame, undefined, 'no goroutine, no frame');
  assert.match(await dlvCli(server.address, ['stack']), /^\s*0\s+0x[0-9a-f]+ in _rt0_\w+\s+at \S+rt0_\w+\.s:\d+/m, "the dlv CLI's thread is at the entry too");
  // The old process is gone; the session watches the new one and stays (twice the watcher's period and its grace).
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(a.app.session.state.status, 'stopped', a.rec.console.map((l) => l.text).join('\n'));
  // And the new process is still watched: killed, it ends the session.
  process.kill(newPid, 'SIGKILL');
  await waitFor('the session ended with the new process', () => (a.app.session.state.status === 'exited' ? true : undefined));
  assert.ok(a.rec.console.some((l) => new RegExp(`The target \\(pid ${newPid}\\) is gone`).test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
});

test("the dlv CLI's restart while gotui's continue runs (the CLI waits for the halt at gotui's breakpoint) is said, and gotui's breakpoint is set again", async (t) => {
  // A round of 300 ms: the continue runs while the dlv CLI starts and asks.
  const { server, a, loop } = await aliceAtTheLoop(t, '300ms');
  const since = a.app.session.stopCount;
  await a.app.run('continue');
  // Delve answers a DAP continue before it runs it: a restart that came first would be one of a halted target.
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  await waitFor('Delve running the continue (or done with it)', async () => ((await rpc.state()).Running || a.app.session.stopCount > since ? true : undefined));
  const said = await dlvCli(server.address, ['restart']);
  const newPid = Number(/Process restarted with PID (\d+)/.exec(said)?.[1]);
  assert.ok(newPid > 0 && newPid !== server.targetPid, said);
  await waitFor('the restart said in A', () => (a.rec.console.some((l) => new RegExp(`Another client .* restarted the target \\(pid ${newPid}\\)`).test(l.text)) ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${a.app.session.state.status}\n${a.rec.console.map((l) => l.text).join('\n')}`));
  await waitFor('A sets its breakpoint again', () => (a.rec.console.some((l) => /gotui set it again\./.test(l.text)) ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${a.rec.console.map((l) => l.text).join('\n')}`));
  assert.match(await dlvCli(server.address, ['bp']), new RegExp(`main\\.go:${loop.line}`));
  // Halted in the new process: at its entry (the restart came after the continue's halt), or at the
  // breakpoint set again (it came while the continue ran, and Delve's DAP ran the new process on).
  await waitFor('A stopped in the new process', () => (a.app.session.state.status === 'stopped' && a.app.session.stopCount > since ? true : undefined), 20_000).catch(async (e) =>
    assert.fail(`${e.message}: A ${a.app.session.state.status} after stop ${a.app.session.stopCount} (${since} before); Delve: ${JSON.stringify(await rpc.state(true).catch((x) => String(x)))}\n${a.rec.console.map((l) => l.text).join('\n')}`),
  );
  assert.equal((await rpc.state(false)).Pid, newPid);
  const cli = cliFrames(await dlvCli(server.address, ['stack 3']))[0];
  assert.equal(a.app.session.state.selection?.top?.line, cli?.func.startsWith('_rt0_') ? undefined : cli?.line, 'where the dlv CLI is');
  // Nor the old stop's goroutine, gone with its process when its stack is read, said as an error.
  assert.ok(!a.rec.console.some((l) => /Another client cleared|Cannot read the stack/.test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
});

test("a restart by another client drops gotui's breakpoints set by FILE:LINE (Delve knows them by address): gotui sets them again and says so, and the program stops there (the dlv CLI's continue)", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  const said = await dlvCli(server.address, ['restart']);
  assert.match(said, /Discarded breakpoint/, 'Delve dropped it (the reason for all this)');
  await waitFor('A sets it again', () => (a.rec.console.some((l) => /» Delve dropped your breakpoint at orders\/main\.go:\d+ at another client's restart \(a restart keeps only the line breakpoints an editor sets, not those :break sets by location\); gotui set it again\./.test(l.text)) ? true : undefined), 20_000);
  const bp = await dlvCli(server.address, ['bp']);
  assert.match(bp, new RegExp(`main\\.go:${loop.line}`), bp);
  const stops = a.app.session.stopCount;
  const cont = await dlvCli(server.address, ['continue']);
  assert.match(cont, new RegExp(`=>\\s*${loop.line}:`), cont);
  assert.ok(!a.rec.console.some((l) => /Another client cleared/.test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
  // The new process counts from 0: gotui's count is Delve's since the restart (the dlv CLI's), not "in all" with the old one's.
  await waitFor("A at the dlv CLI's stop", () => (a.app.session.stopCount > stops && a.app.session.state.status === 'stopped' ? true : undefined), 20_000);
  const from = a.rec.console.length;
  assert.ok(await a.app.run('breakpoints'));
  const listed = a.rec.console.slice(from).map((l) => l.text).join('\n');
  const hits = (text: string) => new RegExp(`main\\.go:${loop.line} \\((\\d+)\\)`).exec(text)?.[1];
  const cliList = await dlvCli(server.address, ['breakpoints']);
  assert.equal(hits(listed), '1', listed);
  assert.equal(hits(listed), hits(cliList), `${listed}\n--- dlv ---\n${cliList}`);
  assert.doesNotMatch(listed, /in all/, listed);
});

test("the dlv CLI's continue onto gotui's own breakpoint says whose breakpoint and who resumed: `breakpoint #1, resumed by another client` (trial CA read `#1 by another client` as the client's breakpoint)", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  const stops = a.app.session.stopCount;
  const cont = await dlvCli(server.address, ['continue']);
  assert.match(cont, new RegExp(`=>\\s*${loop.line}:`), cont);
  await waitFor("A at the dlv CLI's stop", () => (a.app.session.stopCount > stops && a.app.session.state.status === 'stopped' ? true : undefined), 20_000);
  const line = new RegExp(`^Stop \\d+ \\(breakpoint #1, resumed by another client\\): \\S+ orders/main\\.go:${loop.line}, goroutine \\d+$`);
  await waitFor('the stop line', () => (consoleShown(a).some((l) => line.test(l)) ? true : undefined)).catch(() => assert.fail(consoleShown(a).join('\n')));
  assert.equal(stateWords(a.app.session.state), 'stopped (breakpoint #1, resumed by another client)');
});

test("the dlv CLI's breakpoint set just before a continue that gotui sees running is named at its stop, as the list names it (CI: `breakpoint, resumed by another client`, unnamed, then `Another client set`)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '50ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  const loop = findMarker('orders', 'gotui:loop');
  // Found halted at its entry; polling's baseline taken before the CLI moves it.
  await afterPolls(a, 2);
  // Hit the 21st time (a second of running at least): gotui's looks see the run before the stop.
  const cli = await dlvCli(server.address, [`break main.go:${loop.line}`, 'cond -hitcount 1 > 20', 'continue']);
  assert.match(cli, new RegExp(`=>\\s*${loop.line}:`), cli);
  const line = new RegExp(`^Stop \\d+ \\(breakpoint other#1, resumed by another client\\): \\S+ orders/main\\.go:${loop.line}, goroutine \\d+$`);
  await waitFor('the stop line', () => (consoleShown(a).some((l) => line.test(l)) ? true : undefined), 20_000).catch(() => assert.fail(consoleShown(a).join('\n')));
  const shown = consoleShown(a);
  const resumed = shown.findIndex((l) => l.endsWith('Another client (the dlv CLI, an editor) resumed the target.'));
  assert.ok(resumed >= 0 && resumed < shown.findIndex((l) => line.test(l)), `the run was seen before the stop:\n${shown.join('\n')}`);
});

test("the dlv CLI's clear of gotui's own breakpoint (by Delve's number) is said as yours, by gotui's number (trial CK: `Another client cleared the breakpoint`)", async (t) => {
  const { server, a } = await aliceAtTheLoop(t);
  // A run to a line takes Delve's next number for its temporary breakpoint: hers after it is #2 in gotui, 3 in Delve.
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:new-order');
  await ranToStop(a, `continue main.go:${item.line}`);
  assert.ok(await a.app.run(`break main.go:${loop.line}`));
  const mine = a.app.session.state.breakpoints.find((b) => b.line === loop.line)!;
  assert.notEqual(mine.delveId, mine.id);
  // :breakpoints gives Delve's number beside gotui's where they differ: the one the CLI's clear takes.
  const from = a.rec.console.length;
  assert.ok(await a.app.run('breakpoints'));
  const listed = a.rec.console.slice(from).map((l) => l.text).join('\n');
  const delveId = new RegExp(`^Breakpoint ${mine.id} .*main\\.go:${loop.line} \\(\\d+\\)(?: \\[Delve id (\\d+)\\])?$`, 'm').exec(listed)?.[1] ?? String(mine.id);
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`^Breakpoint \\S+.* at 0x[0-9a-f]+ for main\\.main\\(\\) \\S+main\\.go:${loop.line}`, 'm'));
  assert.match(await dlvCli(server.address, [`clear ${delveId}`]), /cleared/i);
  const said = `» Another client cleared your breakpoint #${mine.id} at orders/main.go:${loop.line}.`;
  await waitFor('said as hers', () => (consoleShown(a).includes(said) ? true : undefined), 20_000).catch(() => assert.fail(consoleShown(a).join('\n')));
  assert.ok(!a.app.session.state.breakpoints.some((b) => b.id === mine.id));
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${loop.line}\\b`));
});

test("with a peer present, the dlv CLI's named breakpoint and the stop it made are said in that order in both gotuis (trial CK: the follower said the stop first)", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const loop = findMarker('orders', 'gotui:loop');
  // Found halted at its entry; both gotuis' looks have a baseline.
  await afterPolls(a, 2);
  await afterPolls(b, 2);
  const cli = await dlvCli(server.address, [`break clibp main.go:${loop.line}`, 'cond -hitcount clibp > 5', 'continue']);
  assert.match(cli, new RegExp(`=>\\s*${loop.line}:`), cli);
  const stopped = new RegExp(`^Stop \\d+ \\(breakpoint clibp, resumed by another client\\): \\S+ orders/main\\.go:${loop.line}, goroutine \\d+$`);
  for (const g of [a, b]) {
    await waitFor('the stop line', () => (consoleShown(g).some((l) => stopped.test(l)) ? true : undefined), 20_000).catch(() => assert.fail(consoleShown(g).join('\n')));
    const shown = consoleShown(g);
    const set = shown.findIndex((l) => l.startsWith('» Another client set a breakpoint clibp at orders/main.go:'));
    assert.ok(set >= 0 && set < shown.findIndex((l) => stopped.test(l)), shown.join('\n'));
  }
});

test("a restart by another client after the program exited brings the session back: the dlv CLI's stop shows in gotui", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  // Her breakpoint out of the way: gotui would set it again after the restart, racing the CLI's clearall.
  assert.ok(await a.app.run('clear 1'));
  assert.equal(await a.app.run('call os.Exit(0)'), false);
  await waitFor('exited', () => (a.app.session.state.status === 'exited' ? true : undefined), 10_000);
  const cli = await dlvCli(server.address, ['restart', `break main.go:${loop.line + 1}`, 'continue']);
  assert.match(cli, new RegExp(`=>\\s*${loop.line + 1}:`), cli);
  await waitFor("A at the dlv CLI's stop", () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.top?.line === loop.line + 1 ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${a.rec.console.map((l) => l.text).join('\n')}`));
  assert.ok(a.rec.console.some((l) => /Another client .* restarted the target/.test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
});

test("a step out's return values are said in the other gotui too, as its driver read them (trial U: the follower saw only the stop)", async (t) => {
  const { a, b } = await aliceAndBob(t);
  await a.app.run('break main.applyDiscount');
  if (a.app.session.state.status === 'running') await a.app.run('pause');
  await waitFor('A stopped', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  await a.app.run('continue');
  await waitFor('both in applyDiscount', () => (a.app.session.state.selection?.frame?.name === 'main.applyDiscount' && b.app.session.state.selection?.frame?.name === 'main.applyDiscount' && b.app.session.state.status === 'stopped' ? true : undefined), 20_000);
  const from = b.rec.console.length;
  await a.app.run('stepout');
  const said = await waitFor("A's return values", () => a.rec.console.find((l) => /^main\.applyDiscount returned /.test(l.text))?.text, 20_000);
  const heard = await waitFor("A's return values in B", () => b.rec.console.slice(from).find((l) => / returned /.test(l.text))?.text, 20_000);
  assert.equal(heard, `» alice's step out: ${said}`);
});

test("two gotuis set FILE:LINE breakpoints at the same moment: neither loses its own to the other's list (Delve's DAP keeps one list of them for every client), as the dlv CLI lists them (trial U)", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const at = (name: string) => `main.go:${findMarker('orders', `gotui:${name}`).line}`;
  const rounds = [['new-order', 'print'], ['item', 'process'], ['discount', 'format']].map(([x, y]) => [at(x!), at(y!)] as const);
  for (const [mine, theirs] of rounds) {
    // Both typed at once: each reads Delve's list, then sends its own (the other's not in it yet).
    assert.deepEqual(await Promise.all([a.app.run(`break ${mine}`), b.app.run(`break ${theirs}`)]), [true, true]);
  }
  const all = rounds.flat();
  const listedIn = (g: typeof a) => new Set(g.app.session.state.breakpoints.filter((x) => !x.disabled).map((x) => `${x.file?.split('/').pop()}:${x.line}`));
  for (const [g, who] of [[a, 'alice'], [b, 'bob']] as const) {
    await waitFor(`every breakpoint in ${who}'s list`, () => (all.every((p) => listedIn(g).has(p)) ? true : undefined), 10_000).catch((e) => assert.fail(`${e.message}: ${[...listedIn(g)].join(' ')}\n${g.rec.console.map((l) => l.text).join('\n')}`));
  }
  const listed = await dlvCli(server.address, ['breakpoints']);
  for (const p of all) assert.match(listed, new RegExp(`${p.replace('.', '\\.')}\\b`), `${p} is set in Delve:\n${listed}`);
  for (const g of [a, b]) assert.doesNotMatch(g.rec.console.map((l) => l.text).join('\n'), /Another client cleared/);
  // Where the race was lost (most rounds here), its loser said what happened.
  for (const g of [a, b]) for (const l of g.rec.console.filter((x) => /gotui set it again/.test(x.text))) t.diagnostic(l.text);
});

test("two gotuis set line breakpoints in one file, each as `break LINE`: neither clears the other's (DAP sends a file's whole list), as the dlv CLI lists them", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const loop = findMarker('orders', 'gotui:loop');
  const item = findMarker('orders', 'gotui:item');
  const process = findMarker('orders', 'gotui:process');
  const discount = findMarker('orders', 'gotui:discount');
  await a.app.run(`break main.go:${loop.line}`);
  if (a.app.session.state.status === 'running') await a.app.run('pause');
  await waitFor('A stopped', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  await a.app.run('continue');
  await waitFor('both at the breakpoint', () => (a.app.session.state.selection?.frame?.line === loop.line && b.app.session.state.selection?.frame?.line === loop.line && b.app.session.state.status === 'stopped' ? true : undefined));
  // Bare lines: breakpoints in the current file, one after the other as two people would.
  assert.ok(await a.app.run(`break ${item.line}`));
  assert.ok(await b.app.run(`break ${process.line}`));
  assert.ok(await a.app.run(`break ${discount.line}`));
  const listed = await dlvCli(server.address, ['breakpoints']);
  for (const line of [loop.line, item.line, process.line, discount.line]) assert.match(listed, new RegExp(`main\\.go:${line}\\b`), `line ${line} is still set:\n${listed}`);
  for (const g of [a, b]) assert.doesNotMatch(g.rec.console.map((l) => l.text).join('\n'), /Another client cleared/);

  // A function breakpoint is said once, as its setter's: not first as another client's (B's look at
  // Delve's list can come before A's word).
  const fnFrom = b.rec.console.length;
  assert.ok(await a.app.run('break main.applyDiscount'));
  await waitFor("A's word in B", () => (b.rec.console.slice(fnFrom).some((l) => /alice set a breakpoint at .*main\.applyDiscount/.test(l.text)) ? true : undefined));
  await new Promise((r) => setTimeout(r, 800));
  await afterPolls(b, 2);
  assert.doesNotMatch(b.rec.console.slice(fnFrom).map((l) => l.text).join('\n'), /Another client set/);

  // A's :clearall takes B's too. B's next breakpoint is news of a set only; and a breakpoint the dlv
  // CLI then sets where A's was is the CLI's, not A's.
  assert.ok(await a.app.run('clearall'));
  const fromA = a.rec.console.length;
  const fromB = b.rec.console.length;
  assert.ok(await b.app.run(`break ${process.line}`));
  await waitFor("B's set, told to A", () => (a.rec.console.slice(fromA).some((l) => /bob set a breakpoint at \S*main\.go:\d+/.test(l.text)) ? true : undefined));
  assert.doesNotMatch(a.rec.console.slice(fromA).map((l) => l.text).join('\n'), /bob .*cleared/);
  await dlvCli(server.address, [`break main.go:${item.line}`]);
  const cliBp = await waitFor("the dlv CLI's breakpoint, learned by B", () => b.app.session.state.breakpoints.find((x) => x.line === item.line), 15_000);
  assert.equal(cliBp.by, 'another client', `B's list: ${JSON.stringify(b.app.session.state.breakpoints)}`);
  // Said once no peer has claimed it within half a second.
  await waitFor("B names another client", () => (b.rec.console.slice(fromB).some((l) => new RegExp(`Another client set a breakpoint at \\S*main\\.go:${item.line} \\(main\\.\\w+\\)\\.$`).test(l.text)) ? true : undefined)).catch(() => assert.fail(b.rec.console.slice(fromB).map((l) => l.text).join('\n')));

  // The CLI's is shown, not changed: refused by the number the pane gives it, and Delve keeps it;
  // :clear by that name takes it out (the dlv CLI agrees).
  const name = `other#${cliBp.delveId}`;
  let said = b.rec.console.length;
  assert.equal(await b.app.run(`disable ${cliBp.delveId}`), false);
  assert.match(b.rec.console.slice(said).map((l) => l.text).join('\n'), new RegExp(`^${name} is another client's breakpoint: gotui changes only its own\\.`, 'm'));
  assert.equal(await b.app.run(`cond ${name} n > 1`), false);
  // b on its line (toggle-break, the source cursor's) does not clear it unasked either.
  said = b.rec.console.length;
  assert.equal(await b.app.run(`toggle-break ${cliBp.file}:${item.line}`), false);
  assert.match(b.rec.console.slice(said).map((l) => l.text).join('\n'), new RegExp(`^${name} is another client's breakpoint: gotui changes only its own\\.`, 'm'));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`Breakpoint ${cliBp.delveId} \\(enabled\\) .*main\\.go:${item.line} `));
  said = b.rec.console.length;
  assert.ok(await b.app.run(`clear ${name}`), b.rec.console.slice(said).map((l) => l.text).join('\n'));
  assert.match(b.rec.console.slice(said).map((l) => l.text).join('\n'), new RegExp(`^Cleared ${name} `, 'm'));
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${item.line} `));
});

test("a peer's :quit -kill is said by its name before the connection drops, and nobody tries to reconnect to the Delve it ended", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const from = b.rec.console.length;
  await a.app.quit('kill', { confirmed: true });
  assert.match(a.ended.message ?? '', /^Killed /);
  await server.exited;
  const said = await waitFor('bob hears why Delve went', () => {
    const text = b.rec.console.slice(from).map((l) => l.text).join('\n');
    return /nothing to reconnect to/.test(text) ? text : undefined;
  });
  assert.match(said, /» alice is ending the program and its Delve \(:quit -kill\)\./);
  assert.match(said, /alice ended the program and its Delve: nothing to reconnect to \(:quit leaves\)\./);
  assert.doesNotMatch(said, /reconnects by itself/);
  // No wheel to take on an ended Delve (trial AG: `alice left; you drive`).
  assert.doesNotMatch(said, /you drive/);
  assert.equal(b.app.session.state.reconnecting, undefined, 'no countdown');
  assert.equal(b.app.session.state.status, 'disconnected');
});

test('stop numbers agree across gotuis: one that joined later, and one whose polls saw a burst of steps as fewer stops, take the number the driver gave the stop', async (t) => {
  const { server, a } = await aliceAtTheLoop(t);
  for (let i = 0; i < 2; i++) await ranToStop(a, 'continue');
  // B joins at A's fourth stop or so: its own count would start at 1.
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 ? true : undefined));
  await a.app.run('clearall');
  const same = async (what: string) => {
    const cli = await cliAt(server.address);
    await waitFor(what, () => (b.app.session.state.status === 'stopped' && b.app.session.state.selection?.top?.line === cli.line && b.app.session.stopCount === a.app.session.stopCount ? true : undefined), 10_000).catch(() => {
      throw new Error(`${what}: A at stop ${a.app.session.stopCount}, B at stop ${b.app.session.stopCount} (line ${b.app.session.state.selection?.top?.line}; the dlv CLI: ${cli.line})`);
    });
  };
  let since = a.app.session.stopCount;
  await a.app.run('next');
  await waitFor("A's step", () => (a.app.session.stopCount > since && a.app.session.state.status === 'stopped' ? true : undefined));
  await same('B numbers the step as A does');
  // A burst: three steps typed at once in A (each sent as the last one stops).
  since = a.app.session.stopCount;
  for (let i = 0; i < 3; i++) {
    const before = a.app.session.stopCount;
    await a.app.run('next');
    await waitFor('A stepped', () => (a.app.session.stopCount > before && a.app.session.state.status === 'stopped' ? true : undefined));
  }
  assert.equal(a.app.session.stopCount, since + 3);
  await same('B at the burst\'s last stop, numbered as A numbers it');
});

test("a step that lands on a breakpoint's line is one stop with one reason in every gotui: its maker's, as Delve told it", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 ? true : undefined));
  await a.app.run(`break main.go:${loop.line + 1}`);
  await ranToStop(a, 'next');
  const cli = await cliAt(server.address);
  assert.equal(cli.line, loop.line + 1, 'the step landed on the breakpoint\'s line (the dlv CLI)');
  await waitFor('B at the same stop', () => (b.app.session.state.status === 'stopped' && b.app.session.stopCount === a.app.session.stopCount && b.app.session.state.selection?.top?.line === cli.line ? true : undefined), 10_000);
  assert.equal(b.app.session.state.stop?.reason, a.app.session.state.stop?.reason, `one reason: A ${a.app.session.state.stop?.reason}, B ${b.app.session.state.stop?.reason}`);
});

test("a peer's stop at the place of its last step, its word late (a busy machine, SSH): the follower says the new stop's reason, not the step's", async (t) => {
  // A loop slow enough (300 ms a round) that bob's polls see alice's continue run before its stop.
  const { server, a } = await aliceAtTheLoop(t, '300ms');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 ? true : undefined));
  const newOrder = findMarker('orders', 'gotui:new-order');
  assert.ok(await a.app.run('clear 1'));
  // Alice steps round the loop to the line before it: her last word names a step there.
  for (let i = 0; i < 12 && a.app.session.state.selection?.top?.line !== newOrder.line; i++) await ranToStop(a, 'next');
  assert.equal(a.app.session.state.selection?.top?.line, newOrder.line, 'A stepped to newOrder');
  await waitFor('B at the step', () => (b.app.session.stopCount === a.app.session.stopCount && b.app.session.state.stop?.reason === 'step' ? true : undefined), 10_000);
  // The fault: alice's "stopped" reaches the rendezvous 80 ms late, after bob's poll has (most likely) seen the halt.
  const rv = (a.app.pair as unknown as { rendezvous: { say(ev: { k: string }, to?: string): void } }).rendezvous;
  const say = rv.say.bind(rv);
  rv.say = (ev, to) => void (ev.k === 'stopped' ? setTimeout(() => say(ev, to), 80) : say(ev, to));
  assert.ok(await a.app.run(`break main.go:${newOrder.line}`));
  const before = b.app.session.stopCount;
  await ranToStop(a, 'continue');
  assert.match(a.app.session.state.stop?.reason ?? '', /breakpoint/);
  const cli = await cliAt(server.address);
  assert.equal(cli.line, newOrder.line, 'the dlv CLI at the breakpoint');
  await waitFor('B at the breakpoint', () => (b.app.session.state.status === 'stopped' && b.app.session.stopCount > before && b.app.session.state.selection?.top?.line === cli.line && b.app.session.state.stop?.reason !== 'step' ? true : undefined), 10_000).catch(() => {
    assert.fail(`B says ${b.app.session.state.stop?.reason} at stop ${b.app.session.stopCount} (A: ${a.app.session.state.stop?.reason} at stop ${a.app.session.stopCount})`);
  });
  assert.match(b.app.session.state.stop?.reason ?? '', /breakpoint/);
});

test("a gotui left on an ended Delve's port does not take in the gotuis of a new Delve there; reconnected to that one, it meets them", async (t) => {
  pairHere(t);
  const old = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const port = old.address.port;
  // alice started that Delve's program (it does not reconnect by itself) and stays after its Delve ends.
  process.env.GOTUI_NAME = 'alice';
  const a = headlessApp({ address: old.address, label: `127.0.0.1:${port}`, owned: true, version: 'test', warnings: [] });
  await a.app.start();
  t.after(() => a.app.pair?.close());
  t.after(() => a.app.close());
  assert.equal(a.app.pair?.me?.role, 'driving');
  await old.stop();
  await waitFor('alice sees her Delve gone', () => (a.app.session.state.status === 'disconnected' ? true : undefined));

  // A new Delve on the same port: bob's gotui drives it alone (not as alice's follower).
  await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms'], { port });
  const b = await pairedGotui(t, { host: '127.0.0.1', port }, 'bob');
  assert.deepEqual(b.app.pair?.state.peers.map((p) => `${p.name}:${p.role}`), ['bob:driving'], 'bob alone at the new Delve');
  assert.ok(await b.app.run('continue'), b.rec.console.map((l) => l.text).join('\n'));
  assert.ok(await b.app.run('pause'), b.rec.console.map((l) => l.text).join('\n'));
  // The dlv CLI prints a stack only of a halted target (cliAt checks it did); a pause can land in a frame with no line.
  await cliAt({ host: '127.0.0.1', port });

  // alice reconnects: to the new Delve at that port, where she meets bob (who drives).
  assert.ok(await a.app.run('reconnect'), a.rec.console.map((l) => l.text).join('\n'));
  const roles = (g: { app: typeof a.app }) => g.app.pair?.state.peers.map((p) => `${p.name}:${p.role}`).sort().join(' ');
  await waitFor('alice and bob meet', () => (roles(a) === 'alice:following bob:driving' && roles(b) === 'alice:following bob:driving' ? true : undefined));
});

test("q after the shared Delve died says the connection closed, not that the target was left 'for bob'", async (t) => {
  const { server, a } = await aliceAndBob(t);
  await server.stop();
  await waitFor('alice sees Delve gone', () => (a.app.session.state.status === 'disconnected' ? true : undefined));
  await a.app.run('quit');
  assert.ok(a.ended.message, 'alice left');
  assert.doesNotMatch(a.ended.message!, /for bob|other gotuis are on it/, a.ended.message);
});

test("a restart by the dlv CLI with two gotuis, the second come after the first set its breakpoint: the peer names who set the dropped breakpoint again, not 'another client'", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  // Bob joins late: he never heard alice set it, and Delve's list does not say whose it is: alice tells him.
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  const alices = a.app.session.state.breakpoints.find((bp) => bp.line === loop.line)!.id;
  const named = (g: typeof b) => g.app.session.state.breakpoints.some((bp) => bp.line === loop.line && bp.by === 'alice' && bp.byNumber === alices);
  await waitFor("the breakpoint in B's list, named as alice names it", () => (named(b) ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${JSON.stringify(b.app.session.state.breakpoints)}`));
  const from = b.rec.console.length;
  const said = await dlvCli(server.address, ['restart']);
  assert.match(said, /Discarded breakpoint/, 'Delve dropped it');
  await waitFor('A sets it again', () => (a.rec.console.some((l) => /gotui set it again\./.test(l.text)) ? true : undefined), 20_000);
  const bp = await dlvCli(server.address, ['bp']);
  assert.match(bp, new RegExp(`main\\.go:${loop.line}`), bp);
  await waitFor("the breakpoint set again in B's list, as alice's", () => (b.app.session.state.breakpoints.some((x) => x.line === loop.line && x.by === 'alice') ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${b.rec.console.slice(from).map((l) => l.text).join('\n')}\n${JSON.stringify(b.app.session.state.breakpoints)}`));
  // Past the moment B waits for a peer's word on a breakpoint gone (CLEAR_NEWS_MS): nothing in B names "another client" for it.
  await new Promise((r) => setTimeout(r, 800));
  await afterPolls(b, 2);
  const bSaid = b.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.doesNotMatch(bSaid, /Another client (set|cleared) (a|the) breakpoint/, bSaid);
  assert.match(bSaid, /alice set again the breakpoint at .*main\.go:\d+ that Delve dropped at the restart/, bSaid);
  // Delve numbered it anew (the dlv CLI's number); alice keeps hers, and bob names it as she does.
  const delveId = Number(/Breakpoint (\d+) .*main\.go:\d+/.exec(bp)?.[1]);
  assert.notEqual(delveId, alices, bp);
  assert.ok(named(b), JSON.stringify(b.app.session.state.breakpoints));
  const listed = b.rec.console.length;
  assert.ok(await b.app.run('breakpoints'));
  const listing = b.rec.console.slice(listed).map((l) => l.text).join('\n');
  assert.match(listing, new RegExp(`^Breakpoint alice#${alices} \\(enabled\\) at .*main\\.go:${loop.line} .*\\[set by alice\\]$`, 'm'), listing);
  // alice's stop there after the restart (her breakpoint set again by function, so DAP says "function
  // breakpoint" where bob's look at Delve says "breakpoint"): bob names it as she does.
  const before = b.app.session.stopCount;
  await ranToStop(a, 'continue');
  await waitFor("bob names alice's breakpoint in the stop", () => (b.app.session.stopCount > before && describeStopReason(b.app.session.state.stop!, b.app.session.state.breakpoints) === `breakpoint alice#${alices}, resumed by alice` ? true : undefined)).catch(() =>
    assert.fail(`${describeStopReason(b.app.session.state.stop!, b.app.session.state.breakpoints)}: ${JSON.stringify(b.app.session.state.stop)}`),
  );
});

test("after the dlv CLI's restart and continue, the driver's si is said in the follower as hers, numbered as she numbers it (trial BI: another client's, a stop ahead)", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  await dlvCli(server.address, ['restart']);
  await waitFor('A sets its breakpoint again', () => (a.rec.console.some((l) => /gotui set it again\./.test(l.text)) ? true : undefined), 20_000);
  const atCli = b.app.session.stopCount;
  await dlvCli(server.address, ['continue']);
  await waitFor("both at the CLI's stop", () => (b.app.session.stopCount > atCli && a.app.session.state.selection?.frame?.line === loop.line && b.app.session.state.selection?.frame?.line === loop.line ? true : undefined), 20_000);
  await afterPolls(b, 2);
  for (let i = 0; i < 2; i++) {
    const from = b.rec.console.length;
    const before = b.app.session.stopCount;
    await ranToStop(a, 'si');
    await waitFor("bob's stop after alice's si", () => (b.app.session.stopCount > before ? true : undefined));
    await afterPolls(b, 3);
    const said = b.rec.console.slice(from).map((l) => l.text).join('\n');
    assert.equal(b.app.session.state.stop?.by, 'alice', said);
    assert.equal(b.app.session.state.stop?.number, a.app.session.state.stop?.number, said);
    assert.doesNotMatch(said, /Another client/, said);
  }
});

test("a peer's :restart is said as hers in the other gotui, not another client's: it follows the new process to her breakpoint, where the dlv CLI is", async (t) => {
  const { server, a, loop } = await aliceAtTheLoop(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  const from = b.rec.console.length;
  const said = () => b.rec.console.slice(from).map((l) => l.text).join('\n');
  const bStops = b.app.session.stopCount;
  assert.ok(await a.app.run('restart -yes'), a.rec.console.map((l) => l.text).join('\n'));
  await waitFor("B at alice's breakpoint in the new process", () => (b.app.session.stopCount > bStops && b.app.session.state.status === 'stopped' && b.app.session.state.selection?.frame?.line === loop.line ? true : undefined), 20_000).catch((e) => assert.fail(`${e.message}\n${said()}`));
  const there = await cliAt(server.address);
  assert.deepEqual([path.basename(there.file), there.line], [path.basename(loop.file), loop.line]);
  assert.equal(b.app.session.state.stop?.by, 'alice', said());
  assert.match(said(), /» alice restarts the target/, said());
  assert.doesNotMatch(said(), /Another client/, said());
});

test("a gotui that halted the running target leaves with another present: the one left answers for the halt, and lets the target run when its terminal goes (as the first would have alone)", async (t) => {
  const { server, a } = await aliceRunning(t);
  await a.app.run('pause');
  await waitFor('A halted it', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 ? true : undefined));
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());

  // Alice's terminal goes: with bob there, she leaves it halted, and bob takes the wheel.
  await a.app.endUnattended(0);
  assert.match(a.ended.message ?? '', /halted/);
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  assert.equal((await rpc.state(true)).Running, false, 'still halted while bob is there');
  // Bob's goes too: nobody is left, so the target runs again, as alice found it.
  await b.app.endUnattended(0);
  assert.match(b.ended.message ?? '', /running/);
  assert.equal((await rpc.state(true)).Running, true);
});

test("alone, a p on a target found running (another client's continue runs it) is gotui's halt: a terminal that goes lets the target run again, as it was found (trial U saw one left halted, in a flow not found again)", async (t) => {
  const { server, a } = await aliceHaltsTheCliRun(t);
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true)).Running, false);
  await a.app.endUnattended(0);
  assert.match(a.ended.message ?? '', /running/, a.rec.console.map((l) => l.text).join('\n'));
  await waitFor('Delve running it again', async () => ((await rpc.state()).Running ? true : undefined));
});

test("a halt handed on by a peer that leaves is as that peer found it: bob, who came to a target alice had halted, asks as found running (trial AG: 'found halted')", async (t) => {
  const { server, a } = await aliceHaltsTheCliRun(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  assert.equal(b.app.session.foundAs, 'halted', 'bob came to a halted target');
  await a.app.run('quit -leave');
  await waitFor("alice's halt handed on to bob", () => (b.app.session.foundAs === 'running' ? true : undefined));
  await b.app.run('quit');
  assert.deepEqual(b.asked, ['Halted now (running at attach):']);
  assert.ok(b.rec.console.some((l) => /^The target was running when gotui attached: r lets it run again/.test(l.text)), b.rec.console.map((l) => l.text).join('\n'));
});

test("bob's p of the dlv CLI's run is bob's halt: gone unattended with alice there, he hands it on, and alice, gone too, lets the target run again (trial AG: left halted)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  for (const g of [a, b]) await waitFor('halted at entry', () => (g.app.session.state.status === 'stopped' ? true : undefined));
  await theCliRunsIt(t, server.address);
  for (const g of [a, b]) await waitFor('both see it running', () => (g.app.session.state.status === 'running' ? true : undefined));
  if (a.app.pair?.me?.role === 'driving') await a.app.run('drive give bob');
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  assert.ok(await b.app.run('pause'));
  for (const g of [a, b]) await waitFor('both see the halt', () => (g.app.session.state.status === 'stopped' ? true : undefined));
  await b.app.endUnattended(0);
  await waitFor("bob's halt handed on to alice", () => (a.app.session.haltedByMe ? true : undefined));
  // His word can come before the rendezvous' list without him (CI run 64, under load): alice alone, as he is gone.
  await waitFor('alice alone at the rendezvous', () => (a.app.pair?.state.peers.length === 1 ? true : undefined));
  await a.app.endUnattended(0);
  assert.match(a.ended.message ?? '', /running/, a.rec.console.map((l) => l.text).join('\n'));
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  await waitFor('Delve running it again', async () => ((await rpc.state()).Running ? true : undefined));
});

test('a breakpoint set with a pair peer present is saved for the program, as one set alone is, and a peer saving its own to the same file keeps it', async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-save-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const project = { dir, key: 'orders' };
  const gotui = async (name: string) => {
    process.env.GOTUI_NAME = name;
    const h = headlessApp({ address: server.address, label: `127.0.0.1:${server.address.port}`, owned: false, version: 'test', warnings: [], project }, { noRestore: false });
    h.app.models.model(breakpointsFeature);
    await h.app.start();
    t.after(() => h.app.pair?.close());
    t.after(() => h.app.close());
    return h;
  };
  const a = await gotui('carol');
  const b = await gotui('dave');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 ? true : undefined));
  const loop = findMarker('orders', 'gotui:loop');
  assert.ok(await a.app.run(`break main.go:${loop.line}`));
  const file = path.join(dir, '.gotui', 'breakpoints.json');
  await waitFor('saved', () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`main.go:${loop.line}`) ? true : undefined));
  // Dave, a gotui of the same program on this machine, saves his to the same file: carol's stays
  // saved through his save and through her quit (each writes its own and keeps what is on file).
  const print = findMarker('orders', 'gotui:print');
  assert.ok(await b.app.run(`break main.go:${print.line}`));
  await waitFor("dave's in carol's list", () => a.app.session.state.breakpoints.find((bp) => bp.line === print.line && bp.by === 'dave'));
  await afterPolls(a, 3);
  await a.app.run('quit');
  await waitFor('carol left', () => (a.ended.message ? true : undefined));
  const saved = fs.readFileSync(file, 'utf8');
  assert.ok(saved.includes(`main.go:${loop.line}`), saved);
  assert.ok(saved.includes(`main.go:${print.line}`), saved);
  assert.match(a.ended.message!, /2 saved breakpoints stay/);
});

test("a follower's breakpoint while the driver runs the target is refused with a way that works for a follower: the driver, or the wheel", async (t) => {
  const { server, a } = await aliceRunning(t);
  await a.app.run('pause');
  await waitFor('A halted it', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous, bob at the stop', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 && b.app.session.state.status === 'stopped' ? true : undefined));
  await a.app.run('continue');
  await waitFor('bob sees it run, by alice', () => (b.app.session.state.status === 'running' && b.app.session.state.runner === 'alice' ? true : undefined));
  // Not offered: the key would be refused.
  assert.equal(whenBreakpointsChange({ session: b.app.session.state }), 'alice runs the target, and breakpoints change only while it is stopped');
  assert.equal(whenBreakpointsChange({ session: a.app.session.state }), undefined, "alice's own continue runs it: Delve lets her change breakpoints");
  const from = b.rec.console.length;
  assert.equal(await b.app.run('break main.go:76'), false);
  const said = b.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.match(said, /^Breakpoints can change only while the target is stopped: alice runs it now\. Ask the driver to pause, then set it \(alice drives; :drive asks for the wheel\)\.$/m, said);
});

test("the driver's pause of a run the other gotui's continue made is the driver's in both gotuis (trial K: it was said as the runner's), where the dlv CLI is", async (t) => {
  const { server, a } = await aliceRunning(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 ? true : undefined));
  await b.app.run('drive');
  await waitFor('the request at A', () => a.asked.find((q) => /bob asks to drive/.test(q)));
  await a.app.run('drive give bob');
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  // Alice's DAP continue runs the target: Delve lets only her gotui pause it, so bob's asks hers.
  const [aStops, bStops] = [a.app.session.stopCount, b.app.session.stopCount];
  assert.ok(await b.app.run('pause'));
  await waitFor('B stopped', () => (b.app.session.stopCount > bStops && b.app.session.state.status === 'stopped' ? true : undefined));
  await waitFor('A stopped', () => (a.app.session.stopCount > aStops && a.app.session.state.status === 'stopped' ? true : undefined));
  assert.equal(b.app.session.state.stop?.reason, 'pause');
  assert.equal(b.app.session.state.stop?.by, undefined, "bob's own pause\n" + b.rec.console.map((l) => l.text).join('\n'));
  assert.equal(a.app.session.state.stop?.by, 'bob', "made by alice's gotui, bob's pause");
  await waitFor('bob told it was done for him', () => b.rec.console.find((l) => /^» alice's gotui paused the target for you\b/.test(l.text)));
  assert.ok(!b.rec.console.some((l) => /» alice paused the target/.test(l.text)), b.rec.console.map((l) => l.text).join('\n'));
  // Where both show it is where the dlv CLI is.
  const g = b.app.session.state.selection!.goroutine;
  const top = b.app.session.state.selection!.top!;
  assert.deepEqual(await cliAt(server.address, g), { file: top.file, line: top.line });
  assert.equal(a.app.session.state.selection?.top?.line, top.line);
});

test("n typed just before q (q runs at once, n queued behind it): gotui leaves without stepping, says so, and the partner hears of no other client (trial K)", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const loop = findMarker('orders', 'gotui:loop');
  await ranToStop(a, `continue main.go:${loop.line}`);
  await waitFor('B at the stop', () => (b.app.session.state.status === 'stopped' && b.app.session.state.selection?.top?.line === loop.line ? true : undefined));
  const from = b.rec.console.length;
  // As the command queue runs them: q at once, the n typed before it after.
  const quit = a.app.run('quit');
  assert.equal(await a.app.run('next'), false);
  await quit;
  assert.match(a.ended.message ?? '', /Not run, as gotui was leaving: :next\.$/);
  assert.match(a.ended.message ?? '', /:quit -resume, instead of q, leaves it running\)/, 'halted: how to have left it running is said (trial BP: read as a command to type after quitting)');
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  await afterPolls(b, 3);
  const said = b.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.doesNotMatch(said, /Another client/, said);
  // Where it was: the dlv CLI agrees, and so does bob.
  assert.equal((await cliAt(server.address)).line, loop.line);
  assert.equal(b.app.session.state.selection?.top?.line, loop.line);
});

test('q with another gotui on a running target leaves it running and offers no :quit -resume (trial K)', async (t) => {
  const { server, a } = await aliceRunning(t);
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 ? true : undefined));
  await a.app.run('quit');
  assert.match(a.ended.message ?? '', /^Left \S+ running for bob \(other gotuis are on it: q asks only when you are alone\)\./);
  assert.equal((await DelveRpcClient.connect(server.address).then(async (rpc) => (t.after(() => rpc.close()), rpc.state(true)))).Running, true, 'the dlv CLI\'s Delve says it runs');
});

test("the driver's run to a line is a run to that line in the follower too, not a breakpoint's stop (trial K), where the dlv CLI is", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  const line = findMarker('orders', 'gotui:loop').line;
  const since = b.app.session.stopCount;
  await ranToStop(a, `continue main.go:${line}`);
  await waitFor('B at the stop', () => (b.app.session.stopCount > since && b.app.session.state.status === 'stopped' ? true : undefined));
  assert.equal(describeStopReason(a.app.session.state.stop!, a.app.session.state.breakpoints), `run to orders/main.go:${line}`);
  assert.equal(describeStopReason(b.app.session.state.stop!, b.app.session.state.breakpoints), `run to orders/main.go:${line} by alice`);
  await waitFor("bob's console says it", () => consoleShown(b).find((l) => l.startsWith(`Stop ${b.app.session.stopCount} (run to orders/main.go:${line} by alice): `)));
  assert.equal((await cliAt(server.address)).line, line);
});

test("gotuis that counted stops apart (one joined later; the dlv CLI's stops) give the next stop one number, whoever makes it (trial AA: bob, who joined later and drove, said stop 3 where alice said 4)", async (t) => {
  const { server, a } = await aliceAtTheLoop(t);
  await ranToStop(a, 'next');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 && b.app.session.state.status === 'stopped' ? true : undefined));
  await b.app.run('drive');
  await waitFor('the request at A', () => a.asked.find((q) => /bob asks to drive/.test(q)));
  await a.app.run('drive give bob');
  await waitFor('bob drives', () => (b.app.pair?.me?.role === 'driving' ? true : undefined));
  const both = async (what: string, run: () => Promise<unknown>) => {
    const [sa, sb] = [a.app.session.stopCount, b.app.session.stopCount];
    await run();
    await waitFor(`both at the stop after ${what}`, () => (a.app.session.stopCount > sa && b.app.session.stopCount > sb && a.app.session.state.status === 'stopped' && b.app.session.state.status === 'stopped' ? true : undefined));
    const at = await cliAt(server.address, b.app.session.state.stop!.goroutine);
    assert.equal(b.app.session.state.selection?.top?.line, at.line, `bob is where the dlv CLI is, after ${what}`);
    assert.equal(b.app.session.stopCount, a.app.session.stopCount, `one number for the stop after ${what}\n--- bob ---\n${b.rec.console.map((l) => l.text).join('\n')}\n--- alice ---\n${a.rec.console.map((l) => l.text).join('\n')}`);
  };
  await both("bob's next", () => ranToStop(b, 'next'));
  await both("bob's second next", () => ranToStop(b, 'next'));
  await both("the dlv CLI's next", () => dlvCli(server.address, ['next']));
});

test("the dlv CLI's `goroutine N` (a switchGoroutine Command, Running in Delve's state while it lasts) is no run of another client's (trial AM)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  assert.ok(await a.app.run('continue'));
  await waitFor('the target to run', () => (a.app.session.state.status === 'running' ? true : undefined));
  assert.ok(await a.app.run('pause'));
  await waitFor('the pause', () => (a.app.session.state.status === 'stopped' ? true : undefined));
  const rpc = await import('../../src/delve/rpc.js').then((m) => m.DelveRpcClient.connect(server.address));
  t.after(() => rpc.close());
  // The goroutine gotui shows (a pause can land where Delve does not find goroutine 1); a refused switch is a Command too.
  const ids = [a.app.session.state.selection!.goroutine, 1];
  const stops = a.app.session.stopCount;
  const from = a.rec.console.length;
  // A hundred switches over five seconds, as a user of the CLI reading goroutines (`goroutine 7 bt`, …) makes them
  // (each a Command: Delve's state says Running while it lasts).
  const p0 = a.app.pair!.polls;
  for (let i = 0; i < 100; i++) {
    await rpc.call('Command', { name: 'switchGoroutine', goroutineID: ids[i % ids.length] }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
  }
  await afterPolls(a, 3);
  assert.ok(a.app.pair!.polls - p0 > 50, `gotui looked ${a.app.pair!.polls - p0} times meanwhile`);
  const said = a.rec.console.slice(from).map((l) => l.text).join('\n');
  assert.doesNotMatch(said, /resumed the target|moved the target/);
  assert.equal(a.app.session.stopCount, stops);
  assert.equal(a.app.session.state.status, 'stopped');
});

test("the driver's flag edit whose Set call a breakpoint cut short: the stop the call made is the driver's in the follower too, numbered as she numbers it, and so are her next stops (trial BQ: another client's, one ahead)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'flags-hot-reload', []);
  const a = await pairedGotui(t, server.address, 'alice');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  const tick = findMarker('flags-hot-reload', 'gotui:tick');
  await a.app.run(`break main.go:${tick.line}`);
  // Halted at its entry (Delve's exec): run to the tick.
  assert.ok(await a.app.run('continue'));
  await waitFor('alice at the tick', () => (a.app.session.state.status === 'stopped' && a.app.session.state.selection?.top?.line === tick.line ? true : undefined));
  const same = () => (b.app.session.state.status === 'stopped' && b.app.session.state.stop?.number === a.app.session.state.stop?.number ? true : undefined);
  await waitFor('bob at her stop', same);
  assert.ok(await a.app.run('break flag.(*stringValue).Set'));
  const since = a.app.session.stopCount;
  assert.ok(await a.app.run('flag log-level=debug'), a.rec.console.map((l) => l.text).join('\n'));
  assert.ok(a.rec.console.some((l) => /^-log-level is not set yet/.test(l.text)), a.rec.console.map((l) => l.text).join('\n'));
  await waitFor('the stop the call made', () => (a.app.session.stopCount > since && a.app.session.state.status === 'stopped' ? true : undefined));
  await waitFor("bob at the call's stop, as hers", () => (same() && b.app.session.state.stop?.by === 'alice' ? true : undefined), 15_000).catch(() =>
    assert.fail(`alice ${JSON.stringify(a.app.session.state.stop)}\nbob ${JSON.stringify(b.app.session.state.stop)}\n${consoleShown(b).join('\n')}`),
  );
  assert.ok(await a.app.run(`clear ${a.app.session.state.breakpoints.find((x) => x.spec === 'flag.(*stringValue).Set')!.id}`));
  for (let i = 0; i < 2; i++) {
    const before = a.app.session.stopCount;
    assert.ok(await a.app.run('continue'));
    await waitFor("alice's next stop", () => (a.app.session.stopCount > before && a.app.session.state.status === 'stopped' ? true : undefined));
    await waitFor('bob there, as hers, with her number', () => (same() && b.app.session.state.stop?.by === 'alice' ? true : undefined), 15_000).catch(() =>
      assert.fail(`alice ${JSON.stringify(a.app.session.state.stop)}\nbob ${JSON.stringify(b.app.session.state.stop)}\n${consoleShown(b).join('\n')}`),
    );
  }
});

test("the driver's step cut short by a breakpoint is said to the follower too, who may soon hold the wheel over it (trial BT: only alice heard), under that stop's line; and that her next step dropped it, as she heard (trial CM: the follower said Delve kept it)", async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'inventory', ['-every', '50ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  const sleep = findMarker('inventory', 'gotui:sleep');
  assert.ok(await a.app.run(`break main.go:${sleep.line}`));
  let since = a.app.session.stopCount;
  assert.ok(await a.app.run('continue'));
  await waitFor('alice at the sleep', () => (a.app.session.stopCount > since && a.app.session.state.status === 'stopped' ? true : undefined), 30_000);
  // A worker parked on its channel steps; main reaches the breakpoint first, and Delve keeps the step.
  const worker = await waitFor('a parked worker', async () => /Goroutine (\d+) - User: \S+:\d+ main\.worker /.exec(await dlvCli(server.address, ['goroutines']))?.[1]);
  assert.ok(await a.app.run(`goroutine ${worker}`));
  since = a.app.session.stopCount;
  assert.ok(await a.app.run('next'));
  await waitFor("alice hears Delve's word", () => a.rec.console.some((l) => /c resumes that step/.test(l.text)) || undefined, 30_000);
  await waitFor('bob hears it from alice', () => b.rec.console.find((l) => /^» alice's step was cut short by this stop's breakpoint: Delve keeps it, and the next continue \(anyone's\) ends it first/.test(l.text)), 10_000);
  // Under the line of the stop it speaks of, and that stop numbered as alice numbers it.
  const cutAt = a.app.session.stopCount;
  const shown = consoleShown(b);
  const cut = shown.findIndex((l) => l.startsWith("» alice's step was cut short"));
  const stopLine = shown.findIndex((l) => l.startsWith(`Stop ${cutAt} (`));
  assert.ok(stopLine >= 0 && stopLine < cut, shown.join('\n'));
  // Her next step drops it (Delve refuses a step while one waits): bob hears that too, not only that Delve kept it.
  since = a.app.session.stopCount;
  assert.ok(await a.app.run('next'));
  await waitFor('alice steps from there', () => a.rec.console.find((l) => l.text === 'The step the breakpoint interrupted is dropped; this one steps from here.'), 30_000);
  await waitFor('bob hears it dropped', () => consoleShown(b).find((l) => l === '» alice stepped from here: the step the breakpoint cut short is dropped, and no continue ends it now.'), 10_000);
  await waitFor("alice's step's stop", () => (a.app.session.stopCount > since && a.app.session.state.status === 'stopped' ? true : undefined), 30_000);
  await waitFor('bob shows it, numbered as alice does', () => consoleShown(b).find((l) => l.startsWith(`Stop ${a.app.session.stopCount} (step by alice)`)), 20_000);
});

test("breakpoints a driver sets then runs to at once are hers in the follower's stop line, not another client's (`breakpoint other#1`: Delve's list was read before her word came)", async (t) => {
  const { a, b } = await aliceAndBob(t);
  const proc = findMarker('orders', 'gotui:process');
  assert.ok(await a.app.run(`break main.go:${proc.line}`));
  await ranToStop(a, 'continue');
  const line = await waitFor("bob's stop line", () => consoleShown(b).find((l) => l.startsWith(`Stop ${a.app.session.stopCount} (`)), 20_000);
  assert.match(line, /^Stop \d+ \(breakpoint alice#1, resumed by alice\): main\.process /);
});

test("the driver's step ended by a breakpoint on its own way (Delve drops it there) is said in the follower too, under that stop's line, not read as a continue's stop (trial CN)", async (t) => {
  const { a, b } = await aliceAndBob(t);
  const order = findMarker('orders', 'gotui:new-order');
  assert.ok(await a.app.run(`break main.go:${order.line}`));
  await ranToStop(a, 'continue');
  assert.ok(await a.app.run('break main.newOrder'));
  await ranToStop(a, 'next');
  await consoleLine(a.rec, /ended the step \(n\) from .* Delve drops the step there\.$/);
  const n = a.app.session.stopCount;
  const said = await waitFor('bob hears it', () => {
    const shown = consoleShown(b);
    const at = shown.findIndex((l) => l === "» alice's step was ended by this stop's breakpoint, on its way: Delve drops the step there.");
    return at >= 0 ? { shown, at } : undefined;
  }, 20_000);
  const stopLine = said.shown.findIndex((l) => l.startsWith(`Stop ${n} (`));
  assert.ok(stopLine >= 0 && stopLine < said.at, said.shown.join('\n'));
});
