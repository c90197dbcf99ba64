// bench/key-latency: key to first paint for a cursor move (j) in gotui's source, variables and
// goroutines panes, against `less` scrolling one line, in the same pseudo-terminal size and run.
// Prints medians, p99 and ratios; asserts nothing.
import path from 'node:path';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { repoRoot } from '../src/paths.js';
import { percentile, PtyTerminal } from './pty.js';
import { median } from './stats.js';

const KEYS = Number(process.env.KEYS ?? 60);
const sizes = (process.env.SIZES ?? '200x50,80x24').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const gotuiBin = path.join(repoRoot, 'bin', 'gotui.js');

async function lessTimes(cols: number, rows: number): Promise<number[]> {
  const t = new PtyTerminal('less', [path.join(repoRoot, 'README.md')], { cols, rows });
  try {
    await t.waitFor('less', /gotui/);
    await t.settled(300);
    const times: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      times.push((await t.press('j')).firstPaint);
      await t.settled(30);
    }
    return times;
  } finally {
    t.kill();
  }
}

async function gotuiTimes(cols: number, rows: number): Promise<Record<string, number[]>> {
  const binary = await buildDemo('inventory');
  const dlv = (await ensureDelve()).path;
  const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
  const t = new PtyTerminal(gotuiBin, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { cols, rows });
  try {
    await t.waitFor('gotui', /stopped/);
    const at = findMarker('inventory', 'gotui:collections');
    t.write(`:break main.go:${at.line}\r`);
    t.write('c');
    await t.waitFor('the stop', /▶\s*0 main\.inspect/);
    await t.settled(500);
    const out: Record<string, number[]> = {};
    for (const [pane, digit] of [['source', '1'], ['variables', '4'], ['goroutines', '2']] as const) {
      t.write(digit);
      await t.settled(200);
      const times: number[] = [];
      for (let i = 0; i < KEYS; i++) {
        // Down and up in turn: every key moves the cursor (a key that moves nothing paints nothing).
        times.push((await t.press(i % 2 === 0 ? 'j' : 'k')).firstPaint);
        await t.settled(30);
      }
      out[pane] = times;
    }
    t.write(':quit -leave\r');
    return out;
  } finally {
    t.kill();
    await server.stop();
  }
}

for (const [cols, rows] of sizes) {
  const less = await lessTimes(cols, rows);
  const gotui = await gotuiTimes(cols, rows);
  const lm = median(less);
  console.log(`key-latency ${cols}x${rows}: less j median ${lm.toFixed(2)} ms, p99 ${percentile(less, 99).toFixed(2)} ms (${KEYS} keys)`);
  for (const [pane, times] of Object.entries(gotui)) {
    const m = median(times);
    console.log(`key-latency ${cols}x${rows}: gotui j in ${pane} median ${m.toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, ratio to less ${(m / lm).toFixed(2)}x`);
  }
}
process.exit(0);
