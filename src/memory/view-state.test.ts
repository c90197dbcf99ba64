import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExamineCommand } from './examine-grammar.js';
import {
  examineKeyActions,
  examineReducer,
  initialExamineState,
  leftFrom,
  pointerUnderCursor,
  type ExamineAction,
  type ExamineState,
} from './view-state.js';

const SP = 0xc000047f40n;

function run(state: ExamineState, ...actions: ExamineAction[]): ExamineState {
  return actions.reduce(examineReducer, state);
}

/** Type an x command whose expression evaluated to `address`. */
function typed(state: ExamineState, text: string, address?: bigint): ExamineState {
  return examineReducer(state, { type: 'examine', parsed: parseExamineCommand(text, state.defaults), address });
}

const start = (): ExamineState => typed(initialExamineState(2), 'x/16xg $sp', SP);

test('examine sets the view and where x continues', () => {
  const s = start();
  assert.equal(s.examined, true);
  assert.equal(s.address, SP);
  assert.equal(s.cursor, SP);
  assert.equal(s.format, 'x');
  assert.equal(s.unit, 'g');
  assert.equal(s.count, 16);
  assert.equal(s.next, SP + 128n);
  assert.deepEqual(s.history, []);
  assert.deepEqual(s.defaults, { format: 'x', unit: 'g', count: 16 });
});

test('a bare x continues after the last shown address with the same format', () => {
  const s = typed(start(), 'x');
  assert.equal(s.address, SP + 128n);
  assert.equal(s.count, 16);
  assert.deepEqual(s.history, [], 'continuing is paging, not a jump');
  const d = typed(s, 'x/4d');
  assert.equal(d.address, SP + 256n);
  assert.equal(d.format, 'd');
  assert.equal(d.unit, 'g');
  assert.equal(d.count, 4);
});

test('a typed address is a jump that Backspace returns from', () => {
  const s = typed(start(), 'x/8xw 0x1000', 0x1000n);
  assert.equal(s.history.length, 1);
  const back = examineReducer(s, { type: 'back' });
  assert.equal(back.address, SP);
  assert.equal(back.unit, 'g');
  assert.equal(back.count, 16);
  assert.equal(back.next, SP + 128n);
  assert.deepEqual(back.defaults, { format: 'x', unit: 'g', count: 8 }, 'the format and unit shown become the defaults');
});

test('x/-N shows the units that end at the address; a bare x then shows one unit at the lowest, as gdb 13 does; x/-N alone goes back from where x would go on', () => {
  const s = typed(initialExamineState(2), 'x/-3xg $sp', SP);
  assert.equal(s.address, SP - 24n);
  assert.equal(s.count, 3);
  const bare = typed(s, 'x');
  assert.deepEqual([bare.address, bare.count], [SP - 24n, 1]);
  const again = typed(bare, 'x');
  assert.deepEqual([again.address, again.count], [SP - 16n, 1]);
  const back = typed(again, 'x/-2xg');
  assert.deepEqual([back.address, back.count], [SP - 24n, 2]);
  assert.equal(typed(back, 'x').address, SP - 24n);
});

test('a bare x before anything was examined explains itself', () => {
  const s = typed(initialExamineState(), 'x');
  assert.equal(s.examined, false);
  assert.match(s.message!, /needs an address/);
});

test('cursor moves by unit and row, and scrolls a row at the edges', () => {
  let s = start(); // 8 rows of 2 words
  s = run(s, { type: 'move', direction: 'right' });
  assert.equal(s.cursor, SP + 8n);
  s = run(s, { type: 'move', direction: 'down' });
  assert.equal(s.cursor, SP + 24n);
  s = run(s, { type: 'move', direction: 'left' }, { type: 'move', direction: 'up' });
  assert.equal(s.cursor, SP);
  // Up from the first row extends the view before the first address.
  s = run(s, { type: 'move', direction: 'up' });
  assert.equal(s.cursor, SP - 16n);
  assert.equal(s.address, SP - 16n);
  assert.equal(s.next, SP + 112n);
  s = run(s, { type: 'move', direction: 'left' });
  assert.equal(s.cursor, SP - 24n);
  assert.equal(s.address, SP - 32n);
  // Down past the last row scrolls forward by a row.
  s = start();
  for (let i = 0; i < 8; i++) s = examineReducer(s, { type: 'move', direction: 'down' });
  assert.equal(s.cursor, SP + 128n);
  assert.equal(s.address, SP + 16n);
  // Scrolled away from a view an expression named (the store keeps it to come back to): Backspace
  // returns to its first cell, not to the row the cursor left from.
  s = start();
  for (let i = 0; i < 7; i++) s = examineReducer(s, { type: 'move', direction: 'down' });
  s = leftFrom(s, examineReducer(s, { type: 'move', direction: 'down' }));
  s = examineReducer(s, { type: 'back' });
  assert.deepEqual([s.address, s.cursor], [SP, SP]);
});

