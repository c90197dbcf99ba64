// bench/goroutines: with the goroutine-leak demo at -burst 100000 stopped at its tick line, how
// long gotui takes from the stop to the grouped goroutines being ready (and drawn as the pane's
// lines), against the dlv CLI's `goroutines -group userloc` (`dlv connect --init`, timed whole,
// start-up included) on the same stops of the same server. Prints figures and ratios; asserts nothing.
//
// Delve reads all goroutines once per stop and caches them, so whoever asks first pays for that:
// at odd stops gotui asks first, at even stops the dlv CLI does. `BURST=N` and `STOPS=N` change the
// size and the number of stops.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { connectTcp } from '../src/dap/client.js';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { dlvGoroutines } from '../src/goroutines/dlvcli.js';
import { loadSnapshot, RpcMemberSource } from '../src/goroutines/loader.js';
import { DEFAULT_QUERY } from '../src/goroutines/model.js';
import { GoroutineStore } from '../src/goroutines/store.js';
import { renderGroupLines } from '../src/goroutines/view.js';
import { median, ratioLine } from './stats.js';
import { repoRoot } from '../src/paths.js';
import { openTmux } from '../test/support/tmux.js';

const BURST = Number(process.env.BURST ?? 100_000);
const STOPS = Number(process.env.STOPS ?? 8);
const SLOW = 180_000;

