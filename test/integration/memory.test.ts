import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { memoryFeature } from '../../src/memory/feature.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { parseDelveExamine } from '../../src/memory/delve-examine.js';
import { readLE } from '../../src/memory/format.js';
import type { MemoryStore } from '../../src/memory/store.js';
import { gridRows } from '../../src/memory/view-rows.js';
import type { Session } from '../../src/session/session.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedDemo, commandContext, exec, modelsOf, waitForStop } from '../support/session.js';

/** Stops the demo at a marker line; returns the session stopped there. */
async function stoppedAt(t: TestContext, demo: string, marker: string) {
  const { server, session } = await attachedDemo(t, demo);
  // The models hear every stop from here on, as in gotui.
  modelsOf(session).createAll();
  const at = findMarker(demo, marker);
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, since);
  return { server, session, at };
}

/** Waits until the store has read the whole view at the current stop. */
function settled(store: MemoryStore, address: bigint, length: number) {
  return waitFor('the memory view to be read', () => {
    const s = store.get();
    return !s.loading && s.cache.get(address, length).complete ? s : undefined;
  });
}

async function num(session: Session, expr: string): Promise<bigint> {
  return BigInt((await session.evaluate(`uintptr(${expr})`)).result.split(' ')[0]!);
}

/** Opens `o` in the variables pane (Delve hands out memory references for what it loads) and returns its Customer field. */
async function openO(session: Session) {
  const vars = modelsOf(session).model(variablesFeature);
  const at = vars.get().rows.findIndex((v) => v.name === 'o');
  vars.move(at - vars.get().cursor.index);
  await vars.toggle();
  return vars.get().rows.find((v) => v.name === 'Customer' && v.memoryReference)!;
}

test('x/16xg $rsp shows the 16 words the dlv CLI prints for x -count 16 -size 8 -x RSP at the same stop', async (t) => {
  const { server, session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  const text = await store.examine('x/16xg $rsp');
  const rsp = await num(session, 'RSP');
  const mine = store.get().cache.get(rsp, 128);
  assert.ok(mine.complete && mine.readable.every((b) => b === 1), 'all 128 bytes read');

  const cli = await dlvCli(server.address, ['x -fmt hex -count 16 -size 8 -x RSP']);
  const rows = cli.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l));
  assert.equal(rows.length, 2, `the CLI printed two rows of 8 words:\n${cli}`);
  const theirs = parseDelveExamine(rows.join('\n'), { size: 8, format: 'hex' });
  assert.equal(theirs.address, rsp, 'both read at the same RSP');
  assert.deepEqual([...mine.bytes], [...theirs.bytes]);

  // The console gets gdb's layout: two words a row, addresses in hex.
  const words = Array.from({ length: 16 }, (_, i) => `0x${readLE(theirs.bytes, i * 8, 8).toString(16).padStart(16, '0')}`);
  assert.equal(text.split('\n').length, 8);
  assert.equal(text.split('\n')[0], `0x${rsp.toString(16)}:\t${words[0]}\t${words[1]}`);
  assert.equal(store.get().method?.title, 'dlv x');

  // The CLI left the target stopped, and this session goes on.
  assert.equal(session.state.status, 'stopped');
  assert.equal(await num(session, 'RSP'), rsp);
});

