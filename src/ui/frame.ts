import type { Rect } from '../core/rect.js';
import { cellWidth, cut, fitRow, type Row } from '../core/text.js';
import type { PaneView } from '../features/types.js';

/**
 * A pane's lines with its border: its digit, title and note in the top border, every row cut and
 * padded to the width, so nothing a pane shows can wrap or escape its border. Pure.
 */
export function frameRows(view: PaneView, rect: Rect, opts: { title: string; focused: boolean; index?: string | number }): Row[] {
  const border = opts.focused ? 'cyan' : 'gray';
  const inner = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const title = view.title ?? opts.title;
  const full = ` ${opts.index !== undefined ? `${opts.index} ` : ''}${title}${view.note ? ` · ${view.note}` : ''} `;
  const room = Math.max(0, rect.width - 3);
  // A title too long for its border is cut with an ellipsis, like every other text.
  const label = cellWidth(full) > room ? `${cut(full, Math.max(0, room - 2))}… ` : full;
  const rows: Row[] = [
    [
      { text: '┌─', color: border },
      { text: label, color: opts.focused ? 'cyanBright' : 'white', bold: opts.focused },
      { text: `${'─'.repeat(Math.max(0, rect.width - 3 - cellWidth(label)))}┐`, color: border },
    ],
  ];
  for (let i = 0; i < height; i++) {
    const body = fitRow(view.rows[i] ?? [], inner).map((s) => (view.stale ? { ...s, dim: true } : s));
    rows.push([{ text: '│', color: border }, ...body, { text: '│', color: border }]);
  }
  if (rect.height >= 2) rows.push([{ text: `└${'─'.repeat(inner)}┘`, color: border }]);
  return rows.slice(0, rect.height);
}
