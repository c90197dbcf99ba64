// Texts and bytes from Delve and the target's binary: `dlv x` listings, evaluate results,
// runtime structures, thread names, registers, Delve's version, build info and DWARF
// (src/memory/, src/flags/decode.ts, src/session/threads.ts, src/goroutines/, src/registers/,
// src/delve/, src/binary/go-version.ts, src/bpf/dwarf.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runtimeTypeOffsets, structMemberOffset } from '../../../src/bpf/dwarf.js';
import { readBuildInfo } from '../../../src/binary/go-version.js';
import { parseDelveVersion } from '../../../src/delve/locate.js';
import { readRpcReply } from '../../../src/delve/rpc.js';
import { callError, parseUintptr, splitInterface, structFields } from '../../../src/flags/decode.js';
import { goQuote } from '../../../src/core/gostrings.js';
import { parseDapThreadName } from '../../../src/goroutines/dapFallback.js';
import { parseDlvGroups } from '../../../src/goroutines/dlvcli.js';
import { parseLocName } from '../../../src/goroutines/model.js';
import { parseDelveExamine, type DelveExamineFormat } from '../../../src/memory/delve-examine.js';
import { parseByteArrayChildren, parseByteArrayResult, parseDelveInteger } from '../../../src/memory/delve-values.js';
import { findFunc, parseFuncTable, parseIntegerList, parseStackBounds } from '../../../src/memory/target-layout.js';
import { parseRegisters } from '../../../src/registers/registers.js';
import { parseThreadName } from '../../../src/session/threads.js';
import { anyChar, hostile, i64, join, u64 } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

const MASK = (1n << 64n) - 1n;

// ---- `dlv x` as Delve prints it (service/api PrettyExamineMemory) -----------------------------

function prettyExamine(address: bigint, bytes: Uint8Array, format: DelveExamineFormat, size: number): string {
  const cols = format === 'bin' ? 4 : 8;
  const addrLen = (address + BigInt(bytes.length)).toString(16).length;
  const cell = (v: bigint) =>
    format === 'hex' ? `0x${v.toString(16).padStart(2 * size, '0')}` : format === 'dec' ? v.toString().padStart(3 * size, '0') : format === 'oct' ? `0${v.toString(8).padStart(3 * size, '0')}` : v.toString(2).padStart(8 * size, '0');
  let out = '';
  for (let row = 0; row * cols * size < bytes.length; row++) {
    out += `0x${(address + BigInt(row * cols * size)).toString(16).padStart(addrLen, '0')}:   `;
    for (let c = 0; c < cols; c++) {
      const at = (row * cols + c) * size;
      if (at >= bytes.length) break;
      let v = 0n;
      for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[at + k]!);
      out += `${cell(v)}   `;
    }
    out += '\n';
  }
  return out;
}

const examine = fc
  .record({ size: fc.integer({ min: 1, max: 8 }), count: fc.integer({ min: 1, max: 40 }), format: fc.constantFrom<DelveExamineFormat>('hex', 'dec', 'oct', 'bin'), address: fc.bigInt({ min: 0n, max: (1n << 60n) }) })
  .chain((r) => fc.uint8Array({ minLength: r.size * r.count, maxLength: r.size * r.count }).map((bytes) => ({ ...r, bytes })));

// ---- evaluate results of byte arrays ------------------------------------------------------------

const ELEMENT: Record<string, number> = { uint8: 1, int8: 1, byte: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, uint64: 8, int64: 8, uint: 8, int: 8, uintptr: 8 };
const arrayValue = fc
  .record({ type: fc.constantFrom(...Object.keys(ELEMENT)), length: fc.integer({ min: 0, max: 80 }), prefixed: fc.boolean(), hexToo: fc.boolean() })
  .chain((r) =>
    fc.record({
      values: fc.array(fc.oneof({ weight: 9, arbitrary: u64 }, { weight: 1, arbitrary: fc.constant(undefined) }), { minLength: r.length, maxLength: r.length }),
      loaded: fc.integer({ min: 0, max: r.length }),
    }).map((v) => ({ ...r, ...v })),
  );

