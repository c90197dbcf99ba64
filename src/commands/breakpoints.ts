import { UserError } from '../errors.js';
import { filesNamed, nearestNames, pathsShownAs, quoteRegExp } from '../core/text.js';
import { NOT_NARROW_GO } from '../core/narrow.js';
import { packageOf, type Breakpoint } from '../session/state.js';
import { scopeOf } from '../delve/rpc.js';
import { breakpointName, breakpointPlace, othersName, whoseBreakpoint, type BreakpointSpec } from '../session/breakpoints.js';
import { BreakpointThere, conditionNotGo, exitedRefusal } from '../session/session.js';
import { parseBreakArgs, parseLocation, type Location } from './location.js';
import { namesFiles, sourceFeature } from '../source/feature.js';
import { parseAddressExpr } from '../memory/address-expr.js';
import { resolveAddress } from '../memory/resolve.js';
import type { Command, CommandContext } from '../features/types.js';
import { withTypeArgs } from '../session/frame-names.js';

/**
 * Takes breakpoint `id` out of Delve. One made outside DAP (the dlv CLI's) is in no list gotui
 * sends: it goes through Delve's JSON-RPC, which answers only while the target is halted.
 */
export async function clearBreakpoint(ctx: CommandContext, id: number): Promise<Breakpoint> {
  const bp = ctx.session.state.breakpoints.find((b) => b.id === id);
  if (!bp?.outside || bp.delveId === undefined) return ctx.session.removeBreakpoint(id);
  ctx.session.requireStopped(`clear breakpoint #${id} (another client's)`);
  await (await ctx.rpc('clear another client\'s breakpoint')).call('ClearBreakpoint', { Id: bp.delveId });
  ctx.session.forgetOthers((b) => b.id === id);
  return bp;
}

/**
 * Refuses a condition that is not a Go expression, as the dlv CLI does: Delve itself keeps one as
 * `BadExpr` and stops at every hit, saying nothing. Delve parses an expression before it looks a
 * name up, so its Eval's error says which it was (`1:6: expected operand, found 'EOF'`): a name
 * this frame lacks may be right where the breakpoint is. Asked only while halted.
 */
async function checkCondition(ctx: CommandContext, expr: string | undefined): Promise<void> {
  if (!expr || ctx.session.state.status !== 'stopped') return;
  const rpc = await ctx.rpc('check the condition').catch(() => undefined);
  if (!rpc) return;
  try {
    await rpc.call('Eval', { Scope: scopeOf(ctx.session.state.selection), Expr: expr, Cfg: { FollowPointers: false, MaxVariableRecurse: 0, MaxStringLen: 0, MaxArrayValues: 0, MaxStructFields: 0 } });
  } catch (err) {
    const notGo = conditionNotGo(expr, err instanceof Error ? err.message : String(err));
    if (notGo) throw notGo;
  }
}

/** `:clearall`'s answer: how many, naming those other clients set (all of them, or among them). */
export function clearedSentence(cleared: number, theirs: readonly string[]): string {
  const count = `Cleared ${cleared} breakpoint${cleared === 1 ? '' : 's'}`;
  if (!theirs.length) return `${count}.`;
  return `${count}${theirs.length === cleared ? ': ' : ', among them '}${theirs.join(' and ')}.`;
}

export function describeBreakpoint(b: Breakpoint): string {
  const cond = b.condition ? ` if ${b.condition}` : '';
  const hit = b.hitCondition ? ` hit ${b.hitCondition}` : '';
  const unset = exitedRefusal(b.message) ? ' (kept: the program has exited; :restart sets it)' : ' (unverified)';
  return `${breakpointName(b)} ${breakpointPlace(b)}${cond}${hit}${b.disabled ? ' (disabled)' : b.verified ? '' : unset}`;
}

function currentFile(ctx: CommandContext): string | undefined {
  return ctx.session.currentFrame()?.file;
}

export function parseId(text: string, usage: string): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d+$/.test(t)) throw new UserError(`'${text.trim()}' is not a breakpoint number.`, `Usage: ${usage}; :breakpoints lists them.`);
  return Number(t);
}

