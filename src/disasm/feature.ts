// The Disassembly pane (0) and the machine-level run control: stepi/nexti,
// the flavour (gdb's `set disassembly-flavor`), going to an address.
import { UserError } from '../errors.js';
import { cmd, commandWhenDriving, commandWhenStopped, whenBreakpointsChange, whenDriving, whenStopped, type CommandContext, type Feature } from '../features/types.js';
import { memoryFeature } from '../memory/feature.js';
import { parseAddressExpr } from '../memory/address-expr.js';
import { functionEntry, resolveAddress } from '../memory/resolve.js';
import { gdbDump } from './gdb-text.js';
import { DisasmModel } from './model.js';
import { disasmView } from './view.js';
import { hex } from '../core/text.js';

const model = (ctx: CommandContext) => ctx.model(disasmFeature);
/** The selected goroutine's innermost pc: where stepping acts. */
function topPc(ctx: CommandContext): bigint {
  const pc = ctx.session.state.selection?.top?.pc;
  if (!pc) throw new UserError('The selected goroutine has no pc to step from.', 'Select a goroutine with a stack.');
  return BigInt(pc);
}

export const disasmFeature: Feature<DisasmModel> = {
  id: 'disasm',
  title: 'Disassembly',
  key: '0',
  slot: 'bottom',
  create: (host) => new DisasmModel(host.session, host.model(memoryFeature).disasm, host.sources),
  view: disasmView,
  bindings: [
    { keys: ['s'], description: 'Step one instruction, into calls (stepi)', hint: 's si', command: cmd('stepi'), disabledReason: whenDriving, changes: true },
    { keys: ['n'], description: 'Step one instruction, over calls (nexti)', hint: 'n ni', command: cmd('nexti'), disabledReason: whenDriving, changes: true },
    { keys: ['enter'], description: 'Follow the jump or call under the cursor', hint: 'Enter follow', command: cmd('disassemble follow'), disabledReason: whenStopped },
    { keys: ['backspace'], description: 'Back to where the last follow came from', command: cmd('disassemble back'), disabledReason: whenStopped },
    { keys: ['.'], description: 'Back to the pc of the selected frame', command: cmd('disassemble pc'), disabledReason: whenStopped },
    {
      keys: ['b'],
      description: 'Toggle an instruction breakpoint at the cursor (break *ADDR)',
      hint: 'b break',
      changes: true,
      command: (ctx) => `toggle-break *${hex(ctx.model(disasmFeature).current()?.address ?? 0n)}`,
      disabledReason: (ctx) => whenBreakpointsChange(ctx) ?? (ctx.model(disasmFeature).current() ? undefined : 'no instruction is shown'),
    },
    { keys: ['f'], description: 'Switch between AT&T and Intel syntax', hint: 'f flavour', command: (ctx) => `set disassembly-flavor ${ctx.model(disasmFeature).disasm.flavour === 'att' ? 'intel' : 'att'}` },
    { keys: ['g'], description: 'Go to an address or function (:disassemble EXPR)', prompt: 'disassemble ' },
  ],
  commands: [
    {
      name: 'stepi',
      ownStop: true,
      aliases: ['si', 'step-instruction'],
      summary: 'Step one machine instruction (into calls).',
      disabledReason: commandWhenDriving,
      run: (ctx) => ctx.session.stepInstruction(),
    },
    {
      name: 'nexti',
      ownStop: true,
      aliases: ['ni'],
      summary: 'Step one machine instruction, over calls.',
      disabledReason: commandWhenDriving,
      async run(ctx) {
        const pc = topPc(ctx);
        const [ins] = (await model(ctx).disasm.from(pc, 1)).instructions;
        // Delve steps into calls at instruction granularity: over one means running to the next instruction.
        const call = ins && /^(call|CALL)\b/.test(ins.text);
        await ctx.session.stepInstruction(call ? pc + BigInt(ins.length) : undefined);
      },
    },
    {
      name: 'set disassembly-flavor',
      args: 'att|intel',
      summary: "Instruction syntax for x/i and the Disassembly pane, as gdb's setting (AT&T by default).",
      async run(ctx, args) {
        const a = args.trim().toLowerCase();
        if (a !== 'att' && a !== 'intel') throw new UserError(`'${args.trim()}' is not a disassembly flavor.`, 'Use att or intel.');
        model(ctx).disasm.flavour = a;
        ctx.print(`Disassembly flavor is ${a === 'att' ? 'AT&T' : 'Intel'}.`, 'result');
        await model(ctx).refresh();
        const mem = ctx.model(memoryFeature);
        if (mem.get().view.format === 'i' && ctx.session.state.status === 'stopped') await mem.load();
      },
    },
    {
      name: 'disassemble',
      completes: 'location',
      aliases: ['disas'],
      args: '[EXPR] | follow | back | pc',
      summary: 'Show the function around EXPR (default: the pc) in the Disassembly pane.',
      help: 'EXPR is a function (main.render) or an address expression as for x: 0x4d2763, $pc, $rsp+8, a Go pointer. In the pane Enter follows a jump or call, Backspace goes back, . returns to the pc. In a gotui run script it prints the function as gdb\'s disassemble does.',
      disabledReason: commandWhenStopped,
      subcommands: [
        { name: 'follow', summary: 'Go to the target of the jump or call under the cursor.', run: async (ctx) => void (await model(ctx).follow()) },
        { name: 'back', summary: 'Back to where the last follow came from.', run: (ctx) => model(ctx).back() },
        { name: 'pc', summary: 'Back to the pc of the selected frame.', run: (ctx) => model(ctx).toPc() },
      ],
      async run(ctx, args) {
        const text = args.trim();
        if (!text && !ctx.app.headless) {
          ctx.app.focus('disasm');
          return model(ctx).toPc();
        }
        const at = text ? await placeOf(ctx, text) : selectedPc(ctx);
        // Without a screen (gotui run), gdb's dump of the function is the command's output, as in gdb.
        if (ctx.app.headless) return ctx.app.page('Disassembly', await dumpText(ctx, at));
        // Only once the place is known: a command that fails leaves the panes as they were.
        ctx.app.focus('disasm');
        await model(ctx).goTo(at);
      },
    },
  ],
};

/** A function's entry, or an address expression's value. */
async function placeOf(ctx: CommandContext, text: string): Promise<bigint> {
  return (
    (await functionEntry(await ctx.rpc('find the function').catch(() => undefined), text)) ??
    (await resolveAddress(ctx.session, parseAddressExpr(text)).catch((err: unknown) => {
      // A name that is neither a function nor a variable: most likely a function mistyped.
      if (err instanceof UserError && /^[\w./()*]+$/.test(text) && /could not find symbol|has no (?:variable or )?function/.test(err.message)) throw new UserError(`No function or variable is named '${text}'.`, ':funcs RE lists the program\'s functions; Tab after :disassemble completes them.');
      throw err;
    }))
  );
}

function selectedPc(ctx: CommandContext): bigint {
  const pc = ctx.session.currentFrame()?.pc;
  if (!pc) throw new UserError('No frame is selected, so there is no pc to disassemble around.', 'Name a function: disassemble main.main.');
  return BigInt(pc);
}

/** The function around `at` as gdb's `disassemble` prints it (`=>` at the selected frame's pc). */
async function dumpText(ctx: CommandContext, at: bigint): Promise<string> {
  const { instructions } = await model(ctx).disasm.around(at);
  const pc = ctx.session.currentFrame()?.pc;
  return gdbDump(instructions.find((i) => i.function)?.function ?? `0x${at.toString(16)}`, instructions, pc ? BigInt(pc) : undefined);
}
