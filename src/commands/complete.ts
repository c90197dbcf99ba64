import path from 'node:path';
import type { CommandContext } from '../features/types.js';
import { finderFeature } from '../finder/feature.js';
import { variablesFeature } from '../variables/feature.js';
import { findCommand, splitCommandLine } from './registry.js';

/** Candidates listed on the bottom line at most; the rest are counted. */
const LISTED = 30;

export interface Completion {
  text: string;
  /** More than one: what the word could become (the bottom line lists them). */
  candidates: string[];
  /** How many matched in all. */
  total: number;
}

/**
 * Tab after a command that names a location (`break`, `list`, `continue`...) or an expression
 * (`print`, `display`...): the word being typed completed from the target's functions and source
 * files (Delve's lists, as the finder reads them) or from the selected frame's variables.
 * Undefined when the command takes neither.
 */
export async function completeArgument(ctx: CommandContext, line: string): Promise<Completion | undefined> {
  const { name, args } = splitCommandLine(line);
  const kind = findCommand(name)?.completes;
  if (!kind) return undefined;
  if (kind === 'location') {
    // Only the location itself (the first word): what follows is a condition or a count.
    const word = /^\s*(\S*)$/.exec(args)?.[1];
    if (word === undefined) return undefined;
    const { funcs, files } = await ctx.model(finderFeature).names();
    return completeWord(line, word, matchLocations(word, funcs, files));
  }
  // The expression's last name (`w.Bins` completes `w`'s roots only: fields are a value's, read at Enter).
  const word = /(?:^|[^\w.])([A-Za-z_]\w*)$/.exec(args)?.[1] ?? (/\s$/.test(line) || !args ? '' : undefined);
  if (word === undefined) return undefined;
  const names = [...new Set(ctx.model(variablesFeature).get().roots.map((r) => r.name))];
  return completeWord(line, word, names.filter((n) => n.startsWith(word)).sort());
}

/** Functions whose name, or its part after the last `/` (the package's name on), starts with `word`; files by their base name, as `name.go:`. */
export function matchLocations(word: string, funcs: readonly string[], files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const f of funcs) if (f.startsWith(word) || f.slice(f.lastIndexOf('/') + 1).startsWith(word)) out.add(f);
  for (const f of files) {
    const base = path.basename(f);
    if (base.startsWith(word)) out.add(`${base}:`);
  }
  return [...out].sort();
}

/** `line` with its last `word` replaced by what every candidate shares (the whole of the only one, then a space). */
export function completeWord(line: string, word: string, candidates: readonly string[]): Completion {
  const before = line.slice(0, line.length - word.length);
  const total = candidates.length;
  if (total === 1) return { text: `${before}${candidates[0]}${candidates[0]!.endsWith(':') ? '' : ' '}`, candidates: [], total };
  let prefix = total ? candidates[0]! : word;
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return { text: `${before}${prefix.length > word.length ? prefix : word}`, candidates: candidates.slice(0, LISTED), total };
}
