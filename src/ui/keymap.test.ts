import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCommand, findSubcommand, splitCommandLine } from '../commands/registry.js';
import { Session } from '../session/session.js';
import { Models } from '../features/host.js';
import type { KeyContext } from '../features/types.js';
import { flagsFeature } from '../flags/feature.js';
import { bpfFeature } from '../bpf/feature.js';
import { sourceFeature } from '../source/feature.js';
import { variablesFeature } from '../variables/feature.js';
import { goroutinesFeature } from '../goroutines/feature.js';
import { KEYMAP, keymapHelpLines, formatKeys, findBinding, keyHints, whyNot } from './keymap.js';

function context(): KeyContext {
  const session = new Session('t');
  const models = new Models(session, { rpc: () => Promise.reject(new Error('none')), openRpc: async () => undefined, traceTarget: () => Promise.reject(new Error('none')) });
  return { session: session.state, model: (f) => models.model(f), focus: 'source' };
}

test('a key means one thing per pane', () => {
  const seen = new Map<string, string>();
  for (const b of KEYMAP) {
    for (const k of b.keys) {
      const id = `${b.pane}:${k}`;
      assert.ok(!seen.has(id), `${id} is bound twice (${seen.get(id)} and ${b.description})`);
      seen.set(id, b.description);
    }
  }
});

test('every key binding runs a command (and subcommand) that exists, or a screen action', () => {
  const ctx = context();
  for (const b of KEYMAP) {
    assert.equal([b.command, b.action, b.prompt].filter(Boolean).length, 1, `${b.description}: exactly one of command/action/prompt`);
    const line = b.command?.(ctx) ?? (typeof b.prompt === 'string' ? b.prompt : b.prompt?.(ctx));
    if (line === undefined || line === '') continue;
    const { name, args } = splitCommandLine(line);
    const cmd = findCommand(name);
    assert.ok(cmd, `${b.description}: '${line}' names no command`);
    const first = args.trim().split(/\s+/)[0] ?? '';
    if (cmd.subcommands && !cmd.run) assert.ok(findSubcommand(cmd, first), `${b.description}: '${line}' names no subcommand of ${cmd.name}`);
  }
});

test('the help screen lists every binding, generated from the keymap', () => {
  const help = keymapHelpLines().join('\n');
  for (const b of KEYMAP) {
    assert.ok(help.includes(b.description), b.description);
    assert.ok(help.includes(formatKeys(b.keys)), formatKeys(b.keys));
  }
});

test('the execution keys are bound everywhere, and a pane key wins over a global one', () => {
  const ctx = context();
  for (const [k, c] of [['F5', 'continue'], ['c', 'continue'], ['F10', 'next'], ['n', 'next'], ['F11', 's' + 'tep'], ['s', 'step'], ['S-F11', 'stepout'], ['o', 'stepout'], ['p', 'pause']] as const) {
    for (const pane of ['source', 'stack', 'variables', 'console']) assert.equal(findBinding(k, pane)?.command?.(ctx), c, `${k} in ${pane}`);
  }
  assert.equal(findBinding('j', 'memory')?.command?.(ctx), 'mem down');
  assert.equal(findBinding('j', 'source')?.action, 'down');
});

test('the status bar offers only keys that would act: n and c at a stop, p while running, neither n nor c once the program exited', () => {
  const ctx = context();
  const at = (status: 'stopped' | 'running' | 'exited') => keyHints('source', false, { ...ctx, session: { ...ctx.session, status, owned: true, delveStarted: true } }).join(' · ');
  assert.match(at('stopped'), /n next/);
  assert.match(at('stopped'), /c cont/);
  assert.doesNotMatch(at('running'), /n next|c cont/);
  assert.doesNotMatch(at('exited'), /n next|c cont/);
  assert.match(at('exited'), /\? help/, 'help is always offered');
  // Stopped with no frame (the program's entry, before the runtime): no stop line to go back to.
  assert.doesNotMatch(at('stopped'), /\. stop line/);
  // Following another gotui: no key that runs the target is offered, run-to-cursor included, and each says why alike.
  const follower = { ...ctx, session: { ...ctx.session, status: 'stopped' as const, runControlBlocked: 'alice drives' } };
  assert.doesNotMatch(keyHints('source', false, follower).join(' · '), /c cont|n next|r run to/);
  for (const k of ['c', 'n', 'r']) assert.equal(findBinding(k, 'source')?.disabledReason?.(follower), 'alice drives', k);
});

