/** The `:` commands of the live flag editor: flags, flag, args, restart, start. */
import type { Command, CommandContext } from '../features/types.js';
import type { FlagsController } from './controller.js';
import { UserError } from '../errors.js';
import { DEFAULT_SET } from './controller.js';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { goUnquoteBytes } from '../core/gostrings.js';
import { restartUnavailable, stoppedForRestart } from './restart.js';
import { runToPlace } from '../commands/run-control.js';
import { splitShellWords } from '../core/shellwords.js';
import { flagTableLines, shellQuote } from './view.js';

export type FlagCommandArgs =
  | { kind: 'list' }
  | { kind: 'cancel'; id: number }
  /** `value` undefined: the name alone, as `-verbose` on a command line (a bool flag's true). */
  /** `setExpr`: as given with -set; without it, the set that has the flag (see FlagsController.setHolding). */
  | { kind: 'edit'; setExpr?: string; name: string; value: string | undefined };

/** The answer to "kill and restart a program gotui did not start?", typed or given by the question's key. */
const YES = '-yes';

const FLAG_USAGE = 'Usage: flag NAME=VALUE | flag NAME (a bool, true) | flag -set EXPR NAME=VALUE | flag -cancel N | flag (lists pending edits)';

/** Parses the arguments of `:flag`. VALUE is taken as typed; a Go-quoted "..." value is unquoted (for spaces at its ends, \n). */
export function parseFlagArgs(text: string): FlagCommandArgs {
  const t = text.trim();
  if (!t) return { kind: 'list' };
  const cancel = /^-cancel\s+#?(\S+)$/.exec(t);
  if (cancel) {
    const id = Number(cancel[1]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new UserError(`'${cancel[1]}' is not an edit number.`, 'Usage: flag -cancel N (the numbers are in the flags pane and :flag).');
    return { kind: 'cancel', id };
  }
  let setExpr: string | undefined;
  let rest = t;
  const set = /^-set\s+(\S+)\s+([\s\S]*)$/.exec(t);
  if (set) {
    setExpr = set[1]!;
    rest = set[2]!;
  } else if (/^-set\b/.test(t) || /^-cancel\b/.test(t)) {
    throw new UserError(`'${t}' is missing its arguments.`, FLAG_USAGE);
  }
  const eq = rest.indexOf('=');
  if (eq < 0) {
    const name = rest.trim().replace(/^--?/, '');
    if (!name || /\s/.test(name)) throw new UserError(`'${rest}' is not NAME=VALUE.`, FLAG_USAGE);
    return { kind: 'edit', ...(setExpr ? { setExpr } : {}), name, value: undefined };
  }
  const name = rest.slice(0, eq).trim().replace(/^--?/, '');
  if (!name || /\s/.test(name)) throw new UserError(`'${rest.slice(0, eq).trim()}' is not a flag name.`, FLAG_USAGE);
  let value = rest.slice(eq + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    const bytes = goUnquoteBytes(value);
    if (bytes === undefined) throw new UserError(`${value} is not a valid Go string literal.`, 'Write it as Go would: "a b", "line\\n", or leave the quotes out.');
    // gotui sets flags through their text; bytes that are not UTF-8 would arrive as U+FFFD.
    if (!isUtf8(bytes)) throw new UserError(`${value} holds bytes that are not UTF-8 text, which gotui cannot set as a flag value.`, 'Write the characters themselves or \\u escapes, e.g. "caf\\u00e9".');
    value = bytes.toString('utf8');
  }
  return { kind: 'edit', ...(setExpr ? { setExpr } : {}), name, value };
}

const connected = (ctx: CommandContext) => (ctx.session.connected ? undefined : 'not connected to Delve');

/** The flag commands, over the controller a feature hands them. */
export function flagCommands(flags: (ctx: CommandContext) => FlagsController): Command[] {
  return [
  {
    name: 'flags',
    readsStop: true,
    args: '[EXPR] | -rm EXPR',
    summary: 'List the flags of a FlagSet read from the target (flag.CommandLine by default; pflag too), and show them in the flags pane.',
    help: 'Examples: :flags   :flags main.debugFlags   :flags main.pflags   :flags cfg.fs (a local or a field). Shows name, type, current value, default and usage; * marks a value changed from its default. The pane reads its FlagSets again at every stop. -rm EXPR stops showing one.',
    disabledReason: connected,
    async run(ctx, args) {
      const c = flags(ctx);
      const rm = /^-rm\s+(\S+)$/.exec(args.trim());
      if (rm) {
        if (!c.unwatch(rm[1]!)) throw new UserError(`${rm[1]} is not in the flags pane.`, `Shown: ${c.store.get().sets.map((s) => s.expr).join(', ') || 'none'}.`);
        ctx.print(`${rm[1]} is no longer shown.`, 'info');
        return;
      }
      if (/^-/.test(args.trim())) throw new UserError(`flags does not take '${args.trim()}'.`, 'Usage: flags [EXPR] | flags -rm EXPR');
      const expr = args.trim() || DEFAULT_SET;
      const stale = ctx.session.state.status !== 'stopped';
      const snap = await c.watch(expr);
      const own = expr === DEFAULT_SET && !snap.flags.length ? c.ownSnapshots() : [];
      ctx.print([snap, ...own].flatMap((s) => flagTableLines(s)).join('\n'), 'result');
      if (stale) ctx.print(`Read at stop ${snap.stop}; the target has run since.`, 'info');
    },
  },
  {
    name: 'flag',
    args: 'NAME=VALUE | -set EXPR NAME=VALUE | -cancel N',
    summary: 'Change a flag in the running program: numbers, bools and durations are written directly, strings and custom Values go through the Value’s own Set.',
    help: 'Examples: :flag batch=64   :flag log-level=debug   :flag interval=250ms   :flag -set main.debugFlags mode=drain   :flag name="two words". The value is checked against the flag’s type before anything is sent. Where the target cannot run a call (not at a safe point, or running), the edit waits in a queue and applies at the next stop where it can; :flag lists the queue, :flag -cancel N drops one.',
    disabledReason: connected,
    async run(ctx, args) {
      const c = flags(ctx);
      const p = parseFlagArgs(args);
      if (p.kind === 'list') {
        const pending = c.pending();
        ctx.print(pending.length ? pending.map((e) => `#${e.id} ${c.label(e.setExpr, e.name)}=${e.value}  waiting: ${e.reason}`).join('\n') : 'No edits are pending.', 'result');
        return;
      }
      if (p.kind === 'cancel') {
        const e = c.cancel(p.id);
        ctx.print(`Cancelled edit #${e.id} (${c.label(e.setExpr, e.name)}=${e.value}).`, 'info');
        return;
      }
      ctx.session.requireLive(`change -${p.name}`);
      const report = await c.edit(p.setExpr ?? c.setHolding(p.name), p.name, p.value);
      ctx.print(report.message, report.status === 'applied' ? 'result' : 'warning');
    },
  },
  {
    name: 'args',
    // A script's args is the dlv CLI's (the frame's arguments): os.Args is osargs there (trial BY).
    aliases: ['osargs'],
    readsStop: true,
    summary: 'Show os.Args of the target (in a script: osargs; args there lists the frame\'s arguments, as the dlv CLI\'s).',
    disabledReason: connected,
    async run(ctx) {
      const { snapshot, stale } = await flags(ctx).args();
      const lines = snapshot.args.map((a, i) => `[${i}] ${shellQuote(a)}`);
      ctx.print([`os.Args (${snapshot.args.length}):`, ...lines].join('\n'), 'result');
      if (stale) ctx.print(`Read at stop ${snapshot.stop}; the target has run since.`, 'info');
    },
  },
  {
    name: 'restart',
    ownStop: true,
    args: `[${YES}] [ARGS... | --]`,
    summary: 'Restart a program Delve started, with new arguments (quoted as in a shell), keeping breakpoints.',
    help: `Examples: :restart -batch=8 -log-level debug   :restart (same arguments)   :restart -- (no arguments). A program gotui did not start is killed and started anew only after a question (${YES} first answers it; a program flag ${YES} goes after --). Needs Delve v1.25.1 or newer.`,
    disabledReason: (ctx) => restartUnavailable(ctx.session),
    async run(ctx, args) {
      const agreed = askedFirst(ctx, 'restart', args);
      if (agreed === undefined) return;
      ctx.print(await flags(ctx).restart(restartArgv(agreed, 'restart')), 'info');
    },
  },
  {
    name: 'rebuild',
    ownStop: true,
    args: `[${YES}]`,
    summary: "Build the program again from its source and restart it, keeping breakpoints, as the dlv CLI's rebuild (a program Delve built: gotui debug, gotui test).",
    disabledReason: (ctx) => restartUnavailable(ctx.session),
    async run(ctx, args) {
      const agreed = askedFirst(ctx, 'rebuild', args);
      if (agreed === undefined) return;
      if (agreed.trim()) throw new UserError(`rebuild takes no arguments but ${YES} ('${agreed.trim()}' was given).`, 'Rebuild keeps the arguments: :restart ARGS changes them.');
      // Delve's rebuild of a binary it did not build kills the program, then fails: asked first.
      const command = (await (await ctx.rpc('rebuild the program')).state(true)).TargetCommandLine;
      const binary = command.split(' ')[0] ?? '';
      if (!path.basename(binary).startsWith('__debug_bin')) throw new UserError(`Delve did not build this program (it runs ${binary || 'a binary it was given'}), so it cannot build it again.`, 'Build it yourself (go build), then :restart; gotui debug and gotui test let Delve build it.');
      ctx.print(await flags(ctx).restart(undefined, undefined, true), 'info');
    },
  },
  {
    name: 'start',
    ownStop: true,
    args: '[ARGS... | --]',
    summary: "Restart the program (as :restart) and stop at main.main, as gdb's start does.",
    help: 'A temporary breakpoint at main.main, taken out at the next stop; a breakpoint met before it (in an init function) stops there first, and gotui says so. Examples: :start   :start -batch=8   :start --',
    disabledReason: (ctx) => restartUnavailable(ctx.session),
    async run(ctx, args) {
      const agreed = askedFirst(ctx, 'start', args);
      if (agreed === undefined) return;
      const argv = restartArgv(agreed, 'start');
      // Halted first: the halt's stop is not the one the temporary breakpoint waits for.
      await stoppedForRestart(ctx.session);
      let message = '';
      // A stop before main.main (a breakpoint in an init function) is gone past with :continue; :start would meet it again.
      await runToPlace(ctx, { kind: 'function', spec: 'main.main', temporary: true }, async () => (message = await flags(ctx).restart(argv, 'main.main')), ':continue main.main');
      ctx.print(message, 'info');
    },
  },
];

/**
 * A restart kills the running process: one gotui attached to may be someone's service (trial CH: a
 * colleague's, restarted without a word, where :quit -kill asks). The arguments left once agreed
 * (`-yes` taken off), or undefined when the question was asked instead.
 */
function askedFirst(ctx: CommandContext, name: 'restart' | 'start' | 'rebuild', args: string): string | undefined {
  const yes = new RegExp(`^\\s*${YES}(?=\\s|$)`).exec(args);
  if (yes) return args.slice(yes[0].length);
  const what = name === 'rebuild' ? 'Kill, rebuild and restart the program?' : 'Kill and restart the program?';
  const asked = ctx.app.askFirst(what, { key: 'y', label: name === 'start' ? 'restart, stop at main' : name === 'rebuild' ? 'rebuild it' : 'restart it', command: `${name} ${YES}${args.trim() ? ` ${args.trim()}` : ''}` });
  return asked ? undefined : args;
}

/** The arguments of :restart and :start: undefined keeps the last ones, `--` clears them. */
function restartArgv(args: string, command: string): string[] | undefined {
  const text = args.trim();
  if (text === '--') return [];
  if (!text) return undefined;
  const split = splitShellWords(text.replace(/^--\s+/, ''));
  if (!split.ok) throw new UserError(`Cannot split the arguments: ${split.message}`, `Quote as in a shell: :${command} -name 'two words'`);
  return split.words;
}
}
