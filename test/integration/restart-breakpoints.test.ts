import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakpointsFeature } from '../../src/breakpoints/feature.js';
import { breakpointsView } from '../../src/breakpoints/view.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitForStop } from '../support/session.js';
import { attachedApp, consoleLine, consoleSince, must, runToStop } from '../support/app.js';

/** The user's breakpoints in the dlv CLI's `breakpoints` (not Delve's own), as `file:line (hits)`. */
function cliUserBreakpoints(listing: string): string[] {
  return [...listing.matchAll(/^(?:Breakpoint|Tracepoint) (?!unrecovered-panic|runtime-fatal-throw)\S.* at \S+ for \S+ \S*?(\w+\.go:\d+) \((\d+)\)$/gm)].map((m) => `${m[1]} (${m[2]})`).sort();
}

/** gotui's `:breakpoints` lines for its own, in the same form (Delve's id after them where it differs). */
function ownListed(listing: string): string[] {
  return [...listing.matchAll(/^(?:Breakpoint|Tracepoint) \d+ \(\w+\) at \S+ for \S+ \S*?(\w+\.go:\d+) \((\d+)\)(?: \[Delve id \d+\])?$/gm)].map((m) => `${m[1]} (${m[2]})`).sort();
}

test("a restart whose program ends before its first stop: gotui lists its own breakpoints once, as the dlv CLI does, none as another client's; after a restart that stops, hit counts are Delve's since it", async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'inventory', [], { stop: true });
  const model = app.models.model(breakpointsFeature);
  const lines = [12, 17, 30];
  for (const line of lines) await must(app, rec, `break stock.go:${line}`);
  const first = await runToStop(app, rec, 'continue');
  assert.equal(first.frame?.line, 12);
  await model.refresh();
  assert.equal(model.hitBook.hits(1), 1);

  // The program refuses the flag and exits 2 before any stop.
  let from = rec.console.length;
  await app.run('restart -yes -bogusflag');
  await consoleLine(rec, /^The program ended before its first stop after the restart/, from);
  await waitFor('the exit', () => (session.state.status === 'exited' ? true : undefined));
  const view = () => breakpointsView({ model, rect: { x: 0, y: 0, width: 200, height: 10 }, focused: false, session: session.state, stale: false });
  const text = () => view().rows.map((r) => r.map((s) => s.text).join(''));
  const onlyOwn = () => {
    const rows = model.rowsShown();
    assert.deepEqual(rows.map((r) => ('mine' in r ? `#${r.mine.id}` : `other#${r.other.id}`)), ['#1', '#2', '#3'], text().join('\n'));
    assert.ok(!text().some((l) => /set by|other#/.test(l)), text().join('\n'));
    const title = view().title ?? '';
    assert.doesNotMatch(typeof title === 'string' ? title : title.map((p) => (typeof p === 'string' ? p : p.text)).join(''), /set by others/);
  };
  // Straight away (the list from before the restart), and once Delve's list of the exited process is read.
  onlyOwn();
  await waitFor("Delve's list read at the exit", () => (model.get().server?.every((s) => !s.addrs?.some((a) => a > 0)) ? true : undefined));
  onlyOwn();
  from = rec.console.length;
  await must(app, rec, 'breakpoints');
  const listed = consoleSince(rec, from);
  assert.doesNotMatch(listed, /set by another client/, listed);
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.equal(cliUserBreakpoints(cli).length, 3, cli);
  assert.deepEqual(ownListed(listed).map((l) => l.replace(/ \(\d+\)$/, '')), cliUserBreakpoints(cli).map((l) => l.replace(/ \(\d+\)$/, '')), `${listed}\n--- dlv ---\n${cli}`);
  // The copies are not there to clear either.
  from = rec.console.length;
  assert.equal(await app.run('clear other#11'), false);
  assert.match(consoleSince(rec, from), /There is no breakpoint other#11\. Breakpoints: #1, #2, #3\./);

  // A restart that stops: the counts are Delve's since it (the dlv CLI's), and none is "since enabled".
  const since = session.stopCount;
  await must(app, rec, 'restart -yes --');
  let stop = await waitForStop(session, since);
  assert.equal(stop.frame?.line, 12);
  stop = await runToStop(app, rec, 'continue');
  assert.equal(stop.frame?.line, 17);
  from = rec.console.length;
  await must(app, rec, 'breakpoints');
  const after = consoleSince(rec, from);
  const cliAfter = await dlvCli(server.address, ['breakpoints']);
  assert.deepEqual(ownListed(after), cliUserBreakpoints(cliAfter), `${after}\n--- dlv ---\n${cliAfter}`);
  assert.deepEqual(ownListed(after), ['stock.go:12 (1)', 'stock.go:17 (1)', 'stock.go:30 (0)'], after);
  assert.doesNotMatch(after, /in all/, after);
  const rows = text();
  assert.ok(rows.some((l) => /#1 .*stock\.go:12.* 1 hit {2}/.test(l) || /#1 .*stock\.go:12.* 1 hit$/.test(l.trimEnd())), rows.join('\n'));
  assert.ok(!rows.some((l) => /since enabled/.test(l)), rows.join('\n'));
  onlyOwn();
});

test('a stop at a breakpoint whose condition fails writes the whole reason to the console once, naming what failed', async (t) => {
  const { app, rec, session } = await attachedApp(t, 'inventory', [], { stop: true });
  await must(app, rec, 'break stock.go:12 if discount2 > 1');
  const from = rec.console.length;
  await runToStop(app, rec, 'continue');
  assert.equal(session.state.stop?.conditionError, 'could not find symbol value for discount2');
  const said = rec.console.slice(from).filter((l) => /condition/.test(l.text));
  assert.deepEqual(said.map((l) => [l.kind, l.text]), [['warning', 'Stopped at breakpoint #1 (inventory/stock.go:12): its condition discount2 > 1 failed, could not find symbol value for discount2. Delve stops at every hit while it fails: :cond 1 EXPR changes it, :cond 1 alone removes it.']]);
});
