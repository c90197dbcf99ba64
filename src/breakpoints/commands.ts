import { UserError } from '../errors.js';
import { clearBreakpoint, clearedSentence, describeBreakpoint, findBreakpoint, inDelveTerms, ownBreakpoint } from '../commands/breakpoints.js';
import { normaliseHit, parseLocation } from '../commands/location.js';
import { commandWhenStopped, type Command, type CommandContext, type Subcommand } from '../features/types.js';
import { breakpointPlace, canLog, othersName, whoseBreakpoint } from '../session/breakpoints.js';
import type { Breakpoint } from '../session/state.js';
import { disabledNote } from './listing.js';
import { logExpressions } from './logformat.js';
import type { BreakpointsModel } from './model.js';

type ModelOf = (ctx: CommandContext) => BreakpointsModel;

/** `ID REST`: one of gotui's own breakpoints and the rest of the line. */
function ownAndRest(ctx: CommandContext, args: string, usage: string): { bp: Breakpoint; id: number; rest: string } {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(args);
  if (!m) throw new UserError('Which breakpoint?', `Usage: ${usage}; :breakpoints lists them.`);
  const bp = ownBreakpoint(ctx, m[1]!, usage);
  return { bp, id: bp.id, rest: m[2]!.trim() };
}

/** A message written in quotes loses them: Delve would print them. */
function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) ? t.slice(1, -1) : t;
}

/** `toggle ID` flips; gdb's `disable ID` and `enable ID` say so when it already is. */
async function setDisabled(ctx: CommandContext, args: string, how: 'toggle' | 'disable' | 'enable'): Promise<void> {
  const bp = ownBreakpoint(ctx, args, `${how} ID`);
  const disabled = how === 'toggle' ? !bp.disabled : how === 'disable';
  if (!!bp.disabled === disabled) return void ctx.print(`#${bp.id} ${breakpointPlace(bp)} is already ${how}d.`, 'info');
  const now = await ctx.session.updateBreakpoint(bp.id, { disabled });
  ctx.print(`${now.disabled ? 'Disabled' : 'Enabled'} #${bp.id} ${breakpointPlace(now)}.`, 'result');
}

/** `:trace LOC [FORMAT]`: a logpoint. DAP takes log messages on line breakpoints only, so a function or relative location is resolved first. */
async function trace(ctx: CommandContext, args: string): Promise<void> {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(args);
  if (!m) throw new UserError('trace needs a location.', 'Usage: trace LOC [MESSAGE with {expr}], e.g. :trace main.go:42 "order {o.ID} total {total}"');
  const loc = inDelveTerms(ctx, parseLocation(m[1]!, ctx.session.currentFrame()?.file));
  const message = unquote(m[2]!) || `${m[1]} hit`;
  logExpressions(message);
  const where = loc.kind === 'line' ? loc : await ctx.session.resolveLocation(loc.spec);
  // One another client set since the last stop is named too (as :clearall reads them).
  await ctx.session.learnBreakpoints?.();
  // A function one placed at the line (`:break main.go:35`) too: :breakpoints log makes it log (a new-user trial was told to give it a condition).
  const clash = ctx.session.state.breakpoints.find((b) => canLog(b) && b.file === where.file && b.line === where.line);
  // Another client's is named as the pane names it, with no command gotui would refuse (a new-user trial was offered `:breakpoints log 25`).
  if (clash?.by !== undefined) throw new UserError(`Line ${where.line} already has ${othersName(clash)}, ${whoseBreakpoint(clash.by)}: Delve keeps one breakpoint a line.`, `gotui changes only its own: trace another line, or :clear ${othersName(clash)} to take it out of Delve, for everyone.`);
  if (clash) throw new UserError(`Line ${where.line} already has breakpoint #${clash.id}.`, `Make it log instead of stop: :breakpoints log ${clash.id} ${message}`);
  const bp = await ctx.session.addBreakpoint({ kind: 'line', file: where.file, line: where.line, logMessage: message });
  ctx.print(`Logpoint #${bp.id} at ${breakpointPlace(bp)}: ${message} (the target does not stop; lines go to the console and the logpoints pane, L).`, 'result');
}

/** `:watch [-r|-w|-rw] EXPR`, as the dlv CLI spells it (gotui's default is -w). */
export function parseWatchArgs(args: string): { access: 'read' | 'write' | 'readWrite'; expr: string } {
  const m = /^\s*(?:(-rw|-wr|-r|-w)(?=\s|$))?\s*([\s\S]*)$/.exec(args)!;
  const expr = m[2]!.trim();
  if (!expr || expr.startsWith('-')) throw new UserError(expr.startsWith('-') ? `'${expr.split(/\s/)[0]}' is not something watch takes.` : 'watch needs an expression.', 'Usage: watch [-r|-w|-rw] EXPR, e.g. :watch -w counter or :watch *(*int)(0xc000012345)');
  const access = m[1] === '-r' ? 'read' : m[1] === '-rw' || m[1] === '-wr' ? 'readWrite' : 'write';
  return { access, expr };
}

