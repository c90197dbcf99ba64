import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structMemberOffset, runtimeTypeOffsets } from './dwarf.js';

const str = (s: string) => [...Buffer.from(s + '\0')];

// Abbreviations: 1 compile unit, 2 struct (name, byte_size), 3 member with a block location,
// 4 member with a constant location, 5 base type with Go's runtime-type attribute (0x2904).
const abbrev = Buffer.from([
  1, 0x11, 1, 0x03, 0x08, 0, 0,
  2, 0x13, 1, 0x03, 0x08, 0x0b, 0x0b, 0, 0,
  3, 0x0d, 0, 0x03, 0x08, 0x38, 0x0a, 0, 0,
  4, 0x0d, 0, 0x03, 0x08, 0x38, 0x0f, 0, 0,
  5, 0x24, 0, 0x03, 0x08, 0x84, 0x52, 0x0f, 0, 0,
  0,
]);

const dies = [
  1, ...str('runtime'),
  2, ...str('runtime.m'), 16, 4, ...str('goid'), 8, 0, // a decoy struct with a goid too
  5, ...str('string'), 0xc0, 0x3c, // runtime type offset 0x1e40
  5, ...str('main.unboxed'), 0, // 0: no runtime descriptor
  2, ...str('runtime.g'), 200,
  4, ...str('stack'), 0,
  3, ...str('goid'), 3, 0x23, 0x98, 0x01, // DW_OP_plus_uconst 152
  0,
  0,
];

function unit(version: 4 | 5, body: number[]): Buffer {
  const header = version === 4 ? [4, 0, 0, 0, 0, 0, 8] : [5, 0, 1, 8, 0, 0, 0, 0];
  const len = header.length + body.length;
  return Buffer.from([len & 0xff, len >> 8, 0, 0, ...header, ...body]);
}

test('finds a struct member offset (DW_OP_plus_uconst or constant) in DWARF 4 and 5 units', () => {
  for (const v of [4, 5] as const) {
    const info = unit(v, dies);
    assert.equal(structMemberOffset({ info, abbrev }, 'runtime.g', 'goid'), 152, `v${v}`);
    assert.equal(structMemberOffset({ info, abbrev }, 'runtime.g', 'stack'), 0);
    assert.equal(structMemberOffset({ info, abbrev }, 'runtime.m', 'goid'), 8);
    assert.equal(structMemberOffset({ info, abbrev }, 'runtime.g', 'nope'), undefined);
    assert.equal(structMemberOffset({ info, abbrev }, 'runtime.p', 'goid'), undefined);
    assert.deepEqual([...runtimeTypeOffsets({ info, abbrev })], [['string', 0x1e40]]);
  }
  // Two units: the second is found after skipping the first.
  const two = Buffer.concat([unit(4, [1, ...str('a'), 0]), unit(5, dies)]);
  assert.equal(structMemberOffset({ info: two, abbrev }, 'runtime.g', 'goid'), 152);
});

// Found by the fuzz campaign (test/fuzz/targets/delve.ts): a string attribute with no NUL after it
// sent the reader back to offset 0, and the walk never ended (gotui froze in :bpf).
test('fuzz: DWARF cut inside a name ends the walk instead of looping for ever', () => {
  const info = unit(4, dies);
  const cut = info.subarray(0, info.indexOf(Buffer.from('runtime.g\0')) + 5);
  assert.equal(structMemberOffset({ info: cut, abbrev }, 'runtime.g', 'goid'), undefined);
  assert.deepEqual(runtimeTypeOffsets({ info: cut, abbrev }), new Map([['string', 0x1e40]]));
});

test('fuzz: a unit length far past the section ends the walk at the section, not billions of bytes later', () => {
  const info = Buffer.from(unit(4, dies));
  info.writeUInt32LE(0xfffffff0, 0);
  assert.equal(structMemberOffset({ info, abbrev }, 'runtime.g', 'goid'), 152);
});
