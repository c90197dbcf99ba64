import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { FlagsController } from './controller.js';
import { loadCapture, replaySession } from './fixture.js';

const capture = loadCapture();

async function readThenRun() {
  const session = replaySession(capture);
  const c = new FlagsController(session, { pageSize: 4 });
  await c.watch();
  (session.state as { status: string }).status = 'running';
  return { session, c };
}

test('while the target runs, a checked edit waits in the queue and nothing is sent', async () => {
  const { session, c } = await readThenRun();
  const sent = session.sent.length;
  const r = await c.edit('flag.CommandLine', 'batch', '64');
  assert.equal(r.status, 'queued');
  assert.match(r.message, /^The target is running: queued as edit #1, applied at the next stop \(p stops it now\)\. :flag -cancel 1 drops it\.$/);
  await c.edit('flag.CommandLine', 'name', 'x');
  const again = await c.edit('flag.CommandLine', 'batch', '65');
  assert.match(again.message, /It replaces #1\./);
  assert.deepEqual(c.pending().map((p) => [p.id, p.name, p.value]), [[2, 'name', 'x'], [3, 'batch', '65']]);
  assert.deepEqual(c.store.get().pending, c.pending());
  assert.equal(session.sent.length, sent, 'queued, not sent');

  // Bad input is refused as it is typed, queue or not.
  await assert.rejects(c.edit('flag.CommandLine', 'verbose', 'yes'), (e: unknown) => e instanceof UserError && e.message === "'yes' is not a bool for -verbose.");
  await assert.rejects(c.edit('flag.CommandLine', 'bach', '1'), (e: unknown) => e instanceof UserError && e.message === 'flag.CommandLine has no flag -bach.' && /-batch/.test(e.hint ?? ''));
  assert.equal(c.pending().length, 2);

  assert.equal(c.cancel(2).name, 'name');
  assert.throws(() => c.cancel(2), (e: unknown) => e instanceof UserError && /no pending edit #2/.test(e.message) && /#3/.test(e.hint ?? ''));
  assert.deepEqual(c.pending().map((p) => p.id), [3]);
  assert.match(c.store.get().note!.text, /Cancelled edit #2/);
});

test('a FlagSet never read cannot be edited while the target runs; the last read stays, marked stale', async () => {
  const { c } = await readThenRun();
  await assert.rejects(c.edit('main.debugFlags', 'mode', 'drain'), (e: unknown) => e instanceof UserError && /main\.debugFlags has not been read and the target is running/.test(e.message));
  const last = await c.watch();
  assert.equal(last.flags.length, 6, 'the last read');
  await assert.rejects(c.watch('main.pflags'), (e: unknown) => e instanceof UserError && /Cannot read main\.pflags while the target is running/.test(e.message));
  assert.deepEqual(c.store.get().sets.map((s) => s.expr), ['flag.CommandLine', 'main.pflags'], 'shown, to be read at the next stop');
  assert.equal(c.unwatch('main.pflags'), true);
  assert.equal(c.unwatch('main.pflags'), false);
});

test('the store counts versions and the cursor stays on a row', async () => {
  const { c } = await readThenRun();
  const v = c.store.version;
  c.moveCursor(3);
  assert.equal(c.store.get().cursor, 3);
  c.moveCursor(100);
  assert.equal(c.store.get().cursor, 5, 'six flags');
  c.moveCursor(-100);
  assert.equal(c.store.get().cursor, 0);
  assert.ok(c.store.version > v);
  let calls = 0;
  const off = c.store.subscribe(() => calls++);
  c.setCursor(1);
  off();
  c.setCursor(2);
  assert.equal(calls, 1);
});
