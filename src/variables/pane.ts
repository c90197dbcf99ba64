import type { PaneProps, PaneView } from '../features/types.js';
import { cellWidth, cursorPlace, formatCount, wrap, type Row } from '../core/text.js';
import { opens, type VariablesModel } from './model.js';
import { atEntry } from '../session/state.js';

/** The dlv CLI's "Warning: debugging optimized function", with what it means for the values. */
export const OPTIMIZED = 'optimized function: values may be unreadable or stale';

export function variablesView(props: PaneProps<VariablesModel>): PaneView {
  const { model, rect, focused, session } = props;
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  const width = Math.max(0, rect.width - 2);
  // Dimmed, and named for their stop, while the target runs and while a new stop's values load.
  const stale = (props.stale || !!s.pending) && s.rows.length > 0;
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < Math.min(s.rows.length, s.cursor.top + height); i++) {
    const v = s.rows[i]!;
    const isCursor = focused && i === s.cursor.index;
    const indent = '  '.repeat(v.depth);
    if (v.more) {
      const left = v.more.total - v.more.loaded;
      rows.push([{ text: `${indent}  … ${formatCount(v.more.loaded)} of ${formatCount(v.more.total)} shown: Enter loads ${Math.min(100, left)} more`, color: 'gray', inverse: isCursor }]);
      continue;
    }
    const open = opens(v) ? (s.expanded.has(v.id) ? '▾' : '▸') : ' ';
    const head = `${indent}${open} ${v.name}`;
    if (v.globals !== undefined || v.note) {
      // The package's row (its variables, read when opened), and the words under it.
      rows.push([{ text: head, inverse: isCursor }, { text: v.globals !== undefined && !s.expanded.has(v.id) ? '  Enter lists them' : '', color: 'gray', inverse: isCursor }]);
      continue;
    }
    // Types by their package's name, not its path (`*cart.Cart`, as Go code writes them; y and :print
    // give Delve's whole): at 80x24 `*example.com/shop/cart.Cart` left no room for the value (trial X).
    const short = v.type ? shortTypes(v.type) : '';
    const value = v.type && v.value.startsWith(v.type) ? `${short}${v.value.slice(v.type.length)}` : v.value;
    // Narrow (80x24), the type gives way when that lets the value show whole: `"east-00" = 9`, not
    // `"east-00" string: int =…`; a value cut either way keeps its type, unless the value starts with it.
    const whole = cellWidth(head) + 3 + cellWidth(value);
    // Given way, it leaves a mark (trials Z, AA, AB: `total = 18.2…` beside `n int = 6` read as typeless),
    // except on a map entry, whose key says what it is.
    const type = short && (whole + 1 + cellWidth(short) <= width || (whole > width && value === v.value)) ? ` ${short}` : short && !short.includes(': ') && whole + 2 <= width ? ' …' : '';
    rows.push([
      { text: head, inverse: isCursor },
      { text: type, color: 'gray', inverse: isCursor },
      { text: ` = ${value}`, inverse: isCursor },
    ]);
  }
  if (s.message) rows.splice(Math.max(0, height - 1), rows.length, [{ text: s.message, color: 'red' }]);
  // At the program's entry the status bar says `stop 1`: "no stop yet" read as a contradiction (trial AE).
  const none = session.status === 'running' ? 'The target is running.' : s.frame ? 'No variables in this frame.' : atEntry(session) ? "At the program's entry: no goroutine has a frame yet." : 'No stop yet.';
  if (!s.rows.length && !s.message) rows.push(...wrap(none, width, true).map((text): Row => [{ text, color: 'gray' }]));
  // Whose values first; on a narrow pane the warning says one word, then the frame's name gives way, the place stays.
  const note = [stale ? `from stop ${s.stop ?? session.stop?.number ?? '?'}` : '', s.frame ? { text: s.frame, cut: 'end' as const } : '', cursorPlace(s.cursor.index, s.rows.length), s.optimized ? { text: OPTIMIZED, cut: 'short' as const, short: 'optimized' } : ''].filter((p) => p !== '');
  return { title: 'Variables', note: note, rows: rows, stale: stale, loading: !!s.pending };
}

/**
 * Go types with their packages by name, not path: `map[string]*example.com/shop/cart.Item` as
 * `map[string]*cart.Item`. From an `internal/` on the path stays: `internal/sync.Mutex` is not
 * sync.Mutex (trial BH read the one inside sync.Mutex as itself), nor `internal/runtime/atomic` sync/atomic.
 */
export function shortTypes(type: string): string {
  return type.replace(/(?<![\w.\/-])(?:[\w.-]+\/)+(?=[\w-]+\.)/g, (path) => /(?:^|\/)(internal\/.*)$/.exec(path)?.[1] ?? '');
}
