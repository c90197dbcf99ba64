// bench/fuzz: the fuzz campaign at scale. Every property of test/fuzz/targets runs CASES times
// (default 100,000) in its own worker thread, with a per-case time budget: a case over budget
// (confirmed by re-running it) counts as a hang, and a worker that stops answering is ended and
// its case reported as one. Prints, per parser: cases, failures, hangs, the slowest case and its
// time, and the median case; then every failure's counterexample.
//
//   npm run fuzz                       all properties, 100,000 cases each
//   CASES=5000 npm run fuzz -- pattern  only parsers/properties whose name contains "pattern"
//   FUZZ_SEED=7 BUDGET_MS=100 JOBS=2 npm run fuzz
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';

const CASES = Number(process.env.CASES ?? 100_000);
// A quarter of a second: a freeze anyone at the keyboard notices. Linear parsers stay far below it on
// this loaded two-core machine; the quadratic ones the campaign found took 0.5-1.5 s on 10-20 KB inputs.
const BUDGET_MS = Number(process.env.BUDGET_MS ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** A worker silent this long is stuck in one case: a hang. */
const SILENCE_MS = Number(process.env.SILENCE_MS ?? 60_000);
const JOBS = Number(process.env.JOBS ?? 1);
/** Oracle properties are asked in batches: one Go process per batch. */
const BATCH = 10_000;

interface Slow {
  input: string;
  ms: number;
}

interface PropertyResult {
  parser: string;
  module: string;
  name: string;
  cases: number;
  failures: number;
  counterexample?: string;
  error?: string;
  hangs: Slow[];
  slowest?: Slow;
  medianMs: number;
  totalMs: number;
  /** Set when the worker was ended for silence. */
  stuck?: string;
}

type FromWorker = { kind: 'progress'; done: number } | { kind: 'result'; result: PropertyResult };

const show = (input: unknown): string => {
  const s = fc.stringify(input);
  return s.length > 160 ? `${s.slice(0, 150)}… (${s.length} chars)` : s;
};

async function runInWorker(index: number): Promise<void> {
  const { ALL_PROPERTIES } = await import('../test/fuzz/targets/index.js');
  const p = ALL_PROPERTIES[index]!;
  await p.setup?.();
  const budget = p.budgetMs ?? BUDGET_MS;
  const times: number[] = [];
  const over: { input: unknown; ms: number }[] = [];
  let slowest: { input: unknown; ms: number } | undefined;
  let failures = 0;
  let counterexample: string | undefined;
  let error: string | undefined;
  let done = 0;
  const record = (input: unknown, ms: number) => {
    times.push(ms);
    if (!slowest || ms > slowest.ms) slowest = { input, ms };
    if (ms > budget) over.push({ input, ms });
    if (++done % 1000 === 0) parentPort!.postMessage({ kind: 'progress', done } satisfies FromWorker);
  };
  const timed = async (input: unknown, answer: unknown): Promise<void> => {
    const t0 = performance.now();
    try {
      await p.check(input, answer);
    } finally {
      record(input, performance.now() - t0);
    }
  };
  const timedSync = (input: unknown): void => {
    const t0 = performance.now();
    try {
      void p.check(input, undefined);
    } finally {
      record(input, performance.now() - t0);
    }
  };
  let cases = 0;
  if (p.oracle) {
    const inputs = fc.sample(p.arb, { seed: SEED, numRuns: CASES });
    for (let at = 0; at < inputs.length; at += BATCH) {
      const batch = inputs.slice(at, at + BATCH);
      const answers = await p.oracle.answer(batch);
      for (const [i, input] of batch.entries()) {
        try {
          await timed(input, answers[i]);
        } catch (err) {
          failures++;
          if (!counterexample) {
            counterexample = `${show(input)} (${p.oracle.name}: ${show(answers[i])})`;
            error = (err as Error).message.split('\n')[0];
          }
        }
      }
    }
  } else {
    // The first failure ends the run and is shrunk to a small counterexample.
    const details = p.async
      ? await fc.check(fc.asyncProperty(p.arb, (input) => timed(input, undefined)), { seed: SEED, numRuns: CASES, endOnFailure: true })
      : fc.check(fc.property(p.arb, timedSync), { seed: SEED, numRuns: CASES, endOnFailure: true });
    cases = details.numRuns;
    if (details.failed) {
      failures = 1;
      counterexample = show(details.counterexample?.[0]);
      error = String((details.errorInstance as Error | undefined)?.message ?? '').split('\n').find((l) => l.trim()) ?? '';
    }
  }
  // A case over budget is timed again: a hang is one that is slow every time, not a GC pause.
  const hangs: Slow[] = [];
  for (const o of over.sort((a, b) => b.ms - a.ms).slice(0, 20)) {
    let best = o.ms;
    for (let k = 0; k < 2 && best > budget; k++) {
      const t0 = performance.now();
      try {
        await p.check(o.input, undefined as never);
      } catch {
        // counted already
      }
      best = Math.min(best, performance.now() - t0);
    }
    if (best > budget) hangs.push({ input: show(o.input), ms: best });
  }
  times.sort((a, b) => a - b);
  const result: PropertyResult = {
    parser: p.parser,
    module: p.module,
    name: p.name,
    cases: cases || times.length,
    failures,
    ...(counterexample ? { counterexample, error } : {}),
    hangs,
    ...(slowest ? { slowest: { input: show(slowest.input), ms: slowest.ms } } : {}),
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    totalMs: times.reduce((a, b) => a + b, 0),
  };
  parentPort!.postMessage({ kind: 'result', result } satisfies FromWorker);
}

function runProperty(index: number, label: string): Promise<PropertyResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { index } });
    let done = 0;
    let settled = false;
    const finish = (r: PropertyResult) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(r);
    };
    let last = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - last < SILENCE_MS) return;
      void worker.terminate();
      // The stuck case is the one after the last 1,000-case progress report or later: replay it by seed.
      finish({ ...emptyResult(label), cases: done, hangs: [{ input: `a case after #${done} (FUZZ_SEED=${SEED}) ran over ${SILENCE_MS / 1000}s`, ms: SILENCE_MS }], stuck: `no answer for ${SILENCE_MS / 1000}s after case ${done}` });
    }, 1_000);
    worker.on('message', (m: FromWorker) => {
      last = Date.now();
      if (m.kind === 'progress') done = m.done;
      else finish(m.result);
    });
    worker.on('error', (err) => finish({ ...emptyResult(label), cases: done, failures: 1, counterexample: '(the worker died)', error: err.message }));
    worker.on('exit', () => finish({ ...emptyResult(label), cases: done, failures: 1, counterexample: '(the worker exited)', error: 'no result' }));
  });
}

