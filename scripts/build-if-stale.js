#!/usr/bin/env node
// `npm run demo` builds first only when the sources are newer than the bundle: `npm install`
// has built it already, and a full build (tsc and the bundle) costs about 20 s on this machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const built = fs.statSync(path.join(root, 'dist/bundle/main.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(...['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'].map((p) => newest(path.join(root, p))));
if (sources > built) {
  process.stderr.write(built ? 'Sources changed since the last build: building gotui...\n' : 'Building gotui...\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
