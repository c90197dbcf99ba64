import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHostPort, isLoopback, parseInetAton } from './address.js';

test('loopback in every spelling the resolver accepts', () => {
  for (const h of ['127.0.0.1', '127.1', '127.0.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '0x7f000001', 'localhost', 'LOCALHOST.', 'a.localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '127.255.255.255']) {
    assert.ok(isLoopback(h), h);
  }
});

test('everything else is not loopback', () => {
  for (const h of ['10.0.0.1', '128.0.0.1', '2147483648', '1.127.0.0', 'example.com', 'localhost.example.com', '::2', '::ffff:10.0.0.1', '127.0.0.256.1', '0x80000001', '']) {
    assert.ok(!isLoopback(h), h);
  }
});

test('inet_aton forms', () => {
  assert.equal(parseInetAton('127.1'), 0x7f000001);
  assert.equal(parseInetAton('1.2.3'), 0x01020003);
  assert.equal(parseInetAton('256.1'), undefined);
  assert.equal(parseInetAton('1.2.3.256'), undefined);
  assert.equal(parseInetAton('08'), undefined);
});

test('IPv6 hosts are bracketed', () => {
  assert.equal(formatHostPort({ host: '::1', port: 2345 }), '[::1]:2345');
  assert.equal(formatHostPort({ host: '127.0.0.1', port: 1 }), '127.0.0.1:1');
});
