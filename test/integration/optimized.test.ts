import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { renderPane } from '../support/render-pane.js';
import { waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { buildDemo } from '../../src/demos/build.js';
import { modelsOf, stoppedInFunction } from '../support/session.js';

// A service built as services are (no -gcflags=all=-N -l): its functions are optimized, and Delve
// reads some values wrong or not at all. The dlv CLI warns at such a stop; so must gotui.
test('a stop in an optimized function is flagged in the variables pane, where the dlv CLI warns at the same stop', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-optimized-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const binary = path.join(dir, 'orders');
  await execa('go', ['build', '-o', binary, '.'], { cwd: path.join(repoRoot, 'demos', 'orders') });
  const said: string[] = [];
  const { server, session } = await stoppedInFunction(t, binary, 'main.format', ['-every', '20ms'], (m) => {
    m.model(variablesFeature);
    m.session.events.on('message', (e) => said.push(e.text));
  });
  const vars = modelsOf(session).model(variablesFeature);
  await waitFor('the variables of the stop', () => (vars.get().frame ? true : undefined));
  assert.match(await dlvCli(server.address, ['frame 0']), /Warning: debugging optimized function/);
  assert.equal(vars.get().optimized, true);
  assert.match(renderPane(variablesFeature, vars, { width: 160, height: 8 })[0]!, /optimized function: values may be unreadable or stale/);
  // And once in the console, with the way to a build that reads (trial BV: only the title said it).
  assert.equal(said.filter((l) => /^main\.format is optimized \(the dlv CLI warns "debugging optimized function"\): the binary was built without -gcflags=all=-N -l/.test(l)).length, 1, said.join('\n'));
});

test("a frame of Go's own optimized code (runtime.main) in a binary built with -N -l is not blamed on the build (trial BX: 'built without -gcflags=all=-N -l', which it was)", async (t) => {
  const said: string[] = [];
  const { server, session } = await stoppedInFunction(t, await buildDemo('orders'), 'main.format', ['-every', '20ms'], (m) => {
    m.model(variablesFeature);
    m.session.events.on('message', (e) => said.push(e.text));
  });
  const vars = modelsOf(session).model(variablesFeature);
  const frames = cliFrames(await dlvCli(server.address, ['stack 8']));
  const at = frames.findIndex((f) => f.func === 'runtime.main');
  assert.ok(at > 0, 'the dlv CLI names runtime.main in the stack');
  await session.selectFrame(at);
  await waitFor('the variables of runtime.main', () => (vars.get().frame?.startsWith('runtime.main') && !vars.get().pending ? true : undefined));
  assert.equal(vars.get().optimized, true, "Delve names its scope optimized: still flagged in the pane");
  assert.deepEqual(said.filter((l) => /built without/.test(l)), [], said.join('\n'));
});
