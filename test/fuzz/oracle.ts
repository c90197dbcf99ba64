// Go itself as the oracle for what gotui re-implements from Go (strconv, time.ParseDuration,
// Duration.String, string literals): test/fuzz/go-oracle is built once into .tools/ and asked in
// batches, one JSON line per input.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/paths.js';

export interface GoRequest {
  op: 'ParseInt' | 'ParseUint' | 'ParseFloat' | 'ParseBool' | 'ParseDuration' | 'DurationString' | 'FormatFloat' | 'Unquote';
  s?: string;
  bits?: number;
  n?: string;
}

export interface GoAnswer {
  ok: boolean;
  v?: string;
  err?: string;
  bytes?: number[];
}

const SOURCE = path.join(repoRoot, 'test', 'fuzz', 'go-oracle');

let built: Promise<string> | undefined;

/** Builds the oracle (once per source version) and returns its path. */
export function buildGoOracle(): Promise<string> {
  built ??= (async () => {
    const hash = crypto.createHash('sha256');
    for (const f of ['go.mod', 'main.go']) hash.update(fs.readFileSync(path.join(SOURCE, f)));
    const bin = path.join(repoRoot, '.tools', 'fuzz-oracle', hash.digest('hex').slice(0, 12), 'go-oracle');
    if (fs.existsSync(bin)) return bin;
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    const partial = `${bin}.${process.pid}.partial`;
    const r = await execa('go', ['build', '-buildvcs=false', '-o', partial, '.'], { cwd: SOURCE, reject: false, timeout: 300_000 });
    if (r.failed) throw new Error(`building the Go oracle failed: ${r.stderr || r.message}`);
    fs.renameSync(partial, bin);
    return bin;
  })();
  return built;
}

/** Asks Go for every request, in order. Strings go as well-formed UTF-16 (JSON cannot carry lone surrogates to Go). */
export async function askGo(requests: readonly GoRequest[]): Promise<GoAnswer[]> {
  const bin = await buildGoOracle();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      if (code !== 0 || lines.length !== requests.length) {
        reject(new Error(`the Go oracle answered ${lines.length} of ${requests.length} requests (exit ${code})`));
        return;
      }
      resolve(lines.map((l) => JSON.parse(l) as GoAnswer));
    });
    child.stdin.end(requests.map((r) => JSON.stringify(r.s === undefined ? r : { ...r, s: wellFormed(r.s) })).join('\n') + '\n');
  });
}

/** Lone surrogates as U+FFFD, as Go's JSON decoder would read them. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
