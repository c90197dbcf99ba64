import type { Rect } from '../core/rect.js';
import { cellWidth, clean, cutStart, fit, fits, wrap, type Row } from '../core/text.js';
import { describeStopReason } from '../session/breakpoints.js';
import type { SessionState, Status } from '../session/state.js';
import { frameRows } from './frame.js';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';
import type { Pager, UiState } from './ui-state.js';
import { PAGER_HINT } from './pager-keys.js';
import { matchSpans, pagerText, topAt, type PagerText } from './pager-text.js';

const STATUS_COLOR: Record<Status, string> = {
  connecting: 'yellow',
  running: 'green',
  stopped: 'red',
  exited: 'gray',
  disconnected: 'redBright',
};

/** `stopped (breakpoint #1)`, `running`, `stopped: panic: boom`; `short`: the stop's reason in fewer words. */
export function stateWords(s: SessionState, short = false): string {
  if (s.status === 'disconnected' && s.reconnecting) {
    const r = s.reconnecting;
    return r.inSeconds ? `disconnected · retry ${r.attempt} in ${r.inSeconds}s` : `disconnected · reconnecting (${r.attempt})…`;
  }
  const silent = s.silent ? ' · Delve not answering' : '';
  if (s.status !== 'stopped' || !s.stop) return `${s.status}${silent}`;
  const why = describeStopReason(s.stop, s.breakpoints, short);
  // Delve stuck on a run: the stop shown is still the target's state, and the run is not forgotten.
  const waiting = s.unanswered ? ` · ${s.unanswered} unanswered` : silent;
  return s.stop.reason === 'exception' ? `stopped: ${why}${waiting}` : `stopped (${why})${waiting}`;
}

/** Cells the stop's state keeps before who drives is cut instead (`stopped (brea…`). */
const MIN_STATE = 14;

/** The state, the stop's number, the target, Delve, the goroutine; then key hints. */
export function statusRow(width: number, session: SessionState, hints: readonly string[], parts: readonly string[] = []): Row {
  // Other parts (who drives) come right after the state: they matter more than the target's name on a narrow screen.
  const extra = parts.filter(Boolean).map((p) => ` │ ${p}`).join('');
  // Halted at entry, before the runtime starts, Delve's goroutine 1 is a placeholder with no stack: not named.
  const where = session.status === 'stopped' && session.selection?.top ? ` │ goroutine ${session.selection.goroutine}` : '';
  // The stop's number: panes showing data of an earlier stop say which.
  const stop = session.status === 'stopped' && session.stop ? ` │ stop ${session.stop.number}` : '';
  // What names the stop comes first; Delve's version, then the target's name, give way whole on a
  // narrow screen (`127.0…` says nothing, and its room shows the keys): :info has them.
  // Without hints (the pager's keys are on the row below) the state has the row.
  // Said in fewer words (`bp other#3, by another client`) before anything is cut (trial CD read `resumed by an…` at 80 columns).
  const sayings = [...new Set([stateWords(session), stateWords(session, true)])];
  let words = sayings[0]!;
  let head = ` ${words}${stop}${extra}${where} │ `;
  // With other parts (who drives), the state may take all but the last key hint (help): at 80
  // columns a follower's `(= rejoins)` matters more than the other keys (its run keys are not offered).
  // The parts end `│ ` and the hint follows at once: its width is all it needs.
  const last = extra && hints.length ? cellWidth(hints[hints.length - 1]!) : width;
  const room = hints.length ? Math.min(width, Math.max(20, Math.floor(width * 0.7), Math.min(cellWidth(head.trimEnd()) + 1, width - last))) : width;
  // Over SSH, the host alone before nothing: which machine this is matters on a narrow screen.
  const host = /^(?:[^@\s]+@)?([^:\s]+):\d+ \(ssh\)$/.exec(session.targetLabel)?.[1];
  // Then the goroutine gives way whole (the stack pane names it), then the separator, before a part is cut.
  let bare = '';
  let whole: string | undefined;
  for (const saying of sayings) {
    words = saying;
    head = ` ${words}${stop}${extra}${where} │ `;
    bare = ` ${words}${stop}${extra}`;
    whole = [`${head}${session.targetLabel} │ Delve ${session.delveVersion} │ `, `${head}${session.targetLabel} │ `, ...(host ? [`${head}${host} │ `] : []), head, `${bare} │ `, `${bare} `].find((t) => cellWidth(t) <= room);
    if (whole) break;
  }
  // Who drives, whole, before the last key hint (? works unsaid): at 80 columns a long stop reason
  // and "alice drives · you follow" do not fit beside it.
  // Too long even so (the dlv CLI's stop: "breakpoint other#1, resumed by another client"): the reason is cut, not who drives.
  const tail = `${stop}${extra} `;
  const stateRoom = width - 1 - cellWidth(tail);
  let crowded = !whole && !!extra && (cellWidth(`${bare} `) <= width || stateRoom >= MIN_STATE);
  if (crowded) whole = cellWidth(`${bare} `) <= width ? `${bare} ` : ` ${fit(words, stateRoom).trimEnd()}${tail}`;
  // Nothing fits whole: the reason is cut, never the stop's number (trial BI read `stop 1…` at stop 12).
  whole ??= ` ${fit(words, Math.max(MIN_STATE, room - 1 - cellWidth(`${stop} │ `))).trimEnd()}${stop} │ `;
  // Hints never follow the parts without the separator (`… you follow ? help` after another
  // client's restart at 80 columns): it comes back when the help key fits after it on the row,
  // else the hints give way (? works unsaid).
  if (whole === `${bare} ` && hints.length && !crowded) {
    if (cellWidth(`${bare} │ `) + cellWidth(hints[hints.length - 1]!) <= width) whole = `${bare} │ `;
    else crowded = true;
  }
  const left = fit(whole, crowded ? width : Math.max(room, cellWidth(whole))).replace(hints.length ? /\s+$/ : /( \u2502)?\s*$/, '') + ' ';
  const rest = crowded ? 0 : Math.max(0, width - cellWidth(left));
  // One run a part: the line renderer draws only the runs it has not drawn (at a step, `stop N`).
  return [
    ...left.split(/(?= \u2502 )/).map((text) => ({ text, backgroundColor: STATUS_COLOR[session.status], color: 'black' as const, bold: true })),
    { text: fit(hintsIn(hints, rest), rest), color: 'gray' },
  ];
}

