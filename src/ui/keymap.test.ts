import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCommand, splitCommandLine } from '../commands/registry.js';
import { initialState } from '../session/state.js';
import { KEYMAP, keymapHelpLines, formatKeys } from './keymap.js';
import { initialUiState } from './ui-state.js';

test('a key means one thing per pane', () => {
  const seen = new Map<string, string>();
  for (const b of KEYMAP) {
    for (const k of b.keys) {
      const id = `${b.pane}:${k}`;
      assert.ok(!seen.has(id), `${id} is bound twice (${seen.get(id)} and ${b.description})`);
      seen.set(id, b.description);
    }
  }
});

test('every key binding runs a command that exists, or a screen action', () => {
  const ui = { ...initialUiState(), sourceFile: '/x/main.go', sourceCursor: 3 };
  const session = { ...initialState('t'), threads: [{ id: 1, name: '[Go 1] main.main' }] };
  for (const b of KEYMAP) {
    assert.equal([b.command, b.action, b.prompt].filter(Boolean).length, 1, `${b.description}: exactly one of command/action/prompt`);
    if (b.prompt) assert.ok(findCommand(splitCommandLine(b.prompt({ ui, session, variables: [], features: {} })).name), b.description);
    if (b.command) {
      const line = b.command({ ui, session, variables: [{ key: 'Locals/x', name: 'x', value: '1', type: 'int', ref: 0, depth: 0, evaluateName: 'x' }], features: { bpfEvent: { goid: 1, func: 'main.main' }, bpfProbes: [1, 2], bpfShown: 1, groupOpen: true, groupMember: 7, flagRow: 'flag -cancel 1' } });
      const { name } = splitCommandLine(line);
      assert.ok(findCommand(name), `${b.description}: '${line}' names no command`);
    }
  }
});

test('the help screen lists every binding, generated from the keymap', () => {
  const help = keymapHelpLines().join('\n');
  for (const b of KEYMAP) {
    assert.ok(help.includes(b.description), b.description);
    assert.ok(help.includes(formatKeys(b.keys)), formatKeys(b.keys));
  }
});

test('the execution keys of the issue are bound', () => {
  const bound = (key: string, command: string) => KEYMAP.some((b) => b.keys.includes(key) && b.command && b.command({ ui: initialUiState(), session: initialState('t'), variables: [], features: {} }) === command);
  for (const [k, c] of [['F5', 'continue'], ['c', 'continue'], ['F10', 'next'], ['n', 'next'], ['F11', 'step'], ['s', 'step'], ['S-F11', 'stepout'], ['o', 'stepout'], ['p', 'pause']]) {
    assert.ok(bound(k!, c!), `${k} -> ${c}`);
  }
});
