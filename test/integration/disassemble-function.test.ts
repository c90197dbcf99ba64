import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disasmFeature } from '../../src/disasm/feature.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleSince, must, runToStop } from '../support/app.js';

test(':disassemble FUNC shows that function from its entry, where the dlv CLI\'s disassemble -l starts it; a name that is no function falls back to the address expression', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-quiet', '-every', '20ms'], { stop: true });
  await must(app, rec, 'break main.process');
  await runToStop(app, rec, 'continue');
  const cli = await dlvCli(server.address, ['disassemble -l main.applyDiscount']);
  const entry = /^\s*(?:=>\s*)?\S+:\d+\s+(0x[0-9a-f]+)/m.exec(cli.split('\n').filter((l) => /0x[0-9a-f]+/.test(l)).join('\n'))?.[1];
  assert.ok(entry, `the dlv CLI's first address:\n${cli}`);
  // The pane reads only while it is on screen (headless: shown by hand).
  const disasm = app.models.model(disasmFeature);
  disasm.setShown(true);
  await must(app, rec, 'disassemble main.applyDiscount');
  const shown = await waitFor('the function in the pane', () => (disasm.get().instructions.length && !disasm.get().loading ? disasm.get() : undefined));
  const cursor = shown.instructions[shown.cursor]!;
  assert.equal(cursor.address, BigInt(entry), 'the cursor at the entry');
  assert.equal(cursor.function, 'main.applyDiscount');

  const from = rec.console.length;
  assert.equal(await app.run('disassemble main.nosuch'), false);
  assert.match(consoleSince(rec, from), /main\.nosuch/);
  // An address where no function is: one sentence with Delve's reason, then what to give.
  const at = rec.console.length;
  assert.equal(await app.run('disassemble 0x10'), false);
  assert.match(consoleSince(rec, at), /Cannot access memory at address 0x10\. Delve says: .*\. Give an address in the program's code/);
  // :vmmap takes no argument: refused, not ignored.
  assert.equal(await app.run('vmmap foo'), false);
  // Nor :stepi a count (it took one step, saying nothing); nor does a typo get far-off guesses.
  const before = rec.console.length;
  assert.equal(await app.run('stepi 3'), false);
  assert.match(consoleSince(rec, before), /stepi takes no arguments \('3' was given\)\. Usage: stepi\./);
  assert.equal(await app.run('nosuchcmd'), false);
  assert.match(consoleSince(rec, before), /Unknown command 'nosuchcmd'\. :help lists all commands\./);
  assert.equal(await app.run('disassemble main.nosuch'), false);
  assert.match(consoleSince(rec, before), /No function or variable is named 'main\.nosuch'\. :funcs RE lists/);
  assert.equal(await app.run('disassemble nosuchfn'), false);
  assert.match(consoleSince(rec, before), /No function or variable is named 'nosuchfn'\./);
  assert.equal(await app.run('contnue'), false);
  assert.match(consoleSince(rec, before), /Unknown command 'contnue'\. Did you mean continue\?/);
});
