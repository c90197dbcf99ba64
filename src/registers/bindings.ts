// The registers pane's keys; its cursor lives in the RegistersStore.
import type { Binding, KeyContext } from '../ui/keymap.js';

const pane = 'registers';
const cmd = (line: string) => () => line;
const whenStopped = (ctx: KeyContext) => (ctx.session.status === 'stopped' ? undefined : `the target is ${ctx.session.status}`);

export const registerBindings: Binding[] = [
  { keys: ['up', 'k'], pane, description: 'Previous register', command: cmd('regs up') },
  { keys: ['down', 'j'], pane, description: 'Next register', command: cmd('regs down') },
  { keys: ['enter'], pane, description: 'Show memory at the register (instructions at rip)', command: cmd('regs open'), disabledReason: whenStopped },
  { keys: ['y'], pane, description: 'Print the register under the cursor in the console', command: cmd('regs copy'), disabledReason: whenStopped },
];
