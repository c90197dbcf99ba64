import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { findMarker } from '../../src/demos/build.js';
import { watchFeature } from '../../src/watch/feature.js';
import { consoleFeature } from '../../src/console/feature.js';
import { oldDelvePath } from '../support/old-delve.js';
import { requireTool, startDemoServer, waitFor } from '../support/delve.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { buildDemo } from '../../src/demos/build.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleLine, consoleSince, must, runToStop } from '../support/app.js';
import { headlessApp } from '../support/session.js';
import { aliceAndBob } from '../support/pair.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';

/**
 * Whether this machine fires hardware watchpoints, by the oracle alone: the dlv CLI's own `watch -w`
 * on a variable the next step of the loop writes. Some VMs give no working debug registers.
 */
async function watchpointsFire(t: import('node:test').TestContext): Promise<boolean> {
  const server = await startDemoServer(t, 'pipeline');
  const take = findMarker('pipeline', 'gotui:take');
  const out = await dlvCli(server.address, [`break main.go:${take.line}`, 'continue', 'watch -w processed', 'continue']);
  const stops = out.split('\n').filter((l) => l.startsWith('> '));
  return stops.length >= 2 && !/^> \[Breakpoint 1\]/.test(stops[1]!);
}

test('a watchpoint stops where the memory is written and says which, with the old and new value; quitting while running takes it out', async (t) => {
  if (!(await watchpointsFire(t))) {
    t.skip("this machine fires no hardware watchpoint: the dlv CLI's own watch -w ran past the write (a VM without working debug registers)");
    return;
  }
  const { app, rec, server, session } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  const count = findMarker('pipeline', 'gotui:count');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');
  const before = Number((await dlvCli(server.address, ['print processed'])).match(/^(\d+)$/m)?.[1]);
  await must(app, rec, 'watch -w processed');
  assert.match(consoleSince(rec, 0), new RegExp(`Watchpoint #2 on \\[processed\\] \\(write\\), now ${before}\\.`));
  // The CLI sees the watchpoint gotui set.
  assert.match(await dlvCli(server.address, ['breakpoints']), /Watchpoint .+ on \[processed\] \(enabled\)/);

  const from = rec.console.length;
  const stop = await runToStop(app, rec, 'continue');
  assert.equal(stop.reason, 'data breakpoint');
  const said = await consoleLine(rec, /^Watchpoint #2/, from);
  const cli = await dlvCli(server.address, ['print processed', 'stack 1']);
  const after = Number(cli.match(/^(\d+)$/m)?.[1]);
  const [top] = cliFrames(cli);
  assert.equal(after, before + 1, 'the write that stopped the target');
  // Delve stops after the store: on its line or the next (the return of consume).
  assert.equal(top?.func, 'main.consume');
  assert.ok(top.line === count.line || top.line === count.line + 1, cli);
  assert.match(said, new RegExp(`^Watchpoint #2 on \\[processed\\] \\(write\\) hit by goroutine 1 at main\\.go:${top.line} \\(main\\.consume\\): ${before} → ${after}\\.$`));
  assert.equal(stop.frame?.name, 'main.consume');

  // A watch expression marks what changed since the last stop.
  await must(app, rec, 'display processed');
  await must(app, rec, 'display nosuchvar');
  await runToStop(app, rec, 'continue');
  await runToStop(app, rec, 'continue');
  // The watch rows are read after the stop is announced: wait for this stop's (or show what is there).
  const watched = () => app.models.model(watchFeature).get().rows;
  const rows = await waitFor("this stop's watch values", () => (watched()[0]?.value === String(after + 1) && watched()[1]?.error ? watched() : undefined)).catch(() => watched());
  assert.equal(rows[0]!.value, String(after + 1));
  assert.equal(rows[0]!.changed, true);
  assert.match(rows[1]!.error ?? '', /nosuchvar/);

  // Leaving while it runs: Delve changes watchpoints only while stopped; gotui halts, takes it out and resumes.
  await must(app, rec, 'clear 1');
  await must(app, rec, 'continue');
  await must(app, rec, 'quit -leave');
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(left, /Watchpoint/, left);
  assert.equal(session.state.status, 'running');
});

test("where hardware watchpoints do not fire (this VM), a watchpoint whose value changed while the target ran, never hit, is said once (trial S: unsaid)", async (t) => {
  if (await watchpointsFire(t)) {
    t.skip('this machine fires hardware watchpoints: there is no silence to say');
    return;
  }
  const { app, rec, server } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');
  const before = Number((await dlvCli(server.address, ['print processed'])).match(/^(\d+)$/m)?.[1]);
  await must(app, rec, 'watch -w processed');
  const from = rec.console.length;
  await runToStop(app, rec, 'continue');
  const cli = await dlvCli(server.address, ['print processed', 'breakpoints']);
  const after = Number(cli.match(/^(\d+)$/m)?.[1]);
  assert.ok(after > before, cli);
  assert.match(cli, /Watchpoint .+ on \[processed\] \(enabled\) at 0x[0-9a-f]+ \(0\)$/m, 'Delve counts no hit');
  const said = await consoleLine(rec, /^Watchpoint #2 on \[processed\] did not fire/, from);
  assert.equal(said, `Watchpoint #2 on [processed] did not fire, yet its value changed while the target ran (${before} → ${after}): Delve's hardware watchpoints do not fire on this machine (a VM that gives the target no debug registers?). :display processed shows its value at each stop instead.`);
  await runToStop(app, rec, 'continue');
  assert.equal(rec.console.filter((l) => /did not fire/.test(l.text)).length, 1, 'said once');
});

test('an older Delve says plainly it cannot set watchpoints', async (t) => {
  if (!requireTool(t, fs.existsSync(oldDelvePath), `the older Delve at ${oldDelvePath}`)) return;
  const binary = await buildDemo('pipeline');
  const server = await startHeadlessDelve(oldDelvePath, { mode: 'exec', program: binary, args: [] }, { delveVersion: '1.25.2' });
  t.after(() => server.stop());
  const { app, rec } = headlessApp({ address: server.address, label: 'old', owned: false, version: '1.25.2', warnings: [] });
  await app.start();
  t.after(() => app.close());
  await must(app, rec, `break main.go:${findMarker('pipeline', 'gotui:take').line}`);
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  assert.equal(await app.run('watch processed'), false);
  assert.match(consoleSince(rec, from), /Delve 1\.25\.2 cannot set watchpoints \(data breakpoints\): they came in Delve 1\.26\.2\./);
  // The session goes on.
  assert.ok(await app.run('print processed'));
});

test("a watchpoint on a local that goes out of scope stops the target where its function returns, as the dlv CLI does (Delve's DAP ran on: trial CG), said to have gone so, once, and never as another client's doing", async (t) => {
  // The dlv CLI first, on a server of its own: where its continue stops as the watchpoint goes.
  const cliServer = await startDemoServer(t, 'orders', ['-quiet']);
  const at = findMarker('orders', 'gotui:process');
  const cliOut = await dlvCli(cliServer.address, [`break main.go:${at.line}`, 'continue', 'clear 1', 'watch -w n', 'continue', 'stack 0']);
  assert.match(cliOut, /Watchpoint n went out of scope/i, cliOut);
  const cliStop = cliFrames(cliOut)[0]!;

  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet'], { stop: true });
  await must(app, rec, `break main.go:${at.line}`);
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'clear 1');
  await must(app, rec, 'watch n');
  const loop = findMarker('orders', 'gotui:loop');
  await must(app, rec, `break main.go:${loop.line}`);
  const from = rec.console.length;
  // Not the next breakpoint's stop (the next order's): where process returns, named for the watchpoint.
  const stop = await runToStop(app, rec, 'continue');
  assert.equal(stop.frame?.name, cliStop.func);
  assert.equal(stop.frame?.line, cliStop.line);
  assert.equal(app.session.state.stop?.reason, 'watchpoint #2 out of scope');
  await waitFor('the stop line', () => app.models.model(consoleFeature).get().lines.find((l) => /^Stop \d+ \(watchpoint #2 out of scope\): main\.main /.test(l.text)));
  // Not written after it was set (n is process's count, set before the breakpoint's line): never hit, and said so (trial CI).
  await consoleLine(rec, /^Watchpoint #2 on \[n\] went out of scope and was cleared; Delve counts no hit of it: if its value changed meanwhile, the hardware watchpoint did not fire \(:display shows a value at every stop instead\)\.$/, from);
  const cli = await dlvCli(server.address, ['breakpoints', 'stack 0']);
  assert.doesNotMatch(cli, /on \[n\]|runtime\.frameoff/, 'Delve has it no more, nor gotui\'s breakpoint where it ended');
  assert.equal(cliFrames(cli)[0]?.line, cliStop.line, 'halted there, as the dlv CLI says');
  assert.deepEqual(app.session.state.breakpoints.map((b) => b.id), [3], 'only the loop breakpoint is left');
  // Pair debugging reads Delve's list within a second of a stop and names who cleared what half a second later.
  await new Promise((r) => setTimeout(r, 2_000));
  const said = consoleSince(rec, from);
  assert.doesNotMatch(said, /Another client cleared/, said);
  assert.equal(said.match(/^Watchpoint #2 on \[n\]/gm)?.length, 1, said);
});

test("a watchpoint set from a caller's frame: gotui says Delve ends it with the innermost frame, and names that when it goes", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.format');
  const stop = await runToStop(app, rec, 'continue');
  assert.equal(stop.frame?.name, 'main.format');
  await must(app, rec, 'clear 1');
  await must(app, rec, 'frame 1');
  let from = rec.console.length;
  await must(app, rec, 'watch id');
  await consoleLine(rec, /^Set from a caller's frame: if id is on the stack, Delve clears this watchpoint when main\.format returns, not when main\.main does\./, from);
  assert.match(await dlvCli(server.address, ['breakpoints']), /Watchpoint \S+ .*\[id\]/, 'Delve has it');
  // main.main never returns, yet Delve ends the watch as format does (the dlv CLI agrees it is gone).
  const loop = findMarker('orders', 'gotui:loop');
  await must(app, rec, `break main.go:${loop.line}`);
  from = rec.console.length;
  await runToStop(app, rec, 'continue');
  await consoleLine(rec, /^Watchpoint #2 on \[id\] is gone: Delve clears a watchpoint on a stack variable set from a caller's frame when the innermost one \(main\.format\) returns/, from);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /\[id\]/, 'Delve has it no more');
});

test("a watchpoint set from a caller's frame on memory off the stack (a package variable's target) is not said to end with the innermost frame (trial AX)", async (t) => {
  const { app, rec } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.format');
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'frame 1');
  const from = rec.console.length;
  await must(app, rec, 'watch -w *main.every');
  await consoleLine(rec, /^Watchpoint #2 on \[\*main\.every\] \(write\)/, from);
  assert.doesNotMatch(consoleSince(rec, from), /caller's frame/);
  // The same frame, a local on the stack: said.
  await must(app, rec, 'watch id');
  await consoleLine(rec, /^Set from a caller's frame: if id is on the stack, Delve clears this watchpoint when main\.format returns/, from);
});

test("a pair peer's watchpoint is the peer's and rides along when another gotui sets its own; beside the dlv CLI's, gotui refuses to set one (Delve's DAP would take the CLI's out) and clears its own alone (trial AG)", async (t) => {
  const { server, a, b } = await aliceAndBob(t);
  await must(a.app, a.rec, 'break main.process');
  const since = a.app.session.stopCount;
  await must(a.app, a.rec, 'continue');
  // Bob at alice's new stop, not still at the one before it (under load his poll sees the run late).
  for (const g of [a, b]) await waitFor('both at the stop', () => (a.app.session.stopCount > since && g.app.session.state.status === 'stopped' && g.app.session.state.stop?.number === a.app.session.state.stop?.number ? true : undefined));

  // Bob's watchpoint, in alice's list and words: bob's, not another client's.
  const fromA = a.rec.console.length;
  await must(b.app, b.rec, 'watch -w *main.every');
  const bobs = await waitFor("bob's watchpoint in alice's list", () => a.app.session.state.breakpoints.find((bp) => bp.kind === 'data' && bp.spec === '*main.every'));
  assert.equal(bobs.by, 'bob');
  await consoleLine(a.rec, /^» bob set a watchpoint on \[\*main\.every\]/, fromA);
  // Alice's own, sent in a list that replaces every watchpoint Delve has: bob's rides along.
  await must(a.app, a.rec, 'watch -w *main.quiet');
  let listed = await dlvCli(server.address, ['breakpoints']);
  assert.match(listed, /on \[\*main\.every\]/, listed);
  assert.match(listed, /on \[\*main\.quiet\]/, listed);
  assert.ok(!consoleSince(a.rec, fromA).includes('Another client set a watchpoint'), consoleSince(a.rec, fromA));

  // The dlv CLI's watchpoint: no DAP list can keep it.
  await dlvCli(server.address, ['watch -w *main.fixed']);
  // The CLI lists it by its expression (Delve's name for it), not its number: Delve's list has both.
  const rpc = await DelveRpcClient.connect(server.address);
  const cli = (await rpc.listBreakpoints().finally(() => rpc.close())).find((bp) => bp.WatchExpr === '*main.fixed')?.id;
  assert.ok(cli, 'the dlv CLI set its watchpoint');
  const from = a.rec.console.length;
  assert.equal(await a.app.run('watch -w *main.fixed'), false);
  await consoleLine(a.rec, new RegExp(`would remove another client's \\(other#${cli} on \\[\\*main\\.fixed\\]\\)`), from);
  // Alice's own cleared beside it, and bob's on leaving: by id, the CLI's left as it was.
  const mine = a.app.session.state.breakpoints.find((bp) => bp.kind === 'data' && !bp.by)!;
  await must(a.app, a.rec, `clear ${mine.id}`);
  listed = await dlvCli(server.address, ['breakpoints']);
  assert.match(listed, /Watchpoint \*main\.fixed \(enabled\)/, listed);
  assert.doesNotMatch(listed, /\[\*main\.quiet\]/, listed);
  await must(b.app, b.rec, 'quit -leave');
  listed = await dlvCli(server.address, ['breakpoints']);
  assert.match(listed, /Watchpoint \*main\.fixed \(enabled\)/, listed);
  assert.doesNotMatch(listed, /\[\*main\.quiet\]|\[\*main\.every\]/, listed);
});

test("a read watchpoint Delve refuses is said with a hint that answers why: no read-only mode offers -rw, reads of a stack variable offer -w (new-user trial)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet'], { stop: true });
  const at = findMarker('orders', 'gotui:process');
  await must(app, rec, `break main.go:${at.line}`);
  await runToStop(app, rec, 'continue');
  // Delve's own words, through the dlv CLI: a global of 8 bytes, and a local on the stack.
  const cli = await dlvCli(server.address, ['watch -r main.every', 'watch -rw n']);
  const readOnly = /break on read only not supported/.exec(cli)?.[0];
  assert.ok(readOnly, cli);
  assert.match(cli, /can not watch stack allocated variable for reads/);
  let from = rec.console.length;
  assert.equal(await app.run('watch -r main.every'), false);
  assert.match(consoleSince(rec, from), /Cannot watch main\.every: break on read only not supported\. Delve cannot watch reads alone on this machine \(its debug registers have no read-only mode\): :watch -rw main\.every stops at reads and writes\./);
  assert.doesNotMatch(consoleSince(rec, from), /8 bytes/);
  from = rec.console.length;
  assert.equal(await app.run('watch -rw n'), false);
  assert.match(consoleSince(rec, from), /Cannot watch n: can not watch stack allocated variable for reads\. Reads of a variable on the stack cannot be watched, only writes: :watch -w n\./);
  // What the hints offer works.
  await must(app, rec, 'watch -rw main.every');
  await must(app, rec, 'watch -w n');
});

test("a restart drops the watchpoints on package variables: the restart's line names them and how to set them again, and none is said to be a local gone (new-user trial)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'watch processed');
  await must(app, rec, 'watch -rw *every');
  const from = rec.console.length;
  await must(app, rec, 'restart -yes');
  const said = await consoleLine(rec, /^Restarted /, from);
  assert.match(said, /; breakpoints kept, and it runs \(p pauses\)\. The restart dropped watchpoints #2 on \[processed\] and #3 on \[\*every\]: Delve sets no watchpoint again in a new process; :watch processed and :watch -rw \*every set them again at a stop\.$/);
  // Delve agrees: the new process has none.
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /Watchpoint/);
  assert.ok(!app.session.state.breakpoints.some((b) => b.kind === 'data'), 'gone from the list');
  // The next stop says nothing of them as locals gone.
  await waitFor('the stop after the restart', () => (app.session.state.status === 'stopped' ? true : undefined), 30_000);
  await must(app, rec, 'watch processed');
  assert.doesNotMatch(consoleSince(rec, from), /is gone|out of scope/);
});

test("another client's watchpoint on a local going out of scope: gotui names that stop for it, as the dlv CLI's continue says it, and says it is gone, not that a client cleared it (trial CG: `breakpoint, resumed by another client`, then `Another client cleared`)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet'], { stop: true });
  const at = findMarker('orders', 'gotui:process');
  await must(app, rec, `break main.go:${at.line}`);
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'clear 1');
  const since = app.session.stopCount;
  const from = rec.console.length;
  await dlvCli(server.address, ['watch -w n']);
  await waitFor("the dlv CLI's watchpoint in gotui's list", () => app.session.state.breakpoints.find((b) => b.kind === 'data' && b.by), 20_000);
  const cli = await dlvCli(server.address, ['continue', 'stack 0']);
  assert.match(cli, /Watchpoint n went out of scope/i, cli);
  await waitFor("gotui at the dlv CLI's stop", () => (app.session.stopCount > since && app.session.state.status === 'stopped' ? true : undefined), 20_000);
  assert.equal(app.session.state.stop?.by, 'another client');
  assert.equal(app.session.state.stop?.reason, 'watchpoint on [n] out of scope');
  assert.equal(app.session.state.selection?.top?.line, cliFrames(cli)[0]?.line, 'where the dlv CLI stopped');
  await consoleLine(rec, /^» Another client's watchpoint on \[n\] is gone: Delve clears a watchpoint on a local when its function returns \(or another client cleared it\)\.$/, from);
  assert.doesNotMatch(consoleSince(rec, from), /Another client cleared/);
});

test("another client's watchpoint on a package variable that gotui's restart dropped is said dropped by the restart, not a local gone (trial CI)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');
  await dlvCli(server.address, ['watch -w processed']);
  await waitFor("the dlv CLI's watchpoint in gotui's list", () => app.session.state.breakpoints.find((b) => b.kind === 'data' && b.by), 20_000);
  const from = rec.console.length;
  await must(app, rec, 'restart -yes');
  await consoleLine(rec, /^» Another client's watchpoint on \[processed\] is gone: the restart dropped it \(Delve sets no watchpoint again in a new process\)\.$/, from);
  assert.doesNotMatch(consoleSince(rec, from), /function returns/);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /Watchpoint/, 'Delve has none in the new process');
});
