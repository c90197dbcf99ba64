// bench/step-latency: `n` in gotui to the new stop line painted, and to the settled screen (no
// cell changed for 500 ms, goroutine groups included), against `next` in the dlv CLI to its
// printed location, on the inventory demo (37 goroutines, a FlagSet, the sixty-line report),
// in the same pseudo-terminal sizes and run, the clients taking turns in rounds. Prints medians,
// p99 and ratios; asserts nothing. To weigh a change, GOTUI_B=FILE names another build's bundle
// (a copy of dist/bundle/main.cjs made before the change, kept in the checkout but outside
// dist/bundle/, which a build empties: dist/before.cjs): it takes its turns beside this build,
// and its figures are printed against this build's.
import fs from 'node:fs';
import path from 'node:path';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { startHeadlessDelve, type StartedServer } from '../src/delve/server.js';
import { repoRoot } from '../src/paths.js';
import { connectTcp } from '../src/dap/client.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { Session } from '../src/session/session.js';
import { floorClient, launcherOf } from './floor.js';
import { percentile, PtyTerminal } from './pty.js';
import { median } from './stats.js';

const STEPS = Number(process.env.STEPS ?? 10);
/**
 * The clients take turns, a round of STEPS each, the order reversed every other round: this
 * machine's load comes in bursts of seconds, and one client's whole series in a burst skews its
 * median against the others' (the 16:10 full run of 12-03: the floor client 1.14x the CLI).
 */
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/**
 * Every client's terminal is quiet this long before each key, as gotui's is when its settled
 * screen is timed: after a longer idle the first work of Delve and of the client is slower on this
 * VM (a CLI given 100 ms between steps came out 1-2 ms faster than one given 500).
 */
const QUIET_MS = 500;
const sizes = (process.env.SIZES ?? '200x50,80x24').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const binary = await buildDemo('inventory');
const dlv = (await ensureDelve()).path;
// The first line of report: stepping goes through its sixty lines one by one.
const report = findMarker('inventory', 'gotui:report');
const stockFile = path.join(path.dirname(report.file), 'stock.go');
const reportLine = fs.readFileSync(stockFile, 'utf8').split('\n').findIndex((l) => /^\tlines := 0$/.test(l)) + 1;

async function server(): Promise<StartedServer> {
  return startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
}

async function gotuiSteps(cols: number, rows: number, gotui = path.join(repoRoot, 'bin', 'gotui.js')): Promise<{ painted: number[]; settled: number[] }> {
  const s = await server();
  const t = new PtyTerminal(gotui, ['attach', '--stop', `127.0.0.1:${s.address.port}`], { cols, rows });
  try {
    await t.waitFor('gotui', /stopped/);
    t.write(`:break stock.go:${reportLine}\r`);
    await t.waitFor('the breakpoint', /Breakpoint #1/);
    t.write('c');
    await t.waitFor('the stop in report', /▶\s*0 main\.report/);
    t.write(':clear 1\r');
    await t.settled(500);
    const painted: number[] = [];
    const settled: number[] = [];
    let line = stopLine(t.screen());
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      t.write('n');
      await t.waitFor('the next line', new RegExp(`▶\\s*0 main\\.report\\s+stock\\.go:(?!${line}\\b)\\d+`));
      painted.push(t.lastOutput - t0);
      settled.push((await t.settled(QUIET_MS)) - t0);
      line = stopLine(t.screen());
    }
    t.write(':quit -kill\r');
    return { painted, settled };
  } finally {
    t.kill();
    await s.stop();
  }
}

