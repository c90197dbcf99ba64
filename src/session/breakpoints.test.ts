import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyVerification, breakpointRequests, canLog, conditionFailure, describeStopReason, hitConditionHolds, othersName, reachedName, reconcileBreakpoints, type ServerBreakpoint } from './breakpoints.js';
import type { Breakpoint } from './state.js';

const mine: Breakpoint = { id: 1, kind: 'line', file: '/s/main.go', line: 41, verified: true, delveId: 7 };
const pending: Breakpoint = { id: 2, kind: 'line', file: '/s/main.go', line: 60, verified: false };

test("reconcile: ours kept (with another client's condition), theirs added with who, vanished ones dropped, pending ones kept", () => {
  let next = 10;
  const server: ServerBreakpoint[] = [
    { delveId: 7, kind: 'line', file: '/s/main.go', line: 41, outside: false, condition: 'i > 2' },
    { delveId: 8, kind: 'line', file: '/s/main.go', line: 52, outside: false },
    { delveId: 9, kind: 'line', file: '/s/stock.go', line: 5, outside: true },
  ];
  const r = reconcileBreakpoints([mine, pending], server, { nextId: () => next++, by: (s) => ({ by: s.outside ? 'another client' : 'bob' }) });
  assert.deepEqual(
    r.breakpoints.map((b) => [b.id, b.line, b.by, b.condition, b.outside]),
    [
      [1, 41, undefined, 'i > 2', undefined],
      [2, 60, undefined, undefined, undefined],
      [10, 52, 'bob', undefined, undefined],
      [11, 5, 'another client', undefined, true],
    ],
  );
  assert.equal(r.added.length, 2);
  const gone = reconcileBreakpoints(r.breakpoints, server.slice(1), { nextId: () => next++, by: () => ({ by: 'x' }) });
  assert.deepEqual(gone.removed.map((b) => b.id), [1]);
  assert.ok(gone.changed);
  assert.equal(reconcileBreakpoints(gone.breakpoints, server.slice(1), { nextId: () => next++, by: () => ({ by: 'x' }) }).changed, false, 'the same list again changes nothing');
  // Learned from Delve's list before its owner said so: named once the owner has.
  const early = reconcileBreakpoints([], server.slice(1, 2), { nextId: () => next++, by: () => ({ by: 'another client' }) });
  const named = reconcileBreakpoints(early.breakpoints, server.slice(1, 2), { nextId: () => next++, by: () => ({ by: 'alice', number: 3 }) });
  assert.ok(named.changed);
  assert.deepEqual(named.breakpoints.map((b) => [b.line, b.by, othersName(b)]), [[52, 'alice', 'alice#3']]);
  assert.deepEqual([named.added, named.removed], [[], []], 'the same breakpoint, not a new one');
});

test("a file's DAP list carries others' DAP breakpoints and never the ones made outside DAP", () => {
  const all: Breakpoint[] = [mine, { ...mine, id: 3, line: 52, by: 'bob' }, { ...mine, id: 4, line: 50, by: 'another client', outside: true }];
  assert.deepEqual((breakpointRequests(all, { file: '/s/main.go' }).args.breakpoints as { line: number }[]).map((b) => b.line), [41, 52]);
});

test("a run to a function is named by the function (:start's main.main), one to a line by its place", () => {
  const main: Breakpoint = { id: 3, kind: 'function', spec: 'main.main', file: '/s/flags-hot-reload/main.go', line: 84, verified: true, temporary: true };
  assert.equal(reachedName(main), 'main.main');
  assert.equal(reachedName({ ...main, spec: 'main.go:84' }), 'flags-hot-reload/main.go:84');
  assert.equal(reachedName({ ...pending, temporary: true }), 's/main.go:60');
});

