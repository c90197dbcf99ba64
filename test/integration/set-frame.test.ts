import { test, type TestContext } from 'node:test';
import path from 'node:path';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { attachedApp, consoleLine, must } from '../support/app.js';

/** DEMO running, stopped once at MARKER's line (in FUNC), its breakpoint cleared. */
async function stoppedOnce(t: TestContext, demo: string, marker: string, func: string) {
  const h = await attachedApp(t, demo, ['-every', '20ms']);
  const at = findMarker(demo, marker);
  await must(h.app, h.rec, `break ${path.basename(at.file)}:${at.line}`);
  await waitFor(`the stop in ${func}`, () => (h.app.session.state.status === 'stopped' && h.app.session.state.selection?.frame?.name === func ? true : undefined), 30_000);
  await must(h.app, h.rec, 'clearall');
  return h;
}

// :set in an outer frame (after `p` gotui may select one: the first frame of the main module).
test(':set in an outer frame writes that frame\'s local, as the dlv CLI\'s frame N set does', async (t) => {
  const { app, rec, server } = await stoppedOnce(t, 'orders', 'gotui:format', 'main.format');
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

test(':set writes a field through a pointer and a map entry, as the dlv CLI\'s set does (Delve\'s DAP setVariable cannot)', async (t) => {
  // At its return every part has been filed in a bin: the map has entries.
  const { app, rec, server } = await stoppedOnce(t, 'inventory', 'gotui:restock-return', 'main.restock');
  const bin = /^"([^"]+)"/m.exec(await dlvCli(server.address, ['print w.Parts[0].Bin']))?.[1];
  assert.ok(bin, 'the dlv CLI names the first part\'s bin');
  await must(app, rec, 'set w.Round = 4242');
  await consoleLine(rec, /^w\.Round = 4242$/);
  await must(app, rec, `set w.Bins["${bin}"] = 77`);
  await consoleLine(rec, new RegExp(`^w\\.Bins\\["${bin}"\\] = 77$`));
  const cli = await dlvCli(server.address, ['print w.Round', `print w.Bins["${bin}"]`]);
  assert.match(cli, /^4242\n77$/m, `the dlv CLI reads both:\n${cli}`);
  // A key the map lacks: Delve cannot add one, which the hint says (not the value's type).
  assert.equal(await app.run('set w.Bins["nokey"] = 1'), false);
  assert.match(rec.console.map((l) => l.text).join('\n'), /Cannot set w\.Bins\["nokey"\] to 1: key not found\. Delve sets only an entry the map already has: it cannot add a key/);
  // What is not a variable: one sentence, no Go stack, and the session goes on.
  assert.equal(await app.run('set 1 = 2'), false);
  assert.equal(await app.run('set nosuch = 2'), false);
  const said = rec.console.map((l) => l.text).join('\n');
  assert.doesNotMatch(said, /goroutine \d+ \[|runtime\/debug|panic/);
  assert.match(said, /Cannot set nosuch to 2: .*\n?.*not a variable in scope/);
});
