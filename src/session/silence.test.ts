import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Silence } from './silence.js';

test('a silence is said once and its end once, whichever way saw them (trial CC)', () => {
  const s = new Silence();
  assert.equal(s.unanswered('poll', 0), true, 'the looks unanswered: silent');
  assert.equal(s.unanswered('dap', 1), false, 'said already');
  assert.equal(s.answered('poll', 10), false, 'the DAP connection still waits: not back for it');
  assert.equal(s.answered('dap', 11), true);
  assert.equal(s.silent, false);
  assert.equal(s.answered('poll', 12), false, 'ended already');
});

test('a request asked during a silence that runs out after Delve was heard again starts no new one (trial CC)', () => {
  const s = new Silence();
  assert.equal(s.unanswered('poll', 0), true);
  assert.equal(s.answered('poll', 20), true);
  // A call asked at 15, answered only once it has run: its limit runs out after Delve was heard at 20.
  assert.equal(s.unanswered('dap', 15), false);
  assert.equal(s.silent, false);
  assert.equal(s.answered('dap', 40), false, 'its late answer ends nothing');
  // Asked after Delve was heard: a new silence.
  assert.equal(s.unanswered('dap', 41), true);
});