test("a logpoint's hit that stopped the target (an injected call Delve stops at it) is named a logpoint (trial CF: `breakpoint #1`)", () => {
  const lp = { id: 1, delveId: 1, kind: 'line' as const, file: '/m/main.go', line: 35, verified: true, temporary: false, logMessage: 'n={n}' };
  assert.equal(describeStopReason({ number: 3, reason: 'breakpoint', goroutine: 34, breakpoints: [1] }, [lp]), 'logpoint #1');
  assert.equal(describeStopReason({ number: 3, reason: 'breakpoint', goroutine: 34, breakpoints: [1, 2] }, [lp, { ...lp, id: 2, delveId: 2, logMessage: undefined }]), 'breakpoint #1, #2');
});

test("a cut-short call's end is said in fewer words for a narrow status bar (trial CF: `the Set call of main.svc -mode=dr…`)", () => {
  const done = { number: 4, reason: 'the Set call of main.svc -mode=drain finished', goroutine: 1, breakpoints: [] };
  assert.equal(describeStopReason(done, []), 'the Set call of main.svc -mode=drain finished');
  assert.equal(describeStopReason(done, [], true), 'Set call finished');
  assert.equal(describeStopReason({ ...done, reason: 'a call cut short earlier finished' }, [], true), 'call finished');
});

test('a stop another client caused says who', () => {
  assert.equal(describeStopReason({ number: 3, reason: 'step', goroutine: 1, breakpoints: [], by: 'bob' }, []), 'step by bob');
  assert.equal(describeStopReason({ number: 3, reason: 'breakpoint', goroutine: 1, breakpoints: [1], by: 'bob' }, [mine]), 'breakpoint #1, resumed by bob');
  // The dlv CLI's breakpoint, hit before gotui read Delve's list: numbered once the list is read.
  const cli = { number: 4, reason: 'breakpoint', goroutine: 1, breakpoints: [], delveBreakpoints: [9], by: 'another client' };
  assert.equal(describeStopReason(cli, [mine]), 'breakpoint, resumed by another client');
  assert.equal(describeStopReason(cli, [mine, { ...mine, id: 9, delveId: 9, line: 60, by: 'another client' }]), 'breakpoint other#9, resumed by another client');
  // In fewer words, for a narrow status bar (trial CD).
  assert.equal(describeStopReason(cli, [mine, { ...mine, id: 9, delveId: 9, line: 60, by: 'another client' }], true), 'bp other#9, by another client');
  // gotui's own c onto the dlv CLI's breakpoint: named as the breakpoints pane names it, not as gotui's #2.
  assert.equal(describeStopReason({ number: 5, reason: 'breakpoint', goroutine: 1, breakpoints: [2], delveBreakpoints: [8] }, [mine, { ...mine, id: 2, delveId: 8, line: 60, by: 'another client' }]), 'breakpoint other#8');
  // gotui's own, cleared at this very stop (:clearall): still named.
  assert.equal(describeStopReason({ number: 6, reason: 'breakpoint', goroutine: 1, breakpoints: [2] }, [mine]), 'breakpoint #2');
  // Another client's, cleared since (a peer's :clear other#2, a peer's quit): the name it had, not gotui's #2.
  assert.equal(describeStopReason({ number: 6, reason: 'breakpoint', goroutine: 1, breakpoints: [2], breakpointNames: ['other#2'] }, [mine]), 'breakpoint other#2');
  assert.equal(describeStopReason({ number: 7, reason: 'breakpoint', goroutine: 1, breakpoints: [7], breakpointNames: ['alice#2'], by: 'alice' }, [mine]), 'breakpoint alice#2, resumed by alice');
  // A pair peer's, by the number it gave it (Delve numbered it anew at a restart).
  assert.equal(describeStopReason({ number: 6, reason: 'breakpoint', goroutine: 1, breakpoints: [], delveBreakpoints: [8] }, [{ ...mine, id: 2, delveId: 8, by: 'alice', byNumber: 1 }]), 'breakpoint alice#1');
});

