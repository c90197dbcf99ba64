import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { DELVE_EXAMINE_LIMIT, delveExamineCommand, parseDelveExamine } from './delve-examine.js';
import { formatGdbText, formatMemory } from './format.js';

// Captured from Delve 1.27.1 (dlv connect --init) on a Go 1.26 program built with
// GOEXPERIMENT=norandomizedheapbase64 -gcflags=all="-N -l", stopped in main.work.
const DLV = {
  hex8: "0xc00008acd8:   0x000000c00008ad38   0x00000000004217bb   0x00007f5cdcf21728   0x0000000000000010   0x00000000004cf2c0   0x0000000000000000   0x000000000000004d   0x000000000000000c   \n0xc00008ad18:   0x000000c00008ade8   0x0000000000000018   0x000000c00009a030   0x00000000005901e0   0x000000c00008ad68   0x0000000000483153   0x0000000000000018   0x00000000004d2ba0   \n",
  hex1: "0xc00008acd8:   0x38   0xad   0x08   0x00   0xc0   0x00   0x00   0x00   \n0xc00008ace0:   0xbb   0x17   0x42   0x00   0x00   0x00   0x00   0x00   \n0xc00008ace8:   0x28   0x17   0xf2   0xdc   0x5c   0x7f   0x00   0x00   \n0xc00008acf0:   0x10   0x00   0x00   0x00   0x00   0x00   0x00   0x00   \n",
  hex2: "0xc00008acd8:   0xad38   0x0008   0x00c0   0x0000   0x17bb   0x0042   0x0000   0x0000   \n0xc00008ace8:   0x1728   0xdcf2   0x7f5c   0x0000   0x0010   0x0000   0x0000   0x0000   \n",
  hex4: "0xc00008acd8:   0x0008ad38   0x000000c0   0x004217bb   0x00000000   0xdcf21728   0x00007f5c   0x00000010   0x00000000   \n0xc00008acf8:   0x004cf2c0   0x00000000   0x00000000   0x00000000   0x0000004d   0x00000000   0x0000000c   0x00000000   \n",
  dec8: "0xc00008acd8:   000000000000824634289464   000000000000000004331451   000000000140036820571944   000000000000000000000016   000000000000000005042880   000000000000000000000000   000000000000000000000077   000000000000000000000012   \n0xc00008ad18:   000000000000824634289640   000000000000000000000024   000000000000824634351664   000000000000000005833184   000000000000824634289512   000000000000000004731219   000000000000000000000024   000000000000000005057440   \n",
  dec1: "0xc00008acd8:   056   173   008   000   192   000   000   000   \n0xc00008ace0:   187   023   066   000   000   000   000   000   \n",
  oct8: "0xc00008acd8:   0000000000014000002126470   0000000000000000020413673   0000000003765633474413450   0000000000000000000000020   0000000000000000023171300   0000000000000000000000000   0000000000000000000000115   0000000000000000000000014   \n",
  oct1: "0xc00008acd8:   0070   0255   0010   0000   0300   0000   0000   0000   \n",
  bin8: "0xc00008acd8:   0000000000000000000000001100000000000000000010001010110100111000   0000000000000000000000000000000000000000010000100001011110111011   0000000000000000011111110101110011011100111100100001011100101000   0000000000000000000000000000000000000000000000000000000000010000   \n",
  bin1: "0xc00008acd8:   00111000   10101101   00001000   00000000   \n0xc00008acdc:   11000000   \n",
  buf: "0xc00008ade8:   0x41   0x42   0x43   0x44   0x45   0x46   0x47   0x48   \n0xc00008adf0:   0x49   0x4a   0x4b   0x4c   0x4d   0x4e   0x4f   0x50   \n0xc00008adf8:   0x51   0x52   0x53   0x54   0x55   0x56   0x57   0x58   \n0xc00008ae00:   0x59   0x5a   0x5b   0x5c   0x5d   0x5e   0x5f   0x60   \n",
  sliceHeader: "0xc00008ada0:   0x000000c00008ade8   0x0000000000000020   0x0000000000000040   \n",
  stringHeader: "0xc00008adb8:   0x00000000004e5ef6   0x000000000000000c   \n",
  iface: "0xc00008adc8:   0x00000000004c4280   0x000000c00009a030   \n",
};

