#!/bin/sh
':' //; if [ -n "${NODE_EXTRA_CA_CERTS+x}" ]; then GOTUI_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export GOTUI_NODE_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"
// Starts the bundled CLI, which `npm install` (its prepare step) and `npm run build` make from src/.
// CommonJS (bin/package.json says so): Node starts a CommonJS entry 10-20 ms sooner than a module.
const fs = require('node:fs');
const path = require('node:path');
const { requireCached } = require('./require-cached.js');

// Run as a program, this file is first a shell script (the two lines above; to JavaScript the
// second is a string and a comment): Node reads NODE_EXTRA_CA_CERTS's whole file as it starts
// (~50 ms) and gotui opens no TLS connection, so the shell starts Node without it and hands its
// value over, and what gotui starts (Delve, the debuggee, ssh) gets the environment as the user
// had it. A shell, not `env -S`: BusyBox's env (Alpine) has no -S.
if (process.env.GOTUI_NODE_EXTRA_CA_CERTS !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.GOTUI_NODE_EXTRA_CA_CERTS;
  delete process.env.GOTUI_NODE_EXTRA_CA_CERTS;
}

const bundle = path.join(__dirname, '../dist/bundle/main.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('gotui: it is not built yet. Run `npm install` (or `npm run build`) in the gotui checkout first.\n');
  process.exit(2);
}
const argv = process.argv.slice(2);
// Batch mode has a bundle of its own, without the UI.
if (argv[0] === 'run') requireCached(path.join(__dirname, '../dist/bundle/batch.cjs')).runBatch(argv.slice(1));
else requireCached(bundle).main(argv);
