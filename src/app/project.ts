import fs from 'node:fs';
import path from 'node:path';
import type { Project } from '../features/types.js';

/** The nearest directory at or above `dir` holding a go.mod; `dir` itself when none does. */
export function moduleRoot(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/** A built program: its module's directory, keyed by the binary. */
export function projectOfBinary(binary: string): Project {
  const abs = path.resolve(binary);
  const dir = moduleRoot(path.dirname(abs));
  return { dir, key: keyPath(dir, abs) };
}

/** A package Delve builds (debug) or builds the tests of (test): keyed by the package, since Delve's binary is temporary. */
export function projectOfPackage(kind: 'debug' | 'test', pkg: string, cwd: string): Project {
  const pkgDir = path.resolve(cwd, pkg);
  const local = fs.existsSync(pkgDir) && fs.statSync(pkgDir).isDirectory();
  const dir = moduleRoot(local ? pkgDir : cwd);
  return { dir, key: `${kind}:${local ? keyPath(dir, pkgDir) || '.' : pkg}` };
}

function keyPath(dir: string, p: string): string {
  const r = path.relative(dir, p);
  return r.startsWith('..') || path.isAbsolute(r) ? p : r;
}
