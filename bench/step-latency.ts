// bench/step-latency: median time from the `n` key to the repainted source line in gotui, against
// `next` to the printed location in the dlv CLI, both in tmux on the same demo in the same run,
// and a bare DAP next + stackTrace round trip. Prints figures and ratios; asserts nothing.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { connectTcp } from '../src/dap/client.js';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { repoRoot } from '../src/paths.js';
import { openTmux } from '../test/support/tmux.js';
import { median, ratioLine } from './stats.js';

const STEPS = Number(process.env.STEPS ?? 15);
const binary = await buildDemo('orders');
const dlv = (await ensureDelve()).path;
// The loop over items: `next` alternates between two lines, so every step repaints a new line.
const item = findMarker('orders', 'gotui:item');

async function gotuiSteps(): Promise<number[]> {
  const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
  const term = await openTmux([process.execPath, path.join(repoRoot, 'bin', 'gotui.js'), 'attach', '--stop', `127.0.0.1:${server.address.port}`]);
  try {
    await term.waitFor('halted', /stopped/);
    await term.type(`:break main.go:${item.line}`);
    await term.keys('Enter');
    await term.type(':continue');
    await term.keys('Enter');
    await term.waitFor('stop', new RegExp(`▶\\s*${item.line} `));
    const times: number[] = [];
    let last = lineOf(await term.screen());
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      await term.keys('n');
      await term.waitFor('a new line', new RegExp(`▶\\s*(?!${last} )\\d+ `));
      times.push(performance.now() - t0);
      last = lineOf(await term.screen());
    }
    return times;
  } finally {
    await term.close();
    await server.stop();
  }
}

function lineOf(screen: string): number {
  return Number(/▶\s*(\d+) /.exec(screen)?.[1] ?? -1);
}

async function dlvSteps(): Promise<number[]> {
  const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
  const term = await openTmux([dlv, 'connect', `127.0.0.1:${server.address.port}`]);
  try {
    await term.waitFor('prompt', /\(dlv\)/);
    await term.type(`break main.go:${item.line}`);
    await term.keys('Enter');
    await term.type('continue');
    await term.keys('Enter');
    await term.waitFor('stop', /=>\s*\d+:/);
    const times: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      await term.keys('C-l');
      await term.waitFor('cleared', /^(?![\s\S]*=>)/);
      const t0 = performance.now();
      await term.line('next');
      await term.waitFor('location', /=>\s*\d+:/);
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    await term.close();
    await server.stop();
  }
}

async function dapRoundTrips(): Promise<number[]> {
  const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
  const client = await connectTcp(server.address);
  try {
    await client.request('initialize', { adapterID: 'go', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const stopped = () => new Promise<P.StoppedEvent>((resolve) => {
      const on = (e: P.Event) => {
        if (e.event === 'stopped') {
          client.off('event', on);
          resolve(e as P.StoppedEvent);
        }
      };
      client.on('event', on);
    });
    await client.request('attach', { mode: 'remote', stopOnEntry: true });
    await client.request('setBreakpoints', { source: { path: item.file }, breakpoints: [{ line: item.line }] });
    await client.request('configurationDone');
    let s = stopped();
    await client.request('continue', { threadId: 1 });
    let ev = await s;
    const times: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const t0 = performance.now();
      s = stopped();
      await client.request('next', { threadId: ev.body.threadId });
      ev = await s;
      await client.request('stackTrace', { threadId: ev.body.threadId, levels: 20 });
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    client.close();
    await server.stop();
  }
}

const dap = median(await dapRoundTrips());
const ours = median(await gotuiSteps());
const cli = median(await dlvSteps());
console.log(`step latency over ${STEPS} steps (median, tmux polled every 20 ms for both terminals)`);
console.log(ratioLine('n key to repainted line vs dlv CLI next', ours, cli, 'dlv CLI'));
console.log(ratioLine('n key to repainted line vs bare DAP next+stackTrace', ours, dap, 'bare DAP'));
