import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropOrphans, matchOrphans, readOrphans, recordOrphans } from './orphans.js';

test('orphaned breakpoints: recorded per Delve, merged, matched by id and place, dropped', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-orphans-'));
  try {
    recordOrphans(dir, '127.0.0.1:2345#10', [{ delveId: 3, place: 'orders/main.go:114' }], new Date('2026-12-04T23:10:00Z'));
    recordOrphans(dir, '127.0.0.1:2345#10', [{ delveId: 4, place: 'main.process' }]);
    assert.equal(readOrphans(dir, '127.0.0.1:2346#11'), undefined, 'another Delve has none');
    const r = readOrphans(dir, '127.0.0.1:2345#10')!;
    assert.deepEqual(r.breakpoints.map((b) => b.delveId), [3, 4]);
    // Delve's id 3 now sits elsewhere (the old one was cleared and the id reused): not taken.
    assert.deepEqual(matchOrphans(r, [{ delveId: 3, place: 'orders/main.go:90' }, { delveId: 4, place: 'main.process' }, { delveId: 9, place: 'orders/main.go:114' }]), [4]);
    dropOrphans(dir, '127.0.0.1:2345#10');
    assert.equal(readOrphans(dir, '127.0.0.1:2345#10'), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('kept breakpoints (a quit with -keep-breakpoints) are matched apart from the orphans: named, never taken back', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-orphans-'));
  try {
    recordOrphans(dir, 'k', [{ delveId: 3, place: 'orders/main.go:114', kept: true }]);
    recordOrphans(dir, 'k', [{ delveId: 4, place: 'main.process' }]);
    const r = readOrphans(dir, 'k')!;
    const present = [{ delveId: 3, place: 'orders/main.go:114' }, { delveId: 4, place: 'main.process' }];
    assert.deepEqual(matchOrphans(r, present), [4], 'taken back: the orphan only');
    assert.deepEqual(matchOrphans(r, present, true), [3], 'named as kept');
    // The same id left again by a dropped link: an orphan now.
    recordOrphans(dir, 'k', [{ delveId: 3, place: 'orders/main.go:114' }]);
    assert.deepEqual(matchOrphans(readOrphans(dir, 'k')!, present, true), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
