import type { TestContext } from 'node:test';
import type { Connection } from '../../src/app/connect.js';
import type { AppController } from '../../src/app/controller.js';
import type { Options } from '../../src/cli/args.js';
import { startDemoServer, testDelve, waitFor } from './delve.js';
import { headlessApp, waitForStop, type Recorder } from './session.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { buildGoProgram } from './go-program.js';

/**
 * gotui without a screen on a Go program of the test's own (see buildGoProgram), under a
 * real headless Delve, stopped at the first call of `func` (a breakpoint gotui set). Ended with the test.
 */
export async function appStoppedIn(t: TestContext, name: string, source: string | Record<string, string>, func: string, args: string[] = []) {
  const binary = await buildGoProgram(t, name, source);
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args });
  t.after(() => server.stop());
  const h = headlessApp({ address: server.address, label: name, owned: false, version: 'unknown', warnings: [] }, { stop: true });
  await h.app.start();
  t.after(() => h.app.close());
  t.after(() => h.app.rpc?.close());
  await must(h.app, h.rec, `break ${func}`);
  await runToStop(h.app, h.rec, 'continue');
  return { ...h, server };
}

/**
 * gotui without a screen (an AppController: commands, models, the JSON-RPC side channel) attached
 * to demo NAME under a real headless Delve, as `gotui attach` would be; running unless
 * `options.stop`. Ended with the test.
 */
export async function attachedApp(t: TestContext, name: string, args: string[] = [], options: Partial<Options> = {}) {
  const server = await startDemoServer(t, name, args);
  const conn: Connection = { address: server.address, label: `demo ${name}`, owned: false, version: 'unknown', warnings: [] };
  const h = headlessApp(conn, options);
  await h.app.start();
  // Delve's exec halts the target at entry, and gotui leaves a halted target halted: run it unless asked not to.
  if (!options.stop) await waitFor('the target to run', async () => (h.app.session.state.status === 'running' || (await h.app.run('continue'))) || undefined);
  t.after(() => h.app.close());
  t.after(() => h.app.rpc?.close());
  return { ...h, server, session: h.app.session };
}

/** Runs a command line as the prompt would; fails the test with what the console said when it fails. */
export async function must(app: AppController, rec: Recorder, line: string): Promise<void> {
  const from = rec.console.length;
  if (!(await app.run(line))) throw new Error(`:${line} failed: ${rec.console.slice(from).map((l) => l.text).join(' | ')}`);
}

/** Console lines (gotui's words and the target's output) after index `from`, as text. */
export function consoleSince(rec: Recorder, from: number): string {
  return rec.console.slice(from).map((l) => l.text).join('\n');
}

/** Runs `line` (a command that resumes the target) and waits for the stop it leads to. */
export async function runToStop(app: AppController, rec: Recorder, line: string) {
  const since = app.session.stopCount;
  await must(app, rec, line);
  return waitForStop(app.session, since);
}

/** Waits until the console has a line matching `re` after index `from`. */
export function consoleLine(rec: Recorder, re: RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
  // On a timeout the console is the evidence: what was said instead.
  return waitFor(`a console line matching ${re}`, () => rec.console.slice(from).find((l) => re.test(l.text))?.text, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; the console said:\n${rec.console.slice(-30).map((l) => l.text).join('\n')}`);
  });
}
