import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzyFilter, fuzzyScore } from './fuzzy.js';

test('fuzzy: the letters in order, case-insensitive; compact matches in short names first', () => {
  assert.equal(fuzzyScore('xyz', 'main.process'), undefined);
  assert.deepEqual(fuzzyScore('mpro', 'main.process')?.positions, [0, 5, 6, 7]);
  const funcs = ['main.processAll', 'main.process', 'runtime.mProf_Malloc', 'internal/poll.(*FD).Read', 'main.(*Server).processOrder', 'fmt.(*pp).printValue'];
  assert.deepEqual(fuzzyFilter('mprocess', funcs, 3).map((m) => m.text), ['main.process', 'main.processAll', 'main.(*Server).processOrder']);
  assert.equal(fuzzyFilter('srvproc', funcs, 1)[0]?.text, 'main.(*Server).processOrder');
  assert.equal(fuzzyFilter('', funcs, 10).length, funcs.length, 'no query: everything');
});

test('fuzzy: a query that is a whole word (a package, a function) ranks its names before names it only begins', () => {
  const funcs = ['time.fmtInt', 'time.fmtFrac', 'fmt.Println', 'fmt.(*pp).doPrintf', 'strconv.fmtB'];
  assert.deepEqual(fuzzyFilter('fmt', funcs, 2).map((m) => m.text), ['fmt.Println', 'fmt.(*pp).doPrintf']);
  assert.equal(fuzzyFilter('fmtint', funcs, 1)[0]?.text, 'time.fmtInt', 'more typed, the function');
});

test('fuzzy: keeps the best `limit` whatever the order they come in', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `pkg${i}.Handle${i % 7 ? 'Order' : 'Refund'}${i}`);
  const best = fuzzyFilter('handlerefund42', many, 5);
  assert.equal(best[0]!.text, 'pkg42.HandleRefund42');
  assert.equal(best.length, 5);
  for (let i = 1; i < best.length; i++) assert.ok(best[i - 1]!.score >= best[i]!.score);
});

// Found by the fuzz campaign (test/fuzz/targets/features.ts): 'İ' lower-cases to two UTF-16 units.
test('fuzz: matches in "İstanbul/" point at the candidate\'s own characters', () => {
  assert.deepEqual(fuzzyScore('/', 'İstanbul/')?.positions, [8]);
  assert.deepEqual(fuzzyScore('s', 'İstanbul')?.positions, [1]);
});

// Found by bench/fuzz at 100,000 cases: a 15,000-character name holding the first letter everywhere took 2 s.
test('fuzz: a name that holds the query\'s first letter thousands of times still matches, from an early start', () => {
  const name = `main.${'ß'.repeat(15_000)}i`;
  const m = fuzzyScore('ßi', name);
  assert.ok(m);
  assert.equal(name[m.positions[0]!], 'ß');
  assert.equal(m.positions[1], name.length - 1);
});
