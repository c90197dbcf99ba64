import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkPrivate, privateDir, Rendezvous, socketPath } from './rendezvous.js';
import type { PairEvent, Peer } from './protocol.js';
import { waitFor } from '../../test/support/delve.js';

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-pair-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function join(t: TestContext, sock: string, name: string, viewer = false) {
  const r = await Rendezvous.join(sock, { name, host: 'h', since: Date.now(), viewer });
  t.after(() => r.close());
  const events: { from?: string; ev: PairEvent }[] = [];
  const whys: string[] = [];
  r.on('event', (e) => events.push({ ...(e.from ? { from: e.from.name } : {}), ev: e.ev }));
  r.on('peers', (p) => p.why && whys.push(p.why));
  return { r, events, whys };
}

const roles = (peers: Peer[]) => peers.map((p) => `${p.name}:${p.role}`).sort().join(' ');

/** alice (hosting the hub), bob and carol joined, and alice handed the wheel to bob. */
async function bobDrives(t: TestContext, key: string) {
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), key);
  const a = await join(t, sock, 'alice');
  const b = await join(t, sock, 'bob');
  const c = await join(t, sock, 'carol');
  await waitFor('three peers', () => (c.r.peers.length === 3 ? true : undefined), 3_000);
  a.r.send({ t: 'give', to: b.r.id });
  await waitFor('bob drives', () => (roles(c.r.peers) === 'alice:following bob:driving carol:following' ? true : undefined), 3_000);
  return { a, b, c };
}

test('the first gotui hosts and drives, the next follows, a viewer views; events reach the others', async (t) => {
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), '127.0.0.1:2345');
  const a = await join(t, sock, 'alice');
  assert.ok(a.r.hosting);
  assert.equal((fs.statSync(sock).mode & 0o777).toString(8), '600', 'the socket is owner-only');
  const b = await join(t, sock, 'bob');
  const v = await join(t, sock, 'vera', true);
  await waitFor('three peers', () => (roles(v.r.peers) === 'alice:driving bob:following vera:viewing' ? true : undefined), 3_000);
  assert.ok(!b.r.hosting && !v.r.hosting);

  a.r.say({ k: 'resumed', how: 'step' });
  await waitFor('the step heard by bob and vera', () => (b.events.length && v.events.length ? true : undefined), 3_000);
  assert.deepEqual(b.events[0], { from: 'alice', ev: { k: 'resumed', how: 'step' } });
  assert.equal(a.events.length, 0, 'not echoed to its sender');
  // Junk is dropped, not relayed.
  a.r.send({ t: 'say', ev: { k: 'nonsense' } as unknown as PairEvent });
  a.r.say({ k: 'changed', what: 'set' });
  await waitFor('the next good event', () => (b.events.length === 2 ? true : undefined), 3_000);
  assert.deepEqual(b.events[1]!.ev, { k: 'changed', what: 'set' });
});

test('two gotuis of one user (both "root") are told apart: the second is root-2, and the join says so', async (t) => {
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), '127.0.0.1:2345');
  const a = await join(t, sock, 'root');
  const b = await join(t, sock, 'root');
  await waitFor('two peers', () => (roles(a.r.peers) === 'root-2:following root:driving' ? true : undefined), 3_000);
  await waitFor('the join said with the new name', () => (a.whys.includes('root-2 joined (following)') ? true : undefined), 3_000);
  assert.equal(b.r.peers.find((p) => p.id === b.r.id)?.name, 'root-2', 'the second learns its name');
  const c = await join(t, sock, 'root');
  await waitFor('a third', () => (c.r.peers.find((p) => p.id === c.r.id)?.name === 'root-3' ? true : undefined), 3_000);
});

test(':drive asks the driver, who hands the wheel over; a viewer cannot drive; the hub is taken over when its host leaves', async (t) => {
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), 'x');
  const a = await join(t, sock, 'alice');
  const b = await join(t, sock, 'bob');
  const v = await join(t, sock, 'vera', true);
  await waitFor('three peers', () => (a.r.peers.length === 3 ? true : undefined), 3_000);

  v.r.send({ t: 'drive' });
  b.r.send({ t: 'drive' });
  await waitFor("bob's request at alice", () => a.events.find((e) => e.ev.k === 'drive?'), 3_000);
  assert.equal(a.events.filter((e) => e.ev.k === 'drive?').length, 1, "the viewer's request goes nowhere");
  a.r.send({ t: 'give', to: b.r.id });
  await waitFor('bob drives', () => (roles(v.r.peers) === 'alice:following bob:driving vera:viewing' ? true : undefined), 3_000);
  assert.ok(v.whys.includes('alice handed the wheel to bob'));

  // alice hosted the hub: bob (next in join order) takes it over and keeps driving; vera finds it.
  a.r.close();
  await waitFor('bob hosting', () => (b.r.hosting ? true : undefined), 5_000);
  await waitFor('bob and vera after the takeover', () => (roles(v.r.peers) === 'bob:driving vera:viewing' && roles(b.r.peers) === 'bob:driving vera:viewing' ? true : undefined), 5_000);
  assert.equal(b.whys.filter((w) => w === 'vera joined (viewing)').length, 1, `vera came over to the new hub, which is no new join: ${b.whys.join(' | ')}`);

  // The driver leaves: nobody else may drive (a viewer), so nobody does.
  b.r.close();
  await waitFor('vera hosting alone', () => (v.r.hosting && roles(v.r.peers) === 'vera:viewing' ? true : undefined), 5_000);
});

