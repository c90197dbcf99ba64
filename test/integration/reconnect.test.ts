import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openTarget } from '../../src/app/connect.js';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachOverSsh, startRemoteDemo } from '../support/remote-host.js';
import { headlessApp, waitForStop } from '../support/session.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { consoleFeature } from '../../src/console/feature.js';
import { cuttableProxy } from '../support/proxy.js';
import fs from 'node:fs';
import { pairedGotui, pairHere } from '../support/pair.js';

/** A headless gotui attached to the quiet orders demo through the fault proxy, each step of a handshake given 1 s. */
async function behindProxy(t: TestContext) {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, rec } = headlessApp(conn, { handshakeMs: 1_000 });
  await app.start();
  t.after(() => app.close());
  return { server, proxy, app, rec };
}

test('a dropped connection is one sentence; gotui re-attaches by itself, and :reconnect forces it', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, ended, rec } = headlessApp(conn);
  await app.start();
  assert.ok(await app.run('continue'));
  await waitFor('orders', () => server.output.some((l) => /^order \d+/.test(l)) || undefined);

  // The link stays down: the countdown runs, attempts fail, the session stays usable.
  await proxy.down();
  await waitFor('the drop to be noticed', () => app.session.state.status === 'disconnected' || undefined);
  const errors = rec.console.filter((l) => l.kind === 'error');
  assert.equal(errors.length, 1, errors.map((e) => e.text).join(' | '));
  assert.match(errors[0]!.text, /closed the connection\.$/);
  // In the console pane, what happens next is said once, right after: no "Use :reconnect" before "gotui reconnects by itself".
  const shown = app.models.model(consoleFeature).get().lines.map((l) => l.text);
  const drop = shown.findIndex((l) => /closed the connection\.$/.test(l));
  assert.match(shown[drop + 1] ?? '', /^gotui reconnects by itself, with a countdown in the status bar \(:reconnect tries now, :quit gives up\)\.$/, shown.join(' | '));
  assert.equal(await app.run('continue'), false, 'a command fails cleanly while disconnected');
  await waitFor('a second attempt, counted down', () => ((app.session.state.reconnecting?.attempt ?? 0) >= 2 && app.session.state.reconnecting!.inSeconds > 0) || undefined, 15_000);
  assert.ok(rec.console.some((l) => /^Reconnecting failed \(attempt 1\): Nothing is listening on 127\.0\.0\.1:\d+/.test(l.text)));
  assert.equal(await app.run('reconnect'), false, ':reconnect says why it failed');

  const version = app.session.state.delveVersion;
  assert.match(version, /^\d+\.\d+\.\d+$/);
  await proxy.up();
  assert.ok(await app.run('reconnect'), ':reconnect works at once, without waiting for the countdown');
  assert.equal(app.session.state.status, 'running', 'the target kept running through the drop');
  assert.equal(app.session.state.reconnecting, undefined);
  assert.equal(app.session.state.delveVersion, version, 'the status bar still names the Delve version');

  // A breakpoint set before a drop is set again on re-attach; the drop heals by itself.
  assert.ok(await app.run('break main.process'));
  const since = app.session.stopCount;
  await waitForStop(app.session, since);
  proxy.cut();
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);
  await waitFor('re-attached by itself', () => app.session.state.status === 'stopped' || undefined, 20_000);
  const after = app.session.stopCount;
  assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, after);
  assert.equal(stop.frames[0]?.name, 'main.process');
  const listed = await dlvCli(server.address, ['breakpoints']);
  assert.equal(listed.match(/main\.process\(\)/g)?.length, 1, `one breakpoint in Delve, not a copy per connection:\n${listed}`);
  await app.run('quit -resume');
  assert.equal(ended.code, 0);
  process.kill(server.targetPid!, 0);
});

