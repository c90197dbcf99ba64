// The memory pane's keys. Each builds a command line (keys -> commands ->
// store -> pane); the cursor lives in the MemoryStore, so the commands need
// no arguments from the screen.
import type { Binding } from '../ui/keymap.js';
import { cmd, whenStopped } from '../ui/binding-helpers.js';

const pane = 'memory';

export const memoryBindings: Binding[] = [
  { keys: ['up', 'k'], pane, description: 'Cursor up a row (the view scrolls, reading what it needs)', command: cmd('mem up'), silent: true },
  { keys: ['down', 'j'], pane, description: 'Cursor down a row', command: cmd('mem down'), silent: true },
  { keys: ['left', 'h'], pane, description: 'Cursor to the previous unit', command: cmd('mem left'), silent: true },
  { keys: ['right', 'l'], pane, description: 'Cursor to the next unit', command: cmd('mem right'), silent: true },
  { keys: ['pgup', 'C-b'], pane, description: 'The page before the view (reads it)', command: cmd('mem pageup'), silent: true },
  { keys: ['pgdn', 'C-f'], pane, description: 'The page after the view (reads it)', command: cmd('mem pagedown'), silent: true },
  { keys: ['g'], pane, description: 'Go to an address expression ($rsp+0x20, &buf[0], 0xc000012000): opens the prompt', prompt: () => 'mem at ' },
  { keys: ['home'], pane, description: 'Cursor to the first cell', command: cmd('mem first'), silent: true },
  { keys: ['end', 'G'], pane, description: 'Cursor to the last cell', command: cmd('mem last'), silent: true },
  { keys: ['enter'], pane, description: 'Follow the pointer under the cursor', command: cmd('mem follow'), disabledReason: whenStopped },
  { keys: ['backspace'], pane, description: 'Back to the view before the last follow or jump', command: cmd('mem back') },
  { keys: ['f'], pane, description: 'Next format (x d u o t a c f)', command: cmd('mem format next') },
  { keys: ['F'], pane, description: 'Previous format', command: cmd('mem format prev') },
  { keys: ['u'], pane, description: 'Next unit (b h w g)', command: cmd('mem unit next') },
  { keys: ['U'], pane, description: 'Previous unit', command: cmd('mem unit prev') },
  { keys: ['w'], pane, description: 'Pin the view as a watch, re-read at every stop (:mem watches, :mem unwatch N)', command: cmd('mem watch') },
  { keys: ['y'], pane, description: 'Print the address under the cursor (and its word) in the console', command: cmd('mem copy') },
  { keys: ['d'], pane, description: 'Decode the words at the cursor as a slice header', command: cmd('mem decode slice'), disabledReason: whenStopped },
  { keys: ['D'], pane, description: 'Decode the words at the cursor as a string header', command: cmd('mem decode string'), disabledReason: whenStopped },
  { keys: ['i'], pane, description: 'Decode the words at the cursor as an interface (dynamic type and value)', command: cmd('mem decode iface'), disabledReason: whenStopped },
];
