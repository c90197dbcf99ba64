import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakpointsWhileRunning, expectationsOf, parseScript, ScriptError, splitComparison, splitGoroutineWords, splitInline, type Step } from './script.js';

const parse = (text: string, env: Record<string, string> = {}) => parseScript(text, 'fix.gotui', { env, isCommand: (l) => /^(break|b|continue|c|print|p|set|next|clear|pause|x|goroutines|bpf)\b/.test(l) });

function errorOf(text: string): ScriptError {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof ScriptError, `a ScriptError, not ${String(err)}`);
    return err;
  }
  assert.fail('the script parsed');
}

test('commands one a line; comments, blank lines and a leading : are skipped', () => {
  const s = parse('# a comment\n\n:break main.process\n  continue  \n\tprint o.ID\n');
  assert.deepEqual(
    s.steps.map((x) => [x.line, x.kind, x.text]),
    [
      [3, 'command', 'break main.process'],
      [4, 'command', 'continue'],
      [5, 'command', 'print o.ID'],
    ],
  );
});

test("a script's args is the dlv CLI's, the frame's arguments: it runs locals -args, shown as written (trial BY)", () => {
  const s = parseScript('args\nargs -v ^o\nosargs\nlocals\n', 'fix.gotui', { isCommand: (l) => /^(args|osargs|locals)\b/.test(l) });
  assert.deepEqual(
    s.steps.map((x) => (x.kind === 'command' ? [x.text, x.run] : [])),
    [
      ['args', 'locals -args'],
      ['args -v ^o', 'locals -args -v ^o'],
      ['osargs', undefined],
      ['locals', undefined],
    ],
  );
});

