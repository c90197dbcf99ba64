import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { sourceFeature } from '../../src/source/feature.js';
import { demoDir, getDemo } from '../../src/demos/catalog.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { attachOverSsh, startRemoteDemo } from '../support/remote-host.js';
import { inNamespace } from '../support/sshd.js';
import { headlessApp, waitForStop } from '../support/session.js';
import { makeRule } from '../../src/source/substitute.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';

test('sources that exist only on the SSH host are read over the same SSH connection; a breakpoint set on the fetched file hits', async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { app, rec } = await attachOverSsh(t, remote);
  const source = app.models.model(sourceFeature);
  // Start-up asked the host two things, each a session there (0.7 s on a slow host): the /proc
  // read that checks Delve listens (kept for the reconnect check) and the pairing directory.
  const sessions = () => [...remote.sshd.log().matchAll(/Starting session: command /g)].length;
  assert.equal(sessions(), 2, remote.sshd.log());

  const at = remote.marker('gotui:process');
  assert.equal(fs.existsSync(at.file), false, 'the source is not on this machine');
  // The b key runs toggle-break on the shown file: Delve's path.
  assert.ok(await app.run(`toggle-break ${at.file}:${at.line}`));
  // Delve started the demo halted at its entry.
  assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, 1);
  assert.equal(stop.frame?.file, at.file);
  assert.equal(stop.frame?.line, at.line);
  const cli = cliFrames(await dlvCli(remote.server.address, ['stack 1']));
  assert.deepEqual([cli[0]?.file, cli[0]?.line], [at.file, at.line], 'the dlv CLI agrees where the target stopped');

  // :info names the process there, as Delve's JSON-RPC (ProcessPid) and the test's start of it know it.
  const from = rec.console.length;
  assert.ok(await app.run('info'));
  const info = rec.console.slice(from).map((l) => l.text).join('\n');
  const rpc = await DelveRpcClient.connect(remote.server.address);
  const pid = await rpc.processPid().finally(() => rpc.close());
  assert.equal(pid, remote.server.targetPid);
  const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(info, new RegExp(`^Target  ${esc(remote.destination)} \\(ssh\\) \\(pid ${pid} there( when last read)?, ${esc(remote.binary)}\\), attached: q leaves it running, or asks when it is halted$`, 'm'), info);

  const shown = await source.finder.load(at.file);
  assert.equal(shown.origin, 'remote');
  assert.equal(shown.shownAs, `${remote.sshd.host}:${at.file}`);
  assert.equal(shown.lines.join('\n') + '\n', await remote.remoteText(at.file), 'the text is the remote file\'s');
  await waitFor('the pane to show it', () => source.get().lines === shown.lines.length || undefined);
  assert.equal(source.cursorLine(), at.line);

  // :sources lists the target's files and where each is read.
  assert.ok(await app.run('sources orders/'));
  assert.ok(rec.console.some((l) => l.text.includes(`${at.file}  ← on ${remote.sshd.host} (read over SSH when shown)`)), rec.console.map((l) => l.text).join('\n'));

  // A copy here, mapped by :substitute-path: shown from here, breakpoints still in Delve's terms.
  const local = demoDir(getDemo('orders'));
  assert.ok(await app.run(`substitute-path ${remote.dir} ${local}`));
  const mapped = await source.finder.load(at.file);
  assert.equal(mapped.origin, 'mapped');
  assert.equal(mapped.shownAs, path.join(local, 'main.go'));
  const item = remote.marker('gotui:item');
  // A breakpoint typed with the local path goes to Delve under its own path.
  assert.ok(await app.run(`break ${path.join(local, 'main.go')}:${item.line}`));
  assert.ok(app.session.state.breakpoints.some((b) => b.file === item.file && b.line === item.line && b.verified));
  const since = app.session.stopCount;
  assert.ok(await app.run('continue'));
  const next = await waitForStop(app.session, since);
  assert.deepEqual([next.frame?.file, next.frame?.line], [item.file, item.line]);
  // Run-to and logpoints take the local path too.
  assert.ok(await app.run('clearall'));
  const loop = remote.marker('gotui:loop');
  assert.ok(await app.run(`trace ${path.join(local, 'main.go')}:${item.line} "item"`));
  assert.ok(app.session.state.breakpoints.some((b) => b.file === item.file && b.line === item.line && b.logMessage && b.verified));
  const before = app.session.stopCount;
  assert.ok(await app.run(`continue ${path.join(local, 'main.go')}:${loop.line}`));
  const there = await waitForStop(app.session, before);
  assert.deepEqual([there.frame?.file, there.frame?.line], [loop.file, loop.line]);
  assert.ok(await app.run('clearall'));
  assert.ok(await app.run('substitute-path -clear'));
  assert.equal((await source.finder.load(at.file)).origin, 'remote');
});