test('quitting while the link stays down says truly that the breakpoints gotui set stay in Delve (it cannot reach Delve to remove them), as the dlv CLI finds', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, ended } = headlessApp(conn);
  await app.start();
  const at = findMarker('orders', 'gotui:process');
  assert.ok(await app.run(`break main.go:${at.line}`));
  const delveId = app.session.state.breakpoints.find((b) => b.line === at.line)?.delveId;
  assert.ok(await app.run('continue'));
  await waitForStop(app.session, 1);
  await proxy.down();
  await waitFor('the drop to be noticed', () => app.session.state.status === 'disconnected' || undefined);
  await app.run('quit');
  // Halted at the breakpoint when the link dropped: said so, and how to let it run (trial AU: "unseen" hid a frozen service).
  assert.match(ended.message ?? '', /^Left 127\.0\.0\.1:\d+ unseen: the connection to its Delve closed while it was halted, and it stays halted until a client continues it \(dlv connect 127\.0\.0\.1:\d+, then continue\)\. With the connection closed, the breakpoint gotui set could not be removed: the target halts there with no client attached \(dlv connect 127\.0\.0\.1:\d+, then clear (\d+)(: Delve's numbers for gotui's #\d+)?\)\. The next gotui on this Delve takes them back as its own\.$/, ended.message);
  const listed = await dlvCli(server.address, ['breakpoints']);
  assert.match(listed, new RegExp(`main\\.go:${at.line}\\b`), listed);
  // The number said is Delve's for it: the dlv CLI's list shows it (by its DAP name) at that line, and `clear` takes the number.
  assert.equal(/then clear (\d+)(?::[^)]*)?\)/.exec(ended.message ?? '')?.[1], String(delveId), ended.message);
  const rpc = await DelveRpcClient.connect(server.address);
  assert.equal((await rpc.state(true)).Running, false, 'Delve has it halted, as said');
  rpc.close();

  // The link back, the next gotui on this Delve takes the breakpoint as its own, says so, and removes it on quitting.
  await proxy.up();
  const next = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {}));
  await next.app.start();
  const said = await waitFor('the breakpoint taken back', () => next.rec.console.find((l) => /was set by a gotui whose link to this Delve dropped/.test(l.text))?.text);
  assert.match(said, new RegExp(`^Breakpoint #\\d+ at orders/main\\.go:${at.line} was set by a gotui whose link to this Delve dropped \\(it quit at \\d\\d:\\d\\d\\): it is yours again, and q removes it\\.$`), said);
  assert.ok(next.app.session.state.breakpoints.some((b) => b.line === at.line && b.by === undefined), 'listed as its own');
  await next.app.run('quit -resume');
  assert.match(next.ended.message ?? '', /Removed the breakpoint gotui set from Delve\./, next.ended.message);
  const after = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(after, new RegExp(`main\\.go:${at.line}\\b`), after);
});

test('a reconnect that finds the target where the drop left it keeps that stop: its number and its words ("as found")', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, rec } = headlessApp(conn);
  await app.start();
  // Delve started the demo halted: gotui found it so.
  const before = app.session.state.stop!;
  assert.equal(before.found, true);
  const stops = rec.stops.length;
  proxy.cut();
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);
  assert.ok(await app.run('reconnect'));
  assert.equal(app.session.state.status, 'stopped');
  assert.deepEqual([app.session.state.stop?.number, app.session.state.stop?.found, app.session.state.stop?.reason], [before.number, true, before.reason]);
  assert.deepEqual(rec.stops.slice(stops).map((s) => s.number), [before.number], 'the stop shown again under its number');
  // Said once, on arrival: the re-attach does not call its own kept stop "already halted" again.
  assert.equal(rec.console.filter((l) => /already halted/.test(l.text)).length, 1, rec.console.map((l) => l.text).join('\n'));
  await app.run('quit -leave');
});

