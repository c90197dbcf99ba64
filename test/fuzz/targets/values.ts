// Values checked by Go's rules before they reach the target (src/flags/values.ts,
// src/flags/duration.ts, src/core/gostrings.ts, src/core/shellwords.ts), with Go itself as
// the oracle: the same inputs through strconv and time in a Go program.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatGoDuration, parseGoDuration } from '../../../src/flags/duration.js';
import { goQuote, goUnquote, goUnquoteBytes, isGoQuotable } from '../../../src/core/gostrings.js';
import { splitShellWords } from '../../../src/core/shellwords.js';
import { checkFlagValue, flagTypeOf, formatFloat, goParseBool, goParseFloat, goParseInt, goParseUint, type FlagType } from '../../../src/flags/values.js';
import { shellQuote } from '../../../src/flags/view.js';
import { anyChar, hostile, i64, join } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty, type Oracle } from '../harness.js';
import { askGo, wellFormed, type GoAnswer, type GoRequest } from '../oracle.js';

const values = 'src/flags/values.ts';

function goOracle<T>(toRequest: (input: T) => GoRequest): Oracle<T, GoAnswer> {
  return { name: 'Go', answer: (inputs) => askGo(inputs.map(toRequest)) };
}

const NUMBER_VOCAB = ['0', '1', '7', '9', '00', '0x', '0X', '0o', '0O', '0b', '0B', '_', '__', '+', '-', '.', 'e', 'E', 'p', 'P', 'a', 'f', 'F', 'g', 'z', 'inf', 'Inf', 'infinity', 'nan', 'NaN', 'Infinity', ' ', '18446744073709551615', '9223372036854775808', '4294967296', '1e308', '1e309', '0x1p-1074', '1_000', '٣'];
const numberText = hostile(NUMBER_VOCAB, { maxTokens: 8 });
const bitsOf = fc.constantFrom(8, 16, 32, 64);

const DURATION_VOCAB = ['0', '1', '5', '.', '.5', '5.', '300', 'ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h', 'd', 'x', '-', '+', '2562047h', '47m', '16.854775807s', '16.854775808s', '9223372036854775807ns', '9223372036854775808ns', '0000000000000000001', '.000000000000000000001', ' ', 'e3'];
const durationText = hostile(DURATION_VOCAB, { maxTokens: 8 });

const FLAG_TYPES: FlagType[] = ['*flag.stringValue', '*flag.boolValue', '*flag.intValue', '*flag.uintValue', '*flag.float64Value', '*flag.durationValue', '*github.com/spf13/pflag.int8Value', '*github.com/spf13/pflag.uint16Value', '*github.com/spf13/pflag.float32Value', '*main.modeValue'].map(flagTypeOf);

/** Go's float bits, as the oracle prints them (hex of math.Float64bits). */
const bitsHex = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.readBigUInt64BE().toString(16);
};

