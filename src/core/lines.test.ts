import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { readLines } from './lines.js';

test('lines split across chunks (a character too), \\r\\n, and a last line without a newline each come once, whole', async () => {
  const s = new PassThrough();
  const got: string[] = [];
  readLines(s, (l) => got.push(l));
  const euro = Buffer.from('€');
  s.write('first li');
  s.write(Buffer.concat([Buffer.from('ne\r\nprice 3'), euro.subarray(0, 1)]));
  s.write(Buffer.concat([euro.subarray(1), Buffer.from('\nlast')]));
  s.end();
  await new Promise((r) => s.on('end', r));
  assert.deepEqual(got, ['first line', 'price 3€', 'last']);
});

test('a child writing a line at a time has every line delivered, in order, before it closes', async () => {
  const child = spawn(process.execPath, ['-e', 'for (let i = 0; i < 20000; i++) process.stdout.write(`{"n": ${i}}\\n`)'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const got: string[] = [];
  readLines(child.stdout, (l) => got.push(l));
  await new Promise((r) => child.on('close', r));
  assert.equal(got.length, 20_000);
  assert.equal(got.at(-1), '{"n": 19999}');
  assert.ok(got.every((l, i) => l === `{"n": ${i}}`));
});

test("a program's bytes that are not UTF-8 come as \\xff, as written (with escapeInvalid); a JSON reader's as U+FFFD", async () => {
  for (const escapeInvalid of [true, false]) {
    const s = new PassThrough();
    const got: string[] = [];
    readLines(s, (l) => got.push(l), { escapeInvalid });
    s.write(Buffer.from([0x62, 0x61, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x6f, 0x6b, 0x20, 0xe2, 0x82]));
    s.write(Buffer.from([0xac, 0x0a]));
    s.end();
    await new Promise((r) => s.on('end', r));
    assert.deepEqual(got, escapeInvalid ? ['bad: \\xff\\xfe\\xc3(', 'ok €'] : ['bad: \ufffd\ufffd\ufffd(', 'ok €']);
  }
});
