import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { boundUnixPaths, OWNER_FILE, removeOrphanSshDirs, removeStalePairSockets } from './stale-sockets.js';

test("/proc/net/unix's paths: bound sockets with a path, spaces kept; unnamed ones skipped", () => {
  const text = [
    'Num       RefCount Protocol Flags    Type St Inode Path',
    '00000000b5bd17a3: 00000003 00000000 00000000 0001 03 12207214 /tmp/gotui-0/pair-local-45479.sock',
    '00000000ae577963: 00000003 00000000 00000000 0001 03 12207161',
    '0000000012345678: 00000002 00000000 00010000 0001 01 99 /tmp/a b/pair-x.sock',
  ].join('\n');
  assert.deepEqual([...boundUnixPaths(text)], ['/tmp/gotui-0/pair-local-45479.sock', '/tmp/a b/pair-x.sock']);
});

test('a pair socket nothing listens on is removed; a live hub, and other files, stay', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-stale-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const live = net.createServer().listen(path.join(dir, 'pair-live.sock'));
  await new Promise((r) => live.once('listening', r));
  t.after(() => live.close());
  // A hub killed before it could remove its socket: the file stays, nothing is bound to it.
  const dead = net.createServer().listen(path.join(dir, 'pair-dead.sock'));
  await new Promise((r) => dead.once('listening', r));
  const file = path.join(dir, 'pair-dead.sock');
  fs.renameSync(file, `${file}.keep`);
  await new Promise<void>((r) => dead.close(() => r()));
  fs.renameSync(`${file}.keep`, file);
  fs.writeFileSync(path.join(dir, 'pair-note.sock'), 'not a socket');
  assert.equal(removeStalePairSockets(dir), 1);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['pair-live.sock', 'pair-note.sock']);
});

test("an SSH folder is removed once the gotui that made it is gone; a live one's, and one without an owner, stay", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-tmp-'));
  try {
    const make = (name: string, pid?: number) => {
      fs.mkdirSync(path.join(tmp, name));
      if (pid !== undefined) fs.writeFileSync(path.join(tmp, name, OWNER_FILE), String(pid));
    };
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    make('gotui-ssh-gone', gone);
    make('gotui-ssh-mine', process.pid);
    make('gotui-ssh-new');
    make('other-dir', gone);
    assert.equal(removeOrphanSshDirs(tmp), 1);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['gotui-ssh-mine', 'gotui-ssh-new', 'other-dir']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