/** As many whole key hints as fit in `room` cells, and always the last one (where help is). */
function hintsIn(hints: readonly string[], room: number): string {
  const all = hints.join('  ');
  if (cellWidth(all) <= room || hints.length < 2) return all;
  const last = hints[hints.length - 1]!;
  let shown = '';
  for (const h of hints.slice(0, -1)) {
    const next = shown ? `${shown}  ${h}` : h;
    if (cellWidth(`${next} … ${last}`) > room) break;
    shown = next;
  }
  return shown ? `${shown} … ${last}` : last;
}

/**
 * What shows of a line being typed after its one-cell prompt, the cursor cell left free: its end,
 * as a shell shows a long line. What was typed or pasted is outside text too: a pasted control
 * shows, it does not act. Only the end is measured: a pasted megabyte is not, at every key.
 */
function typedTail(line: string, width: number): string {
  const room = Math.max(1, width - 2);
  const typed = clean(line.slice(-(room * 8 + 64)));
  return cellWidth(typed) > room ? `…${cutStart(typed, room - 1)}` : typed;
}

/** A question's keys, as the command row ends with them. */
export function questionKeys(choices: readonly { key: string; label: string }[]): string {
  return ` ${choices.map((c) => `[${c.key}] ${c.label}`).join('  ')}  [Esc] cancel`;
}

/**
 * The prompt being typed, a question, the pager's keys, a message from the UI (why a key does
 * nothing: the whole width, so its advice shows at 80 columns), or the last error (cut, it names
 * `consoleKey`, the key that brings up the console, when the console is not on the screen).
 */
export function commandRow(width: number, ui: UiState, lastError?: string, consoleKey?: string): Row {
  if (ui.question) {
    // The keys stay in view on a narrow terminal: the question is what gets cut.
    const keys = ui.question.calm ? ' …' : questionKeys(ui.question.choices);
    const room = width - cellWidth(keys);
    const text = room < 10 || fits(ui.question.text, room) ? ui.question.text : fit(ui.question.text, room);
    return [{ text: fit(`${text}${keys}`, width), color: 'yellowBright' }];
  }
  if (ui.mode === 'command') {
    const text = typedTail(ui.commandText, width);
    // What Tab found (the candidates, or why none), after the cursor as far as it fits.
    const rest = Math.max(0, width - 2 - cellWidth(text));
    const hint = typeof ui.flash === 'string' && rest > 4 ? fit(`  ${clean(ui.flash.slice(0, width * 4))}`, rest) : '';
    return [{ text: `:${text}` }, { text: ' ', inverse: true }, { text: hint, color: 'gray' }, { text: ' '.repeat(Math.max(0, rest - cellWidth(hint))) }];
  }
  if (ui.mode === 'pager' && ui.pager?.typing !== undefined) return [{ text: `/${typedTail(ui.pager.typing, width)}` }, { text: ' ', inverse: true }];
  if (ui.mode === 'pager' && !ui.flash) return [{ text: fit(PAGER_HINT, width), color: 'gray' }];
  // Measured only as far as the screen: a 60,000-character flash cost 1.3 s a paint.
  if (typeof ui.flash === 'object') return wholeInConsole(clean(ui.flash.result.slice(0, width * 4)), width, consoleKey, ui.flash.warning ? 'yellow' : undefined);
  if (ui.flash) {
    const flash = clean(ui.flash.slice(0, width * 4));
    // A key's refusal too long for the line keeps its reason and gives up the key's description.
    const refusal = /^.+?: not now, (.*)$/.exec(flash);
    const text = !fits(flash, width) && refusal ? `Not now: ${refusal[1]}` : flash;
    return [{ text: fit(text, width), color: 'yellow' }];
  }
  return wholeInConsole(lastError ?? '', width, consoleKey, 'red');
}

