// bench/pair-latency: pair debugging on one Delve. A stop made in gotui A (its `n` key), or by a
// JSON-RPC client as the dlv CLI sends it (`Command next`), to the new ▶ line painted in gotui B,
// median and p99 over STEPS steps (goal: 250 ms), against A's own key-to-paint and the JSON-RPC
// answer in the same run; a value set by a JSON-RPC client (`Set`, the dlv CLI's `set`) to the new
// value painted in B's variables pane. Then what the state polling costs Delve: the dlv process's CPU while the
// target is halted and nobody acts, with no gotui, one, and two plus a viewer. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { repoRoot } from '../src/paths.js';
import { percentile, PtyTerminal } from './pty.js';
import { median } from './stats.js';

const STEPS = Number(process.env.STEPS ?? 20);
const IDLE_S = Number(process.env.IDLE_S ?? 10);
const binary = await buildDemo('orders');
const dlv = (await ensureDelve()).path;
const loop = findMarker('orders', 'gotui:loop');
const server = await startHeadlessDelve(dlv, { mode: 'exec', program: binary, args: ['-quiet', '-every', '20ms'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-bench-'));
const addr = `127.0.0.1:${server.address.port}`;
const gotui = (name: string, extra: string[] = []) =>
  new PtyTerminal(path.join(repoRoot, 'bin', 'gotui.js'), ['attach', ...extra, addr], { cols: 160, rows: 45, env: { GOTUI_NAME: name, GOTUI_PAIR_DIR: path.join(dir, 'p') } });

/** The ▶ line of the source pane. */
const stopLine = (screen: string) => Number(/^│.▶\s*(\d+) /m.exec(screen)?.[1] ?? -1);
const moved = (from: number) => new RegExp(`^│.▶\\s*(?!${from}\\b)\\d+ `, 'm');

/** CPU seconds the dlv process used (all its threads), from /proc. */
function dlvCpu(): number {
  const f = fs.readFileSync(`/proc/${server.dlvPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function idleCpu(label: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 1_000));
  const c0 = dlvCpu();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_S * 1_000));
  const pct = ((dlvCpu() - c0) / ((performance.now() - t0) / 1000)) * 100;
  console.log(`  dlv CPU, target halted, ${label}: ${pct.toFixed(2)}%`);
  return pct;
}

const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;

const a = gotui('alice');
let b: PtyTerminal | undefined;
let v: PtyTerminal | undefined;
const rpc = await DelveRpcClient.connect(server.address);
try {
  await a.waitFor('alice', /stopped/);
  a.write(`:break main.go:${loop.line}\r`);
  await a.waitFor('the breakpoint', /Breakpoint #1/);
  a.write('c');
  await a.waitFor('the stop', new RegExp(`^│.▶\\s*${loop.line} `, 'm'));
  a.write(':clear 1\r');
  b = gotui('bob');
  await b.waitFor('bob follows', /alice drives · you follow/);
  await b.waitFor("bob's stop line", new RegExp(`^│.▶\\s*${loop.line} `, 'm'));
  await Promise.all([a.settled(300), b.settled(300)]);

  const inA: number[] = [];
  const inB: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const from = stopLine(b.screen());
    const t0 = performance.now();
    a.write('n');
    await Promise.all([a.waitFor("alice's step", moved(from)).then(() => inA.push(a.lastOutput - t0)), b.waitFor("bob's view of it", moved(from)).then(() => inB.push(b!.lastOutput - t0))]);
    await Promise.all([a.settled(200), b.settled(200)]);
  }

  // Stops made outside gotui: the JSON-RPC `next` the dlv CLI sends.
  const cliAnswer: number[] = [];
  const cliInB: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const from = stopLine(b.screen());
    const t0 = performance.now();
    const answered = rpc.call('Command', { name: 'next' }).then(() => cliAnswer.push(performance.now() - t0));
    await b.waitFor("bob's view of the CLI's next", moved(from));
    cliInB.push(b.lastOutput - t0);
    await answered;
    await Promise.all([a.settled(200), b.settled(200)]);
  }

  // A value set outside gotui (the dlv CLI's `set`, a JSON-RPC Set) to the new value painted in B's
  // variables pane: B's poller compares the frame's locals while halted.
  const setAnswer: number[] = [];
  const setInB: number[] = [];
  // Back at the loop line, where the loop counter is in scope (not at every line the steps reach).
  const from = stopLine(b.screen());
  const bp = await rpc.call<{ Breakpoint: { id: number } }>('CreateBreakpoint', { Breakpoint: { file: loop.file, line: loop.line } });
  await rpc.call('Command', { name: 'continue' });
  await rpc.call('ClearBreakpoint', { Id: bp.Breakpoint.id });
  await b.waitFor("bob's view of the stop at the loop line", from === loop.line ? /./ : new RegExp(`^│.▶\\s*${loop.line} `, 'm'));
  await Promise.all([a.settled(200), b.settled(200)]);
  const locals = await rpc.call<{ Variables: { name: string; type: string; unreadable?: string }[] | null }>('ListLocalVars', {
    Scope: { GoroutineID: -1, Frame: 0 },
    Cfg: { FollowPointers: false, MaxVariableRecurse: 0, MaxStringLen: 8, MaxArrayValues: 0, MaxStructFields: 0 },
  });
  const local = (locals.Variables ?? []).find((v) => v.type === 'int' && !v.unreadable)?.name;
  if (!local) throw new Error(`no int local to set where the steps stopped: ${JSON.stringify(locals.Variables?.map((v) => v.name))}`);
  for (let i = 0; i < STEPS; i++) {
    const value = 7_000 + i;
    const t0 = performance.now();
    const answered = rpc.call('Set', { Scope: { GoroutineID: -1, Frame: 0 }, Symbol: local, Value: String(value) }).then(() => setAnswer.push(performance.now() - t0));
    await b.waitFor("bob's view of the outside set", new RegExp(`│\\s*${local} int = ${value}\\s`));
    setInB.push(b.lastOutput - t0);
    await answered;
    await b.settled(200);
  }

  console.log(`pair-latency (${STEPS} steps, orders demo, 160x45)`);
  console.log(`  step in A (n key) to ▶ painted in A: ${fmt(inA)}`);
  console.log(`  step in A (n key) to ▶ painted in B: ${fmt(inB)}  (B/A ${(median(inB) / median(inA)).toFixed(2)}x; goal <= 250 ms)`);
  console.log(`  JSON-RPC next (the dlv CLI's) answered: ${fmt(cliAnswer)}`);
  console.log(`  JSON-RPC next to ▶ painted in B: ${fmt(cliInB)}  (B/answer ${(median(cliInB) / median(cliAnswer)).toFixed(2)}x)`);
  console.log(`  JSON-RPC Set (the dlv CLI's set) answered: ${fmt(setAnswer)}`);
  console.log(`  JSON-RPC Set to the value painted in B: ${fmt(setInB)}  (goal <= 250 ms)`);

  // What polling costs Delve while nothing happens.
  v = gotui('vera', ['--follow']);
  await v.waitFor('the viewer', /read-only viewer/);
  const three = await idleCpu('two gotuis and a --follow viewer');
  v.write('q');
  await v.waitFor('vera gone', /./, 5_000).catch(() => undefined);
  b.write(':quit -leave\r');
  await new Promise((r) => setTimeout(r, 1_000));
  const one = await idleCpu('one gotui');
  a.write(':quit -leave\r');
  await new Promise((r) => setTimeout(r, 1_000));
  const none = await idleCpu('no gotui');
  console.log(`  extra dlv CPU from polling: one gotui +${(one - none).toFixed(2)} points, three +${(three - none).toFixed(2)} points`);
} finally {
  rpc.close();
  for (const t of [a, b, v]) t?.kill();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
