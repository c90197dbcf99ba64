import { UserError } from '../errors.js';
import type { Breakpoint } from '../session/state.js';
import { breakpointPlace } from '../session/breakpoints.js';
import { parseBreakArgs, parseLocation, type Location } from './location.js';
import { sourceFeature } from '../source/feature.js';
import type { Command, CommandContext } from '../features/types.js';

export function describeBreakpoint(b: Breakpoint): string {
  const cond = b.condition ? ` if ${b.condition}` : '';
  const hit = b.hitCondition ? ` hit ${b.hitCondition}` : '';
  return `#${b.id} ${breakpointPlace(b)}${cond}${hit}${b.verified ? '' : ' (unverified)'}`;
}

function currentFile(ctx: CommandContext): string | undefined {
  return ctx.session.currentFrame()?.file;
}

function parseId(text: string, usage: string): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d+$/.test(t)) throw new UserError(`'${text.trim()}' is not a breakpoint number.`, `Usage: ${usage}; :breakpoints lists them.`);
  return Number(t);
}

/** A file typed as it is here (a mapped checkout) goes to Delve under the path Delve knows. */
function inDelveTerms(ctx: CommandContext, loc: Location): Location {
  return loc.kind === 'line' ? { ...loc, file: ctx.model(sourceFeature).finder.toDelve(loc.file) } : loc;
}

async function addBreak(ctx: CommandContext, args: string): Promise<void> {
  const parsed = parseBreakArgs(args, currentFile(ctx));
  const loc = inDelveTerms(ctx, parsed.location);
  const bp = await ctx.session.addBreakpoint({
    kind: loc.kind,
    ...(loc.kind === 'line' ? { file: loc.file, line: loc.line } : { spec: loc.spec }),
    ...(parsed.condition ? { condition: parsed.condition } : {}),
    ...(parsed.hitCondition ? { hitCondition: parsed.hitCondition } : {}),
  });
  ctx.print(`Breakpoint ${describeBreakpoint(bp)}`, 'result');
}

export const breakpointCommands: Command[] = [
  {
    name: 'break',
    aliases: ['b'],
    args: 'LOC [if COND] [hit N]',
    summary: 'Set a breakpoint at file.go:LINE, LINE or pkg.Func.',
    help: 'Examples: :break main.go:42   :b 42   :b main.process if o.ID == 7   :b worker.go:10 hit 3',
    run: addBreak,
  },
  {
    name: 'toggle-break',
    args: 'FILE:LINE',
    summary: 'Set or clear a breakpoint on a line (the b key, at the source cursor).',
    async run(ctx, args) {
      const loc = inDelveTerms(ctx, parseLocation(args, currentFile(ctx)));
      const existing = ctx.session.state.breakpoints.find((b) => (loc.kind === 'line' ? b.file === loc.file && b.line === loc.line : b.spec === loc.spec));
      if (existing) {
        await ctx.session.removeBreakpoint(existing.id);
        ctx.print(`Cleared ${describeBreakpoint(existing)}`, 'result');
      } else {
        await addBreak(ctx, args);
      }
    },
  },
  {
    name: 'clear',
    args: 'ID',
    summary: 'Delete breakpoint ID.',
    async run(ctx, args) {
      const bp = await ctx.session.removeBreakpoint(parseId(args, 'clear ID'));
      ctx.print(`Cleared ${describeBreakpoint(bp)}`, 'result');
    },
  },
  {
    name: 'clearall',
    summary: 'Delete every breakpoint.',
    async run(ctx) {
      const all = ctx.session.state.breakpoints;
      for (const b of all) await ctx.session.removeBreakpoint(b.id);
      ctx.print(`Cleared ${all.length} breakpoint(s).`, 'result');
    },
  },
  {
    name: 'cond',
    aliases: ['condition'],
    args: 'ID [EXPR]',
    summary: 'Set (or with no EXPR remove) the condition of breakpoint ID.',
    async run(ctx, args) {
      const m = /^\s*(\S+)\s*(.*)$/.exec(args);
      const id = parseId(m?.[1] ?? '', 'cond ID EXPR');
      const expr = (m?.[2] ?? '').trim();
      await ctx.session.updateBreakpoint(id, { condition: expr || undefined });
      ctx.print(expr ? `Breakpoint #${id} now stops only if ${expr}.` : `Breakpoint #${id} is now unconditional.`, 'result');
    },
  },
  {
    name: 'breakpoints',
    aliases: ['bp', 'info breakpoints'],
    summary: 'List breakpoints.',
    async run(ctx) {
      const all = ctx.session.state.breakpoints;
      ctx.print(all.length ? all.map(describeBreakpoint).join('\n') : 'No breakpoints.', 'result');
    },
  },
];
