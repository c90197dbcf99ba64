import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectOfBinary, projectOfPackage, userStateDir } from './project.js';

test("a program's project: its module's directory (go.mod), keyed by the binary or the package", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-proj-'));
  try {
    fs.writeFileSync(path.join(root, 'go.mod'), 'module x\n');
    fs.mkdirSync(path.join(root, 'cmd', 'svc', 'bin'), { recursive: true });
    assert.deepEqual(projectOfBinary(path.join(root, 'cmd', 'svc', 'bin', 'svc')), { dir: root, key: path.join('cmd', 'svc', 'bin', 'svc') });
    assert.deepEqual(projectOfPackage('test', './cmd/svc', root), { dir: root, key: `test:${path.join('cmd', 'svc')}` });
    assert.deepEqual(projectOfPackage('debug', '.', root), { dir: root, key: 'debug:.' });
    assert.deepEqual(projectOfPackage('debug', 'example.com/x/cmd', root), { dir: root, key: 'debug:example.com/x/cmd' });
    // No go.mod anywhere above: the binary's own directory.
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-lone-'));
    assert.deepEqual(projectOfBinary(path.join(lone, 'prog')), { dir: lone, key: 'prog' });
    // One anyone may write (a binary built into /tmp): the state goes to the user's own folder, keyed by the whole path.
    fs.chmodSync(lone, 0o1777);
    assert.deepEqual(projectOfBinary(path.join(lone, 'prog')), { dir: lone, key: path.join(lone, 'prog'), stateDir: userStateDir() });
    fs.rmSync(lone, { recursive: true, force: true });
    // A service attached to: the user's own folder, unless its tree holds gotui's file already (a developer's list).
    const svc = path.join(root, 'cmd', 'svc', 'bin', 'svc');
    assert.deepEqual(projectOfBinary(svc, true), { dir: root, key: svc, stateDir: userStateDir() });
    fs.mkdirSync(path.join(root, '.gotui'));
    fs.writeFileSync(path.join(root, '.gotui', 'breakpoints.json'), '{"version":1,"programs":{}}\n');
    assert.deepEqual(projectOfBinary(svc, true), { dir: root, key: path.join('cmd', 'svc', 'bin', 'svc') });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
