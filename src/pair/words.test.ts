import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Peer } from './protocol.js';
import { activityFor, elsewhereWords, followerReason, presenceText, resumedWords, stoppedWords, whoLines } from './words.js';

const peer = (id: string, name: string, role: Peer['role'], extra: Partial<Peer> = {}): Peer => ({ id, name, host: 'vm', since: Date.UTC(2026, 11, 1, 14, 2), role, ...extra });
const alice = peer('p1', 'alice', 'driving', { runs: true });
const bob = peer('p2', 'bob', 'following');
const vera = peer('p3', 'vera', 'viewing');

test('the status bar says who drives and what this gotui does', () => {
  assert.equal(presenceText([alice], 'p1', { viewer: false, looking: false }), '', 'alone: nothing to say');
  assert.equal(presenceText([alice, bob], 'p1', { viewer: false, looking: false }), 'you drive · bob follows');
  assert.equal(presenceText([alice, bob, vera], 'p1', { viewer: false, looking: false }), 'you drive · bob, vera follow');
  // One looking around on their own does not follow the driver's view (trial K).
  assert.equal(presenceText([alice, { ...bob, looking: true }], 'p1', { viewer: false, looking: false }), 'you drive · bob looks around');
  assert.equal(presenceText([alice, { ...bob, looking: true }, vera], 'p1', { viewer: false, looking: false }), 'you drive · vera follows · bob looks around');
  assert.equal(presenceText([alice, bob], 'p2', { viewer: false, looking: false }), 'alice drives · you follow');
  assert.equal(presenceText([alice, bob], 'p2', { viewer: false, looking: true }), 'alice drives · on your own (= rejoins)');
  assert.equal(presenceText([alice, vera], 'p3', { viewer: true, looking: false }), 'read-only viewer · alice drives');
  assert.equal(presenceText([bob, vera], 'p2', { viewer: false, looking: false }), 'nobody drives (:drive) · you follow');
});

test('names from peers are outside text: escapes never reach the terminal', () => {
  const evil = peer('p9', 'eve\x1b]0;pwned\x07\x1b[2J', 'driving');
  const text = presenceText([evil, bob], 'p2', { viewer: false, looking: false });
  assert.ok(!text.includes('\x1b'), text);
  assert.match(followerReason(evil), /^eve.* drives; :drive asks for the wheel$/);
});

test(':who lists everyone, marks you and who runs the target, and says what it cannot list', () => {
  const lines = whoLines([alice, { ...bob, away: true, hub: true }], 'p2', Date.UTC(2026, 11, 1, 14, 12));
  assert.match(lines[0]!, /^alice\s+driving\s+vm, since \d\d:\d\d \(10 min\); its continue\/step runs the target$/);
  assert.match(lines[1]!, /^bob\s+following\s+vm, since \d\d:\d\d \(10 min\); you, suspended \(Ctrl-Z\), hosts the rendezvous$/);
  assert.match(lines[2]!, /dlv CLI, editors\) are not listed/);
});

test('activity words', () => {
  assert.equal(stoppedWords('bob', 'step', 'orders/main.go:41'), 'bob stepped to orders/main.go:41');
  assert.equal(stoppedWords('bob', 'function breakpoint', 'orders/main.go:73'), 'bob stopped at a breakpoint at orders/main.go:73');
  assert.equal(stoppedWords('bob', 'pause', undefined), 'bob paused the target');
});

test("the hub's words as each user reads them: one's own hand-over is not told back in the third person; the one given the wheel reads 'you'", () => {
  assert.equal(activityFor('bob handed the wheel to alice', 'bob'), undefined);
  assert.equal(activityFor('bob handed the wheel to alice', 'alice'), 'bob handed the wheel to you');
  assert.equal(activityFor('bob handed the wheel to alice', 'carol'), 'bob handed the wheel to alice');
  assert.equal(activityFor('alice drives', 'alice'), undefined);
  assert.equal(activityFor('alice left; bob drives', 'bob'), 'alice left; you drive');
  assert.equal(activityFor('alice left; bob drives', 'carol'), 'alice left; bob drives');
  assert.equal(activityFor('alice left; bob-2 drives', 'bob'), 'alice left; bob-2 drives');
  assert.equal(activityFor('root-2 joined (following)', 'root-2'), undefined);
  assert.equal(activityFor('root-2 joined (following)', 'root'), 'root-2 joined (following)');
  assert.equal(activityFor('bob took the wheel: alice is suspended (Ctrl-Z)', 'bob'), undefined, 'his :drive said it');
  assert.equal(activityFor('bob took the wheel: alice is suspended (Ctrl-Z)', 'alice'), 'bob took the wheel while you were suspended (Ctrl-Z)');
  assert.equal(activityFor('bob took the wheel: alice is suspended (Ctrl-Z)', 'carol'), 'bob took the wheel: alice is suspended (Ctrl-Z)');
});

test("a peer's run in words: a restart is said as one, not as a resume", () => {
  assert.equal(resumedWords('alice', 'restart'), 'alice restarts the target');
  assert.equal(resumedWords('alice', 'continue'), 'alice continued');
  assert.equal(resumedWords('alice', 'other'), 'alice resumed the target');
});

test("another client's stop on a thread that runs no goroutine is said at that thread's place, beside the goroutine the panes show (trial BE: said at the panes' place, it read as no move)", () => {
  assert.equal(elsewhereWords({ shown: 'runtime/proc.go:463', goroutine: 1, thread: 'runtime/sys_linux_amd64.s:569' }), 'Another client (the dlv CLI, an editor) moved the target: stopped at runtime/sys_linux_amd64.s:569, on a thread that runs no goroutine (the panes show goroutine 1 at runtime/proc.go:463).');
  assert.equal(elsewhereWords({ shown: 'orders/main.go:75' }), 'Another client (the dlv CLI, an editor) moved the target: stopped at orders/main.go:75.');
  assert.equal(elsewhereWords({ restartedPid: 42, shown: 'orders/main.go:74', what: ' (breakpoint #1)' }), 'Another client (the dlv CLI, an editor) restarted the target (pid 42): stopped at orders/main.go:74 (breakpoint #1).');
  assert.equal(elsewhereWords({}), 'Another client (the dlv CLI, an editor) moved the target.');
});