/** The line of the last `> func() file:N (PC: …)` the CLI printed. */
function lastLocation(screen: string): number | undefined {
  const all = [...screen.matchAll(/stock\.go:(\d+) \(PC:/g)];
  return all.length ? Number(all[all.length - 1]![1]) : undefined;
}

function stopLine(screen: string): number {
  return Number(/▶\s*0 main\.report\s+stock\.go:(\d+)/.exec(screen)?.[1] ?? -1);
}

async function dlvSteps(cols: number, rows: number): Promise<number[]> {
  const s = await server();
  const t = new PtyTerminal(dlv, ['connect', `127.0.0.1:${s.address.port}`], { cols, rows, env: dlvCliEnv() });
  try {
    await t.waitFor('the prompt', /\(dlv\) $/m);
    t.write(`break stock.go:${reportLine}\r`);
    await t.waitFor('the breakpoint', /Breakpoint 1 set/);
    t.write('continue\r');
    await t.waitFor('the stop', /=>\s*\d+:/);
    t.write('clear 1\r');
    await t.settled(300);
    const times: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const before = lastLocation(t.screen());
      const t0 = performance.now();
      t.write('next\r');
      // The CLI prints `> main.report() ./stock.go:N (PC: …)`, then the listing and the prompt.
      for (;;) {
        const loc = lastLocation(t.screen());
        if (loc !== undefined && loc !== before && /^\(dlv\) ?$/m.test(t.screen().split('\n').slice(-25).join('\n'))) break;
        if (!(await t.nextOutput(10_000))) throw new Error('the dlv CLI printed no new location');
      }
      times.push(t.lastOutput - t0);
      await t.settled(QUIET_MS);
    }
    return times;
  } finally {
    t.kill();
    await s.stop();
  }
}

/**
 * The floor client (gotui's Session, no UI) in the same terminal: `n` to its stop line printed, to
 * the goroutine groups', and to everything else gotui's panes read at a stop.
 */
async function floorSteps(cols: number, rows: number): Promise<{ painted: number[]; settled: number[]; all: number[] }> {
  const s = await server();
  const t = new PtyTerminal(await floor, [`127.0.0.1:${s.address.port}`, `${stockFile}:${reportLine}`], { cols, rows });
  try {
    await t.waitFor('the floor client at report', /stop \d+ \(floor\) at ▶ 0 main\.report/);
    const painted: number[] = [];
    const settled: number[] = [];
    const all: number[] = [];
    const first = Number(/stop (\d+) \(floor\)/.exec(t.screen())?.[1]);
    const until = async (re: RegExp) => {
      while (!re.test(t.screen())) if (!(await t.nextOutput(10_000))) throw new Error(`the floor client never printed ${re}; its last lines: ${t.screen().trimEnd().split('\n').slice(-6).join(' | ')}`);
    };
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      t.write('n');
      await until(new RegExp(`^stop ${first + i + 1} ▶ 0 main\\.report`, 'm'));
      painted.push(t.lastOutput - t0);
      await until(new RegExp(`^stop ${first + i + 1}: \\d+ goroutines`, 'm'));
      settled.push(t.lastOutput - t0);
      await until(new RegExp(`^stop ${first + i + 1}: all read`, 'm'));
      all.push(t.lastOutput - t0);
      await t.settled(QUIET_MS);
    }
    t.write('q');
    return { painted, settled, all };
  } finally {
    t.kill();
    await s.stop();
  }
}

/**
 * The floor under gotui: Delve's own DAP `next` (request to the stopped event) and the reads a stop
 * needs (stackTrace, scopes, variables), over a bare connection; beside it Delve's JSON-RPC `next`,
 * which the dlv CLI uses.
 */
async function floors(): Promise<{ dapNext: number[]; dapStop: number[]; rpcNext: number[] }> {
  const s = await server();
  const client = await connectTcp(s.address);
  const rpc = await DelveRpcClient.connect(s.address);
  const session = new Session('bench');
  session.readScopesAtStops();
  try {
    await session.attach(client, { stop: true, version: '?', owned: false });
    await session.addBreakpoint({ kind: 'line', file: stockFile, line: reportLine });
    let stops = 0;
    const stopped = () => new Promise<void>((r) => { const off = session.events.on('stop', () => (off(), stops++, r())); });
    let next = stopped();
    await session.continue();
    await next;
    await session.removeBreakpoint(session.state.breakpoints[0]!.id);
    const dapNext: number[] = [];
    const dapStop: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      const ev = new Promise<number>((r) => client.once('event', function on(e) { if (e.event === 'stopped') r(performance.now()); else client.once('event', on); }));
      next = stopped();
      await session.step('next');
      dapNext.push((await ev) - t0);
      await next;
      dapStop.push(performance.now() - t0);
    }
    await session.detach({ resume: false });
    const rpcNext: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      await rpc.call('Command', { name: 'next' });
      rpcNext.push(performance.now() - t0);
    }
    return { dapNext, dapStop, rpcNext };
  } finally {
    rpc.close();
    session.dispose();
    await s.stop();
  }
}

