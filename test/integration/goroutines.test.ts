import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execa } from 'execa';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { connectTcp, type DapClient } from '../../src/dap/client.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { childrenOf, killQuietly } from '../../src/delve/server.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { UserError } from '../../src/errors.js';
import { parseGoroutinesArgs } from '../../src/goroutines/args.js';
import { GoroutinesController, openGoroutineSource } from '../../src/goroutines/controller.js';
import { DAP_CAP_NOTE } from '../../src/goroutines/dapFallback.js';
import { dlvGoroutines, parseDlvGroups } from '../../src/goroutines/dlvcli.js';
import { loadSnapshot, RpcMemberSource } from '../../src/goroutines/loader.js';
import { DEFAULT_QUERY, formatLoc } from '../../src/goroutines/model.js';
import { renderGroupLines, renderMemberLines } from '../../src/goroutines/view.js';
import { startDemoServer, testDelve, waitFor } from '../support/delve.js';
import { appStoppedIn, attachedApp, must, runToStop } from '../support/app.js';
import { waitForStop } from '../support/session.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';
import { waitedNs } from '../../src/goroutines/snapshot.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import type { HostPort } from '../../src/transport/address.js';

const DEMO = 'goroutine-leak';
/** Starting 100,000 goroutines under Delve, and grouping them, takes a while on a slow machine. */
const SLOW = 120_000;

/** Collects a DAP client's events; `stop(n)` waits for the n-th stopped event. */
function events(dap: DapClient) {
  const seen: P.Event[] = [];
  dap.on('event', (e) => seen.push(e));
  const stops = () => seen.filter((e): e is P.StoppedEvent => e.event === 'stopped');
  return { stop: (n: number) => waitFor(`stop #${n}`, () => stops()[n - 1], SLOW) };
}

