import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { connectTcp } from '../../src/dap/client.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { Session } from '../../src/session/session.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { renderPane } from '../support/render-pane.js';
import { testDelve, waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { modelsOf, waitForStop } from '../support/session.js';

// A service built as services are (no -gcflags=all=-N -l): its functions are optimized, and Delve
// reads some values wrong or not at all. The dlv CLI warns at such a stop; so must gotui.
test('a stop in an optimized function is flagged in the variables pane, where the dlv CLI warns at the same stop', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-optimized-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const binary = path.join(dir, 'orders');
  await execa('go', ['build', '-o', binary, '.'], { cwd: path.join(repoRoot, 'demos', 'orders') });
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args: ['-every', '20ms'] });
  t.after(() => server.stop());
  const session = new Session('optimized orders');
  t.after(() => session.dispose());
  await session.attach(await connectTcp(server.address), { stop: true, version: 'test', owned: false });
  await waitFor('the halt at attaching', () => (session.state.status === 'stopped' ? true : undefined));
  const vars = modelsOf(session).model(variablesFeature);
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'function', spec: 'main.format' });
  await session.continue();
  await waitForStop(session, since);
  await waitFor('the variables of the stop', () => (vars.get().frame ? true : undefined));
  assert.match(await dlvCli(server.address, ['frame 0']), /Warning: debugging optimized function/);
  assert.equal(vars.get().optimized, true);
  assert.match(renderPane(variablesFeature, vars, { width: 160, height: 8 })[0]!, /optimized function: values may be unreadable or stale/);
});
