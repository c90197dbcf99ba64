import { UserError } from '../errors.js';
import { parseThreadName } from '../session/threads.js';
import type { Command, CommandContext } from './types.js';

const whenStopped = (ctx: CommandContext) => (ctx.session.state.status === 'stopped' ? undefined : `the target is ${ctx.session.state.status}`);

function parseIndex(text: string, what: string, usage: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new UserError(`'${t}' is not a ${what}.`, `Usage: ${usage}`);
  return Number(t);
}

export const navigationCommands: Command[] = [
  {
    name: 'goroutine',
    aliases: ['gr'],
    args: '[ID]',
    summary: 'Select goroutine ID (stack, source and variables follow); without ID, show the selected one.',
    disabledReason: whenStopped,
    async run(ctx, args) {
      if (!args.trim()) {
        const id = ctx.session.state.selectedThreadId;
        const t = ctx.session.state.threads.find((x) => x.id === id);
        ctx.print(t ? `Goroutine ${id}: ${parseThreadName(t.name).location}` : 'No goroutine is selected.', 'result');
        return;
      }
      const id = parseIndex(args, 'goroutine id', 'goroutine ID');
      await ctx.session.selectThread(id);
      const top = ctx.session.currentFrame();
      ctx.print(`Goroutine ${id}${top ? ` at ${top.name} ${top.file ?? ''}:${top.line}` : ''}`, 'result');
    },
  },
  {
    name: 'frame',
    aliases: ['f'],
    args: 'N',
    summary: 'Select frame N of the selected goroutine (0 is the innermost).',
    disabledReason: whenStopped,
    async run(ctx, args) {
      await ctx.session.selectFrame(parseIndex(args, 'frame number', 'frame N'));
      printFrame(ctx);
    },
  },
  {
    name: 'up',
    args: '[N]',
    summary: 'Move N frames towards the caller (default 1).',
    disabledReason: whenStopped,
    async run(ctx, args) {
      await ctx.session.selectFrame(ctx.session.state.selectedFrame + (args.trim() ? parseIndex(args, 'count', 'up [N]') : 1));
      printFrame(ctx);
    },
  },
  {
    name: 'down',
    args: '[N]',
    summary: 'Move N frames towards the innermost (default 1).',
    disabledReason: whenStopped,
    async run(ctx, args) {
      await ctx.session.selectFrame(ctx.session.state.selectedFrame - (args.trim() ? parseIndex(args, 'count', 'down [N]') : 1));
      printFrame(ctx);
    },
  },
  {
    name: 'stack',
    aliases: ['bt', 'backtrace'],
    summary: 'Print the stack of the selected goroutine.',
    disabledReason: whenStopped,
    async run(ctx) {
      const s = ctx.session.state;
      ctx.print(s.frames.map((f, i) => `${i === s.selectedFrame ? '>' : ' '}${String(i).padStart(3)} ${f.name}  ${f.file ?? '?'}:${f.line}`).join('\n') || 'No frames.', 'result');
    },
  },
];

function printFrame(ctx: CommandContext): void {
  const f = ctx.session.currentFrame();
  if (f) ctx.print(`Frame ${ctx.session.state.selectedFrame}: ${f.name} ${f.file ?? '?'}:${f.line}`, 'result');
}
