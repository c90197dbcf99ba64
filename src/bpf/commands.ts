import { UserError } from '../errors.js';
import type { Command, CommandContext } from '../commands/types.js';

const USAGE = 'bpf calls [FUNC] | syscalls | goroutines | gc | malloc | panics | run FILE | stop [ID|all] | pause [ID] | filter [REGEX] | show ID | script [ID] | list | mount-tracefs';

/** `:bpf ...`: probes on the debugged process beside the debugger; the target is never stopped. */
export const bpfCommands: Command[] = [
  {
    name: 'bpf',
    aliases: ['ebpf'],
    args: 'TEMPLATE [ARGS] | stop | pause | filter | show | script | list',
    summary: 'Trace the debugged process with bpftrace without stopping it (calls, syscalls, goroutines, gc, malloc, panics, run FILE).',
    help: `${USAGE}. calls with no FUNC probes the function of the selected frame. Probes run until :bpf stop; several run at once, each its own stream.`,
    async run(ctx, args) {
      const [verb = '', ...rest] = args.trim().split(/\s+/);
      const restText = args.trim().slice(verb.length).trim();
      const bpf = ctx.tools.bpf;
      switch (verb) {
        case '':
        case 'list': {
          const all = bpf.streams();
          ctx.print(all.length ? all.map((s) => `#${s.id} ${s.title}  ${s.status}  ${s.total} events${s.lost ? `, ${s.lost} lost` : ''}`).join('\n') : `No probes. ${USAGE}`, 'result');
          ctx.app.focus('bpf');
          return;
        }
        case 'stop': {
          if (restText === 'all') {
            await bpf.stopAll();
            ctx.print('Stopped every probe.', 'result');
            return;
          }
          const s = bpf.pick(restText);
          await bpf.stop(s.id);
          ctx.print(`Stopped #${s.id} ${s.title} after ${s.total} events.`, 'result');
          return;
        }
        case 'pause':
        case 'resume': {
          const s = bpf.pick(restText);
          s.setPaused(verb === 'pause' ? !s.paused : false);
          ctx.print(s.paused ? `#${s.id} paused: new events are counted, not shown.` : `#${s.id} resumed.`, 'result');
          return;
        }
        case 'filter': {
          const s = bpf.pick('');
          try {
            s.setFilter(restText || undefined);
          } catch {
            throw new UserError(`'${restText}' is not a regular expression.`, 'Example: :bpf filter goid=1\\b');
          }
          ctx.print(restText ? `#${s.id} shows events matching /${restText}/.` : `#${s.id} shows every event.`, 'result');
          return;
        }
        case 'show': {
          const s = bpf.pick(restText);
          bpf.select(s.id);
          ctx.app.focus('bpf');
          return;
        }
        case 'script': {
          const s = bpf.pick(restText);
          const plan = bpf.lane?.plan(s.id);
          ctx.print(plan ? `#${s.id} runs: bpftrace -f json -e '${plan.script}' ${plan.args.join(' ')}` : `#${s.id} is no longer running.`, 'result');
          return;
        }
        case 'mount-tracefs':
          ctx.print(await bpf.mountTracefs(), 'result');
          return;
        case 'goto':
          return gotoEvent(ctx);
        case 'break':
          return breakAtEvent(ctx);
        case 'calls': {
          const func = rest.filter((w) => !w.startsWith('-'))[0] ?? ctx.session.currentFrame()?.name;
          if (!func) throw new UserError('calls needs a function, and no frame is selected to take it from.', 'Example: :bpf calls main.process');
          return start(ctx, ['calls', func, ...rest.filter((w) => w.startsWith('-'))].join(' '));
        }
        default:
          return start(ctx, args.trim());
      }
    },
  },
];

async function start(ctx: CommandContext, probe: string): Promise<void> {
  ctx.app.focus('bpf');
  const s = await ctx.tools.bpf.start(probe);
  ctx.print(`Probe #${s.id} ${s.title} attached; the target keeps running. :bpf stop ${s.id} ends it.`, 'result');
}

function eventUnderCursor(ctx: CommandContext) {
  const e = ctx.tools.bpf.selectedEvent();
  if (!e) throw new UserError('No event is selected.', 'Move through the events with j/k in the eBPF pane.');
  return e;
}

async function gotoEvent(ctx: CommandContext): Promise<void> {
  const e = eventUnderCursor(ctx);
  if (e.goid === undefined) throw new UserError('This event carries no goroutine id.', 'calls and goroutines events do; syscalls events do not.');
  if (ctx.session.state.status !== 'stopped') throw new UserError(`Goroutine ${e.goid} can be shown only while the target is stopped.`, 'Pause it (p), then press Enter again.');
  await ctx.run(`goroutine ${e.goid}`);
}

async function breakAtEvent(ctx: CommandContext): Promise<void> {
  const e = eventUnderCursor(ctx);
  if (!e.func) throw new UserError('This event names no function.', 'calls, goroutines and panics events do.');
  // Delve evaluates conditions on the goroutine that hit the breakpoint; runtime.curg is that goroutine.
  const cond = e.goid !== undefined ? ` if runtime.curg.goid == ${e.goid}` : '';
  await ctx.run(`break ${e.func}${cond}`);
}
