import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDlvGroups } from './dlvcli.js';

test('reads the groups of `goroutines -group` output', () => {
  const out = [
    "Type 'help' for list of commands.",
    '/tmp/gleak/main.go:15 in main.recvLeak',
    '\t  Goroutine 21 - User: ./main.go:15 main.recvLeak (0x4f37bc) [chan receive]',
    '\tTotal: 100000',
    '',
    'worker=',
    '\t  Goroutine 1 - User: /usr/local/go/src/runtime/time.go:363 time.Sleep (0x48a75c) [sleep]',
    '\tTotal: 93',
    '',
    'running=false',
    '\tTotal: 7',
    'Too many groups',
    'Would you like to kill the headless instance? [Y/n] ',
  ].join('\n');
  assert.deepEqual(parseDlvGroups(out), {
    groups: [
      { name: '/tmp/gleak/main.go:15 in main.recvLeak', total: 100000 },
      { name: 'worker=', total: 93 },
      { name: 'running=false', total: 7 },
    ],
    tooManyGroups: true,
  });
});
