import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceTitle } from './pane.js';
import type { SourceFile } from './files.js';

test("a file read over SSH keeps its host in the title as the pane narrows: the directory goes, then all but the file's name (trial BS: `…:…/prog/main.go` at 80x24)", () => {
  const file: SourceFile = { path: '/tmp/trialBS-prog/main.go', shownAs: 'db7:/tmp/trialBS-prog/main.go', origin: 'remote', lines: [], tokens: [] };
  assert.equal(sourceTitle(file, 60), 'db7:/tmp/trialBS-prog/main.go');
  assert.equal(sourceTitle(file, 28), 'db7:…/trialBS-prog/main.go');
  assert.equal(sourceTitle(file, 24), 'db7:…/main.go');
});
