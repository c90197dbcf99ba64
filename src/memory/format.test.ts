import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExamineCommand, UNIT_BYTES, type ExamineCommand } from './examine-grammar.js';
import {
  formatCell,
  formatGdbFloat,
  formatGdbText,
  formatMemory,
  gdbUnitsPerRow,
  maxCellWidth,
  unitsPerRow,
  type CellFormat,
  type Symbolizer,
} from './format.js';

// The C program behind GDB_C (gcc -g -O0 -no-pie), stopped after main's first line:
//   uint64_t words[8] = {1, 0xffffffffffffffff, 0x4142434445464748, 0x8000000000000000, 0, 42, 0x7fffffffffffffff, 0x0102030405060708};
//   double dbl[4] = {3.14159, -1.5, 1e300, 0.1};
//   float flt[4] = {3.14159f, -1.5f, 1e30f, 0.1f};
//   char strs[] = "hello\0world\0\x01\x7f\xff tab\there\0";
//   unsigned char bytes[16] = {0, 1, 0x7f, 0x80, 0xff, 'A', '\n', '\t', 0x1b, '\\', '\'', '"', ' ', 'z', 0x9c, 7};
//   void *ptrs[4] = {main, (char*)main + 4, &words, 0};
// Captured from gdb 13.1 (LANG=C.UTF-8) on a C program (t.c in the comment above).
const GDB_C: Readonly<Record<string, string>> = {
  "x/8xg &words": "0x404020 <words>:\t0x0000000000000001\t0xffffffffffffffff\n0x404030 <words+16>:\t0x4142434445464748\t0x8000000000000000\n0x404040 <words+32>:\t0x0000000000000000\t0x000000000000002a\n0x404050 <words+48>:\t0x7fffffffffffffff\t0x0102030405060708",
  "x/8dg &words": "0x404020 <words>:\t1\t-1\n0x404030 <words+16>:\t4702394921427289928\t-9223372036854775808\n0x404040 <words+32>:\t0\t42\n0x404050 <words+48>:\t9223372036854775807\t72623859790382856",
  "x/8ug &words": "0x404020 <words>:\t1\t18446744073709551615\n0x404030 <words+16>:\t4702394921427289928\t9223372036854775808\n0x404040 <words+32>:\t0\t42\n0x404050 <words+48>:\t9223372036854775807\t72623859790382856",
  "x/8og &words": "0x404020 <words>:\t01\t01777777777777777777777\n0x404030 <words+16>:\t0405022064210521443510\t01000000000000000000000\n0x404040 <words+32>:\t0\t052\n0x404050 <words+48>:\t0777777777777777777777\t04020060200501403410",
  "x/3tg &words": "0x404020 <words>:\t0000000000000000000000000000000000000000000000000000000000000001\t1111111111111111111111111111111111111111111111111111111111111111\n0x404030 <words+16>:\t0100000101000010010000110100010001000101010001100100011101001000",
  "x/4ag &ptrs": "0x4040e0 <ptrs>:\t0x401106 <main>\t0x40110a <main+4>\n0x4040f0 <ptrs+16>:\t0x404020 <words>\t0x0",
  "x/9xw &words": "0x404020 <words>:\t0x00000001\t0x00000000\t0xffffffff\t0xffffffff\n0x404030 <words+16>:\t0x45464748\t0x41424344\t0x00000000\t0x80000000\n0x404040 <words+32>:\t0x00000000",
  "x/9xh &words": "0x404020 <words>:\t0x0001\t0x0000\t0x0000\t0x0000\t0xffff\t0xffff\t0xffff\t0xffff\n0x404030 <words+16>:\t0x4748",
  "x/17xb &bytes": "0x4040b0 <bytes>:\t0x00\t0x01\t0x7f\t0x80\t0xff\t0x41\t0x0a\t0x09\n0x4040b8 <bytes+8>:\t0x1b\t0x5c\t0x27\t0x22\t0x20\t0x7a\t0x9c\t0x07\n0x4040c0 <completed.0>:\t0x00",
  "x/16db &bytes": "0x4040b0 <bytes>:\t0\t1\t127\t-128\t-1\t65\t10\t9\n0x4040b8 <bytes+8>:\t27\t92\t39\t34\t32\t122\t-100\t7",
  "x/16ub &bytes": "0x4040b0 <bytes>:\t0\t1\t127\t128\t255\t65\t10\t9\n0x4040b8 <bytes+8>:\t27\t92\t39\t34\t32\t122\t156\t7",
  "x/16ob &bytes": "0x4040b0 <bytes>:\t0\t01\t0177\t0200\t0377\t0101\t012\t011\n0x4040b8 <bytes+8>:\t033\t0134\t047\t042\t040\t0172\t0234\t07",
  "x/16tb &bytes": "0x4040b0 <bytes>:\t00000000\t00000001\t01111111\t10000000\t11111111\t01000001\t00001010\t00001001\n0x4040b8 <bytes+8>:\t00011011\t01011100\t00100111\t00100010\t00100000\t01111010\t10011100\t00000111",
  "x/16cb &bytes": "0x4040b0 <bytes>:\t0 '\\000'\t1 '\\001'\t127 '\\177'\t-128 '\\200'\t-1 '\\377'\t65 'A'\t10 '\\n'\t9 '\\t'\n0x4040b8 <bytes+8>:\t27 '\\033'\t92 '\\\\'\t39 '\\''\t34 '\"'\t32 ' '\t122 'z'\t-100 '\\234'\t7 '\\a'",
  "x/8dh &words": "0x404020 <words>:\t1\t0\t0\t0\t-1\t-1\t-1\t-1",
  "x/8dw &words": "0x404020 <words>:\t1\t0\t-1\t-1\n0x404030 <words+16>:\t1162233672\t1094861636\t0\t-2147483648",
  "x/8ow &words": "0x404020 <words>:\t01\t0\t037777777777\t037777777777\n0x404030 <words+16>:\t010521443510\t010120441504\t0\t020000000000",
  "x/8oh &words": "0x404020 <words>:\t01\t0\t0\t0\t0177777\t0177777\t0177777\t0177777",
  "x/8th &words": "0x404020 <words>:\t0000000000000001\t0000000000000000\t0000000000000000\t0000000000000000\t1111111111111111\t1111111111111111\t1111111111111111\t1111111111111111",
  "x/5tw &words": "0x404020 <words>:\t00000000000000000000000000000001\t00000000000000000000000000000000\t11111111111111111111111111111111\t11111111111111111111111111111111\n0x404030 <words+16>:\t01000101010001100100011101001000",
  "x/4fg &dbl": "0x404060 <dbl>:\t3.1415899999999999\t-1.5\n0x404070 <dbl+16>:\t1.0000000000000001e+300\t0.10000000000000001",
  "x/4fw &flt": "0x404080 <flt>:\t3.14159012\t-1.5\t1.00000002e+30\t0.100000001",
  "x/8fg &words": "0x404020 <words>:\t4.9406564584124654e-324\t-nan(0xfffffffffffff)\n0x404030 <words+16>:\t2393736.5412072279\t-0\n0x404040 <words+32>:\t0\t2.0750757125332355e-322\n0x404050 <words+48>:\tnan(0xfffffffffffff)\t8.2078803991318393e-304",
  "x/4s &strs": "0x404090 <strs>:\t\"hello\"\n0x404096 <strs+6>:\t\"world\"\n0x40409c <strs+12>:\t\"\\001\\177\\377 tab\\there\"\n0x4040a9 <strs+25>:\t\"\"",
  "x/4ab &ptrs": "0x4040e0 <ptrs>:\t0x6\t0x11\t0x40\t0x0",
  "x/4aw &ptrs": "0x4040e0 <ptrs>:\t0x401106 <main>\t0x0\t0x40110a <main+4>\t0x0",
  "x/3cg &words": "0x404020 <words>:\t1 '\\001'\t-1 '\\377'\n0x404030 <words+16>:\t72 'H'",
  "x/4fb &dbl": "0x404060 <dbl>:\t110\t-122\t27\t-16",
  "x/4fh &dbl": "0x404060 <dbl>:\t-31122\t-4069\t8697\t16393",
  "x/8uh &words": "0x404020 <words>:\t1\t0\t0\t0\t65535\t65535\t65535\t65535",
  "x/8uw &words": "0x404020 <words>:\t1\t0\t4294967295\t4294967295\n0x404030 <words+16>:\t1162233672\t1094861636\t0\t2147483648",
  "x/4xg &dbl": "0x404060 <dbl>:\t0x400921f9f01b866e\t0xbff8000000000000\n0x404070 <dbl+16>:\t0x7e37e43c8800759c\t0x3fb999999999999a",
  "x/4xw &flt": "0x404080 <flt>:\t0x40490fd0\t0xbfc00000\t0x7149f2ca\t0x3dcccccd",
};
// Captured from gdb 13.1 on the same program, stopped at main.go:18 (gdb_sp).
const GDB_GO: Readonly<Record<string, string>> = {
  "x/16xg $sp": "0xc00006ecd8:\t0x000000c00006ed38\t0x00000000004217bb\n0xc00006ece8:\t0x00007ffff7fc0420\t0x0000000000000010\n0xc00006ecf8:\t0x00000000004cf2c0\t0x0000000000000000\n0xc00006ed08:\t0x000000000000004d\t0x000000000000000c\n0xc00006ed18:\t0x000000c00006ede8\t0x0000000000000018\n0xc00006ed28:\t0x000000c000014048\t0x00000000005901e0\n0xc00006ed38:\t0x000000c00006ed68\t0x0000000000483153\n0xc00006ed48:\t0x0000000000000018\t0x00000000004d2ba0",
  "x/8ag $sp": "0xc00006ecd8:\t0xc00006ed38\t0x4217bb <runtime.mallocgcSmallScanNoHeader+475>\n0xc00006ece8:\t0x7ffff7fc0420\t0x10\n0xc00006ecf8:\t0x4cf2c0\t0x0\n0xc00006ed08:\t0x4d\t0xc",
  "x/16dg $sp": "0xc00006ecd8:\t824634174776\t4331451\n0xc00006ece8:\t140737353876512\t16\n0xc00006ecf8:\t5042880\t0\n0xc00006ed08:\t77\t12\n0xc00006ed18:\t824634174952\t24\n0xc00006ed28:\t824633802824\t5833184\n0xc00006ed38:\t824634174824\t4731219\n0xc00006ed48:\t24\t5057440",
  "x/16ug $sp": "0xc00006ecd8:\t824634174776\t4331451\n0xc00006ece8:\t140737353876512\t16\n0xc00006ecf8:\t5042880\t0\n0xc00006ed08:\t77\t12\n0xc00006ed18:\t824634174952\t24\n0xc00006ed28:\t824633802824\t5833184\n0xc00006ed38:\t824634174824\t4731219\n0xc00006ed48:\t24\t5057440",
  "x/8og $sp": "0xc00006ecd8:\t014000001566470\t020413673\n0xc00006ece8:\t03777776777002040\t020\n0xc00006ecf8:\t023171300\t0\n0xc00006ed08:\t0115\t014",
  "x/4tg $sp": "0xc00006ecd8:\t0000000000000000000000001100000000000000000001101110110100111000\t0000000000000000000000000000000000000000010000100001011110111011\n0xc00006ece8:\t0000000000000000011111111111111111110111111111000000010000100000\t0000000000000000000000000000000000000000000000000000000000010000",
  "x/32xb $sp": "0xc00006ecd8:\t0x38\t0xed\t0x06\t0x00\t0xc0\t0x00\t0x00\t0x00\n0xc00006ece0:\t0xbb\t0x17\t0x42\t0x00\t0x00\t0x00\t0x00\t0x00\n0xc00006ece8:\t0x20\t0x04\t0xfc\t0xf7\t0xff\t0x7f\t0x00\t0x00\n0xc00006ecf0:\t0x10\t0x00\t0x00\t0x00\t0x00\t0x00\t0x00\t0x00",
  "x/16xh $sp": "0xc00006ecd8:\t0xed38\t0x0006\t0x00c0\t0x0000\t0x17bb\t0x0042\t0x0000\t0x0000\n0xc00006ece8:\t0x0420\t0xf7fc\t0x7fff\t0x0000\t0x0010\t0x0000\t0x0000\t0x0000",
  "x/16xw $sp": "0xc00006ecd8:\t0x0006ed38\t0x000000c0\t0x004217bb\t0x00000000\n0xc00006ece8:\t0xf7fc0420\t0x00007fff\t0x00000010\t0x00000000\n0xc00006ecf8:\t0x004cf2c0\t0x00000000\t0x00000000\t0x00000000\n0xc00006ed08:\t0x0000004d\t0x00000000\t0x0000000c\t0x00000000",
  "x/16db $sp": "0xc00006ecd8:\t56\t-19\t6\t0\t-64\t0\t0\t0\n0xc00006ece0:\t-69\t23\t66\t0\t0\t0\t0\t0",
  "x/8fg $sp": "0xc00006ecd8:\t4.0742341614346782e-312\t2.1400211357447132e-317\n0xc00006ece8:\t6.9533491636986964e-310\t7.9050503334599447e-323\n0xc00006ecf8:\t2.4915137640999054e-317\t0\n0xc00006ed08:\t3.8043054729775984e-322\t5.9287877500949585e-323",
  "x/8fw $sp": "0xc00006ecd8:\t6.3611103e-40\t2.69049305e-43\t6.06965563e-39\t0\n0xc00006ece8:\t-1.02229881e+34\t4.59163468e-41\t2.24207754e-44\t0",
  "x/16cb $sp+0x110": "0xc00006ede8:\t65 'A'\t66 'B'\t67 'C'\t68 'D'\t69 'E'\t70 'F'\t71 'G'\t72 'H'\n0xc00006edf0:\t73 'I'\t74 'J'\t75 'K'\t76 'L'\t77 'M'\t78 'N'\t79 'O'\t80 'P'",
  "x/2s $sp+0x110": "0xc00006ede8:\t\"ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`\"\n0xc00006ee09:\t\"\"",
  "x/3xg &buf": "0xc00006eda0:\t0x000000c00006ede8\t0x0000000000000020\n0xc00006edb0:\t0x0000000000000040",
  "x/2xg &s": "0xc00006edb8:\t0x00000000004e5ef6\t0x000000000000000c",
  "x/2ag &e": "0xc00006edc8:\t0x4c4280\t0xc000014048",
  "x/s s.str": "0x4e5ef6:\t\"hello, worldshort bufferinvalid pathsweepWaiterscleanupQueuetraceStringsspanSetSpinemspanSpecialtraceTypeTabgcBitsArenasmheapSpecialgcpacertraceharddecommitmadvdontneeddumping heapchan receivesynctest\"...",
};

