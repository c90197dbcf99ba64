import { UserError, describeError } from '../errors.js';
import { commandWhenStopped, type Command, type CommandContext } from '../features/types.js';
import { channelWaiters, describeChannel, WAITERS_LISTED } from '../channels/inspect.js';
import { checkedLvalue, evalHintReading, setHint } from '../session/session.js';
import { namesNear } from './scope-names.js';
import { atEntry } from '../session/state.js';
import { mapTails, shownValue } from '../variables/summary.js';
import { scopeOf } from '../delve/rpc.js';
import { goMinorFromProducer, waitReasonText } from '../goroutines/waitreason.js';
import { FLAGS_REGISTER, fromGdbPrint, registersFrameNote } from './gdb-print.js';
import { gdbEflags } from '../registers/gdb-format.js';
import { Kind, parseFormatArg, prettyPrint, PRINT_LOAD_CONFIG, type RpcValue } from '../delve/pretty.js';
import { bracketFault } from './brackets.js';

/**
 * `print -whole`'s load (the y key): what the dlv CLI shows after `config max-string-len` and
 * `config max-array-values` are raised; the pager takes it.
 */
const WHOLE_LOAD_CONFIG = { ...PRINT_LOAD_CONFIG, MaxStringLen: 1 << 20, MaxArrayValues: 10_000 };

/**
 * `print` as the dlv CLI prints it, through Delve's JSON-RPC Eval: pointers with their address,
 * format verbs, channels with their buffer and the goroutines waiting on them. Undefined on a
 * server without JSON-RPC.
 */
async function printAsCli(ctx: CommandContext, args: string, cfg = PRINT_LOAD_CONFIG): Promise<string | undefined> {
  // Not through the memory model: making it would read the frame's scopes at every stop.
  const rpc = await ctx.rpc('print').catch(() => undefined);
  if (!rpc) return undefined;
  const { verb, expr } = parseFormatArg(args);
  if (!expr) throw new UserError('print needs an expression after the format.', 'Example: :print %x n');
  const sel = ctx.session.state.selection;
  const scope = scopeOf(sel);
  let v: RpcValue;
  try {
    v = (await rpc.call<{ Variable: RpcValue }>('Eval', { Scope: scope, Expr: expr, Cfg: cfg })).Variable;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const reads = async (e: string) => !!(await rpc.call('Eval', { Scope: scope, Expr: e, Cfg: cfg }).catch(() => undefined));
    throw new UserError(`Cannot evaluate '${expr}': ${msg}.`, await evalHintReading(msg, expr, sel?.frame?.name, reads, undefined, atEntry(ctx.session.state), () => namesNear(ctx, expr.trim())));
  }
  let text = prettyPrint(v, verb);
  if (v.kind === Kind.Chan && v.addr) {
    const arg = `*(*${JSON.stringify(v.type)})(0x${v.addr.toString(16)})`;
    // Delve evaluates the filter's channel expression in the scope given beside it.
    const { goroutines: gs, more } = await channelWaiters(rpc, arg, scope);
    const goMinor = goMinorFromProducer((await rpc.getVersion().catch(() => undefined))?.TargetGoVersion ?? '');
    const where = (g: (typeof gs)[number]) => {
      const loc = g.userCurrentLoc;
      const reason = g.status === 4 ? waitReasonText(g.waitReason, goMinor) : '';
      return `${loc.file}:${loc.line} ${loc.function?.name ?? '?'} (0x${loc.pc.toString(16)})${reason ? ` [${reason}]` : ''}`;
    };
    // The dlv CLI's words; past the first 100, how many there are and where they all are.
    text += `\n\nGoroutines waiting on this channel:\n${gs.slice(0, WAITERS_LISTED).map((g) => `  Goroutine ${g.id} - User: ${where(g)}`).join('\n')}`;
    if (more || gs.length > WAITERS_LISTED) text += `\n  … the first ${WAITERS_LISTED} of ${more ? 'more than ' : ''}${gs.length.toLocaleString('en-US')} listed: :goroutines -chan ${expr} lists them all, in the pager.`;
  }
  return text.trimEnd();
}

/**
 * A register an outer frame has no value for (Delve knows only what the calls saved: its pc, sp and
 * bp), which Delve says as a symbol it cannot find, in gotui's spelling (trial BQ: `Cannot evaluate
 * 'RFLAGS' … it is not a variable in scope` for a typed `$eflags` in frame 2).
 */
function unsavedRegister(err: unknown, typed: string, frame: { index: number; name: string } | undefined): UserError | undefined {
  const reg = /could not find symbol value for (\w+)/.exec(err instanceof Error ? err.message : String(err))?.[1];
  const asTyped = /\$[A-Za-z_]\w*/.exec(typed)?.[0];
  if (!reg || !asTyped || !frame || frame.index === 0 || !/^[A-Z][A-Z0-9]*$/.test(reg)) return undefined;
  return new UserError(`Frame ${frame.index} (${frame.name}) has no ${asTyped}: Delve knows an outer frame's registers only where the calls saved them (its pc, sp and bp).`, `:frame 0, then :print ${typed} (gdb shows frame 0's value there too).`);
}

