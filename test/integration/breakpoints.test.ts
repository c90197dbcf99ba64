import { test, type TestContext } from 'node:test';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { breakpointsFeature } from '../../src/breakpoints/feature.js';
import { breakpointsView } from '../../src/breakpoints/view.js';
import { logpointsFeature } from '../../src/logpoints/feature.js';
import { consoleFeature } from '../../src/console/feature.js';
import { sourceFeature } from '../../src/source/feature.js';
import { sourceView } from '../../src/source/pane.js';
import { waitFor } from '../support/delve.js';
import { cliFrames, dlvCli } from '../support/dlv-cli.js';
import { describeStopReason } from '../../src/session/breakpoints.js';
import { clean } from '../../src/core/text.js';
import { appStoppedIn, attachedApp, consoleLine, consoleSince, must, runToStop } from '../support/app.js';
import { waitForStop } from '../support/session.js';

/** `Breakpoint X (enabled) at 0xADDR[,0xADDR] ... (HITS)` lines of a listing, by their addresses (Delve lists a breakpoint's in any order). */
function byAddress(listing: string): Map<string, { head: string; hits: number; enabled: boolean }> {
  const out = new Map<string, { head: string; hits: number; enabled: boolean }>();
  for (const m of listing.matchAll(/^(\w+ .+?(?: on \[[^\]]*\])?) \((enabled|disabled|suspended)\) at (0x[0-9a-f]+(?:,0x[0-9a-f]+)*).*\((\d+)\)/gm)) {
    out.set(m[3]!.split(',').sort().join(','), { head: m[1]!, enabled: m[2] === 'enabled', hits: Number(m[4]) });
  }
  return out;
}

test(':breakpoints lists what the dlv CLI lists (addresses, hit counts, other clients\' marked); toggle takes one out of Delve and back', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:loop');
  await must(app, rec, `break main.go:${item.line}`);
  for (let i = 0; i < 3; i++) await runToStop(app, rec, 'continue');
  // Another client's breakpoint, set with the dlv CLI on the same server.
  await dlvCli(server.address, [`break main.go:${loop.line}`]);

  const from = rec.console.length;
  await must(app, rec, 'breakpoints');
  const ours = consoleSince(rec, from);
  const cli = await dlvCli(server.address, ['breakpoints']);
  const mine = byAddress(ours);
  const theirs = byAddress(cli);
  assert.ok(theirs.size >= 3, `the CLI lists ours, its own and Delve's:\n${cli}`);
  for (const [addr, c] of theirs) {
    const g = mine.get(addr);
    assert.ok(g, `gotui lists the breakpoint at ${addr} (${c.head}):\n${ours}\n--- dlv ---\n${cli}`);
    assert.equal(g.hits, c.hits, `hits at ${addr}:\n${ours}\n--- dlv ---\n${cli}`);
  }
  assert.match(ours, /^Breakpoint 1 \(enabled\) at 0x[0-9a-f]+ for main\.process\(\) \S+main\.go:\d+ \(3\)(?: \[Delve id \d+\])?$/m);
  assert.match(ours, new RegExp(`^Breakpoint other#\\d+ \\(enabled\\) at 0x[0-9a-f]+ for main\\.main\\(\\) \\S+main\\.go:${loop.line} \\(0\\) \\[set by another client\\]$`, 'm'));

  // The pane: gotui's with its hits, the other client's marked.
  const model = app.models.model(breakpointsFeature);
  const rows = model.rowsShown();
  assert.equal(rows.length, 2);
  assert.ok('mine' in rows[0]! && model.hitBook.hits(rows[0].mine.id) === 3);
  assert.ok('other' in rows[1]! && rows[1].other.line === loop.line);

  // Disabled (gdb's word): out of Delve (the CLI no longer lists it), kept by gotui; said again, no change.
  await must(app, rec, 'disable 1');
  const off = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(off, new RegExp(`main\\.go:${item.line} `), off);
  assert.equal(session.state.breakpoints[0]!.disabled, true);
  const twice = rec.console.length;
  await must(app, rec, 'disable 1');
  assert.match(consoleSince(rec, twice), /^#1 \S+main\.go:\d+ is already disabled\.$/m);
  // The other client's breakpoint stops the target now; then enabled again, the count goes on from 3.
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'enable 1');
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${item.line} `));
  // Enabled again, Delve counts from 0 (a hit condition too): :breakpoints gives Delve's count, as
  // the CLI does, and gotui's total beside it.
  let stop = await runToStop(app, rec, 'continue');
  while (stop.frame?.line !== item.line) stop = await runToStop(app, rec, 'continue');
  const at = rec.console.length;
  await must(app, rec, 'breakpoints');
  const listed = consoleSince(rec, at);
  const cliAgain = await dlvCli(server.address, ['breakpoints']);
  for (const [addr, c] of byAddress(cliAgain)) assert.equal(byAddress(listed).get(addr)?.hits, c.hits, `hits at ${addr}:\n${listed}\n--- dlv ---\n${cliAgain}`);
  assert.match(listed, /^\t4 hits in all: Delve counts from 0 again since it was enabled again$/m);
  await must(app, rec, 'clear 1');
  await must(app, rec, `break main.go:${item.line}`);
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'breakpoints refresh');
  // Its number comes after the other client's, which gotui numbers as Delve does.
  const again = session.state.breakpoints.find((b) => b.line === item.line && !b.by)!;
  assert.equal(model.hitBook.hits(again.id), 1);

  await must(app, rec, 'quit -resume');
  const after = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(after, new RegExp(`main\\.go:${item.line} `), `gotui's breakpoint is gone:\n${after}`);
  assert.match(after, new RegExp(`main\\.go:${loop.line} `), `the other client's stays:\n${after}`);
});

test("a breakpoint on a comment line is refused with the next line that holds a statement, where the dlv CLI sets one (trial X: no way on, and a hint about optimized builds)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.process');
  await runToStop(app, rec, 'continue');
  const text = fs.readFileSync(findMarker('orders', 'gotui:process').file, 'utf8').split('\n');
  const comment = text.findIndex((l) => /^\s*\/\/ Money in whole cents/.test(l)) + 1;
  assert.ok(comment > 0);
  const from = rec.console.length;
  assert.equal(await app.run(`break main.go:${comment}`), false);
  const said = consoleSince(rec, from);
  const next = Number(/The next line with one is (\d+): :break main\.go:(\d+)/.exec(said)?.[1]);
  assert.ok(next > comment, said);
  assert.doesNotMatch(said, /optimized/);
  // Run to it (r, :continue LOC): the way on is a run there, not a breakpoint (trial AK), named as the panes name it.
  const ran = rec.console.length;
  assert.equal(await app.run(`continue main.go:${comment}`), false);
  assert.match(consoleSince(rec, ran), new RegExp(`^No code at (?:orders/)?main\\.go:${comment}: .*The next line with one is ${next}: :continue (?:orders/)?main\\.go:${next}$`, 'm'));
  // The oracle: the dlv CLI refuses the comment line and sets the one named.
  const cli = await dlvCli(server.address, [`break main.go:${comment}`, `break main.go:${next}`, 'breakpoints']);
  assert.match(cli, new RegExp(`main\\.go:${next} \\(0\\)`), cli);
  assert.doesNotMatch(cli, new RegExp(`main\\.go:${comment} \\(0\\)`), cli);
});

