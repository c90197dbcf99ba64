import { stackView } from './pane.js';
import { UserError } from '../errors.js';
import { commandWhenStopped, whenStopped, type CommandContext, type Feature } from '../features/types.js';
import { StackModel } from './model.js';

function parseCount(text: string, what: string, usage: string): number {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) throw new UserError(`'${t}' is not a ${what}.`, `Usage: ${usage}`);
  return Number(t);
}

function printFrame(ctx: CommandContext): void {
  const f = ctx.session.currentFrame();
  if (f) ctx.print(`Frame ${f.index}: ${f.name} ${f.file ?? '?'}:${f.line}`, 'result');
}

async function moveFrame(ctx: CommandContext, by: number): Promise<void> {
  const at = ctx.session.currentFrame()?.index ?? 0;
  try {
    await ctx.session.selectFrame(at + by);
  } catch (err) {
    // Said in the user's terms: `up 100` at frame 3 is not a request for frame 103.
    if (err instanceof UserError && /^There is no frame -?\d+\.$/.test(err.message)) throw new UserError(`There is no frame ${by > 0 ? 'up' : 'down'} ${Math.abs(by)} from frame ${at}.`, err.hint);
    throw err;
  }
  printFrame(ctx);
}

export const stackFeature: Feature<StackModel> = {
  id: 'stack',
  title: 'Stack',
  slot: 'right',
  create: (host) => new StackModel(host.session),
  view: stackView,
  bindings: [
    {
      keys: ['enter'],
      description: 'Select the frame (source and variables follow)',
      hint: 'Enter select',
      command: (ctx) => `frame ${ctx.model(stackFeature).get().cursor.index}`,
      disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.model(stackFeature).cursorFrame() ? undefined : 'no frame under the cursor'),
    },
  ],
  commands: [
    {
      name: 'frame',
      aliases: ['f'],
      args: 'N',
      summary: 'Select frame N of the selected goroutine (0 is the innermost).',
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        await ctx.session.selectFrame(parseCount(args, 'frame number', 'frame N'));
        printFrame(ctx);
      },
    },
    {
      name: 'up',
      args: '[N]',
      summary: 'Move N frames towards the caller (default 1).',
      disabledReason: commandWhenStopped,
      run: (ctx, args) => moveFrame(ctx, args.trim() ? parseCount(args, 'count', 'up [N]') : 1),
    },
    {
      name: 'down',
      args: '[N]',
      summary: 'Move N frames towards the innermost (default 1).',
      disabledReason: commandWhenStopped,
      run: (ctx, args) => moveFrame(ctx, -(args.trim() ? parseCount(args, 'count', 'down [N]') : 1)),
    },
    {
      name: 'stack',
      aliases: ['bt', 'backtrace'],
      args: '[N]',
      summary: 'Print the stack of the selected goroutine (the first N frames, default all of it up to 1,000).',
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const sel = ctx.session.state.selection;
        if (!sel) throw new UserError('No goroutine is selected.');
        const limit = args.trim() ? parseCount(args, 'count', 'stack [N]') : 1000;
        const page = await ctx.session.frames(sel.goroutine, 0, limit);
        const lines = page.frames.map((f) => `${f.index === sel.frame?.index ? '>' : ' '}${String(f.index).padStart(4)} ${f.name}  ${f.file ?? '?'}:${f.line}`);
        if (!page.complete) lines.push(`  … more frames: :stack ${limit * 2} prints more.`);
        ctx.show(`Stack of goroutine ${sel.goroutine}`, lines.join('\n') || 'No frames.');
      },
    },
  ],
};
