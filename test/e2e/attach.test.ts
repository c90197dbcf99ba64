import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { startGotui } from '../support/tmux.js';
import { cuttableProxy } from '../support/proxy.js';

test('gotui attach in a real terminal: break, continue, see the stop, step, quit leaving the demo running', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`]);
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);

  const at = findMarker('orders', 'gotui:process');
  // Order 5 is known: apple x3 (1.50) + bread x1 (2.25) → n = 4, sum = 3.75.
  await term.type(`:break main.go:${at.line} if o.ID == 5`);
  await term.keys('Enter');
  await term.waitFor('the breakpoint to be set', /Breakpoint #1 .*main\.go:\d+ if o\.ID == 5/);
  await term.type(':continue');
  await term.keys('Enter');
  let screen = await term.waitFor('the stop at the breakpoint', new RegExp(`▶\\s*${at.line} `));
  assert.match(screen, /stopped \(breakpoint #1\)/, 'a line breakpoint is named as the breakpoint it is');
  assert.match(screen, /main\.process/, 'the goroutine and its frame are listed');
  await term.waitFor('the locals', /n int = 4/);
  screen = await term.waitFor('the locals', /sum float64 = 3\.75/);
  assert.match(screen, new RegExp(`●▶\\s*${at.line} `), 'the breakpoint gutter and the stop marker share the line');

  await term.keys('n');
  await term.waitFor('the marker on the next line', new RegExp(`▶\\s*${at.line + 1} `));

  await term.keys('q');
  // Delve held the demo at its entry when gotui attached: the question and the console say so.
  const asked = await term.waitFor('the quit question', /Halted now \(halted at attach\): \[r\] let it run  \[h\] leave it halted  \[Esc\] cancel/);
  assert.match(asked, /The target was halted when gotui attached/);
  const printed = server.output.length;
  await term.keys('r');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
  screen = await term.screen();
  assert.match(screen, /gotui: Left demo|gotui: Left 127\.0\.0\.1/, 'the farewell is printed on the restored screen');
  assert.doesNotMatch(screen, /Goroutines/, 'the alternate screen is gone');
  await waitFor('the demo to go on printing orders', () => server.output.length > printed + 2 || undefined, 10_000);
  process.kill(server.targetPid!, 0);
});

test('keys work without the prompt: b sets a breakpoint at the cursor, c continues, Tab and Enter select a frame', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 100, rows: 30 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);
  const at = findMarker('orders', 'gotui:format');
  await term.type(`:b main.format`);
  await term.keys('Enter');
  await term.keys('c');
  await term.waitFor('the stop in format', /▶ 0 main\.format/);
  // The source cursor sits on the stop line; move it to the marker line and set a breakpoint there with b.
  const screen = await term.screen();
  const stopLine = Number(/^│.▶\s*(\d+) /m.exec(screen)![1]);
  for (let i = stopLine; i < at.line; i++) await term.keys('j');
  await term.keys('b');
  await term.waitFor('the new breakpoint', new RegExp(`Breakpoint #2 orders/main\\.go:${at.line}`));
  await term.keys('c');
  await term.waitFor('the stop at the b breakpoint', new RegExp(`●▶\\s*${at.line} `));
  // Stack pane, down to main.main's frame, Enter: the source follows to the caller's line.
  await term.keys('3', 'j', 'Enter');
  const call = findMarker('orders', 'gotui:print');
  await term.waitFor('the caller frame shown', new RegExp(`▶\\s*${call.line} `));
  // Help opens at the focused pane's keys (the stack's); g goes to its top, the keys that work everywhere.
  await term.keys('?');
  await term.waitFor("the help at the stack pane's keys", /gotui help[\s\S]*In the Stack pane\s*│\n│\s+Enter\s+Select the frame/);
  await term.keys('g');
  await term.waitFor('the help screen', /Shift-F11 o\s+Step out/);
  // The pager takes its own keys: the status bar offers no others, and another key says why it does nothing.
  assert.doesNotMatch(await term.screen(), /n next|c cont/);
  await term.keys('s');
  await term.waitFor("s's word", /s does nothing in the pager: Esc or q closes it first\./);
  // / searches as in less: the first row holding it comes to the top, the status row says the keys again.
  await term.keys('/');
  await term.type('toggle a BREAKPOINT');
  await term.waitFor('the search typed on the bottom line', /^\/toggle a BREAKPOINT\s*$/m);
  await term.keys('Enter');
  await term.waitFor('the match at the top of the pager', /gotui help.*\n│\s+\S.*Toggle a breakpoint on the cursor line[\s\S]*\/ n\/N search/);
  // n: the next row holding it, further down.
  const topRow = (screen: string) => screen.split('\n').find((_, i, all) => i > 0 && /gotui help/.test(all[i - 1]!)) ?? '';
  await term.keys('/');
  await term.type('breakpoint');
  await term.keys('Enter');
  const first = topRow(await term.waitFor('a row with breakpoint at the top', /gotui help.*\n│.*breakpoint/i));
  await term.keys('n');
  const next = topRow(await waitFor('the next match at the top', async () => {
    const screen = await term.screen();
    return topRow(screen) !== first && /breakpoint/i.test(topRow(screen)) ? screen : undefined;
  }, 10_000, 50));
  assert.match(next, /breakpoint/i);
  await term.keys('g');
  // The help is long: page down until the source pane's keys show.
  await waitFor('the help scrolled to the pane keys', async () => {
    if (/Toggle a breakpoint on the cursor line/.test(await term.screen())) return true;
    await term.keys('PageDown');
    return undefined;
  }, 20_000, 300);
  // : over the pager: the pager gives way to the prompt (a command typed there is not lost).
  await term.keys(':');
  await term.waitFor('the prompt in place of the pager', /^(?![\s\S]*gotui help)[\s\S]*^:\s*$/m);
  await term.keys('Escape');
  await term.resize(70, 20);
  await term.waitFor('the too-small screen', /Terminal too small: 70x20/);
  // q asks there too, where the question can be read (and Esc takes it back).
  await term.keys('q');
  await term.waitFor("q's question on the small screen", /Halted now \(halted at attach\)[\s\S]*\[r\] let it run/);
  await term.keys('Escape');
  await term.waitFor('the question gone', /^(?![\s\S]*let it run)[\s\S]*Terminal too small/);
  await term.resize(40, 10);
  await term.waitFor('the advice whole at 40 columns', /gotui needs at least 80x24\.[\s\S]*window \(q quits\)\./);
  // The smallest size gotui works at still shows every pane and the status bar.
  await term.resize(80, 24);
  const small = await term.waitFor('the panes at 80x24', /^(?=[\s\S]*1 Source)(?=[\s\S]*2 Goroutines)(?=[\s\S]*3 Stack)(?=[\s\S]*4 Variables)(?=[\s\S]*5 Console)(?=[\s\S]*stopped)/);
  assert.ok(small.split('\n').every((l) => [...l].length <= 80));
  await term.resize(100, 30);
  await term.waitFor('the panes back', /Goroutines/);
  await term.keys(':');
  await term.type('quit -leave');
  await term.keys('Enter');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
  // After resizes, quitting leaves no pane fragments on the shell's screen.
  assert.doesNotMatch(await term.screen(), /[┌┐└┘│─]/, 'no border fragments left');
});

