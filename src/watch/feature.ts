import { cursorPlace, type Row } from '../core/text.js';
import { UserError } from '../errors.js';
import { whenStopped, type Feature, type PaneProps, type PaneView } from '../features/types.js';
import { WatchModel } from './model.js';
import { SHORT_LOAD_CONFIG, singleLine, type RpcValue } from '../delve/pretty.js';
import { scopeOf } from '../delve/rpc.js';
import { evalHintReading } from '../session/session.js';
import { namesNear } from '../commands/scope-names.js';

function watchView({ model, rect, focused, stale }: PaneProps<WatchModel>): PaneView {
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  if (!s.rows.length) return { title: 'Watch', rows: [[{ text: 'No watches. :display EXPR adds one (w on a variable); each is read again at every stop and frame change.', color: 'gray' }]] };
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < Math.min(s.rows.length, s.cursor.top + height); i++) {
    const r = s.rows[i]!;
    const inverse = focused && i === s.cursor.index;
    const row: Row = [{ text: `${r.changed ? '*' : ' '}#${r.id} `, color: r.changed ? 'yellow' : 'gray', bold: r.changed, inverse }, { text: `${r.expr} `, bold: true, inverse }];
    if (r.error !== undefined) row.push({ text: `✗ ${r.error}`, color: 'red', inverse });
    else if (r.value === undefined) row.push({ text: '(read at the next stop)', color: 'gray', inverse });
    else row.push({ text: `= ${r.value}`, ...(r.changed ? { color: 'yellow' } : {}), inverse }, { text: r.type ? `  ${r.type}` : '', color: 'gray', inverse });
    rows.push(row);
  }
  const changed = s.rows.filter((r) => r.changed).length;
  // Where the cursor is among the watches, as every list's title says (trial BB: Enter printed #3 where #2 was thought to be).
  const note = [cursorPlace(s.cursor.index, s.rows.length), s.frame ? { text: s.frame, cut: 'end' as const } : '', changed ? `${changed} changed` : ''].filter((p) => p !== '');
  return { title: 'Watch', note, rows, stale };
}

function parseWatchId(text: string, usage: string): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(t)) throw new UserError(`'${text.trim()}' is not a watch number.`, `Usage: ${usage}; the watch pane (W) numbers them.`);
  return Number(t);
}

export const watchFeature: Feature<WatchModel> = {
  id: 'watch',
  title: 'Watch',
  slot: 'bottom',
  key: 'W',
  create: (host) => new WatchModel(host.session, () => host.project()),
  view: watchView,
  bindings: [
    { keys: ['a'], description: 'Add a watch expression (opens :display at the prompt)', hint: 'a add', prompt: 'display ' },
    { keys: ['d', 'x', 'delete'], description: 'Remove the watch under the cursor', hint: 'd remove', command: (ctx) => `undisplay ${ctx.model(watchFeature).current()?.id}`, disabledReason: (ctx) => (ctx.model(watchFeature).current() ? undefined : 'no watch under the cursor') },
    {
      // As the Variables pane's e (trial BZ: e did nothing here).
      keys: ['e'],
      description: 'Set the watched expression under the cursor (opens :set EXPR = at the prompt)',
      hint: 'e set',
      changes: true,
      prompt: (ctx) => `set ${ctx.model(watchFeature).current()?.expr} = `,
      disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.model(watchFeature).current() ? undefined : 'no watch under the cursor'),
    },
    {
      keys: ['y', 'enter'],
      description: 'Print the whole value of the watch under the cursor',
      hint: 'y value',
      command: (ctx) => `print -whole ${ctx.model(watchFeature).current()?.expr}`,
      disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.model(watchFeature).current() ? undefined : 'no watch under the cursor'),
    },
  ],
  commands: [
    {
      name: 'display',
      completes: 'expression',
      args: '[-a] EXPR | -d N',
      summary: 'Add a watch expression, read again at every stop and frame change (-d N removes one; alone, print them all), as the dlv CLI\'s display.',
      async run(ctx, args) {
        const m = ctx.model(watchFeature);
        const a = args.trim();
        const del = /^-d\s+(\S+)$/.exec(a);
        if (del) {
          const row = m.remove(parseWatchId(del[1]!, 'display -d N'));
          ctx.print(`Removed watch #${row.id} ${row.expr}.`, 'result');
          return;
        }
        if (!a) {
          const rows = m.get().rows;
          if (!rows.length) return ctx.print('No watches; :display EXPR adds one.', 'result');
          // At a stop, read as the dlv CLI's display reads them, one line each that ends in `...+N more` where
          // the value goes on (a new-user trial saw DAP's short value of a 2000-element slice cut mid-list).
          const rpc = ctx.session.state.status === 'stopped' ? await ctx.rpc('read the watches').catch(() => undefined) : undefined;
          const scope = scopeOf(ctx.session.state.selection);
          const value = async (r: (typeof rows)[number]): Promise<string> => {
            if (r.error !== undefined) return `error: ${r.error}`;
            const v = await rpc?.call<{ Variable: RpcValue }>('Eval', { Scope: scope, Expr: r.expr, Cfg: SHORT_LOAD_CONFIG }).catch(() => undefined);
            return v ? singleLine(v.Variable) : r.value ?? '?';
          };
          const lines: string[] = [];
          for (const r of rows) lines.push(`${r.id}: ${r.expr} = ${await value(r)}`);
          // Shown where the console is not (the Watch pane in its slot: trial BZ saw nothing).
          ctx.show('Watches', lines.join('\n'));
          return;
        }
        const row = await m.add(a.replace(/^-a\s+/, ''));
        ctx.print(`Watch #${row.id} ${row.expr}${row.value !== undefined ? ` = ${row.value}` : row.error !== undefined ? `: ${row.error}` : ''}`, 'result');
        // A name mistyped is kept (another frame may read it) and met as :print meets it (trial BZ: `countr`, no word of counter).
        const sel = ctx.session.state.selection;
        const missing = /could not find symbol value for \w+/.exec(row.error ?? '')?.[0];
        const near = missing && sel?.frame ? await evalHintReading(missing, row.expr, sel.frame.name, async (e) => !!(await ctx.session.valueIn(sel.frame!, e)), undefined, false, () => namesNear(ctx, row.expr)) : undefined;
        if (near && /^(Did you mean|It is a package variable)/.test(near)) ctx.print(near.replace(/:print /, ':display '), 'info');
      },
    },
    {
      name: 'undisplay',
      args: 'N',
      summary: 'Remove watch N.',
      run(ctx, args) {
        const row = ctx.model(watchFeature).remove(parseWatchId(args, 'undisplay N'));
        ctx.print(`Removed watch #${row.id} ${row.expr}.`, 'result');
      },
    },
  ],
};
