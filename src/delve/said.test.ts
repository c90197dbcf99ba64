import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildErrors, delveSaid, missingNameWords, withoutGoStack } from './said.js';

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

test("a failed build's errors as go build prints them, each on its line, paths from where the user is (trial X: relative to cmd/shop, joined)", () => {
  const lines = ['# example.com/shop/cart', '../../cart/cart.go:44:14: undefined: undefinedVar', '../../cart/cart.go:45:14: undefined: otherBad', 'exit status 1'];
  assert.deepEqual(buildErrors(lines, '/home/ana/shop/cmd/shop', '/home/ana/shop'), ['cart/cart.go:44:14: undefined: undefinedVar', 'cart/cart.go:45:14: undefined: otherBad']);
  assert.deepEqual(buildErrors(['could not launch process: fork/exec: permission denied'], '/a', '/a'), []);
  const many = Array.from({ length: 12 }, (_, i) => `p.go:${i + 1}:2: undefined: x${i}`);
  const shown = buildErrors(many, '/a', '/a');
  assert.equal(shown.length, 11);
  assert.equal(shown.at(-1), '… and 2 more');
});

test("a package name Delve cannot find is said as a variable or function, and why a variable may be missing (trial CI: &main.greeting read as a missing function)", () => {
  assert.equal(missingNameWords('package main has no function greeting'), 'package main has no variable or function greeting (the linker leaves out package variables the program never uses)');
  assert.equal(missingNameWords('could not find symbol value for x'), 'could not find symbol value for x');
});
