// Builds every demo for real and runs each briefly: the pid line, the first
// lines of output, and for cgo-slice how it dies.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { execa } from 'execa';
import { buildDemo } from '../../src/demos/build.js';
import { DEMOS, getDemo } from '../../src/demos/catalog.js';

const BUILD_TIMEOUT = 300_000;
const LINE_WAIT_MS = 10_000;

/** Whether a tool runs; under CI a missing tool fails the test, elsewhere it skips it. */
async function have(t: TestContext, tool: string, args: string[]): Promise<boolean> {
  const r = await execa(tool, args, { reject: false, timeout: 30_000 });
  if (!r.failed) return true;
  if (process.env.CI === 'true') assert.fail(`${tool} is needed and missing (${tool} ${args.join(' ')} failed)`);
  t.skip(`${tool} is not installed`);
  return false;
}

async function toolsFor(t: TestContext, name: string): Promise<boolean> {
  if (!(await have(t, 'go', ['version']))) return false;
  return !getDemo(name).cgo || have(t, 'gcc', ['--version']);
}

interface Running {
  pid: number;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching re (seen before or after the call), or rejects after a bounded wait. */
  line(re: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  /** Resolves once the process has exited and its output is all read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a demo binary with an argument array; the test's end kills it by pid. */
function run(t: TestContext, binary: string, args: string[] = []): Running {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  assert.ok(pid, `${binary} did not start`);
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream].on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop()!;
      lines[stream].push(...parts);
      waiters.forEach((w) => w());
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  t.after(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  const line = (re: RegExp, stream: 'stdout' | 'stderr' = 'stdout') =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const hit = lines[stream].find((l) => re.test(l));
        if (hit === undefined) return false;
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => reject(new Error(`no ${stream} line matching ${re} within ${LINE_WAIT_MS} ms; got:\n${lines[stream].join('\n')}`)), LINE_WAIT_MS);
      if (!check()) waiters.push(check);
    });
  return { pid, stdout: lines.stdout, stderr: lines.stderr, line, exited };
}

for (const demo of DEMOS) {
  test(`${demo.name} builds into demos/${demo.name}/bin/${demo.name}, and a second build reuses it`, { timeout: BUILD_TIMEOUT }, async (t) => {
    if (!(await toolsFor(t, demo.name))) return;
    const binary = await buildDemo(demo.name);
    assert.equal(path.basename(binary), demo.name);
    fs.accessSync(binary, fs.constants.X_OK);
    const built = fs.statSync(binary).mtimeMs;
    assert.equal(await buildDemo(demo.name), binary);
    assert.equal(fs.statSync(binary).mtimeMs, built, 'the second build should be skipped');
  });
}

test('a binary not stamped with its sources as they are (copied, times kept, from another checkout) is built again', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'orders'))) return;
  const binary = await buildDemo('orders');
  const stamp = `${binary}.sources`;
  const ours = fs.readFileSync(stamp, 'utf8');
  const built = fs.statSync(binary).ino;
  // What a copy made elsewhere carries: a binary newer than every source here, and another stamp.
  fs.writeFileSync(stamp, 'built from other sources\n');
  assert.equal(await buildDemo('orders'), binary);
  assert.notEqual(fs.statSync(binary).ino, built, 'built again (renamed into place)');
  assert.equal(fs.readFileSync(stamp, 'utf8'), ours);
});

test('orders prints its pid, then one line per order', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'orders'))) return;
  const p = run(t, await buildDemo('orders'));
  assert.equal(await p.line(/^orders: pid \d+$/), `orders: pid ${p.pid}`);
  // The same id always gives the same order.
  assert.equal(await p.line(/^order 1 /), 'order 1 customer=grace total=22.41');
  assert.match(await p.line(/^order 2 /), /^order 2 customer=\w+ total=\d+\.\d\d$/);
});

