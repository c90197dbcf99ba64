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

// A build under way (Delve building the target) is cancelled, not signalled: a SIGTERM to Delve left
// its `go test -c` building on, its debug.test written and nobody to remove it (trial CA).
const builds = new Set<() => void>();

/** `cancel` ends the build under way and what it started if a signal ends gotui; the function returned forgets it. */
export function cancelWithGotui(cancel: () => void): () => void {
  builds.add(cancel);
  return () => void builds.delete(cancel);
}

/** Starts cancelling every build under way: whether there was one (its start then fails saying so). */
export function cancelBuilds(): boolean {
  const any = builds.size > 0;
  for (const cancel of builds) cancel();
  builds.clear();
  return any;
}
