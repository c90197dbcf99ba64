import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';

/**
 * A substitute-path rule as dlv spells it (`config substitute-path FROM TO`): FROM is a directory
 * as the target's debug info names it (the build machine's), TO where it is on this machine.
 */
export interface SubstituteRule {
  from: string;
  to: string;
  /** Where it came from, for `:substitute-path` to list. */
  origin: 'command' | 'flag' | 'config' | 'guess';
}

/** Whether `p` is `dir` or inside it (whole path components only: /a/b is not in /a/bc). */
function within(p: string, dir: string): boolean {
  if (dir === '/') return p.startsWith('/');
  const d = dir.replace(/\/+$/, '');
  return p === d || p.startsWith(`${d}/`);
}

function swap(p: string, from: string, to: string): string {
  const f = from.replace(/\/+$/, '');
  const rest = from === '/' ? p.slice(1) : p.slice(f.length).replace(/^\//, '');
  return rest ? path.posix.join(to, rest) : to;
}

/** Delve's path to this machine's by the first rule whose FROM holds it (the longest FROM wins among equals in order). */
export function toLocal(delvePath: string, rules: readonly SubstituteRule[]): string | undefined {
  const r = bestRule(delvePath, rules, 'from');
  return r ? swap(delvePath, r.from, r.to) : undefined;
}

/** This machine's path to Delve's (a breakpoint set on a mapped file goes to the path Delve knows). */
export function toDelve(localPath: string, rules: readonly SubstituteRule[]): string | undefined {
  const r = bestRule(localPath, rules, 'to');
  return r ? swap(localPath, r.to, r.from) : undefined;
}

function bestRule(p: string, rules: readonly SubstituteRule[], side: 'from' | 'to'): SubstituteRule | undefined {
  let best: SubstituteRule | undefined;
  for (const r of rules) if (within(p, r[side]) && (!best || r[side].length > best[side].length)) best = r;
  return best;
}

/** `~/src` → the home directory's src; relative paths from `cwd`. */
export function expandLocal(p: string, cwd = process.cwd()): string {
  const home = p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
  return path.resolve(cwd, home);
}

/** Checks a rule typed by the user: both sides absolute (after ~), FROM as the target names it. */
export function makeRule(from: string, to: string, origin: SubstituteRule['origin'], cwd?: string): SubstituteRule {
  const f = from.trim();
  if (!f || !to.trim()) throw new UserError('substitute-path needs FROM and TO.', 'Example: :substitute-path /build/src/orders ~/src/orders (FROM as the target was built, TO here).');
  if (!f.startsWith('/')) throw new UserError(`'${f}' is not an absolute path as the target's debug info names it.`, 'FROM is a directory of the build machine, e.g. /build/src/orders; :sources lists the target\'s files.');
  return { from: path.posix.normalize(f).replace(/(.)\/+$/, '$1'), to: expandLocal(to.trim(), cwd).replace(/(.)\/+$/, '$1'), origin };
}

/** `--substitute-path FROM=TO` */
export function parseRuleFlag(text: string): SubstituteRule {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UserError(`--substitute-path needs FROM=TO, not '${text}'.`, 'Example: --substitute-path /build/src/orders=~/src/orders');
  return makeRule(text.slice(0, eq), text.slice(eq + 1), 'flag');
}

/** The per-project config file gotui reads, found in the current directory or the nearest parent. */
export const CONFIG_FILE = '.gotui.json';

/**
 * Rules from `.gotui.json` (`{"substitutePath": [{"from": "...", "to": "..."}]}`, or pairs
 * `[["FROM", "TO"]]`); TO is relative to the file's directory. Absent file: no rules.
 */
export function loadConfigRules(start = process.cwd()): { file?: string; rules: SubstituteRule[] } {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // not here
    }
    if (text !== undefined) return { file, rules: parseConfig(text, file) };
    if (path.dirname(dir) === dir) return { rules: [] };
  }
}

export function parseConfig(text: string, file: string): SubstituteRule[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON: ${(err as Error).message}.`, 'Fix or remove it; gotui reads {"substitutePath": [{"from": "/build/dir", "to": "./here"}]}.');
  }
  const list = (json as { substitutePath?: unknown })?.substitutePath;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new UserError(`substitutePath in ${file} is not a list.`, 'Write {"substitutePath": [{"from": "/build/dir", "to": "./here"}]}.');
  return list.map((e: unknown) => {
    const [from, to] = Array.isArray(e) ? e : [(e as { from?: unknown })?.from, (e as { to?: unknown })?.to];
    if (typeof from !== 'string' || typeof to !== 'string') throw new UserError(`An entry of substitutePath in ${file} is not {"from": ..., "to": ...}.`, 'Each entry names FROM (the build machine\'s directory) and TO (here).');
    return makeRule(from, to, 'config', path.dirname(file));
  });
}