export const valueProperties: FuzzProperty[] = [
  property({
    parser: 'flag values',
    module: values,
    name: 'any text for any flag type is a write the target can take, or a refusal with a message and a hint',
    arb: fc.tuple(fc.constantFrom(...FLAG_TYPES), fc.oneof(numberText, durationText, join(anyChar, 10))),
    check: ([type, text]) => {
      const r = checkFlagValue(type, text, '-f');
      if (!r.ok) {
        assert.ok(r.message.length > 0 && r.hint.length > 0);
        return;
      }
      if (r.write.via === 'set') {
        assert.ok(isGoQuotable(r.write.text));
        return;
      }
      const lit = r.write.literal;
      if (type.kind === 'bool') assert.ok(lit === 'true' || lit === 'false');
      else if (type.kind === 'float') assert.ok(Number.isFinite(Number(lit)), lit);
      else {
        assert.match(lit, /^-?\d+$/);
        const v = BigInt(lit);
        const bits = BigInt(type.bits ?? 64);
        if (type.kind === 'uint') assert.ok(v >= 0n && v < 1n << bits);
        else assert.ok(v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n), `${lit} fits ${type.name}`);
      }
    },
    runs: 300,
  }),
  property({
    parser: 'flag values',
    module: values,
    name: 'integers parse as strconv.ParseInt and ParseUint (base 0) do: same value, same syntax or range error',
    arb: fc.tuple(numberText, bitsOf, fc.boolean()),
    oracle: goOracle(([s, bits, signed]) => ({ op: signed ? 'ParseInt' : 'ParseUint', s, bits })),
    check: ([s, bits, signed], go) => {
      const r = signed ? goParseInt(wellFormed(s), bits) : goParseUint(wellFormed(s), bits);
      assert.deepEqual(r.ok ? { ok: true, v: r.value.toString() } : { ok: false, err: r.reason }, go.ok ? { ok: true, v: go.v } : { ok: false, err: go.err });
    },
    runs: 400,
  }),
  property({
    parser: 'flag values',
    module: values,
    name: 'floats parse as strconv.ParseFloat does, to the bit',
    arb: fc.tuple(fc.oneof(numberText, fc.double().map(String), fc.double().map((x) => x.toExponential())), fc.constantFrom(32 as const, 64 as const)),
    oracle: goOracle(([s, bits]) => ({ op: 'ParseFloat', s, bits })),
    check: ([s, bits], go) => {
      const r = goParseFloat(wellFormed(s), bits);
      const mine = r.ok ? { ok: true, v: Number.isNaN(r.value) ? 'NaN' : bitsHex(r.value) } : { ok: false, err: r.reason };
      assert.deepEqual(mine, go.ok ? { ok: true, v: go.v } : { ok: false, err: go.err });
    },
    runs: 400,
  }),
  property({
    parser: 'flag values',
    module: values,
    name: 'bools parse as strconv.ParseBool does',
    arb: hostile(['1', '0', 't', 'f', 'T', 'F', 'true', 'false', 'TRUE', 'False', 'tRUE', 'yes', ' '], { maxTokens: 3 }),
    oracle: goOracle((s) => ({ op: 'ParseBool', s })),
    check: (s, go) => {
      const b = goParseBool(wellFormed(s));
      assert.equal(b === undefined ? 'syntax' : String(b), go.ok ? go.v : go.err);
    },
    runs: 200,
  }),
  property({
    parser: 'flag values',
    module: values,
    name: 'a float is shown as strconv.FormatFloat(f, \'g\', -1, bits) shows it',
    arb: fc.tuple(fc.double(), fc.constantFrom(32 as const, 64 as const)),
    oracle: goOracle(([x, bits]) => ({ op: 'FormatFloat', n: bitsHex(x), bits })),
    check: ([x, bits], go) => {
      const v = bits === 32 ? Math.fround(x) : x;
      assert.equal(formatFloat(v, bits), go.v, `${x}`);
    },
    runs: 300,
  }),
  property({
    parser: 'Go durations',
    module: 'src/flags/duration.ts',
    name: 'durations parse as time.ParseDuration does: same nanoseconds, same kind of error',
    arb: fc.oneof(durationText, i64.map((ns) => formatGoDuration(ns))),
    oracle: goOracle((s) => ({ op: 'ParseDuration', s })),
    check: (s, go) => {
      const r = parseGoDuration(wellFormed(s));
      const mine = r.ok ? { ok: true, v: r.ns.toString() } : r.reason === 'unit' ? { ok: false, err: 'unit', v: r.unit } : { ok: false, err: 'invalid', v: undefined };
      assert.deepEqual(mine, go.ok ? { ok: true, v: go.v } : { ok: false, err: go.err, v: go.v });
    },
    runs: 400,
  }),
  property({
    parser: 'Go durations',
    module: 'src/flags/duration.ts',
    name: 'every int64 duration is written as Duration.String writes it',
    arb: i64,
    oracle: goOracle((ns) => ({ op: 'DurationString', n: ns.toString() })),
    check: (ns, go) => {
      assert.equal(formatGoDuration(ns), go.v);
    },
    runs: 200,
  }),
  property({
    parser: 'Go durations',
    module: 'src/flags/duration.ts',
    name: 'every int64 duration written out parses back to the same nanoseconds',
    arb: i64,
    check: (ns) => {
      const r = parseGoDuration(formatGoDuration(ns));
      assert.ok(r.ok && r.ns === ns, `${ns} -> ${formatGoDuration(ns)} -> ${r.ok ? r.ns : r.reason}`);
    },
    runs: 300,
  }),
  property({
    parser: 'Go string literals',
    module: 'src/core/gostrings.ts',
    name: 'goQuote writes a literal Go reads as exactly the string (strconv.Unquote)',
    arb: join(anyChar, 16).map(wellFormed),
    oracle: goOracle((s) => ({ op: 'Unquote', s: goQuote(s) })),
    check: (s, go) => {
      assert.ok(go.ok, `Go refused ${goQuote(s)}`);
      assert.deepEqual(go.bytes ?? [], [...Buffer.from(s, 'utf8')]);
      assert.equal(goUnquote(goQuote(s)), s);
    },
    runs: 300,
  }),
  property({
    parser: 'Go string literals',
    module: 'src/core/gostrings.ts',
    name: 'a double-quoted literal unquotes to the bytes strconv.Unquote gives (or is refused as Go refuses it)',
    arb: hostile(['\\', '\\n', '\\x', '\\xff', '\\x4', '\\u', '\\u00e9', '\\ud800', '\\U0010ffff', '\\U00110000', '\\0', '\\101', '\\400', '\\\'', '\\"', '"', 'a', 'é', '\n', '\t'], { maxTokens: 8 }).map((body) => `"${body}"`),
    oracle: goOracle((s) => ({ op: 'Unquote', s })),
    check: (lit, go) => {
      const mine = goUnquoteBytes(wellFormed(lit));
      assert.deepEqual(mine && [...mine], go.ok ? (go.bytes ?? []) : undefined, lit);
    },
    runs: 300,
  }),
  property({
    parser: 'shell words',
    module: 'src/core/shellwords.ts',
    name: 'arguments quoted for :restart split back into the same arguments',
    arb: fc.array(join(anyChar, 8), { maxLength: 6 }),
    check: (args) => {
      const r = splitShellWords(args.map(shellQuote).join(' '));
      assert.deepEqual(r, { ok: true, words: args });
    },
    runs: 200,
  }),
  property({
    parser: 'shell words',
    module: 'src/core/shellwords.ts',
    name: 'any line splits into words that quote and split back the same, or says which quote is open',
    arb: hostile(["'", '"', '\\', ' ', 'a', 'b c', '$x', '`', '\\"', "''", '""', '\t', '\n'], { maxTokens: 12 }),
    check: (line) => {
      const r = refusedOr(() => splitShellWords(line));
      assert.ok(r, 'never throws');
      if (!r.ok) {
        assert.ok(r.message.length > 0);
        return;
      }
      assert.deepEqual(splitShellWords(r.words.map(shellQuote).join(' ')), r);
    },
    runs: 200,
  }),
];
