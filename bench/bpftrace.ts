// bench/bpftrace: how many events a second a demo can push through bpftrace into gotui's eBPF pane,
// against raw `bpftrace -f json` writing to a pipe that only counts lines, in the same run on the
// same process, and against bpftrace writing to a file in memory that nothing reads while it runs
// (the floor: the demo, its uprobes and bpftrace's formatting alone); gotui's frame time while ingesting; and whether gotui dropped any event bpftrace
// delivered (events in the pane + events bpftrace reported lost, against the probe's in-kernel hit
// count). Runs as root with bpftrace installed. Prints figures and ratios; asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDemo } from '../src/demos/build.js';
import { BpfLane } from '../src/bpf/lane.js';
import { planProbe } from '../src/bpf/script.js';
import { parseLine } from '../src/bpf/output.js';
import { renderProbeLines } from '../src/bpf/view.js';
import { findOnPath } from '../src/delve/locate.js';
import { median, ratioLine } from './stats.js';

const SECONDS = Number(process.env.SECONDS ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const FUNC = 'main.process';
if (!findOnPath('bpftrace') || process.geteuid?.() !== 0) {
  console.error('bench/bpftrace needs bpftrace and root.');
  process.exit(1);
}
const binary = await buildDemo('orders');
// Orders as fast as it can, not printed: main.process as hot as the demo makes it.
const demo = spawn(binary, ['-every', '0', '-quiet'], { stdio: 'ignore' });
const target = { pid: demo.pid!, binary };
await new Promise((r) => setTimeout(r, 300));

try {
  // Rounds alternate (raw, gotui, raw...): the demo's pace drifts over a run, and one pair is noisy.
  const raws: Awaited<ReturnType<typeof rawRun>>[] = [];
  const ourRuns: Awaited<ReturnType<typeof gotuiRun>>[] = [];
  const unread: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    raws.push(await rawRun());
    ourRuns.push(await gotuiRun());
    unread.push(await fileRun());
  }
  const raw = raws.at(-1)!;
  const ours = ourRuns.at(-1)!;
  console.log(`bpftrace: calls ${FUNC} on orders -every 0, ${SECONDS} s each, ${ROUNDS} rounds (medians)`);
  console.log(ratioLine('events per second into the pane vs raw bpftrace -f json into a pipe', median(ourRuns.map((r) => r.rate)), median(raws.map((r) => r.rate)), 'raw bpftrace', 'ev/s'));
  console.log(`  each round: ${ourRuns.map((r, i) => `${(r.rate / raws[i]!.rate).toFixed(2)}x`).join(', ')}; events bpftrace reported lost in gotui's rounds: ${ourRuns.map((r) => r.lost).join(', ')}`);
  console.log(ratioLine('events per second into the pane vs bpftrace into a file no one reads (the floor)', median(ourRuns.map((r) => r.rate)), median(unread), 'unread file', 'ev/s'));
  console.log(`  each round: ${ourRuns.map((r, i) => `${(r.rate / unread[i]!).toFixed(2)}x`).join(', ')}; raw bpftrace into a pipe against it: ${(median(raws.map((r) => r.rate)) / median(unread)).toFixed(2)}x`);
  // The reader's own CPU competes with bpftrace and the traced program for the host's cores.
  console.log(ratioLine('CPU per event in this process (parse, decode, keep; the raw reader only counts lines)', median(ourRuns.map((r) => r.cpuUs)), median(raws.map((r) => r.cpuUs)), 'raw reader', 'µs'));
  console.log(`gotui frame time while ingesting (render of a 120x30 pane every 50 ms): median ${median(ours.frames).toFixed(2)} ms, worst ${Math.max(...ours.frames).toFixed(2)} ms`);
  // Hits whose printf was still in flight when bpftrace stopped never reach stdout, for raw bpftrace too.
  const gap = (r: { hits: number; total: number; lost: number }) => Math.max(0, r.hits - r.total - r.lost);
  console.log(`gotui, last round: ${ours.total} events in the pane, ${ours.lost} reported lost, ${ours.hits} hits in the kernel: ${gap(ours)} not delivered (raw bpftrace: ${raw.total} events, ${raw.lost} lost, ${raw.hits} hits: ${gap(raw)} not delivered, in flight at stop)`);
} finally {
  demo.kill('SIGKILL');
}

/** bpftrace alone: stdout counted line by line and thrown away, as `> /dev/null` but countable. */
async function rawRun(): Promise<{ rate: number; total: number; lost: number; hits: number; cpuUs: number }> {
  const plan = planProbe({ template: 'calls', func: FUNC }, target);
  const child = spawn('bpftrace', ['-f', 'json', '-e', plan.script, ...plan.args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let total = 0;
  let lost = 0;
  let hits = 0;
  let attachedAt = 0;
  let stoppedAt = 0;
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!attachedAt && line.includes('"attached_probes"')) attachedAt = performance.now();
      else if (line.includes('"type": "printf"')) total++;
      else if (line.includes('"lost_events"')) lost += Number(/"events":\s*(\d+)/.exec(line)?.[1] ?? 0);
      else if (stoppedAt && line.includes('@by_goroutine')) {
        const m = parseLine(line);
        if (m?.kind === 'map') hits = m.entries.reduce((n, e) => n + Number(e.value), 0);
      }
    }
  });
  while (!attachedAt) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage();
  const from = total;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const counted = total;
  stoppedAt = performance.now();
  const cpuUs = cpuPerEvent(cpu, counted - from);
  child.kill('SIGINT');
  await new Promise((r) => child.on('close', r));
  return { rate: counted / ((stoppedAt - attachedAt) / 1000), total, lost, hits, cpuUs };
}

async function gotuiRun(): Promise<{ rate: number; total: number; lost: number; hits: number; frames: number[]; cpuUs: number }> {
  const lane = new BpfLane(target, { graceMs: 5_000 });
  const stream = await lane.start(`calls ${FUNC}`);
  await lane.attached(stream);
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  const from = stream.total;
  const frames: number[] = [];
  const timer = setInterval(() => {
    const f0 = performance.now();
    renderProbeLines(stream, 120, 30);
    frames.push(performance.now() - f0);
  }, 50);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const counted = stream.total;
  const elapsed = (performance.now() - t0) / 1000;
  const cpuUs = cpuPerEvent(cpu, counted - from);
  clearInterval(timer);
  await lane.stopAll();
  const table = stream.tables.get('@by_goroutine');
  const hits = table?.kind === 'map' ? table.rows.reduce((n, r) => n + Number(r.value), 0) : 0;
  return { rate: counted / elapsed, total: stream.total, lost: stream.lost, hits, frames, cpuUs };
}

/**
 * bpftrace alone: `-o FILE` on tmpfs, read only after the window, so no reader takes CPU from the
 * demo or bpftrace. Events per second delivered (lost ones are not events: none were, in our runs).
 */
async function fileRun(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'gotui-bench-'));
  const file = path.join(dir, 'events.json');
  const plan = planProbe({ template: 'calls', func: FUNC }, target);
  const child = spawn('bpftrace', ['-f', 'json', '-o', file, '-e', plan.script, ...plan.args], { stdio: 'ignore' });
  const printed = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  const count = (text: string) => text.split('\n').filter((l) => l.includes('"type": "printf"')).length;
  try {
    while (!printed().includes('"attached_probes"')) await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    const from = count(printed());
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const to = count(printed());
    return (to - from) / ((performance.now() - t0) / 1000);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** This process's CPU (user + system) since `from`, per event. */
function cpuPerEvent(from: NodeJS.CpuUsage, events: number): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / Math.max(1, events);
}
