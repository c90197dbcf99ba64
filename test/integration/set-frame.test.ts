import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { attachedApp, consoleLine, must } from '../support/app.js';

// :set in an outer frame (after `p` gotui may select one: the first frame of the main module).
test(':set in an outer frame writes that frame\'s local, as the dlv CLI\'s frame N set does', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-every', '20ms']);
  const format = findMarker('orders', 'gotui:format');
  await must(app, rec, `break main.go:${format.line}`);
  await waitFor('the stop at format', () => (app.session.state.status === 'stopped' && app.session.state.selection?.frame?.name === 'main.format' ? true : undefined), 30_000);
  await must(app, rec, 'clearall');
  await must(app, rec, 'frame 1');
  assert.equal(app.session.state.selection?.frame?.name, 'main.main');
  const before = Number(/^\d+$/m.exec(await dlvCli(server.address, ['frame 1 print id']))?.[0]);
  const to = before + 500;
  await must(app, rec, `set id = ${to}`);
  await consoleLine(rec, new RegExp(`^id = ${to}$`));
  assert.match(await dlvCli(server.address, ['frame 1 print id']), new RegExp(`^${to}$`, 'm'), 'the dlv CLI reads the new value in that frame');
  // Frame 0 is unchanged, and set there still goes through DAP.
  await must(app, rec, 'frame 0');
  await must(app, rec, 'set total = 1.5');
  assert.match(await dlvCli(server.address, ['print total']), /^1\.5$/m);
  // Past the outermost frame: said in the user's terms, and the frame stays.
  assert.equal(await app.run('up 100'), false);
  await consoleLine(rec, /^There is no frame up 100 from frame 0\./);
  assert.equal(app.session.state.selection?.frame?.index, 0);
});
