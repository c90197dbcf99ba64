import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openTarget } from '../../src/app/connect.js';
import { findOnPath } from '../../src/delve/locate.js';
import { requireTool, startDemoServer, waitFor } from '../support/delve.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { headlessApp } from '../support/session.js';
import { bpfFeature } from '../../src/bpf/feature.js';
import { consoleFeature } from '../../src/console/feature.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';

/** A headless gotui running demo NAME (started as `gotui demo` starts it), its eBPF lane stopped at the end. */
async function demoWithProbes(t: TestContext, name: string, args: string[] = []) {
  const conn = await openTarget({ kind: 'demo', name, args }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  const bpf = app.models.model(bpfFeature);
  t.after(() => bpf.stopAll());
  await app.start();
  return { conn, app, rec, bpf };
}

test('from an eBPF event to the debugger: B breaks on its function for its goroutine, Enter shows that goroutine', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const { app, rec, bpf } = await demoWithProbes(t, 'orders');
  const s = app.session;
  assert.equal(s.state.status, 'running');
  // The target is never stopped by a probe; the pid and binary come from the session.
  assert.ok(await app.run('bpf calls main.process'));
  assert.ok(rec.console.some((l) => /^Probe #\d+ .*attached; the target keeps running\./.test(l.text)));
  const event = await waitFor('an event with a goroutine', () => {
    const e = bpf.selectedEvent();
    return e?.goid !== undefined ? e : undefined;
  }, 30_000);
  assert.equal(event.func, 'main.process');
  assert.equal(s.state.status, 'running');
  // The same probe again: said, not a second identical stream.
  assert.equal(await app.run('bpf calls  main.process'), false);
  assert.match(app.models.model(consoleFeature).get().lastError ?? '', /^Probe #\d+ calls main\.process is already running\./);
  assert.equal(bpf.streams().length, 1);
  // Enter needs a stopped target: one sentence, the session goes on.
  assert.equal(await app.run('bpf goto'), false);
  assert.match(app.models.model(consoleFeature).get().lastError ?? '', /can be shown only while the target is stopped/);

  const since = s.stopCount;
  assert.ok(await app.run('bpf break'));
  const bp = s.state.breakpoints.at(-1)!;
  assert.equal(bp.spec, 'main.process');
  assert.equal(bp.condition, `runtime.curg.goid == ${event.goid}`);
  const stop = await waitFor('the stop in main.process', () => rec.stops.find((x) => x.number > since && x.frames[0]?.name === 'main.process'), 20_000);
  assert.equal(stop.goroutine, event.goid);
  // The probe kept counting up to the stop, and Delve's breakpoint fired with the probe in place.
  assert.ok(await app.run('bpf goto'));
  assert.equal(s.state.selection?.goroutine, event.goid);
  // With no function named while the target runs, calls takes the last stop's frame, and says so.
  assert.ok(await app.run(`clear ${bp.id}`));
  assert.ok(await app.run('bpf stop 1'));
  // A probe named that is not there: the list says which are stopped (trial AI: listed as if live).
  await waitFor('probe 1 stopped', () => bpf.streams().find((x) => x.id === 1 && x.status === 'stopped') || undefined);
  assert.equal(await app.run('bpf stop 9'), false);
  assert.match(app.models.model(consoleFeature).get().lastError ?? '', /There is no probe 9\..*#1 calls main\.process \(stopped\)/);
  assert.ok(await app.run('continue'));
  await waitFor('the target running', () => s.state.status === 'running' || undefined);
  assert.ok(await app.run('bpf calls'));
  assert.ok(rec.console.some((l) => new RegExp(`^Probing main\\.process, the function of the frame selected at stop ${s.stopCount} \\(the target has run since\\); :bpf calls FUNC names another\\.`).test(l.text)), rec.console.map((l) => l.text).join('\n'));
  assert.equal(bpf.current()?.title, 'calls main.process');
  await app.run('quit');
});

test("B on a function called hundreds of times a second refuses a breakpoint for one goroutine: Delve would halt the target at every call to test it (trial AO)", async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const { app, bpf } = await demoWithProbes(t, 'orders', ['-quiet', '-every', '0s']);
  assert.ok(await app.run('bpf calls main.process'));
  const stream = bpf.current()!;
  // As raw bpftrace would count them: the stream's own one-second counts.
  await waitFor('a busy second', () => (Math.max(0, ...stream.rateHistory()) >= 100 ? true : undefined), 30_000);
  const event = await waitFor('an event with a goroutine', () => bpf.selectedEvent()?.goid, 10_000);
  assert.equal(await app.run('bpf break'), false);
  const said = app.models.model(consoleFeature).get().lastError ?? '';
  assert.match(said, new RegExp(`^main\\.process ran [\\d,]+ times in a second: a breakpoint for goroutine ${event} alone would halt the target at every call`), said);
  assert.deepEqual(app.session.state.breakpoints.filter((b) => !b.by), [], 'nothing set');
  assert.equal(app.session.state.status, 'running');
  await app.run('quit');
});

test("B on a goroutine's creation breaks on the function the new goroutine runs, for any goroutine: the creator never runs it (trial N); it stops there, as the dlv CLI sees", async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const { conn, app, rec, bpf } = await demoWithProbes(t, 'goroutine-leak', ['-burst', '5']);
  const s = app.session;
  assert.ok(await app.run('bpf goroutines'));
  const event = await waitFor('a creation', () => {
    const e = bpf.selectedEvent();
    return e?.created && e.func?.startsWith('main.') ? e : undefined;
  }, 30_000);
  const since = s.stopCount;
  const from = rec.console.length;
  assert.ok(await app.run('bpf break'));
  const bp = s.state.breakpoints.at(-1)!;
  assert.equal(bp.spec, event.func);
  assert.equal(bp.condition, undefined);
  assert.ok(rec.console.slice(from).some((l) => l.text === `${event.func} runs on the goroutines created to run it, not on goroutine ${event.goid} that created this one: the breakpoint is for any goroutine.`));
  const stop = await waitFor('the stop in the created function', () => rec.stops.find((x) => x.number > since), 20_000);
  assert.equal(stop.frames[0]?.name, event.func);
  assert.notEqual(stop.goroutine, event.goid);
  const [top] = cliFrames(await dlvCli(conn.address, [`goroutine ${stop.goroutine} stack 1`]));
  assert.equal(top?.func, event.func);
  assert.ok(await app.run('quit -kill'));
});

test(':bpf on a running service under a Delve someone else started: the probe finds the target without blocking Delve', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const server = await startDemoServer(t, 'orders');
  // The service runs before gotui comes: Delve's ProcessPid would block now, and State says pid 0.
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  void rpc.call('Command', { name: 'continue' }).catch(() => undefined);
  await waitFor('the demo running', () => server.output.some((l) => /^order \d+/.test(l)) || undefined);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const { app } = headlessApp(conn);
  const bpf = app.models.model(bpfFeature);
  t.after(() => bpf.stopAll());
  await app.start();
  assert.equal(app.session.state.status, 'running');
  assert.ok(await app.run('bpf calls main.process'));
  const event = await waitFor('an event from the service', () => bpf.selectedEvent(), 30_000);
  assert.equal(event.func, 'main.process');
  assert.equal(app.session.state.status, 'running', 'the probe did not stop the service');
  const printed = server.output.length;
  await waitFor('the service going on', () => server.output.length > printed + 2 || undefined, 10_000);
  await app.run('quit');
});