test("a condition that failed at the hit: the whole reason for the console, with the condition and how to change it (not for another client's)", () => {
  const bp: Breakpoint = { id: 4, kind: 'line', file: '/s/inventory/stock.go', line: 12, verified: true, delveId: 9, condition: 'discount2 > 1' };
  const stop = { number: 3, reason: 'breakpoint', goroutine: 1, breakpoints: [4], conditionError: 'could not find symbol value for discount2' };
  assert.equal(conditionFailure(stop, [bp]), "Stopped at breakpoint #4 (inventory/stock.go:12): its condition discount2 > 1 failed, could not find symbol value for discount2. Delve stops at every hit while it fails: :cond 4 EXPR changes it, :cond 4 alone removes it.");
  assert.equal(conditionFailure({ ...stop, conditionError: undefined } as never, [bp]), undefined);
  const theirs: Breakpoint = { ...bp, by: 'another client' };
  assert.equal(conditionFailure(stop, [theirs]), 'Stopped at breakpoint other#9 (inventory/stock.go:12): its condition discount2 > 1 failed, could not find symbol value for discount2.');
});

test("a breakpoint Delve refuses as a twin takes no id: the one there (another client's) keeps its own", () => {
  const mine: Breakpoint[] = [{ id: 3, kind: 'function', spec: 'main.go:114', verified: false }];
  const there: Breakpoint = { id: 2, kind: 'line', file: '/src/main.go', line: 114, verified: true, delveId: 1, by: 'another client' };
  const [twin] = applyVerification([...mine, there], mine, [{ id: 1, verified: false, message: 'breakpoint already exists', line: 114 }]);
  assert.equal(twin!.delveId, undefined);
  const [set] = applyVerification(mine, mine, [{ id: 4, verified: true, line: 114 }]);
  assert.equal(set!.delveId, 4);
});

test("Delve's hit conditions, as it checks them", () => {
  assert.ok(hitConditionHolds('== 3', 3));
  assert.ok(!hitConditionHolds('== 3', 4));
  assert.ok(hitConditionHolds('% 2', 4));
  assert.ok(!hitConditionHolds('% 2', 3));
  assert.ok(hitConditionHolds('>= 2', 2));
  assert.ok(!hitConditionHolds('< 2', 2));
  assert.ok(hitConditionHolds('!= 1', 2));
});

test("reconcile: another client's breakpoint disabled in Delve (the dlv CLI's toggle) is disabled, and enabled again; gotui's own keep their state", () => {
  let next = 10;
  const cli: ServerBreakpoint = { delveId: 9, kind: 'line', file: '/s/stock.go', line: 5, outside: true, disabled: true };
  const by = () => ({ by: 'another client' });
  const r = reconcileBreakpoints([mine], [{ delveId: 7, kind: 'line', file: '/s/main.go', line: 41, outside: false, disabled: true }, cli], { nextId: () => next++, by });
  assert.deepEqual(r.breakpoints.map((b) => [b.id, !!b.disabled]), [[1, false], [10, true]]);
  const on = reconcileBreakpoints(r.breakpoints, [{ ...cli, disabled: false }], { nextId: () => next++, by });
  assert.ok(on.changed);
  assert.equal(on.breakpoints.find((b) => b.id === 10)?.disabled, undefined);
  // A peer's DAP breakpoint another client disabled stays in gotui's list for its file: left out, Delve would drop it.
  const peers: Breakpoint = { id: 3, kind: 'line', file: '/s/main.go', line: 52, verified: true, by: 'bob', disabled: true };
  assert.deepEqual(breakpointRequests([mine, peers], { file: '/s/main.go' }).mine.map((b) => b.id), [1, 3]);
});

test('canLog: a line breakpoint, and a function one Delve placed at a line (:break main.go:35); not an unplaced one, an instruction or a watchpoint', () => {
  assert.equal(canLog({ kind: 'line', file: '/s/main.go', line: 3 }), true);
  assert.equal(canLog({ kind: 'function', file: '/s/main.go', line: 35 }), true);
  assert.equal(canLog({ kind: 'function' }), false);
  assert.equal(canLog({ kind: 'instruction', file: '/s/main.go', line: 3 }), false);
  assert.equal(canLog({ kind: 'data' }), false);
});
