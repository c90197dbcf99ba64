import { Store } from '../session/store.js';

export type PaneId = 'source' | 'goroutines' | 'stack' | 'variables' | 'console';

/** Pane order: Tab cycles through it and digits 1..N pick from it. */
export const PANES: { id: PaneId; title: string }[] = [
  { id: 'source', title: 'Source' },
  { id: 'goroutines', title: 'Goroutines' },
  { id: 'stack', title: 'Stack' },
  { id: 'variables', title: 'Variables' },
  { id: 'console', title: 'Console' },
];

export type Mode = 'normal' | 'command' | 'help';

/** What only the screen knows: focus, cursors, the command line. No protocol state lives here. */
export interface UiState {
  focus: PaneId;
  mode: Mode;
  /** The file shown in the source pane, and where its cursor is (1-based line). */
  sourceFile?: string;
  sourceCursor: number;
  /** The stop the source pane last followed; a new stop moves the cursor to it. */
  followedStop: number;
  cursors: Record<Exclude<PaneId, 'source'>, number>;
  /** Console scroll: 0 = following the end. */
  consoleBack: number;
  commandText: string;
  history: string[];
  historyIndex: number;
  helpTop: number;
  /** A one-line message from the UI itself (e.g. a key that does nothing here). */
  flash?: string;
}

export function initialUiState(): UiState {
  return {
    focus: 'source',
    mode: 'normal',
    sourceCursor: 1,
    followedStop: -1,
    cursors: { goroutines: 0, stack: 0, variables: 0, console: 0 },
    consoleBack: 0,
    commandText: '',
    history: [],
    historyIndex: -1,
    helpTop: 0,
  };
}

export function createUiStore(): Store<UiState> {
  return new Store(initialUiState());
}

export function nextPane(current: PaneId, delta: number): PaneId {
  const i = PANES.findIndex((p) => p.id === current);
  return PANES[(i + delta + PANES.length) % PANES.length]!.id;
}

export const HISTORY_LIMIT = 200;

export function pushHistory(history: string[], line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed || history[history.length - 1] === trimmed) return history;
  return [...history, trimmed].slice(-HISTORY_LIMIT);
}
