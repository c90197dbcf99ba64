// bench/startup: from starting gotui to its first frame showing the target's state, against the
// dlv CLI to its prompt, in the same pseudo-terminal and run: attach to a running headless Delve
// (`gotui attach` / `dlv connect`), start a program under Delve (`gotui exec` / `dlv exec`), and the
// demo (`gotui demo` / `dlv exec` of its binary).
// Also `gotui --help` to its exit. Prints medians and ratios; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { buildDemo } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { repoRoot } from '../src/paths.js';
import { floorClient } from './floor.js';
import { PtyTerminal } from './pty.js';
import { median } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 8);
const gotui = path.join(repoRoot, 'bin', 'gotui.js');
const binary = await buildDemo('inventory');
const dlv = (await ensureDelve()).path;

/** Ms from spawning to the first screen matching `ready` (and to `full`, when given). */
async function timeTo(file: string, args: string[], ready: RegExp, full?: RegExp, env: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const t = new PtyTerminal(file, args, { cols: 200, rows: 50, env });
  try {
    await t.waitFor('ready', ready, 60_000);
    const first = t.lastOutput - t0;
    if (full) {
      await t.waitFor('the whole first frame', full, 60_000);
      fullTimes.push(t.lastOutput - t0);
    }
    return first;
  } finally {
    t.kill();
  }
}

const fullTimes: number[] = [];
// The status bar with the state; then every pane drawn.
const STATE = /(stopped|running) .*│ .*Delve/;
const PANES = /4 Variables[\s\S]*(stopped|running) .*│/;

/**
 * A user's gotui has run before: its first run writes V8's code cache as it exits
 * (bin/require-cached.js). The timed runs are killed, so they write none: one run that quits as a
 * user does comes first (without it, a fresh build's figures are its cold start, ~100 ms more).
 */
async function warmCodeCache(addr: string): Promise<void> {
  const t = new PtyTerminal(gotui, ['attach', addr], { cols: 200, rows: 50 });
  try {
    await t.waitFor('every pane', PANES, 60_000);
    // Leaves the target as found (halted at entry, or running).
    t.write(':quit -leave\r');
    for (const until = Date.now() + 10_000; !t.exited && Date.now() < until; ) await t.nextOutput(1_000);
  } finally {
    t.kill();
  }
}

async function series(run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await run());
  return out;
}

const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
const addr = `127.0.0.1:${server.address.port}`;
await warmCodeCache(addr);
const cliConnect = await series(() => timeTo(dlv, ['connect', addr], /^\(dlv\) /m, undefined, dlvCliEnv()));
// The floor: gotui's protocol layer without its UI, attached and its stop loaded.
const floor = await floorClient();
const floorAttach = await series(() => timeTo(floor, [addr], /\(floor\) at/));
// Where gotui's time goes: its own marks (GOTUI_TIMINGS), ms since the process started.
const timings = path.join(os.tmpdir(), `gotui-timings-${process.pid}`);
process.once('exit', () => fs.rmSync(timings, { force: true }));
async function gotuiMarked(args: string[], marks: Map<string, number[]>): Promise<number> {
  fs.rmSync(timings, { force: true });
  const ms = await timeTo(gotui, args, STATE, PANES, { GOTUI_TIMINGS: timings });
  for (const [, at, name] of fs.readFileSync(timings, 'utf8').matchAll(/^([\d.]+) (.+)$/gm)) marks.set(name!, [...(marks.get(name!) ?? []), Number(at)]);
  return ms;
}
const marksOf = (marks: Map<string, number[]>) => [...marks].map(([name, at]) => `${name} ${median(at).toFixed(0)}`).join(', ');
const attachMarks = new Map<string, number[]>();
const gotuiAttach = await series(() => gotuiMarked(['attach', addr], attachMarks));
const attachFull = fullTimes.splice(0);
await server.stop();

const cliExec = await series(() => timeTo(dlv, ['exec', binary], /^\(dlv\) /m, undefined, dlvCliEnv()));
const execMarks = new Map<string, number[]>();
const gotuiExec = await series(() => gotuiMarked(['exec', '--stop', binary], execMarks));
const execFull = fullTimes.splice(0);
// The floor of `exec`: Node, gotui's protocol layer and its way of starting Delve, no UI.
const floorExec = await series(() => timeTo(floor, ['exec', dlv, binary], /\(floor\) at/));
// The demo, as the README's first command starts it (its binary already built): against the dlv
// CLI starting the same binary.
const demoBinary = await buildDemo('orders');
const cliDemo = await series(() => timeTo(dlv, ['exec', demoBinary], /^\(dlv\) /m, undefined, dlvCliEnv()));
const gotuiDemo = await series(() => timeTo(gotui, ['demo'], STATE, PANES));
const floorDemo = await series(() => timeTo(floor, ['exec', dlv, demoBinary], /\(floor\) at/));
fullTimes.splice(0);

const help: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  await execa(gotui, ['--help']);
  help.push(performance.now() - t0);
}
const node: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  // As gotui's first line starts Node: without NODE_EXTRA_CA_CERTS, whose file Node reads as it starts.
  await execa(process.execPath, ['-e', '0'], { env: { NODE_EXTRA_CA_CERTS: undefined } });
  node.push(performance.now() - t0);
}

const line = (what: string, ours: number[], peer: number[], peerName: string) =>
  console.log(`startup: ${what} median ${median(ours).toFixed(0)} ms, ${peerName} ${median(peer).toFixed(0)} ms, ratio ${(median(ours) / median(peer)).toFixed(2)}x`);
line('gotui attach ADDR to the state shown', gotuiAttach, cliConnect, 'dlv connect to its prompt');
line('gotui attach ADDR to every pane drawn', attachFull, cliConnect, 'dlv connect to its prompt');
line("the floor client (gotui's Session, no UI) attached, its stop printed", floorAttach, cliConnect, 'dlv connect to its prompt');
line('gotui attach ADDR to the state shown', gotuiAttach, floorAttach, 'the floor client');
line('gotui exec BIN to the state shown', gotuiExec, cliExec, 'dlv exec to its prompt');
line('gotui exec BIN to every pane drawn', execFull, cliExec, 'dlv exec to its prompt');
line("the floor client started BIN under Delve, attached, its stop printed", floorExec, cliExec, 'dlv exec to its prompt');
line('gotui exec BIN to the state shown', gotuiExec, floorExec, 'the floor client');
line('gotui demo (orders) to the state shown', gotuiDemo, cliDemo, 'dlv exec of its binary to its prompt');
line('the floor client started the demo binary under Delve, its stop printed', floorDemo, cliDemo, 'dlv exec of its binary to its prompt');
line('gotui demo (orders) to the state shown', gotuiDemo, floorDemo, 'the floor client');
console.log(`startup: where gotui attach's time goes (median ms since the process started): ${marksOf(attachMarks)}`);
console.log(`startup: where gotui exec's time goes: ${marksOf(execMarks)}`);
console.log(`startup: gotui --help median ${median(help).toFixed(0)} ms; the floor, node -e 0: ${median(node).toFixed(0)} ms (the same ratio to dlv connect: ${(median(node) / median(cliConnect)).toFixed(1)}x)`);
process.exit(0);
