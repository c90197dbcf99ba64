import path from 'node:path';
import type { PaneProps, PaneView } from '../features/types.js';
import { cellWidth, cursorPlace, cutStart, shortPlace, type Row, type Seg } from '../core/text.js';
import { breakpointMark, breakpointPlace, isKeptBy } from '../session/breakpoints.js';
import type { BreakpointRow, BreakpointsModel } from './model.js';

export function breakpointsView(props: PaneProps<BreakpointsModel>): PaneView {
  const { model, rect, focused, session } = props;
  const s = model.get();
  const rows = model.rowsShown();
  const height = Math.max(0, rect.height - 2);
  const out: Row[] = [];
  if (!rows.length) {
    out.push([{ text: 'No breakpoints. b sets one on the source line; :break LOC, :trace LOC "MSG {expr}", :watch EXPR.', color: 'gray' }]);
  }
  const width = Math.max(0, rect.width - 2);
  // One form for every row: each giving way by its own width named the function on one row and not the next (trial Z).
  const brief = rows.some((r) => trimEnd(segsOf(r, model, false)).reduce((n, seg) => n + cellWidth(seg.text), 0) > width);
  for (let i = s.cursor.top; i < Math.min(rows.length, s.cursor.top + height); i++) {
    const row = placeGivesWay(trimEnd(segsOf(rows[i]!, model, brief)), width);
    out.push(focused && i === s.cursor.index ? row.map((seg) => ({ ...seg, inverse: true })) : row);
  }
  const mine = s.mine.filter((b) => !b.temporary).length;
  // The user's own, kept by an earlier gotui's quit: not another client's, though gotui leaves them as found.
  const kept = rows.filter((r) => 'other' in r && isKeptBy(model.owner(r.other.id).by)).length;
  const others = rows.length - mine - kept;
  const hits = s.server === undefined ? 'hits unknown (no JSON-RPC)' : s.listedAt !== undefined && s.listedAt !== session.stop?.number ? `hits from stop ${s.listedAt}` : '';
  // Where the cursor is among how many, first: a list taller than the pane says it is cut.
  const note = [cursorPlace(s.cursor.index, rows.length), `${mine} of gotui's`, kept ? `${kept} kept by you earlier` : '', others ? `${others} set by others` : '', hits].filter(Boolean).join(' · ');
  return { title: 'Breakpoints', note, rows: out, stale: props.stale && rows.length > 0 };
}

/** A place in a narrow row: the file's name and line. */
function briefPlace(file: string, line: number): string {
  return `${path.basename(file)}:${line}`;
}

/** Each row's place is its third run, after the mark and the name. */
const PLACE = 2;
/** The fewest cells a place is cut to: its line and a little of the file's name. */
const PLACE_MIN = 12;

/**
 * A row still too wide for the pane cuts its place from the start (`…ory.go:127`), as the stack pane
 * does, so the hits and the state after them stay whole (trial BX: `disabled` and the hit counts
 * went off the right edge at 80x24).
 */
function placeGivesWay(row: Seg[], width: number): Seg[] {
  const over = row.reduce((n, seg) => n + cellWidth(seg.text), 0) - width;
  const place = row[PLACE]?.text.trimEnd() ?? '';
  const room = Math.max(PLACE_MIN, cellWidth(place) - over);
  if (over <= 0 || room >= cellWidth(place)) return row;
  return row.map((seg, i) => (i === PLACE ? { ...seg, text: `…${cutStart(place, room - 1)}  ` } : seg));
}

/** Without the spaces after the last run: they would count against a row that just fits. */
function trimEnd(row: Seg[]): Seg[] {
  const kept = row.filter((seg) => seg.text);
  const last = kept.at(-1);
  return last ? [...kept.slice(0, -1), { ...last, text: last.text.trimEnd() }] : kept;
}

/**
 * `brief`, on a narrow pane (80x24): the row gives up the function's name and says its place briefly
 * (the file's name and line): the hits and the state after them are what a row is read for.
 */
