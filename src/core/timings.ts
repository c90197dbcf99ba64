import fs from 'node:fs';

/**
 * Named moments of gotui's start (for bench/startup): with GOTUI_TIMINGS=FILE set, each mark is
 * appended to FILE as `ms name`, ms since the process started. Costs nothing otherwise.
 */
const file = process.env.GOTUI_TIMINGS;

export function mark(name: string): void {
  if (!file) return;
  try {
    fs.appendFileSync(file, `${(process.uptime() * 1000).toFixed(1)} ${name}\n`);
  } catch {
    // a benchmark aid: never in the way
  }
}
