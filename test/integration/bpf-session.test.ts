import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTarget } from '../../src/app/connect.js';
import { findOnPath } from '../../src/delve/locate.js';
import { requireTool, waitFor } from '../support/delve.js';
import { headlessApp } from '../support/session.js';

test('from an eBPF event to the debugger: B breaks on its function for its goroutine, Enter shows that goroutine', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: [] }, () => {});
  t.after(() => conn.server?.stop());
  const { app } = headlessApp(conn);
  t.after(() => app.bpf.stopAll());
  await app.start();
  const s = app.session;
  assert.equal(s.state.status, 'running');
  // The target is never stopped by a probe; the pid and binary come from the session.
  assert.ok(await app.run('bpf calls main.process'));
  const event = await waitFor('an event with a goroutine', () => {
    const e = app.bpf.selectedEvent();
    return e?.goid !== undefined ? e : undefined;
  }, 30_000);
  assert.equal(event.func, 'main.process');
  assert.equal(s.state.status, 'running');
  // Enter needs a stopped target: one sentence, the session goes on.
  assert.equal(await app.run('bpf goto'), false);
  assert.match(s.state.lastError ?? '', /can be shown only while the target is stopped/);

  const since = s.state.stopCount;
  assert.ok(await app.run('bpf break'));
  const bp = s.state.breakpoints.at(-1)!;
  assert.equal(bp.spec, 'main.process');
  assert.equal(bp.condition, `runtime.curg.goid == ${event.goid}`);
  await waitFor('the stop in main.process', () => (s.state.stopCount > since && s.state.frames[0]?.name === 'main.process') || undefined, 20_000);
  assert.equal(s.state.stoppedThreadId, event.goid);
  // The probe kept counting up to the stop, and Delve's breakpoint fired with the probe in place.
  assert.ok(await app.run('bpf goto'));
  assert.equal(s.state.selectedThreadId, event.goid);
  await app.run('quit');
});
