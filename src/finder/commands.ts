import { describeError, UserError } from '../errors.js';
import { scopeOf, type RpcThread, type RpcVariable } from '../delve/rpc.js';
import { frameVarLines, Kind, PRINT_LOAD_CONFIG, SHORT_LOAD_CONFIG, singleLine, type RpcValue } from '../delve/pretty.js';
import { compilePattern } from '../core/pattern.js';
import { commandWhenStopped, type Command, type CommandContext } from '../features/types.js';
import type { FinderModel } from './model.js';
import { sourceFeature } from '../source/feature.js';
import { formatCount } from '../core/text.js';

type ModelOf = (ctx: CommandContext) => FinderModel;

/** What a result that is no function is called, when b is pressed on it. */
const SELECTED = { file: 'A file', type: 'A type', var: 'A package variable' };


/** Go's sort.Strings order (byte-wise), as the dlv CLI prints lists. */
export function sortedLikeGo(list: readonly string[]): string[] {
  return [...list].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * A list command of the dlv CLI (funcs, types, sources): Delve filters by RE, the CLI sorts.
 * `annotate` may add to a line (where gotui reads a source file that is not at its own path).
 */
function listCommand(name: string, method: string, field: string, what: string, annotate?: (ctx: CommandContext, item: string) => string): Command {
  return {
    name,
    args: '[RE]',
    // A script waits for the stop after its continue, as before print (a new user's trial: `funcs` right after `continue` failed).
    readsStop: true,
    summary: `List the target's ${what} matching RE (all without RE), as the dlv CLI's ${name}${annotate ? ', and where gotui reads each that is not here' : ''}.`,
    async run(ctx, args) {
      // Delve holds its answer until the target halts: a minute's wait for a sentence now.
      if (ctx.session.state.status === 'running') throw new UserError(`Delve lists ${what} only while the target is stopped.`, `Pause it (p), then :${name} ${args.trim() || 'RE'}.`);
      const rpc = await ctx.rpc(`list ${what}`);
      const out = await rpc.call<Record<string, string[] | null>>(method, { Filter: args.trim(), ...(method === 'ListFunctions' ? { FollowCalls: 0 } : {}) }, { timeoutMs: 60_000 }).catch((err) => {
        throw new UserError(`Cannot list ${what}: ${describeError(err)}.`, /regexp/.test(String(err)) ? 'RE is a Go regular expression, e.g. ^main\\.' : 'Delve lists them while the target is stopped.');
      });
      const list = sortedLikeGo(out[field] ?? []).map((item) => annotate?.(ctx, item) ?? item);
      ctx.show(`${name} ${args.trim()}`, list.length ? list.join('\n') : `No ${what} match.`);
    },
  };
}

/** A file Delve names as it is read here: unchanged when it is at that path, else `PATH  ← where` (mapped, guessed, over SSH, missing). */
function sourceOrigin(ctx: CommandContext, file: string): string {
  if (!file.startsWith('/')) return file;
  const where = ctx.model(sourceFeature).finder.where(file);
  return where === 'here' ? file : `${file}  ← ${where}`;
}

async function locate(ctx: CommandContext, func: string): Promise<{ file: string; line: number }> {
  const s = ctx.session.state;
  if (s.status === 'running') return ctx.session.resolveLocation(func);
  const rpc = await ctx.rpc('find the function');
  const at = (await rpc.findLocation(func))[0];
  if (!at?.file) throw new UserError(`Delve does not know where ${func} is.`);
  return { file: at.file, line: at.line };
}

/** Delve's rpc2 TypeInfo: a type by its name. */
interface TypeInfo {
  Kind: number;
  Size: number;
  Fields: { Name: string; Type: string }[] | null;
}

/** A type as the dlv CLI's whatis says it: `struct type, size: 16 bytes`, then its fields. */
function describeType(t: TypeInfo): string {
  const kind = Object.entries(Kind).find(([, k]) => k === t.Kind)?.[0].toLowerCase() ?? 'a';
  const width = Math.max(0, ...(t.Fields ?? []).map((f) => f.Name.length));
  const fields = t.Fields?.length ? ['Fields:', ...t.Fields.map((f) => `\t${f.Name.padEnd(width + 2)}${f.Type}`)] : [];
  return [`${kind} type, size: ${t.Size} bytes`, ...fields].join('\n');
}

export function finderCommands(model: ModelOf): Command[] {
  return [
    {
      name: 'find',
      args: '[QUERY]',
      summary: 'Fuzzy-find functions, source files, types and package variables of the target (Ctrl-P); the finder pane lists the best, Enter shows one, b breaks there.',
      async run(ctx, args) {
        const s = await model(ctx).find(args);
        ctx.app.focus('finder');
        ctx.print(`${s.results.length}${s.results.length === 200 ? '+' : ''} matches for '${s.query}' among ${formatCount(s.funcs!)} functions, ${formatCount(s.files!)} files, ${formatCount(s.types!)} types and ${formatCount(s.vars!)} package variables (${Math.round(s.ms ?? 0)} ms).`, 'result');
      },
      // Results as the query is typed: the pane shows them before Enter.
      async preview(ctx, args) {
        if (!args.trim()) return;
        await model(ctx).find(args);
        ctx.app.focus('finder');
      },
    },
    {
      name: 'finder',
      args: 'open | break',
      summary: 'Act on the finder\'s selected result: show it in the source pane (a type as :whatis describes it, a package variable\'s value), or set a breakpoint on the function.',
      subcommands: [
        {
          name: 'open',
          summary: 'Show the selected function or file in the source pane, a type as :whatis describes it, a package variable\'s value.',
          async run(ctx) {
            const r = model(ctx).current();
            if (!r) throw new UserError('No result is selected.', 'Ctrl-P (or :find QUERY) finds some.');
            // Delve tells no type's or variable's line: what the dlv CLI's whatis and print say of them (trial BZ).
            if (r.kind === 'type' || r.kind === 'var') return void (await ctx.run(`${r.kind === 'type' ? 'whatis' : 'print'} ${r.text}`));
            const at = r.kind === 'file' ? { file: r.text, line: 1 } : await locate(ctx, r.text);
            await ctx.run(`list ${at.file}:${at.line}`);
          },
        },
        {
          name: 'break',
          summary: 'Set a breakpoint on the selected function.',
          async run(ctx) {
            const r = model(ctx).current();
            if (r?.kind !== 'func') throw new UserError(r ? `${SELECTED[r.kind]} is selected: breakpoints go on functions or lines.` : 'No result is selected.', 'Select a function, or open the file (Enter) and press b on a line.');
            await ctx.run(`break ${r.text}`);
          },
        },
      ],
    },
    listCommand('funcs', 'ListFunctions', 'Funcs', 'functions'),
    listCommand('types', 'ListTypes', 'Types', 'types'),
    listCommand('sources', 'ListSources', 'Sources', 'source files', sourceOrigin),
    {
      name: 'threads',
      summary: "List the target's OS threads and where each is, as the dlv CLI's threads (* marks the current one).",
      disabledReason: commandWhenStopped,
      async run(ctx) {
        const rpc = await ctx.rpc('list the threads');
        const [out, state] = await Promise.all([rpc.call<{ Threads: RpcThread[] | null }>('ListThreads', {}), rpc.state(true)]);
        const threads = [...(out.Threads ?? [])].sort((a, b) => a.id - b.id);
        const lines = threads.map((th) => `${th.id === state.currentThread?.id ? '* ' : '  '}Thread ${th.id} at ${th.function ? `0x${th.pc.toString(16)} ${th.file}:${th.line} ${th.function.name}` : `${th.file}:${th.line}`}`);
        // The screen shows another goroutine than the marked thread's (that thread runs none): which thread runs it (trial O).
        const shown = ctx.session.state.selection?.goroutine;
        const cur = state.currentThread;
        if (shown && cur && cur.goroutineID !== shown) {
          const on = threads.find((th) => th.goroutineID === shown);
          lines.push(`* is Delve's current thread${cur.goroutineID ? `, on goroutine ${cur.goroutineID}` : ', which runs no goroutine'}; gotui shows goroutine ${shown}${on ? `, on thread ${on.id}` : ', on no thread (parked)'}.`);
        }
        ctx.show('threads', lines.length ? lines.join('\n') : 'The target has no threads.');
      },
    },
    {
      name: 'vars',
      args: '[RE]',
      summary: "List package variables matching RE with their values, as the dlv CLI's vars (which prints a slice's or map's elements as [...]; gotui prints them).",
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const rpc = await ctx.rpc('list package variables');
        const out = await rpc.call<{ Variables: RpcValue[] | null }>('ListPackageVars', { Filter: args.trim(), Cfg: SHORT_LOAD_CONFIG }, { timeoutMs: 60_000 });
        // Delve's own printer, ported: a long value ends in `...+N more` as the CLI's does (new-user trial).
        const lines = (out.Variables ?? []).map((v) => `${v.name} = ${singleLine(v)}`);
        ctx.show(`vars ${args.trim()}`, lines.length ? lines.join('\n') : 'No package variables match.');
      },
    },
    {
      name: 'locals',
      args: '[-args] [-v] [RE]',
      summary: "List the selected frame's local variables (-args: its arguments and results) matching RE, as the dlv CLI's locals and args (which print a slice's or map's elements as [...]; gotui prints them); -v prints each value whole.",
      help: "In a script, args is the dlv CLI's args (locals -args) and osargs lists os.Args. Examples: :locals   :locals -args   :locals -v ^err",
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const words = args.trim().split(/\s+/).filter(Boolean);
        const fargs = words.includes('-args');
        const verbose = words.includes('-v');
        const rest = words.filter((w) => w !== '-args' && w !== '-v');
        if (rest.length > 1 || rest[0]?.startsWith('-')) throw new UserError(`locals takes -args, -v and one regular expression, not '${rest.join(' ')}'.`, 'Example: :locals -args ^o$');
        const keep = rest[0] ? compilePattern(rest[0], { caseSensitive: true }) : undefined;
        const rpc = await ctx.rpc(fargs ? 'list the arguments' : 'list the locals');
        const call = { Scope: scopeOf(ctx.session.state.selection), Cfg: verbose ? PRINT_LOAD_CONFIG : SHORT_LOAD_CONFIG };
        const vars = fargs ? ((await rpc.call<{ Args: RpcValue[] | null }>('ListFunctionArgs', call)).Args ?? []) : ((await rpc.call<{ Variables: RpcValue[] | null }>('ListLocalVars', call)).Variables ?? []);
        // The dlv CLI's words, one variable a line (trial BY: a ported script's locals was refused, its args listed os.Args).
        ctx.show(fargs ? 'args' : 'locals', frameVarLines(vars, fargs ? 'args' : 'locals', keep && ((name) => keep.test(name)), verbose).join('\n'));
      },
    },
    {
      name: 'whatis',
      completes: 'expression',
      args: 'EXPR',
      summary: "Print the type of an expression (its real type, an interface's concrete type), as the dlv CLI's whatis.",
      disabledReason: commandWhenStopped,
      async run(ctx, args) {
        const expr = args.trim();
        if (!expr) throw new UserError('whatis needs an expression.', 'Example: :whatis o.Items');
        const rpc = await ctx.rpc('read a type');
        const sel = ctx.session.state.selection;
        const cfg = { ...SHORT_LOAD_CONFIG, MaxVariableRecurse: 1 };
        const out = await rpc.call<{ Variable: RpcVariable & { realType?: string } }>('Eval', { Scope: { GoroutineID: sel?.goroutine ?? -1, Frame: sel?.frame?.index ?? 0 }, Expr: expr, Cfg: cfg }).catch(async (err) => {
          // A type's name (the finder's Enter on main.Order, trial BZ): described as the dlv CLI's whatis does, by TypeInfo.
          const type = await rpc.call<{ TypeInfo: TypeInfo }>('TypeInfo', { Name: expr }).catch(() => undefined);
          if (type) return { type: describeType(type.TypeInfo) };
          throw new UserError(`Cannot evaluate '${expr}': ${describeError(err)}.`, 'whatis takes an expression in scope of the selected frame.');
        });
        // Shown where the console is not (the finder's Enter on a type, the Finder pane in its slot: trial CC saw nothing).
        if ('type' in out) return ctx.show(expr, out.type);
        const v = out.Variable;
        const lines = [v.type];
        if (v.realType && v.realType !== v.type) lines.push(`Real type: ${v.realType}`);
        if (v.kind === Kind.Interface && v.children?.length) lines.push(`Concrete type: ${v.children[0]!.type}`);
        ctx.show(expr, lines.join('\n'));
      },
    },
  ];
}
