import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { startGotui, type Terminal } from '../support/tmux.js';
import { sourcePane, stackSelection } from '../support/screen.js';

/**
 * After a stop, the oracle (the dlv CLI on the same server) says where the selected goroutine is;
 * the screen must show that frame's file and line in the source pane (title, ▶ and cursor) in the
 * same paint as the stack pane shows it.
 */
let lastStop = 0;

/** Waits for a stop numbered above the last one seen (the status bar names it). */
async function nextStop(term: Terminal, what: string): Promise<number> {
  const screen = await term.waitFor(`${what}: a new stop`, new RegExp(`stopped .*│ stop (\\d+) │`));
  const n = Number(/│ stop (\d+) │/.exec(screen)![1]);
  if (n > lastStop) return (lastStop = n);
  return waitFor(`${what}: a stop after ${lastStop}`, async () => {
    const m = /stopped .*│ stop (\d+) │/.exec(await term.screen());
    return m && Number(m[1]) > lastStop ? (lastStop = Number(m[1])) : undefined;
  });
}

async function expectShown(term: Terminal, address: { host: string; port: number }, what: string, frameIndex = 0, newStop = true) {
  if (newStop) await nextStop(term, what);
  // The goroutine gotui shows (the status bar names it), as the dlv CLI sees it.
  const g = /│ goroutine (\d+) │/.exec(await term.screen())?.[1];
  const cli = cliFrames(await dlvCli(address, [g ? `goroutine ${g} stack 40` : 'stack 40']));
  const want = cli.find((f) => f.index === frameIndex);
  assert.ok(want, `the dlv CLI printed frame ${frameIndex}:\n${JSON.stringify(cli)}`);
  // The stack pane names a function as the CLI does (`internal/runtime/maps.NewEmptyMap`, where a
  // pause can land), cut from its start where the pane is narrow: its end must be the CLI's.
  const func = want.func;
  const end = func.slice(Math.max(func.lastIndexOf('/') + 1, func.length - 16));
  const screen = await term.waitFor(`${what}: the stack at ${func} line ${want.line}`, new RegExp(`▶\\s*${frameIndex} (?:${func.replace(/[.*()]/g, '\\$&')}|…\\S*${end.replace(/[.*()]/g, '\\$&')})\\s+\\S+:${want.line}\\b`));
  const src = sourcePane(screen);
  const file = want.file.split('/').slice(-2).join('/');
  assert.equal(src.file, file, `${what}: the source title names ${file}\n${screen}`);
  assert.equal(src.stop, want.line, `${what}: ▶ on line ${want.line}\n${screen}`);
  assert.equal(src.cursor, want.line, `${what}: the cursor on line ${want.line}\n${screen}`);
  assert.equal(stackSelection(screen)?.line, want.line);
  return { want, screen };
}

/** Waits until the status bar's stop number is `count` past `before`; returns it (counted as seen). */
async function stopsAfter(term: Terminal, before: number, count: number): Promise<number> {
  return waitFor(`${count} stops`, async () => {
    const m = /stopped .*│ stop (\d+) │/.exec(await term.screen());
    return m && Number(m[1]) >= before + count ? (lastStop = Number(m[1])) : undefined;
  });
}

/** A demo under a headless Delve, gotui attached in tmux with the target halted (its stop counted). */
async function attachHalted(t: TestContext, demo: string, args: string[], columns: number, rows: number) {
  const server = await startDemoServer(t, demo, args);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns, rows });
  if (term) {
    await term.waitFor('the halted target', /stopped/);
    lastStop = 0;
    await nextStop(term, 'the halt on attach');
  }
  return { server, term };
}

/** Selects one of inventory's workers (parked for good on a channel), as the dlv CLI lists them; returns its id. */
async function selectWorker(term: Terminal, address: { host: string; port: number }): Promise<string> {
  const list = await dlvCli(address, ['goroutines']);
  const worker = /Goroutine (\d+) - User: \S+main\.go:\d+ main\.worker/.exec(list)?.[1];
  assert.ok(worker, `the dlv CLI lists a worker:\n${list}`);
  await term.line(`:goroutine ${worker}`);
  await term.waitFor('the worker selected', new RegExp(`│ goroutine ${worker} │`));
  return worker;
}

