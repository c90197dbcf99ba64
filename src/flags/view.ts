/** The flags pane as lines of text with roles, for Ink (or the console) to draw; no I/O, no React. */
import { fitCursor } from '../core/list-cursor.js';
import { goQuote } from '../core/gostrings.js';
import { shellQuote } from '../core/shell.js';
import { wrap } from '../core/text.js';
import type { FlagInfo, FlagSetSnapshot, PendingEdit } from './model.js';
import type { FlagsState } from './store.js';

/** What a selectable line stands for: Enter edits a flag, x cancels a pending edit. */
export type FlagRow = { kind: 'flag'; setExpr: string; name: string } | { kind: 'args' } | { kind: 'pending'; id: number };

export type SpanRole = 'marker' | 'name' | 'type' | 'value' | 'default' | 'usage' | 'title' | 'note' | 'error' | 'dim';

export interface Span {
  text: string;
  role: SpanRole;
}

export interface FlagLine {
  /** The spans' text joined, at most `width` columns. */
  text: string;
  spans: Span[];
  /** `detail`: the whole value of the flag under the cursor, where its column cut it. */
  kind: 'title' | 'set' | 'note' | 'flag' | 'detail' | 'args' | 'pending';
  /** The cursor is on this line. */
  cursor: boolean;
  /** A flag whose value differs from its default. */
  changed: boolean;
  /** Values read at an earlier stop (the target has run since). */
  stale: boolean;
  row?: FlagRow;
}

/** The lines that can hold the cursor, in display order. */
export function selectableRows(state: FlagsState): FlagRow[] {
  const rows: FlagRow[] = [];
  for (const set of state.sets) for (const f of set.snapshot?.flags ?? []) rows.push({ kind: 'flag', setExpr: set.expr, name: f.name });
  if (state.args) rows.push({ kind: 'args' });
  for (const p of state.pending) rows.push({ kind: 'pending', id: p.id });
  return rows;
}

/** The command a row's action types at the prompt: an edit prefilled with the current value, or a cancel. */
export function rowCommand(state: FlagsState, row: FlagRow): string {
  if (row.kind === 'pending') return `flag -cancel ${row.id}`;
  // Editing the arguments line restarts the program with what is left after the program name.
  if (row.kind === 'args') return `restart ${(state.args?.args ?? []).slice(1).map(shellQuote).join(' ')}`.trimEnd();
  const f = state.sets.find((s) => s.expr === row.setExpr)?.snapshot?.flags.find((x) => x.name === row.name);
  const set = row.setExpr === 'flag.CommandLine' ? '' : `-set ${row.setExpr} `;
  // Delve's text of a list or a struct is no text its Set takes: the value is typed afresh.
  return `flag ${set}${row.name}=${f && !f.delveForm ? showValue(f) : ''}`;
}

/**
 * The pane: a title, each FlagSet with its flags, os.Args, the pending edits and the last outcome,
 * from the line `state.top` (moved just enough to show the cursor) and cut to `width` columns.
 */
export function renderFlagLines(state: FlagsState, width: number, height: number): FlagLine[] {
  const lines = flagLines(state, width);
  if (height <= 0) return [];
  // The cursor's whole value shows with it (the lines after it), as far as the pane's height allows.
  const at = Math.max(0, lines.findIndex((l) => l.cursor));
  let end = at;
  while (lines[end + 1]?.kind === 'detail' && end + 1 - at < height) end++;
  const c = fitCursor({ index: end, top: Math.min(state.top, at) }, lines.length, height);
  return lines.slice(c.top, c.top + height);
}

/** Where the cursor's line is among the pane's lines, and how many there are (for the controller to scroll). */
export function cursorLine(state: FlagsState): { index: number; total: number } {
  const lines = flagLines(state, 1_000);
  return { index: Math.max(0, lines.findIndex((l) => l.cursor)), total: lines.length };
}

