import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, sanitize, styledSegments } from './sanitize.js';

test('window titles, clipboard writes and links never pass', () => {
  assert.equal(sanitize('a\x1b]0;pwned\x07b'), 'ab');
  assert.equal(sanitize('x\x1b]52;c;ZWNobyBoaQ==\x07y'), 'xy');
  assert.equal(sanitize('\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\'), 'click');
  assert.equal(sanitize('\x9d0;title\x9cok'), 'ok');
  assert.equal(sanitize('a\x1bPq#0;2;0;0;0\x1b\\b'), 'ab');
});

test('cursor movement and erasing are dropped; \\r and \\b are shown, not obeyed', () => {
  assert.equal(sanitize('ok\x1b[2K\x1b[1A\x1b[10;10Hspoof'), 'okspoof');
  assert.equal(sanitize('100%\rpwned'), '100%^Mpwned');
  assert.equal(sanitize('abc\b\bX'), 'abc^H^HX');
  assert.equal(sanitize('bell\x07'), 'bell^G');
  assert.equal(sanitize('del\x7f'), 'del^?');
  assert.equal(sanitize('c1\x85x'), 'c1<85>x');
  assert.equal(sanitize('tab\tnewline\n'), 'tab\tnewline\n');
});

test('an unterminated sequence swallows only itself', () => {
  assert.equal(sanitize('a\x1b]0;never ends'), 'a');
  assert.equal(sanitize('a\x1b['), 'a');
  assert.equal(sanitize('a\x1b'), 'a');
});

test('bidi overrides and lone surrogates are made visible', () => {
  assert.equal(sanitize('a\u202eb'), 'a<u+202e>b');
  assert.equal(sanitize('x\ud800y'), 'x\ufffdy');
  assert.equal(sanitize('😀'), '😀');
});

test('SGR colours survive as segments, never as escapes', () => {
  assert.deepEqual(styledSegments('\x1b[31merror\x1b[0m plain \x1b[1;92mok'), [
    { text: 'error', color: 'red' },
    { text: ' plain ' },
    { text: 'ok', color: 'greenBright', bold: true },
  ]);
  assert.deepEqual(styledSegments('\x1b[38;5;196mx\x1b[39my'), [{ text: 'x' }, { text: 'y' }]);
});

test('invalid UTF-8 shows as \\x escapes', () => {
  assert.equal(decodeBytes(Buffer.from([0x61, 0xe8, 0x62])), 'a\\xe8b');
  assert.equal(decodeBytes(Buffer.from('héllo ✓', 'utf8')), 'héllo ✓');
  assert.equal(decodeBytes(Buffer.from([0xc0, 0x80])), '\\xc0\\x80');
  assert.equal(decodeBytes(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80');
  assert.equal(decodeBytes(Buffer.from([0xe2, 0x82])), '\\xe2\\x82');
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts): only the overrides and isolates were caught.
test('fuzz: every bidi control (U+061C, U+200E/F, U+202A-C embeddings) is made visible', () => {
  assert.equal(sanitize('a\u061cb\u200e\u200f\u202a\u202b\u202cc'), 'a<u+61c>b<u+200e><u+200f><u+202a><u+202b><u+202c>c');
});
