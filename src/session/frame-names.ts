/*
 * Delve's DAP names a frame with its package's path cut to the last element (`sync.(*Mutex).Lock` for
 * internal/sync's, two functions of one name a frame apart; the dlv CLI says `internal/sync.…`). For
 * the standard library the path is in the frame's file, under GOROOT: put back from there. Pure.
 */
import { cellWidth, cutStart, fit } from '../core/text.js';

/** GOROOT's `src/` folder (with its slash), from a frame of the runtime's; undefined from any other. */
export function gorootSrcOf(name: string, file: string | undefined): string | undefined {
  if (!file || !name.startsWith('runtime.')) return undefined;
  const m = /^(.*\/src\/)runtime\/[^/]+$/.exec(file);
  return m?.[1];
}

/** The frame's name as the dlv CLI gives it, where its file under GOROOT's `src/` says the package's path. */
export function fullFrameName(name: string, file: string | undefined, gorootSrc: string | undefined): string {
  if (!file || !gorootSrc || !file.startsWith(gorootSrc)) return name;
  const dir = file.slice(gorootSrc.length).split('/').slice(0, -1).join('/');
  const last = dir.split('/').pop() ?? '';
  if (!dir.includes('/') || !name.startsWith(`${last}.`)) return name;
  return `${dir}${name.slice(last.length)}`;
}

/**
 * Whether Delve's name for a frame in a file under GOROOT names another package than the file's: a
 * function the file gives another package's name (`//go:linkname`), which only the file can tell.
 */
export function namedElsewhere(name: string, file: string | undefined, gorootSrc: string | undefined): boolean {
  if (!file || !gorootSrc || !file.startsWith(gorootSrc)) return false;
  const dir = file.slice(gorootSrc.length).split('/').slice(0, -1);
  const pkg = /^([\w-]+)\./.exec(name)?.[1];
  return !!pkg && pkg !== dir.at(-1);
}

/**
 * The whole name a frame in `lines` (a Go file) goes by when the function around `line` is given
 * another package's name by `//go:linkname` (runtime/sema.go's internal_sync_runtime_SemacquireMutex
 * is internal/sync.runtime_SemacquireMutex, which Delve's DAP cuts to sync.…, as it cuts
 * sync.runtime_Semacquire): undefined unless its cut form is `name`. Pure.
 */
export function linknameOf(lines: readonly string[], line: number, name: string): string | undefined {
  let i = Math.min(line, lines.length) - 1;
  while (i >= 0 && !lines[i]!.startsWith('func ')) i--;
  const local = i >= 0 ? /^func (\w+)\s*[([]/.exec(lines[i]!)?.[1] : undefined;
  if (!local) return undefined;
  for (const l of lines) {
    const m = /^\/\/go:linkname (\w+) (\S+)$/.exec(l.trimEnd());
    if (m?.[1] !== local) continue;
    const whole = m[2]!;
    const cut = whole.slice(whole.lastIndexOf('/') + 1);
    return cut === name ? whole : undefined;
  }
  return undefined;
}

/**
 * A Go function's name with its type arguments written as `args`: Delve names an instance of a
 * generic function by its shape, `main.Filter[go.shape.struct { main.Base; Owner string }]` or
 * `main.(*Cache[go.shape.string,go.shape.int]).Get`, which at a pane's width left only the shape's
 * end (trial AP). Brackets inside the arguments are theirs. Pure.
 */
export function withTypeArgs(name: string, args: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    // A list of type arguments opens right after a name (`Filter[`); `[]` and `[4]` inside are types.
    if (c === '[' && (depth > 0 || /[\w)]/.test(name[i - 1] ?? ''))) {
      if (depth++ === 0) out += args;
      continue;
    }
    if (c === ']' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return depth === 0 ? out : name;
}

/** `main.Filter[…]`: the name that fits where the shapes do not. Pure. */
export const shortTypeArgs = (name: string) => withTypeArgs(name, '[…]');

/** `main.Filter[…] (frame 0)`: a pane's title names the frame as it is typed, not by a generic's shapes. Pure. */
export const frameTitle = (f: { name: string; index: number } | undefined) => (f ? `${shortTypeArgs(f.name)} (frame ${f.index})` : undefined);

/** The least of a name kept: a letter and the ellipsis, so a cut name still reads as one. */
export const MIN_NAME = 2;

/**
 * A function's name in `room` columns: whole, else its own part's end after an ellipsis (the
 * package goes first): the end is what tells frames apart (`…chanrecv2` from `…chanrecv`).
 */
export function fitFuncName(whole: string, room: number): string {
  if (cellWidth(whole) <= room) return whole;
  // A generic function's shapes give way first: `main.Filter[…]`, as the name is typed.
  const name = shortTypeArgs(whole);
  if (cellWidth(name) <= room) return name;
  if (room < MIN_NAME) return fit(name, room);
  const own = name.slice(name.indexOf('.', name.lastIndexOf('/') + 1) + 1) || name;
  // The name itself fits where the package does not: whole, the package gone (trial AS: `…igpanic`).
  if (cellWidth(own) === room) return own;
  return `…${cutStart(own, room - 1)}`;
}
