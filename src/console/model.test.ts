import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { ConsoleModel, pinHint, stopLine } from './model.js';

test("the command row's error is history once the wheel changes hands (a refusal for who drove), as at a stop", () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.restrict({ runControl: 'bob drives' });
  model.append('restart is not available: bob drives.', 'error');
  assert.equal(model.get().lastError, 'restart is not available: bob drives.');
  // Something else changing in the session keeps it.
  session.restrict({ runControl: 'bob drives', readOnly: undefined });
  assert.equal(model.get().lastError, 'restart is not available: bob drives.');
  session.restrict({});
  assert.equal(model.get().lastError, undefined);
  assert.ok(model.get().lines.some((l) => l.text === 'restart is not available: bob drives.'), 'the console keeps it');
});

test("each stop is a console line, as the dlv CLI prints where a run stopped: its number, why, and frame 0's place (trial X lost count of its stops)", () => {
  const session = new Session('t');
  const m = new ConsoleModel(session);
  const top = { id: 1, index: 0, name: 'main.format', file: '/src/orders/main.go', line: 137 };
  const bp = { id: 1, kind: 'function' as const, spec: 'main.format', verified: true, delveId: 1 };
  session.events.emit('stop', { stop: { number: 5, reason: 'function breakpoint', goroutine: 1, breakpoints: [1] }, selection: { goroutine: 1, chosen: false, frame: top, top }, frames: { goroutine: 1, start: 0, frames: [top], total: 1, complete: true }, scopes: Promise.resolve([]) });
  assert.equal(m.get().lines.at(-1)?.text, 'Stop 5 (breakpoint #1): main.format orders/main.go:137, goroutine 1', 'said as it comes');
  assert.equal(stopLine({ number: 1, reason: 'entry', goroutine: 0, breakpoints: [] }, { goroutine: 0, chosen: false }, [bp]), 'Stop 1 (entry): the program\'s entry');
  assert.equal(stopLine({ number: 1, reason: 'pause', goroutine: 1, breakpoints: [] }, { goroutine: 1, chosen: false }, [bp]), 'Stop 1 (pause): the program\'s entry');
  assert.equal(stopLine({ number: 6, reason: 'function breakpoint', goroutine: 1, breakpoints: [1] }, { goroutine: 1, chosen: false, frame: top, top }, [bp]), 'Stop 6 (breakpoint #1): main.format orders/main.go:137, goroutine 1');
  // Another goroutine than the one the run was made from (trial AW).
  assert.equal(stopLine({ number: 7, reason: 'breakpoint', goroutine: 9, breakpoints: [1] }, { goroutine: 9, chosen: false, frame: top, top }, [bp], 8), 'Stop 7 (breakpoint #1): main.format orders/main.go:137, goroutine 9 (not 8, the one it ran from)');
  assert.match(stopLine({ number: 8, reason: 'step', goroutine: 9, breakpoints: [] }, { goroutine: 9, chosen: false, frame: top, top }, [bp], 9), /goroutine 9$/);
  // A pause in the runtime: the panes show the program's first frame, and the line says so (trial BH: only :info did).
  const park = { id: 2, index: 0, name: 'runtime.gopark', file: '/usr/local/go/src/runtime/proc.go', line: 463 };
  const own = { id: 5, index: 3, name: 'main.main', file: '/src/orders/main.go', line: 103 };
  assert.equal(stopLine({ number: 42, reason: 'pause', goroutine: 1, breakpoints: [] }, { goroutine: 1, chosen: false, frame: own, top: park }, [bp]), 'Stop 42 (pause): runtime.gopark runtime/proc.go:463, goroutine 1; shown: frame 3 main.main orders/main.go:103');
});

test("a step another goroutine's stop at one of gotui's breakpoints ended says how to keep the breakpoint to the stepping goroutine (trial BB)", () => {
  const top = { id: 1, index: 0, name: 'main.worker', file: '/w/main.go', line: 68 };
  const at = { number: 4, reason: 'breakpoint', goroutine: 10, breakpoints: [1] };
  const sel = { goroutine: 10, chosen: false, frame: top, top };
  const bp = { id: 1, kind: 'line' as const, file: '/w/main.go', line: 68, verified: true };
  assert.equal(pinHint(at, sel, [bp], 7), "Breakpoint #1 stopped goroutine 10 before goroutine 7's step ended: :cond 1 runtime.curg.goid == 7 keeps it to goroutine 7, then c ends that step (once goroutine 7 runs).");
  assert.match(pinHint(at, sel, [{ ...bp, condition: 'id > 2' }], 7)!, /:cond 1 \(id > 2\) && runtime\.curg\.goid == 7 /);
  // Not for the stepping goroutine's own stop, another client's breakpoint, or a stop that is no breakpoint's.
  assert.equal(pinHint(at, { ...sel, goroutine: 7 }, [bp], 7), undefined);
  assert.equal(pinHint(at, sel, [{ ...bp, by: 'alice' }], 7), undefined);
  assert.equal(pinHint({ ...at, reason: 'pause' }, sel, [bp], 7), undefined);
});

test("a stop numbered past the next one shown (a peer's quick steps) says the ones between came and went, not skipped in silence (trial CK: 2, then 6); a renumbered stop counts as its new number", () => {
  const session = new Session('t');
  const m = new ConsoleModel(session);
  const top = { id: 1, index: 0, name: 'main.main', file: '/src/orders/main.go', line: 74 };
  const stop = (number: number) => session.events.emit('stop', { stop: { number, reason: 'step', goroutine: 1, breakpoints: [], by: 'root' }, selection: { goroutine: 1, chosen: false, frame: top, top }, frames: { goroutine: 1, start: 0, frames: [top], total: 1, complete: true }, scopes: Promise.resolve([]) });
  const said = () => m.get().lines.map((l) => l.text);
  stop(2);
  stop(3);
  assert.ok(!said().some((l) => /came and went/.test(l)), said().join('\n'));
  stop(7);
  assert.deepEqual(said().slice(-2), ['Stop 7 (step by root): main.main orders/main.go:74, goroutine 1', 'Stops 4-6 came and went before this gotui could show them: another gotui made them between its looks.']);
  stop(9);
  assert.equal(said().at(-1), 'Stop 8 came and went before this gotui could show it: another gotui made it between its looks.');
  session.events.emit('renumbered', { from: 9, to: 12 });
  stop(13);
  assert.match(said().at(-1)!, /^Stop 13 /);
});
