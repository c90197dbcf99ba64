import { flagsView } from './pane.js';
import { cmd, type Feature } from '../features/types.js';
import { flagCommands } from './commands.js';
import { ownFlagSets } from './decode.js';
import { FlagsController } from './controller.js';
import { rowCommand, selectableRows } from './view.js';

/** What Enter on the flags pane's cursor row types at the prompt (an edit with the current value, or a cancel). */
function rowLine(flags: FlagsController): string | undefined {
  const state = flags.store.get();
  const row = selectableRows(state)[state.cursor];
  return row ? rowCommand(state, row) : undefined;
}

export const flagsFeature: Feature<FlagsController> = {
  id: 'flags',
  title: 'Flags',
  slot: 'bottom',
  create: (host) => new FlagsController(host.session, { headless: host.headless, pid: () => host.targetPid(), ownSets: async () => ownFlagSets(await (await host.rpc('look for FlagSets')).packageVars('main')) }),
  view: flagsView,
  commands: flagCommands((ctx) => ctx.model(flagsFeature)),
  bindings: [
    {
      keys: ['enter', 'e'],
      description: 'Edit the flag under the cursor (the prompt opens with its current value); on a pending edit, cancel it',
      hint: 'Enter edit',
      changes: true,
      prompt: (ctx) => rowLine(ctx.model(flagsFeature)) ?? 'flags ',
      // The arguments line edits into a restart: not offered where one would be refused.
      disabledReason: (ctx) => (rowLine(ctx.model(flagsFeature))?.startsWith('restart') && ctx.session.delveStarted === false ? 'Delve attached to this process as it ran, so it cannot start it again' : undefined),
      doing: (ctx) => (rowLine(ctx.model(flagsFeature))?.startsWith('restart') ? 'Restart with other arguments' : 'Edit the flag under the cursor'),
    },
    {
      keys: ['x'],
      description: 'Cancel the pending edit under the cursor',
      hint: 'x cancel',
      changes: true,
      command: (ctx) => rowLine(ctx.model(flagsFeature)) ?? '',
      disabledReason: (ctx) => (rowLine(ctx.model(flagsFeature))?.startsWith('flag -cancel') ? undefined : 'the cursor is not on a pending edit'),
    },
    { keys: ['r'], description: 'Read the flags again', command: cmd('flags') },
  ],
};