const floor = floorClient();
const other = process.env.GOTUI_B ? launcherOf(path.resolve(process.env.GOTUI_B)) : undefined;
const f = await floors();
console.log(`step-latency floor: Delve's DAP next, request to stopped event, median ${median(f.dapNext).toFixed(1)} ms; to the stop loaded (stack, scopes, variables) ${median(f.dapStop).toFixed(1)} ms; Delve's JSON-RPC next (the dlv CLI's) ${median(f.rpcNext).toFixed(1)} ms`);

for (const [cols, rows] of sizes) {
  const cli: number[] = [];
  const fl = { painted: [] as number[], settled: [] as number[], all: [] as number[] };
  const g = { painted: [] as number[], settled: [] as number[] };
  const b = { painted: [] as number[], settled: [] as number[] };
  const gotuiTurn = (into: typeof g, launcher?: string) => async () => {
    const x = await gotuiSteps(cols, rows, launcher);
    into.painted.push(...x.painted);
    into.settled.push(...x.settled);
  };
  const turns = [
    async () => void cli.push(...(await dlvSteps(cols, rows))),
    async () => {
      const x = await floorSteps(cols, rows);
      fl.painted.push(...x.painted);
      fl.settled.push(...x.settled);
      fl.all.push(...x.all);
    },
    gotuiTurn(g),
    ...(other ? [gotuiTurn(b, other)] : []),
  ];
  for (let r = 0; r < ROUNDS; r++) for (const turn of r % 2 ? [...turns].reverse() : turns) await turn();
  const c = median(cli);
  const fm = median(fl.painted);
  const fs = median(fl.settled);
  const fa = median(fl.all);
  const p = median(g.painted);
  const st = median(g.settled);
  console.log(`step-latency ${cols}x${rows}: dlv CLI next to its printed location median ${c.toFixed(1)} ms (p99 ${percentile(cli, 99).toFixed(1)})`);
  console.log(`step-latency ${cols}x${rows}: floor client (gotui's Session, no UI) n to its stop line printed median ${fm.toFixed(1)} ms (p99 ${percentile(fl.painted, 99).toFixed(1)}), ratio ${(fm / c).toFixed(2)}x the CLI; to its goroutine groups printed ${fs.toFixed(1)} ms, ${(fs / c).toFixed(2)}x; to everything gotui's panes read at a stop (variables, registers, breakpoints) ${fa.toFixed(1)} ms, ${(fa / c).toFixed(2)}x`);
  console.log(`step-latency ${cols}x${rows}: gotui n to the new stop line painted median ${p.toFixed(1)} ms (p99 ${percentile(g.painted, 99).toFixed(1)}), ratio ${(p / c).toFixed(2)}x (${(p / fm).toFixed(2)}x the floor client)`);
  console.log(`step-latency ${cols}x${rows}: gotui n to the settled screen median ${st.toFixed(1)} ms (to the last change; p99 ${percentile(g.settled, 99).toFixed(1)}), ratio ${(st / c).toFixed(2)}x (${(st / fs).toFixed(2)}x the floor client's groups, ${(st / fa).toFixed(2)}x its everything read)`);
  if (other) {
    const bp = median(b.painted);
    const bs = median(b.settled);
    console.log(`step-latency ${cols}x${rows}: GOTUI_B (${process.env.GOTUI_B}) n to the stop line painted median ${bp.toFixed(1)} ms, settled ${bs.toFixed(1)} ms; this build against it: ${(p / bp).toFixed(2)}x / ${(st / bs).toFixed(2)}x (the CLI ${(bp / c).toFixed(2)}x / ${(bs / c).toFixed(2)}x)`);
  }
}
process.exit(0);
