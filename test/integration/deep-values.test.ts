import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { NODE_BUDGET, VALUE_LIMIT, type VarNode, type VariablesModel } from '../../src/variables/model.js';
import type { Session } from '../../src/session/session.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedDemo, modelsOf, waitForStop } from '../support/session.js';
import { attachedApp } from '../support/app.js';

/** Continues to the next stop and waits for its values, loaded (whatever opens again opened), with a row `ready` finds. */
async function continueToValues(session: Session, vars: VariablesModel, ready: (r: VarNode) => boolean) {
  const since = session.stopCount;
  await session.continue();
  await waitForStop(session, since);
  return waitFor('the values of the stop', () => {
    const s = vars.get();
    return !s.loading && s.stop === session.stopCount && s.rows.some(ready) ? s : undefined;
  });
}

test('a 1,000-deep pointer chain opened level by level: values bounded, the deepest one as the dlv CLI prints it', async (t) => {
  const { server, session } = await attachedDemo(t, 'inventory', ['-every', '20ms'], true);
  await waitForStop(session, 0);
  const vars = modelsOf(session).model(variablesFeature);
  const at = findMarker('inventory', 'gotui:collections');
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await session.continue();
  await waitForStop(session, since);
  await waitFor('the locals', () => vars.get().rows.some((r) => r.name === 'chain') || undefined);

  /** Moves the cursor to the first row named `name` below the cursor, and opens it. */
  const open = async (name: string) => {
    const rows = vars.get().rows;
    const from = vars.get().cursor.index;
    const i = rows.findIndex((r, k) => k >= from && r.name === name);
    assert.ok(i >= 0, `a row ${name} below row ${from}`);
    vars.move(i - from);
    await vars.toggle();
    return rows[i]!;
  };
  // Delve shows a pointer with one unnamed child, its pointee, named *p here: a level is two rows deep.
  let deepest = await open('chain');
  let nexts = 0;
  for (;;) {
    const kids = vars.get().rows.filter((r) => r.parent === deepest.id);
    const pointee = kids.length === 1 && kids[0]!.name === `*${deepest.name}` ? kids[0] : undefined;
    const next = kids.find((r) => r.name === 'next');
    if (pointee && pointee.ref > 0) deepest = await open(pointee.name);
    else if (next && next.ref > 0 && nexts < 999) {
      deepest = await open('next');
      nexts++;
    } else break;
    assert.ok(vars.heldNodes() <= NODE_BUDGET);
  }
  const rows = vars.get().rows;
  assert.ok(rows.every((r) => r.value.length <= VALUE_LIMIT + 1), 'every value shown is cut to the limit');
  const id = rows.find((r) => r.parent === deepest.id && r.name === 'id')!;
  assert.equal(nexts, 999, 'all 1,000 nodes of the chain opened');
  // The oracle: the CLI's own walk down the same chain.
  const cli = await dlvCli(server.address, [`print chain${'.next'.repeat(nexts)}.id`]);
  assert.match(cli, new RegExp(`^${id.value}$`, 'm'), `gotui shows id = ${id.value} after ${nexts} nexts; the CLI:\n${cli}`);
});

test("a value opened in one function is opened again at the next stop in it, not in another function with a variable of that name (trial AP)", async (t) => {
  const { session } = await attachedDemo(t, 'orders', ['-every', '20ms'], true);
  await waitForStop(session, 0);
  const vars = modelsOf(session).model(variablesFeature);
  for (const marker of ['gotui:process', 'gotui:format']) {
    const at = findMarker('orders', marker);
    await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  }
  const stopIn = async (fn: string) => {
    const s = await continueToValues(session, vars, (r) => r.name === 'o');
    assert.equal(session.currentFrame()?.name, fn);
    return s;
  };
  const isOpen = (s: ReturnType<typeof vars.get>) => {
    const o = s.rows.find((r) => r.name === 'o' && r.depth === 0)!;
    return s.expanded.has(o.id) && s.rows.some((r) => r.parent === o.id);
  };
  let s = await stopIn('main.process');
  vars.move(s.rows.findIndex((r) => r.name === 'o') - s.cursor.index);
  await vars.toggle();
  assert.ok(isOpen(vars.get()), 'o opened in process');
  assert.equal(isOpen(await stopIn('main.format')), false, "format's o is not opened for process's");
  s = await stopIn('main.process');
  await waitFor('o opened again in process', () => (isOpen(vars.get()) ? true : undefined));
});

