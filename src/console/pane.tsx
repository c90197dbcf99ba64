import type { PaneProps } from '../features/types.js';
import { PaneFrame } from '../ui/pane-frame.js';
import type { ConsoleModel } from './model.js';
import { consoleRows } from './view.js';

export function ConsolePane({ model, rect, focused, index }: PaneProps<ConsoleModel>) {
  const s = model.get();
  const width = Math.max(1, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const { rows, clampedBack } = consoleRows(model.shown(), width, height, s.back);
  const notes = [s.filter !== 'all' ? (s.filter === 'program' ? 'program output only' : 'gotui and Delve only') : '', clampedBack ? `${clampedBack} rows back` : ''].filter(Boolean);
  return <PaneFrame rect={rect} index={index} title="Console" note={notes.join(' · ') || undefined} focused={focused} rows={rows} />;
}
