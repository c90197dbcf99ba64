import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { loadCapture, replaySession } from './fixture.js';
import type { FlagSetSnapshot } from './model.js';
import { readArgs, readFlagSet } from './reader.js';

// The capture: demos/flags-hot-reload run with -batch=32 -log-level debug -interval=200ms, at gotui:tick.
const capture = loadCapture();

function rows(s: FlagSetSnapshot) {
  return s.flags.map((f) => [f.name, f.type.name, f.goType, f.defValue, f.value, f.changed, f.usage]);
}

test('readFlagSet reads flag.CommandLine from Delve 1.27.1 answers (map pages of 4)', async () => {
  const session = replaySession(capture);
  const s = await readFlagSet(session, 'flag.CommandLine', { pageSize: 4 });
  assert.equal(s.library, 'flag');
  assert.equal(s.parsed, true);
  assert.match(s.name, /flags-hot-reload$/);
  assert.deepEqual(rows(s), [
    ['batch', 'int', '*flag.intValue', '16', '32', true, 'items handled per tick'],
    ['debug-file', 'string', '*flag.stringValue', '', '', false, 'file of debug flags, one a line, re-read on SIGHUP'],
    ['interval', 'duration', '*flag.durationValue', '500ms', '200ms', true, 'time between ticks'],
    ['log-level', 'string', '*flag.stringValue', 'info', 'debug', true, 'log level: debug, info, warn or error'],
    ['name', 'string', '*flag.stringValue', 'flagsvc', 'flagsvc', false, 'service name, printed on every line'],
    ['verbose', 'bool', '*flag.boolValue', 'false', 'false', false, 'add detail to every tick line'],
  ]);
  assert.equal(s.flags[0]!.expr, '((flag.CommandLine).formal)["batch"]');
  assert.ok(s.flags.every((f) => f.exact));
  // Two pages of the map, asked for at once.
  assert.equal(session.sent.filter((k) => k.startsWith('["variables"')).length, 2);
});

test('readFlagSet reads a custom FlagSet with a custom Value, and a pflag FlagSet', async () => {
  const session = replaySession(capture);
  const d = await readFlagSet(session, 'main.debugFlags', { pageSize: 4 });
  assert.equal(d.parsed, false);
  assert.equal(d.name, 'debug');
  assert.deepEqual(rows(d), [
    ['mode', 'main.modeValue', '*main.modeValue', 'normal', 'normal', false, 'serving mode: normal, drain or readonly'],
    ['sample', 'float64', '*flag.float64Value', '1', '1', false, 'fraction of items to trace'],
    ['trace', 'bool', '*flag.boolValue', 'false', 'false', false, 'trace every item'],
  ]);
  assert.equal(d.flags[0]!.exact, false, 'a custom Value shows Delve text, not its String()');

  const p = await readFlagSet(session, 'main.pflags', { pageSize: 4 });
  assert.equal(p.library, 'pflag');
  assert.deepEqual(rows(p), [
    ['region', 'string', '*github.com/spf13/pflag.stringValue', 'local', 'eu-west-1', true, 'region the service runs in'],
    ['workers', 'int', '*github.com/spf13/pflag.intValue', '1', '4', true, 'worker goroutines'],
  ]);
  assert.deepEqual([p.flags[1]!.shorthand, p.flags[1]!.setOnCommandLine], ['', true]);

  const empty = await readFlagSet(session, 'pflag.CommandLine', { pageSize: 4 });
  assert.deepEqual([empty.library, empty.flags.length], ['pflag', 0], 'a nil formal map is no flags');
});

test('readFlagSet loads a long string value whole (Delve cuts it at 512 bytes inside the Value)', async () => {
  const session = replaySession(capture);
  await readFlagSet(session, 'flag.CommandLine', { pageSize: 4 });
  const s = await readFlagSet(session, 'flag.CommandLine');
  const name = s.flags.find((f) => f.name === 'name')!;
  assert.equal(name.value, 'x'.repeat(600));
  assert.equal(name.truncated, undefined);
  assert.ok(session.sent.some((k) => k.includes('*(((flag.CommandLine).formal)[\\"name\\"]).Value.(data)')));
});

test('readFlagSet says in one sentence what is not a FlagSet', async () => {
  const session = replaySession(capture);
  await assert.rejects(readFlagSet(session, 'main.logLevel'), (e: unknown) => e instanceof UserError && e.message === 'main.logLevel is a *string, not a FlagSet.');
  await assert.rejects(readFlagSet(session, 'main.nosuch'), (e: unknown) => e instanceof UserError && e.message === 'This program has no variable main.nosuch.');
});

test("a FlagSet that is another frame's local is pointed at that frame (trial BH was told to give a local)", async () => {
  // Delve's words for a name the selected frame does not have, as the trial's Delve 1.27.1 said them.
  const error = 'Unable to evaluate expression: could not find symbol value for fs';
  const asked = ['fs', '(fs).parsed', '(fs).formal'].map((expression) => ({ command: 'evaluate', args: { expression, context: 'hover' }, error }));
  const session = replaySession({ ...capture, requests: [...capture.requests, ...asked, { command: 'evaluate', args: { expression: '(fs).name', context: 'clipboard' }, error }] });
  await assert.rejects(readFlagSet(session, 'fs'), (e: unknown) => e instanceof UserError && e.message === 'Cannot read fs: it is not a variable in scope at this frame.' && /^A local is read in its own frame: select it \(:frame N/.test(e.hint ?? ''));
});

test('readArgs reads os.Args in pages', async () => {
  const a = await readArgs(replaySession(capture), { pageSize: 2 });
  assert.deepEqual(a.args.slice(1), capture.args);
  assert.match(a.args[0]!, /flags-hot-reload$/);
});

test('reading refuses while the target runs', async () => {
  const session = replaySession(capture);
  (session.state as { status: string }).status = 'running';
  await assert.rejects(readFlagSet(session, 'flag.CommandLine'), (e: unknown) => e instanceof UserError && /while the target is running/.test(e.message));
  assert.equal(session.sent.length, 0);
});
