import { columnHang, wrap, wrapHanging, type TableHang } from '../core/text.js';
import type { Pager } from './ui-state.js';

/**
 * The pager's lines wrapped to a width, with what a search and a resize need: which line each row
 * belongs to, and where its text sits in that line (a continued row's hanging indent is not text).
 */
export interface PagerText {
  rows: string[];
  /** The line (index into the pager's lines) of each row. */
  lineOf: number[];
  /** Cells of hanging indent before each row's text. */
  lead: number[];
  /** Where each row's text starts in its line's text (the rows' texts joined). */
  offset: number[];
  /** Each line's first row (and, after the last, the number of rows). */
  firstRow: number[];
}

/** Two widths a text: the one drawn, and the one before a resize (to find the line it showed). */
const cache = new WeakMap<readonly string[], Map<number, PagerText>>();

/**
 * Wrapped rows of the pager's text at a width. An indented line (help's `  KEYS  what they do`, a
 * stack's `  0  func`) or one that starts with a short column (`:goroutines`' `518  main.go:65 …`,
 * `:info`'s `Others  …`) continues under its last column, not at the left edge; any other line that
 * starts at the edge (a value) wraps as it is; a table's rows (`hang`) under the column it names.
 * Pure (remembered per text and width).
 */
export function wrapPager(lines: readonly string[], width: number, table?: TableHang): PagerText {
  const known = cache.get(lines)?.get(width);
  if (known) return known;
  const t: PagerText = { rows: [], lineOf: [], lead: [], offset: [], firstRow: [] };
  lines.forEach((l, i) => {
    t.firstRow.push(t.rows.length);
    // A table's last column stays one while it has a third of the width (`:vmmap`'s, which its size's padding hides from columnHang).
    const column = table && i >= table.from && table.column <= (width * 2) / 3 ? table.column : undefined;
    const hang = column ?? columnHang(l, width);
    const hanging = column !== undefined || (hang > 0 && hang <= width / 2);
    const rows = hanging ? wrapHanging(l, width, hang) : wrap(l, width);
    let at = 0;
    rows.forEach((r, k) => {
      // Plain rows are slices of the line; a hanging row's indent is not its text.
      const lead = hanging && k > 0 ? /^ */.exec(r)![0].length : 0;
      // A hanging row drops the space it was broken at: the search still reads one between the words.
      if (lead && !rows[k - 1]!.endsWith(' ')) at++;
      t.rows.push(r);
      t.lineOf.push(i);
      t.lead.push(lead);
      t.offset.push(at);
      at += r.length - lead;
    });
  });
  t.firstRow.push(t.rows.length);
  const widths = cache.get(lines) ?? new Map<number, PagerText>();
  if (widths.size >= 2) widths.delete(widths.keys().next().value!);
  cache.set(lines, widths.set(width, t));
  return t;
}

/** The pager's text wrapped at a width. */
export const pagerText = (pager: Pager, width: number): PagerText => wrapPager(pager.lines, width, pager.hang);

/** A line's text as the search sees it: its rows joined (a match may run from one row on into the next), any case as less -i. */
function lineText(t: PagerText, line: number): string {
  const texts = joined.get(t) ?? new Map<number, string>();
  joined.set(t, texts);
  let known = texts.get(line);
  if (known === undefined) texts.set(line, (known = joinRows(t, line)));
  return known;
}

/** Each text's lines as searched, made as a search or a draw first needs them. */
const joined = new WeakMap<PagerText, Map<number, string>>();

function joinRows(t: PagerText, line: number): string {
  let s = '';
  for (let r = t.firstRow[line]!; r < t.firstRow[line + 1]!; r++) s = s.padEnd(t.offset[r]!) + t.rows[r]!.slice(t.lead[r]);
  const lower = s.toLowerCase();
  // Lower case of a few letters (İ) is longer: such a line is searched as it is written.
  return lower.length === s.length ? lower : s;
}

/** The matches of `query` that cross row `r`, as [start, end) cells of the row. */
export function matchSpans(t: PagerText, r: number, query: string): [number, number][] {
  const q = query.toLowerCase();
  if (!q || r < 0 || r >= t.rows.length) return [];
  const text = lineText(t, t.lineOf[r]!);
  const start = t.offset[r]!;
  const end = start + t.rows[r]!.length - t.lead[r]!;
  const spans: [number, number][] = [];
  // Matches do not overlap (as less marks them): found from the line's start.
  for (let i = text.indexOf(q); i >= 0 && i < end; i = text.indexOf(q, i + q.length)) {
    if (i + q.length > start) spans.push([t.lead[r]! + Math.max(i, start) - start, t.lead[r]! + Math.min(i + q.length, end) - start]);
  }
  return spans;
}

/**
 * The first row from `from` on (`step` 1) or back (-1) where a match of `query` starts, case-
 * insensitive as less -i; undefined when none does.
 */
export function findMatchRow(t: PagerText, query: string, from: number, step: 1 | -1): number | undefined {
  const q = query.toLowerCase();
  if (!q) return undefined;
  for (let r = from; r >= 0 && r < t.rows.length; r += step) {
    const line = t.lineOf[r]!;
    const i = lineText(t, line).indexOf(q, t.offset[r]);
    if (i >= 0 && i < t.offset[r]! + t.rows[r]!.length - t.lead[r]!) return r;
    if (step === -1) continue;
    // Forward, one look a line (a long value wraps to hundreds of rows): the row the match starts in, or the next line.
    if (i >= 0) return rowAt(t, line, i);
    r = t.firstRow[line + 1]! - 1;
  }
  return undefined;
}

/** The row of `line` holding its text's character `at`. */
function rowAt(t: PagerText, line: number, at: number): number {
  let r = t.firstRow[line]!;
  while (r + 1 < t.firstRow[line + 1]! && t.offset[r + 1]! <= at) r++;
  return r;
}

/**
 * The pager's top row at `width`. It was counted at the width it was set at: after a resize, the
 * row showing the same text is found, so the line at the top stays there.
 */
export function topAt(pager: Pager, width: number): number {
  if (pager.width === undefined || pager.width === width || !pager.lines.length) return pager.top;
  const before = pagerText(pager, pager.width);
  const row = Math.min(pager.top, before.rows.length - 1);
  const line = before.lineOf[row]!;
  return rowAt(pagerText(pager, width), line, before.offset[row]!);
}
