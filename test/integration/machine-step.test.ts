// Instruction stepping and the Disassembly pane, checked after every stop
// against the dlv CLI on the same server (its `regs` and `stack`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElfFile } from '../../src/binary/elf.js';
import { disasmFeature } from '../../src/disasm/feature.js';
import { memoryFeature } from '../../src/memory/feature.js';
import { sourceFeature } from '../../src/source/feature.js';
import type { Session } from '../../src/session/session.js';
import { waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { commandContext, exec, stoppedAtMarker, waitForStop } from '../support/session.js';

/** rip and frame 0 as the dlv CLI sees them now. */
async function cli(address: { host: string; port: number }) {
  const out = await dlvCli(address, ['regs', 'stack 1']);
  const rip = /^\s*Rip = (0x[0-9a-f]+)/m.exec(out)?.[1];
  assert.ok(rip, `the CLI printed rip:\n${out}`);
  return { rip: BigInt(rip), frame: cliFrames(out)[0]! };
}

/** Runs a command and waits for the stop it causes. */
async function stepBy(session: Session, ctx: ReturnType<typeof commandContext>, line: string) {
  const since = session.stopCount;
  await exec(ctx, line);
  return waitForStop(session, since);
}

test('stepi and nexti move one instruction (over calls for nexti), the Disassembly and source panes follow, as the dlv CLI sees it', async (t) => {
  const { server, session, models } = await stoppedAtMarker(t, 'orders', 'gotui:process', (m) => m.model(disasmFeature).setShown(true));
  const dis = models.model(disasmFeature);
  await session.removeAllBreakpoints();
  const ctx = commandContext(session);

  // The pane shows main.process with ▶ at the pc and the marker's source line above it.
  let s = await waitFor('the disassembly at the pc', () => (dis.get().pc !== undefined && dis.get().instructions.length && !dis.get().loading ? dis.get() : undefined));
  assert.equal(s.instructions[0]!.function, 'main.process');
  assert.equal(s.instructions[s.cursor]!.address, s.pc);
  assert.match(s.instructions[s.cursor]!.text, /^\S+\s/);

  let sawCall = false;
  for (let i = 0; i < 12 && !sawCall; i++) {
    const pc = BigInt(session.state.selection!.top!.pc!);
    const here = s.instructions.find((x) => x.address === pc)!;
    const isCall = /^call\b/.test(here.text);
    const stop = await stepBy(session, ctx, isCall ? 'nexti' : 'stepi');
    const theirs = await cli(server.address);
    const mine = BigInt(session.state.selection!.top!.pc!);
    assert.equal(mine, theirs.rip, `after ${isCall ? 'nexti' : 'stepi'} at 0x${pc.toString(16)}`);
    assert.equal(mine, pc + BigInt(here.length), 'one instruction on (the next one after a call)');
    assert.equal(stop.frame?.name, theirs.frame.func);
    assert.equal(stop.frame?.line, theirs.frame.line);
    // nexti's temporary breakpoint after the call is its own: the stop is a step, as stepi's.
    assert.equal(session.state.stop?.reason, 'step', `after ${isCall ? 'nexti' : 'stepi'}`);
    s = await waitFor('the pane at the new pc', () => (dis.get().pc === mine && !dis.get().loading ? dis.get() : undefined));
    assert.equal(s.instructions[s.cursor]!.address, mine);
    const src = models.model(sourceFeature).get();
    assert.equal(src.stop?.line, theirs.frame.line, 'the source pane follows');
    sawCall = isCall;
  }
  assert.ok(sawCall, 'nexti stepped over a call');
});

test('break *ADDR stops at that instruction; the pane marks it and Enter follows a call', async (t) => {
  const { server, session, models } = await stoppedAtMarker(t, 'orders', 'gotui:process', (m) => m.model(disasmFeature).setShown(true));
  const dis = models.model(disasmFeature);
  const ctx = commandContext(session);
  let s = await waitFor('the disassembly', () => (dis.get().instructions.length && !dis.get().loading ? dis.get() : undefined));
  const callAt = s.instructions.findIndex((x, i) => i > s.cursor && /^call\b/.test(x.text));
  const call = s.instructions[callAt]!;
  await session.removeAllBreakpoints();
  // b on an instruction below the pc, twice: set, then cleared; the cursor stays on it (it went back to the pc).
  dis.move(callAt - s.cursor);
  const bKey = (await import('../../src/ui/keymap.js')).findBinding('b', 'disasm')!;
  for (const set of [true, false]) {
    const line = bKey.command!({ ...ctx, focus: 'disasm' } as never);
    assert.equal(line, `toggle-break *0x${call.address.toString(16)}`);
    await exec(ctx, line);
    s = await waitFor(set ? 'the breakpoint marked' : 'the breakpoint gone', () => (dis.get().breakpoints.has(call.address) === set && !dis.get().loading ? dis.get() : undefined));
    assert.equal(dis.current()?.address, call.address, 'the cursor stays on the instruction');
  }
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /Breakpoint [1-9]\d* /, 'no breakpoint of gotui left (the dlv CLI)');
  await exec(ctx, `break *0x${call.address.toString(16)}`);
  s = await waitFor('the breakpoint marked', () => (dis.get().breakpoints.has(call.address) ? dis.get() : undefined));
  const stop = await stepBy(session, ctx, 'continue');
  assert.equal(BigInt(session.state.selection!.top!.pc!), call.address);
  assert.equal((await cli(server.address)).rip, call.address);
  assert.match(stop.reason, /breakpoint/);

  // x at the breakpoint shows the instruction's bytes (the binary's), not Delve's int3, as gdb does.
  const mem = models.model(memoryFeature);
  const text = await mem.examine('x/5xb $pc');
  const elf = ElfFile.open(server.binary);
  const file = elf.readAt(Number(call.address), 5)!;
  elf.close();
  assert.equal(text.split('\t').slice(1).join(' '), [...file].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' '));
  assert.equal(file[0], 0xe8, 'a call');

  // Enter on the call goes to its target; Backspace comes back.
  s = await waitFor('the pane at the call', () => (dis.get().pc === call.address && !dis.get().loading ? dis.get() : undefined));
  const target = await dis.follow();
  s = await waitFor('the callee', () => (!dis.get().loading && dis.get().instructions[dis.get().cursor]?.address === target ? dis.get() : undefined));
  const callee = s.instructions[0]!.function!;
  assert.match(call.text, new RegExp(`^call\\s+0x${target.toString(16)} <${callee.replace(/[.*()[\]]/g, '\\$&')}>$`));
  await dis.back();
  await waitFor('back at the call', () => (!dis.get().loading && dis.get().instructions[dis.get().cursor]?.address === call.address ? true : undefined));

  // An address where no code is: refused, as the dlv CLI refuses it, naming the address as typed.
  assert.match(await dlvCli(server.address, ['break *0x10']), /input\/output error|could not|error/i);
  await assert.rejects(exec(ctx, 'break *0x10'), (e: Error) => {
    assert.match(e.message, /^No code at \*0x10\b/);
    assert.doesNotMatch(`${e.message} ${(e as { hint?: string }).hint ?? ''}`, /undefined|file\.go:LINE/);
    return true;
  });

  // A function stands for its entry, as in gdb: `break *FUNC` stops before its prologue, where the dlv CLI's rip is.
  await session.removeAllBreakpoints();
  await exec(ctx, `break *${callee}`);
  await stepBy(session, ctx, 'continue');
  assert.equal(BigInt(session.state.selection!.top!.pc!), target);
  assert.equal((await cli(server.address)).rip, target);
});
