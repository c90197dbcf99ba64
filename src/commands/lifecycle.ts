import { nearestNames } from '../core/text.js';
import { UserError } from '../errors.js';
import type { Command } from '../features/types.js';

const KEEP = '-keep-breakpoints';
/** The answer to "kill a target gotui did not start?", typed or given by the question's key. */
const YES = '-yes';
/** Halts another client's run so that Delve lets gotui's breakpoints be taken out (its DAP changes none meanwhile). */
const INTERRUPT = '-interrupt';

/** The words after quit/detach: one mode, whether gotui's breakpoints stay in Delve, and a kill agreed to. */
function parseEndArgs(args: string, modes: Record<string, string>, usage: string): { mode: string; keepBreakpoints: boolean; confirmed: boolean; interrupt: boolean } {
  const words = args.trim() ? args.trim().split(/\s+/) : [];
  const keepBreakpoints = words.includes(KEEP);
  const confirmed = words.includes(YES);
  const interrupt = words.includes(INTERRUPT);
  const rest = words.filter((w) => w !== KEEP && w !== YES && w !== INTERRUPT);
  const mode = modes[rest[0] ?? ''];
  if (rest.length > 1 || mode === undefined || (confirmed && mode !== 'kill') || (interrupt && (mode === 'kill' || keepBreakpoints))) {
    // A mistyped option (trial AX: `-kil`) is offered the one it likely meant, as a mistyped command is.
    const near = mode === undefined && rest[0] ? nearestNames(rest[0], [...Object.keys(modes).filter(Boolean), KEEP, YES, INTERRUPT], 1)[0] : undefined;
    throw new UserError(`'${args.trim()}' is not something ${usage.split(' ')[0]} takes${near ? `: did you mean ${near}?` : '.'}`, `Usage: ${usage}`);
  }
  return { mode, keepBreakpoints, confirmed, interrupt };
}

export const lifecycleCommands: Command[] = [
  {
    name: 'quit',
    aliases: ['q', 'exit'],
    args: `[-leave | -resume | -kill [${YES}]] [${KEEP} | ${INTERRUPT}]`,
    summary: 'Leave gotui. An attached target is killed only by -kill, and the breakpoints gotui set are removed; if it is halted you are asked whether to leave it halted or let it run.',
    help: `-leave keeps an attached target as it is, -resume lets it run first, -kill ends it and its Delve (an attached one after a question; ${YES} answers it). A target gotui started is ended. ${KEEP} leaves gotui's breakpoints in Delve (they will stop the target later). ${INTERRUPT}: while another client's continue (the dlv CLI's) runs the target, Delve takes no breakpoint out; it halts the target first (ending that client's continue), so that gotui's breakpoints can be removed.`,
    async run(ctx, args) {
      const { mode, keepBreakpoints, confirmed, interrupt } = parseEndArgs(args, { '': 'ask', '-leave': 'leave', '-halted': 'leave', '-resume': 'resume', '-run': 'resume', '-kill': 'kill' }, `quit [-leave | -resume | -kill [${YES}]] [${KEEP} | ${INTERRUPT}]`);
      await ctx.app.quit(mode as 'ask', { keepBreakpoints, confirmed, interrupt });
    },
  },
  {
    name: 'detach',
    args: `[-resume] [${KEEP} | ${INTERRUPT}]`,
    summary: 'Disconnect, remove the breakpoints gotui set and leave the target as it is (with -resume, let it run first); Delve keeps serving.',
    help: `${INTERRUPT} halts a target another client's continue runs (ending it), so that gotui's breakpoints can be removed: see quit.`,
    async run(ctx, args) {
      const { mode, keepBreakpoints, interrupt } = parseEndArgs(args, { '': 'leave', '-resume': 'resume' }, `detach [-resume] [${KEEP} | ${INTERRUPT}]`);
      await ctx.app.detach(mode === 'resume', { keepBreakpoints, interrupt });
    },
  },
  {
    name: 'info',
    summary: "What gotui is attached to: the target and its pid, its state, where Delve listens (the dlv CLI's dlv connect ADDR) and who else is on it.",
    run: async (ctx) => ctx.show('info', await ctx.app.about()),
  },
  {
    name: 'reconnect',
    summary: 'Connect again to the same Delve server now (after a dropped connection gotui also retries by itself, with backoff).',
    disabledReason: (ctx) => (ctx.session.connected ? 'already connected' : undefined),
    run: (ctx) => ctx.app.reconnect(),
  },
];
