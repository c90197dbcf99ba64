import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { ensureDelve } from '../../src/delve/locate.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { consoleLine, consoleSince, must, runToStop } from '../support/app.js';
import { headlessApp } from '../support/session.js';
import { consoleFeature } from '../../src/console/feature.js';
import { watchFeature } from '../../src/watch/feature.js';

/** `gotui exec BIN` without a screen, saved breakpoints on (as the CLI has them unless --no-restore). */
async function execApp(t: { after(fn: () => unknown): void }, binary: string, noRestore = false) {
  const conn = await openTarget({ kind: 'exec', program: binary, args: ['-every', '20ms'] }, () => {});
  t.after(() => conn.server?.stop());
  const h = headlessApp(conn, { noRestore, stop: true });
  await h.app.start();
  t.after(() => h.app.close());
  return { ...h, conn };
}

/** `binary` running under a headless Delve as a service would, and a way to attach a gotui to it (ended with the test). */
async function service(t: { after(fn: () => unknown): void }, binary: string) {
  const server = await startHeadlessDelve((await ensureDelve()).path, { mode: 'exec', program: binary, args: ['-every', '20ms'] });
  t.after(() => server.stop());
  return async () => {
    const h = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}), { noRestore: false });
    await h.app.start();
    t.after(() => h.app.close());
    return { ...h, server };
  };
}

