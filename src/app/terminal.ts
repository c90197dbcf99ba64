/** The alternate screen, and putting the terminal back on every way out. */
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

let active = false;

export function enterAltScreen(out: NodeJS.WriteStream = process.stdout): void {
  if (active) return;
  active = true;
  out.write(ENTER);
}

/** Idempotent: safe to call from every exit path. */
export function restoreTerminal(out: NodeJS.WriteStream = process.stdout): void {
  if (!active) return;
  active = false;
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  out.write(LEAVE);
}

/**
 * Routes signals and crashes to one graceful end. `end` must finish quickly: it gets `graceMs`
 * before the terminal is restored and the process exits anyway.
 */
export function onEveryExit(end: (reason: string, code: number) => Promise<void>, graceMs = 3000): void {
  let ending = false;
  const go = (reason: string, code: number) => {
    if (ending) return;
    ending = true;
    const timer = setTimeout(() => {
      restoreTerminal();
      process.exit(code);
    }, graceMs);
    timer.unref();
    end(reason, code).finally(() => {
      restoreTerminal();
      process.exit(code);
    });
  };
  process.on('SIGTERM', () => go('SIGTERM', 143));
  process.on('SIGHUP', () => go('SIGHUP', 129));
  process.on('SIGINT', () => go('SIGINT', 130));
  process.on('uncaughtException', (err) => {
    restoreTerminal();
    process.stderr.write(`gotui: internal error: ${err.stack ?? err}\n`);
    go('crash', 70);
  });
  process.on('unhandledRejection', (err) => {
    restoreTerminal();
    process.stderr.write(`gotui: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    go('crash', 70);
  });
  process.on('exit', () => restoreTerminal());
}