test('while another client runs the target, no key that changes breakpoints is offered, and each names who runs it', () => {
  const ctx = context();
  ctx.model(sourceFeature).open('/x/main.go', 3);
  const at = (session: Partial<KeyContext['session']>) => ({ ...ctx, session: { ...ctx.session, owned: true, delveStarted: true, ...session } });
  // This gotui's own continue runs it: Delve halts, sets and resumes for it.
  assert.match(keyHints('source', false, at({ status: 'running', runByMe: true })).join(' · '), /b break/);
  // A follower while alice's continue runs it: `:break` would be refused, so `b break` is not offered.
  const follower = at({ status: 'running', runControlBlocked: 'alice drives; :drive asks for the wheel', runner: 'alice' });
  assert.doesNotMatch(keyHints('source', false, follower).join(' · '), /b break/);
  for (const [key, pane] of [['b', 'source'], ['b', 'disasm'], ['b', 'finder']] as const) {
    assert.equal(findBinding(key, pane)?.disabledReason?.({ ...follower, focus: pane }), 'alice runs the target, and breakpoints change only while it is stopped', `${key} in ${pane}`);
  }
  // The dlv CLI's continue: nobody to name.
  assert.equal(findBinding('b', 'source')?.disabledReason?.(at({ status: 'running' })), 'another client runs the target, and breakpoints change only while it is stopped');
  // Stopped, the follower sets breakpoints as anyone.
  assert.match(keyHints('source', false, { ...follower, session: { ...follower.session, status: 'stopped' } }).join(' · '), /b break/);
});

test("a pane's hints name what its keys do there: the disassembly's s and n step instructions, the eBPF pane's probe keys only with a probe", () => {
  const ctx = context();
  const stopped = { ...ctx, session: { ...ctx.session, status: 'stopped' as const, owned: true, delveStarted: true } };
  const disasm = keyHints('disasm', false, { ...stopped, focus: 'disasm' });
  assert.ok(disasm.includes('s si') && disasm.includes('n ni'), disasm.join(' · '));
  assert.ok(!disasm.includes('s step') && !disasm.includes('n next'), disasm.join(' · '));
  assert.ok(disasm.includes('c cont') && disasm.includes('o out'), 'the run keys it does not take are still offered');
  const bpf = keyHints('bpf', false, { ...stopped, focus: 'bpf' });
  assert.ok(!bpf.some((h) => /^(x stop|Space pause|\/ filter)$/.test(h)), bpf.join(' · '));
});

test('the memory pane offers its view keys (format, unit, watch, copy) only once there is a view, and says why not before (trial AF: f did nothing)', () => {
  const ctx = context();
  const stopped = { ...ctx, focus: 'memory', session: { ...ctx.session, status: 'stopped' as const } };
  assert.ok(!keyHints('memory', false, stopped).includes('f format'), keyHints('memory', false, stopped).join(' · '));
  for (const k of ['f', 'F', 'u', 'U', 'w', 'y']) assert.match(findBinding(k, 'memory')?.disabledReason?.(stopped) ?? '', /^nothing is examined yet/, k);
  assert.ok(keyHints('memory', false, stopped).includes('g go to'), 'going somewhere makes the view');
});

test("the flags pane's Enter on the arguments line (an edit that restarts) is not offered for a program Delve attached to", () => {
  const ctx = context();
  ctx.model(flagsFeature).store.update({ args: { args: ['/srv/bin/api', '-v'], stop: 1 }, cursor: 0 });
  const enter = findBinding('enter', 'flags')!;
  assert.match(enter.disabledReason?.({ ...ctx, focus: 'flags', session: { ...ctx.session, delveStarted: false } }) ?? '', /Delve attached to this process as it ran/);
  assert.equal(enter.disabledReason?.({ ...ctx, focus: 'flags', session: { ...ctx.session, delveStarted: true } }), undefined);
});