/** A DAP session on the demo's headless Delve, with a breakpoint at its tick line, running. */
async function attachAtTick(t: TestContext, address: HostPort) {
  const dap = await connectTcp(address);
  t.after(() => dap.close());
  const ev = events(dap);
  await dap.request('initialize', { adapterID: 'gotui', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await dap.request('attach', { mode: 'remote', stopOnEntry: false });
  const tick = findMarker(DEMO, 'gotui:tick');
  await dap.request('setBreakpoints', { source: { path: tick.file }, breakpoints: [{ line: tick.line }] });
  await dap.request('configurationDone', undefined, SLOW);
  return { dap, ev, tick };
}

/** The demo's leak sites, named as Delve names userloc groups. */
function leakSites() {
  const site = (marker: string, fn: string) => {
    const at = findMarker(DEMO, marker);
    return formatLoc({ file: at.file, line: at.line, fn });
  };
  return {
    receive: site('gotui:leak-receive', 'main.handleRequest'),
    send: site('gotui:leak-send', 'main.publish'),
    select: site('gotui:leak-select', 'main.watch'),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The demo prints `tick N goroutines=M` each tick (runtime.NumGoroutine: user goroutines). */
function ticks(output: string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of output) {
    const m = /^tick (\d+) goroutines=(\d+)/.exec(l);
    if (m) out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

test('100,000 goroutines: groups, filters and deltas agree with the dlv CLI at the same stops', { timeout: 600_000 }, async (t) => {
  const server = await startDemoServer(t, DEMO, ['-burst', '100000']);
  const dlv = await testDelve();
  const { dap, ev } = await attachAtTick(t, server.address);
  const stop1 = await ev.stop(1);

  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const controller = new GoroutinesController({ kind: 'rpc', rpc }, { timeoutMs: SLOW });
  const s1 = (await controller.refresh({ newStop: true }))!;
  assert.ok(s1, controller.store.get().message);
  const sites = leakSites();
  const at1 = new Map(s1.groups.map((g) => [g.name, g.total]));
  for (const name of Object.values(sites)) assert.ok((at1.get(name) ?? 0) >= 33_333, `${name}: ${at1.get(name)}`);
  assert.ok(s1.total > 100_000);

  // The same questions, asked of gotui's loader and of the dlv CLI, at this one stop.
  for (const args of [
    '-group userloc',
    '-group startloc',
    '-group goloc -with user',
    '-group userloc -without userloc main.watch',
    '-group label role',
    '-group userloc -with label role=worker',
    '-group running',
    '-group curloc -with userloc main.handleRequest',
  ]) {
    const parsed = parseGoroutinesArgs(args);
    const ours = await loadSnapshot(rpc, { ...DEFAULT_QUERY, grouping: parsed.grouping!, filters: parsed.filters }, { seq: 0, timeoutMs: SLOW });
    const theirs = await dlvGoroutines(dlv, server.address, args, SLOW);
    assert.equal(theirs.tooManyGroups, false, args);
    assert.deepEqual(
      Object.fromEntries(ours.groups.map((g) => [g.name, g.total])),
      Object.fromEntries(theirs.groups.map((g) => [g.name, g.total])),
      args,
    );
  }
  assert.ok(alive(server.dlvPid) && alive(server.targetPid!), 'dlv connect left Delve and the target alone');

  // One tick later: each site grew by what the demo leaks per tick (3, 5, 7).
  await dap.request('continue', { threadId: stop1.body.threadId });
  const stop2 = await ev.stop(2);
  await controller.refresh({ newStop: true });
  const state = controller.store.get();
  const delta = (name: string) => state.rows.find((r) => r.name === name)?.delta;
  assert.deepEqual([delta(sites.receive), delta(sites.send), delta(sites.select)], [3, 5, 7]);
  assert.equal(state.rows.find((r) => r.name === sites.receive)!.change, 'grew');
  const lines = renderGroupLines(state, 160, 20);
  assert.match(lines[0]!.text, /goroutines \(\+\d+ since the last stop\)/);
  assert.ok(lines.some((l) => l.mark === 'grew' && l.text.includes('main.handleRequest') && l.text.includes('+3')));

  // What the demo printed for those two ticks says the same.
  await dap.request('continue', { threadId: stop2.body.threadId });
  await ev.stop(3);
  const printed = ticks(server.output);
  const last = Math.max(...printed.keys());
  assert.equal(printed.get(last)! - printed.get(last - 1)!, 3 + 5 + 7);

  // A big group pages from its first members to its last.
  const s3 = (await controller.refresh({ newStop: true }))!;
  const receive = s3.groups.find((g) => g.name === sites.receive)!;
  const members = new RpcMemberSource(rpc, s3, receive, 500);
  const first = await members.loadPage(0, { timeoutMs: SLOW });
  assert.equal(first.length, 500);
  assert.ok(first.every((g) => g.user.fn === 'main.handleRequest'));
  const lastPage = Math.ceil(receive.total / 500) - 1;
  const tail = await members.loadPage(lastPage, { timeoutMs: SLOW });
  assert.equal(tail.length, receive.total - lastPage * 500);
  assert.equal(members.complete, true);

  // From a member to its stack: DAP's stackTrace takes any goroutine id, not only the 1024 it lists as threads.
  const far = tail.at(-1)!;
  const { threads } = (await dap.request<P.ThreadsResponse>('threads')).body;
  assert.ok(!threads.some((th) => th.id === far.id));
  const stack = (await dap.request<P.StackTraceResponse>('stackTrace', { threadId: far.id, levels: 20 })).body.stackFrames;
  assert.ok(stack.some((f) => f.name === 'main.handleRequest' && f.line === receive.loc!.line), JSON.stringify(stack.map((f) => f.name)));
});

test('the pane: open a group and scroll it; hide-runtime and the goroutines command change the question, not the stop', { timeout: 300_000 }, async (t) => {
  const server = await startDemoServer(t, DEMO, ['-burst', '9000', '-ticks', '2']);
  const { dap, ev, tick } = await attachAtTick(t, server.address);
  await ev.stop(1);

  const source = await openGoroutineSource(server.address, dap);
  assert.equal(source.kind, 'rpc');
  const controller = new GoroutinesController(source);
  t.after(() => controller.close());
  const all = (await controller.refresh({ newStop: true }))!;

  // A group of 3,003 opens on its first page and loads more as the selection moves.
  const sites = leakSites();
  controller.store.selectGroup(controller.store.get().rows.findIndex((r) => r.name === sites.receive));
  await controller.expandSelected();
  let open = controller.store.get().expanded!;
  assert.equal(open.total, 3000 + 3);
  assert.deepEqual([...open.pages.keys()], [0]);
  assert.equal(controller.store.selectedMember()!.user.fn, 'main.handleRequest');
  await controller.moveMember(2500);
  open = controller.store.get().expanded!;
  assert.ok(open.pages.has(12) && !open.pages.has(0), `pages held: ${[...open.pages.keys()]}`);
  assert.equal(controller.store.selectedMember()!.user.fn, 'main.handleRequest');
  const memberLines = renderMemberLines(controller.store.get(), 120, 12);
  assert.match(memberLines[0]!.text, /main\.handleRequest — 3,003 goroutines/);
  assert.ok(memberLines.some((l) => l.selected && /chan receive/.test(l.text)), memberLines.map((l) => l.text).join('\n'));
  controller.collapse();
  await controller.toggleHideRuntime();
  const user = controller.store.get().snapshot!;
  assert.ok(user.total < all.total && user.totalAll === all.total, `${user.total} of ${user.totalAll}, all ${all.total}`);
  const byUser = await loadSnapshot(source.kind === 'rpc' ? source.rpc : assert.fail(), { ...DEFAULT_QUERY, grouping: { by: 'user' } }, { seq: 0 });
  assert.equal(user.total, byUser.groups.find((g) => g.name === 'user=true')!.total);
  assert.equal(controller.store.get().diff, undefined, 'a different question has no deltas');

  await controller.command('goroutines -group label worker -with label role=worker');
  const workers = controller.store.get().snapshot!;
  assert.deepEqual(
    workers.groups.map((g) => [g.name, g.total]),
    [1, 2, 3, 4].map((i) => [`worker=${i}`, 1]),
  );
  await assert.rejects(controller.command('-group nowhere'), (e) => e instanceof UserError && /nowhere/.test(e.message));

  // While the target runs, the pane says so instead of waiting for it.
  await dap.request('setBreakpoints', { source: { path: tick.file }, breakpoints: [] });
  // A controller that knows the run began (gotui's: the session says so) does not ask Delve: asked
  // right after DAP's continue answers, it says running at once instead of waiting for a stop.
  let resumed = false;
  const knowing = new GoroutinesController(source, { targetStopped: () => !resumed });
  await dap.request('continue', { threadId: 1 });
  resumed = true;
  const asked = performance.now();
  assert.equal(await knowing.refresh(), undefined);
  assert.equal(knowing.store.get().status, 'running');
  assert.ok(performance.now() - asked < 1_000, `${performance.now() - asked} ms`);
  controller.targetResumed();
  // Delve answers DAP's continue before its State says running; asked in between, the pane's State
  // says halted and the grouping it sends then waits for a stop that never comes. Ask (on a
  // connection of the test's own) until Delve says it runs, then the pane.
  const probe = await DelveRpcClient.connect(server.address);
  t.after(() => probe.close());
  await waitFor('Delve to say it runs', async () => ((await probe.state(true)).Running ? true : undefined), 30_000, 100);
  await controller.refresh();
  assert.equal(controller.store.get().status, 'running');
  assert.match(controller.store.get().message!, /target is running/);
});


/** `dlv dap` on a free loopback port; it and its debuggee are killed by pid when the test ends. */
async function startDlvDap(t: TestContext, dlv: string) {
  const port = await freeLoopbackPort();
  const child = execa(dlv, ['dap', `--listen=127.0.0.1:${port}`], { reject: false, buffer: false, stdin: 'ignore', detached: true, cleanup: true });
  const pid = child.pid!;
  t.after(() => {
    for (const c of childrenOf(pid)) killQuietly(c, 'SIGKILL');
    killQuietly(pid, 'SIGKILL');
  });
  let said = '';
  child.stdout?.on('data', (c: Buffer) => (said += c.toString()));
  await waitFor('dlv dap to listen', () => said.includes('DAP server listening at') || undefined, 30_000);
  return { host: '127.0.0.1', port };
}

test('a dlv dap server: goroutines come from DAP threads, and the pane says they are capped', { timeout: 300_000 }, async (t) => {
  const dlv = await testDelve();
  const binary = await buildDemo(DEMO);
  const address = await startDlvDap(t, dlv);
  const dap = await connectTcp(address);
  t.after(() => dap.close());
  const ev = events(dap);
  await dap.request('initialize', { adapterID: 'gotui', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await dap.request('launch', { mode: 'exec', program: binary, args: ['-burst', '3000'] });
  const tick = findMarker(DEMO, 'gotui:tick');
  await dap.request('setBreakpoints', { source: { path: tick.file }, breakpoints: [{ line: tick.line }] });
  await dap.request('configurationDone', undefined, SLOW);
  await ev.stop(1);

  // Connected only after the DAP session is up: a second connection to dlv dap is never served.
  const source = await openGoroutineSource(address, dap);
  assert.equal(source.kind, 'dap');
  assert.match(source.kind === 'dap' ? source.reason : '', /probably a `dlv dap` server/);
  const controller = new GoroutinesController(source);
  const s = (await controller.refresh({ newStop: true }))!;
  assert.ok(s, controller.store.get().message);
  assert.equal(s.source, 'dap');
  assert.equal(s.capped, true);
  assert.equal(s.capNote, DAP_CAP_NOTE);
  assert.ok(s.totalAll >= 1024 && s.totalAll <= 1025, `DAP listed ${s.totalAll}`);
  assert.ok(s.groups.some((g) => g.name === 'main.handleRequest'));
  const lines = renderGroupLines(controller.store.get(), 200, 10);
  assert.equal(lines[0]!.text.startsWith(`${s.total.toLocaleString('en-US')}+ goroutines`), true, lines[0]!.text);
  assert.ok(lines.some((l) => l.mark === 'note' && l.text.startsWith(DAP_CAP_NOTE)));
  await assert.rejects(controller.command('-group goloc'), (e) => e instanceof UserError && /needs Delve's JSON-RPC API/.test(e.message));
});

test('waits do not count the time the target sat halted: a goroutine blocked through a long halt is shown waiting what it waited while the program ran, as the dlv CLI\'s waitsince proves it never ran', { timeout: 300_000 }, async (t) => {
  const { app, rec } = await attachedApp(t, 'goroutine-leak', ['-ticks', '20']);
  const at = findMarker('goroutine-leak', 'gotui:tick');
  const g = app.models.model(goroutinesFeature);
  g.setShown(true);
  // By tick 11 the demo's GCs (every fifth tick) have stamped the leaked goroutines' waitsince.
  let seen = 0;
  const stopAt = async (tick: number) => {
    await must(app, rec, 'clearall');
    await must(app, rec, `break main.go:${at.line} if tick == ${tick}`);
    const since = app.session.stopCount;
    if (app.session.state.status === 'stopped') await must(app, rec, 'continue');
    await waitForStop(app.session, since, 30_000);
    return waitFor('the groups of this stop', () => {
      const s = g.get();
      return s.status === 'ready' && s.snapshot && s.snapshot.seq > seen ? (seen = s.snapshot.seq, s.snapshot) : undefined;
    }, 30_000);
  };
  const first = await stopAt(11);
  const member = first.groups.find((x) => x.name.includes('main.handleRequest'))?.sample.find((m) => m.waitSince > 0);
  assert.ok(member, await dlvCli(app.conn.address, ["goroutines"]));
  const w1 = waitedNs(member, first.clock)!;
  const cli = async () => /\[chan receive (\d+)\]/.exec((await dlvCli(app.conn.address, ['goroutines'])).split('\n').find((l) => l.includes(`Goroutine ${member.id} `)) ?? '')?.[1];
  assert.equal(await cli(), String(member.waitSince), "the dlv CLI reads the same waitsince");

  // Halted for 4 s (the program does nothing meanwhile), then run to the next tick, 200 ms on.
  await new Promise((r) => setTimeout(r, 4_000));
  const second = await stopAt(12);
  const again = second.groups.flatMap((x) => x.sample).find((m) => m.id === member.id);
  assert.ok(again && again.waitSince === member.waitSince, 'still blocked since the same moment');
  assert.equal(await cli(), String(member.waitSince), 'the dlv CLI agrees it never ran');
  const w2 = waitedNs(again, second.clock)!;
  const grew = (w2 - w1) / 1e6;
  assert.ok(grew > 0 && grew < 2_500, `waited ${w1 / 1e6} ms, then ${w2 / 1e6} ms: ${grew} ms more for about 200 ms of running`);
});

test(':goroutine ID on a parked worker names the frame the panes show (its user frame, as the dlv CLI numbers it), and the runtime frame on top', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'inventory', ['-every', '50ms']);
  const sleep = findMarker('inventory', 'gotui:sleep');
  const since = app.session.stopCount;
  await must(app, rec, `break main.go:${sleep.line}`);
  await waitForStop(app.session, since);
  // The workers reach their channel wait once scheduled; on a busy machine main can reach the sleep
  // first (CI run 71: every worker still `main.main.gowrap1`): another round gives them the time.
  let list = await dlvCli(server.address, ['goroutines']);
  for (let round = 0; round < 3 && !/ main\.worker /.test(list); round++) {
    await runToStop(app, rec, 'continue');
    list = await dlvCli(server.address, ['goroutines']);
  }
  const worker = /Goroutine (\d+) - User: \S+main\.go:\d+ main\.worker/.exec(list)?.[1];
  assert.ok(worker, `the dlv CLI lists a worker:\n${list}`);
  const from = rec.console.length;
  await must(app, rec, `goroutine ${worker}`);
  const said = rec.console.slice(from).map((l) => l.text).find((l) => l.startsWith(`Goroutine ${worker}`));
  const frames = cliFrames(await dlvCli(server.address, [`goroutine ${worker} stack 20`]));
  const user = frames.find((f) => f.func === 'main.worker')!;
  assert.ok(user && user.index > 0, JSON.stringify(frames));
  assert.equal(app.session.state.selection?.frame?.index, user.index, 'the panes show the worker frame');
  const top = frames[0]!.func.replace(/\./g, '\\.');
  assert.match(said ?? '', new RegExp(`^Goroutine ${worker} at main\\.worker \\S*inventory/main\\.go:${user.line} \\(frame ${user.index}; frame 0 is ${top}\\)$`));
});

test(":goroutine ID of a goroutine outside its group's few sampled members puts the pane's cursor on its group, the dlv CLI's User location (trial V: it stayed elsewhere)", async (t) => {
  const { app, rec, server } = await attachedApp(t, DEMO, ['-burst', '600', '-ticks', '3']);
  app.models.createAll();
  const tick = findMarker(DEMO, 'gotui:tick');
  const since = app.session.stopCount;
  await must(app, rec, `break main.go:${tick.line}`);
  await waitForStop(app.session, since);
  const g = app.models.model(goroutinesFeature);
  // Read whole (its rows in their order), so that the cursor's row can only move by the command.
  const snapshot = await waitFor('the groups', () => (g.store.get().status === 'ready' ? g.store.get().snapshot : undefined));
  const sampled = new Set(snapshot.groups.flatMap((x) => x.sample.map((m) => m.id)));
  // The oracle: where the dlv CLI puts each goroutine (its User location, which userloc groups by).
  const listed = [...(await dlvCli(server.address, ['goroutines'])).matchAll(/Goroutine (\d+) - User: (\S+):(\d+) /g)].map((m) => ({ id: Number(m[1]), at: `${path.resolve(m[2]!)}:${m[3]}` }));
  const first = g.store.get().rows[g.store.get().selected]?.name;
  const other = listed.find((x) => !sampled.has(x.id) && !first?.startsWith(`${x.at} in `));
  assert.ok(other, `a goroutine in no sample, outside the group under the cursor (${first})`);
  await must(app, rec, `goroutine ${other.id}`);
  await waitFor("the cursor on its group", () => (g.store.get().rows[g.store.get().selected]?.name.startsWith(`${other.at} in `) ? true : undefined)).catch((e) =>
    assert.fail(`${e.message}: ${g.store.get().rows[g.store.get().selected]?.name} for goroutine ${other.id} at ${other.at}`),
  );
});

test('in an open group, / searches the groups and shows them (it went on unseen behind the members), and a subcommand refuses words it takes none of (trial M)', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'inventory', ['-every', '10ms'], { stop: true });
  app.models.createAll();
  const g = app.models.model(goroutinesFeature);
  await must(app, rec, `break main.go:${findMarker('inventory', 'gotui:report').line}`);
  await must(app, rec, 'continue');
  await waitForStop(app.session, 0);
  let ready = await waitFor('the groups', () => (g.get().status === 'ready' && g.get().snapshot ? g.get().snapshot : undefined));
  // The first round may report before the workers have run (still at their go statement, main.main.gowrap1, on a busy machine): a later round's stop has them.
  for (let round = 0; !ready.groups.some((x) => /main\.worker/.test(x.name)) && round < 5; round++) {
    const { seq } = ready;
    const since = app.session.stopCount;
    await must(app, rec, 'continue');
    await waitForStop(app.session, since);
    ready = await waitFor('the groups of the next round', () => (g.get().status === 'ready' && g.get().snapshot && g.get().snapshot!.seq > seq ? g.get().snapshot : undefined));
  }
  const worker = ready.groups.find((x) => /main\.worker/.test(x.name));
  assert.ok(worker, ready.groups.map((x) => x.name).join('\n'));
  // An unknown group's name given to expand is refused, not taken for the group under the cursor.
  assert.equal(await app.run('gview expand nosuchgroup'), false);
  assert.match(rec.console.at(-1)!.text, /^gview expand takes no arguments \('nosuchgroup' was given\)\. Usage: gview expand\. Open the group under the cursor\.$/);
  assert.equal(g.get().expanded, undefined);
  g.store.selectGroupOf(worker.sample[0]!.id);
  await g.expandSelected();
  assert.ok(g.get().expanded);
  await must(app, rec, 'gview search worker');
  assert.equal(g.get().expanded, undefined, 'back in the groups');
  assert.equal(g.get().search, 'worker');
  // The groups it shows are those the dlv CLI lists with worker in their place, and any whose goroutines
  // start in main.worker (those still at their go statement, main.main.gowrap1, on a busy machine).
  const cli = await dlvCli(server.address, ['goroutines -group userloc']);
  assert.deepEqual(g.get().rows.map((r) => r.name).sort(), ready.groups.filter((x) => /worker/.test(x.name) || x.sample.some((m) => /worker/.test(m.start.fn))).map((x) => x.name).sort());
  assert.match(cli, new RegExp(g.get().rows[0]!.name.split(' ')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test("at a stop on another goroutine, an open group's cursor goes to it, the dlv CLI's current goroutine, as the Stack pane does (trial Z: it stayed on the goroutine picked before)", async (t) => {
  const { app, rec, server } = await attachedApp(t, DEMO, ['-ticks', '1']);
  app.models.createAll();
  const g = app.models.model(goroutinesFeature);
  const worker = findMarker(DEMO, 'gotui:worker');
  const since = app.session.stopCount;
  await must(app, rec, `break main.go:${worker.line}`);
  let stop = await waitForStop(app.session, since);
  const picked = stop.goroutine!;
  // The four workers in one group: where their go statement is.
  await must(app, rec, 'goroutines -group goloc');
  await waitFor('the groups by go statement', () => (g.get().status === 'ready' && g.get().query.grouping.by === 'goloc' && g.store.selectGroupOf(picked) ? true : undefined));
  await g.expandSelected();
  await must(app, rec, `goroutine ${picked}`);
  assert.equal(g.store.selectedMember()?.id, picked);
  // Jobs go to the worker that has waited longest: a later stop is another worker's.
  for (let round = 0; stop.goroutine === picked && round < 8; round++) stop = await runToStop(app, rec, 'continue');
  const other = stop.goroutine!;
  assert.notEqual(other, picked, 'a stop on another worker');
  const current = /Goroutine (\d+)/.exec(await dlvCli(server.address, ['goroutine']))?.[1];
  assert.equal(current, String(other), "the dlv CLI's current goroutine is the stop's");
  await waitFor('the open group read at this stop', () => (g.get().stop === stop.number && g.get().expanded?.pages.size && !g.get().expanded?.loading.size ? true : undefined));
  assert.ok(g.get().expanded, 'the group stays open: the stop is in it');
  await waitFor(`the cursor on goroutine ${other}`, () => (g.store.selectedMember()?.id === other ? true : undefined)).catch((e) => assert.fail(`${e.message}: on ${g.store.selectedMember()?.id}`));
  assert.equal(app.session.state.selection?.goroutine, other, 'the Stack pane shows it');
});

test(':goroutine says the selected goroutine as the dlv CLI\'s goroutine does: its places and its pprof labels (trial AW: its labels were shown nowhere)', async (t) => {
  const { app, rec, server } = await attachedApp(t, DEMO, ['-ticks', '5'], { stop: true });
  await must(app, rec, `break main.go:${findMarker(DEMO, 'gotui:worker').line}`);
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  await must(app, rec, 'goroutine');
  const said = rec.console.slice(from).map((l) => l.text).join('\n');
  // The CLI's current goroutine is the one that hit the breakpoint, as gotui's selection is.
  const cli = await dlvCli(server.address, ['goroutine']);
  const id = /^Goroutine (\d+):$/m.exec(cli)?.[1];
  assert.equal(Number(id), app.session.state.selection?.goroutine, cli);
  assert.match(said, new RegExp(`^Goroutine ${id} at main\\.work `, 'm'), said);
  for (const kind of ['Runtime', 'User', 'Go', 'Start']) {
    const [, file, line, fn] = new RegExp(`^\\t${kind}: (\\S+):(\\d+) (\\S+) \\(0x`, 'm').exec(cli) ?? [];
    assert.ok(fn, `${kind} in\n${cli}`);
    // The CLI names a file under its directory from there (`./demos/…`); gotui names it whole.
    const ours = new RegExp(`^  ${kind}: (\\S+):(\\d+) (\\S+)$`, 'm').exec(said);
    assert.deepEqual([ours?.[1]?.endsWith(file!.replace(/^\.\//, '/')), ours?.[2], ours?.[3]], [true, line, fn], `${kind}\n${said}\n--- dlv ---\n${cli}`);
  }
  // The thread it runs on (the CLI names Delve's current thread: the stop's goroutine's).
  const [, thread, threadFile, threadLine] = /^Thread (\d+) at (\S+):(\d+)$/m.exec(cli) ?? [];
  const ours = /^  Thread: (\d+) at (\S+):(\d+)$/m.exec(said);
  assert.deepEqual([ours?.[1], ours?.[2]?.endsWith(threadFile!.replace(/^\.\//, '/')), ours?.[3]], [thread, true, threadLine], `${said}\n--- dlv ---\n${cli}`);
  const labels = /^\tLabels: (.*)$/m.exec(cli)?.[1];
  assert.match(labels ?? '', /"role":"worker"/, cli);
  assert.ok(said.split('\n').includes(`  Labels: ${labels}`), `${said}\n--- dlv ---\n${cli}`);
});

/** Eight goroutines parked in main.idle; main stops at main.tick, every millisecond. */
const PARKED = `package main

import (
	"sync"
	"time"
)

func idle(wg *sync.WaitGroup, ch chan int) {
	wg.Done()
	<-ch
}

func tick(n int) int { return n + 1 }

func main() {
	var wg sync.WaitGroup
	ch := make(chan int)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go idle(&wg, ch)
	}
	wg.Wait()
	time.Sleep(100 * time.Millisecond)
	for n := 0; ; n = tick(n) {
		time.Sleep(time.Millisecond)
	}
}
`;

test("/idle says how many goroutines it found by location and how many only by wait reason (the dlv CLI's groups), and that the stop's goroutine is not among them until Esc (trial CD: 12 found, 4 by \"force gc (idle)\", unsaid; the stop's goroutine hidden)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'parked', PARKED, 'main.tick');
  app.models.createAll();
  const g = app.models.model(goroutinesFeature);
  const stop = app.session.state.stop!;
  await waitFor('the groups of the stop', () => (g.get().status === 'ready' && g.get().stop === stop.number ? true : undefined));
  await must(app, rec, 'gview search idle');
  // The oracle: the dlv CLI's groups by User location, and the wait reason of each goroutine.
  const groups = parseDlvGroups(await dlvCli(server.address, ['goroutines -group userloc'])).groups;
  const listed = [...(await dlvCli(server.address, ['goroutines'])).matchAll(/Goroutine (\d+) - User: (\S+):(\d+) (\S+) .*?(?:\[([^\]]*)\])?$/gm)];
  const byLocation = groups.filter((x) => /idle/.test(x.name)).reduce((n, x) => n + x.total, 0);
  assert.equal(byLocation, 8, groups.map((x) => `${x.name}: ${x.total}`).join('\n'));
  // Groups whose place says nothing of idle but where a goroutine waits on something idle (the runtime's "force gc (idle)").
  const waitPlaces = new Set(listed.filter((m) => !/idle/.test(m[4]!) && /idle/.test(m[5] ?? '')).map((m) => `${m[2]}:${m[3]}`));
  assert.ok(waitPlaces.size, listed.map((m) => m[0]).join('\n'));
  const byWait = groups.filter((x) => [...waitPlaces].some((p) => x.name.includes(`${p} `))).reduce((n, x) => n + x.total, 0);
  const header = () => renderGroupLines(g.get(), 200, 30)[0]!.text;
  assert.match(header(), new RegExp(` · /idle: ${byLocation} by location, ${byWait} by wait reason$`), header());
  // The location's group first.
  assert.match(g.get().rows[0]!.name, /main\.idle$/);
  // The stop's goroutine (main, in main.tick) is in none of the groups shown: said on the pane.
  const note = `goroutine ${stop.goroutine} is not in /idle: Esc clears the search`;
  const lines = () => renderGroupLines(g.get(), 200, 30).map((l) => l.text);
  await waitFor('the note', () => (lines().includes(note) ? true : undefined)).catch(() => assert.fail(lines().join('\n')));
  // Still so at the next stop, with the search on.
  const next = await runToStop(app, rec, 'continue');
  await waitFor('the groups of the next stop', () => (g.get().status === 'ready' && g.get().stop === next.number && lines().includes(`goroutine ${next.goroutine} is not in /idle: Esc clears the search`) ? true : undefined)).catch(() => assert.fail(lines().join('\n')));
  // A jump to a goroutine the search shows: nothing said.
  const parked = listed.find((m) => m[4] === 'main.idle')![1]!;
  await must(app, rec, `goroutine ${parked}`);
  await waitFor('the note gone', () => (!lines().some((l) => / is not in \//.test(l)) ? true : undefined)).catch(() => assert.fail(lines().join('\n')));
  // Back on main's goroutine, Esc (gview collapse) clears the search: its group shows, nothing said.
  await must(app, rec, `goroutine ${next.goroutine}`);
  await waitFor('the note again', () => (lines().includes(`goroutine ${next.goroutine} is not in /idle: Esc clears the search`) ? true : undefined));
  await must(app, rec, 'gview collapse');
  assert.equal(g.get().search, '');
  assert.ok(!lines().some((l) => / is not in \//.test(l)), lines().join('\n'));
});
