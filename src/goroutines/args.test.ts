import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { formatGoroutinesArgs, parseGoroutinesArgs } from './args.js';

test('parses dlv goroutines grouping keys', () => {
  for (const by of ['userloc', 'curloc', 'goloc', 'startloc', 'running', 'user'] as const) {
    assert.deepEqual(parseGoroutinesArgs(`goroutines -group ${by}`), { grouping: { by }, filters: [] });
  }
  assert.deepEqual(parseGoroutinesArgs('-group label worker'), { grouping: { by: 'label', labelKey: 'worker' }, filters: [] });
  assert.deepEqual(parseGoroutinesArgs('grs -group curloc -group goloc').grouping, { by: 'goloc' });
});

test('parses -with/-without filters in all their spellings', () => {
  const a = parseGoroutinesArgs('-with userloc main.go:42 -wo curloc runtime -w label worker=recv -without label trace -with running -wo user');
  assert.deepEqual(a.filters, [
    { field: 'userloc', arg: 'main.go:42', negated: false },
    { field: 'curloc', arg: 'runtime', negated: true },
    { field: 'label', arg: 'worker=recv', negated: false },
    { field: 'label', arg: 'trace', negated: true },
    { field: 'running', arg: '', negated: false },
    { field: 'user', arg: '', negated: true },
  ]);
  assert.equal(a.grouping, undefined);
});

test('takes the location flags -u -r -g -s and extra spaces', () => {
  assert.equal(parseGoroutinesArgs('  -r   -group userloc ').show, 'current');
  assert.equal(parseGoroutinesArgs('-g').show, 'go');
  assert.equal(parseGoroutinesArgs('-s').show, 'start');
  assert.equal(parseGoroutinesArgs('-u').show, 'user');
  assert.deepEqual(parseGoroutinesArgs(''), { filters: [] });
});

function rejects(text: string, message: RegExp, hint: RegExp): void {
  assert.throws(
    () => parseGoroutinesArgs(text),
    (e) => {
      assert.ok(e instanceof UserError, String(e));
      assert.match(e.message, message);
      assert.match(e.hint ?? '', hint);
      return true;
    },
  );
}

test('explains what is wrong in one sentence with a hint', () => {
  rejects('-group', /-group needs an argument/, /userloc, curloc/);
  rejects('-group where', /'where' after -group is not something goroutines know\.$/, /label NAME/);
  rejects('-group usrloc', /^'usrloc' after -group is not something goroutines know: did you mean userloc\?$/, /label NAME/);
  rejects('-with startlc main.f', /^'startlc' after -with is not something goroutines know: did you mean startloc\?$/, /FILTER is/);
  rejects('-group label', /-group label needs the label key/, /-group label worker/);
  rejects('-with', /-with needs an argument/, /FILTER is/);
  rejects('-with userloc', /-with userloc needs a text to look for/, /substrings/);
  rejects('-without label', /-without label needs a label key or key=value/, /worker=recv/);
  rejects('-with stack x', /'stack' after -with/, /FILTER is/);
  rejects('-t 5', /-t is a dlv CLI option/, /Open a group/);
  rejects('-chan ch', /-chan is a dlv CLI option/, /stack/);
  rejects('--group userloc', /'--group' is not an option of goroutines/, /goroutines \[-group KEY\]/);
});

test('formats a query back in the CLI spelling', () => {
  const text = '-group label worker -with userloc main.go -without running';
  assert.equal(formatGoroutinesArgs(parseGoroutinesArgs(text) as Parameters<typeof formatGoroutinesArgs>[0]), text);
});
