/** A tiny external store: state outside React, read by panes through useSyncExternalStore. */
import { Listeners } from './listeners.js';

export class Store<S> {
  private readonly listeners = new Listeners();
  /** Bumped at every update. */
  version = 0;

  constructor(private state: S) {}

  get = (): S => this.state;

  readonly subscribe = this.listeners.subscribe;

  update(change: Partial<S> | ((s: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    this.version++;
    this.listeners.notify();
  }
}