test('a view shorter than a row scrolls by the view', () => {
  let s = typed(initialExamineState(2), 'x/1xg $sp', SP);
  s = run(s, { type: 'move', direction: 'right' });
  assert.equal(s.address, SP + 8n);
  assert.equal(s.cursor, SP + 8n);
  s = run(s, { type: 'move', direction: 'left' }, { type: 'move', direction: 'left' });
  assert.equal(s.address, SP - 8n);
});

test('page down and up move by the whole view, keeping the cursor on screen', () => {
  let s = run(start(), { type: 'move', direction: 'down' });
  s = run(s, { type: 'page', direction: 'down' });
  assert.equal(s.address, SP + 128n);
  assert.equal(s.cursor, SP + 144n);
  s = run(s, { type: 'page', direction: 'up' }, { type: 'page', direction: 'up' });
  assert.equal(s.address, SP - 128n);
  assert.equal(s.cursor, SP - 112n);
  const bottom = run(typed(initialExamineState(2), 'x/4xg 0', 0n), { type: 'page', direction: 'up' });
  assert.equal(bottom.address, 0n);
  assert.match(bottom.message!, /edge of the address space/);
  assert.match(run(typed(initialExamineState(2), 'x/4xg 0', 0n), { type: 'move', direction: 'left' }).message!, /edge/);
  // A pane that shows 3 of the view's 8 rows pages by those 3: no row goes unseen (trial T).
  const tall = run(start(), { type: 'page', direction: 'down', rows: 3 });
  assert.equal(tall.address, SP + 48n);
  assert.equal(run(tall, { type: 'page', direction: 'up', rows: 3 }).address, SP);
  assert.equal(run(start(), { type: 'page', direction: 'down', rows: 20 }).address, SP + 128n, 'a pane taller than the view pages by the view');
});

test('Enter follows the pointer under the cursor; Backspace goes back', () => {
  let s = run(start(), { type: 'move', direction: 'right' });
  s = run(s, { type: 'follow', pointer: 0xc000012000n });
  assert.equal(s.address, 0xc000012000n);
  assert.equal(s.cursor, 0xc000012000n);
  assert.equal(s.format, 'x');
  s = run(s, { type: 'follow', pointer: 0xc000099000n });
  assert.equal(s.history.length, 2);
  s = run(s, { type: 'back' });
  assert.equal(s.address, 0xc000012000n);
  s = run(s, { type: 'back' });
  assert.equal(s.address, SP);
  assert.equal(s.cursor, SP + 8n, 'the cursor returns to the word that was followed');
  s = run(s, { type: 'back' });
  assert.match(s.message!, /no earlier view/);
  const nil = run(start(), { type: 'follow', pointer: 0n });
  assert.equal(nil.address, SP);
  assert.match(nil.message!, /nil/);
  assert.equal(run(nil, { type: 'move', direction: 'right' }).message, undefined, 'messages clear on the next action');
});

test('format key cycles x d u o t a c f with the units gdb would pick', () => {
  let s = start();
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    s = run(s, { type: 'cycleFormat', step: 1 });
    seen.push(`${s.format}${s.unit}${s.count}`);
  }
  // 128 bytes stay on screen: 16 words, or 128 chars.
  assert.deepEqual(seen, ['dg16', 'ug16', 'og16', 'tg16', 'ag16', 'cb128', 'fg16', 'xg16']);
  assert.equal(run(start(), { type: 'cycleFormat', step: -1 }).format, 'f');
  assert.deepEqual(run(start(), { type: 'cycleFormat', step: 1 }).defaults, { format: 'd', unit: 'g', count: 16 });
  const fromStrings = run(typed(initialExamineState(2), 'x/3s $sp', SP), { type: 'cycleFormat', step: 1 });
  assert.deepEqual([fromStrings.format, fromStrings.unit, fromStrings.count, fromStrings.next], ['x', 'g', 3, SP + 24n]);
});

test('unit key cycles b h w g, keeps the bytes shown and the cursor on its unit', () => {
  let s = run(start(), { type: 'move', direction: 'right' }, { type: 'move', direction: 'right' }, { type: 'move', direction: 'right' });
  assert.equal(s.cursor, SP + 24n);
  s = run(s, { type: 'cycleUnit', step: 1 });
  assert.equal(s.unit, 'b');
  assert.equal(s.count, 128);
  assert.equal(s.cursor, SP + 24n);
  s = run(s, { type: 'move', direction: 'right' }, { type: 'cycleUnit', step: 1 });
  assert.equal(s.unit, 'h');
  assert.equal(s.cursor, SP + 24n, 'aligned down to the halfword');
  assert.equal(s.count, 64);
  const f = run(typed(initialExamineState(2), 'x/4fg $sp', SP), { type: 'cycleUnit', step: 1 });
  assert.equal(f.unit, 'w', 'floats cycle between w and g');
  assert.equal(run(f, { type: 'cycleUnit', step: 1 }).unit, 'g');
  const str = run(typed(initialExamineState(2), 'x/2s $sp', SP), { type: 'cycleUnit', step: 1 });
  assert.match(str.message!, /no unit/);
});

