// Every register (general, x87, mxcsr, xmm0-15) as gdb's `info all-registers`
// prints it, on a core Delve wrote at the same stop, with change marks that
// agree with what gdb sees change between two stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registersFeature } from '../../src/registers/feature.js';
import { gdbAtStop } from '../support/gdb.js';
import { commandContext, exec, stoppedAtMarker, waitForStop } from '../support/session.js';

/** gdb's lines by register name. */
function byName(lines: readonly string[]): Map<string, string> {
  return new Map(lines.flatMap((l) => {
    const m = /^(\w+)\s/.exec(l);
    return m ? [[m[1]!, l] as const] : [];
  }));
}

test(':info all-registers prints every register Delve gives exactly as gdb does, and marks what changed', async (t) => {
  const { server, session, models } = await stoppedAtMarker(t, 'machine', 'gotui:floats');
  await session.removeAllBreakpoints();
  const printed: { text: string; kind?: string }[] = [];
  const ctx = commandContext(session, printed);

  await exec(ctx, 'info all-registers');
  const first = printed.pop()!.text.split('\n');
  assert.match(first[0]!, /^All registers of goroutine 1, frame 0:$/);
  const mine = first.slice(1);
  const names = mine.map((l) => /^(\w+)/.exec(l)![1]!);
  for (const want of ['rax', 'rip', 'eflags', 'st0', 'st7', 'fctrl', 'fstat', 'xmm0', 'xmm15', 'mxcsr']) assert.ok(names.includes(want), want);

  const gdb1 = await gdbAtStop(t, server.address, server.binary);
  if (!gdb1) return;
  // On an AVX-512 machine gdb lists zmm0-31 in `info all-registers`; the xmm views are asked by name.
  const XMM = `info registers ${Array.from({ length: 16 }, (_, i) => `xmm${i}`).join(' ')}`;
  const g1 = byName((await gdb1.run(['info all-registers', XMM])).flat());
  // gdb's description of a core has no fs_base and gs_base (Delve's notes do not carry them).
  const shared = names.filter((n) => g1.has(n));
  assert.deepEqual(names.filter((n) => !g1.has(n)), ['fs_base', 'gs_base']);
  assert.deepEqual(mine.filter((_, i) => g1.has(names[i]!)), shared.map((n) => g1.get(n)), 'every line as gdb prints it');
  // The C code left doubles in the SSE registers: gdb's lanes are their bits.
  assert.ok(mine.some((l) => /^xmm\d+ +\{v8_bfloat16 = \{.*v2_double = \{0x4[0-9a-f]{15}/.test(l)), 'a double in some xmm register');

  // One line on: the marks name exactly the registers whose gdb lines changed.
  const since = session.stopCount;
  await session.step('next');
  await waitForStop(session, since);
  await exec(ctx, 'regs -a');
  const second = printed.pop()!.text.split('\n').slice(1);
  const gdb2 = await gdbAtStop(t, server.address, server.binary);
  const g2 = byName((await gdb2!.run(['info all-registers', XMM])).flat());
  const unmarked = second.map((l) => l.replace(/ {2}\*$/, ''));
  assert.deepEqual(unmarked.filter((_, i) => g2.has(names[i]!)), shared.map((n) => g2.get(n)));
  const marked = second.filter((l) => l.endsWith('  *')).map((l) => /^(\w+)/.exec(l)![1]!).filter((n) => g2.has(n)).sort();
  const differ = shared.filter((n) => g1.get(n) !== g2.get(n)).sort();
  assert.deepEqual(marked, differ);
  assert.ok(marked.includes('rip'), 'rip moved');
  assert.deepEqual([...models.model(registersFeature).get().machineChanged].filter((n) => g2.has(n)).sort(), differ);

  // Named: a vector or control register beside a general one, as gdb's `info registers xmm0 mxcsr` prints it.
  await exec(ctx, 'regs rip $XMM0 mxcsr');
  const named = printed.pop()!.text.split('\n').slice(1).map((l) => l.replace(/ {2}\*$/, ''));
  assert.equal(named.length, 3, named.join('\n'));
  assert.match(named[0]!, /^\*? +rip 0x[0-9a-f]{16}/, 'the general register as :regs prints it');
  assert.deepEqual(named.slice(1), [g2.get('xmm0'), g2.get('mxcsr')]);
  await exec(ctx, 'regs -a xmm1');
  assert.deepEqual(printed.pop()!.text.split('\n').slice(1).map((l) => l.replace(/ {2}\*$/, '')), [g2.get('xmm1')], ':regs -a NAME prints only that one');
  await assert.rejects(exec(ctx, 'regs xmm99'), (e: Error & { hint?: string }) => /^No register xmm99 in this frame\.$/.test(e.message) && /:regs -a lists the x87, mxcsr and xmm ones too/.test(e.hint ?? ''));
  // One that is not there leaves the others shown (trial AL: the whole command was refused).
  await exec(ctx, 'regs rip xmm99');
  const some = printed.pop()!.text.split('\n').slice(1);
  assert.match(some[0]!, /^\*? +rip 0x[0-9a-f]{16}/);
  assert.deepEqual(some.slice(1), ['No register xmm99 in this frame.']);
});
