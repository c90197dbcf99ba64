import { goroutinesView } from './pane.js';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { UserError } from '../errors.js';
import { cmd, commandWhenStopped, whenStopped, type Feature, type FeatureHost } from '../features/types.js';
import { GoroutinesController } from './controller.js';
import { groupByChannel, listChannelWaiters } from '../channels/inspect.js';
import { goroutineDetail, groupsText } from './view.js';
import { findGoroutine } from './loader.js';
import type { GroupSort } from './snapshot.js';
import type { Frame, Selection } from '../session/state.js';

const SORTS: GroupSort[] = ['count', 'growth', 'name'];

/**
 * The goroutines model: groups read through Delve's JSON-RPC API on a connection of its own (DAP
 * threads where the server has none) at every stop, on attaching to a halted target, and after
 * anything ran code in the target.
 */
function createGoroutines(host: FeatureHost): GoroutinesController {
  const { session } = host;
  const g = new GoroutinesController(undefined, { targetStopped: () => session.state.status === 'stopped', coreCut: () => session.state.coreCut, stopNumber: () => session.state.stop?.number });
  // A snapshot costs Delve a grouping of every goroutine: taken at stops only while the pane is on
  // screen (or when :goroutines asks); shown again, the pane catches up with the stops it missed.
  let shown = true;
  let loadedAt = -1;
  const reload = (newStop: boolean, follow?: number) => {
    if (session.state.status !== 'stopped' || !shown) return;
    loadedAt = session.stopCount;
    void g.refresh({ newStop, ...(follow ? { follow } : {}) });
  };
  g.setShown = (now) => {
    shown = now;
    if (now && loadedAt !== session.stopCount) reload(true);
  };
  // Not stopped: running, or (an exit or a drop may come before the side channel is open) gone.
  const notStopped = () => g.targetResumed(session.state.status === 'exited' ? 'exited' : session.state.status === 'disconnected' ? 'disconnected' : undefined);
  const open = () => {
    void (async () => {
      const rpc = await host.openRpc().catch(() => undefined);
      g.setSource(rpc ? { kind: 'rpc', rpc } : { kind: 'dap', threads: async () => (await session.request<P.ThreadsResponse>('threads')).body.threads, reason: 'no JSON-RPC' });
      // A stop that came before the side channel was open is loaded now.
      if (session.state.status === 'stopped') reload(true);
      else notStopped();
    })();
  };
  session.events.on('connected', open);
  // Made after attaching (batch mode makes models on first use).
  if (session.connected && session.state.status !== 'connecting') open();
  session.events.on('stop', (e) => {
    g.targetStopped();
    reload(true, e.selection.goroutine || undefined);
  });
  session.events.on('target-changed', () => reload(false));
  session.events.on('renumbered', (e) => g.store.renumbered(e.from, e.to));
  session.events.on('resumed', () => g.targetResumed());
  // A goroutine selected (even the one already selected: `.` on it), not a frame: the pane shows its row.
  session.events.on('selected', (e) => (e.goroutineChanged || e.frames) && g.reveal(e.selection.goroutine, e.frames?.start === 0 ? e.frames.frames : undefined));
  session.events.on('ended', notStopped);
  return g;
}

