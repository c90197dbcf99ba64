import fs from 'node:fs';
import { lexFile, type Token } from './go-lexer.js';

export interface SourceFile {
  path: string;
  lines: string[];
  tokens: Token[][];
  /** Why the file cannot be shown (remote target, moved file), when it cannot. */
  missing?: string;
}

const cache = new Map<string, SourceFile>();

/** Reads and highlights a source file once; Delve's paths are the build machine's, so a remote file may be missing. */
export function loadSource(path: string): SourceFile {
  const hit = cache.get(path);
  if (hit) return hit;
  let file: SourceFile;
  try {
    const lines = fs.readFileSync(path, 'utf8').replace(/\r\n/g, '\n').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    file = { path, lines, tokens: lexFile(lines) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    file = { path, lines: [], tokens: [], missing: code === 'ENOENT' ? `${path} is not on this machine (the target was built elsewhere).` : `${path} cannot be read (${code}).` };
  }
  cache.set(path, file);
  return file;
}
