import type { PaneProps, PaneView } from '../features/types.js';
import { shortFile, wrap, type Row, type Seg } from '../core/text.js';
import type { TokenKind } from './go-lexer.js';
import { SOURCE_CONTEXT, type SourceModel } from './model.js';
import type { SourceFile } from './files.js';
import { breakpointMark } from '../session/breakpoints.js';
import { revealCursor } from '../core/list-cursor.js';
import { cutShort } from '../postmortem/core-file.js';

const COLORS: Record<TokenKind, string | undefined> = {
  keyword: 'magenta',
  type: 'cyan',
  builtin: 'blue',
  string: 'green',
  number: 'yellow',
  comment: 'gray',
  plain: undefined,
};

/** Lines after the stop line drawn ahead of the next step (see PaneView.likely). */
const LIKELY_NEXT = 3;
/**
 * A file's rows built before, by what decides them: a step or a cursor move changes two lines of a
 * page, and the others come back as the same rows (framed and drawn once: see frameRows, LineRenderer).
 */
const built = new WeakMap<SourceFile, Map<string, Row>>();
const BUILT_ROWS = 4_000;

export function sourceView(props: PaneProps<SourceModel>): PaneView {
  const { model, rect, focused, session } = props;
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  if (!s.file) {
    const why =
      session.status === 'running'
        ? 'The target is running: p pauses it, or set a breakpoint with :break.'
        : session.status === 'connecting'
          ? 'Connecting…'
          : session.status === 'stopped' && session.stop && !session.selection?.top
            ? session.coreCut
              ? `${cutShort(session.coreCut)} No goroutine's stack is in what is left: :threads and :regs read what the threads held.`
              : session.postMortem
              ? 'No goroutine in this core has a stack: it was written before the Go runtime started, or by a program that is not Go (is BIN the program that dumped it?).'
              : 'No goroutine has a stack yet: the program is halted at its entry, before the Go runtime starts. Set breakpoints (:break main.main), then c.'
            : 'No source yet.';
    return { title: 'Source', rows: wrap(why, Math.max(10, rect.width - 2)).map((text) => [{ text, color: 'gray' }]) };
  }
  const file = model.source()!;
  // The path gives way from its start on a narrow pane: the file's name and the place stay.
  const title = ['Source', { text: sourceTitle(file, rect.width - 20), cut: 'start' as const }];
  const stop = s.stop && s.stop.file === s.file ? s.stop : undefined;
  // Stale: running, or (the ▶ stays where it last stopped) exited or out of reach.
  const runningNote = s.stop && props.stale ? `${session.status === 'running' ? 'running' : session.status} · ▶ from stop ${session.stop?.number ?? '?'}` : undefined;
  if (file.missing) {
    // Wrapped: its last words are the fix (a rule to type, SSH to attach through).
    const rows: Row[] = wrap(file.missing, Math.max(10, rect.width - 2)).map((text) => [{ text, color: file.loading ? 'gray' : 'yellow' }]);
    if (stop) rows.push([{ text: `Stopped at line ${stop.line}.` }]);
    return { title: title, note: runningNote, rows: rows };
  }
  const bps = new Map(s.breakpoints.filter((b) => b.file === s.file && b.line && !b.temporary).map((b) => [b.line!, b]));
  const numberWidth = String(file.lines.length).length;
  const bottom = Math.min(file.lines.length, s.cursor.top + height);
  let rowsOfFile = built.get(file);
  if (!rowsOfFile || rowsOfFile.size > BUILT_ROWS) built.set(file, (rowsOfFile = new Map()));
  const lineRow = (i: number, isStop: boolean, isCursor: boolean): Row => {
    const bp = bps.get(i + 1);
    const key = `${i}|${+isStop}${+isCursor}${+!!props.stale}|${bp ? `${bp.kind}|${+!!bp.logMessage}${+!!bp.disabled}${+!!bp.by}${+!!bp.verified}` : ''}`;
    let row = rowsOfFile.get(key);
    if (!row) rowsOfFile.set(key, (row = buildRow(i, isStop, isCursor, bp)));
    return row;
  };
  const buildRow = (i: number, isStop: boolean, isCursor: boolean, bp: (typeof s.breakpoints)[number] | undefined): Row => {
    const line = i + 1;
    const bg = isStop && !isCursor && !props.stale ? 'blackBright' : undefined;
    const row: Seg[] = [
      // Another client's or a pair peer's: cyan, so a red ● is always one of yours.
      { ...(bp ? breakpointMark(bp) : { text: ' ' }), ...(bp?.by && !bp.disabled ? { color: 'cyan' } : {}), ...(bp && !bp.verified && !bp.disabled ? { color: 'gray' } : {}), inverse: isCursor },
      { text: isStop ? '▶' : ' ', color: 'yellow', bold: true, dim: isStop && props.stale, inverse: isCursor },
      { text: `${String(line).padStart(numberWidth)} `, color: isStop ? 'yellow' : 'gray', inverse: isCursor, ...(bg ? { backgroundColor: bg } : {}) },
    ];
    for (const t of file.tokens[i] ?? []) row.push({ text: t.text, ...(COLORS[t.kind] ? { color: COLORS[t.kind] } : {}), inverse: isCursor, ...(bg ? { backgroundColor: bg } : {}) });
    return row;
  };
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < bottom; i++) rows.push(lineRow(i, stop?.line === i + 1, i === s.cursor.index && focused));
  // A step mostly lands a line or two further on, where the cursor follows it, and this line
  // turns plain: those lines drawn so ahead of time. Past the last line shown, the pane centres
  // on the next: that page.
  const likely: Row[] = [];
  if (stop && !props.stale) {
    likely.push(lineRow(stop.line - 1, false, false));
    const next = revealCursor(s.cursor, stop.line, file.lines.length, height, SOURCE_CONTEXT);
    if (next.top !== s.cursor.top) {
      for (let i = next.top; i < Math.min(file.lines.length, next.top + height); i++) likely.push(lineRow(i, i === stop.line, i === stop.line && focused));
    } else for (let i = stop.line; i < Math.min(bottom, stop.line + LIKELY_NEXT); i++) likely.push(lineRow(i, true, focused));
  }
  const note = [`${s.cursor.index + 1}/${file.lines.length}`, runningNote].filter(Boolean).join(' · ');
  return { title: title, note: note, rows: rows, likely };
}

/** `orders/main.go` for a file here; `host:/path` for one read over SSH (`host:…/dir/file.go` when narrow). */
export function sourceTitle(file: SourceFile, room: number): string {
  if (file.origin !== 'remote' && !file.loading) return shortFile(file.shownAs);
  const colon = file.shownAs.indexOf(':/');
  if (colon < 0 || file.shownAs.length <= room) return file.shownAs;
  return `${file.shownAs.slice(0, colon + 1)}…/${shortFile(file.shownAs.slice(colon + 1))}`;
}
