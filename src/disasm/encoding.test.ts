import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findModRm, relativeTarget } from './encoding.js';

const b = (h: string) => Buffer.from(h, 'hex');

test('findModRm finds RIP-relative operands and encoded displacements behind prefixes, REX, 0F maps, VEX and EVEX', () => {
  assert.deepEqual(findModRm(b('833d12fa1c0000')), { at: 1, mod: 0, rm: 5, sib: false, dispBytes: 4, disp: 0x1cfa12n, ripRelative: true });
  assert.equal(findModRm(b('488d05bdd80d00'))?.disp, 0xdd8bdn);
  assert.equal(findModRm(b('62f1fe486f0596550f00'))?.ripRelative, true, 'EVEX');
  assert.deepEqual(findModRm(b('0f1f4000')), { at: 2, mod: 1, rm: 0, sib: false, dispBytes: 1, disp: 0n, ripRelative: false });
  assert.equal(findModRm(b('488d0590ffffff'))?.disp, -0x70n, 'negative disp32');
  assert.equal(findModRm(b('4889c3')), undefined, 'register operands have no memory ModRM');
});

test('relativeTarget: rel8 and rel32 jumps and calls, none for other instructions', () => {
  assert.equal(relativeTarget(b('e885000000'), 0x4d2776n), 0x4d2800n);
  assert.equal(relativeTarget(b('eb69'), 0x4d26f8n), 0x4d2763n);
  assert.equal(relativeTarget(b('0f8601020000'), 0x1000n), 0x1000n + 6n + 0x201n);
  assert.equal(relativeTarget(b('e97bffffff'), 0x48dda0n), 0x48dd20n);
  assert.equal(relativeTarget(b('488b442428'), 0x4d2763n), undefined);
});
