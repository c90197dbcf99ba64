import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { watchFeature } from '../../src/watch/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { appStoppedIn, attachedApp, consoleLine, consoleSince, must } from '../support/app.js';
import { afterPolls, pairHere } from '../support/pair.js';
import { renderPane } from '../support/render-pane.js';
import { waitForStop } from '../support/session.js';
import { CommandQueue } from '../../src/ui/command-queue.js';

/** Each line of run sets one of x and round, so which a step changed is known; counter never changes. */
const PROGRAM = `package main

import (
	"fmt"
	"time"
)

var counter = 12

func run(i int) int {
	x := 1
	round := 1
	x = 2
	round = 2
	x = 3
	x = 4
	x = x + round + counter + i
	return x
}

func main() {
	for i := 0; ; i++ {
		fmt.Println(run(i))
		time.Sleep(10 * time.Millisecond)
	}
}
`;
const lineOf = (text: string) => PROGRAM.split('\n').indexOf(`\t${text}`) + 1;

test(':display refuses what is not Go (Go\'s parser, as the dlv CLI reports it) and keeps a name not in scope, which a later frame may read', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-every', '20ms']);
  const format = findMarker('orders', 'gotui:format');
  await must(app, rec, `break main.go:${format.line}`);
  await waitFor('the stop in format', () => (app.session.state.status === 'stopped' && app.session.state.selection?.frame?.name === 'main.format' ? true : undefined), 30_000);
  const before = rec.console.length;
  assert.equal(await app.run('display total +'), false);
  const cli = /(\d+:\d+: expected operand, found 'EOF')/.exec(await dlvCli(server.address, ['print total +']))?.[1];
  assert.ok(cli, 'the dlv CLI reports the parse error');
  assert.match(consoleSince(rec, before), new RegExp(`'total \\+' is not a Go expression: ${cli}\\. A watch is Go`));
  assert.deepEqual(app.models.model(watchFeature).get().rows, [], 'no watch was added');
  // Not in this frame's scope: kept (it is read again at every stop and frame change), numbered #1.
  await must(app, rec, 'display recent');
  const rows = app.models.model(watchFeature).get().rows;
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.id, 1, 'the refused one gave its number back');
  assert.ok(rows[0]!.error, 'recent is not in format\'s scope');
  await must(app, rec, 'frame 1');
  await waitFor('recent read in main', () => (app.models.model(watchFeature).get().rows[0]?.value?.startsWith('[]int len: 1000') ? true : undefined));
});

