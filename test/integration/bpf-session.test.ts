import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTarget } from '../../src/app/connect.js';
import { findOnPath } from '../../src/delve/locate.js';
import { requireTool, waitFor } from '../support/delve.js';
import { headlessApp } from '../support/session.js';
import { bpfFeature } from '../../src/bpf/feature.js';
import { consoleFeature } from '../../src/console/feature.js';

test('from an eBPF event to the debugger: B breaks on its function for its goroutine, Enter shows that goroutine', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  const bpf = app.models.model(bpfFeature);
  t.after(() => bpf.stopAll());
  await app.start();
  const s = app.session;
  assert.equal(s.state.status, 'running');
  // The target is never stopped by a probe; the pid and binary come from the session.
  assert.ok(await app.run('bpf calls main.process'));
  const event = await waitFor('an event with a goroutine', () => {
    const e = bpf.selectedEvent();
    return e?.goid !== undefined ? e : undefined;
  }, 30_000);
  assert.equal(event.func, 'main.process');
  assert.equal(s.state.status, 'running');
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
  await app.run('quit');
});
