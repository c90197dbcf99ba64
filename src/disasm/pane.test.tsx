import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPane } from '../../test/support/render-pane.js';
import type { Instruction } from './disassembler.js';
import type { DisasmModel, DisasmState } from './model.js';
import { disasmLines, disasmView } from './view.js';

const INS: Instruction[] = [
  { address: 0x4d2760n, bytes: '', length: 3, text: 'nop', file: '/src/main.go', line: 112, function: 'main.process' },
  { address: 0x4d2763n, bytes: '', length: 5, text: 'mov    0x28(%rsp),%rax', file: '/src/main.go', line: 113, function: 'main.process' },
  { address: 0x4d2768n, bytes: '', length: 6, text: 'movsd  0x20(%rsp),%xmm0', file: '/src/main.go', line: 113, function: 'main.process' },
  { address: 0x4d2776n, bytes: '', length: 5, text: 'call   0x4d2800 <main.applyDiscount>', file: '/src/main.go', line: 113, function: 'main.process', breakpoint: true },
];

test('disasmLines puts a source line before each change of line', () => {
  const lines = disasmLines(INS, (_f, l) => (l === 113 ? '\tdiscount := applyDiscount(sum, n, o.Tags)' : undefined));
  assert.deepEqual(lines, [
    { index: 0, source: 'main.go:112' },
    { index: 0 },
    { index: 1, source: 'main.go:113  discount := applyDiscount(sum, n, o.Tags)' },
    { index: 1 },
    { index: 2 },
    { index: 3 },
  ]);
});

test('the pane marks the pc and breakpoints, offsets from the entry, and names the function', () => {
  const state: DisasmState = { instructions: INS, syntax: 'att', pc: 0x4d2763n, cursor: 1, history: [], breakpoints: new Set(), loading: false, running: false };
  const model = { get: () => state, sourceLine: () => undefined } as unknown as DisasmModel;
  const frame = renderPane({ title: 'Disassembly', view: disasmView }, model, { width: 70, height: 9 });
  // Where the cursor is among the instructions, so a listing taller than the pane says it is cut.
  assert.match(frame[0]!, /Disassembly · main\.process · 2\/4 · att/);
  // Offsets padded to the longest (+22), so the instructions line up.
  assert.ok(frame.some((l) => /│ ▶ 0x4d2763 <\+3>:  mov {4}0x28\(%rsp\),%rax/.test(l)), frame.join('\n'));
  assert.ok(frame.some((l) => /│● {2}0x4d2776 <\+22>: call {3}0x4d2800 <main\.applyDiscount>/.test(l)), frame.join('\n'));
  assert.ok(frame.some((l) => /│main\.go:113/.test(l)));
});