/** gotui in an 80x24 terminal, attached to the orders demo (halted as Delve started it). */
async function attachedAt80(t: TestContext) {
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 });
  if (!term) return undefined;
  await term.waitFor('the session', /stopped .*│ 127\.0\.0\.1:\d+/);
  return { server, term };
}

test('quitting after the terminal grew leaves none of the frame on the shell\'s screen (tmux kept its top rows)', async (t) => {
  const at = await attachedAt80(t);
  if (!at) return;
  const { term } = at;
  await term.resize(130, 45);
  await term.waitFor('the panes at 130x45', /^┌─ 1 Source ─{60,}┐┌─ 2 Goroutines ─{30,}┐$/m);
  await term.keys(':');
  await term.type('quit -leave');
  await term.keys('Enter');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
  const screen = await term.screen();
  assert.doesNotMatch(screen, /[┌┐└┘│─]/, screen);
  assert.match(screen, /gotui: Left 127\.0\.0\.1:\d+/);
});

test('a question too long for the command row at 80 columns grows the row to hold it whole, its keys after it, and is whole in the console; Esc answers no', async (t) => {
  const at = await attachedAt80(t);
  if (!at) return;
  const { server, term } = at;
  await term.keys(':');
  await term.type('quit -kill');
  await term.keys('Enter');
  // Whole at 80 columns, the address too (trial T: cut before what it kills; trial CH: the address cut).
  const screen = await term.waitFor('the question', /^Kill program and Delve\? gotui did not start them \(127\.0\.0\.1:\d+\)\. *\n\[y\] kill them  \[Esc\] cancel *$/m);
  // The console wraps it: joined, its rows read as the question.
  const consoleText = screen.split('\n').map((l) => /^│(.*?)\s*│/.exec(l)?.[1] ?? '').join(' ').replace(/\s+/g, ' ');
  assert.match(consoleText, /Kill program and Delve\? gotui did not start them \(127\.0\.0\.1:\d+\)\./, screen);
  await term.keys('Escape');
  // The status bar above the grown row (two rows), then above one again.
  const statusAt = (s: string) => s.split('\n').findIndex((l) => /stopped .*│ 127\.0\.0\.1:\d+/.test(l));
  assert.equal(statusAt(screen), 21, screen);
  const after = await term.waitFor('the question gone', /^(?![\s\S]*\[y\] kill them)/);
  assert.equal(statusAt(after), 22, after);
  process.kill(server.targetPid!, 0);
});

