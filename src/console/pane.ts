import type { PaneProps, PaneView } from '../features/types.js';
import type { ConsoleModel } from './model.js';
import { consoleRows } from './view.js';

export function consoleView({ model, rect }: PaneProps<ConsoleModel>): PaneView {
  const s = model.get();
  const width = Math.max(1, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const { rows, clampedBack } = consoleRows(model.shown(), width, height, s.back);
  // A search hides lines: said with how many of the filter's it shows, as the other panes' searches say it.
  const search = s.search ? `/${s.search.source}: ${model.shown().length} of ${model.filtered().length} lines` : '';
  const notes = [s.filter !== 'all' ? (s.filter === 'program' ? 'program output and logpoints' : 'gotui and Delve only') : '', search, clampedBack ? `${clampedBack} rows back` : ''].filter(Boolean);
  return { title: 'Console', note: notes.join(' · ') || undefined, rows: rows };
}
