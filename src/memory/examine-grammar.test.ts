import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import {
  INITIAL_EXAMINE_DEFAULTS,
  MAX_EXAMINE_BYTES,
  examineByteLength,
  parseExamineCommand,
  type ExamineDefaults,
} from './examine-grammar.js';

/** Run commands in order, as gdb would, returning [format, unit read, count] for each. */
function session(...commands: string[]): string[] {
  let last: ExamineDefaults = INITIAL_EXAMINE_DEFAULTS;
  return commands.map((text) => {
    const { command, remember } = parseExamineCommand(text, last);
    last = remember;
    return `${command.format}${command.unit}${command.backward ? '-' : ''}${command.count}`;
  });
}

function assertUserError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    assert.match(err.message, message);
    assert.ok(err.hint && err.hint.length > 0, 'has a hint');
    assert.ok(!err.message.includes('\n'), 'one line');
    assert.match(err.message, /[.]$/, 'one sentence');
    return true;
  });
}

test('gdb starts with x, w and a count of 1', () => {
  const { command } = parseExamineCommand('x $sp');
  assert.equal(command.format, 'x');
  assert.equal(command.unit, 'w');
  assert.equal(command.count, 1);
  assert.equal(command.exprText, '$sp');
  assert.deepEqual(command.expr, { kind: 'register', name: 'RSP', text: '$sp' });
});

test('count, format and unit in any letter order, later letters winning as in gdb', () => {
  assert.deepEqual(session('x/16xg $rsp'), ['xg16']);
  assert.deepEqual(session('x/16gx $rsp'), ['xg16']);
  assert.deepEqual(session('x/3xgd $rsp'), ['dg3']);
  assert.deepEqual(session('x/xgw $rsp'), ['xw1']);
  assert.deepEqual(session('x/4rxg $rsp'), ['xg4'], 'r (raw) is accepted and ignored');
});

test('every format and unit parses', () => {
  for (const f of ['x', 'z', 'd', 'u', 'o', 't', 'a', 'c', 'f']) {
    for (const u of ['b', 'h', 'w', 'g']) {
      const { command } = parseExamineCommand(`x/2${f}${u} 0x1000`);
      assert.equal(command.format, f);
      assert.equal(command.unit, u);
      assert.equal(command.count, 2);
    }
  }
  assert.deepEqual(session('x/s 0x1000', 'x/3i $pc'), ['sb1', 'ib3']);
});

// The same sequence typed into gdb 13 (printcmd.c), with what it showed.
test('defaults carry over from one x to the next exactly as in gdb', () => {
  assert.deepEqual(
    session(
      'x/3xh &words', // 0x404020: 0x0001 0x0000 0x0000
      'x', //             last count, format and unit
      'x/2', //           new count, same format and unit
      'x', //             count 2 now
      'x/d', //           a format resets the count to 1
      'x/g', //           a unit alone keeps the format
      'x/c', //           chars default to bytes
      'x/x', //           ... and b stays
      'x/f', //           floats need w or g: g
      'x/a', //           addresses are pointer-sized
      'x/x', //           g stays
      'x/s &strs', //     strings read bytes
      'x/x', //           and leave b behind
      'x/f &words', //    b is no float size: g
      'x/i $pc', //       instructions keep the remembered unit (g) for later
      'x/x $pc', //       g again
      'x/2wi $pc', //     a unit given with i is ignored for reading, remembered after
      'x/2 &words', //    no format: still i
      'x/w', //           a unit after i switches the format to x
    ),
    ['xh3', 'xh3', 'xh2', 'xh2', 'dh1', 'dg1', 'cb1', 'xb1', 'fg1', 'ag1', 'xg1', 'sb1', 'xb1', 'fg1', 'ib1', 'xg1', 'ib2', 'ib2', 'xw1'],
  );
});

test('unit defaults for a, c and f follow gdb', () => {
  assert.deepEqual(session('x/xh 0', 'x/a 0', 'x/ab 0'), ['xh1', 'ag1', 'ab1']);
  assert.deepEqual(session('x/xg 0', 'x/c 0', 'x/cg 0'), ['xg1', 'cb1', 'cg1']);
  assert.deepEqual(session('x/xw 0', 'x/f 0'), ['xw1', 'fw1'], 'w is a float size');
  assert.deepEqual(session('x/xh 0', 'x/f 0'), ['xh1', 'fg1']);
  assert.deepEqual(session('x/fb 0'), ['fb1'], 'an explicit unit stays (gdb then prints integers)');
});

