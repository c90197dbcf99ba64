import stringWidth from 'string-width';
import { NARROW } from './narrow.js';
import { sanitize } from './sanitize.js';

/** One styled run of a row. */
export interface Seg {
  text: string;
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

/** A row of a pane: runs of text, cut and padded to the pane's width when drawn. */
export type Row = Seg[];

// Widths belong to grapheme clusters, not code points: ☺ is one cell, ☺ + U+FE0F two.
// Made when first needed (ICU's break data costs ~10 ms; a batch run may never need it).
let graphemes: Intl.Segmenter | undefined;
const clusterWidths = new Map<string, number>();
// Zero-width clusters (soft hyphens, joiners) take no cells, so a row could hold any number of
// them: past this many a cell it is cut (13,000 soft hyphens in a panic value cost 0.4 s a paint).
const MAX_CLUSTERS_PER_CELL = 4;

/** An address or a word as gdb writes it: `0x4d2763`. */
export const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A file as gotui names it: its directory and name (`orders/main.go`). */
export function shortFile(file: string): string {
  return file.split('/').slice(-2).join('/');
}

/** A source place as gotui writes it: `orders/main.go:42`. */
export function shortPlace(file: string, line: number): string {
  return `${shortFile(file)}:${line}`;
}

/** A place by its file's name alone, as step messages say it: `main.go:42` (`?:42` with no file). */
export function namePlace(file: string | undefined, line: number): string {
  return `${file?.split('/').pop() ?? '?'}:${line}`;
}

export function cellWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let w = 0;
  for (const [, cells] of clusters(text)) w += cells;
  return w;
}

const printable = (text: string, at: number) => {
  const c = text.charCodeAt(at);
  return c >= 0x20 && c <= 0x7e;
};

/**
 * The grapheme clusters of clean `text` and the cells of each. Two printable ASCII characters in a
 * row always have a cluster boundary between them, so ASCII runs skip the segmenter and
 * string-width (each microseconds a cluster: a 30,000-character line took half a second to wrap);
 * only the stretches around other characters go through them.
 */
function* clusters(text: string): Generator<[string, number]> {
  for (let i = 0; i < text.length; ) {
    if (printable(text, i) && (i + 1 === text.length || printable(text, i + 1))) {
      yield [text[i]!, 1];
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !(printable(text, end - 1) && printable(text, end))) end++;
    graphemes ??= new Intl.Segmenter();
    for (const { segment } of graphemes.segment(text.slice(i, end))) {
      let cells = clusterWidths.get(segment);
      if (cells === undefined) {
        cells = stringWidth(segment);
        if (clusterWidths.size >= 4096) clusterWidths.clear();
        clusterWidths.set(segment, cells);
      }
      yield [segment, cells];
    }
    i = end;
  }
}

/** Text from anywhere made safe for a row: escapes gone, controls visible, tabs as four spaces. */
export function clean(text: string): string {
  // Narrow text holds no control, escape or bidi character: nothing to sanitize.
  const t = NARROW.test(text) ? text : sanitize(text);
  return t.includes('\t') ? t.replace(/\t/g, '    ') : t;
}

/**
 * The paths of `all` whose name holds what `clean` takes out and, as shown, is `name` or ends in
 * `/name`: a file named with escapes is found by the name the screen gives it (trial CH).
 */
export function pathsShownAs(all: readonly string[], name: string): string[] {
  return all.filter((f) => clean(f) !== f && (clean(f) === name || clean(f).endsWith(`/${name}`)));
}

/**
 * The files of `all` that `name` (`xy.go`, `pkg/xy.go`) names: by their paths, and by the name the
 * screen shows for one whose real name holds escapes. Where it names both kinds (a real `xy.go`
 * beside `x\e[31my.go`), the file on screen (`current`) is the one meant, else all are returned to
 * be told apart (trial CN: `:break xy.go:5`, typed at the escape-named file, went to the other).
 */
export function filesNamed(all: readonly string[], name: string, current?: string): string[] {
  const real = all.filter((f) => f === name || f.endsWith(`/${name}`));
  const shown = pathsShownAs(all, name);
  if (!shown.length) return real;
  const both = [...real, ...shown];
  return current !== undefined && both.includes(current) ? [current] : both;
}

/** A path as the screen can show it, told apart from one it shows the same (`…/xy.go (its real name holds control characters)`). */
export function pathShown(path: string): string {
  const shown = clean(path);
  return shown === path ? path : `${shown} (its real name holds control characters)`;
}

/** `text` as a regular expression that matches it literally (Delve's filters are Go regexps). */
export function quoteRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Cuts `text` (already clean) to at most `width` cells. */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  // A cell a character (box drawing, ▶, … too): cut as a string.
  if (NARROW.test(text)) return text.length > width ? text.slice(0, width) : text;
  let out = '';
  let used = 0;
  let count = 0;
  for (const [ch, w] of clusters(text)) {
    if (used + w > width || ++count > width * MAX_CLUSTERS_PER_CELL) break;
    out += ch;
    used += w;
  }
  return out;
}

