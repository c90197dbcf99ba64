import type { PaneProps, PaneView } from '../features/types.js';
import { KIND_COLOR } from '../memory/pane.js';
import { cursorPlace, type Row } from '../core/text.js';
import { decodeRflags, fewRegisters, fewRegistersNote, hex64 } from './registers.js';
import { naturalSummary } from './gdb-format.js';
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
  const general = new Set(snap.registers.map((r) => r.name));
  const extra = snap.all ? snap.machine.filter((r) => !general.has(r.name) && r.name !== 'eflags') : [];
  const total = snap.registers.length + extra.length + (snap.all && snap.machineMessage ? 1 : 0);
  const top = Math.max(0, Math.min(snap.cursor - Math.floor(height / 2), total - height));
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
  // Every register: x87, mxcsr and xmm after the general ones (Delve's floating-point registers).
  const from = Math.max(0, top - snap.registers.length);
  for (const [k, r] of extra.slice(from, from + height - rows.length).entries()) {
    const changed = snap.machineChanged.has(r.name);
    const inverse = focused && snap.registers.length + from + k === snap.cursor;
    rows.push([
      { text: `${changed ? '*' : ' '}${r.name.padStart(7)} `, color: changed ? 'yellow' : 'gray', bold: changed, inverse },
      { text: `0x${Buffer.from(r.bytes).reverse().toString('hex')}`, ...(changed ? { color: 'yellow', bold: true } : {}), inverse },
      { text: naturalSummary(r) ? `  ${naturalSummary(r)}` : '', color: 'cyan', inverse },
    ]);
  }
  if (snap.all && snap.machineMessage && rows.length < height) rows.push([{ text: snap.machineMessage, color: 'red' }]);
  // An outer frame (gotui selects the program's after a fault or a pause): unwinding restores only a few.
  // With every register shown too (a): the x87 and vector ones come after and hid it (trial AL).
  if (fewRegisters(snap.registers.length) && rows.length < height) rows.push([{ text: fewRegistersNote(snap.frame ?? 0, snap.goroutine), color: 'gray' }]);
  const allNote = snap.all ? 'all registers' : undefined;
  // Where the cursor is among how many: a list taller than the pane says it is cut.
  return { title: 'Registers', note: [note, cursorPlace(snap.cursor, total), allNote].filter(Boolean).join(' · '), rows: rows, stale: props.stale, loading: snap.loading };
}
