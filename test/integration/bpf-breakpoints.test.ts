import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import { findOnPath } from '../../src/delve/locate.js';
import { loadBinary } from '../../src/bpf/binary.js';
import { mountTracefs, tracefsMounted } from '../../src/bpf/runner.js';
import { bpfFeature } from '../../src/bpf/feature.js';
import { MAPS_AT_EXIT, renderProbeLines } from '../../src/bpf/view.js';
import { execa } from 'execa';
import { consoleFeature } from '../../src/console/feature.js';
import { buildDemo } from '../../src/demos/build.js';
import { requireTool, waitFor } from '../support/delve.js';
import { headlessApp } from '../support/session.js';
import { dlvCli } from '../support/dlv-cli.js';

/**
 * A uprobe and a Delve breakpoint on one address share its int3: the uprobe takes the trap (the
 * breakpoint never fires) and, when it goes, writes back the original byte (the breakpoint stays
 * dead). Found by a new-user trial with `:break *ADDR` and `:bpf calls` on the same function.
 */
test('a probe is refused where any Delve breakpoint sits (gotui\'s by address, the dlv CLI\'s), and a breakpoint where a probe runs; the breakpoint still stops', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  if (!tracefsMounted()) await mountTracefs();
  const binary = await buildDemo('inventory');
  const entry = loadBinary(binary).symbol('main.restock')!.value;
  const hex = `0x${entry.toString(16)}`;
  const conn = await openTarget({ kind: 'demo', name: 'inventory', args: ['-quiet'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec } = headlessApp(conn);
  const bpf = app.models.model(bpfFeature);
  t.after(() => bpf.stopAll());
  const lastError = () => app.models.model(consoleFeature).get().lastError ?? '';
  await app.start();
  const s = app.session;
  const cli = (...commands: string[]) => dlvCli(conn.address, commands);

  // Stopped anywhere, an instruction breakpoint on main.restock's entry (a DAP instructionBreakpoint).
  let since = s.stopCount;
  assert.ok(await app.run('pause'));
  await waitFor('the pause', () => rec.stops.find((x) => x.number > since));
  assert.ok(await app.run(`break *${hex}`), lastError());
  const mine = s.state.breakpoints.find((b) => b.kind === 'instruction')!;
  assert.match(await cli('breakpoints'), new RegExp(`instructionBreakpoint.* at ${hex} for main\\.restock\\(\\)`));

  // The template is refused, in one sentence naming the breakpoint, and nothing attaches.
  assert.equal(await app.run('bpf calls main.restock'), false);
  assert.match(lastError(), new RegExp(`[Bb]reakpoint #${mine.id} .*entry of main\\.restock`));
  assert.match(lastError(), new RegExp(`:clear ${mine.id}`));
  assert.equal(bpf.streams().length, 0);

  // A user script that would is warned about (it runs as written).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bt-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, 'restock.bt');
  fs.writeFileSync(script, 'uprobe:$2:main.restock /pid == $1/ { @n = count(); }\n');
  assert.ok(await app.run(`bpf run ${script}`), lastError());
  assert.match(rec.console.at(-1)?.text ?? '', /attached; events come when the target runs \(c\)\./, 'halted: not said to keep running');
  const run = bpf.streams().at(-1)!;
  assert.ok(run.warnings.some((w) => w.includes('main.restock') && /breakpoint/i.test(w)), run.warnings.join('\n'));
  // It fills a map and prints nothing: said where events would show, or the lane seems to wait for nothing (trial BK).
  assert.ok(renderProbeLines(run, 200, 10).includes(MAPS_AT_EXIT), renderProbeLines(run, 200, 10).join('\n'));
  assert.ok(await app.run(`bpf stop ${run.id}`));
  await waitFor('the script stopped', () => run.status === 'stopped' || run.status === 'failed' || undefined, 20_000);
  // It silenced the breakpoint for good (what the warning said): set it again.
  assert.ok(await app.run(`clear ${mine.id}`));

  // Another client's (the dlv CLI's) breakpoint at the same address: refused too.
  assert.match(await cli(`break *${hex}`), new RegExp(`Breakpoint \\d+ set at ${hex} for main\\.restock\\(\\)`));
  assert.equal(await app.run('bpf calls main.restock'), false);
  assert.match(lastError(), /another client's breakpoint .*entry of main\.restock/i);
  assert.equal(bpf.streams().filter((x) => x.title === 'calls main.restock').length, 0);

  // And the breakpoint still works: a continue stops at it, as the dlv CLI sees.
  since = s.stopCount;
  assert.ok(await app.run('continue'));
  const stop = await waitFor('the stop at main.restock', () => rec.stops.find((x) => x.number > since), 20_000);
  assert.equal(stop.frames[0]?.name, 'main.restock');
  assert.match(await cli('stack 1'), new RegExp(`0  0x0*${entry.toString(16)} in main\\.restock`));
  const cliBp = /Breakpoint (\d+) \(enabled\) at 0x[0-9a-f]+ for main\.restock\(\)[^\n]*\(1\)/.exec(await cli('breakpoints'));
  assert.ok(cliBp, 'the CLI\'s breakpoint counts one hit');
  await cli(`clear ${cliBp[1]}`);

  // The reverse: with a probe on the entry running, a breakpoint there is refused (Delve would
  // save the uprobe's int3 as the original byte, and write it back when cleared).
  assert.ok(await app.run('bpf calls main.restock'), lastError());
  const probe = bpf.streams().at(-1)!;
  assert.equal(probe.status, 'running');
  const count = s.state.breakpoints.length;
  assert.equal(await app.run(`break *${hex}`), false);
  assert.match(lastError(), new RegExp(`probe #${probe.id} .*main\\.restock`, 'i'));
  assert.match(lastError(), new RegExp(`:bpf stop ${probe.id}`));
  assert.equal(s.state.breakpoints.length, count);
  assert.doesNotMatch(await cli('breakpoints'), new RegExp(`at ${hex} for main\\.restock`));
  // A function breakpoint lands after the prologue: allowed beside the probe.
  assert.ok(await app.run('break main.restock'), lastError());
  // The dlv CLI's there cannot be refused: gotui warns once Delve's list shows it, and says how to
  // undo it before the probe stops.
  const theirs = /Breakpoint (\d+) set at/.exec(await cli(`break *${hex}`));
  assert.ok(theirs, 'the dlv CLI set its breakpoint');
  assert.ok(await app.run('breakpoints'));
  const said = (l: { text: string }) => l.text.startsWith(`Another client's breakpoint ${theirs[1]} `);
  const warning = await waitFor('the warning', () => rec.console.find(said));
  assert.match(warning.text, new RegExp(`is at ${hex}, where probe #${probe.id} \\(calls main\\.restock\\) has its uprobe: .*the dlv CLI's clear ${theirs[1]}\\), then :bpf stop ${probe.id}\\.$`), warning.text);
  assert.ok(await app.run('breakpoints'));
  assert.equal(rec.console.filter(said).length, 1, 'said once');

  // :clearall takes the CLI's too (Delve keeps one list), and names it as another client's.
  const clearFrom = rec.console.length;
  assert.ok(await app.run('clearall'));
  assert.match(rec.console.slice(clearFrom).map((l) => l.text).join('\n'), new RegExp(`^Cleared (?:1 breakpoint: |\\d+ breakpoints, among them )other#${theirs[1]} \\S+:\\d+ \\(another client's\\)\\.$`, 'm'));
  assert.doesNotMatch(await cli('breakpoints'), new RegExp(`Breakpoint ${theirs[1]} `));

  // Once the probe stops, the address is free again and a breakpoint there stops.
  assert.ok(await app.run(`bpf stop ${probe.id}`));
  await waitFor('the probe stopped', () => probe.status === 'stopped' || undefined, 20_000);
  assert.ok(await app.run(`break *${hex}`), lastError());
  since = s.stopCount;
  assert.ok(await app.run('continue'));
  const again = await waitFor('the stop at main.restock again', () => rec.stops.find((x) => x.number > since), 20_000);
  assert.equal(again.frames[0]?.name, 'main.restock');
  assert.match(await cli('stack 1'), new RegExp(`0  0x0*${entry.toString(16)} in main\\.restock`));
  await app.run('quit');
});

test('a script of the user that bpftrace refuses: its error names the file (bpftrace says stdin) and is said once; the probe is listed as failed', async (t) => {
  if (!requireTool(t, !!findOnPath('bpftrace') && process.geteuid?.() === 0, 'bpftrace as root')) return;
  if (!tracefsMounted()) await mountTracefs();
  const conn = await openTarget({ kind: 'demo', name: 'inventory', args: ['-quiet'] }, () => {});
  t.after(() => conn.server?.stop());
  const { app } = headlessApp(conn);
  const bpf = app.models.model(bpfFeature);
  t.after(() => bpf.stopAll());
  const lastError = () => app.models.model(consoleFeature).get().lastError ?? '';
  await app.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bt-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, 'bad.bt');
  const text = 'uprobe:$2:main.restock /pid == $1/ { @n = count(); \n';
  fs.writeFileSync(script, text);
  // The oracle: bpftrace itself, on the same text.
  const raw = await execa(findOnPath('bpftrace')!, ['-e', text, '1', '/bin/true'], { reject: false, timeout: 30_000 });
  const where = /^stdin:(\d+:\d+(?:-\d+)?: ERROR: .*)$/m.exec(raw.stderr)?.[1];
  assert.ok(where, raw.stderr);
  await app.run(`bpf run ${script}`);
  const run = await waitFor('the script failed', () => bpf.streams().find((s) => s.status === 'failed'), 30_000);
  assert.equal(run.error?.message, `${script}:${where}`);
  const shown = renderProbeLines(run, 120, 20, { sparkWidth: 1 });
  assert.equal(shown.filter((l) => l.includes('ERROR')).length, 1, shown.join('\n'));
  assert.ok(!shown.some((l) => l.startsWith('! ')), shown.join('\n'));
  assert.equal(await app.run('bpf stop 99'), false);
  assert.match(lastError(), new RegExp(`#${run.id} run bad\\.bt \\(failed\\)`));
});
