// Builds bench/floor-client into a temporary folder: one CommonJS file, started as bin/gotui.js
// starts gotui (Node without NODE_EXTRA_CA_CERTS, the bundle through V8's code cache); another
// build of gotui is started the same way (bench/step-latency's GOTUI_B).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoRoot } from '../src/paths.js';

/** A folder of this process's, removed at exit. */
function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A program that starts `bundle`'s main(argv) as bin/gotui.js starts gotui's. Removed at exit. */
export function launcherOf(bundle: string, dir = scratch('gotui-launch-')): string {
  const start = path.join(dir, 'start.cjs');
  fs.writeFileSync(start, `require(${JSON.stringify(path.join(repoRoot, 'bin', 'require-cached.js'))}).requireCached(${JSON.stringify(bundle)}).main(process.argv.slice(2));\n`);
  const launcher = path.join(dir, 'launch');
  fs.writeFileSync(launcher, `#!/bin/sh\nunset NODE_EXTRA_CA_CERTS\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(start)} "$@"\n`, { mode: 0o755 });
  return launcher;
}

/** The floor client's launcher: run it with `127.0.0.1:PORT`. Removed at exit. */
export async function floorClient(): Promise<string> {
  const dir = scratch('gotui-floor-');
  const bundle = path.join(dir, 'floor.cjs');
  await build({ entryPoints: [path.join(repoRoot, 'bench', 'floor-client.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'error',
    // gotui's modules find the repository from their own place (src/paths.ts), as in the CLI's bundle.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'bundle', 'floor.cjs')).href) } });
  return launcherOf(bundle, dir);
}
