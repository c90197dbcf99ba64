// `x/NFU EXPR` and `mem ...`: the commands the memory pane's keys, the `:`
// prompt and batch files share.
import type { Command, CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import { EXAMINE_FORMATS, EXAMINE_UNITS, type ExamineFormat, type ExamineUnit } from './examine-grammar.js';
import type { MethodChoice } from './reader.js';
import { memoryFor, type DecodeReport } from './store.js';

const whenStopped = (ctx: CommandContext) => (ctx.session.state.status === 'stopped' ? undefined : `the target is ${ctx.session.state.status}`);

const MOVES: Readonly<Record<string, 'up' | 'down' | 'left' | 'right'>> = { up: 'up', down: 'down', left: 'left', right: 'right' };
const METHODS: Readonly<Record<string, MethodChoice>> = { auto: 'auto', dlvx: 'dlvx', 'dlv-x': 'dlvx', x: 'dlvx', readmemory: 'readMemory', evaluate: 'evaluate', eval: 'evaluate' };

export function decodeText(r: DecodeReport): string {
  return [r.title, ...r.lines.map((l) => `  ${l}`), ...r.problems.map((p) => `  problem: ${p}`), ...(r.problems.length ? [] : ['  no problems found'])].join('\n');
}

const MEM_HELP = [
  'up|down|left|right   move the cursor by a row or a unit',
  'pageup|pagedown      the view one page earlier or later',
  'first|last           cursor to the first or last cell',
  'follow               go to the pointer under the cursor (Enter); back returns (Backspace)',
  'format [next|prev|F] cycle the format or set it (x d u o t a c f s i z); unit [next|prev|U] likewise (b h w g)',
  'at EXPR              open the view at EXPR with the current format, filling the pane',
  'watch                pin the view: re-read at every stop with its own change marks; watches lists; unwatch N',
  'copy                 print the address under the cursor (and its word) in the console',
  'decode slice|string|iface|TYPE   read the words at the cursor as a Go header, interface or any type',
  'method [auto|dlvx|readmemory|evaluate]   how memory is read (forcing one shows what an older Delve does)',
  'refresh              read the view again',
].join('\n  ');

export const memoryCommands: Command[] = [
  {
    name: 'x',
    args: '[/NFU] [EXPR]',
    summary: "Examine memory as gdb's x does, in the memory pane and the console (x alone continues).",
    help:
      'N is a count, F a format (x d u o t a c f s i z), U a unit (b h w g); missing parts come from the last x. ' +
      'EXPR is $rsp, $pc, a number, a Go expression (&s[0], p.buf) or arithmetic ($rsp+0x20). ' +
      'Examples: :x/16xg $rsp   :x/8i $pc   :x/s &label   :x/4dw &n',
    disabledReason: whenStopped,
    async run(ctx, args) {
      const a = args.trim();
      const store = memoryFor(ctx.session);
      const text = await store.examine(a.startsWith('/') || a === '' ? `x${a}` : `x ${a}`);
      // gdb's text says where reading stopped; without any, the status says why.
      const status = store.get().status;
      if (text) ctx.print(text, /^Cannot access/.test(text) ? 'error' : 'result');
      else if (status?.kind === 'error') ctx.print(status.text, 'error');
      const note = store.takeMethodNote();
      if (note) ctx.print(note, 'info');
      ctx.app.focus('memory');
    },
  },
  {
    name: 'mem',
    args: 'SUBCOMMAND [ARGS]',
    summary: 'Drive the memory pane: move, follow, back, format, unit, watch, copy, decode (see :help mem).',
    help: MEM_HELP,
    async run(ctx, args) {
      const [sub = '', ...rest] = args.trim().split(/\s+/);
      const arg = rest.join(' ');
      const store = memoryFor(ctx.session);
      const move = MOVES[sub];
      if (move) return store.act({ type: 'move', direction: move });
      switch (sub) {
        case 'pageup':
        case 'pagedown':
          return store.act({ type: 'page', direction: sub === 'pageup' ? 'up' : 'down' });
        case 'first':
        case 'last':
          return store.act({ type: 'edge', edge: sub });
        case 'follow':
          ctx.session.requireStopped('follow a pointer');
          return store.follow();
        case 'back':
          return store.act({ type: 'back' });
        case 'format':
          return store.act(formatAction(arg));
        case 'unit':
          return store.act(unitAction(arg));
        case 'at':
          if (!arg) throw new UserError('mem at needs an address expression.', 'Example: :mem at $rsp+0x20');
          ctx.session.requireStopped('read memory');
          await store.openAt(arg);
          ctx.app.focus('memory');
          return;
        case 'refresh':
          ctx.session.requireStopped('read memory');
          return store.load();
        case 'watch': {
          const w = store.watch();
          ctx.print(`Watch #${w.id}: x/${w.grid.count}${w.grid.format}${w.grid.unit} ${w.label}, re-read at every stop.`, 'result');
          return;
        }
        case 'watches':
          ctx.print(store.watchesText(), 'result');
          return;
        case 'unwatch': {
          const id = Number(arg.replace(/^#/, ''));
          if (!arg || !Number.isInteger(id)) throw new UserError('mem unwatch needs a watch number.', 'Example: :mem unwatch 1 (:mem watches lists them).');
          const w = store.unwatch(id);
          ctx.print(`Watch #${w.id} removed.`, 'result');
          return;
        }
        case 'copy':
          ctx.print(await store.cursorText(), 'result');
          return;
        case 'decode': {
          const report = await store.decode(arg);
          ctx.print(decodeText(report), report.problems.length ? 'warning' : 'result');
          return;
        }
        case 'method': {
          if (arg) {
            const choice = METHODS[arg.toLowerCase()];
            if (!choice) throw new UserError(`Unknown read method '${arg}'.`, 'Use auto, dlvx, readmemory or evaluate.');
            const info = await store.setMethod(choice);
            ctx.print(`Memory is read through ${info.title}.${info.note ? ` ${info.note}` : ''}`, 'result');
          } else {
            const info = await store.methodInfo();
            ctx.print(`Memory is read through ${info.title}.${info.note ? ` ${info.note}` : ''}`, 'result');
          }
          return;
        }
        default:
          throw new UserError(sub ? `Unknown mem subcommand '${sub}'.` : 'mem needs a subcommand.', `Subcommands:\n  ${MEM_HELP}`);
      }
    },
  },
];

function formatAction(arg: string) {
  if (!arg || arg === 'next') return { type: 'cycleFormat', step: 1 } as const;
  if (arg === 'prev') return { type: 'cycleFormat', step: -1 } as const;
  if (!(EXAMINE_FORMATS as readonly string[]).includes(arg)) throw new UserError(`'${arg}' is not a format.`, 'Formats are x d u o t a c f s i z.');
  return { type: 'reshape', format: arg as ExamineFormat } as const;
}

function unitAction(arg: string) {
  if (!arg || arg === 'next') return { type: 'cycleUnit', step: 1 } as const;
  if (arg === 'prev') return { type: 'cycleUnit', step: -1 } as const;
  if (!(EXAMINE_UNITS as readonly string[]).includes(arg)) throw new UserError(`'${arg}' is not a unit.`, 'Units are b (1 byte), h (2), w (4) and g (8).');
  return { type: 'reshape', unit: arg as ExamineUnit } as const;
}
