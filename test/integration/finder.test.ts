import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { finderFeature } from '../../src/finder/feature.js';
import { sourceFeature } from '../../src/source/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleSince, must, runToStop } from '../support/app.js';

/** What a dlv CLI command printed: the lines between its neighbours' (commands run one after another). */
function cliLists(out: string, count: number): string[][] {
  const lines = out.split('\n').filter((l) => !/^Type 'help'|^Would you like to kill/.test(l));
  const lists: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l === '--') {
      lists.push(cur);
      cur = [];
    } else if (l) cur.push(l);
  }
  lists.push(cur);
  return lists.slice(0, count);
}

test(':funcs, :types, :sources, :vars and :whatis print what the dlv CLI prints; the finder finds a function fuzzily, shows it and breaks on it', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');

  // The CLI's lists, separated by a command that prints `--`.
  const cli = await dlvCli(server.address, ['funcs ^main\\.', 'print "--"', 'types ^main\\.', 'print "--"', 'sources pipeline', 'print "--"', 'vars ^main\\.', 'print "--"', 'whatis queue', 'print "--"', 'whatis j']);
  const [funcs, types, sources, vars, whatisQueue] = cliLists(cli.replace(/^"--"$/gm, '--'), 5);
  const run = async (line: string) => {
    const from = rec.console.length;
    await must(app, rec, line);
    return consoleSince(rec, from).split('\n').slice(1);
  };
  assert.ok(funcs!.includes('main.consume') && funcs!.length >= 5, cli);
  assert.deepEqual(await run('funcs ^main\\.'), funcs);
  assert.deepEqual(await run('types ^main\\.'), types);
  assert.deepEqual(await run('sources pipeline'), sources);
  assert.deepEqual(await run('vars ^main\\.'), vars);
  assert.deepEqual(await run('whatis queue'), whatisQueue);
  // A bad pattern is one sentence.
  assert.equal(await app.run('funcs ('), false);
  assert.match(consoleSince(rec, rec.console.length - 1), /Cannot list functions: .*regexp/);

  // The finder: "mcons" finds main.consume first; Enter shows it; b breaks on it.
  await must(app, rec, 'find mcons');
  const finder = app.models.model(finderFeature);
  assert.equal(finder.current()?.text, 'main.consume');
  assert.ok(finder.get().funcs! > 1000, 'every function of the binary is searched');
  await must(app, rec, 'finder open');
  const source = app.models.model(sourceFeature).get();
  assert.match(source.file ?? '', /pipeline\/main\.go$/);
  await must(app, rec, 'finder break');
  assert.equal(session.state.breakpoints.at(-1)?.spec, 'main.consume');
  // Where the dlv CLI says the breakpoint on the function is: the line the source pane showed.
  const at = /for main\.consume\(\) \S+main\.go:(\d+)/.exec(await dlvCli(server.address, ['breakpoints']));
  assert.ok(at, 'the CLI lists the breakpoint on main.consume');
  assert.equal(source.cursor.index + 1, Number(at[1]), 'the source pane showed where consume starts');
  // Files are found too.
  await must(app, rec, 'find pipemain');
  assert.match(finder.current()?.text ?? '', /demos\/pipeline\/main\.go$/);
  assert.equal(finder.current()?.kind, 'file');
});
