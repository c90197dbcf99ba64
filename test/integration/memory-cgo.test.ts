// Scenario 2 on the cgo-slice demo: decode Go headers and interfaces in
// memory before C scribbles over them, then find the corrupted slice header
// at the fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { memoryFeature } from '../../src/memory/feature.js';
import { variablesFeature } from '../../src/variables/feature.js';
import type { Session } from '../../src/session/session.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import type { UserError } from '../../src/errors.js';
import { attachedDemo, modelsOf, waitForStop } from '../support/session.js';

async function num(session: Session, expr: string): Promise<bigint> {
  return BigInt((await session.evaluate(`uintptr(${expr})`)).result.split(' ')[0]!);
}

test('cgo-slice: slice, string and interface decoding before the scribble, the corrupt header at the fault', async (t) => {
  // Halted at attach: the demo reaches its fault within milliseconds of starting.
  const { session, server } = await attachedDemo(t, 'cgo-slice', [], true);
  modelsOf(session).createAll();
  const at = findMarker('cgo-slice', 'gotui:before-scribble');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  const halted = session.stopCount;
  await session.continue();
  await waitForStop(session, halted);
  assert.equal(session.currentFrame()!.line, at.line);
  const store = modelsOf(session).model(memoryFeature);

  // p points at pkt: following the word in p lands on pkt, in the heap (pkt escaped).
  await store.examine('x/1xg &p');
  await store.follow();
  const pkt = await num(session, '&pkt');
  assert.equal(store.get().view.address, pkt);
  assert.equal(await num(session, 'p'), pkt);
  assert.equal(store.target.annotate(pkt)?.kind, 'heap');

  // items' header is the fifth word of pkt: data, len 2, cap 4, no problems.
  await store.examine('x/8xg &pkt');
  for (let i = 0; i < 4; i++) await store.act({ type: 'move', direction: 'right' });
  assert.equal(store.get().view.cursor, pkt + 32n);
  let r = await store.decode('slice');
  assert.equal(r.title, `slice header at 0x${(pkt + 32n).toString(16)}`);
  assert.match(r.lines[0]!, new RegExp(`^data 0x${(await num(session, '&pkt.items[0]')).toString(16)} \\(heap\\) {2}len 2 {2}cap 4$`));
  assert.deepEqual(r.problems, []);
  r = await store.decode('main.packet');
  assert.equal(store.get().view.cursor, pkt + 32n);
  await store.act({ type: 'edge', edge: 'first' });
  r = await store.decode('main.packet');
  assert.match(r.lines[0]!, /^main\.packet \{buf: \[4\]uint64 \[0,0,0,0\], items: \[\]uint64 len: 2, cap: 4, \[7,9\]\}$/);

  await store.examine('x/2xg &label');
  r = await store.decode('string');
  assert.deepEqual(r.problems, []);
  assert.match(r.lines[0]!, /^data 0x[0-9a-f]+ \(rodata\) {2}len 8$/);
  assert.equal(r.lines[1], 'value "sensor-7"');

  // A string header is no interface: its length is no pointer, and its data pointer no type (trial BR: only the first said).
  r = await store.decode('iface');
  assert.deepEqual(r.problems, ['data 0x8 is not mapped in the process (Delve: input/output error).', 'Delve cannot resolve a dynamic type from these words, so they are not a live interface value.']);

  await store.examine('x/2xg &source');
  r = await store.decode('iface');
  assert.deepEqual(r.lines.slice(1), ['empty interface (any): dynamic type string', 'value "sensor-7"']);
  await store.examine('x/2xg &status');
  r = await store.decode('iface');
  assert.deepEqual(r.lines.slice(1), ['non-empty interface (itab): dynamic type *errors.errorString', 'value *{s: "not calibrated"}']);
  assert.deepEqual(r.problems, []);

  // Run into the fault: the fatal-throw stop, main.main two frames up.
  const since = session.stopCount;
  await session.continue();
  const fault = await waitForStop(session, since);
  assert.equal(fault.reason, 'exception');
  const main = fault.frames.findIndex((f) => f.name === 'main.main');
  await session.selectFrame(main);
  await store.examine('x/8xg &pkt');
  await waitFor('the view read', () => (!store.get().loading ? true : undefined));
  for (let i = 0; i < 4; i++) await store.act({ type: 'move', direction: 'right' });
  r = await store.decode('slice');
  assert.equal(r.lines[0], `data 0xdeadbeef00  len 1048576  cap 4`);
  assert.deepEqual(r.problems, ['len 1048576 is greater than cap 4.', 'data 0xdeadbeef00 is not mapped in the process (Delve: input/output error).']);
  // C's readings 1-4 are in buf; the words that overran it are the data pointer and len.
  const words = store.get().cache.get(pkt, 56);
  const w = (i: number) => new DataView(words.bytes.buffer, words.bytes.byteOffset + i * 8, 8).getBigUint64(0, true);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(w), [0x11n, 0x22n, 0x33n, 0x44n, 0xdeadbeef00n, 1n << 20n, 4n]);
  // `readings` is main's Go slice here and also sensor.c's static pointer: x names the Go one and
  // says it is no address, rather than reading C's under the Go name (both hold 0x11 0x22).
  // Its hint gives x the slice's length, as the dlv CLI prints it (trial BJ: x/Nxb for a []byte of 22).
  const sel = session.state.selection!;
  const cli = await dlvCli(server.address, [`goroutine ${sel.goroutine} frame ${sel.frame?.index ?? 0} print len(readings)`]);
  const len = /^(\d+)$/m.exec(cli)?.[1];
  assert.ok(len, cli);
  await assert.rejects(store.examine('x/2xg readings'), (err: UserError) => {
    assert.match(err.message, /readings is a \[\]uint64, not an address/);
    assert.match(err.hint ?? '', new RegExp(`\\(x/${len}xg &readings\\[0\\]\\)`), err.hint);
    return true;
  });
  await store.examine('x/2xg &readings[0]');
  const data = BigInt(/0x[0-9a-f]+/.exec((await session.evaluate('uintptr(unsafe.Pointer(&readings[0]))')).result)![0]);
  assert.equal(store.get().view.address, data);

  // The variables pane, asked to open the corrupted items: a sentence, not Delve's `index out of bounds` (trial AL).
  const vars = modelsOf(session).model(variablesFeature);
  const open = async (name: string) => {
    await waitFor(`a row ${name}`, () => vars.get().rows.some((row) => row.name === name) || undefined);
    const rows = vars.get().rows;
    vars.move(rows.findIndex((row) => row.name === name) - vars.get().cursor.index);
    return vars.toggle();
  };
  await open('pkt');
  await assert.rejects(open('items'), (e: Error & { hint?: string }) =>
    e.message === 'Delve cannot read the elements of items: its len (1048576) is greater than its cap (4), so its header is corrupted.' && e.hint === ':x/3xg &pkt.items shows its header in the memory view, where d decodes it.');
});
