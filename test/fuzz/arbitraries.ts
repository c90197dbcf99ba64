// Inputs a parser meets from users, Delve, bpftrace and debuggees: its own vocabulary mixed with
// what breaks naive code (controls, escapes, lone surrogates, wide and zero-width characters), and
// now and then one token repeated thousands of times, the input that shows quadratic time.
import fc from 'fast-check';

/** Characters that have broken terminal programs: escapes, controls, bidi, wide, combining, surrogates. */
export const NASTY = [
  '\x1b', '\x1b[', '\x1b]', '\x1b[31m', '\x1b]0;title\x07', '\x1b]52;c;aGk=\x07', '\x1bP', '\x1b\\', '\x07', '\x9b', '\x9d', '\x90', '\x85',
  '\r', '\n', '\r\n', '\t', '\b', '\0', '\x7f', '\x0b', '\x0c',
  '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c',
  '\u200b', '\u200d', '\ufeff', '\u00ad', '\ufffd',
  '\ud800', '\udc00', '\udbff',
  '😀', '☺\ufe0f', '❤\ufe0f', '👨‍👩‍👧', '🇫🇷', '👍🏽', '中', '文', 'ｗ', 'é', 'e\u0301', 'a\u0308\u0301', '\u0e01\u0e33', '한',
];

/** One character (or cluster) from anywhere: mostly printable ASCII, then the nasty ones, then any UTF-16 unit. */
export const anyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

export function join(parts: fc.Arbitrary<string>, maxLength = 24): fc.Arbitrary<string> {
  return fc.array(parts, { maxLength }).map((a) => a.join(''));
}

/** `before + token×n + after`, n large: quadratic code spends seconds here. */
export function longRun(token: fc.Arbitrary<string>, around: fc.Arbitrary<string>, maxChars = 20_000): fc.Arbitrary<string> {
  return fc
    .tuple(around, token.filter((t) => t.length > 0), fc.integer({ min: 1_000, max: maxChars }), around)
    .map(([a, t, n, b]) => a + t.repeat(Math.max(1, Math.floor(n / t.length))) + b);
}

/**
 * Text for a parser: tokens of its own grammar (`vocab`), any characters, and sometimes a long
 * run of a few of them.
 */
export function hostile(vocab: readonly string[], opts: { maxTokens?: number; longRuns?: boolean } = {}): fc.Arbitrary<string> {
  const token = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...vocab) }, { weight: 2, arbitrary: anyChar });
  const text = join(token, opts.maxTokens ?? 24);
  if (opts.longRuns === false) return text;
  return fc.oneof({ weight: 24, arbitrary: text }, { weight: 1, arbitrary: longRun(join(token, 3), join(token, 6)) });
}

/** A byte buffer made of pieces of a grammar (`vocab`) and random bytes. */
export function hostileBytes(vocab: readonly (string | Uint8Array)[], maxPieces = 16): fc.Arbitrary<Buffer> {
  const piece = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...vocab).map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))) },
    { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b)) },
  );
  return fc.array(piece, { maxLength: maxPieces }).map((a) => Buffer.concat(a));
}

/** Points at which to cut `total` bytes or characters into chunks (sorted, may repeat). */
export const cuts: fc.Arbitrary<number[]> = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

export function splitAt<T extends { length: number; slice(a: number, b?: number): T }>(whole: T, fractions: readonly number[]): T[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * whole.length)))].sort((a, b) => a - b);
  const out: T[] = [];
  let at = 0;
  for (const p of points) {
    out.push(whole.slice(at, p));
    at = p;
  }
  out.push(whole.slice(at));
  return out;
}

/** A Go-style identifier, sometimes with a package path: `main.work`, `pkg.(*T).M`. */
export const goIdent: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'b', 'x', 'buf', 'main', 'runtime', 'p', 's', 'ptr', 'Ö', '_', 'i9'), fc.constantFrom('', '1', '_2', 'Value', 'é'))
  .map(([a, b]) => a + b);

/** Any 64-bit unsigned value, with the edges likely. */
export const u64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.constantFrom(0n, 1n, 0xffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xc000012345n),
  fc.bigInt({ min: 0n, max: 1000n }),
);

/** Any int64, edges likely. */
export const i64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
  fc.constantFrom(0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 1_000_000_000n, 3_600_000_000_000n),
  fc.bigInt({ min: -100_000n, max: 100_000n }),
);