test('a target gotui ran, found halted after a drop (Delve halts to serve a request that never finished), runs again', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const proxy = await cuttableProxy(t, server.address);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
  const { app, rec } = headlessApp(conn);
  await app.start();
  assert.ok(await app.run('continue'));
  await waitFor('orders', () => server.output.some((l) => /^order \d+/.test(l)) || undefined);
  await proxy.down();
  await waitFor('the drop to be noticed', () => app.session.state.status === 'disconnected' || undefined);
  // FAULT INJECTOR: the halt Delve makes for a setBreakpoints whose client vanished mid-request.
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  await rpc.call('Command', { name: 'halt' });
  assert.equal((await rpc.state(true)).Running, false);
  await proxy.up();
  assert.ok(await app.run('reconnect'));
  await waitFor('running again', () => app.session.state.status === 'running' || undefined, 10_000);
  assert.ok(rec.console.some((l) => /found halted; gotui let it run again\./.test(l.text)));
  await waitFor('Delve says running', async () => ((await rpc.state(true)).Running ? true : undefined), 10_000);

  await app.run('quit -resume');
});

test('after a drop, another program under Delve at the same address gets nothing from gotui; the same program again gets its breakpoints', async (t) => {
  const first = await startDemoServer(t, 'orders');
  const { port } = first.address;
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port } }, () => {});
  const { app, rec } = headlessApp(conn);
  t.after(() => app.close());
  await app.start();
  assert.ok(await app.run('break main.process'));
  const before = app.session.stopCount;
  assert.ok(await app.run('continue'));
  // Halted at the drop: the next process is met halted too (at its entry), as a poll sees it.
  await waitForStop(app.session, before);
  await first.stop();
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);

  // Someone starts another service under Delve on the freed port: gotui neither attaches nor sets breakpoints there.
  const other = await startDemoServer(t, 'inventory', [], { port });
  const refused = /^Reconnecting failed \(attempt \d+\): The Delve now at 127\.0\.0\.1:\d+ debugs \S+inventory\S*, not \S+orders\S*: gotui does not attach to it, nor set its breakpoints there\. gotui keeps trying, in case orders\S* comes back;/;
  await waitFor('the attempt by itself refused', () => rec.console.some((l) => refused.test(l.text)) || undefined, 40_000);
  assert.equal(await app.run('reconnect'), false, ':reconnect refuses too');
  // The command row says it too, not the drop's words any more.
  assert.match(app.models.model(consoleFeature).get().lastError ?? '', /debugs \S+inventory\S*, not /);
  assert.equal(app.session.state.status, 'disconnected');
  const listed = await dlvCli(other.address, ['breakpoints']);
  assert.doesNotMatch(listed, /main\.process/, `no breakpoint of gotui's in the other program's Delve:\n${listed}`);
  await other.stop();

  // The same program back under Delve at that address: gotui re-attaches and sets its breakpoint again.
  const again = await startDemoServer(t, 'orders', [], { port });
  assert.ok(await app.run('reconnect'));
  assert.ok(rec.console.some((l) => /^Reconnected to 127\.0\.0\.1:\d+; 1 breakpoint set again\.$/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  const back = await dlvCli(again.address, ['breakpoints']);
  assert.equal(back.match(/main\.process\(\)/g)?.length, 1, back);
  // The new process is the reconnect's finding, not another client's restart; the breakpoint stops it as gotui's.
  const since = app.session.stopCount;
  if ((app.session.state.status as string) === 'stopped') assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, since);
  assert.deepEqual([stop.frames[0]?.name, app.session.state.stop?.by], ['main.process', undefined]);
  const said = rec.console.map((l) => l.text).join('\n');
  assert.doesNotMatch(said, /Another client .*restarted|at another client's restart/, said);
  await app.run('quit -resume');
});

