import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dir: string | undefined;

/**
 * The environment to run the dlv CLI in as a peer or an oracle: a config folder of its own
 * (XDG_CONFIG_HOME), made once per process and removed at its exit. The CLI reads its whole
 * history file (~/.config/dlv/.dbg_history) at every start: one grown to 11 MB here made each
 * start 150 ms slower, and a user's config.yml could change what it prints.
 */
export function dlvCliEnv(): Record<string, string> {
  if (!dir) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dlv-config-'));
    process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
    dir = made;
  }
  return { XDG_CONFIG_HOME: dir };
}
