import { formatGoroutinesArgs } from './args.js';
import { DEFAULT_QUERY, shownLoc, type GoroutineInfo, type Loc, type ShownLocation } from './model.js';
import { hiddenBySearch, type GoroutinePaneState } from './store.js';
import { cellWidth, formatCount, formatDuration, namePlace, shortPlace, wrap } from '../core/text.js';
import { fitFuncName, shortTypeArgs } from '../session/frame-names.js';
import {
  formatDelta,
  formatWaitSummary,
  stateText,
  summariseWaits,
  waitedNs,
  type Change,
  type GroupRow,
  type Snapshot,
} from './snapshot.js';

/** How the UI should colour a line; the text is final (already cut to the width). */
export type LineMark = 'header' | 'note' | 'error' | 'loading' | Change;

export interface ViewLine {
  text: string;
  mark?: LineMark;
  selected?: boolean;
}

/** The group list: a header, notes, then as many rows as fit, scrolled to keep the selection in view. */
/** The console's copy of the groups: as wide as a line needs (the console wraps), so nothing is cut (trial AI: `waiti…`). */
export function groupsText(state: GoroutinePaneState, rows = 12): string {
  return renderGroupLines(state, 1_000, rows).map((l) => l.text.trimEnd()).join('\n');
}

export function renderGroupLines(state: GoroutinePaneState, width: number, height: number): ViewLine[] {
  const s = state.snapshot;
  const status = statusLine(state);
  // Said over groups already shown (loading, running, an error), it takes the header's row: the
  // groups stay where they are, and the pane changes once at a stop.
  const over = status && s ? status : undefined;
  // Nothing read yet: the pane's title says what it is, and the words wrap (80x24 cut them, trial Z).
  if (status && !s) return wrap(status.text, width, true).map((text) => ({ text: fit(text, width), mark: status.mark }));
  const out: ViewLine[] = [over ? { text: fit(over.text, width), mark: over.mark } : { text: fit(headerFitting(state, width), width), mark: 'header' }];
  if (s?.capNote) out.push({ text: fit(`${s.capNote}${s.capped ? ` (${formatCount(s.totalAll)} listed).` : '.'}`, width), mark: 'note' });
  if (s?.tooManyGroups) out.push({ text: fit(`Only the first ${formatCount(s.groups.length)} groups are listed; narrow with -with/-without.`, width), mark: 'note' });
  if (status && !over) out.push({ text: fit(status.text, width), mark: status.mark });
  if (!s) return out.slice(0, height);
  // The selected goroutine's group hidden by the search: said, not silently left out (trial CD).
  const hidden = hiddenBySearch(state);
  if (hidden !== undefined) out.push(...wrap(`goroutine ${hidden} is not in /${state.search}: Esc clears the search`, width, true).map((text): ViewLine => ({ text: fit(text, width), mark: 'note' })));
  if (!state.rows.length) {
    // Over a list being read or a target now running, the entry's "none yet" is no longer true.
    if (over && s.totalAll === 0) return out.slice(0, height);
    // Halted at the program's entry, before the runtime has made goroutine 1, Delve lists none.
    // What the filters found nothing of says how to see what there is (trial M: a label filter matched none, unsaid why).
    const label = s.query.filters.find((f) => f.field === 'label');
    const how = label ? `:goroutines -group label ${label.arg.split('=')[0]} lists the values that label has` : ':goroutines -group userloc shows them all';
    const none = s.totalAll === 0 ? 'No goroutines yet: the Go runtime has not started them (halted at the program\'s entry).' : `No goroutines match${s.query.filters.length ? `: ${how}` : ''}.`;
    // The search sees each group's place, waits and its sampled goroutines' starts, not every goroutine (trial AW: `/labeled` found none of four).
    const unmatched = `No group matches "${state.search}" by its place, waits or sampled goroutines: :goroutines -with startloc ${state.search} asks every goroutine; Esc shows all groups.`;
    // Wrapped: at 200x50 the pane is about 80 columns, and the entry's sentence was cut (trial AW).
    // Rows past the pane's are left to its frame, which marks the cut.
    out.push(...wrap(state.search ? unmatched : none, width, true).map((text): ViewLine => ({ text: fit(text, width), mark: 'note' })));
    return out;
  }
  const countWidth = Math.max(...state.rows.map((r) => formatCount(r.total).length));
  const deltaWidth = state.diff ? Math.max(...state.rows.map((r) => (r.change === 'moved' ? 5 : r.delta === undefined ? 0 : formatDelta(r.delta).length))) : 0;
  // Narrow (80x24 gives the pane about 32 columns): the function first, or every row would read
  // `33,732  goroutine-leak/main.go:…` and the sites could not be told apart.
  const fnFirst = width < NARROW;
  const rowText = (i: number) => groupRowText(state.rows[i]!, s, countWidth, deltaWidth, fnFirst ? width : undefined);
  // The cursor row's waits, where its row had no room for them, on a row under it (trial CK: `chan receive` gone unmarked at 80x24).
  const under = state.rows[state.selected] ? rowText(state.selected).dropped : undefined;
  const room = Math.max(0, height - out.length - (under ? 1 : 0));
  const top = scrollTop(state.selected, state.rows.length, room);
  for (let i = top; i < Math.min(state.rows.length, top + room); i++) {
    const row = state.rows[i]!;
    out.push({ text: fit(rowText(i).text, width), ...(row.change ? { mark: row.change } : {}), selected: i === state.selected });
    if (i === state.selected && under) out.push({ text: fit(`  ${under}`, width), mark: 'note' });
  }
  return out;
}

