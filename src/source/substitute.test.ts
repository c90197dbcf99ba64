import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigRules, makeRule, parseConfig, parseRuleFlag, toDelve, toLocal } from './substitute.js';

const rules = [makeRule('/build/src', '/home/me/src', 'command'), makeRule('/build/src/orders', '/home/me/orders', 'flag')];

test('the longest FROM wins, on whole path components', () => {
  assert.equal(toLocal('/build/src/orders/main.go', rules), '/home/me/orders/main.go');
  assert.equal(toLocal('/build/src/other/x.go', rules), '/home/me/src/other/x.go');
  assert.equal(toLocal('/build/srcx/a.go', rules), undefined);
  assert.equal(toLocal('/elsewhere/a.go', rules), undefined);
});

test('local paths map back to the path Delve knows', () => {
  assert.equal(toDelve('/home/me/orders/main.go', rules), '/build/src/orders/main.go');
  assert.equal(toDelve('/home/me/src/a/b.go', rules), '/build/src/a/b.go');
  assert.equal(toDelve('/home/me/srcs/b.go', rules), undefined);
});

test('rules are checked: FROM absolute, TO expanded, trailing slashes dropped', () => {
  assert.throws(() => makeRule('build', '/x', 'command'), /not an absolute path/);
  assert.throws(() => makeRule('', '/x', 'command'), /needs FROM and TO/);
  assert.equal(makeRule('/a/b/', '~/x/', 'command').to, path.join(os.homedir(), 'x'));
  assert.equal(makeRule('/a/b/', '/x', 'command').from, '/a/b');
  assert.deepEqual(parseRuleFlag('/build=/here'), { from: '/build', to: '/here', origin: 'flag' });
  assert.throws(() => parseRuleFlag('/build'), /FROM=TO/);
  assert.equal(toLocal('/any/file.go', [makeRule('/', '/mnt/remote', 'command')]), '/mnt/remote/any/file.go');
});

test('the config file: objects or pairs, TO relative to the file, found in a parent directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cfg-'));
  try {
    fs.mkdirSync(path.join(dir, 'sub', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.gotui.json'), JSON.stringify({ substitutePath: [{ from: '/build/x', to: './x' }, ['/build/y', '/abs/y']] }));
    const found = loadConfigRules(path.join(dir, 'sub', 'deeper'));
    assert.equal(found.file, path.join(dir, '.gotui.json'));
    assert.deepEqual(found.rules.map((r) => [r.from, r.to, r.origin]), [['/build/x', path.join(dir, 'x'), 'config'], ['/build/y', '/abs/y', 'config']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => parseConfig('{', 'f'), /f is not valid JSON/);
  assert.throws(() => parseConfig('{"substitutePath": 3}', 'f'), /not a list/);
  assert.throws(() => parseConfig('{"substitutePath": [{"from": 1}]}', 'f'), /not \{"from"/);
  assert.deepEqual(parseConfig('{}', 'f'), []);
});
