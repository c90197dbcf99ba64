import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElfFile } from '../../src/binary/elf.js';
import { findMarker } from '../../src/demos/build.js';
import { memoryFeature } from '../../src/memory/feature.js';
import { registersFeature } from '../../src/registers/feature.js';
import type { RegistersStore } from '../../src/registers/store.js';
import type { Session } from '../../src/session/session.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedDemo, commandContext, exec, modelsOf, waitForStop } from '../support/session.js';

function loaded(store: RegistersStore, session: Session, what = 'the registers of this stop') {
  return waitFor(what, () => {
    const s = store.get();
    return !s.loading && s.registers.length && s.goroutine === session.state.selection?.goroutine && s.frame === session.currentFrame()?.index ? s : undefined;
  });
}

/** `regs` from the dlv CLI against the same server. */
async function cliRegs(address: { host: string; port: number }): Promise<Map<string, bigint>> {
  const out = await dlvCli(address, ['regs']);
  return new Map([...out.matchAll(/^\s*(\w+) = (0x[0-9a-f]+)/gm)].map((m) => [m[1]!.toLowerCase(), BigInt(m[2]!)]));
}

test('registers: the values the dlv CLI shows, annotated, changed ones marked after next, per frame', async (t) => {
  const { server, session } = await attachedDemo(t, 'orders');
  modelsOf(session).createAll();
  const at = findMarker('orders', 'gotui:process');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, 0);
  const store = modelsOf(session).model(registersFeature);
  // Annotations are read only while the pane is on screen: show it, as pressing 6 would.
  store.setShown(true);
  let s = await loaded(store, session);

  const byName = new Map(s.registers.map((r) => [r.name, r.value]));
  const cli = await cliRegs(server.address);
  for (const name of ['rip', 'rsp', 'rbp', 'rax', 'rbx', 'r14', 'rflags']) assert.equal(byName.get(name), cli.get(name), `${name} as the CLI shows it`);
  assert.equal(s.changed.size, 0, 'nothing is marked at the first stop');

  // rip names its function (checked against the binary's symbol table), rsp its goroutine's stack.
  s = await waitFor('annotations', () => (store.get().annotations.get('rip')?.label.includes('+') ? store.get() : undefined));
  const elf = ElfFile.open(server.binary);
  const fn = elf.symbols().find((x) => x.name === 'main.process')!;
  elf.close();
  assert.equal(s.annotations.get('rip')?.label, `main.process+${byName.get('rip')! - BigInt(fn.value)}`);
  assert.equal(s.annotations.get('rsp')?.label, 'stack (g 1)');
  assert.equal(s.annotations.get('rsp')?.kind, 'stack');
  const out: { text: string }[] = [];
  const regs = { run: (c: ReturnType<typeof commandContext>, a: string) => exec(c, `regs ${a}`) };
  await regs.run(commandContext(session, out), '');
  assert.match(out[0]!.text, /^Registers of goroutine 1, frame 0:\n/);
  assert.match(out[0]!.text, /\n {5}rip 0x[0-9a-f]{16} {2}main\.process\+\d+\n/);
  assert.match(out[0]!.text, /\n {2}rflags 0x[0-9a-f]{16} \[[A-Z =0-9]+\]/);

  const since = session.stopCount;
  await session.step('next');
  await waitForStop(session, since);
  s = await waitFor('registers of the new stop', () => (store.get().changed.has('rip') ? store.get() : undefined));
  assert.equal(s.changed.has('cs'), false, 'a segment register does not change');
  out.length = 0;
  await regs.run(commandContext(session, out), 'rip cs');
  assert.match(out[0]!.text, /\(\* changed since the previous stop\):\n\* {4}rip 0x/);
  assert.match(out[0]!.text, /\n {6}cs 0x0{14}33$/);
  // gdb's names for them: eflags is rflags, $pc rip; in the order asked, as gdb prints them.
  out.length = 0;
  await regs.run(commandContext(session, out), 'eflags $pc');
  assert.match(out[0]!.text, /\n.{2}rflags 0x[0-9a-f]{16}.*\n.{5}rip 0x[0-9a-f]{16}/);

  // Frame 1 has what unwinding recovers; Enter there opens memory at its rsp.
  await session.selectFrame(1);
  s = await loaded(store, session, 'the registers of frame 1');
  assert.deepEqual(s.registers.map((r) => r.name).sort(), ['rbp', 'rip', 'rsp']);
  store.move(1);
  const focused: string[] = [];
  await regs.run(commandContext(session, out, focused), 'open');
  const view = modelsOf(session).model(memoryFeature).get().view;
  assert.equal(view.address, s.registers[1]!.value);
  assert.equal(view.format, 'x');
  assert.equal(view.unit, 'g');
  assert.deepEqual(focused, ['memory']);
  await assert.rejects(regs.run(commandContext(session, out), 'rax'), (e: Error & { hint?: string }) => e.message === 'No register rax in this frame: Delve restores only rip rsp rbp in an outer frame (:frame 0 has them all).' && e.hint === ':frame 0, then :regs, reads every register where the target stopped.');
  // Asked with those it has, they are shown, and the one it lacks said after them (trial AL).
  out.length = 0;
  await regs.run(commandContext(session, out), 'rip rsp rax');
  const lines = out.map((o) => o.text).join('\n').split('\n');
  assert.ok(lines.some((l) => /^\*? +rip 0x/.test(l)) && lines.some((l) => /^\*? +rsp 0x/.test(l)), lines.join('\n'));
  assert.equal(lines.at(-1), 'No register rax in this frame: Delve restores only rip rsp rbp in an outer frame (:frame 0 has them all).');
  // With the pane not on the screen, :regs in an outer frame prints them annotated as the pane does, and says why so few (trial BC: bare values).
  store.setShown(false);
  out.length = 0;
  await regs.run(commandContext(session, out), '');
  const all = out.map((o) => o.text).join('\n');
  assert.match(all, /^Registers of goroutine 1, frame 1/);
  assert.match(all, /\n\*? +rip 0x[0-9a-f]{16} {2}main\.main\+\d+\n/, all);
  assert.match(all, /\n\*? +rsp 0x[0-9a-f]{16} {2}stack \(g 1\)\n/, all);
  assert.match(all, /\nFrame 1: Delve restores only these as it unwinds \(:frame 0 has every register\)\.$/, all);
});

