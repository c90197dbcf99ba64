import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { UserError } from '../errors.js';
import { demoMarkers, findMarker, firstErrors, parseMarkers } from './build.js';
import { DEMOS, demoBinary, demoDir, getDemo } from './catalog.js';

test('every demo has a folder with go.mod (its own module) and main.go', () => {
  for (const demo of DEMOS) {
    const dir = demoDir(demo);
    const goMod = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8');
    assert.match(goMod, new RegExp(`^module gotui\\.dev/demos/${demo.name}$`, 'm'), `${demo.name}: module path`);
    assert.match(goMod, /^go 1\.24$/m, `${demo.name}: go directive`);
    assert.ok(fs.existsSync(path.join(dir, 'main.go')), `${demo.name}: main.go`);
    assert.equal(demoBinary(demo), path.join(dir, 'bin', demo.name));
  }
});

test('every declared marker is on exactly one line, and every marker in the sources is declared', () => {
  for (const demo of DEMOS) {
    const found = demoMarkers(demo.name);
    for (const marker of demo.markers) {
      assert.equal(found.get(marker)?.length, 1, `${demo.name}: ${marker} should be on exactly one line`);
      const at = findMarker(demo.name, marker);
      const line = fs.readFileSync(at.file, 'utf8').split('\n')[at.line - 1];
      assert.ok(line?.trimEnd().endsWith(`// ${marker}`), `${demo.name}: ${marker} at ${at.file}:${at.line}`);
    }
    assert.deepEqual([...found.keys()].sort(), [...demo.markers].sort(), `${demo.name}: markers in sources vs catalog`);
  }
});

test('every marker is listed in demos/README.md', () => {
  const readme = fs.readFileSync(path.join(demoDir(DEMOS[0]!), '..', 'README.md'), 'utf8');
  for (const demo of DEMOS) {
    for (const marker of demo.markers) assert.ok(readme.includes(`| ${demo.name} | \`${marker}\` |`), `${demo.name} ${marker}`);
  }
});

test('findMarker takes the marker with or without its gotui: prefix', () => {
  assert.deepEqual(findMarker('orders', 'process'), findMarker('orders', 'gotui:process'));
  assert.throws(() => findMarker('orders', 'gotui:no-such-marker'), /No line of demo orders ends with \/\/ gotui:no-such-marker/);
});

test('parseMarkers: only a marker comment at the end of a line counts', () => {
  const src = ['x := 1 // gotui:a', '// the line marked gotui:a is x', 'y := 2 //gotui:b-2  ', 'z := 3 // gotui:a'].join('\n');
  assert.deepEqual(parseMarkers(src), new Map([['gotui:a', [1, 4]], ['gotui:b-2', [3]]]));
});

test('an unknown demo is a UserError naming the real ones', () => {
  assert.throws(
    () => getDemo('nope'),
    (err: unknown) => err instanceof UserError && /no demo called "nope"/.test(err.message) && /orders/.test(err.hint ?? ''),
  );
});

test('firstErrors drops go build headers and keeps the first lines', () => {
  const out = '# gotui.dev/demos/orders\n./main.go:3:2: undefined: x\n./main.go:4:2: undefined: y\n./main.go:5:2: undefined: z\n./main.go:6:2: too many errors\n';
  assert.equal(firstErrors(out), './main.go:3:2: undefined: x; ./main.go:4:2: undefined: y; ./main.go:5:2: undefined: z');
  assert.equal(firstErrors(''), 'go build gave no reason');
});

test('a demo is marked cgo exactly when its Go code imports "C"', () => {
  for (const demo of DEMOS) {
    const dir = demoDir(demo);
    const goFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.go'));
    const importsC = goFiles.some((f) => /^import "C"$/m.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    assert.equal(demo.cgo, importsC, demo.name);
  }
});
