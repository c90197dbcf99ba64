import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote, goUnquote, goUnquoteBytes, isGoQuotable, truncatedStringRest } from './gostrings.js';

test('goQuote writes Go literals Delve parses: quotes, backslashes, newlines and controls escaped', () => {
  assert.equal(goQuote('drain'), '"drain"');
  assert.equal(goQuote('a"b'), '"a\\"b"');
  assert.equal(goQuote('a\\b'), '"a\\\\b"');
  assert.equal(goQuote('new\nline\r\ttab'), '"new\\nline\\r\\ttab"');
  assert.equal(goQuote('\x00\x07\x7f'), '"\\x00\\x07\\x7f"');
  assert.equal(goQuote('é✓😀'), '"é✓😀"');
  assert.equal(goQuote('\u2028'), '"\\u2028"');
  assert.equal(goQuote(''), '""');
});

test('goUnquote reads what strconv.Quote (and so Delve) writes', () => {
  // Outputs of Go's strconv.Quote.
  assert.equal(goUnquote('"a\\"b"'), 'a"b');
  assert.equal(goUnquote('"a\\\\b"'), 'a\\b');
  assert.equal(goUnquote('"new\\nline"'), 'new\nline');
  assert.equal(goUnquote('"\\x00\\x7f"'), '\x00\x7f');
  assert.equal(goUnquote('"é✓"'), 'é✓');
  assert.equal(goUnquote('"\\u2028"'), '\u2028');
  assert.equal(goUnquote('"bell\\a"'), 'bell\x07');
  assert.equal(goUnquote('"\\U0001F600"'), '😀');
  assert.equal(goUnquote('"\\xe2\\x9c\\x93"'), '✓', 'bytes make UTF-8');
  assert.equal(goUnquote('"\\xff"'), '\\xff', 'a lone bad byte shows as its escape, not as U+FFFD');
  assert.deepEqual([...goUnquoteBytes('"a\\xffb"')!], [0x61, 0xff, 0x62], 'the bytes themselves');
  assert.equal(goUnquote('"\\101"'), 'A');
  for (const bad of ['drain', '"open', '"a"b"', '"\\q"', '"\\x4"', '']) assert.equal(goUnquote(bad), undefined, bad);
  for (const s of ['plain', 'a"b\\c\n\t', '\x00\x1f\x7f', 'é✓😀 \u2028']) assert.equal(goUnquote(goQuote(s)), s, 'round trip');
});

test('lone surrogates cannot be Go strings; truncated Delve strings are recognised', () => {
  assert.equal(isGoQuotable('ok😀'), true);
  assert.equal(isGoQuotable('bad\ud800'), false);
  assert.equal(isGoQuotable('\udc00bad'), false);
  assert.equal(truncatedStringRest('xxxx...+88 more'), 88);
  assert.equal(truncatedStringRest('xxxx'), undefined);
});

// Found by the fuzz campaign (test/fuzz/targets/values.ts), Go's strconv.Unquote as the oracle.
test('fuzz: an octal escape above \\377 ("\\400") is refused, as Go refuses it, not read as byte 0', () => {
  assert.equal(goUnquote('"\\400"'), undefined);
  assert.equal(goUnquote('"\\377"'), '\\xff');
  assert.equal(goUnquote('"\\101"'), 'A');
});

test('fuzz: \\\' and a raw newline are not in Go double-quoted literals ("it\\\'s" is refused, as strconv.Unquote refuses it)', () => {
  assert.equal(goUnquote('"it\\\'s"'), undefined);
  assert.equal(goUnquote('"a\nb"'), undefined);
  assert.equal(goUnquote('"it\'s\\n"'), "it's\n");
});
