#!/usr/bin/env node
// Bundles the CLI for start-up speed: one ES module per loaded part (main, then the session and UI
// on demand) instead of hundreds of files to resolve and read; React in its production build.
// `npm run build` runs it after tsc; bin/gotui.js starts dist/bundle/main.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
import fs from 'node:fs';
import { patchStringWidth } from './string-width-patch.js';

// Chunks are named by content: old ones must not pile up.
fs.rmSync(path.join(root, 'dist/bundle'), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Syntax minification drops the branches React keeps for development (and their requires).
  minifySyntax: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  logLevel: 'warning',
  // fetch: yoga (Ink's layout) loads its WebAssembly through fetch of a data: URL when fetch exists,
  // which loads Node's whole HTTP client (~40 ms at start); without it, yoga decodes the bytes itself.
  define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
  plugins: [
    {
      name: 'string-width-lazy-emoji',
      setup(b) {
        b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => ({
          contents: patchStringWidth(fs.readFileSync(args.path, 'utf8'), path.join(root, 'src/core/narrow.ts')),
          loader: 'js',
          resolveDir: path.dirname(args.path),
        }));
      },
    },
  ],
  // Ink loads React's devtools only when DEV is set; gotui never ships them.
  external: ['react-devtools-core'],
};
await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outdir: path.join(root, 'dist/bundle'),
  splitting: true,
  format: 'esm',
  // Some dependencies are CommonJS and call require: give the bundle one.
  banner: { js: "import { createRequire as __gotuiRequire } from 'node:module'; const require = __gotuiRequire(import.meta.url);" },
});
// Batch mode (`gotui run`) as one CommonJS file, which bin/gotui.js compiles with V8's code cache:
// Node 20 caches no ES module's compiled code, and compiling this one took 35-60 ms of every run.
// It has no Ink, so no top-level await, which CommonJS cannot hold.
await build({
  ...common,
  entryPoints: [path.join(root, 'src/batch/main.ts')],
  outfile: path.join(root, 'dist/bundle/batch.cjs'),
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__gotuiUrl' },
  banner: { js: "const __gotuiUrl = require('node:url').pathToFileURL(__filename).href;" },
});