function flagLines(state: FlagsState, width: number): FlagLine[] {
  const rows = selectableRows(state);
  const cursor = Math.min(Math.max(0, state.cursor), rows.length - 1);
  const lines: FlagLine[] = [];
  const push = (kind: FlagLine['kind'], spans: Span[], extra: Partial<FlagLine> = {}) => lines.push(line(kind, spans, width, { stale: state.stale, ...extra }));

  const stop = state.sets.find((s) => s.snapshot)?.snapshot?.stop ?? state.args?.stop;
  const status = [stop !== undefined ? `read at stop ${stop}` : undefined, state.stale ? 'stale: the target ran since' : undefined, state.reading ? 'reading…' : undefined].filter(Boolean).join(' · ');
  push('title', [{ text: 'Flags', role: 'title' }, ...(status ? [{ text: `  ${status}`, role: 'dim' as const }] : [])]);
  if (!state.sets.length) push('note', [{ text: 'No FlagSet read yet: :flags [EXPR] reads one (flag.CommandLine by default).', role: 'note' }]);

  let index = 0;
  for (const set of state.sets) {
    const snap = set.snapshot;
    push('set', setTitle(set.expr, snap));
    if (set.error) for (const row of wrap(set.error, width - 2, true)) push('note', [{ text: `  ${row}`, role: 'error' }]);
    // A set with no flags has no edits to lose (trial AM: an unused flag.CommandLine's note pushed the flags below the fold).
    if (snap && !snap.parsed && snap.flags.length) push('note', [{ text: '  not parsed yet: its Parse will overwrite edits to the flags its arguments name', role: 'note' }]);
    // Alone and empty, flag.CommandLine says where a program's flags may be instead.
    if (snap && !snap.flags.length) push('note', [{ text: set.expr === 'flag.CommandLine' && state.sets.length === 1 ? "  (no flags defined; :flags EXPR reads the program's own FlagSet)" : '  (no flags defined)', role: 'dim' }]);
    // Attached to a running target: Delve reads memory only while it is stopped.
    if (!snap && !set.error && !state.reading) push('note', [{ text: '  not read yet: the flags are read at the next stop (p pauses the target)', role: 'note' }]);
    if (!snap) continue;
    const cols = columns(snap.flags, snap.library, width);
    for (const f of snap.flags) {
      const row = rows[index];
      const spans = flagSpans(f, snap.library, cols);
      push('flag', spans, { cursor: index === cursor, changed: f.changed, ...(row ? { row } : {}) });
      // A value its column cuts is read whole under the cursor (trial CF: `{v: "no…` at 80 columns), and
      // a usage the pane's edge cuts (trial CI: no way to read it but zoomed).
      if (index === cursor && showValue(f).length > cols.value) for (const row of detailRows(`= ${showValue(f)}`, width - 4)) push('detail', [{ text: `    ${row}`, role: 'value' }]);
      const usage = f.usage.replace(/\s*\n\s*/g, ' ');
      if (index === cursor && usage && spans.reduce((n, s) => n + s.text.length, 0) > width) for (const row of detailRows(usage, width - 4)) push('detail', [{ text: `    ${row}`, role: 'usage' }]);
      index++;
    }
  }

  if (state.args) {
    const row = rows[index];
    push('args', [{ text: 'os.Args ', role: 'name' }, { text: state.args.args.map(shellQuote).join(' '), role: 'value' }], { cursor: index === cursor, ...(row ? { row } : {}) });
    index++;
  }
  else if (state.argsError) push('args', [{ text: 'os.Args ', role: 'name' }, { text: state.argsError, role: 'error' }]);

  if (state.pending.length) {
    push('note', [{ text: 'Pending edits (tried again at every stop until they apply):', role: 'title' }]);
    for (const p of state.pending) {
      const row = rows[index];
      push('pending', pendingSpans(p, state.stale), { cursor: index === cursor, ...(row ? { row } : {}) });
      index++;
    }
  }
  // Whole, wrapped: an edit's outcome (why it waits, what applies it) is read here while the console is hidden.
  if (state.note) for (const row of wrap(state.note.text, width, true)) push('note', [{ text: row, role: state.note.kind === 'error' ? 'error' : 'note' }]);
  return lines;
}

/** A FlagSet as plain lines for the console (`:flags`): the same columns as the pane. */
export function flagTableLines(snap: FlagSetSnapshot, width = 120): string[] {
  const cols = columns(snap.flags, snap.library, width);
  const out = [setTitle(snap.expr, snap).map((s) => s.text).join('')];
  if (!snap.parsed && snap.flags.length) out.push('  not parsed yet: its Parse will overwrite edits to the flags its arguments name');
  for (const f of snap.flags) out.push(line('flag', flagSpans(f, snap.library, cols), width, {}).text.trimEnd());
  if (!snap.flags.length) out.push('  (no flags defined)');
  return out;
}

