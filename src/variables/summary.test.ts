import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapTails, shownValue, unloadedElements, unloadedStructs, unreadableChildren, unreadablePointer } from './summary.js';
import { UserError } from '../errors.js';

test('a slice of structs past Delve\'s load depth reads as values ({…}), not as the pointers Delve writes; a slice of pointers stays', () => {
  const parts = '[]main.Part len: 2, cap: 2, [(*main.Part)(0xc000123450),(*main.Part)(0xc000123478)]';
  assert.equal(unloadedElements(parts, '[]main.Part'), '[]main.Part len: 2, cap: 2, [{…},{…}]');
  assert.equal(unloadedElements('[2]main.Part [(*main.Part)(0xc0001)]', '[2]main.Part'), '[2]main.Part [{…}]');
  const ptrs = '[]*main.Part len: 1, cap: 1, [*(*main.Part)(0xc000123450)]';
  assert.equal(unloadedElements(ptrs, '[]*main.Part'), ptrs);
  assert.equal(unloadedElements('42', 'int'), '42');
  // Inside a struct's summary too; a pointer field written the same way stays a pointer.
  const w = '*main.Warehouse {Round: 1, Name: "a,[b", Parts: []main.Part len: 2, cap: 4, [(*main.Part)(0xc0001),(*main.Part)(0xc0002)], Next: (*main.Part)(0xc0009)}';
  assert.equal(unloadedElements(w, '*main.Warehouse'), '*main.Warehouse {Round: 1, Name: "a,[b", Parts: []main.Part len: 2, cap: 4, [{…},{…}], Next: (*main.Part)(0xc0009)}');
  // The row of the slice itself, its type given apart.
  assert.equal(unloadedElements('[(*main.Part)(0xc0001),...+3 more]', '[]main.Part'), '[{…},...+3 more]');
});

test("a struct field past Delve's load depth whose type has a package path reads {…}, not as a pointer to its holder (trial AR); pointers and strings stay", () => {
  const st = '*main.Stats {mu: sync.Mutex {_: sync.noCopy {}, mu: (*"internal/sync.Mutex")(0x24066df4e048)}, Count: 3}';
  assert.equal(unloadedStructs(st), '*main.Stats {mu: sync.Mutex {_: sync.noCopy {}, mu: {…}}, Count: 3}');
  assert.equal(shownValue(st, '*main.Stats'), '*main.Stats {mu: sync.Mutex {_: sync.noCopy {}, mu: {…}}, Count: 3}');
  // A pointee not loaded (`*(*"…")(…)`) is a pointer's, and a string may hold anything.
  const kept = '[]*x/y.T len: 1, cap: 1, [*(*"x/y.T")(0xc0001)] "(*\\"a/b.T\\")(0x1)"';
  assert.equal(unloadedStructs(kept), kept);
  assert.equal(unloadedStructs('(*"a/b.T")(0x10)'), '{…}');
});

test('mapTails mends the `, ` Delve leaves after a map\'s last pair, and leaves string literals alone', () => {
  assert.equal(mapTails('map[string]string ["channel": "web", ]'), 'map[string]string ["channel": "web"]');
  assert.equal(mapTails('map[string]int ["a": 1, "b": 2, ,...+3 more]'), 'map[string]int ["a": 1, "b": 2, ...+3 more]');
  assert.equal(mapTails('main.Order {Tags: map[string]string ["k": "a, ]", ], ID: 1}'), 'main.Order {Tags: map[string]string ["k": "a, ]"], ID: 1}');
  assert.equal(mapTails('[]int len: 2, cap: 2, [1,2]'), '[]int len: 2, cap: 2, [1,2]');
});

test("shownValue: what every pane and command result shows of Delve's DAP text (the watch pane, :set's result: trial leftover), mended the same way", () => {
  assert.equal(shownValue('main.Order {ID: 1, Tags: map[string]string ["channel": "web", ], Parts: []main.Part len: 1, cap: 1, [(*main.Part)(0xc000010000)]}', 'main.Order'),
    'main.Order {ID: 1, Tags: map[string]string ["channel": "web"], Parts: []main.Part len: 1, cap: 1, [{…}]}');
  assert.equal(shownValue('1e+06', 'float64'), '1e+06');
});

test("Delve's refusal to open a value is said in a sentence; gotui's own errors stand", () => {
  const e = unreadableChildren({ name: 'm', value: 'map[string]int [...]' }, new Error('Unable to lookup variable: read out of bounds')) as UserError;
  assert.ok(e instanceof UserError);
  assert.equal(e.message, 'Delve cannot read what m holds: read out of bounds.');
  assert.equal(e.hint, 'y prints it as Delve reads it.');
  const own = new UserError('The target is running.');
  assert.equal(unreadableChildren({ name: 'm', value: '' }, own), own);
});

test('a pointer whose pointee cannot be read shows its address, from uintptr(p) as Delve writes it', () => {
  assert.equal(unreadablePointer('**uint64_t', '4273734066384 = 0x3e30e66a0d0', '**(unreadable input/output error)'), '(**uint64_t)(0x3e30e66a0d0) → **(unreadable input/output error)');
  assert.equal(unreadablePointer('*T', 'cannot convert', '*(unreadable x)'), undefined);
});