/** The open group's members: a header, then rows; rows whose page is not loaded yet read "…". */
export function renderMemberLines(state: GoroutinePaneState, width: number, height: number): ViewLine[] {
  const w = state.expanded;
  const s = state.snapshot;
  if (!w || !s) return [];
  const loaded = [...w.pages.values()].reduce((n, p) => n + p.length, 0);
  // The stop's whole count and its change stay in view with a group open (trial CK: hidden until Esc at a new stop).
  // Each count with its own change (trial CM read the whole's `(±0)` as the group's, which went 19 to 18).
  const change = state.diff ? ` (${formatDelta(state.diff.totalDelta)})` : '';
  const was = state.diff?.previous.get(w.group);
  // A group whose goroutines were all there before, elsewhere, is `moved`, as its row says (trial CN: `2 moved`, then `(new)`).
  const own = !state.diff ? '' : was === undefined ? (state.diff.moved.has(w.group) ? ' (moved)' : ' (new)') : ` (${formatDelta(w.total - was)})`;
  const all = s.totalAll !== w.total ? ` of ${formatCount(s.totalAll)}${change}` : own;
  let count = `${formatCount(w.total)} goroutine${w.total === 1 ? '' : 's'}${s.totalAll !== w.total ? own : ''}${all}`;
  if (w.progress?.phase === 'members' && w.progress.total) count += ` · reading ${formatCount(w.progress.done ?? 0)}/${formatCount(w.progress.total)}`;
  else if (loaded < w.total) count += ` · ${formatCount(loaded)} held`;
  // Narrow (80x24), the counts first: the group's name (the pane's title has it too) gives way (trial AE).
  const head = width < NARROW ? `${count} — ${openGroupName(state)}` : `${openGroupName(state)} — ${count}`;
  const out: ViewLine[] = [{ text: fit(head, width), mark: 'header' }];
  const held = [...w.pages.values()].flat();
  if (held.length) {
    const summary = formatWaitSummary(summariseWaits(held, w.total, s.goMinor, s.clock), 3, 'held');
    if (summary && s.source === 'rpc') out.push({ text: fit(`  ${summary}`, width), mark: 'note' });
  }
  if (w.error) out.push({ text: fit(w.error, width), mark: 'error' });
  else if (w.cancelled && loaded < w.total) out.push({ text: fit('  Reading stopped (x); moving reads on.', width), mark: 'note' });
  // Members not read yet: why the rows are `…` (Delve reads them only while the target is stopped; scrolling reads a page).
  else if (loaded < w.total && w.progress?.phase !== 'members' && (loaded === 0 || state.status === 'running')) {
    out.push({ text: fit(state.status === 'running' ? '  The target is running: members are read when it stops.' : '  … rows are read as you scroll to them.', width), mark: 'note' });
  }
  const room = Math.max(0, height - out.length);
  const top = scrollTop(w.selected, w.total, room);
  const idWidth = Math.max(4, String(held.reduce((m, g) => Math.max(m, g.id), 0)).length);
  for (let i = top; i < Math.min(w.total, top + room); i++) {
    const g = w.pages.get(Math.floor(i / w.pageSize))?.[i % w.pageSize];
    const selected = i === w.selected;
    if (!g) out.push({ text: fit(`${' '.repeat(idWidth + 2)}…`, width), mark: 'loading', selected });
    else out.push({ text: fit(memberText(g, s, state.query.show, idWidth, width), width), selected });
  }
  return out;
}

