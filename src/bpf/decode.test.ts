import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDemo } from '../demos/build.js';
import { loadBinary } from './binary.js';
import { createDecoder, formatSeconds } from './decode.js';

const b = loadBinary(await buildDemo('orders'));

test('template records become sentences with goid and function', () => {
  const calls = createDecoder({ template: 'calls', func: 'main.process' }, b);
  assert.deepEqual(calls('call\t1\ncall\t7\n'), [
    { text: 'main.process on goroutine 1', goid: 1, func: 'main.process' },
    { text: 'main.process on goroutine 7', goid: 7, func: 'main.process' },
  ]);
  // One record a printf (the short path) reads as the same records do in a longer printf.
  for (const one of ['call\t42\n', 'call\t42', 'call\t007\n', 'call\t-3\n', 'call\t\n', 'call\tx\n', 'call\t1\t2\n', `call\t${'9'.repeat(20)}\n`]) {
    assert.deepEqual(calls(one), calls(`${one.replace(/\n$/, '')}\ncall\t1\n`).slice(0, 1), JSON.stringify(one));
  }
  const main = b.symbol('main.main')!.value;
  const g = createDecoder({ template: 'goroutines' }, b);
  assert.deepEqual(g(`newproc\t1\t${main}\n`), [{ text: 'goroutine created to run main.main, by goroutine 1', goid: 1, func: 'main.main', created: true }]);
  assert.equal(g(`newproc\t1\t${main}\t${main + 4}\n`)[0]!.text, 'goroutine created to run main.main, by goroutine 1 in main.main');
  assert.deepEqual(g('goexit\t12\n'), [{ text: 'goroutine 12 exited', goid: 12 }]);
});

test('gc: trigger kinds, cycle numbers from numgc, the time since the previous cycle', () => {
  const gc = createDecoder({ template: 'gc' }, b);
  // The gap is the probe's, to the last new cycle it saw (-1: none); times are 64-bit (trial AC: %d wrapped every 4.3 s).
  assert.equal(gc('gc\t0\t39830495409741\t5\t6\t-1\n')[0]!.text, 'GC cycle 7 (trigger heap), the first since the probe started');
  assert.equal(gc('gc\t0\t39830495509741\t5\t6\t-1\n')[0]!.text, 'gcStart (trigger heap) while GC cycle 7 is under way');
  assert.equal(gc('gc\t2\t39830745409741\t5\t7\t250000000\n')[0]!.text, 'GC cycle 8 (trigger runtime.GC), 250ms after the previous');
  assert.equal(gc('gc\t1\t39833245409741\t5\t8\t2500000000\n')[0]!.text, 'GC cycle 9 (trigger time), 2.50s after the previous');
  // Delivered out of order (bpftrace batches each CPU's records): cycle 11 before 10, each with its own gap.
  assert.equal(gc('gc\t2\t39835745409741\t5\t10\t1250000000\n')[0]!.text, 'GC cycle 11 (trigger runtime.GC), 1.25s after the previous');
  assert.equal(gc('gc\t0\t39834495409741\t5\t9\t1250000000\n')[0]!.text, 'GC cycle 10 (trigger heap), 1.25s after the previous');
  assert.equal(gc('gc\t0\t39834495509741\t5\t9\t-1\n')[0]!.text, 'gcStart (trigger heap) while GC cycle 10 is under way');
  // Without DWARF for memstats the script sends -1: starts are counted instead.
  const old = createDecoder({ template: 'gc' }, b);
  assert.equal(old('gc\t0\t1000000000\t5\t-1\t-1\n')[0]!.text, 'GC start #1 (trigger heap), the first since the probe started');
  assert.equal(old('gc\t0\t2000000000\t5\t-1\t1000000000\n')[0]!.text, 'GC start #2 (trigger heap), 1.00s after the previous');
  assert.equal(formatSeconds(150), '2m30s');
});

test('panics: type names from the binary, values for strings and ints', () => {
  const p = createDecoder({ template: 'panics' }, b);
  const str = b.runtimeTypeAddress('string')!;
  const int = b.runtimeTypeAddress('int')!;
  assert.equal(p(`panic\t1\t${str}\tboom "x"\n`)[0]!.text, 'panic(string "boom \\"x\\"") on goroutine 1');
  assert.equal(p(`panic\t3\t${int}\t42\n`)[0]!.text, 'panic(int 42) on goroutine 3');
  assert.equal(p('panic\t3\t16\t\n')[0]!.text, 'panic(type at 0x10) on goroutine 3');
});

test('user scripts: lines as written, goid=N picked up', () => {
  const r = createDecoder({ template: 'run', file: 'x.bt' }, b);
  assert.deepEqual(r('hello goid=12 there\ncall\t1\n'), [{ text: 'hello goid=12 there', goid: 12 }, { text: 'call\t1' }]);
});

// Found by the fuzz campaign (test/fuzz/targets/bpf.ts): a target's panic message is its own text.
test('fuzz: a panic value holding "\\ngc\\tx\\tq\\t1\\t2" is one event, not a BigInt SyntaxError or a made-up GC', () => {
  const panics = createDecoder({ template: 'panics' }, b);
  const events = panics('panic\t0\t0\tboom\ngc\tx\tq\t1\t2\ngoexit\t77\n');
  assert.equal(events.length, 1);
  assert.match(events[0]!.text, /^panic\(type at 0x0 "boom\\ngc\\tx\\tq\\t1\\t2\\ngoexit\\t77"\) on goroutine 0$/);
  // A record with text where the script prints numbers is no record.
  assert.deepEqual(createDecoder({ template: 'gc' }, b)('gc\tx\tq\t1\t2\n'), [{ text: 'gc\tx\tq\t1\t2' }]);
});