test('without SSH, a --substitute-path rule or a guess from the local module finds the sources', async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const at = remote.marker('gotui:process');
  const local = demoDir(getDemo('orders'));
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: remote.server.address.port } }, () => {});
  const { app } = headlessApp(conn, { substitutePath: [makeRule(remote.dir, local, 'flag')] });
  await app.start();
  t.after(() => app.end('leave').catch(() => undefined));
  const finder = app.models.model(sourceFeature).finder;
  assert.ok(await app.run(`break ${path.basename(at.file)}:${at.line}`));
  assert.ok(await app.run('continue'));
  const stop = await waitForStop(app.session, 1);
  assert.equal(stop.frame?.file, at.file);
  const flagged = await finder.load(at.file);
  assert.deepEqual([flagged.origin, flagged.shownAs], ['mapped', path.join(local, 'main.go')]);

  // gotui runs in another directory than the module: no guess, and no SSH to read from.
  assert.ok(await app.run('substitute-path -clear'));
  const missing = await finder.load(at.file);
  assert.match(missing.missing ?? '', /is not on this machine .*:substitute-path FROM TO/);
  // A rule typed then shows the file at the stop's line, as the stop would have (it showed line 1).
  const source = app.models.model(sourceFeature);
  await waitFor('the pane without the file', () => (source.get().lines === 0 ? true : undefined));
  assert.ok(await app.run(`substitute-path ${remote.dir} ${local}`));
  await waitFor('the mapped file in the pane', () => (source.get().lines > 0 ? true : undefined));
  assert.equal(source.cursorLine(), at.line);
  assert.equal(source.get().stop?.line, at.line);

  // The same target seen from inside a checkout of the module: Delve's guess maps it.
  const cwd = process.cwd();
  process.chdir(local);
  t.after(() => process.chdir(cwd));
  assert.ok(await app.run('substitute-path -clear'));
  const guessed = await finder.load(at.file);
  assert.equal(guessed.origin, 'mapped');
  assert.equal(guessed.shownAs, path.join(local, 'main.go'));
  assert.deepEqual(finder.rules().map((r) => [r.from, r.to, r.origin]), [[remote.dir, local, 'guess']]);
});

test(':dump over SSH writes the core on the host where Delve runs, and says so, with the scp that brings it here', async (t) => {
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { app, rec } = await attachOverSsh(t, remote);
  assert.equal(await app.run('dump svc.core'), false, 'a relative path would be Delve\'s directory there');
  assert.ok(rec.console.some((l) => l.text.startsWith(`Give the core's full path on ${remote.sshd.host}, where Delve runs and writes it.`)), rec.console.map((l) => l.text).join('\n'));
  const core = path.join(remote.dir, 'svc.core');
  assert.ok(await app.run(`dump ${core}`));
  const said = rec.console.map((l) => l.text).find((l) => l.startsWith('Wrote '));
  assert.match(said ?? '', new RegExp(`^Wrote ${core} on ${remote.sshd.host} \\(.*\\) in [\\d.]+s\\. Open it there with: gotui core ${remote.binary} ${core}, or copy it here first: scp ${remote.sshd.host}:${core} \\.$`));
  assert.equal(fs.existsSync(core), false, 'not on this machine');
  assert.equal((await inNamespace(remote.sshd, ['test', '-s', core]).then(() => true, () => false)), true, 'on the host, not empty');
});