/** Rows the command row grows to at most for an error or a question said whole. */
const WHOLE_ROWS = 4;

/**
 * The rows of what the command row would cut, wrapped to `width`: a question (its keys after it), or
 * an error just said while it is the one the row shows (nothing typed, asked or flashed since). The
 * row grows to hold them, up to WHOLE_ROWS (trial CH: at 80x24 the hint after an error was cut, and
 * the restart's question the address it names). Undefined: one row does.
 */
export function grownCommandRows(width: number, ui: UiState, lastError: string | undefined): Row[] | undefined {
  const q = ui.question;
  if (q && !q.calm) {
    const keys = questionKeys(q.choices);
    if (fits(clean(q.text) + keys, width) || width < 30) return undefined;
    const rows = upTo(wrap(q.text, width, true), WHOLE_ROWS, width);
    // The keys end the last row, or take one of their own: never cut.
    const last = rows.at(-1)!;
    if (fits(last + keys, width)) rows[rows.length - 1] = last + keys;
    else if (rows.length < WHOLE_ROWS) rows.push(keys.trimStart());
    else rows[rows.length - 1] = fit(last, width - cellWidth(keys)) + keys;
    return rows.map((text) => [{ text: fit(text, width), color: 'yellowBright' }]);
  }
  if (!ui.wholeError || ui.wholeError !== lastError || ui.mode !== 'normal' || ui.flash || q || fits(clean(lastError), width)) return undefined;
  return upTo(wrap(lastError, width, true), WHOLE_ROWS, width).map((text) => [{ text, color: 'red' }]);
}

/** At most `n` of `rows`, the last cut to `width` with what follows it. */
function upTo(rows: string[], n: number, width: number): string[] {
  return rows.length <= n ? rows : [...rows.slice(0, n - 1), fit(rows.slice(n - 1).join(' '), width)];
}

/** A line for the command row; cut, it names the key that brings up the console, which keeps the whole of it. */
function wholeInConsole(text: string, width: number, consoleKey: string | undefined, color: string | undefined): Row {
  const style = color ? { color } : {};
  if (!consoleKey || fits(text, width) || width < 40) return [{ text: fit(text, width), ...style }];
  const whole = ` (${consoleKey}: console)`;
  return [{ text: fit(text, width - cellWidth(whole)), ...style }, { text: whole, color: 'gray' }];
}

/** Row `r` of the pager's text with each match of `query` in reverse video, as less marks what `/` found. */
function marked(t: PagerText, r: number, query: string): Row {
  const text = t.rows[r]!;
  const row: Row = [];
  let at = 0;
  for (const [s, e] of matchSpans(t, r, query)) {
    if (s > at) row.push({ text: text.slice(at, s) });
    row.push({ text: text.slice(s, e), inverse: true });
    at = e;
  }
  // A match at the row's end: the row's padding after it is not the match (fitRow pads in the last run's style).
  if (at < text.length || !row.length || row.at(-1)!.inverse) row.push({ text: text.slice(at) });
  return row;
}

/** Long text (help, a value, a stack) in a scrollable window over the panes; lines wrap, nothing is cut. */
export function pagerRows(rect: Rect, pager: Pager, stop?: number): Row[] {
  const width = Math.max(1, rect.width - 2);
  const height = Math.max(1, rect.height - 2);
  const text = pagerText(pager, width);
  const all = text.rows;
  const top = Math.min(topAt(pager, width), Math.max(0, all.length - height));
  const rows: Row[] = all.slice(top, top + height).map((t, i) => (pager.query ? marked(text, top + i, pager.query) : [{ text: t }]));
  const stale = pager.stop !== undefined && stop !== pager.stop;
  // Counted in the text's lines, not the rows they wrap to (trial S: 3163 rows of 3151 names, by the width).
  const shown = all.length > height ? `lines ${text.lineOf[top]! + 1}-${text.lineOf[Math.min(all.length, top + height) - 1]! + 1} of ${pager.lines.length}` : '';
  const note = [stale ? `from stop ${pager.stop}` : '', shown, 'Esc closes'].filter(Boolean).join(' · ');
  return frameRows({ title: pager.title, note, rows, stale }, rect, { title: pager.title, focused: true });
}

export function tooSmallRows(rect: Rect, question?: UiState['question']): Row[] {
  // Wrapped, not cut: at 40 columns the advice is what matters. q's question shows here too (it
  // would wait unseen for the panes).
  return [
    ...wrap(`Terminal too small: ${rect.width}x${rect.height}.`, rect.width, true).map((text): Row => [{ text, color: 'yellow' }]),
    ...wrap(`gotui needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge the window (q quits).`, rect.width, true).map((text): Row => [{ text }]),
    ...(question ? wrap(`${clean(question.text)}${questionKeys(question.choices)}`, rect.width, true).map((text): Row => [{ text, color: 'yellowBright' }]) : []),
  ].slice(0, Math.max(1, rect.height));
}
