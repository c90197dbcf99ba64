import { breakpointsFeature } from '../breakpoints/feature.js';
import { renderProbeLines } from '../bpf/view.js';
import type { Row } from '../core/text.js';
import { UserError } from '../errors.js';
import { cmd, type Feature, type PaneProps, type PaneView } from '../features/types.js';
import { LogpointsModel } from './model.js';

function logpointsView({ model, rect }: PaneProps<LogpointsModel>): PaneView {
  const width = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  if (!model.stream.total) {
    return { title: 'Logpoints', rows: [[{ text: 'No logpoint lines yet. :trace LOC "MESSAGE {expr}" sets a logpoint: the target never stops, each hit prints here.', color: 'gray' }]] };
  }
  const lines = renderProbeLines(model.stream, width, height, { scroll: model.scroll });
  const rows: Row[] = lines.map((l, i) => [{ text: l, ...(i === 0 ? { color: 'magenta' } : {}) }]);
  return { title: 'Logpoints', note: `${model.stream.total} line${model.stream.total === 1 ? '' : 's'}`, rows };
}

export const logpointsFeature: Feature<LogpointsModel> = {
  id: 'logpoints',
  title: 'Logpoints',
  slot: 'bottom',
  key: 'L',
  create: (host) => new LogpointsModel(host.session),
  view: logpointsView,
  bindings: [
    { keys: ['/'], description: 'Filter the lines by a regular expression (empty: all)', hint: '/ filter', prompt: 'logpoints filter ' },
    { keys: ['space', ' '], description: 'Pause or resume the list (lines still counted)', hint: 'Space pause', command: cmd('logpoints pause') },
    {
      keys: ['enter'],
      description: "Show the logpoint's line in the source pane",
      hint: 'Enter go to',
      command: (ctx) => {
        const e = ctx.model(logpointsFeature).selected();
        return `list ${e?.file}:${e?.line}`;
      },
      disabledReason: (ctx) => (ctx.model(logpointsFeature).selected()?.file ? undefined : 'no line under the cursor'),
    },
  ],
  commands: [
    {
      name: 'logpoints',
      args: '[filter [RE] | pause]',
      summary: 'List the logpoints (where, message, hits) as :breakpoints lists breakpoints; filter the pane\'s lines by a regular expression, pause or resume it.',
      subcommands: [
        {
          name: 'filter',
          args: '[RE]',
          summary: 'Show only lines matching RE (RE2 syntax); alone, all lines.',
          run(ctx, args) {
            const m = ctx.model(logpointsFeature);
            m.stream.setFilter(args.trim() || undefined);
            m.scroll = 0;
            ctx.app.focus('logpoints');
          },
        },
        {
          name: 'pause',
          summary: 'Freeze the list (new lines are counted), or let it follow again.',
          run(ctx) {
            const s = ctx.model(logpointsFeature).stream;
            s.setPaused(!s.paused);
          },
        },
      ],
      // Alone, a list, as :breakpoints (trial CD was told it needs a subcommand).
      async run(ctx, args) {
        if (args.trim()) throw new UserError(`logpoints does not know '${args.trim().split(/\s+/)[0]}'.`, 'Usage: logpoints [filter [RE] | pause]');
        const { lines, count } = await ctx.model(breakpointsFeature).listingLines('Tracepoint');
        ctx.show(`Logpoints (${count})`, lines.length ? lines.join('\n') : 'No logpoints. :trace LOC "MESSAGE {expr}" sets one.');
      },
    },
  ],
};
