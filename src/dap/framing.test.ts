import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage, FramingError, MessageReader } from './framing.js';

const msg = (seq: number) => ({ seq, type: 'event', event: 'output', body: { output: `line ${seq} ✓\n` } });

test('a message split across many chunks is read once whole', () => {
  const bytes = encodeMessage(msg(1));
  const r = new MessageReader();
  const got: unknown[] = [];
  for (let i = 0; i < bytes.length; i += 3) got.push(...r.push(bytes.subarray(i, i + 3)));
  assert.deepEqual(got, [msg(1)]);
});

test('several messages in one chunk are all read, in order', () => {
  const r = new MessageReader();
  const got = r.push(Buffer.concat([encodeMessage(msg(1)), encodeMessage(msg(2)), encodeMessage(msg(3))]));
  assert.deepEqual(got, [msg(1), msg(2), msg(3)]);
});

test('a split inside a multi-byte character still decodes it', () => {
  const bytes = encodeMessage(msg(7));
  const cut = bytes.indexOf(Buffer.from('✓')) + 1;
  const r = new MessageReader();
  assert.deepEqual([...r.push(bytes.subarray(0, cut)), ...r.push(bytes.subarray(cut))], [msg(7)]);
});

test('a chunk ending between header and body waits for the body', () => {
  const bytes = encodeMessage(msg(2));
  const headerEnd = bytes.indexOf('\r\n\r\n') + 4;
  const r = new MessageReader();
  assert.deepEqual(r.push(bytes.subarray(0, headerEnd)), []);
  assert.deepEqual(r.push(bytes.subarray(headerEnd)), [msg(2)]);
});

test('garbage instead of a header is refused at once', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n')), FramingError);
});

test('a header without Content-Length is refused', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from('Content-Type: x\r\n\r\n{}')), /Content-Length|not a DAP header/);
});

test('a non-numeric Content-Length is refused', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from('Content-Length: ten\r\n\r\n{}')), /bad Content-Length/);
});

test('a body that is not JSON is refused', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from('Content-Length: 3\r\n\r\nabc')), /not JSON/);
});

test('an endless header is refused instead of buffered forever', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from(`Content-Length: 1${'0'.repeat(2000)}`)), FramingError);
});

test('a header announcing a body beyond 64 MiB is refused at once, before any of it is buffered', () => {
  const r = new MessageReader();
  assert.throws(() => r.push(Buffer.from('Content-Length: 100000000000\r\n\r\n{')), /100000000000 bytes announced, more than the 64 MiB/);
  assert.throws(() => new MessageReader().push(Buffer.from(`Content-Length: ${64 * 1024 * 1024 + 1}\r\n\r\n`)), FramingError);
  assert.deepEqual(new MessageReader().push(Buffer.from('Content-Length: 2\r\n\r\n{}')), [{}]);
});

// Found by the fuzz campaign (test/fuzz/targets/dap.ts).
test('fuzz: a header block over 1 KiB is refused whether it arrives whole or in pieces', () => {
  const bytes = Buffer.from(`Content-Length: 2\r\nX-A: ${'a'.repeat(2000)}\r\n\r\n{}`);
  assert.throws(() => new MessageReader().push(bytes), FramingError);
  const r = new MessageReader();
  assert.throws(() => {
    for (let i = 0; i < bytes.length; i += 100) r.push(bytes.subarray(i, i + 100));
  }, FramingError);
});

test('fuzz: a Content-Length with a byte above 0x7f ("Content-Length: \\xb2") is not read as the digit 2', () => {
  const bytes = Buffer.concat([Buffer.from('Content-Length: '), Buffer.from([0xb2]), Buffer.from('\r\n\r\n{}')]);
  assert.throws(() => new MessageReader().push(bytes), /bad Content-Length/);
});

test('fuzz: a body that is JSON but not an object ("null", "1", "[]") is refused, not handed on', () => {
  for (const body of ['null', '1', '[]', '"x"']) {
    assert.throws(() => new MessageReader().push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n${body}`)), /not a JSON object/, body);
  }
});
