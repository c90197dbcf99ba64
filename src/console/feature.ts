import { consoleView } from './pane.js';
import { UserError } from '../errors.js';
import { cmd, type Feature } from '../features/types.js';
import { ConsoleModel, type ConsoleFilter } from './model.js';

const FILTERS: ConsoleFilter[] = ['all', 'program', 'debugger'];

export const consoleFeature: Feature<ConsoleModel> = {
  id: 'console',
  title: 'Console',
  slot: 'bottom',
  create: (host) => new ConsoleModel(host.session),
  view: consoleView,
  bindings: [
    { keys: ['f'], description: 'Show all lines, only the program\'s output, or only gotui\'s and Delve\'s', hint: 'f filter', command: (ctx) => `console ${FILTERS[(FILTERS.indexOf(ctx.model(consoleFeature).get().filter) + 1) % FILTERS.length]}` },
    { keys: ['C'], description: 'Clear the console', command: cmd('console clear') },
    { keys: ['/'], description: 'Show only the lines matching a regular expression (empty: all)', hint: '/ search', prompt: 'console search ' },
  ],
  commands: [
    {
      name: 'console',
      args: 'all | program | debugger | search [RE] | clear',
      summary: 'Filter the console (the program\'s output, or gotui\'s and Delve\'s messages; lines matching RE) or clear it.',
      subcommands: [
        ...FILTERS.map((f) => ({
          name: f,
          summary: f === 'all' ? 'Show every line.' : f === 'program' ? 'Show only what the program wrote (stdout, stderr) and logpoint hits.' : 'Show only gotui\'s and Delve\'s messages (logpoint hits are in L).',
          run: (ctx: Parameters<NonNullable<Feature['commands'][number]['run']>>[0]) => ctx.model(consoleFeature).setFilter(f),
        })),
        {
          name: 'search',
          args: '[RE]',
          summary: 'Show only lines matching RE (RE2 syntax, any case); alone, all lines.',
          run(ctx, args) {
            ctx.model(consoleFeature).setSearch(args.trim());
            ctx.app.focus('console');
          },
        },
        { name: 'clear', summary: 'Forget every line shown so far.', run: (ctx) => ctx.model(consoleFeature).clear() },
      ],
      run() {
        throw new UserError('console needs a filter or clear.', 'Usage: console all | program | debugger | search [RE] | clear');
      },
    },
  ],
};
