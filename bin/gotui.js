#!/usr/bin/env node
// Starts the compiled CLI; `npm run build` produces dist/. React's development build checks every
// render (several times slower): gotui runs the production one unless told otherwise.
process.env.NODE_ENV ??= 'production';
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2)));