const C_BASE = 0x404020n;
const C_SYMBOLS = [
  { name: 'words', at: 0x404020n, size: 64n },
  { name: 'dbl', at: 0x404060n, size: 32n },
  { name: 'flt', at: 0x404080n, size: 16n },
  { name: 'strs', at: 0x404090n, size: 26n },
  { name: 'bytes', at: 0x4040b0n, size: 16n },
  { name: 'completed.0', at: 0x4040c0n, size: 1n },
  { name: 'ptrs', at: 0x4040e0n, size: 32n },
  { name: 'main', at: 0x401106n, size: 0x60n },
];

function symbolizerFor(table: readonly { name: string; at: bigint; size: bigint }[]): Symbolizer {
  return (address) => {
    const s = table.find((t) => address >= t.at && address < t.at + t.size);
    return s && { name: s.name, offset: address - s.at };
  };
}

function cImage(): Uint8Array {
  const image = new Uint8Array(0x100);
  const view = new DataView(image.buffer);
  const words = [1n, 0xffffffffffffffffn, 0x4142434445464748n, 0x8000000000000000n, 0n, 42n, 0x7fffffffffffffffn, 0x0102030405060708n];
  words.forEach((w, i) => view.setBigUint64(i * 8, w, true));
  [3.14159, -1.5, 1e300, 0.1].forEach((d, i) => view.setFloat64(0x40 + i * 8, d, true));
  [3.14159, -1.5, 1e30, 0.1].forEach((f, i) => view.setFloat32(0x60 + i * 4, f, true));
  image.set([...Buffer.from('hello\0world\0'), 0x01, 0x7f, 0xff, ...Buffer.from(' tab\there\0\0')], 0x70);
  image.set([0, 1, 0x7f, 0x80, 0xff, 0x41, 0x0a, 0x09, 0x1b, 0x5c, 0x27, 0x22, 0x20, 0x7a, 0x9c, 7], 0x90);
  [0x401106n, 0x40110an, 0x404020n, 0n].forEach((p, i) => view.setBigUint64(0xc0 + i * 8, p, true));
  return image;
}