test("a breakpoint in the import block is refused with the next line that holds a statement, past the declarations; a -N -l build is not told to build so (trial CH)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.process');
  await runToStop(app, rec, 'continue');
  const text = fs.readFileSync(findMarker('orders', 'gotui:process').file, 'utf8').split('\n');
  const imports = text.findIndex((l) => /^import \($/.test(l)) + 2;
  assert.ok(imports > 1);
  const from = rec.console.length;
  assert.equal(await app.run(`break main.go:${imports}`), false);
  const said = consoleSince(rec, from);
  const next = Number(/The next line with one is (\d+): :break main\.go:(\d+)/.exec(said)?.[1]);
  assert.ok(next > imports + 12, said);
  assert.doesNotMatch(said, /optimized/);
  // The oracle: the dlv CLI refuses the import line and sets the one named.
  const cli = await dlvCli(server.address, [`break main.go:${imports}`, `break main.go:${next}`, 'breakpoints']);
  assert.match(cli, new RegExp(`main\\.go:${next} \\(0\\)`), cli);
  assert.doesNotMatch(cli, new RegExp(`main\\.go:${imports} \\(0\\)`), cli);
  // The file's last line, a closing brace: no line below to name, and the hint does not blame an optimized build.
  const last = text.lastIndexOf('}') + 1;
  const end = rec.console.length;
  assert.equal(await app.run(`break main.go:${last}`), false);
  const past = consoleSince(rec, end);
  assert.match(past, /^No code at /m, past);
  assert.doesNotMatch(past, /optimized|The next line/, past);
});

test("a mistyped function gets the nearest names the program has, as a mistyped command does (trial X), ones the dlv CLI lists", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.process');
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  assert.equal(await app.run('break main.formt'), false);
  const said = consoleSince(rec, from);
  const near = /Did you mean ([^?]+)\?/.exec(said)?.[1]?.split(', ') ?? [];
  assert.ok(near.includes('main.format'), said);
  // The names first, where a narrow command row still shows them.
  assert.match(said, /^No function main\.formt\. Did you mean /m, said);
  const cli = await dlvCli(server.address, ['funcs ^main\\.format$']);
  assert.match(cli, /^main\.format$/m, cli);
});

test('a logpoint prints every hit with its expressions and the target never stops; quitting takes it out', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'orders', ['-every', '20ms']);
  const stops = rec.stops.length;
  const item = findMarker('orders', 'gotui:item');
  await must(app, rec, `trace main.go:${item.line} "item {it.SKU} x{it.Qty}"`);
  const consoleLines = () => app.models.model(consoleFeature).get().lines;
  const line = await waitFor('a logpoint line in the console', () => consoleLines().find((l) => /item "\w+" x\d/.test(l.text))?.text);
  assert.match(line, new RegExp(`^> \\[Go 1\\] main\\.go:${item.line}: item "(apple|bread|cheese|coffee|dates)" x[1-3]$`));
  const stream = app.models.model(logpointsFeature).stream;
  await waitFor('ten logpoint lines', () => stream.total >= 10 || undefined);
  assert.equal(rec.stops.length, stops, 'the target never stopped');
  assert.equal(session.state.status, 'running');
  // A function logpoint: DAP logs only at lines, so gotui resolves pkg.Func first.
  await must(app, rec, 'trace main.applyDiscount "discount for n={n}"');
  await waitFor('the function logpoint in the console', () => consoleLines().find((l) => /discount for n=\d+/.test(l.text)));
  assert.equal(rec.stops.length, stops, 'still never stopped');
  // Delve counts the hits as gotui does.
  await must(app, rec, 'pause');
  await waitFor('the pause', () => rec.stops.length > stops || undefined);
  await must(app, rec, 'breakpoints');
  const cli = await dlvCli(server.address, ['breakpoints']);
  const hits = Number(new RegExp(`main\\.go:${item.line} \\((\\d+)\\)`).exec(cli)?.[1]);
  assert.ok(hits >= 10, cli);
  assert.ok(stream.visibleEvents(10_000).events.filter((e) => e.line === item.line).length <= hits);
  // Delve's id follows where it differs from gotui's number.
  assert.match(consoleSince(rec, 0), new RegExp(`^Tracepoint 1 \\(enabled\\) at 0x[0-9a-f]+ for main\\.process\\(\\) \\S+:${item.line} \\(${hits}\\)(?: \\[Delve id \\d+\\])?$`, 'm'));
  // A breakpoint on the logpoint's line: Delve keeps one a line, and it is gotui's own logpoint, not another client's; the number is not used up.
  const ids = session.state.breakpoints.map((b) => b.id);
  const at = rec.console.length;
  assert.equal(await app.run(`break main.go:${item.line} if n == 3`), false);
  assert.match(consoleSince(rec, at), new RegExp(`Logpoint #1 is at orders/main\\.go:${item.line} already: Delve keeps one breakpoint a line\\.`));
  assert.doesNotMatch(consoleSince(rec, at), /Another client/);
  await must(app, rec, 'break main.format');
  assert.equal(session.state.breakpoints.at(-1)!.id, Math.max(...ids) + 1, 'the refused one took no number');
  // A second breakpoint on the same function (as B in the eBPF pane sets, with a condition): gotui's own, named.
  const format = session.state.breakpoints.at(-1)!.id;
  const again = rec.console.length;
  assert.equal(await app.run('break main.format if true'), false);
  assert.match(consoleSince(rec, again), new RegExp(`Breakpoint #${format} is at orders/main\\.go:\\d+ \\(main\\.format\\) already: Delve keeps one breakpoint a line\\.`));
  assert.doesNotMatch(consoleSince(rec, again), /Another client/);
  // The same plain breakpoint again (a script's `break` over one restored from the last session: trial AN): it is there.
  const same = rec.console.length;
  const count = session.state.breakpoints.length;
  await must(app, rec, 'break main.format');
  assert.match(consoleSince(rec, same), new RegExp(`^Breakpoint #${format} orders/main\\.go:\\d+ .*\\(there already\\)$`, 'm'));
  assert.equal(session.state.breakpoints.length, count, 'no second one');
  await must(app, rec, `clear ${format}`);
  // A filter shows only what matches.
  await must(app, rec, 'logpoints filter discount');
  assert.ok(stream.visibleEvents(50).events.every((e) => /discount for n=/.test(e.text)));
  // Listed while the target runs: the counts are the last stop's (Delve's list cannot be read
  // now), and the listing says so first.
  const listedAt = session.state.stop!.number;
  await must(app, rec, 'continue');
  await waitFor('running', () => (session.state.status === 'running' ? true : undefined));
  const from = rec.console.length;
  await must(app, rec, 'breakpoints');
  assert.match(consoleSince(rec, from), new RegExp(`^As Delve listed them at stop ${listedAt}: the target runs, and its list is read again at the next stop\\.\nTracepoint 1 `, 'm'), consoleSince(rec, from));
  await must(app, rec, 'quit -resume');
  const after = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(after, /Breakpoint sourceBp|Breakpoint functionBreakpoint/, after);
});

