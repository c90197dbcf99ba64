import type { PaneProps, PaneView } from '../features/types.js';
import { KIND_COLOR } from '../memory/pane.js';
import type { Row } from '../core/text.js';
import { decodeRflags, hex64 } from './registers.js';
import type { RegistersStore } from './store.js';

/**
 * The selected frame's registers: changed since the previous stop in yellow with a `*`, each
 * value followed by what it points into. The cursor lives in the RegistersStore.
 */
export function registersView(props: PaneProps<RegistersStore>): PaneView {
  const { model: store, rect, focused, session } = props;
  const snap = store.get();
  const height = Math.max(0, rect.height - 2);
  const note = [...(snap.goroutine !== undefined ? [`g ${snap.goroutine} frame ${snap.frame ?? 0}`] : []), ...(props.stale && snap.registers.length ? [`from stop ${session.stop?.number ?? '?'}`] : [])].join(' · ');
  if (snap.registers.length === 0) {
    const why = snap.message ?? (session.status === 'running' ? 'The target is running: registers are read at the next stop.' : 'No registers yet.');
    return { title: 'Registers', note: note || undefined, rows: [[{ text: why, color: snap.message ? 'red' : 'gray' }]] };
  }
  const top = Math.max(0, Math.min(snap.cursor - Math.floor(height / 2), snap.registers.length - height));
  const rows: Row[] = snap.registers.slice(top, top + height).map((r, k) => {
    const i = top + k;
    const changed = snap.changed.has(r.name);
    const a = snap.annotations.get(r.name);
    const value = r.name === 'rflags' ? `${hex64(r.value)} ${decodeRflags(r.value)}` : hex64(r.value);
    const inverse = focused && i === snap.cursor;
    return [
      { text: `${changed ? '*' : ' '}${r.name.padStart(7)} `, color: changed ? 'yellow' : 'gray', bold: changed, inverse },
      { text: value, ...(changed ? { color: 'yellow', bold: true } : {}), inverse },
      { text: a ? `  ${a.label}` : '', ...(a ? { color: KIND_COLOR[a.kind] } : {}), inverse },
    ];
  });
  return { title: 'Registers', note: note || undefined, rows: rows, stale: props.stale };
}
