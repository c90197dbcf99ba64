// `regs` (gdb's `info registers`): print the selected frame's registers, and
// drive the registers pane (its cursor, and Enter opening memory there).
import { registersView } from './pane.js';
import { UserError } from '../errors.js';
import { cmd, commandWhenStopped, whenStopped, type CommandContext, type Feature, type KeyContext } from '../features/types.js';
import { memoryFeature } from '../memory/feature.js';
import { registerName, RegistersStore } from './store.js';

const regs = (ctx: CommandContext) => ctx.model(registersFeature);

function pick(store: RegistersStore, name: string | undefined) {
  const r = store.pick(name);
  if (!r) throw new UserError(name ? `No register ${name} in this frame.` : 'No register is under the cursor.', 'Registers load at a stop; :regs lists them.');
  return r;
}

const underCursor = (ctx: KeyContext, command: string): string => {
  const r = ctx.model(registersFeature).pick(undefined);
  return r ? `${command} ${r.name}` : command;
};

/** gdb's `info all-registers` for the selected frame: every register Delve gives. */
async function allRegisters(ctx: CommandContext): Promise<void> {
  const store = regs(ctx);
  const lines = await store.allLines();
  const changed = store.get().machineChanged;
  const sel = ctx.session.state.selection;
  const marked = lines.map((l, i) => (changed.has(store.get().machine[i]!.name) ? `${l}  *` : l));
  ctx.show('All registers', [`All registers of goroutine ${sel?.goroutine}, frame ${sel?.frame?.index ?? 0}${changed.size ? ' (* changed since the previous stop)' : ''}:`, ...marked].join('\n'));
}

export const registersFeature: Feature<RegistersStore> = {
  id: 'registers',
  title: 'Registers',
  slot: 'bottom',
  // Registers are read from the first stop on, so the first change marks have something to compare with.
  create: (host) => new RegistersStore(host.session, host.model(memoryFeature), () => host.rpc('read every register').catch(() => undefined)),
  view: registersView,
  bindings: [
    // Named in the command, so its echo says which register (`> regs open rsp`).
    { keys: ['enter'], description: 'Show memory at the register (instructions at rip)', hint: 'Enter memory', command: (ctx) => underCursor(ctx, 'regs open'), disabledReason: whenStopped },
    { keys: ['y'], description: 'Print the register under the cursor in the console', command: (ctx) => underCursor(ctx, 'regs copy'), disabledReason: whenStopped },
    { keys: ['a'], description: 'Show or hide the x87, mxcsr and xmm registers (all registers)', hint: 'a all', command: cmd('regs all') },
  ],
  commands: [
    {
      name: 'info all-registers',
      summary: "Every register Delve gives (general, x87, mxcsr, xmm) in gdb's format (:regs -a).",
      disabledReason: commandWhenStopped,
      run: allRegisters,
    },
    {
      name: 'regs',
      aliases: ['registers', 'info registers', 'info reg', 'info r'],
      args: '[-a] [NAME...] | open [NAME] | copy [NAME] | all',
      summary: "Print the selected frame's registers (changed ones marked *), or drive the registers pane.",
      help: 'Examples: :regs   :regs rip rsp   :info registers rflags. open [NAME] shows memory at the register (x/Ni for rip, x/Nxg for the others); copy prints one register.',
      disabledReason: commandWhenStopped,
      subcommands: [
        { name: 'refresh', summary: 'Read the registers again.', run: (ctx) => regs(ctx).refresh() },
        {
          name: 'all',
          summary: 'Show or hide the x87, mxcsr and xmm registers in the pane.',
          async run(ctx) {
            const on = await regs(ctx).toggleAll();
            ctx.print(on ? 'The registers pane shows every register (x87, mxcsr, xmm).' : 'The registers pane shows the general registers.', 'result');
          },
        },
        {
          name: 'copy',
          args: '[NAME]',
          summary: 'Print one register (the one under the cursor).',
          run(ctx, a) {
            const store = regs(ctx);
            ctx.print(store.lines([pick(store, a.trim() || undefined).name]).join('\n').trim(), 'result');
          },
        },
        {
          name: 'open',
          args: '[NAME]',
          summary: 'Show memory at a register (the one under the cursor): instructions at rip, words elsewhere.',
          async run(ctx, a) {
            const r = pick(regs(ctx), a.trim() || undefined);
            await ctx.model(memoryFeature).openAt(`$${r.name}`, r.name === 'rip' ? { format: 'i' } : { unit: 'g' });
            ctx.app.focus('memory');
          },
        },
      ],
      async run(ctx, args) {
        const store = regs(ctx);
        if (/(^|\s)-a(\s|$)/.test(args)) return allRegisters(ctx);
        // Read now: the pane's copy may be from before a frame was selected.
        await store.refresh();
        const snap = store.get();
        if (snap.message) throw new UserError(snap.message);
        const names = args.trim() ? args.trim().split(/\s+/) : [];
        const lines = store.lines(names);
        if (names.length && lines.length < names.length) {
          const known = new Set(snap.registers.map((r) => r.name));
          const missing = names.filter((n) => !known.has(registerName(n)));
          throw new UserError(`No register ${missing.join(', ')} in this frame.`, `This frame has ${snap.registers.map((r) => r.name).join(' ')}.`);
        }
        const whose = snap.goroutine !== undefined ? `goroutine ${snap.goroutine}, frame ${snap.frame ?? 0}` : 'the selected frame';
        ctx.show('Registers', [`Registers of ${whose}${snap.changed.size ? ' (* changed since the previous stop)' : ''}:`, ...lines].join('\n'));
      },
    },
  ],
};
