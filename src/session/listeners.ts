/** The subscribers of a store kept outside React (for useSyncExternalStore and the app's own watchers). */
export class Listeners {
  private readonly set = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.set.add(listener);
    return () => this.set.delete(listener);
  };

  notify(): void {
    for (const l of this.set) l();
  }

  get size(): number {
    return this.set.size;
  }

  clear(): void {
    this.set.clear();
  }
}

/** One instance of a per-session service (memory, registers, flags), made on first use. */
export function perSession<S extends object, T>(make: (session: S) => T): (session: S) => T {
  const made = new WeakMap<S, T>();
  return (session) => {
    let t = made.get(session);
    if (t === undefined) {
      t = make(session);
      made.set(session, t);
    }
    return t;
  };
}
