// `regs` (gdb's `info registers`): print the selected frame's registers, and
// drive the registers pane (its cursor, and Enter opening memory there).
import type { Command, CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import { memoryFor } from '../memory/store.js';
import { registersFor } from './store.js';

const whenStopped = (ctx: CommandContext) => (ctx.session.state.status === 'stopped' ? undefined : `the target is ${ctx.session.state.status}`);

const SUBCOMMANDS = new Set(['up', 'down', 'open', 'copy', 'refresh']);

export const registerCommands: Command[] = [
  {
    name: 'regs',
    aliases: ['registers', 'info registers', 'info reg', 'info r'],
    args: '[NAME...] | up | down | open [NAME] | copy [NAME]',
    summary: 'Print the selected frame\'s registers (changed ones marked *), or drive the registers pane.',
    help:
      'Examples: :regs   :regs rip rsp   :info registers rflags. ' +
      'open [NAME] shows memory at the register (x/Ni for rip, x/Nxg for the others); up and down move the pane\'s cursor; copy prints one register.',
    disabledReason: whenStopped,
    async run(ctx, args) {
      const store = registersFor(ctx.session);
      const [sub = '', ...rest] = args.trim().split(/\s+/);
      if (SUBCOMMANDS.has(sub)) {
        switch (sub) {
          case 'up':
          case 'down':
            store.move(sub === 'up' ? -1 : 1);
            return;
          case 'refresh':
            await store.refresh();
            return;
          case 'copy': {
            const r = pick(store, rest[0]);
            ctx.print(store.lines([r.name]).join('\n').trim(), 'result');
            return;
          }
          case 'open': {
            const r = pick(store, rest[0]);
            await memoryFor(ctx.session).openAt(`$${r.name}`, r.name === 'rip' ? { format: 'i' } : { unit: 'g' });
            ctx.app.focus('memory');
            return;
          }
        }
      }
      // Read now: the pane's copy may be from before a frame was selected.
      await store.refresh();
      const snap = store.get();
      if (snap.message) throw new UserError(snap.message);
      const names = args.trim() ? args.trim().split(/\s+/) : [];
      const lines = store.lines(names);
      if (names.length && lines.length < names.length) {
        const known = new Set(snap.registers.map((r) => r.name));
        const missing = names.map((n) => n.toLowerCase().replace(/^\$/, '')).filter((n) => !known.has(n));
        throw new UserError(`No register ${missing.join(', ')} in this frame.`, `This frame has ${snap.registers.map((r) => r.name).join(' ')}.`);
      }
      const whose = snap.goroutine !== undefined ? `goroutine ${snap.goroutine}, frame ${snap.frame ?? 0}` : 'the selected frame';
      ctx.print([`Registers of ${whose}${snap.changed.size ? ' (* changed since the previous stop)' : ''}:`, ...lines].join('\n'), 'result');
    },
  },
];

function pick(store: ReturnType<typeof registersFor>, name: string | undefined) {
  const r = store.pick(name);
  if (!r) throw new UserError(name ? `No register ${name} in this frame.` : 'No register is under the cursor.', 'Registers load at a stop; :regs lists them.');
  return r;
}
