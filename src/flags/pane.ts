import type { PaneProps, PaneView } from '../features/types.js';
import { cursorPlace, type Row } from '../core/text.js';
import type { FlagsController } from './controller.js';
import { renderFlagLines, selectableRows, type SpanRole } from './view.js';

const COLOR: Partial<Record<SpanRole, string>> = { marker: 'yellow', name: 'cyan', type: 'magenta', default: 'gray', usage: 'gray', title: 'cyanBright', note: 'yellow', error: 'red', dim: 'gray' };

/** The live program's flags: every FlagSet watched, os.Args, pending edits; values re-read at each stop. */
export function flagsView({ model, rect, focused }: PaneProps<FlagsController>): PaneView {
  const state = model.get();
  const lines = renderFlagLines(state, Math.max(0, rect.width - 2), Math.max(0, rect.height - 2));
  const rows: Row[] = lines.map((l) => l.spans.map((s) => ({ text: s.text, ...(COLOR[s.role] ? { color: COLOR[s.role] } : {}), ...(focused && l.cursor ? { inverse: true } : {}), ...(l.stale ? { dim: true } : {}), ...(l.changed ? { bold: true } : {}) })));
  // Where the cursor is among how many: a list taller than the pane says it is cut.
  const place = cursorPlace(state.cursor, selectableRows(state).length);
  return { title: 'Flags', ...(place ? { note: place } : {}), rows: rows };
}