/** The end of `text` (already clean) in at most `width` cells, never half a character. */
export function cutStart(text: string, width: number): string {
  if (width <= 0) return '';
  if (NARROW.test(text)) return text.slice(Math.max(0, text.length - width));
  const all = [...clusters(text)];
  let used = 0;
  let from = all.length;
  while (from > 0 && used + all[from - 1]![1] <= width) used += all[--from]![1];
  return all.slice(from).map(([ch]) => ch).join('');
}

/** Exactly `width` cells: cut with an ellipsis when too long, padded when short. Sanitizes. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const t = clean(text);
  if (!fits(t, width)) {
    const c = `${cut(t, width - 1)}…`;
    return c + ' '.repeat(Math.max(0, width - cellWidth(c)));
  }
  return t + ' '.repeat(width - cellWidth(t));
}

/**
 * True when clean `text` takes at most `width` cells. Measures no further than the width: a
 * 12,000-character panic value of emoji took 65 ms to measure whole, at every paint of the status bar.
 */
export function fits(text: string, width: number): boolean {
  return text.length <= width / 2 || cut(text, width).length === text.length;
}

/** A row's runs cut and padded to exactly `width` cells (the last run cut gets the ellipsis). */
export function fitRow(row: Row, width: number): Row {
  const out: Row = [];
  let used = 0;
  // A run that fills the row while text follows it is cut too: the ellipsis says the rest is there.
  let lastText = row.length - 1;
  while (lastText >= 0 && !/\S/.test(row[lastText]!.text)) lastText--;
  for (let i = 0; i < row.length && used < width; i++) {
    const seg = row[i]!;
    const t = clean(seg.text);
    if (fits(t, width - used - (i < lastText ? 1 : 0))) {
      if (t) out.push(t === seg.text ? seg : { ...seg, text: t });
      used += cellWidth(t);
      continue;
    }
    const room = width - used;
    // A float cut before its exponent reads as another number (1.9175e-310 as 1.9175…): the
    // mantissa is cut instead.
    const num = /\d+(?:\.\d*)?(e[-+]\d+)$/.exec(t);
    const exp = num?.[1] ?? '';
    const c = num && room - 1 - exp.length > num.index ? `${cut(t.slice(0, -exp.length), room - 1 - exp.length)}…${exp}` : `${cut(t, room - 1)}…`;
    out.push({ ...seg, text: c });
    used += cellWidth(c);
  }
  // A highlighted row (cursor, stop line) stays highlighted to the border.
  const last = row[row.length - 1];
  if (used < width) out.push({ text: ' '.repeat(width - used), ...(last?.inverse ? { inverse: true } : {}), ...(last?.backgroundColor ? { backgroundColor: last.backgroundColor } : {}) });
  return out;
}

/** Hard-wraps clean text to rows of `width` cells (at least one row); `prose`: no row starts with the space it broke at. */
export function wrap(text: string, width: number, prose = false): string[] {
  const t = clean(text);
  if (width <= 0) return [''];
  if (cellWidth(t) <= width) return [t];
  const cs = NARROW.test(t) ? [...t].map((ch): [string, number] => [ch, 1]) : [...clusters(t)];
  const rows: string[] = [];
  let start = 0;
  while (start < cs.length) {
    let used = 0;
    let end = start;
    while (end < cs.length && used + cs[end]![1] <= width) used += cs[end++]![1];
    if (end === start) end++;
    // Break after the last space of the row rather than inside a word, unless the word is most of the row.
    // A word that fills the row (a path) breaks after its last slash there (trial AR: `breakp│oints.json`).
    if (end < cs.length && cs[end]![0] !== ' ') {
      const after = (mark: string) => {
        let at = end - 1;
        while (at > start && cs[at]![0] !== mark) at--;
        return at > start && at - start >= (end - start) / 3 ? at + 1 : undefined;
      };
      end = after(' ') ?? after('/') ?? end;
    }
    rows.push(cs.slice(start, end).map(([ch]) => ch).join(''));
    // Prose: a row that ends at the edge right before a space leaves it as the break, not as the next
    // row's first cell (trial AX). A program's output keeps every character.
    start = prose && end < cs.length && cs[end]![0] === ' ' ? end + 1 : end;
  }
  return rows;
}

/**
 * Where a line's wrapped rows start: under its last column where it starts with a short one
 * (`:info`'s `Delve   1.27.1 at …`, `:goroutines`' `518  main.go:65 …`) or is indented (help's
 * `  KEYS  what they do`), or with an address (gdb's `x` rows, `0xc000047f40 <main.buf>:` and a
 * tab: its words go on under its first, trial CG), else 0. A column deep in the line (`:help x`'s
 * examples, three spaces apart) is no column: under the line's own indent. Tabs count as `clean` draws them.
 */
