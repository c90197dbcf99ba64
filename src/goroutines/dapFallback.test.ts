import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { parseThreadName } from '../session/threads.js';
import { DAP_CAP_NOTE, parseDapThreadName, snapshotFromThreads } from './dapFallback.js';
import { TargetRunningError } from './loader.js';
import { DEFAULT_QUERY } from './model.js';

test("parses Delve's DAP thread names", () => {
  assert.deepEqual(parseDapThreadName('* [Go 1] main.work (Thread 2858)'), { selected: true, id: 1, labels: '', fn: 'main.work', osThread: 2858 });
  assert.deepEqual(parseDapThreadName('[Go 17] runtime.gopark'), { selected: false, id: 17, labels: '', fn: 'runtime.gopark' });
  assert.deepEqual(parseDapThreadName('[Go 7 worker:recv] main.(*pool).recv'), { selected: false, id: 7, labels: 'worker:recv', fn: 'main.(*pool).recv' });
  assert.equal(parseDapThreadName('Dummy'), undefined);
  assert.equal(parseDapThreadName(' Unreadable goroutine: bad'), undefined);
});

const threads = (n: number) => [
  { id: 1, name: '* [Go 1] main.main (Thread 100)' },
  ...Array.from({ length: n - 3 }, (_, i) => ({ id: 10 + i, name: `[Go ${10 + i}] main.recvLeak` })),
  { id: 2, name: '[Go 2] runtime.gopark' },
  { id: 3, name: '[Go 3] main.sendLeak' },
];

test('a capped threads response becomes groups by function, with the cap stated', () => {
  const s = snapshotFromThreads(threads(1024), DEFAULT_QUERY, 4);
  assert.equal(s.source, 'dap');
  assert.equal(s.capped, true);
  assert.equal(s.capNote, DAP_CAP_NOTE);
  assert.equal(s.capNote, 'DAP lists at most 1024 goroutines; this server (dlv dap) has no JSON-RPC side channel, so counts are capped');
  assert.equal(s.total, 1024);
  assert.deepEqual(
    s.groups.map((g) => [g.name, g.total]),
    [
      ['main.main', 1],
      ['main.recvLeak', 1021],
      ['main.sendLeak', 1],
      ['runtime.gopark', 1],
    ],
  );
  assert.equal(s.groups[0]!.sample[0]!.threadId, 100);
  assert.equal(snapshotFromThreads(threads(10), DEFAULT_QUERY, 1).capped, false);
});

test('the fallback hides runtime goroutines and applies function filters; a running target and other questions are refused', () => {
  const s = snapshotFromThreads(threads(10), { ...DEFAULT_QUERY, hideRuntime: true, filters: [{ field: 'userloc', arg: 'Leak', negated: false }] }, 1);
  assert.deepEqual(
    s.groups.map((g) => g.name),
    ['main.recvLeak', 'main.sendLeak'],
  );
  assert.equal(s.totalAll, 10);
  assert.equal(snapshotFromThreads(threads(10), { ...DEFAULT_QUERY, filters: [{ field: 'running', arg: '', negated: false }] }, 1).total, 1);
  assert.throws(() => snapshotFromThreads([{ id: -1, name: 'Current' }], DEFAULT_QUERY, 1), (e) => e instanceof TargetRunningError);
  assert.throws(
    () => snapshotFromThreads(threads(10), { ...DEFAULT_QUERY, grouping: { by: 'goloc' } }, 1),
    (e) => e instanceof UserError && /-group goloc needs Delve's JSON-RPC API/.test(e.message) && /function only/.test(e.hint ?? ''),
  );
  assert.throws(
    () => snapshotFromThreads(threads(10), { ...DEFAULT_QUERY, filters: [{ field: 'label', arg: 'a=b', negated: false }] }, 1),
    (e) => e instanceof UserError && /-with\/-without label needs/.test(e.message),
  );
});

// Found by the fuzz campaign (test/fuzz/targets/delve.ts): `\s*(.*?)(?:\s*\(Thread N\))?$` backtracked
// through runs of spaces, 0.5 s for 20,000 and hours for a million (a hostile server's thread name).
test('fuzz: a thread name with a million spaces inside reads in linear time', { timeout: 60_000 }, () => {
  const spaces = ' '.repeat(1_000_000);
  assert.deepEqual(parseDapThreadName(`[Go 1] a${spaces}b (Thread 3)`), { selected: false, id: 1, labels: '', fn: `a${spaces}b`, osThread: 3 });
  assert.deepEqual(parseThreadName(`[Go 1] a${spaces}b`), { current: false, goroutineId: 1, location: `a${spaces}b` });
  assert.deepEqual(parseThreadName('* [Go 2] main.work (Thread 0)'), { current: true, goroutineId: 2, location: 'main.work', osThread: 0 });
});
