import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceFinder } from './files.js';
import { makeRule } from './substitute.js';

function tree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-src-'));
  fs.mkdirSync(path.join(dir, 'here', 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'here', 'main.go'), 'package main\n\nfunc main() {}\n');
  fs.writeFileSync(path.join(dir, 'here', 'pkg', 'p.go'), 'package pkg\n');
  return dir;
}

test('a rule maps Delve\'s path to a file here, and a local path maps back', async () => {
  const dir = tree();
  try {
    const finder = new SourceFinder({ rules: [makeRule('/build/x', path.join(dir, 'here'), 'flag')] });
    const f = finder.get('/build/x/main.go');
    assert.equal(f.origin, 'mapped');
    assert.equal(f.shownAs, path.join(dir, 'here', 'main.go'));
    assert.equal(f.lines.length, 3);
    assert.equal(finder.toDelve(path.join(dir, 'here', 'pkg', 'p.go')), '/build/x/pkg/p.go');
    assert.equal(finder.toDelve('/elsewhere/a.go'), '/elsewhere/a.go');
    const missing = finder.get('/build/y/main.go');
    assert.match(missing.missing!, /is not on this machine.*:substitute-path FROM TO/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a new rule finds a file that was missing, and tells the pane', () => {
  const dir = tree();
  try {
    const finder = new SourceFinder();
    let told = 0;
    finder.subscribe(() => told++);
    assert.ok(finder.get('/build/x/main.go').missing);
    finder.addRule(makeRule('/build/x', path.join(dir, 'here'), 'command'));
    assert.equal(told, 1);
    assert.equal(finder.get('/build/x/main.go').origin, 'mapped');
    assert.equal(finder.clearRules(), 1);
    assert.ok(finder.get('/build/x/main.go').missing);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the guess is asked once, when a file is first missing; the file is loading meanwhile', async () => {
  const dir = tree();
  try {
    let asked = 0;
    const finder = new SourceFinder({ guess: async () => (asked++, [makeRule('/b', path.join(dir, 'here'), 'guess')]) });
    assert.equal(finder.get('/b/main.go').loading, true);
    const f = await finder.load('/b/main.go');
    assert.equal(f.origin, 'mapped');
    assert.ok(finder.get('/b/nothere.go').missing);
    assert.equal(asked, 1);
    assert.deepEqual(finder.rules().map((r) => r.origin), ['guess']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file changed after the binary was written is marked newer, as gdb warns; one older is not', () => {
  const dir = tree();
  try {
    const main = path.join(dir, 'here', 'main.go');
    const built = fs.statSync(main).mtimeMs;
    fs.utimesSync(path.join(dir, 'here', 'pkg', 'p.go'), new Date(built + 60_000), new Date(built + 60_000));
    const finder = new SourceFinder({ builtAt: () => built + 1 });
    assert.equal(finder.get(main).newer, undefined);
    assert.equal(finder.get(path.join(dir, 'here', 'pkg', 'p.go')).newer, true);
    // No binary here to compare with (a remote target): nothing said.
    assert.equal(new SourceFinder({ builtAt: () => undefined }).get(path.join(dir, 'here', 'pkg', 'p.go')).newer, undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
