import { commandWhenStopped, type Command } from '../features/types.js';

export const executionCommands: Command[] = [
  {
    name: 'continue',
    aliases: ['c'],
    summary: 'Run until a breakpoint, a panic or a pause.',
    disabledReason: commandWhenStopped,
    run: (ctx) => ctx.session.continue(),
  },
  {
    name: 'next',
    aliases: ['n'],
    summary: 'Step over to the next line of the selected goroutine.',
    disabledReason: commandWhenStopped,
    run: (ctx) => ctx.session.step('next'),
  },
  {
    name: 'step',
    aliases: ['s'],
    summary: 'Step into the call on this line.',
    disabledReason: commandWhenStopped,
    run: (ctx) => ctx.session.step('stepIn'),
  },
  {
    name: 'stepout',
    aliases: ['finish', 'so'],
    summary: 'Run until the current function returns.',
    disabledReason: commandWhenStopped,
    run: (ctx) => ctx.session.step('stepOut'),
  },
  {
    name: 'pause',
    aliases: ['halt'],
    summary: 'Stop the running target (all goroutines).',
    disabledReason: (ctx) => (ctx.session.state.status === 'running' ? undefined : `the target is ${ctx.session.state.status}`),
    run: (ctx) => ctx.session.pause(),
  },
];
