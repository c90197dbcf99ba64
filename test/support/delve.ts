import type { TestContext } from 'node:test';
import { ensureDelve } from '../../src/delve/locate.js';
import { startHeadlessDelve, type StartedServer } from '../../src/delve/server.js';
import { buildDemo } from '../../src/demos/build.js';

/** The Delve tests use: whatever ensureDelve finds (npm test installs the pinned one first). */
export async function testDelve(): Promise<string> {
  return (await ensureDelve()).path;
}

/**
 * Builds demo NAME, starts it under a headless multi-client Delve on a free loopback port, and
 * registers its end (debuggee and Delve, by pid) with the test.
 */
export async function startDemoServer(t: TestContext, name: string, args: string[] = []): Promise<StartedServer & { binary: string; output: string[] }> {
  const binary = await buildDemo(name);
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args });
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
