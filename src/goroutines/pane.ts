import type { PaneProps, PaneView } from '../features/types.js';
import type { Row } from '../core/text.js';
import type { GoroutinesController } from './controller.js';
import { openGroupName, renderGroupLines, renderMemberLines, type LineMark } from './view.js';

const COLOR: Partial<Record<LineMark, string>> = { header: 'cyan', note: 'yellow', error: 'red', loading: 'gray', new: 'greenBright', moved: 'blue', grew: 'yellow', shrank: 'green', vanished: 'gray' };

/** Goroutines grouped (Delve's JSON-RPC side channel, or DAP threads when the server has none); Enter opens a group. */
export function goroutinesView(props: PaneProps<GoroutinesController>): PaneView {
  const { model, rect, focused, session } = props;
  // Stopped, with the groups of this stop not asked for yet (the stop line paints first): loading, not "running".
  const held = model.get();
  const state = held.status === 'running' && !held.gone && session.status === 'stopped' ? { ...held, status: 'loading' as const, progress: undefined } : held;
  const width = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  if (!model.source) {
    return { title: 'Goroutines', rows: [[{ text: session.status === 'connecting' ? 'Connecting…' : 'Waiting for Delve…', color: 'gray' }]] };
  }
  const lines = state.expanded ? renderMemberLines(state, width, height) : renderGroupLines(state, width, height);
  const rows: Row[] = lines.map((l) => [{ text: l.text, ...(l.mark && COLOR[l.mark] ? { color: COLOR[l.mark] } : {}), ...(focused && l.selected ? { inverse: true } : {}), ...(l.selected ? { bold: true } : {}) }]);
  // Rows of an earlier stop while this one's load (a burst of steps), or while the target runs: dimmed, named.
  const older = state.stop !== undefined && session.stop !== undefined && state.stop !== session.stop.number;
  const stale = (props.stale || older) && !!state.snapshot;
  const open = state.expanded;
  // Where the cursor is among how many: a list taller than the pane says it is cut.
  const place = open ? `${open.selected + 1}/${open.total}` : state.rows.length ? `${state.selected + 1}/${state.rows.length}` : '';
  // The group's name gives way on a narrow pane; the place stays.
  const group = open ? { text: `group ${openGroupName(state)}`, cut: 'end' as const } : '';
  const note = [group, place, stale ? `from stop ${state.stop ?? session.stop?.number ?? '?'}` : ''].filter((p) => p !== '');
  return { title: 'Goroutines', note: note, rows: rows, stale: stale, loading: state.status === 'loading' };
}
