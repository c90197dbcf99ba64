// :print as the dlv CLI prints it, compared with the CLI on the same server at
// the same stop: pointers with their address, format verbs, strings beyond ASCII or not UTF-8, a channel's
// buffer and the goroutines waiting on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { UserError } from '../../src/errors.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedDemo, commandContext, exec, modelsWithRpc, waitForStop } from '../support/session.js';

const MARK = '@@next@@';

test(':print matches the dlv CLI for pointers, verbs, slices, arrays and channels', async (t) => {
  const { server, session } = await attachedDemo(t, 'machine');
  (await modelsWithRpc(t, session, server)).createAll();
  const at = findMarker('machine', 'gotui:floats');
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, 0);
  const printed: { text: string; kind?: string }[] = [];
  const ctx = commandContext(session, printed);
  const exprs = ['ptr', '%x n', '%b n', '%o n', '%#x n', '%d main.counter', '%x main.counter', '%x main.cut', 'main.cut', 'v', '%f sum', 'sum', 'done', '%q n', 's', 'hook', '"日本"', '"héllo, ключ"', '"значение значение значение значение значение"', '"\\xff\\x9ba"', '%x "\\xff\\x9b"', '%#x "bob"', '%#X "bob"', '"日本\\xc3"'];
  // The CLI prints each value; a string print between them marks where one ends.
  const cli = await dlvCli(server.address, exprs.flatMap((e) => [`print ${e}`, `print "${MARK}"`]));
  // The CLI writes paths relative to its working directory, gotui absolute ones.
  const relative = (text: string) => text.replaceAll(`${process.cwd()}/`, './');
  const theirs = cli.replace(/^Type 'help' for list of commands\.\n/, '').split(`"${MARK}"\n`).map((b) => b.trim());
  for (const [i, e] of exprs.entries()) {
    await exec(ctx, `print ${e}`);
    assert.equal(relative(printed.pop()!.text), theirs[i], `print ${e}`);
  }
  assert.match(theirs[0]!, /^\(\*int\)\(0x[0-9a-f]+\)\n\*42$/, 'the pointer with its address');
  // A package variable named bare in another package's frame (runtime.main's): Delve finds none there, as the
  // CLI says; gotui's hint is the name that reads (trial AQ: its "another frame: :frame N" led nowhere).
  const runtimeMain = (await session.frames(session.state.selection!.goroutine, 0, 64)).frames.find((f) => f.name === 'runtime.main');
  assert.ok(runtimeMain, 'runtime.main is on the stack');
  const cliFrame = (await dlvCli(server.address, [`frame ${runtimeMain.index} print counter`, `print "${MARK}"`, `frame ${runtimeMain.index} print main.counter`])).split(`"${MARK}"`);
  assert.match(cliFrame[0]!, /could not find symbol value for counter/);
  await exec(ctx, `frame ${runtimeMain.index}`);
  await assert.rejects(exec(ctx, 'print counter'), (e) => e instanceof UserError && /could not find symbol value for counter/.test(e.message) && e.hint === 'It is a package variable: :print main.counter');
  await exec(ctx, 'print main.counter');
  assert.equal(printed.pop()!.text, cliFrame[1]!.replace(/\nWould you like to kill the headless instance\? \[Y\/n\]\s*$/, '').trim());
  await exec(ctx, 'frame 0');
  // A local mistyped by a letter: the name meant is offered, as a mistyped command's is (trial BV: `itemz`, no word of items).
  const cliLocals = await dlvCli(server.address, ['locals']);
  const local = /^([a-z]\w{3,}) = /m.exec(cliLocals)?.[1];
  assert.ok(local, cliLocals);
  const typo = `${local.slice(0, -1)}${local.endsWith('z') ? 'q' : 'z'}`;
  await assert.rejects(exec(ctx, `print ${typo}`), (e) => e instanceof UserError && (e.hint ?? '').startsWith('Did you mean ') && (e.hint ?? '').includes(local) && /The Variables pane \(4\) lists this frame's\.$/.test(e.hint ?? ''));
  // Go counts a string's bytes: whole strings beyond ASCII are not said cut (`"日本...+4 more"` before).
  assert.equal(theirs[exprs.indexOf('"日本"')], '"日本"');
  // Bytes that are not UTF-8 as the CLI writes them (Delve's DAP gives U+FFFD and a negative `...+-4 more`).
  assert.equal(theirs[exprs.indexOf('"\\xff\\x9ba"')], '"\\xff\\x9ba"');

  // jobs: the channel's hchan (len 2, cap 4, its buffer) and who waits on done.
  await exec(ctx, 'print jobs');
  const mine = printed.pop()!.text;
  const cliJobs = (await dlvCli(server.address, ['print jobs'])).replace(/^Type 'help' for list of commands\.\n/, '').replace(/\nWould you like to kill the headless instance\? \[Y\/n\]\s*$/, '').trim();
  assert.equal(relative(mine), cliJobs, 'the hchan, its buffer [7,9,0,0] and no waiters, as the CLI prints them');
  assert.match(mine, /qcount: 2,\n\tdataqsiz: 4,\n\tbuf: \*\[4\]int \[7,9,0,0\],/);
  // The two senders wait on done once they have run: on a busy machine the first stop can come
  // before that, so later rounds are looked at too (gotui and the CLI agreeing at each).
  let done = '';
  let waiting: (string | undefined)[] = [];
  for (let round = 0; ; round++) {
    await exec(ctx, 'print done');
    done = printed.pop()!.text;
    waiting = [...done.matchAll(/Goroutine (\d+) - User/g)].map((m) => m[1]);
    const cliWaiting = [...(await dlvCli(server.address, ['print done'])).matchAll(/Goroutine (\d+) - User/g)].map((m) => m[1]);
    assert.deepEqual(waiting, cliWaiting, 'the goroutines Delve finds waiting on done');
    if (waiting.length === 2 || round === 20) break;
    const since = session.stopCount;
    await session.continue();
    await waitForStop(session, since);
  }
  // The two senders blocked on done sit in its send queue.
  assert.match(done, /\tsendq: waitq<struct \{\}> \{\n\t\tfirst: \*\(\*sudog<struct \{\}>\)\(0x[0-9a-f]+\),/);
  assert.equal(waiting.length, 2, 'both senders are listed');
});
