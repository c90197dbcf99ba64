import { describeError, UserError } from '../errors.js';
import { FEATURES } from '../features/index.js';
import type { Command, CommandContext, Subcommand } from '../features/types.js';
import { breakpointCommands } from './breakpoints.js';
import { completeWord } from './complete-word.js';
import { dlvWordInstead } from './dlv-words.js';
import { nearestNames } from '../core/text.js';
import { dataCommands } from './data.js';
import { executionCommands } from './execution.js';
import { lifecycleCommands } from './lifecycle.js';
import { pairCommands } from '../pair/commands.js';
import { postmortemCommands } from '../postmortem/commands.js';
import { scriptCommands } from '../batch/commands.js';

const helpCommand: Command = {
  name: 'help',
  aliases: ['h'],
  args: '[CMD]',
  completes: 'command',
  summary: 'List commands, or explain one (with its subcommands).',
  run(ctx, args) {
    const name = args.trim();
    if (!name) {
      ctx.app.page('Commands (:help CMD explains one)', commandHelpLines(ctx).join('\n'));
      return;
    }
    const cmd = findCommand(name);
    if (!cmd) throw unknownCommand(name);
    ctx.show(`:help ${cmd.name}`, commandHelpText(cmd));
  },
};

// One list, so help, completion and the name-clash test see every command.
const registry: Command[] = [
  ...executionCommands,
  ...breakpointCommands,
  ...dataCommands,
  ...FEATURES.flatMap((f) => f.commands),
  ...postmortemCommands,
  ...pairCommands,
  ...lifecycleCommands,
  ...scriptCommands({ execute: executeCommandLine, disabledNow, isCommand: isCommandLine, nearCommands }),
  helpCommand,
];

export function allCommands(): readonly Command[] {
  return registry;
}

export function findCommand(name: string): Command | undefined {
  return registry.find((c) => c.name === name || c.aliases?.includes(name));
}

export function findSubcommand(cmd: Command, word: string): Subcommand | undefined {
  return cmd.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
}

/** What the command of a line being typed shows before Enter (nothing for most commands). */
export async function previewCommandLine(ctx: CommandContext, line: string): Promise<void> {
  const { name, args } = splitCommandLine(line);
  const cmd = findCommand(name);
  if (!cmd?.preview || cmd.disabledReason?.(ctx)) return;
  try {
    await cmd.preview(ctx, args);
  } catch {
    // Enter runs the command, and that says what is wrong.
  }
}

