import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleSince, must, runToStop } from '../support/app.js';

// The README promises `y` prints a value whole; :print, as the dlv CLI, cuts strings at 64 bytes.
test('y on a variable prints it whole (the 379-byte terms), as the dlv CLI does with its limits raised; :print keeps the CLI\'s 64-byte cut', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet', '-every', '20ms'], { stop: true });
  const loop = findMarker('orders', 'gotui:loop');
  await must(app, rec, `break main.go:${loop.line}`);
  await runToStop(app, rec, 'continue');
  const vars = app.models.model(variablesFeature);
  await waitFor('the locals', () => (vars.get().rows.some((r) => r.name === 'terms') ? true : undefined));
  vars.move(vars.get().rows.findIndex((r) => r.name === 'terms'));
  const y = variablesFeature.bindings!.find((b) => b.keys.includes('y'))!;
  const line = y.command!({ session: app.session.state, model: (f) => app.models.model(f), focus: 'variables' });
  assert.equal(line, 'print -whole terms');

  const cli = (await dlvCli(server.address, ['config max-string-len 1048576', 'print terms'])).match(/^".*"$/m)?.[0];
  assert.ok(cli && cli.length > 300 && !cli.includes('...+'), `the dlv CLI prints the whole string:\n${cli}`);
  let from = rec.console.length;
  await must(app, rec, line);
  assert.equal(consoleSince(rec, from).split('\n').at(-1), cli);

  from = rec.console.length;
  await must(app, rec, 'print terms');
  const cut = (await dlvCli(server.address, ['print terms'])).match(/^".*$/m)?.[0];
  assert.match(cut ?? '', /\.\.\.\+\d+ more"$/);
  assert.equal(consoleSince(rec, from).split('\n').at(-1), cut);
});

test('a map inside a value reads as the dlv CLI lists it: its pairs, no `, ` left after the last (Delve\'s one-line printer leaves one)', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet', '-every', '20ms'], { stop: true });
  await must(app, rec, `break main.go:${findMarker('orders', 'gotui:process').line}`);
  await runToStop(app, rec, 'continue');
  const vars = app.models.model(variablesFeature);
  const o = await waitFor('the order argument', () => vars.get().rows.find((r) => r.name === 'o' && r.value.includes('Tags')));
  const cli = await dlvCli(server.address, ['print o.Tags']);
  const pairs = [...cli.matchAll(/^\s*("(?:[^"\\]|\\.)*": "(?:[^"\\]|\\.)*"),?\s*$/gm)].map((m) => m[1]);
  assert.ok(pairs.length >= 1, cli);
  assert.ok(o.value.includes(`Tags: map[string]string [${pairs.join(', ')}]`), `${o.value}\nthe dlv CLI:\n${cli}`);
});
