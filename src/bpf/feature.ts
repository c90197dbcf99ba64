import { formatCount } from '../core/text.js';
import { bpfView } from './pane.js';
import { UserError } from '../errors.js';
import { cmd, whenStopped, type CommandContext, type Feature, type FeatureHost, type Subcommand } from '../features/types.js';
import { breakpointsFeature } from '../breakpoints/feature.js';
import { goroutineAt } from '../goroutines/feature.js';
import { breakpointSites, foreignConflicts, type BreakpointSite } from './conflicts.js';
import { BpfService } from './service.js';
import type { ProbeStream } from './stream.js';

/**
 * Every breakpoint Delve has (all clients', JSON-RPC ListBreakpoints, read now when the target is
 * stopped; the last stop's list while it runs, when reading would block) and gotui's own.
 */
async function delveBreakpoints(host: FeatureHost): Promise<BreakpointSite[]> {
  const listed = (await host.model(breakpointsFeature).refresh().catch(() => undefined)) ?? [];
  return breakpointSites(listed, host.session.state.breakpoints, { lastStop: host.session.state.status !== 'stopped' });
}

const TEMPLATES = ['syscalls', 'goroutines', 'gc', 'malloc', 'panics'] as const;
const bpf = (ctx: CommandContext) => ctx.model(bpfFeature);

async function start(ctx: CommandContext, probe: string): Promise<void> {
  ctx.session.requireLive('trace it with bpftrace');
  ctx.app.focus('bpf');
  const s = await bpf(ctx).start(probe);
  // A probe never halts the target: said as it is now (events come once it runs).
  const now = ctx.session.state.status === 'running' ? 'the target keeps running' : 'events come when the target runs (c)';
  ctx.print(`Probe #${s.id} ${s.title} attached; ${now}. :bpf stop ${s.id} ends it.`, 'result');
}

function eventUnderCursor(ctx: CommandContext) {
  const e = bpf(ctx).selectedEvent();
  if (!e) throw new UserError('No event is selected.', 'Move through the events with j/k in the eBPF pane.');
  return e;
}

/** Calls a second above which B's breakpoint for one goroutine is refused: Delve would halt the target at each to test it. */
const HOT_CALLS_PER_S = 100;

/** Template options are `-name`; anything else beyond what the template takes is a mistake, not ignored. */
function onlyOptions(template: string, args: string, takes = 0): string[] {
  const words = args.trim() ? args.trim().split(/\s+/) : [];
  const plain = words.filter((w) => !w.startsWith('-'));
  if (plain.length > takes) throw new UserError(`bpf ${template} does not take '${plain.slice(takes).join(' ')}'.`, `Usage: bpf ${template}${takes ? ' FUNC' : ''}${template === 'calls' ? ' (one Go function, e.g. main.process)' : ''}.`);
  return words;
}

/** Keys that act on the shown probe, with none: they say so (and the hints leave them out). */
function noProbe(ctx: { model: CommandContext['model'] }): string | undefined {
  return ctx.model(bpfFeature).current() ? undefined : 'no probe runs (:bpf calls FUNC starts one)';
}

/** Keys that act on a live probe: on one that has ended they say so instead of acting. */
function noLiveProbe(ctx: { model: CommandContext['model'] }): string | undefined {
  const s = ctx.model(bpfFeature).current();
  return noProbe(ctx) ?? (s?.ended ? `#${s.id} has ${endedHow(s)}` : undefined);
}

function endedHow(s: ProbeStream): string {
  return s.status === 'failed' ? 'failed' : 'stopped';
}

/** The probe before or after the shown one, round the list (the title names the others in that order: trial AC). */
function neighbour(ctx: { model: CommandContext['model'] }, delta: number): number | undefined {
  const b = ctx.model(bpfFeature);
  const ids = b.streams().map((s) => s.id);
  const i = ids.indexOf(b.current()?.id ?? -1);
  return i < 0 || ids.length < 2 ? undefined : ids[(i + delta + ids.length) % ids.length];
}

