import type { Segment } from '../core/sanitize.js';
import type { MessageKind } from '../session/state.js';

/** A console line and its kinds (below the model, which keeps them, and the view, which wraps them). */
/** `logpoint`: a logpoint's hit, tracing output that reads with the program's. */
export type LineKind = MessageKind | 'stdout' | 'stderr' | 'logpoint';

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

/** What the `program` filter keeps (and `debugger` leaves out): the program's output, and logpoint hits, which would bury gotui's answers. */
export function isProgramSide(kind: LineKind): boolean {
  return isProgramLine(kind) || kind === 'logpoint';
}
