import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRemoteDir, REMOTE_DIR_SCRIPT } from './remote-place.js';

const mine = String(process.getuid?.() ?? 0);

test('the pairing directory on the host: a private directory of the user is taken', () => {
  assert.equal(readRemoteDir(`/run/user/${mine}/gotui\n${mine}\n${mine} 41c0\n`, 'h'), `/run/user/${mine}/gotui`);
});

test('the pairing directory on the host: an unsafe name, a group-readable mode, another owner, a symlink or no answer are refused', () => {
  assert.throws(() => readRemoteDir(`/tmp/a b\n${mine}\n${mine} 41c0\n`, 'h'), /has a name gotui does not use/);
  assert.throws(() => readRemoteDir(`/tmp/../etc\n${mine}\n${mine} 41c0\n`, 'h'), /has a name gotui does not use/);
  assert.throws(() => readRemoteDir(`/tmp/x;rm -rf ~\n${mine}\n${mine} 41c0\n`, 'h'), /has a name gotui does not use/);
  assert.throws(() => readRemoteDir(`/tmp/gotui-0\n${mine}\n${mine} 41e8\n`, 'h'), /on h is not private \(its mode is 750, not 700\)/);
  assert.throws(() => readRemoteDir(`/tmp/gotui-0\n${mine}\n4242 41c0\n`, 'h'), /belongs to uid 4242/);
  assert.throws(() => readRemoteDir(`/tmp/gotui-0\n${mine}\n${mine} a1ff\n`, 'h'), /it is not a directory/);
  assert.throws(() => readRemoteDir(`/tmp/gotui-0\n${mine}\n`, 'h'), /could not make or inspect/);
});

test('the script finds the directory by the rules gotui follows here, makes it 0700 and reports it (run by sh here)', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-rdir-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (env: NodeJS.ProcessEnv) => execFileSync('sh', ['-c', REMOTE_DIR_SCRIPT], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  assert.equal(readRemoteDir(run({ XDG_RUNTIME_DIR: tmp }), 'h'), `${tmp}/gotui`);
  assert.equal(fs.statSync(`${tmp}/gotui`).mode & 0o777, 0o700);
  assert.equal(readRemoteDir(run({ TMPDIR: `${tmp}/` }), 'h'), `${tmp}/gotui-${mine}`);
  assert.equal(readRemoteDir(run({ GOTUI_PAIR_DIR: `${tmp}/p`, XDG_RUNTIME_DIR: tmp }), 'h'), `${tmp}/p`);
  fs.chmodSync(`${tmp}/p`, 0o755);
  assert.throws(() => readRemoteDir(run({ GOTUI_PAIR_DIR: `${tmp}/p` }), 'h'), /mode is 755/);
});