/** Splits a command line into its name and the rest; two-word gdb names (`info registers`) are tried first. */
export function splitCommandLine(line: string): { name: string; args: string } {
  // `: quit` (a space after the colon, as batch files and pastes have it) is `quit`.
  const text = line.trim().replace(/^:/, '').trimStart();
  // [\s\S], not `.`: a newline later in the line must not make the engine retry every split (quadratic).
  const two = /^(\S+\s+\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (two && findCommand(two[1]!.replace(/\s+/, ' '))) return { name: two[1]!.replace(/\s+/, ' '), args: two[2] ?? '' };
  // gdb's x/16xg: the format rides on the name.
  const slash = /^([a-z]+)(\/\S*)([\s\S]*)$/.exec(text);
  if (slash && findCommand(slash[1]!)) return { name: slash[1]!, args: `${slash[2]}${slash[3]}` };
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  return { name: m?.[1] ?? '', args: m?.[2] ?? '' };
}

/** Runs one command line: the one place keys, the `:` prompt and batch files go through. Errors are printed. */
export async function runCommandLine(ctx: CommandContext, line: string, opts: { echo?: boolean } = {}): Promise<boolean> {
  if (!splitCommandLine(line).name) return true;
  if (opts.echo !== false) ctx.print(`> ${line.trim()}`, 'command');
  try {
    await executeCommandLine(ctx, line);
    return true;
  } catch (err) {
    ctx.print(describeError(err), 'error');
    return false;
  }
}

/** Runs one command line; what fails is thrown (UserError for what the user can fix). */
export async function executeCommandLine(ctx: CommandContext, line: string): Promise<void> {
  const resolved = resolveLine(ctx, line);
  if (!resolved) return;
  const { cmd, sub, args, why } = resolved;
  if (why) throw new UserError(`${sub ? `${cmd.name} ${sub.name}` : cmd.name} is not available: ${why}.`);
  if (sub) {
    // As for commands below (trial M: `:gview expand nosuchgroup` opened the group under the cursor).
    if (sub.args === undefined && args.trim()) throw new UserError(`${cmd.name} ${sub.name} takes no arguments ('${args.trim()}' was given).`, `Usage: ${cmd.name} ${sub.name}. ${sub.summary}`);
    await sub.run(ctx, args);
    return;
  }
  if (!cmd.run) {
    const first = /^\S+/.exec(args.trim())?.[0] ?? '';
    throw new UserError(first ? `${cmd.name} does not know '${first}'.` : `${cmd.name} needs a subcommand.`, `Subcommands: ${cmd.subcommands!.map((s) => s.name).join(', ')} (:help ${cmd.name}).`);
  }
  // A command that declares no arguments would ignore them (`:stepi 3` took one step): refused instead.
  if (cmd.args === undefined && !cmd.subcommands && args.trim()) throw new UserError(`${cmd.name} takes no arguments ('${args.trim()}' was given).`, `Usage: ${cmd.name}. ${cmd.summary}`);
  await cmd.run(ctx, args);
}

/** Why the command a line names cannot run now ("the target is running"), if it cannot. */
export function disabledNow(ctx: CommandContext, line: string): string | undefined {
  try {
    const r = resolveLine(ctx, line);
    return r?.why ?? (r?.cmd.readsStop && ctx.session.state.status === 'running' ? 'the target is running' : undefined);
  } catch {
    return undefined;
  }
}

/** The command (and subcommand) a line names, the rest of the line, and why it cannot run now. */
function resolveLine(ctx: CommandContext, line: string): { cmd: Command; sub?: Subcommand; args: string; why?: string } | undefined {
  const { name, args } = splitCommandLine(line);
  if (!name) return undefined;
  const cmd = findCommand(name);
  if (!cmd) throw unknownCommand(name);
  const first = /^\S+/.exec(args.trim())?.[0] ?? '';
  const sub = findSubcommand(cmd, first);
  const why = cmd.disabledReason?.(ctx) ?? sub?.disabledReason?.(ctx);
  if (sub) return { cmd, sub, args: args.trim().slice(first.length).trim(), ...(why ? { why } : {}) };
  return { cmd, args, ...(why ? { why } : {}) };
}

/** Whether a line names one of gotui's commands (a script's line is checked before it runs). */
export function isCommandLine(line: string): boolean {
  return !!findCommand(splitCommandLine(line).name);
}

/** The commands whose names are nearest a mistyped one (`contine`: continue). */
export function nearCommands(name: string): string[] {
  return nearestNames(name, registry.map((c) => c.name), 5);
}

/** A script's own words (src/batch/script.ts), typed at the prompt (trial AN: `:expect` was an unknown command, unexplained). */
const SCRIPT_ONLY = new Set(['expect', 'repeat', 'sleep']);

function unknownCommand(name: string): UserError {
  const instead = dlvWordInstead(name);
  if (instead) return instead;
  if (SCRIPT_ONLY.has(name)) return new UserError(`'${name}' is a word of gotui's scripts, not a command.`, 'A script runs with :source FILE here, or gotui run FILE (README: Batch mode and CI); :record FILE writes one.');
  const near = nearCommands(name);
  return new UserError(`Unknown command '${name}'.`, near.length ? `Did you mean ${near.join(', ')}? :help lists all.` : ':help lists all commands.');
}

export function commandSynopsis(c: Command): string {
  const names = [c.name, ...(c.aliases ?? []).filter((a) => !a.includes(' '))].join('|');
  return c.args ? `${names} ${c.args}` : names;
}

export function commandHelpLines(ctx?: CommandContext): string[] {
  return registry.flatMap((c) => {
    const why = ctx && c.disabledReason?.(ctx);
    return [`${commandSynopsis(c)}`, `    ${c.summary}${why ? ` (not now: ${why})` : ''}`];
  });
}

export function commandHelpText(c: Command): string {
  const subs = (c.subcommands ?? []).map((s) => `  ${c.name} ${s.name}${s.args ? ` ${s.args}` : ''}\n      ${s.summary}`);
  const aliases = (c.aliases ?? []).filter((a) => a.includes(' '));
  return [`:${commandSynopsis(c)}`, `  ${c.summary}`, ...(c.help ? [`  ${c.help}`] : []), ...(aliases.length ? [`  Also: ${aliases.join(', ')}`] : []), ...(subs.length ? ['Subcommands:', ...subs] : [])].join('\n');
}

/**
 * Tab: completes the command name, or a subcommand after a command that has them, when one
 * candidate fits (or their common prefix). Returns the new text and the candidates.
 */
/** The commands' names and aliases that start with `word`. */
function commandNames(word: string): string[] {
  return allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])]).filter((n) => n.startsWith(word) && !n.includes(' '));
}

/** The options a usage line names (`-kill` of `[-leave | -kill [-yes]]`), in its order. Pure. */
export function optionsIn(usage: string): string[] {
  return [...new Set(usage.match(/(?<![\w-])-[a-z][\w-]*/g) ?? [])];
}

export function completeCommandLine(text: string): { text: string; candidates: string[] } {
  // An option begun (`:quit -k`): from the usage of the command, or of its subcommand, the options being data there.
  const option = /\s(-[\w-]*)$/.exec(text)?.[1];
  if (option !== undefined) {
    const words = text.trim().split(/\s+/);
    const cmd = findCommand(words[0]!);
    const sub = cmd && words.length > 2 ? findSubcommand(cmd, words[1]!) : undefined;
    const options = optionsIn((sub ?? cmd)?.args ?? '').filter((o) => o.startsWith(option));
    if (options.length) return { text: completeWord(text, option, options).text, candidates: options };
  }
  const m = /^(\s*)(\S*)(?:(\s+)(\S*))?$/.exec(text);
  if (!m) return { text, candidates: [] };
  const [, lead = '', word = '', space, subWord] = m;
  if (space === undefined) {
    const names = commandNames(word);
    return { text: completeWord(`${lead}${word}`, word, names).text, candidates: names };
  }
  const cmd = findCommand(word);
  // A command that takes a command's name (:help) completes names, as the first word does (trial AK).
  const subs = cmd?.completes === 'command' ? commandNames(subWord ?? '') : (cmd?.subcommands ?? []).flatMap((s) => [s.name, ...(s.aliases ?? [])]).filter((n) => n.startsWith(subWord ?? ''));
  if (!cmd || !subs.length) return { text, candidates: [] };
  return { text: completeWord(`${lead}${word}${space}${subWord ?? ''}`, subWord ?? '', subs).text, candidates: subs };
}