/** How a value shows: as is, or Go-quoted when it is empty or has spaces or control characters at its edges. */
export function showValue(f: Pick<FlagInfo, 'value' | 'exact' | 'type' | 'delveForm'>): string {
  if (f.delveForm || (f.type.kind !== 'string' && f.exact)) return f.value;
  return f.value === '' || /^\s|\s$|[\x00-\x1f\x7f"]/.test(f.value) ? goQuote(f.value) : f.value;
}

interface Columns {
  name: number;
  type: number;
  value: number;
}

function columns(flags: FlagInfo[], library: 'flag' | 'pflag', width: number): Columns {
  const name = Math.min(28, Math.max(4, ...flags.map((f) => flagName(f, library).length)));
  const type = Math.min(14, Math.max(4, ...flags.map((f) => f.type.name.length)));
  const room = Math.max(8, width - 2 - name - 1 - type - 1);
  const value = Math.min(Math.max(5, ...flags.map((f) => showValue(f).length)), Math.max(8, Math.floor(room * 0.45)));
  return { name, type, value };
}

function flagName(f: FlagInfo, library: 'flag' | 'pflag'): string {
  if (library === 'flag') return `-${f.name}`;
  return f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`;
}

function flagSpans(f: FlagInfo, library: 'flag' | 'pflag', c: Columns): Span[] {
  const spans: Span[] = [
    { text: f.changed ? '* ' : '  ', role: 'marker' },
    { text: fit(flagName(f, library), c.name).padEnd(c.name + 1), role: 'name' },
    { text: fit(f.type.name, c.type).padEnd(c.type + 1), role: 'type' },
    { text: fit(showValue(f), c.value).padEnd(c.value), role: 'value' },
  ];
  // Where the usage column starts on the other rows.
  if (f.changed) spans.push({ text: `  (default ${f.defValue === '' ? '""' : f.defValue})`, role: 'default' });
  if (f.usage) spans.push({ text: `  ${f.usage.replace(/\s*\n\s*/g, ' ')}`, role: 'usage' });
  return spans;
}

function setTitle(expr: string, snap: FlagSetSnapshot | undefined): Span[] {
  if (!snap) return [{ text: expr, role: 'title' }];
  const what = `${snap.library === 'pflag' ? 'pflag ' : ''}${snap.flags.length} flag${snap.flags.length === 1 ? '' : 's'}, * = changed from default`;
  return [
    { text: expr, role: 'title' },
    { text: `  ${goQuote(snap.name)}`, role: 'dim' },
    { text: `  ${what}`, role: 'dim' },
  ];
}

/** `ran`: the target has run since the reason was given (it was the last stop's). */
function pendingSpans(p: PendingEdit, ran: boolean): Span[] {
  const set = p.setExpr === 'flag.CommandLine' ? '' : `${p.setExpr} `;
  const why = ran && !/^the target is /.test(p.reason) ? `the target runs (at the last stop: ${p.reason})` : p.reason;
  return [
    { text: `  #${p.id} `, role: 'marker' },
    { text: `${set}-${p.name}`, role: 'name' },
    { text: `=${p.value}`, role: 'value' },
    { text: `  waiting: ${why}${p.attempts ? ` (${p.attempts} stop${p.attempts === 1 ? '' : 's'} tried)` : ''}`, role: 'dim' },
  ];
}

function line(kind: FlagLine['kind'], spans: Span[], width: number, extra: Partial<FlagLine>): FlagLine {
  const cut: Span[] = [];
  let left = Math.max(0, width);
  for (const s of spans) {
    if (left <= 0) break;
    const text = s.text.length > left ? `${s.text.slice(0, Math.max(0, left - 1))}…` : s.text;
    cut.push({ text, role: s.role });
    left -= text.length;
  }
  return { text: cut.map((s) => s.text).join(''), spans: cut, kind, cursor: false, changed: false, stale: false, ...extra };
}

/** Cut text whole, in at most DETAIL_ROWS rows (a long list's last says it goes on). */
function detailRows(text: string, width: number): string[] {
  const rows = wrap(text, width);
  return rows.length <= DETAIL_ROWS ? rows : [...rows.slice(0, DETAIL_ROWS - 1), fit(`${rows[DETAIL_ROWS - 1]!}${rows[DETAIL_ROWS]!}`, width)];
}

const DETAIL_ROWS = 4;

function fit(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, Math.max(0, n - 1))}…` : text;
}

export { shellQuote };
