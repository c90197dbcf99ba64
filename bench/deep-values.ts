// bench/deep-values: memory of the variables pane while a user opens the inventory demo's
// 1,000-deep pointer chain level by level (two rows a level: the pointer, then its pointee), in
// this process (the session, its models and the tree: what gotui holds). Prints the RSS before,
// the peak while opening, the values held, and Delve's own RSS at the end for scale; asserts
// nothing. The goal is a peak under 300 MB.
import fs from 'node:fs';
import { variablesFeature } from '../src/variables/feature.js';
import { stoppedAtMarker } from './stopped.js';

const LEVELS = Number(process.env.LEVELS ?? 1000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

const { server, session, models } = await stoppedAtMarker('inventory', 'gotui:collections', ['-every', '20ms'], (m) => m.model(variablesFeature));
try {
  const vars = models.model(variablesFeature);
  while (!vars.get().rows.some((r) => r.name === 'chain')) await new Promise((r) => setTimeout(r, 10));

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const open = async (name: string) => {
    const rows = vars.get().rows;
    const from = vars.get().cursor.index;
    const i = rows.findIndex((r, k) => k >= from && r.name === name);
    vars.move(i - from);
    await vars.toggle();
    peak = Math.max(peak, process.memoryUsage().rss);
    return rows[i]!;
  };
  const t0 = performance.now();
  let deepest = await open('chain');
  let levels = 1;
  while (levels < LEVELS) {
    const kids = vars.get().rows.filter((r) => r.parent === deepest.id);
    const pointee = kids.length === 1 && kids[0]!.name === `*${deepest.name}` && kids[0]!.ref > 0 ? kids[0] : undefined;
    if (pointee) deepest = await open(pointee.name);
    else if (kids.some((k) => k.name === 'next' && k.ref > 0)) {
      deepest = await open('next');
      levels++;
    } else break;
  }
  const ms = performance.now() - t0;
  console.log(`deep values: opened ${levels} levels (${vars.get().rows.length} rows, ${vars.heldNodes()} values held) in ${(ms / 1000).toFixed(1)} s (${(ms / levels).toFixed(1)} ms a level, two DAP requests each)`);
  console.log(`deep values: RSS before ${mb(before)}, peak ${mb(peak)} (goal: under 300 MB); Delve's RSS ${mb(rssOf(server.dlvPid))}`);
  session.dispose();
} finally {
  await server.stop();
}
