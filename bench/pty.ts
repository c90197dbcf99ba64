// A real terminal for benchmarks: the program in a pseudo-terminal (node-pty), its output fed to a
// headless xterm. Paint times are taken when xterm has processed the bytes, with no polling delay.
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { performance } from 'node:perf_hooks';
import { childrenOf, killQuietly } from '../src/delve/server.js';

export class PtyTerminal {
  private readonly term: xterm.Terminal;
  private readonly proc: pty.IPty;
  /** performance.now() of the last output processed. */
  lastOutput = 0;
  private waiters: (() => void)[] = [];
  exited = false;

  constructor(file: string, args: string[], opts: { cols: number; rows: number; env?: Record<string, string | undefined>; cwd?: string }) {
    this.term = new xterm.Terminal({ cols: opts.cols, rows: opts.rows, allowProposedApi: true, scrollback: 0 });
    const env = { ...process.env, TERM: 'xterm-256color', ...opts.env } as Record<string, string>;
    delete (env as Record<string, string | undefined>).CI;
    this.proc = pty.spawn(file, args, { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, env, cwd: opts.cwd ?? process.cwd() });
    this.proc.onData((d) =>
      this.term.write(d, () => {
        this.lastOutput = performance.now();
        for (const w of this.waiters.splice(0)) w();
      }),
    );
    this.proc.onExit(() => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get pid(): number {
    return this.proc.pid;
  }

  screen(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  write(data: string): void {
    this.proc.write(data);
  }

  /** Resolves at the next processed output (or exit). */
  nextOutput(timeoutMs = 10_000): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async waitFor(what: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (this.exited) throw new Error(`the program exited while waiting for ${what}:\n${s}`);
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${s}`);
      await this.nextOutput(Math.max(1, deadline - performance.now()));
    }
  }

  /**
   * Waits until nothing has been written for `quietMs` (counted from now at the earliest: a key
   * just sent may not have been answered yet); returns when the last write was processed.
   */
  async settled(quietMs = 500, timeoutMs = 30_000): Promise<number> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    for (;;) {
      const since = performance.now() - Math.max(this.lastOutput, start);
      if (since >= quietMs) return this.lastOutput;
      if (performance.now() > deadline) throw new Error('the screen never settled');
      await new Promise((r) => setTimeout(r, quietMs - since + 1));
    }
  }

  /**
   * Writes `key` and returns the ms to the first output after it, and (if `until` is given) to the
   * first screen that matches it.
   */
  async press(key: string, until?: RegExp, timeoutMs = 10_000): Promise<{ firstPaint: number; matched?: number }> {
    const t0 = performance.now();
    const first = this.nextOutput(timeoutMs).then((got) => {
      if (!got) throw new Error(`nothing was painted within ${timeoutMs} ms of ${JSON.stringify(key)}`);
      return this.lastOutput - t0;
    });
    this.write(key);
    const firstPaint = await first;
    if (!until) return { firstPaint };
    await this.waitFor('the screen after the key', until, timeoutMs);
    return { firstPaint, matched: this.lastOutput - t0 };
  }

  /** Ends the program and everything it started (a Delve, its debuggee), by pid: a killed parent cannot clean up. */
  kill(): void {
    const all: number[] = [];
    const walk = (pid: number) => {
      for (const c of childrenOf(pid)) {
        all.push(c);
        walk(c);
      }
    };
    walk(this.proc.pid);
    for (const pid of [this.proc.pid, ...all]) killQuietly(pid, 'SIGKILL');
  }
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
