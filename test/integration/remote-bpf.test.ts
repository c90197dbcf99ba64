import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execa } from 'execa';
import { bpfFeature } from '../../src/bpf/feature.js';
import { findOnPath } from '../../src/delve/locate.js';
import { mountTracefs, tracefsMounted } from '../../src/bpf/runner.js';
import { requireTool, waitFor } from '../support/delve.js';
import { attachOverSsh, startRemoteDemo } from '../support/remote-host.js';

const lastOrder = (lines: string[]) => {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^order (\d+)/.exec(lines[i]!);
    if (m) return Number(m[1]);
  }
  return 0;
};

test(':bpf calls on an SSH target runs bpftrace on that host through the same connection and counts every call', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  if (!tracefsMounted()) await mountTracefs();
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { app, rec } = await attachOverSsh(t, remote);
  const bpf = app.models.model(bpfFeature);
  t.after(async () => {
    await bpf.stopAll();
    await app.end('leave').catch(() => undefined);
  });
  assert.ok(await app.run('continue'));
  await waitFor('the first order', () => lastOrder(remote.server.output) > 0 || undefined, 20_000);

  // The binary exists only there: the probe names its path there, and its symbols come from a copy.
  assert.equal(fs.existsSync(remote.binary), false);
  // A name the binary there lacks: said of the program, not of gotui's copy of it here.
  assert.equal(await app.run('bpf calls main.proces'), false);
  assert.match(rec.console.at(-1)?.text ?? '', /^main\.proces is not a function in orders\. Nearest: main\.process/, rec.console.map((l) => l.text).join('\n'));
  const ok = await app.run('bpf calls main.process');
  assert.ok(ok, rec.console.map((l) => l.text).join('\n'));
  const s = bpf.current()!;
  const from = lastOrder(remote.server.output);
  await waitFor('calls counted', () => s.total >= 8 || undefined, 30_000);
  // Halted, the calls end; the program's lines come over SSH behind bpftrace's events (under load,
  // two orders behind): compare once the line of every counted call has come, or never has.
  assert.ok(await app.run('pause'));
  await bpf.stop(s.id);
  await waitFor("the program's line of every counted call", () => lastOrder(remote.server.output) >= from + s.total - 1 || undefined, 20_000).catch(() => undefined);
  const to = lastOrder(remote.server.output);
  assert.equal(s.status, 'stopped', s.error?.message);
  // One call at each end may fall outside the lines read: the order whose line was the last read as
  // the probe started may have been called after it attached, and the pause may halt a call before its line.
  assert.ok(Math.abs(s.total - (to - from)) <= 2, `${s.total} calls for orders ${from + 1}..${to}`);
  assert.ok(s.visibleEvents(1000).events.every((e) => e.goid === 1 && e.func === 'main.process'));
  const table = s.tables.get('@by_goroutine');
  assert.ok(table?.kind === 'map');
  assert.deepEqual(table.rows, [{ label: 'goroutine 1', value: s.total }], 'bpftrace printed its maps at the end: it got SIGINT there');
  const left = await execa('pgrep', ['-f', `bpftrace -f json .*${remote.binary}`], { reject: false });
  assert.equal(left.stdout.trim(), '', 'no bpftrace left running on the host');
});

test('the SSH link dropped under a running probe: the probe is said to have ended with the link, in its pane and the console, not blamed on bpftrace; none is left on the host (trial BS)', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  if (!tracefsMounted()) await mountTracefs();
  const remote = await startRemoteDemo(t, 'orders');
  if (!remote) return;
  const { conn, app, rec } = await attachOverSsh(t, remote);
  const bpf = app.models.model(bpfFeature);
  t.after(async () => {
    await bpf.stopAll();
    await app.end('leave').catch(() => undefined);
  });
  assert.ok(await app.run('continue'));
  assert.ok(await app.run('bpf calls main.process'), rec.console.map((l) => l.text).join('\n'));
  const s = bpf.current()!;
  await waitFor('calls counted', () => s.total >= 2 || undefined, 30_000);
  process.kill(conn.remote!.ssh.masterPid!, 'SIGKILL');
  await waitFor('the probe ended', () => (s.status === 'failed' ? true : undefined), 30_000);
  assert.equal(s.error?.message, `The SSH link to ${remote.sshd.host} closed under bpftrace, and the probe ended with it.`);
  await waitFor('the console said so', () => rec.console.find((l) => /^Probe #1 calls main\.process ended: The SSH link to /.test(l.text)) ?? undefined, 10_000);
  await waitFor('no bpftrace left on the host', async () => ((await execa('pgrep', ['-f', `bpftrace -f json .*${remote.binary}`], { reject: false })).stdout.trim() === '' ? true : undefined), 20_000);
});
