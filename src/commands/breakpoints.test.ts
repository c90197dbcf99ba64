import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearedSentence } from './breakpoints.js';

test(":clearall's answer names another client's breakpoint as the one cleared, or among several", () => {
  assert.equal(clearedSentence(1, []), 'Cleared 1 breakpoint.');
  assert.equal(clearedSentence(1, ["other#3 orders/main.go:80 (another client's)"]), "Cleared 1 breakpoint: other#3 orders/main.go:80 (another client's).");
  assert.equal(clearedSentence(2, ["other#3 orders/main.go:80 (another client's)"]), "Cleared 2 breakpoints, among them other#3 orders/main.go:80 (another client's).");
  assert.equal(clearedSentence(2, ["other#3 a.go:1 (another client's)", "alice#1 a.go:2 (alice's)"]), "Cleared 2 breakpoints: other#3 a.go:1 (another client's) and alice#1 a.go:2 (alice's).");
});
