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

/**
 * For debugging gotui itself: with FILE set, every message of one protocol is appended to it as
 * `TIME ms DIR TEXT` (ms since the process started, on mark's clock, to line a step's messages up).
 */
export function protocolLog(file: string | undefined): ((dir: '>' | '<', text: string) => void) | undefined {
  if (!file) return undefined;
  return (dir, text) => fs.appendFileSync(file, `${new Date().toISOString()} ${(process.uptime() * 1000).toFixed(2)} ${dir} ${text}\n`);
}