/** Run a gdb command's format over memory, as the pane would, and print it as gdb does. */
function examineText(cmd: ExamineCommand, address: bigint, memory: Uint8Array, memoryBase: bigint, symbolize: Symbolizer): string {
  const offset = Number(address - memoryBase);
  const bytes = cmd.format === 's' ? memory.subarray(offset) : memory.subarray(offset, offset + cmd.count * UNIT_BYTES[cmd.unit]);
  const { rows } = formatMemory({
    bytes,
    address,
    format: cmd.format as CellFormat,
    unit: cmd.unit,
    perRow: gdbUnitsPerRow(cmd.format, cmd.unit),
    count: cmd.count,
    symbolize,
  });
  return formatGdbText(rows, symbolize);
}

test('every format and unit prints as gdb 13 prints it (C data)', () => {
  const image = cImage();
  const symbolize = symbolizerFor(C_SYMBOLS);
  for (const [command, expected] of Object.entries(GDB_C)) {
    const { command: cmd } = parseExamineCommand(command);
    assert.equal(cmd.expr?.kind, 'go', command);
    const name = cmd.exprText!.replace(/^&/, '');
    const address = C_SYMBOLS.find((s) => s.name === name)!.at;
    assert.equal(examineText(cmd, address, image, C_BASE, symbolize), expected, command);
  }
});