export function breakpointCommands(model: ModelOf): Command[] {
  const subcommands: Subcommand[] = [
    { name: 'toggle', args: 'ID', summary: 'Disable breakpoint ID (kept by gotui, taken out of Delve), or enable it again.', run: (ctx, args) => setDisabled(ctx, args, 'toggle') },
    {
      name: 'hit',
      args: 'ID [N | >=N | %N]',
      summary: 'Stop only on the Nth hit (>=N from the Nth, %N every Nth); alone, on every hit.',
      async run(ctx, args) {
        const { id, rest } = ownAndRest(ctx, args, 'breakpoints hit ID [COND]');
        const hit = rest ? normaliseHit(rest) : undefined;
        await ctx.session.updateBreakpoint(id, { hitCondition: hit });
        ctx.print(hit ? `Breakpoint #${id} now stops only when its hit count ${hit}.` : `Breakpoint #${id} now stops on every hit.`, 'result');
      },
    },
    {
      name: 'log',
      args: 'ID [MESSAGE]',
      summary: 'Make breakpoint ID a logpoint printing MESSAGE ({expr} interpolated); alone, make it stop again.',
      async run(ctx, args) {
        const { bp, id, rest } = ownAndRest(ctx, args, 'breakpoints log ID [MESSAGE]');
        if (!canLog(bp)) throw new UserError(`#${id} is not a line breakpoint: Delve logs only at file:line breakpoints.`, 'Set a logpoint with :trace LOC MESSAGE.');
        const message = unquote(rest);
        if (message) logExpressions(message);
        // Nothing to undo: said, not a line breakpoint made of a function one (trial CA).
        if (!message && !bp.logMessage) throw new UserError(`#${id} does not log: it stops the target already.`, `Give it a message to log instead: :breakpoints log ${id} MESSAGE ({expr} is read at each hit).`);
        const logMessage = message || undefined;
        // A function breakpoint at a line (`:break main.go:35`) becomes a line one there, its number kept.
        const now = bp.kind === 'line' ? await ctx.session.updateBreakpoint(id, { logMessage }) : await ctx.session.toLineBreakpoint(id, { logMessage });
        const moved = bp.kind === 'line' ? '' : ` (a line breakpoint at ${breakpointPlace(now)} now: Delve logs only at those)`;
        ctx.print(message ? `#${id} now logs: ${message}${moved}` : `#${id} now stops the target again${moved}.`, 'result');
      },
    },
    {
      name: 'jump',
      args: 'ID',
      summary: 'Show where breakpoint ID is in the source pane.',
      async run(ctx, args) {
        const bp = findBreakpoint(ctx, args, 'breakpoints jump ID');
        if (!bp.file || !bp.line) throw new UserError(`#${bp.id} has no source line${bp.kind === 'data' ? ': it watches memory' : ' yet: Delve has not placed it'}.`);
        await ctx.run(`list ${bp.file}:${bp.line}`);
      },
    },
    {
      name: 'restore',
      summary: 'Set the breakpoints saved for this program (.gotui/breakpoints.json); attached, gotui does not set them by itself.',
      async run(ctx) {
        if (!model(ctx).keepsSaved()) {
          throw new UserError('This session neither reads nor writes saved breakpoints (--no-restore, GOTUI_NO_RESTORE, gotui run, a core file, or a program not on this machine).', 'Start gotui exec or attach without --no-restore on the program\'s machine to use its .gotui/breakpoints.json.');
        }
        const { n, disabled, saved } = await model(ctx).restoreNow();
        // One saved disabled comes back disabled: Delve lists one fewer than were restored.
        const off = disabled.length ? ` (${disabledNote(disabled)})` : '';
        const none = saved ? `${saved === 1 ? 'The saved breakpoint is' : `All ${saved} saved breakpoints are`} set already (here, or by another gotui on this Delve).` : 'No breakpoints are saved for this program.';
        ctx.print(n ? `Restored ${n} saved breakpoint${n === 1 ? '' : 's'}${off}.` : none, 'result');
      },
    },
    {
      name: 'refresh',
      summary: "Read hit counts and other clients' breakpoints from Delve again (at a stop).",
      disabledReason: commandWhenStopped,
      async run(ctx) {
        if (!(await model(ctx).refresh())) throw new UserError('Delve did not say: this server has no JSON-RPC side channel.', 'Hit counts need a headless Delve (--accept-multiclient --api-version=2).');
      },
    },
  ];
  return [
    {
      name: 'clearall',
      summary: 'Delete every breakpoint.',
      async run(ctx) {
        let cleared = 0;
        // Delve keeps one list for every client: read first, so that a breakpoint another client set
        // since the last stop goes too; those gotui did not set are named, whose they were.
        await ctx.session.learnBreakpoints?.();
        const theirs: string[] = [];
        for (const b of ctx.session.state.breakpoints) {
          // A run-to's temporary breakpoint may be taken out by its own clean-up meanwhile.
          if (!ctx.session.state.breakpoints.some((x) => x.id === b.id)) continue;
          await clearBreakpoint(ctx, b.id);
          if (!b.temporary) cleared++;
          if (b.by !== undefined) theirs.push(`${describeBreakpoint(b)} (${b.by}'s)`);
        }
        const saved = model(ctx).dropSaved();
        ctx.print(`${clearedSentence(cleared, theirs)}${saved ? ` The ${saved.n === 1 ? 'one' : saved.n} saved for this program in ${saved.file} ${saved.n === 1 ? 'is' : 'are'} dropped too: its next start under gotui sets none.` : ''}`, 'result');
      },
    },
    {
      name: 'breakpoints',
      aliases: ['bp', 'info breakpoints'],
      args: '[toggle|hit|log|jump|restore|refresh ...]',
      summary: 'List breakpoints as the dlv CLI does (addresses, hit counts, conditions), other clients\' too.',
      help: 'The pane (B) shows the same; its keys toggle (Space), delete (d), edit the condition (e), the hit condition (h), the log message (m), and jump to the line (Enter).',
      subcommands,
      async run(ctx, args) {
        if (args.trim()) throw new UserError(`breakpoints does not know '${args.trim().split(/\s+/)[0]}'.`, `Subcommands: ${subcommands.map((s) => s.name).join(', ')}.`);
        const { lines, count } = await model(ctx).listingLines();
        ctx.show(`Breakpoints (${count})`, lines.length ? lines.join('\n') : 'No breakpoints.');
      },
    },
    { name: 'toggle', args: 'ID', summary: 'Disable or enable breakpoint ID (as the dlv CLI\'s toggle).', run: (ctx, args) => setDisabled(ctx, args, 'toggle') },
    { name: 'disable', args: 'ID', summary: "Disable breakpoint ID (gdb's disable; gotui keeps it, Delve no longer has it).", run: (ctx, args) => setDisabled(ctx, args, 'disable') },
    { name: 'enable', args: 'ID', summary: "Enable breakpoint ID again (gdb's enable).", run: (ctx, args) => setDisabled(ctx, args, 'enable') },
    {
      name: 'trace',
      completes: 'location',
      aliases: ['logpoint'],
      args: 'LOC [MESSAGE with {expr}]',
      summary: 'Set a logpoint: at each hit Delve prints MESSAGE ({expr} interpolated) and the target goes on.',
      help: 'Examples: :trace main.go:42 "order {o.ID} total {total}"   :trace main.process   :logpoint 42 n={n}. Lines go to the console and the logpoints pane (L).',
      run: trace,
    },
    {
      name: 'on',
      args: 'ID print EXPR | stack N | clear',
      summary: 'Run a command each time breakpoint ID stops the target: print EXPR, or print N frames of the stack (as the dlv CLI\'s on).',
      async run(ctx, args) {
        const { id, rest } = ownAndRest(ctx, args, 'on ID print EXPR | stack N | clear');
        if (rest === 'clear' || rest === '-clear') {
          const n = model(ctx).clearOnHit(id);
          ctx.print(`Removed ${n} command${n === 1 ? '' : 's'} from #${id}.`, 'result');
          return;
        }
        const print = /^(?:print|p)\s+(\S[\s\S]*)$/.exec(rest);
        const stack = /^(?:stack|bt)\s+(\d{1,4})$/.exec(rest);
        if (!print && !stack) throw new UserError(`'${rest}' is not something on runs.`, 'Usage: on ID print EXPR | stack N | clear');
        const action = print ? `print ${print[1]!.trim()}` : `stack ${stack![1]}`;
        model(ctx).addOnHit(id, action);
        ctx.print(`#${id} will ${print ? `print ${print[1]!.trim()}` : `print ${stack![1]} frames`} each time it stops the target.`, 'result');
      },
    },
    {
      name: 'watch',
      completes: 'expression',
      args: '[-r|-w|-rw] EXPR',
      summary: 'Set a watchpoint (hardware data breakpoint): stop when the memory EXPR names is written (-w, the default), read (-r), or either (-rw).',
      help: 'EXPR is read in the selected frame: a variable, a field, *(*int)(0xADDR); at most 8 bytes. The stop says which watchpoint and the old and new value. Needs Delve >= 1.26.2; Delve changes watchpoints only while the target is stopped.',
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const { access, expr } = parseWatchArgs(args);
        const bp = await ctx.session.addWatchpoint(expr, access);
        const value = await model(ctx).noteWatchpoint(bp);
        ctx.print(`Watchpoint #${bp.id} on [${expr}] (${access === 'readWrite' ? 'read/write' : access})${value !== undefined ? `, now ${value}` : ''}.`, 'result');
        const innermost = bp.watch?.innermost;
        if (innermost) ctx.print(`Set from a caller's frame: if ${expr} is on the stack, Delve clears this watchpoint when ${innermost} returns, not when ${ctx.session.state.selection?.frame?.name ?? 'its own function'} does. To watch it longer, step out (o) to that function and set it there.`, 'warning');
      },
    },
  ];
}
