import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { startGotui } from '../support/tmux.js';
import { waitFor } from '../support/delve.js';

test('flags in a real terminal: change the log level from the Flags pane and see the output switch', async (t) => {
  const term = await startGotui(t, ['demo', 'flags-hot-reload', '--', '-log-level', 'debug', '-interval', '100ms'], { columns: 140, rows: 40 });
  if (!term) return;
  await term.waitFor('debug lines in the console', /DEBUG tick \d+/, 30_000);
  const tick = findMarker('flags-hot-reload', 'gotui:tick');
  await term.type(`:break main.go:${tick.line}`);
  await term.keys('Enter');
  await term.waitFor('the stop at the tick line', /stopped \(breakpoint #1\)/);
  await term.keys('8');
  await term.waitFor('the flags read from the process', /-log-level\s+string\s+debug/);
  // Walk the cursor to the log-level row: Enter opens the prompt with that flag's edit.
  const promptLine = async () => /^:(flag|restart) .*$/m.exec(await term.screen())?.[0];
  let prompt = '';
  for (let i = 0; i < 30; i++) {
    await term.keys('Enter');
    prompt = await waitFor('the prefilled prompt', promptLine);
    if (prompt.startsWith(':flag log-level=')) break;
    // Close it and wait until the screen shows it closed, so the next prompt read is the new one.
    await term.keys('Escape');
    await waitFor('the prompt closed', async () => ((await promptLine()) === undefined) || undefined);
    await term.keys('j');
  }
  assert.match(prompt, /:flag log-level=debug/);
  await term.keys('C-u');
  await term.type('flag log-level=info');
  await term.keys('Enter');
  // Re-read from the process, not shown optimistically.
  await term.waitFor('the new value read back', /-log-level\s+string\s+info/);
  await term.type(':clearall');
  await term.keys('Enter');
  await term.keys('c');
  await term.keys('5');
  const screen = await term.waitFor('info lines in the console', /INFO tick \d+/, 20_000);
  const lines = screen.split('\n').filter((l) => /(DEBUG|INFO) tick/.test(l));
  assert.match(lines.at(-1)!, /INFO tick/, 'the newest line is at the new level');
});

test('80x24, the Flags pane where the console was: an edit queued while the target runs is said on the command row, then applied at the stop', async (t) => {
  const term = await startGotui(t, ['demo', 'flags-hot-reload', '--', '-log-level', 'debug', '-interval', '100ms'], { columns: 80, rows: 24 });
  if (!term) return;
  await term.waitFor('debug lines in the console', /DEBUG tick \d+/, 30_000);
  // Read once at a pause, then running again: the edit is checked against the flags read, and queued.
  await term.keys('p');
  await term.waitFor('the pause', /stopped \(pause\)/);
  await term.keys('8');
  await term.waitFor('the flags read in the console\'s place', /-log-level\s+string\s+debug/);
  await term.keys('c');
  await term.waitFor('running again', /^ running/m);
  await term.line(':flag log-level=warn');
  // Said in the console only, it was said nowhere on this screen (trial BA); cut, the row names the key that shows it whole.
  const screen = await term.waitFor('the queued edit on the command row', /^The target is running: queued as edit #1.*\(5: console\)\s*$/m);
  assert.doesNotMatch(screen, /5 Console/);
  // Its Set runs at a stop in the program's code (a pause parks in the runtime): a breakpoint on the tick line.
  await term.keys('p');
  await term.waitFor('the pause', /stopped \(pause\) │ stop 2/);
  await term.line(`:break main.go:${findMarker('flags-hot-reload', 'gotui:tick').line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await term.waitFor('the edit applied at the breakpoint, read back', /-log-level\s+string\s+warn/);
  await term.line(':quit -kill');
});
