import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexFile, lexLine } from './go-lexer.js';

const kinds = (line: string) => lexLine(line, 'code').tokens.filter((t) => t.text.trim()).map((t) => `${t.kind}:${t.text.trim()}`);

test('keywords, types, strings, numbers and comments', () => {
  assert.deepEqual(kinds('func f(n int) string { return "x" } // done'), [
    'keyword:func', 'plain:f(n', 'type:int', 'plain:)', 'type:string', 'plain:{', 'keyword:return', 'string:"x"', 'plain:}', 'comment:// done',
  ]);
  assert.deepEqual(kinds('x := 0x1F + 3.5e2'), ['plain:x :=', 'number:0x1F', 'plain:+', 'number:3.5e2']);
  assert.deepEqual(kinds(`s := "a\\"b" + 'c'`), ['plain:s :=', 'string:"a\\"b"', 'plain:+', "string:'c'"]);
  assert.deepEqual(kinds('v2 := len(b)'), ['plain:v2 :=', 'builtin:len', 'plain:(b)']);
});

test('block comments and raw strings span lines', () => {
  const toks = lexFile(['a /* one', 'two */ b', 's := `x', 'y` + z']);
  assert.equal(toks[1]![0]!.kind, 'comment');
  assert.equal(toks[1]![0]!.text, 'two */');
  assert.equal(toks[3]![0]!.kind, 'string');
  assert.equal(toks[3]![0]!.text, 'y`');
});
