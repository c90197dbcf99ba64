import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliFrames, dlvCli } from './dlv-cli.js';
import { startGotui, type Terminal, type TmuxOptions } from './tmux.js';
import type { HostPort } from '../../src/transport/address.js';
import type { Connection } from '../../src/app/connect.js';
import { headlessApp } from './session.js';
import { consoleFeature } from '../../src/console/feature.js';
import type { AppController } from '../../src/app/controller.js';
import { startDemoServer, waitFor } from './delve.js';

/** A pairing directory of its own (GOTUI_PAIR_DIR), removed after the test. */
export function pairDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'p');
}

/** Headless gotuis of this process meet in a pairing directory of their own. */
export function pairHere(t: TestContext): void {
  process.env.GOTUI_PAIR_DIR = pairDir(t);
}

/** A gotui without a screen, named `name`, attached to the Delve at `address` (pair debugging on). */
export async function pairedGotui(t: TestContext, address: HostPort, name: string, follow = false) {
  const conn: Connection = { address, label: `127.0.0.1:${address.port}`, owned: false, version: 'test', warnings: [] };
  process.env.GOTUI_NAME = name;
  const h = headlessApp(conn);
  // Its console pane, as a gotui on a screen has: a stop's line is the pane's own (see consoleShown).
  h.app.models.model(consoleFeature);
  if (follow) Object.assign((h.app as unknown as { options: object }).options, { follow: true });
  await h.app.start();
  t.after(() => h.app.pair?.close());
  t.after(() => h.app.close());
  return h;
}

/** Two headless gotuis, alice (hosting the rendezvous) then bob, on the orders demo, met. */
export async function aliceAndBob(t: TestContext) {
  pairHere(t);
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const a = await pairedGotui(t, server.address, 'alice');
  const b = await pairedGotui(t, server.address, 'bob');
  await waitFor('two gotuis at the rendezvous', () => (b.app.pair?.state.peers.length === 2 && a.app.pair?.state.peers.length === 2 ? true : undefined));
  return { server, a, b };
}

/** Waits until a headless gotui's pairing has asked Delve's state `n` more times (long enough to see and say a move). */
export async function afterPolls(g: { app: { pair?: { polls: number } } }, n: number): Promise<void> {
  const p0 = g.app.pair!.polls;
  await waitFor(`${n} polls`, () => (g.app.pair!.polls >= p0 + n ? true : undefined));
}

/** Where the dlv CLI says the current goroutine is. */
export async function cliLine(address: HostPort): Promise<number> {
  const f = cliFrames(await dlvCli(address, ['stack 3']))[0];
  assert.ok(f, 'the dlv CLI printed a stack');
  return f.line;
}

/** Waits until the source pane's ▶ is on `line` (and the screen is otherwise settled). */
export function stopLine(term: Terminal, who: string, line: number): Promise<string> {
  return term.waitFor(`${who}: ▶ on line ${line}`, new RegExp(`^│.▶\\s*${line} `, 'm'));
}

/** gotui in tmux attached by `args`, with a breakpoint at main.go:`line` continued to (undefined: no tmux). */
export async function gotuiStoppedAt(t: TestContext, args: string[], opts: TmuxOptions, line: number, who = 'gotui') {
  const term = await startGotui(t, args, opts);
  if (!term) return undefined;
  await term.waitFor(`${who} attached`, /stopped/, 30_000);
  await term.line(`:break main.go:${line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1 \S*main\.go/);
  await term.keys('c');
  await stopLine(term, who, line);
  return term;
}

/** What a paired gotui's console pane shows, line by line: the session's words and the stops' lines. */
export function consoleShown(g: { app: AppController }): string[] {
  return g.app.models.model(consoleFeature).get().lines.map((l) => l.text);
}
