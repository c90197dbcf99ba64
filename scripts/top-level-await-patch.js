// The interactive bundle is CommonJS, so that bin/require-cached.js can load it through V8's code
// cache (Node 20 caches no ES module's compiled code: compiling the bundle took about 60 ms of every
// start). CommonJS cannot hold a top-level await; three stand in the way, and are patched here at
// build time (the build fails if a patch no longer applies):
// - Ink's reconciler awaits its devtools and its package.json, only when DEV is set: gotui never
//   ships the devtools (react-devtools-core is left out of the bundle), so both go.
// - yoga (Ink's layout) awaits its WebAssembly: emscripten instantiates it asynchronously even
//   from bytes it has in hand. The patch compiles and instantiates them synchronously (allowed in
//   Node at any size), so the module is ready when its factory returns.

const DEVTOOLS = /if \(isDev\(\)\) \{\n\s+try \{\n\s+await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/;
const PACKAGE_JSON = /const packageJson = isDev\(\)\n\s+\? await loadPackageJson\(\)\n\s+: (\{ name: undefined, version: undefined \});/;
const YOGA_AWAIT = 'const Yoga = wrapAssembly(await loadYoga());';
const YOGA_ASYNC = 'function c(e){return ya().then(function(f){return WebAssembly.instantiate(f,d)}).then(function(f){return f}).then(e,function(f){v("failed to asynchronously prepare wasm: "+f);x(f)})}';

function changed(what) {
  return new Error(`${what} changed: scripts/top-level-await-patch.js no longer applies (write it again for the new version).`);
}

/** Ink's build/reconciler.js without its two top-level awaits (both only under DEV). */
export function patchInkReconciler(source) {
  if (!DEVTOOLS.test(source) || !PACKAGE_JSON.test(source)) throw changed("Ink's reconciler");
  return source.replace(DEVTOOLS, '').replace(PACKAGE_JSON, 'const packageJson = $1;');
}

/** yoga-layout's dist/src/index.js: the module object, ready once its factory has run. */
export function patchYogaIndex(source) {
  if (!source.includes(YOGA_AWAIT)) throw changed('yoga-layout');
  return source.replace(YOGA_AWAIT, 'const module = {};\nloadYoga(module);\nconst Yoga = wrapAssembly(module);');
}

/** yoga-layout's emscripten loader, instantiating its WebAssembly synchronously (wa() decodes the embedded bytes). */
export function patchYogaLoader(source) {
  if (!source.includes(YOGA_ASYNC)) throw changed("yoga-layout's loader");
  return source.replace(YOGA_ASYNC, 'function c(e){var f=new WebAssembly.Instance(new WebAssembly.Module(wa()),d);e({instance:f});return Promise.resolve()}');
}