/** Memory rebuilt from gdb's own x/Nxg listings. */
function memoryFromGdbHex(...listings: string[]): Map<bigint, number> {
  const memory = new Map<bigint, number>();
  for (const listing of listings) {
    for (const line of listing.split('\n')) {
      const [addr, ...cells] = line.replace(/ <[^>]*>/, '').split(/:?\t/);
      let at = BigInt(addr!);
      for (const cell of cells) {
        const size = (cell.length - 2) / 2;
        let v = BigInt(cell);
        for (let i = 0; i < size; i++, v >>= 8n) memory.set(at++, Number(v & 0xffn));
      }
    }
  }
  return memory;
}

function slice(memory: Map<bigint, number>, from: bigint, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => memory.get(from + BigInt(i)) ?? 0);
}

test('Go stack words format as gdb prints them at $sp', () => {
  const sp = 0xc00006ecd8n;
  const buf = sp + 0x110n;
  const memory = memoryFromGdbHex(GDB_GO['x/16xg $sp']!, GDB_GO['x/3xg &buf']!, GDB_GO['x/2xg &s']!);
  // buf holds 'A'..'`' with cap 64 (zeros after len).
  for (let i = 0; i < 64; i++) memory.set(buf + BigInt(i), i < 32 ? 0x41 + i : 0);
  const symbolize = symbolizerFor([{ name: 'runtime.mallocgcSmallScanNoHeader', at: 0x4217bbn - 475n, size: 0x400n }]);
  const resolve: Record<string, bigint> = { '$sp': sp, '$sp+0x110': buf, '&buf': 0xc00006eda0n, '&s': 0xc00006edb8n };
  for (const [command, expected] of Object.entries(GDB_GO)) {
    if (command === 'x/2ag &e' || command === 'x/s s.str') continue;
    const { command: cmd } = parseExamineCommand(command);
    const address = resolve[cmd.exprText!]!;
    const bytes = slice(memory, address, cmd.format === 's' ? 80 : cmd.count * UNIT_BYTES[cmd.unit]);
    assert.equal(examineText(cmd, address, bytes, address, symbolize), expected, command);
  }
});