test("the Watch pane reads its watches again when another client (the dlv CLI) sets a package variable at the same stop", async (t) => {
  pairHere(t);
  const { app, rec, server } = await appStoppedIn(t, 'watchset', PROGRAM, 'main.run');
  await must(app, rec, 'display main.counter');
  const watch = app.models.model(watchFeature);
  assert.equal(watch.get().rows[0]?.value, '12');
  const from = rec.console.length;
  // The poller has looked at the watch (its baseline) before the CLI sets it: a user is not as quick.
  await afterPolls({ app }, 4);
  assert.match(await dlvCli(server.address, ['set main.counter = 1000', 'print main.counter']), /^1000$/m);
  await waitFor("the CLI's value in the Watch pane", () => (watch.get().rows[0]?.value === '1000' ? true : undefined));
  assert.match(renderPane(watchFeature, watch, { width: 80, height: 5 }).join('\n'), /#1 main\.counter = 1000 {2}int/);
  await consoleLine(rec, /^» Another client \(the dlv CLI, an editor\) changed a value in .*; values are read again\.$/, from);
});

test('after a burst of steps the Watch pane marks what the last step changed, as the dlv CLI reads the values; a re-read or a :set at the same stop keeps the marks', async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'watchburst', PROGRAM, 'main.run');
  for (const e of ['counter', 'x', 'round']) await must(app, rec, `display ${e}`);
  const watch = app.models.model(watchFeature);
  const shown = () => watch.get().rows.map((r) => `${r.changed ? '*' : ''}${r.expr}=${r.value}`).join(' ');
  const line = () => app.session.currentFrame()?.line;
  // n n n n n n typed in one burst (from the line of func run): each waits in the queue for the stop before it.
  const queue = new CommandQueue(app.session, (l) => app.run(l));
  const since = app.session.stopCount;
  assert.deepEqual(await Promise.all(Array.from({ length: 6 }, () => queue.submit('next'))), [true, true, true, true, true, true]);
  await waitForStop(app.session, since + 5);
  assert.equal(line(), lineOf('x = 4'));
  const cli = await dlvCli(server.address, ['print counter', 'print x', 'print round']);
  assert.match(cli, /^12\n3\n2$/m, 'the dlv CLI reads counter 12, x 3, round 2');
  // The last step set x (2 to 3); round was set a step earlier, counter never.
  await waitFor('the last stop read', () => (shown() === 'counter=12 *x=3 round=2' ? true : undefined)).catch(() => assert.fail(`the Watch pane shows ${shown()}`));
  const pane = () => renderPane(watchFeature, watch, { width: 80, height: 6 }).join('\n');
  assert.match(pane(), /Watch · 3\/3 · main\.run \(frame 0\) · 1 changed/);
  assert.match(pane(), /\*#2 x = 3 {2}int/);

  // Another frame and back at the same stop: the marks are the stop's still.
  await must(app, rec, 'frame 1');
  await waitFor('read in frame 1', () => (watch.get().frame === 'main.main (frame 1)' ? true : undefined));
  await must(app, rec, 'frame 0');
  await waitFor('read in frame 0', () => (watch.get().frame === 'main.run (frame 0)' ? true : undefined));
  assert.equal(shown(), 'counter=12 *x=3 round=2');
  // A value :set here differs from the last stop's: marked.
  await must(app, rec, 'set counter = 5');
  await waitFor('the set value read', () => (shown() === '*counter=5 *x=3 round=2' ? true : undefined)).catch(() => assert.fail(`the Watch pane shows ${shown()}`));
  assert.match(pane(), /2 changed/);
  // The next stop compares with this one's values, the set one among them.
  const at = app.session.stopCount;
  await must(app, rec, 'next');
  await waitForStop(app.session, at);
  await waitFor('the next stop read', () => (shown() === 'counter=5 *x=4 round=2' ? true : undefined)).catch(() => assert.fail(`the Watch pane shows ${shown()}`));
});

test("a watch of a mistyped name offers the nearest ones, a package variable among them, as :print does (trial BZ: `countr`, no word of counter); the dlv CLI's vars the oracle", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'watchnear', PROGRAM, 'main.run');
  assert.match(await dlvCli(server.address, ['vars ^main\\.count']), /^main\.counter = 12$/m, 'the dlv CLI lists the package variable');
  const from = rec.console.length;
  await must(app, rec, 'display countr');
  await consoleLine(rec, /^Did you mean counter\?/, from);
  // The frame's argument mistyped: its nearest name there (the dlv CLI's args the oracle).
  assert.match(await dlvCli(server.address, ['args']), /^i = \d+$/m);
  await must(app, rec, 'display ii');
  await consoleLine(rec, /^Did you mean i\?/, from);
  assert.equal(app.models.model(watchFeature).get().rows.length, 2, 'kept: another frame may read them');
});

test('e in the Watch pane opens :set on the watched expression, as in the Variables pane; the value set is what the dlv CLI reads, marked (trial BZ, CC: e did nothing)', async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'watchedit', PROGRAM, 'main.run');
  await must(app, rec, 'display main.counter');
  const b = watchFeature.bindings!.find((x) => x.keys.includes('e'))!;
  const ctx = { session: app.session.state, model: app.models.model.bind(app.models), focus: 'watch' } as Parameters<NonNullable<typeof b.disabledReason>>[0];
  assert.equal(b.disabledReason?.(ctx), undefined);
  const prompt = typeof b.prompt === 'function' ? b.prompt(ctx) : b.prompt;
  assert.equal(prompt, 'set main.counter = ');
  await must(app, rec, `${prompt}77`);
  const watch = app.models.model(watchFeature);
  await waitFor('the value set, in the pane', () => (watch.get().rows[0]?.value === '77' ? true : undefined));
  assert.match(await dlvCli(server.address, ['print main.counter']), /^77$/m);
  // Set at the first stop it was read at: marked against the value read there (trial CC: unmarked).
  assert.equal(watch.get().rows[0]?.changed, true);
});
