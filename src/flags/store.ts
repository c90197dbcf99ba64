import type { ArgsSnapshot, FlagSetSnapshot, PendingEdit } from './model.js';

/** One FlagSet the pane shows: the last read of it, or why it could not be read. */
export interface FlagSetEntry {
  expr: string;
  snapshot?: FlagSetSnapshot;
  error?: string;
}

export interface FlagsState {
  sets: FlagSetEntry[];
  args?: ArgsSnapshot;
  argsError?: string;
  pending: readonly PendingEdit[];
  /** Index into the pane's selectable rows (flags, then pending edits). */
  cursor: number;
  /** The values were read at an earlier stop and the target has run since. */
  stale: boolean;
  reading: boolean;
  /** The last outcome worth a line in the pane (an edit applied, refused, queued). */
  note?: { text: string; kind: 'info' | 'error' };
}

export function initialFlagsState(): FlagsState {
  return { sets: [], pending: [], cursor: 0, stale: false, reading: false };
}

/** Flags state kept outside React: `version` changes on every update (for useSyncExternalStore). */
export class FlagsStore {
  private state: FlagsState = initialFlagsState();
  private listeners = new Set<() => void>();
  version = 0;

  get = (): FlagsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<FlagsState> | ((s: FlagsState) => Partial<FlagsState>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    this.version++;
    for (const l of this.listeners) l();
  }
}
