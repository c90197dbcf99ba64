import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { cellWidth, fit, type Row } from '../core/text.js';
import { initialState, type SessionState } from '../session/state.js';
import { commandRow, grownCommandRows, pagerRows, statusRow, tooSmallRows } from './chrome.js';
import { wrapPager } from './pager-text.js';
import { frameRows } from './frame.js';
import { LineRenderer } from './line-renderer.js';
import { Lines } from './line.js';
import { initialUiState, type UiState } from './ui-state.js';

/** Rows as Ink draws them, as plain text. */
const drawn = (rows: Row[], width: number) => (render(<Lines rows={rows} width={width} />).lastFrame() ?? '').replace(/\x1b\[[0-9;]*m/g, '');

test('the status bar names the stop, its number, the goroutine and the keys', () => {
  const session = { ...initialState('demo orders'), status: 'stopped' as const, delveVersion: '1.27.1', stop: { number: 7, reason: 'exception', description: 'panic', text: 'boom', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, chosen: false, top: { id: 1, index: 0, name: 'main.main', file: '/m/main.go', line: 3 } } };
  assert.match(drawn([statusRow(120, session, ['c cont', 'n next'])], 120), /stopped: panic: boom │ stop 7 │ goroutine 1 │ demo orders │ Delve 1\.27\.1 │ c cont {2}n next/);
  // Narrow: whole hints, as many as fit, and the one that says where help is.
  // The target's name and Delve's version give way whole, not as `demo o…`.
  const hints = ['c cont', 'n next', 's step', 'o out', 'b break', '. stop line', 'r run to', 'q quit', ': cmd', '? help'];
  const narrow = drawn([statusRow(80, session, hints)], 80);
  assert.match(narrow, /^ stopped: panic: boom │ stop 7 │ goroutine 1 │ c cont {2}n next {2}s step … \? help *$/m);
  assert.doesNotMatch(narrow, /quit|Delve|demo/);
  assert.match(drawn([statusRow(100, session, hints)], 100), /^ stopped: panic: boom │ stop 7 │ goroutine 1 │ demo orders │ c cont .* … \? help *$/m);
  // No hints (the pager's are on the row below): the state has the row, and no separator dangles.
  assert.match(drawn([statusRow(80, session, [])], 80), /^ stopped: panic: boom │ stop 7 │ goroutine 1 │ demo orders │ Delve 1\.27\.1 *$/m);
  const long = { ...session, stop: { ...session.stop, text: 'runtime error: index out of range [5] with length 3' } };
  // A long reason is cut, never the stop's number (trial BI read `stop 1…` at stop 12 as stop 1).
  assert.match(drawn([statusRow(80, long, hints)], 80), /^ stopped: panic: runtime error: index out o… │ stop 7 │ c cont {2}n next … \? help *$/m);
  const another = { ...session, stop: { number: 12, reason: 'breakpoint', by: 'another client', goroutine: 1, breakpoints: [1], breakpointNames: ['other#1'] } };
  // Too long whole, the stop is said in fewer words before anything is cut (trial CD read `resumed by an…`).
  assert.match(drawn([statusRow(80, another, hints)], 80), /^ stopped \(bp other#1, by another client\) │ stop 12 │ c cont {2}n next … \? help *$/m);
  assert.match(drawn([statusRow(120, another, hints)], 120), /^ stopped \(breakpoint other#1, resumed by another client\) │ stop 12 │ goroutine 1 │ c cont /m);
  // Over SSH at 80 columns, the host stays where the whole label does not fit: which machine this is.
  const remote = { ...session, targetLabel: 'root@devbox:2345 (ssh)' };
  assert.match(drawn([statusRow(80, remote, hints)], 80), /^ stopped: panic: boom │ stop 7 │ goroutine 1 │ devbox │ c cont /m);
  // Halted at entry, Delve's goroutine 1 has no stack (the runtime has not started): not named.
  const entry = { ...session, stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, chosen: false } };
  assert.doesNotMatch(drawn([statusRow(120, entry, [])], 120), /goroutine/);
});

test("at 80 columns a follower looking on its own keeps `(= rejoins)` whole: the key hints give way first, then the help key (never without its separator)", () => {
  const session = { ...initialState('root@host:4321 (ssh)'), status: 'stopped' as const, delveVersion: '1.27.1', stop: { number: 3, reason: 'step', by: 'root', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, chosen: true, top: { id: 1, index: 0, name: 'main.main', file: '/m/main.go', line: 3 } } };
  const hints = ['b break', '. stop line', 'Enter select', 'q quit', ': cmd', '? help'];
  const row = drawn([statusRow(80, session, hints, ['root drives · on your own (= rejoins)'])], 80);
  // Whole; the help key after its separator only where both fit (`(= rejoins) │ ? help` is 81 cells here: ? works unsaid).
  assert.match(row, /^ stopped \(step by root\) │ stop 3 │ root drives · on your own \(= rejoins\) *$/m, row);
  const shorter = drawn([statusRow(80, { ...session, stop: { ...session.stop, by: 'rt' } }, hints, ['rt drives · on your own (= rejoins)'])], 80);
  assert.match(shorter, /^ stopped \(step by rt\) │ stop 3 │ rt drives · on your own \(= rejoins\) │ \? help *$/m, shorter);
  // A stop reason too long for both: who drives stays whole, and the help key gives way (? still works).
  const long = { ...session, stop: { ...session.stop, number: 14, reason: 'breakpoint', by: 'alice', breakpoints: [] } };
  for (const part of ['alice drives · on your own (= rejoins)', 'alice drives · you follow']) {
    const cut = drawn([statusRow(80, { ...long, stop: { ...long.stop, reason: 'pause' } }, hints, [part])], 80);
    assert.match(cut, new RegExp(`^ stopped \\(pause by alice\\) │ stop 14 │ ${part.replace(/[()]/g, '\\$&')}( │ \\? help)? *$`, 'm'), cut);
  }
  // The dlv CLI's stop has a longer reason still: said in fewer words, and who drives whole; longer still, the reason is cut, who drives is not.
  const theirs = { id: 1, delveId: 1, by: 'another client', kind: 'line' as const, file: '/m/main.go', line: 72, verified: true, temporary: false };
  const cli = drawn([statusRow(80, { ...long, breakpoints: [theirs], stop: { ...long.stop, number: 2, by: 'another client', breakpoints: [1] } } as SessionState, hints, ['alice drives · you follow'])], 80);
  assert.match(cli, /^ stopped \(bp other#1, by another client\) │ stop 2 │ alice drives · you follow *$/m, cli);
  const named = drawn([statusRow(80, { ...long, breakpoints: [{ ...theirs, delveName: 'a-long-breakpoint-name' }], stop: { ...long.stop, number: 2, by: 'another client', breakpoints: [1] } } as SessionState, hints, ['alice drives · you follow'])], 80);
  assert.match(named, /^ stopped \(bp a-long-breakpoint-name, by a… │ stop 2 │ alice drives · you follow *$/m, named);
  // After another client's restart (halted at entry, no goroutine named) a hint never follows who
  // drives without the separator (it read `… you follow ? help`): with the separator the help key
  // fills the row to its last cell, and one cell short it gives way.
  const entry = (number: number) => ({ ...session, selection: { goroutine: 1, chosen: false }, stop: { number, reason: 'entry', by: 'another client', goroutine: 1, breakpoints: [] } }) as SessionState;
  const restarted = drawn([statusRow(80, entry(9), hints, ['alice drives · you follow'])], 80);
  assert.match(restarted, /^ stopped \(entry by another client\) │ stop 9 │ alice drives · you follow │ \? help$/m, restarted);
  const later = drawn([statusRow(80, entry(13), hints, ['alice drives · you follow'])], 80);
  assert.match(later, /^ stopped \(entry by another client\) │ stop 13 │ alice drives · you follow *$/m, later);
  // Alone too (no other parts), a panic whose text leaves the separator no room in the state's share.
  for (let n = 20; n < 60; n++) {
    const panic = { ...entry(13), stop: { number: 13, reason: 'exception', description: 'panic', text: 'x'.repeat(n), goroutine: 1, breakpoints: [] } } as SessionState;
    const runs = statusRow(80, panic, ['c cont', ...hints]);
    const keys = runs[runs.length - 1]!.text.trim();
    const parts = runs.slice(0, -1).map((r) => r.text).join('');
    // (Or cut, its ellipsis before the keys.)
    assert.ok(!keys || parts.endsWith(' │ ') || parts.endsWith('… '), `${n}: ${JSON.stringify(parts)} + ${JSON.stringify(keys)}`);
    assert.equal(cellWidth(parts) + cellWidth(runs[runs.length - 1]!.text), 80);
  }
  // Without other parts the state keeps its old share: the run keys stay in view.
  assert.match(drawn([statusRow(80, session, ['c cont', 'n next', ...hints])], 80), /c cont {2}n next/);
});

test('a dropped connection shows the countdown to the next attempt', () => {
  const down = { ...initialState('me@box:2345 (ssh)'), status: 'disconnected' as const, delveVersion: '1.27.1', reconnecting: { attempt: 3, inSeconds: 4 } };
  assert.match(drawn([statusRow(120, down, [])], 120), /disconnected · retry 3 in 4s │ me@box:2345 \(ssh\)/);
  assert.match(drawn([statusRow(120, { ...down, reconnecting: { attempt: 3, inSeconds: 0 } }, [])], 120), /disconnected · reconnecting \(3\)…/);
});

test('the pager wraps every line (nothing cut) and scrolls', () => {
  const pager = { title: 'help', lines: ['a'.repeat(60), 'b', 'c', 'd', 'e', 'f'], top: 2 };
  const lines = drawn(pagerRows({ x: 0, y: 0, width: 30, height: 5 }, pager), 30).split('\n');
  // Counted in lines: the rows shown hold the first line's end, then lines 2 and 3 of 6.
  assert.match(lines[0]!, /help · lines 1-3 of 6/);
  // 60 characters at 28 a row: three rows, the last of 4.
  assert.deepEqual(lines.slice(1, 4).map((l) => l.slice(1, -1).trimEnd()), ['aaaa', 'b', 'c']);
});

test('too small a terminal still shows the question q asked (answered without the panes)', () => {
  const question = { text: 'The target is halted.', choices: [{ key: 'r', label: 'let it run', command: 'quit -resume' }] };
  const text = drawn(tooSmallRows({ x: 0, y: 0, width: 40, height: 10 }, question), 40);
  assert.match(text.replace(/\s+/g, ' '), /The target is halted\. \[r\] let it run \[Esc\] cancel/);
  assert.doesNotMatch(drawn(tooSmallRows({ x: 0, y: 0, width: 40, height: 10 }), 40), /cancel/);
});

test('a pager made at a stop says so once that stop is over (stepped, or running)', () => {
  const pager = { title: 'registers', lines: ['rax 0x1'], top: 0, stop: 3 };
  const title = (now?: number) => drawn(pagerRows({ x: 0, y: 0, width: 50, height: 5 }, pager, now), 50).split('\n')[0]!;
  assert.match(title(3), /registers · Esc closes/);
  assert.match(title(4), /registers · from stop 3 · Esc closes/);
  assert.match(title(undefined), /from stop 3/);
  assert.match(drawn(pagerRows({ x: 0, y: 0, width: 50, height: 5 }, { title: 'help', lines: ['x'], top: 0 }, 4), 50), /help · Esc closes/, 'help belongs to no stop');
});

test('the command line shows the prompt, a question, why a key does nothing, or the last error', () => {
  const ui = { ...initialUiState(), mode: 'command' as const, commandText: 'break main.go:4' };
  assert.match(drawn([commandRow(40, ui)], 40), /^:break main\.go:4/);
  const q = { ...initialUiState(), question: { text: 'The target is halted.', choices: [{ key: 'r', label: 'let it run', command: 'quit -resume' }] } };
  assert.match(drawn([commandRow(80, q)], 80), /The target is halted\. \[r\] let it run {2}\[Esc\] cancel/);
  // A peer's question, new: no keys yet (they are the user's own until it is calm).
  const asked = { ...initialUiState(), question: { text: 'bob asks to drive.', choices: [{ key: 'y', label: 'hand over', command: 'drive give bob' }], calm: true } };
  assert.match(drawn([commandRow(80, asked)], 80), /^bob asks to drive\. …\s*$/);
  assert.match(drawn([commandRow(40, initialUiState(), 'No code at x.')], 40), /No code at x\./);
  // An error too long for the row: cut, and where the whole of it is (its hint is at its end).
  const longError = "Cannot evaluate 'nosuchvar': could not find symbol value for nosuchvar. Check the name: it is not a variable in scope at this frame (another frame: :frame N).";
  assert.match(drawn([commandRow(80, initialUiState(), longError, '5')], 80), /^Cannot evaluate 'nosuchvar': could not find symbol.*… \(5: console\)\s*$/);
  assert.doesNotMatch(drawn([commandRow(80, initialUiState(), longError)], 80), /console\)/, 'the console on the screen: no pointer to it');
  // Why a key does nothing, at 80 columns: the whole width, advice included (the status bar cut it).
  const why = 'Next line (step over): not now, root drives; :drive asks for the wheel.';
  assert.match(drawn([commandRow(80, { ...initialUiState(), flash: why }, 'No code at x.')], 80), /not now, root drives; :drive asks for the wheel\./);
  // Too long for 80 columns: the reason stays whole, the key's description goes.
  const long = 'Show the whole value of the variable under the cursor: not now, this row has no expression.';
  assert.match(drawn([commandRow(80, { ...initialUiState(), flash: long })], 80), /^Not now: this row has no expression\.\s*$/);
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts): titles and notes carry Delve's text.
test('fuzz: a source file named "/tmp/ESC]0;PWN BEL x.go" has its escape dropped from the title, it does not rename the terminal', () => {
  const rows = frameRows({ title: 'Source /tmp/\x1b]0;PWN\x07x.go', note: 'main.\x1b[2Jf\r', rows: [] }, { x: 0, y: 0, width: 60, height: 3 }, { title: 'Source', focused: true });
  const title = rows[0]!.map((s) => s.text).join('');
  assert.ok(!/[\x00-\x1f]/.test(title), JSON.stringify(title));
  assert.match(title, /Source \/tmp\/x\.go · main\.f\^M /);
  // Too narrow for even an ellipsis: no title, still the pane's width.
  assert.deepEqual(frameRows({ rows: [] }, { x: 0, y: 0, width: 4, height: 2 }, { title: 'Source', focused: false })[0]!.map((s) => s.text).join(''), '┌──┐');
});

test('a border too short for its title and note: the parts marked to give way are dropped, then cut, and the place stays', () => {
  const top = (width: number, view: Parameters<typeof frameRows>[0]) => frameRows(view, { x: 0, y: 0, width, height: 2 }, { title: 'Memory', focused: false, index: 7 })[0]!.map((s) => s.text).join('');
  const view = { note: [{ text: 'x/16xg $rsp = 0x00001efd8324fd50', cut: 'end' as const }, 'rows 1-8 of 16', { text: 'dlv x', cut: 'drop' as const }], rows: [] };
  assert.equal(top(80, view), '┌─ 7 Memory · x/16xg $rsp = 0x00001efd8324fd50 · rows 1-8 of 16 · dlv x ───────┐');
  assert.equal(top(65, view), '┌─ 7 Memory · x/16xg $rsp = 0x00001efd8324fd50 · rows 1-8 of 16 ┐');
  assert.equal(top(46, view), '┌─ 7 Memory · x/16xg $rsp… · rows 1-8 of 16 ─┐');
  // A path gives way from its start: the file's name and the line stay.
  assert.equal(top(40, { title: ['Source', { text: 'flags-hot-reload/main.go', cut: 'start' }], note: '103/167', rows: [] }), '┌─ 7 Source …-reload/main.go · 103/167 ┐');
  // Cut to the shortest that still says something, the rest is cut at the end as any text.
  assert.equal(top(24, view), '┌─ 7 Memory · x/16x… … ┐');
});

test('fuzz: a pasted control in the command line shows, it does not act', () => {
  const row = commandRow(40, { ...initialUiState(), mode: 'command', commandText: 'p "\x1b[2J\x07"' });
  assert.ok(!/[\x00-\x1f]/.test(row.map((s) => s.text).join('')));
  // A long line keeps its end in view without cutting an emoji in half.
  const long = commandRow(10, { ...initialUiState(), mode: 'command', commandText: `p ${'😀'.repeat(20)}` });
  assert.equal(long[0]!.text, ':…😀😀😀');
  assert.equal(long.map((s) => s.text).join(''), ':…😀😀😀  ');
});

test('fuzz: the line renderer cleans what a view forgot: no OSC or BEL reaches the terminal', () => {
  const lines = new LineRenderer();
  try {
    const out = lines.lines([[{ text: 'x\x1b]52;c;aGk=\x07y', color: 'red' }]], 40)[0]!.replace(/\x1b\[[0-9;]*m/g, '');
    assert.ok(!/[\x00-\x1f]/.test(out), JSON.stringify(out));
    assert.equal(out, 'xy');
  } finally {
    lines.dispose();
  }
});

test('lines drawn together are the lines drawn one by one: styles, wide and empty rows, rows cut, repeats', () => {
  const rows: Row[] = [
    [{ text: '   41  ', color: 'gray' }, { text: '▶', color: 'yellow', bold: true }, { text: ' fmt.Println(report(w, moved)) // gotui:report', color: 'cyan' }],
    [],
    [{ text: '' }],
    [{ text: '   ', inverse: true }],
    [{ text: '日本語テキスト 😀 é', backgroundColor: 'blue' }, { text: ' dim', dim: true }],
    [{ text: 'x'.repeat(120), color: 'red' }],
    [{ text: '   41  ', color: 'gray' }, { text: '▶', color: 'yellow', bold: true }, { text: ' fmt.Println(report(w, moved)) // gotui:report', color: 'cyan' }],
    [{ text: 'tab\there and \x1b[31mescape', color: 'green' }],
  ];
  const together = new LineRenderer();
  const oneByOne = new LineRenderer();
  try {
    for (const width of [80, 40, 7]) {
      const batch = together.lines(rows, width);
      assert.deepEqual(batch, rows.map((r) => oneByOne.lines([r], width)[0]), `width ${width}`);
      // And again, from the cache.
      assert.deepEqual(together.lines(rows, width), batch);
    }
  } finally {
    together.dispose();
    oneByOne.dispose();
  }
});

test('the pager wraps an indented line under its last column, a line at the edge as it is', () => {
  // A word that ends at the edge: the space after it does not indent the next row further.
  assert.deepEqual(wrapPager(['  q  Quit the session now and leave'], 20).rows, ['  q  Quit the ', '     session now and', '     leave']);
  const lines = ['  F5 c  Continue the target until a breakpoint or the end of the program', 'x = "a value  with two spaces, long enough to wrap around"'];
  assert.deepEqual(wrapPager(lines, 40).rows, [
    '  F5 c  Continue the target until a ',
    '        breakpoint or the end of the ',
    '        program',
    'x = "a value  with two spaces, long ',
    'enough to wrap around"',
  ]);
  // Two spaces deep in an indented line (`:help x`'s examples) make no column: it wraps under its own indent.
  assert.deepEqual(wrapPager(['  N is a count and the last x fills in the rest. Examples: :x/16xg $rsp   :x/8i $pc'], 40).rows, [
    '  N is a count and the last x fills in ',
    '  the rest. Examples: :x/16xg $rsp   ',
    '  :x/8i $pc',
  ]);
});

test('a question too long for the width is cut, never its keys', () => {
  const q = { ...initialUiState(), question: { text: 'Kill the program on 127.0.0.1:41235 and its Delve? gotui did not start them; alice is on it.', choices: [{ key: 'y', label: 'kill them', command: 'quit -kill -yes' }] } };
  const row = commandRow(80, q)[0]!.text;
  assert.match(row, /^Kill the program on 127\.0\.0\.1:41235 .*… \[y\] kill them {2}\[Esc\] cancel\s*$/);
  assert.equal(row.length, 80);
});

test("a match at a row's end is marked to its last character, not through the padding after it", () => {
  const rows = pagerRows({ x: 0, y: 0, width: 30, height: 5 }, { title: 'p', lines: ['run until LOC (a', 'x'], top: 0, query: '(a' });
  const row = rows[1]!;
  assert.deepEqual(row.filter((s) => s.inverse).map((s) => s.text), ['(a']);
  assert.match(row.map((s) => s.text).join(''), /^│run until LOC \(a {12}│$/);
});

test('a command\'s result on the command row (the console not shown) is plain text; cut, it names the key that brings up the console', () => {
  const ui = { ...initialUiState(), flash: { result: 'Breakpoint #2 orders/main.go:137' } };
  assert.deepEqual(commandRow(80, ui, undefined, '5'), [{ text: fit('Breakpoint #2 orders/main.go:137', 80) }]);
  const long = { ...initialUiState(), flash: { result: `"${'x'.repeat(120)}"` } };
  const row = commandRow(80, long, undefined, '5');
  assert.equal(row.map((s) => s.text).join(''), `"${'x'.repeat(65)}… (5: console)`);
  assert.equal(row[0]!.color, undefined);
});

test('a pane row given again is framed as before; stale, focused or at another width it is framed for that', () => {
  const rows: Row[] = [[{ text: 'a line of the pane' }], [{ text: 'another', color: 'yellow' }]];
  const frame = (o: { stale?: boolean; focused?: boolean; width?: number } = {}) => frameRows({ rows, ...(o.stale ? { stale: true } : {}) }, { x: 0, y: 0, width: o.width ?? 30, height: 4 }, { title: 'T', focused: !!o.focused });
  const first = frame();
  const again = frame();
  assert.equal(again[1], first[1]);
  assert.equal(again[2], first[2]);
  assert.ok(frame({ stale: true })[1]!.slice(1, -1).every((s) => s.dim), 'stale: dimmed');
  assert.ok(!frame()[1]!.some((s) => s.dim));
  assert.equal(frame({ focused: true })[1]![0]!.color, 'cyan');
  assert.equal(frame()[1]![0]!.color, 'gray');
  assert.equal(frame({ width: 10 })[1]!.map((s) => s.text).join(''), '│a line …│');
  assert.equal(frame()[1]!.map((s) => s.text).join(''), `│a line of the pane${' '.repeat(10)}│`);
});

test('an error just said that the command row would cut is wrapped whole for a grown row, while nothing came after it (trial CH: its hint cut at 80x24)', () => {
  const error = "No file xy.go in the program. Ctrl-P finds a file by name; :sources RE lists the program's files, :funcs RE its functions.";
  const ui = { ...initialUiState(), wholeError: error };
  const wholeErrorRows = (width: number, u: UiState, e: string) => grownCommandRows(width, u, e)?.map((r) => r.map((s) => s.text).join(''));
  assert.deepEqual(wholeErrorRows(80, ui, error), ['No file xy.go in the program. Ctrl-P finds a file by name; :sources RE lists the', "program's files, :funcs RE its functions."]);
  assert.equal(wholeErrorRows(200, ui, error), undefined, 'one row holds it');
  assert.equal(wholeErrorRows(80, ui, 'another error'), undefined, 'not the one the row shows');
  assert.equal(wholeErrorRows(80, { ...ui, mode: 'command' }, error), undefined, 'typing at the prompt');
  assert.equal(wholeErrorRows(80, initialUiState(), error), undefined, 'a key since');
  const rows = wholeErrorRows(20, { ...ui }, error)!;
  assert.equal(rows.length, 4, 'four rows at most');
  assert.match(rows[3]!, /…$/);
});

test('a question too long for the command row grows it, its keys at the end of the last row, never cut (trial CH: the restart question cut the address it names at 80 columns)', () => {
  const text = 'Kill and restart the program? gotui did not start it (127.0.0.1:41235).';
  const question = { text, choices: [{ key: 'y', label: 'restart it', command: 'restart -yes' }] };
  const rows = (width: number, q = question) => grownCommandRows(width, { ...initialUiState(), question: q }, undefined)?.map((r) => r.map((s) => s.text).join('').trimEnd());
  assert.deepEqual(rows(80), ['Kill and restart the program? gotui did not start it (127.0.0.1:41235).', '[y] restart it  [Esc] cancel']);
  assert.equal(rows(120), undefined, 'one row holds it');
  assert.equal(rows(80, { ...question, calm: true } as typeof question), undefined, "a peer's question, its keys not yet shown");
  const narrow = rows(40)!;
  assert.ok(narrow.length <= 4 && narrow.every((r) => r.length <= 40), narrow.join('\n'));
  assert.match(narrow.at(-1)!, /\[y\] restart it {2}\[Esc\] cancel$/);
  assert.match(narrow.join(' '), /127\.0\.0\.1:41235/);
});
