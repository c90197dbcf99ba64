/*
 * Delve's DAP names a frame with its package's path cut to the last element (`sync.(*Mutex).Lock` for
 * internal/sync's, two functions of one name a frame apart; the dlv CLI says `internal/sync.…`). For
 * the standard library the path is in the frame's file, under GOROOT: put back from there. Pure.
 */

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
