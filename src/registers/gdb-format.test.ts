import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatVector, formatX87, gdbRegisterLine, parseDelveRegisters } from './gdb-format.js';

// ListRegisters (IncludeFp) from Delve 1.27.1 on the machine demo, and gdb 13's lines for them.
const DELVE = [
  { Name: 'Rip', Value: '0x00000000004c2367' },
  { Name: 'Rax', Value: '0x0000000000000000' },
  { Name: 'Rsp', Value: '0x000014aecce89ce8' },
  { Name: 'XMM1', Value: '0x0000000000000000401b333333333333\tv2_int={ 401b333333333333 0000000000000000 }' },
  { Name: 'ST(4)', Value: '0x4000c90fdaa22168c235\t3.141592653589793' },
  { Name: 'ST(5)', Value: '0x3fff8000000000000000\t1' },
  { Name: 'Rflags', Value: '0x0000000000000206\t[PF IF IOPL=0]' },
  { Name: 'Cs', Value: '0x0000000000000033' },
  { Name: 'MXCSR', Value: '0x00001fa0\t[RZ/RN=0 PM UM OM ZM DM IM PE]' },
  { Name: 'CW', Value: '0x037f' },
];

test("Delve's registers in gdb's names, order and lines", () => {
  const regs = parseDelveRegisters(DELVE);
  assert.deepEqual(regs.map((r) => r.name), ['rax', 'rsp', 'rip', 'eflags', 'cs', 'st4', 'st5', 'fctrl', 'xmm1', 'mxcsr']);
  const lines = regs.map((r) => gdbRegisterLine(r, (a) => (a === 0x4c2367n ? { name: 'main.main', offset: 743n } : undefined)));
  assert.deepEqual(lines, [
    'rax            0x0                 0',
    'rsp            0x14aecce89ce8      0x14aecce89ce8',
    'rip            0x4c2367            0x4c2367 <main.main+743>',
    'eflags         0x206               [ PF IF ]',
    'cs             0x33                51',
    'st4            3.14159265358979323851 (raw 0x4000c90fdaa22168c235)',
    'st5            1                   (raw 0x3fff8000000000000000)',
    'fctrl          0x37f               895',
    'xmm1           {v8_bfloat16 = {0x3333, 0x3333, 0x3333, 0x401b, 0x0, 0x0, 0x0, 0x0}, v8_half = {0x3333, 0x3333, 0x3333, 0x401b, 0x0, 0x0, 0x0, 0x0}, v4_float = {0x33333333, 0x401b3333, 0x0, 0x0}, v2_double = {0x401b333333333333, 0x0}, v16_int8 = {0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x1b, 0x40, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v8_int16 = {0x3333, 0x3333, 0x3333, 0x401b, 0x0, 0x0, 0x0, 0x0}, v4_int32 = {0x33333333, 0x401b3333, 0x0, 0x0}, v2_int64 = {0x401b333333333333, 0x0}, uint128 = 0x401b333333333333}',
    'mxcsr          0x1fa0              [ PE IM DM ZM OM UM PM ]',
  ]);
});

test('x87 values: 21 digits, zero, infinities and NaNs; vectors elide long runs', () => {
  const x = (h: string) => Uint8Array.from(Buffer.from(h, 'hex').reverse());
  assert.equal(formatX87(x('3fffb8aa3b295c17f0bc')), '1.44269504088896340739');
  assert.equal(formatX87(x('00000000000000000000')), '0');
  assert.equal(formatX87(x('ffff8000000000000000')), '-inf');
  assert.equal(formatX87(x('7fffc000000000000000')), 'nan(0x4000000000000000)');
  assert.match(formatVector(new Uint8Array(16)), /v16_int8 = \{0x0 <repeats 16 times>\}.*uint128 = 0x0\}$/);
});
