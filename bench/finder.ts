// bench/finder: on a generated Go binary with 50,000 functions of its own, how long the fuzzy
// finder takes to its first results (reading every function and file from Delve, then matching),
// and for a query once the list is held, against the dlv CLI's `funcs RE` (`dlv connect --init`,
// timed whole, start-up included) on the same server in the same run. Prints figures and ratios;
// asserts nothing. `FUNCS=N` changes the size, `ROUNDS=N` the number of queries of each.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { ensureDelve } from '../src/delve/locate.js';
import { dlvCliEnv } from '../src/delve/cli-env.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import type { FeatureHost } from '../src/features/types.js';
import { FinderModel } from '../src/finder/model.js';
import { Session } from '../src/session/session.js';
import { median, ratioLine } from './stats.js';

const FUNCS = Number(process.env.FUNCS ?? 50_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PER_FILE = 1_000;

/** A module whose main keeps FUNCS functions alive (a table of them), built once per size into the temp dir. */
async function bigBinary(): Promise<string> {
  const dir = path.join(os.tmpdir(), `gotui-bench-finder-${FUNCS}`);
  const binary = path.join(dir, 'big');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module gotui.dev/bench/big\n\ngo 1.24\n');
  const names: string[] = [];
  for (let f = 0; f * PER_FILE < FUNCS; f++) {
    const lines = ['package main', ''];
    for (let i = f * PER_FILE; i < Math.min(FUNCS, (f + 1) * PER_FILE); i++) {
      const name = `Handle${['Order', 'Stock', 'Invoice', 'Payment', 'Refund'][i % 5]}${String(i).padStart(5, '0')}`;
      names.push(name);
      lines.push(`func ${name}(x int) int { return x*${(i % 7) + 2} + ${i} }`);
    }
    fs.writeFileSync(path.join(dir, `f${f}.go`), `${lines.join('\n')}\n`);
  }
  fs.writeFileSync(path.join(dir, 'main.go'), ['package main', '', 'import ("fmt"; "time")', '', `var table = []func(int) int{${names.join(', ')}}`, '', 'func main() {', '\tfor i := 0; ; i++ {', '\t\tfmt.Println(table[i%len(table)](i))', '\t\ttime.Sleep(time.Second)', '\t}', '}', ''].join('\n'));
  process.stderr.write(`building a binary with ${FUNCS} functions in ${dir} (once; a minute or more)...\n`);
  await execa('go', ['build', '-buildvcs=false', '-gcflags=all=-N -l', '-o', binary, '.'], { cwd: dir, timeout: 30 * 60_000 });
  return binary;
}

/** `dlv connect ADDR --init` running `funcs RE`, timed from spawn to exit; returns ms and the lines printed. */
function dlvFuncs(dlv: string, address: { host: string; port: number }, re: string): Promise<{ ms: number; count: number }> {
  const init = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bench-')), 'init');
  fs.writeFileSync(init, `funcs ${re}\nexit\n`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(dlv, ['connect', `${address.host}:${address.port}`, '--init', init], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...dlvCliEnv() } });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('dlv connect did not finish in 120s'));
    }, 120_000);
    child.stdout.on('data', (d) => (out += d));
    child.stdin.end('n\n');
    child.on('exit', () => {
      clearTimeout(timer);
      fs.rmSync(path.dirname(init), { recursive: true, force: true });
      resolve({ ms: performance.now() - started, count: out.split('\n').filter((l) => /^main\.Handle/.test(l)).length });
    });
  });
}

const binary = await bigBinary();
const dlv = (await ensureDelve()).path;
const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: [] });
try {
  const rpc = await DelveRpcClient.connect(server.address);
  const host = { session: new Session('bench'), rpc: async () => rpc } as unknown as FeatureHost;
  // Queries a user would type for one function: fuzzy for gotui, the regexp for the CLI.
  const targets = Array.from({ length: ROUNDS }, (_, k) => Math.floor(((k + 1) * FUNCS) / (ROUNDS + 1)));
  const name = (i: number) => `Handle${['Order', 'Stock', 'Invoice', 'Payment', 'Refund'][i % 5]}${String(i).padStart(5, '0')}`;

  const cold: number[] = [];
  const warm: number[] = [];
  const cli: number[] = [];
  let funcs = 0;
  for (const [k, i] of targets.entries()) {
    // A fresh finder each round: its first query reads the lists from Delve, as after Ctrl-P in a new session.
    const finder = new FinderModel(host);
    const fuzzy = `h${name(i).slice(6, 9).toLowerCase()}${String(i).padStart(5, '0')}`;
    const t0 = performance.now();
    const first = await finder.find(fuzzy);
    cold.push(performance.now() - t0);
    if (first.results[0]?.text !== `main.${name(i)}`) throw new Error(`the finder's first result for ${fuzzy} is ${first.results[0]?.text}, not main.${name(i)}`);
    funcs = first.funcs ?? 0;
    const t1 = performance.now();
    await finder.find(`${fuzzy.slice(0, -1)}`);
    warm.push(performance.now() - t1);
    const peer = await dlvFuncs(dlv, server.address, `${name(i)}$`);
    if (peer.count !== 1) throw new Error(`dlv funcs ${name(i)}$ printed ${peer.count} functions`);
    cli.push(peer.ms);
    process.stderr.write(`round ${k + 1}: finder first ${cold.at(-1)!.toFixed(0)} ms, held ${warm.at(-1)!.toFixed(1)} ms, dlv funcs ${peer.ms.toFixed(0)} ms\n`);
  }
  console.log(`bench/finder: ${funcs.toLocaleString('en-US')} functions in the binary (${FUNCS.toLocaleString('en-US')} generated), ${ROUNDS} queries, medians`);
  console.log(ratioLine('first results (lists read from Delve, then matched)', median(cold), median(cli), 'dlv funcs RE'));
  console.log(ratioLine('a query with the lists held (every keystroke after)', median(warm), median(cli), 'dlv funcs RE'));
  rpc.close();
} finally {
  await server.stop();
}