test('flags-hot-reload shows every flag, and re-reads its debug flags on SIGHUP', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'flags-hot-reload'))) return;
  const binary = await buildDemo('flags-hot-reload');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-flags-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const debugFile = path.join(dir, 'debug.flags');
  fs.writeFileSync(debugFile, '# read at start and on SIGHUP\n-sample=0.5\n');

  const p = run(t, binary, ['-log-level', 'debug', '-batch', '8', '-interval', '50ms', '-name', 'svc', '-debug-file', debugFile]);
  assert.equal(await p.line(/pid/), `flags-hot-reload: pid ${p.pid}`);
  assert.equal(
    await p.line(/^DEBUG tick 1 /),
    'DEBUG tick 1 name=svc batch=8 interval=50ms verbose=false mode=normal trace=false sample=0.5 workers=4 region=eu-west-1',
  );

  fs.writeFileSync(debugFile, '-mode=drain\n-trace\n');
  process.kill(p.pid, 'SIGHUP');
  assert.match(await p.line(/mode=drain/), /mode=drain trace=true sample=0\.5 /);
  assert.equal(await p.line(/reloaded 2 /, 'stderr'), `flags-hot-reload: reloaded 2 debug flags from ${debugFile}`);

  // A bad value is refused and the mode kept.
  fs.writeFileSync(debugFile, '-mode=fast\n');
  process.kill(p.pid, 'SIGHUP');
  assert.match(await p.line(/mode must be one of/, 'stderr'), /invalid value "fast" for flag -mode: mode must be one of normal, drain, readonly/);
  const seen = p.stdout.length;
  await new Promise((r) => setTimeout(r, 200));
  const since = p.stdout.slice(seen);
  assert.ok(since.length > 0 && since.every((l) => l.includes('mode=drain')), 'mode stays drain');
});

test('flags-hot-reload at warn prints every 10th tick; -verbose adds detail', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'flags-hot-reload'))) return;
  const p = run(t, await buildDemo('flags-hot-reload'), ['-log-level', 'warn', '-interval', '10ms', '-verbose']);
  const first = await p.line(/tick/);
  assert.match(first, /^WARN tick 10 name=flagsvc batch=16 interval=10ms verbose=true .* handled=160$/);
  assert.match(await p.line(/tick 20 /), /^WARN tick 20 /);
  assert.ok(!p.stdout.some((l) => /tick (1|9|11) /.test(l)));
});

test('goroutine-leak grows by 15 goroutines a tick until -ticks, then holds', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'goroutine-leak'))) return;
  const p = run(t, await buildDemo('goroutine-leak'), ['-ticks', '2']);
  assert.equal(await p.line(/pid/), `goroutine-leak: pid ${p.pid}`);
  // main, 4 workers and the janitor, then 3 + 5 + 7 leaked a tick.
  assert.equal(await p.line(/^tick 1 /), 'tick 1 goroutines=21');
  assert.equal(await p.line(/^tick 2 /), 'tick 2 goroutines=36');
  assert.equal(await p.line(/^tick 3 /), 'tick 3 goroutines=36');
});

test('goroutine-leak -burst N blocks N more goroutines at start', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'goroutine-leak'))) return;
  const p = run(t, await buildDemo('goroutine-leak'), ['-burst', '3000', '-ticks', '1']);
  assert.equal(await p.line(/^tick 1 /), 'tick 1 goroutines=3021');
});

test('cgo-slice dies of its SIGSEGV: Go reports a fatal fault and exits with status 2', { timeout: BUILD_TIMEOUT }, async (t) => {
  if (!(await toolsFor(t, 'cgo-slice'))) return;
  const p = run(t, await buildDemo('cgo-slice'));
  const exit = await Promise.race([
    p.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('cgo-slice did not exit within 10 s')), LINE_WAIT_MS)),
  ]);
  // Go's runtime handles the signal itself: no death by signal, exit status 2.
  assert.deepEqual(exit, { code: 2, signal: null });
  assert.equal(p.stdout[0], `cgo-slice: pid ${p.pid}`);
  assert.equal(p.stdout[1], 'sensor-7: recorded 6 readings (sensor-7, not calibrated)');
  assert.deepEqual(p.stderr.slice(0, 3).map((l) => l.replace(/ pc=0x[0-9a-f]+\]$/, ']')), [
    'unexpected fault address 0xdeadbeef00',
    'fatal error: fault',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0xdeadbeef00]',
  ]);
  assert.ok(p.stderr.some((l) => /demos\/cgo-slice\/main\.go:\d+ /.test(l)), 'the stack names main.go');
});
