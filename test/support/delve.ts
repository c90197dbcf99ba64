import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDelve } from '../../src/delve/locate.js';
import { startHeadlessDelve, type StartedServer } from '../../src/delve/server.js';
import { buildDemo } from '../../src/demos/build.js';

// Pair debugging meets other gotuis by Delve's port: a hub left by another test file's gotui, on a
// port this file's Delve now has, would be joined (and its driver would hold the wheel). Each test
// process meets in a rendezvous folder of its own (a test may name another: pairHere).
if (!process.env.GOTUI_PAIR_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-proc-'));
  process.env.GOTUI_PAIR_DIR = path.join(dir, 'p');
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The Delve tests use: whatever ensureDelve finds (npm test installs the pinned one first). */
export async function testDelve(): Promise<string> {
  return (await ensureDelve()).path;
}

/**
 * Builds demo NAME, starts it under a headless multi-client Delve on a free loopback port, and
 * registers its end (debuggee and Delve, by pid) with the test.
 */
export async function startDemoServer(t: TestContext, name: string, args: string[] = [], opts: { port?: number } = {}): Promise<StartedServer & { binary: string; output: string[] }> {
  const binary = await buildDemo(name);
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args }, opts);
  t.after(() => server.stop());
  const output: string[] = [];
  server.onOutput((line) => output.push(line));
  return { ...server, binary, output };
}

/** Polls `check` until it returns a value, or fails the wait with `what` after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Under CI a missing tool fails the test; elsewhere the test is skipped with the reason. */
export function requireTool(t: TestContext, present: boolean, what: string): boolean {
  if (present) return true;
  if (process.env.CI) throw new Error(`${what} is missing, and CI must run this test`);
  t.skip(`${what} is missing`);
  return false;
}
