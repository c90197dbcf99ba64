import type { Segment } from '../core/sanitize.js';
import type { MessageKind } from '../session/state.js';

/** A console line and its kinds (below the model, which keeps them, and the view, which wraps them). */
export type LineKind = MessageKind | 'stdout' | 'stderr';

export interface ConsoleLine {
  /** Sanitized: no escape sequence or control character from outside survives. */
  text: string;
  /** Colour runs, when the program's output had SGR colours. */
  segments?: Segment[];
  kind: LineKind;
}

export function isProgramLine(kind: LineKind): boolean {
  return kind === 'stdout' || kind === 'stderr';
}
