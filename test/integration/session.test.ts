import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { execa } from 'execa';
import { testDelve, waitFor } from '../support/delve.js';
import { attachedDemo, headlessApp, waitForStop } from '../support/session.js';
import { buildGoProgram } from '../support/go-program.js';
import { dlvCli } from '../support/dlv-cli.js';
import { UserError } from '../../src/errors.js';

test('break, continue, stack, variables, next, step, stepout, set, detach: against a real Delve', async (t) => {
  const { server, session } = await attachedDemo(t, 'orders');
  assert.equal(session.state.status, 'running');
  await waitFor('the demo printing orders', () => server.output.some((l) => /^order \d+ /.test(l)) || undefined);

  const at = findMarker('orders', 'gotui:process');
  let since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  let s = await waitForStop(session, since);
  assert.equal(s.reason, 'breakpoint');
  assert.equal(s.frames[0]!.name, 'main.process');
  assert.equal(s.frames[0]!.line, at.line);
  assert.equal(s.frames[1]!.name, 'main.main');
  assert.equal(session.state.selection?.goroutine, s.goroutine, 'the stopped goroutine is selected');
  assert.deepEqual(session.state.stop?.breakpoints, [session.state.breakpoints[0]!.id], 'the stop names the breakpoint it hit');
  const sum = s.variables.find((v) => v.name === 'sum');
  const n = s.variables.find((v) => v.name === 'n');
  assert.ok(sum && Number(sum.value) > 0, `sum is a positive number: ${sum?.value}`);
  assert.ok(n && Number(n.value) >= 1, `n is a count: ${n?.value}`);

  // The order argument expands lazily into its fields.
  const o = s.variables.find((v) => v.name === 'o')!;
  assert.ok(o.ref > 0);
  const fields = (await session.variables(o.ref)).map((v) => v.name);
  assert.deepEqual(fields.slice(0, 4), ['ID', 'Customer', 'Items', 'Tags']);

  since = session.stopCount;
  await session.step('stepIn');
  s = await waitForStop(session, since);
  assert.equal(s.frames[0]!.name, 'main.applyDiscount');

  since = session.stopCount;
  await session.step('stepOut');
  s = await waitForStop(session, since);
  assert.equal(s.frames[0]!.name, 'main.process');

  since = session.stopCount;
  await session.step('next');
  s = await waitForStop(session, since);
  assert.equal(s.frames[0]!.name, 'main.process');
  assert.equal(s.frames[0]!.line, at.line + 1);

  assert.equal(await session.setVariable('n', '42'), '42');
  // Fields and elements, through their container.
  assert.equal(await session.setVariable('o.Items[0].Qty', '9'), '9');
  assert.equal((await session.evaluate('o.Items[0].Qty')).result, '9');
  assert.equal(await session.setVariable('o.ID', '777'), '777');
  assert.equal((await session.evaluate('n')).result, '42');
  // A name not in scope: its hint is about scope (frames), not about which types Delve sets.
  await assert.rejects(session.setVariable('nosuchvar', '3'), (e: unknown) => e instanceof UserError && /^Cannot set nosuchvar to 3: failed to find the named variable\.$/.test(e.message) && /not a variable in scope at this frame/.test(e.hint ?? ''));
  const scopes = await session.scopes(session.currentFrame()!);
  assert.equal(scopes.flatMap((x) => x.variables).find((v) => v.name === 'n')!.value, '42');

  // A bad expression is one sentence, and the session goes on.
  await assert.rejects(session.evaluate('nosuchvar + 1'), (e: unknown) => e instanceof UserError && /nosuchvar/.test(e.message));

  // pkg.Func and a relative file:line both resolve through Delve.
  await session.removeBreakpoint(session.state.breakpoints[0]!.id);
  const fmtAt = findMarker('orders', 'gotui:format');
  await session.addBreakpoint({ kind: 'function', spec: `main.go:${fmtAt.line}` });
  since = session.stopCount;
  await session.continue();
  s = await waitForStop(session, since);
  assert.equal(s.frames[0]!.name, 'main.format');
  assert.equal(s.frames[0]!.line, fmtAt.line);
  await session.addBreakpoint({ kind: 'function', spec: 'main.applyDiscount' });
  since = session.stopCount;
  await session.continue();
  s = await waitForStop(session, since);
  assert.equal(s.frames[0]!.name, 'main.applyDiscount');

  // A location Delve cannot resolve is refused and leaves nothing behind.
  const before = session.state.breakpoints.length;
  await assert.rejects(session.addBreakpoint({ kind: 'function', spec: 'main.noSuchFunction' }), (e: unknown) => e instanceof UserError && /No code at main\.noSuchFunction/.test(e.message));
  // A line past the end: Delve's reason, in words without its own breakpoint number.
  await assert.rejects(session.addBreakpoint({ kind: 'function', spec: 'main.go:999' }), (e: unknown) => e instanceof UserError && /^No code at main\.go:999(: Delve finds no statement at that line|: the line holds no statement .*)?\.$/.test(e.message) && !/breakpoint \d/.test(e.message));
  // A comment line of a file the program has: no statement there, not "no such file", and no path of Delve's.
  const comment = fmtAt.file;
  await assert.rejects(session.addBreakpoint({ kind: 'line', file: comment, line: 2 }), (e: unknown) => e instanceof UserError && /no statement/.test(e.message) && !/could not find/.test(e.message) && /the line must hold a statement/.test(e.hint ?? '') && /-gcflags=all=-N -l/.test(e.hint ?? ''));
  assert.equal(session.state.breakpoints.length, before);

  for (const b of [...session.state.breakpoints]) await session.removeBreakpoint(b.id);
  const printed = server.output.length;
  await session.detach({ resume: true });
  // The target survives the detach and goes on with its work.
  await waitFor('orders printed after detach', () => server.output.length > printed + 2 || undefined);
  process.kill(server.targetPid!, 0);
});

