import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer } from '../support/delve.js';
import { parseDelveExamine } from '../../src/memory/delve-examine.js';
import { readLE } from '../../src/memory/format.js';
import { dlvCli } from '../support/dlv-cli.js';
import { gotuiStoppedAt } from '../support/pair.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** The cursor line the memory pane shows under its rows. */
function cursorOf(screen: string): bigint | undefined {
  const m = /cursor (0x[0-9a-f]+)/.exec(screen);
  return m ? BigInt(m[1]!) : undefined;
}

test('memory in a real terminal: Enter on rsp opens it, keys move, follow, go back and decode a slice header', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 60 }, findMarker('orders', 'gotui:process').line);
  if (!term) return;

  // Registers pane: rsp is annotated as this goroutine's stack.
  await term.keys('6');
  await term.waitFor('the registers', /rsp 0x([0-9a-f]{16}) {2}stack \(g 1\)/);
  let screen = await term.waitFor('rip named by its function', /rip 0x[0-9a-f]{16} {2}main\.process\+\d+ /);
  const rsp = BigInt(`0x${/rsp 0x([0-9a-f]{16})/.exec(screen)![1]}`);

  // rip is first: one row down is rsp; Enter opens the memory pane there.
  await term.keys('j', 'Enter');
  // The title says what the expression gave: the rsp the registers pane shows.
  screen = await term.waitFor('the memory view at rsp', new RegExp(`7 Memory · x/\\d+xg \\$rsp = ${hex(rsp)} · dlv x`));
  await term.waitFor('the first row', new RegExp(`${hex(rsp)}: 0x[0-9a-f]{16}`));
  await term.waitFor('the cursor on it', new RegExp(`cursor ${hex(rsp)} `));

  // Move by unit and by row.
  await term.keys('l');
  await term.waitFor('the cursor one word on', new RegExp(`cursor ${hex(rsp + 8n)} `));
  await term.keys('h');
  await term.waitFor('the cursor back', new RegExp(`cursor ${hex(rsp)} `));
  await term.keys('j');
  screen = await term.waitFor('the cursor a row down', new RegExp(`cursor (?!${hex(rsp)} )0x`));
  assert.ok(cursorOf(screen)! > rsp + 8n, 'down moves by a whole row of words');

  // o.Items' header: Enter follows its data pointer, Backspace comes back, d decodes it.
  await term.type(':x/3xg &o.Items');
  await term.keys('Enter');
  await term.waitFor('the view at o.Items', /7 Memory · x\/3xg &o\.Items/);
  screen = await term.waitFor('the data pointer under the cursor', /cursor 0x[0-9a-f]+(?: in [^\n]*?)? {2}word 0x[0-9a-f]+ {2}→ heap/);
  const header = cursorOf(screen)!;
  const data = BigInt(/cursor 0x[0-9a-f]+(?: in [^\n]*?)? {2}word (0x[0-9a-f]+) {2}→ heap/.exec(screen)![1]!);
  await term.keys('Enter');
  await term.waitFor('the view at the data pointer', new RegExp(`7 Memory · x/3xg ${hex(data)}`));
  await term.waitFor('the cursor on the data', new RegExp(`cursor ${hex(data)} `));
  await term.keys('BSpace');
  await term.waitFor('the view back at o.Items', /7 Memory · x\/3xg &o\.Items/);
  await term.waitFor('the cursor back on the header', new RegExp(`cursor ${hex(header)} `));
  await term.keys('d');
  screen = await term.waitFor('the decoded header', new RegExp(`decode: slice header at ${hex(header)}`));
  assert.match(screen, new RegExp(`data ${hex(data)} \\(heap\\) {2}len \\d+ {2}cap \\d+`));
  assert.doesNotMatch(screen, /problem:/);

  // ? in the memory pane opens help at the memory pane's keys, not at the top.
  await term.keys('?');
  screen = await term.waitFor('help at the memory keys', /gotui help[\s\S]*In the Memory pane/);
  assert.doesNotMatch(screen, /Everywhere/, 'not the top of help');
  await term.keys('Escape');
  await term.waitFor('help closed', /7 Memory · x\/3xg/);
  // The console: Enter's echo named the register it opened.
  await term.keys('5');
  await term.waitFor("the register's name in the echo", /> regs open rsp\b/);

  // The view follows the frame selected: after :up its $rsp is frame 1's, as the dlv CLI says.
  await term.type(':x/4xg $rsp');
  await term.keys('Enter');
  await term.waitFor('the view at rsp', new RegExp(`x/4xg \\$rsp = ${hex(rsp)} `));
  const up = BigInt(/Rsp\s*=\s*(0x[0-9a-f]+)/.exec(await dlvCli(server.address, ['frame 1 regs']))![1]!);
  assert.notEqual(up, rsp);
  await term.type(':up');
  await term.keys('Enter');
  // The title names the frame whose register it is (gdb's $rsp would be frame 0's).
  await term.waitFor("the view at frame 1's rsp", new RegExp(`x/4xg \\$rsp \\(frame 1\\) = ${hex(up)} `));
  await term.waitFor('its first row', new RegExp(`${hex(up)}: 0x[0-9a-f]{16}`));
  await term.type(':down');
  await term.keys('Enter');
  await term.waitFor("the view at frame 0's rsp again", new RegExp(`x/4xg \\$rsp = ${hex(rsp)} `));
});

