import path from 'node:path';
import type { RpcVariable } from '../delve/rpc.js';
import { Kind } from '../delve/pretty.js';
import { packageOf } from '../session/state.js';

// What Tab makes of a word, given what it could become: pure (the I/O is complete.ts's).

/** Candidates listed on the bottom line at most; the rest are counted. */
const LISTED = 30;

export interface Completion {
  text: string;
  /** More than one: what the word could become (candidatesLine lists them). */
  candidates: string[];
  /** How many matched in all. */
  total: number;
}

/**
 * The bottom line's list of candidates: how many, first (a narrow terminal cuts the end of the
 * line), then the first of them, and how many more there are.
 */
export function candidatesLine(candidates: readonly string[], total = candidates.length): string {
  const shown = candidates.slice(0, LISTED);
  return `${total} match: ${shown.join('  ')}${total > shown.length ? `  (${total - shown.length} more: type more)` : ''}`;
}

/**
 * Functions whose name, its part after the last `/` (the package's name on), or its own name (after
 * the last `.`, as Delve takes `:break restock`) starts with `word`; files by their base name, as `name.go:`.
 * The program's own first, then the rest, each in name order.
 */
export function matchLocations(word: string, funcs: readonly string[], files: readonly string[]): string[] {
  // The program's own come first (main's functions, files outside Go's tree and the module cache):
  // `:break sto` is after stock.go, not runtime.stopm.
  const isOwn = new Map<string, boolean>();
  for (const f of funcs) if (f.startsWith(word) || f.slice(f.lastIndexOf('/') + 1).startsWith(word) || f.slice(f.lastIndexOf('.') + 1).startsWith(word)) isOwn.set(f, f.startsWith('main.'));
  const goroot = files.find((f) => f.endsWith('/src/runtime/proc.go'))?.slice(0, -'runtime/proc.go'.length);
  for (const f of files) {
    const base = path.basename(f);
    const mine = !(goroot && f.startsWith(goroot)) && !f.includes('/pkg/mod/');
    if (base.startsWith(word)) isOwn.set(`${base}:`, mine || !!isOwn.get(`${base}:`));
  }
  return [...isOwn.keys()].sort((a, b) => Number(isOwn.get(b)) - Number(isOwn.get(a)) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `line` with its last `word` replaced by what every candidate shares (the whole of the only one,
 * then `end`: a space after a command or a location, nothing after a name in an expression, which
 * goes on with `.` or `[` (trials BX, BZ: `:print acc ` then `.` made `acc .`)).
 */
export function completeWord(line: string, word: string, candidates: readonly string[], end = ' '): Completion {
  const before = line.slice(0, line.length - word.length);
  const total = candidates.length;
  if (total === 1) return { text: `${before}${candidates[0]}${candidates[0]!.endsWith(':') ? '' : end}`, candidates: [], total };
  let prefix = total ? candidates[0]! : word;
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return { text: `${before}${prefix.length > word.length ? prefix : word}`, candidates: [...candidates], total };
}

/** `print w.Parts[0].Na` -> the value before the last dot and the field's start; undefined when the word ends no selector. */
export function selectorAt(args: string): { base: string; field: string } | undefined {
  const m = /(?:^|[^\w.\])])((?:\(\*[A-Za-z_][\w.]*\)|[A-Za-z_]\w*)(?:(?:\.[A-Za-z_]\w*)|(?:\[[\w"]*\]))*)\.(\w*)$/.exec(args);
  return m ? { base: m[1]!, field: m[2]! } : undefined;
}

/**
 * Of Delve's function names, the packages whose import path ends in element `name` (`calc`:
 * example.com/app/calc), and their functions' own names, which an expression takes after `name.`
 * (no methods, closures or generic instances).
 */
export function packageMembers(name: string, funcs: readonly string[]): { packages: string[]; funcs: string[] } {
  const packages = new Set<string>();
  const own = new Set<string>();
  for (const f of funcs) {
    const pkg = packageOf(f);
    if (!pkg || pkg.slice(pkg.lastIndexOf('/') + 1) !== name) continue;
    packages.add(pkg);
    const rest = f.slice(pkg.length + 1);
    if (/^[A-Za-z_]\w*$/.test(rest)) own.add(rest);
  }
  return { packages: [...packages], funcs: [...own] };
}

/** The fields a selector on `v` can name: a struct's, or the struct's a pointer points to (Go dereferences it). */
export function fieldNames(v: RpcVariable): string[] {
  const target = v.kind === Kind.Ptr ? v.children?.[0] : v;
  if (target?.kind !== Kind.Struct) return [];
  return (target.children ?? []).map((c) => c.name).filter((n) => /^[A-Za-z_]\w*$/.test(n));
}
