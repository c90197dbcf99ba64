/**
 * State kept outside React: a snapshot replaced (never mutated) on every change, and subscribers
 * told synchronously. The base of the session's state and of every feature model.
 */
/** Subscribers told of a change, for state that is not one snapshot (eBPF streams). */
export class Listeners {
  private readonly set = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.set.add(listener);
    return () => this.set.delete(listener);
  };

  notify(): void {
    for (const l of [...this.set]) l();
  }

  get size(): number {
    return this.set.size;
  }
}

export class Store<S extends object> {
  private readonly listeners = new Listeners();
  /** Bumped at every change: panes re-render only when the version of what they show moved. */
  version = 0;

  #state: S;

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  readonly get = (): S => this.#state;

  readonly subscribe = this.listeners.subscribe;

  protected set(change: Partial<S> | ((s: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.#state) : change;
    this.#state = { ...this.#state, ...patch };
    this.version++;
    this.listeners.notify();
  }
}

/** A store anyone may write: for plain state with no rules of its own (tests, small panes). */
export class PlainStore<S extends object> extends Store<S> {
  update(change: Partial<S> | ((s: S) => Partial<S>)): void {
    this.set(change);
  }
}
