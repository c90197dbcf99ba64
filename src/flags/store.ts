import { PlainStore } from '../core/store.js';
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
  /** The first of the pane's lines on screen (it scrolls only as far as the cursor needs). */
  top: number;
  /** The values were read at an earlier stop and the target has run since. */
  stale: boolean;
  reading: boolean;
  /** The last outcome worth a line in the pane (an edit applied, refused, queued). */
  note?: { text: string; kind: 'info' | 'warning' | 'error' };
}

export function initialFlagsState(): FlagsState {
  return { sets: [], pending: [], cursor: 0, top: 0, stale: false, reading: false };
}

/** Flags state kept outside React: `version` changes on every update (for useSyncExternalStore). */
export class FlagsStore extends PlainStore<FlagsState> {
  constructor() {
    super(initialFlagsState());
  }
}
