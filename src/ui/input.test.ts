import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import type { Models } from '../features/host.js';
import { KeyHandler, type Dispatcher } from './input.js';
import { UiStore } from './ui-state.js';
import { commandRow } from './chrome.js';

test('Esc and a key that arrive glued (as Alt-key) with no Alt binding are Esc, then the key: Esc then : opens the prompt', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch: Dispatcher = { run: async (line) => (ran.push(line), true), pageSize: () => 10, pagerRows: () => 10, help: () => undefined, preview: () => undefined };
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  keys.handle('M-:');
  assert.equal(ui.get().mode, 'command', 'the prompt is open');
  assert.equal(ui.get().flash, undefined, 'nothing said the key does nothing');
  for (const k of 'goroutines') keys.handle(k);
  assert.deepEqual(ran, [], 'the letters went to the prompt, not to the keys (n would have stepped)');
});

test('Ctrl-C at a question (q: let it run or leave it halted?) cancels it as Esc does, and runs nothing', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch: Dispatcher = { run: async (line) => (ran.push(line), true), pageSize: () => 10, pagerRows: () => 10, help: () => undefined, preview: () => undefined };
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  const question = { text: 'The target is halted:', choices: [{ key: 'r', label: 'let it run', command: 'quit -resume' }] };
  ui.update({ question });
  keys.handle('C-c');
  assert.equal(ui.get().question, undefined);
  ui.update({ question });
  // A key among others in one read (pasted text) does not answer it; typed alone, it does.
  keys.handle('r', false);
  assert.deepEqual(ran, []);
  assert.ok(ui.get().question, 'still asked');
  keys.handle('r');
  assert.deepEqual(ran, ['quit -resume'], 'the question still answers');
});

test('a key the pager does not take (n) is said, not lost; scrolling and closing clear the word', () => {
  const ui = new UiStore();
  const ran: string[] = [];
  const dispatch: Dispatcher = { run: async (line) => (ran.push(line), true), pageSize: () => 10, pagerRows: () => 10, help: () => undefined, preview: () => undefined };
  const keys = new KeyHandler(ui, new Session('t'), { model: () => ({}) } as unknown as Models, dispatch);
  ui.update({ mode: 'pager', pager: { title: 'regs -a', lines: ['rax 0x1', 'rbx 0x2'], top: 0 } });
  keys.handle('n');
  assert.deepEqual(ran, [], 'n did not step behind the pager');
  assert.equal(ui.get().flash, 'n does nothing in the pager: Esc or q closes it first.');
  assert.match(commandRow(80, ui.get()).map((r) => r.text).join(''), /^n does nothing in the pager/, 'the command row says it');
  keys.handle('j');
  assert.equal(ui.get().flash, undefined);
  assert.match(commandRow(80, ui.get()).map((r) => r.text).join(''), /Esc or q closes/);
  // Where each key takes the pager's top row (a page is its 10 rows less one, kept for context).
  const tops = ['j', 'space', 'k', 'G', 'g', 'pgdn', 'C-b'].map((k) => (keys.handle(k), ui.get().pager!.top));
  assert.deepEqual(tops, [2, 11, 10, Number.MAX_SAFE_INTEGER, 0, 9, 0]);
  keys.handle('n');
  keys.handle('q');
  assert.equal(ui.get().mode, 'normal');
  assert.equal(ui.get().flash, undefined, 'the word went with the pager');
});