/** A breakpoint as the panes name it: gotui's `#3` (or `3`), another client's `other#3` (or `3` when gotui has no #3), a peer's `alice#1`. */
export function findBreakpoint(ctx: CommandContext, text: string, usage: string): Breakpoint {
  const t = text.trim();
  const all = ctx.session.state.breakpoints.filter((b) => !b.temporary);
  // One the dlv CLI named goes by that name, and by Delve's number as the unnamed do.
  const delveNumbered = (b: Breakpoint, name: string) => othersName(b) === name || (b.delveName !== undefined && `other#${b.delveId}` === name);
  let bp: Breakpoint | undefined = all.find((b) => b.by !== undefined && b.delveName === t);
  if (bp) return bp;
  if (/^[^\s#]+#\d+$/.test(t)) bp = all.find((b) => b.by !== undefined && delveNumbered(b, t));
  else {
    const id = parseId(t, usage);
    bp = all.find((b) => b.id === id && b.by === undefined) ?? all.find((b) => b.by !== undefined && delveNumbered(b, `other#${id}`));
  }
  if (!bp) throw new UserError(`There is no breakpoint ${t}.`, all.length ? `Breakpoints: ${all.map(breakpointName).join(', ')}.` : 'There are no breakpoints.');
  return bp;
}

/** One of gotui's own breakpoints: another client's is shown, and changed only by whoever set it (or cleared). */
export function ownBreakpoint(ctx: CommandContext, text: string, usage: string): Breakpoint {
  return notOthers(findBreakpoint(ctx, text, usage));
}

/** Refuses another client's breakpoint (or one the user kept earlier, left as found): gotui changes only its own. */
function notOthers(bp: Breakpoint): Breakpoint {
  if (bp.by === undefined) return bp;
  throw new UserError(`${othersName(bp)} is ${whoseBreakpoint(bp.by)}: gotui changes only its own.`, `:clear ${othersName(bp)} takes it out of Delve, for everyone.`);
}

/** A file typed as it is here (a mapped checkout) goes to Delve under the path Delve knows. */
export function inDelveTerms(ctx: CommandContext, loc: Location): Location {
  return loc.kind === 'line' ? { ...loc, file: ctx.model(sourceFeature).finder.toDelve(loc.file) } : loc;
}

/** `*ADDR [if COND] [hit N]`: an instruction breakpoint; ADDR is gdb's address syntax (0x4d2763, $pc+4, &v). */
async function addInstructionBreak(ctx: CommandContext, args: string): Promise<void> {
  const parsed = parseBreakArgs(args.trim().replace(/^\*\s*/, 'instruction '), undefined, true);
  ctx.session.requireStopped('resolve an instruction address');
  await checkCondition(ctx, parsed.condition);
  const text = (parsed.location as { spec: string }).spec;
  const address = await resolveAddress(ctx.session, parseAddressExpr(text), { rpc: () => ctx.rpc('find the function') });
  const bp = await ctx.session.addBreakpoint({
    kind: 'instruction',
    address,
    ...(parsed.condition ? { condition: parsed.condition } : {}),
    ...(parsed.hitCondition ? { hitCondition: parsed.hitCondition } : {}),
  });
  ctx.print(`Breakpoint ${describeBreakpoint(bp)}`, 'result');
}

async function addBreak(ctx: CommandContext, args: string): Promise<void> {
  if (args.trim().startsWith('*')) return addInstructionBreak(ctx, args);
  const parsed = parseBreakArgs(args, currentFile(ctx));
  let loc = await shownNameResolved(ctx, inDelveTerms(ctx, parsed.location));
  await checkCondition(ctx, parsed.condition);
  const add = (at: Location) =>
    ctx.session.addBreakpoint({
      kind: at.kind,
      ...(at.kind === 'line' ? { file: at.file, line: at.line } : { spec: at.spec }),
      ...(parsed.condition ? { condition: parsed.condition } : {}),
      ...(parsed.hitCondition ? { hitCondition: parsed.hitCondition } : {}),
    });
  const bp = await add(loc)
    .catch(async (err: unknown) => {
      // Delve lists no files while the target runs: the way to look is said, not a file list that cannot answer (trial CL).
      const typed = loc.kind === 'function' && err instanceof UserError && err.message.startsWith('No file ') && /^(.+\.go):(\d+)$/.test(loc.spec);
      if (typed && ctx.session.state.status !== 'stopped') throw new UserError((err as UserError).message, "While the target runs Delve lists no files: p pauses it, then :break finds a file by the name on the screen too, and :sources RE lists the program's files.");
      throw err;
    })
    .catch(async (err: unknown) => {
      // The same plain breakpoint again (a script's `break` over one restored from the last session,
      // trial AN): it is there, which is what was asked.
      const same = err instanceof BreakpointThere && !parsed.condition && !parsed.hitCondition && !err.existing.condition && !err.existing.hitCondition && !err.existing.logMessage && !err.existing.disabled;
      if (same) return { ...err.existing, there: true as const };
      if (!(err instanceof UserError) || !err.message.startsWith('No code at')) throw err;
      const at = lineOf(loc);
      if (at) throw (await pastTheEnd(ctx, at)) ?? err;
      const near = loc.kind === 'function' ? await nearFunctions(ctx, loc.spec) : [];
      // The names first: at 80 columns the command row cut them off after Delve's words (trial Y).
      throw near.length && loc.kind === 'function' ? new UserError(`No function ${loc.spec}. Did you mean ${near.join(', ')}?`, ':funcs RE lists the functions.') : err;
    });
  ctx.print(`Breakpoint ${describeBreakpoint(bp)}${'there' in bp ? ' (there already)' : ''}`, 'result');
}

/**
 * Functions of the target named nearly as `spec` (`main.shopp`: `main.shopper`), as a mistyped command
 * is met (trial X: a function got no such help); compared without the package's path unless one was
 * typed. None while the target runs (Delve waits).
 */
async function nearFunctions(ctx: CommandContext, spec: string): Promise<string[]> {
  const pkg = packageOf(spec);
  if (ctx.session.state.status !== 'stopped' || !pkg) return [];
  const rpc = await ctx.rpc('find functions').catch(() => undefined);
  const funcs = (await rpc?.packageFunctions(pkg, { timeoutMs: 5_000 }).catch(() => undefined)) ?? [];
  // `example.com/shop/cart.Total` as `cart.Total`, and a generic one without its shapes, as typed
  // (trial AP was offered `main.Filter[go.shape.struct { … }]`; Delve takes `main.Filter`).
  const short = (whole: string) => {
    const f = withTypeArgs(whole, '');
    return pkg.includes('/') ? f : f.slice((packageOf(f) ?? '').lastIndexOf('/') + 1);
  };
  return nearestNames(spec, [...new Set(funcs.map(short))]);
}

/** The file and line a place names, if it names one: a bare `main.go:N` goes to Delve as a FILE:LINE spec, which it matches against its files. */
export function lineOf(loc: Location | BreakpointSpec): { file: string; line: number } | undefined {
  if (loc.kind === 'line') return loc.file && loc.line ? { file: loc.file, line: loc.line } : undefined;
  const m = /^(.+\.go):(\d+)$/.exec(loc.spec ?? '');
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
}

/**
 * A line Delve found no code at, past the end of the file as gotui reads it: said so, with the
 * file's length, by :break and :continue alike (trial BX: :continue said less).
 */
export async function pastTheEnd(ctx: CommandContext, { file, line }: { file: string; line: number }): Promise<UserError | undefined> {
  const finder = ctx.model(sourceFeature).finder;
  // `main.go:N` typed bare names the current file when it is one of that name (the file on
  // screen when there is no frame: attached to a running target, `:list main.go` opened it).
  const current = currentFile(ctx) ?? ctx.model(sourceFeature).get().file;
  const path = !file.includes('/') && current && current.split('/').pop() === file ? current : file.startsWith('/') ? file : ((await onlySource(ctx, file)) ?? file);
  const f = await finder.load(path).catch(() => undefined);
  if (!f || f.missing || !f.lines.length || line <= f.lines.length) return undefined;
  return new UserError(`${file} has ${f.lines.length} lines: line ${line} is past its end.`, `Give a line from 1 to ${f.lines.length} that holds a statement.`);
}

/** The target's source files Delve lists that match `filter` (a Go regexp); none while the target runs (Delve waits). */
async function listSources(ctx: CommandContext, filter: string): Promise<string[]> {
  if (ctx.session.state.status !== 'stopped') return [];
  const rpc = await ctx.rpc('find the file').catch(() => undefined);
  return (await rpc?.call<{ Sources: string[] | null }>('ListSources', { Filter: filter }, { timeoutMs: 5_000 }).catch(() => undefined))?.Sources ?? [];
}

/**
 * `xy.go:5` where a file of the program is shown as `xy.go` but named with escapes (trial CH): that
 * file, or the one on screen where a real `xy.go` is named too, else refused as naming both (trial
 * CN: Delve took the real one, typed at the other). Delve resolves any other name itself.
 */
async function shownNameResolved(ctx: CommandContext, loc: Location): Promise<Location> {
  const typed = loc.kind === 'function' ? /^([^/].*\.go):(\d+)$/.exec(loc.spec) : null;
  if (!typed) return loc;
  // Only files whose names hold what the screen cannot show are asked for first (a program lists thousands).
  const odd = pathsShownAs(await listSources(ctx, NOT_NARROW_GO), typed[1]!);
  if (!odd.length) return loc;
  const found = filesNamed([...(await listSources(ctx, `(^|/)${quoteRegExp(typed[1]!)}$`)), ...odd], typed[1]!, ctx.model(sourceFeature).get().file);
  if (found.length > 1) throw namesFiles(typed[1]!, found);
  return { kind: 'line', file: found[0]!, line: Number(typed[2]) };
}

/** The one source file of the target whose path ends in `name` (`main.go`, `orders/main.go`), as Delve lists them. */
async function onlySource(ctx: CommandContext, name: string): Promise<string | undefined> {
  const found = await listSources(ctx, `(^|/)${quoteRegExp(name)}$`);
  return found.length === 1 ? found[0] : undefined;
}

export const breakpointCommands: Command[] = [
  {
    name: 'break',
    completes: 'location',
    aliases: ['b'],
    args: 'LOC [if COND] [hit N]',
    summary: 'Set a breakpoint at file.go:LINE, LINE, pkg.Func, or *ADDR (an instruction).',
    help: 'Examples: :break main.go:42   :b 42   :b main.process if o.ID == 7   :b worker.go:10 hit 3   :b *0x4d2763   :b *$pc+4',
    run: addBreak,
  },
  {
    name: 'toggle-break',
    args: 'FILE:LINE',
    summary: 'Set or clear a breakpoint on a line (the b key, at the source cursor).',
    async run(ctx, args) {
      const at = /^\s*\*\s*(0x[0-9a-f]+)\s*$/i.exec(args);
      if (at) {
        const existing = ctx.session.state.breakpoints.find((b) => b.kind === 'instruction' && b.address === BigInt(at[1]!));
        if (existing) {
          await ctx.session.removeBreakpoint(notOthers(existing).id);
          ctx.print(`Cleared ${describeBreakpoint(existing)}`, 'result');
        } else await addInstructionBreak(ctx, args);
        return;
      }
      const loc = inDelveTerms(ctx, parseLocation(args, currentFile(ctx)));
      const existing = ctx.session.state.breakpoints.find((b) => b.kind !== 'data' && (loc.kind === 'line' ? b.file === loc.file && b.line === loc.line : b.spec === loc.spec));
      if (existing) {
        // b on another client's line is no way to clear it unasked: :clear says whose it is.
        await clearBreakpoint(ctx, notOthers(existing).id);
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
      const bp = await clearBreakpoint(ctx, findBreakpoint(ctx, args, 'clear ID').id);
      ctx.print(`Cleared ${describeBreakpoint(bp)}`, 'result');
    },
  },
  {
    name: 'cond',
    aliases: ['condition'],
    args: 'ID [EXPR]',
    summary: 'Set (or with no EXPR remove) the condition of breakpoint ID.',
    async run(ctx, args) {
      const m = /^\s*(\S+)\s*(.*)$/.exec(args);
      const id = ownBreakpoint(ctx, m?.[1] ?? '', 'cond ID EXPR').id;
      const expr = (m?.[2] ?? '').trim();
      await checkCondition(ctx, expr);
      await ctx.session.updateBreakpoint(id, { condition: expr || undefined });
      ctx.print(expr ? `Breakpoint #${id} now stops only if ${expr}.` : `Breakpoint #${id} is now unconditional.`, 'result');
    },
  },
];