test('the SSH connection killed mid-session: gotui makes it again, re-attaches, and the view and breakpoints come back', async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { conn, app, rec } = await attachOverSsh(t, remote);
  const at = remote.marker('gotui:process');
  assert.ok(await app.run(`break main.go:${at.line}`));
  assert.ok(await app.run('continue'));
  await waitForStop(app.session, 1);
  assert.ok(await app.run('frame 1'));
  const frame = app.session.state.selection!.frame!;
  assert.equal(frame.name, 'main.main');

  const number = app.session.stopCount;
  const master = conn.remote!.ssh.masterPid!;
  // sshd held a while (its listener stopped): the link stays down until the pairing rendezvous is lost too.
  process.kill(remote.sshd.pid, 'SIGSTOP');
  const resume = () => {
    try {
      process.kill(remote.sshd.pid, 'SIGCONT');
    } catch {
      // Ended already.
    }
  };
  t.after(resume);
  process.kill(master, 'SIGKILL');
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);
  await waitFor('the rendezvous lost with it', () => app.pair?.state.off || undefined, 30_000);
  resume();
  await waitFor('re-attached by itself', () => (app.session.state.status === 'stopped' && app.session.state.selection?.frame?.index === 1) || undefined, 30_000);
  assert.notEqual(conn.remote!.ssh.masterPid, master, 'a new SSH connection');
  const sel = app.session.state.selection!;
  assert.deepEqual([sel.goroutine, sel.frame?.name, sel.frame?.line], [1, frame.name, frame.line], 'the same goroutine and frame in view');
  assert.ok(rec.console.some((l) => /^Reconnected to gotui-sshtest:\d+ \(ssh\); 1 breakpoint set again\.$/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  // The drop is not blamed on Delve; once back, the command line no longer shows it; the stop is the breakpoint's still.
  const lines = rec.console.map((l) => l.text);
  const closed = lines.findIndex((l) => /^The connection to Delve at .* (closed|failed \(.*\)): the SSH link dropped, or Delve closed it\./.test(l));
  assert.ok(closed >= 0, lines.join('\n'));
  // ssh's own word of the drop, heard after Delve's connection closed, is given as its cause.
  const ssh = lines.findIndex((l) => /^The SSH connection to gotui-sshtest dropped/.test(l));
  if (ssh > closed) assert.match(lines[ssh]!, /: that is what closed the connection to Delve\.$/, lines.join('\n'));
  // Once: a link a reconnect attempt opens and loses is that attempt's failure (trial L saw one a retry).
  assert.ok(lines.filter((l) => /that is what closed the connection to Delve/.test(l)).length <= 1, lines.join('\n'));
  // Alone, the pairing rendezvous the drop took along is met again unsaid (trial AH: noise in a solo session).
  assert.ok(!lines.some((l) => /^Pair debugging/.test(l)), lines.join('\n'));
  assert.equal(app.models.model(consoleFeature).get().lastError, undefined);
  assert.match(app.session.state.stop?.reason ?? '', /breakpoint$/);
  assert.equal(app.session.state.stop?.found, undefined);
  assert.equal(app.session.state.stop?.breakpoints.length, 1);
  assert.equal(app.session.stopCount, number, 'the same stop, numbered as before the drop');

  const since = app.session.stopCount;
  assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, since);
  assert.deepEqual([stop.frame?.file, stop.frame?.line], [at.file, at.line], 'the breakpoint set before the drop hits after it');
  assert.equal(findMarker('orders', 'gotui:process').line, at.line);
});

