// `regs` (gdb's `info registers`): print the selected frame's registers, and
// drive the registers pane (its cursor, and Enter opening memory there).
import { registersView } from './pane.js';
import { UserError } from '../errors.js';
import { cmd, commandWhenStopped, whenStopped, type CommandContext, type Feature, type KeyContext } from '../features/types.js';
import { memoryFeature } from '../memory/feature.js';
import { registerName, RegistersStore } from './store.js';
import { fewRegisters, fewRegistersNote } from './registers.js';

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

/** gdb's `info all-registers` for the selected frame: every register Delve gives (only those named in `args`, if any). */
async function allRegisters(ctx: CommandContext, args = ''): Promise<void> {
  const store = regs(ctx);
  const names = args.split(/\s+/).filter((a) => a && a !== '-a');
  const lines = await machineLines(store, names);
  const changed = store.get().machineChanged;
  const sel = ctx.session.state.selection;
  ctx.show(names.length ? 'Registers' : 'All registers', [`${names.length ? 'Registers' : 'All registers'} of goroutine ${sel?.goroutine}, frame ${sel?.frame?.index ?? 0}${changed.size ? ' (* changed since the previous stop)' : ''}:`, ...lines].join('\n'));
}

/**
 * gdb's lines for every register, or for those named (gdb's names: st0, mxcsr, xmm0, eflags), a `*`
 * after each changed since the previous stop; a name Delve does not give is an error.
 */
async function machineLines(store: RegistersStore, names: readonly string[]): Promise<string[]> {
  const all = await machineTable(store);
  const want = names.map(machineName);
  const missing = names.filter((_, i) => !all.has(want[i]!));
  if (missing.length) throw new UserError(`No register ${missing.join(', ')} in this frame.`, `Delve gives ${[...all.keys()].join(' ')}.`);
  return names.length ? want.map((n) => all.get(n)!) : [...all.values()];
}

/** Every register's gdb line by its gdb name, read once (Delve's ListRegisters). */
async function machineTable(store: RegistersStore): Promise<Map<string, string>> {
  const lines = await store.allLines();
  const changed = store.get().machineChanged;
  return new Map(store.get().machine.map((r, i) => [r.name, changed.has(r.name) ? `${lines[i]!}  *` : lines[i]!]));
}

/** A register as typed, as gdb names it in `info all-registers` (`$XMM0` is xmm0, Delve's rflags gdb's eflags). */
function machineName(typed: string): string {
  const n = typed.toLowerCase().replace(/^\$/, '');
  return n === 'rflags' ? 'eflags' : n;
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
      run: (ctx) => allRegisters(ctx),
    },
    {
      name: 'regs',
      aliases: ['registers', 'info registers', 'info reg', 'info r'],
      args: '[-a] [NAME...] | open [NAME] | copy [NAME] | all',
      summary: "Print the selected frame's registers (changed ones marked *), or drive the registers pane.",
      help: 'Examples: :regs   :regs rip rsp   :regs xmm0 mxcsr   :info registers rflags. open [NAME] shows memory at the register (x/Ni for rip, x/Nxg for the others); copy prints one register.',
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
            await ctx.model(memoryFeature).openAt(`$${r.name}`, r.name === 'rip' ? { format: 'i' } : { unit: 'g' }, () => ctx.app.focus('memory'));
          },
        },
      ],
      async run(ctx, args) {
        const store = regs(ctx);
        if (/(^|\s)-a(\s|$)/.test(args)) return allRegisters(ctx, args);
        // Read now: the pane's copy may be from before a frame was selected; annotated as the pane's
        // are, shown or not (trial BC: in an outer frame, with the pane hidden, bare values).
        await store.refresh(true);
        const snap = store.get();
        if (snap.message) throw new UserError(snap.message);
        const names = args.trim() ? args.trim().split(/\s+/) : [];
        const known = new Set(snap.registers.map((r) => r.name));
        const others = names.filter((n) => !known.has(registerName(n)));
        // x87, mxcsr and xmm ones are read with every register (once), and printed as gdb prints them; one
        // that is not there leaves the others shown (trial AL: rax in an outer frame lost rip and rsp).
        const table = others.length
          ? await machineTable(store).catch((e: unknown) => {
              if (!(e instanceof UserError)) throw e;
              return new Map<string, string>();
            })
          : new Map<string, string>();
        const machine = new Map(others.flatMap((n) => (table.has(machineName(n)) ? [[n, table.get(machineName(n))!] as const] : [])));
        const missing = others.filter((n) => !machine.has(n));
        const outer = (snap.frame ?? 0) > 0;
        // A parked goroutine's innermost frame has what the runtime saved (trial CE: unexplained).
        const parked = !outer && fewRegisters(known.size);
        // Not there, or not readable here (no JSON-RPC): said of the names asked for.
        const why = `No register ${missing.join(', ')} in this frame${outer ? `: Delve restores only ${[...known].join(' ')} in an outer frame (:frame 0 has them all)` : parked ? `: ${snap.goroutine !== undefined ? `goroutine ${snap.goroutine}` : 'the goroutine'} is parked, on no thread, and Delve has only the ${[...known].join(' ')} the runtime saved` : ''}.`;
        const hint = outer ? ':frame 0, then :regs, reads every register where the target stopped.' : parked ? 'A goroutine running on a thread has them all (:threads lists the threads and their goroutines).' : `The general registers are ${[...known].join(' ')}; :regs -a lists the x87, mxcsr and xmm ones too.`;
        if (missing.length && missing.length === names.length) throw new UserError(why, hint);
        const lines = names.length ? names.filter((n) => !missing.includes(n)).map((n) => (known.has(registerName(n)) ? store.lines([n])[0]! : machine.get(n)!)) : store.lines();
        if (missing.length) lines.push(why);
        else if ((outer || parked) && !names.length) lines.push(fewRegistersNote(snap.frame ?? 0, snap.goroutine));
        const whose = snap.goroutine !== undefined ? `goroutine ${snap.goroutine}, frame ${snap.frame ?? 0}` : 'the selected frame';
        // Named ones also as one line, for the command row when the console is not on the screen: a
        // changed register's mark after its name, and said (trial Y: `*    rsp`, unexplained).
        const marked = lines.map((l) => l.trim().replace(/^\*\s*(\S+)/, '$1*'));
        const row = names.length ? `${marked.join('  ')}${marked.some((l) => /^\S+\*/.test(l)) ? '  (* changed)' : ''}` : undefined;
        ctx.show('Registers', [`Registers of ${whose}${snap.changed.size ? ' (* changed since the previous stop)' : ''}:`, ...lines].join('\n'), row === undefined ? {} : { row });
      },
    },
  ],
};
