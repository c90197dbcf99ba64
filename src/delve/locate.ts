import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { toolsDir } from '../paths.js';
import { UserError } from '../errors.js';
import { delveReleaseOfBinary } from '../binary/go-version.js';

/** The Delve gotui installs when none is found; it supports the Go on this machine. */
export const PINNED_DELVE = 'v1.27.1';
const DELVE_MODULE = 'github.com/go-delve/delve/cmd/dlv';

export interface FoundDelve {
  path: string;
  version: string;
  source: 'env' | 'path' | 'tools' | 'installed';
}

type Progress = (line: string) => void;

/** GOTUI_DLV, then dlv on PATH, then the project-local tools folder; installs the pinned Delve there if none. */
export async function ensureDelve(onProgress: Progress = () => {}): Promise<FoundDelve> {
  const fromEnv = process.env.GOTUI_DLV;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new UserError(`GOTUI_DLV points at ${fromEnv}, which is not an executable.`, 'Unset it, or point it at a dlv binary.');
    return { path: fromEnv, version: await delveVersion(fromEnv), source: 'env' };
  }
  const onPath = findOnPath('dlv');
  if (onPath) return { path: onPath, version: await delveVersion(onPath), source: 'path' };
  const local = path.join(toolsDir, 'dlv');
  if (isExecutable(local)) return { path: local, version: await delveVersion(local), source: 'tools' };
  await installDelve(PINNED_DELVE, toolsDir, onProgress);
  return { path: local, version: await delveVersion(local), source: 'installed' };
}

/** `go install` of a Delve version into `dir`, its output shown as progress. */
export async function installDelve(version: string, dir: string, onProgress: Progress): Promise<void> {
  if (!findOnPath('go')) throw new UserError('Delve is not installed and Go is not on PATH to install it.', `Install Go, or put dlv on PATH (go install ${DELVE_MODULE}@${version}).`);
  fs.mkdirSync(dir, { recursive: true });
  onProgress(`Installing Delve ${version} into ${dir} (go install, about a minute)...`);
  const proc = execa('go', ['install', `${DELVE_MODULE}@${version}`], {
    env: { GOBIN: dir, GOFLAGS: '-mod=mod' },
    reject: false,
    all: true,
    buffer: true,
  });
  proc.all?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) onProgress(`  ${line.trim()}`);
  });
  const result = await proc;
  if (result.exitCode !== 0) {
    const tail = String(result.all ?? '').trim().split('\n').slice(-3).join(' ');
    throw new UserError(`Installing Delve ${version} failed: ${tail}`, 'Check that the Go module proxy is reachable (go env GOPROXY).');
  }
  onProgress(`Delve ${version} installed.`);
}

export async function delveVersion(bin: string): Promise<string> {
  const release = delveReleaseOfBinary(bin);
  if (release) return release;
  const r = await execa(bin, ['version'], { reject: false, timeout: 10_000 });
  return parseDelveVersion(String(r.stdout)) ?? 'unknown';
}

/** `dlv version` prints "Delve Debugger\nVersion: 1.27.1\nBuild: ...". */
export function parseDelveVersion(text: string): string | undefined {
  return /^Version:\s*v?(\S+)/m.exec(text)?.[1];
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
