import { UserError } from '../errors.js';
import type { Command } from './types.js';

export const lifecycleCommands: Command[] = [
  {
    name: 'quit',
    aliases: ['q', 'exit'],
    args: '[-leave | -resume | -kill]',
    summary: 'Leave gotui. An attached target is never killed: if it is halted you are asked whether to leave it halted or let it run.',
    help: '-leave keeps an attached target as it is, -resume lets it run first, -kill ends it (and Delve). A target gotui started is ended.',
    async run(ctx, args) {
      const how = args.trim();
      const map: Record<string, 'ask' | 'leave' | 'resume' | 'kill'> = { '': 'ask', '-leave': 'leave', '-halted': 'leave', '-resume': 'resume', '-run': 'resume', '-kill': 'kill' };
      const mode = map[how];
      if (!mode) throw new UserError(`quit does not take '${how}'.`, 'Usage: quit [-leave | -resume | -kill]');
      await ctx.app.quit(mode);
    },
  },
  {
    name: 'detach',
    args: '[-resume]',
    summary: 'Disconnect and leave the target as it is (with -resume, let it run first); Delve keeps serving.',
    async run(ctx, args) {
      if (args.trim() && args.trim() !== '-resume') throw new UserError(`detach does not take '${args.trim()}'.`, 'Usage: detach [-resume]');
      await ctx.app.detach(args.trim() === '-resume');
    },
  },
  {
    name: 'reconnect',
    summary: 'Connect again to the same Delve server (after a dropped connection).',
    disabledReason: (ctx) => (ctx.session.connected ? 'already connected' : undefined),
    run: (ctx) => ctx.app.reconnect(),
  },
];
