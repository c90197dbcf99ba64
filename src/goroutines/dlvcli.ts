import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { dlvCliEnv } from '../delve/cli-env.js';
import { UserError } from '../errors.js';
import { formatHostPort, type HostPort } from '../transport/address.js';

/*
 * The dlv CLI as a peer: `dlv connect ADDR --init FILE` runs `goroutines ...` against the same stop
 * gotui looks at, to check gotui's counts and to time it against. `exit` on a multi-client server
 * asks "Would you like to kill the headless instance? [Y/n]": the answer `n` on stdin leaves Delve
 * and the target as they were (halted stays halted). `quit -c` would resume the target instead.
 */

export interface DlvGroup {
  name: string;
  total: number;
}

export interface DlvGoroutinesRun {
  groups: DlvGroup[];
  tooManyGroups: boolean;
  ms: number;
  output: string;
}

/** Runs `goroutines ARGS` (ARGS should include -group) in the dlv CLI connected to ADDR. */
export async function dlvGoroutines(dlv: string, address: HostPort, args: string, timeoutMs = 120_000): Promise<DlvGoroutinesRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dlv-'));
  const init = path.join(dir, 'init');
  fs.writeFileSync(init, `goroutines ${args}\nexit\n`);
  try {
    const started = performance.now();
    const r = await execa(dlv, ['connect', formatHostPort(address), '--init', init], { input: 'n\n', reject: false, timeout: timeoutMs, all: true, env: dlvCliEnv() });
    const ms = performance.now() - started;
    const output = String(r.all ?? '');
    if (r.timedOut) throw new UserError(`dlv connect did not finish within ${timeoutMs / 1000}s.`);
    if (r.exitCode !== 0) throw new UserError(`dlv connect failed (exit ${r.exitCode}): ${output.trim().split('\n').slice(-2).join(' ')}`);
    return { ...parseDlvGroups(output), ms, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads `goroutines -group ...` output: a group name line, its member lines (tab-indented), then `\tTotal: N`. */
export function parseDlvGroups(output: string): { groups: DlvGroup[]; tooManyGroups: boolean } {
  const groups: DlvGroup[] = [];
  let name: string | undefined;
  let tooManyGroups = false;
  for (const line of output.split('\n').map((l) => l.replace(/\r$/, ''))) {
    const total = /^\tTotal: (\d+)$/.exec(line);
    if (total && name !== undefined) {
      groups.push({ name, total: Number(total[1]) });
      name = undefined;
    } else if (line === 'Too many groups') {
      tooManyGroups = true;
    } else if (line && !/^\s/.test(line)) {
      name = line;
    }
  }
  return { groups, tooManyGroups };
}