test('every read method returns the same bytes; unreadable memory shows ?? and one sentence', async (t) => {
  const { session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  const reader = store.reader;
  // Unaligned, several chunks, crossing 64-byte boundaries.
  const at = (await num(session, 'RSP')) + 3n;
  const byX = await reader.read(at, 300, 'dlvx');
  const byEval = await reader.read(at, 300, 'evaluate');
  assert.deepEqual([...byEval.bytes], [...byX.bytes]);
  assert.ok(byX.readable.every((b) => b === 1) && byEval.readable.every((b) => b === 1));

  // readMemory takes the references Delve handed out: o.Customer's data, with evaluate for the rest.
  const customer = await openO(session);
  const data = BigInt(customer.memoryReference!);
  const byRef = await reader.read(data - 8n, 32, 'readMemory');
  const byX2 = await reader.read(data - 8n, 32, 'dlvx');
  assert.deepEqual([...byRef.bytes], [...byX2.bytes]);
  assert.equal(Buffer.from(byRef.bytes.subarray(8, 8 + customer.value.length - 2)).toString(), JSON.parse(customer.value));

  for (const method of ['dlvx', 'evaluate'] as const) {
    const info = await store.setMethod(method);
    if (method === 'evaluate') assert.match(info.note ?? '', /evaluate, 64 bytes at a time/);
    const text = await store.examine('x/4xg 0x10');
    assert.equal(text, '0x10:\tCannot access memory at address 0x10');
    const s = store.get();
    assert.equal(s.status?.kind, 'error');
    assert.match(s.status!.text, /^Memory at 0x10 cannot be read \(Delve: input\/output error\); unreadable bytes show as \?\?\.$/);
    const [row] = gridRows({ address: 0x10n, format: 'x', unit: 'g', count: 4 }, 2, store.viewSource(), { first: 0, rows: 1 });
    assert.deepEqual(row!.segments.filter((seg) => seg.role === 'cell').map((seg) => seg.text), ['0x????????????????', '0x????????????????']);
  }
  // A range that runs off the end of a mapping: the mapped part reads, the rest is ??.
  await store.setMethod('auto');
  const end = await num(session, 'runtime.firstmoduledata.end');
  const pageEnd = (end + 0xfffn) & ~0xfffn;
  const partial = await reader.read(pageEnd - 16n, 32);
  assert.deepEqual([...partial.readable], [...Array(16).fill(1), ...Array(16).fill(0)]);
  assert.match(partial.errors.join(' '), /input\/output error/);
});

test('following a pointer lands where Delve says it points; Backspace returns', async (t) => {
  const { session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  const items = await num(session, '&o.Items');
  await store.examine('x/3xg &o.Items');
  assert.equal(store.get().view.address, items);
  await store.follow();
  const first = await num(session, '&o.Items[0]');
  assert.equal(store.get().view.address, first, 'the data pointer of o.Items');
  const s = await settled(store, first, 24);
  // Item{SKU string; Qty int; ...}: Qty is the third word.
  const qty = readLE(s.cache.get(first + 16n, 8).bytes, 0, 8);
  assert.equal(qty.toString(), (await session.evaluate('o.Items[0].Qty')).result);
  await store.act({ type: 'back' });
  assert.equal(store.get().view.address, items);
  // A key's refusal is said until the next key or decode, not left over what came after (trial BC).
  await assert.rejects(store.act({ type: 'back' }), /There is no earlier view to go back to\./);
  assert.equal(store.get().status?.text, 'There is no earlier view to go back to.');
  await store.act({ type: 'move', direction: 'down' });
  assert.equal(store.get().status?.text, undefined);
  await assert.rejects(store.act({ type: 'back' }));
  await store.decode('slice');
  assert.equal(store.get().status?.text, undefined);
});

test('a word that changes is marked after next, in the view and in a watch', async (t) => {
  const { session } = await stoppedAt(t, 'orders', 'gotui:item');
  const store = modelsOf(session).model(memoryFeature);
  const sumAt = await num(session, '&sum');
  const nAt = await num(session, '&n');
  await store.examine('x/1xg &sum');
  await settled(store, sumAt, 8);
  await store.examine('x/1xg &n');
  store.watch();
  await store.examine('x/1xg &sum');
  const since = session.stopCount;
  await session.step('next');
  await waitForStop(session, since);
  const s = await waitFor('the view and the watch read again', () => {
    const snap = store.get();
    return snap.stop > since && !snap.loading && snap.cache.get(sumAt, 8).complete && snap.watches[0]?.current && snap.watches[0]?.previous ? snap : undefined;
  });
  const cells = gridRows({ address: sumAt, format: 'x', unit: 'g', count: 1, cursor: sumAt }, 1, store.viewSource(), { first: 0, rows: 1 })[0]!.segments.filter((x) => x.role === 'cell');
  assert.equal(cells[0]!.changed, true, `sum changed: ${(await session.evaluate('sum')).result}`);
  // n changes on the next line only: its watch has no mark yet.
  const w = s.watches[0]!;
  assert.equal(w.grid.address, nAt);
  assert.equal(gridRows(w.grid, 1, store.watchSource(w), { first: 0, rows: 1 })[0]!.segments.some((x) => x.changed), false);
  const since2 = session.stopCount;
  await session.step('next');
  await waitForStop(session, since2);
  await waitFor('the watch read again', () => {
    const ww = store.get().watches[0];
    return store.get().stop > since2 && ww?.current && !store.get().loading ? ww : undefined;
  });
  const w2 = store.get().watches[0]!;
  assert.equal(gridRows(w2.grid, 1, store.watchSource(w2), { first: 0, rows: 1 })[0]!.segments.some((x) => x.changed), true, 'n changed on its line');
  assert.match(store.watchesText(), new RegExp(`^#1 x/1xg 0x${nAt.toString(16)} \\(&n at stop \\d+\\)\n {2}0x${nAt.toString(16)}:\t0x[0-9a-f]{16}\\*$`));
});

test('x continues where it stopped; x/i disassembles with function names; x/s reads C strings', async (t) => {
  const { session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  const rsp = await num(session, 'RSP');
  await store.examine('x/4xg $sp');
  const more = await store.examine('x');
  assert.equal(store.get().view.address, rsp + 32n);
  assert.match(more, new RegExp(`^0x${(rsp + 32n).toString(16)}:\\t`));

  const pc = await num(session, 'RIP');
  const code = await store.examine('x/3i $pc');
  const lines = code.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, new RegExp(`^=> 0x${pc.toString(16)} <main\\.process\\+\\d+>:\\t\\S`));
  assert.equal(store.get().view.items[0], pc);
  await store.act({ type: 'move', direction: 'down' });
  assert.equal(store.get().view.cursor, store.get().view.items[1]);

  const customer = await openO(session);
  const s = await store.examine(`x/s ${customer.memoryReference}`);
  assert.match(s, new RegExp(`^${customer.memoryReference}:\\t"${JSON.parse(customer.value)}`));
  await assert.rejects(store.examine('x/4xg nosuchvar'), /nosuchvar/);
});

test('the x and mem commands: console text, the degraded-read note, watches, decode, copy', async (t) => {
  const { server, session } = await stoppedAt(t, 'orders', 'gotui:process');
  const printed: { text: string; kind?: string }[] = [];
  const focused: string[] = [];
  const ctx = commandContext(session, printed, focused);
  const mem = { run: (c: typeof ctx, a: string) => exec(c, `mem ${a}`) };
  const x = { run: (c: typeof ctx, a: string) => exec(c, `x${a.startsWith('/') ? '' : ' '}${a}`) };
  const items = await num(session, '&o.Items');

  await mem.run(ctx, 'method evaluate');
  assert.match(printed.pop()!.text, /^Memory is read through evaluate 64 B\. Reading through evaluate, 64 bytes at a time \(forced with :mem method evaluate; :mem method auto picks the best\)\.$/);
  await x.run(ctx, '/3xg &o.Items');
  assert.equal(printed[0]!.kind, 'result');
  assert.match(printed[0]!.text, new RegExp(`^0x${items.toString(16)}:\\t0x[0-9a-f]{16}\\t0x0{15}\\d\n0x${(items + 16n).toString(16)}:\\t0x0{15}\\d$`));
  assert.match(printed[1]!.text, /^Reading through evaluate, 64 bytes at a time/, 'the note comes once');
  assert.deepEqual(focused, ['memory']);
  printed.length = 0;
  await x.run(ctx, '');
  assert.equal(printed.length, 1, 'x continues, and the note is not repeated');
  await mem.run(ctx, 'method auto');
  assert.equal(printed.pop()!.text, 'Memory is read through dlv x.');

  await x.run(ctx, '/3xg &o.Items');
  await mem.run(ctx, 'watch');
  // The watch keeps the address &o.Items gave, and says which stop that was.
  const pinned = `x/3xg 0x${items.toString(16)} \\(&o\\.Items at stop ${session.stopCount}\\)`;
  assert.match(printed.pop()!.text, new RegExp(`^Watch #1: ${pinned}, re-read at every stop\\.$`));
  await mem.run(ctx, 'watches');
  assert.match(printed.pop()!.text, new RegExp(`^#1 ${pinned}\n {2}0x`));
  await mem.run(ctx, 'decode slice');
  const decoded = printed.pop()!;
  assert.equal(decoded.kind, 'result');
  assert.match(decoded.text, new RegExp(`^slice header at 0x${items.toString(16)}\n {2}data 0x[0-9a-f]+ \\(heap\\) {2}len \\d+ {2}cap \\d+\n {2}no problems found$`));
  await mem.run(ctx, 'copy');
  assert.match(printed.pop()!.text, new RegExp(`^0x${items.toString(16)}: 0x[0-9a-f]{16}  heap$`));
  await mem.run(ctx, 'unwatch 1');
  await assert.rejects(mem.run(ctx, 'unwatch 1'), /There is no watch #1\./);
  await assert.rejects(mem.run(ctx, 'format q'), /'q' is not a format/);
  await mem.run(ctx, 'format d');
  assert.equal(modelsOf(session).model(memoryFeature).get().view.format, 'd');
  assert.ok(modelsOf(session).model(memoryFeature).get().decode, 'the decode shows in the pane');
  await mem.run(ctx, 'back');
  assert.equal(modelsOf(session).model(memoryFeature).get().view.address, items + 24n, 'back to where the bare x went');
  assert.equal(modelsOf(session).model(memoryFeature).get().decode, undefined, 'a decode of the view left behind goes with it');
  assert.equal(modelsOf(session).model(memoryFeature).get().label, `0x${(items + 24n).toString(16)}`);
  await assert.rejects(mem.run(ctx, 'back'), /There is no earlier view to go back to/);
  // A command that fails after a key's refusal takes it off the pane: its own sentence is the one said (trial BR:
  // `nothing to follow` stayed on the pane beside `o.Items is a []main.Item, not an address`).
  assert.match(modelsOf(session).model(memoryFeature).get().status?.text ?? '', /no earlier view/);
  await assert.rejects(mem.run(ctx, 'at o.Items'), /o\.Items is a \[\]main\.Item, not an address/);
  assert.equal(modelsOf(session).model(memoryFeature).get().status, undefined);

  // Memory that cannot be read: decoded as a type, it is a problem, not "no problems found".
  await mem.run(ctx, 'at 0x10');
  await mem.run(ctx, 'decode main.Order');
  const unread = printed.pop()!;
  assert.equal(unread.kind, 'warning');
  assert.match(unread.text, /problem: part of the main\.Order at 0x10 cannot be read \(input\/output error\)/);
  assert.doesNotMatch(unread.text, /no problems found/);
  // A type the program does not have: one sentence, not Delve's words about a function call and "no problems found" (trial AA); the dlv CLI cannot read it as one either.
  const cli = await dlvCli(server.address, ["print *(*main.Nope)(0x10)"]);
  assert.match(cli, /function calls not allowed/, cli);
  await assert.rejects(mem.run(ctx, 'decode main.Nope'), (e: Error & { hint?: string }) => (assert.equal(e.message, 'The program has no type main.Nope: Delve cannot read 0x10 as one.'), assert.match(e.hint ?? '', /^:types Nope lists/), true));
  // gdb's line for it, then where memory can be read (trial J).
  printed.length = 0;
  await x.run(ctx, '/2xg 0x10');
  assert.deepEqual(printed.map((p) => p.kind), ['error', 'info']);
  assert.equal(printed[0]!.text, '0x10:\tCannot access memory at address 0x10');
  assert.equal(printed[1]!.text, "Nothing at 0x10 can be read: :vmmap (m in the memory pane) lists the process's mappings.");
  // Counted backwards, the view starts 24 bytes before &o.Items, and its title says so (not that &o.Items is there).
  await x.run(ctx, '/-3xg &o.Items');
  assert.equal(modelsOf(session).model(memoryFeature).get().view.address, items - 24n);
  assert.equal(modelsOf(session).model(memoryFeature).get().label, '&o.Items-24');
  // Not an address (a map, a slice, a string): what it is, and where its memory is, in expressions x takes.
  const refused = async (arg: string, message: RegExp, hint: RegExp) =>
    assert.rejects(x.run(ctx, arg), (e: Error & { hint?: string }) => (assert.match(e.message, message), assert.match(e.hint ?? '', hint), true));
  await refused('/4xg o.Tags', /^o\.Tags is a map\[string\]string, not an address\.$/, /&o\.Tags is where it is/);
  await refused('/4xg o.Items', /^o\.Items is a \[\]main\.Item, not an address\.$/, /start at &o\.Items\[0\]/);
  await refused('/s o.Customer', /^o\.Customer is a string, not an address\.$/, /\*\(\*uintptr\)\(unsafe\.Pointer\(&o\.Customer\)\)/);
  // A package variable the program lacks (or the linker left out): not said to be a missing function (trial CI); the dlv CLI finds no symbol either.
  assert.match(await dlvCli(server.address, ['print &main.nosuch']), /could not find symbol|has no function nosuch/);
  await refused('/8xg &main.nosuch', /^Cannot evaluate '&main\.nosuch': package main has no variable or function nosuch \(the linker leaves out package variables the program never uses\)\.$/, /./);
  // gdb's way to follow a stack word, in Go: Delve cannot dereference an integer made an
  // unsafe.Pointer ("unsupported kind"), so gotui asks it without the unsafe.Pointer.
  const word = BigInt(/0x[0-9a-f]+|\d+/.exec((await session.evaluate('*(*uintptr)(RSP+8)')).result)![0]);
  await x.run(ctx, '/1xg *(*uintptr)(unsafe.Pointer($rsp+8))');
  assert.equal(modelsOf(session).model(memoryFeature).get().view.address, word);
  // The hint's expression reads the string's bytes: its first is the string's first.
  await x.run(ctx, '/1c *(*uintptr)(unsafe.Pointer(&o.Customer))');
  const customer = (await session.evaluate('o.Customer')).result.replace(/^"|"$/g, '');
  assert.match(printed.pop()!.text, new RegExp(`'${customer[0]}'`));
  // The telescope from a string's header: its data pointer, then the text there: in Go's packed
  // rodata no NUL ends it (trial J: "rob", customers[4], was read as the number its bytes make), the
  // header's length does (trial CE: read on into the next string); the dlv CLI prints the string.
  await x.run(ctx, '/1xg &customers[4]');
  await mem.run(ctx, 'telescope');
  const data = await num(session, '*(*uintptr)(unsafe.Pointer(&customers[4]))');
  const str = /^"([^"]*)"$/m.exec(await dlvCli(server.address, ['print customers[4]']))![1]!;
  assert.match(printed.pop()!.text, new RegExp(`^0x[0-9a-f]+: 0x${data.toString(16)} "${str}" \\(len ${str.length}\\)$`));
});

test('x/8xg $rsp follows $rsp at every stop, as gdb\'s display does, also once Backspace comes back to it; paged away, the view stays and its title gives the address', async (t) => {
  const { server, session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  await store.examine('x/8xg $rsp');
  const before = await num(session, 'RSP');
  // Enter on a word, a step, then Backspace (trial J): the view is $rsp's again, this stop's.
  const away = before + 64n;
  await store.act({ type: 'follow', pointer: away });
  assert.equal(store.get().label, `0x${away.toString(16)}`);
  const since = session.stopCount;
  await session.step('stepIn');
  await waitForStop(session, since);
  await waitFor('the followed view read at the stop', () => (store.get().stop > since && !store.get().loading ? true : undefined));
  assert.equal(store.get().view.address, away, 'a followed address stays where it is');
  await store.act({ type: 'back' });
  const rsp = await num(session, 'RSP');
  assert.notEqual(rsp, before, 'stepping into a call moved the stack pointer');
  const s = await waitFor('the view at this stop\'s $rsp, read', () => {
    const snap = store.get();
    return snap.stop > since && snap.view.address === rsp && !snap.loading && snap.cache.get(rsp, 64).complete ? snap : undefined;
  });
  assert.equal(s.label, '$rsp');
  const cli = await dlvCli(server.address, ['x -fmt hex -count 8 -size 8 -x RSP']);
  const theirs = parseDelveExamine(cli.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).join('\n'), { size: 8, format: 'hex' });
  assert.equal(theirs.address, rsp);
  assert.deepEqual([...s.cache.get(rsp, 64).bytes], [...theirs.bytes], 'the words the dlv CLI reads at $rsp');

  await store.act({ type: 'page', direction: 'down' });
  const paged = store.get().view.address;
  assert.equal(store.get().label, `0x${paged.toString(16)}`);
  const since2 = session.stopCount;
  await session.step('stepOut');
  await waitForStop(session, since2);
  await waitFor('the view read at the next stop', () => (store.get().stop > since2 && !store.get().loading ? true : undefined));
  assert.equal(store.get().view.address, paged, 'an address stays where it is');
  // Backspace from the paged view: the view $rsp names at this stop again (trial BI: it went to the view before $rsp's).
  await store.act({ type: 'back' });
  const cli2 = await dlvCli(server.address, ['x -fmt hex -count 8 -size 8 -x RSP']);
  const now = parseDelveExamine(cli2.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).join('\n'), { size: 8, format: 'hex' });
  const s2 = await waitFor('the view at $rsp again', () => (store.get().view.address === now.address && !store.get().loading ? store.get() : undefined));
  assert.equal(s2.label, '$rsp');
  assert.deepEqual([...s2.cache.get(now.address, 64).bytes], [...now.bytes], 'the words the dlv CLI reads at $rsp');
});

