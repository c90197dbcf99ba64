// The memory pane's machine tools on the machine demo: telescope, the memory
// map, writing memory; checked against Delve's own values, the symbol table,
// /proc/PID/maps and the dlv CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ElfFile } from '../../src/binary/elf.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { memoryFeature } from '../../src/memory/feature.js';
import type { Session } from '../../src/session/session.js';
import { dlvCli } from '../support/dlv-cli.js';
import { commandContext, exec, stoppedAtMarker } from '../support/session.js';
import { appStoppedIn, consoleSince, must } from '../support/app.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
async function num(session: Session, expr: string): Promise<bigint> {
  return BigInt((await session.evaluate(`uintptr(${expr})`)).result.split(' ')[0]!);
}

test('telescope follows pointers to a value, a C string and code; vmmap names /proc maps; set-memory writes what the dlv CLI then reads', async (t) => {
  const { server, session, models } = await stoppedAtMarker(t, 'machine', 'gotui:floats');
  const store = models.model(memoryFeature);
  const printed: { text: string; kind?: string }[] = [];
  const ctx = commandContext(session, printed);

  // ptr -> n (42): the chain ends at a value that points nowhere.
  await exec(ctx, 'x/1xg &ptr');
  await exec(ctx, 'mem telescope');
  const n = await num(session, 'ptr');
  assert.match(printed.pop()!.text, new RegExp(`^${hex(await num(session, '&ptr'))}: ${hex(n)} (heap|stack \\(g 1\\)) → 0x2a$`));
  assert.match(store.get().telescope ?? '', /→ 0x2a$/, 'the pane shows it too');
  // g (C.greeting) -> "hello from C". A new x leaves the last telescope behind: the pane no longer shows its word.
  await exec(ctx, 'x/1xg &g');
  assert.equal(store.get().telescope, undefined);
  await exec(ctx, 'mem telescope');
  assert.match(printed.pop()!.text, new RegExp(`: ${hex(await num(session, 'g'))} "hello from C"$`));
  // main.hook holds a func value: its funcval's first word is main.twice's entry, which the chain names.
  const elf = ElfFile.open(server.binary);
  const twice = elf.symbols().find((s) => s.name === 'main.twice')!;
  elf.close();
  await exec(ctx, 'x/1xg &main.hook');
  await exec(ctx, 'mem telescope 3');
  assert.match(printed.pop()!.text, new RegExp(` → ${hex(BigInt(twice.value))} main\\.twice$`));
  // Following the pointer leaves it behind too, and so does coming back; and paging, its word off the screen (trial AL).
  await store.follow();
  assert.equal(store.get().telescope, undefined);
  await exec(ctx, 'mem telescope 3');
  assert.ok(store.get().telescope);
  await exec(ctx, 'mem pagedown');
  assert.equal(store.get().telescope, undefined);

  // vmmap: every /proc/PID/maps line, named; the mappings of the pc, s (malloc) and the stack.
  await exec(ctx, 'vmmap');
  const lines = printed.pop()!.text.split('\n');
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const procMaps = fs.readFileSync(`/proc/${await rpc.processPid()}/maps`, 'utf8').trim().split('\n');
  assert.equal(lines.length, procMaps.length, 'one line per mapping');
  const find = (addr: bigint) => lines.find((l) => {
    const m = /^. 0x([0-9a-f]+)-0x([0-9a-f]+)/.exec(l)!;
    return addr >= BigInt(`0x${m[1]}`) && addr < BigInt(`0x${m[2]}`);
  });
  assert.match(find(BigInt(session.state.selection!.top!.pc!))!, /r-xp binary text {2}\S+\/machine$/);
  // malloc's memory: the brk heap from the main thread, an mmap'd arena from other threads, as /proc says.
  const sAt = await num(session, 's');
  const proc = procMaps.find((l) => {
    const [lo, hi] = l.split(' ')[0]!.split('-').map((x) => BigInt(`0x${x}`));
    return sAt >= lo! && sAt < hi!;
  })!;
  assert.match(find(sAt)!, proc.endsWith('[heap]') ? /C heap \(brk\)$/ : /anonymous \(Go runtime metadata, or C mmap\)$/);
  assert.match(find(await num(session, 'RSP'))!, /Go heap arena, holds stack \(g 1\)|stack \(g 1\)/);

  // set-memory: 4 bytes of main.counter, then all 8; the old value printed; Delve and the CLI agree.
  await exec(ctx, 'set-memory -w -y &main.counter 0x7');
  assert.match(printed.pop()!.text, /^Wrote 0x00000007 at 0x[0-9a-f]+ \(was 0x55667788\)\.$/);
  assert.equal((await session.evaluate("main.counter")).result, `${0x1122334400000007n} = 0x1122334400000007`);
  await exec(ctx, 'set-memory -y &main.counter -1');
  assert.match(printed.pop()!.text, /^Wrote 0xffffffffffffffff at 0x[0-9a-f]+ \(was 0x1122334400000007\)\.$/);
  assert.match(await dlvCli(server.address, ['print main.counter']), /^18446744073709551615$/m);
  await assert.rejects(exec(ctx, 'set-memory -b -y &main.counter 300'), /300 does not fit in 1 byte/);
  // Memory that cannot be read is refused before the question, not once it is answered (trial BC); the question says what is there now.
  await assert.rejects(exec(ctx, 'set-memory -g 0x10 1'), /The 8 bytes at 0x10 cannot be read, so they cannot be written\./);
  const asked: string[] = [];
  await exec({ ...ctx, app: { ...ctx.app, ask: (text: string) => void asked.push(text) } }, 'set-memory -g &main.counter 5');
  assert.deepEqual(asked, [`Write 5 at ${hex(await num(session, '&main.counter'))} over 0xffffffffffffffff (8 bytes)?`]);
  assert.equal(store.get().view.examined, true);
});

test("telescope on a []byte whose bytes hold NULs within its length quotes all of them, as the dlv CLI prints string(b) (trial CM: cut at the first NUL, unsaid)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'bytesnul', 'package main\n\nimport "fmt"\n\nvar sink []byte\n\nfunc hold(b []byte) {\n\tfmt.Println(len(b))\n}\n\nfunc main() {\n\tbuf := make([]byte, 18)\n\tcopy(buf, "hello, memory!")\n\tsink = buf\n\thold(buf)\n}\n', 'main.hold');
  await must(app, rec, 'x/1xg &main.sink');
  const from = rec.console.length;
  await must(app, rec, 'mem telescope');
  const chain = consoleSince(rec, from);
  const cli = /^"(.*)"$/m.exec(await dlvCli(server.address, ['print string(main.sink)']))?.[1];
  assert.equal(cli, 'hello, memory!\\x00\\x00\\x00\\x00');
  assert.ok(chain.includes(`"${cli}" (len 18)`), chain);
});