test('x/8i $pc at 80x24: the rows say <+N> and show every operand, as the dlv CLI disassembles them; the cursor line names the function; x/3xg names where a word points', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 }, findMarker('orders', 'gotui:process').line);
  if (!term) return;
  const pc = BigInt(/Rip\s*=\s*(0x[0-9a-f]+)/.exec(await dlvCli(server.address, ['regs']))![1]!);
  await term.type(':x/8i $pc');
  await term.keys('Enter');
  // The pane is 44 columns wide: `<main.process+N>` would leave the operands cut (trial J).
  const screen = await term.waitFor('the instruction at the pc', new RegExp(`=> ${hex(pc)} <\\+\\d+>: [^│]*│`));
  const shown = new RegExp(`=> ${hex(pc)} <\\+\\d+>: ([^│]*)│`).exec(screen)![1]!.trim();
  assert.doesNotMatch(shown, /…$/, 'not cut');
  const cli = await dlvCli(server.address, ['config disassemble-flavor gnu', `disassemble -a ${hex(pc)} ${hex(pc + 16n)}`]);
  // `*` marks a breakpoint there.
  const theirs = new RegExp(`${hex(pc)}\\*?\\s+[0-9a-f]+\\s+(.+)`).exec(cli)?.[1]?.trim();
  assert.ok(theirs, cli);
  assert.equal(shown.replace(/\s+/g, ' '), theirs.replace(/\s+/g, ' '), 'the instruction the dlv CLI disassembles there');
  await term.waitFor('the function named on the cursor line', new RegExp(`cursor ${hex(pc)} <main\\.process\\+\\d+>`));

  // Words at 80x24 say where they point, as at 200x50 (trial BR: no note, and no word why): o.Items' data
  // pointer, the dlv CLI's &o.Items[0], is said to be heap on its row, the ASCII column given up for it.
  const data = BigInt(/\((0x[0-9a-f]+)\)/.exec(await dlvCli(server.address, ['print &o.Items[0]']))![1]!);
  await term.type(':x/3xg &o.Items');
  await term.keys('Enter');
  await term.waitFor("the data pointer's row with its note", new RegExp(`│0x[0-9a-f]+: 0x0*${data.toString(16)} +heap +│`));

  // A package variable's words: the cursor line names the symbol, as gdb labels the address (trial CE);
  // where it is, the dlv CLI's &main.customers.
  const customers = BigInt(/\((0x[0-9a-f]+)\)/.exec(await dlvCli(server.address, ['print &main.customers']))![1]!);
  await term.type(':x/3xg &main.customers');
  await term.keys('Enter');
  await term.waitFor('the cursor on the variable, named', new RegExp(`cursor ${hex(customers)} <main\\.customers> in `));
  await term.keys('l');
  await term.waitFor('its len word, named by offset', new RegExp(`cursor ${hex(customers + 8n)} <main\\.customers\\+8> in `));
});

/** The memory pane's rows on a screen: each row's address and its words. */
function memoryRows(screen: string): { address: bigint; words: string[] }[] {
  return [...screen.matchAll(/│(0x[0-9a-f]+): ((?:0x[0-9a-f]{16} ?)+)/g)].map((m) => ({ address: BigInt(m[1]!), words: m[2]!.trim().split(' ') }));
}

