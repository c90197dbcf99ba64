import type { PaneProps, PaneView } from '../features/types.js';
import { cellWidth, cursorPlace, cutStart, fit, type Row } from '../core/text.js';
import type { StackModel } from './model.js';
import { cutNote } from '../postmortem/core-file.js';

/** The least of a name kept: a letter and the ellipsis, so a cut name still reads as one. */
const MIN_NAME = 2;

/**
 * A function's name in `room` columns: whole, else its own part's end after an ellipsis (the
 * package goes first): the end is what tells frames apart (`…chanrecv2` from `…chanrecv`).
 */
export function fitFuncName(name: string, room: number): string {
  if (cellWidth(name) <= room) return name;
  if (room < MIN_NAME) return fit(name, room);
  const own = name.slice(name.indexOf('.', name.lastIndexOf('/') + 1) + 1) || name;
  return `…${cutStart(own, room - 1)}`;
}

export function stackView(props: PaneProps<StackModel>): PaneView {
  const { model, rect, focused, session } = props;
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  const width = Math.max(0, rect.width - 2);
  const stale = props.stale && s.frames.length > 0;
  // Where the cursor is among how many (`3/7 frames`): a stack taller than the pane says it is cut.
  const at = `${cursorPlace(s.cursor.index, s.frames.length) || '0'}${s.complete ? '' : '+'}`;
  // Where the border is too short (`g 30028` at 80x24), `3/5`: cut, the place would go.
  const count = { text: `${at} frames`, cut: 'short' as const, short: at };
  // Halted at its entry, goroutine 1 is Delve's placeholder (no goroutine yet): not named, as the status bar does not.
  const placeholder = !s.frames.length && s.complete && session.status === 'stopped' && !session.selection?.top;
  // Narrow (80x24), `g 1` as the registers say it: the count stays readable.
  const note = s.goroutine !== undefined && !placeholder ? [`${width < 40 ? 'g' : 'goroutine'} ${s.goroutine}`, count, stale ? `from stop ${session.stop?.number ?? '?'}` : ''].filter((p) => p !== '') : undefined;
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < s.cursor.top + height; i++) {
    const f = s.frames[i];
    if (!f) {
      if (i < s.total || s.loading) rows.push([{ text: s.error ?? '  loading frames…', color: s.error ? 'red' : 'gray' }]);
      break;
    }
    const sel = i === s.selected;
    const isCursor = focused && i === s.cursor.index;
    const head = `${sel ? '▶' : ' '}${String(i).padStart(2)} `;
    const file = f.file ? `${f.file.split('/').pop()}:${f.line}` : '';
    // Narrow (80x24), the function's name gives way, every row alike: the file and line are what a
    // frame is read for. Only a file name too long for the row with a name beside it gives way, from its start.
    const placeRoom = width - cellWidth(head) - 2 - MIN_NAME;
    const place = cellWidth(file) > placeRoom ? `…${cutStart(file, placeRoom - 1)}` : file;
    const room = width - cellWidth(head) - cellWidth(place) - 2;
    const name = place ? fitFuncName(f.name, room) : f.name;
    rows.push([
      { text: `${head}${name}  `, color: sel ? 'yellow' : f.name.startsWith('runtime.') ? 'gray' : undefined, inverse: isCursor },
      { text: place, color: 'gray', inverse: isCursor },
    ]);
  }
  if (!s.frames.length && s.goroutine === undefined) rows.push([{ text: session.status === 'running' ? 'The target is running.' : 'No stack yet.', color: 'gray' }]);
  // Halted at its entry, a program has only Delve's placeholder for goroutine 1: no frames to show.
  else if (!s.frames.length && s.complete && !s.loading && !s.error && session.status === 'stopped') rows.push([{ text: session.coreCut ? `No frames: ${cutNote(session.coreCut)}.` : session.postMortem ? 'No frames: no Go runtime in this core.' : 'No frames yet: the Go runtime has not started (n or c runs it).', color: 'gray' }]);
  return { title: 'Stack', note: note, rows: rows, stale: stale };
}