test(":logpoints alone lists the logpoints as :breakpoints lists breakpoints (where, message, hits: the dlv CLI's count), and says when there are none (trial CD: told it needs a subcommand)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:loop');
  let from = rec.console.length;
  await must(app, rec, 'logpoints');
  assert.match(consoleSince(rec, from), /^No logpoints\. :trace LOC "MESSAGE \{expr\}" sets one\.$/m, consoleSince(rec, from));
  await must(app, rec, `break main.go:${loop.line}`);
  await must(app, rec, `trace main.go:${item.line} "item {it.SKU}"`);
  for (let i = 0; i < 3; i++) await runToStop(app, rec, 'continue');
  from = rec.console.length;
  await must(app, rec, 'logpoints');
  const ours = consoleSince(rec, from);
  const cli = await dlvCli(server.address, ['breakpoints']);
  const hits = Number(new RegExp(`main\\.go:${item.line} \\((\\d+)\\)`).exec(cli)?.[1]);
  assert.ok(hits > 0, cli);
  assert.match(ours, new RegExp(`^Tracepoint 2 \\(enabled\\) at 0x[0-9a-f]+ for main\\.process\\(\\) \\S+main\\.go:${item.line} \\(${hits}\\)(?: \\[Delve id \\d+\\])?\n\tlog item \\{it\\.SKU\\}$`, 'm'), `${ours}\n--- dlv ---\n${cli}`);
  assert.doesNotMatch(ours, /^Breakpoint /m, 'the breakpoint is not a logpoint');
  // The subcommands still drive the pane.
  await must(app, rec, 'logpoints filter apple');
  assert.equal(app.models.model(logpointsFeature).stream.filter?.source, 'apple');
});

/** The orders demo, gotui attached and stopped at its own breakpoint on the item line (#1). */
async function stoppedAtItem(t: TestContext) {
  const { app, rec, server, session } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  const item = findMarker('orders', 'gotui:item');
  const loop = findMarker('orders', 'gotui:loop');
  await must(app, rec, `break main.go:${item.line}`);
  await runToStop(app, rec, 'continue');
  return { app, rec, server, session, item, loop };
}

test(":clearall takes the dlv CLI's breakpoints out too, as it says, and nobody is said to set them again", async (t) => {
  const { app, rec, server, session, item, loop } = await stoppedAtItem(t);
  await dlvCli(server.address, [`break main.go:${loop.line}`]);
  await waitFor("the dlv CLI's breakpoint, learned", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line));
  const from = rec.console.length;
  await must(app, rec, 'clearall');
  // The CLI's is named as another client's.
  assert.match(consoleSince(rec, from), new RegExp(`^Cleared 2 breakpoints, among them other#\\d+ orders/main\\.go:${loop.line} \\(another client's\\)\\.$`, 'm'));
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(left, new RegExp(`main\\.go:(${item.line}|${loop.line}) `), `none is left:\n${left}`);
  // The pair poller reads Delve's list every second while halted: two reads, and nothing came back.
  const polls = app.pair!.polls;
  await waitFor('two seconds of polls', () => (app.pair!.polls > polls + 20 ? true : undefined));
  assert.deepEqual(session.state.breakpoints, []);
  assert.doesNotMatch(consoleSince(rec, from), /Another client set/);
});

test(":clearall of one breakpoint, another client's, names it as the one cleared", async (t) => {
  const { app, rec, server, session, loop } = await stoppedAtItem(t);
  await must(app, rec, 'clear 1');
  await dlvCli(server.address, [`break main.go:${loop.line}`]);
  await waitFor("the dlv CLI's breakpoint, learned", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line));
  const from = rec.console.length;
  await must(app, rec, 'clearall');
  assert.match(consoleSince(rec, from), new RegExp(`^Cleared 1 breakpoint: other#\\d+ orders/main\\.go:${loop.line} \\(another client's\\)\\.$`, 'm'));
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), new RegExp(`main\\.go:${loop.line} `));
});

test("a breakpoint the dlv CLI named goes by its name: at its stop, in the list and for :clear (trial BH saw other#5 for clibp)", async (t) => {
  const { app, rec, server, session, loop } = await stoppedAtItem(t);
  await must(app, rec, 'clear 1');
  const set = rec.console.length;
  const setAt = await dlvCli(server.address, [`break clibp main.go:${loop.line}`]);
  // The function the CLI says it is in (`Breakpoint clibp set at 0x… for main.main() ./main.go:N`).
  const fn = /^Breakpoint clibp set at 0x[0-9a-f]+ for (\S+)\(\)/m.exec(setAt)?.[1];
  assert.ok(fn, setAt);
  await waitFor("the dlv CLI's breakpoint, learned", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line));
  // Said with its name as it is learned (trial BJ: only at its stop), and its function (trial BN).
  await consoleLine(rec, new RegExp(`Another client set a breakpoint clibp at orders/main\\.go:${loop.line} \\(${fn.replace(/[.()*]/g, '\\$&')}\\)\\.$`), set);
  assert.match(await dlvCli(server.address, ['breakpoints']), /^Breakpoint clibp /m);
  const since = session.stopCount;
  await must(app, rec, 'continue');
  await waitForStop(session, since);
  assert.equal(describeStopReason(session.state.stop!, session.state.breakpoints), 'breakpoint clibp');
  const from = rec.console.length;
  await must(app, rec, 'clear clibp');
  assert.match(consoleSince(rec, from), new RegExp(`clibp orders/main\\.go:${loop.line}`));
  assert.doesNotMatch(await dlvCli(server.address, ['breakpoints']), /clibp/);
});