/** A project of its own: the orders demo's binary in a temporary directory (no go.mod: the binary's directory is the project). */
async function project(t: { after(fn: () => unknown): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-project-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const binary = path.join(dir, 'orders');
  fs.copyFileSync(await buildDemo('orders'), binary);
  return { binary, item: findMarker('orders', 'gotui:item'), file: path.join(dir, '.gotui', 'breakpoints.json') };
}

test('breakpoints are saved in the project and restored on the next start for the same binary, with a message; --no-restore neither reads nor writes them', async (t) => {
  const { binary, item, file } = await project(t);

  const first = await execApp(t, binary);
  const named = new RegExp(`^Breakpoints set here are saved for this program in ${file.replace(/[.]/g, '\\.')} \\(gotui --no-restore neither reads nor writes it\\)\\.$`);
  // One Delve refuses was never set: nothing saved, the file not named (trial R).
  assert.equal(await first.app.run('break main.go:99999'), false);
  assert.ok(!fs.existsSync(file));
  assert.ok(!first.rec.console.some((l) => named.test(l.text)));
  await must(first.app, first.rec, `break main.go:${item.line} if it.Qty > 1`);
  // Written into the program's tree: said as it is first written, once.
  await consoleLine(first.rec, named);
  await must(first.app, first.rec, 'trace main.applyDiscount "discount n={n}"');
  await must(first.app, first.rec, 'break main.format');
  await must(first.app, first.rec, 'toggle 3');
  await must(first.app, first.rec, 'on 1 print it.SKU');
  assert.equal(first.rec.console.filter((l) => named.test(l.text)).length, 1, 'said once');
  await must(first.app, first.rec, 'quit');
  // Ending the program says where its breakpoints wait for the next start.
  assert.match(first.ended.message ?? '', new RegExp(`^Ended orders and its Delve\\. The program's 3 saved breakpoints stay in ${file.replace(/[.]/g, '\\.')} for its next start under gotui \\(--no-restore skips them\\)\\.$`));
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual(Object.keys(saved.programs), ['orders'], 'keyed by the binary, relative to the project');
  assert.equal(saved.programs.orders.breakpoints.length, 3);

  const second = await execApp(t, binary);
  // The disabled one is said (Delve has two): with the :enable that sets it.
  await consoleLine(second.rec, new RegExp(`^Restored 3 breakpoints saved for this program in ${file.replace(/[.]/g, '\\.')} \\(1 disabled: :enable 3 sets it in Delve\\) \\(gotui --no-restore starts without them\\)\\.$`));
  // Started by restoring from it: the file is not named again as if one had been set here (trial O).
  // The console pane's lines: the restore runs as gotui starts, before a test's recorder listens.
  const shown = second.app.models.model(consoleFeature).get().lines.map((l) => l.text);
  assert.ok(!shown.some((l) => named.test(l)), shown.join('\n'));
  const bps = second.app.session.state.breakpoints;
  assert.deepEqual(
    bps.map((b) => ({ line: b.line, condition: b.condition, logMessage: b.logMessage, disabled: !!b.disabled, spec: b.spec })),
    [
      { line: item.line, condition: 'it.Qty > 1', logMessage: undefined, disabled: false, spec: `main.go:${item.line}` },
      { line: bps[1]!.line, condition: undefined, logMessage: 'discount n={n}', disabled: false, spec: undefined },
      { line: bps[2]!.line, condition: undefined, logMessage: undefined, disabled: true, spec: 'main.format' },
    ],
  );
  // Delve has the two enabled ones (a breakpoint with its condition, a tracepoint), not the disabled one.
  const cli = await dlvCli(second.conn.address, ['breakpoints']);
  assert.match(cli, new RegExp(`main\\.go:${item.line} \\(0\\)\\n\\tcond it\\.Qty > 1`), cli);
  assert.match(cli, /Tracepoint sourceBp .* for main\.applyDiscount\(\)/, cli);
  assert.doesNotMatch(cli, /main\.format\(\)/, cli);
  // The :on command came back with it.
  const from = second.rec.console.length;
  const stop = await runToStop(second.app, second.rec, 'continue');
  assert.equal(stop.frame?.line, item.line);
  await consoleLine(second.rec, /^#1 it\.SKU: "\w+"$/, from);
  await must(second.app, second.rec, 'quit');

  // --no-restore: nothing restored, and what is set is not saved.
  const before = fs.readFileSync(file, 'utf8');
  const third = await execApp(t, binary, true);
  assert.equal(third.app.session.state.breakpoints.length, 0);
  await must(third.app, third.rec, `break main.go:${item.line}`);
  await must(third.app, third.rec, 'quit');
  assert.equal(fs.readFileSync(file, 'utf8'), before);

  // Attached to the same program running as a service: the saved breakpoints are offered, not set
  // (they would halt it), and another client's breakpoint is never counted or saved as gotui's.
  const server = await startHeadlessDelve((await ensureDelve()).path, { mode: 'exec', program: binary, args: ['-every', '20ms'] });
  t.after(() => server.stop());
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  await rpc.call('CreateBreakpoint', { Breakpoint: { file: item.file, line: item.line + 1, Cond: '1 == 0', name: 'other' } });
  // Attached while it is halted, gotui learns the other client's breakpoint at once: a change of
  // the session's list, which must leave the saved ones (not set here) in the file.
  const savedText = fs.readFileSync(file, 'utf8');
  const halted = headlessApp(await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {}), { noRestore: false });
  await halted.app.start();
  await waitFor('the other client\'s breakpoint', () => halted.app.session.state.breakpoints.find((b) => b.by || b.outside));
  await must(halted.app, halted.rec, 'quit -leave');
  assert.equal(fs.readFileSync(file, 'utf8'), savedText, 'the saved file is as it was');
  void rpc.call('Command', { name: 'continue' }).catch(() => undefined);
  await waitFor('the service running', async () => ((await rpc.state(true)).Running ? true : undefined));
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', ...server.address } }, () => {});
  const attached = headlessApp(conn, { noRestore: false });
  await attached.app.start();
  await consoleLine(attached.rec, /^3 breakpoints are saved for this program in .*:breakpoints restore sets those Delve does not have already\.$/);
  assert.equal(attached.app.session.state.status, 'running', 'the service was not halted');
  assert.deepEqual(attached.app.session.state.breakpoints.filter((b) => !b.by && !b.outside), [], 'none of the saved ones was set');
  await must(attached.app, attached.rec, 'breakpoints restore');
  // One comes back disabled, and Delve has two of the three: said, with the :enable that sets it.
  const restored = await consoleLine(attached.rec, /^Restored 3 saved breakpoints/);
  const off = attached.app.session.state.breakpoints.find((b) => !b.by && !b.outside && b.disabled);
  assert.ok(off, 'main.format came back disabled');
  assert.equal(restored, `Restored 3 saved breakpoints (1 disabled: :enable ${off.id} sets it in Delve).`);
  const inDelve = await dlvCli(server.address, ['breakpoints']);
  assert.equal(inDelve.match(/^(Breakpoint|Tracepoint) (sourceBp|functionBreakpoint)/gm)?.length, 2, inDelve);
  await must(attached.app, attached.rec, 'quit -resume');
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.match(left, /Breakpoint other/, 'the other client keeps its breakpoint');
  assert.doesNotMatch(left, /main\.format\(\)|cond it\.Qty/, 'gotui took its own out');
  const kept = JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.breakpoints as { line?: number }[];
  assert.equal(kept.length, 3, 'the saved file still holds gotui\'s three, and not the other client\'s');
  assert.ok(kept.every((b) => b.line !== item.line + 1));
});

/** A `gotui exec` of `binary` that sets a breakpoint at each place and quits: they are saved. */
async function savedBy(t: { after(fn: () => unknown): void }, binary: string, places: string[]) {
  const first = await execApp(t, binary);
  for (const place of places) await must(first.app, first.rec, `break ${place}`);
  await must(first.app, first.rec, 'quit');
}

test(':clearall right after a start that restored saved breakpoints clears them from the file too: none comes back at the next start (trial X: the first stayed)', async (t) => {
  const { binary, item, file } = await project(t);
  await savedBy(t, binary, [`main.go:${item.line}`, 'main.format', 'main.applyDiscount']);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.breakpoints.length, 3);

  const second = await execApp(t, binary);
  await waitFor('the three restored', () => (second.app.session.state.breakpoints.filter((b) => b.verified).length === 3 ? true : undefined));
  await must(second.app, second.rec, 'clearall');
  await must(second.app, second.rec, 'quit');
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders?.breakpoints ?? [], []);
  const third = await execApp(t, binary);
  assert.deepEqual(third.app.session.state.breakpoints, [], 'nothing restored');
  assert.equal(third.rec.console.filter((l) => /^Restored /.test(l.text)).length, 0);
});

