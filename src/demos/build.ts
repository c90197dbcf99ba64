import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../errors.js';
import { repoRoot } from '../paths.js';
import { type Demo, demoBinary, demoDir, getDemo } from './catalog.js';

export interface BuildOptions {
  onProgress?: (line: string) => void;
}

/** The flags every demo is built with: -N -l keep every local visible to Delve. */
const GCFLAGS = '-gcflags=all=-N -l';

const SOURCE_EXTENSIONS = new Set(['.go', '.c', '.h']);
const MODULE_FILES = new Set(['go.mod', 'go.sum']);
const BUILD_TIMEOUT_MS = 10 * 60_000;

const building = new Map<string, Promise<string>>();

/**
 * Builds demos/NAME/bin/NAME unless it was built from the sources as they are
 * (its stamp, bin/NAME.sources, names them), and returns its path. Concurrent
 * calls for one demo share a build; builds in other processes are safe too,
 * since the binary is written under a temporary name and renamed into place.
 */
export function buildDemo(name: string, options: BuildOptions = {}): Promise<string> {
  let pending = building.get(name);
  if (!pending) {
    pending = Promise.resolve()
      .then(() => build(getDemo(name), options.onProgress ?? (() => {})))
      .finally(() => building.delete(name));
    building.set(name, pending);
  }
  return pending;
}

async function build(demo: Demo, onProgress: (line: string) => void): Promise<string> {
  const dir = demoDir(demo);
  const binary = demoBinary(demo);
  // Taken before the build: a source edited while it runs makes the next start build again.
  const stamp = sourcesStamp(dir);
  if (isUpToDate(binary, stamp)) return binary;

  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  onProgress(`Building ${demo.folder}: go build -gcflags='all=-N -l' -o bin/${demo.name} .${demo.cgo ? ' (CGO_ENABLED=1)' : ''}`);
  const result = await execa('go', ['build', '-buildvcs=false', GCFLAGS, '-o', partial, '.'], {
    cwd: dir,
    env: demo.cgo ? { CGO_ENABLED: '1' } : {},
    reject: false,
    timeout: BUILD_TIMEOUT_MS,
  });

  if (result.failed) {
    fs.rmSync(partial, { force: true });
    if (result.code === 'ENOENT') {
      throw new UserError('Go is not installed, or `go` is not on PATH.', 'Install Go 1.24 or newer from https://go.dev/dl/ and put its bin folder on PATH.');
    }
    if (result.timedOut) {
      throw new UserError(`Building the ${demo.name} demo took longer than ${BUILD_TIMEOUT_MS / 60_000} minutes.`, `Run \`go build\` in ${demo.folder} to see what it waits for.`);
    }
    const output = String(result.stderr || result.stdout || result.message);
    throw new UserError(`Building the ${demo.name} demo failed: ${firstErrors(output)}`, buildHint(demo, output));
  }

  fs.renameSync(partial, binary);
  fs.writeFileSync(stampOf(binary), `${stamp}\n`);
  return binary;
}

function stampOf(binary: string): string {
  return `${binary}.sources`;
}

/**
 * The sources a binary is built from, as one hash: the folder and every file's name and bytes. Not
 * their times: a binary copied with its time kept (cp -a from another checkout) was built from
 * other files, and names that checkout's paths in its debug information.
 */
function sourcesStamp(dir: string): string {
  const hash = createHash('sha256').update(dir);
  for (const file of sourceFiles(dir, true).sort()) hash.update(`\0${path.relative(dir, file)}\0`).update(fs.readFileSync(file));
  return hash.digest('hex');
}

function isUpToDate(binary: string, stamp: string): boolean {
  try {
    return fs.existsSync(binary) && fs.readFileSync(stampOf(binary), 'utf8').trim() === stamp;
  } catch {
    return false;
  }
}

/** The files a demo's binary is built from: Go, C and headers, and, with module files, go.mod and go.sum. */
function sourceFiles(dir: string, withModuleFiles = false): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'bin' || entry.name.startsWith('.') ? [] : sourceFiles(full, withModuleFiles);
    const wanted = SOURCE_EXTENSIONS.has(path.extname(entry.name)) || (withModuleFiles && MODULE_FILES.has(entry.name));
    return entry.isFile() && wanted ? [full] : [];
  });
}

/** The compiler's first error lines, without go's `# package` headers. */
export function firstErrors(output: string, count = 3): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return lines.slice(0, count).join('; ') || 'go build gave no reason';
}

function buildHint(demo: Demo, output: string): string {
  if (demo.cgo && /C compiler .* not found|cgo: .*not found|exec: "gcc"/.test(output)) {
    return `The ${demo.name} demo uses cgo: install a C compiler (e.g. apt-get install gcc).`;
  }
  return `Run \`go build\` in ${demo.folder} to see every error.`;
}

/** Marker comment names (`gotui:NAME`) and the 1-based lines that end with them, in one source text. */
export function parseMarkers(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  text.split('\n').forEach((line, i) => {
    const m = /\/\/\s*(gotui:[\w-]+)\s*$/.exec(line);
    if (m) found.set(m[1]!, [...(found.get(m[1]!) ?? []), i + 1]);
  });
  return found;
}

/** Every marker in a demo's sources, with where each occurrence is. */
export function demoMarkers(name: string): Map<string, { file: string; line: number }[]> {
  const all = new Map<string, { file: string; line: number }[]>();
  for (const file of sourceFiles(demoDir(getDemo(name)))) {
    for (const [marker, lines] of parseMarkers(fs.readFileSync(file, 'utf8'))) {
      all.set(marker, [...(all.get(marker) ?? []), ...lines.map((line) => ({ file, line }))]);
    }
  }
  return all;
}

/**
 * The line of a demo's sources that ends with `// gotui:MARKER` (marker given
 * with or without the `gotui:` prefix); throws unless there is exactly one.
 */
export function findMarker(name: string, marker: string): { file: string; line: number } {
  const key = marker.startsWith('gotui:') ? marker : `gotui:${marker}`;
  const at = demoMarkers(name).get(key) ?? [];
  if (at.length !== 1) {
    const where = at.map((a) => `${path.relative(repoRoot, a.file)}:${a.line}`).join(', ');
    throw new Error(at.length ? `Marker ${key} appears ${at.length} times in demo ${name}: ${where}.` : `No line of demo ${name} ends with // ${key}.`);
  }
  return at[0]!;
}
