import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedRegisters, decodeRflags, formatRegisterLine, holdsAddress, parseRegisters } from './registers.js';
import { registersView } from './pane.js';
import type { RegistersStore } from './store.js';
import { Session } from '../session/session.js';

// The Registers scope's children as Delve 1.27.1 sends them (orders demo, stopped in main.process).
const SCOPE = [
  { name: '   rip', value: '0x00000000004bf983' },
  { name: '   rsp', value: '0x000026ae7697de10' },
  { name: '    r8', value: '0x0000000000000002' },
  { name: 'rflags', value: '0x0000000000000246\t[PF ZF IF IOPL=0]' },
  { name: '    cs', value: '0x0000000000000033' },
  { name: 'fs_base', value: '0x0000000000595408' },
  { name: '  xmm0', value: '[4]float32 {...}' },
];

test('parseRegisters unpads names, reads the values, and skips what is not a number', () => {
  const regs = parseRegisters(SCOPE);
  assert.deepEqual(regs.map((r) => r.name), ['rip', 'rsp', 'r8', 'rflags', 'cs', 'fs_base']);
  assert.equal(regs[0]!.value, 0x4bf983n);
  assert.equal(regs[3]!.value, 0x246n);
});

test('decodeRflags spells the flags as Delve does', () => {
  assert.equal(decodeRflags(0x246n), '[PF ZF IF IOPL=0]');
  assert.equal(decodeRflags(0x202n), '[IF IOPL=0]');
  assert.equal(decodeRflags(0x3287n), '[CF PF SF IF IOPL=3]');
  assert.equal(decodeRflags(0x400246n), '[PF ZF IF IOPL=0 unknown_flags=400000]');
});

test('changedRegisters compares by name, and marks nothing without a previous snapshot', () => {
  const a = parseRegisters(SCOPE);
  const b = a.map((r) => (r.name === 'rip' ? { ...r, value: r.value + 5n } : r));
  assert.deepEqual([...changedRegisters(undefined, b)], []);
  assert.deepEqual([...changedRegisters(a, b)], ['rip']);
  assert.deepEqual([...changedRegisters(a.slice(0, 1), b)], ['rip'], 'registers the previous frame lacked are not marked');
});

test('formatRegisterLine: aligned names, 16 hex digits, the change mark and the annotation', () => {
  const [rip, , , rflags] = parseRegisters(SCOPE);
  assert.equal(formatRegisterLine(rip!, { changed: true, annotation: 'main.process+67' }), '*    rip 0x00000000004bf983  main.process+67');
  assert.equal(formatRegisterLine(rflags!), '  rflags 0x0000000000000246 [PF ZF IF IOPL=0]');
  assert.equal(holdsAddress('rflags'), false);
  assert.equal(holdsAddress('cs'), false);
  assert.equal(holdsAddress('rsp'), true);
  assert.equal(holdsAddress('fs_base'), true);
});

test('an outer frame with the few registers unwinding restores says so, and where every register is', () => {
  const snapshot = (frame: number, all = false) => ({ registers: ['rip', 'rsp', 'rbp'].map((name, i) => ({ name, value: BigInt(0x1000 * (i + 1)) })), changed: new Set<string>(), annotations: new Map(), cursor: 0, goroutine: 1, frame, loading: false, running: false, all, machine: all ? [{ name: 'xmm0', bytes: new Uint8Array(16) }] : [], machineChanged: new Set<string>() });
  const rows = (frame: number, all = false) => registersView({ model: { get: () => snapshot(frame, all) } as unknown as RegistersStore, rect: { x: 0, y: 0, width: 80, height: 10 }, focused: false, session: new Session('t').state, stale: false }).rows.map((r) => r.map((s) => s.text).join(''));
  assert.equal(rows(2).at(-1), 'Frame 2: Delve restores only these as it unwinds (:frame 0 has every register).');
  // Frame 0 with as few: a parked goroutine's, said as such (trial CE).
  assert.equal(rows(0).at(-1), "Goroutine 1 is parked, on no thread: Delve has only what the runtime saved as it parked it (the dlv CLI's regs prints the current thread's).");
  // With every register shown (a), the note stays, after the vector registers (trial AL: it went).
  assert.deepEqual(rows(2, true).slice(-2).map((r) => r.trim().split(' ')[0]), ['xmm0', 'Frame']);
});