/** Delve's value text for the array: signed types print signed, unreadable elements in parentheses. */
function arrayText(a: { type: string; length: number; prefixed: boolean; hexToo: boolean; values: (bigint | undefined)[]; loaded: number }): string {
  const bits = ELEMENT[a.type]! * 8;
  const signed = a.type.startsWith('int');
  const shown = a.values.slice(0, a.loaded).map((v) => {
    if (v === undefined) return '(unreadable input/output error)';
    const u = BigInt.asUintN(bits, v);
    const n = signed ? BigInt.asIntN(bits, v) : u;
    return a.hexToo ? `${n} = 0x${u.toString(16)}` : `${n}`;
  });
  const more = a.length - a.loaded;
  const body = [...shown, ...(more ? [`...+${more} more`] : [])].join(',');
  return `${a.prefixed && more ? `(loaded ${a.loaded}/${a.length}) ` : ''}[${a.length}]${a.type} [${body}]`;
}

// ---- DWARF: a model of structs and their members, encoded as DWARF 4 or 5 -------------------------

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const cstr = (s: string) => [...Buffer.from(s + '\0')];
// 1 compile unit, 2 struct, 3 member (block location), 4 member (udata location), 5 base type with Go's runtime type.
const ABBREV = Buffer.from([1, 0x11, 1, 0x03, 0x08, 0, 0, 2, 0x13, 1, 0x03, 0x08, 0, 0, 3, 0x0d, 0, 0x03, 0x08, 0x38, 0x09, 0, 0, 4, 0x0d, 0, 0x03, 0x08, 0x38, 0x0f, 0, 0, 5, 0x24, 0, 0x03, 0x08, 0x84, 0x52, 0x0f, 0, 0, 0]);
interface DwarfModel {
  version: 4 | 5;
  structs: { name: string; members: { name: string; offset: number; block: boolean }[] }[];
  types: { name: string; rtype: number }[];
}
const dwarfName = fc.constantFrom('runtime.g', 'runtime.m', 'main.T', 'x', 'goid', 'stack', 'é');
const dwarfModel: fc.Arbitrary<DwarfModel> = fc.record({
  version: fc.constantFrom(4 as const, 5 as const),
  structs: fc.array(fc.record({ name: dwarfName, members: fc.array(fc.record({ name: dwarfName, offset: fc.nat(1 << 20), block: fc.boolean() }), { maxLength: 5 }) }), { maxLength: 4 }),
  types: fc.array(fc.record({ name: dwarfName, rtype: fc.nat(1 << 24) }), { maxLength: 3 }),
});
function encodeDwarf(m: DwarfModel): { info: Buffer; abbrev: Buffer } {
  const body: number[] = [1, ...cstr('runtime')];
  for (const s of m.structs) {
    body.push(2, ...cstr(s.name));
    for (const mem of s.members) {
      if (mem.block) {
        const loc = [0x23, ...uleb(mem.offset)];
        body.push(3, ...cstr(mem.name), ...uleb(loc.length), ...loc);
      } else body.push(4, ...cstr(mem.name), ...uleb(mem.offset));
    }
    body.push(0);
  }
  for (const t of m.types) body.push(5, ...cstr(t.name), ...uleb(t.rtype));
  body.push(0);
  const header = m.version === 4 ? [4, 0, 0, 0, 0, 0, 8] : [5, 0, 1, 8, 0, 0, 0, 0];
  const len = header.length + body.length;
  return { info: Buffer.from([len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, len >>> 24, ...header, ...body]), abbrev: ABBREV };
}

/** The module lines the build-info property writes, and what each says of the main module (as `go version -m` reads them). */
const MAIN_MODULES: Record<string, { mainModule?: string; mainVersion?: string }> = {
  'path\torders\nmod\torders\t(devel)\t\n': { mainModule: 'orders', mainVersion: '(devel)' },
  'mod\texample.com/svc\tv1.2.3\th1:x\n': { mainModule: 'example.com/svc', mainVersion: 'v1.2.3' },
  '': {},
  'dep\ta\tv1\n': {},
};

const mutations = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
function mutate(buf: Buffer, edits: [number, number][], cutAt?: number): Buffer {
  const b = Buffer.from(buf);
  for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
  return cutAt === undefined ? b : b.subarray(0, cutAt % (b.length + 1));
}