test('q\'s question is taken back when Delve goes while it is asked, and said so; q then leaves the target unseen (trial CK: `[r] let it run` stayed, of a target gone)', async (t) => {
  const at = await attachedAt80(t);
  if (!at) return;
  const { server, term } = at;
  await term.keys('q');
  await term.waitFor('the question', /Halted now \(halted at attach\): \[r\] let it run/);
  process.kill(server.dlvPid, 'SIGKILL');
  await term.waitFor('the question taken back', /disconnected(?![\s\S]*\[r\] let it run)/);
  // Said in the console, above the reconnection's lines: a taller console shows it.
  await term.resize(200, 50);
  await term.waitFor('why, in the console', /Question taken back: the connection to Delve closed\. q asks again/);
  await term.keys('q');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
  assert.match(await term.screen(), /Left \S+ unseen: the connection to its Delve had closed/);
});

test('output of a command while another pane holds the console\'s slot (B) shows in the pager, not in the hidden console', async (t) => {
  const at = await attachedAt80(t);
  if (!at) return;
  const { server, term } = at;
  await term.keys('B');
  await term.waitFor('the breakpoints pane in the bottom slot', /B Breakpoints/);
  await term.line(':info');
  await term.waitFor(':info in the pager', new RegExp(`Delve\\s+\\d+\\.\\d+\\.\\d+ at 127\\.0\\.0\\.1:${server.address.port}`));
  await term.keys('Escape');
  await term.waitFor('the pager closed, the breakpoints pane back', /B Breakpoints/);
});

for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131], ['SIGINT', 130]] as const) {
  test(`${signal} to gotui restores the terminal and leaves an attached target running`, async (t) => {
    const server = await startDemoServer(t, 'orders');
    const term = await startGotui(t, ['attach', `127.0.0.1:${server.address.port}`]);
    if (!term) return;
    // Delve started the demo halted: gotui keeps it halted until told to continue.
    await term.waitFor('the session', /stopped .*│ 127\.0\.0\.1:\d+/);
    await term.keys('c');
    await term.waitFor('running', /running │ 127\.0\.0\.1:\d+/);
    process.kill(await term.appPid(), signal);
    const screen = await term.waitFor('the exit', new RegExp(`\\[exited ${code}\\]`));
    assert.match(screen, /gotui: Left 127\.0\.0\.1:\d+ running\./);
    assert.doesNotMatch(screen, /Goroutines/, 'the alternate screen is gone');
    const printed = server.output.length;
    await waitFor('the demo going on', () => server.output.length > printed + 2 || undefined, 10_000);
  });
}

test('a key refused while the link is down says why on the bottom line, and that is gone once gotui is attached again (trial L)', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  // FAULT INJECTOR: the link to Delve goes down and comes back.
  const proxy = await cuttableProxy(t, server.address);
  const term = await startGotui(t, ['attach', `127.0.0.1:${proxy.port}`], { columns: 160, rows: 40 });
  if (!term) return;
  // Delve's exec holds the target at its entry, and gotui leaves it so: c runs it.
  await term.waitFor('attached', /^ stopped/m);
  await term.keys('c');
  await term.waitFor('the target running', /^ running │/m);
  // The source pane zoomed, the console is hidden: what a command says goes to the bottom line.
  await term.keys('1', 'z');
  await term.line(':substitute-path');
  await term.waitFor('its word on the bottom line', /^ running │[^\n]*\nNo substitute-path rules/m);
  await proxy.down();
  // The drop takes it off: it was said before it (trial BS: a probe's `attached` under `disconnected`).
  await term.waitFor('the drop', /^ disconnected/m);
  await term.waitFor('the word gone', /^ disconnected[^\n]*\n(?!No substitute-path rules)/m);
  await term.keys('z');
  await term.keys('p');
  await term.waitFor('p refused, saying why', /not now, the target is (disconnected|connecting)/);
  await proxy.up();
  await term.waitFor('attached again', /^ running │/m, 30_000);
  await term.waitFor('the refusal gone from the bottom line', /^(?![\s\S]*not now, the target is)[\s\S]*$/);
});
