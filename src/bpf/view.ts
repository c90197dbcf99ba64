import type { HistBucket } from './output.js';
import { shownLine, type ProbeStream, type ProbeTable } from './stream.js';
import { bar, sparkline } from './sparkline.js';
import { cellWidth, cut, formatCount } from '../core/text.js';

export interface RenderOptions {
  /** What fills the body: events, tables, or both (auto: the probe's primary first, the other below if room). */
  show?: 'auto' | 'events' | 'tables';
  /** Matching events to scroll back from the newest. */
  scroll?: number;
  /** Prefix events with their time of day. */
  timestamps?: boolean;
  /** Sparkline cells (default: a quarter of the width, 8 to 30). */
  sparkWidth?: number;
}

const STATUS: Record<ProbeStream['status'], string> = { starting: '…', running: '●', stopping: '◌', stopped: '■', failed: '✗' };

/** A probe pane's lines, and where the event cursor is among them and among the matching events. */
export interface ProbeLines {
  lines: string[];
  /** The line of the event under the cursor, when events are shown. */
  cursorLine?: number;
  /** The cursor's event, counted from the oldest matching one (1-based), and how many match. */
  position?: { at: number; of: number };
}

/**
 * A probe pane as at most `height` lines of at most `width` characters: a header (status, title,
 * events/s, sparkline, lost/paused/filter badges), then errors and warnings, then the events and
 * the tables with bars. Pure: the UI wraps the lines in Ink.
 */
export function renderProbeLines(stream: ProbeStream, width: number, height: number, opts: RenderOptions = {}): string[] {
  return renderProbe(stream, width, height, opts).lines;
}

/** The same, saying where the event cursor is (`opts.scroll` matching events back from the newest). */
export function renderProbe(stream: ProbeStream, width: number, height: number, opts: RenderOptions = {}): ProbeLines {
  if (height <= 0 || width <= 0) return { lines: [] };
  const out: string[] = [header(stream, width, opts)];
  let cursor: Omit<ProbeLines, 'lines'> = {};
  const events = (room: number): string[] => {
    const e = eventLines(stream, width, room, opts);
    if (e.cursor !== undefined) cursor = { cursorLine: out.length + e.cursor, position: e.position };
    return e.lines;
  };
  if (stream.error) {
    out.push(`✗ ${stream.error.message}`);
    if ('hint' in stream.error && stream.error.hint) out.push(`  ${stream.error.hint}`);
    const detail = (stream.error as { detail?: string[] }).detail ?? [];
    out.push(...detail.map((d) => `  ${d}`));
  }
  // bpftrace's stderr is a warning line by line: the lines its error already says (its `stdin:L:C`
  // named as the script's file there) are not said again.
  const plain = (l: string | undefined) => l?.trim().replace(/^\S*?:(?=\d+:\d+(?:-\d+)?: ERROR: )/, '');
  const said = new Set([stream.error?.message, ...((stream.error as { detail?: string[] } | undefined)?.detail ?? [])].map(plain));
  const warnings = stream.warnings.filter((w) => !said.has(plain(w)));
  if (warnings.length) out.push(`! ${warnings.at(-1)}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`);

  const room = height - out.length;
  if (room > 0) {
    const show = opts.show ?? 'auto';
    const tables = stream.shownTables();
    if (show === 'events' || (show === 'auto' && stream.primary === 'events' && !tables.length)) out.push(...events(room));
    else if (show === 'tables' || (show === 'auto' && !stream.total)) out.push(...tableLines(tables, width, room));
    else {
      // Both: the primary view gets two thirds of the room.
      const first = Math.max(1, Math.ceil((room * 2) / 3));
      if (stream.primary === 'events') {
        out.push(...events(first));
        out.push(...tableLines(tables, width, room - first));
      } else {
        const t = tableLines(tables, width, first);
        out.push(...t);
        out.push(...events(room - t.length));
      }
    }
  }
  const lines = out.slice(0, height).map((l) => fit(l, width));
  return cursor.cursorLine !== undefined && cursor.cursorLine < lines.length ? { lines, ...cursor } : { lines };
}

