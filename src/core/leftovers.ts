// gotui starts some helpers detached (ssh's master, a Delve, kubectl's port-forward), out of the
// terminal's process group, so that a Ctrl-C reaches gotui alone and gotui decides when they end.
// Detached, they outlive a gotui killed before its session can end them (SIGTERM at the SSH host
// picker left ssh's master running for good): those still running are registered here.
const pids = new Set<number>();

/** `pid` is ended (SIGTERM) if gotui is killed before its session does; the function returned forgets it. */
export function endWithGotui(pid: number | undefined): () => void {
  if (pid === undefined) return () => undefined;
  pids.add(pid);
  return () => void pids.delete(pid);
}

/** SIGTERM to every helper still registered: for a signal that arrives before the session's own way out exists. */
export function endLeftovers(): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  pids.clear();
}