test("a run to a line where another client has a breakpoint, not yet learned, runs there and stops at it, as the dlv CLI sees (trial AX: refused)", async (t) => {
  const { app, rec, server, session, item, loop } = await stoppedAtItem(t);
  await must(app, rec, 'clear 1');
  await dlvCli(server.address, [`break main.go:${loop.line}`]);
  for (const round of ['before gotui learns of it', 'once learned']) {
    if (round === 'once learned') await waitFor("the dlv CLI's breakpoint, learned", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line));
    const from = rec.console.length;
    const since = session.stopCount;
    await must(app, rec, `continue main.go:${loop.line}`);
    assert.match(consoleSince(rec, from), new RegExp(`^Running to (orders/)?main\\.go:${loop.line}\\b`, 'm'), round);
    await waitForStop(session, since);
    assert.equal(session.state.selection?.frame?.line, loop.line, round);
    const cli = await dlvCli(server.address, ['stack 0', 'breakpoints']);
    assert.equal(cliFrames(cli)[0]?.line, loop.line, cli);
    assert.equal(cli.split('\n').filter((l) => /^Breakpoint \d+ /.test(l) && new RegExp(`main\\.go:${loop.line}\\b`).test(l)).length, 1, `the CLI's alone there:\n${cli}`);
    assert.doesNotMatch(consoleSince(rec, from), /before reaching/, round);
  }
  // Run-tos took no number: the next breakpoint follows the last one listed (trial AX: #7, then #11).
  const from = rec.console.length;
  await must(app, rec, `continue main.go:${item.line}`);
  const last = Math.max(...session.state.breakpoints.filter((b) => !b.temporary).map((b) => b.id));
  await must(app, rec, `break main.go:${loop.line + 1}`);
  assert.match(consoleSince(rec, from), new RegExp(`^Breakpoint #${last + 1} orders/main\\.go:${loop.line + 1}$`, 'm'));
});

test(':clearall typed as a run-to lands (its temporary breakpoint going at the same time) clears all, counts only the user\'s, and is not refused', async (t) => {
  const { app, rec, server, session, item, loop } = await stoppedAtItem(t);
  // The clean-up of the run-to's temporary breakpoint starts at the stop; :clearall in the same tick races it.
  const done = new Promise<boolean>((resolve) => {
    const off = session.events.on('stop', () => {
      off();
      resolve(app.run('clearall'));
    });
  });
  const from = rec.console.length;
  await must(app, rec, `continue main.go:${loop.line}`);
  assert.equal(await done, true, consoleSince(rec, from));
  assert.match(consoleSince(rec, from), /^Cleared 1 breakpoint\.$/m);
  await waitFor('the run-to clean-up', () => (session.state.breakpoints.length === 0 ? true : undefined));
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(left, new RegExp(`main\\.go:(${item.line}|${loop.line}) `), `none is left:\n${left}`);
});

test('a condition that is not Go is refused with the parse error the dlv CLI gives, and nothing reaches Delve; one naming what this frame lacks is kept', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  const item = findMarker('orders', 'gotui:item');
  await must(app, rec, 'break main.process');
  await runToStop(app, rec, 'continue');
  const cli = /(\d+:\d+: expected operand, found 'EOF')/.exec(await dlvCli(server.address, ['print sum >']))?.[1];
  assert.ok(cli, 'the dlv CLI says where its parse failed');

  let from = rec.console.length;
  assert.equal(await app.run('cond 1 sum >'), false);
  assert.match(consoleSince(rec, from), new RegExp(`The condition 'sum >' is not a Go expression: ${cli}\\.`));
  from = rec.console.length;
  assert.equal(await app.run(`break main.go:${item.line} if n ==`), false);
  assert.match(consoleSince(rec, from), /The condition 'n ==' is not a Go expression: 1:5: expected operand/);
  assert.equal(await app.run(`break main.go:${item.line} if`), false);
  const listed = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(listed, /\bcond\b/, `no condition reached Delve:\n${listed}`);
  assert.doesNotMatch(listed, new RegExp(`main\\.go:${item.line} `), `no breakpoint was set:\n${listed}`);

  // A name this frame lacks may be right at the breakpoint: kept, as Delve keeps it.
  await must(app, rec, `break main.go:${item.line} if it.Qty > 1`);
  assert.match(await dlvCli(server.address, ['breakpoints']), /cond it\.Qty > 1/);
});

test('a condition Delve cannot evaluate at the hit stops there as that breakpoint\'s stop, saying why, not as a runtime error (the dlv CLI agrees where)', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'orders', ['-every', '20ms'], { stop: true });
  const at = findMarker('orders', 'gotui:discount');
  // A name the frame lacks is accepted when set (it may exist there); at the hit Delve cannot evaluate it.
  await must(app, rec, `break main.go:${at.line} if discount2 > 1`);
  const stop = await runToStop(app, rec, 'continue');
  const info = session.state.stop!;
  assert.equal(info.reason, 'breakpoint');
  assert.deepEqual(info.breakpoints, [1]);
  assert.equal(describeStopReason(info, session.state.breakpoints), 'breakpoint #1: its condition failed, could not find symbol value for discount2');
  assert.equal(stop.frames[0]!.line, at.line);
  const cli = cliFrames(await dlvCli(server.address, ['stack 0']))[0]!;
  assert.equal(cli.line, at.line, 'the dlv CLI is at the breakpoint');
});

test('a condition that is not Go, typed while the target runs (no frame to check it in), is still said as the condition\'s fault, not the place\'s', async (t) => {
  const { app, rec } = await attachedApp(t, 'orders', ['-every', '20ms']);
  const item = findMarker('orders', 'gotui:item');
  if (app.session.state.status === 'stopped') await must(app, rec, 'continue');
  await waitFor('running', () => (app.session.state.status === 'running' ? true : undefined));
  const from = rec.console.length;
  assert.equal(await app.run(`break main.go:${item.line} if n <`), false);
  const said = consoleSince(rec, from);
  assert.match(said, /The condition 'n <' is not a Go expression: 1:4: expected operand/, said);
  assert.doesNotMatch(said, /No code at/);
});

