// The bundle's build-time patch of string-width (scripts/string-width-patch.js): the patched module
// must measure every text as the original does, and the premise it rests on must hold. And the
// code cache batch mode's bundle is loaded through (bin/require-cached.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { NARROW } from '../../src/core/narrow.js';
import { repoRoot } from '../../src/paths.js';

const pkg = path.join(repoRoot, 'node_modules', 'string-width');

test('a single code point that is an RGI emoji always has Emoji_Presentation (the patch skips the big pattern otherwise)', () => {
  const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
  const presentation = /\p{Emoji_Presentation}/u;
  const missed: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    if (rgi.test(s) && !presentation.test(s)) missed.push(cp.toString(16));
  }
  assert.deepEqual(missed, []);
});

test('the patched string-width measures like the original: emoji sequences, CJK, marks, borders', async () => {
  const { patchStringWidth } = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'string-width-patch.js')).href)) as { patchStringWidth(s: string, narrow: string): string };
  const source = fs.readFileSync(path.join(pkg, 'index.js'), 'utf8');
  const patchedSource = patchStringWidth(source, path.join(repoRoot, 'dist/src/core/narrow.js'));
  assert.notEqual(patchedSource, source, 'the patch applies to the installed string-width');
  // Beside the original, so its own imports resolve.
  const file = path.join(pkg, `.gotui-patched-${process.pid}.js`);
  fs.writeFileSync(file, patchedSource);
  try {
    const patched = ((await import(pathToFileURL(file).href)) as { default: typeof stringWidth }).default;
    const texts = [
      'plain ascii', '│ stop 1 │ ▶ main.go:41 ●', '▶️', '☺', '☺️', '⌚', '👍', '👍🏽', '🏽', '🇩🇪', '🇩', '1️⃣', '#⃣', '👨‍👩‍👧‍👦', '🏳️‍🌈',
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤', '❤️', '✔', '✅', '©', '©️', '™', 'é', 'é', '한국어', '한', '日本語テキスト', 'ｱｲｳ', 'ﾞ', '\u0301', 'a\u200db',
      '\u200b', '\t', 'x\u0000y', '\u001b[31mred\u001b[0m', '─'.repeat(200), 'mixed ✅ text 👍🏽 with 日本 and │ borders', '\u{1F600}\u{1F3FB}',
    ];
    for (let cp = 0x20; cp <= 0x2bff; cp++) texts.push(String.fromCodePoint(cp));
    // Every character text.ts and the patch count as one cell, alone, in pairs and in a long run.
    const narrow: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) if (NARROW.test(String.fromCharCode(cp))) narrow.push(String.fromCharCode(cp));
    for (let i = 0; i < narrow.length; i++) texts.push(`${narrow[i]}${narrow[(i * 7919) % narrow.length]}`, `${narrow[(i * 104729) % narrow.length]}${narrow[i]}`);
    texts.push(narrow.join(''));
    for (let cp = 0x1f000; cp <= 0x1faff; cp++) texts.push(String.fromCodePoint(cp), `${String.fromCodePoint(cp)}\ufe0f`);
    const differ = texts.filter((t) => patched(t) !== stringWidth(t)).map((t) => `${JSON.stringify(t)}: ${patched(t)} vs ${stringWidth(t)}`);
    assert.deepEqual(differ, []);
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test('bin/require-cached.js: V8 code cache written at exit, taken as it is next time, never for another text of the same length', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cache-'));
  try {
    const file = path.join(dir, 'm.cjs');
    const loader = path.join(repoRoot, 'bin', 'require-cached.js');
    const run = () => execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(loader)}).requireCached(${JSON.stringify(file)}).value())`], { encoding: 'utf8' });
    const caches = () => fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    fs.writeFileSync(file, 'exports.value = () => "one";');
    assert.equal(run(), 'one');
    assert.equal(caches().length, 1, 'the first run leaves a cache');
    const [cache] = caches();
    const written = fs.statSync(path.join(dir, cache!)).mtimeMs;
    assert.equal(run(), 'one');
    assert.equal(fs.statSync(path.join(dir, cache!)).mtimeMs, written, 'V8 took the cache (a rejected one is written again)');
    // V8 checks a cache against the source's length only.
    fs.writeFileSync(file, 'exports.value = () => "two";');
    assert.equal(run(), 'two');
    assert.equal(caches().length, 2);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith('.v8cache') && f !== 'm.cjs'), [], 'no partial file left');
    // A run that compiles much more than the cache holds (a session after --help made it) replaces it.
    const earlier = new Set(caches());
    const N = 4000;
    const many = Array.from({ length: N }, (_, i) => `function f${i}(x) { let s = ${i}; for (let j = 0; j < x; j++) s = (s * 31 + j) % ${i + 7}; return s; }`).join('\n');
    fs.writeFileSync(file, `${many}\nexports.value = () => process.env.ALL ? String([${Array.from({ length: N }, (_, i) => `f${i}(1)`).join(', ')}].length) : "few";`);
    const size = () => fs.statSync(path.join(dir, caches().find((c) => !earlier.has(c))!)).size;
    assert.equal(run(), 'few');
    const small = size();
    process.env.ALL = '1';
    try {
      assert.equal(run(), String(N));
    } finally {
      delete process.env.ALL;
    }
    assert.ok(size() > small, `the cache grew: ${small} -> ${size()} bytes`);
    // And a run that compiles less than that leaves it alone.
    const grown = fs.statSync(path.join(dir, caches().find((c) => !earlier.has(c))!)).mtimeMs;
    assert.equal(run(), 'few');
    assert.equal(fs.statSync(path.join(dir, caches().find((c) => !earlier.has(c))!)).mtimeMs, grown, 'a smaller run keeps the bigger cache');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
