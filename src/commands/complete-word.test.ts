import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidatesLine, completeWord, fieldNames, matchLocations, packageMembers, selectorAt } from './complete-word.js';
import type { RpcVariable } from '../delve/rpc.js';

const FUNCS = ['main.main', 'main.process', 'main.processAll', 'main.(*Warehouse).Restock', 'github.com/acme/shop/pricing.Discount', 'runtime.gopark'];
const FILES = ['/src/shop/main.go', '/src/shop/pricing/discount.go', '/usr/lib/go/src/runtime/proc.go'];

test('locations: functions by their name, the part after the last slash or their own name; files by base name, ready for :LINE', () => {
  assert.deepEqual(matchLocations('main.pro', FUNCS, FILES), ['main.process', 'main.processAll']);
  assert.deepEqual(matchLocations('pricing.D', FUNCS, FILES), ['github.com/acme/shop/pricing.Discount']);
  assert.deepEqual(matchLocations('disc', FUNCS, FILES), ['discount.go:']);
  assert.deepEqual(matchLocations('main.', FUNCS, FILES).slice(0, 2), ['main.(*Warehouse).Restock', 'main.go:']);
  assert.deepEqual(matchLocations('nope', FUNCS, FILES), []);
  // A bare name, as :break takes it: the function's own name, a method's too.
  assert.deepEqual(matchLocations('Rest', FUNCS, FILES), ['main.(*Warehouse).Restock']);
  assert.deepEqual(matchLocations('gop', FUNCS, FILES), ['runtime.gopark']);
  // The program's own first: its functions in main and its files, then the Go tree's and the module cache's.
  const funcs = ['runtime.stopm', 'runtime.stopTheWorld', 'main.stockTotal', 'github.com/x/y.stopAll'];
  const files = ['/usr/lib/go/src/runtime/proc.go', '/usr/lib/go/src/os/stat.go', '/root/go/pkg/mod/github.com/x/y@v1/stop.go', '/src/shop/stock.go'];
  assert.deepEqual(matchLocations('st', funcs, files), ['main.stockTotal', 'stock.go:', 'github.com/x/y.stopAll', 'runtime.stopTheWorld', 'runtime.stopm', 'stat.go:', 'stop.go:']);
});

test('the word becomes what every candidate shares; the only one whole, then a space (a file stays open for its line)', () => {
  assert.deepEqual(completeWord(':break main.pro', 'main.pro', ['main.process', 'main.processAll']), { text: ':break main.process', candidates: ['main.process', 'main.processAll'], total: 2 });
  assert.deepEqual(completeWord(':b pricing.D', 'pricing.D', ['github.com/acme/shop/pricing.Discount']), { text: ':b github.com/acme/shop/pricing.Discount ', candidates: [], total: 1 });
  assert.equal(completeWord(':list disc', 'disc', ['discount.go:']).text, ':list discount.go:');
  assert.deepEqual(completeWord(':print w', 'w', []), { text: ':print w', candidates: [], total: 0 });
  // A name in an expression goes on with a dot: no space after it (trials BX, BZ).
  assert.equal(completeWord(':print ac', 'ac', ['acc'], '').text, ':print acc');
  // Many: the first thirty listed, all counted.
  const many = Array.from({ length: 45 }, (_, i) => `main.f${String(i).padStart(2, '0')}`);
  const c = completeWord(':b main.', 'main.', many);
  assert.equal(c.text, ':b main.f');
  assert.equal(c.total, 45);
  // The first thirty listed, the rest counted.
  const line = candidatesLine(c.candidates);
  assert.match(line, /^45 match: main\.f00  main\.f01/);
  assert.equal(line.split(/\s+/).filter((w) => w.startsWith('main.f')).length, 30);
  assert.match(line, /\(15 more: type more\)$/);
});

test('a selector: the value before the last dot and the field begun; none for a call or a plain name', () => {
  assert.deepEqual(selectorAt('w.Na'), { base: 'w', field: 'Na' });
  assert.deepEqual(selectorAt('len(w.Parts[0].'), { base: 'w.Parts[0]', field: '' });
  assert.deepEqual(selectorAt('o.Tags["a"].x'), { base: 'o.Tags["a"]', field: 'x' });
  assert.deepEqual(selectorAt('(*w).Na'), { base: '(*w)', field: 'Na' });
  assert.equal(selectorAt('f(x).a'), undefined);
  assert.equal(selectorAt('w'), undefined);
});

test('fields: a struct\'s, or its pointee\'s; none of a map or of a nil pointer', () => {
  const v = (kind: number, children: RpcVariable[] = [], name = '') => ({ name, type: '', value: '', unreadable: '', kind, children });
  const st = v(25, [v(2, [], 'Round'), v(24, [], 'Name')]);
  assert.deepEqual(fieldNames(st), ['Round', 'Name']);
  assert.deepEqual(fieldNames(v(22, [st])), ['Round', 'Name']);
  assert.deepEqual(fieldNames(v(22, [])), []);
  assert.deepEqual(fieldNames(v(21, [v(24, [], 'k')])), []);
});

test("a package by its import path's last element: the packages so named and their functions' own names, no methods or closures (trial CA)", () => {
  const funcs = ['example.com/app/calc.Sum', 'example.com/app/calc.(*Order).Add', 'example.com/app/calc.Sum.func1', 'example.com/app/calc.init', 'example.com/app/calculus.Int', 'example.com/calc.v2/store.Get', 'main.main'];
  assert.deepEqual(packageMembers('calc', funcs), { packages: ['example.com/app/calc'], funcs: ['Sum', 'init'] });
  assert.deepEqual(packageMembers('main', funcs), { packages: ['main'], funcs: ['main'] });
  assert.deepEqual(packageMembers('store', funcs), { packages: ['example.com/calc.v2/store'], funcs: ['Get'] });
  assert.deepEqual(packageMembers('nope', funcs), { packages: [], funcs: [] });
});