function emptyResult(label: string): PropertyResult {
  const [parser = '', name = ''] = label.split('\u0000');
  return { parser, module: '', name, cases: 0, failures: 0, hangs: [], medianMs: 0, totalMs: 0 };
}

async function main(): Promise<void> {
  const { ALL_PROPERTIES } = await import('../test/fuzz/targets/index.js');
  const filters = process.argv.slice(2);
  const chosen = ALL_PROPERTIES.map((p, i) => ({ p, i })).filter(({ p }) => !filters.length || filters.some((f) => `${p.parser} ${p.name} ${p.module}`.toLowerCase().includes(f.toLowerCase())));
  console.log(`bench/fuzz: ${chosen.length} properties of ${new Set(chosen.map(({ p }) => p.parser)).size} parsers, ${CASES.toLocaleString('en-US')} cases each, seed ${SEED}, budget ${BUDGET_MS} ms a case, ${JOBS} at a time on ${os.cpus().length} cores`);
  const results: PropertyResult[] = new Array(chosen.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      while (next < chosen.length) {
        const k = next++;
        const { p, i } = chosen[k]!;
        const t0 = performance.now();
        const r = await runProperty(i, `${p.parser}\u0000${p.name}`);
        results[k] = r;
        const mark = r.failures || r.hangs.length ? 'FAIL' : 'ok';
        console.log(`  ${mark.padEnd(4)} ${p.parser}: ${p.name} (${r.cases.toLocaleString('en-US')} cases, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }),
  );
  report(results, (performance.now() - started) / 1000);
  const bad = results.filter((r) => r.failures || r.hangs.length);
  process.exitCode = bad.length ? 1 : 0;
}

function report(results: PropertyResult[], seconds: number): void {
  const byParser = new Map<string, PropertyResult[]>();
  for (const r of results) byParser.set(r.parser, [...(byParser.get(r.parser) ?? []), r]);
  const rows = [...byParser].map(([parser, rs]) => {
    const slowest = rs.flatMap((r) => (r.slowest ? [r.slowest] : [])).sort((a, b) => b.ms - a.ms)[0];
    const cases = rs.reduce((n, r) => n + r.cases, 0);
    return {
      parser,
      module: rs.find((r) => r.module)?.module ?? '',
      properties: rs.length,
      cases,
      failures: rs.reduce((n, r) => n + r.failures, 0),
      hangs: rs.reduce((n, r) => n + r.hangs.length, 0),
      meanUs: (rs.reduce((n, r) => n + r.totalMs, 0) / Math.max(1, cases)) * 1000,
      slowest,
    };
  });
  console.log(`\n| parser | module | properties | cases | failures | hangs (> ${BUDGET_MS} ms) | mean | slowest case |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.parser} | ${r.module} | ${r.properties} | ${r.cases.toLocaleString('en-US')} | ${r.failures} | ${r.hangs} | ${r.meanUs.toFixed(0)} µs | ${r.slowest ? `${r.slowest.ms.toFixed(1)} ms: \`${r.slowest.input.replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, 70)}\`` : ''} |`);
  }
  const total = rows.reduce((n, r) => n + r.cases, 0);
  console.log(`\n${total.toLocaleString('en-US')} cases in ${seconds.toFixed(0)} s; ${rows.reduce((n, r) => n + r.failures, 0)} failures, ${rows.reduce((n, r) => n + r.hangs, 0)} hangs.`);
  for (const r of results.filter((x) => x.failures || x.hangs.length)) {
    console.log(`\nFAIL ${r.parser}: ${r.name}`);
    if (r.counterexample) console.log(`  counterexample: ${r.counterexample}\n  ${r.error}`);
    for (const h of r.hangs) console.log(`  hang: ${h.ms.toFixed(0)} ms on ${h.input}`);
  }
}

if (isMainThread) await main();
else await runInWorker((workerData as { index: number }).index);
