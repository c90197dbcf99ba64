import { UserError } from '../errors.js';
import type { Command } from '../features/types.js';

const KEEP = '-keep-breakpoints';

/** The words after quit/detach: one mode, and whether gotui's breakpoints stay in Delve. */
function parseEndArgs(args: string, modes: Record<string, string>, usage: string): { mode: string; keepBreakpoints: boolean } {
  const words = args.trim() ? args.trim().split(/\s+/) : [];
  const keepBreakpoints = words.includes(KEEP);
  const rest = words.filter((w) => w !== KEEP);
  const mode = modes[rest[0] ?? ''];
  if (rest.length > 1 || mode === undefined) throw new UserError(`'${args.trim()}' is not something ${usage.split(' ')[1]} takes.`, `Usage: ${usage}`);
  return { mode, keepBreakpoints };
}

export const lifecycleCommands: Command[] = [
  {
    name: 'quit',
    aliases: ['q', 'exit'],
    args: `[-leave | -resume | -kill] [${KEEP}]`,
    summary: 'Leave gotui. An attached target is never killed, and the breakpoints gotui set are removed; if it is halted you are asked whether to leave it halted or let it run.',
    help: `-leave keeps an attached target as it is, -resume lets it run first, -kill ends it (and Delve). A target gotui started is ended. ${KEEP} leaves gotui's breakpoints in Delve (they will stop the target later).`,
    async run(ctx, args) {
      const { mode, keepBreakpoints } = parseEndArgs(args, { '': 'ask', '-leave': 'leave', '-halted': 'leave', '-resume': 'resume', '-run': 'resume', '-kill': 'kill' }, `quit [-leave | -resume | -kill] [${KEEP}]`);
      await ctx.app.quit(mode as 'ask', { keepBreakpoints });
    },
  },
  {
    name: 'detach',
    args: `[-resume] [${KEEP}]`,
    summary: 'Disconnect, remove the breakpoints gotui set and leave the target as it is (with -resume, let it run first); Delve keeps serving.',
    async run(ctx, args) {
      const { mode, keepBreakpoints } = parseEndArgs(args, { '': 'leave', '-resume': 'resume' }, `detach [-resume] [${KEEP}]`);
      await ctx.app.detach(mode === 'resume', { keepBreakpoints });
    },
  },
  {
    name: 'reconnect',
    summary: 'Connect again to the same Delve server now (after a dropped connection gotui also retries by itself, with backoff).',
    disabledReason: (ctx) => (ctx.session.connected ? 'already connected' : undefined),
    run: (ctx) => ctx.app.reconnect(),
  },
];
