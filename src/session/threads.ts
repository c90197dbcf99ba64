/** Delve names DAP threads like `* [Go 1] main.work (Thread 2858)`; `*` marks the current goroutine. */
export interface ThreadName {
  current: boolean;
  goroutineId?: number;
  location: string;
  osThread?: number;
}

export function parseThreadName(name: string): ThreadName {
  const m = /^(\*\s*)?\[Go (\d+)\]\s*(.*?)(?:\s*\(Thread (\d+)\))?$/.exec(name.trim());
  if (!m) return { current: false, location: name };
  return { current: !!m[1], goroutineId: Number(m[2]), location: m[3] ?? '', ...(m[4] ? { osThread: Number(m[4]) } : {}) };
}
