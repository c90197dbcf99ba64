import { commandWhenDriving, whenRunning, type Command } from '../features/types.js';

export const executionCommands: Command[] = [
  {
    name: 'continue',
    aliases: ['c'],
    summary: 'Run until a breakpoint, a panic or a pause.',
    disabledReason: commandWhenDriving,
    run: (ctx) => ctx.session.continue(),
  },
  {
    name: 'next',
    aliases: ['n'],
    summary: 'Step over to the next line of the selected goroutine.',
    disabledReason: commandWhenDriving,
    run: (ctx) => ctx.session.step('next'),
  },
  {
    name: 'step',
    aliases: ['s'],
    summary: 'Step into the call on this line.',
    disabledReason: commandWhenDriving,
    run: (ctx) => ctx.session.step('stepIn'),
  },
  {
    name: 'stepout',
    aliases: ['finish', 'so'],
    summary: 'Run until the current function returns.',
    disabledReason: commandWhenDriving,
    run: (ctx) => ctx.session.step('stepOut'),
  },
  {
    name: 'pause',
    aliases: ['halt'],
    summary: 'Stop the running target (all goroutines).',
    disabledReason: (ctx) => whenRunning({ session: ctx.session.state }),
    run: (ctx) => ctx.session.pause(),
  },
];