test("a parked goroutine's registers: the few the runtime saved, said so, rip where the dlv CLI says the goroutine is (trial CE: three registers, unexplained)", async (t) => {
  const { server, session } = await attachedDemo(t, 'orders');
  modelsOf(session).createAll();
  const at = findMarker('orders', 'gotui:process');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, 0);
  // Goroutine 2 is the runtime's forcegc helper: parked until the GC wants it, on no thread.
  await session.selectGoroutine(2);
  const store = modelsOf(session).model(registersFeature);
  store.setShown(true);
  const s = await loaded(store, session);
  assert.equal(s.goroutine, 2);
  assert.ok(s.registers.length > 0 && s.registers.length < 8, s.registers.map((r) => r.name).join(' '));
  // Where it is parked, as the dlv CLI's goroutines -r says (its regs would print the current thread's).
  const cli = await dlvCli(server.address, ['goroutines -r']);
  const pc = /\(0x([0-9a-f]+)\)/.exec(cli.split('\n').find((l) => /^\s*Goroutine 2 - Runtime: /.test(l)) ?? '')?.[1];
  assert.ok(pc, cli);
  assert.equal(s.registers.find((r) => r.name === 'rip')?.value, BigInt(`0x${pc}`), cli);
  const out: { text: string }[] = [];
  await exec(commandContext(session, out), 'regs');
  assert.match(out.map((o) => o.text).join('\n'), /\nGoroutine 2 is parked, on no thread: Delve has only what the runtime saved as it parked it \(the dlv CLI's regs prints the current thread's\)\.$/);
  await assert.rejects(exec(commandContext(session, out), 'regs rax'), (e: Error & { hint?: string }) => /^No register rax in this frame: goroutine 2 is parked, on no thread, and Delve has only the rip rsp rbp the runtime saved\.$/.test(e.message) && e.hint === 'A goroutine running on a thread has them all (:threads lists the threads and their goroutines).');
});
