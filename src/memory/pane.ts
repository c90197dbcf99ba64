import type { PaneProps, PaneView } from '../features/types.js';
import type { Row, Seg } from '../core/text.js';
import { memoryPaneModel } from './pane-model.js';
import type { RegionKind } from './regions.js';
import type { MemoryStore } from './store.js';
import type { RowSegment } from './view-rows.js';

export const KIND_COLOR: Record<RegionKind, string> = {
  stack: 'green',
  heap: 'blue',
  text: 'magenta',
  data: 'cyan',
  other: 'white',
};

/**
 * gdb's `x` as a pane: rows of cells with an ASCII column, pointers coloured by what they point
 * into, cells changed since the previous stop in yellow, the cursor inverse when focused.
 * Its data lives in the MemoryStore; only the rows on screen are built.
 */
export function memoryView(props: PaneProps<MemoryStore>): PaneView {
  const { model: store, rect, focused } = props;
  const snap = store.get();
  const width = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const model = memoryPaneModel(
    snap,
    { view: store.viewSource(), watch: (w) => store.watchSource(w), annotate: (v) => store.target.annotate(v), symbolize: store.target.symbolize, pc: store.pc(), frame: store.frame() },
    width,
    height,
  );
  // The store pages by what fits: it is told after this view (a no-op when nothing changed).
  queueMicrotask(() => store.layout(model.perRow, model.viewRows));
  const rows: Row[] = model.lines.slice(0, height).map((line) => line.segments.map((seg) => toSeg(seg, focused)));
  return { title: 'Memory', note: model.note, rows: rows, stale: props.stale && snap.view.examined, loading: snap.loading };
}

function toSeg(seg: RowSegment, focused: boolean): Seg {
  const text = seg.text;
  if (seg.role === 'text') return seg.tone === 'error' ? { text, color: 'red' } : seg.tone === 'heading' ? { text, color: 'cyan', bold: true } : seg.tone === 'info' ? { text, color: 'gray' } : { text };
  if (seg.role === 'address' || seg.role === 'ascii') return { text, color: 'gray' };
  if (seg.role === 'note') return { text, color: seg.kind ? KIND_COLOR[seg.kind] : 'gray', dim: true };
  if (seg.role === 'cell') {
    const color = seg.unreadable ? 'red' : seg.changed ? 'yellow' : seg.kind ? KIND_COLOR[seg.kind] : undefined;
    return { text, ...(color ? { color } : {}), ...(seg.changed || (seg.cursor && !focused) ? { bold: true } : {}), ...(seg.cursor && focused ? { inverse: true } : {}) };
  }
  return { text };
}
