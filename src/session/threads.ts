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

/**
 * The goroutine to show when a stop names none (a pause while the thread Delve stopped ran only the
 * scheduler): Delve's current one, else one that was running the user's code on a thread, else
 * main's (goroutine 1), else one running anything, else the first parked in the user's code. A
 * goroutine parked for good (a worker waiting on a channel nobody sends on) is the last choice: a step
 * there would never end.
 */
export function chooseGoroutine(threads: { id: number; name: string }[], isUser: (location: string) => boolean): number | undefined {
  const named = threads.map((t) => ({ id: t.id, ...parseThreadName(t.name) })).filter((t) => t.id);
  const user = (t: (typeof named)[number]) => isUser(t.location.split(' ')[0] ?? '');
  const onThread = (t: (typeof named)[number]) => t.osThread !== undefined;
  return (
    named.find((t) => t.current)?.id ??
    named.find((t) => onThread(t) && user(t))?.id ??
    named.find((t) => t.id === 1)?.id ??
    named.find(onThread)?.id ??
    named.find(user)?.id ??
    named[0]?.id
  );
}
