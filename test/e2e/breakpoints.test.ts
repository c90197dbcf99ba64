import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { repoRoot } from '../../src/paths.js';
import { startDemoServer, waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { startGotui } from '../support/tmux.js';
import { attachedApp, must } from '../support/app.js';

/** The hits the dlv CLI counts for the breakpoint at main.go:LINE. */
async function cliHits(address: { host: string; port: number }, line: number): Promise<number | undefined> {
  const m = new RegExp(`main\\.go:${line} \\((\\d+)\\)`).exec(await dlvCli(address, ['breakpoints']));
  return m ? Number(m[1]) : undefined;
}

test('the breakpoints pane in a real terminal: b sets, B lists with the hits the dlv CLI counts, Space disables, e edits the condition, d deletes; r runs to the cursor; Ctrl-P finds a function as the query is typed', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);
  const item = findMarker('orders', 'gotui:item');
  const format = findMarker('orders', 'gotui:format');
  const loop = findMarker('orders', 'gotui:loop');
  // Halted at entry there is no source yet, and the source pane says why and what to do: run into main first.
  await term.waitFor('why there is no source', /the program is halted at its entry, before the Go runtime/);
  await term.line(`:continue main.go:${loop.line}`);
  await term.waitFor('main', /stopped/);
  await term.waitFor('the source of main', /Source orders\/main\.go/);

  await term.line(`:list main.go:${item.line}`);
  // b takes the cursor's line when pressed: the cursor is on the item line first.
  await term.waitFor('the cursor on the item line', new RegExp(`Source orders/main\\.go · ${item.line}/`));
  await term.keys('b');
  await term.waitFor('the breakpoint', /Breakpoint #1 orders\/main\.go:\d+/);
  await term.keys('c');
  await term.waitFor('the first stop on it', /stopped \(breakpoint #1\)/);
  await term.keys('c');
  await term.waitFor('the second stop', /│ stop 4 │/);

  await term.keys('B');
  let screen = await term.waitFor('the pane with two hits', new RegExp(`B Breakpoints · 1/1 · 1 of gotui's[\\s\\S]*● #1  orders/main\\.go:${item.line}  main\\.process  2 hits`));
  assert.equal(await cliHits(server.address, item.line), 2, 'the dlv CLI counts the same');

  // Space: disabled in gotui, gone from Delve; again: back.
  await term.keys('Space');
  await term.waitFor('disabled', new RegExp(`○ #1  orders/main\\.go:${item.line} .*disabled`));
  assert.equal(await cliHits(server.address, item.line), undefined, 'Delve no longer has it');
  await term.keys('Space');
  await term.waitFor('enabled again', new RegExp(`● #1  orders/main\\.go:${item.line}  main\\.process`));
  assert.notEqual(await cliHits(server.address, item.line), undefined);

  // e: the prompt opens with :cond 1; the condition shows on the row and in Delve.
  await term.keys('e');
  await term.waitFor('the prompt', /^:cond 1$/m);
  await term.line('it.Qty > 2');
  await term.waitFor('the condition on the row', /● #1 .* if it\.Qty > 2/);
  assert.match(await dlvCli(server.address, ['breakpoints']), /\tcond it\.Qty > 2/);

  // d: deleted, in gotui and in Delve.
  await term.keys('d');
  screen = await term.waitFor('no breakpoints', /No breakpoints\. b sets one/);
  assert.equal(await cliHits(server.address, item.line), undefined);

  // r in the source pane: run to the cursor line.
  await term.keys('1');
  await term.line(`:list main.go:${format.line}`);
  await term.waitFor('the cursor on the format line', new RegExp(`Source orders/main\\.go · ${format.line}/`));
  await term.keys('r');
  await term.waitFor('the run to the cursor', new RegExp(`▶\\s*0 main\\.format\\s+\\S+:${format.line}\\b`));
  const [top] = cliFrames(await dlvCli(server.address, ['stack 1']));
  assert.equal(top?.line, format.line);
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${format.line} `), 'the temporary breakpoint is gone');

  // Ctrl-P: the finder; Enter shows the function in the source pane.
  await term.keys('C-p');
  await term.waitFor('the find prompt', /^:find$/m);
  // Results show as the query is typed, before Enter.
  await term.type('mapplydisc');
  screen = await term.waitFor('the finder as the query is typed', /F Finder · 'mapplydisc'[\s\S]*ƒ main\.applyDiscount[\s\S]*^:find mapplydisc/m);
  await term.keys('Enter');
  // The prompt closed: the last line holds the finder's one-line summary (the console is not shown), the finder has the keys.
  await term.waitFor('the prompt closed', /Enter show {2}b break.*\n\d+ match(es)? for 'mapplydisc' among [\d,]+ functions.* *$/);
  assert.doesNotMatch(await term.screen(), /^:find/m);
  await term.keys('Enter');
  const discountLine = fs.readFileSync(path.join(repoRoot, 'demos/orders/main.go'), 'utf8').split('\n').findIndex((l) => l.startsWith('func applyDiscount(')) + 1;
  await term.waitFor('the source at applyDiscount', new RegExp(`Source orders/main\\.go · ${discountLine}/`));
  void screen;
  await term.line(':quit -resume');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
});

test('logpoints and watches in a real terminal: L streams each hit with its rate while the target runs; W shows watch values, marks changes, says errors per row', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50 });
  if (!term) return;
  await term.waitFor('attached', /stopped/);
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:loop');
  await term.line(`:trace main.go:${item.line} "item {it.SKU} x{it.Qty}"`);
  await term.waitFor('the logpoint set', /Logpoint #1 at orders\/main\.go:\d+: item/).catch(async (err) => { console.log("Delve's breakpoints, as the dlv CLI lists them:", await dlvCli(server.address, ['breakpoints'])); throw err; });
  await term.keys('c');
  await term.keys('L');
  // A stream never holds still for term.waitFor's two equal captures: each capture is checked alone.
  const streaming = (what: string, ...patterns: RegExp[]) => waitFor(what, async () => {
    const s = await term.screen();
    return patterns.every((p) => p.test(s)) ? s : undefined;
  }, 20_000, 20).catch(async (err: Error) => {
    throw new Error(`${err.message}\n--- screen ---\n${await term.screen()}`);
  });
  await streaming('the stream', /L Logpoints · \d+ lines[\s\S]*● logpoints\s+\d+\/s[\s\S]*#1 main\.go:\d+ \[Go 1\] item "\w+" x\d/);
  await streaming('a rate above zero, still running', /running │/, /● logpoints\s+[1-9]\d*\/s/);

  await term.line(':clear 1');
  await term.line(`:break main.go:${loop.line}`);
  await term.waitFor('the stop', /stopped \(breakpoint #2\)/);
  await term.line(':display id');
  await term.line(':display nosuchvar');
  await term.keys('W');
  // The title says where the cursor is: on the watch added last.
  let screen = await term.waitFor('the watches', /W Watch · 2\/2 · main\.main \(frame 0\)[\s\S]*#1 id = (\d+)  int[\s\S]*#2 nosuchvar ✗ .*nosuchvar/);
  const id = Number(/#1 id = (\d+)/.exec(screen)![1]);
  await term.keys('c');
  screen = await term.waitFor('the changed value marked', new RegExp(`\\*#1 id = ${id + 1}  int`));
  const cli = await dlvCli(server.address, ['print id']);
  assert.match(cli, new RegExp(`^${id + 1}$`, 'm'));
  // w on a variable (the fourth of main's: o) watches it.
  await term.keys('4', 'g', 'j', 'j', 'j', 'w');
  await term.waitFor('the variable watched', / #3 o = main\.Order \{ID: /);
  await term.waitFor('the cursor on it', /W Watch · 3\/3 · /);
  await term.line(':quit -resume');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
});

test('gotui core in a real terminal: the crash as it was; c says why it does nothing', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-e2e-core-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'crash.core');
  const live = await attachedApp(t, 'cgo-slice');
  await waitFor('the fatal error', () => live.rec.stops.find((s) => s.reason === 'exception'));
  await must(live.app, live.rec, `dump ${core}`);
  await must(live.app, live.rec, 'quit -leave');

  const term = await startGotui(t, ['core', await buildDemo('cgo-slice'), core], { columns: 200, rows: 50 });
  if (!term) return;
  const use = findMarker('cgo-slice', 'gotui:use');
  await term.waitFor('the core opened', /Opened core crash\.core/);
  await term.waitFor('the faulting line', new RegExp(`▶\\s*${use.line} `));
  await term.keys('c');
  await term.waitFor('why c does nothing', /Continue: not now, this is a core file: nothing runs\./);
  await term.line(':print label');
  // print prints as the dlv CLI does: the value alone.
  await term.waitFor('a value from the core', /^│\s*"sensor-7"\s+│/m);
  // Keys that would change the target are not offered, and say why when pressed; the command's refusal fits the row.
  assert.doesNotMatch((await term.screen()).split('\n').find((l) => /core crash\.core/.test(l) && /\? help/.test(l)) ?? 'no status bar', /b break|r run to|c cont/);
  await term.keys('b');
  await term.waitFor('why b does nothing', /Toggle a breakpoint on the cursor line: not now, this is a core file: nothing runs\./);
  await term.line(':break main.main');
  await term.waitFor('the refusal, whole', /Cannot set a breakpoint: this is a core file, a snapshot of a process that no longer runs\. Every pane reads; to run the program, start it with gotui exec or gotui debug\./);
  await term.keys('q');
  assert.equal(await waitFor('gotui to exit', () => term.exitStatus(), 10_000), 0);
});

test('at 80x24 an error too long for the command row is shown whole, the row grown for it, until the next key (trial CH: its hint cut, the whole only in a 44x6 console)', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 });
  if (!term) return;
  await term.waitFor('attached', /stopped/, 30_000);
  // The trial's other one: a file the program lacks (its hint ran past the row).
  await term.line(':break nosuch.go:10');
  const screen = await term.waitFor('the error on the bottom rows', /No file nosuch\.go in the program/);
  const lines = screen.split('\n').slice(0, 24);
  const bottom = lines.slice(-2).map((l) => l.trim()).join(' ');
  assert.match(bottom, /^No file nosuch\.go in the program\. Ctrl-P finds a file by name; :sources RE lists the program's files\.$/, screen);
  assert.doesNotMatch(bottom, /…/, 'nothing cut');
  // The status bar is still there, above the grown row.
  assert.match(lines[lines.length - 3]!, /stopped/, screen);
  // The next key gives the panes their rows back: the status bar on the last row but one again.
  await term.keys('j');
  const after = await term.waitFor('the row back to one', /\n *[^\n]*stopped[^\n]*\n[^\n]*$/);
  assert.match(after.split('\n').slice(0, 24).at(-2)!, /stopped/, after);
});
