import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';
import { findOnPath } from '../../src/delve/locate.js';
import { childrenOf } from '../../src/delve/server.js';
import { requireTool, waitFor } from './delve.js';

/** The real gotui binary in a real terminal: a tmux server of its own, sized, with CI unset for the app. */
export interface Terminal {
  screen(): Promise<string>;
  waitFor(what: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends tmux key names (Enter, Escape, F10, C-c) one by one. */
  keys(...names: string[]): Promise<void>;
  /** Types text literally. */
  type(text: string): Promise<void>;
  /** Types a line and Enter in one go (one tmux call, for timing). */
  line(text: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** The pid of the command in the pane (gotui). */
  appPid(): Promise<number>;
  /** The command's exit status once it has ended (the pane's shell prints it), else undefined. */
  exitStatus(): Promise<number | undefined>;
  /** tmux's own view of the pane: its title, and the paste buffers (OSC 52 clipboard writes land there). */
  paneTitle(): Promise<string>;
  buffers(): Promise<string>;
}

let counter = 0;

/** Runs `command` in a fresh tmux server of its own (CI unset: Ink prints nothing until exit when it is set). */
export async function openTmux(command: string[], opts: TmuxOptions = {}): Promise<Terminal & { close(): Promise<void>; vanish(): Promise<void> }> {
  const socket = `gotui-test-${process.pid}-${counter++}`;
  const tmux = (...a: string[]) => execa('tmux', ['-L', socket, ...a], { timeout: 10_000 });
  const conf = path.join(os.tmpdir(), `${socket}.conf`);
  fs.writeFileSync(conf, (opts.conf ?? []).map((l) => `${l}\n`).join(''));
  // A shell stays in the pane after the command ends, so what it printed on the restored screen
  // stays readable (tmux 3.3's remain-on-exit loses output written after leaving the alternate screen).
  await tmux('-f', conf, 'new-session', '-d', '-s', 'g', '-x', String(opts.columns ?? 120), '-y', String(opts.rows ?? 40), '--',
    'sh', '-c', '"$@"; echo "[exited $?]"; exec sleep 3600', 'sh', 'env', '-u', 'CI', 'TERM=xterm-256color', ...Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`), ...command);
  await tmux('set-option', '-g', 'escape-time', '10');
  const term: Terminal = {
    async screen() {
      return (await tmux('capture-pane', '-p', '-t', 'g')).stdout;
    },
    waitFor(what, pattern, timeoutMs = 20_000) {
      // A capture can land while the terminal is still taking in a paint: a match counts once a
      // second capture shows the same screen (a whole frame, not half of one), or, on a screen that
      // never holds still (a program's output streaming in), once three captures in a row match.
      let last = '';
      let matches = 0;
      return waitFor(what, async () => {
        const s = await term.screen();
        const stable = s === last;
        last = s;
        matches = pattern.test(s) ? matches + 1 : 0;
        return (stable && matches) || matches >= 3 ? s : undefined;
      }, timeoutMs, 20).catch(async (err) => {
        throw new Error(`${err.message}\n--- screen ---\n${await term.screen()}`);
      });
    },
    async keys(...names) {
      for (const n of names) await tmux('send-keys', '-t', 'g', n);
    },
    async type(text) {
      await tmux('send-keys', '-t', 'g', '-l', text);
    },
    async line(text) {
      await tmux('send-keys', '-t', 'g', '-l', text, ';', 'send-keys', '-t', 'g', 'Enter');
    },
    async resize(columns, rows) {
      await tmux('resize-window', '-t', 'g', '-x', String(columns), '-y', String(rows));
    },
    appPid: async () => 0,
    paneTitle: async () => (await tmux('display-message', '-p', '-t', 'g', '#{pane_title}')).stdout,
    buffers: async () => (await tmux('list-buffers')).stdout,
    async exitStatus() {
      const m = /\[exited (\d+)\]/.exec(await term.screen());
      return m ? Number(m[1]) : undefined;
    },
  };
  const shell = Number((await tmux('display-message', '-p', '-t', 'g', '#{pane_pid}')).stdout.trim());
  return {
    ...term,
    // The pane runs sh, which runs env, which execs the command: its one child.
    appPid: () => waitFor('the command to start', () => childrenOf(shell)[0], 5_000),
    // The terminal goes away under the command (an SSH link dropping): tmux ends, nothing is killed.
    async vanish() {
      await execa('tmux', ['-L', socket, 'kill-server'], { reject: false, timeout: 5_000 });
    },
    async close() {
      // The command and everything it started, by pid, then the shell and tmux.
      for (const pid of [...descendants(shell), shell]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await execa('tmux', ['-L', socket, 'kill-server'], { reject: false, timeout: 5_000 });
      fs.rmSync(conf, { force: true });
      fs.rmSync(path.join(process.env.TMUX_TMPDIR ?? os.tmpdir(), `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
    },
  };
}

/** The real gotui binary in a real terminal, ended (by pid) when the test ends. */
export interface TmuxOptions {
  columns?: number;
  rows?: number;
  env?: Record<string, string>;
  /** tmux configuration lines, read before the command starts (e.g. `set -g set-clipboard on`). */
  conf?: string[];
  /** Words before gotui's command line (e.g. `setsid`). */
  wrap?: string[];
}

export async function startGotui(t: TestContext, args: string[], opts: TmuxOptions = {}): Promise<(Terminal & { vanish(): Promise<void> }) | undefined> {
  if (!requireTool(t, !!findOnPath('tmux'), 'tmux')) return undefined;
  // Saved breakpoints stay out of tests unless a test asks for them (GOTUI_NO_RESTORE: '').
  // The bin itself, as an installed gotui runs: its first line decides how Node starts.
  const term = await openTmux([...(opts.wrap ?? []), path.join(repoRoot, 'bin', 'gotui.js'), ...args], { ...opts, env: { GOTUI_NO_RESTORE: '1', ...opts.env } });
  t.after(() => term.close());
  return term;
}

/** Every process `pid` started, and theirs, deepest first. */
export function descendants(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [...descendants(c), c]);
}
