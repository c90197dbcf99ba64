import type { PaneProps, PaneView } from '../features/types.js';
import type { ConsoleModel } from './model.js';
import { consoleRows } from './view.js';

export function consoleView({ model, rect }: PaneProps<ConsoleModel>): PaneView {
  const s = model.get();
  const width = Math.max(1, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const { rows, clampedBack } = consoleRows(model.shown(), width, height, s.back);
  const notes = [s.filter !== 'all' ? (s.filter === 'program' ? 'program output and logpoints' : 'gotui and Delve only') : '', clampedBack ? `${clampedBack} rows back` : ''].filter(Boolean);
  return { title: 'Console', note: notes.join(' · ') || undefined, rows: rows };
}