test('an interface pair and a long Go string literal print as gdb prints them', () => {
  const e = new Uint8Array(16);
  new DataView(e.buffer).setBigUint64(0, 0x4c4280n, true);
  new DataView(e.buffer).setBigUint64(8, 0xc000014048n, true);
  assert.equal(examineText(parseExamineCommand('x/2ag &e').command, 0xc00006edc8n, e, 0xc00006edc8n, () => undefined), GDB_GO['x/2ag &e']);
  // Go's string literals sit back to back in rodata with no NUL: gdb stops at 200 bytes.
  const literal = /"(.*)"\.\.\.$/.exec(GDB_GO['x/s s.str']!)![1]!;
  const rodata = Buffer.from(`${literal}more strings`);
  assert.equal(literal.length, 200);
  assert.equal(examineText(parseExamineCommand('x/s s.str').command, 0x4e5ef6n, rodata, 0x4e5ef6n, () => undefined), GDB_GO['x/s s.str']);
});

test('floats use %.9g and %.17g with glibc rounding and gdb spellings', () => {
  // gdb 13: x/6fw &ft, x/6fg &dt (raw bits from x/6xw, x/6xg of the same arrays).
  const floats: [number, string][] = [
    [0x4996b439, '1234567.12'], // exactly 1234567.125: a tie, rounded to even (toPrecision says .13)
    [0x3f000000, '0.5'],
    [0x40200000, '2.5'],
    [0x006ce3ee, '9.99999935e-39'],
    [0x7f61b1e6, '3.00000001e+38'],
    [0x80000000, '-0'],
    [0x7f800000, 'inf'],
    [0xff800000, '-inf'],
    [0x7fc00000, 'nan(0x400000)'],
    [0x00000001, '1.40129846e-45'],
    [0x40490fd0, '3.14159012'],
    [0x7149f2ca, '1.00000002e+30'],
  ];
  for (const [bits, expected] of floats) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, bits, true);
    assert.equal(formatCell('f', 4, bytes, 0), expected, bits.toString(16));
  }
  const doubles: [bigint, string][] = [
    [0x3fe0000000000000n, '0.5'],
    [0x4004000000000000n, '2.5'],
    [0x444b1ae4d6e2ef50n, '1e+21'],
    [0x437b69b4ba630f35n, '1.2345678901234568e+17'],
    [0x01a56e1fc2f8f359n, '1e-300'],
    [0x4340000000000000n, '9007199254740992'],
    [0xfff8000000000000n, '-nan(0x8000000000000)'],
    [0x7ff8000000000000n, 'nan(0x8000000000000)'],
    [0x7ff0000000000000n, 'inf'],
    [0x0000000000000001n, '4.9406564584124654e-324'],
  ];
  for (const [bits, expected] of doubles) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, bits, true);
    assert.equal(formatCell('f', 8, bytes, 0), expected, bits.toString(16));
  }
  // %g switches to exponent form below 1e-4 and at 1e17.
  assert.equal(formatGdbFloat(0.0001, 17), '0.0001');
  assert.equal(formatGdbFloat(1e-5, 17), '1.0000000000000001e-05');
  assert.equal(formatGdbFloat(1e16, 17), '10000000000000000');
  assert.equal(formatGdbFloat(1e17, 17), '1e+17');
  assert.equal(formatGdbFloat(100, 17), '100');
  assert.equal(formatGdbFloat(1 / 3, 17), '0.33333333333333331');
});

