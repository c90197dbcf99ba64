#!/usr/bin/env node
// Bundles the CLI for start-up speed: one file instead of hundreds to resolve and read, compiled
// through V8's code cache; React in its production build. `npm run build` runs it after tsc;
// bin/gotui.js starts dist/bundle/main.cjs (batch mode: dist/bundle/batch.cjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
import fs from 'node:fs';
import { patchStringWidth } from './string-width-patch.js';
import { patchInkReconciler, patchYogaIndex, patchYogaLoader } from './top-level-await-patch.js';

// Code caches are named by content: old ones must not pile up.
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
/** A file of a dependency, patched as it loads. */
const patch = (name, filter, fn) => ({
  name,
  setup(b) {
    b.onLoad({ filter }, (args) => ({ contents: fn(fs.readFileSync(args.path, 'utf8')), loader: 'js', resolveDir: path.dirname(args.path) }));
  },
});
// Each a CommonJS file, which bin/gotui.js compiles through V8's code cache (bin/require-cached.js):
// Node 20 caches no ES module's compiled code, and compiling gotui took about 60 ms of every start.
// The CLI (whose session and UI are evaluated only when a session starts), and batch mode
// (`gotui run`), which has no Ink and so loads less.
const cjs = {
  ...common,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__gotuiUrl' },
  banner: { js: "const __gotuiUrl = require('node:url').pathToFileURL(__filename).href;" },
};
/** Builds one bundle; bin/require-cached.js runs it through vm.Script, where Node 20 has no import(). */
async function buildCjs(options) {
  const { metafile } = await build({ ...options, metafile: true });
  const dynamic = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path));
  if (dynamic.length) throw new Error(`${path.relative(root, options.outfile)} imports ${dynamic.join(', ')} dynamically, which fails in bin/require-cached.js: import it statically.`);
  // esbuild escapes what it can; a regular expression literal it leaves as written. One character
  // outside ASCII makes V8 keep the whole source as two bytes a character, and Node decode it
  // slowly: 3 ms more of every start for the CLI's megabyte.
  const bytes = fs.readFileSync(options.outfile);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0) throw new Error(`${path.relative(root, options.outfile)} is not ASCII at ${JSON.stringify(bytes.subarray(Math.max(0, at - 30), at + 10).toString('utf8'))}: write the character as \\uXXXX in the source.`);
}
await buildCjs({
  ...cjs,
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(root, 'dist/bundle/main.cjs'),
  plugins: [
    ...common.plugins,
    patch('ink-reconciler-no-dev-await', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, patchInkReconciler),
    patch('yoga-sync-index', /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, patchYogaIndex),
    patch('yoga-sync-loader', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, patchYogaLoader),
  ],
});
await buildCjs({ ...cjs, entryPoints: [path.join(root, 'src/batch/main.ts')], outfile: path.join(root, 'dist/bundle/batch.cjs') });
console.log('[build] bundled: dist/bundle/main.cjs (the CLI), dist/bundle/batch.cjs (gotui run)');
