import { variablesView } from './pane.js';
import { UserError } from '../errors.js';
import { cmd, commandWhenStopped, whenStopped, type Feature, type KeyContext } from '../features/types.js';
import { opens, VariablesModel } from './model.js';

/** Why the row under the cursor cannot be read again by name (a returned value's ~r0, an element's row without one). */
function noExpression(ctx: KeyContext): string | undefined {
  const row = ctx.model(variablesFeature).current();
  if (row?.evaluateName) return undefined;
  return row && /^~r\d+$/.test(row.name) ? `${row.name} is a returned value: Delve gives it no expression to read it again (its row shows it)` : 'this row has no expression';
}

export const variablesFeature: Feature<VariablesModel> = {
  id: 'variables',
  title: 'Variables',
  slot: 'right',
  create: (host) => new VariablesModel(host.session, async (pkg) => (await host.rpc('list package variables')).packageVarNames(pkg)),
  view: variablesView,
  bindings: [
    {
      keys: ['enter', 'space', ' ', 'right', 'l'],
      description: 'Open or close the value; on "…more", load the next elements',
      hint: 'Enter open',
      command: cmd('vview toggle'),
      silent: true,
      // A plain value (a number, a string) has nothing to open: not offered, and said so (trial AK: silent).
      disabledReason: (ctx) => {
        const n = ctx.model(variablesFeature).current();
        return !n || n.more || opens(n) ? undefined : `${n.name} has nothing inside to open (y shows its whole value)`;
      },
    },
    { keys: ['left', 'h'], description: 'Close the value (or the one it is in)', command: cmd('vview close'), silent: true },
    {
      keys: ['y'],
      description: 'Show the whole value of the variable under the cursor',
      hint: 'y value',
      command: (ctx) => `print -whole ${ctx.model(variablesFeature).current()?.evaluateName}`,
      disabledReason: (ctx) => whenStopped(ctx) ?? noExpression(ctx),
    },
    {
      keys: ['w'],
      description: 'Watch the variable under the cursor (the watch pane, W, reads it at every stop)',
      hint: 'w watch',
      command: (ctx) => `display -a ${ctx.model(variablesFeature).current()?.evaluateName}`,
      disabledReason: (ctx) => noExpression(ctx),
    },
    {
      keys: ['e'],
      description: 'Set the variable under the cursor (opens :set EXPR = at the prompt)',
      hint: 'e set',
      changes: true,
      prompt: (ctx) => `set ${ctx.model(variablesFeature).current()?.evaluateName} = `,
      disabledReason: (ctx) => whenStopped(ctx) ?? noExpression(ctx),
    },
  ],
  commands: [
    {
      // Named as the goroutines pane's gview: `vars RE` is the dlv CLI's package variables.
      name: 'vview',
      args: 'toggle | close',
      summary: 'Drive the variables pane: open or close the value under the cursor.',
      subcommands: [
        { name: 'toggle', summary: 'Open or close the value under the cursor; on "…more", load the next elements.', disabledReason: commandWhenStopped, run: (ctx) => ctx.model(variablesFeature).toggle() },
        { name: 'close', summary: 'Close the value under the cursor, or the one it is in.', run: (ctx) => ctx.model(variablesFeature).collapseCurrent() },
      ],
      run() {
        throw new UserError('vview needs a subcommand.', 'Usage: vview toggle | close');
      },
    },
  ],
};
