import { commandWhenDriving, whenRunning, type Command } from '../features/types.js';
import { parseCount, runTo, stepOnce, stepTimes } from './run-control.js';

export const executionCommands: Command[] = [
  {
    name: 'continue',
    ownStop: true,
    completes: 'location',
    aliases: ['c'],
    args: '[LOC]',
    summary: 'Run until a breakpoint, a panic or a pause; with LOC, until LOC (a temporary breakpoint, removed at the next stop).',
    disabledReason: commandWhenDriving,
    run: (ctx, args) => (args.trim() ? runTo(ctx, args) : ctx.session.continue()),
  },
  {
    name: 'next',
    ownStop: true,
    aliases: ['n'],
    args: '[N]',
    summary: 'Step over to the next line of the selected goroutine (N times; a breakpoint on the way ends it).',
    disabledReason: commandWhenDriving,
    run: (ctx, args) => stepTimes(ctx, 'next', parseCount(args, 'next [N]')),
  },
  {
    name: 'step',
    ownStop: true,
    aliases: ['s'],
    args: '[N]',
    summary: 'Step into the call on this line (N times; a breakpoint on the way ends it).',
    disabledReason: commandWhenDriving,
    run: (ctx, args) => stepTimes(ctx, 'stepIn', parseCount(args, 'step [N]')),
  },
  {
    name: 'stepout',
    ownStop: true,
    aliases: ['finish', 'so'],
    summary: 'Run until the current function returns.',
    disabledReason: commandWhenDriving,
    run: (ctx) => stepOnce(ctx, 'stepOut'),
  },
  {
    name: 'pause',
    ownStop: true,
    aliases: ['halt'],
    summary: 'Stop the running target (all goroutines).',
    disabledReason: (ctx) => whenRunning({ session: ctx.session.state }),
    run: (ctx) => ctx.session.pause(),
  },
];
