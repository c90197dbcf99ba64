/** The names an expression can take in the selected frame: for completion and a mistyped name's nearest. */
import type { CommandContext } from '../features/types.js';
import { packageOf } from '../session/state.js';
import { packageMembers } from './complete-word.js';

/**
 * The names an expression can take in the selected frame, for a mistyped one's nearest: the
 * frame's variables, then its package's that begin as `word` does (a package can hold thousands;
 * trial BZ: `countr` for the package's `counter` had no suggestion).
 */
export async function namesNear(ctx: CommandContext, word: string): Promise<string[]> {
  const frame = ctx.session.state.selection?.frame;
  return [...(await ctx.session.variableNames(frame)), ...(await packageVars(ctx, word.slice(0, 1)))];
}

/**
 * Package `pkg`'s variables (the frame's package by default) starting with `word`, by the names
 * Delve reads them by there (`counter` for main.counter in package main); asked for a word begun
 * (a package can hold thousands).
 */
export async function packageVars(ctx: CommandContext, word: string, pkg = packageOf(ctx.session.state.selection?.frame?.name ?? '')): Promise<string[]> {
  const rpc = pkg ? await ctx.rpc('list the package variables').catch(() => undefined) : undefined;
  if (!pkg || !rpc) return [];
  return ((await rpc.packageVarNames(pkg, word, { timeoutMs: 2_000 }).catch(() => undefined)) ?? []).sort();
}

/**
 * What `name.` can go on with when name is a package, by its import path's last element as Go code
 * names it (trial CA: `calc.` for example.com/app/calc, whose calc.Sum Delve takes): its package
 * variables and functions starting with `word`, asked of Delve filtered by the package (its
 * functions whatever their start: they name its import path, `calc.To` has no function).
 */
export async function packageNames(ctx: CommandContext, name: string, word: string): Promise<string[]> {
  const rpc = await ctx.rpc('list the package\'s names').catch(() => undefined);
  const found = packageMembers(name, (await rpc?.packageFunctions(name, { timeoutMs: 2_000 }).catch(() => undefined)) ?? []);
  // A package with no function of that prefix is still asked by the name typed (main.counter).
  const vars = await Promise.all((found.packages.length ? found.packages : [name]).map((pkg) => packageVars(ctx, word, pkg)));
  return [...new Set([...vars.flat(), ...found.funcs.filter((f) => f.startsWith(word))])].sort();
}
