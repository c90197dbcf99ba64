import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeKeys } from './keys.js';

test('function keys, arrows and modifiers as xterm and tmux send them', () => {
  const cases: [string, string][] = [
    ['\x1b[15~', 'F5'], ['\x1b[21~', 'F10'], ['\x1b[23~', 'F11'], ['\x1b[23;2~', 'S-F11'], ['\x1b[20~', 'F9'],
    ['\x1bOP', 'F1'], ['\x1b[[E', 'F5'], ['\x1b[A', 'up'], ['\x1b[B', 'down'], ['\x1bOA', 'up'],
    ['\x1b[5~', 'pgup'], ['\x1b[6~', 'pgdn'], ['\x1b[H', 'home'], ['\x1b[F', 'end'], ['\x1b[1~', 'home'],
    ['\x1b[Z', 'S-tab'], ['\x1b', 'esc'], ['\x1bx', 'M-x'], ['\x1b[1;5A', 'C-up'],
  ];
  for (const [seq, want] of cases) assert.deepEqual(decodeKeys(seq), [want], JSON.stringify(seq));
});

test('plain characters typed in a burst are separate keys', () => {
  assert.deepEqual(decodeKeys('jj:'), ['j', 'j', ':']);
  assert.deepEqual(decodeKeys('\r'), ['enter']);
  assert.deepEqual(decodeKeys('\t'), ['tab']);
  assert.deepEqual(decodeKeys('\x7f'), ['backspace']);
  assert.deepEqual(decodeKeys('\x03'), ['C-c']);
  assert.deepEqual(decodeKeys('G?'), ['G', '?']);
});

test('Esc glued to the next key in the prompt leaves the prompt, then acts on the key', async () => {
  const { KeyHandler } = await import('./input.js');
  const { Session } = await import('../session/session.js');
  const { createUiStore } = await import('./ui-state.js');
  const ui = createUiStore();
  const ran: string[] = [];
  const h = new KeyHandler(ui, new Session('t'), { run: async (l) => (ran.push(l), true), pageSize: () => 5 });
  for (const k of decodeKeys(':flag x')) h.handle(k);
  assert.equal(ui.get().mode, 'command');
  for (const k of decodeKeys('\x1bj')) h.handle(k);
  assert.equal(ui.get().mode, 'normal');
  assert.equal(ui.get().commandText, '');
  assert.deepEqual(ran, []);
  for (const k of decodeKeys(':c\r')) h.handle(k);
  assert.deepEqual(ran, ['c']);
});