export const goroutinesFeature: Feature<GoroutinesController> = {
  id: 'goroutines',
  title: 'Goroutines',
  slot: 'right',
  create: createGoroutines,
  view: goroutinesView,
  bindings: [
    {
      keys: ['enter'],
      description: 'Open the group; in an open group, select the goroutine (stack, source and variables follow)',
      hint: 'Enter open/select',
      command: (ctx) => {
        const g = ctx.model(goroutinesFeature);
        return g.get().expanded ? `goroutine ${g.store.selectedMember()?.id}` : 'gview expand';
      },
      disabledReason: (ctx) => {
        const g = ctx.model(goroutinesFeature);
        if (!g.get().expanded) return undefined;
        return g.store.selectedMember() === undefined ? 'no goroutine under the cursor' : whenStopped(ctx);
      },
    },
    {
      keys: ['esc', 'backspace', 'left', 'h'],
      description: 'Back from a group to the list of groups; in the list, clear the search',
      hint: 'Esc back',
      command: cmd('gview collapse'),
      silent: true,
      // Offered where it acts (trial AK: in the list, with no search, it did nothing, unsaid).
      disabledReason: (ctx) => {
        const s = ctx.model(goroutinesFeature).get();
        return s.expanded || s.search ? undefined : 'the list of groups is shown, with no search to clear';
      },
    },
    { keys: ['S'], description: 'Sort groups by count, growth since the last stop, or function name', hint: 'S sort', command: cmd('gview sort') },
    { keys: ['R'], description: 'Hide or show runtime goroutines', command: cmd('gview runtime') },
    { keys: ['/'], description: 'Search the groups by text', hint: '/ search', prompt: 'gview search ' },
    { keys: ['x'], description: 'Stop loading (a stop\'s groups, or a long scan through a big group)', command: cmd('gview cancel') },
    {
      keys: ['.'],
      description: 'Select the goroutine that stopped (hit the breakpoint)',
      command: (ctx) => `goroutine ${ctx.session.stop?.goroutine}`,
      disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.session.stop?.goroutine ? undefined : 'no goroutine stopped'),
    },
  ],
  commands: [
    {
      name: 'goroutines',
      aliases: ['grs'],
      args: '[-group KEY] [-with F] [-without F] [-u|-r|-g|-s] | -chan EXPR | -group chan',
      summary: 'Group and filter all goroutines (dlv spellings); the goroutines pane shows the result, counted exactly.',
      help: 'KEY: userloc curloc goloc startloc running user, or label NAME. F: userloc|curloc|goloc|startloc TEXT, label K=V, running, user. Example: :goroutines -group userloc -without curloc runtime. -chan EXPR lists the goroutines waiting on that channel; -group chan groups the ones waiting on channels by channel, in the pane too (Enter opens the waiters of a channel).',
      async run(ctx, args) {
        // Channels: Delve filters by one channel; gotui groups by channel itself.
        const chan = /^\s*-chan\s+(\S[\s\S]*)$/.exec(args);
        if (chan) return ctx.show(`goroutines -chan ${chan[1]!.trim()}`, await listChannelWaiters(ctx, chan[1]!.trim()));
        const g = ctx.model(goroutinesFeature);
        if (/^\s*-group\s+chan\s*$/.test(args)) {
          // The list in the console (with each channel's length and who waits how), and the pane grouped
          // so: no pager covers the pane that shows them (trial BD at 80x24, as trial V for the others).
          const text = await groupByChannel(ctx);
          if (!g.source) return ctx.show('goroutines -group chan', text);
          ctx.print(text, 'result');
          await g.command(args);
          ctx.app.focus('goroutines');
          return;
        }
        await g.openSource();
        if (args.trim()) await g.command(args);
        else await g.refresh();
        ctx.app.focus('goroutines');
        // The focused pane shows the groups: the console keeps them as text, and no pager covers the pane (trial V).
        ctx.print(groupsText(g.store.get()), 'result');
      },
    },
    {
      name: 'goroutine',
      aliases: ['gr'],
      args: '[ID [bt]]',
      summary: 'Select goroutine ID (stack, source and variables follow); without ID, show the selected one.',
      help: "The dlv CLI's `goroutine ID bt` (or `stack`) selects it too and says its stack is in the Stack pane (3); another command after the id is not run: gotui says so, and the next command acts on that goroutine.",
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const text = args.trim();
        if (!text) {
          const sel = ctx.session.state.selection;
          if (!sel) return ctx.print('No goroutine is selected.', 'result');
          // As the dlv CLI's `goroutine`: its places and pprof labels too (trial AW: the labels were shown nowhere for it).
          const g = ctx.session.state.status === 'stopped' ? await ctx.rpc('read the goroutine').then((rpc) => findGoroutine(rpc, sel.goroutine)).catch(() => undefined) : undefined;
          return ctx.show('goroutine', [goroutineAt(sel), ...(g ? goroutineDetail(g) : [])].join('\n'));
        }
        // The dlv CLI's `goroutine ID CMD` runs CMD on that goroutine: here the goroutine is selected and stays so.
        const [, given = text, then = ''] = /^(\S+)(?:\s+(.*))?$/.exec(text) ?? [];
        if (!/^\d{1,18}$/.test(given) || !Number.isSafeInteger(Number(given))) throw new UserError(`'${given}' is not a goroutine id.`, 'Usage: goroutine ID (the goroutines pane lists them).');
        const id = Number(given);
        await ctx.session.selectGoroutine(id);
        const sel = ctx.session.state.selection;
        const at = sel ? goroutineAt(sel) : `Goroutine ${id}`;
        const cmd = then.trim();
        if (!cmd) return ctx.print(at, 'result');
        if (/^(bt|stack|backtrace)(\s|$)/.test(cmd)) {
          // The stack pane is the third (features/index.ts): its digit, as its title shows it.
          ctx.app.focus('stack');
          return ctx.print(`${at}: its stack is in the Stack pane (3).`, 'result');
        }
        ctx.print(`${at}, selected. gotui runs no command after the id (the dlv CLI's goroutine ID CMD): :${cmd} now acts on goroutine ${id}.`, 'result');
      },
    },
    {
      name: 'gview',
      args: 'expand | collapse | sort count|growth|name | search [TEXT] | runtime | cancel',
      summary: 'Drive the goroutines pane: open or close a group, sort, search, hide runtime goroutines, cancel loading.',
      subcommands: [
        { name: 'expand', summary: 'Open the group under the cursor.', run: (ctx) => ctx.model(goroutinesFeature).expandSelected() },
        { name: 'collapse', summary: 'Back to the list of groups; in the list, all groups again (the search cleared).', run: (ctx) => ctx.model(goroutinesFeature).back() },
        {
          name: 'sort',
          args: '[count|growth|name]',
          summary: 'Sort the groups (alone: the next order).',
          run(ctx, args) {
            const g = ctx.model(goroutinesFeature);
            const want = args.trim();
            const next = (want as GroupSort) || SORTS[(SORTS.indexOf(g.store.get().sort) + 1) % SORTS.length]!;
            if (!SORTS.includes(next)) throw new UserError(`Cannot sort by '${want}'.`, 'Sort by count, growth or name.');
            g.setSort(next);
          },
        },
        { name: 'search', args: '[TEXT]', summary: 'Show only groups whose location or wait reasons contain TEXT (alone: all); from an open group, back in the groups.', run: (ctx, args) => ctx.model(goroutinesFeature).setSearch(args.trim()) },
        { name: 'runtime', summary: 'Hide or show runtime goroutines.', run: (ctx) => ctx.model(goroutinesFeature).toggleHideRuntime() },
        { name: 'cancel', summary: 'Stop loading (a stop\'s groups, or a long scan through a big group).', run: (ctx) => ctx.model(goroutinesFeature).cancel() },
      ],
    },
  ],
};

/**
 * `Goroutine 8 at main.worker main.go:99`: the frame the panes show, which for a goroutine parked
 * in the runtime is its innermost frame of the user's code (`frame 3`), the runtime's frame named after.
 */
export function goroutineAt(sel: Selection): string {
  const place = (f: Frame) => `${f.name} ${f.file ?? ''}:${f.line}`;
  const { frame, top } = sel;
  if (frame && top && frame.index !== top.index) return `Goroutine ${sel.goroutine} at ${place(frame)} (frame ${frame.index}; frame 0 is ${top.name})`;
  const at = frame ?? top;
  // Delve's goroutine 0 is a thread's own stack, outside any goroutine (trial AQ: said as one, unexplained).
  const none = sel.goroutine === 0 ? ' (goroutine 0: a thread running no goroutine, as Delve names it)' : '';
  return `Goroutine ${sel.goroutine}${at ? ` at ${place(at)}` : ''}${none}`;
}
