import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delveMessage } from '../delve/said.js';
import { callError, callNotPossibleHere, flagSetLibrary, mapEntry, ownFlagSets, parseUintptr, splitInterface, structFields } from './decode.js';
import { loadCapture } from './fixture.js';

const capture = loadCapture();
const answer = (expression: string) => capture.requests.find((r) => r.args.expression === expression);
const result = (expression: string) => (answer(expression)?.body as { result: string }).result;

test('splitInterface finds the dynamic type and the value behind the pointer (Delve 1.27.1 text)', () => {
  assert.deepEqual(splitInterface('flag.Value(*flag.intValue)', 'flag.Value(*flag.intValue) *32'), { concrete: '*flag.intValue', rendering: '32' });
  assert.deepEqual(splitInterface('flag.Value(*main.modeValue)', 'flag.Value(*main.modeValue) *"normal"'), { concrete: '*main.modeValue', rendering: '"normal"' });
  assert.deepEqual(splitInterface('github.com/spf13/pflag.Value(*github.com/spf13/pflag.intValue)', 'pflag.Value(*pflag.intValue) *4'), { concrete: '*github.com/spf13/pflag.intValue', rendering: '4' });
  assert.deepEqual(splitInterface('flag.Value(flag.funcValue)', 'flag.Value(flag.funcValue) main.main.func1'), { concrete: 'flag.funcValue', rendering: 'main.main.func1' });
  assert.deepEqual(splitInterface('flag.Value', 'flag.Value nil'), { rendering: 'nil' });
  // Every Value field in the capture splits into a known type and a value.
  const values = capture.requests.filter((r) => /\)\.Value$/.test(String(r.args.expression)) && r.body);
  assert.ok(values.length >= 11);
  for (const v of values) {
    const b = v.body as { result: string; type: string };
    const s = splitInterface(b.type, b.result);
    assert.ok(s.concrete && !s.rendering.startsWith('*') && !s.rendering.includes('Value('), `${b.type} ${b.result}`);
  }
});

test('mapEntry reads the key and the expression of a map child', () => {
  const page = capture.requests.find((r) => r.command === 'variables')!.body as { variables: { name: string; evaluateName: string; value: string; variablesReference: number }[] };
  const e = page.variables.map(mapEntry);
  assert.ok(e.every((x) => x && x.expr === `((flag.CommandLine).formal)[${JSON.stringify(x.key)}]`), JSON.stringify(e));
  assert.equal(mapEntry({ name: 'len()', value: '6', variablesReference: 0, evaluateName: 'len(m)' }), undefined);
  assert.deepEqual(mapEntry({ name: '"a\\"b"', value: '', variablesReference: 1, evaluateName: 'm["a\\"b"]' }), { key: 'a"b', expr: 'm["a\\"b"]' });
});

test('flagSetLibrary tells flag from pflag from anything else', () => {
  assert.equal(flagSetLibrary((answer('flag.CommandLine')!.body as { type: string }).type), 'flag');
  assert.equal(flagSetLibrary('flag.FlagSet'), 'flag');
  assert.equal(flagSetLibrary((answer('main.pflags')!.body as { type: string }).type), 'pflag');
  assert.equal(flagSetLibrary('*string'), undefined);
  assert.equal(flagSetLibrary('*main.FlagSet'), undefined);
});

test('parseUintptr gives the hex address of a uintptr result', () => {
  assert.equal(parseUintptr(result('uintptr((flag.CommandLine).formal["batch"].Value.(data))')), '0x189ef031e0b0');
  assert.equal(parseUintptr('255'), '0xff');
  assert.equal(parseUintptr('nil'), undefined);
});

test('callError gives nil, or the error text as Error() would, from call results', () => {
  assert.equal(callError(result('call (main.debugFlags).formal["mode"].Value.Set("normal")')), undefined);
  assert.deepEqual(callError(result('call (main.debugFlags).formal["mode"].Value.Set("bogus")')), { message: 'mode must be one of normal, drain, readonly' });
  assert.deepEqual(callError(result('call (flag.CommandLine).formal["batch"].Value.Set("x")')), { message: 'parse error' });
  assert.deepEqual(callError(result('call (main.pflags).formal["workers"].Value.Set("x")')), { message: 'strconv.ParseInt: parsing "x": invalid syntax' });
  assert.deepEqual(callError('error(*fmt.wrapError) *{msg: "bad mode: nope", err: error(*errors.errorString) *{s: "nope"}}'), { message: 'bad mode: nope' });
  assert.deepEqual(callError('error(*main.ModeError) *{Mode: "x", Message: "unknown mode, see --help"}'), { message: 'unknown mode, see --help' });
  assert.deepEqual(callError('error(main.code) 7'), { message: 'error(main.code) 7' }, 'unknown shapes are shown as Delve wrote them');
});

test('structFields splits top-level fields, minding strings and nesting', () => {
  assert.deepEqual(structFields('{Func: "Parse, Int", Num: "{x}", Err: error(*errors.errorString) *{s: "a, b"}}'), { Func: '"Parse, Int"', Num: '"{x}"', Err: 'error(*errors.errorString) *{s: "a, b"}' });
  assert.equal(structFields('nil'), undefined);
});

test('call failures caused by where the target stopped are told from the others', () => {
  const failures = capture.requests.filter((r) => r.error && String(r.args.expression).startsWith('call '));
  assert.deepEqual(failures.map((f) => delveMessage(f.error!)), ['call not at safe point', 'selected goroutine not running']);
  for (const f of failures) assert.equal(callNotPossibleHere(delveMessage(f.error!)), true);
  for (const m of ['call from within the Go runtime', 'executing on Go runtime stack', 'call is only supported with topmost stack frame', 'cannot call function while another function call is already in progress', 'Internal Error: runtime error: invalid memory address or nil pointer dereference']) assert.equal(callNotPossibleHere(m), true, m);
  for (const m of ['key not found', 'could not find symbol value for flag', 'call stopped', 'can not convert 12 constant to string', 'function calls not supported by this version of Go']) assert.equal(callNotPossibleHere(m), false, m);
});

// Found by the fuzz campaign (test/fuzz/targets/delve.ts).
test('fuzz: a slice field ({msg: []int len: 2, cap: 2, [1,2]}) is one field, not three', () => {
  assert.deepEqual(structFields('{msg: []int len: 2, cap: 2, [1,2], s: "a, b"}'), { msg: '[]int len: 2, cap: 2, [1,2]', s: '"a, b"' });
});

test("a package's FlagSets, flag's and pflag's, by name among its other variables (Delve's ListPackageVars types)", () => {
  const vars = [
    { name: 'main.svc', type: '*flag.FlagSet' },
    { name: 'main.workers', type: '*int' },
    { name: 'main.extra', type: '*github.com/spf13/pflag.FlagSet' },
    { name: 'main.inline', type: 'flag.FlagSet' },
    { name: 'main.set', type: 'map[string]*flag.Flag' },
  ];
  assert.deepEqual(ownFlagSets(vars), ['main.svc', 'main.extra', 'main.inline']);
});
