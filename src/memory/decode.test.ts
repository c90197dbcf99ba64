import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeInterface, decodeSliceHeader, decodeStringHeader, splitInterfaceValue } from './decode.js';
import { parseDelveExamine } from './delve-examine.js';
import type { MemoryRegion } from './regions.js';

// The process Delve showed these words for (Go 1.26, main.work(buf, s, e) with
// buf = make([]byte, 32, 64), s = "hello, world", e = &T{...}): its mappings.
const REGIONS: MemoryRegion[] = [
  { kind: 'text', lo: 0x400000n, hi: 0x4bd000n },
  { kind: 'data', lo: 0x4bd000n, hi: 0x584000n, name: 'rodata' },
  { kind: 'data', lo: 0x584000n, hi: 0x5c5000n },
  { kind: 'heap', lo: 0xc000000000n, hi: 0xc000400000n },
  { kind: 'stack', lo: 0xc00008a000n, hi: 0xc00008c000n, name: 'g 1' },
];

const words = (...values: bigint[]): Uint8Array => {
  const bytes = new Uint8Array(values.length * 8);
  values.forEach((v, i) => new DataView(bytes.buffer).setBigUint64(i * 8, BigInt.asUintN(64, v), true));
  return bytes;
};

test('a healthy slice, string and interface from Delve output', () => {
  // dlv x -fmt hex -count 3 -size 8 -x &buf, then &s, then &e.
  const slice = parseDelveExamine('0xc00008ada0:   0x000000c00008ade8   0x0000000000000020   0x0000000000000040   \n');
  assert.deepEqual(decodeSliceHeader(slice.bytes, 0, { regions: REGIONS, elementSize: 1 }), { data: 0xc00008ade8n, len: 32n, cap: 64n, problems: [] });
  const str = parseDelveExamine('0xc00008adb8:   0x00000000004e5ef6   0x000000000000000c   \n');
  assert.deepEqual(decodeStringHeader(str.bytes, 0, { regions: REGIONS }), { data: 0x4e5ef6n, len: 12n, problems: [] });
  const iface = parseDelveExamine('0xc00008adc8:   0x00000000004c4280   0x000000c00009a030   \n');
  assert.deepEqual(decodeInterface(iface.bytes, 0, { regions: REGIONS }), { type: 0x4c4280n, data: 0xc00009a030n, isNil: false, problems: [] });
});

test('slice headers that cannot be right', () => {
  const check = (bytes: Uint8Array, expected: string[], elementSize?: number): void => {
    assert.deepEqual(decodeSliceHeader(bytes, 0, { regions: REGIONS, elementSize })?.problems, expected);
  };
  check(words(0xc00008ade8n, 65n, 64n), ['len 65 is greater than cap 64.']);
  check(words(0n, 3n, 3n), ['data is nil but len is 3.']);
  check(words(0n, 0n, 8n), ['data is nil but cap is 8.']);
  check(words(0xc00008ade8n, -1n, 64n), ['len -1 is negative.']);
  check(words(0xc00008ade8n, 2n, -5n), ['cap -5 is negative.', 'len 2 is greater than cap -5.']);
  check(words(0xdead0000n, 1n, 1n), ['data 0xdead0000 points outside every known memory region.']);
  check(words(0xc00008bff0n, 32n, 64n), ['data 0xc00008bff0 plus 64 bytes runs past the end of its stack region at 0xc00008c000.'], 1);
  check(words(0xc00008bff0n, 2n, 2n), [], 8);
  // Raw words (the memory view's d): the element size is not known, a byte each at least.
  check(words(0xc00008ade8n, 0x4000000000000000n, 0x4000000000000000n), ['data 0xc00008ade8 plus at least 4611686018427387904 bytes (its cap, a byte an element) runs past the end of its stack region at 0xc00008c000.']);
  check(words(0xc00008ade8n, 16n, 16n), []);
  check(words(0xc00008ade8n, 1n << 40n, 1n << 40n), [], 0);
  check(words(0n, 0n, 0n), [], 1);
  // Without regions only the header's own fields are checked.
  assert.deepEqual(decodeSliceHeader(words(0xdead0000n, 1n, 1n))?.problems, []);
});

test('string headers', () => {
  const check = (bytes: Uint8Array, expected: string[]): void => assert.deepEqual(decodeStringHeader(bytes, 0, { regions: REGIONS })?.problems, expected);
  check(words(0n, 0n), []);
  check(words(0n, 5n), ['data is nil but len is 5.']);
  check(words(0x4e5ef6n, -12n), ['len -12 is negative.']);
  check(words(0x5c4ff0n, 0x20n), ['data 0x5c4ff0 plus 32 bytes runs past the end of its data region at 0x5c5000.']);
  check(words(0x10n, 3n), ['data 0x10 points outside every known memory region.']);
});

test('interfaces: nil, corrupt, and type words where no type lives', () => {
  const nil = decodeInterface(words(0n, 0n), 0, { regions: REGIONS });
  assert.equal(nil?.isNil, true);
  assert.deepEqual(nil?.problems, []);
  assert.deepEqual(decodeInterface(words(0n, 0xc00009a030n))?.problems, ['The type word is 0 but data is 0xc00009a030, so the interface is corrupt.']);
  assert.deepEqual(decodeInterface(words(0xc00008ad00n, 0xc00009a030n), 0, { regions: REGIONS })?.problems, [
    'The type word 0xc00008ad00 points into a stack, where no type descriptor lives.',
  ]);
  assert.deepEqual(decodeInterface(words(0x1234n, 0n), 0, { regions: REGIONS })?.problems, ['The type word 0x1234 points outside every known memory region.']);
  // A slice header read as an interface: its data pointer is a heap address, its len a small number.
  assert.deepEqual(decodeInterface(words(0xc00009a030n, 4n), 0, { regions: REGIONS })?.problems, [
    'The type word 0xc00009a030 points into the Go heap, where only types reflect makes live: likely not an interface.',
    'data 0x4 points outside every known memory region.',
  ]);
  // A non-nil interface holding a nil pointer is fine.
  assert.deepEqual(decodeInterface(words(0x4c4280n, 0n), 0, { regions: REGIONS })?.problems, []);
});

test('decoding at an offset, and where the words are not all there', () => {
  const bytes = words(0x1111n, 0x4e5ef6n, 12n);
  assert.equal(decodeStringHeader(bytes, 8)?.data, 0x4e5ef6n);
  assert.equal(decodeSliceHeader(bytes, 8), undefined, 'needs 24 bytes');
  assert.equal(decodeStringHeader(bytes, -8), undefined);
  const readable = new Uint8Array(24).fill(1);
  readable[20] = 0;
  assert.equal(decodeStringHeader(bytes, 8, { readable }), undefined);
  assert.ok(decodeStringHeader(bytes, 0, { readable }));
});

test('splitInterfaceValue separates the dynamic type from the value Delve prints', () => {
  assert.deepEqual(splitInterfaceValue('error(*errors.errorString) *{s: "not calibrated"}', 'error'), { type: '*errors.errorString', value: '*{s: "not calibrated"}' });
  assert.deepEqual(splitInterfaceValue('interface {}(string) "sensor-7"', 'interface {}'), { type: 'string', value: '"sensor-7"' });
  assert.deepEqual(splitInterfaceValue('interface {}(func(int) (bool, error)) main.f', 'interface {}'), { type: 'func(int) (bool, error)', value: 'main.f' });
  assert.equal(splitInterfaceValue('(unreadable could not resolve interface type)', 'error'), undefined);
});
