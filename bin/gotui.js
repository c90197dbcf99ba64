#!/usr/bin/env node
// Starts the bundled CLI, which `npm install` (its prepare step) and `npm run build` make from src/.
import fs from 'node:fs';
import { requireCached } from './require-cached.js';

const bundle = new URL('../dist/bundle/main.cjs', import.meta.url);
if (!fs.existsSync(bundle)) {
  process.stderr.write('gotui: it is not built yet. Run `npm install` (or `npm run build`) in the gotui checkout first.\n');
  process.exit(2);
}
const argv = process.argv.slice(2);
// Batch mode has a bundle of its own, without the UI.
if (argv[0] === 'run') requireCached(new URL('../dist/bundle/batch.cjs', import.meta.url)).runBatch(argv.slice(1));
else requireCached(bundle).main(argv);