/** The header in full where it fits, else in fewer words: a narrow pane (80x24) still shows the count, its change and the sort. */
function headerFitting(state: GoroutinePaneState, width: number): string {
  for (const words of ['full', 'brief', 'least', 'tight'] as const) {
    const text = headerText(state, words);
    if (text.length <= width) return text;
  }
  return headerText(state, 'tightest');
}

/** `tightest`: as tight, without the count of all goroutines, so that the sort shows (trial AC: `37,971 of 37,977 (+644) · by co…`). */
function headerText(state: GoroutinePaneState, words: 'full' | 'brief' | 'least' | 'tight' | 'tightest'): string {
  const s = state.snapshot;
  if (!s) return 'Goroutines';
  const full = words === 'full';
  const tight = words === 'tight' || words === 'tightest';
  const n = s.capped ? `${formatCount(s.total)}+` : formatCount(s.total);
  // Tight: the pane's title says what is counted; the sort before the query, which is what gets cut.
  let text = tight ? n : `${n} goroutine${s.total === 1 ? '' : 's'}`;
  if (s.total !== s.totalAll && words !== 'tightest') text += ` of ${formatCount(s.totalAll)}`;
  // Against an older stop when the last one's groups were not read (x, the pane hidden): said which (trial AE).
  const since = state.diffStop !== undefined && state.stop !== undefined && state.diffStop < state.stop - 1 ? `stop ${state.diffStop}` : 'the last stop';
  if (state.diff) text += full ? ` (${formatDelta(state.diff.totalDelta)} since ${since})` : ` (${formatDelta(state.diff.totalDelta)})`;
  else if (state.noDiff === 'restarted') text += full ? ' (a new process since the last stop)' : ' (new process)';
  // A search lists fewer than the count: how many it shows, said where a narrow pane keeps it (first).
  const search = state.search ? ` · /${state.search}${searchCount(state, s.total, full)}` : '';
  if (!full) text += search;
  const args = formatGoroutinesArgs({ grouping: s.query.grouping, filters: s.query.filters });
  // Least: the usual grouping goes unsaid (the rows show it); any other query is kept.
  // Tight, a grouping alone drops its `-group`; with filters after it, it stays (trial AM: `userloc -with userloc main.worker` read oddly).
  const query = (words === 'least' || tight) && args === formatGoroutinesArgs(DEFAULT_QUERY) ? '' : ` · ${tight ? args.replace(/^-group (\S+)$/, '$1') : args}`;
  const runtime = s.query.hideRuntime ? (full ? ' · runtime hidden' : ' · no runtime') : '';
  text += tight ? ` · by ${state.sort}${query}${runtime}` : `${query}${runtime} · by ${state.sort}`;
  // Deltas are against the previous stop read with this same query (R and filters change it): said
  // whatever the sort, since the ± column is gone; with growth, also at the first stop read.
  if (!tight && (state.noDiff === 'other-query' || (state.sort === 'growth' && state.noDiff === 'first'))) text += !full ? ' (no deltas)' : state.noDiff === 'first' ? ' (no deltas: first stop read)' : ' (no deltas: previous stop read with other settings)';
  if (full) text += search;
  return text;
}

/**
 * `: 882 in 1 group` when the groups a search shows hold fewer than the count, else nothing; with
 * groups found only by what their goroutines wait on, which (`: 8 by location, 4 by wait reason`:
 * trial CD's `/idle` found a runtime group waiting on "force gc (idle)", unsaid).
 */
