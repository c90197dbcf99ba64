import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptWords } from './script-words.js';

test("a hint worded for the command row reads in a script's words: no colon before a command, no Tab", () => {
  assert.equal(scriptWords("Cannot evaluate 'j.Nme': j has no member Nme. Tab after the dot lists the fields (:print j.<Tab>)."), "Cannot evaluate 'j.Nme': j has no member Nme. print j shows its fields.");
  assert.equal(scriptWords('The map has no such key: :print m lists its keys.'), 'The map has no such key: print m lists its keys.');
  assert.equal(scriptWords('Delve runs a function only when asked to: :call f(1)'), 'Delve runs a function only when asked to: call f(1)');
  // No pane, no key (trial BY).
  assert.equal(scriptWords("Did you mean sum? The Variables pane (4) lists this frame's."), "Did you mean sum? locals lists this frame's.");
  assert.equal(scriptWords('A return value (~r0) is not a name expressions take: the Variables pane (4) shows it, and o says what a function returned.'), 'A return value (~r0) is not a name expressions take: args lists it, and stepout says what a function returned.');
  // Places and stop lines keep their colons.
  assert.equal(scriptWords('Stop 5 (breakpoint #1): main.process orders/main.go:109'), 'Stop 5 (breakpoint #1): main.process orders/main.go:109');
});
