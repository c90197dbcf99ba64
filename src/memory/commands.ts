// `x/NFU EXPR` and `mem ...`: the commands the memory pane's keys, the `:`
// prompt and batch files share.
import { commandWhenStopped, type Command, type CommandContext, type Subcommand } from '../features/types.js';
import { hex } from '../core/text.js';
import { UserError } from '../errors.js';
import { EXAMINE_FORMATS, EXAMINE_UNITS, type ExamineFormat, type ExamineUnit } from './examine-grammar.js';
import type { MethodChoice } from './reader.js';
import type { DecodeReport, MemoryStore } from './store.js';
import { formatMap, MAP_WHAT_COLUMN } from './vmmap.js';
import { registersFrameNote } from '../commands/gdb-print.js';

const METHODS: Readonly<Record<string, MethodChoice>> = { auto: 'auto', dlvx: 'dlvx', 'dlv-x': 'dlvx', x: 'dlvx', readmemory: 'readMemory', evaluate: 'evaluate', eval: 'evaluate' };

export function decodeText(r: DecodeReport): string {
  return [r.title, ...r.lines.map((l) => `  ${l}`), ...r.problems.map((p) => `  problem: ${p}`), ...(r.problems.length ? [] : ['  no problems found'])].join('\n');
}

/** The memory commands, over the store a feature hands them. */
export function memoryCommands(storeOf: (ctx: CommandContext) => MemoryStore): Command[] {
  const store = (ctx: CommandContext) => {
    const s = storeOf(ctx);
    s.commandStarts();
    return s;
  };
  const sub = (name: string, summary: string, run: Subcommand['run'], more: Partial<Subcommand> = {}): Subcommand => ({ name, summary, run, ...more });
  const act = (action: Parameters<MemoryStore['act']>[0]) => (ctx: CommandContext) => store(ctx).act(action);
  const subcommands: Subcommand[] = [
    sub('up', 'Cursor up a row (the view scrolls, reading what it needs).', act({ type: 'move', direction: 'up' })),
    sub('down', 'Cursor down a row.', act({ type: 'move', direction: 'down' })),
    sub('left', 'Cursor to the previous unit.', act({ type: 'move', direction: 'left' })),
    sub('right', 'Cursor to the next unit.', act({ type: 'move', direction: 'right' })),
    sub('pageup', 'The page before the view (reads it).', act({ type: 'page', direction: 'up' })),
    sub('pagedown', 'The page after the view (reads it).', act({ type: 'page', direction: 'down' })),
    sub('first', 'Cursor to the first cell.', act({ type: 'edge', edge: 'first' })),
    sub('last', 'Cursor to the last cell.', act({ type: 'edge', edge: 'last' })),
    sub('follow', 'Go to the pointer under the cursor.', (ctx) => store(ctx).follow(), { disabledReason: commandWhenStopped }),
    sub('back', 'Back to the view before the last follow or jump.', act({ type: 'back' })),
    sub('format', 'Cycle the format (next, prev) or set it (x d u o t a c f s i z).', (ctx, a) => store(ctx).act(formatAction(a.trim())), { args: '[next|prev|F]' }),
    sub('unit', 'Cycle the unit (next, prev) or set it (b h w g).', (ctx, a) => store(ctx).act(unitAction(a.trim())), { args: '[next|prev|U]' }),
    sub(
      'at',
      'Open the view at EXPR with the current format, filling the pane.',
      async (ctx, a) => {
        if (!a.trim()) throw new UserError('mem at needs an address expression.', 'Example: :mem at $rsp+0x20');
        ctx.session.requireStopped('read memory');
        await store(ctx).openAt(a.trim(), {}, () => ctx.app.focus('memory'));
      },
      { args: 'EXPR' },
    ),
    sub('refresh', 'Read the view again.', (ctx) => store(ctx).load(), { disabledReason: commandWhenStopped }),
    sub('watch', 'Pin the view: re-read at every stop with its own change marks.', (ctx) => {
      const w = store(ctx).watch();
      ctx.print(`Watch #${w.id}: x/${w.grid.count}${w.grid.format}${w.grid.unit} ${w.label}, re-read at every stop.`, 'result');
    }),
    sub('watches', 'List the pinned views with their bytes.', (ctx) => ctx.show('Memory watches', store(ctx).watchesText())),
    sub(
      'unwatch',
      'Remove watch N.',
      (ctx, a) => {
        const id = Number(a.trim().replace(/^#/, ''));
        if (!a.trim() || !Number.isInteger(id)) throw new UserError('mem unwatch needs a watch number.', 'Example: :mem unwatch 1 (:mem watches lists them).');
        ctx.print(`Watch #${store(ctx).unwatch(id).id} removed.`, 'result');
      },
      { args: 'N' },
    ),
    sub('copy', 'Print the address under the cursor (and its word).', async (ctx) => ctx.print(await store(ctx).cursorText(), 'result')),
    sub(
      'decode',
      'Read the words at the cursor as a slice header, string header, interface or any Go type.',
      async (ctx, a) => {
        const report = await store(ctx).decode(a);
        ctx.print(decodeText(report), report.problems.length ? 'warning' : 'result');
      },
      { args: 'slice|string|iface|TYPE', disabledReason: commandWhenStopped },
    ),
    sub(
      'telescope',
      'Follow the pointer chain from the word under the cursor, to DEPTH hops (5).',
      async (ctx, a) => {
        const depth = a.trim() ? Number(a.trim()) : undefined;
        if (depth !== undefined && (!Number.isInteger(depth) || depth < 1 || depth > 64)) throw new UserError(`'${a.trim()}' is not a depth.`, 'Give 1 to 64 hops, e.g. :mem telescope 8.');
        ctx.print(await store(ctx).telescope(depth), 'result');
      },
      { args: '[DEPTH]', disabledReason: commandWhenStopped },
    ),
    sub(
      'method',
      'How memory is read: auto, dlvx, readmemory or evaluate (forcing one shows what an older Delve does).',
      async (ctx, a) => {
        const s = store(ctx);
        let info;
        if (a.trim()) {
          const choice = METHODS[a.trim().toLowerCase()];
          if (!choice) throw new UserError(`Unknown read method '${a.trim()}'.`, 'Use auto, dlvx, readmemory or evaluate.');
          info = await s.setMethod(choice);
        } else info = await s.methodInfo();
        ctx.print(`Memory is read through ${info.title}.${info.note ? ` ${info.note}` : ''}`, 'result');
      },
      { args: '[auto|dlvx|readmemory|evaluate]' },
    ),
  ];
  return [
    {
      name: 'x',
      args: '[/NFU] [EXPR]',
      summary: "Examine memory as gdb's x does, in the memory pane and the console (x alone continues).",
      help:
        'N is a count, F a format (x d u o t a c f s i z), U a unit (b h w g); missing parts come from the last x. ' +
        'EXPR is $rsp, $pc, a number, a Go expression (&s[0], p.buf) or arithmetic ($rsp+0x20). ' +
        'Examples: :x/16xg $rsp   :x/8i $pc   :x/s &label   :x/4dw &n',
      disabledReason: commandWhenStopped,
      completes: 'expression',
      async run(ctx, args) {
        const a = args.trim();
        const s = store(ctx);
        // The pane shows the view as it is read: over SSH the first x reads for seconds (trial CE).
        const text = await s.examine(a.startsWith('/') || a === '' ? `x${a}` : `x ${a}`, () => ctx.app.focus('memory'));
        // gdb's text says where reading stopped; without any, the status says why.
        const status = s.get().status;
        const unreadable = /^[^\n]*:\tCannot access memory[^\n]*$/.test(text);
        if (text) ctx.print(text, unreadable ? 'error' : 'result');
        // A register of an outer frame is that frame's, where gdb's would be frame 0's (trial AT read
        // another stack than gdb's, the console not saying whose; the pane's title does).
        const whose = text ? registersFrameNote(ctx.session.state.selection?.frame, a) : undefined;
        if (whose) ctx.print(whose, 'info');
        // gdb's line alone names no way on: where memory is, is.
        if (unreadable) ctx.print(`Nothing at ${hex(s.get().view.address)} can be read: ${ctx.session.state.postMortem ? 'the core does not hold it; :vmmap (m in the memory pane) lists what it holds' : ":vmmap (m in the memory pane) lists the process's mappings"}.`, 'info');
        else if (!text && status?.kind === 'error') ctx.print(status.text, 'error');
        const note = s.takeMethodNote();
        if (note) ctx.print(note, 'info');
      },
    },
    {
      name: 'set-memory',
      args: '[-b|-h|-w|-g] [-y] ADDR VALUE',
      summary: 'Write a unit of memory (8 bytes by default) at ADDR, after asking; prints the old value.',
      help: 'ADDR is an address expression as for x; VALUE a number (0x.., decimal, negative). -y writes without asking (batch files). Example: :set-memory -w &n 7',
      disabledReason: commandWhenStopped,
      completes: 'expression',
      async run(ctx, args) {
        const words = args.trim().split(/\s+/).filter(Boolean);
        let size: 1 | 2 | 4 | 8 = 8;
        let yes = false;
        while (words[0]?.startsWith('-') && !/^-\d/.test(words[0])) {
          const flag = words.shift()!;
          if (flag === '-y') yes = true;
          else if (flag in SIZES) size = SIZES[flag]!;
          else throw new UserError(`Unknown option '${flag}'.`, 'Options: -b -h -w -g (size), -y (do not ask).');
        }
        if (words.length < 2) throw new UserError('set-memory needs an address and a value.', 'Example: :set-memory 0xc000012000 0x2a');
        // Refused before the question, not after the user said yes.
        ctx.session.requireWritable('write memory');
        const valueText = words.pop()!;
        const value = parseValue(valueText, size);
        const s = store(ctx);
        const address = await s.resolve(words.join(' '));
        if (!yes) {
          // Memory that cannot be read is refused before the question (trial BC: asked, then refused); what is there now is in it.
          const now = await s.writable(address, size);
          const unit = { 1: 'b', 2: 'h', 4: 'w', 8: 'g' }[size];
          // What is there now before the size, which its digits say: at 80x24 the end of the question is cut (trial BD).
          ctx.app.ask(`Write ${valueText} at 0x${address.toString(16)} over 0x${now.toString(16).padStart(size * 2, '0')} (${size} byte${size > 1 ? 's' : ''})?`, [
            { key: 'y', label: 'write', command: `set-memory -${unit} -y 0x${address.toString(16)} ${valueText}` },
          ]);
          return;
        }
        const { old, now } = await s.writeMemory(address, size, value);
        const w = size * 2;
        ctx.print(`Wrote 0x${now.toString(16).padStart(w, '0')} at 0x${address.toString(16)} (was 0x${old.toString(16).padStart(w, '0')}).`, 'result');
      },
    },
    {
      name: 'vmmap',
      summary: "The target's mapped memory: binary text and data, Go heap arenas, stacks, C heap and mmaps, libraries (▶ marks the memory cursor's).",
      disabledReason: commandWhenStopped,
      async run(ctx) {
        const s = store(ctx);
        const map = await s.vmmap();
        const v = s.get().view;
        const lines = formatMap(map, v.examined ? v.cursor : undefined);
        // A core's list is of what it holds, not of what the process had mapped.
        if (lines.length && ctx.session.state.postMortem) lines.unshift(map.fromCore ? "The core's memory (its segments; memory mapped with no access is not in a core):" : 'The regions read from the runtime (the core file cannot be read from here):');
        const here = lines.findIndex((l) => l.startsWith('▶'));
        // At 80 columns a long `what` continues under itself, whatever its row's size (trial: rows wrapped at 34, 35, 36 and 2).
        const hang = { column: MAP_WHAT_COLUMN, from: ctx.session.state.postMortem ? 1 : 0 };
        ctx.show('vmmap', lines.length ? lines.join('\n') : 'No mappings are known for this target.', { hang, ...(here >= 0 ? { at: here } : {}) });
      },
    },
    {
      name: 'mem',
      args: 'SUBCOMMAND [ARGS]',
      summary: 'Drive the memory pane: move, follow, back, format, unit, watch, copy, decode.',
      subcommands,
    },
  ];
}

const SIZES: Readonly<Record<string, 1 | 2 | 4 | 8>> = { '-b': 1, '-h': 2, '-w': 4, '-g': 8 };

/** A value that fits the size, as gdb takes it: hex, octal, decimal, negative (two's complement). */
function parseValue(text: string, size: number): bigint {
  let v: bigint;
  try {
    v = text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
  } catch {
    throw new UserError(`'${text}' is not a number.`, 'Write 0x2a, 42, 052 or -1.');
  }
  const bits = BigInt(size * 8);
  if (v >= 1n << bits || v < -(1n << (bits - 1n))) throw new UserError(`${text} does not fit in ${size} byte${size > 1 ? 's' : ''}.`, 'Choose a larger size (-h -w -g) or a smaller value.');
  return BigInt.asUintN(Number(bits), v);
}

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
