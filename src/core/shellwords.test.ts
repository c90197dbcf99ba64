import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitShellWords } from './shellwords.js';

test('splitShellWords splits like a shell: quotes, escapes, empty words', () => {
  const ok = (line: string, words: string[]) => assert.deepEqual(splitShellWords(line), { ok: true, words }, line);
  ok('-batch=7 -name again', ['-batch=7', '-name', 'again']);
  ok("  -name 'two words'  ", ['-name', 'two words']);
  ok('-name "say \\"hi\\" \\\\ \\n"', ['-name', 'say "hi" \\ \\n']);
  ok('a\\ b c', ['a b', 'c']);
  ok("'' \"\"", ['', '']);
  ok("x'y'\"z\"", ['xyz']);
  ok("'it'\\''s'", ["it's"]);
  ok('', []);
  assert.equal(splitShellWords("'open").ok, false);
  assert.equal(splitShellWords('"open').ok, false);
  assert.equal(splitShellWords('end\\').ok, false);
});
