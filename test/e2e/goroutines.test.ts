import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startGotui } from '../support/tmux.js';

test('goroutine groups in a real terminal: grouped counts, open a group, select a goroutine, the stack follows', async (t) => {
  const term = await startGotui(t, ['demo', 'goroutine-leak', '--', '-burst', '3000', '-ticks', '0'], { columns: 160, rows: 45 });
  if (!term) return;
  await term.waitFor('the running demo', /running │ demo goroutine-leak/, 60_000);
  await term.keys('p');
  let screen = await term.waitFor('the groups', /goroutines · -group userloc/, 60_000);
  // The three leak sites of the demo, largest first.
  assert.match(screen, /main\.watch/);
  assert.match(screen, /main\.publish/);
  assert.match(screen, /main\.handleRequest/);
  await term.keys('c');
  await term.waitFor('running again', /running │/);
  await term.keys('p');
  // In full where the pane is wide enough, as `(+15)` where it is not (160 columns).
  screen = await term.waitFor('the growth since the last stop', /goroutines \(\+[\d,]+(?: since the last stop)?\) · -group userloc/, 60_000);

  await term.keys('2', 'Enter');
  screen = await term.waitFor('the open group with its members loaded', /Goroutines · group [\s\S]*││\s+\d+\s+(select|chan receive|chan send)/, 30_000);
  const member = /^│.*?\s(\d+)\s+(select|chan receive|chan send)/m.exec(screen.split('\n').map((l) => l.slice(l.lastIndexOf('││') + 1)).join('\n'));
  assert.ok(member, `a member row in:\n${screen}`);
  await term.keys('Enter');
  await term.waitFor('the stack of that goroutine', new RegExp(`Stack · goroutine ${member![1]}`));
  await term.waitFor('the user frame selected', /▶\s*\d+ main\.(watch|publish|handleRequest)/);
  await term.keys('Escape');
  await term.waitFor('back to the groups', /goroutines.* · -group userloc · by/);

  // Regrouped by a command: the pane shows it, no pager over it (trial V), and its keys work at once.
  await term.line(':goroutines -group startloc');
  await term.waitFor('the pane regrouped', /goroutines.* · -group startloc · by count/);
  await term.keys('S');
  await term.waitFor('sorted by growth', /-group startloc · by growth/);
  await term.keys('S');
  screen = await term.waitFor('sorted by name', /-group startloc · by name/);
  assert.doesNotMatch(screen, /j\/k scroll · /, 'no pager');
  // By name is by function (the rows name the file first, then the function).
  const pane = screen.split('\n').map((l) => l.slice(l.lastIndexOf('││') + 1));
  const fns = pane.flatMap((l) => /^│\s*[\d,]+\s+(?:\S+\s+)?\S+\.(?:go|s):\d+ ([^\s│]+)/.exec(l)?.[1] ?? []);
  assert.ok(fns.length >= 3, `group rows in:\n${screen}`);
  assert.deepEqual(fns, [...fns].sort(), `by function:\n${screen}`);
});
