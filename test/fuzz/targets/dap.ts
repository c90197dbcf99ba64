// DAP's Content-Length framing (src/dap/framing.ts): what a server, honest or hostile, can send.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeMessage, FramingError, MAX_BODY, MessageReader } from '../../../src/dap/framing.js';
import { cuts, hostileBytes, splitAt } from '../arbitraries.js';
import { outcome, property, type FuzzProperty } from '../harness.js';

const parser = 'DAP framing';
const module = 'src/dap/framing.ts';

const message = fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });

/** Feeds the chunks in order; the messages it yields, or the error that stopped it. */
function feed(chunks: readonly Buffer[]): { messages: unknown[]; error?: Error } {
  const r = new MessageReader();
  const messages: unknown[] = [];
  for (const c of chunks) {
    try {
      messages.push(...r.push(c));
    } catch (error) {
      return { messages, error: error as Error };
    }
  }
  return { messages };
}

const isObject = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m);

const HEADERISH = [
  'Content-Length: ', 'content-length:', 'CONTENT-LENGTH:  ', 'Content-Length:', 'Content-Type: application/json', 'X-A: b', 'Content-Length: 2',
  '\r\n', '\r\n\r\n', '\r', '\n', ' ', ':', '0', '2', '7', '13', '0000000000002', '99999999999999999999', '67108864', '67108865', '-1', '1e3', '0x10',
  '{}', '{"seq":1}', 'null', '[]', '1', '"x"', '{', 'HTTP/1.1 400 Bad Request', 'a'.repeat(600),
  new Uint8Array([0xb2]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xc3, 0xa9]),
  encodeMessage({ seq: 1, type: 'event', event: 'output', body: { output: 'é\n' } }),
  encodeMessage({ seq: 2, type: 'response', request_seq: 1, success: true, command: 'threads' }),
];

/** A frame as a server might write it: headers around a Content-Length that is right, off by one, huge, absent or odd. */
const frame = fc
  .record({
    before: fc.array(fc.constantFrom('Content-Type: application/json', `X-A: ${'a'.repeat(600)}`, 'X-B:', 'no colon', 'Content-Length: 9'), { maxLength: 3 }),
    length: fc.constantFrom('right', 'right', 'right', 'minus', 'plus', 'huge', 'missing', 'hex', 'spaced', 'high-bit'),
    after: fc.array(fc.constantFrom('Content-Type: x', `X-C: ${'c'.repeat(700)}`), { maxLength: 2 }),
    sep: fc.constantFrom('\r\n\r\n', '\r\n\r\n', '\n\n', '\r\n'),
    body: fc.oneof(fc.constantFrom('{}', '{"seq":1,"type":"event"}', 'null', '1', '[]', '"x"', '', '{', 'é', 'true'), message.map((m) => JSON.stringify(m))),
  })
  .map(({ before, length, after, sep, body }) => {
    const n = Buffer.byteLength(body);
    const value = { right: `${n}`, minus: `${Math.max(0, n - 1)}`, plus: `${n + 1}`, huge: '99999999999', missing: '', hex: `0x${n.toString(16)}`, spaced: ` ${n} `, 'high-bit': `${n}\xb2` }[length];
    const lines = [...before, ...(length === 'missing' ? [] : [`Content-Length: ${value}`]), ...after];
    return Buffer.concat([Buffer.from(lines.join('\r\n') + sep, 'latin1'), Buffer.from(body)]);
  });

export const dapProperties: FuzzProperty[] = [
  property({
    parser,
    module,
    name: 'messages split at any points come out whole, once each, in order',
    arb: fc.tuple(fc.array(message, { maxLength: 6 }), cuts),
    check: ([messages, fractions]) => {
      const bytes = Buffer.concat(messages.map((m) => encodeMessage(m)));
      const got = feed(splitAt(bytes, fractions));
      assert.equal(got.error, undefined);
      assert.deepEqual(got.messages, messages.map((m) => JSON.parse(JSON.stringify(m))));
    },
    runs: 150,
  }),
  property({
    parser,
    module,
    name: 'a hostile stream gives whole JSON objects or a FramingError, the same however it is split',
    arb: fc.tuple(fc.oneof(hostileBytes(HEADERISH), fc.array(fc.oneof({ weight: 4, arbitrary: frame }, { weight: 1, arbitrary: hostileBytes(HEADERISH, 3) }), { maxLength: 4 }).map((a) => Buffer.concat(a))), cuts),
    check: ([bytes, fractions]) => {
      const whole = feed([bytes]);
      const split = feed(splitAt(bytes, fractions));
      for (const r of [whole, split]) {
        if (r.error) assert.ok(r.error instanceof FramingError, `only FramingError, got ${r.error}`);
        for (const m of r.messages) assert.ok(isObject(m), `a DAP message is a JSON object, got ${JSON.stringify(m)}`);
      }
      assert.equal(!!split.error, !!whole.error, `refused ${whole.error ? 'whole' : 'split'} only: ${whole.error?.message ?? split.error?.message}`);
      if (!whole.error) assert.deepEqual(split.messages, whole.messages);
      else assert.deepEqual(split.messages.slice(0, whole.messages.length), whole.messages);
    },
    runs: 300,
  }),
  property({
    parser,
    module,
    name: 'a Content-Length over 64 MiB is refused at the header; one within it waits for its body',
    arb: fc.tuple(
      fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: BigInt(MAX_BODY) - 4n, max: BigInt(MAX_BODY) + 4n }), fc.bigInt({ min: 2n, max: 5000n })),
      fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH'),
      fc.constantFrom(' ', '', '  ', '\t'),
    ),
    check: ([n, name, space]) => {
      const digits = n.toString();
      const r = new MessageReader();
      const header = outcome(() => r.push(Buffer.from(`${name}:${space}${digits}\r\n\r\n`)));
      if (n === 0n) {
        assert.ok('error' in header && header.error instanceof FramingError, 'an empty body is not JSON');
        return;
      }
      if (n > BigInt(MAX_BODY)) {
        assert.ok('error' in header && header.error instanceof FramingError && /announced/.test(header.error.message), `refused at the header: ${digits}`);
        return;
      }
      assert.ok('value' in header, `accepted: ${'error' in header ? header.error.message : ''}`);
      assert.deepEqual(header.value, []);
      if (n >= 2n && n <= 5000n) {
        const body = Buffer.from(`{}${' '.repeat(Number(n) - 2)}`);
        assert.deepEqual(r.push(body.subarray(0, -1)), [], 'waits for the last byte');
        assert.deepEqual(r.push(body.subarray(-1)), [{}]);
      }
    },
    runs: 150,
  }),
];
