/** A tiny external store: state outside React, read by panes through useSyncExternalStore. */
export class Store<S> {
  private listeners = new Set<() => void>();
  /** Bumped at every update. */
  version = 0;

  constructor(private state: S) {}

  get = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<S> | ((s: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    this.version++;
    for (const l of this.listeners) l();
  }
}