test(':clearall in an attached session that set none of the saved breakpoints drops them from the file too, and says so: the next start sets none (trial BB)', async (t) => {
  const { binary, item, file } = await project(t);
  await savedBy(t, binary, [`main.go:${item.line}`, 'main.format']);
  // Attached, gotui sets no saved breakpoint by itself: the file keeps the two, and one set here.
  const attach = await service(t, binary);
  const a = await attach();
  await must(a.app, a.rec, 'break main.applyDiscount');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.breakpoints.length, 3);
  const from = a.rec.console.length;
  await must(a.app, a.rec, 'clearall');
  assert.match(consoleSince(a.rec, from), new RegExp(`^Cleared 1 breakpoint\\. The 2 saved for this program in ${file.replace(/[.]/g, '\\.')} are dropped too: its next start under gotui sets none\\.$`, 'm'));
  await must(a.app, a.rec, 'quit -resume');
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders?.breakpoints ?? [], []);
  const next = await execApp(t, binary);
  assert.deepEqual(next.app.session.state.breakpoints, [], 'nothing restored');
});

test("attached to a service whose tree holds no list of gotui's, its breakpoints are saved in the user's own folder: nothing is written beside the service's binary (trials AL, AM, AQ)", async (t) => {
  const { binary, item, file } = await project(t);
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-state-'));
  t.after(() => fs.rmSync(state, { recursive: true, force: true }));
  const before = process.env.XDG_STATE_HOME;
  process.env.XDG_STATE_HOME = state;
  t.after(() => (before === undefined ? delete process.env.XDG_STATE_HOME : (process.env.XDG_STATE_HOME = before)));
  const attach = await service(t, binary);
  const own = path.join(state, 'gotui', 'breakpoints.json');
  const a = await attach();
  await must(a.app, a.rec, `break main.go:${item.line}`);
  await consoleLine(a.rec, new RegExp(`^Breakpoints set here are saved for this program in ${own.replace(/[.]/g, '\\.')} `));
  await must(a.app, a.rec, 'quit -resume');
  assert.equal(fs.existsSync(path.dirname(file)), false, `no ${path.dirname(file)} beside the service's binary`);
  assert.equal(JSON.parse(fs.readFileSync(own, 'utf8')).programs[binary].breakpoints.length, 1);
  // The next gotui attached to it finds them there, and sets none unasked.
  const b = await attach();
  await consoleLine(b.rec, new RegExp(`^1 breakpoint is saved for this program in ${own.replace(/[.]/g, '\\.')}.*:breakpoints restore sets those Delve does not have already\\.$`));
  assert.deepEqual(b.app.session.state.breakpoints.filter((x) => !x.by && !x.outside), []);
  await must(b.app, b.rec, 'quit -resume');
  // gotui exec of the same binary, where the tree holds no list either, sets them (trial AX: nothing was restored).
  const c = await execApp(t, binary);
  await waitFor('the saved breakpoint restored', () => (c.app.session.state.breakpoints.some((x) => x.verified && x.line === item.line) ? true : undefined));
  await consoleLine(c.rec, new RegExp(`^Restored 1 breakpoint saved for this program in ${own.replace(/[.]/g, '\\.')} `));
  assert.equal(fs.existsSync(path.dirname(file)), false, 'still nothing beside the binary');
});