// ---- build info --------------------------------------------------------------------------------

function buildInfo(version: string, mod: string): Buffer {
  const str = (s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from(uleb(b.length)), b]);
  };
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  return Buffer.concat([header, str(version), str(mod)]);
}

const DELVE_TEXT_VOCAB = ['0x', '0xc00008acd8:', '   ', '0x00', '0xff', '000', '0', '1', '\n', ':', 'examine memory error: input/output error', 'exceeded readable area', 'unsupported expression type: slice', ' = 0x', '-', '(', ')', '*', '[16]uint8 [', ']', ',', '...+3 more', '(loaded 4/16) ', '(unreadable input/output error)', '[99999999999]uint8 [', '[4294967296]uint64 [1]', 'uint8', 'string', '...', '{', '}', '"', ': '];
const delveText = hostile(DELVE_TEXT_VOCAB);

export const delveProperties: FuzzProperty[] = [
  property({
    parser: 'dlv x listings',
    module: 'src/memory/delve-examine.ts',
    name: 'every size and format Delve prints reads back to the same address and bytes',
    arb: examine,
    check: ({ size, format, address, bytes }) => {
      const got = parseDelveExamine(prettyExamine(address, bytes, format, size), { size, format });
      assert.equal(got.address, address);
      assert.deepEqual([...got.bytes], [...bytes]);
    },
    runs: 200,
  }),
  property({
    parser: 'dlv x listings',
    module: 'src/memory/delve-examine.ts',
    name: 'any text Delve could answer gives memory or a UserError',
    arb: fc.tuple(delveText, fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), fc.option(fc.constantFrom<DelveExamineFormat>('hex', 'dec', 'oct', 'bin'), { nil: undefined })),
    check: ([text, size, format]) => {
      const m = refusedOr(() => parseDelveExamine(text, { ...(size ? { size } : {}), ...(format ? { format } : {}) }));
      if (m) assert.ok(m.bytes.length > 0);
    },
    runs: 300,
  }),
  property({
    parser: 'evaluate results',
    module: 'src/memory/delve-values.ts',
    name: 'integers and pointers in each of Delve\'s spellings read back as the 64-bit value',
    arb: fc.tuple(fc.oneof(u64, i64), fc.constantFrom('plain', 'hex', 'pointer', 'unsafe', 'bare')),
    check: ([v, form]) => {
      const u = v & MASK;
      const text = form === 'plain' ? `${v}` : form === 'hex' ? `${v} = 0x${u.toString(16)}` : form === 'pointer' ? `(*main.T)(0x${u.toString(16)})` : form === 'unsafe' ? `(unsafe.Pointer)(0x${u.toString(16)})` : `0x${u.toString(16)}`;
      assert.equal(parseDelveInteger(text), u, text);
    },
    runs: 150,
  }),
  property({
    parser: 'evaluate results',
    module: 'src/memory/delve-values.ts',
    name: 'byte arrays as Delve prints them (loaded, unreadable, cut) give the bytes at their offsets',
    arb: arrayValue,
    check: (a) => {
      const v = parseByteArrayResult(arrayText(a));
      const size = ELEMENT[a.type]!;
      assert.equal(v.length, a.length);
      assert.equal(v.loaded, a.loaded);
      assert.equal(v.bytes.length, a.length * size);
      for (let i = 0; i < a.loaded; i++) {
        const want = a.values[i];
        for (let k = 0; k < size; k++) {
          assert.equal(v.readable[i * size + k], want === undefined ? 0 : 1);
          if (want !== undefined) assert.equal(v.bytes[i * size + k], Number((BigInt.asUintN(size * 8, want) >> BigInt(8 * k)) & 0xffn));
        }
      }
    },
    runs: 200,
  }),
  property({
    parser: 'evaluate results',
    module: 'src/memory/delve-values.ts',
    name: 'any value text gives an integer, a sane byte array (bytes = length × element size, loaded ≤ length) or a UserError',
    arb: fc.tuple(delveText, fc.array(fc.record({ name: fc.oneof(fc.nat(100).map((i) => `[${i}]`), fc.constantFrom('string()', '[x]', '[99999999999]')), value: delveText }), { maxLength: 5 }), fc.nat(64)),
    check: ([text, children, length]) => {
      refusedOr(() => parseDelveInteger(text));
      for (const v of [refusedOr(() => parseByteArrayResult(text)), refusedOr(() => parseByteArrayChildren(children, length))]) {
        if (!v) continue;
        assert.equal(v.bytes.length, v.length * v.elementSize);
        assert.equal(v.readable.length, v.bytes.length);
        assert.ok(v.loaded <= v.length, `loaded ${v.loaded} of ${v.length}`);
      }
    },
    runs: 300,
  }),
  property({
    parser: 'runtime structures',
    module: 'src/memory/target-layout.ts',
    name: 'stack bounds and integer lists as Delve prints them read back; any text is undefined or a value, never a throw',
    arb: fc.tuple(u64, u64, fc.array(u64, { maxLength: 6 }), fc.boolean(), delveText),
    check: ([lo, hi, list, cut, noise]) => {
      const bounds = parseStackBounds(`runtime.stack {lo: ${lo}, hi: ${hi}}`);
      assert.deepEqual(bounds, hi > lo ? { lo, hi } : undefined);
      const len = list.length + (cut ? 3 : 0);
      const parsed = parseIntegerList(`[]runtime.arenaIdx len: ${len}, cap: 512, [${list.join(',')}${cut ? ',...+3 more' : ''}]`);
      assert.deepEqual(parsed, { values: list, complete: !cut });
      parseStackBounds(noise);
      parseIntegerList(noise);
    },
    runs: 200,
  }),
  property({
    parser: 'runtime structures',
    module: 'src/memory/target-layout.ts',
    name: 'the runtime\'s function table finds the function a PC is in, as a linear search does',
    arb: fc.tuple(fc.uniqueArray(fc.nat(1 << 20), { minLength: 0, maxLength: 30 }), fc.bigInt({ min: 0x400000n, max: 0x500000n }), fc.bigInt({ min: 0n, max: 0x700000n }), fc.nat(40)),
    check: ([offsets, text, pc, extra]) => {
      const entries = [...offsets].sort((a, b) => a - b);
      const bytes = new Uint8Array(entries.length * 8 + (extra % 8));
      const view = new DataView(bytes.buffer);
      entries.forEach((e, i) => {
        view.setUint32(i * 8, e, true);
        view.setUint32(i * 8 + 4, i * 16, true);
      });
      const table = parseFuncTable(text, bytes, entries.length + extra);
      const got = findFunc(table, pc);
      let want: { entry: bigint; funcoff: number } | undefined;
      const off = pc - text;
      if (entries.length >= 2 && off >= BigInt(entries[0]!) && off < BigInt(entries.at(-1)!)) {
        let i = 0;
        while (i + 1 < entries.length && BigInt(entries[i + 1]!) <= off) i++;
        want = { entry: text + BigInt(entries[i]!), funcoff: i * 16 };
      }
      assert.deepEqual(got, want);
    },
    runs: 200,
  }),
  property({
    parser: 'call results',
    module: 'src/flags/decode.ts',
    name: 'struct fields as Delve prints them split back into fields, quoted strings and nesting kept',
    arb: fc.uniqueArray(fc.tuple(fc.constantFrom('s', 'msg', 'Err', 'Func', 'Num', 'x_1'), fc.oneof(join(anyChar, 8).map((s) => { try { return goQuote(s); } catch { return '""'; } }), fc.constantFrom('42', 'nil', '*{a: 1, b: "}"}', 'error(*errors.errorString) *{s: "a, b"}', '[]int len: 2, cap: 2, [1,2]'))), { selector: ([k]) => k, maxLength: 5 }),
    check: (fields) => {
      const got = structFields(`{${fields.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
      assert.deepEqual(got, Object.fromEntries(fields));
    },
    runs: 200,
  }),
  property({
    parser: 'call results',
    module: 'src/flags/decode.ts',
    name: 'any call result, interface or uintptr text is read without a throw',
    arb: fc.tuple(delveText, delveText),
    check: ([a, b]) => {
      const e = callError(a);
      if (e) assert.equal(typeof e.message, 'string');
      splitInterface(a, b);
      const p = parseUintptr(a);
      if (p !== undefined) assert.match(p, /^0x[0-9a-f]+$/);
    },
    runs: 200,
  }),
  property({
    parser: 'thread names',
    module: 'src/session/threads.ts',
    name: 'Delve\'s thread names read back: current mark, goroutine, labels, location, OS thread',
    arb: fc.record({ current: fc.boolean(), id: fc.nat(1 << 30), labels: fc.option(fc.constantFrom('worker:recv', 'a:b c:d', 'k:v')), fn: fc.constantFrom('main.work', 'runtime.gopark', 'main.(*T).M', 'pkg/a.b', ''), thread: fc.option(fc.nat(1 << 22)) }),
    check: ({ current, id, labels, fn, thread }) => {
      const name = `${current ? '* ' : ''}[Go ${id}${labels ? ` ${labels}` : ''}] ${fn}${thread !== null ? ` (Thread ${thread})` : ''}`;
      const dap = parseDapThreadName(name);
      assert.deepEqual(dap, { selected: current, id, labels: labels ?? '', fn, ...(thread !== null ? { osThread: thread } : {}) });
      if (!labels) assert.deepEqual(parseThreadName(name), { current, goroutineId: id, location: fn, ...(thread !== null ? { osThread: thread } : {}) });
    },
    runs: 150,
  }),
  property({
    parser: 'thread names',
    module: 'src/session/threads.ts',
    name: 'any thread name, location group or dlv CLI listing is read without a throw',
    arb: hostile(['[Go ', '1', ']', '* ', ' ', '(Thread ', ')', 'main.work', ':', ' in ', '\tTotal: ', '\n', 'Too many groups', '\t', 'Goroutine 1 - User: ']),
    check: (text) => {
      parseThreadName(text);
      parseDapThreadName(text);
      const loc = parseLocName(text);
      if (loc) assert.ok(Number.isSafeInteger(loc.line) || /\d{16,}/.test(text));
      for (const g of parseDlvGroups(text).groups) assert.ok(g.name.length > 0 && g.total >= 0);
    },
    runs: 300,
  }),
  property({
    parser: 'thread names',
    module: 'src/goroutines/model.ts',
    name: 'group names (file:line in function) and dlv CLI group listings read back',
    arb: fc.array(fc.record({ file: fc.constantFrom('/p/main.go', 'C:/x/y.go', '/a b/c.go', 'runtime/proc.go'), line: fc.nat(1_000_000), fn: fc.constantFrom('main.recv', 'main.(*T).M', 'runtime.gopark', 'x in y'), total: fc.nat(1_000_000) }), { maxLength: 5 }),
    check: (groups) => {
      for (const g of groups) assert.deepEqual(parseLocName(`${g.file}:${g.line} in ${g.fn}`), { file: g.file, line: g.line, fn: g.fn });
      const listing = groups.map((g) => `${g.file}:${g.line} in ${g.fn}\n\tGoroutine 1 - User: x\n\tTotal: ${g.total}\n`).join('');
      assert.deepEqual(parseDlvGroups(listing).groups, groups.map((g) => ({ name: `${g.file}:${g.line} in ${g.fn}`, total: g.total })));
    },
    runs: 150,
  }),
  property({
    parser: 'registers',
    module: 'src/registers/registers.ts',
    name: 'registers as Delve shows them (padded names, 0x%016x, rflags with its flags) read back',
    arb: fc.array(fc.tuple(fc.constantFrom('rip', 'rsp', 'rax', 'r8', 'rflags', 'fs_base', 'cs'), u64, fc.boolean()), { maxLength: 8 }),
    check: (regs) => {
      const vars = regs.map(([n, v, flags]) => ({ name: n.padStart(6, ' '), value: `0x${v.toString(16).padStart(16, '0')}${flags ? '\t[PF ZF IF IOPL=0]' : ''}` }));
      assert.deepEqual(parseRegisters(vars), regs.map(([n, v]) => ({ name: n, value: v })));
      parseRegisters(regs.map(([n], i) => ({ name: n, value: `"${'x'.repeat(i)}" (vector)` })));
    },
    runs: 150,
  }),
  property({
    parser: 'Delve version and build info',
    module: 'src/binary/go-version.ts',
    name: 'a build info section gives its Go version and main module (with its version); any bytes give that or nothing, never a throw',
    arb: fc.tuple(fc.constantFrom('go1.26.8', 'go1.19', 'go1.27rc1', 'devel +abc', 'go2'), fc.constantFrom(...Object.keys(MAIN_MODULES)), mutations, fc.option(fc.nat()), fc.constantFrom('1.27.1', 'v1.20.2', '1.26.0-rc.1')),
    check: ([version, mod, edits, cutAt, delve]) => {
      const good = buildInfo(version, mod);
      const info = readBuildInfo(good);
      if (!/^go\d/.test(version)) assert.equal(info, undefined);
      else {
        const main = MAIN_MODULES[mod];
        assert.deepEqual(info, { goVersion: version, ...main });
      }
      readBuildInfo(mutate(good, edits, cutAt ?? undefined));
      assert.equal(parseDelveVersion(`Delve Debugger\nVersion: ${delve}\nBuild: $Id$`), delve.replace(/^v/, ''));
      parseDelveVersion(mutate(Buffer.from(`Version: ${delve}`), edits).toString('latin1'));
    },
    runs: 200,
  }),
  property({
    parser: 'DWARF',
    module: 'src/bpf/dwarf.ts',
    name: 'a struct member\'s offset and a type\'s runtime descriptor are found as the DWARF says (versions 4 and 5)',
    arb: dwarfModel,
    check: (m) => {
      const s = encodeDwarf(m);
      for (const st of m.structs) {
        for (const mem of st.members) {
          // The first struct of that name, and its first member of that name, win.
          const firstStruct = m.structs.find((x) => x.name === st.name)!;
          const want = firstStruct.members.find((x) => x.name === mem.name)?.offset;
          assert.equal(structMemberOffset(s, st.name, mem.name), want);
        }
      }
      const types = runtimeTypeOffsets(s);
      for (const t of m.types) if (t.rtype > 0) assert.equal(types.get(t.name), m.types.find((x) => x.name === t.name && x.rtype > 0)!.rtype);
    },
    runs: 200,
  }),
  property({
    parser: 'DWARF',
    module: 'src/bpf/dwarf.ts',
    name: 'corrupt or cut DWARF ends (an answer or an Error), never loops or overflows the stack',
    arb: fc.tuple(dwarfModel, mutations, fc.option(fc.nat()), fc.boolean()),
    check: ([m, edits, cutAt, abbrevToo]) => {
      const s = encodeDwarf(m);
      const info = mutate(s.info, edits, cutAt ?? undefined);
      const abbrev = abbrevToo ? mutate(s.abbrev, edits) : s.abbrev;
      for (const f of [() => structMemberOffset({ info, abbrev }, 'runtime.g', 'goid'), () => runtimeTypeOffsets({ info, abbrev })]) {
        try {
          f();
        } catch (err) {
          assert.ok(err instanceof Error && !(err instanceof RangeError && /call stack/.test(err.message)), `${err}`);
        }
      }
    },
    runs: 300,
  }),
  property({
    parser: 'JSON-RPC replies',
    module: 'src/delve/rpc.ts',
    name: 'any reply line is an answer to an id, not JSON-RPC, or ignored, never a throw',
    arb: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ id: fc.oneof(fc.nat(), fc.jsonValue()), result: fc.jsonValue({ maxDepth: 2 }), error: fc.oneof(fc.constant(null), fc.string(), fc.jsonValue()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      hostile(['{', '}', '"id"', ':', '1', 'null', '"error"', '"result"', ',', '[', ']']),
    ),
    check: (text) => {
      const r = readRpcReply(Buffer.from(text));
      if (r === undefined || r === 'not-json') return;
      assert.equal(typeof r.id, 'number');
      if (r.error !== undefined) assert.equal(typeof r.error, 'string');
    },
    runs: 200,
  }),
];
