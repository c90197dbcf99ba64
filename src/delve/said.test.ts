import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delveSaid } from './said.js';

test("Delve's failure in one sentence: the cause kept, go's FAIL / exit status / # pkg lines left out", () => {
  // dlv test ./nosuchpkg, as Delve 1.27.1 prints it.
  assert.equal(delveSaid(['# ./nosuchpkg', 'stat /tmp/calc/nosuchpkg: directory not found', 'FAIL\t./nosuchpkg [setup failed]', 'FAIL', 'exit status 1', '']), 'stat /tmp/calc/nosuchpkg: directory not found.');
  // dlv core on a file that is not a core: it listens first, then fails.
  assert.equal(delveSaid(['API server listening at: 127.0.0.1:41247', 'unrecognized core format']), 'unrecognized core format.');
  assert.equal(delveSaid(["go: go.mod file not found in current directory or any parent directory; see 'go help modules'", 'exit status 1']), "go: go.mod file not found in current directory or any parent directory; see 'go help modules'.");
  assert.equal(delveSaid(['exit status 2']), 'exit status 2.', 'nothing else: what there is');
  assert.equal(delveSaid([]), '');
});
