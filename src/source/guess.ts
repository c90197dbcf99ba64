import fs from 'node:fs';
import path from 'node:path';
import type { DelveRpcClient } from '../delve/rpc.js';
import type { SubstituteRule } from './substitute.js';

/** The Go module gotui runs in (go.mod in the current directory or a parent), if any. */
export interface LocalModule {
  path: string;
  dir: string;
}

export function findLocalModule(start = process.cwd()): LocalModule | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8');
    } catch {
      // not here
    }
    const m = text && /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
    if (m) return { path: m[2]!, dir };
    if (path.dirname(dir) === dir) return undefined;
  }
}

const SKIP_DIRS = /^(\.|_|vendor$|testdata$|node_modules$)/;

/** The module's .go files, relative to its directory (bounded: a huge tree is not walked whole). */
export function moduleGoFiles(dir: string, limit = 5_000, depth = 8): string[] {
  const out: string[] = [];
  const walk = (rel: string, d: number) => {
    if (out.length >= limit || d > depth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        // A nested module is another module.
        if (!SKIP_DIRS.test(e.name) && !fs.existsSync(path.join(dir, r, 'go.mod'))) walk(r, d + 1);
      } else if (e.name.endsWith('.go')) out.push(r);
    }
  };
  walk('', 0);
  return out;
}

/** The import path of the module's only main package (Delve's guess needs it for package main), if there is exactly one. */
export function mainPackageImportPath(mod: LocalModule, files = moduleGoFiles(mod.dir)): string | undefined {
  const dirs = new Set<string>();
  for (const f of files) {
    if (f.endsWith('_test.go')) continue;
    let head = '';
    try {
      head = fs.readFileSync(path.join(mod.dir, f), 'utf8').slice(0, 4_096);
    } catch {
      continue;
    }
    if (/^\s*package\s+main\b/m.test(head.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, ''))) dirs.add(path.posix.dirname(f));
  }
  if (dirs.size !== 1) return undefined;
  const d = [...dirs][0]!;
  return d === '.' ? mod.path : `${mod.path}/${d}`;
}

/**
 * gotui's own guess, for a Delve without GuessSubstitutePath: the directory on the build machine
 * that holds the most of this module's files by their path inside the module. A file counts for
 * a directory D when Delve names D/REL and REL is a file of the module here.
 */
export function guessFromFiles(delveFiles: readonly string[], mod: LocalModule, localFiles: readonly string[]): SubstituteRule | undefined {
  const local = new Set(localFiles);
  const votes = new Map<string, number>();
  for (const f of delveFiles) {
    if (!f.startsWith('/')) continue;
    const parts = f.split('/');
    // The longest tail that is a file here decides where the module's root is on the build machine.
    for (let i = 1; i < parts.length - 1; i++) {
      const rel = parts.slice(i).join('/');
      if (local.has(rel)) {
        const root = parts.slice(0, i).join('/') || '/';
        votes.set(root, (votes.get(root) ?? 0) + rel.split('/').length);
        break;
      }
    }
  }
  let best: [string, number] | undefined;
  for (const v of votes) if (!best || v[1] > best[1]) best = v;
  if (!best || best[0] === mod.dir) return undefined;
  return { from: best[0], to: mod.dir, origin: 'guess' };
}

/**
 * Rules guessed from the local module: Delve's own GuessSubstitutePath (Delve 1.24+, from the
 * binary's functions and their packages), else gotui's guess from the target's file list.
 */
export async function guessRules(rpc: DelveRpcClient | undefined, start = process.cwd()): Promise<SubstituteRule[]> {
  const mod = findLocalModule(start);
  if (!mod || !rpc) return [];
  const files = moduleGoFiles(mod.dir);
  try {
    const mainPath = mainPackageImportPath(mod, files);
    const out = await rpc.call<{ List: [string, string][] | null }>('GuessSubstitutePath', { Args: { ImportPathOfMainPackage: mainPath ?? '', ClientGOROOT: '', ClientModuleDirectories: { [mod.path]: mod.dir } } }, { timeoutMs: 5_000 });
    const rules = (out.List ?? []).filter(([from, to]) => from && to && from !== to).map(([from, to]): SubstituteRule => ({ from, to, origin: 'guess' }));
    if (rules.length) return rules;
  } catch {
    // An older Delve: guess from its file list below.
  }
  const sources = await rpc.call<{ Sources: string[] | null }>('ListSources', { Filter: '' }, { timeoutMs: 10_000 }).catch(() => ({ Sources: [] }));
  const rule = guessFromFiles(sources.Sources ?? [], mod, files);
  return rule ? [rule] : [];
}
