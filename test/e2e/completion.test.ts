import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { startDemoServer } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { startGotui } from '../support/tmux.js';

/** The command line (the last row, `:` and what is typed). */
function commandLine(screen: string): string {
  return screen.trimEnd().split('\n').at(-1)!.trim();
}

test('Tab completes a location from the target\'s functions and files, and an expression from the selected frame\'s variables, as the dlv CLI lists them', async (t) => {
  const server = await startDemoServer(t, 'orders', ['-quiet', '-every', '20ms']);
  const term = await startGotui(t, ['attach', '--stop', `127.0.0.1:${server.address.port}`], { columns: 160, rows: 45 });
  if (!term) return;
  await term.waitFor('the halted target', /stopped/);

  // The oracle: the functions whose names start with main.proc.
  const funcs = (await dlvCli(server.address, ['funcs ^main\\.proc'])).split('\n').map((l) => l.trim()).filter((l) => /^main\.proc/.test(l));
  assert.deepEqual(funcs, ['main.process'], 'the demo has one');
  await term.type(':break main.proc');
  await term.keys('Tab');
  let screen = await term.waitFor('main.process completed', /:break main\.process\s*$/m);
  assert.equal(commandLine(screen), ':break main.process');
  await term.keys('Escape');
  // Ambiguous: what every candidate shares, and the candidates after the cursor.
  await term.type(':break main.');
  await term.keys('Tab');
  screen = await term.waitFor('the candidates', /^:break main\. .*main\.process/m);
  assert.match(commandLine(screen), /main\.main\b/);
  await term.keys('Escape');
  // The program's own first: `p` is main.process before the runtime's and the libraries' p… (the CLI's funcs has them too).
  const others = (await dlvCli(server.address, ['funcs ^runtime\\.p'])).split('\n').filter((l) => /^runtime\.p/.test(l.trim()));
  assert.ok(others.length > 0, 'the runtime has functions starting with p');
  await term.type(':break p');
  await term.keys('Tab');
  screen = await term.waitFor('the candidates for p', /^:break p\s+\d+ match: /m);
  assert.match(commandLine(screen), /^:break p\s+\d+ match: main\.process  (?!main\.)\S/, 'main.process first, then the rest');
  await term.keys('Escape');

  // A file: its base name, left open for the line.
  await term.type(':list main.g');
  await term.keys('Tab');
  screen = await term.waitFor('main.go: completed', /:list main\.go:/);
  await term.keys('Escape');

  const at = findMarker('orders', 'gotui:process');
  await term.line(`:break main.go:${at.line}`);
  await term.waitFor('the breakpoint', /Breakpoint #1/);
  await term.keys('c');
  await term.waitFor('the stop in process', new RegExp(`▶\\s*0 main\\.process\\s+\\S+:${at.line}`));
  // The oracle: the names of the frame's arguments and locals.
  const said = await dlvCli(server.address, ['args', 'locals']);
  const names = [...said.matchAll(/^(\w+) = /gm)].map((m) => m[1]!);
  assert.ok(names.includes('o'), said);
  await term.type(':print ');
  await term.keys('Tab');
  // Every name the CLI lists, after the cursor on the command line.
  screen = await term.waitFor('the names listed', new RegExp(`^:print ${names.map((n) => `(?=.*\\s${n}(\\s|$))`).join('')}`, 'm'));
  assert.ok(names.includes('sum'), said);
  // Not Delve's ~r0 (a return value no expression can read: the CLI's print fails on it too).
  assert.doesNotMatch(commandLine(screen), /~r\d/);
  await term.type('su');
  await term.keys('Tab');
  await term.waitFor('sum completed', /:print sum\s*$/m);
  await term.keys('Enter');
  const value = /^sum = (\S+)/m.exec(await dlvCli(server.address, ['locals sum']))?.[1];
  assert.ok(value, 'the CLI prints sum');
  await term.waitFor('the value', new RegExp(`^│?${value!.replace(/[.+]/g, '\\$&')}`, 'm'));

  // A package variable of the frame's package, by the name Delve reads it by there (the dlv CLI's vars lists it).
  assert.match(await dlvCli(server.address, ['vars ^main\\.cust']), /^main\.customers = /m);
  await term.type(':print cust');
  await term.keys('Tab');
  await term.waitFor('customers completed', /:print customers\s*$/m);
  await term.keys('Escape');
  // By its package's name too, as the hints write it (trial CA: `main.cu` said main is a func()).
  await term.type(':print main.cust');
  await term.keys('Tab');
  await term.waitFor('main.customers completed', /:print main\.customers\s*$/m);
  await term.keys('Escape');

  // After a dot, the value's fields, as the dlv CLI prints them (o is a struct: its own level only).
  const fields = topLevelKeys(await dlvCli(server.address, ['print o']));
  assert.ok(fields.includes('Customer'), `the CLI prints o's fields: ${fields.join(' ')}`);
  await term.type(':print o.');
  await term.keys('Tab');
  screen = await term.waitFor('the fields listed', new RegExp(`^:print o\\.\\s${fields.map((f) => `(?=.*\\s${f}(\\s|$))`).join('')}`, 'm'));
  assert.match(commandLine(screen), new RegExp(`^:print o\\.\\s+${fields.length} match: `), `the count first:\n${commandLine(screen)}`);
  assert.equal(commandLine(screen).split(/\s+/).length, 4 + fields.length, `only o's fields:\n${commandLine(screen)}`);
  await term.type('Cu');
  await term.keys('Tab');
  await term.waitFor('o.Customer completed', /:print o\.Customer\s*$/m);
  // A string has no fields: said why, not just that nothing matched. Tab added no space: the dot follows the name (trials BX, BZ).
  await term.type('.');
  await term.keys('Tab');
  await term.waitFor('why nothing', /'o\.Customer' is of type string: it has no fields to complete/);
  await term.keys('BSpace');
  await term.keys('Enter');
  const printed = await dlvCli(server.address, ['print o.Customer']);
  const customer = /^"\w*"$/m.exec(printed)?.[0];
  assert.ok(customer, `the CLI prints o.Customer:\n${printed}`);
  await term.waitFor('the field\'s value', new RegExp(`^│?${customer}\\s`, 'm'));

  // gdb's x takes an expression too: its names and fields complete as print's do.
  await term.type(':x/2xg &o.Cu');
  await term.keys('Tab');
  await term.waitFor('&o.Customer completed in x', /:x\/2xg &o\.Customer\s*$/m);
  await term.keys('Escape');
  await term.type(':x/2xg &su');
  await term.keys('Tab');
  await term.waitFor('&sum completed in x', /:x\/2xg &sum\s*$/m);
  await term.keys('Escape');
});

/** The field names of the outermost struct in a dlv CLI `print` (`main.T {A: 1, B: {C: 2}}` -> A, B). */
function topLevelKeys(printed: string): string[] {
  const text = printed.slice(printed.indexOf('{') + 1);
  const keys: string[] = [];
  let depth = 0;
  let start = 0;
  let previous = '';
  for (let i = 0; i < text.length && depth >= 0; i++) {
    const c = text[i]!;
    if (c === '"') i = text.indexOf('"', i + 1) === -1 ? text.length : skipString(text, i);
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if ((c === ',' && depth === 0) || depth < 0) {
      const part = text.slice(start, i);
      const key = /^\s*(\w+):/.exec(part)?.[1];
      // A slice prints `[]T len: 2, cap: 2, [...]`: its cap is not a field.
      if (key && !(key === 'cap' && /len: \d+$/.test(previous))) keys.push(key);
      previous = part;
      start = i + 1;
    }
  }
  return keys;
}

/** The index of the quote that closes the Go string opened at `open`. */
function skipString(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}
