import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Project } from '../features/types.js';
import { readSaved, stateFile } from '../breakpoints/persist.js';

/** The nearest directory at or above `dir` holding a go.mod; `dir` itself when none does. */
export function moduleRoot(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/**
 * A built program: its module's directory, keyed by the binary. A directory anyone may write (a
 * binary built into /tmp) is no place for what gotui sets again at the next start: another user
 * could plant it there. Its state goes to the user's own folder, keyed by the binary's whole path.
 * So does an `attached` service's, unless its tree already holds gotui's file (a developer's list,
 * made under gotui exec): a debugger that starts writing beside a service's binary surprised three
 * trials (AL, AM, AQ: on a production host). A `gotui exec` of a binary whose list is there (an
 * attached session saved it) takes that list, where the tree holds none (trial AX found it lost).
 */
export function projectOfBinary(binary: string, attached = false): Project {
  const abs = path.resolve(binary);
  const dir = moduleRoot(path.dirname(abs));
  const own = { dir, key: abs, stateDir: userStateDir() };
  if (othersMayWrite(dir)) return own;
  const inTree = { dir, key: keyPath(dir, abs) };
  if (fs.existsSync(stateFile(inTree))) return inTree;
  return attached || readSaved(own).length ? own : inTree;
}

/** $XDG_STATE_HOME/gotui, or ~/.local/state/gotui. */
export function userStateDir(): string {
  return path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'gotui');
}

/** World-writable (/tmp), or another user's. */
function othersMayWrite(dir: string): boolean {
  try {
    const st = fs.statSync(dir);
    return (st.mode & 0o002) !== 0 || st.uid !== process.getuid?.();
  } catch {
    return false;
  }
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
