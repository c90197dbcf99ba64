import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMap, humanSize, mapFromRegions, parseMaps } from './vmmap.js';
import type { MemoryRegion } from './regions.js';

// /proc/PID/maps of the machine demo (cgo) at a stop, shortened.
const MAPS = `00400000-004c9000 r-xp 00000000 00:2d 123 /work/demos/machine/bin/machine
004c9000-0057a000 r--p 000c9000 00:2d 123 /work/demos/machine/bin/machine
0057a000-0059c000 rw-p 0017a000 00:2d 123 /work/demos/machine/bin/machine
0059c000-005d4000 rw-p 00000000 00:00 0
33d6f000-33d90000 rw-p 00000000 00:00 0                                  [heap]
14aecc800000-14aecd000000 rw-p 00000000 00:00 0
7f149a400000-7f149a600000 r-xp 00000000 00:2d 9 /usr/lib/x86_64-linux-gnu/libc.so.6
7ffd0f6c0000-7ffd0f6e1000 rw-p 00000000 00:00 0                          [stack]
7ffd0f7f0000-7ffd0f7f2000 r-xp 00000000 00:00 0                          [vdso]
7ffd0f7f2000-7ffd0f7f4000 r--p 00000000 00:00 0                          [vvar_vclock]
7ffd0f7f4000-7ffd0f7f5000 r-xp 00000000 00:00 0                          [uprobes]`;
const regions: MemoryRegion[] = [
  { kind: 'text', lo: 0x401000n, hi: 0x4c8000n, name: 'text' },
  { kind: 'data', lo: 0x59c000n, hi: 0x5c0000n, name: 'bss' },
  { kind: 'heap', lo: 0x14aecc800000n, hi: 0x14aecd000000n, name: 'heap' },
  { kind: 'stack', lo: 0x14aecce80000n, hi: 0x14aecce90000n, name: 'g 1' },
];

test('/proc maps named by what lies in them', () => {
  const map = parseMaps(MAPS, '/work/demos/machine/bin/machine', regions);
  assert.deepEqual(map.mappings.map((m) => `${m.what}${m.holds ? `, holds ${m.holds}` : ''}`), ['binary text', 'binary rodata', 'binary data', 'binary bss', 'C heap (brk)', 'Go heap arena, holds stack (g 1)', 'libc.so.6', 'main thread stack', '[vdso]', '[vvar_vclock]', '[uprobes]']);
  assert.equal(map.find(0x401234n)?.kind, 'text');
  const lines = formatMap(map, 0x33d70000n);
  assert.equal(lines[4], '▶ 0x000033d6f000-0x000033d90000   132K rw-p C heap (brk)');
  assert.equal(lines[0], '  0x000000400000-0x0000004c9000   804K r-xp binary text  /work/demos/machine/bin/machine');
});

test('address space kept with no access is said to be reserved, not a heap arena one can read', () => {
  const maps = `14aecc800000-14aecd000000 rw-p 00000000 00:00 0
14aecd000000-14aed0000000 ---p 00000000 00:00 0
7f149a000000-7f149a100000 ---p 00000000 00:00 0`;
  const map = parseMaps(maps, undefined, [...regions, { kind: 'heap', lo: 0x14aecd000000n, hi: 0x14aed0000000n, name: 'heap' }]);
  assert.deepEqual(map.mappings.map((m) => m.what), ['Go heap arena', 'Go heap arena, reserved (no access: not in use yet)', 'reserved (no access: a guard, or room kept for later)']);
});

test('without /proc, the regions read from the runtime', () => {
  assert.deepEqual(mapFromRegions(regions).mappings.map((m) => m.what), ['binary text', 'binary bss', 'Go heap arena', 'stack (g 1)']);
});

test('sizes not a whole number of their unit keep a decimal: libc\'s 0x156000 is 1.3M, not 1M', () => {
  assert.deepEqual([0x156000n, 0x160000n, 0x200000n, 0x21000n, 0x40000000n, 0x60000000n].map(humanSize), ['1.3M', '1.4M', '2M', '132K', '1G', '1.5G']);
});
