import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openTarget } from '../../src/app/connect.js';
import { findMarker } from '../../src/demos/build.js';
import { requireTool, waitFor } from '../support/delve.js';
import { oldDelvePath } from '../support/old-delve.js';
import { headlessApp } from '../support/session.js';

test('an older Delve (1.25) works for what it supports, says what it lacks, and is run past its Go check with a warning', async (t) => {
  if (!requireTool(t, fs.existsSync(oldDelvePath), `the older Delve at ${oldDelvePath} (npm test installs it)`)) return;
  process.env.GOTUI_DLV = oldDelvePath;
  const conn = await openTarget({ kind: 'demo', name: 'orders', args: [] }, () => {});
  t.after(() => conn.server?.stop());
  assert.match(conn.warnings.join(' '), /Delve 1\.25\.\d+ is older than the target's Go \(go1\.\d+/);
  const { app, rec } = headlessApp(conn);
  await app.start();
  const s = app.session;
  assert.equal(s.state.delveVersion.startsWith('1.25.'), true);
  // Detected from the initialize response and the version, not assumed.
  assert.equal(s.features.readMemory, false);
  assert.equal(s.features.examineCommand, false);
  assert.equal(s.features.disassemble, true);

  const at = findMarker('orders', 'gotui:process');
  const since = s.stopCount;
  assert.ok(await app.run(`break main.go:${at.line}`));
  const stop = await waitFor('the stop', () => rec.stops.find((x) => x.number > since && x.frames[0]?.line === at.line), 20_000);
  assert.ok(Number(stop.variables.find((v) => v.name === 'n')?.value) >= 1);
  // Memory degrades to the evaluate path, and says so.
  assert.ok(await app.run('x/2xg $rsp'));
  const out = rec.console.map((l) => l.text).join('\n');
  assert.match(out, /This Delve has no readMemory: reading through evaluate, \d+ bytes at a time\./);
  assert.match(out, /^0x[0-9a-f]+:\s+0x[0-9a-f]{16}\s+0x[0-9a-f]{16}$/m);
  assert.ok(await app.run('next'));
  await waitFor('the step', () => (s.state.status === 'stopped' && s.currentFrame()?.line === at.line + 1) || undefined);
  await app.run('quit');
});
