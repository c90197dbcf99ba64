import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFlagValue, displayValue, flagTypeOf, formatFloat, goParseBool, goParseFloat, goParseInt, goParseUint } from './values.js';

// Expected results printed by Go 1.26's strconv (ParseInt(s, 0, 64), ParseInt(s, 0, 8), ParseUint(s, 0, 64)).
const INTS: [string, bigint | 'err', bigint | 'err', bigint | 'err'][] = [
  ['0', 0n, 0n, 0n],
  ['-0', 0n, 0n, 'err'],
  ['+5', 5n, 5n, 'err'],
  ['0x1F', 31n, 31n, 31n],
  ['0X1f', 31n, 31n, 31n],
  ['0o17', 15n, 15n, 15n],
  ['017', 15n, 15n, 15n],
  ['0b101', 5n, 5n, 5n],
  ['1_000', 1000n, 'err', 1000n],
  ['0x_1F', 31n, 31n, 31n],
  ['_1', 'err', 'err', 'err'],
  ['1__0', 'err', 'err', 'err'],
  ['1_', 'err', 'err', 'err'],
  ['9223372036854775807', 9223372036854775807n, 'err', 9223372036854775807n],
  ['9223372036854775808', 'err', 'err', 9223372036854775808n],
  ['-9223372036854775808', -9223372036854775808n, 'err', 'err'],
  ['', 'err', 'err', 'err'],
  [' 1', 'err', 'err', 'err'],
  ['1.0', 'err', 'err', 'err'],
  ['08', 'err', 'err', 'err'],
  ['0x', 'err', 'err', 'err'],
  ['0b2', 'err', 'err', 'err'],
  ['-0x10', -16n, -16n, 'err'],
  ['+0b11', 3n, 3n, 'err'],
  ['127', 127n, 127n, 127n],
  ['128', 128n, 'err', 128n],
  ['-129', -129n, 'err', 'err'],
  ['0_7', 7n, 7n, 7n],
  ['00', 0n, 0n, 0n],
  ['1e3', 'err', 'err', 'err'],
];

test('goParseInt and goParseUint follow strconv with base 0', () => {
  const v = (r: ReturnType<typeof goParseInt>) => (r.ok ? r.value : 'err');
  for (const [s, i64, i8, u64] of INTS) {
    assert.equal(v(goParseInt(s, 64)), i64, `ParseInt(${JSON.stringify(s)}, 0, 64)`);
    assert.equal(v(goParseInt(s, 8)), i8, `ParseInt(${JSON.stringify(s)}, 0, 8)`);
    assert.equal(v(goParseUint(s, 64)), u64, `ParseUint(${JSON.stringify(s)}, 0, 64)`);
  }
  assert.deepEqual(goParseInt('128', 8), { ok: false, reason: 'range' });
  assert.deepEqual(goParseInt('12abc', 64), { ok: false, reason: 'syntax' });
  assert.deepEqual(goParseUint('18446744073709551616', 64), { ok: false, reason: 'range' });
});