function header(s: ProbeStream, width: number, opts: RenderOptions): string {
  const history = s.rateHistory();
  const rate = history.at(-1) ?? 0;
  const badges: string[] = [];
  if (s.lost) badges.push(`LOST ${s.lost}`);
  if (s.paused) badges.push(`PAUSED +${s.sincePause}`);
  // Not a loss (LOST is): the list keeps the newest `capacity` events, and says how many went before them.
  if (s.dropped) badges.push(`keeps last ${s.capacity} (${s.dropped} older left the view)`);
  if (s.filter) badges.push(`/${s.filter.source}/`);
  const tail = badges.length ? `  ${badges.join('  ')}` : '';
  // A probe that has ended has no rate: what it counted is the figure that stays true.
  const rated = s.ended ? `  ${s.tally()}` : `  ${formatRate(rate)}/s`;
  // On a narrow pane the badges (PAUSED, LOST) stay: the sparkline gives way first, then the title.
  const fixed = cellWidth(`${STATUS[s.status]} `) + cellWidth(rated) + cellWidth(tail);
  const sparkRoom = tail ? Math.max(0, width - fixed - cellWidth(s.title) - 1) : Infinity;
  const sparkCells = Math.min(opts.sparkWidth ?? Math.min(30, Math.max(8, Math.floor(width / 4))), sparkRoom);
  const spark = sparkCells > 0 ? ` ${sparkline(history, sparkCells)}` : '';
  const titleRoom = width - fixed - cellWidth(spark);
  const title = tail && cellWidth(s.title) > titleRoom ? `${cut(s.title, Math.max(1, titleRoom - 1))}…` : s.title;
  return `${STATUS[s.status]} ${title}${rated}${spark}${tail}`.trimEnd();
}

/** Where a script that only fills maps has its output. */
export const MAPS_AT_EXIT = '(no events: this script only fills maps, which bpftrace prints when it ends; x stops it and shows them here)';

/**
 * The events around the cursor, `scroll` matching events back from the newest: the cursor's event
 * is the bottom line, except near the oldest, where the list stays full (as less keeps its page
 * full at the top) and the cursor goes up it.
 */
function eventLines(s: ProbeStream, width: number, room: number, opts: RenderOptions): { lines: string[]; cursor?: number; position?: { at: number; of: number } } {
  if (room <= 0) return { lines: [] };
  const scroll = opts.scroll ?? 0;
  let { events, matching } = s.visibleEvents(room, scroll);
  if (!events.length) {
    if (s.filter && s.size) return { lines: [`(no events match /${s.filter.source}/)`] };
    // A script of maps alone prints them when it ends (trial BK waited for events that never came).
    return { lines: !s.total && s.status === 'running' ? [s.mapsOnly ? MAPS_AT_EXIT : '(waiting for events)'] : [] };
  }
  const skip = Math.min(scroll, Math.max(0, matching - room));
  if (skip < scroll) events = s.visibleEvents(room, skip).events;
  const lines = events.map((e) => shownLine(e, opts.timestamps ?? true));
  if (s.filter && room > events.length) lines.push(`(${matching} of ${s.size} match)`);
  const at = Math.max(1, matching - scroll);
  return { lines: lines.map((l) => fit(l, width)), cursor: events.length - 1 - (Math.min(scroll, matching - 1) - skip), position: { at, of: matching } };
}

/** The tables as text: maps sorted by value with bars, histograms bucket by bucket. */
export function tableLines(tables: readonly ProbeTable[], width: number, room: number): string[] {
  const out: string[] = [];
  for (const t of tables) {
    if (out.length >= room) break;
    if (t.kind === 'map' && t.rows.length === 1 && t.rows[0]!.label === '') {
      out.push(`${t.title}: ${formatValue(t.rows[0]!.value)}`);
      continue;
    }
    // No room under its heading (80x24 leaves a table one line): said so, not a heading over nothing (trial AC).
    const rows = t.kind === 'map' ? t.rows.length : t.kind === 'stats' ? t.rows.length : t.hists.length;
    if (room - out.length < 2 && rows > 0) {
      out.push(`── ${t.title}: ${rows} row${rows === 1 ? '' : 's'}, z shows them ──`);
      continue;
    }
    out.push(`── ${t.title} ──`);
    // Only the rows there is room for: a map of every goroutine has 100,000 keys, and spreading
    // them into push() overflows the stack.
    // Rows past the room left are counted, not dropped unsaid (trial AD: 1 of 3, 5 of 20): the lines to push.
    const counted = (lines: readonly string[], total: number) => {
      const left = room - out.length;
      if (total <= left) return lines;
      // One line under the heading (80x24, trial BO: a heading over `… 4 more`): the top row, with the count beside it.
      if (left === 1 && lines.length) {
        const more = `  … ${formatCount(total - 1)} more`;
        // The bar at the row's end gives way: no ellipsis inside the row.
        const row = cut(lines[0]!.trimEnd(), Math.max(1, width - cellWidth(more)));
        return [`${row}${' '.repeat(Math.max(0, width - cellWidth(more) - cellWidth(row)))}${more}`];
      }
      return [...lines.slice(0, left - 1), `… ${formatCount(total - (left - 1))} more`];
    };
    const left = room - out.length;
    if (t.kind === 'map') out.push(...counted(mapRows(t.rows, width, Math.min(t.rows.length, left)), t.rows.length));
    else if (t.kind === 'stats') out.push(...counted(t.rows.slice(0, left).map((r) => `${r.label ? r.label + '  ' : ''}count ${formatValue(r.count)}  avg ${formatValue(r.average)}  total ${formatValue(r.total)}`), t.rows.length));
    else {
      for (const h of t.hists) {
        if (out.length >= room) break;
        if (h.label) out.push(h.label);
        const rows = histRows(h.buckets, width);
        out.push(...counted(rows, rows.length));
      }
    }
  }
  return out.slice(0, room).map((l) => fit(l, width));
}