test('two gotuis attached to one service: the saved breakpoints one restored are not set again by the other, and stay saved', async (t) => {
  const { binary, item, file } = await project(t);
  const first = await execApp(t, binary);
  await must(first.app, first.rec, `break main.go:${item.line}`);
  await must(first.app, first.rec, 'quit');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.breakpoints.length, 1);

  const attach = await service(t, binary);
  const a = await attach();
  const b = await attach();
  await consoleLine(b.rec, /^1 breakpoint is saved for this program in .*:breakpoints restore sets those Delve does not have already\.$/);
  await must(a.app, a.rec, 'breakpoints restore');
  await consoleLine(a.rec, /^Restored 1 saved breakpoint\.$/);
  await waitFor("the other gotui's breakpoint, learned", () => b.app.session.state.breakpoints.find((x) => x.by && x.line === item.line));
  await must(b.app, b.rec, 'breakpoints restore');
  await consoleLine(b.rec, /^The saved breakpoint is set already \(here, or by another gotui on this Delve\)\.$/);
  const at = (await dlvCli(a.server.address, ['breakpoints'])).split('\n').filter((l) => /^Breakpoint /.test(l) && new RegExp(`main\\.go:${item.line}\\b`).test(l));
  assert.equal(at.length, 1, `one breakpoint at main.go:${item.line}: ${at.join(' | ')}`);
  // Set by hand there too: Delve keeps one a place, and the refusal says whose it is, not "no code".
  const from = b.rec.console.length;
  assert.equal(await b.app.run(`break main.go:${item.line}`), false);
  assert.match(consoleSince(b.rec, from), new RegExp(`Another client has a breakpoint at main\\.go:${item.line} already\\.`));
  await must(b.app, b.rec, 'quit -leave');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.breakpoints.length, 1, 'still saved');
  await must(a.app, a.rec, 'quit -leave');
});

test('watches are saved with the breakpoints and come back at the next start, read at its first stop as the dlv CLI reads them; --no-restore neither reads nor writes them (trial BZ)', async (t) => {
  const { binary, item, file } = await project(t);
  const first = await execApp(t, binary);
  await must(first.app, first.rec, `break main.go:${item.line}`);
  await must(first.app, first.rec, 'display n');
  await must(first.app, first.rec, 'display it.SKU');
  await must(first.app, first.rec, 'display sum');
  await must(first.app, first.rec, 'undisplay 1');
  await must(first.app, first.rec, 'quit');
  // The farewell names the watches waiting beside the breakpoints (trial CC: only the breakpoints were said).
  const esc = file.replace(/[.]/g, '\\.');
  assert.match(first.ended.message ?? '', new RegExp(`^Ended orders and its Delve\\. The program's 1 saved breakpoint and 2 saved watches stay in ${esc} for its next start under gotui \\(--no-restore skips them\\)\\.$`));
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Beside the breakpoints, not in their place.
  assert.deepEqual(saved.programs.orders.watches, ['it.SKU', 'sum']);
  assert.equal(saved.programs.orders.breakpoints.length, 1);

  const second = await execApp(t, binary);
  const watches = second.app.models.model(watchFeature);
  const shown = second.app.models.model(consoleFeature).get().lines.map((l) => l.text);
  assert.ok(shown.includes(`Restored 2 watches saved for this program in ${file} (:display -d N removes one).`), shown.join('\n'));
  const stop = await runToStop(second.app, second.rec, 'continue');
  assert.equal(stop.frame?.line, item.line);
  // Read at the stop, and what the dlv CLI prints for them there.
  await waitFor('the watches read', () => (watches.get().rows.every((r) => r.value !== undefined) ? true : undefined));
  const cli = await dlvCli(second.conn.address, ['print it.SKU', 'print sum']);
  const printed = cli.match(/^(".*"|-?[\d.]+(?:e[+-]\d+)?)$/gm) ?? [];
  assert.deepEqual(watches.get().rows.map((r) => `${r.expr} = ${r.value}`), printed.map((v, i) => `${['it.SKU', 'sum'][i]} = ${v}`), cli);
  // A breakpoint cleared keeps the watches on file.
  await must(second.app, second.rec, 'clearall');
  await must(second.app, second.rec, 'quit');
  assert.match(second.ended.message ?? '', new RegExp(`^Ended orders and its Delve\\. The program's 2 saved watches stay in ${esc} for its next start under gotui \\(--no-restore skips them\\)\\.$`));
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).programs.orders.watches, ['it.SKU', 'sum']);

  const before = fs.readFileSync(file, 'utf8');
  const third = await execApp(t, binary, true);
  assert.deepEqual(third.app.models.model(watchFeature).get().rows, []);
  await must(third.app, third.rec, 'display n');
  await must(third.app, third.rec, 'quit');
  assert.equal(fs.readFileSync(file, 'utf8'), before);
});
