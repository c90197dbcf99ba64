import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameVarLines, goFormat, Kind, parseFormatArg, prettyPrint, type RpcValue } from './pretty.js';

const v = (over: Partial<RpcValue>): RpcValue => ({ addr: 0, type: '', kind: 0, value: '', len: 0, cap: 0, children: null, base: 0, unreadable: '', ...over });

test('pointers print their address then the pointee, as the dlv CLI', () => {
  const n = v({ addr: 0xc000012345, type: 'int', kind: Kind.Int, value: '42' });
  assert.equal(prettyPrint(v({ addr: 0xc000010000, type: '*int', kind: Kind.Ptr, children: [n] })), '(*int)(0xc000012345)\n*42');
  assert.equal(prettyPrint(v({ type: '*main.T', kind: Kind.Ptr, children: [v({ addr: 0x10, onlyAddr: true, type: 'main.T', kind: Kind.Struct })] })), '(*main.T)(0x10)');
  assert.equal(prettyPrint(v({ type: '*int', kind: Kind.Ptr, children: [] })), 'nil');
});

test('slices, structs and verbs on their elements', () => {
  const ints = [7, 9].map((x) => v({ type: 'int', kind: Kind.Int, value: String(x) }));
  const s = v({ type: '[]int', kind: Kind.Slice, len: 3, cap: 4, base: 1, children: ints });
  assert.equal(prettyPrint(s), '[]int len: 3, cap: 4, [7,9,...+1 more]');
  assert.equal(prettyPrint(s, '%x'), '[]int len: 3, cap: 4, [7,9,...+1 more]');
  assert.equal(prettyPrint(v({ type: '[2]int', kind: Kind.Array, len: 2, children: [v({ type: 'int', kind: Kind.Int, value: '10' }), v({ type: 'int', kind: Kind.Int, value: '255' })] }), '%x'), '[2]int [a,ff]');
  const st = v({ type: 'main.P', kind: Kind.Struct, len: 2, children: [v({ name: 'a', type: 'int', kind: Kind.Int, value: '1' }), v({ name: 's', type: 'string', kind: Kind.String, value: 'hi', len: 2 })] });
  assert.equal(prettyPrint(st), 'main.P {a: 1, s: "hi"}');
});

test("Go's fmt verbs", () => {
  const i = (n: bigint) => ({ kind: 'int' as const, n, signed: true, go: 'int64' });
  assert.equal(goFormat('%x', i(42n)), '2a');
  assert.equal(goFormat('%#x', i(42n)), '0x2a');
  assert.equal(goFormat('%x', i(-42n)), '-2a');
  assert.equal(goFormat('%o', i(8n)), '10');
  assert.equal(goFormat('%O', i(8n)), '0o10');
  assert.equal(goFormat('%b', i(5n)), '101');
  assert.equal(goFormat('%08b', i(5n)), '00000101');
  assert.equal(goFormat('%q', i(65n)), "'A'");
  assert.equal(goFormat('%s', i(42n)), '%!s(int64=42)');
  assert.equal(goFormat('%x', { kind: 'string', s: 'hi' }), '6869');
  // Go's fmt.Sprintf("%#x", "bob") (the dlv CLI's print %#x on a string: trial BL).
  assert.equal(goFormat('%#x', { kind: 'string', s: 'bob' }), '0x626f62');
  assert.equal(goFormat('%#X', { kind: 'string', s: 'bob' }), '0X626F62');
  assert.equal(goFormat('%f', { kind: 'float', x: 1.5 }), '1.500000');
  assert.deepEqual(parseFormatArg('%x n'), { verb: '%x', expr: 'n' });
  assert.deepEqual(parseFormatArg('o.Items[0]'), { verb: '', expr: 'o.Items[0]' });
});

test("a string's length is Go's, in UTF-8 bytes: a whole one is not said cut, a cut one's rest is counted in bytes", () => {
  assert.equal(prettyPrint(v({ type: 'string', kind: Kind.String, value: '日本', len: 6 })), '"日本"');
  assert.equal(prettyPrint(v({ type: 'string', kind: Kind.String, value: 'héllo', len: 10 })), '"héllo...+4 more"');
  // Seven bytes or fewer is short (Delve's maxShortStringLen): `ключ` is eight, so its slice breaks lines as the CLI's does.
  const strs = (xs: string[]) => v({ type: '[]string', kind: Kind.Slice, len: xs.length, cap: xs.length, children: xs.map((x) => v({ type: 'string', kind: Kind.String, value: x, len: Buffer.byteLength(x) })) });
  assert.equal(prettyPrint(strs(['ключ'])), prettyPrint(strs(['abcdefgh'])).replace('abcdefgh', 'ключ'));
  assert.match(prettyPrint(strs(['ключ'])), /\n/, 'one per line');
});

test('a string whose bytes are not UTF-8 prints them as \\xff, as the dlv CLI does (Delve sends them as StringValueBytes), and counts them as bytes', () => {
  const bad = (bytes: number[], len = bytes.length) =>
    v({ type: 'string', kind: Kind.String, value: '\ufffd', len, StringValueBytes: Buffer.from(bytes).toString('base64') });
  assert.equal(prettyPrint(bad([0xff, 0x9b, 0x61])), '"\\xff\\x9ba"');
  assert.equal(prettyPrint(bad([0xff, 0x61], 5)), '"\\xffa...+3 more"', 'the rest counted from the bytes read');
  // Valid sequences among them stay characters; an emoji's low surrogate (💀 U+1F480 is D83D DC80) is not a lone byte.
  assert.equal(prettyPrint(bad([0xe6, 0x97, 0xa5, 0xc3, ...Buffer.from('💀')])), '"日\\xc3💀"');
  assert.equal(prettyPrint(bad([0xff, 0x41]), '%x'), 'ff41');
  assert.equal(prettyPrint(bad([0xff, 0x41]), '%s'), '\\xffA');
  assert.equal(prettyPrint(v({ type: 'string', kind: Kind.String, value: '💀', len: 4 })), '"💀"');
});

test("a frame's variables as the dlv CLI's args and locals print them: name = value a line, a shadowed name in parentheses, (no locals) for none (trial BY)", () => {
  const n = v({ name: 'n', type: 'int', kind: Kind.Int, value: '3' });
  const outer = v({ name: 'n', type: 'int', kind: Kind.Int, value: '1', flags: 2 });
  const s = v({ name: 's', type: 'main.P', kind: Kind.Struct, len: 1, children: [v({ name: 'a', type: 'int', kind: Kind.Int, value: '1' })] });
  assert.deepEqual(frameVarLines([n, outer, s], 'locals'), ['n = 3', '(n) = 1', 's = main.P {a: 1}']);
  assert.deepEqual(frameVarLines([n, s], 'args', (name) => name === 's'), ['s = main.P {a: 1}']);
  assert.deepEqual(frameVarLines([], 'locals'), ['(no locals)']);
  assert.deepEqual(frameVarLines([n], 'args', () => false), ['(no args)']);
});
