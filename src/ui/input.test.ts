import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import type { Models } from '../features/host.js';
import { KeyHandler, type Dispatcher } from './input.js';
import { UiStore } from './ui-state.js';

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
