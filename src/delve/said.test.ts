import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delveSaid, withoutGoStack } from './said.js';

test("Delve's failure in one sentence: the cause kept, go's FAIL / exit status / # pkg lines left out", () => {
  // dlv test ./nosuchpkg, as Delve 1.27.1 prints it.
  assert.equal(delveSaid(['# ./nosuchpkg', 'stat /tmp/calc/nosuchpkg: directory not found', 'FAIL\t./nosuchpkg [setup failed]', 'FAIL', 'exit status 1', '']), 'stat /tmp/calc/nosuchpkg: directory not found.');
  // dlv core on a file that is not a core: it listens first, then fails.
  assert.equal(delveSaid(['API server listening at: 127.0.0.1:41247', 'unrecognized core format']), 'unrecognized core format.');
  assert.equal(delveSaid(["go: go.mod file not found in current directory or any parent directory; see 'go help modules'", 'exit status 1']), "go: go.mod file not found in current directory or any parent directory; see 'go help modules'.");
  assert.equal(delveSaid(['exit status 2']), 'exit status 2.', 'nothing else: what there is');
  assert.equal(delveSaid([]), '');
});

test('a panic Delve recovered from is its first line, without the Go stack it appends', () => {
  const text = 'internal debugger error: runtime error: invalid memory address or nil pointer dereference (recovered)\ngoroutine 6537 [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e';
  assert.equal(withoutGoStack(text), 'internal debugger error: runtime error: invalid memory address or nil pointer dereference');
  assert.equal(withoutGoStack('could not find symbol value for x'), 'could not find symbol value for x');
});