test('strings: repeats, escapes, the 200-byte limit and UTF-8 as gdb prints them', () => {
  // gdb 13 x/s on: char s1[] = "abAAAAAAAAAAAAAAAcd", s2 = 38 A's, s3 = 10 A's + B, s4 = 11 A's + B, ...
  const cases: [string | Uint8Array, string, boolean?][] = [
    ['abAAAAAAAAAAAAAAAcd', `"ab", 'A' <repeats 15 times>, "cd"`],
    ['A'.repeat(38), `'A' <repeats 38 times>`],
    ['AAAAAAAAAAB', '"AAAAAAAAAAB"'],
    ['AAAAAAAAAAAB', `'A' <repeats 11 times>, "B"`],
    ['quote" back\\ apos\' \x07\b\f\n\r\v\x1b del\x7f', '"quote\\" back\\\\ apos\' \\a\\b\\f\\n\\r\\v\\033 del\\177"'],
    [Buffer.from('h\xc3\xa9llo \xe2\x82\xac', 'latin1'), '"héllo €"'],
    [Buffer.from('h\xc3\xa9llo \xe2\x82\xac', 'latin1'), '"h\\303\\251llo \\342\\202\\254"', false],
    ['', '""'],
  ];
  for (const [text, expected, utf8] of cases) {
    const body = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    const bytes = Uint8Array.from([...body, 0, 0x58]);
    const out = formatMemory({ bytes, address: 0x1000n, format: 's', unit: 'b', perRow: 1, count: 1, utf8: utf8 ?? true });
    assert.equal(out.rows[0]!.cells[0], expected);
    assert.equal(out.next, 0x1000n + BigInt(body.length + 1), 'continues after the NUL');
  }

  // 299 letters then NUL: 200 with "...", then the rest from +200 (gdb: x/2s &s7).
  const letters = Uint8Array.from({ length: 300 }, (_, i) => (i < 299 ? 0x61 + (i % 26) : 0));
  const two = formatMemory({ bytes: letters, address: 0x404100n, format: 's', unit: 'b', perRow: 1, count: 2 });
  assert.equal(
    formatGdbText(two.rows, symbolizerFor([{ name: 's7', at: 0x404100n, size: 300n }])),
    '0x404100 <s7>:\t"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr"...\n' +
      '0x4041c8 <s7+200>:\t"stuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm"',
  );
  assert.equal(two.next, 0x404100n + 300n);

  // Exactly 200 bytes then NUL: gdb peeks, prints no "...", and leaves the NUL for the next string.
  const exact = Uint8Array.from([...Buffer.from('z'.repeat(12) + 'y'.repeat(188)), 0, 0x41, 0]);
  const e = formatMemory({ bytes: exact, address: 0n, format: 's', unit: 'b', perRow: 1, count: 3 });
  assert.deepEqual(e.rows.map((r) => r.cells[0]), [`'z' <repeats 12 times>, 'y' <repeats 188 times>`, '""', '"A"']);
});