/** Breakpoint #1 at `loc`, continue to it (shown where the dlv CLI is), and the breakpoint cleared. */
async function runToOnce(term: Terminal, address: { host: string; port: number }, loc: string, what: string) {
  await term.line(`:break ${loc}`);
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await expectShown(term, address, what);
  await term.line(':clear 1');
  await term.waitFor('cleared', /Cleared #1/);
}

test('every stop shown truly: n, s into another file, o, c, p and a selected frame agree with the dlv CLI', async (t) => {
  const { server, term } = await attachHalted(t, 'inventory', ['-every', '50ms'], 200, 50);
  if (!term) return;
  const restock = findMarker('inventory', 'gotui:restock');
  const body = findMarker('inventory', 'gotui:restock-body');

  await term.line(`:break main.go:${restock.line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1 inventory\/main\.go:\d+/);
  await term.keys('c');
  await expectShown(term, server.address, 'continue to the breakpoint');
  await term.waitFor('the stop named by its breakpoint', /stopped \(breakpoint #1\)/);

  // s enters restock in stock.go: the file on screen changes with the stop.
  await term.keys('s');
  const into = await expectShown(term, server.address, 'step into stock.go');
  assert.equal(path.basename(into.want.file), 'stock.go');
  await term.keys('n');
  const next = await expectShown(term, server.address, 'next in stock.go');
  assert.ok(next.want.line > body.line - 2);

  // b right after a step: the breakpoint lands on the new stop line, as the dlv CLI lists it.
  await term.keys('1', 'b');
  await term.waitFor('the breakpoint at the cursor', new RegExp(`Breakpoint #2 inventory/stock\\.go:${next.want.line}`));
  const bps = await dlvCli(server.address, ['breakpoints']);
  assert.match(bps, new RegExp(`stock\\.go:${next.want.line}`), `the dlv CLI lists the breakpoint at stock.go:${next.want.line}:\n${bps}`);
  await term.keys('b');
  await term.waitFor('the breakpoint cleared', /Cleared #2/);

  // o back out to main.go.
  await term.keys('o');
  const out = await expectShown(term, server.address, 'step out to main.go');
  assert.equal(path.basename(out.want.file), 'main.go');

  // c to the breakpoint again (the next round).
  await term.keys('c');
  await expectShown(term, server.address, 'continue to the breakpoint again');

  // p: the view moves to the first frame of the main module, and says which frame it is.
  await term.line(':clear 1');
  await term.keys('c');
  await term.waitFor('running', /running │/);
  await term.keys('p');
  await term.waitFor('the pause', /stopped \(pause\)/);
  await nextStop(term, 'the pause');
  const g = /│ goroutine (\d+) │/.exec(await term.screen())![1];
  const cli = cliFrames(await dlvCli(server.address, [`goroutine ${g} stack 40`]));
  // The first frame of the main module; a thread that runs no goroutine (the scheduler) has none.
  const user = cli.find((f) => f.func.startsWith('main.')) ?? cli[0]!;
  await expectShown(term, server.address, 'the pause, viewed at the first main frame', user.index, false);

  // Select another frame in the stack pane: the source follows on the same paint.
  await term.keys('3', 'g', 'Enter');
  await expectShown(term, server.address, 'frame 0 selected', 0, false);
  await term.line(':frame 1');
  await expectShown(term, server.address, 'frame 1 selected', 1, false);

  await term.line(':quit -resume');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
  const after = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(after, /inventory\/(main|stock)\.go/, `no breakpoint of gotui is left:\n${after}`);
});

test('lines and keys typed ahead run in order: :up then :print in the frame up selected; n n n in one burst takes three steps, where the dlv CLI is', async (t) => {
  const { server, term } = await attachHalted(t, 'orders', ['-quiet', '-every', '20ms'], 160, 45);
  if (!term) return;
  await runToOnce(term, server.address, 'main.process', 'continue to main.process');

  // Two lines in one write, as a paste or a fast typist sends them.
  await term.type(':up\r:print id\r');
  const cliSaid = await dlvCli(server.address, ['frame 1 print id']);
  const id = /^(\d+)$/m.exec(cliSaid)?.[1];
  assert.ok(id, `the dlv CLI prints id in frame 1:\n${cliSaid}`);
  const screen = await term.waitFor('the print after up', new RegExp(`^│?${id}\\b`, 'm'));
  const console = screen.split('\n').map((l) => l.replace(/│/g, ' ').trim());
  const up = console.findIndex((l) => /Frame 1: main\.main/.test(l));
  const value = console.findIndex((l, i) => i > up && new RegExp(`^${id}\\b`).test(l));
  assert.ok(up >= 0 && value > up, `Frame 1 said, then id's value:\n${screen}`);
  assert.doesNotMatch(screen, /Cannot evaluate 'id'/);

  // n n n in one write: three steps, each from the stop of the one before.
  await term.line(':frame 0');
  await term.waitFor('frame 0', /Frame 0: main\.process/);
  const before = lastStop;
  await term.type('nnn');
  assert.equal(await stopsAfter(term, before, 3), before + 3, 'three steps, no more');
  await expectShown(term, server.address, 'after three steps', 0, false);
  assert.doesNotMatch(await term.screen(), /Cannot step over/);
});

test('n pressed again while a step runs (over a 1.5 s sleep) waits for its stop and steps from there, where the dlv CLI is: no refusal', async (t) => {
  const { server, term } = await attachHalted(t, 'inventory', ['-every', '1500ms'], 160, 45);
  if (!term) return;
  const sleep = findMarker('inventory', 'gotui:sleep');
  await runToOnce(term, server.address, `main.go:${sleep.line}`, 'continue to the sleep');

  const before = lastStop;
  await term.keys('n');
  // The step sleeps 1.5 s: the status bar says it runs, and n now would be refused.
  await term.waitFor('the step running', /running .*│/);
  await term.keys('n');
  assert.equal(await stopsAfter(term, before, 2), before + 2, 'two steps, no more');
  await expectShown(term, server.address, 'after the second step', 0, false);
  assert.doesNotMatch(await term.screen(), /not now/i);
});

test('Ctrl-C at a stop (80x24) says the target is stopped and that q quits gotui, and runs nothing (trial CH: no way out named)', async (t) => {
  const { term } = await attachHalted(t, 'orders', [], 80, 24);
  if (!term) return;
  await term.keys('C-c');
  const screen = await term.waitFor('the refusal', /not now, the target is stopped/);
  assert.match(screen, /^Pause the running target: not now, the target is stopped; q quits gotui\.\s*$/m, screen);
  // Nothing ran: the status bar says the same stop.
  assert.match(screen, new RegExp(`stopped .*│ stop ${lastStop} │`), screen);
});

test('keys typed with a step act from its stop: n j j in one write puts the cursor two lines below the new stop line, where the dlv CLI is; n p pauses the step', async (t) => {
  const { server, term } = await attachHalted(t, 'inventory', ['-every', '1500ms'], 160, 45);
  if (!term) return;
  const sleep = findMarker('inventory', 'gotui:sleep');
  await runToOnce(term, server.address, `main.go:${sleep.line}`, 'continue to the sleep');

  let before = lastStop;
  // One write, as a fast typist's keys come: j arrives before Delve has even begun the step.
  await term.type('njj');
  await stopsAfter(term, before, 1);
  const cli = cliFrames(await dlvCli(server.address, ['stack 1']));
  const line = cli.find((f) => f.index === 0)?.line;
  assert.ok(line, `the dlv CLI printed frame 0:\n${JSON.stringify(cli)}`);
  const screen = await term.waitFor(`the cursor on line ${line + 2}`, new RegExp(`^┌─ 1 Source \\S+ · ${line + 2}/`, 'm'));
  assert.equal(sourcePane(screen).stop, line, `▶ on line ${line}, where the dlv CLI is\n${screen}`);

  // n p over the 1.5 s sleep: p acts once the step runs, and pauses it (not refused at the stop being left).
  await runToOnce(term, server.address, `main.go:${sleep.line}`, 'back at the sleep');
  before = lastStop;
  await term.type('np');
  await stopsAfter(term, before, 1);
  await term.waitFor('the pause of the step', /stopped \(pause\)/);
  assert.doesNotMatch(await term.screen(), /not now/);
});

test('p shows a goroutine whose step can end, not a worker parked for good; n on a parked worker says why it does not stop, and p still stops it where the dlv CLI is', async (t) => {
  const { server, term } = await attachHalted(t, 'inventory', ['-every', '50ms'], 160, 45);
  if (!term) return;
  await term.keys('c');
  await term.waitFor('running', /running │/);
  await term.keys('p');
  await nextStop(term, 'the pause');
  const g = /│ goroutine (\d+) │/.exec(await term.screen())![1];
  const stack = await dlvCli(server.address, [`goroutine ${g} stack 40`]);
  // inventory's 32 workers wait for ever on a channel nobody sends on: a step there never ends.
  assert.doesNotMatch(stack, /main\.worker/, `the pause shows goroutine ${g}, not a parked worker:\n${stack}`);

  // Chosen on purpose, a worker: n waits, and the screen says why.
  const worker = await selectWorker(term, server.address);
  await term.keys('n');
  await term.waitFor('the frame stepped said', new RegExp(`Stepping goroutine ${worker} from its innermost frame`));
  await term.waitFor('the parked step said', new RegExp(`Goroutine ${worker} is parked in runtime\\.gopark`));
  assert.match(await term.screen(), /running .*│/);
  await term.keys('p');
  await nextStop(term, 'the pause of the parked step');
  const shown = /│ goroutine (\d+) │/.exec(await term.screen())![1];
  const frames = cliFrames(await dlvCli(server.address, [`goroutine ${shown} stack 40`]));
  const user = frames.find((f) => f.func.startsWith('main.')) ?? frames[0]!;
  await expectShown(term, server.address, 'after the parked step was paused', user.index, false);
});

test('n at a breakpoint that interrupted a step (of a parked worker) steps from the breakpoint, where the dlv CLI is: the old step is dropped, not a loop of refusals', async (t) => {
  const { server, term } = await attachHalted(t, 'inventory', ['-every', '50ms'], 160, 45);
  if (!term) return;
  const sleep = findMarker('inventory', 'gotui:sleep');
  await runToOnce(term, server.address, `main.go:${sleep.line}`, 'continue to the sleep');
  await term.line(`:break main.go:${sleep.line}`);
  await term.waitFor('the breakpoint again', /Breakpoint #2/);
  // The workers reach their channel wait once scheduled; on a busy machine main can reach the sleep
  // first: another round at the breakpoint gives them the time.
  for (let round = 0; round < 3 && !/ main\.worker /.test(await dlvCli(server.address, ['goroutines'])); round++) {
    await term.keys('c');
    await expectShown(term, server.address, 'the next round at the sleep');
  }
  await selectWorker(term, server.address);
  // The worker never runs: main's next round hits the breakpoint before the step ends.
  await term.keys('n');
  await term.waitFor('the step interrupted', /stopped \(breakpoint #2\)/);
  await expectShown(term, server.address, 'the breakpoint that interrupted the step');
  const before = lastStop;
  await term.keys('n');
  assert.equal(await stopsAfter(term, before, 1), before + 1);
  await term.waitFor('a step from the breakpoint', /stopped \(step\)/);
  const { want } = await expectShown(term, server.address, 'the step from the breakpoint', 0, false);
  assert.equal(want.func, 'main.main');
  assert.match(await term.screen(), /The step the breakpoint interrupted is dropped/);
  assert.doesNotMatch(await term.screen(), /invalid command|Unable to step/);
});

test('collections show every element or a …more row with the true length; a 200-frame stack pages', async (t) => {
  const server = await startDemoServer(t, 'inventory', ['-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);
  const at = findMarker('inventory', 'gotui:collections');
  await term.line(`:break main.go:${at.line}`);
  await term.keys('c');
  await term.waitFor('the stop in inspect', /▶\s*0 main\.inspect/);
  // The lengths as the dlv CLI prints them.
  const cli = await dlvCli(server.address, ['print len(s65)', 'print len(m66)', 'print len(s1000)', 'print len(a100)', 'print len(m1000)']);
  assert.deepEqual([...cli.matchAll(/^(\d+)$/gm)].map((m) => Number(m[1])), [65, 66, 1000, 100, 1000], cli);

  // The variables pane, zoomed to the whole screen: open each collection and count its rows.
  await term.keys('4', 'z');
  const paneRows = async () => (await term.screen()).split('\n').slice(1, -3).map((l) => l.slice(1, -1));
  const title = async () => {
    const m = /Variables · main\.inspect \(frame 0\) · (\d+)\/(\d+)/.exec((await term.screen()).split('\n')[0]!);
    return m ? { cursor: Number(m[1]), rows: Number(m[2]) } : undefined;
  };
  /** Opens `name` and returns how many rows it added (its elements, and a …more row if any). */
  const open = async (name: string): Promise<{ added: number; screen: string }> => {
    await term.keys('g');
    await waitFor('the cursor at the top', async () => ((await title())?.cursor === 1 ? true : undefined));
    const before = (await title())!.rows;
    const rows = await paneRows();
    const i = rows.findIndex((r) => new RegExp(`^▸ ${name} `).test(r));
    assert.ok(i >= 0, `${name} is a row:\n${rows.join('\n')}`);
    for (let k = 0; k < i; k++) await term.keys('j');
    await waitFor(`the cursor on ${name}`, async () => ((await title())?.cursor === i + 1 ? true : undefined));
    await term.keys('Enter');
    const screen = await term.waitFor(`${name} open`, new RegExp(`▾ ${name} `));
    const after = await waitFor(`${name}'s rows counted`, async () => {
      const t2 = await title();
      return t2 && t2.rows > before ? t2 : undefined;
    });
    return { added: after.rows - before, screen };
  };
  /** Enter again on the same row closes it. */
  const close = async (name: string) => {
    await term.keys('Enter');
    await term.waitFor(`${name} closed`, new RegExp(`▸ ${name} `));
  };
  for (const [name, len] of [['s63', 63], ['s64', 64], ['s65', 65], ['s66', 66], ['s100', 100], ['a65', 65], ['a100', 100], ['m63', 63], ['m64', 64], ['m65', 65], ['m66', 66], ['m100', 100]] as const) {
    const { added, screen } = await open(name);
    // A map also has Delve's len() row: its length, as the dlv CLI counts it.
    const isMap = name.startsWith('m');
    assert.equal(added, len + (isMap ? 1 : 0), `${name}: all ${len} elements, as len() says`);
    if (isMap) assert.match(screen, new RegExp(`len\\(\\) int = ${len}\\b`));
    assert.doesNotMatch(screen, /shown: Enter loads/, `${name}: no more row`);
    await close(name);
  }
  for (const [name, len] of [['s101', 101], ['s1000', 1000], ['m101', 101], ['m1000', 1000]] as const) {
    const { added } = await open(name);
    const extra = name.startsWith('m') ? 1 : 0;
    assert.equal(added, 101 + extra, `${name}: a page of 100 and a more row`);
    // The more row is the open value's last: move there, see its words, Enter loads the next page.
    for (let k = 0; k < 101 + extra; k++) await term.keys('j');
    await term.waitFor(`the more row of ${name}`, new RegExp(`… 100 of ${len.toLocaleString('en-US')} shown: Enter loads ${Math.min(100, len - 100)} more`));
    const rowsBefore = (await title())!.rows;
    await term.keys('Enter');
    // 101: the last element replaces the more row; 1,000: another page and a new more row.
    if (len === 101) await term.waitFor(`the last element of ${name}`, /^(?![\s\S]*shown: Enter loads)/);
    else await waitFor(`the next page of ${name}`, async () => ((await title())!.rows === rowsBefore + 100 ? true : undefined));
    assert.equal((await title())!.rows - rowsBefore, len === 101 ? 0 : 100, `${name}: the next page`);
    if (len === 1000) {
      // The cursor moved to the new more row: Enter again loads the page after it (trial BB: it sat on [100], where Enter does nothing).
      await term.waitFor(`the next more row of ${name}`, /… 200 of 1,000 shown: Enter loads 100 more/);
      await term.keys('Enter');
      await waitFor(`a third page of ${name}`, async () => ((await title())!.rows === rowsBefore + 200 ? true : undefined));
    }
    await term.keys('g');
    await waitFor('the cursor at the top', async () => ((await title())?.cursor === 1 ? true : undefined));
    const rows = await paneRows();
    const i = rows.findIndex((r) => new RegExp(`^▾ ${name} `).test(r));
    for (let k = 0; k < i; k++) await term.keys('j');
    await close(name);
  }
  await term.keys('z');
  // :stack pages past Delve's 50 frames (the recursion is 200 deep).
  await term.line(':clear 1');
  const bottom = findMarker('inventory', 'gotui:bottom');
  await term.line(`:break main.go:${bottom.line}`);
  await term.keys('c');
  await term.waitFor('the bottom of the recursion', /▶\s*0 main\.descend/);
  await term.line(':frame 150');
  await term.waitFor('frame 150 selected', /Frame 150: main\.descend/);
  await term.line(':quit -resume');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
});

test('output too long for the console as it wraps at 80x24 opens the pager: the whole of a long value is in view, first word to last, as the dlv CLI prints it', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);
  const loop = findMarker('orders', 'gotui:loop');
  await term.line(`:break main.go:${loop.line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await term.waitFor('the stop', /stopped \(breakpoint #1\)/);
  const cli = /^"(.*)"$/m.exec(await dlvCli(server.address, ['config max-string-len 1048576', 'print terms']))?.[1];
  assert.ok(cli && cli.length > 300, 'the dlv CLI prints the whole string');
  await term.line(':print -whole terms');
  const screen = await term.waitFor('the pager', /j\/k scroll · /);
  const shown = screen.split('\n').map((l) => l.replace(/│/g, ' ').trim()).join(' ').replace(/\s+/g, ' ');
  assert.ok(shown.includes(cli.slice(0, 30)) && shown.includes(cli.slice(-30)), `first and last words in view:\n${screen}`);
});

test('with the console not on the screen (7 holds the bottom slot at 80x24), a one-line :print, :break or :regs NAME... result shows on the command row (the value the dlv CLI prints, named; the breakpoint it lists; its registers), not in a pager; a long one still opens the pager', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);
  await term.line(`:break main.go:${findMarker('orders', 'gotui:loop').line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await term.waitFor('the stop', /stopped \(breakpoint #1\)/);
  await term.keys('7');
  await term.waitFor('the memory pane in the bottom slot', /7 Memory/);
  const cli = /^(\d+)$/m.exec(await dlvCli(server.address, ['print len(terms)']))?.[1];
  assert.ok(cli, 'the dlv CLI prints the length');
  await term.line(':print len(terms)');
  const screen = await term.waitFor('the result on the command row', new RegExp(`\\n ?len\\(terms\\) = ${cli} *$`));
  assert.doesNotMatch(screen, /j\/k scroll · /, 'no pager for one line');
  assert.match(screen, /7 Memory/, 'the panes stay as they were');
  // Any command's one-line result shows there too: a breakpoint set, where the dlv CLI lists it.
  const format = findMarker('orders', 'gotui:format');
  await term.line(`:break main.go:${format.line}`);
  await term.waitFor('the breakpoint on the command row', new RegExp(`\\n ?Breakpoint #2 orders/main\\.go:${format.line} *$`));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${format.line} \\(`));
  await term.line(':print len(terms)');
  await term.waitFor('the value again', new RegExp(`\\n ?len\\(terms\\) = ${cli} *$`));
  // The next key clears it; the console kept it.
  await term.keys('5');
  await term.waitFor('the console, holding the line', new RegExp(`> print len\\(terms\\) *│[^\\n]*\\n│${cli} `));
  await term.keys('7');
  await term.waitFor('the memory pane again', /7 Memory/);
  // Registers asked for by name: their lines as one row, the values the dlv CLI prints (trial T: a pager at 80x24).
  const regs = await dlvCli(server.address, ['regs']);
  const [rsp, rip] = ['Rsp', 'Rip'].map((r) => new RegExp(`^\\s*${r} = (0x[0-9a-f]{16})`, 'm').exec(regs)?.[1]);
  assert.ok(rsp && rip, `the dlv CLI prints rsp and rip:\n${regs}`);
  await term.line(':regs rsp rip');
  const row = await term.waitFor('the registers on the command row', new RegExp(`\\n ?rsp\\*? ${rsp}\\b.*  rip\\*? ${rip}\\b[^\\n]*$`));
  assert.doesNotMatch(row, /j\/k scroll · /, 'no pager for two registers');
  await term.line(':print -whole terms');
  await term.waitFor('the pager for a long value', /j\/k scroll · /);
});