function searchCount(state: GoroutinePaneState, total: number, full: boolean): string {
  const shown = state.rows.filter((r) => r.change !== 'vanished');
  const sum = (rows: readonly GroupRow[]) => rows.reduce((n, r) => n + r.total, 0);
  const matched = sum(shown);
  const byWait = sum(shown.filter((r) => r.matched === 'wait'));
  const wait = `${formatCount(byWait)} by wait${full ? ' reason' : ''}`;
  if (byWait) return matched > byWait ? `: ${formatCount(matched - byWait)} by location, ${wait}` : `: ${wait}`;
  return matched === total ? '' : `: ${formatCount(matched)}${full ? ` in ${shown.length} group${shown.length === 1 ? '' : 's'}` : ''}`;
}

function statusLine(state: GoroutinePaneState): { text: string; mark: LineMark } | undefined {
  switch (state.status) {
    case 'loading': {
      const p = state.progress;
      const what = p?.phase === 'groups' ? 'grouping goroutines' : p?.phase === 'totals' ? 'counting' : 'asking Delve';
      return { text: `Loading: ${what}…`, mark: 'loading' };
    }
    case 'running':
      if (state.snapshot) return { text: `${state.gone === 'exited' ? 'The target has exited' : state.gone ? 'gotui lost its connection to Delve' : 'The target is running'}: the groups below are those of the last stop.`, mark: 'note' };
      return state.message ? { text: state.message, mark: 'note' } : undefined;
    case 'error':
      return state.message ? { text: state.message, mark: 'error' } : undefined;
    case 'cancelled':
      // Without it the pane stayed `Loading` over the last stop's groups for good (trial AE).
      return { text: `Reading stopped (x); :goroutines reads again.${state.snapshot ? ' Below: the last groups read.' : ''}`, mark: 'note' };
    default:
      return undefined;
  }
}

const NARROW = 60;

/**
 * A group's row; `narrow`: the pane's width when the function goes first (it gives way from its start,
 * so the line stays); `dropped`: its wait summary, where a narrow row had no room for it.
 */
function groupRowText(row: GroupRow, s: Snapshot, countWidth: number, deltaWidth: number, narrow?: number): { text: string; dropped?: string } {
  const fnFirst = narrow !== undefined;
  const count = formatCount(row.total).padStart(countWidth);
  const delta = deltaWidth ? ` ${(row.change === 'new' || row.change === 'moved' ? row.change : row.delta === undefined ? '' : formatDelta(row.delta)).padStart(deltaWidth)}` : '';
  // Narrow: the file by its name alone, so the line (what tells a function's groups apart) stays on the row (trial P).
  // Not the program's: what a function call injected through Delve left (gotui's :call and :flag make them).
  const injected = /(^|\/)runtime\/debugcall\.go$/.test(row.loc?.file ?? '');
  // Narrow, that is all the row can say (trial Y: the note was cut behind the runtime's function).
  if (injected && fnFirst && row.change !== 'vanished') return { text: `${count}${delta}  :call/:flag leftovers` };
  let text = `${count}${delta}  ${fnFirst && row.loc?.file ? fnAndPlace(row.loc.fn, namePlace(row.loc.file, row.loc.line), narrow - count.length - delta.length - 2) : displayName(row.name, row.loc)}`;
  // Narrow, what follows the name comes only whole: cut, it left a cell or two and an ellipsis where the name's letters could be (trial AW).
  const fits = (more: string) => !fnFirst || cellWidth(text) + 2 + cellWidth(more) <= narrow;
  // Not "(gone)": its goroutines may live on in other groups (trial BF read it as exited).
  if (row.change === 'vanished') return { text: fits('(none now)') ? `${text}  (none now)` : text };
  if (injected) text += "  (left by calls injected through Delve: :call, :flag)";
  if (row.group && s.source === 'rpc') {
    const summary = formatWaitSummary(summariseWaits(row.group.sample, row.group.total, s.goMinor, s.clock));
    if (summary && !fits(summary)) return { text, dropped: summary };
    if (summary) text += `  ${summary}`;
  }
  return { text };
}

