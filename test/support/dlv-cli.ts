import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostPort } from '../../src/transport/address.js';
import { dlvCliEnv } from '../../src/delve/cli-env.js';
import { testDelve } from './delve.js';

/**
 * The oracle: the dlv CLI connected to the same multi-client server runs `commands` (`--init`),
 * then exits. On exit it asks whether to kill the headless instance; answering n leaves the server
 * and the target as they are. Returns everything it printed.
 */
export function dlvCli(address: HostPort, commands: string[], timeoutMs = 30_000, answers: string[] = []): Promise<string> {
  return runCli(['connect', `${address.host}:${address.port}`], commands, timeoutMs, answers);
}

/** The oracle on a core file: `dlv core BIN CORE` runs `commands`, then exits. */
export function dlvCoreCli(binary: string, core: string, commands: string[], timeoutMs = 30_000): Promise<string> {
  return runCli(['core', binary, core, '--allow-non-terminal-interactive=true'], commands, timeoutMs);
}

/** `answers`: to the CLI's questions before the last (`Set a suspended breakpoint … [Y/n]?` after the program exited). */
async function runCli(argv: string[], commands: string[], timeoutMs: number, answers: string[] = []): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cli-'));
  const init = path.join(dir, 'init');
  fs.writeFileSync(init, [...commands, 'exit', ''].join('\n'));
  const dlv = await testDelve();
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(dlv, [...argv, '--init', init], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...dlvCliEnv() } });
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`dlv ${argv[0]} did not finish:\n${out}`));
      }, timeoutMs);
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.stdin.end([...answers, 'n', ''].join('\n'));
      child.on('exit', () => {
        clearTimeout(timer);
        // The CLI colours some words (function names): the oracle compares text.
        resolve(out.replace(/\x1b\[[0-9;]*m/g, ''));
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The dlv CLI's current stop and breakpoints, comparable across calls (Delve lists a breakpoint's addresses in map order). */
export async function cliStopAndBreakpoints(address: HostPort): Promise<string> {
  const out = await dlvCli(address, ['stack 3', 'breakpoints']);
  return out.replace(/at ((?:0x[0-9a-f]+,?)+)/g, (_m, a: string) => `at ${a.split(',').sort().join(',')}`);
}

/** Frame 0 as the CLI's `frame 0` … `stack` prints it: `0  0x… in main.process\n   at /path/main.go:102`. */
export function cliFrames(out: string): { index: number; func: string; file: string; line: number }[] {
  const frames: { index: number; func: string; file: string; line: number }[] = [];
  // A frame Delve cannot name (`??? at ?:-1`, through a signal handler's trampoline) is kept: an
  // index into the list is then the CLI's frame number.
  const re = /^\s*(\d+)\s+0x[0-9a-f]+ in (\S+)\n\s+at (\S+):(-?\d+)/gm;
  for (const m of out.matchAll(re)) frames.push({ index: Number(m[1]), func: m[2]!, file: m[3]!, line: Number(m[4]) });
  return frames;
}
