import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Breakpoint } from '../session/state.js';
import { fromSaved, parseSaved, parseWatches, readSaved, stateFile, toSaved, withSaved, withWatches, writeSaved } from './persist.js';

const bp = (b: Partial<Breakpoint> & Pick<Breakpoint, 'id' | 'kind'>): Breakpoint => ({ verified: true, ...b });

test('what is saved: line and function breakpoints with their conditions, log messages, state and :on commands; not watchpoints, run-to-cursor or one goroutine\'s', () => {
  const dir = '/src/svc';
  const saved = toSaved(
    [
      bp({ id: 1, kind: 'line', file: '/src/svc/main.go', line: 42, condition: 'n > 1', delveId: 7 }),
      bp({ id: 2, kind: 'line', file: '/elsewhere/x.go', line: 3, logMessage: 'n={n}', disabled: true }),
      bp({ id: 3, kind: 'function', spec: 'main.process', hitCondition: '>= 3' }),
      bp({ id: 4, kind: 'data', spec: 'n', watch: { expr: 'n', access: 'write', dataId: '1,0,n' } }),
      bp({ id: 5, kind: 'line', file: '/src/svc/main.go', line: 50, temporary: true }),
      // The eBPF pane's B: one goroutine of this run, whose id means nothing in the next.
      bp({ id: 6, kind: 'function', spec: 'main.render', condition: 'runtime.curg.goid == 1' }),
      // Another client's with no place (an address breakpoint, a watchpoint as once listed): skipped,
      // not a TypeError that stopped every save (trial AG: "The \"to\" argument must be of type string").
      bp({ id: 7, kind: 'line', spec: '[*main.batch]', by: 'another client', outside: true }),
    ],
    new Map([[1, ['print n', 'stack 3']]]),
    dir,
  );
  assert.deepEqual(saved, [
    { kind: 'line', file: 'main.go', line: 42, condition: 'n > 1', on: ['print n', 'stack 3'] },
    { kind: 'line', file: '/elsewhere/x.go', line: 3, logMessage: 'n={n}', disabled: true },
    { kind: 'function', spec: 'main.process', hitCondition: '>= 3' },
  ]);
  assert.deepEqual(fromSaved(saved[0]!, dir), { kind: 'line', file: '/src/svc/main.go', line: 42, condition: 'n > 1' });
  assert.deepEqual(fromSaved(saved[2]!, dir), { kind: 'function', spec: 'main.process', hitCondition: '>= 3' });
});

test('the state file keeps each program apart; what is not a saved breakpoint, or not JSON, is skipped', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  let text = withSaved(undefined, 'bin/a', [{ kind: 'function', spec: 'main.a' }], now);
  text = withSaved(text, 'bin/b', [{ kind: 'line', file: 'b.go', line: 1 }], now);
  assert.deepEqual(parseSaved(text, 'bin/a'), [{ kind: 'function', spec: 'main.a' }]);
  assert.deepEqual(parseSaved(text, 'bin/b'), [{ kind: 'line', file: 'b.go', line: 1 }]);
  text = withSaved(text, 'bin/a', [], now);
  assert.deepEqual(parseSaved(text, 'bin/a'), []);
  assert.deepEqual(parseSaved(text, 'bin/b').length, 1);
  const junk = JSON.stringify({ version: 1, programs: { p: { saved: '', breakpoints: [{ kind: 'line', file: 'x.go' }, { kind: 'data' }, 7, { kind: 'function', spec: 'main.f' }] } } });
  assert.deepEqual(parseSaved(junk, 'p'), [{ kind: 'function', spec: 'main.f' }]);
  assert.deepEqual(parseSaved('{not json', 'p'), []);
  assert.deepEqual(parseSaved(JSON.stringify({ version: 2, programs: {} }), 'p'), []);
});

test('writing: only when the list changed, under DIR/.gotui, never half a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-persist-'));
  try {
    const project = { dir, key: 'svc' };
    assert.equal(writeSaved(project, () => []), false, 'nothing to save, no file');
    assert.equal(fs.existsSync(stateFile(project)), false);
    assert.equal(writeSaved(project, () => [{ kind: 'function', spec: 'main.f' }]), true);
    assert.equal(writeSaved(project, () => [{ kind: 'function', spec: 'main.f' }]), false, 'unchanged');
    assert.deepEqual(readSaved(project), [{ kind: 'function', spec: 'main.f' }]);
    assert.deepEqual(fs.readdirSync(path.join(dir, '.gotui')).sort(), ['.gitignore', 'breakpoints.json']);
    // git leaves the folder out of the program's tree: its .gitignore ignores everything in it.
    assert.match(fs.readFileSync(path.join(dir, '.gotui', '.gitignore'), 'utf8'), /^\*$/m);
    // A program built elsewhere (Delve's path for it is not on this machine): nothing is made here.
    const elsewhere = { dir: path.join(dir, 'srv', 'build', 'svc'), key: 'bin/svc' };
    assert.equal(writeSaved(elsewhere, () => [{ kind: 'function', spec: 'main.f' }]), false);
    assert.equal(fs.existsSync(path.join(dir, 'srv')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a program in a directory anyone may write keeps its breakpoints in the user's own folder, not there", () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-shared-'));
  const mine = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-state-'));
  try {
    fs.chmodSync(shared, 0o1777);
    const project = { dir: shared, key: path.join(shared, 'prog'), stateDir: path.join(mine, 'gotui') };
    assert.equal(stateFile(project), path.join(mine, 'gotui', 'breakpoints.json'));
    assert.equal(writeSaved(project, () => [{ kind: 'line', file: 'main.go', line: 7 }]), true);
    assert.deepEqual(readSaved(project), [{ kind: 'line', file: 'main.go', line: 7 }]);
    assert.equal(fs.existsSync(path.join(shared, '.gotui')), false, 'nothing written where others may write');
    assert.equal(fs.existsSync(path.join(mine, 'gotui', '.gitignore')), false, 'none in the user\'s own folder');
    assert.equal(fs.statSync(path.join(mine, 'gotui')).mode & 0o777, 0o700);
  } finally {
    fs.rmSync(shared, { recursive: true, force: true });
    fs.rmSync(mine, { recursive: true, force: true });
  }
});

test('watches share the program entry with the breakpoints: each kept when the other changes, the program gone when both are empty', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  let text = withSaved(undefined, 'bin/a', [{ kind: 'function', spec: 'main.a' }], now);
  text = withWatches(text, 'bin/a', ['x', 'len(s)'], now);
  assert.deepEqual(parseSaved(text, 'bin/a'), [{ kind: 'function', spec: 'main.a' }]);
  assert.deepEqual(parseWatches(text, 'bin/a'), ['x', 'len(s)']);
  text = withSaved(text, 'bin/a', [], now);
  assert.deepEqual(parseWatches(text, 'bin/a'), ['x', 'len(s)'], 'the last breakpoint cleared keeps the watches');
  text = withWatches(text, 'bin/a', [], now);
  assert.deepEqual(JSON.parse(text).programs, {});
  assert.deepEqual(parseWatches(JSON.stringify({ version: 1, programs: { p: { saved: '', breakpoints: [], watches: ['ok', 7, ' ', null] } } }), 'p'), ['ok']);
});
