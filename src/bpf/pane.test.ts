import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BpfService } from './service.js';
import { bpfView } from './pane.js';

test('a probe asked for is said to be starting before its stream exists (over SSH its checks take seconds: trial BS read `No probes`)', () => {
  const service = new BpfService(() => new Promise(() => {}));
  const text = () => bpfView({ model: service, rect: { x: 0, y: 0, width: 80, height: 8 }, focused: false } as Parameters<typeof bpfView>[0]).rows.map((r) => r.map((s) => s.text).join(''));
  assert.match(text()[0]!, /^No probes\./);
  void service.start('calls   main.compute');
  assert.deepEqual(text(), ['Starting calls main.compute…']);
});
