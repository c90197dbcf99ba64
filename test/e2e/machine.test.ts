import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { findMarker } from '../../src/demos/build.js';
import { MAP_WHAT_COLUMN } from '../../src/memory/vmmap.js';
import { startDemoServer } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { gotuiStoppedAt } from '../support/pair.js';

/** rip as the dlv CLI on the same server sees it. */
async function cliRip(address: { host: string; port: number }): Promise<string> {
  const out = await dlvCli(address, ['regs']);
  return `0x${BigInt(/^\s*Rip = (0x[0-9a-f]+)/m.exec(out)![1]!).toString(16)}`;
}

test('the Disassembly pane in a real terminal: 0 opens it at the pc, s steps an instruction as the dlv CLI sees it, f switches to Intel', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const at = findMarker('orders', 'gotui:process');
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 60 }, at.line);
  if (!term) return;
  await term.line(':clearall');

  await term.keys('0');
  let screen = await term.waitFor('the pane at the pc', /0 Disassembly · main\.process · \d+\/\d+ · att/);
  screen = await term.waitFor('▶ at the pc', /▶ 0x[0-9a-f]+ <\+\d+>: mov {4}0x28\(%rsp\),%rax/);
  let rip = await cliRip(server.address);
  assert.match(screen, new RegExp(`▶ ${rip} <\\+\\d+>: +\\S`));
  assert.match(screen, new RegExp(`main\\.go:${at.line} {2}discount := applyDiscount`), 'the source line above its instructions');

  await term.keys('s');
  await term.waitFor('▶ one instruction on', /▶ 0x[0-9a-f]+ <\+\d+>: movsd {2}0x20\(%rsp\),%xmm0/);
  rip = await cliRip(server.address);
  screen = await term.waitFor('the pane at the CLI rip', new RegExp(`▶ ${rip} <\\+\\d+>: +movsd`));

  await term.keys('f');
  await term.waitFor('Intel syntax', /▶ 0x[0-9a-f]+ <\+\d+>: movsd {2}xmm0,QWORD PTR \[rsp\+0x20\]/);

  // Every register: 6 then a shows the xmm registers under the general ones.
  await term.keys('6', 'a');
  // More registers than rows: the title says where the cursor is among how many.
  screen = await term.waitFor('all registers, the general and the xmm ones (40 and more)', /6 Registers · g 1 frame 0 · 1\/([4-9]\d|\d{3}) · all registers/);
  const total = Number(/6 Registers · g 1 frame 0 · 1\/(\d+)/.exec(screen)![1]);
  await term.keys('G');
  await term.waitFor('the xmm registers, the last of them', new RegExp(`6 Registers · g 1 frame 0 · ${total}/${total} · all registers[\\s\\S]*xmm15 0x[0-9a-f]{32}`));
});

test(':vmmap at 80x24 opens its pager with the memory cursor\'s mapping in view (▶), the one /proc/PID/maps says holds it', async (t) => {
  const server = await startDemoServer(t, 'machine');
  // Past the start, libc and the loader are mapped: more mappings than the pager's rows.
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 }, findMarker('machine', 'gotui:floats').line);
  if (!term) return;
  const maps = fs.readFileSync(`/proc/${server.targetPid}/maps`, 'utf8').trim().split('\n');
  assert.ok(maps.length > 20, `more mappings than the pager's rows: ${maps.length}`);
  // The main thread's stack, near the end of the map.
  const holding = maps.find((l) => l.endsWith('[stack]'))!;
  const inside = BigInt(`0x${holding.split('-')[0]}`) + 0x100n;
  await term.line(`:x/2xg 0x${inside.toString(16)}`);
  let screen = await term.waitFor('the memory view', /x\/2xg 0x/);
  await term.line(':vmmap');
  screen = await term.waitFor('the pager with ▶', /vmmap · [\s\S]*│▶ 0x/);
  const start = holding!.split('-')[0]!.padStart(12, '0');
  assert.match(screen, new RegExp(`│▶ 0x${start}-`), screen);
  // At its top the binary's rows, whose path does not fit 80 columns: it goes on under the `what` column, as every row there does.
  await term.keys('g');
  screen = await term.waitFor('the top, the binary\'s first row', /vmmap · lines 1-[\s\S]*│  0x0+400000-[^\n]* binary /);
  const continued = screen.split('\n').filter((l) => /^│ {2,}\S/.test(l) && !/^│ {2}0x/.test(l));
  assert.ok(continued.length > 0, screen);
  for (const l of continued) assert.match(l, new RegExp(`^│ {${MAP_WHAT_COLUMN}}\\S`), screen);
  await term.keys('Escape');
});
