import { UserError } from '../errors.js';
import { cmd, type Binding, type Command, type CommandContext } from '../features/types.js';
import type { Session } from '../session/session.js';
import type { PairModel } from './model.js';
import { whoLines } from './words.js';

const pairs = new WeakMap<Session, PairModel>();

/** Makes a session's pair model reachable from its commands. */
export function registerPair(session: Session, pair: PairModel): void {
  pairs.set(session, pair);
}

export function pairOf(ctx: CommandContext): PairModel {
  const p = pairs.get(ctx.session);
  if (!p) throw new UserError('Pair debugging is off: this Delve has no JSON-RPC side channel.', 'Start Delve headless with --accept-multiclient --api-version=2.');
  return p;
}

export const pairCommands: Command[] = [
  {
    name: 'who',
    summary: 'Pair debugging: the gotuis on this Delve, who drives, since when.',
    run(ctx) {
      const p = pairOf(ctx);
      if (p.state.off) throw new UserError(`Pair debugging has no rendezvous: ${p.state.off}`);
      ctx.show('Who is here', whoLines(p.state.peers, p.state.me).join('\n'));
    },
  },
  {
    name: 'drive',
    args: '[give NAME | keep NAME]',
    summary: 'Pair debugging: ask for the wheel (run control); the driver answers. Taken at once when nobody drives.',
    help: 'The driver runs, steps and pauses; the others follow its goroutine, frame and source cursor. `drive give NAME` hands the wheel over, `drive keep NAME` declines a request.',
    subcommands: [
      { name: 'give', args: 'NAME', summary: 'Hand the wheel to NAME (the driver only).', run: (ctx, args) => ctx.print(pairOf(ctx).give(args), 'info') },
      { name: 'keep', args: 'NAME', summary: "Keep the wheel: NAME's request is declined.", run: (ctx, args) => ctx.print(pairOf(ctx).keep(args), 'info') },
    ],
    run(ctx, args) {
      if (args.trim()) throw new UserError(`drive does not know '${args.trim()}'.`, 'Use :drive, :drive give NAME or :drive keep NAME.');
      ctx.print(pairOf(ctx).requestDrive(), 'info');
    },
  },
  {
    name: 'rejoin',
    summary: "Pair debugging: follow the driver's view again after looking around (the = key).",
    run: (ctx) => ctx.print(pairOf(ctx).rejoin(), 'info'),
  },
];

/** Keys of pair debugging (global). */
export const pairBindings: Binding[] = [{ keys: ['='], description: "Follow the driver's view again (pair debugging)", command: cmd('rejoin') }];