test('a breakpoint whose hit condition is met for good: listed at 0x0 as the dlv CLI lists it, and the pane says it stops no more', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.format hit 3');
  const stop = await runToStop(app, rec, 'continue');
  assert.equal(stop.frame?.name, 'main.format');
  // Delve takes it out of the code as the target next resumes.
  await runToStop(app, rec, 'next');
  const from = rec.console.length;
  await must(app, rec, 'breakpoints');
  const listed = consoleSince(rec, from);
  const cli = await dlvCli(server.address, ['breakpoints']);
  const format = (text: string) => /^Breakpoint .* \(enabled\) at (\S+) for main\.format\(\) \S+main\.go:\d+ \((\d+)\)(?: \[Delve id \d+\])?$/m.exec(text)?.slice(1);
  assert.deepEqual(format(listed), ['0x0', '3'], listed);
  assert.deepEqual(format(listed), format(cli), `${listed}\n--- dlv ---\n${cli}`);
  const model = app.models.model(breakpointsFeature);
  await model.refresh();
  const view = breakpointsView({ model, rect: { x: 0, y: 0, width: 200, height: 10 }, focused: false, session: session.state, stale: false });
  const row = view.rows.map((r) => r.map((s) => s.text).join('')).find((r) => r.includes('#1 '));
  assert.match(row ?? '', /hit == 3 {2}spent: stops no more/, JSON.stringify(view.rows));
  // Another function breakpoint's condition sends Delve the whole list again: its answer for the spent
  // one (it cannot be set) is no news, and the row stays as it was.
  await must(app, rec, 'break main.process');
  await must(app, rec, 'cond 2 n > 1');
  const again = breakpointsView({ model, rect: { x: 0, y: 0, width: 200, height: 10 }, focused: false, session: session.state, stale: false });
  const after = again.rows.map((r) => r.map((s) => s.text).join('')).find((r) => r.includes('#1 '));
  assert.match(after ?? '', /hit == 3 {2}spent: stops no more/, JSON.stringify(again.rows));
  assert.doesNotMatch(after ?? '', /unverified/);
  assert.match(after ?? '', /#1 {2}orders\/main\.go:\d+ \(main\.format\) {2}3 hits/, 'a function breakpoint is named once');
});

test('a line past the end of the file is said so, with the file\'s length; the dlv CLI finds no statement there either', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  const file = findMarker('orders', 'gotui:loop').file;
  const length = fs.readFileSync(file, 'utf8').split('\n').length - 1;
  // Halted at its entry, no file on screen: the name is found among the program's files (trial Q).
  const entry = rec.console.length;
  assert.equal(await app.run(`break main.go:${length + 30}`), false);
  assert.equal(await app.run(`break orders/main.go:${length + 40}`), false);
  assert.match(consoleSince(rec, entry), new RegExp(`^main\\.go has ${length} lines: line ${length + 30} is past its end\\.`, 'm'));
  assert.match(consoleSince(rec, entry), new RegExp(`^orders/main\\.go has ${length} lines: line ${length + 40} is past its end\\.`, 'm'));
  await must(app, rec, `break main.go:${findMarker('orders', 'gotui:loop').line}`);
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  assert.equal(await app.run(`break main.go:${length + 10}`), false);
  assert.match(consoleSince(rec, from), new RegExp(`main\\.go has ${length} lines: line ${length + 10} is past its end\\. Give a line from 1 to ${length}`));
  assert.match(await dlvCli(server.address, [`break main.go:${length + 10}`]), /could not find statement/);
  // Attached to a running target, no stop yet: no frame, and the file on screen (`:list` opened it) is the one a bare name means.
  const other = await attachedApp(t, 'orders');
  // Delve names the program's files only while it is halted: said at once, not after its wait.
  const asked = other.rec.console.length;
  const started = Date.now();
  assert.equal(await other.app.run('list main.go:1'), false);
  assert.match(consoleSince(other.rec, asked), /Delve names the program's files only while the target is stopped, so main\.go cannot be looked up now\. Give its path/);
  assert.ok(Date.now() - started < 5_000, 'at once');
  await must(other.app, other.rec, `list ${file}:1`);
  const running = other.rec.console.length;
  assert.equal(await other.app.run(`break main.go:${length + 20}`), false);
  assert.match(consoleSince(other.rec, running), new RegExp(`main\\.go has ${length} lines: line ${length + 20} is past its end\\.`));
});

test('a file :break finds none of while the target runs: the way to look is said (Delve lists no files then), not a file list that cannot answer (trial CL)', async (t) => {
  const { app, rec } = await attachedApp(t, 'orders', ['-every', '20ms']);
  assert.equal(app.session.state.status, 'running');
  const from = rec.console.length;
  assert.equal(await app.run('break nosuch.go:10'), false);
  assert.match(consoleSince(rec, from), /^No file nosuch\.go in the program\. While the target runs Delve lists no files: p pauses it, then :break finds a file by the name on the screen too, and :sources RE lists the program's files\.$/m, consoleSince(rec, from));
  // Stopped, the usual hint.
  await runToStop(app, rec, 'pause');
  const stopped = rec.console.length;
  assert.equal(await app.run('break nosuch.go:10'), false);
  assert.match(consoleSince(rec, stopped), /^No file nosuch\.go in the program\. Ctrl-P finds a file by name; :sources RE lists the program's files\.$/m);
});

test('a file not in the program is said so, as the dlv CLI says it, by :break and :continue; :continue past a file\'s end says what :break says (trial BX)', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  const file = findMarker('orders', 'gotui:loop').file;
  const length = fs.readFileSync(file, 'utf8').split('\n').length - 1;
  await must(app, rec, `break main.go:${findMarker('orders', 'gotui:loop').line}`);
  await runToStop(app, rec, 'continue');
  const from = rec.console.length;
  assert.equal(await app.run('break nosuch.go:10'), false);
  assert.equal(await app.run('continue nosuch.go:10'), false);
  assert.equal(await app.run('break /tmp/nosuch.go:10'), false);
  const said = consoleSince(rec, from);
  // The dlv CLI's refusal: no file of that name, not a line without code.
  assert.match(await dlvCli(server.address, ['break nosuch.go:10']), /location "nosuch\.go:10" not found/);
  const refused = /^No file nosuch\.go in the program\. Ctrl-P finds a file by name; :sources RE lists the program's files\.$/gm;
  assert.equal(said.match(refused)?.length, 2, said);
  assert.match(said, /^No file \/tmp\/nosuch\.go in the program\./m, said);
  assert.doesNotMatch(said, /No code at/, said);
  // Past the end: :continue says what :break says, and the target stays where it stopped.
  const past = rec.console.length;
  assert.equal(await app.run(`break main.go:${length + 10}`), false);
  assert.equal(await app.run(`continue main.go:${length + 10}`), false);
  const end = new RegExp(`^main\\.go has ${length} lines: line ${length + 10} is past its end\\. Give a line from 1 to ${length} that holds a statement\\.$`, 'gm');
  assert.equal(consoleSince(rec, past).match(end)?.length, 2, consoleSince(rec, past));
  assert.match(await dlvCli(server.address, [`break main.go:${length + 10}`]), /could not find statement/);
  assert.equal(app.session.state.status, 'stopped');
});

test("goroutines that hit a breakpoint at the same stop as the one shown are each said, as the dlv CLI's continue prints them (trial X: unsaid, and the next run goes on past them)", async (t) => {
  // Two producers send as fast as main takes: both are often at the send line when Delve stops.
  const { app, rec, server, session } = await attachedApp(t, 'pipeline', ['-every', '0'], { stop: true });
  app.models.createAll();
  const send = findMarker('pipeline', 'gotui:send');
  await must(app, rec, `break main.go:${send.line}`);
  let seen = 0;
  for (let round = 0; round < 40 && seen < 2; round++) {
    const since = session.stopCount;
    const from = rec.console.length;
    // The oracle runs the target: the dlv CLI prints every thread at a breakpoint, the current one last.
    const cli = await dlvCli(server.address, ['continue']);
    const at = [...cli.matchAll(/^> \[[^\]\n]+\] main\.produce\(\) \S+:(\d+) \(hits goroutine\((\d+)\):\d+ total:\d+\)/gm)].map((m) => ({ line: Number(m[1]), g: Number(m[2]) }));
    assert.ok(at.length && at.every((x) => x.line === send.line), cli);
    const stop = await waitForStop(session, since);
    assert.equal(stop.goroutine, at.at(-1)!.g, `gotui shows the CLI's current goroutine:\n${cli}`);
    const others = at.slice(0, -1).map((x) => x.g).sort((a, b) => a - b);
    if (!others.length) continue;
    seen++;
    const said = await waitFor('a line for each other goroutine at the breakpoint', () => {
      const lines = rec.console.slice(from).map((l) => l.text).filter((l) => / too, at /.test(l));
      return lines.length >= others.length ? lines : undefined;
    }).catch(() => assert.fail(`gotui said:\n${consoleSince(rec, from)}\n--- dlv ---\n${cli}`));
    assert.deepEqual(said, others.map((g) => `Goroutine ${g} hit #1 too, at main.go:${send.line} in main.produce: :goroutine ${g} shows it (the next run goes on past it).`), cli);
  }
  assert.ok(seen > 0, 'in 40 stops, never two producers at the breakpoint at once');
});

