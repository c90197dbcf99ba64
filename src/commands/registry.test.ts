import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allCommands, commandHelpLines, completeCommandLine, executeCommandLine, findCommand, splitCommandLine } from './registry.js';

test('command names and aliases are unique', () => {
  const names = allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  assert.equal(new Set(names).size, names.length, names.join(' '));
});

test('the commands the foundation issue asks for exist', () => {
  for (const n of ['break', 'clear', 'continue', 'next', 'step', 'stepout', 'pause', 'goroutine', 'frame', 'print', 'set', 'help', 'detach', 'quit', 'b', 'c', 'n', 's', 'p', 'q']) {
    assert.ok(findCommand(n), n);
  }
});

test('command lines split into name and arguments', () => {
  assert.deepEqual(splitCommandLine(':break main.go:42 if x > 1'), { name: 'break', args: 'main.go:42 if x > 1' });
  assert.deepEqual(splitCommandLine('  c '), { name: 'c', args: '' });
  assert.deepEqual(splitCommandLine('info breakpoints'), { name: 'info breakpoints', args: '' });
  assert.deepEqual(splitCommandLine('p a + b'), { name: 'p', args: 'a + b' });
});

test('help lists every command with its summary', () => {
  const help = commandHelpLines().join('\n');
  for (const c of allCommands()) assert.ok(help.includes(c.summary), c.name);
});

// Found by the fuzz campaign (test/fuzz/targets/commands.ts): the line was taken for an empty one.
test('fuzz: ": quit" (a space after the colon) is the command quit, not nothing', () => {
  assert.deepEqual(splitCommandLine(': quitinfo registers'), { name: 'quitinfo', args: 'registers' });
  assert.deepEqual(splitCommandLine(' :  info   breakpoints x'), { name: 'info breakpoints', args: 'x' });
});

// Found by bench/fuzz at 100,000 cases: a newline after a long x/-like word made the split quadratic.
test('fuzz: a long word with a slash and a later newline: the format rides on the name, the rest is its argument', () => {
  const line = `call${'/niwhatis'.repeat(2000)}\nx y`;
  const { name, args } = splitCommandLine(line);
  assert.equal(name, 'call');
  assert.equal(args, line.slice(4));
});

test("Tab after :help completes a command's name, as Tab completes the first word (trial AK: nothing)", () => {
  assert.equal(completeCommandLine('help brea').text, 'help break');
  const bre = completeCommandLine('help bre');
  assert.ok(bre.candidates.includes('break') && bre.candidates.includes('breakpoints'), bre.candidates.join(' '));
  assert.deepEqual(completeCommandLine('help zzz').candidates, []);
});

test("Tab after a dash completes the command's options from its usage, and a subcommand's from its own", () => {
  assert.equal(completeCommandLine('quit -ki').text, 'quit -kill ');
  assert.deepEqual(completeCommandLine('quit -k').candidates, ['-kill', '-keep-breakpoints']);
  assert.equal(completeCommandLine('quit -kill -y').text, 'quit -kill -yes ');
  const quit = completeCommandLine('quit -');
  assert.ok(['-leave', '-resume', '-kill', '-yes', '-keep-breakpoints'].every((o) => quit.candidates.includes(o)), quit.candidates.join(' '));
  const grs = completeCommandLine('goroutines -w');
  assert.deepEqual(grs.candidates, ['-with', '-without']);
  assert.equal(grs.text, 'goroutines -with');
  // A subcommand's own options, not its command's.
  assert.equal(completeCommandLine('bpf calls main.process -e').text, 'bpf calls main.process -every ');
  assert.deepEqual(completeCommandLine('bpf -e').candidates, []);
  // No options there: nothing offered, the line left.
  assert.deepEqual(completeCommandLine('print -x').candidates, []);
  assert.equal(completeCommandLine('print -x').text, 'print -x');
});

test("a dlv CLI command gotui has no command of that name for says what does its work; a script's own word says where it works (trial AN)", async () => {
  const ctx = {} as Parameters<typeof executeCommandLine>[0];
  await assert.rejects(executeCommandLine(ctx, 'deferred'), (e: Error & { hint?: string }) => e.message === "'deferred' is the dlv CLI's; gotui has no command of that name." && /:bt lists the frames/.test(e.hint ?? ''));
  await assert.rejects(executeCommandLine(ctx, 'expect stop'), (e: Error & { hint?: string }) => e.message === "'expect' is a word of gotui's scripts, not a command." && /:source FILE/.test(e.hint ?? ''));
  await assert.rejects(executeCommandLine(ctx, 'frobnicate'), /^UserError: Unknown command 'frobnicate'\.|Unknown command 'frobnicate'\./);
  assert.ok(findCommand('step-instruction'), "the dlv CLI's step-instruction is stepi's alias");
});