test('in a core file the keys that would change the target are neither offered nor acted on: each says why', () => {
  const ctx = context();
  const core = { ...ctx, session: { ...ctx.session, status: 'stopped' as const, postMortem: true } };
  const hints = keyHints('source', false, core).join(' · ');
  assert.doesNotMatch(hints, /b break|r run to|c cont|n next/);
  assert.match(hints, /\? help/);
  for (const [key, pane] of [['b', 'source'], ['e', 'variables'], ['d', 'breakpoints']] as const) assert.equal(whyNot(findBinding(key, pane)!, { ...core, focus: pane }), 'this is a core file: nothing runs', key);
  // At a live stop b has only its own reason (here no file is shown).
  assert.equal(whyNot(findBinding('b', 'source')!, { ...core, focus: 'source', session: { ...core.session, postMortem: undefined } }), 'no source file is shown');
});

test("a --follow viewer's keys that would change the target say why before any prompt or question (trial AA: e asked to write memory, then refused)", () => {
  const ctx = context();
  const viewer = { ...ctx, session: { ...ctx.session, status: 'stopped' as const, readOnly: 'read-only viewer (--follow)' } };
  for (const [key, pane] of [['e', 'memory'], ['e', 'variables'], ['b', 'source'], ['e', 'flags']] as const) assert.equal(whyNot(findBinding(key, pane)!, { ...viewer, focus: pane }), 'read-only viewer (--follow)', `${key} in ${pane}`);
});

test("] and [ go round the eBPF probes, as the title names the others after the shown one (trial AC: ] on the last did nothing)", () => {
  const ctx = context();
  const probes = (ids: number[], shown: number) => ({ ...ctx, focus: 'bpf', model: ((f: unknown) => (f === bpfFeature ? { streams: () => ids.map((id) => ({ id })), current: () => ({ id: shown }) } : ctx.model(f as never))) as KeyContext['model'] });
  const line = (key: string, c: KeyContext) => {
    const b = findBinding(key, 'bpf')!;
    assert.equal(whyNot(b, c), undefined, key);
    return typeof b.command === 'function' ? b.command(c) : b.command;
  };
  assert.equal(line(']', probes([1, 2, 4], 4)), 'bpf show 1');
  assert.equal(line('[', probes([1, 2, 4], 1)), 'bpf show 4');
  assert.equal(line(']', probes([1, 2, 4], 2)), 'bpf show 4');
  assert.equal(whyNot(findBinding(']', 'bpf')!, probes([3], 3)), 'no other probe');
});

test("keys offered where they act: Enter on a plain value, Esc in the list of groups with no search, say why not (trial AK: both did nothing, unsaid)", () => {
  const ctx = context();
  const stopped = { ...ctx, session: { ...ctx.session, status: 'stopped' as const } };
  const vars = ctx.model(variablesFeature) as unknown as { set(p: object): void };
  vars.set({ rows: [{ id: 1, depth: 0, path: 'id', name: 'id', value: '301', type: 'int', ref: 0 }], cursor: { index: 0, top: 0 } });
  assert.match(findBinding('enter', 'variables')?.disabledReason?.({ ...stopped, focus: 'variables' }) ?? '', /^id has nothing inside to open/);
  vars.set({ rows: [{ id: 2, depth: 0, path: 'o', name: 'o', value: '{…}', type: 'main.Order', ref: 7 }], cursor: { index: 0, top: 0 } });
  assert.equal(findBinding('enter', 'variables')?.disabledReason?.({ ...stopped, focus: 'variables' }), undefined);
  const esc = findBinding('esc', 'goroutines')!;
  assert.match(esc.disabledReason?.({ ...stopped, focus: 'goroutines' }) ?? '', /no search to clear/);
  ctx.model(goroutinesFeature).store.setSearch('worker');
  assert.equal(esc.disabledReason?.({ ...stopped, focus: 'goroutines' }), undefined);
});