test("a line with no statement typed while the target runs is said as the line's kind, not an optimized build's, where the dlv CLI finds no statement either (trial AV)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', ['-every', '20ms']);
  const item = findMarker('orders', 'gotui:item');
  const brace = item.line + 2;
  assert.equal(fs.readFileSync(item.file, 'utf8').split('\n')[brace - 1]!.trim(), '}');
  assert.equal(app.session.state.status, 'running');
  const from = rec.console.length;
  assert.equal(await app.run(`break main.go:${brace}`), false);
  const said = consoleSince(rec, from);
  assert.match(said, new RegExp(`No code at (orders/)?main\\.go:${brace}`), said);
  assert.match(said, /The line must hold a statement: a closing brace, a comment or a blank line holds none\. Stopped \(p\), gotui names the next line that does\./, said);
  assert.doesNotMatch(said, /optimized/, said);
  await must(app, rec, 'pause');
  assert.match(await dlvCli(server.address, [`break main.go:${brace}`]), /could not find statement/);
});

test("another client's condition shows on its row at 80x24, before who set it, which the row's end gives up (trial AZ: the condition was cut)", async (t) => {
  const { app, server, session, loop } = await stoppedAtItem(t);
  const set = await dlvCli(server.address, [`break main.go:${loop.line}`]);
  const id = /^Breakpoint (\d+) set at/m.exec(set)?.[1];
  assert.ok(id, set);
  await dlvCli(server.address, [`condition ${id} id > 99999`]);
  const model = app.models.model(breakpointsFeature);
  await waitFor("the dlv CLI's condition, learned", async () => {
    await model.refresh();
    return model.rowsShown().some((r) => 'other' in r && r.other.Cond === 'id > 99999') || undefined;
  });
  // The pane at 80x24 is about 40 columns wide.
  const view = breakpointsView({ model, rect: { x: 0, y: 0, width: 40, height: 10 }, focused: false, session: session.state, stale: false });
  const row = view.rows.map((r) => r.map((s) => s.text).join('')).find((r) => r.includes(`other#`)) ?? '';
  assert.match(row, /if id > 99999/, JSON.stringify(view.rows));
});

