/** Delve names DAP threads like `* [Go 1] main.work (Thread 2858)`; `*` marks the current goroutine. */
export interface ThreadName {
  current: boolean;
  goroutineId?: number;
  location: string;
  osThread?: number;
}

export function parseThreadName(name: string): ThreadName {
  const t = name.trim();
  const m = /^(\*\s*)?\[Go (\d+)\]/.exec(t);
  if (!m) return { current: false, location: name };
  const { rest, osThread } = threadSuffix(t.slice(m[0].length));
  return { current: !!m[1], goroutineId: Number(m[2]), location: rest, ...(osThread !== undefined ? { osThread } : {}) };
}

/**
 * `main.work (Thread 2858)` -> the location and the OS thread. Not one regular expression: `\s*(.*?)\s*\(Thread`
 * backtracks through every run of spaces, quadratic in a long name.
 */
export function threadSuffix(text: string): { rest: string; osThread?: number } {
  const m = /\(Thread (\d+)\)$/.exec(text);
  return m ? { rest: text.slice(0, m.index).trim(), osThread: Number(m[1]) } : { rest: text.trim() };
}
