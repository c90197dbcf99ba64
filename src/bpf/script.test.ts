import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemo } from '../demos/build.js';
import { loadBinary } from './binary.js';
import { checkUserScript, globMatch, parseProbeCommand, planProbe, probeFunction, stripComments, URETPROBE_REFUSAL } from './script.js';
import { breakpointSites } from './conflicts.js';

const orders = await buildDemo('orders');
const target = { pid: 4242, binary: orders };

test('calls: entry uprobe named from the symbol table, pid and binary as $1/$2, goid from R14', () => {
  const b = loadBinary(orders);
  const plan = planProbe({ template: 'calls', func: 'main.process' }, target);
  assert.deepEqual(plan.args, ['4242', path.resolve(orders)]);
  assert.match(plan.script, /^uprobe:\$2:"main\.process" \/pid == \$1\/ \{/);
  assert.ok(plan.script.includes(`*(int64*)(reg("r14")+${b.goidOffset()})`));
  assert.ok(!plan.script.includes(orders), 'the path travels as $2, never in the text');
  assert.ok(!plan.script.includes('4242'));
  assert.ok(!/uretprobe|arg0/.test(plan.script));
  assert.deepEqual(plan.probeAddresses, [b.symbol('main.process')!.value]);
});

test('every template builds; runtime symbols exist; none uses a uretprobe or argN', () => {
  for (const t of ['syscalls', 'goroutines', 'gc', 'malloc', 'panics'] as const) {
    const plan = planProbe({ template: t }, target);
    assert.ok(!/uretprobe|\barg\d/.test(plan.script), t);
    assert.ok(plan.script.includes('/pid == $1/'), t);
  }
  assert.match(planProbe({ template: 'syscalls' }, target).script, /tracepoint:raw_syscalls:sys_enter \/pid == \$1\//);
  assert.match(planProbe({ template: 'goroutines' }, target).script, /uprobe:\$2:"runtime\.newproc1".*reg\("bx"\)/);
  assert.match(planProbe({ template: 'malloc' }, target).script, /@bytes = hist\(reg\("ax"\)\)/);
  assert.match(planProbe({ template: 'panics' }, target).script, /str\(\*\(uint64\*\)reg\("bx"\), \*\(uint64\*\)\(reg\("bx"\)\+8\)\)/);
});

test('names with parentheses are quoted; a * that would glob onto other functions becomes the address', () => {
  const b = loadBinary(orders);
  const method = b.functions.find((f) => /^runtime\.\(\*\w+\)\.\w+$/.test(f.name))!;
  assert.ok(method);
  const all = b.functions.map((f) => f.name);
  const globOf = (n: string) => new RegExp('^' + n.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  const unique = b.functions.find((f) => f.name.includes('*') && all.filter((n) => globOf(f.name).test(n)).length === 1)!;
  assert.equal(probeFunction(b, unique.name).spec, `"${unique.name}"`);
  const ambiguous = b.functions.find((f) => f.name.includes('*') && all.filter((n) => globOf(f.name).test(n)).length > 1);
  if (ambiguous) assert.equal(probeFunction(b, ambiguous.name).spec, `0x${ambiguous.value.toString(16)}`);
});

test('user text never reaches a script unchecked', () => {
  const attempts = ['main.work"; system("id")', 'main.process" /1/ { system("id") } uprobe:$2:"main.process', 'main.process\nBEGIN { printf("x") }', 'main.*', 'main.process\u0000', '', '$2'];
  for (const func of attempts) assert.throws(() => planProbe({ template: 'calls', func }, target), { name: 'UserError' }, JSON.stringify(func));
  assert.throws(() => planProbe({ template: 'calls', func: 'main.foo' }, target), { message: `main.foo is not a function in ${path.basename(orders)}.` });
  assert.throws(() => planProbe({ template: 'calls', func: 'main.process' }, { ...target, pid: 0 }), { name: 'UserError' });
});

test('uretprobes are refused: calls --ret and user scripts on Go code', () => {
  assert.throws(() => planProbe(parseProbeCommand('calls main.process --ret'), target), URETPROBE_REFUSAL);
  assert.match(URETPROBE_REFUSAL.message, /unexpected return pc/);
  const b = loadBinary(orders);
  for (const s of ['uretprobe:$2:main.process { @ = count(); }', `ur:${orders}:"main.process" {}`, `BEGIN {}\nuprobe:$2:main.process, uretprobe:$2:main.format { }`, `uretprobe : $2 : main.process {}`]) {
    assert.throws(() => checkUserScript(s, b), URETPROBE_REFUSAL, s);
  }
  // Comments and strings do not count; uretprobes on C code (not Go) are allowed.
  assert.doesNotThrow(() => checkUserScript('// uretprobe:$2:main.process\n/* ur:$2:x */ BEGIN { printf("uretprobe:$2:x:\\n"); }', b));
  assert.doesNotThrow(() => checkUserScript('uretprobe:/bin/sh:main { }', b));
});

test("a script that only fills maps is told bpftrace prints them at its end (trial BK: waiting for events that never came)", () => {
  const b = loadBinary(orders);
  assert.equal(checkUserScript('uprobe:$2:main.process { @c = count(); }', b).mapsOnly, true);
  assert.equal(checkUserScript('uprobe:$2:main.process { @c = count(); }\ninterval:s:1 { print(@c); }', b).mapsOnly, false);
  assert.equal(checkUserScript('uprobe:$2:main.process { printf("%d\\n", pid); }', b).mapsOnly, false);
  assert.equal(checkUserScript('uprobe:$2:main.process { printf("@c = count()\\n"); }', b).mapsOnly, false, 'an @ in a string is no map');
});

test('breakpoints: templates refuse the address, user scripts get a warning', () => {
  const b = loadBinary(orders);
  const entry = b.symbol('main.process')!.value;
  const at = (address: number) => breakpointSites([], [{ id: 3, kind: 'instruction', address: BigInt(address) }]);
  assert.throws(() => planProbe({ template: 'calls', func: 'main.process' }, target, at(entry)), {
    name: 'UserError',
    message: `Breakpoint #3 is at the entry of main.process (0x${entry.toString(16)}); a uprobe there would silence it, and it would stay dead after the probe stops.`,
    hint: 'Clear it (:clear 3) first, or probe another function.',
  });
  // Delve's `break main.process` lands after the prologue: no conflict with the entry.
  assert.doesNotThrow(() => planProbe({ template: 'calls', func: 'main.process' }, target, at(entry + 0xe)));
  const check = checkUserScript('uprobe:$2:main.process { @ = count(); }\nuprobe:$2:"main.format" {}', b, at(entry));
  assert.deepEqual(check.probeAddresses, [entry, b.symbol('main.format')!.value]);
  assert.equal(check.warnings.length, 1);
  assert.match(check.warnings[0]!, /^Breakpoint #3 is at main\.process .*silences it.*:clear 3/);
  assert.equal(checkUserScript(`uprobe:$2:main.proc* {}`, b, at(entry)).warnings.length, 1);
});

test('run FILE: the script runs as written, with $1/$2 offered', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-bt-'));
  try {
    const file = path.join(dir, 'x.bt');
    fs.writeFileSync(file, 'uprobe:$2:main.process /pid == $1/ { printf("hit\\n"); }\n');
    const plan = planProbe(parseProbeCommand(`run ${file}`), target);
    assert.equal(plan.script, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(plan.args, ['4242', path.resolve(orders)]);
    assert.equal(plan.title, 'run x.bt');
    assert.throws(() => planProbe({ template: 'run', file: path.join(dir, 'missing.bt') }, target), { name: 'UserError' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('command parsing', () => {
  assert.deepEqual(parseProbeCommand('calls main.process'), { template: 'calls', func: 'main.process', ret: false });
  assert.deepEqual(parseProbeCommand('  calls   main.(*T).M --ret '), { template: 'calls', func: 'main.(*T).M', ret: true });
  assert.deepEqual(parseProbeCommand('gc'), { template: 'gc' });
  assert.deepEqual(parseProbeCommand('run ./my script.bt'), { template: 'run', file: './my script.bt' });
  for (const bad of ['', 'calls', 'calls a b', 'gc now', 'run', 'strace']) assert.throws(() => parseProbeCommand(bad), { name: 'UserError' }, bad);
});

test('stripComments keeps strings and line numbers', () => {
  assert.equal(stripComments('a // b\n"//x" /* y\nz */ c'), 'a \n"//x"     \n     c');
});

// Found reading for the fuzz campaign: the glob became a backtracking regular expression.
test('a user script globbing uprobe:$2:a*a*…*b is checked in polynomial time', { timeout: 60_000 }, () => {
  assert.ok(globMatch('main.*', 'main.process') && globMatch('*.(*T).M', 'main.(*T).M') && globMatch('a**b', 'ab'));
  assert.ok(!globMatch('main.*x', 'main.process') && !globMatch('', 'a') && globMatch('', ''));
  const glob = `${'a*'.repeat(30)}b`;
  assert.equal(globMatch(glob, 'a'.repeat(200)), false);
  assert.deepEqual(checkUserScript(`uprobe:$2:${glob} { printf("x"); }`, loadBinary(orders)).probeAddresses, []);
});
