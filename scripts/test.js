#!/usr/bin/env node
// `npm test`: fetches what the tests need (the pinned Delve, the demo binaries), then runs every
// compiled *.test.js with node's own runner. Run after `npm run build` (npm's pretest does it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

const { ensureDelve, installDelve } = await import(path.join(dist, 'src/delve/locate.js'));
const { OLD_DELVE, oldDelvePath } = await import(path.join(dist, 'test/support/old-delve.js'));
const { buildDemo } = await import(path.join(dist, 'src/demos/build.js'));
const { DEMOS } = await import(path.join(dist, 'src/demos/catalog.js'));

const say = (line) => process.stderr.write(`[test setup] ${line}\n`);
const dlv = await ensureDelve(say);
say(`Delve ${dlv.version} at ${dlv.path}`);
// An older Delve too: users have them, and gotui must work with what they support.
if (!fs.existsSync(oldDelvePath)) await installDelve(OLD_DELVE, path.dirname(oldDelvePath), say);
for (const demo of DEMOS) {
  say(`building demo ${demo.name}...`);
  await buildDemo(demo.name, { onProgress: say });
}

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

// Only what the filter names (e.g. `npm test -- memory`), else everything.
const filters = process.argv.slice(2);
const files = [...findTests(path.join(dist, 'src')), ...findTests(path.join(dist, 'test'))].filter((f) => !filters.length || filters.some((x) => f.includes(x)));
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}
// Integration tests start Delve and demos: two at a time on two cores; each test is bounded.
const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=240000', ...files], { stdio: 'inherit', env: { ...process.env, GOTUI_DLV: process.env.GOTUI_DLV ?? dlv.path } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
