// Builds bench/floor-client into a temporary folder: one CommonJS file, started as bin/gotui.js
// starts gotui (Node without NODE_EXTRA_CA_CERTS, the bundle through V8's code cache).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoRoot } from '../src/paths.js';

/** The floor client's launcher: run it with `127.0.0.1:PORT`. Removed at exit. */
export async function floorClient(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-floor-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const bundle = path.join(dir, 'floor.cjs');
  await build({ entryPoints: [path.join(repoRoot, 'bench', 'floor-client.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'error',
    // gotui's modules find the repository from their own place (src/paths.ts), as in the CLI's bundle.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'bundle', 'floor.cjs')).href) } });
  const start = path.join(dir, 'start.cjs');
  fs.writeFileSync(start, `require(${JSON.stringify(path.join(repoRoot, 'bin', 'require-cached.js'))}).requireCached(${JSON.stringify(bundle)}).main(process.argv.slice(2));\n`);
  const launcher = path.join(dir, 'floor');
  fs.writeFileSync(launcher, `#!/bin/sh\nunset NODE_EXTRA_CA_CERTS\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(start)} "$@"\n`, { mode: 0o755 });
  return launcher;
}
