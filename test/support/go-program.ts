import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { execa } from 'execa';

/**
 * A Go program of the test's own, built for debugging (-N -l) in a directory removed after the test:
 * its binary. `source` is its main.go, or its files by path (a go.mod among them replaces `module NAME`).
 */
export async function buildGoProgram(t: TestContext, name: string, source: string | Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gotui-${name}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = { 'go.mod': `module ${name}\n\ngo 1.21\n`, ...(typeof source === 'string' ? { 'main.go': source } : source) };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const binary = path.join(dir, name);
  await execa('go', ['build', '-gcflags=all=-N -l', '-o', binary, '.'], { cwd: dir });
  return binary;
}
