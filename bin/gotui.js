#!/usr/bin/env node
// Starts the compiled CLI; `npm run build` produces dist/.
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2)));