test('unreadable bytes show as ?? (hex and binary keep the readable digits)', () => {
  const bytes = Uint8Array.from([0x01, 0x02, 0x03, 0x04, 0x41, 0x42, 0x43, 0x44]);
  const readable = [1, 1, 0, 0, 1, 1, 1, 1];
  const hex = formatMemory({ bytes, readable, address: 0x10n, format: 'x', unit: 'w', perRow: 4 });
  assert.deepEqual(hex.rows[0]!.cells, ['0x????0201', '0x44434241']);
  assert.equal(hex.rows[0]!.ascii, '..  ABCD');
  const bin = formatMemory({ bytes, readable, address: 0x10n, format: 't', unit: 'h', perRow: 4 });
  assert.deepEqual(bin.rows[0]!.cells, ['0000001000000001', '????????????????', '0100001001000001', '0100010001000011']);
  for (const format of ['d', 'u', 'o', 'a', 'c', 'f'] as const) {
    assert.equal(formatMemory({ bytes, readable, address: 0x10n, format, unit: 'w', perRow: 4 }).rows[0]!.cells[0], '??', format);
  }
  const str = formatMemory({ bytes: Uint8Array.from([0x61, 0x62, 0, 0]), readable: [1, 1, 0, 0], address: 0x20n, format: 's', unit: 'b', perRow: 1, count: 2 });
  // The second string starts where reading failed: gdb prints the error again (x/2s).
  assert.deepEqual(str.rows.map((r) => r.cells[0]), ['"ab"<error: Cannot access memory at address 0x22>', '<error: Cannot access memory at address 0x22>']);
  const none = formatMemory({ bytes: Uint8Array.from([0x61]), readable: [0], address: 0x30n, format: 's', unit: 'b', perRow: 1 });
  assert.deepEqual(none.rows.map((r) => r.cells[0]), ['<error: Cannot access memory at address 0x30>']);
});

