import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { listeningInodes, localListener, parseStat } from './target-process.js';

test("/proc/net/tcp: the inode of the socket that listens on the port; connected sockets on it are not", () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:0929 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 5551 1 0000000000000000 20 4 30 10 -1',
    '   1: 0100007F:0929 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0',
    '   2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 17 1 0000000000000000 100 0 0 10 0',
  ].join('\n');
  assert.deepEqual(listeningInodes(table, 2345), ['4242']);
  assert.deepEqual(listeningInodes(table, 22), ['17']);
  assert.deepEqual(listeningInodes(table, 80), []);
});

test('/proc/PID/stat: a name holding ") T (" does not fool the state', () => {
  assert.deepEqual(parseStat('4242 (dlv) T 1 4242 4242 0 -1'), { name: 'dlv', state: 'T' });
  assert.deepEqual(parseStat('77 (a) T (b) S 1 77'), { name: 'a) T (b', state: 'S' });
  assert.equal(parseStat(''), undefined);
});

test('this process, listening on a loopback port, is found running', async (t) => {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => srv.close());
  const found = localListener((srv.address() as net.AddressInfo).port);
  assert.equal(found?.pid, process.pid);
  assert.equal(found?.stopped, false);
});
