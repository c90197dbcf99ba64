import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { openTarget } from '../../src/app/connect.js';
import { buildDemo } from '../../src/demos/build.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { kubectlStandIn } from '../support/kubectl-standin.js';
import { headlessApp, waitForStop } from '../support/session.js';

// No cluster runs here: kubectl is a STAND-IN (test/support/kubectl-standin.ts) that plays one pod
// with real Delves behind it, and records what gotui asked of kubectl.

test('k8s://NS/POD:PORT: kubectl port-forward bound to loopback, started again when it dies, ended by gotui; a missing pod is one sentence', async (t) => {
  const kubectl = await kubectlStandIn(t);
  Object.assign(process.env, kubectl.env, { PATH: `${kubectl.binDir}:${process.env.PATH}` });
  const server = await startDemoServer(t, 'orders');
  kubectl.mapPort('api', 2345, server.address.port);
  const conn = await openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/api:2345' } }, () => {});
  assert.equal(conn.label, 'k8s shop/api:2345');
  const { app } = headlessApp(conn);
  await app.start();
  assert.ok(await app.run('break main.process'));
  assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, 1);
  assert.equal(stop.frames[0]?.name, 'main.process');
  // The oracle, through the same port-forward: the dlv CLI sees the same frame.
  const sel = app.session.state.selection!;
  const cli = cliFrames(await dlvCli(conn.address, [`goroutine ${sel.goroutine} stack 3`]))[0];
  assert.equal(cli?.func, 'main.process');
  assert.equal(cli?.line, sel.top?.line);
  const pf = kubectl.calls().find((c) => c.includes('port-forward'))!;
  assert.deepEqual(pf.slice(0, 6), ['--namespace', 'shop', 'port-forward', '--address', '127.0.0.1', 'pod/api']);
  assert.match(pf[6]!, /^\d+:2345$/);

  // kubectl port-forward dies (as when the API server connection goes): gotui starts it again and re-attaches by itself.
  const firstForward = kubectl.portForwardPid();
  process.kill(firstForward, 'SIGKILL');
  await waitFor('the drop to be noticed', () => app.session.state.status === 'disconnected' || undefined);
  await waitFor('the session back by itself', () => (app.session.state.status !== 'disconnected' && !app.session.state.reconnecting) || undefined, 20_000);
  assert.notEqual(kubectl.portForwardPid(), firstForward, 'a new kubectl port-forward');
  assert.equal(kubectl.calls().filter((c) => c.includes('port-forward')).length, 2);
  assert.equal(app.session.state.breakpoints.length, 1);
  assert.ok(await app.run('continue'));
  const again = await waitForStop(app.session, stop.number);
  assert.equal(again.frames[0]?.name, 'main.process', 'the breakpoint hits again after the reconnect');
  await app.end('resume');
  process.kill(server.targetPid!, 0);
  assert.equal(await refused(conn.address.port), true, 'the port-forward ended with gotui');

  await assert.rejects(openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/missing:2345' } }, () => {}), /^UserError: There is no pod shop\/missing\.$/m);
  await assert.rejects(openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/api:7777' } }, () => {}).then(async (c) => {
    // The port-forward starts; the pod's port is closed: the handshake fails, naming no local port.
    const { app: a2 } = headlessApp(c);
    try {
      await a2.start();
    } finally {
      await c.tunnel?.close();
    }
  }), /Delve at port 7777 in pod shop\/api (closed the connection|failed)/);
});

test("k8s://CONTEXT/NS/POD without a port: kubectl debug starts Delve on the pod's one container; quitting tells it to go and the target runs on", async (t) => {
  const binary = await buildDemo('orders');
  const target = spawn(binary, ['-every', '100ms'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => target.kill('SIGKILL'));
  const out: string[] = [];
  target.stdout.on('data', (c: Buffer) => out.push(...c.toString().split('\n').filter(Boolean)));
  const kubectl = await kubectlStandIn(t, { contexts: ['prod'], targetPid: target.pid! });
  Object.assign(process.env, kubectl.env, { PATH: `${kubectl.binDir}:${process.env.PATH}` });

  const conn = await openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://prod/shop/api' } }, () => {}, undefined, { debugImage: 'example/dlv:1' });
  assert.equal(conn.label, 'k8s shop/api/app (debug container)');
  const debug = kubectl.calls().find((c) => c.includes('debug'))!;
  assert.deepEqual(debug.slice(0, 8), ['--context', 'prod', '--namespace', 'shop', 'debug', 'pod/api', '--image', 'example/dlv:1']);
  assert.match(debug[9]!, /^gotui-dlv-[0-9a-f]{6}$/);
  assert.deepEqual(debug.slice(10, 14), ['--target', 'app', '--profile', 'general']);
  // Forwarded only once Delve's log said it listens (a real kubectl port-forward gives up on a refused port).
  const order = kubectl.calls().map((c) => c.find((x) => ['get', 'debug', 'logs', 'port-forward'].includes(x))).filter(Boolean);
  assert.deepEqual(order.slice(0, 2), ['get', 'debug']);
  assert.equal(order.at(-1), 'port-forward');
  const { app } = headlessApp(conn);
  await app.start();
  assert.ok(await app.run('break main.process'));
  await waitForStop(app.session, 0);
  await app.end('resume');
  const printed = out.length;
  await waitFor('the target going on, detached', () => out.length > printed + 2 || undefined, 10_000);
  const dlvPid = kubectl.debugDelvePid()!;
  await waitFor("the debug container's Delve gone (told to go)", () => !alive(dlvPid) || undefined, 10_000);

  await assert.rejects(openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/noptrace/app' } }, () => {}), /lacks the SYS_PTRACE capability/);
  await assert.rejects(openTarget({ kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/sidecars' } }, () => {}), /^UserError: Pod shop\/sidecars has 2 containers \(app, envoy\): name the one to debug\.$/m);
});

/** Whether nothing listens on the loopback port any more. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}

function alive(pid: number): boolean {
  // An exited child of the stand-in waits as a zombie until init reaps it: that is gone too.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
