import { describeError, UserError } from '../errors.js';
import { bpfCommands } from '../bpf/commands.js';
import { flagCommands } from '../flags/commands.js';
import { memoryCommands } from '../memory/commands.js';
import { registerCommands } from '../registers/commands.js';
import { goroutineCommands } from '../goroutines/commands.js';
import { breakpointCommands } from './breakpoints.js';
import { dataCommands } from './data.js';
import { executionCommands } from './execution.js';
import { lifecycleCommands } from './lifecycle.js';
import { navigationCommands } from './navigation.js';
import type { Command, CommandContext } from './types.js';

const helpCommand: Command = {
  name: 'help',
  aliases: ['h'],
  args: '[CMD]',
  summary: 'List commands, or explain one.',
  async run(ctx, args) {
    const name = args.trim();
    if (!name) {
      ctx.print(commandHelpLines(ctx).join('\n'), 'result');
      return;
    }
    const cmd = findCommand(name);
    if (!cmd) throw unknownCommand(name);
    ctx.print(commandHelpText(cmd), 'result');
  },
};

// One list, so help, completion and the name-clash test see every command.
const registry: Command[] = [...executionCommands, ...breakpointCommands, ...navigationCommands, ...dataCommands, ...lifecycleCommands, ...goroutineCommands, ...registerCommands, ...memoryCommands, ...flagCommands, ...bpfCommands, helpCommand];

export function allCommands(): readonly Command[] {
  return registry;
}

export function findCommand(name: string): Command | undefined {
  return registry.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Splits a command line into its name and the rest; two-word gdb names (`info registers`) are tried first. */
export function splitCommandLine(line: string): { name: string; args: string } {
  const text = line.trim().replace(/^:/, '');
  const two = /^(\S+\s+\S+)(?:\s+(.*))?$/.exec(text);
  if (two && findCommand(two[1]!.replace(/\s+/, ' '))) return { name: two[1]!.replace(/\s+/, ' '), args: two[2] ?? '' };
  // gdb's x/16xg: the format rides on the name.
  const slash = /^([a-z]+)(\/\S*)(.*)$/.exec(text);
  if (slash && findCommand(slash[1]!)) return { name: slash[1]!, args: `${slash[2]}${slash[3]}` };
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  return { name: m?.[1] ?? '', args: m?.[2] ?? '' };
}

/** Runs one command line: the one place keys, the `:` prompt and batch files go through. */
export async function runCommandLine(ctx: CommandContext, line: string, opts: { echo?: boolean } = {}): Promise<boolean> {
  const { name, args } = splitCommandLine(line);
  if (!name) return true;
  if (opts.echo !== false) ctx.print(`> ${line.trim()}`, 'command');
  try {
    const cmd = findCommand(name);
    if (!cmd) throw unknownCommand(name);
    const why = cmd.disabledReason?.(ctx);
    if (why) throw new UserError(`${cmd.name} is not available: ${why}.`);
    await cmd.run(ctx, args);
    return true;
  } catch (err) {
    ctx.print(describeError(err), 'error');
    return false;
  }
}

function unknownCommand(name: string): UserError {
  const near = registry.map((c) => c.name).filter((n) => n.startsWith(name[0] ?? '')).slice(0, 5);
  return new UserError(`Unknown command '${name}'.`, near.length ? `Did you mean ${near.join(', ')}? :help lists all.` : ':help lists all commands.');
}

export function commandSynopsis(c: Command): string {
  const names = [c.name, ...(c.aliases ?? []).filter((a) => !a.includes(' '))].join('|');
  return c.args ? `${names} ${c.args}` : names;
}

export function commandHelpLines(ctx?: CommandContext): string[] {
  const width = Math.max(...registry.map((c) => commandSynopsis(c).length));
  return registry.map((c) => {
    const why = ctx && c.disabledReason?.(ctx);
    return `${commandSynopsis(c).padEnd(width)}  ${c.summary}${why ? ` (not now: ${why})` : ''}`;
  });
}

export function commandHelpText(c: Command): string {
  return [`:${commandSynopsis(c)}`, `  ${c.summary}`, ...(c.help ? [`  ${c.help}`] : [])].join('\n');
}
