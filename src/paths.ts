import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or installed package) root: the nearest directory above this
 * module whose package.json is gotui's. Compiled code runs from dist/src/, but
 * searching keeps this right for any layout.
 */
export const repoRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Where the pinned tools (dlv) are installed. */
export const toolsDir: string = join(repoRoot, '.tools', 'bin');

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'gotui') return dir;
    if (dirname(dir) === dir) throw new Error(`no gotui package.json above ${start}`);
  }
}
