// gdb's `x`, byte for byte: gotui's console text for every format and unit on
// the stack, the heap, text, rodata and data, with symbols, the => marker,
// error lines and C strings, against gdb 13 on a core Delve wrote at the same
// stop.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ElfFile } from '../../src/binary/elf.js';
import { findMarker } from '../../src/demos/build.js';
import { memoryFeature } from '../../src/memory/feature.js';
import type { Session } from '../../src/session/session.js';
import { gdbAtStop } from '../support/gdb.js';
import { attachedDemo, modelsWithRpc, waitForStop } from '../support/session.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;

async function num(session: Session, expr: string): Promise<bigint> {
  return BigInt((await session.evaluate(`uintptr(${expr})`)).result.split(' ')[0]!);
}

async function stoppedAt(t: TestContext, demo: string, marker: string) {
  const { server, session } = await attachedDemo(t, demo);
  const models = await modelsWithRpc(t, session, server);
  models.createAll();
  const at = findMarker(demo, marker);
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, since);
  // Delve writes its breakpoints' int3 into the core; the target stays stopped without them.
  await session.removeAllBreakpoints();
  return { server, session, store: models.model(memoryFeature) };
}

/** Runs each command through gotui and through gdb; every one must print the same lines. */
async function compare(t: TestContext, server: { address: { host: string; port: number }; binary: string }, store: { examine(line: string): Promise<string> }, commands: readonly string[]) {
  const gdb = await gdbAtStop(t, server.address, server.binary);
  if (!gdb) return;
  const theirs = await gdb.run(commands);
  const mismatches: string[] = [];
  for (const [i, cmd] of commands.entries()) {
    const mine = (await store.examine(cmd)).split('\n');
    if (JSON.stringify(mine) !== JSON.stringify(theirs[i])) mismatches.push(`${cmd}\n  gdb:    ${JSON.stringify(theirs[i])}\n  gotui:  ${JSON.stringify(mine)}`);
  }
  assert.deepEqual(mismatches, [], `${mismatches.length} of ${commands.length} commands differ from gdb`);
}

test('x in every format and unit, on stack, heap, text, rodata and data, prints what gdb prints on a core of the same stop', async (t) => {
  const { server, session, store } = await stoppedAt(t, 'orders', 'gotui:process');
  const elf = ElfFile.open(server.binary);
  const rodata = BigInt(elf.section('.rodata')!.addr);
  const noptrbss = elf.section('.noptrbss')!;
  const dataVar = BigInt(elf.symbols().find((s) => s.name === 'runtime.writeBarrier')!.value);
  elf.close();
  // The end of the last mapping of the binary: reads run into unmapped memory there.
  const end = (BigInt(noptrbss.addr + noptrbss.size) + 0xfffn) & ~0xfffn;
  const heap = await num(session, '&o.Items[0]');
  const places = ['$rsp', hex(heap), '$pc', hex(rodata + 0x40n), hex(dataVar - 8n)];
  const commands: string[] = [];
  for (const where of places) {
    for (const f of ['x', 'z', 'd', 'u', 'o', 't', 'a', 'c', 'f']) {
      for (const u of ['b', 'h', 'w', 'g']) commands.push(`x/5${f}${u} ${where}`);
    }
  }
  commands.push(
    'x/6i $pc',
    'x/3i $pc+1',
    'x/4i $pc-3',
    `x/3s ${hex(rodata + 0x1000n)}`,
    `x/3xg ${hex(end - 16n)}`,
    `x/5xw ${hex(end - 8n)}`,
    `x/3s ${hex(end - 2n)}`,
    `x/2s ${hex(end)}`,
    'x/2xg 0x3ffffc',
    'x/2i 0x3ffffc',
    'x/4ag $rsp',
    // Backwards, then bare: gdb rewinds to the lowest unit shown and goes on one unit at a time.
    'x/-3xg $rsp',
    'x',
    'x',
    'x/-2xg',
    'x',
  );
  await compare(t, server, store, commands);
});

test('C strings through cgo pointers and C globals, a cut UTF-8 sequence, x/i in Intel syntax, as gdb prints them', async (t) => {
  const { server, session, store } = await stoppedAt(t, 'machine', 'gotui:floats');
  const s = await num(session, 's');
  const cut = await num(session, '&main.cut');
  // gotui reads `s` (a *C.char) and `greeting` (a C global Delve cannot read) itself; gdb is given the same.
  const mine = await store.examine('x/s s');
  assert.match(mine, /^0x[0-9a-f]+:\t"sample-\d+"$/);
  const gdb = await gdbAtStop(t, server.address, server.binary);
  if (!gdb) return;
  const [theirs] = await gdb.run([`x/s ${hex(s)}`]);
  assert.deepEqual(mine.split('\n'), theirs);
  await compare(t, server, store, ['x/2s greeting', `x/3s ${hex(cut)}`, `x/8cb ${hex(cut)}`, `x/2xg ${hex(cut)}`]);
  // As in gdb, an array stands for its address and a function for its entry (Delve converts neither to an integer).
  const [gdbCut, gdbMain] = await gdb.run(["x/2s 'main.cut'", "x/3i 'main.main'"]);
  assert.deepEqual((await store.examine('x/2s cut')).split('\n'), gdbCut);
  assert.deepEqual((await store.examine('x/2s main.cut')).split('\n'), gdbCut);
  assert.deepEqual((await store.examine('x/3i main.main')).split('\n'), gdbMain);
  await store.examine('x/1xb $pc');
  store.disasm.flavour = 'intel';
  const intel = await store.examine('x/8i $pc');
  const [gdbIntel] = await gdb.run(['set disassembly-flavor intel', 'x/8i $pc']).then((b) => [b[1]]);
  assert.deepEqual(intel.split('\n'), gdbIntel);
});
