import { PlainStore } from '../core/store.js';
import type { TableHang } from '../core/text.js';
import { FEATURES } from '../features/index.js';

export type Mode = 'normal' | 'command' | 'pager';

export interface Pager {
  title: string;
  lines: readonly string[];
  /** First wrapped row shown, counted at `width` (after a resize the same text stays on top). */
  top: number;
  width?: number;
  /** The stop it was made at: after another it is said to be from that one, as a stale pane is. */
  stop?: number;
  hang?: TableHang;
  /** What `/` searched for last (its matches are marked; n and N go to the next and previous). */
  query?: string;
  /** The search being typed after `/`, on the bottom line. */
  typing?: string;
}

export interface Question {
  text: string;
  choices: { key: string; label: string; command: string }[];
  /**
   * A question nobody here asked for (a peer asks to drive), new: it takes no answer and shows no keys
   * yet; keys typed meanwhile are the user's work, as meant (trial U: an `n` of `n n n` kept the wheel).
   */
  calm?: boolean;
}

/** How long an unasked-for question stays calm (see Question.calm). */
export const QUESTION_CALM_MS = 800;

/** What only the screen knows: focus, zoom, the command line, the pager. No protocol state lives here. */
export interface UiState {
  /** The feature whose pane has the keys. */
  focus: string;
  /** Which feature the bottom-left slot shows. */
  bottom: string;
  /** The focused pane fills the screen (z), as tmux's zoom does. */
  zoomed: boolean;
  mode: Mode;
  commandText: string;
  /** The start of `commandText` a key's prompt wrote that editing keeps (`bpf filter `): Ctrl-U clears back to it. */
  commandFixed?: string;
  history: readonly string[];
  historyIndex: number;
  pager?: Pager;
  /** A question the user must answer before going on (quitting with a halted target). */
  question?: Question;
  /**
   * A one-line message from the UI itself (a key that does nothing here, completions), or a
   * command's one-line result while the console is not on the screen; both last until the next key or stop.
   */
  flash?: string | { result: string; warning?: boolean };
  /** An error just said, shown whole on a command row grown to hold it, until the next key or stop. */
  wholeError?: string;
}

export function initialUiState(): UiState {
  return { focus: 'source', bottom: 'console', zoomed: false, mode: 'normal', commandText: '', history: [], historyIndex: -1 };
}

export class UiStore extends PlainStore<UiState> {
  constructor() {
    super(initialUiState());
  }
}

export function isBottomPane(id: string): boolean {
  return FEATURES.find((f) => f.id === id)?.slot === 'bottom';
}

/** Tab order over what is on screen: the fixed panes and whichever the bottom slot shows. */
export function nextPane(current: string, bottom: string, delta: number): string {
  const shown = FEATURES.filter((f) => f.slot !== 'bottom' || f.id === bottom).map((f) => f.id);
  const i = Math.max(0, shown.indexOf(current));
  return shown[(i + delta + shown.length) % shown.length]!;
}

/** Focus a pane; a bottom pane also takes the bottom slot. */
export function focusPane(id: string): Partial<UiState> {
  return isBottomPane(id) ? { focus: id, bottom: id } : { focus: id };
}

export const HISTORY_LIMIT = 200;

export function pushHistory(history: readonly string[], line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed || history[history.length - 1] === trimmed) return [...history];
  return [...history, trimmed].slice(-HISTORY_LIMIT);
}