test("the Delve on the SSH host killed: each retry says its port there is closed (not that it debugs a program gotui cannot see), and quitting says its breakpoints went with it (trial AH)", async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { app, rec, ended } = await attachOverSsh(t, remote);
  assert.ok(await app.run(`break main.go:${remote.marker('gotui:process').line}`));
  assert.ok(await app.run('continue'));
  await waitForStop(app.session, 1);
  await remote.server.stop();
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);
  const closed = /^Reconnecting failed \(attempt \d+\): Nothing is listening on 127\.0\.0\.1:\d+ on gotui-sshtest \(the SSH connection is up; the port there is closed\)\./;
  await waitFor('an attempt said', () => rec.console.some((l) => /^Reconnecting failed/.test(l.text)) || undefined, 40_000);
  const said = rec.console.filter((l) => /^Reconnecting failed/.test(l.text)).map((l) => l.text);
  assert.ok(said.every((l) => closed.test(l)), said.join('\n'));
  // Alone, the pairing rendezvous the drop took along is met again unsaid (trial AH: noise in a solo session).
  assert.ok(!rec.console.some((l) => /^Pair debugging/.test(l.text)), rec.console.map((l) => l.text).join('\n'));
  await app.run('quit');
  assert.match(ended.message ?? '', /Its Delve is gone, and the breakpoint gotui set with it\./, ended.message);
  assert.doesNotMatch(ended.message ?? '', /halts there|takes them back/, ended.message);
  // Halted at the drop, but with its Delve gone nothing keeps it so, and no dlv connect reaches it (trial BS).
  assert.match(ended.message ?? '', /^Left \S+ \(ssh\) unseen: the connection to its Delve had closed\. Its Delve is gone/, ended.message);
});

for (const line of ['quit', 'quit -resume', 'detach']) {
  test(`:${line} against a server that stopped answering ends within about a second, and says so truly`, async (t) => {
    const server = await startDemoServer(t, 'orders');
    const proxy = await cuttableProxy(t, server.address);
    const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: proxy.port } }, () => {});
    const { app, ended } = await (async () => {
      const h = headlessApp(conn);
      await h.app.start();
      return h;
    })();
    assert.ok(await app.run('continue'));
    assert.ok(await app.run('break main.process if false'));
    proxy.freeze();
    const t0 = Date.now();
    await app.run(line);
    const took = Date.now() - t0;
    assert.equal(ended.code, 0);
    // Bounded, not timed: the promise is "about a second", whatever the server does.
    assert.ok(took < 3_000, `${line} took ${took} ms`);
    assert.doesNotMatch(ended.message!, /Removed the breakpoint/, 'a removal Delve never confirmed is not claimed');
    assert.match(ended.message!, /Delve did not answer: the breakpoint gotui set may still be there/);
    // What the message says of it, Delve confirms over a connection of its own (not the frozen one);
    // Delve lists breakpoints only while the target is halted.
    const rpc = await DelveRpcClient.connect(server.address);
    t.after(() => rpc.close());
    await rpc.call('Command', { name: 'halt' }, { timeoutMs: 5_000 });
    const { Breakpoints } = await rpc.call<{ Breakpoints: { functionName?: string }[] }>('ListBreakpoints', {}, { timeoutMs: 5_000 });
    assert.ok(Breakpoints.some((b) => b.functionName === 'main.process'), JSON.stringify(Breakpoints));
  });
}

