// The registers pane's keys; its cursor lives in the RegistersStore.
import type { Binding } from '../ui/keymap.js';
import { cmd, whenStopped } from '../ui/binding-helpers.js';

const pane = 'registers';

export const registerBindings: Binding[] = [
  { keys: ['up', 'k'], pane, description: 'Previous register', command: cmd('regs up'), silent: true },
  { keys: ['down', 'j'], pane, description: 'Next register', command: cmd('regs down'), silent: true },
  { keys: ['enter'], pane, description: 'Show memory at the register (instructions at rip)', command: cmd('regs open'), disabledReason: whenStopped },
  { keys: ['y'], pane, description: 'Print the register under the cursor in the console', command: cmd('regs copy'), disabledReason: whenStopped },
];
