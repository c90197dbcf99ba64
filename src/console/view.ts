import type { Row, Seg } from '../core/text.js';
import { columnHang, wrap, wrapHanging } from '../core/text.js';
import { isProgramLine, type ConsoleLine, type LineKind } from './line.js';

const KIND: Record<LineKind, { color?: string; prefix: string }> = {
  stdout: { prefix: '' },
  stderr: { color: 'yellow', prefix: '' },
  command: { color: 'cyan', prefix: '' },
  result: { color: 'white', prefix: '' },
  error: { color: 'red', prefix: '! ' },
  warning: { color: 'yellow', prefix: '! ' },
  info: { color: 'gray', prefix: '· ' },
  logpoint: { color: 'magenta', prefix: '' },
};

/** Program output is shown as written; gotui's own lines carry a mark (· note, ! problem) so the two cannot be confused. */
export function lineStyle(kind: LineKind): { color?: string; prefix: string } {
  return KIND[kind];
}

/**
 * The last `height` rows of the console, `back` rows from the end, every line wrapped to `width`.
 * Only as many lines as needed are wrapped.
 */
export function consoleRows(lines: readonly ConsoleLine[], width: number, height: number, back: number): { rows: Row[]; clampedBack: number; atTop: boolean } {
  const want = height + back;
  const rows: Row[] = [];
  let i = lines.length - 1;
  for (; i >= 0 && rows.length < want; i--) rows.unshift(...lineRows(lines[i]!, width));
  const atTop = i < 0;
  const maxBack = Math.max(0, rows.length - height);
  const b = Math.min(back, atTop ? maxBack : back);
  const end = rows.length - b;
  return { rows: rows.slice(Math.max(0, end - height), end), clampedBack: b, atTop: atTop && b >= maxBack };
}

/** How many rows `lines` take wrapped to `width` (what scrolling back counts in). */
export function wrappedRows(lines: readonly ConsoleLine[], width: number): number {
  let n = 0;
  for (const line of lines) n += lineRows(line, width).length;
  return n;
}

/** What gotui says wraps under itself, two cells in: a continuation cannot pass for a command (`> 3.`) or a new note. */
const HANG = 2;

function lineRows(line: ConsoleLine, width: number): Row[] {
  const { color, prefix } = KIND[line.kind];
  const text = prefix + line.text;
  const styled = (t: string): Row => [{ text: t, ...(color ? { color } : {}) }];
  // A command's result in columns (`:info`'s `Delve   1.27.1 at …`) continues under its last one, as in the pager.
  const hang = line.kind === 'result' ? Math.max(HANG, columnHang(text, width)) : HANG;
  if (!line.segments) return (isProgramLine(line.kind) || width <= HANG * 2 ? wrap(text, width) : wrapHanging(text, width, hang)).map(styled);
  // Coloured program output: wrap by cells while keeping each run's colour.
  const rows: Row[] = [[]];
  let used = 0;
  for (const seg of line.segments) {
    for (const piece of wrap(seg.text, width)) {
      let rest = piece;
      while (rest) {
        const room = width - used;
        if (room <= 0) {
          rows.push([]);
          used = 0;
          continue;
        }
        const part = [...rest].slice(0, room).join('');
        rest = rest.slice(part.length);
        const s: Seg = { text: part, ...(seg.color ? { color: seg.color } : {}), ...(seg.bold ? { bold: true } : {}) };
        rows[rows.length - 1]!.push(s);
        used += [...part].length;
      }
    }
  }
  return rows;
}