test('goParseBool takes exactly strconv.ParseBool spellings', () => {
  for (const s of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(goParseBool(s), true, s);
  for (const s of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(goParseBool(s), false, s);
  for (const s of ['yes', 'tRUE', '', 'on']) assert.equal(goParseBool(s), undefined, s);
});

test('goParseFloat follows strconv.ParseFloat (64 and 32 bits)', () => {
  // [input, float64 (or 'err'/'range'), float32]
  const cases: [string, number | string, number | string][] = [
    ['1', 1, 1],
    ['1.5', 1.5, 1.5],
    ['.5', 0.5, 0.5],
    ['5.', 5, 5],
    ['1e3', 1000, 1000],
    ['1E-3', 0.001, Math.fround(0.001)],
    ['0x1p-2', 0.25, 0.25],
    ['0x1.8p1', 3, 3],
    ['inf', Infinity, Infinity],
    ['+Inf', Infinity, Infinity],
    ['-infinity', -Infinity, -Infinity],
    ['NaN', NaN, NaN],
    ['1_000.5', 1000.5, 1000.5],
    ['0x_1p0', 1, 1],
    ['1e400', 'range', 'range'],
    ['-1e400', 'range', 'range'],
    ['1e-400', 0, 0],
    ['', 'syntax', 'syntax'],
    ['abc', 'syntax', 'syntax'],
    ['1.5.5', 'syntax', 'syntax'],
    ['0x1', 'syntax', 'syntax'],
    ['1_0', 10, 10],
    ['3.5e38', 3.5e38, 'range'],
    ['+.5e+2', 50, 50],
    ['e5', 'syntax', 'syntax'],
    ['1e', 'syntax', 'syntax'],
    ['infin', 'syntax', 'syntax'],
    ['+nan', 'syntax', 'syntax'],
    ['_', 'syntax', 'syntax'],
    ['1_e5', 'syntax', 'syntax'],
  ];
  const v = (r: ReturnType<typeof goParseFloat>) => (r.ok ? r.value : r.reason);
  for (const [s, f64, f32] of cases) {
    assert.deepEqual(v(goParseFloat(s, 64)), f64, `ParseFloat(${JSON.stringify(s)}, 64)`);
    assert.deepEqual(v(goParseFloat(s, 32)), f32, `ParseFloat(${JSON.stringify(s)}, 32)`);
  }
});

test('formatFloat writes what FormatFloat(f, g, -1) writes, from numbers and from Delve text', () => {
  const g: [number, string][] = [
    [1, '1'],
    [0.5, '0.5'],
    [1e6, '1e+06'],
    [123456789, '1.23456789e+08'],
    [1e20, '1e+20'],
    [1e21, '1e+21'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [0.000123, '0.000123'],
    [1.5e300, '1.5e+300'],
    [-2.25, '-2.25'],
    [100, '100'],
    [12345678901234567890, '1.2345678901234567e+19'],
    [123456, '123456'],
    [0, '0'],
  ];
  for (const [x, want] of g) assert.equal(formatFloat(x), want, String(x));
  // Delve prints floats with FormatFloat(f, 'f', -1, size).
  assert.equal(formatFloat('1000000'), '1e+06');
  assert.equal(formatFloat('0.00001'), '1e-05');
  assert.equal(formatFloat('1500000000000000000000'), '1.5e+21');
  assert.equal(formatFloat('0.25'), '0.25');
  assert.equal(formatFloat('-0'), '-0');
  assert.equal(formatFloat('+Inf'), '+Inf');
  assert.equal(formatFloat('NaN'), 'NaN');
  // float32 keeps float32's shortest digits.
  assert.equal(formatFloat(Math.fround(0.1), 32), '0.1');
  assert.equal(formatFloat(Math.fround(3.4e38), 32), '3.4e+38');
  assert.equal(formatFloat(Math.fround(1e-7), 32), '1e-07');
  assert.equal(formatFloat('16777216', 32), '1.6777216e+07');
});

test('flagTypeOf names flag and pflag Values, and custom ones by their type', () => {
  const t = (goType: string) => {
    const f = flagTypeOf(goType);
    return `${f.kind} ${f.name}${f.bits ? `/${f.bits}` : ''}${f.memType ? ` ${f.memType}` : ''}`;
  };
  assert.equal(t('*flag.intValue'), 'int int/64 int');
  assert.equal(t('*flag.int64Value'), 'int int64/64 int64');
  assert.equal(t('*flag.uintValue'), 'uint uint/64 uint');
  assert.equal(t('*flag.uint64Value'), 'uint uint64/64 uint64');
  assert.equal(t('*flag.float64Value'), 'float float64/64 float64');
  assert.equal(t('*flag.boolValue'), 'bool bool bool');
  assert.equal(t('*flag.durationValue'), 'duration duration int64');
  assert.equal(t('*flag.stringValue'), 'string string');
  assert.equal(t('flag.funcValue'), 'custom func');
  assert.equal(t('flag.boolFuncValue'), 'custom boolFunc');
  assert.equal(t('flag.textValue'), 'custom text');
  assert.equal(t('*main.modeValue'), 'custom main.modeValue');
  assert.equal(t('*example.com/svc/internal/config.Level'), 'custom config.Level');
  assert.equal(t('*github.com/spf13/pflag.intValue'), 'int int/64 int');
  assert.equal(t('*github.com/spf13/pflag.int8Value'), 'int int8/8 int8');
  assert.equal(t('*github.com/spf13/pflag.uint16Value'), 'uint uint16/16 uint16');
  assert.equal(t('*github.com/spf13/pflag.float32Value'), 'float float32/32 float32');
  assert.equal(t('*github.com/spf13/pflag.countValue'), 'int count/64 int');
  assert.equal(t('*github.com/spf13/pflag.stringSliceValue'), 'custom stringSlice');
  assert.equal(t('*github.com/spf13/pflag.durationValue'), 'duration duration int64');
});

test('checkFlagValue refuses bad input per type with one sentence and a hint, and says how to write good input', () => {
  const c = (goType: string, text: string) => checkFlagValue(flagTypeOf(goType), text, '-x');
  assert.deepEqual(c('*flag.intValue', '0x40'), { ok: true, write: { via: 'memory', memType: 'int', literal: '64', shown: '64' } });
  assert.deepEqual(c('*flag.boolValue', 'T'), { ok: true, write: { via: 'memory', memType: 'bool', literal: 'true', shown: 'true' } });
  assert.deepEqual(c('*flag.durationValue', '1m30s'), { ok: true, write: { via: 'memory', memType: 'int64', literal: '90000000000', shown: '1m30s' } });
  assert.deepEqual(c('*flag.float64Value', '1_000.5'), { ok: true, write: { via: 'memory', memType: 'float64', literal: '1000.5', shown: '1000.5' } });
  assert.deepEqual(c('*flag.float64Value', '-inf'), { ok: true, write: { via: 'set', text: '-inf' } }, 'no Go literal for Inf: Set parses it');
  assert.deepEqual(c('*flag.stringValue', ' any "thing" '), { ok: true, write: { via: 'set', text: ' any "thing" ' } });
  assert.deepEqual(c('*main.modeValue', 'bogus'), { ok: true, write: { via: 'set', text: 'bogus' } }, 'custom Values check for themselves');

  const refused = (goType: string, text: string, message: RegExp, hint: RegExp) => {
    const r = c(goType, text);
    assert.equal(r.ok, false, `${goType} ${text}`);
    if (!r.ok) {
      assert.match(r.message, message);
      assert.match(r.hint, hint);
      assert.ok(r.message.endsWith('.'));
    }
  };
  refused('*flag.intValue', '12abc', /^'12abc' is not an int for -x\.$/, /whole number/);
  refused('*flag.intValue', '9223372036854775808', /out of range for an int/, /-9223372036854775808 to 9223372036854775807/);
  refused('*github.com/spf13/pflag.int8Value', '128', /out of range for an int8/, /-128 to 127/);
  refused('*flag.uintValue', '-1', /not a uint/, /cannot be negative/);
  refused('*flag.boolValue', 'yes', /not a bool/, /true or false/);
  refused('*flag.durationValue', '10', /not a duration/, /needs a unit/);
  refused('*flag.durationValue', '10x', /unknown unit "x"/, /300ms/);
  refused('*flag.durationValue', '9999999h', /out of range for a duration/, /2562047h/);
  refused('*flag.float64Value', '1e400', /out of range for a float64/, /number/);
  refused('*github.com/spf13/pflag.float32Value', '1e39', /out of range for a float32/, /number/);
  refused('*flag.float64Value', 'one', /not a float64/, /number/);
  refused('*flag.stringValue', 'bad\ud800', /cannot carry/, /again/);
});

test('displayValue shows what String() would from what Delve shows of the variable', () => {
  const d = (goType: string, rendering: string) => displayValue(flagTypeOf(goType), rendering);
  assert.deepEqual(d('*flag.intValue', '32'), { text: '32', exact: true });
  assert.deepEqual(d('*flag.stringValue', '"debug"'), { text: 'debug', exact: true });
  assert.deepEqual(d('*flag.stringValue', '""'), { text: '', exact: true });
  assert.deepEqual(d('*flag.durationValue', '200000000'), { text: '200ms', exact: true });
  assert.deepEqual(d('*flag.float64Value', '1'), { text: '1', exact: true });
  assert.deepEqual(d('*flag.float64Value', '1000000'), { text: '1e+06', exact: true });
  assert.deepEqual(d('*flag.boolValue', 'true'), { text: 'true', exact: true });
  assert.deepEqual(d('*main.modeValue', '"normal"'), { text: 'normal', exact: false });
  assert.deepEqual(d('*main.cfg', 'main.cfg {A: 1}'), { text: 'main.cfg {A: 1}', exact: false, delveForm: true });
  // A number under a custom type is not its String() ("high"): Delve's text, marked so (trial AV).
  assert.deepEqual(d('*main.level', '3'), { text: '3', exact: false, delveForm: true });
});

test('a string flag holding bytes that are not UTF-8 shows them as \\xNN, and not as an exact value', () => {
  assert.deepEqual(displayValue(flagTypeOf('*flag.stringValue'), '"dr\\xffain"'), { text: 'dr\\xffain', exact: false });
  assert.deepEqual(displayValue(flagTypeOf('*flag.stringValue'), '"café"'), { text: 'café', exact: true });
  // A custom Value on a string reads as its text; on anything else it is Delve's text, marked so.
  assert.deepEqual(displayValue(flagTypeOf('*main.modeValue'), '"drain"'), { text: 'drain', exact: false });
  assert.deepEqual(displayValue(flagTypeOf('*main.listFlag'), '["a","b"]'), { text: '["a","b"]', exact: false, delveForm: true });
});

// Found by the fuzz campaign (test/fuzz/targets/values.ts), Go's strconv as the oracle.
test('fuzz: "4294967296x" for an int16 is out of range, as strconv.ParseInt says, not a syntax error', () => {
  assert.deepEqual(goParseInt('4294967296x', 16), { ok: false, reason: 'range' });
  assert.deepEqual(goParseInt('65536x', 16), { ok: false, reason: 'range' });
  assert.deepEqual(goParseInt('-32768', 16), { ok: true, value: -32768n });
});

test('fuzz: negative zero (-8.4e-323 as a float32) shows as -0, as FormatFloat writes it', () => {
  assert.equal(formatFloat(Math.fround(-8.4e-323), 32), '-0');
  assert.equal(formatFloat(-0), '-0');
});

test('fuzz: a float32 halfway between two shortest decimals (-3317717.25) takes the even digit, as FormatFloat does', () => {
  assert.equal(formatFloat(Math.fround(-3317717.1537418882), 32), '-3.3177172e+06');
  assert.equal(formatFloat(Math.fround(0.1), 32), '0.1');
  assert.equal(formatFloat(2.5, 32), '2.5');
});