export function columnHang(text: string, width: number): number {
  const line = text.includes('\t') ? text.replace(/\t/g, '    ') : text;
  // An address leaves room for one 8-byte word (`0x` and 16 digits) after it, or is no column.
  const address = /^0x[0-9a-f]+(?: <[^<>]*>)?:\s+/.exec(line)?.[0].length;
  if (address !== undefined) return address <= width - 20 ? address : 0;
  const indent = /^(?:\S{1,12}\s{2,}|\s+(?:\S+(?: \S+)*\s{2,})?)/.exec(line)?.[0].length ?? 0;
  return indent > width / 2 ? /^\s*/.exec(line)![0].length : indent;
}

/** A table's rows (its lines from `from` on) continue under its last column, at `column`, where that leaves room. */
export interface TableHang {
  column: number;
  from: number;
}

/**
 * `text` wrapped to `width`, its rows after the first `indent` cells in (a hanging indent). A row
 * that ends at the edge leaves the space after it to the next row, which is not indented deeper.
 */
export function wrapHanging(text: string, width: number, indent: number): string[] {
  const [first = '', ...more] = wrap(text, width);
  if (!more.length) return [first];
  const pad = ' '.repeat(indent);
  return [first, ...wrap(more.join('').replace(/^ +/, ''), width - indent).map((r) => pad + r.replace(/^ +/, ''))];
}

/** 12,345. Not toLocaleString: its first call loads ICU's number formats (10 ms of start-up). */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `42s`, `3m`, `2h5m`, `1d3h`: a span said as briefly as a status line needs. */
export function formatDuration(ns: number): string {
  const s = Math.floor(ns / 1e9);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
}

/** Edits from a to b: insert, delete, replace, and swapping two neighbours (`drvie` is one from `drive`). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `n` of `names` a mistyped `word` likely meant: those it begins first, then the closest by
 * edits (a third of its length at most), or a name it abbreviates (`brk` of `break`: its letters in
 * order, the first the same).
 */
export function nearestNames(word: string, names: readonly string[], n = 3): string[] {
  const scored: [number, string][] = [];
  for (const name of names) {
    const score = name.startsWith(word) ? 0 : Math.min(editDistance(word, name), abbreviates(word, name) ? 1 : Infinity);
    if (score <= Math.max(1, Math.floor(word.length / 3))) scored.push([score, name]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].length - b[1].length || a[1].localeCompare(b[1]));
  return [...new Set(scored.map(([, s]) => s))].slice(0, n);
}

function abbreviates(word: string, name: string): boolean {
  if (word.length < 3 || word[0] !== name[0]) return false;
  let at = 0;
  for (const ch of name) if (ch === word[at]) at++;
  return at === word.length;
}

/**
 * `text` split at its commas that are inside no pair of `pairs` (by default (), [] and {}) and, with
 * `quotes`, in no Go string. Every piece is kept, an empty last one too: joined with ',' they give
 * `text` back.
 */
export function splitTopLevel(text: string, { pairs = '()[]{}', quotes = true }: { pairs?: string; quotes?: boolean } = {}): string[] {
  const items: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const at = pairs.indexOf(c);
    if (quotes && c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (at >= 0 && at % 2 === 0) depth++;
    else if (at >= 0) depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      items.push(text.slice(from, i));
      from = i + 1;
    }
  }
  items.push(text.slice(from));
  return items;
}

/**
 * A part of a pane's title or note that gives way when the top border is too short: left out
 * (`drop`, first), said in fewer words (`short`: `3/5` for `3/5 frames`), or cut (…) from its start
 * (a path) or its end (a name), left out when even its first letters leave no room; so that the
 * parts beside it (a place like `3/17`) stay whole.
 */
export interface Shrinkable {
  text: string;
  cut: 'start' | 'end' | 'drop' | 'short';
  /** With `cut: 'short'`, what it says when the border is too short for `text`; cut no further unless `then` says how. */
  short?: string;
  then?: 'start' | 'end';
}
export type LabelPart = string | Shrinkable;

/** A title's or note's text as the parts say it, before any gives way (` · ` between a note's parts). */
export function labelText(label: string | readonly LabelPart[] | undefined, sep = ' · '): string {
  return typeof label === 'string' ? label : (label ?? []).map((p) => (typeof p === 'string' ? p : p.text)).join(sep);
}

/** Where a list's cursor is among its rows, as pane titles say it (`3/17`); '' for an empty list. */
export function cursorPlace(index: number, total: number): string {
  return total ? `${Math.min(Math.max(0, index), total - 1) + 1}/${total}` : '';
}
