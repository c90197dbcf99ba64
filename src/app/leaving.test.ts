import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RpcBreakpoint, RpcDebuggerState } from '../delve/rpc.js';
import { leftState, removedNote, savedNote, unfinishedNote } from './leaving.js';

const halted = (over: Partial<RpcDebuggerState> = {}): RpcDebuggerState => ({ Pid: 7, TargetCommandLine: '', Running: false, Recording: false, CoreDumping: false, exited: false, exitStatus: 0, ...over });

test('the farewell says the state Delve reports, and why a target let run is halted again', () => {
  assert.equal(leftState('running', halted({ Running: true })), 'running');
  assert.equal(leftState('stopped', halted()), 'halted');
  assert.equal(leftState('running', halted({ exited: true, exitStatus: 2 })), 'exited with status 2', 'the status Delve gives, as the dlv CLI says it');
  assert.equal(leftState('exited', halted({ exited: true, exitStatus: 0 })), 'exited with status 0', 'ended on its own while gotui looked');
  assert.equal(leftState('exited', halted()), 'exited', 'killed while halted: Delve still says halted');
  const bp = { id: 2 } as RpcBreakpoint;
  const atBp = halted({ currentThread: { id: 1, pc: 0, goroutineID: 1, file: '/src/orders/main.go', line: 137, breakPoint: bp } });
  assert.equal(leftState('running', atBp), 'halted: it ran into a breakpoint at orders/main.go:137');
  assert.equal(leftState('stopped', atBp), 'halted', 'left halted: nothing to explain');
  assert.equal(leftState('running', undefined), 'running', 'Delve did not answer: as gotui left it');
  assert.equal(leftState('disconnected', undefined), 'unseen: the connection to its Delve had closed');
  // Halted when the link dropped: said, with the way to let it run (trial AU).
  assert.equal(leftState('disconnected', undefined, [], { connect: 'dlv connect 127.0.0.1:2345 on remote' }), 'unseen: the connection to its Delve closed while it was halted, and it stays halted until a client continues it (dlv connect 127.0.0.1:2345 on remote, then continue)');
  assert.equal(leftState('connecting', undefined), 'as it was');
  const other = { id: 3, file: '/src/orders/main.go', line: 74 } as RpcBreakpoint;
  assert.equal(leftState('running', halted({ Running: true }), [other]), "running (it halts if it reaches another client's breakpoint at orders/main.go:74)");
  assert.equal(leftState('running', atBp, [other]), 'halted: it ran into a breakpoint at orders/main.go:137');
});

test('the breakpoints note: removed, none, or not confirmed', () => {
  assert.equal(removedNote({ removed: 2, notRemoved: 0 }), ' Removed the 2 breakpoints gotui set from Delve.');
  assert.equal(removedNote({ removed: 1, notRemoved: 0 }), ' Removed the breakpoint gotui set from Delve.');
  // Kept as asked: the disabled ones, gotui's only, are said not kept.
  assert.equal(removedNote({ removed: 0, notRemoved: 0, kept: 2, keptOff: ['#2', '#3'] }), ' Kept the 2 breakpoints gotui set, as asked (dlv connect, then breakpoints lists them). The 2 disabled ones (#2, #3) were in gotui only, not in Delve: not kept.');
  assert.equal(removedNote({ removed: 0, notRemoved: 0, kept: 0, keptOff: ['#2'] }), ' The disabled one (#2) was in gotui only, not in Delve: not kept.');
  assert.equal(removedNote({ removed: 0, notRemoved: 2, closed: true, delveGone: true }), ' Its Delve is gone, and the 2 breakpoints gotui set with it.');
  assert.equal(removedNote({ removed: 0, notRemoved: 0 }), '');
  assert.equal(removedNote({ removed: 0, notRemoved: 0, kept: 2 }), ' Kept the 2 breakpoints gotui set, as asked (dlv connect, then breakpoints lists them).');
  // Where to connect, when known (trial AB: the hint named no address).
  assert.equal(removedNote({ removed: 0, notRemoved: 1, closed: true, connect: 'dlv connect 127.0.0.1:37695 on build-1' }), ' With the connection closed, the breakpoint gotui set could not be removed: the target halts there with no client attached (dlv connect 127.0.0.1:37695 on build-1, then breakpoints and clear ID).');
  assert.match(removedNote({ removed: 0, notRemoved: 1 }), /Delve did not answer: the breakpoint gotui set may still be there/);
  // By Delve's numbers, which the dlv CLI's clear takes (trial CM: "clear ID", gotui's #6 being Delve's 7).
  assert.equal(removedNote({ removed: 0, notRemoved: 2, notRemovedIds: [{ id: 7, delveId: 7 }, { id: 9, delveId: 9 }], connect: 'dlv connect 127.0.0.1:4000' }), ' Delve did not answer: the 2 breakpoints gotui set may still be there (dlv connect 127.0.0.1:4000, then clear 7, clear 9).');
});

test('breakpoints removed from Delve but still saved for the program are said to be, with where, and the watches saved beside them (trial CC)', () => {
  assert.equal(savedNote(0, 0, '/p/.gotui/breakpoints.json'), '');
  assert.equal(savedNote(1, 0, '/p/.gotui/breakpoints.json'), " The program's saved breakpoint stays in /p/.gotui/breakpoints.json for its next start under gotui (--no-restore skips it).");
  assert.match(savedNote(3, 0, 'f'), /^ The program's 3 saved breakpoints stay in f for its next start under gotui \(--no-restore skips them\)\.$/);
  assert.equal(savedNote(2, 1, 'f'), " The program's 2 saved breakpoints and 1 saved watch stay in f for its next start under gotui (--no-restore skips them).");
  assert.equal(savedNote(1, 1, 'f'), " The program's 1 saved breakpoint and 1 saved watch stay in f for its next start under gotui (--no-restore skips them).");
  assert.equal(savedNote(0, 2, 'f'), " The program's 2 saved watches stay in f for its next start under gotui (--no-restore skips them).");
});

test("a flag edit whose Set call a breakpoint cut short, not taken when last read, is named on leaving", () => {
  assert.equal(unfinishedNote([]), '');
  assert.equal(unfinishedNote(['-name=beta']), " A flag edit's Set call, cut short by a breakpoint, had not finished: -name=beta (the program may finish it as it runs on, or never).");
});

test("removedNote says why gotui's breakpoints stay while another client's continue runs the target, and how to clear them", () => {
  assert.equal(
    removedNote({ removed: 0, notRemoved: 2, notRemovedIds: [{ id: 1, delveId: 7 }, { id: 2, delveId: 9 }], heldByOther: true, connect: 'dlv connect 127.0.0.1:2345' }),
    " Another client's continue runs the target, and Delve takes no breakpoint out meanwhile: the 2 breakpoints gotui set stay (dlv connect 127.0.0.1:2345, and once it halts, clear 7, clear 9: Delve's numbers for gotui's #1, #2).",
  );
});
