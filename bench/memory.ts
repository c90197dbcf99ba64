// bench/memory: how long gotui takes to show `x/256xg $rsp` again after a stop, against the dlv
// CLI's `x -fmt hex -count 256 -size 8 -x RSP` on the same server in the same run. Prints medians
// and ratios; asserts nothing.
//
// gotui: from the DAP `stopped` event to the memory store holding the view's 2 KiB for the new
// stop (what the pane then draws; pointer annotations follow), at every `next` over the orders
// demo's item loop; and a bare re-read of the view (one `dlv x` and its parsing), by each read
// method.
// dlv CLI: `dlv connect --init FILE` running the x command K times, minus the same run with no x
// commands (start-up, connect, exit), divided by K: the CLI's own work per x, printing included.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { connectTcp } from '../src/dap/client.js';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import type { HostPort } from '../src/transport/address.js';
import { Models } from '../src/features/host.js';
import { memoryFeature } from '../src/memory/feature.js';
import type { MethodChoice } from '../src/memory/reader.js';
import { Session } from '../src/session/session.js';
import { median, ratioLine } from './stats.js';

const STOPS = Number(process.env.STOPS ?? 15);
const REPEAT = Number(process.env.REPEAT ?? 50);
const WORDS = 256;

const binary = await buildDemo('orders');
const dlv = (await ensureDelve()).path;
const item = findMarker('orders', 'gotui:item');
const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });

async function gotui(): Promise<{ afterStop: number[]; afterFrames: number[]; reread: Map<MethodChoice, number[]> }> {
  const client = await connectTcp(server.address);
  const session = new Session('bench');
  await session.attach(client, { stop: false, version: dlv ? (await ensureDelve()).version : '?', owned: false });
  const stops: number[] = [];
  client.on('event', (e: P.Event) => {
    if (e.event === 'stopped') stops.push(performance.now());
  });
  // When the session announces the stop (its frames and scopes loaded): from there on the memory store works.
  const framed: number[] = [];
  session.events.on('stop', () => framed.push(performance.now()));
  const none = () => Promise.reject(new Error('none'));
  const models = new Models(session, { rpc: none, openRpc: async () => undefined, traceTarget: none });
  models.createAll();
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: item.file, line: item.line });
  await until(() => session.stopCount > since);
  const store = models.model(memoryFeature);
  await store.examine(`x/${WORDS}xg $rsp`);
  const afterStop: number[] = [];
  const afterFrames: number[] = [];
  for (let i = 0; i < STOPS; i++) {
    const before = session.stopCount;
    const seen = stops.length;
    // The moment the store publishes the view's bytes for the new stop.
    const done = new Promise<number>((resolve) => {
      const off = store.subscribe(() => {
        const s = store.get();
        // The view follows $rsp: a step out of the loop's function moves it.
        if (stops.length > seen && s.stop > before && s.cache.get(s.view.address, WORDS * 8).complete) {
          off();
          resolve(performance.now());
        }
      });
    });
    await session.step('next');
    const t = await done;
    afterStop.push(t - stops[stops.length - 1]!);
    afterFrames.push(t - framed[framed.length - 1]!);
    // Let the annotations and the session's variables finish before the next step.
    await until(() => !store.get().loading && session.state.status === 'stopped');
    await new Promise((r) => setTimeout(r, 20));
  }
  const reread = new Map<MethodChoice, number[]>();
  for (const method of ['dlvx', 'evaluate'] as const) {
    store.reader.setMethod(method);
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      await store.reader.read(store.get().view.address, WORDS * 8);
      times.push(performance.now() - t0);
    }
    reread.set(method, times);
  }
  session.dispose();
  return { afterStop, afterFrames, reread };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}

/** Wall time of one `dlv connect` running `commands` (answering n when it asks whether to kill the server). */
function cliRun(address: HostPort, commands: string[]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bench-'));
  const init = path.join(dir, 'init');
  fs.writeFileSync(init, [...commands, 'exit', ''].join('\n'));
  const t0 = performance.now();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(dlv, ['connect', `${address.host}:${address.port}`, '--init', init], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...dlvCliEnv() } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.end('n\n');
    child.on('error', reject);
    child.on('exit', () => {
      fs.rmSync(dir, { recursive: true, force: true });
      const rows = out.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).length;
      if (commands.length && rows !== (commands.length * WORDS) / 8) reject(new Error(`the CLI printed ${rows} rows:\n${out.slice(0, 2000)}`));
      else resolve(performance.now() - t0);
    });
  });
}

async function cli(): Promise<number[]> {
  const per: number[] = [];
  const x = `x -fmt hex -count ${WORDS} -size 8 -x RSP`;
  for (let i = 0; i < 5; i++) {
    const base = await cliRun(server.address, []);
    const full = await cliRun(server.address, Array(REPEAT).fill(x));
    per.push((full - base) / REPEAT);
  }
  return per;
}

try {
  const ours = await gotui();
  // The target is left stopped at the last step: the CLI reads the same stack.
  const theirs = median(await cli());
  const afterStop = median(ours.afterStop);
  const dlvx = median(ours.reread.get('dlvx')!);
  const evaluate = median(ours.reread.get('evaluate')!);
  console.log(`x/${WORDS}xg $rsp (${WORDS * 8} bytes), medians: ${STOPS} stops, ${REPEAT} reads per method, 5 CLI runs of ${REPEAT} x commands`);
  console.log(ratioLine('stopped event to the view re-read, vs the CLI\'s x', afterStop, theirs, 'dlv CLI x'));
  console.log(ratioLine('  of which after the session loaded the stop\'s frames', median(ours.afterFrames), theirs, 'dlv CLI x'));
  console.log(ratioLine('re-read of the view through dlv x, vs the CLI\'s x', dlvx, theirs, 'dlv CLI x'));
  console.log(ratioLine('re-read through evaluate (64 B chunks, no dlv x), vs the CLI\'s x', evaluate, theirs, 'dlv CLI x'));
} finally {
  await server.stop();
}
