import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearTextWarning, parseServerAddress } from './address.js';
import { isLoopback } from '../transport/address.js';
import { UserError } from '../errors.js';

test('the address forms gotui attach takes', () => {
  assert.deepEqual(parseServerAddress(':2345'), { kind: 'tcp', host: '127.0.0.1', port: 2345 });
  assert.deepEqual(parseServerAddress('127.0.0.1:2345'), { kind: 'tcp', host: '127.0.0.1', port: 2345 });
  assert.deepEqual(parseServerAddress('[::1]:2345'), { kind: 'tcp', host: '::1', port: 2345 });
  assert.deepEqual(parseServerAddress('db7.internal:40000'), { kind: 'tcp', host: 'db7.internal', port: 40000 });
  assert.deepEqual(parseServerAddress('ana@db7:2345'), { kind: 'ssh', destination: 'ana@db7', host: '127.0.0.1', port: 2345 });
  assert.deepEqual(parseServerAddress('ssh://db7:2345'), { kind: 'ssh', destination: 'db7', host: '127.0.0.1', port: 2345 });
});

test('bad addresses get one sentence and a hint', () => {
  for (const bad of ['', '2345', 'host', 'host:port', 'host:0', 'host:70000', '::1:2345', '@host:1', '[::1]2345']) {
    assert.throws(
      () => parseServerAddress(bad),
      (e: unknown) => e instanceof UserError && !!e.hint && !e.message.includes('\n'),
      bad,
    );
  }
  assert.throws(() => parseServerAddress('2345'), (e: unknown) => e instanceof UserError && /Did you mean :2345/.test(e.hint ?? ''));
});

test('loopback detection', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopback(h), true, h);
  for (const h of ['10.0.0.5', '192.168.1.2', 'db7', '::2', '0.0.0.0']) assert.equal(isLoopback(h), false, h);
});

test('connecting in the clear to another host warns plainly; loopback and ssh do not', () => {
  const w = clearTextWarning(parseServerAddress('10.1.2.3:2345'));
  assert.match(w!, /in the clear/);
  assert.match(w!, /no authentication/);
  assert.match(w!, /user@10\.1\.2\.3:2345/);
  assert.equal(clearTextWarning(parseServerAddress(':2345')), undefined);
  assert.equal(clearTextWarning(parseServerAddress('me@10.1.2.3:2345')), undefined);
});

// Found by the fuzz campaign (test/fuzz/targets/cli.ts), Node's net.BlockList as the judge.
test('fuzz: an IPv4-mapped loopback written in hex (::ffff:7f00:1) is loopback', () => {
  assert.equal(isLoopback('::ffff:7f00:1'), true);
  assert.equal(isLoopback('[::ffff:7f01:203]'), true);
  assert.equal(isLoopback('::ffff:a00:1'), false);
});

test('user@host without a port: find the Delve servers there', () => {
  assert.deepEqual(parseServerAddress('ana@db7'), { kind: 'ssh-find', destination: 'ana@db7' });
  assert.deepEqual(parseServerAddress('ssh://db7'), { kind: 'ssh-find', destination: 'db7' });
  assert.throws(() => parseServerAddress('db7'), /has no port/);
});

// Found by bench/fuzz at 100,000 cases: the destination went to ssh with a space and an escape in it.
test('fuzz: an SSH destination is names, not spaces, escapes or a second @', () => {
  for (const bad of ['@@ yhost\u001b[user:9', 'a b@host:1', 'ana@ho\u001bst:2345', 'ana@-oProxyCommand=x:1']) assert.throws(() => parseServerAddress(bad), /is not a user@host SSH destination|empty user/, bad);
  assert.deepEqual(parseServerAddress('ana@[::1]:2345'), { kind: 'ssh', destination: 'ana@::1', host: '127.0.0.1', port: 2345 });
});
