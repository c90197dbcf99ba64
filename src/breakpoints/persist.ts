import fs from 'node:fs';
import path from 'node:path';
import type { BreakpointSpec } from '../session/breakpoints.js';
import type { Breakpoint } from '../session/state.js';
import type { Project } from '../features/types.js';

/** One saved breakpoint: where, and what the user attached to it. Watchpoints are not saved (as in the dlv CLI: addresses change). */
export type SavedBreakpoint = Pick<Breakpoint, 'line' | 'spec' | 'condition' | 'hitCondition' | 'logMessage' | 'disabled'> & {
  kind: 'line' | 'function';
  /** Relative to the project's directory when inside it. */
  file?: string;
  /** `:on ID ...` commands: `print EXPR`, `stack N`. */
  on?: string[];
};

interface StateFile {
  version: 1;
  /** By program: a binary's path (relative to the directory when inside it), `debug:PKG`, `test:PKG`. */
  programs: Record<string, { saved: string; breakpoints: SavedBreakpoint[]; watches?: string[] }>;
}

export const STATE_DIR = '.gotui';
export const STATE_FILE = 'breakpoints.json';

export function stateFile(project: Project): string {
  return path.join(project.stateDir ?? path.join(project.dir, STATE_DIR), STATE_FILE);
}

/**
 * A condition on a goroutine's id (the eBPF pane's B: `if runtime.curg.goid == 12`) holds for this
 * run only: ids are handed out afresh each time the program starts.
 */
const THIS_RUN_ONLY = /\bcurg\.goid\b/;

/** The breakpoints worth keeping: the user's, not run-to-cursor's, not watchpoints, not one goroutine's. */
export function toSaved(bps: readonly Breakpoint[], onHit: ReadonlyMap<number, readonly string[]>, dir: string): SavedBreakpoint[] {
  return bps
    .filter((b) => !b.temporary && (b.kind === 'line' ? !!b.file : b.kind === 'function' && !!b.spec) && !THIS_RUN_ONLY.test(b.condition ?? ''))
    .map((b) => ({
      kind: b.kind as 'line' | 'function',
      ...(b.kind === 'line' ? { file: relative(dir, b.file!), line: b.line! } : { spec: b.spec! }),
      ...(b.condition ? { condition: b.condition } : {}),
      ...(b.hitCondition ? { hitCondition: b.hitCondition } : {}),
      ...(b.logMessage ? { logMessage: b.logMessage } : {}),
      ...(b.disabled ? { disabled: true } : {}),
      ...(onHit.get(b.id)?.length ? { on: [...onHit.get(b.id)!] } : {}),
    }));
}

/** A saved breakpoint as the session takes it (file paths absolute again). */
export function fromSaved(s: SavedBreakpoint, dir: string): BreakpointSpec {
  return {
    kind: s.kind,
    ...(s.kind === 'line' ? { file: path.resolve(dir, s.file ?? ''), line: s.line } : { spec: s.spec }),
    ...(s.condition ? { condition: s.condition } : {}),
    ...(s.hitCondition ? { hitCondition: s.hitCondition } : {}),
    ...(s.logMessage ? { logMessage: s.logMessage } : {}),
    ...(s.disabled ? { disabled: true } : {}),
  };
}

/** The saved list of `key` in a state file's text; what is not a saved breakpoint is skipped. */
export function parseSaved(text: string, key: string): SavedBreakpoint[] {
  const file = parseFile(text);
  return (file?.programs[key]?.breakpoints ?? []).filter(isSaved);
}

/** The saved watch expressions of `key` in a state file's text. */
export function parseWatches(text: string, key: string): string[] {
  const w = parseFile(text)?.programs[key]?.watches;
  return Array.isArray(w) ? w.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
}

/** The state file's text with `key`'s breakpoints replaced, its watches kept (a program with neither is removed). */
export function withSaved(text: string | undefined, key: string, list: SavedBreakpoint[], now: Date): string {
  return withProgram(text, key, now, (p) => ({ ...p, breakpoints: list }));
}

/** The state file's text with `key`'s watches replaced, its breakpoints kept. */
export function withWatches(text: string | undefined, key: string, watches: string[], now: Date): string {
  return withProgram(text, key, now, (p) => ({ breakpoints: p.breakpoints, ...(watches.length ? { watches } : {}) }));
}

type Saved = { breakpoints: SavedBreakpoint[]; watches?: string[] };

function withProgram(text: string | undefined, key: string, now: Date, change: (p: Saved) => Saved): string {
  const file: StateFile = (text && parseFile(text)) || { version: 1, programs: {} };
  const old = file.programs[key];
  const next = change({ breakpoints: old?.breakpoints ?? [], ...(old?.watches ? { watches: old.watches } : {}) });
  if (next.breakpoints.length || next.watches?.length) file.programs[key] = { saved: now.toISOString(), ...next };
  else delete file.programs[key];
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function readSaved(project: Project): SavedBreakpoint[] {
  const text = readText(stateFile(project));
  return text ? parseSaved(text, project.key) : [];
}

export function readWatches(project: Project): string[] {
  const text = readText(stateFile(project));
  return text ? parseWatches(text, project.key) : [];
}

/** Saves the program's watch expressions; false when they were saved so already. */
export function writeWatches(project: Project, watches: string[]): boolean {
  const before = readText(stateFile(project));
  const previous = before ? parseWatches(before, project.key) : [];
  if (JSON.stringify(previous) === JSON.stringify(watches)) return false;
  return writeState(project, withWatches(before, project.key, watches, new Date()));
}

/**
 * Writes the project's program's list, made by `list` from what the file holds for it now (read
 * once); false when it was already saved so (nothing written).
 */
export function writeSaved(project: Project, list: (onFile: SavedBreakpoint[]) => SavedBreakpoint[]): boolean {
  const file = stateFile(project);
  const before = readText(file);
  const previous = before ? parseSaved(before, project.key) : [];
  const next = list(previous);
  if (before === undefined && !next.length) return false;
  if (JSON.stringify(previous) === JSON.stringify(next)) return false;
  return writeState(project, withSaved(before, project.key, next, new Date()));
}

function writeState(project: Project, text: string): boolean {
  const file = stateFile(project);
  // A program built elsewhere (its directory, as Delve names it, is not here): nothing is made on this machine.
  if (!fs.existsSync(project.dir)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // In the program's tree, git leaves it out unless told otherwise, as tools' caches do (trials O, P, S:
  // easy to commit by mistake). Delete the .gitignore to share the file.
  const ignore = path.join(path.dirname(file), '.gitignore');
  if (!project.stateDir && !fs.existsSync(ignore)) fs.writeFileSync(ignore, "# gotui's saved breakpoints and watches for the programs of this folder: git leaves them out (delete this file to share them).\n*\n");
  // Written under another name and renamed: a crash never leaves half a file.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
  return true;
}

function parseFile(text: string): StateFile | undefined {
  try {
    const v = JSON.parse(text) as StateFile;
    return v && v.version === 1 && typeof v.programs === 'object' && v.programs ? v : undefined;
  } catch {
    return undefined;
  }
}

function isSaved(v: unknown): v is SavedBreakpoint {
  const s = v as SavedBreakpoint;
  if (!s || (s.kind !== 'line' && s.kind !== 'function')) return false;
  return s.kind === 'line' ? typeof s.file === 'string' && Number.isSafeInteger(s.line) : typeof s.spec === 'string' && s.spec.length > 0;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function relative(dir: string, file: string): string {
  const r = path.relative(dir, file);
  return r.startsWith('..') || path.isAbsolute(r) ? file : r;
}
