import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { FlagsController } from './controller.js';
import type { FlagInfo } from './model.js';
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

test('a Set call a breakpoint cut short that has not taken once the target ran is said so at the next stop, once, and named for the farewell (trial BQ: never finished, never said)', async () => {
  const session = replaySession(capture);
  const c = new FlagsController(session, { pageSize: 4 });
  await c.watch();
  const before = c.store.get().sets[0]!.snapshot!.flags.find((f) => f.name === 'name')!;
  const cut = (c as unknown as { cutShort(setExpr: string, name: string, value: string, before: FlagInfo, edit?: number): { message: string } }).cutShort('flag.CommandLine', 'name', 'x', before);
  assert.match(cut.message, /^-name is not set yet: .* Delve may finish the call when the target runs on \(c\); gotui says at the next stop whether -name reads x\.$/);
  // The stop its end makes is named for it (trial CD: `Stop 4 (breakpoint)`, no breakpoint there).
  assert.deepEqual(session.callsCut, ['the Set call of -name=x']);
  const stopAt = async (n: number) => {
    (session as unknown as { stopCount: number }).stopCount = n;
    session.state.stop!.number = n;
    session.events.emit('stop', { stop: session.state.stop, selection: session.state.selection, frames: { goroutine: 1, start: 0, frames: [], total: 0, complete: true }, scopes: Promise.resolve([]) } as never);
    await new Promise((r) => setTimeout(r, 50));
  };
  const still = () => session.logged.filter((l) => /^-name still reads/.test(l));
  // The flag reads as it did at each later stop (the replay answers one read: this is that read's answer).
  const read = c.store.get().sets[0]!.snapshot!;
  Object.assign(c, { readSet: async () => read });
  // The stop the cut made says nothing yet: the call can finish only once the target runs.
  await stopAt(2);
  assert.deepEqual(still(), []);
  session.events.emit('resumed', {} as never);
  await stopAt(3);
  assert.deepEqual(still(), [`-name still reads ${JSON.stringify(before.value)}: its Set call a breakpoint cut short has not finished, and may never (a goroutine waiting on it stays parked in a debug call). :flag name=x sets it again.`]);
  session.events.emit('resumed', {} as never);
  await stopAt(4);
  assert.equal(still().length, 1, 'said once');
  assert.deepEqual(c.unfinishedEdits(), ['-name=x']);
});
