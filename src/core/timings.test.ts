import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protocolLog } from './timings.js';

test('a protocol log is off without a file, and with one appends each message stamped on one line', () => {
  assert.equal(protocolLog(undefined), undefined);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-log-')), 'rpc.log');
  const log = protocolLog(file)!;
  log('>', '{"method":"RPCServer.State","id":1}');
  log('<', '{"id":1,"result":{}}');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT\S+Z \d+\.\d\d > \{"method":"RPCServer\.State","id":1\}$/);
  assert.match(lines[1]!, /^\S+Z \d+\.\d\d < \{"id":1,"result":\{\}\}$/);
  fs.rmSync(path.dirname(file), { recursive: true });
});
