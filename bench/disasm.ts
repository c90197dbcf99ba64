// bench/disasm: what the machine level costs. Prints medians and ratios against peers measured
// in the same run; asserts nothing.
//   x/64i $pc in gotui (Delve's JSON-RPC Disassemble, rewritten into gdb's text, symbols named)
//     against the bare JSON-RPC Disassemble of the same range (the floor gotui cannot beat);
//   reading the binary's symbol table (once per binary) against `nm -n` on the same file.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { connectTcp } from '../src/dap/client.js';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { Models } from '../src/features/host.js';
import { memoryFeature } from '../src/memory/feature.js';
import { SymbolTable } from '../src/memory/symbols.js';
import { ElfFile } from '../src/binary/elf.js';
import { Session } from '../src/session/session.js';
import { median, ratioLine } from './stats.js';

const REPEAT = Number(process.env.REPEAT ?? 30);
const binary = await buildDemo('orders');
const dlv = await ensureDelve();
const at = findMarker('orders', 'gotui:process');
const server = await startHeadlessDelve(dlv.path, { mode: 'exec', program: binary, args: [] });
try {
  const session = new Session('bench');
  await session.attach(await connectTcp(server.address), { stop: false, version: dlv.version, owned: false });
  const rpc = await DelveRpcClient.connect(server.address);
  const models = new Models(session, { rpc: async () => rpc, openRpc: async () => undefined, traceTarget: async () => ({ pid: 0, binary }) });
  models.createAll();
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  while (session.stopCount <= since) await new Promise((r) => setTimeout(r, 20));
  const store = models.model(memoryFeature);
  await store.examine('x/64i $pc');
  const pc = BigInt(session.currentFrame()!.pc!);
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    let t = performance.now();
    await store.examine('x/64i $pc');
    ours.push(performance.now() - t);
    t = performance.now();
    await rpc.call('Disassemble', { Scope: { GoroutineID: -1, Frame: 0 }, StartPC: Number(pc), EndPC: Number(pc) + 64 * 15, Flavour: 0 });
    floor.push(performance.now() - t);
  }
  console.log(ratioLine('x/64i $pc', median(ours), median(floor), 'bare JSON-RPC Disassemble'));

  const load: number[] = [];
  const nm: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const elf = ElfFile.open(binary);
    SymbolTable.fromElf(elf);
    elf.close();
    load.push(performance.now() - t);
    t = performance.now();
    execFileSync('nm', ['-n', binary], { maxBuffer: 1 << 28 });
    nm.push(performance.now() - t);
  }
  console.log(ratioLine('symbol table of the orders demo', median(load), median(nm), 'nm -n'));
  rpc.close();
  session.dispose();
} finally {
  await server.stop();
}
