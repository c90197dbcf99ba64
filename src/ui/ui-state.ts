import { Store } from '../session/store.js';

export type PaneId = 'source' | 'goroutines' | 'stack' | 'variables' | 'console' | 'registers' | 'memory' | 'flags' | 'bpf';

/**
 * Digits 1..9 pick a pane by its place here. The last five share the bottom-left slot: focusing
 * one shows it there. Tab cycles through the panes on screen.
 */
export const PANES: { id: PaneId; title: string; bottom?: boolean }[] = [
  { id: 'source', title: 'Source' },
  { id: 'goroutines', title: 'Goroutines' },
  { id: 'stack', title: 'Stack' },
  { id: 'variables', title: 'Variables' },
  { id: 'console', title: 'Console', bottom: true },
  { id: 'registers', title: 'Registers', bottom: true },
  { id: 'memory', title: 'Memory', bottom: true },
  { id: 'flags', title: 'Flags', bottom: true },
  { id: 'bpf', title: 'eBPF', bottom: true },
];

export function isBottomPane(id: PaneId): boolean {
  return !!PANES.find((p) => p.id === id)?.bottom;
}

export type Mode = 'normal' | 'command' | 'help';

/** What only the screen knows: focus, cursors, the command line. No protocol state lives here. */
export interface UiState {
  focus: PaneId;
  /** Which pane the bottom-left slot shows. */
  bottom: PaneId;
  mode: Mode;
  /** The file shown in the source pane, and where its cursor is (1-based line). */
  sourceFile?: string;
  sourceCursor: number;
  /** List cursors of the panes whose rows the session holds (feature panes keep theirs in their own stores). */
  cursors: Record<'stack' | 'variables', number>;
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
    bottom: 'console',
    mode: 'normal',
    sourceCursor: 1,
    cursors: { stack: 0, variables: 0 },
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

/** Tab order over what is on screen: the four fixed panes and whichever the bottom slot shows. */
export function nextPane(current: PaneId, bottom: PaneId, delta: number): PaneId {
  const shown = PANES.filter((p) => !p.bottom || p.id === bottom).map((p) => p.id);
  const i = Math.max(0, shown.indexOf(current));
  return shown[(i + delta + shown.length) % shown.length]!;
}

/** Focus a pane; a bottom pane also takes the bottom slot. */
export function focusPane(id: PaneId): Partial<UiState> {
  return isBottomPane(id) ? { focus: id, bottom: id } : { focus: id };
}

export const HISTORY_LIMIT = 200;

export function pushHistory(history: string[], line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed || history[history.length - 1] === trimmed) return history;
  return [...history, trimmed].slice(-HISTORY_LIMIT);
}