test('x alone continues; an expression or a format resets the count to 1', () => {
  const first = parseExamineCommand('x/8xg $sp');
  const bare = parseExamineCommand('x', first.remember);
  assert.equal(bare.command.count, 8);
  assert.equal(bare.command.expr, null);
  assert.equal(parseExamineCommand('x $sp', first.remember).command.count, 1);
  assert.equal(parseExamineCommand('x/', first.remember).command.count, 1, 'x/ counts as a format');
  assert.equal(parseExamineCommand('x/ $sp', first.remember).command.count, 1);
  assert.equal(parseExamineCommand('  x   ', first.remember).command.count, 8);
});

test('spacing as gdb allows it', () => {
  assert.equal(parseExamineCommand('x /2xg $sp').command.count, 2);
  assert.equal(parseExamineCommand('x/2xg&buf').command.exprText, '&buf');
  assert.equal(parseExamineCommand('x/2xg$sp+8').command.exprText, '$sp+8');
  assert.equal(parseExamineCommand('x/2xg   $sp + 8  ').command.exprText, '$sp + 8');
});

test('negative counts look backwards; a bare x after one shows one unit forwards, as gdb 13 does', () => {
  const back = parseExamineCommand('x/-3xg $sp');
  assert.equal(back.command.backward, true);
  assert.equal(back.command.count, 3);
  assert.equal(back.remember.count, 1);
  assert.equal(parseExamineCommand('x', back.remember).command.backward, false);
  assert.equal(parseExamineCommand('x/-xg $sp').command.count, 1);
});

test('byte lengths to read', () => {
  assert.equal(examineByteLength(parseExamineCommand('x/16xg $sp').command), 128);
  assert.equal(examineByteLength(parseExamineCommand('x/3xh $sp').command), 6);
  assert.equal(examineByteLength(parseExamineCommand('x/2s $sp').command), 402);
  assert.equal(examineByteLength(parseExamineCommand('x/4i $pc').command), 60);
});

test('parse errors are one sentence with a hint', () => {
  assertUserError(() => parseExamineCommand('x/q $sp'), /^Undefined output format "q"\.$/);
  assertUserError(() => parseExamineCommand('x/4X $sp'), /lowercase/);
  assertUserError(() => parseExamineCommand('x/x3 $sp'), /count .* must come before the format letters/);
  assertUserError(() => parseExamineCommand('x/0xg $sp'), /count of 0/);
  assertUserError(() => parseExamineCommand('x/-3s $sp'), /backwards .*strings differ in length/);
  assertUserError(() => parseExamineCommand('x/-2i $pc'), /backwards .*instructions differ in length/);
  assertUserError(() => parseExamineCommand('x/sh $sp'), /x\/s reads byte strings, so unit h/);
  assertUserError(() => parseExamineCommand('x/2sg $sp'), /unit g/);
  assertUserError(() => parseExamineCommand(`x/${MAX_EXAMINE_BYTES}xg $sp`), /asks for 524288 bytes/);
  assertUserError(() => parseExamineCommand('x/5000s $sp'), /too many strings/);
  assertUserError(() => parseExamineCommand('y/4xg $sp'), /not an examine command/);
  assertUserError(() => parseExamineCommand('xs[0]'), /not an examine command/);
  assertUserError(() => parseExamineCommand('x/4xg $nosuch'), /no register \$nosuch/);
  assertUserError(() => parseExamineCommand('x/4xg $sp /8'), /operator "\/"/);
  assertUserError(() => parseExamineCommand('x/99999999999999999999xg $sp'), /too large/);
});

test('a unit after s continues from the remembered b; after x/s a bare x/h is rejected clearly', () => {
  const s = parseExamineCommand('x/s $sp');
  assert.equal(s.remember.unit, 'b');
  assertUserError(() => parseExamineCommand('x/h', s.remember), /unit h/);
});