test('a view of &local, once its function has returned, stays where it was and says so (the dlv CLI has no such variable there either)', async (t) => {
  const { server, session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  await store.examine('x/8xb &sum');
  const at = store.get().view.address;
  const since = session.stopCount;
  await session.step('stepOut');
  await waitForStop(session, since);
  assert.match(await dlvCli(server.address, ['print sum']), /could not find symbol value for sum/);
  const s = await waitFor('the view read at the next stop', () => (store.get().stop > since && !store.get().loading ? store.get() : undefined));
  assert.equal(s.view.address, at, 'the view stays');
  assert.equal(s.label, `0x${at.toString(16)}`);
  assert.equal(s.status?.text, `&sum has no value at this stop: the view stays at 0x${at.toString(16)}.`);
});

test("at a function's entry, &o of an argument still in registers is refused: Delve's 0xbeef… address is no memory of the process", async (t) => {
  const { session } = await attachedDemo(t, 'orders');
  modelsOf(session).createAll();
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'function', spec: 'main.process' });
  await waitForStop(session, since);
  // Delve's address for it (the dlv CLI prints `(*main.Order)(0xbeef000000000000)`).
  const fake = /0x[0-9a-f]+/.exec((await session.evaluate('uintptr(unsafe.Pointer(&o))')).result)?.[0];
  assert.match(fake ?? '', /^0xbeef/, 'Delve names a placeholder address here');
  const store = modelsOf(session).model(memoryFeature);
  await assert.rejects(store.examine('x/8xg &o'), /^UserError: 0xbeef0+ is no memory of the process: Delve gives that address to a value it holds in registers/);
});