export const dataCommands: Command[] = [
  {
    name: 'print',
    completes: 'expression',
    aliases: ['p'],
    args: '[-whole] [%VERB] EXPR',
    summary: 'Evaluate a Go expression in the selected frame, as the dlv CLI prints it (-whole: strings to 1 MiB and 10,000 elements, not 64).',
    help: 'Examples: :p o.Items[0]   :p len(s)   :p ptr (its address too)   :p %x n   :p %b flags   :p jobs (a channel: buffer and waiting goroutines)   :p RSP (registers are uppercase in Delve). Verbs are Go\'s: %x %X %d %o %O %b %c %q %s %t %f %e %g. gdb\'s spelling works too: :p/x $sp, :p $pc.',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      const whole = /^\s*-whole(?:\s+|$)/.exec(args);
      if (whole) args = args.slice(whole[0].length);
      if (!args.trim()) throw new UserError('print needs an expression.', 'Example: :print o.Customer');
      const typed = args.trim();
      args = fromGdbPrint(args);
      const read = await printAsCli(ctx, args, whole ? WHOLE_LOAD_CONFIG : PRINT_LOAD_CONFIG).catch((err: unknown) => {
        throw unsavedRegister(err, typed, ctx.session.state.selection?.frame) ?? err;
      });
      // gdb prints the flags by name (trial BL: `p $eflags` in decimal).
      const cli = read !== undefined && FLAGS_REGISTER.test(typed) && /^\d+$/.test(read) ? gdbEflags(BigInt(read)) : read;
      if (cli !== undefined) {
        // Alone on the command row (the console not shown), the value is named: `round = 2`, not `2`.
        ctx.show(typed, cli, { row: `${typed} = ${cli}` });
        const whose = registersFrameNote(ctx.session.state.selection?.frame, typed);
        if (whose) ctx.print(whose, 'info');
        return;
      }
      if (args.trim().startsWith('%')) throw new UserError('Format verbs need Delve\'s JSON-RPC API, which this server does not offer.', 'Start Delve headless with --accept-multiclient --api-version=2, or print without the verb.');
      // `clipboard` asks Delve for the value untruncated.
      const r = await ctx.session.evaluate(args.trim(), 'clipboard');
      ctx.show(args.trim(), `${args.trim()} = ${r.type ? `(${r.type}) ` : ''}${r.result}`);
    },
  },
  {
    name: 'chan',
    args: 'EXPR',
    summary: 'A channel as a queue: length, capacity, open or closed, its buffer next-out first, who waits to send and receive.',
    help: ':print CH shows the same channel as the dlv CLI does (its hchan, the ring in memory order).',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      if (!args.trim()) throw new UserError('chan needs a channel expression.', 'Example: :chan queue');
      const text = await describeChannel(ctx, args.trim());
      if (text === undefined) throw new UserError(`${args.trim()} is not a channel.`, 'Example: :chan queue (a chan in scope of the selected frame).');
      ctx.show(args.trim(), text);
    },
  },
  {
    name: 'set',
    completes: 'expression',
    args: '[var] LHS = RHS',
    summary: 'Assign a number, bool or pointer to a variable (any Go lvalue: n, *p, o.Items[0].Qty).',
    help: "gdb's `set var n = 3` works too (scripts need it: there `set NAME = VALUE` sets a script variable).",
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      const m = /^(.+?)\s*=\s*(.+)$/.exec(args.trim().replace(/^var\s+/, ''));
      if (!m || m[1]!.endsWith('=') || m[1]!.endsWith('!') || m[1]!.endsWith('<') || m[1]!.endsWith('>')) throw new UserError(`'${args.trim()}' is not an assignment.`, 'Usage: set LHS = RHS, e.g. :set n = 3');
      if (!/[\w"'(]/.test(m[2]!)) throw new UserError(`'${m[2]!.trim()}' is not a value.`, 'Set numbers, bools and pointers: :set n = 3, :set ok = true, :set p = nil.');
      const [lhs, rhs] = [m[1]!.trim(), m[2]!.trim()];
      checkedLvalue(lhs);
      const sel = ctx.session.state.selection;
      // Through JSON-RPC, as the dlv CLI's `set` (and `frame N set`): Delve's DAP setVariable finds a
      // name only inside one container of the innermost frame (1.27), so `w.Round` through a pointer,
      // a map entry or an outer frame's local fail there. DAP when the server offers no JSON-RPC.
      const rpc = sel?.frame ? await ctx.rpc('set a variable').catch(() => undefined) : undefined;
      if (rpc && sel?.frame) {
        ctx.session.requireWritable('set a variable');
        ctx.session.requireStopped('set a variable');
        await rpc.call('Set', { Scope: { GoroutineID: sel.goroutine, Frame: sel.frame.index, DeferredCall: 0 }, Symbol: lhs, Value: rhs }).catch((err) => {
          throw new UserError(`Cannot set ${lhs} to ${rhs}: ${describeError(err)}.`, setHint(describeError(err)));
        });
        ctx.session.changed('set', `${lhs} = ${rhs}`);
        const now = await ctx.session.evaluate(lhs);
        ctx.print(`${lhs} = ${shownValue(now.result, now.type ?? '')}`, 'result');
        return;
      }
      const value = await ctx.session.setVariable(lhs, rhs);
      ctx.print(`${lhs} = ${mapTails(value)}`, 'result');
    },
  },
  {
    name: 'call',
    args: 'F(ARGS)',
    summary: 'Call a function in the target (top frame, at a safe point; all goroutines run meanwhile).',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      if (!args.trim()) throw new UserError('call needs a function call.', 'Example: :call s.Reset()');
      const fault = bracketFault(args.trim());
      if (fault) throw new UserError(`'${args.trim()}' is not a whole call: ${fault}.`, 'Example: :call s.Reset()');
      const r = await ctx.session.evaluate(`call ${args.trim()}`);
      ctx.print(r.result ? `${args.trim()} = ${r.result}` : `${args.trim()} returned`, 'result');
    },
  },
];
