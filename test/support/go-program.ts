import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { execa } from 'execa';

/** A one-file Go program of the test's own, built for debugging (-N -l) in a directory removed after the test: its binary. */
export async function buildGoProgram(t: TestContext, name: string, source: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gotui-${name}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'main.go'), source);
  fs.writeFileSync(path.join(dir, 'go.mod'), `module ${name}\n\ngo 1.21\n`);
  const binary = path.join(dir, name);
  await execa('go', ['build', '-gcflags=all=-N -l', '-o', binary, '.'], { cwd: dir });
  return binary;
}
