import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import type { Models } from '../features/host.js';
import { KeyHandler, type Dispatcher } from './input.js';
import { UiStore } from './ui-state.js';
import { commandRow, pagerRows } from './chrome.js';

/** A dispatcher that records the command lines it is asked to run, and `<suspend>`/`<redraw>` (a pager of 10 rows). */
function recording(ran: string[]): Dispatcher {
  return {
    run: async (line) => (ran.push(line), true),
    pageSize: () => 10,
    pagerRows: () => 10,
    pagerWidth: () => 78,
    help: () => undefined,
    preview: () => undefined,
    suspend: () => void ran.push('<suspend>'),
    redraw: () => void ran.push('<redraw>'),
  };
}

test('Ctrl-Z suspends and Ctrl-L redraws from the panes, the prompt (its text kept), the pager and a question (still asked)', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording(ran));
  keys.handle('C-z');
  keys.handle(':');
  for (const k of 'print x') keys.handle(k === ' ' ? 'space' : k);
  keys.handle('C-z');
  keys.handle('C-l');
  assert.equal(ui.get().commandText, 'print x', 'the typed line is kept');
  keys.handle('esc');
  ui.update({ mode: 'pager', pager: { title: 't', lines: ['a'], top: 0, width: 78 } });
  keys.handle('C-z');
  ui.update({ mode: 'normal', pager: undefined, question: { text: 'Leave it halted?', choices: [{ key: 'r', label: 'run', command: 'quit -resume' }] } });
  keys.handle('C-z');
  assert.ok(ui.get().question, 'the question is still asked');
  assert.deepEqual(ran, ['<suspend>', '<suspend>', '<redraw>', '<suspend>', '<suspend>']);
});

test('Ctrl-C at the prompt drops the typed line and leaves the prompt, as at a shell\'s; it runs nothing (no pause)', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording(ran));
  keys.handle(':');
  for (const k of 'print x') keys.handle(k === ' ' ? 'space' : k);
  keys.handle('C-c');
  assert.equal(ui.get().mode, 'normal');
  assert.equal(ui.get().commandText, '');
  assert.deepEqual(ran, []);
});

test("a ':' typed at the start of the prompt, which shows one, is not doubled: after Ctrl-U, :br then Tab completes break (trial CH: ::br, completing nothing)", () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording(ran));
  const bottom = () => commandRow(80, ui.get()).map((r) => r.text).join('').trimEnd();
  for (const k of [':', 'p', 'r', 'C-u', ':', 'b', 'r']) keys.handle(k);
  assert.equal(bottom(), ':br');
  keys.handle('tab');
  assert.equal(bottom(), ':break   2 match: break  breakpoints');
  // A ':' inside the line is the user's (a FILE:LINE).
  for (const k of ' main.go:3') keys.handle(k === ' ' ? 'space' : k);
  keys.handle('enter');
  assert.deepEqual(ran, ['break main.go:3']);
});

test('Esc and a key that arrive glued (as Alt-key) with no Alt binding are Esc, then the key: Esc then : opens the prompt', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch = recording(ran);
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  keys.handle('M-:');
  assert.equal(ui.get().mode, 'command', 'the prompt is open');
  assert.equal(ui.get().flash, undefined, 'nothing said the key does nothing');
  for (const k of 'goroutines') keys.handle(k);
  assert.deepEqual(ran, [], 'the letters went to the prompt, not to the keys (n would have stepped)');
  // Over the pager too: it closes, and the prompt opens (trial BD: the command typed was lost).
  keys.handle('esc');
  ui.update({ mode: 'pager', pager: { title: 't', lines: ['a'], top: 0, width: 78 } });
  keys.handle('M-:');
  assert.deepEqual([ui.get().mode, ui.get().pager], ['command', undefined]);
});

test('Ctrl-C at a question (q: let it run or leave it halted?) cancels it as Esc does, and runs nothing', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch = recording(ran);
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  const question = { text: 'The target is halted:', choices: [{ key: 'r', label: 'let it run', command: 'quit -resume' }] };
  const said: string[] = [];
  keys['session'].events.on('message', (e) => said.push(e.text));
  ui.update({ question });
  keys.handle('C-c');
  assert.equal(ui.get().question, undefined);
  // The console, which holds what led to it, says it ended in nothing.
  assert.deepEqual(said.splice(0), ['Cancelled, nothing done: The target is halted']);
  ui.update({ question });
  // A key among others in one read (pasted text) does not answer it; typed alone, it does.
  keys.handle('r', false);
  assert.deepEqual(ran, []);
  assert.ok(ui.get().question, 'still asked');
  // Keys that do not answer are said to be dropped, once (trial AA typed lines at a question unseen).
  keys.handle(':');
  keys.handle('x');
  assert.deepEqual(said, ['Text typed in one go is not an answer to "The target is halted:": r let it run, Esc cancels. Keys typed until then are dropped.']);
  keys.handle('r');
  assert.deepEqual(ran, ['quit -resume'], 'the question still answers');
});