test("a breakpoint the dlv CLI sets while the program has exited shows in the breakpoints pane, as the CLI lists it, before any restart (trial BX: unseen until a stop after the restart)", async (t) => {
  const { app, rec, server, session, loop } = await stoppedAtItem(t);
  const model = app.models.model(breakpointsFeature);
  assert.equal(await app.run('call os.Exit(0)'), false);
  await waitFor('exited', () => (session.state.status === 'exited' ? true : undefined), 10_000);
  // Delve takes breakpoints while the program has exited: the CLI sets one (suspended until a restart, it asks first) and lists it.
  const set = await dlvCli(server.address, [`break main.go:${loop.line}`, 'breakpoints'], 30_000, ['y']);
  assert.match(set, new RegExp(`^Breakpoint \\d+ \\(suspended\\) at main\\.go:${loop.line}$`, 'm'), set);
  // Nothing asked: the pane shows it, marked as another client's, beside gotui's own.
  const rows = () => breakpointsView({ model, rect: { x: 0, y: 0, width: 200, height: 10 }, focused: false, session: session.state, stale: false }).rows.map((r) => r.map((x) => x.text).join(''));
  await waitFor("the dlv CLI's breakpoint in the pane", () => (rows().some((r) => r.includes(`main.go:${loop.line}`)) ? true : undefined), 10_000).catch((e) => assert.fail(`${e.message}\n${rows().join('\n')}\n${rec.console.map((l) => l.text).join('\n')}`));
  const theirs = rows().filter((r) => r.includes(`main.go:${loop.line}`));
  assert.equal(theirs.length, 1, rows().join('\n'));
  assert.match(theirs[0]!, /other#\d+ .*suspended until a restart .*set by another client/, rows().join('\n'));
  assert.equal(rows().filter((r) => /#1 /.test(r) && !/other#/.test(r)).length, 1, rows().join('\n'));
  assert.equal(session.state.status, 'exited');
});

/** The binding of `key` in the breakpoints pane, asked with the cursor where it is. */
function paneKey(app: Awaited<ReturnType<typeof attachedApp>>['app'], key: string) {
  const b = breakpointsFeature.bindings!.find((x) => x.keys.includes(key))!;
  const ctx = { session: app.session.state, model: app.models.model.bind(app.models), focus: 'breakpoints' } as Parameters<NonNullable<typeof b.disabledReason>>[0];
  return { refused: b.disabledReason?.(ctx), command: b.command?.(ctx), prompt: typeof b.prompt === 'function' ? b.prompt(ctx) : b.prompt };
}

test("Enter on another client's row in the breakpoints pane shows its line in the source pane, as on gotui's own (a new-user trial was refused)", async (t) => {
  const { app, rec, server, loop } = await stoppedAtItem(t);
  await dlvCli(server.address, [`break cliloop main.go:${loop.line}`]);
  const model = app.models.model(breakpointsFeature);
  await waitFor("the dlv CLI's breakpoint, learned", async () => {
    await model.refresh();
    return model.rowsShown().some((r) => 'other' in r) || undefined;
  });
  model.move(model.rowsShown().findIndex((r) => 'other' in r));
  const enter = paneKey(app, 'enter');
  assert.equal(enter.refused, undefined);
  await must(app, rec, enter.command!);
  const source = app.models.model(sourceFeature).get();
  assert.match(source.file ?? '', /orders\/main\.go$/);
  assert.equal(source.cursor.index + 1, loop.line);
});

test("another client's breakpoint the dlv CLI disabled (toggle) shows disabled in the breakpoints pane and the source gutter, as gotui's own disabled do (a new-user trial saw it active)", async (t) => {
  const { app, rec, server, session, loop } = await stoppedAtItem(t);
  const set = await dlvCli(server.address, [`break main.go:${loop.line}`]);
  const id = /^Breakpoint (\d+) set at/m.exec(set)?.[1];
  assert.ok(id, set);
  assert.match(await dlvCli(server.address, [`toggle ${id}`, 'breakpoints']), new RegExp(`^Breakpoint ${id} \\(disabled\\)`, 'm'));
  const model = app.models.model(breakpointsFeature);
  await must(app, rec, 'breakpoints refresh');
  await waitFor("the dlv CLI's breakpoint, learned disabled", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line && b.disabled));
  const pane = breakpointsView({ model, rect: { x: 0, y: 0, width: 120, height: 10 }, focused: false, session: session.state, stale: false });
  const row = pane.rows.map((r) => r.map((s) => s.text).join('')).find((r) => r.includes(`other#${id}`)) ?? '';
  assert.match(row, new RegExp(`^○ other#${id}  \\S+main\\.go:${loop.line}  main\\.main  0 hits  disabled  set by another client$`), JSON.stringify(pane.rows));
  await must(app, rec, `list main.go:${loop.line}`);
  const source = sourceView({ model: app.models.model(sourceFeature), rect: { x: 0, y: 0, width: 80, height: 20 }, focused: false, session: session.state, stale: false });
  const gutter = source.rows.map((r) => r.map((s) => s.text).join('')).find((r) => new RegExp(`^. .?\\s*${loop.line} `).test(r)) ?? '';
  assert.match(gutter, new RegExp(`^○ +${loop.line} `), JSON.stringify(source.rows.map((r) => r.map((s) => s.text).join(''))));
  // Enabled again by the CLI, it is active again in both.
  await dlvCli(server.address, [`toggle ${id}`]);
  await must(app, rec, 'breakpoints refresh');
  await waitFor("the dlv CLI's breakpoint, learned enabled", () => session.state.breakpoints.find((b) => b.outside && b.line === loop.line && !b.disabled));
  const again = breakpointsView({ model, rect: { x: 0, y: 0, width: 120, height: 10 }, focused: false, session: session.state, stale: false });
  assert.match(again.rows.map((r) => r.map((s) => s.text).join('')).find((r) => r.includes(`other#${id}`)) ?? '', new RegExp(`^· other#${id} .* 0 hits  set by another client$`));
});

test(":trace on a line where the dlv CLI has a breakpoint names it as the pane does and says whose, offering no command gotui refuses (a new-user trial was offered :breakpoints log 25)", async (t) => {
  const { app, rec, server, session, loop } = await stoppedAtItem(t);
  await dlvCli(server.address, [`break cliloop main.go:${loop.line}`]);
  // Learned first, as the trial's was (its row in the pane).
  await must(app, rec, 'breakpoints refresh');
  await waitFor("the dlv CLI's breakpoint, learned", () => session.state.breakpoints.find((b) => b.delveName === 'cliloop'));
  const from = rec.console.length;
  assert.equal(await app.run(`trace main.go:${loop.line} "n={n}"`), false);
  const said = consoleSince(rec, from);
  assert.match(said, new RegExp(`Line ${loop.line} already has cliloop, another client's breakpoint: Delve keeps one breakpoint a line\\.`), said);
  assert.match(said, /gotui changes only its own: trace another line, or :clear cliloop to take it out of Delve, for everyone\./, said);
  assert.doesNotMatch(said, /:breakpoints log/, said);
  // The pane names it so, and the CLI still has it, not turned into a logpoint.
  const model = app.models.model(breakpointsFeature);
  await model.refresh();
  assert.ok(model.rowsShown().some((r) => 'other' in r && model.owner(r.other.id).name === 'cliloop'));
  assert.ok(!session.state.breakpoints.some((b) => b.logMessage));
  assert.match(await dlvCli(server.address, ['breakpoints']), new RegExp(`^Breakpoint cliloop \\(enabled\\) at .*main\\.go:${loop.line} \\(0\\)$`, 'm'));
});

test("a breakpoint :break set at FILE:LINE (a function breakpoint to Delve) can log: :breakpoints log keeps its number and condition, m offers it, and :trace on its line offers that command (a new-user trial was refused all three)", async (t) => {
  const { app, rec, server, session, item } = await stoppedAtItem(t);
  assert.equal(session.state.breakpoints[0]!.kind, 'function');
  await must(app, rec, 'cond 1 it.Qty >= 1');
  // :trace on its line offers the command that works.
  let from = rec.console.length;
  assert.equal(await app.run(`trace main.go:${item.line} "sku={it.SKU}"`), false);
  assert.match(consoleSince(rec, from), new RegExp(`Line ${item.line} already has breakpoint #1\\. Make it log instead of stop: :breakpoints log 1 sku=\\{it\\.SKU\\}`), consoleSince(rec, from));
  // m on its row is offered, not refused.
  const model = app.models.model(breakpointsFeature);
  model.move(model.rowsShown().findIndex((r) => 'mine' in r && r.mine.id === 1));
  const m = paneKey(app, 'm');
  assert.equal(m.refused, undefined);
  assert.equal(m.prompt?.trim(), 'breakpoints log 1');
  // No message for one that does not log: nothing to change, and it stays as it was (trial CA: "now stops again", made a line one).
  from = rec.console.length;
  assert.equal(await app.run('breakpoints log 1'), false);
  assert.match(consoleSince(rec, from), /#1 does not log: it stops the target already\./, consoleSince(rec, from));
  assert.equal(session.state.breakpoints.find((b) => b.id === 1)!.kind, 'function');
  from = rec.console.length;
  await must(app, rec, 'breakpoints log 1 sku={it.SKU}');
  assert.match(consoleSince(rec, from), new RegExp(`^#1 now logs: sku=\\{it\\.SKU\\} \\(a line breakpoint at \\S*main\\.go:${item.line} now: Delve logs only at those\\)$`, 'm'), consoleSince(rec, from));
  const bp = session.state.breakpoints.find((b) => b.id === 1)!;
  assert.deepEqual([bp.kind, bp.line, bp.condition, bp.logMessage], ['line', item.line, 'it.Qty >= 1', 'sku={it.SKU}']);
  // Delve has one breakpoint there, with the condition; the target logs and does not stop there.
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.equal(cli.match(new RegExp(`main\\.go:${item.line} \\(`, 'g'))?.length, 1, cli);
  assert.match(cli, /^\tcond it\.Qty >= 1$/m, cli);
  const stops = rec.stops.length;
  await must(app, rec, 'continue');
  const logged = new RegExp(`^> \\[Go 1\\] main\\.go:${item.line}: sku="\\w+"$`);
  await waitFor('a logpoint line in the console', () => app.models.model(consoleFeature).get().lines.find((l) => logged.test(l.text)));
  assert.equal(rec.stops.length, stops, 'the target did not stop at the logpoint');
});

test("a breakpoint kept while the program had exited that Delve cannot place in the restarted process is said by the restart, not only shown unverified (trial CC: `breakpoints kept`)", async (t) => {
  const { app, rec, session } = await stoppedAtItem(t);
  assert.equal(await app.run('call os.Exit(0)'), false);
  await waitFor('exited', () => (session.state.status === 'exited' ? true : undefined), 10_000);
  // Delve lists no files once the program has exited (the dlv CLI's sources prints none): kept, as any is.
  await must(app, rec, 'break nosuch.go:10');
  const id = session.state.breakpoints.at(-1)!.id;
  assert.match(rec.console.at(-1)!.text, /\(kept: the program has exited; :restart sets it\)$/);
  const from = rec.console.length;
  await must(app, rec, 'restart -yes');
  assert.match(consoleSince(rec, from), new RegExp(`Delve could not set breakpoint #${id} nosuch\\.go:10 \\([^)]*\\) in it: :clear it, or :break where the code is\\.`), consoleSince(rec, from));
});

test("a real xy.go beside a file shown as xy.go (its name holds an escape sequence): :break xy.go:N typed elsewhere is refused as naming both; at the one on screen it is that one, as the dlv CLI lists it (trial CN: Delve took the other, unsaid)", async (t) => {
  const evil = 'x\x1b[31my.go';
  const { app, rec, server } = await appStoppedIn(t, 'evilpair', {
    'main.go': 'package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tshout(i)\n\t\tplain(i)\n\t}\n}\n',
    'xy.go': 'package main\n\nimport "fmt"\n\nfunc plain(i int) {\n\tfmt.Println("plain", i) // line 6\n}\n',
    [evil]: 'package main\n\nimport "fmt"\n\nfunc shout(i int) {\n\tfmt.Println("shout", i) // line 6\n}\n',
  }, 'main.main');
  assert.equal(await app.run('break xy.go:6'), false);
  assert.match(await consoleLine(rec, /^xy\.go names 2 files/), /^xy\.go names 2 files of the program: \S+\/xy\.go, \S+\/xy\.go \(its real name holds control characters\)\./);
  // At the escape-named one (its title says xy.go): :list and :break by that name are that file.
  await must(app, rec, 'list main.shout');
  const source = app.models.model(sourceFeature);
  assert.equal(source.get().file?.endsWith(evil), true, source.get().file);
  await must(app, rec, 'list xy.go:3');
  assert.equal(source.get().file?.endsWith(evil), true, source.get().file);
  await must(app, rec, 'break xy.go:6');
  const cli = await dlvCli(server.address, ['breakpoints']);
  assert.match(cli, /x\\x1b\[31my\.go"\s+Line=6 .* for main\.shout\(\) /, cli);
  assert.doesNotMatch(cli, /main\.plain\(\)/, cli);
});

test('a file whose name holds an escape sequence, shown without it (`xy.go`), is found by the name as shown: :break xy.go:N stops there, where the dlv CLI is (trial CH: `No file xy.go`), and :list xy.go:N shows it (trial CM)', async (t) => {
  const evil = 'x\x1b[31my.go';
  const { app, rec, server } = await appStoppedIn(t, 'evilname', {
    'main.go': 'package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tshout(i)\n\t}\n}\n',
    [evil]: 'package main\n\nimport "fmt"\n\nfunc shout(i int) {\n\tfmt.Println("shout", i) // line 6\n}\n',
  }, 'main.main');
  const from = rec.console.length;
  await must(app, rec, 'break xy.go:6');
  // As a pane paints it (clean): the name without its escape.
  assert.match(clean(consoleSince(rec, from)), /^Breakpoint #2 \S*\/xy\.go:6$/m, consoleSince(rec, from));
  await runToStop(app, rec, 'continue');
  assert.equal(app.session.state.selection?.frame?.line, 6);
  assert.equal(app.session.state.selection?.frame?.file?.endsWith(evil), true, app.session.state.selection?.frame?.file);
  const cli = cliFrames(await dlvCli(server.address, ['stack 1']));
  assert.equal(cli[0]?.func, 'main.shout');
  assert.equal(cli[0]?.line, 6);
  // :list finds it by the same name (trial CM: `xy.go is not a file of the program`), from another file on screen.
  await must(app, rec, 'list main.go:3');
  await must(app, rec, 'list xy.go:5');
  const source = app.models.model(sourceFeature);
  assert.equal(source.get().file?.endsWith(evil), true, source.get().file);
  assert.equal(source.cursorLine(), 5);
  // Delve names it with Go's quoting (`\x1b`): the other breakpoint commands go on working beside it (trial CL: `Bad escaped character in JSON`).
  await must(app, rec, 'break main.go:5');
  await must(app, rec, 'breakpoints');
  await must(app, rec, 'clear 2');
  const left = await dlvCli(server.address, ['breakpoints']);
  assert.doesNotMatch(left, /x1b/, left);
  assert.match(left, /main\.go:5 /, left);
});
