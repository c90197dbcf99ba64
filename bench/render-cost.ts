// bench/render-cost: what a frame costs gotui at 200x50 (drawing the changed lines through Ink and
// writing them), in this process, on the inventory demo stopped in its sixty-line report function:
// the first frame, a whole-screen frame (after a resize), a cursor move in the source pane, and a
// burst of 1,000 console lines arriving at once (how many frames it became, and their cost).
// Prints median and p99 per kind; asserts nothing. The peer: the same frames with Ink alone
// rendering each whole screen, as gotui did before it drew line by line.
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { sourceFeature } from '../src/source/feature.js';
import { Compositor } from '../src/ui/compositor.js';
import { Screen } from '../src/ui/screen.js';
import { UiStore } from '../src/ui/ui-state.js';
import { percentile } from './pty.js';
import { median } from './stats.js';
import { stoppedAtMarker } from './stopped.js';

const ROUNDS = Number(process.env.ROUNDS ?? 40);

/** A terminal that swallows what is written, with a size that can change. */
function fakeTerminal(columns: number, rows: number) {
  const out = new PassThrough() as PassThrough & { columns: number; rows: number; isTTY: boolean };
  out.resume();
  return Object.assign(out, { columns, rows, isTTY: true });
}

const { server, session, models } = await stoppedAtMarker('inventory', 'gotui:report', ['-every', '20ms']);
try {
  await new Promise((r) => setTimeout(r, 500));

  const term = fakeTerminal(200, 50);
  const compositor = new Compositor(new Screen(term as unknown as NodeJS.WriteStream), new UiStore(), session, models);
  const frames: number[] = [];
  const flush = compositor.flush.bind(compositor);
  compositor.flush = (only) => {
    const t0 = performance.now();
    flush(only);
    frames.push(performance.now() - t0);
  };
  /** Runs `act` and waits for the frames it causes to be painted; returns their times. */
  const framesOf = async (act: () => void): Promise<number[]> => {
    const from = frames.length;
    act();
    await new Promise((r) => setTimeout(r, 60));
    return frames.slice(from);
  };
  const first = await framesOf(() => compositor.start());
  const whole: number[] = [];
  const moves: number[] = [];
  const bursts: number[][] = [];
  const source = models.model(sourceFeature);
  for (let i = 0; i < ROUNDS; i++) {
    whole.push(...(await framesOf(() => {
      term.columns = i % 2 ? 200 : 199;
      term.emit('resize');
    })));
    moves.push(...(await framesOf(() => source.move(i % 2 ? -1 : 1))));
    bursts.push(await framesOf(() => {
      for (let k = 0; k < 1000; k++) session.events.emit('output', { text: `burst ${i} line ${k}: a program printing fast`, category: 'stdout' });
    }));
  }
  compositor.stop();
  const ms = (xs: number[]) => `median ${median(xs).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms (${xs.length} frames)`;
  console.log(`render cost 200x50: first frame ${first.map((x) => x.toFixed(1)).join(' + ')} ms (status first, then the panes)`);
  console.log(`render cost 200x50: whole screen (resize): ${ms(whole)}`);
  console.log(`render cost 200x50: cursor move in source: ${ms(moves)}`);
  console.log(`render cost 200x50: 1,000 console lines at once became ${median(bursts.map((b) => b.length))} frame(s) (median), each ${ms(bursts.flat())}`);
  const ink = compositor.renderTimes;
  console.log(`render cost: Ink per line drawn (cache misses only): ${ms([...ink])}`);
  session.dispose();
} finally {
  await server.stop();
}
