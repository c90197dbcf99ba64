import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeKeys, splitSequences } from './keys.js';

test('function keys, arrows and modifiers as xterm and tmux send them', () => {
  const cases: [string, string][] = [
    ['\x1b[15~', 'F5'], ['\x1b[21~', 'F10'], ['\x1b[23~', 'F11'], ['\x1b[23;2~', 'S-F11'], ['\x1b[20~', 'F9'],
    ['\x1bOP', 'F1'], ['\x1b[[E', 'F5'], ['\x1b[A', 'up'], ['\x1b[B', 'down'], ['\x1bOA', 'up'],
    ['\x1b[5~', 'pgup'], ['\x1b[6~', 'pgdn'], ['\x1b[H', 'home'], ['\x1b[F', 'end'], ['\x1b[1~', 'home'],
    ['\x1b[Z', 'S-tab'], ['\x1b', 'esc'], ['\x1bx', 'M-x'], ['\x1b[1;5A', 'C-up'],
  ];
  for (const [seq, want] of cases) assert.deepEqual(decodeKeys(seq), [want], JSON.stringify(seq));
});

test('plain characters typed in a burst are separate keys', () => {
  assert.deepEqual(decodeKeys('jj:'), ['j', 'j', ':']);
  assert.deepEqual(decodeKeys('\r'), ['enter']);
  assert.deepEqual(decodeKeys('\t'), ['tab']);
  assert.deepEqual(decodeKeys('\x7f'), ['backspace']);
  assert.deepEqual(decodeKeys('\x03'), ['C-c']);
  assert.deepEqual(decodeKeys('G?'), ['G', '?']);
});

test('several keys in one read are split', () => {
  assert.deepEqual(decodeKeys('\x1b[A\x1b[Aj'), ['up', 'up', 'j']);
  assert.deepEqual(decodeKeys('\x1b[15~c'), ['F5', 'c']);
  assert.deepEqual(decodeKeys('\x1b\x1b'), ['esc', 'esc']);
});

test('a sequence split across reads is put back together', async () => {
  const { KeyReader } = await import('./keys.js');
  const keys: string[] = [];
  const r = new KeyReader((k) => keys.push(k), 5);
  r.feed('j\x1b');
  r.feed('[B');
  assert.deepEqual(keys, ['j', 'down']);
  r.feed('\x1b');
  await new Promise((res) => setTimeout(res, 20));
  assert.deepEqual(keys, ['j', 'down', 'esc']);
  r.dispose();
});

test('a key that came by itself is alone; keys of one read (a paste, a burst) are not', async () => {
  const { KeyReader } = await import('./keys.js');
  const seen: [string, boolean][] = [];
  const r = new KeyReader((k, alone) => seen.push([k, alone]), 5);
  r.feed('y');
  r.feed('\x1b[A');
  r.feed('yes');
  assert.deepEqual(seen, [['y', true], ['up', true], ['y', false], ['e', false], ['s', false]]);
  r.dispose();
});

// Found by the fuzz campaign (test/fuzz/targets/screen.ts).
test('fuzz: "ESC [ [ Z" is an unknown key, not the key "undefined"', () => {
  assert.deepEqual(decodeKeys('\x1b[[Z'), ['unknown:"\\u001b[[Z"']);
});

test('fuzz: a CSI with private parameters ("ESC [ ? 1 ; 2 c", SGR mouse "ESC [ < 0 ; 35 ; 12 M") is one key, not "1", ";", "2", "c"', () => {
  assert.deepEqual(decodeKeys('\x1b[?1;2c'), ['unknown:"\\u001b[?1;2c"']);
  assert.deepEqual(decodeKeys('\x1b[<0;35;12Mj'), ['unknown:"\\u001b[<0;35;12M"', 'j']);
});

test('fuzz: a cut-off sequence ("ESC O ESC", "ESC [ ESC [ A") does not swallow the next key', () => {
  assert.deepEqual(splitSequences('\x1bO\x1b[A'), ['\x1bO', '\x1b[A']);
  assert.deepEqual(decodeKeys('\x1b[\x1b[A'), ['M-[', 'up']);
  assert.deepEqual(splitSequences('\x1b[[\x1b[B'), ['\x1b[[', '\x1b[B']);
});
