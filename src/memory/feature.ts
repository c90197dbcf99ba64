import { memoryView } from './pane.js';
import { cmd, whenStopped, type Feature, type KeyContext } from '../features/types.js';
import { variablesFeature } from '../variables/feature.js';
import { memoryCommands } from './commands.js';
import { MemoryStore } from './store.js';

/** The Go type a watchpoint on one unit of memory reads: its size is the unit's. */
const WATCH_TYPES = { b: 'uint8', h: 'uint16', w: 'uint32', g: 'uint64' } as const;

/** Why a key of the view is not offered before there is one. */
const examined = (ctx: KeyContext): string | undefined => (ctx.model(memoryFeature).get().view.examined ? undefined : 'nothing is examined yet (:x/8xg $rsp)');

export const memoryFeature: Feature<MemoryStore> = {
  id: 'memory',
  title: 'Memory',
  slot: 'bottom',
  create(host) {
    const store = new MemoryStore(host.session, {
      rpc: () => host.rpc('disassemble').catch(() => undefined),
      files: host.targetFiles(),
      core: () => host.coreFile(),
    });
    // readMemory takes only references Delve handed out: those of the values on screen.
    store.reader.referenceSource = () => host.model(variablesFeature).get().rows.map((r) => r.memoryReference);
    return store;
  },
  view: memoryView,
  commands: memoryCommands((ctx) => ctx.model(memoryFeature)),
  bindings: [
    { keys: ['up', 'k'], description: 'Cursor up a row (the view scrolls, reading what it needs)', command: cmd('mem up'), silent: true },
    { keys: ['down', 'j'], description: 'Cursor down a row', command: cmd('mem down'), silent: true },
    { keys: ['left', 'h'], description: 'Cursor to the previous unit', command: cmd('mem left'), silent: true },
    { keys: ['right', 'l'], description: 'Cursor to the next unit', command: cmd('mem right'), silent: true },
    { keys: ['pgup', 'C-b'], description: 'The page before the view (reads it)', command: cmd('mem pageup'), silent: true },
    { keys: ['pgdn', 'C-f'], description: 'The page after the view (reads it)', command: cmd('mem pagedown'), silent: true },
    { keys: ['g'], description: 'Go to an address expression ($rsp+0x20, &buf[0], 0xc000012000): opens the prompt', hint: 'g go to', prompt: 'mem at ' },
    { keys: ['home'], description: 'Cursor to the first cell', command: cmd('mem first'), silent: true },
    { keys: ['end', 'G'], description: 'Cursor to the last cell', command: cmd('mem last'), silent: true },
    { keys: ['enter'], description: 'Follow the pointer under the cursor', hint: 'Enter follow', command: cmd('mem follow'), disabledReason: whenStopped },
    { keys: ['backspace'], description: 'Back to the view before the last follow or jump', command: cmd('mem back') },
    // Offered once there is a view (trial AF: f said nothing, and was offered, before any x).
    { keys: ['f'], description: 'Next format (x d u o t a c f)', hint: 'f format', command: cmd('mem format next'), disabledReason: examined },
    { keys: ['F'], description: 'Previous format', command: cmd('mem format prev'), disabledReason: examined },
    { keys: ['u'], description: 'Next unit (b h w g)', command: cmd('mem unit next'), disabledReason: examined },
    { keys: ['U'], description: 'Previous unit', command: cmd('mem unit prev'), disabledReason: examined },
    { keys: ['w'], description: 'Pin the view as a watch, re-read at every stop (:mem watches, :mem unwatch N)', command: cmd('mem watch'), disabledReason: examined },
    { keys: ['y'], description: 'Print the address under the cursor (and its word) in the console', command: cmd('mem copy'), disabledReason: examined },
    {
      keys: ['b'],
      description: 'Set a watchpoint on the unit under the cursor (stops when it is written; its size is the unit: b h w g)',
      command: (ctx) => {
        const v = ctx.model(memoryFeature).get().view;
        return `watch -w *(*${WATCH_TYPES[v.unit]})(0x${v.cursor.toString(16)})`;
      },
      disabledReason: (ctx) => whenStopped(ctx) ?? examined(ctx),
    },
    { keys: ['d'], description: 'Decode the words at the cursor as a slice header', hint: 'd slice', command: cmd('mem decode slice'), disabledReason: whenStopped },
    { keys: ['D'], description: 'Decode the words at the cursor as a string header', command: cmd('mem decode string'), disabledReason: whenStopped },
    { keys: ['i'], description: 'Decode the words at the cursor as an interface (dynamic type and value)', command: cmd('mem decode iface'), disabledReason: whenStopped },
    { keys: ['t'], description: 'Telescope: the pointer chain from the word under the cursor (:mem telescope DEPTH)', hint: 't telescope', command: cmd('mem telescope'), disabledReason: whenStopped },
    { keys: ['m'], description: "The target's memory map, the cursor's mapping marked (:vmmap)", command: cmd('vmmap'), disabledReason: whenStopped },
    {
      keys: ['e'],
      description: 'Write the unit under the cursor: opens :set-memory at it (asks before writing; prints the old value)',
      changes: true,
      prompt: (ctx) => {
        const v = ctx.model(memoryFeature).get().view;
        const unit = v.format === 's' || v.format === 'i' ? 'b' : v.unit;
        return `set-memory -${unit} 0x${v.cursor.toString(16)} `;
      },
      disabledReason: (ctx) => whenStopped(ctx) ?? examined(ctx),
    },
  ],
};
