import { whenBreakpointsChange, type Feature, type KeyContext } from '../features/types.js';
import { breakpointCommands } from './commands.js';
import { canLog, isKeptBy } from '../session/breakpoints.js';
import { BreakpointsModel } from './model.js';
import { breakpointsView } from './view.js';

const mineUnderCursor = (ctx: KeyContext) => ctx.model(breakpointsFeature).currentMine();
const needMine = (ctx: KeyContext) => {
  const r = ctx.model(breakpointsFeature).current();
  const now = whenBreakpointsChange(ctx);
  if (r && now) return now;
  if (!r) return 'no breakpoint under the cursor';
  if (!('other' in r)) return undefined;
  const owner = ctx.model(breakpointsFeature).owner(r.other.id);
  return isKeptBy(owner.by) ? `you kept it earlier (-keep-breakpoints): gotui leaves it as found; :clear ${owner.name} removes it` : 'another client set it: gotui changes only its own';
};

export const breakpointsFeature: Feature<BreakpointsModel> = {
  id: 'breakpoints',
  title: 'Breakpoints',
  slot: 'bottom',
  key: 'B',
  create: (host) => new BreakpointsModel(host),
  view: breakpointsView,
  commands: breakpointCommands((ctx) => ctx.model(breakpointsFeature)),
  bindings: [
    { keys: ['space', ' ', 't'], description: 'Disable or enable the breakpoint under the cursor', hint: 'Space toggle', command: (ctx) => `toggle ${mineUnderCursor(ctx)?.id}`, disabledReason: needMine, changes: true },
    { keys: ['d', 'x', 'delete'], description: 'Delete the breakpoint under the cursor', hint: 'd delete', command: (ctx) => `clear ${mineUnderCursor(ctx)?.id}`, disabledReason: needMine, changes: true },
    {
      keys: ['e'],
      description: 'Edit the condition of the breakpoint under the cursor (opens :cond ID at the prompt)',
      hint: 'e cond',
      changes: true,
      prompt: (ctx) => `cond ${mineUnderCursor(ctx)?.id} ${mineUnderCursor(ctx)?.condition ?? ''}`,
      disabledReason: needMine,
    },
    {
      keys: ['h'],
      description: 'Edit the hit condition (stop on the Nth hit, from the Nth, every Nth)',
      prompt: (ctx) => `breakpoints hit ${mineUnderCursor(ctx)?.id} ${mineUnderCursor(ctx)?.hitCondition?.replace(/^==\s*/, '') ?? ''}`,
      disabledReason: needMine,
    },
    {
      keys: ['m'],
      description: 'Edit the log message (a logpoint prints it instead of stopping; empty: stop again)',
      prompt: (ctx) => `breakpoints log ${mineUnderCursor(ctx)?.id} ${mineUnderCursor(ctx)?.logMessage ?? ''}`,
      disabledReason: (ctx) => needMine(ctx) ?? (canLog(mineUnderCursor(ctx)!) ? undefined : 'Delve logs only at file:line breakpoints'),
    },
    {
      keys: ['enter'],
      description: 'Show the breakpoint\'s line in the source pane',
      hint: 'Enter go to',
      // Another client's too: showing its line changes nothing (a new-user trial was refused).
      command: (ctx) => {
        const r = ctx.model(breakpointsFeature).current();
        return r && 'other' in r ? `list ${r.other.file}:${r.other.line}` : `breakpoints jump ${r?.mine.id}`;
      },
      disabledReason: (ctx) => {
        const r = ctx.model(breakpointsFeature).current();
        if (!r) return 'no breakpoint under the cursor';
        return ('other' in r ? !r.other.WatchExpr && r.other.file : r.mine.file) ? undefined : 'it has no source line';
      },
    },
  ],
};