test('x/16xg $rsp at 200x50: four words a row in the pane, the dlv CLI\'s examinemem words at the same addresses; the cursor, PgDn and Backspace move by those rows; :mem at fills the pane with them (trial CB: two a row)', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 200, rows: 50 }, findMarker('orders', 'gotui:process').line);
  if (!term) return;
  const cliWords = async (count: number) => {
    const cli = await dlvCli(server.address, [`examinemem -fmt hex -count ${count} -size 8 -x RSP`]);
    const theirs = parseDelveExamine(cli.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).join('\n'), { size: 8, format: 'hex' });
    return { address: theirs.address, words: Array.from({ length: count }, (_, i) => `0x${readLE(theirs.bytes, i * 8, 8).toString(16).padStart(16, '0')}`) };
  };
  const theirs = await cliWords(16);
  const rsp = theirs.address;

  await term.type(':x/16xg $rsp');
  await term.keys('Enter');
  await term.waitFor('the view at rsp', new RegExp(`7 Memory · x/16xg \\$rsp = ${hex(rsp)} · dlv x`));
  let screen = await term.waitFor('its last row', new RegExp(`${hex(rsp + 96n)}: (0x[0-9a-f]{16} ){3}0x[0-9a-f]{16}`));
  // The default layout gives the pane 114 columns: four words and their notes, not the ASCII column too (125).
  const rows = memoryRows(screen);
  assert.deepEqual(rows.map((r) => r.address), [rsp, rsp + 32n, rsp + 64n, rsp + 96n], screen);
  assert.deepEqual(rows.flatMap((r) => r.words), theirs.words, 'the words the dlv CLI examines there, four a row');
  assert.doesNotMatch(screen, /rows \d+-\d+ of/, 'the whole view shows');

  // Keys move by the rows shown: l by a word (four to the next row), j by a row of four.
  await term.keys('7');
  await term.keys('l', 'l', 'l', 'l');
  await term.waitFor('the cursor on the second row', new RegExp(`cursor ${hex(rsp + 32n)} `));
  await term.keys('j');
  await term.waitFor('the cursor a row of four words down', new RegExp(`cursor ${hex(rsp + 64n)} `));
  // PgDn: the next 16 words, the cursor on the same cell; the title gives the address.
  await term.keys('PageDown');
  await term.waitFor('the next page', new RegExp(`7 Memory · x/16xg ${hex(rsp + 128n)} · `));
  screen = await term.waitFor('its rows', new RegExp(`${hex(rsp + 224n)}: (0x[0-9a-f]{16} ){3}0x[0-9a-f]{16}`));
  await term.waitFor('the cursor on the same cell', new RegExp(`cursor ${hex(rsp + 192n)} `));
  const next = await cliWords(32);
  assert.deepEqual(memoryRows(screen).flatMap((r) => r.words), next.words.slice(16), 'the next 16 words the dlv CLI examines');
  await term.keys('BSpace');
  await term.waitFor('back at rsp', new RegExp(`7 Memory · x/16xg \\$rsp = ${hex(rsp)} · `));
  await term.waitFor('the cursor on its first cell', new RegExp(`cursor ${hex(rsp)} `));

  // :mem at fills the pane, four words a row.
  await term.type(':mem at $rsp');
  await term.keys('Enter');
  screen = await term.waitFor('the pane filled', /7 Memory · x\/(\d+)xg \$rsp = 0x[0-9a-f]+ · dlv x/);
  const count = Number(/x\/(\d+)xg \$rsp/.exec(screen)![1]);
  assert.ok(count > 16 && count % 4 === 0, `a pane of rows of four: ${count}`);
  screen = await term.waitFor('its last row', new RegExp(`${hex(rsp + BigInt((count - 4) * 8))}: (0x[0-9a-f]{16} ){3}0x[0-9a-f]{16}`));
  const filled = memoryRows(screen);
  assert.equal(filled.length, count / 4, screen);
  assert.deepEqual(filled.flatMap((r) => r.words), (await cliWords(count)).words);
});

test('x/40xb at 80x24: eight bytes a row in the pane, the dlv CLI\'s examinemem bytes, every row on screen; the console keeps gdb\'s rows (trial CG: four a row, rows 1-7 of 10; trial CJ: the console\'s copy was no longer gdb\'s)', async (t) => {
  const server = await startDemoServer(t, 'orders');
  const term = await gotuiStoppedAt(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 80, rows: 24 }, findMarker('orders', 'gotui:process').line);
  if (!term) return;
  const cli = await dlvCli(server.address, ['examinemem -fmt hex -count 40 -size 1 -x &main.customers']);
  const theirs = parseDelveExamine(cli.split('\n').filter((l) => /^0x[0-9a-f]+:\s/.test(l)).join('\n'), { size: 1, format: 'hex' });
  await term.type(':x/40xb &main.customers');
  await term.keys('Enter');
  const last = theirs.address + 32n;
  // The pane is 44 columns wide: gdb's eight `0x41` cells a row take 51, their digits alone 35.
  const screen = await term.waitFor('the last row of eight bytes', new RegExp(`│0x0*${last.toString(16)}: ([0-9a-f]{2} ){7}[0-9a-f]{2} +│`));
  const rows = [...screen.matchAll(/│(0x[0-9a-f]+): ((?:[0-9a-f]{2} ?)+?) *│/g)].map((m) => ({ address: BigInt(m[1]!), bytes: m[2]!.trim().split(' ') }));
  assert.deepEqual(rows.map((r) => r.address), [0n, 8n, 16n, 24n, 32n].map((o) => theirs.address + o), screen);
  assert.deepEqual(rows.flatMap((r) => r.bytes), [...theirs.bytes].map((b) => b.toString(16).padStart(2, '0')), 'the bytes the dlv CLI examines there, eight a row');
  assert.doesNotMatch(screen, /rows \d+-\d+ of|\d+-\d+\/\d+/, 'every row on screen');

  // The console keeps gdb's text, eight bytes a row (a narrow console wraps them): the last row starts at +32, none at +39.
  await term.keys('5');
  const shown = await term.waitFor("the console's last gdb row", new RegExp(`${hex(theirs.address + 32n)}(?: <[^>]+>)?:\\s+0x${theirs.bytes[32]!.toString(16).padStart(2, '0')}\\s`));
  assert.doesNotMatch(shown, new RegExp(`${hex(theirs.address + 39n)} <`), 'no row of one byte');
});