// DAP evaluate of `dlv x -fmt hex -count 16 -size 8 -x RSP` (Delve 1.27.1, Go 1.26 with its
// randomized heap base: note the stack at 0x363cb5238cd8, not 0xc000...).
const DAP_HEX8 =
  '0x363cb5238cd8:   0x0000363cb5238d38   0x00000000004218db   0x00007f506dc214a8   0x0000000000000010   0x00000000004d02c0   0x0000000000000000   0x000000000000004d   0x000000000000000c   \n' +
  '0x363cb5238d18:   0x0000363cb5238de8   0x0000000000000018   0x0000363cb5242030   0x00000000005911a0   0x0000363cb5238d68   0x00000000004835b3   0x0000000000000018   0x00000000004d3ba0   \n';
// Other DAP results from the same Delve, at a stack starting 38 4d 07 00 c0 00 00 00 bb 17.
const DAP_BIN2 = '0xc000074cd8:   0100110100111000   0000000000000111   0000000011000000   0000000000000000   \n0xc000074ce0:   0001011110111011   \n';
const DAP_BIN3 = '0xc000074cd8:   000001110100110100111000   000000001100000000000000   101110110000000000000000   \n';
const DAP_OCT5 = '0xc000074cd8:   0014000001646470   0001367300000000   0000000000000102   \n';
const DAP_DEC3 = '0xc000074cd8:   000478520   000049152   012255232   \n';
const DAP_HEX1 = '0xc000074cd8:   0x38   0x4d   0x07   0x00   0xc0   \n';

const le = (...values: [bigint, number][]): number[] =>
  values.flatMap(([v, size]) => Array.from({ length: size }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn)));

test('the command text for evaluate', () => {
  assert.equal(delveExamineCommand({ count: 16, size: 8, expression: 'RSP' }), 'dlv x -fmt hex -count 16 -size 8 -x RSP');
  assert.equal(delveExamineCommand({ count: 2, size: 1, format: 'bin', expression: 'uintptr(RSP) + 0x20' }), 'dlv x -fmt bin -count 2 -size 1 -x uintptr(RSP) + 0x20');
  assert.throws(() => delveExamineCommand({ count: 0, size: 8, expression: 'RSP' }), RangeError);
  assert.throws(() => delveExamineCommand({ count: DELVE_EXAMINE_LIMIT / 8 + 1, size: 8, expression: 'RSP' }), RangeError);
});

test('every size and format Delve printed parses to the same bytes', () => {
  const reference = parseDelveExamine(DLV.hex8, { size: 8, format: 'hex' });
  assert.equal(reference.address, 0xc00008acd8n);
  assert.equal(reference.bytes.length, 128);
  const cases: [string, number, 'hex' | 'dec' | 'oct' | 'bin', number][] = [
    [DLV.hex1, 1, 'hex', 32],
    [DLV.hex2, 2, 'hex', 32],
    [DLV.hex4, 4, 'hex', 64],
    [DLV.dec8, 8, 'dec', 128],
    [DLV.dec1, 1, 'dec', 16],
    [DLV.oct8, 8, 'oct', 64],
    [DLV.oct1, 1, 'oct', 8],
    [DLV.bin8, 8, 'bin', 32],
    [DLV.bin1, 1, 'bin', 5],
  ];
  for (const [text, size, format, length] of cases) {
    for (const hint of [{ size, format }, {}]) {
      const got = parseDelveExamine(text, hint);
      assert.equal(got.address, reference.address, `${format}${size}`);
      assert.deepEqual(got.bytes, reference.bytes.subarray(0, length), `${format}${size} ${JSON.stringify(hint)}`);
    }
  }
});

