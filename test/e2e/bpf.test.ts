import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processAlive } from '../../src/app/target-process.js';
import { findOnPath } from '../../src/delve/locate.js';
import { exeOf } from '../../src/delve/server.js';
import { requireTool, waitFor } from '../support/delve.js';
import { descendants, startGotui } from '../support/tmux.js';

test('the eBPF lane in a real terminal: start calls, see the rate and sparkline move, pause, filter, stop', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const term = await startGotui(t, ['demo', 'orders']);
  if (!term) return;
  await term.waitFor('the running demo', /running │ demo orders/);
  await term.type(':bpf calls main.process');
  await term.keys('Enter');
  // Orders come every 300 ms: about 3 calls a second, each an event with its goroutine.
  let screen = await term.waitFor('a non-zero rate', /● calls main\.process\s+[1-9][\d.]*\/s/, 30_000);
  assert.match(screen, /main\.process on goroutine 1/);
  // One sparkline cell a second: the line moves as the seconds go by.
  const cells = (s: string) => (/\/s\s+([▁▂▃▄▅▆▇█]+)/.exec(s)?.[1] ?? '').length;
  const first = cells(screen);
  await waitFor('the sparkline to grow', async () => (cells(await term.screen()) >= first + 2) || undefined, 15_000);

  await term.keys('Space');
  screen = await term.waitFor('the paused badge counting', /PAUSED \+[1-9]/);
  await term.keys('Space');
  await term.waitFor('resumed', /^(?![\s\S]*PAUSED)/);

  await term.keys('/');
  await term.type('goroutine 999');
  await term.keys('Enter');
  await term.waitFor('the filter badge and nothing matching', /\/goroutine 999\/[\s\S]*no events match/);
  // A pattern that never returns under a backtracking engine, on a live probe: gotui keeps answering.
  await term.line(':bpf filter (.*)*x');
  await term.waitFor('the catastrophic filter applied', /\/\(\.\*\)\*x\//);
  await term.line(':help bpf');
  await term.waitFor('help answered while the filter runs', /gotui help|bpf/);
  await term.keys('Escape');
  await term.waitFor('the pager closed', /^(?![\s\S]*Esc closes)/);
  await term.type(':bpf filter');
  await term.keys('Enter');

  await term.keys('x');
  await term.waitFor('the probe stopped', /■ calls main\.process/);
  await term.keys('5');
  const said = await term.waitFor('the console saying so', /Stopped #1 calls main\.process after \d+ events/);
  // Stopped, the header keeps the count, not a rate; x and Space say it has ended instead of acting.
  const total = /Stopped #1 calls main\.process after (\d+) events/.exec(said)![1];
  await term.keys('9');
  await term.waitFor('the count in the header', new RegExp(`■ calls main\\.process  ${total} events`));
  await term.keys('x');
  await term.waitFor('x refused', /Stop the shown probe: not now, #1 has stopped/);
  await term.keys('Space');
  await term.waitFor('Space refused', /Pause or resume the shown probe's list and tables .*: not now, #1 has stopped/);
  // Listed from the console, the probes' pane takes the bottom slot and hides it: the list shows on the command row.
  await term.keys('5');
  await term.waitFor('the console', /> :?bpf filter/);
  await term.type(':bpf list');
  await term.keys('Enter');
  await term.waitFor('the list where the user looks', new RegExp(`#1 calls main\\.process  \\S+  ${total} events`));
  await term.type(':quit');
  await term.keys('Enter');
  assert.equal(await term.waitFor('exit', /\[exited 0\]/).then(() => 0), 0);
});

test('the eBPF event list at 200x50: g keeps the pane full, the title gives the position, / filters by the time shown, Ctrl-U keeps the filter prompt, Space says resume while paused', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const term = await startGotui(t, ['demo', 'orders', '--', '-every', '20ms'], { columns: 200, rows: 50 });
  if (!term) return;
  await term.waitFor('the running demo', /running │ demo orders/);
  await term.line(':bpf calls main.process');
  const position = (s: string) => /▸#1 calls main\.process · (\d+)\/(\d+)/.exec(s)?.slice(1).map(Number);
  const eventRows = (s: string) => s.split('\n').filter((l) => /^│\d\d:\d\d:\d\d main\.process on goroutine 1\b/.test(l));
  const statusBar = (s: string) => s.split('\n').find((l) => /demo orders/.test(l) && /\? help/.test(l)) ?? '';
  await waitFor('more events than the pane holds', async () => {
    const s = await term.screen();
    return (position(s)?.[1] ?? 0) > 3 * eventRows(s).length && eventRows(s).length > 5 ? s : undefined;
  }, 30_000);
  // Paused, the list holds still: Space now resumes, and the status bar says so.
  await term.keys('Space');
  let screen = await term.waitFor('paused', /PAUSED \+\d/);
  assert.match(statusBar(screen), /Space resume/);
  const full = eventRows(screen).length;
  const [at, of] = position(screen)!;
  assert.equal(at, of, 'the cursor follows the newest');
  await term.keys('g');
  screen = await term.waitFor('the oldest event', new RegExp(`· 1/${of}\\b`));
  assert.equal(eventRows(screen).length, full, 'the pane stays full at the top');
  assert.doesNotMatch(screen, /of \d+ match/);
  await term.keys('j');
  screen = await term.waitFor('one down', new RegExp(`· 2/${of}\\b`));
  assert.equal(eventRows(screen).length, full);
  await term.keys('G');
  await term.waitFor('the newest again', new RegExp(`· ${of}/${of}\\b`));
  await term.keys('Space');
  screen = await term.waitFor('resumed', /^(?![\s\S]*PAUSED)/);
  assert.match(statusBar(screen), /Space pause/);
  // g while it runs: the list holds still on the oldest (as less stops following), new events counted; G follows again.
  await term.keys('g');
  screen = await term.waitFor('held at the oldest while events come', /PAUSED \+([2-9]|\d\d+)/);
  const held = position(screen)!;
  assert.equal(held[0], 1, `still on the oldest: ${held.join('/')}`);
  await term.keys('G');
  screen = await term.waitFor('following again', /^(?![\s\S]*PAUSED)/);
  const following = position(screen)!;
  assert.equal(following[0], following[1], 'the cursor on the newest');

  // The filter matches the row as shown, its time included.
  const second = /^│(\d\d:\d\d:\d)\d main\.process/m.exec(screen)![1]!;
  await term.keys('/');
  await term.type(second);
  await term.keys('Enter');
  screen = await term.waitFor('the time filter', new RegExp(`/${second}/`));
  assert.doesNotMatch(screen, /no events match/);
  assert.ok(eventRows(screen).length && eventRows(screen).every((l) => l.startsWith(`│${second}`)), screen);
  // Ctrl-U clears what was typed after `:bpf filter `, not the command: the words typed next filter.
  await term.keys('/');
  await term.type('zzz');
  await term.keys('C-u');
  await term.type('goroutine 1');
  await term.keys('Enter');
  screen = await term.waitFor('the new filter', /\/goroutine 1\//);
  assert.doesNotMatch(screen, /goroutine is not available/);
  await term.keys('q');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 15_000), 0);
});

test('a uretprobe request is refused in one sentence and the session stays usable', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  const term = await startGotui(t, ['demo', 'orders']);
  if (!term) return;
  await term.waitFor('the running demo', /running │ demo orders/);
  await term.type(':bpf calls main.process --ret');
  await term.keys('Enter');
  await term.waitFor('the refusal', /uretprobes are refused on Go code/);
  await term.type(':bpf calls main.nosuch');
  await term.keys('Enter');
  await term.waitFor('the unknown function', /main\.nosuch is not a function/);
  await term.keys('p');
  await term.waitFor('still debugging', /stopped \(pause\)/);
});

for (const how of ['q', 'the terminal hangs up'] as const) {
  test(`a running probe ends with gotui: ${how}`, async (t) => {
    if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
    const term = await startGotui(t, ['demo', 'orders']);
    if (!term) return;
    await term.waitFor('the running demo', /running │ demo orders/);
    await term.line(':bpf calls main.process');
    await term.waitFor('events coming', /● calls main\.process\s+[1-9][\d.]*\/s/, 30_000);
    const gotui = await term.appPid();
    const bpftrace = descendants(gotui).filter((pid) => /bpftrace$/.test(exeOf(pid) ?? ''));
    assert.equal(bpftrace.length, 1, 'one bpftrace, started by gotui');
    if (how === 'q') {
      await term.keys('q');
      await term.waitFor('gotui gone', /\[exited 0\]/);
    } else await term.vanish();
    await waitFor('bpftrace to end', () => !processAlive(bpftrace[0]!) || undefined, 15_000);
    await waitFor('gotui to end', () => !processAlive(gotui) || undefined, 15_000);
  });
}
