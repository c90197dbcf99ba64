import type { Rect } from '../core/rect.js';
import { cellWidth, clean, cut, cutStart, fitRow, fits, type LabelPart, type Row } from '../core/text.js';
import type { PaneView } from '../features/types.js';

/** A part cut shorter than this says nothing: the label is then cut at its end instead. */
const MIN_PART = 6;

/** A row a pane gave again (the same object: see the source pane's) is framed as it was last time. */
const framed = new WeakMap<Row, { how: string; row: Row }>();

/**
 * A pane's lines with its border: its digit, title and note in the top border, every row cut and
 * padded to the width, so nothing a pane shows can wrap or escape its border. Pure.
 */
export function frameRows(view: PaneView, rect: Rect, opts: { title: string; focused: boolean; index?: string | number }): Row[] {
  const border = opts.focused ? 'cyan' : 'gray';
  const inner = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const room = Math.max(0, rect.width - 3);
  const full = borderLabel(view.title ?? opts.title, view.note, opts.index, room);
  // A title too long for its border is cut with an ellipsis, like every other text (no room for that: no title).
  const label = fits(full, room) ? full : room >= 2 ? `${cut(full, room - 2)}… ` : '';
  const rows: Row[] = [
    [
      { text: '┌─', color: border },
      { text: label, color: opts.focused ? 'cyanBright' : 'white', bold: opts.focused },
      { text: `${'─'.repeat(Math.max(0, rect.width - 3 - cellWidth(label)))}┐`, color: border },
    ],
  ];
  const how = `${inner}|${border}|${+!!view.stale}`;
  for (let i = 0; i < height; i++) {
    const row = view.rows[i];
    // Rows past the pane's last are cut: its last row ends with … (trial BA: a note cut mid-sentence, unmarked).
    const more = i === height - 1 && view.rows.length > height;
    const hit = !more && row && framed.get(row);
    if (hit && hit.how === how) {
      rows.push(hit.row);
      continue;
    }
    const body = (more ? endMarked(row ?? [], inner) : fitRow(row ?? [], inner)).map((s) => (view.stale ? { ...s, dim: true } : s));
    const out: Row = [{ text: '│', color: border }, ...body, { text: '│', color: border }];
    if (row && !more) framed.set(row, { how, row: out });
    rows.push(out);
  }
  if (rect.height >= 2) rows.push([{ text: `└${'─'.repeat(inner)}┘`, color: border }]);
  return rows.slice(0, rect.height);
}

/** `row` in `width` cells with … after its text (cut a cell shorter for it when full; one cut already keeps its own). */
function endMarked(row: Row, width: number): Row {
  const whole = fitRow(row, width);
  if (width < 2 || textOf(whole).trimEnd().endsWith('…')) return whole;
  const out = trimEnd(fitRow(trimEnd(row), width - 1));
  return fitRow(textOf(out).endsWith('…') ? out : [...out, { text: '…' }], width);
}

/** `row` without the blank cells at its end (a view's padding). */
function trimEnd(row: Row): Row {
  const out = row.map((s) => ({ ...s }));
  while (out.length && !out[out.length - 1]!.text.trimEnd()) out.pop();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out;
}

function textOf(row: Row): string {
  return row.map((s) => s.text).join('');
}

/**
 * ` 1 Title · note `, its parts marked to give way left out, said shorter, then cut (the widest
 * first) until it fits `room`; a part cut to its least and still too long is left out.
 * Titles and notes carry Delve's text (a source file's name, a frame's function): cleaned like rows.
 */
function borderLabel(title: string | readonly LabelPart[], note: string | readonly LabelPart[] | undefined, index: string | number | undefined, room: number): string {
  const parts = (p: string | readonly LabelPart[] | undefined) => (typeof p === 'string' ? [p] : (p ?? [])).map((x) => (typeof x === 'string' ? { text: clean(x) } : { ...x, text: clean(x.text) })).filter((x) => x.text !== '');
  const t = parts(title);
  const n = parts(note);
  const join = () => ` ${index !== undefined ? `${index} ` : ''}${t.map((x) => x.text).join(' ')}${n.length ? ` · ${n.map((x) => x.text).join(' · ')}` : ''} `;
  let label = join();
  for (const list of [n, t]) {
    for (let i = list.length - 1; i >= 0 && cellWidth(label) > room; i--) {
      const p = list[i]!;
      if ('cut' in p && p.cut === 'drop') {
        list.splice(i, 1);
        label = join();
      }
    }
  }
  // Fewer words (`3/5` for `3/5 frames`) before any name is cut: the count still reads.
  for (const list of [n, t]) {
    for (let i = list.length - 1; i >= 0 && cellWidth(label) > room; i--) {
      const p = list[i]!;
      if ('cut' in p && p.cut === 'short' && p.short !== undefined) {
        list[i] = p.then ? { text: clean(p.short), cut: p.then } : { text: clean(p.short) };
        label = join();
      }
    }
  }
  const cuttable = (x: { text: string; cut?: string }) => x.cut === 'start' || x.cut === 'end';
  for (;;) {
    const over = cellWidth(label) - room;
    if (over <= 0) return label;
    const widest = [...t, ...n].filter((x) => cuttable(x) && cellWidth(x.text) > MIN_PART).sort((a, b) => cellWidth(b.text) - cellWidth(a.text))[0];
    if (!widest) break;
    const keep = Math.max(MIN_PART, cellWidth(widest.text) - over) - 1;
    widest.text = 'cut' in widest && widest.cut === 'start' ? `…${cutStart(widest.text, keep).trimStart()}` : `${cut(widest.text, keep).trimEnd()}…`;
    label = join();
  }
  // Cut to their least and still too long (an open group's name beside `10007/10007` at 80x24):
  // those parts are left out when that lets the rest, the place among them, show whole.
  const cutLabel = label;
  for (const list of [n, t]) {
    for (let i = list.length - 1; i >= 0; i--) {
      if (!cuttable(list[i]!)) continue;
      list.splice(i, 1);
      label = join();
      if (cellWidth(label) <= room) return label;
    }
  }
  // Too long even so: the parts cut (they still say a little), the rest cut at the end by the caller.
  return cutLabel;
}