test('elements loaded past the first page stay loaded at the next stop in that function, as many as before, the last as the dlv CLI prints it (trial AX)', async (t) => {
  const { server, session } = await attachedDemo(t, 'inventory', ['-every', '20ms'], true);
  await waitForStop(session, 0);
  const vars = modelsOf(session).model(variablesFeature);
  const at = findMarker('inventory', 'gotui:collections');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  const stop = () => continueToValues(session, vars, (r) => r.name === 's1000');
  const shown = (s: ReturnType<typeof vars.get>) => {
    const top = s.rows.find((r) => r.name === 's1000' && r.depth === 0)!;
    return { elements: s.rows.filter((r) => r.parent === top.id && !r.more), more: s.rows.find((r) => r.parent === top.id && r.more)?.more };
  };
  let s = await stop();
  vars.move(s.rows.findIndex((r) => r.name === 's1000') - s.cursor.index);
  await vars.toggle();
  s = vars.get();
  vars.move(s.rows.findIndex((r) => !!r.more) - s.cursor.index);
  await vars.toggle();
  assert.equal(shown(vars.get()).elements.length, 200);
  s = await stop();
  await waitFor('s1000 opened again, 200 of its elements', () => (shown(vars.get()).elements.length === 200 ? true : undefined));
  assert.deepEqual(shown(vars.get()).more, { loaded: 200, total: 1000 });
  const cli = await dlvCli(server.address, ['print s1000[199]']);
  assert.equal(shown(vars.get()).elements.at(-1)!.value, /^(\d+)$/m.exec(cli)?.[1], cli);
});

test("the frame's package's variables: a row of their own, read when opened, each a tree as a local is, the names and values the dlv CLI's vars lists; kept open at the next stop (trial BB)", async (t) => {
  const { app, session, server } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  app.models.createAll();
  const vars = app.models.model(variablesFeature);
  const at = findMarker('orders', 'gotui:process');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  const stop = () => continueToValues(session, vars, (r) => r.globals !== undefined);
  let s = await stop();
  const pkg = s.rows.at(-1)!;
  assert.deepEqual([pkg.name, pkg.globals, pkg.depth], ['package main', 'main', 0], 'the last root');
  vars.move(s.rows.indexOf(pkg) - s.cursor.index);
  await vars.toggle();
  s = vars.get();
  const kids = s.rows.filter((r) => r.parent === pkg.id);
  // The dlv CLI's vars for the package: every variable a program names, with its value.
  const cli = await dlvCli(server.address, ['vars ^main\\.']);
  const listed = [...cli.matchAll(/^main\.(\w+) = (.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  assert.ok(listed.length >= 3, cli);
  // In Delve's order, the CLI's.
  assert.deepEqual(kids.map((k) => k.name), listed.map(([n]) => n), cli);
  const customers = kids.find((k) => k.name === 'customers')!;
  assert.equal(customers.indexed, Number(/^main\.customers = \[\]string len: (\d+)/m.exec(cli)?.[1]), cli);
  // A tree as a local's: stock opens to its elements, the first as the CLI prints it.
  const stock = kids.find((k) => k.name === 'stock')!;
  vars.move(s.rows.findIndex((r) => r.id === stock.id) - vars.get().cursor.index);
  await vars.toggle();
  const first = vars.get().rows.find((r) => r.name === '[0]' && r.parent === stock.id);
  assert.ok(first, vars.get().rows.map((r) => `${r.name} ${r.evaluateName}`).join('\n'));
  assert.match(await dlvCli(server.address, ['print main.stock[0].SKU']), new RegExp(`^${first.value.match(/SKU: ("[^"]*")/)![1]}$`, 'm'));
  // The next stop in the function: still open, read again.
  s = await stop();
  await waitFor('the package row open again', () => {
    const now = vars.get();
    const row = now.rows.find((r) => r.globals !== undefined);
    return row && now.expanded.has(row.id) && now.rows.some((r) => r.parent === row.id && r.name === 'customers') ? true : undefined;
  });
});