/** Why [ or ] has nowhere to go: no other probe. */
function noNeighbour(ctx: { model: CommandContext['model'] }, delta: number): string | undefined {
  return neighbour(ctx, delta) === undefined ? 'no other probe' : undefined;
}

const subcommands: Subcommand[] = [
  {
    name: 'calls',
    args: '[FUNC] [-every N]',
    summary: 'Entries of a Go function (default: the selected frame\'s), with rates and calls per goroutine.',
    run(ctx, args) {
      const words = onlyOptions('calls', args, 1);
      const named = words.find((w) => !w.startsWith('-'));
      const func = named ?? ctx.session.currentFrame()?.name;
      if (!func) throw new UserError('calls needs a function, and no frame is selected to take it from.', 'Example: :bpf calls main.process');
      // Taken from the selected frame (the last stop's, while the target runs): said, not guessed at.
      // Said as what it does, not as a refusal (trial AO read "No function named" as an error).
      if (!named) ctx.print(`Probing ${func}, the function of the frame selected at stop ${ctx.session.stopCount}${ctx.session.state.status === 'stopped' ? '' : ' (the target has run since)'}; :bpf calls FUNC names another.`, 'info');
      return start(ctx, ['calls', func, ...words.filter((w) => w.startsWith('-'))].join(' '));
    },
  },
  ...TEMPLATES.map((t): Subcommand => ({
    name: t,
    summary: { syscalls: 'The process\'s syscalls by name, with rates.', goroutines: 'Goroutine creations by function, and exits.', gc: 'GC cycles with their trigger and the time between them.', malloc: 'Allocation sizes as a histogram.', panics: 'Panics with their value\'s type and message.' }[t],
    run: (ctx, args) => start(ctx, [t, ...onlyOptions(t, args)].join(' ')),
  })),
  { name: 'run', args: 'FILE', summary: 'Your own bpftrace script; $1 is the pid and $2 the binary.', run: (ctx, args) => start(ctx, `run ${args.trim()}`) },
  {
    name: 'list',
    summary: 'List the probes.',
    run(ctx) {
      const all = bpf(ctx).streams();
      // Focused first: with the probes' pane in the bottom slot the console is hidden, and the list
      // goes to the command row (one probe) or the pager.
      ctx.app.focus('bpf');
      ctx.show('eBPF probes', all.length ? all.map((s) => `#${s.id} ${s.title}  ${s.status}  ${s.tally()}${s.lost ? `, ${s.lost} lost` : ''}`).join('\n') : 'No probes. Start one: :bpf calls FUNC, :bpf syscalls, :bpf gc ...');
    },
  },
  {
    name: 'stop',
    args: '[ID|all]',
    summary: 'Stop a probe (the shown one), or all.',
    async run(ctx, args) {
      if (args.trim() === 'all') {
        await bpf(ctx).stopAll();
        ctx.print('Stopped every probe.', 'result');
        return;
      }
      const s = bpf(ctx).pick(args);
      if (s.ended) {
        ctx.print(`#${s.id} ${s.title} had already ${endedHow(s)}, after ${s.tally()}.`, 'result');
        return;
      }
      await bpf(ctx).stop(s.id);
      ctx.print(`Stopped #${s.id} ${s.title} after ${s.tally()}.`, 'result');
    },
  },
  {
    name: 'pause',
    aliases: ['resume'],
    args: '[ID]',
    summary: 'Pause or resume the shown probe\'s list and tables (paused: events still counted).',
    run(ctx, args) {
      const s = bpf(ctx).pick(args);
      if (s.ended && !s.paused) throw new UserError(`#${s.id} has ${endedHow(s)}: no new events come to pause.`, `Its list stays as it ended; start it again with :bpf ${s.title}.`);
      s.setPaused(!s.paused);
      // Resumed, the list follows the newest again (a list scrolled back and moving would lose the reader's place).
      if (!s.paused && s === bpf(ctx).current()) bpf(ctx).move(Infinity);
      ctx.print(s.paused ? `#${s.id} paused: its list and tables hold; new events are counted, not shown.` : `#${s.id} resumed.`, 'result');
    },
  },
  {
    name: 'filter',
    args: '[REGEX]',
    summary: 'Show only events whose line (its time too, as shown) matches REGEX (RE2 syntax, linear time); alone, all.',
    run(ctx, args) {
      const s = bpf(ctx).pick('');
      s.setFilter(args.trim() || undefined);
      ctx.print(args.trim() ? `#${s.id} shows events matching /${args.trim()}/.` : `#${s.id} shows every event.`, 'result');
    },
  },
  {
    name: 'show',
    args: 'ID',
    summary: 'Show probe ID in the pane.',
    run(ctx, args) {
      bpf(ctx).select(bpf(ctx).pick(args).id);
      ctx.app.focus('bpf');
    },
  },
  {
    name: 'script',
    args: '[ID]',
    summary: 'Print the bpftrace command line a probe runs.',
    run(ctx, args) {
      const s = bpf(ctx).pick(args);
      const plan = bpf(ctx).lane?.plan(s.id);
      ctx.print(plan ? `#${s.id} runs: bpftrace -f json -e '${plan.script}' ${plan.args.join(' ')}` : `#${s.id} is no longer running.`, 'result');
    },
  },
  { name: 'mount-tracefs', summary: 'Mount tracefs (root): bpftrace\'s tracepoints need it.', run: async (ctx) => ctx.print(await bpf(ctx).mountTracefs(), 'result') },
  {
    name: 'goto',
    summary: 'Select the goroutine of the event under the cursor (the target must be stopped).',
    async run(ctx) {
      const e = eventUnderCursor(ctx);
      if (e.goid === undefined) throw new UserError('This event carries no goroutine id.', 'calls and goroutines events do; syscalls events do not.');
      if (ctx.session.state.status !== 'stopped') throw new UserError(`Goroutine ${e.goid} can be shown only while the target is stopped.`, 'Pause it (p), then press Enter again.');
      // An event outlives its goroutine (one a request: trial AO, said late as "There is no goroutine").
      await ctx.session.selectGoroutine(e.goid).catch((err: unknown) => {
        throw err instanceof UserError && /^There is no goroutine/.test(err.message) ? new UserError(`Goroutine ${e.goid} of this event has ended: the target has no goroutine ${e.goid} now.`, 'The goroutines pane (2) lists those it has.') : err;
      });
      const sel = ctx.session.state.selection;
      if (sel) ctx.print(goroutineAt(sel), 'result');
    },
  },
  {
    name: 'break',
    summary: "Break on the function of the event under the cursor, for its goroutine only (a created goroutine's function: for any).",
    async run(ctx) {
      const e = eventUnderCursor(ctx);
      if (!e.func) throw new UserError('This event names no function.', 'calls, goroutines and panics events do.');
      // Delve evaluates conditions on the goroutine that hit the breakpoint; runtime.curg is that goroutine.
      const cond = e.goid !== undefined && !e.created ? ` if runtime.curg.goid == ${e.goid}` : '';
      // Delve halts the target at every hit to test a condition: on a hot function that is a service
      // slowed to a third (trial AO, 2,300 calls a second), for a goroutine that has likely ended.
      const busiest = Math.max(0, ...(bpf(ctx).current()?.rateHistory() ?? []));
      if (cond && busiest >= HOT_CALLS_PER_S) {
        throw new UserError(
          `${e.func} ran ${formatCount(busiest)} times in a second: a breakpoint for goroutine ${e.goid} alone would halt the target at every call to test its goroutine, slowing it, and that goroutine may have ended.`,
          `:break ${e.func} stops at its next call on any goroutine; :break ${e.func}${cond} sets it anyway.`,
        );
      }
      if (e.created) ctx.print(`${e.func} runs on the goroutines created to run it, not on goroutine ${e.goid} that created this one: the breakpoint is for any goroutine.`, 'info');
      await ctx.run(`break ${e.func}${cond}`);
    },
  },
];