test("attaching to a headless Delve whose program has exited (it ran to its end, Delve serves on) says so, with the way on, which works (new-user trial)", async (t) => {
  const binary = await buildGoProgram(t, 'exitsatonce', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("bye") }\n');
  const dlv = execa(await testDelve(), ['exec', binary, '--headless', '--listen=127.0.0.1:0', '--accept-multiclient', '--api-version=2', '--continue'], { reject: false, buffer: false, stdin: 'ignore' });
  t.after(() => dlv.kill());
  let out = '';
  dlv.stdout!.on('data', (d) => (out += d));
  const port = Number(await waitFor('Delve listening and the program done', () => (/\bbye\b/.test(out) ? /listening at: 127\.0\.0\.1:(\d+)/.exec(out)?.[1] : undefined), 60_000));
  const address = { host: '127.0.0.1', port };
  const refused = async () => {
    const { app } = headlessApp({ address, label: 'exited', owned: false, version: 'unknown', warnings: [] });
    t.after(() => app.close());
    return app.start().then(() => undefined, (err: unknown) => err);
  };
  const err = await refused();
  assert.ok(err instanceof UserError, String(err));
  assert.match(err.message, new RegExp(`^The program Delve at 127\\.0\\.0\\.1:${port} debugs has exited \\(pid \\d+, status 0\\): there is nothing to attach to\\.$`));
  assert.equal(err.hint, `Delve serves on: restart the program there (dlv connect 127.0.0.1:${port}, then restart), then gotui attach 127.0.0.1:${port} again.`);
  assert.doesNotMatch(err.message + err.hint, /--accept-multiclient/);
  // The way on: the dlv CLI restarts it, and gotui attaches.
  await dlvCli(address, ['restart']);
  const { app } = headlessApp({ address, label: 'restarted', owned: false, version: 'unknown', warnings: [] });
  t.after(() => app.close());
  await app.start();
  assert.notEqual(app.session.state.status, 'exited');
});