test("a suspended driver (Ctrl-Z) cannot answer: :drive takes its wheel at once, and it follows when back", async (t) => {
  const { b, c } = await bobDrives(t, 'z');
  b.r.send({ t: 'update', away: true });
  await waitFor('bob marked away', () => (c.r.peers.find((p) => p.name === 'bob')?.away ? true : undefined), 3_000);
  c.r.send({ t: 'drive' });
  await waitFor('carol drives', () => (roles(c.r.peers) === 'alice:following bob:following carol:driving' ? true : undefined), 3_000);
  assert.ok(c.whys.includes('carol took the wheel: bob is suspended (Ctrl-Z)'), c.whys.join(' | '));
  assert.equal(b.events.filter((e) => e.ev.k === 'drive?').length, 0, 'bob was not asked');
  b.r.send({ t: 'update', away: false });
  await waitFor('bob back, following', () => (c.r.peers.find((p) => p.name === 'bob')?.away === undefined ? true : undefined), 3_000);
  assert.equal(roles(b.r.peers), 'alice:following bob:following carol:driving');
});

test('a driver that leaves hands the wheel to the next gotui', async (t) => {
  const { b, c } = await bobDrives(t, 'y');
  b.r.close();
  await waitFor('alice drives again (first in join order)', () => (roles(c.r.peers) === 'alice:driving carol:following' ? true : undefined), 3_000);
  assert.ok(c.whys.some((w) => /bob left; alice drives/.test(w)), c.whys.join(' | '));
});

test('a driver whose link drops (an SSH master killed) and comes back takes the wheel back; a follower that drops still follows', async (t) => {
  const { a, b, c } = await bobDrives(t, 'w');
  // The fault: bob's connection to the hub ends under it, as when its SSH forward dies.
  const drop = (x: typeof b) => (x.r as unknown as { socket: net.Socket }).socket.destroy();
  drop(b);
  await waitFor('bob back, driving again', () => (c.whys.some((w) => /^bob is back/.test(w)) && roles(c.r.peers) === 'alice:following bob:driving carol:following' ? true : undefined), 5_000);
  assert.ok(c.whys.includes('bob left; alice drives'), c.whys.join(' | '));
  assert.ok(c.whys.includes('bob is back and drives again (alice follows)'), c.whys.join(' | '));
  assert.equal(b.r.peers.find((p) => p.id === b.r.id)?.role, 'driving', 'bob hears that it drives');
  drop(c);
  await waitFor('carol back', () => (c.r.id && roles(a.r.peers) === 'alice:following bob:driving carol:following' && a.whys.includes('carol joined (following)') ? true : undefined), 5_000);
});

test('the rendezvous directory must be private: wrong mode, a symlink or a file are refused', (t) => {
  const base = tempDir(t);
  const open = path.join(base, 'open');
  fs.mkdirSync(open, { mode: 0o755 });
  fs.chmodSync(open, 0o755);
  assert.throws(() => privateDir({ GOTUI_PAIR_DIR: open }), /not private \(its mode is 755, not 700\)/);
  const link = path.join(base, 'link');
  const real = path.join(base, 'real');
  fs.mkdirSync(real, { mode: 0o700 });
  fs.symlinkSync(real, link);
  assert.throws(() => privateDir({ GOTUI_PAIR_DIR: link }), /not a directory/);
  assert.throws(() => checkPrivate(real, (process.getuid?.() ?? 0) + 1), /belongs to uid/);
  assert.doesNotThrow(() => privateDir({ GOTUI_PAIR_DIR: real }));
});

test('another user cannot reach the rendezvous (permission test, as uid 65534)', async (t) => {
  if (process.getuid?.() !== 0) {
    if (process.env.CI) throw new Error('this test must run as root under CI (it switches to another uid)');
    t.skip('needs root to act as another user');
    return;
  }
  const dir = path.join(tempDir(t), 'p');
  fs.chmodSync(path.dirname(dir), 0o755);
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: dir }), 'z');
  const a = await join(t, sock, 'alice');
  assert.ok(a.r.hosting);
  const probe = `require('net').connect(${JSON.stringify(sock)}).on('connect',()=>{console.log('connected');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(0)})`;
  const other = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(other.status, 0, other.stderr);
  assert.equal(other.stdout.trim(), 'EACCES', 'uid 65534 is refused at the directory');
  // The same user gets in (the control).
  const same = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(same.stdout.trim(), 'connected');
});

test('gotuis that come to one rendezvous at the same moment (back to a new Delve) meet at one hub: one drives, none fails to host', async (t) => {
  for (let round = 0; round < 5; round++) {
    const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), `race-${round}`);
    const [a, b, c] = await Promise.all(['alice', 'bob', 'carol'].map((name) => join(t, sock, name)));
    await waitFor('all three at one hub', () => ([a, b, c].every((g) => g!.r.peers.length === 3) ? true : undefined), 3_000);
    assert.equal(a!.r.peers.filter((p) => p.role === 'driving').length, 1, roles(a!.r.peers));
  }
});

test('a socket file nobody answers at (a hub killed before it removed it) is replaced by the next host', async (t) => {
  const sock = socketPath(privateDir({ GOTUI_PAIR_DIR: path.join(tempDir(t), 'p') }), 'stale');
  // A process that listens there and is killed (SIGKILL) leaves the file, as a killed gotui does.
  const listener = `require('net').createServer().listen(${JSON.stringify(sock)}, () => process.kill(process.pid, 'SIGKILL'))`;
  spawnSync(process.execPath, ['-e', listener], { timeout: 10_000 });
  assert.ok(fs.existsSync(sock), 'the killed listener left its socket file');
  const a = await join(t, sock, 'alice');
  await waitFor('alice at her hub', () => (a.r.peers.length === 1 ? true : undefined), 3_000);
  assert.ok(a.r.hosting);
  assert.deepEqual(a.r.peers.map((p) => `${p.name}:${p.role}`), ['alice:driving']);
});
