import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ElfFile } from '../../src/binary/elf.js';
import type { CommandContext } from '../../src/commands/types.js';
import { findMarker } from '../../src/demos/build.js';
import { memoryFor } from '../../src/memory/store.js';
import { registerCommands } from '../../src/registers/commands.js';
import { registersFor, type RegistersStore } from '../../src/registers/store.js';
import type { Session } from '../../src/session/session.js';
import { testDelve, waitFor } from '../support/delve.js';
import { attachedDemo, waitForStop } from '../support/session.js';

function loaded(store: RegistersStore, session: Session, what = 'the registers of this stop') {
  return waitFor(what, () => {
    const s = store.get();
    return !s.loading && s.registers.length && s.goroutine === session.state.selectedThreadId && s.frame === session.state.selectedFrame ? s : undefined;
  });
}

function fakeContext(session: Session, printed: string[], focused: string[] = []): CommandContext {
  return {
    session,
    print: (text) => printed.push(text),
    app: { focus: (pane) => focused.push(pane), quit: async () => {}, detach: async () => {}, reconnect: async () => {} },
    run: async () => true,
    // No feature tools are needed by regs.
    tools: {} as CommandContext['tools'],
  };
}

/** `regs` from the dlv CLI against the same server (answering n keeps the server and the target as they are). */
async function cliRegs(address: { host: string; port: number }): Promise<Map<string, bigint>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-regs-'));
  const init = path.join(dir, 'init');
  fs.writeFileSync(init, 'regs\nexit\n');
  const dlv = await testDelve();
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(dlv, ['connect', `${address.host}:${address.port}`, '--init', init], { stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`dlv connect hung:\n${text}`))), 20_000);
      child.stdout.on('data', (d) => (text += d));
      child.stdin.end('n\n');
      child.on('exit', () => (clearTimeout(timer), resolve(text)));
    });
    return new Map([...out.matchAll(/^\s*(\w+) = (0x[0-9a-f]+)/gm)].map((m) => [m[1]!.toLowerCase(), BigInt(m[2]!)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('registers: the values the dlv CLI shows, annotated, changed ones marked after next, per frame', async (t) => {
  const { server, session } = await attachedDemo(t, 'orders');
  const at = findMarker('orders', 'gotui:process');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, 0);
  const store = registersFor(session);
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
  assert.equal(s.annotations.get('rip')?.label, `main.process+0x${(byName.get('rip')! - BigInt(fn.value)).toString(16)}`);
  assert.equal(s.annotations.get('rsp')?.label, 'stack (g 1)');
  assert.equal(s.annotations.get('rsp')?.kind, 'stack');
  const printed: string[] = [];
  const regs = registerCommands[0]!;
  await regs.run(fakeContext(session, printed), '');
  assert.match(printed[0]!, /^Registers of goroutine 1, frame 0:\n/);
  assert.match(printed[0]!, /\n {5}rip 0x[0-9a-f]{16} {2}main\.process\+0x[0-9a-f]+\n/);
  assert.match(printed[0]!, /\n {2}rflags 0x[0-9a-f]{16} \[[A-Z =0-9]+\]/);

  const since = session.state.stopCount;
  await session.step('next');
  await waitForStop(session, since);
  s = await waitFor('registers of the new stop', () => (store.get().changed.has('rip') ? store.get() : undefined));
  assert.equal(s.changed.has('cs'), false, 'a segment register does not change');
  printed.length = 0;
  await regs.run(fakeContext(session, printed), 'rip cs');
  assert.match(printed[0]!, /\(\* changed since the previous stop\):\n\* {4}rip 0x/);
  assert.match(printed[0]!, /\n {6}cs 0x0{14}33$/);

  // Frame 1 has what unwinding recovers; Enter there opens memory at its rsp.
  await session.selectFrame(1);
  s = await loaded(store, session, 'the registers of frame 1');
  assert.deepEqual(s.registers.map((r) => r.name).sort(), ['rbp', 'rip', 'rsp']);
  store.move(1);
  const focused: string[] = [];
  await regs.run(fakeContext(session, printed, focused), 'open');
  const view = memoryFor(session).get().view;
  assert.equal(view.address, s.registers[1]!.value);
  assert.equal(view.format, 'x');
  assert.equal(view.unit, 'g');
  assert.deepEqual(focused, ['memory']);
  await assert.rejects(regs.run(fakeContext(session, printed), 'rax'), /No register rax in this frame/);
});