function segsOf(row: BreakpointRow, model: BreakpointsModel, brief: boolean): Seg[] {
  if ('other' in row) {
    const o = row.other;
    const place = o.WatchExpr ? `[${o.WatchExpr}]` : brief ? briefPlace(o.file, o.line) : shortPlace(o.file, o.line);
    const owner = model.owner(o.id);
    return [
      // Disabled by its owner (the dlv CLI's toggle) reads as gotui's own disabled do: ○ and the word.
      { text: o.disabled ? '○ ' : '· ', color: 'gray' },
      { text: `${owner.name}  `, color: 'gray' },
      { text: `${place}  `, color: 'gray' },
      { text: o.functionName && !brief ? `${o.functionName}  ` : '', color: 'gray' },
      // One the dlv CLI set after the program exited waits for a restart, as its `(suspended)` says (trial CC: shown as any other).
      { text: o.ExprString && !o.disabled ? 'suspended until a restart  ' : `${hitsText(o.totalHitCount)}  `, color: 'gray' },
      { text: o.disabled ? 'disabled  ' : '', color: 'gray' },
      // The condition before who set it: at 80x24 the row's end is cut (trial AZ lost the condition), and
      // there a name that says whose (`alice#1`) needs no `set by alice`.
      { text: o.Cond ? `if ${o.Cond}  ` : '', color: 'gray' },
      { text: brief && owner.name.startsWith(`${owner.by}#`) ? '' : `set by ${owner.by}`, color: 'gray' },
    ];
  }
  const b = row.mine;
  const mark = breakpointMark(b);
  const place = brief && b.kind !== 'instruction' && !b.watch && b.file && b.line ? briefPlace(b.file, b.line) : breakpointPlace(b);
  const fn = row.server?.functionName ?? model.functionOf(b.id);
  const segs: Seg[] = [
    { text: `${mark.text} `, color: mark.color },
    { text: `#${b.id}  `, bold: true },
    { text: `${place}  `, ...(b.disabled ? { color: 'gray' } : {}) },
    // The function Delve placed it in, unless the place already names it (a function breakpoint, typed
    // `(*Transfer).Run` where Delve says `main.(*Transfer).Run`: trial AX saw both).
    { text: fn && !brief && !place.endsWith(`(${fn})`) && !(b.kind === 'function' && b.spec && fn.endsWith(b.spec)) ? `${fn}  ` : '', color: 'gray' },
    // A disabled one Delve never counted says no hits at all, not `hits ?`.
    { text: b.disabled && model.hitBook.hits(b.id) === undefined ? '' : `${hitsText(model.hitBook.hits(b.id))}${sinceText(model.hitBook.sinceEnabled(b.id))}  `, color: 'cyan' },
  ];
  // Delve takes a breakpoint out of the code once its hit condition can never hold again (`== 3`
  // after the third hit), as the target next resumes; sent again with the others, it cannot be set: no news.
  const spent = !!b.hitCondition && !b.disabled && !!row.server && !row.server.addrs?.length;
  if (b.disabled) segs.push({ text: 'disabled  ', color: 'gray' });
  else if (!b.verified && !spent) segs.push({ text: `unverified${b.message ? `: ${b.message}` : ''}  `, color: 'yellow' });
  if (b.watch) segs.push({ text: `${b.watch.access === 'readWrite' ? 'read/write' : b.watch.access}  `, color: 'yellow' });
  if (b.condition) segs.push({ text: `if ${b.condition}  `, color: 'green' });
  if (b.hitCondition) segs.push({ text: `hit ${b.hitCondition}  `, color: 'green' });
  if (spent) segs.push({ text: 'spent: stops no more  ', color: 'yellow' });
  if (b.logMessage) segs.push({ text: `log ${b.logMessage}  `, color: 'magenta' });
  const on = model.get().onHit.get(b.id);
  if (on?.length) segs.push({ text: `on: ${on.join('; ')}`, color: 'blue' });
  return segs;
}

function hitsText(n: number | undefined): string {
  return n === undefined ? 'hits ?' : `${n} hit${n === 1 ? '' : 's'}`;
}

/** Delve counts a breakpoint enabled again from 0 (its hit condition too): said beside the total. */
function sinceText(n: number | undefined): string {
  return n === undefined ? '' : ` (${n} since enabled)`;
}
