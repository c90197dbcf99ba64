#!/usr/bin/env node
// Starts the bundled CLI, which `npm install` (its prepare step) and `npm run build` make from src/.
import fs from 'node:fs';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
if (!fs.existsSync(bundle)) {
  process.stderr.write('gotui: it is not built yet. Run `npm install` (or `npm run build`) in the gotui checkout first.\n');
  process.exit(2);
}
import(bundle.href).then((m) => m.main(process.argv.slice(2)));
