import { UserError } from '../errors.js';
import type { Command } from '../commands/types.js';
import { renderGroupLines } from './view.js';
import type { GroupSort } from './snapshot.js';

const SORTS: GroupSort[] = ['count', 'growth', 'name'];

/** `:goroutines` as the dlv CLI spells it, and `:gview` for what the goroutines pane's keys do. */
export const goroutineCommands: Command[] = [
  {
    name: 'goroutines',
    aliases: ['grs'],
    args: '[-group KEY] [-with F] [-without F] [-u|-r|-g|-s]',
    summary: 'Group and filter all goroutines (dlv spellings); the goroutines pane shows the result, counted exactly.',
    help: 'KEY: userloc curloc goloc startloc running user, or label NAME. F: userloc|curloc|goloc|startloc TEXT, label K=V, running, user. Example: :goroutines -group userloc -without curloc runtime',
    async run(ctx, args) {
      const g = ctx.tools.goroutines;
      if (!g) throw new UserError('The goroutine view is not ready yet.', 'It starts once gotui is attached.');
      if (args.trim()) await g.command(args);
      else await g.refresh();
      ctx.app.focus('goroutines');
      const lines = renderGroupLines(g.store.get(), 100, 12).map((l) => l.text.trimEnd());
      ctx.print(lines.join('\n'), 'result');
    },
  },
  {
    name: 'gview',
    args: 'expand | collapse | sort count|growth|name | search [TEXT] | runtime | cancel',
    summary: 'Drive the goroutines pane: open or close a group, sort, search, hide runtime goroutines, cancel loading.',
    async run(ctx, args) {
      const g = ctx.tools.goroutines;
      if (!g) throw new UserError('The goroutine view is not ready yet.');
      const [verb = '', ...rest] = args.trim().split(/\s+/);
      const text = args.trim().slice(verb.length).trim();
      switch (verb) {
        case 'expand':
          return g.expandSelected();
        case 'collapse':
          return g.collapse();
        case 'sort': {
          const current = g.store.get().sort;
          const next = (rest[0] as GroupSort | undefined) ?? SORTS[(SORTS.indexOf(current) + 1) % SORTS.length]!;
          if (!SORTS.includes(next)) throw new UserError(`Cannot sort by '${rest[0]}'.`, 'Sort by count, growth or name.');
          g.setSort(next);
          return;
        }
        case 'search':
          g.setSearch(text);
          return;
        case 'runtime':
          return g.toggleHideRuntime();
        case 'cancel':
          g.cancel();
          return;
        default:
          throw new UserError(`gview does not know '${verb}'.`, 'Usage: gview expand | collapse | sort KEY | search TEXT | runtime | cancel');
      }
    },
  },
];
