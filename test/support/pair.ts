import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliFrames, dlvCli } from './dlv-cli.js';
import { startGotui, type Terminal, type TmuxOptions } from './tmux.js';
import type { HostPort } from '../../src/transport/address.js';

/** A pairing directory of its own (GOTUI_PAIR_DIR), removed after the test. */
export function pairDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'p');
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