test('a syntax error on line 7 says line 7, with the file, in one sentence and a hint', () => {
  const err = errorOf('break main.process\ncontinue\n# x\n\nexpect stop\nprint o.ID\nexpect print o.ID ==\nprint 1\n');
  assert.equal(err.line, 7);
  assert.match(err.message, /^fix\.gotui:7: 'expect print o\.ID ==' is not expect print EXPR OP VALUE/);
  assert.ok(err.hint);
  assert.equal(errorOf('break x\nfrobnicate now\n').message, "fix.gotui:2: 'frobnicate' is not a gotui command.");
  // A dlv CLI habit gets what does its work here (trial AN: no way on).
  const deferred = errorOf('break x\ndeferred 1 locals\n');
  assert.equal(deferred.message, "fix.gotui:2: 'deferred' is the dlv CLI's; gotui has no command of that name.");
  assert.match(deferred.hint ?? '', /:bt lists the frames/);
  assert.match(errorOf('repeat 2 {\nnext\n').message, /^fix\.gotui:1: This block's '\{' is never closed/);
  assert.match(errorOf('next\n}\n').message, /^fix\.gotui:2: '\}' closes no block/);
  assert.match(errorOf('expect bogus 3').message, /^fix\.gotui:1: 'expect bogus' is not an expectation/);
  assert.match(errorOf('sleep 5 parsecs').message, /^fix\.gotui:1: sleep needs a duration/);
  assert.match(errorOf('expect goroutines -group nowhere count < 3').message, /^fix\.gotui:1: 'nowhere' after -group is not something goroutines know/);
  assert.match(errorOf('expect bpf frobs count == 0 within 1s').message, /^fix\.gotui:1: Unknown probe 'frobs'/);
  // gdb's x with a bad format fails as the script is read, not once the target has started.
  assert.match(errorOf('break main.main\ncontinue\nx/16qg $rsp\n').message, /^fix\.gotui:3: Undefined output format "q"/);
  assert.deepEqual(parse('x/16xg $rsp\nx $pc\n').steps.map((s) => s.kind), ['command', 'command']);
});

test('set NAME = VALUE and ${NAME}, from the script then the environment; unknown names are errors', () => {
  const s = parse('set LIMIT = 100\nexpect goroutines count <= ${LIMIT}\nbreak ${FILE}:${LINE}\n', { FILE: 'main.go', LINE: '42' });
  assert.deepEqual(s.steps[0], { kind: 'expect', line: 2, text: 'expect goroutines count <= 100', expect: { kind: 'goroutines', args: '', op: '<=', count: 100 } });
  assert.equal(s.steps[1]!.text, 'break main.go:42');
  assert.match(errorOf('print ${NOPE}').message, /^fix\.gotui:1: \$\{NOPE\} is not set/);
  // `set n = 3` reads like gotui's :set: a variable nothing uses points at `set var`.
  const e = errorOf('set n = 3\ncontinue\n');
  assert.equal(e.line, 1);
  assert.match(e.hint ?? '', /set var n = VALUE/);
  assert.deepEqual(parse('set var n = 3').steps.map((x) => x.text), ['set var n = 3']);
});

test('every expectation form', () => {
  const e = (text: string) => (parse(text).steps[0] as Extract<Step, { kind: 'expect' }>).expect;
  assert.deepEqual(e('expect stop'), { kind: 'stop' });
  assert.deepEqual(e('expect stop at main.go:42 reason breakpoint within 5s'), { kind: 'stop', at: 'main.go:42', reason: 'breakpoint', withinMs: 5000 });
  assert.deepEqual(e('expect stop reason panic'), { kind: 'stop', reason: 'panic' });
  assert.deepEqual(e('expect running'), { kind: 'running' });
  assert.deepEqual(e('expect exit'), { kind: 'exit' });
  assert.deepEqual(e('expect exit 2 within 1m'), { kind: 'exit', code: 2, withinMs: 60_000 });
  assert.deepEqual(e('expect output /tick \\d+ goroutines=/ within 500ms'), { kind: 'output', pattern: 'tick \\d+ goroutines=', withinMs: 500 });
  assert.deepEqual(e('expect print o.Items[0].Qty >= 2'), { kind: 'print', expr: 'o.Items[0].Qty', op: '>=', value: '2' });
  assert.deepEqual(e('expect print o.Customer ~ /^gr(a|e)/'), { kind: 'print', expr: 'o.Customer', op: '~', value: '^gr(a|e)' });
  assert.deepEqual(e('expect print s == "a == b"'), { kind: 'print', expr: 's', op: '==', value: '"a == b"' });
  // Another expression on the right (Delve compares), and a slice literal's elements (trial BY).
  assert.deepEqual(e('expect print a == b'), { kind: 'print', expr: 'a', op: '==', value: 'b' });
  assert.deepEqual(e('expect print nums == []int{1, 2}'), { kind: 'print', expr: 'nums', op: '==', value: '[]int{1, 2}', elements: ['1', '2'] });
  assert.deepEqual(e('expect print s != [2]string{"a, b", `c`}'), { kind: 'print', expr: 's', op: '!=', value: '[2]string{"a, b", `c`}', elements: ['"a, b"', '`c`'] });
  assert.match(errorOf('expect print nums < []int{1}').message, /^fix\.gotui:1: < does not order slices\.$/);
  assert.match(errorOf('expect print nums == []int{1, x}').message, /^fix\.gotui:1: 'x' in \[\]int\{1, x\} is not a Go literal/);
  assert.deepEqual(e('expect goroutines -group userloc -with curloc main.go main.handleRequest count <= 10'), {
    kind: 'goroutines',
    args: '-group userloc -with curloc main.go',
    group: 'main.handleRequest',
    op: '<=',
    count: 10,
  });
  assert.deepEqual(e('expect bpf calls main.process count >= 3 within 2s'), { kind: 'bpf', probe: 'calls main.process', op: '>=', count: 3, withinMs: 2000 });
  assert.deepEqual(e('expect bpf panics count == 0 within 30s'), { kind: 'bpf', probe: 'panics', op: '==', count: 0, withinMs: 30_000 });
  assert.deepEqual(e('expect memory x/4xg &pkt.buf == 0x11 0x22 0x33 0x44'), { kind: 'memory', examine: 'x/4xg &pkt.buf', op: '==', words: ['0x11', '0x22', '0x33', '0x44'] });
  assert.deepEqual(e('expect decode slice &pkt.items ok'), { kind: 'decode', as: 'slice', expr: '&pkt.items' });
  assert.match(errorOf('expect print x ~ abc').message, /regular expression in slashes/);
  assert.match(errorOf('print 1\nexpect print o.ID != 1x').message, /^fix\.gotui:2: '1x' is not a Go number\./);
  assert.match(errorOf('expect print total == 22.41.5').message, /'22\.41\.5' is not a Go number/);
  assert.match(errorOf('expect print o.Customer == "grace').message, /not a Go string literal/);
  assert.match(errorOf('expect goroutines main.work count < 3').message, /needs -group KEY/);
  assert.match(errorOf('expect memory x/2s &label == a b').message, /x\/s has none/);
});

test('blocks: on break ID and repeat N, on several lines or one, nested', () => {
  const s = parse('break main.process\non break 1 {\n  print o.ID\n  repeat 2 { next; print n }\n  continue\n}\nrepeat 3 {\ncontinue\nexpect stop\n}\n');
  const [, on, rep] = s.steps as [Step, Extract<Step, { kind: 'on-break' }>, Extract<Step, { kind: 'repeat' }>];
  assert.equal(on.kind, 'on-break');
  assert.equal(on.breakpoint, 1);
  assert.deepEqual(on.body.map((b) => b.kind), ['command', 'repeat', 'command']);
  const inner = on.body[1] as Extract<Step, { kind: 'repeat' }>;
  assert.deepEqual([inner.count, inner.body.map((b) => b.text)], [2, ['next', 'print n']]);
  assert.deepEqual([rep.count, rep.line, rep.body.map((b) => b.line)], [3, 7, [8, 9]]);
  assert.equal(expectationsOf(s.steps).length, 1);
  assert.match(errorOf('repeat 0 { next }').message, /count from 1/);
  assert.match(errorOf('repeat 2 { next').message, /must close on it/);
});

test('operators split outside strings and brackets, and need spaces', () => {
  assert.deepEqual(splitComparison('m["a < b"] < 3'), { expr: 'm["a < b"]', op: '<', value: '3' });
  assert.deepEqual(splitComparison('(a < b) == true'), { expr: '(a < b)', op: '==', value: 'true' });
  assert.deepEqual(splitComparison('a<b'), undefined);
  assert.deepEqual(splitInline('print "a;b"; next ; print f(1;2)'), ['print "a;b"', 'next', 'print f(1;2)']);
  assert.deepEqual(splitGoroutineWords('-group label worker -with running main.work'), { options: '-group label worker -with running', group: 'main.work' });
});

test("a mistyped command in a script is met with the commands near it, as the prompt's are (and the script's own words)", () => {
  const parseWith = (text: string) => {
    try {
      parseScript(text, 'fix.gotui', { isCommand: (l) => /^(break|continue|print)\b/.test(l), near: (name) => (name === 'contine' ? ['continue'] : []) });
    } catch (err) {
      return err as ScriptError;
    }
    assert.fail('parsed');
  };
  assert.match(parseWith('break x\ncontine\n').hint ?? '', /^Did you mean continue\? :help lists the commands/);
  assert.match(parseWith('expct stop\n').hint ?? '', /^Did you mean expect\?/);
  assert.match(parseWith('zzzzzz\n').hint ?? '', /^:help lists the commands/);
});

test("a breakpoint command right after a continue is found (it runs on the running target, where the dlv CLI's would wait: trial CA); one after expect stop is not", () => {
  const s = parseScript('break main.describe\ncontinue\nclear 1\ncontinue\nexpect stop within 5s\nbreak main.bump\nrepeat 2 {\n  next\n  break main.go:9\n}\n', 't.gotui');
  assert.deepEqual(breakpointsWhileRunning(s.steps).map((x) => [x.line, x.text]), [[3, 'clear 1'], [9, 'break main.go:9']]);
  // A restart leaves the target halted at its entry: a break after it is set there.
  assert.deepEqual(breakpointsWhileRunning(parseScript('restart\nbreak main.bump\n', 't.gotui').steps), []);
});