test('a key the pager does not take (s) is said, not lost; scrolling and closing clear the word', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch = recording(ran);
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  ui.update({ mode: 'pager', pager: { title: 'regs -a', lines: ['rax 0x1', 'rbx 0x2'], top: 0 } });
  keys.handle('s');
  assert.deepEqual(ran, [], 's did not step behind the pager');
  assert.equal(ui.get().flash, 's does nothing in the pager: Esc or q closes it first.');
  assert.match(commandRow(80, ui.get()).map((r) => r.text).join(''), /^s does nothing in the pager/, 'the command row says it');
  keys.handle('j');
  assert.equal(ui.get().flash, undefined);
  assert.match(commandRow(80, ui.get()).map((r) => r.text).join(''), /Esc or q closes/);
  // Where each key takes the pager's top row (a page is its 10 rows less one, kept for context).
  const tops = ['j', 'space', 'k', 'G', 'g', 'pgdn', 'C-b'].map((k) => (keys.handle(k), ui.get().pager!.top));
  assert.deepEqual(tops, [2, 11, 10, Number.MAX_SAFE_INTEGER, 0, 9, 0]);
  keys.handle('s');
  keys.handle('q');
  assert.equal(ui.get().mode, 'normal');
  assert.equal(ui.get().flash, undefined, 'the word went with the pager');
});

test('/ in the pager searches as less does: typed on the bottom line, Enter goes to the first row holding it, n and N on (round the ends), matches marked', () => {
  const ui = new UiStore();
  const text = Array.from({ length: 40 }, (_, i) => (i % 10 === 3 ? `row ${i} Breakpoint here` : `row ${i}`));
  const dispatch = recording([]);
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  ui.update({ mode: 'pager', pager: { title: 'gotui help', lines: text, top: 0 } });
  const bottom = () => commandRow(80, ui.get()).map((r) => r.text).join('');
  keys.handle('n');
  assert.equal(ui.get().flash, 'No search yet: / searches the text.');
  keys.handle('/');
  for (const k of ['b', 'r', 'e', 'x', 'backspace', 'a', 'k']) keys.handle(k);
  assert.equal(bottom(), '/break ', 'what is typed, and the cursor');
  keys.handle('enter');
  assert.equal(ui.get().pager!.top, 3, 'the first row holding it, any case');
  assert.equal(ui.get().pager!.typing, undefined);
  assert.deepEqual(pagerRows({ x: 0, y: 0, width: 40, height: 12 }, ui.get().pager!)[1]!.filter((s) => s.inverse).map((s) => s.text), ['Break'], 'the match marked');
  const tops = ['n', 'n', 'n', 'n', 'N'].map((k) => (keys.handle(k), ui.get().pager!.top));
  assert.deepEqual(tops, [13, 23, 33, 3, 33]);
  assert.equal(ui.get().flash, 'Search went round the start: break');
  keys.handle('/');
  for (const k of ['n', 'o', 'p', 'e']) keys.handle(k);
  keys.handle('enter');
  assert.equal(ui.get().flash, 'Not found: nope');
  assert.equal(ui.get().pager!.top, 33, 'the pager stays where it was');
  keys.handle('/');
  keys.handle('esc');
  assert.equal(ui.get().mode, 'pager', 'Esc gives up the search, not the pager');
  assert.match(bottom(), /\/ n\/N search/, 'the keys hint names the search');
  assert.match(bottom(), /: command · Esc or q closes\s*$/, 'the hint whole at 80 columns, to its last key');
  // A command typed with the pager open: the pager gives way to the prompt, nothing typed is lost.
  for (const k of [':', 'b', 'space', 'm']) keys.handle(k);
  assert.deepEqual([ui.get().mode, ui.get().pager, ui.get().commandText], ['command', undefined, 'b m']);
});

test('in the pager, / and Enter alone search again past the top row, as less does; a lone match and no search yet are said', () => {
  const ui = new UiStore();
  const text = Array.from({ length: 40 }, (_, i) => (i === 7 || i === 20 ? `row ${i} frame` : i === 30 ? `row ${i} only` : `row ${i}`));
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording([]));
  ui.update({ mode: 'pager', pager: { title: 'help', lines: text, top: 0 } });
  const search = (typed: string) => {
    keys.handle('/');
    for (const k of typed) keys.handle(k);
    keys.handle('enter');
  };
  search('');
  assert.equal(ui.get().flash, 'No search yet: type the text after /, then Enter.');
  assert.deepEqual([ui.get().mode, ui.get().pager!.top, ui.get().pager!.typing], ['pager', 0, undefined]);
  search('frame');
  assert.equal(ui.get().pager!.top, 7);
  search('');
  assert.equal(ui.get().pager!.top, 20, 'the next one, not the one on top');
  search('only');
  assert.equal(ui.get().pager!.top, 30);
  keys.handle('n');
  assert.deepEqual([ui.get().pager!.top, ui.get().flash], [30, 'No other row holds it: only']);
});

