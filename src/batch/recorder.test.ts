import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { CommandRecorder, RAN_TO_STOP, scriptLine } from './recorder.js';
import { parseScript } from './script.js';

test('lines as a script replays them: the target\'s set becomes set var; commands about gotui itself are left out', () => {
  assert.equal(scriptLine(':break main.go:42'), 'break main.go:42');
  assert.equal(scriptLine('set n = 3'), 'set var n = 3');
  // The answer to a restart's question: a script's restart asks none.
  assert.equal(scriptLine('restart -yes -batch=9'), 'restart -batch=9');
  assert.equal(scriptLine('rebuild -yes'), 'rebuild');
  assert.equal(scriptLine('restart -- -yes'), 'restart -- -yes');
  assert.equal(scriptLine('set var n = 3'), 'set var n = 3');
  // The UI's :args lists os.Args; a script's args is the dlv CLI's (trial BY).
  assert.equal(scriptLine(':args'), 'osargs');
  for (const l of ['quit', 'q -kill', 'help break', 'record x.gotui', 'source a.gotui', 'detach', '  ']) assert.equal(scriptLine(l), undefined, l);
  // What it writes parses back as the same commands (set var stays a command of the target).
  assert.deepEqual(parseScript(['break main.process', 'continue', scriptLine('set n = 3')].join('\n'), 'r.gotui').steps.map((s) => s.text), ['break main.process', 'continue', 'set var n = 3']);
});

test('record writes what came before and appends what comes after, until stopped', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-rec-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'r.gotui');
  const r = new CommandRecorder();
  r.note('break main.process');
  r.start(file);
  r.note('continue');
  assert.equal(r.stop(), file);
  r.note('next');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.match(lines[0]!, /^# Recorded by gotui/);
  assert.deepEqual(lines.slice(1), ['break main.process', 'continue', '']);
  assert.deepEqual(r.lines, ['break main.process', 'continue', 'next']);
  assert.throws(() => r.start(path.join(dir, 'no/such/dir/x.gotui')), (e) => e instanceof UserError && /^Cannot write .*: no such file or folder\.$/.test(e.message));
  // A new file that cannot be written leaves a recording going on as it was, and says so (trial BY: it ended, unsaid).
  r.start(file);
  assert.throws(() => r.start(path.join(dir, 'no/such/dir/y.gotui')), (e) => e instanceof UserError && e.message.endsWith(`no such file or folder. Still recording to ${file}.`));
  r.note('step');
  assert.equal(r.stop(), file);
  assert.equal(fs.readFileSync(file, 'utf8').split('\n').at(-2), 'step');
});

test("a stop the running target came to by itself is written as a continue before the next line; a command's own stop is not (trial Q)", () => {
  const r = new CommandRecorder();
  r.attached(0);
  // A demo runs from its start: the breakpoint set while it runs stops it, with no command of the user's.
  r.note('break main.format', { before: 0, after: 0, running: true, ownStop: false });
  r.note('print o.ID', { before: 1, after: 1, running: false, ownStop: false });
  // A step's stop is its own, whether it came before the line was noted or after.
  r.note('next', { before: 1, after: 2, running: false, ownStop: true });
  r.note('continue', { before: 2, after: 2, running: true, ownStop: true });
  r.note('print o.ID', { before: 3, after: 3, running: false, ownStop: false });
  // A pause's stop is its own too.
  r.note('continue', { before: 3, after: 3, running: true, ownStop: true });
  r.note('pause', { before: 3, after: 3, running: true, ownStop: true });
  r.note('print o.ID', { before: 4, after: 4, running: false, ownStop: false });
  assert.deepEqual(r.lines, ['break main.format', ...RAN_TO_STOP, 'print o.ID', 'next', 'continue', 'print o.ID', 'continue', 'pause', 'print o.ID']);
  // Attached to a halted target: its stop is where a replay starts.
  const h = new CommandRecorder();
  h.attached(1);
  h.note('print o.ID', { before: 1, after: 1, running: false, ownStop: false });
  assert.deepEqual(h.lines, ['print o.ID']);
});