const binary = await buildDemo('goroutine-leak');
const dlv = (await ensureDelve()).path;
const tick = findMarker('goroutine-leak', 'gotui:tick');
const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: ['-burst', String(BURST)] });
try {
  const dap = await connectTcp(server.address);
  const stops: { at: number; thread: number }[] = [];
  dap.on('event', (e: P.Event) => {
    if (e.event === 'stopped') stops.push({ at: performance.now(), thread: (e as P.StoppedEvent).body.threadId ?? 1 });
  });
  await dap.request('initialize', { adapterID: 'gotui-bench', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await dap.request('attach', { mode: 'remote', stopOnEntry: false });
  await dap.request('setBreakpoints', { source: { path: tick.file }, breakpoints: [{ line: tick.line }] });
  await dap.request('configurationDone', undefined, SLOW);
  const rpc = await DelveRpcClient.connect(server.address);
  const store = new GoroutineStore();

  const gotuiFirst: number[] = [];
  const gotuiSecond: number[] = [];
  const cliFirst: number[] = [];
  const cliSecond: number[] = [];
  const render: number[] = [];
  let total = 0;
  for (let i = 1; i <= STOPS; i++) {
    await until(() => stops.length >= i);
    const stop = stops[i - 1]!;
    const ours = async () => {
      const s = await loadSnapshot(rpc, DEFAULT_QUERY, { seq: i, timeoutMs: SLOW });
      const ready = performance.now() - stop.at;
      store.setSnapshot(s, true);
      renderGroupLines(store.get(), 160, 48);
      render.push(performance.now() - stop.at - ready);
      total = s.total;
      return ready;
    };
    const theirs = async () => (await dlvGoroutines(dlv, server.address, '-group userloc', SLOW)).ms;
    if (i % 2) {
      gotuiFirst.push(await ours());
      cliSecond.push(await theirs());
    } else {
      cliFirst.push(await theirs());
      // gotui's clock starts at the stop; count only its own work, as if it had asked first.
      const before = performance.now();
      await ours();
      gotuiSecond.push(performance.now() - before);
    }
    if (i < STOPS) await dap.request('continue', { threadId: stop.thread });
  }

  // Opening the biggest group: its first page, then its last (a scan through all of allgs).
  const s = store.get().snapshot!;
  const biggest = [...s.groups].sort((a, b) => b.total - a.total)[0]!;
  const members = new RpcMemberSource(rpc, s, biggest, 200);
  let t = performance.now();
  await members.loadPage(0, { timeoutMs: SLOW });
  const firstPage = performance.now() - t;
  t = performance.now();
  await members.loadPage(Math.ceil(biggest.total / 200) - 1, { timeoutMs: SLOW });
  const lastPage = performance.now() - t;

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`goroutines: ${total.toLocaleString('en-US')} at each stop, ${STOPS} stops, Delve ${server.address.host}:${server.address.port}`);
  console.log(ratioLine('asking first (stop -> grouped data)', median(gotuiFirst), median(cliFirst), 'dlv CLI'));
  console.log(ratioLine('asking second (Delve cache warm)', median(gotuiSecond), median(cliSecond), 'dlv CLI'));
  console.log(`gotui stop -> pane lines drawn (view-model, 160x48), asking first: ${(median(gotuiFirst) + median(render)).toFixed(1)} ms (lines: ${median(render).toFixed(2)} ms)`);
  console.log(`gotui group of ${biggest.total.toLocaleString('en-US')}: first page of 200 ${firstPage.toFixed(1)} ms, last page ${lastPage.toFixed(1)} ms`);
  console.log(`gotui peak RSS: ${maxRssMb.toFixed(1)} MB (heap used now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB)`);
  rpc.close();
  dap.close();
} finally {
  await server.stop();
}

// The real gotui in a terminal: from the `p` key to the grouped pane painted with the exact count,
// against `goroutines -group userloc` typed into the dlv CLI, each in tmux on its own 100k server.
{
  const painted: number[] = [];
  const cli: number[] = [];
  let rssMb = 0;
  const gotui = await openTmux([path.join(repoRoot, 'bin', 'gotui.js'), 'demo', 'goroutine-leak', '--', '-burst', String(BURST)], { columns: 160, rows: 48 });
  try {
    // The demo prints goroutines=N each tick once its burst is made: only then is the count final.
    await gotui.waitFor('the burst made', new RegExp(`goroutines=${String(BURST).slice(0, 2)}\\d{${String(BURST).length - 2},}`), SLOW);
    for (let i = 0; i < STOPS; i++) {
      // While the target runs, and while the new stop loads, the pane says so; done when neither line is left.
      await gotui.waitFor('the running pane', /The target is running[:;]/, SLOW);
      const t0 = performance.now();
      await gotui.keys('p');
      await gotui.waitFor('the painted groups', new RegExp(`^(?![\\s\\S]*(The target is running[:;]|Loading: ))[\\s\\S]*${BURST.toLocaleString('en-US').slice(0, 2)}[\\d,]*,\\d{3} goroutines.* · -group userloc`), SLOW);
      painted.push(performance.now() - t0);
      await gotui.keys('c');
      await gotui.waitFor('running', /running │/, SLOW);
    }
    rssMb = peakRssMb(await gotui.appPid());
  } finally {
    await gotui.close();
  }
  const other = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: ['-burst', String(BURST)] });
  const term = await openTmux([dlv, 'connect', `127.0.0.1:${other.address.port}`], { columns: 160, rows: 48, env: dlvCliEnv() });
  try {
    await term.waitFor('prompt', /\(dlv\)/);
    const made = new RegExp(`goroutines=${String(BURST).slice(0, 2)}\\d{${String(BURST).length - 2},}`);
    const burst = new Promise<void>((resolve) => other.onOutput((line) => made.test(line) && resolve()));
    await term.line('continue');
    // The target prints on the headless Delve's output, not in the connected CLI.
    await burst;
    for (let i = 0; i < STOPS; i++) {
      // A connected dlv CLI asks what Ctrl-C means: pause the target.
      await term.keys('C-c');
      await term.waitFor('the question', /\[p\/q\]\?/, SLOW);
      await term.line('p');
      await term.waitFor('halted', /^\(dlv\)\s*$/m, SLOW);
      await term.keys('C-l');
      const t0 = performance.now();
      await term.line('goroutines -group userloc');
      await term.waitFor('the groups and the prompt after them', /Total: \d+[\s\S]*\(dlv\)/, SLOW);
      cli.push(performance.now() - t0);
      await term.line('continue');
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await term.close();
    await other.stop();
  }
  console.log(ratioLine('p key to painted grouped pane (tmux) vs dlv CLI goroutines -group userloc (tmux)', median(painted), median(cli), 'dlv CLI'));
  console.log(`gotui (the UI process) peak RSS with ${BURST.toLocaleString('en-US')} goroutines: ${rssMb.toFixed(1)} MB`);
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function until(check: () => boolean, timeoutMs = SLOW): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`no stop within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