/** In a narrow pane (80x24): the state unpadded, then the function before its place (the group's rows share it: the state tells them apart), giving way to it. */
function memberText(g: GoroutineInfo, s: Snapshot, show: ShownLocation, idWidth: number, width: number): string {
  const id = String(g.id).padStart(idWidth);
  if (s.source === 'dap') return `  ${id}  ${g.user.fn}${g.threadId ? ` (thread ${g.threadId})` : ''}`;
  const waited = waitedNs(g, s.clock);
  const state = stateText(g, s.goMinor) + (waited !== undefined ? ` ${formatDuration(waited)}+` : '');
  const labels = g.labels ? `  ${Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
  const thread = g.threadId ? ` (thread ${g.threadId})` : '';
  if (width < NARROW) {
    const l = shownLoc(g, show);
    const lead = `  ${id}  ${state}  `;
    if (!l.file) return `${lead}${shortTypeArgs(l.fn)}${thread}${labels}`;
    // The function gives way to its line, as a group row's does (trial BB: 80x24 rows lost their line numbers).
    const place = namePlace(l.file, l.line);
    const whole = `${lead}${shortTypeArgs(l.fn)} ${place}${thread}${labels}`;
    if (whole.length <= width) return whole;
    // What follows (its thread, its labels) is cut: the place ends before the cut's `…`.
    const fnRoom = width - lead.length - place.length - 1 - (thread || labels ? 1 : 0);
    return `${lead}${fnRoom >= 4 ? `${fitFuncName(l.fn, fnRoom)} ${place}` : place}${thread}${labels}`;
  }
  return `  ${id}  ${state.padEnd(18)} ${locText(shownLoc(g, show))}${thread}${labels}`;
}

/** The open group as its row names it. */
export function openGroupName(state: GoroutinePaneState): string {
  const name = state.expanded?.group ?? '';
  return displayName(name, state.snapshot?.groups.find((g) => g.name === name)?.loc);
}

/** `/home/u/svc/internal/leak.go:15 in main.recv` shown as `internal/leak.go:15 main.recv`. */
function displayName(name: string, loc?: Loc): string {
  return loc ? locText(loc) : name;
}

/** A generic function by its name, `main.(*Cache[…]).Get`: its shapes filled the row at any width (trial AT). */
function locText(l: Loc): string {
  if (!l.file) return shortTypeArgs(l.fn);
  return `${shortPlace(l.file, l.line)} ${shortTypeArgs(l.fn)}`;
}

/** The first row to show so that `selected` stays in view, roughly centred. */
export function scrollTop(selected: number, count: number, room: number): number {
  if (room <= 0 || count <= room) return 0;
  return Math.max(0, Math.min(count - room, selected - Math.floor(room / 2)));
}

/** Cuts to `width` columns, with an ellipsis when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** `main.watch main.go:121` in `room` columns: the function cut from its start (`…atch main.go:121`; trial AC: the line was cut off). */
function fnAndPlace(whole: string, place: string, room: number): string {
  const fnRoom = room - place.length - 1;
  // As the Stack pane cuts a name: a generic's shapes first, then the package, then from the start.
  return `${fnRoom < 4 ? shortTypeArgs(whole) : fitFuncName(whole, fnRoom)} ${place}`;
}

/**
 * What the dlv CLI's `goroutine` says of one beyond where it is: the thread it runs on, its four
 * places and its labels (`"k":"v"`, by key). A parked goroutine has no thread (the CLI names Delve's
 * current one, another goroutine's, there).
 */
export function goroutineDetail(g: GoroutineInfo): string[] {
  const at = (l: Loc) => (l.file ? `${l.file}:${l.line} ${l.fn}` : l.fn);
  const labels = Object.keys(g.labels ?? {}).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(g.labels![k])}`);
  const thread = g.threadId ? `${g.threadId}${g.current.file ? ` at ${g.current.file}:${g.current.line}` : ''}` : 'none (parked: it runs on no thread)';
  return [`  Thread: ${thread}`, `  Runtime: ${at(g.current)}`, `  User: ${at(g.user)}`, `  Go: ${at(g.go)}`, `  Start: ${at(g.start)}`, ...(labels.length ? [`  Labels: ${labels.join(', ')}`] : [])];
}
