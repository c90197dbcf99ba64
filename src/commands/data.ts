import { UserError } from '../errors.js';
import { commandWhenStopped, type Command } from '../features/types.js';
import { describeChannel } from '../channels/inspect.js';

export const dataCommands: Command[] = [
  {
    name: 'print',
    aliases: ['p'],
    args: 'EXPR',
    summary: 'Evaluate a Go expression in the selected frame.',
    help: 'Examples: :p o.Items[0]   :p len(s)   :p *ptr   :p RSP (registers are uppercase in Delve)',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      if (!args.trim()) throw new UserError('print needs an expression.', 'Example: :print o.Customer');
      // `clipboard` asks Delve for the value untruncated.
      const r = await ctx.session.evaluate(args.trim(), 'clipboard');
      // A channel shows its buffer and who waits on it, as the dlv CLI's print does.
      const chan = r.type?.startsWith('chan ') ? await describeChannel(ctx, args.trim()).catch(() => undefined) : undefined;
      ctx.show(args.trim(), chan ?? `${args.trim()} = ${r.type ? `(${r.type}) ` : ''}${r.result}`);
    },
  },
  {
    name: 'set',
    args: 'LHS = RHS',
    summary: 'Assign a number, bool or pointer to a variable (any Go lvalue: n, *p, o.Items[0].Qty).',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      const m = /^(.+?)\s*=\s*(.+)$/.exec(args.trim());
      if (!m || m[1]!.endsWith('=') || m[1]!.endsWith('!') || m[1]!.endsWith('<') || m[1]!.endsWith('>')) throw new UserError(`'${args.trim()}' is not an assignment.`, 'Usage: set LHS = RHS, e.g. :set n = 3');
      if (!/[\w"'(]/.test(m[2]!)) throw new UserError(`'${m[2]!.trim()}' is not a value.`, 'Set numbers, bools and pointers: :set n = 3, :set ok = true, :set p = nil.');
      const value = await ctx.session.setVariable(m[1]!.trim(), m[2]!.trim());
      ctx.print(`${m[1]!.trim()} = ${value}`, 'result');
    },
  },
  {
    name: 'call',
    args: 'F(ARGS)',
    summary: 'Call a function in the target (top frame, at a safe point; all goroutines run meanwhile).',
    disabledReason: commandWhenStopped,
    async run(ctx, args) {
      if (!args.trim()) throw new UserError('call needs a function call.', 'Example: :call s.Reset()');
      const r = await ctx.session.evaluate(`call ${args.trim()}`);
      ctx.print(r.result ? `${args.trim()} = ${r.result}` : `${args.trim()} returned`, 'result');
    },
  },
];
