// Loads a CommonJS bundle through V8's code cache, kept beside it. Node 20 has no compile cache
// (Node 22's module.enableCompileCache): without one, every `gotui run` compiled its 600 KB again.
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/** The module.exports of the CommonJS file at `file`. */
function requireCached(file) {
  const bytes = fs.readFileSync(file);
  // V8 checks a cache against the source's length, not its text: the name says which text. The
  // bytes are hashed: hashing the decoded text encodes it again (5 ms for the CLI's megabyte).
  const hash = crypto.createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  const source = bytes.toString('utf8');
  const cacheFile = path.join(path.dirname(file), `.${path.basename(file)}.${hash}.v8cache`);
  // The file: the run's compiled code size when it was written (4 bytes), then V8's cache.
  let stored;
  try {
    stored = fs.readFileSync(cacheFile);
  } catch {
    // none yet: this run makes it
  }
  const cachedData = stored && stored.length > 4 ? stored.subarray(4) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const held = script.cachedDataRejected || !stored || !cachedData ? 0 : stored.readUInt32LE(0);
  // Made at exit, the cache holds every function the run compiled, not only the top level: a run
  // that compiled a quarter more than the one that wrote it (a session after `--help` made it)
  // replaces it. The heap's bytecode size says so in a millisecond; making the cache to compare
  // took 5-10 ms of every exit.
  process.once('exit', () => {
    const compiled = v8.getHeapCodeStatistics().bytecode_and_metadata_size;
    if (held && compiled < held * 1.25) return;
    const partial = `${cacheFile}.${process.pid}`;
    try {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(Math.min(compiled, 0xffffffff));
      fs.writeFileSync(partial, Buffer.concat([size, script.createCachedData()]));
      fs.renameSync(partial, cacheFile);
    } catch {
      // a folder gotui may not write (installed by another user): run without the cache
      fs.rmSync(partial, { force: true });
    }
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

module.exports = { requireCached };