test('strings move item by item once shown', () => {
  let s = typed(initialExamineState(1), 'x/3s 0x4000', 0x4000n);
  assert.equal(s.format, 's');
  s = run(s, { type: 'shown', next: 0x4012n, items: [0x4000n, 0x4006n, 0x400cn] });
  assert.equal(s.next, 0x4012n);
  s = run(s, { type: 'move', direction: 'down' }, { type: 'move', direction: 'down' });
  assert.equal(s.cursor, 0x400cn);
  s = run(s, { type: 'move', direction: 'down' });
  assert.equal(s.address, 0x4006n, 'the first string scrolls off');
  assert.equal(s.cursor, 0x4012n);
  s = run(s, { type: 'shown', next: 0x4020n, items: [0x4006n, 0x400cn, 0x4012n] });
  s = run(s, { type: 'move', direction: 'up' });
  assert.equal(s.cursor, 0x400cn);
  s = run(s, { type: 'move', direction: 'up' }, { type: 'move', direction: 'up' });
  assert.match(s.message!, /before this one starts is unknown/);
  s = run(s, { type: 'page', direction: 'down' });
  assert.equal(s.address, 0x4020n);
  assert.match(run(s, { type: 'page', direction: 'up' }).message!, /unknown/);
  assert.equal(typed(s, 'x').address, 0x4020n, 'x continues after the last string');
});

test('resize changes cells per row', () => {
  const s = run(start(), { type: 'resize', perRow: 4 });
  assert.equal(s.perRow, 4);
  assert.equal(run(s, { type: 'move', direction: 'down' }).cursor, SP + 32n);
});

test('the pointer under the cursor is read little-endian from the loaded bytes', () => {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setBigUint64(8, 0xc000012000n, true);
  const s = run(start(), { type: 'move', direction: 'right' });
  assert.equal(pointerUnderCursor(s, { address: SP, bytes }), 0xc000012000n);
  assert.equal(pointerUnderCursor(s, { address: SP, bytes, readable: new Uint8Array(16).fill(1).fill(0, 12) }), undefined);
  assert.equal(pointerUnderCursor(s, { address: SP + 4n, bytes: bytes.subarray(0, 8) }), undefined, 'not all loaded');
  assert.equal(pointerUnderCursor(s, { address: SP + 12n, bytes }), undefined, 'cursor before the span');
});

test('keys map to actions, bursts one per key', () => {
  assert.deepEqual(examineKeyActions('jj', {}), [
    { type: 'move', direction: 'down' },
    { type: 'move', direction: 'down' },
  ]);
  assert.deepEqual(examineKeyActions('', { upArrow: true }), [{ type: 'move', direction: 'up' }]);
  assert.deepEqual(examineKeyActions('', { pageDown: true }), [{ type: 'page', direction: 'down' }]);
  assert.deepEqual(examineKeyActions('', { return: true }), [{ type: 'followCursor' }]);
  assert.deepEqual(examineKeyActions('', { delete: true }), [{ type: 'back' }]);
  assert.deepEqual(examineKeyActions('', { backspace: true }), [{ type: 'back' }]);
  assert.deepEqual(examineKeyActions('fU', {}), [
    { type: 'cycleFormat', step: 1 },
    { type: 'cycleUnit', step: -1 },
  ]);
  assert.deepEqual(examineKeyActions('h', { ctrl: true }), []);
  assert.deepEqual(examineKeyActions('zq', {}), []);
});

test('reshape shows the same bytes in another format or unit, keeping the cursor on its unit', () => {
  const s = run(start(), { type: 'move', direction: 'right' });
  const w = examineReducer(s, { type: 'reshape', unit: 'w' });
  assert.equal(w.unit, 'w');
  assert.equal(w.count, 32);
  assert.equal(w.cursor, SP + 8n);
  const d = examineReducer(w, { type: 'reshape', format: 'd' });
  assert.equal(d.format, 'd');
  assert.equal(d.unit, 'w');
  const c = examineReducer(w, { type: 'reshape', format: 'c' });
  assert.equal(c.unit, 'b', 'chars are bytes, as gdb picks');
  const i = examineReducer(s, { type: 'reshape', format: 'i' });
  assert.equal(i.format, 'i');
  assert.equal(i.unit, 'b');
  assert.equal(i.count, 16);
  assert.match(examineReducer(s, { type: 'reshape', format: 'f', unit: 'h' }).message ?? '', /Floats/);
});

test('edge puts the cursor on the first or last cell', () => {
  const s = start();
  assert.equal(examineReducer(s, { type: 'edge', edge: 'last' }).cursor, SP + 120n);
  assert.equal(run(s, { type: 'edge', edge: 'last' }, { type: 'edge', edge: 'first' }).cursor, SP);
});

test('rebase: the same view where its expression now points, the cursor at the same offset, no history to go back to', () => {
  const s = run(start(), { type: 'move', direction: 'down' });
  const r = run(s, { type: 'rebase', address: SP - 0x40n });
  assert.equal(r.address, SP - 0x40n);
  assert.equal(r.cursor - r.address, s.cursor - s.address);
  assert.equal(r.count, s.count);
  assert.equal(r.history.length, s.history.length);
  assert.equal(r.next, SP - 0x40n + 16n * 8n);
});
