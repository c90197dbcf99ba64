import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer, waitFor } from '../support/delve.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleLine, must, runToStop } from '../support/app.js';

/** The dlv CLI's `Values returned:` block after stepout, as `name = value` pairs. */
function cliReturned(text: string): string[] {
  const block = /^Values returned:\n((?:\t.*\n?)+)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^\t(\S+): (.*)$/gm)].map((m) => `${m[1]} = ${m[2]}`);
}

test("o says what the function returned, as the dlv CLI's stepout says it on the same program at the same call", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.applyDiscount');
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  const stop = await runToStop(app, rec, 'stepout');
  assert.equal(stop.reason, 'step');
  const said = await consoleLine(rec, /^main\.applyDiscount returned /, from);

  // The oracle: the dlv CLI's stepout on a second Delve of the same program, out of the same first call.
  const twin = await startDemoServer(t, 'orders');
  const cli = await dlvCli(twin.address, ['break main.applyDiscount', 'continue', 'stepout']);
  const expected = cliReturned(cli);
  assert.equal(expected.length, 1, cli);
  assert.equal(said, `main.applyDiscount returned ${expected.join(', ')}`);

  // Reading them ran nothing: the dlv CLI on this server sees the same goroutine at the same line.
  const here = await dlvCli(server.address, ['goroutine']);
  const line = app.session.state.selection?.top?.line;
  assert.match(here, new RegExp(`^Goroutine ${stop.goroutine}:\\n(?:\\t.*\\n)*?\\tUser: \\S+main\\.go:${line} main\\.process `, 'm'), here);
  // A next is no step out: it says nothing of returns.
  const count = () => rec.console.filter((l) => / returned /.test(l.text)).length;
  const before = count();
  await runToStop(app, rec, 'next');
  assert.equal(count(), before);
});

test('after each o, the frame it lands in shows its values, the ones the dlv CLI lists there: reading the return values waits for the stop\'s own reads', async (t) => {
  // main.main's values take Delve a while to read (a 1,000-node list among them), and 37 goroutines are grouped at each stop.
  const { app, rec, server } = await attachedApp(t, 'inventory', ['-quiet'], { stop: true });
  app.models.createAll();
  const vars = app.models.model(variablesFeature);
  await must(app, rec, 'break main.restock');
  for (let i = 0; i < 6; i++) {
    await runToStop(app, rec, 'continue');
    const from = rec.console.length;
    const stop = await runToStop(app, rec, 'stepout');
    await consoleLine(rec, /^main\.restock returned /, from);
    const shown = await waitFor('the values of the stop', () => {
      const s = vars.get();
      return s.stop === stop.number && !s.pending && !s.loading ? s : undefined;
    });
    const cli = await dlvCli(server.address, ['locals', 'args']);
    const names = [...cli.matchAll(/^([\w~]+) = /gm)].map((m) => m[1]!).sort();
    assert.deepEqual(shown.rows.filter((r) => r.depth === 0).map((r) => r.name).sort(), names, `step out ${i + 1}: ${shown.message ?? ''}\n${cli}`);
    assert.equal(app.session.state.status, 'stopped');
  }
});
