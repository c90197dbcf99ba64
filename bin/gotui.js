#!/usr/bin/env node
// Starts the bundled CLI (`npm run build` makes dist/bundle/ from src/ with esbuild).
import('../dist/bundle/main.js').then((m) => m.main(process.argv.slice(2)));
