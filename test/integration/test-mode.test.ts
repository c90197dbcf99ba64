import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { findMarker } from '../../src/demos/build.js';
import { demoDir, getDemo } from '../../src/demos/catalog.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { consoleSince, must, runToStop } from '../support/app.js';
import { headlessApp } from '../support/session.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';

test('gotui test PKG -run RE debugs only the tests RE names: a breakpoint in one stops, one in another never does; the run ends with the tests\' verdict', async (t) => {
  const pkg = demoDir(getDemo('pipeline'));
  const conn = await openTarget({ kind: 'test', pkg: path.relative(process.cwd(), pkg) || '.', run: 'TestQueueOrder$', args: ['-test.v'] }, () => {});
  t.after(() => conn.server?.stop());
  assert.match(conn.label, /^test .*pipeline -run TestQueueOrder\$$/);
  const { app, rec, ended } = headlessApp(conn, { stop: true });
  await app.start();
  t.after(() => app.close());
  const order = findMarker('pipeline', 'gotui:test-order');
  const consume = findMarker('pipeline', 'gotui:test-consume');
  await must(app, rec, `break ${order.file}:${order.line}`);
  await must(app, rec, `break ${consume.file}:${consume.line}`);

  const stop = await runToStop(app, rec, 'continue');
  assert.match(stop.frame?.name ?? '', /pipeline\.TestQueueOrder$/);
  assert.equal(stop.frame?.line, order.line);
  // The dlv CLI sees the same test frame and the same queue.
  const cli = await dlvCli(conn.address, ['print len(queue)', 'print queue']);
  assert.match(cli, /^2$/m, cli);
  assert.equal((await app.session.evaluate('len(queue)')).result, '2');

  // TestConsume is not run: its breakpoint never stops; the tests pass and the program exits 0.
  await must(app, rec, 'continue');
  await waitFor('the test binary to exit', () => rec.ended[0], 60_000);
  assert.equal(rec.stops.filter((s) => s.frame?.line === consume.line).length, 0);
  // The test binary's last lines come before its exit is said, as `dlv test` prints them.
  const lines = consoleSince(rec, 0).split('\n');
  const verdict = lines.findIndex((l) => /--- PASS: TestQueueOrder/.test(l));
  const exit = lines.findIndex((l) => /The target exited with code 0\./.test(l));
  const last = lines.map((l) => /^(PASS|ok\b)/.test(l)).lastIndexOf(true);
  assert.ok(verdict >= 0 && last > verdict && exit > last, lines.slice(-8).join('\n'));
  assert.doesNotMatch(consoleSince(rec, 0), /TestConsume/);
  assert.equal(rec.ended[0]!.exitCode, 0);
  // Quitting says again how the program ended: the console that said it goes with the screen.
  await app.run('quit');
  assert.match(ended.message ?? '', /^Ended test .*pipeline -run TestQueueOrder\$ and its Delve \(the program had exited with code 0\)\.$/);
});

test('gotui test on failing tests: the verdict comes before the exit, and gotui exits 1 as go test does', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-failing-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module calc\n\ngo 1.21\n');
  fs.writeFileSync(path.join(dir, 'calc.go'), 'package calc\n\nfunc Div(a, b int) int { return a / b }\n');
  fs.writeFileSync(path.join(dir, 'calc_test.go'), 'package calc\n\nimport "testing"\n\nfunc TestDiv(t *testing.T) {\n\tif got := Div(9, 3); got != 4 {\n\t\tt.Errorf("Div(9, 3) = %d, want 4", got)\n\t}\n}\n');
  const conn = await openTarget({ kind: 'test', pkg: dir, args: ['-test.v'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec, ended } = headlessApp(conn, { stop: true });
  await app.start();
  t.after(() => app.close());
  const goroutines = app.models.model(goroutinesFeature);
  await must(app, rec, 'continue');
  await waitFor('the test binary to exit', () => rec.ended[0], 60_000);
  // The goroutines pane says the program exited (its side channel may open after the exit), not that it runs.
  await waitFor('the goroutines pane to say so', () => (/^The target has exited/.test(goroutines.get().message ?? '') ? true : undefined));
  const lines = consoleSince(rec, 0).split('\n');
  assert.ok(lines.findIndex((l) => /--- FAIL: TestDiv/.test(l)) < lines.findIndex((l) => /The target exited with code 1\./.test(l)), lines.join('\n'));
  // No breakpoint was set: the way to a run that stops is said with it (trial BV).
  assert.ok(lines.some((l) => l === 'The target exited with code 1. It ran to its end with no breakpoint set: set one (:break FILE:LINE), then :restart runs it again (:start stops at main.main).'), lines.join('\n'));
  await app.run('quit');
  assert.equal(ended.code, 1);
  assert.match(ended.message ?? '', /and its Delve \(the program had exited with code 1\)\.$/);
});

test("gotui test (and debug) of a path that is no directory here says so, before Delve or go run (trial AJ: go's 'cannot find main module')", async () => {
  for (const kind of ['test', 'debug'] as const) {
    await assert.rejects(
      openTarget({ kind, pkg: './no-such-package', args: [] } as Parameters<typeof openTarget>[0], () => {}),
      (e: Error & { hint?: string }) => e.message === './no-such-package is not a directory here.' && new RegExp(`gotui ${kind} \\./cmd/server`).test(e.hint ?? ''),
    );
  }
});