test("a decode under the view is read again at every stop, at the cursor, as the dlv CLI reads those words then: never left from an earlier stop (trial AF)", async (t) => {
  const { server, session } = await stoppedAt(t, 'orders', 'gotui:process');
  const store = modelsOf(session).model(memoryFeature);
  await store.examine('x/8xg $rsp');
  await store.decode('slice');
  for (let i = 0; i < 3; i++) {
    const since = session.stopCount;
    await session.step('next');
    await waitForStop(session, since);
    const snap = await waitFor("this stop's decode", () => {
      const s = store.get();
      return s.stop > since && !s.loading && s.decode ? s : undefined;
    });
    const at = snap.view.cursor;
    assert.equal(snap.decode!.title, `slice header at 0x${at.toString(16)}`);
    const cli = await dlvCli(server.address, [`x -fmt hex -count 3 -size 8 -x 0x${at.toString(16)}`]);
    const words = parseDelveExamine(cli.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).join('\n'), { size: 8, format: 'hex' });
    const [data, len, cap] = [0, 8, 16].map((o) => readLE(words.bytes, o, 8));
    assert.match(snap.decode!.lines[0]!, new RegExp(`^data ${data === 0n ? 'nil' : `0x${data!.toString(16)}\\b`}.*  len ${BigInt.asIntN(64, len!)}  cap ${BigInt.asIntN(64, cap!)}$`), cli);
  }
});
