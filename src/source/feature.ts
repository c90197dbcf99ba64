import { sourceView } from './pane.js';
import path from 'node:path';
import { UserError } from '../errors.js';
import { cmd, whenRunnable, type Feature } from '../features/types.js';
import { SourceModel } from './model.js';

export const sourceFeature: Feature<SourceModel> = {
  id: 'source',
  title: 'Source',
  slot: 'source',
  create: (host) => new SourceModel(host.session),
  view: sourceView,
  bindings: [
    {
      keys: ['b', 'F9'],
      description: 'Toggle a breakpoint on the cursor line',
      hint: 'b break',
      command: (ctx) => {
        const m = ctx.model(sourceFeature);
        return `toggle-break ${m.get().file}:${m.cursorLine()}`;
      },
      disabledReason: (ctx) => (ctx.model(sourceFeature).get().file ? undefined : 'no source file is shown'),
    },
    { keys: ['.'], description: 'Back to the stop line of the selected frame', hint: '. stop line', command: cmd('list'), silent: true },
    {
      keys: ['r'],
      description: 'Run to the cursor line (a temporary breakpoint, removed at the next stop whatever it is)',
      hint: 'r run to',
      command: (ctx) => {
        const m = ctx.model(sourceFeature);
        return `continue ${m.get().file}:${m.cursorLine()}`;
      },
      disabledReason: (ctx) => whenRunnable(ctx) ?? (ctx.model(sourceFeature).get().file ? undefined : 'no source file is shown'),
    },
  ],
  commands: [
    {
      name: 'list',
      aliases: ['l'],
      args: '[FILE:LINE | LINE]',
      summary: 'Show a line in the source pane; alone, go back to the stop line of the selected frame.',
      run(ctx, args) {
        const m = ctx.model(sourceFeature);
        const a = args.trim();
        ctx.app.focus('source');
        if (!a) {
          if (!m.toStop()) throw new UserError('There is no stop line to go back to.', 'The target is not stopped, or the frame has no source.');
          return;
        }
        const at = /^(?:(.+):)?(\d+)$/.exec(a);
        if (!at) throw new UserError(`'${a}' is not FILE:LINE or LINE.`, 'Example: :list main.go:42');
        const line = Number(at[2]);
        const current = m.get().file;
        let file = at[1] ?? current;
        if (!file) throw new UserError(`Line ${line} of which file? No file is shown yet.`, 'Write FILE:LINE.');
        if (!path.isAbsolute(file) && current && path.basename(current) === path.basename(file)) file = current;
        if (!path.isAbsolute(file)) file = path.resolve(file);
        m.open(file, line);
      },
    },
  ],
};