export const bpfFeature: Feature<BpfService> = {
  id: 'bpf',
  title: 'eBPF',
  slot: 'bottom',
  create(host) {
    const service = new BpfService(() => host.traceTarget(), () => delveBreakpoints(host));
    host.session.guardBreakpointAddresses((addresses) => service.refuseBreakpointAt(addresses));
    // Another client's breakpoint on a probe's uprobe cannot be refused: said when Delve's list shows it.
    const warned = new Set<string>();
    const breakpoints = host.model(breakpointsFeature);
    breakpoints.subscribe(() => {
      const listed = breakpoints.get().server;
      const probes = service.runningProbes();
      if (!listed || !probes.length) return;
      for (const c of foreignConflicts(listed, host.session.state.breakpoints, probes)) {
        if (warned.has(c.key)) continue;
        warned.add(c.key);
        host.session.log(c.text, 'warning');
      }
    });
    // A probe that fails once attached is said in the console too: its pane may not be on the screen,
    // and the console is what is read after a reconnect (trial BS: only the pane's ✗ said it).
    const attached = new Set<number>();
    service.subscribe(() => {
      for (const s of service.streams()) {
        if (s.status === 'running') attached.add(s.id);
        else if (s.status === 'failed' && attached.delete(s.id)) host.session.log(`Probe #${s.id} ${s.title} ended: ${s.error ? `${s.error.message} ${s.error.hint ?? ''}`.trim() : 'bpftrace failed.'}`, 'warning');
      }
    });
    return service;
  },
  view: bpfView,
  commands: [
    {
      name: 'bpf',
      aliases: ['ebpf'],
      args: 'TEMPLATE [ARGS] | stop | pause | filter | show | script | list',
      summary: 'Trace the debugged process with bpftrace without stopping it (calls, syscalls, goroutines, gc, malloc, panics, run FILE).',
      help: 'Probes run until :bpf stop; several run at once, each its own stream.',
      subcommands,
      run: (ctx, args) => (args.trim() ? Promise.reject(new UserError(`bpf does not know '${args.trim().split(/\s+/)[0]}'.`, 'Templates: calls FUNC, syscalls, goroutines, gc, malloc, panics, run FILE (:help bpf).')) : subcommands.find((s) => s.name === 'list')!.run(ctx, '')),
    },
  ],
  bindings: [
    { keys: ['space', ' '], description: 'Pause or resume the shown probe\'s list and tables (paused: events still counted)', hint: (ctx) => (ctx.model(bpfFeature).current()?.paused ? 'Space resume' : 'Space pause'), command: cmd('bpf pause'), disabledReason: (ctx) => (ctx.model(bpfFeature).current()?.paused ? noProbe(ctx) : noLiveProbe(ctx)) },
    { keys: ['/'], description: "Filter the shown probe's events by a regular expression", hint: '/ filter', prompt: 'bpf filter ', disabledReason: noProbe },
    { keys: ['x'], description: 'Stop the shown probe', hint: 'x stop', command: cmd('bpf stop'), disabledReason: noLiveProbe },
    { keys: ['['], description: 'Show the previous probe', command: (ctx) => `bpf show ${neighbour(ctx, -1)}`, disabledReason: (ctx) => noNeighbour(ctx, -1) },
    { keys: [']'], description: 'Show the next probe', command: (ctx) => `bpf show ${neighbour(ctx, 1)}`, disabledReason: (ctx) => noNeighbour(ctx, 1) },
    {
      keys: ['enter'],
      description: "Show the selected event's goroutine (stack and source follow; the target must be stopped)",
      command: cmd('bpf goto'),
      disabledReason: (ctx) => (ctx.model(bpfFeature).selectedEvent()?.goid === undefined ? 'the selected event has no goroutine' : whenStopped(ctx)),
    },
    {
      keys: ['B'],
      description: "Break on the selected event's function, for its goroutine only",
      command: cmd('bpf break'),
      disabledReason: (ctx) => (ctx.model(bpfFeature).selectedEvent()?.func ? undefined : 'the selected event names no function'),
    },
  ],
};
