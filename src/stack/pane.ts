import type { PaneProps, PaneView } from '../features/types.js';
import type { Row } from '../core/text.js';
import type { StackModel } from './model.js';

export function stackView(props: PaneProps<StackModel>): PaneView {
  const { model, rect, focused, session } = props;
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  const stale = props.stale && s.frames.length > 0;
  const count = s.complete ? `${s.frames.length} frame${s.frames.length === 1 ? '' : 's'}` : `${s.frames.length}+ frames`;
  const note = s.goroutine !== undefined ? [`goroutine ${s.goroutine}`, count, stale ? `from stop ${session.stop?.number ?? '?'}` : ''].filter(Boolean).join(' · ') : undefined;
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < s.cursor.top + height; i++) {
    const f = s.frames[i];
    if (!f) {
      if (i < s.total || s.loading) rows.push([{ text: s.error ?? '  loading frames…', color: s.error ? 'red' : 'gray' }]);
      break;
    }
    const sel = i === s.selected;
    const isCursor = focused && i === s.cursor.index;
    rows.push([
      { text: `${sel ? '▶' : ' '}${String(i).padStart(2)} ${f.name}  `, color: sel ? 'yellow' : f.name.startsWith('runtime.') ? 'gray' : undefined, inverse: isCursor },
      { text: f.file ? `${f.file.split('/').pop()}:${f.line}` : '', color: 'gray', inverse: isCursor },
    ]);
  }
  if (!s.frames.length && s.goroutine === undefined) rows.push([{ text: session.status === 'running' ? 'The target is running.' : 'No stack yet.', color: 'gray' }]);
  // Halted at its entry, a program has only Delve's placeholder for goroutine 1: no frames to show.
  else if (!s.frames.length && s.complete && !s.loading && !s.error && session.status === 'stopped') rows.push([{ text: session.postMortem ? 'No frames: no Go runtime in this core.' : 'No frames yet: the Go runtime has not started (n or c runs it).', color: 'gray' }]);
  return { title: 'Stack', note: note, rows: rows, stale: stale };
}