test("a key's prompt keeps its own words: Ctrl-U and Ctrl-W clear back to them, Backspace there leaves; the : prompt clears whole", () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording(ran));
  ui.update({ focus: 'logpoints', bottom: 'logpoints' });
  keys.handle('/');
  assert.equal(ui.get().commandText, 'logpoints filter ');
  for (const k of 'main x') keys.handle(k);
  keys.handle('C-w');
  assert.equal(ui.get().commandText, 'logpoints filter main ');
  keys.handle('C-u');
  assert.equal(ui.get().commandText, 'logpoints filter ');
  keys.handle('C-w');
  assert.equal(ui.get().commandText, 'logpoints filter ');
  for (const k of 'goroutine 1') keys.handle(k === ' ' ? 'space' : k);
  keys.handle('enter');
  assert.deepEqual(ran, ['logpoints filter goroutine 1'], 'a filter, not the goroutine command');
  keys.handle('/');
  keys.handle('backspace');
  assert.equal(ui.get().mode, 'normal', 'Backspace at the fixed words leaves the prompt');
  keys.handle(':');
  for (const k of 'bpf filter x') keys.handle(k === ' ' ? 'space' : k);
  keys.handle('C-u');
  assert.equal(ui.get().commandText, '', 'what the user typed at : is all theirs');
  keys.handle('esc');
});

test('keys pressed while a step of ours runs wait for its stop and act from there, in order; : opens its prompt at once', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const waiting: (() => void)[] = [];
  const stepping = { on: true };
  const dispatch: Dispatcher = { ...recording(ran), afterLines: (then) => stepping.on && (waiting.push(() => void then()), true) };
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  const focus = ui.get().focus;
  keys.handle('tab');
  keys.handle('tab');
  assert.equal(ui.get().focus, focus, 'Tab waits for the stop');
  keys.handle(':');
  assert.equal(ui.get().mode, 'command', 'the prompt opens at once: what is typed goes into it');
  keys.handle('esc');
  stepping.on = false;
  for (const then of waiting.splice(0)) then();
  const after = ui.get().focus;
  assert.notEqual(after, focus, 'the two Tabs acted at the stop');
  ui.update({ focus });
  keys.handle('tab');
  keys.handle('tab');
  assert.equal(ui.get().focus, after, 'as two Tabs do with no step running');
});

test('a prompt made from the state (e in memory: the cursor\'s address) waits for the keys typed before it, as they move the cursor (trial AY: l e opened the byte before)', () => {
  const ui = new UiStore();
  const waiting: (() => void)[] = [];
  const dispatch: Dispatcher = { ...recording([]), afterLines: (then) => (waiting.push(() => void then()), true) };
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({ get: () => ({ view: { format: 'x', unit: 'b', cursor: 0x10 } }) }) } as unknown as Models, dispatch);
  ui.update({ focus: 'memory' });
  keys.handle('e');
  assert.equal(waiting.length, 1, 'e waits for the lines before it');
  assert.equal(ui.get().mode, 'normal');
  keys.handle(':');
  assert.equal(ui.get().mode, 'command', 'a fixed prompt still opens at once');
});

test("a question nobody here asked (a peer asks to drive) takes no answer while it is new: the driver's n and y typed as it comes are their keys (trial U)", () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, recording(ran));
  const choices = [
    { key: 'y', label: 'hand over', command: 'drive give bob' },
    { key: 'n', label: 'keep it', command: 'drive keep bob' },
  ];
  ui.update({ question: { text: 'bob asks to drive.', choices, calm: true } });
  keys.handle('n');
  keys.handle('y');
  assert.ok(ui.get().question, 'still asked');
  assert.ok(!ran.some((l) => l.startsWith('drive')), ran.join(', '));
  // Once it has been on the screen a moment, the keys answer it.
  ui.update({ question: { text: 'bob asks to drive.', choices } });
  keys.handle('n');
  assert.equal(ui.get().question, undefined);
  assert.deepEqual(ran.filter((l) => l.startsWith('drive')), ['drive keep bob']);
});

test('too small a terminal takes q only: a step, a typed command or a prompt left open do nothing unseen (trial AK: n stepped, :print ran)', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  let small = true;
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, { ...recording(ran), tooSmall: () => small });
  for (const k of ['n', 'c', ':', 'p', 'enter']) keys.handle(k);
  assert.deepEqual(ran, []);
  assert.equal(ui.get().mode, 'normal');
  // A prompt open as the window shrank: its Enter runs nothing; q leaves it and quits.
  small = false;
  keys.handle(':');
  keys.handle('x');
  small = true;
  keys.handle('enter');
  assert.deepEqual(ran, []);
  keys.handle('q');
  assert.equal(ui.get().mode, 'normal');
  assert.deepEqual(ran, ['quit']);
});