test('headers and data Delve showed decode to what the program holds', () => {
  assert.equal(Buffer.from(parseDelveExamine(DLV.buf).bytes).toString('latin1'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`');
  const slice = parseDelveExamine(DLV.sliceHeader, { size: 8 });
  assert.deepEqual([...slice.bytes], le([0xc00008ade8n, 8], [32n, 8], [64n, 8]));
  assert.equal(parseDelveExamine(DLV.stringHeader).address, 0xc00008adb8n);
  assert.equal(parseDelveExamine(DLV.iface).bytes.length, 16);
});

test('the DAP result, trailing spaces and all, and gotui prints it as gdb would', () => {
  const mem = parseDelveExamine(DAP_HEX8, { size: 8, format: 'hex' });
  assert.equal(mem.address, 0x363cb5238cd8n);
  const { rows } = formatMemory({ bytes: mem.bytes, address: mem.address, format: 'x', unit: 'g', perRow: 2 });
  assert.equal(
    formatGdbText(rows).split('\n').slice(0, 2).join('\n'),
    '0x363cb5238cd8:\t0x0000363cb5238d38\t0x00000000004218db\n0x363cb5238ce8:\t0x00007f506dc214a8\t0x0000000000000010',
  );
  // Our hex cells are Delve's hex cells.
  const delveCells = DAP_HEX8.split('\n').flatMap((l) => l.split(/\s+/).slice(1).filter(Boolean));
  assert.deepEqual(rows.flatMap((r) => r.cells), delveCells);
});

test('odd sizes, and the shapes that need a hint', () => {
  const stack = [0x38, 0x4d, 0x07, 0x00, 0xc0, 0x00, 0x00, 0x00, 0xbb, 0x17];
  assert.deepEqual([...parseDelveExamine(DAP_HEX1).bytes], stack.slice(0, 5));
  assert.deepEqual([...parseDelveExamine(DAP_BIN2).bytes], stack.slice(0, 10), 'two rows 8 bytes apart: binary, size 2');
  assert.deepEqual([...parseDelveExamine(DAP_BIN2, { size: 2, format: 'bin' }).bytes], stack.slice(0, 10));
  assert.deepEqual([...parseDelveExamine(DAP_OCT5).bytes].slice(0, 10), stack, 'octal digits rule out binary');
  assert.deepEqual([...parseDelveExamine(DAP_DEC3).bytes].slice(0, 9), stack.slice(0, 9));
  assert.deepEqual([...parseDelveExamine(DAP_BIN3, { size: 3, format: 'bin' }).bytes].slice(0, 9), stack.slice(0, 9));
  // 24 binary digits could be a decimal 8-byte cell; here one is too big for 8 bytes, so
  // binary wins, but a listing of small values would read as decimal: pass what you asked for.
  assert.deepEqual([...parseDelveExamine(DAP_BIN3).bytes].slice(0, 9), stack.slice(0, 9));
  assert.deepEqual([...parseDelveExamine('0x10:   000000000000000000000001   \n').bytes], [1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...parseDelveExamine('0x10:   000000000000000000000001   \n', { format: 'bin' }).bytes], [1, 0, 0]);
  assert.deepEqual([...parseDelveExamine('0x354230198cd8:   0x198d38   0x354230   0xdb0000   \n').bytes].slice(0, 3), [0x38, 0x8d, 0x19]);
});

test('an address padded to the width of the last one', () => {
  // PrettyExamineMemory pads every address to the width of address+length.
  const text = '0x0fffffff0:   0x0000000000000001   0x0000000000000002   0x0000000000000003   0x0000000000000004   0x0000000000000005   0x0000000000000006   0x0000000000000007   0x0000000000000008   \n0x100000030:   0x0000000000000009   \n';
  const mem = parseDelveExamine(text, { size: 8 });
  assert.equal(mem.address, 0xfffffff0n);
  assert.equal(mem.bytes.length, 72);
});

test("Delve's failure texts become one-sentence errors with a hint", () => {
  const cases: [string, RegExp][] = [
    ['examine memory error: input/output error', /cannot be read/],
    ['examine memory error: the specific range has exceeded readable area', /Part of that range/],
    ['unsupported expression type: slice', /slice/],
    ['unsupported expression type: string', /string/],
    ['unsupported expression type: interface', /kind interface/],
    ['bad arguments: "foo" is not a valid format', /did not return memory: bad arguments: "foo" is not a valid format\./],
    ['convert address into uintptr type failed, strconv.ParseUint: parsing "RSP": invalid syntax', /did not return memory/],
    ['', /no memory/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseDelveExamine(text), (err: unknown) => err instanceof UserError && message.test(err.message) && Boolean(err.hint));
  }
  assert.throws(() => parseDelveExamine('0x10:   0x01   \n0x20:   0x02   \n', { size: 1 }), UserError, 'rows that skip');
  assert.throws(() => parseDelveExamine('0x10:   0x0001   0x01   \n', { size: 2 }), /not any format of size 2/, 'mixed widths');
});