/** The `limit` largest entries, with bars scaled to the largest of all. */
function mapRows(rows: readonly { label: string; value: number | string }[], width: number, limit: number): string[] {
  const max = largest(rows.map((r) => Number(r.value) || 0), -Infinity);
  const shown = [...rows].sort((a, b) => Number(b.value) - Number(a.value)).slice(0, Math.max(0, limit));
  const labelW = Math.min(largest(shown.map((r) => r.label.length), 1), Math.floor(width / 2));
  const values = shown.map((r) => formatValue(r.value));
  const valueW = largest(values.map((v) => v.length), 1);
  const barW = Math.max(0, width - labelW - valueW - 4);
  return shown.map((r, i) => `${fit(r.label, labelW).padEnd(labelW)}  ${values[i]!.padStart(valueW)} ${bar(Number(r.value) || 0, max, barW)}`);
}

function histRows(buckets: readonly HistBucket[], width: number): string[] {
  // Leading and trailing empty buckets say nothing.
  let first = buckets.findIndex((b) => b.count > 0);
  let last = buckets.length - 1 - [...buckets].reverse().findIndex((b) => b.count > 0);
  if (first < 0) return ['(empty)'];
  first = Math.max(0, first);
  last = Math.min(buckets.length - 1, last);
  const shown = buckets.slice(first, last + 1);
  const labels = shown.map(bucketLabel);
  const labelW = largest(labels.map((l) => l.length), -Infinity);
  const counts = shown.map((b) => formatValue(b.count));
  const countW = largest(counts.map((c) => c.length), -Infinity);
  const max = largest(shown.map((b) => b.count), -Infinity);
  const barW = Math.max(0, width - labelW - countW - 4);
  return shown.map((b, i) => `${labels[i]!.padEnd(labelW)} ${counts[i]!.padStart(countW)} |${bar(b.count, max, barW)}`);
}

/** Math.max of a list of any length: spreading a 130,000-key map into Math.max overflows the stack. */
function largest(values: readonly number[], floor: number): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** `[8, 16)` as bpftrace's text output shows it; JSON gives inclusive bounds. */
export function bucketLabel(b: HistBucket): string {
  if (b.min === undefined) return `(…, ${human((b.max ?? 0) + 1)})`;
  if (b.max === undefined) return `[${human(b.min)}, …)`;
  if (b.min === b.max) return `[${human(b.min)}]`;
  return `[${human(b.min)}, ${human(b.max + 1)})`;
}

/** 1024-based suffixes for exact powers, as bpftrace prints hist bounds: 4K, 1M. */
function human(n: number): string {
  for (const [suffix, k] of [['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]] as const) if (n >= k && n % k === 0) return `${n / k}${suffix}`;
  return String(n);
}

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function formatRate(r: number): string {
  return r >= 10_000 ? `${(r / 1000).toFixed(0)}k` : String(Math.round(r));
}

/** Cuts a line to `width` characters (by code point), marking the cut with '…'. */
export function fit(line: string, width: number): string {
  const chars = [...line];
  if (chars.length <= width) return line;
  return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
}