test('rows: layout, ascii column and where x continues', () => {
  const bytes = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
  const out = formatMemory({ bytes, address: 0xc000047f40n, format: 'x', unit: 'g', perRow: 2 });
  assert.equal(out.rows.length, 1, 'only whole units: 20 bytes hold two words');
  assert.equal(out.rows[0]!.ascii, 'ABCDEFGHIJKLMNOP');
  assert.equal(out.next, 0xc000047f50n);
  assert.equal(formatGdbText(out.rows), '0xc000047f40:\t0x4847464544434241\t0x504f4e4d4c4b4a49');
  const counted = formatMemory({ bytes, address: 0n, format: 'x', unit: 'b', perRow: 8, count: 3 });
  assert.deepEqual(counted.rows[0]!.cells, ['0x41', '0x42', '0x43']);
  assert.equal(counted.next, 3n);
  assert.equal(formatMemory({ bytes, address: 0n, format: 'x', unit: 'b', perRow: 8 }).rows.length, 3);
});

test('units per row: gdb layout, and what fits a pane', () => {
  assert.equal(gdbUnitsPerRow('x', 'g'), 2);
  assert.equal(gdbUnitsPerRow('x', 'w'), 4);
  assert.equal(gdbUnitsPerRow('d', 'h'), 8);
  assert.equal(gdbUnitsPerRow('c', 'b'), 8);
  assert.equal(gdbUnitsPerRow('s', 'b'), 1);
  // 16 + 2*(18+1) + 2 + 16 = 72 fits in 80 (the ASCII column's gutter is two spaces); four words need 16 + 4*19 + 2 + 32 = 126.
  assert.equal(unitsPerRow('x', 'g', 80), 2);
  assert.equal(unitsPerRow('x', 'g', 126), 4);
  assert.equal(unitsPerRow('x', 'g', 125), 2);
  // Bytes: 16 + 8*(4+1) + 2 + 8 = 66 fits in 80, sixteen would need 114; without their 0x, 82.
  assert.equal(unitsPerRow('x', 'b', 80), 8);
  assert.equal(unitsPerRow('x', 'b', 114), 16);
  assert.equal(unitsPerRow('x', 'b', 113), 8);
  assert.equal(unitsPerRow('x', 'b', 82, { bare: true }), 16);
  assert.equal(unitsPerRow('t', 'g', 40), 1, 'never less than one');
  assert.equal(unitsPerRow('x', 'b', 10000), 64, 'at most 64');
  assert.equal(unitsPerRow('x', 'g', 80, { ascii: false }), 2);
  assert.equal(unitsPerRow('s', 'b', 200), 1);
  for (const unit of ['b', 'h', 'w', 'g'] as const) {
    const size = UNIT_BYTES[unit];
    const extremes = [new Uint8Array(size).fill(0xff), Uint8Array.from({ length: size }, (_, i) => (i === size - 1 ? 0x80 : 0))];
    for (const format of ['x', 'd', 'u', 'o', 't', 'c'] as const) {
      for (const bytes of extremes) assert.ok(formatCell(format, size, bytes, 0).length <= maxCellWidth(format, unit), `${format}${unit}`);
    }
  }
});
