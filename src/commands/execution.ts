import { whenDriving, whenRunning, type Command, type CommandContext } from '../features/types.js';

const driving = (ctx: CommandContext) => whenDriving({ session: ctx.session.state });

export const executionCommands: Command[] = [
  {
    name: 'continue',
    aliases: ['c'],
    summary: 'Run until a breakpoint, a panic or a pause.',
    disabledReason: driving,
    run: (ctx) => ctx.session.continue(),
  },
  {
    name: 'next',
    aliases: ['n'],
    summary: 'Step over to the next line of the selected goroutine.',
    disabledReason: driving,
    run: (ctx) => ctx.session.step('next'),
  },
  {
    name: 'step',
    aliases: ['s'],
    summary: 'Step into the call on this line.',
    disabledReason: driving,
    run: (ctx) => ctx.session.step('stepIn'),
  },
  {
    name: 'stepout',
    aliases: ['finish', 'so'],
    summary: 'Run until the current function returns.',
    disabledReason: driving,
    run: (ctx) => ctx.session.step('stepOut'),
  },
  {
    name: 'stepi',
    aliases: ['si'],
    summary: 'Step one machine instruction.',
    disabledReason: driving,
    run: (ctx) => ctx.session.step('stepIn', 'instruction'),
  },
  {
    name: 'pause',
    aliases: ['halt'],
    summary: 'Stop the running target (all goroutines).',
    disabledReason: (ctx) => whenRunning({ session: ctx.session.state }),
    run: (ctx) => ctx.session.pause(),
  },
];
