import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFatal, describeSignal, signalReads, signalSentence } from './signal.js';
import { readNumber } from '../delve/said.js';
import type { Frame } from './state.js';

const frame = (index: number, name: string, file: string, line: number, pc: string): Frame => ({ id: 1000 + index, index, name, file, line, pc });
const inC = [
  frame(0, 'runtime.fatalsignal', '/go/src/runtime/signal_unix.go', 845, '0x46ab6e'),
  frame(1, 'runtime.sighandler', '/go/src/runtime/signal_unix.go', 768, '0x46a785'),
  frame(2, 'runtime.sigtrampgo', '/go/src/runtime/signal_unix.go', 491, '0x46a038'),
  frame(3, 'C.sensor_sum', '/src/cgo-slice/sensor.c', 23, '0x4d1350'),
  frame(4, 'main.main', '/src/cgo-slice/main.go', 63, '0x4d0fae'),
];
const inGo = [
  frame(0, 'runtime.throw', '/go/src/runtime/panic.go', 1220, '0x4877a4'),
  frame(1, 'runtime.sigpanic', '/go/src/runtime/signal_unix.go', 945, '0x4892a5'),
  frame(2, 'main.main', '/src/cgo-slice/main.go', 65, '0x4d10ab'),
];

test('where a crash keeps its signal: fatalsignal\'s arguments (a signal in C), sigpanic\'s g (a fault in Go); none in a plain panic', () => {
  assert.deepEqual(signalReads(inC), { frame: inC[0], sig: 'sig', addr: 'c.info.si_addr', at: inC[3] });
  assert.deepEqual(signalReads(inGo), { frame: inGo[1], sig: 'gp.sig', addr: 'gp.sigcode1', pc: 'gp.sigpc', at: inGo[2] });
  assert.equal(signalReads([frame(0, 'runtime.gopanic', '/go/src/runtime/panic.go', 700, '0x1'), inGo[2]!]), undefined);
});

test('the signal in words, as the runtime prints it: the address only for SIGSEGV and SIGBUS', () => {
  assert.equal(signalSentence({ sig: 11, name: 'SIGSEGV: segmentation violation', addr: 0xdeadbeef00n, at: inC[3]! }), 'Signal SIGSEGV: segmentation violation at address 0xdeadbeef00, PC 0x4d1350 in C code: C.sensor_sum at sensor.c:23.');
  assert.equal(signalSentence({ sig: 8, addr: 0n, pc: 0x4d10abn, at: inGo[2]! }), 'Signal SIGFPE, PC 0x4d10ab, main.main at main.go:65.');
  assert.equal(signalSentence({ sig: 64 }), 'Signal signal 64.');
  assert.equal(signalSentence({ sig: 11, addr: 0n, pc: 0x4d64ban, at: inGo[2]!, goroutine: 5 }), 'Signal SIGSEGV at address 0x0, PC 0x4d64ba, main.main at main.go:65 (goroutine 5).');
  assert.equal(readNumber('956397711104 = 0xdeadbeef00'), 0xdeadbeef00n);
  assert.equal(readNumber('0xc000010000'), 0xc000010000n);
  assert.equal(readNumber('(unreadable input/output error)'), undefined);
});

test('describeSignal reads in the frame the runtime keeps it in; an unreadable signal says nothing', async () => {
  const asked: string[] = [];
  const values: Record<string, string> = { 'gp.sig': '11 = 0xb', 'runtime.sigtable[11].name': '"SIGSEGV: segmentation violation"', 'gp.sigcode1': '956397711104 = 0xdeadbeef00', 'gp.sigpc': '5050539 = 0x4d10ab' };
  const said = await describeSignal(inGo, async (f, e) => (asked.push(`${f.name} ${e}`), values[e]));
  assert.equal(said, 'Signal SIGSEGV: segmentation violation at address 0xdeadbeef00, PC 0x4d10ab, main.main at main.go:65.');
  assert.ok(asked.every((a) => a.startsWith('runtime.sigpanic ')), asked.join(', '));
  assert.equal(await describeSignal(inC, async () => undefined), undefined);
});

test("a core's panic or fatal error is read where Delve reads a live stop's: the panic's value in runtime.fatalpanic, the throw's string in runtime.throw", async () => {
  const asked: string[] = [];
  const evaluate = async (f: Frame, expr: string) => (asked.push(`${f.name}: ${expr}`), f.name === 'runtime.fatalpanic' ? '"assignment to entry in nil map"' : f.name === 'runtime.throw' ? '"concurrent map writes"' : undefined);
  const panicked = [frame(0, 'runtime.fatalpanic', '/go/src/runtime/panic.go', 1456, '0x1'), frame(1, 'runtime.gopanic', '/go/src/runtime/panic.go', 800, '0x2'), frame(2, 'main.store', '/src/main.go', 9, '0x3')];
  assert.deepEqual(await describeFatal(panicked, evaluate, 1), { what: 'a panic', sentence: 'The core was written at an unrecovered panic: "assignment to entry in nil map" (goroutine 1).' });
  const thrown = [frame(0, 'runtime.throw', '/go/src/runtime/panic.go', 1100, '0x1'), frame(1, 'internal/runtime/maps.fatal', '/go/src/runtime/panic.go', 1200, '0x2')];
  assert.deepEqual(await describeFatal(thrown, evaluate, 7), { what: 'a fatal error', sentence: 'The core was written at a fatal error: "concurrent map writes" (goroutine 7).' });
  assert.deepEqual(asked, ['runtime.fatalpanic: (*msgs).arg.(data)', 'runtime.throw: s']);
  assert.equal(await describeFatal([frame(0, 'main.store', '/src/main.go', 9, '0x3')], evaluate), undefined);
});
