// bench/batch: a 200-command script (breaks, continues, prints) run unattended by `gotui run`
// against the same commands through `dlv connect --init`, in the same run, each against its own
// fresh headless Delve on the orders demo (as fast as it can go). Wall time from starting the
// client to its exit. Prints medians and the ratio, and the same for the commands alone (each
// client's time for a 2-command script taken off: its start-up, attach and exit); asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { buildDemo } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { formatHostPort } from '../src/transport/address.js';
import { repoRoot } from '../src/paths.js';
import { median, ratioLine } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 5);
const gotui = path.join(repoRoot, 'bin', 'gotui.js');
const binary = await buildDemo('orders');
const dlv = (await ensureDelve()).path;

// 1 break, then 66 x (continue, print, print), and a clear: 200 commands, the same in both.
const commands = ['break main.process', ...Array.from({ length: 66 }, () => ['continue', 'print o.ID', 'print o.Customer']).flat(), 'clear 1'];
const short = ['break main.process', 'clear 1'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bench-batch-'));
/** The script for gotui run, and the dlv CLI's --init file (the same lines, then leaving the server up). */
function files(name: string, lines: string[]): { script: string; init: string } {
  const script = path.join(dir, `${name}.gotui`);
  const init = path.join(dir, `${name}.init`);
  fs.writeFileSync(script, `${lines.join('\n')}\n`);
  fs.writeFileSync(init, `${lines.join('\n')}\nexit\n`);
  return { script, init };
}
const long = files('long', commands);
const base = files('short', short);

async function timed(run: (address: string) => Promise<{ exitCode?: number; all?: string }>): Promise<number> {
  const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: ['-every', '0', '-quiet'] });
  try {
    const t0 = performance.now();
    const r = await run(formatHostPort(server.address));
    const ms = performance.now() - t0;
    if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${String(r.all ?? '').slice(-500)}`);
    return ms;
  } finally {
    await server.stop();
  }
}

const gotuiRun = (f: { script: string }) => (addr: string) => execa(gotui, ['run', f.script, '--', 'attach', addr], { all: true, reject: false, stdin: 'ignore' });
const dlvConnect = (f: { init: string }) => (addr: string) => execa(dlv, ['connect', addr, '--init', f.init], { all: true, reject: false, input: 'n\n', env: dlvCliEnv() });
const ours: number[] = [];
const peer: number[] = [];
const oursBase: number[] = [];
const peerBase: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Alternate, so that load on the machine falls on both alike.
  ours.push(await timed(gotuiRun(long)));
  peer.push(await timed(dlvConnect(long)));
  oursBase.push(await timed(gotuiRun(base)));
  peerBase.push(await timed(dlvConnect(base)));
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(ratioLine(`batch: ${commands.length} commands, start to exit (median of ${RUNS})`, median(ours), median(peer), 'dlv connect --init'));
const per = (a: number[], b: number[]) => (median(a) - median(b)) / (commands.length - short.length);
console.log(ratioLine('batch: one command, start-up and exit taken off', per(ours, oursBase), per(peer, peerBase), 'dlv connect --init'));
console.log(ratioLine('batch: start-up, attach and exit (a 2-command script)', median(oursBase), median(peerBase), 'dlv connect --init'));
process.exit(0);