test('a pairing rendezvous lost with the link is met again when gotui reconnects: a gotui that comes later sees the first, and the first leaves the target as it is for it (trial L)', async (t) => {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const proxy = await cuttableProxy(t, server.address);
  const at = { host: '127.0.0.1', port: proxy.port };
  const a = await pairedGotui(t, at, 'alice');
  const b = await pairedGotui(t, at, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (a.app.pair?.state.peers.length === 2 && b.app.pair?.state.peers.length === 2 ? true : undefined));
  // The rendezvous cannot be taken over when its host leaves: its place is gone (as with an SSH link
  // that dropped, where the host's socket is reached only through that link).
  fs.rmSync(process.env.GOTUI_PAIR_DIR!, { recursive: true, force: true });
  await a.app.run('quit');
  await waitFor('bob told the rendezvous is lost', () => b.rec.console.find((l) => /^Pair debugging: The pairing rendezvous went away and could not be taken over\. It is met again when gotui reconnects to Delve \(:reconnect\); until then a gotui that joins does not see this one\.$/.test(l.text)), 15_000);
  // The link to Delve drops and comes back: bob is at a rendezvous again.
  proxy.cut();
  await waitFor('the drop', () => (b.app.session.state.status === 'disconnected' ? true : undefined));
  await waitFor('re-attached, pairing on', () => (b.app.session.connected && b.app.session.state.status !== 'connecting' && b.app.pair?.state.off === undefined && b.app.pair?.state.me ? true : undefined), 30_000);
  // Its loss was said: so is its return (trial AB: the warning was never taken back).
  await waitFor('bob told it is met again', () => b.rec.console.find((l) => l.text === 'Pair debugging: the rendezvous with the other gotuis is met again.'));
  const c = await pairedGotui(t, at, 'carol');
  await waitFor('bob and carol meet', () => (b.app.pair?.state.peers.length === 2 && c.app.pair?.state.peers.length === 2 ? true : undefined));
  // With carol there, bob's q asks nothing and leaves the target as it is (it would let it run alone).
  const running = b.app.session.state.status === 'running';
  await b.app.run('quit');
  assert.match(b.ended.message ?? '', new RegExp(`^Left \\S+ ${running ? 'running' : 'halted'} for carol \\(other gotuis are on it`));
  assert.deepEqual(b.asked, [], 'not asked whether to let it run');
});

test('re-attaching where Delve takes the connection and answers nothing (a hung link) is said as that Delve not answering, not as a port with no Delve (trial L); it heals', async (t) => {
  const { proxy, app, rec } = await behindProxy(t);
  proxy.hang();
  proxy.cut();
  const said = await waitFor('an attempt that timed out', () => rec.console.find((l) => /^Reconnecting failed \(attempt \d+\): .*did not answer/.test(l.text)), 30_000);
  assert.match(said.text, /accepted the connection but did not answer .+ within 1s: the Delve there is not answering \(stuck, or still held by the connection that dropped\)\. gotui tries again/);
  assert.doesNotMatch(said.text, /not a Delve/);
  proxy.hang(false);
  await waitFor('re-attached', () => (app.session.connected && app.session.state.status !== 'connecting' ? true : undefined), 60_000);
});

test("re-attaching while the dropped link's continue still runs the target in Delve (Delve's end of the link open): no raw Delve refusal; once Delve finds that link gone, p stops the target where the dlv CLI sees it (trial L)", async (t) => {
  const { server, proxy, app, rec } = await behindProxy(t);
  assert.ok(await app.run('continue'));
  // Delve resumes after every halt for the stranded connection's continue: an attempt to re-attach
  // goes unanswered, or is refused part-way ("debuggee is running": gotui then joins at the next stop).
  proxy.strand();
  await waitFor('the drop', () => app.session.state.status === 'disconnected' || undefined);
  const raw = () => rec.console.map((l) => l.text).filter((l) => /Unable to process|debuggee is running/.test(l));
  const back = () => app.session.connected && app.session.state.reconnecting === undefined;
  await waitFor('three attempts, or one in', () => back() || (app.session.state.reconnecting?.attempt ?? 0) > 3 || undefined, 60_000);
  assert.deepEqual(raw(), []);
  proxy.unstrand();
  await waitFor('re-attached', () => back() || undefined, 60_000);
  assert.equal(app.session.state.status, 'running');
  const since = app.session.stopCount;
  assert.ok(await app.run('pause'));
  const stop = await waitForStop(app.session, since, 20_000);
  const cli = await dlvCli(server.address, [`goroutine ${stop.goroutine} stack`]);
  const names = [...cli.matchAll(/^\s*\d+\s+0x[0-9a-f]+ in (\S+)$/gm)].map((m) => m[1]);
  assert.ok(names.length > 0, cli);
  assert.deepEqual(stop.frames.slice(0, names.length).map((f) => f.name), names);
  assert.deepEqual(raw(), []);
});
