// What users type: the `:` command line and its completion, break locations, goroutine queries,
// flag edits, probe commands, set's left-hand side (src/commands/, src/goroutines/args.ts,
// src/flags/commands.ts, src/bpf/script.ts, src/session/session.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseProbeCommand } from '../../../src/bpf/script.js';
import { parseBreakArgs, parseLocation } from '../../../src/commands/location.js';
import { allCommands, completeCommandLine, splitCommandLine } from '../../../src/commands/registry.js';
import { parseFlagArgs } from '../../../src/flags/commands.js';
import { goQuote } from '../../../src/core/gostrings.js';
import { formatGoroutinesArgs, parseGoroutinesArgs } from '../../../src/goroutines/args.js';
import type { GoroutineFieldName, GoroutineFilter, Grouping } from '../../../src/goroutines/model.js';
import { MAX_LINE, splitLvalue } from '../../../src/session/session.js';
import { anyChar, hostile, join } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

const NAMES = allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])]);
const ONE_WORD = NAMES.filter((n) => !n.includes(' '));
const WITH_SUBS = allCommands().filter((c) => c.subcommands?.length);

const LINE_VOCAB = [...NAMES, ':', ' ', '  ', '\t', '/', 'x/16xg', '$sp', 'main.go:42', 'if', 'hit', '-group', 'info', 'a b', '\u2028', '\u00a0'];

const nonSpaceStart = hostile(['main.go:42 if x > 1', 'a + b', '$rsp', '-group userloc', '"q x"', 'é'], { maxTokens: 8 }).filter((s) => /^\S/.test(s));

// ---- break LOC [if COND] [hit N] --------------------------------------------------------------

const goFile = fc.constantFrom('main.go', 'orders/main.go', '/abs/path/x.go', 'a b.go', 'c:.go', 'dir.go/f.go');
const location = fc.oneof(
  fc.record({ kind: fc.constant('fileLine' as const), file: goFile, line: fc.integer({ min: 1, max: MAX_LINE }) }),
  fc.record({ kind: fc.constant('line' as const), line: fc.integer({ min: 1, max: MAX_LINE }) }),
  fc.record({ kind: fc.constant('func' as const), spec: fc.constantFrom('main.work', 'pkg.(*T).M', 'runtime.gopark', 'x_1', 'a/b.c', 'main.go') }),
);
const condition = fc.constantFrom('n > 3', 'o.ID == 5', 's == "a if b"', 'x', 'hit > 2 || y');
const hit = fc.tuple(fc.constantFrom('', '==', '>=', '<=', '>', '<', '%'), fc.integer({ min: 1, max: 999_999_999 }));
const gap = fc.constantFrom(' ', '  ', '\t', ' \t ');

// ---- goroutines -group KEY -with F ------------------------------------------------------------

const LOCATION_FIELDS = ['userloc', 'curloc', 'goloc', 'startloc'] as const;
const word = fc.constantFrom('main.go:42', 'main.watch', 'runtime', 'worker', 'role=recv', 'x', '-group', '-with', 'é', 'userloc');
const grouping: fc.Arbitrary<Grouping> = fc.oneof(
  fc.constantFrom<GoroutineFieldName>(...LOCATION_FIELDS, 'running', 'user').map((by) => ({ by })),
  word.map((labelKey) => ({ by: 'label' as const, labelKey })),
);
const filter: fc.Arbitrary<GoroutineFilter> = fc.oneof(
  fc.record({ field: fc.constantFrom<GoroutineFieldName>(...LOCATION_FIELDS, 'label'), arg: word, negated: fc.boolean() }, { noNullPrototype: true }),
  fc.record({ field: fc.constantFrom<GoroutineFieldName>('running', 'user'), arg: fc.constant(''), negated: fc.boolean() }, { noNullPrototype: true }),
);

export const commandProperties: FuzzProperty[] = [
  property({
    parser: 'command line',
    module: 'src/commands/registry.ts',
    name: 'any line splits into a name and arguments that together are the line, nothing lost or added',
    arb: hostile(LINE_VOCAB),
    check: (line) => {
      const { name, args } = splitCommandLine(line);
      const text = line.trim().replace(/^:/, '');
      const squash = (s: string) => s.replace(/\s+/g, '');
      assert.equal(squash(name + args), squash(text));
      if (name.includes(' ')) assert.ok(NAMES.includes(name), `a two-word name is a command's: ${name}`);
      else assert.ok(!/\s/.test(name), 'a name has no whitespace');
    },
    runs: 300,
  }),
  property({
    parser: 'command line',
    module: 'src/commands/registry.ts',
    name: 'every command and alias followed by arguments splits back into exactly those',
    arb: fc.tuple(fc.constantFrom(...ONE_WORD), fc.oneof(fc.constant(''), nonSpaceStart), fc.constantFrom('', ':', ' :', '  ')),
    check: ([name, args, lead]) => {
      assert.deepEqual(splitCommandLine(`${lead}${name} ${args}`), { name, args: args.trim() });
    },
    runs: 200,
  }),
  property({
    parser: 'command completion',
    module: 'src/commands/registry.ts',
    name: 'Tab only adds to what was typed, and every candidate starts with the word being completed',
    arb: hostile([...ONE_WORD, ...WITH_SUBS.flatMap((c) => c.subcommands!.map((s) => s.name)), ' ', '  ', 'x', 'br', 'gv'], { maxTokens: 4 }),
    check: (text) => {
      const r = completeCommandLine(text);
      assert.ok(r.text.startsWith(text), `${JSON.stringify(text)} became ${JSON.stringify(r.text)}`);
      let from = text.length;
      while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
      const m = text.slice(from);
      for (const c of r.candidates) assert.ok(c.startsWith(m), `${c} extends ${m}`);
      if (r.candidates.length === 1) assert.ok(r.text.endsWith(`${r.candidates[0]} `));
    },
    runs: 300,
  }),
  property({
    parser: 'command completion',
    module: 'src/commands/registry.ts',
    name: 'every command and subcommand is offered for every prefix of its name',
    arb: fc.oneof(
      fc.tuple(fc.constantFrom(...ONE_WORD), fc.nat()).map(([n, k]) => ({ typed: n.slice(0, k % (n.length + 1)), want: n })),
      fc.tuple(fc.constantFrom(...WITH_SUBS), fc.nat(), fc.nat()).map(([c, i, k]) => {
        const s = c.subcommands![i % c.subcommands!.length]!.name;
        return { typed: `${c.name} ${s.slice(0, k % (s.length + 1))}`, want: s };
      }),
    ),
    check: ({ typed, want }) => {
      assert.ok(completeCommandLine(typed).candidates.includes(want), `${want} for ${JSON.stringify(typed)}`);
    },
    runs: 150,
  }),
  property({
    parser: 'break locations',
    module: 'src/commands/location.ts',
    name: 'any break argument gives a line Delve can take (1 to 10,000,000) or a UserError',
    arb: fc.tuple(hostile(['main.go', ':', '42', '0', '-1', '18446744073709551616', '99999999999999999999', '00000001', 'if', ' if ', 'hit', ' hit ', '>=', '%', '%0', ' ', '  ', 'pkg.Func', '(*T)', 'x.go:', '/abs/a.go:'], { maxTokens: 12 }), fc.option(fc.constantFrom('/src/main.go', 'main.go'))),
    check: ([text, current]) => {
      const b = refusedOr(() => parseBreakArgs(text, current ?? undefined));
      if (!b) return;
      if (b.location.kind === 'line') assert.ok(Number.isSafeInteger(b.location.line) && b.location.line >= 1 && b.location.line <= MAX_LINE, `line ${b.location.line}`);
      else assert.ok(b.location.spec.length > 0 && !/\s/.test(b.location.spec));
      if (b.condition !== undefined) assert.ok(b.condition.trim().length > 0);
      if (b.hitCondition !== undefined) {
        const m = /^(==|>=|<=|>|<|%) ?\s*(\d+)$/.exec(b.hitCondition);
        assert.ok(m && m[2]!.length <= 9 && !(m[1] === '%' && Number(m[2]) === 0), `hit ${b.hitCondition}`);
      }
    },
    runs: 300,
  }),
  property({
    parser: 'break locations',
    module: 'src/commands/location.ts',
    name: 'LOC [if COND] [hit N] written out parses back to the same location, condition and hit count',
    arb: fc.record({ loc: location, cond: fc.option(condition), hit: fc.option(hit), gaps: fc.array(gap, { minLength: 4, maxLength: 4 }) }),
    check: ({ loc, cond, hit: h, gaps }) => {
      const locText = loc.kind === 'fileLine' ? `${loc.file}:${loc.line}` : loc.kind === 'line' ? `${loc.line}` : loc.spec;
      const text = `${gaps[0]}${locText}${cond ? `${gaps[1]}if${gaps[2]}${cond}` : ''}${h ? `${gaps[3]}hit ${h[0]}${h[1]}` : ''}`;
      const got = refusedOr(() => parseBreakArgs(text, '/cur/main.go'));
      if (loc.kind === 'fileLine' && /\s/.test(loc.file)) {
        assert.equal(got, undefined, 'a location with a space is refused');
        return;
      }
      assert.ok(got, text);
      if (loc.kind === 'line') assert.deepEqual(got.location, { kind: 'line', file: '/cur/main.go', line: loc.line });
      else if (loc.kind === 'fileLine' && loc.file.startsWith('/')) assert.deepEqual(got.location, { kind: 'line', file: loc.file, line: loc.line });
      else assert.deepEqual(got.location, { kind: 'function', spec: locText });
      assert.equal(got.condition, cond ?? undefined);
      assert.equal(got.hitCondition, h ? `${h[0] || '== '}${h[1]}` : undefined);
    },
    runs: 200,
  }),
  property({
    parser: 'break locations',
    module: 'src/commands/location.ts',
    name: 'line numbers outside 1..10,000,000 never reach Delve',
    arb: fc.tuple(fc.oneof(fc.bigInt({ min: BigInt(MAX_LINE) + 1n, max: 10n ** 40n }), fc.constant(0n)), fc.constantFrom('main.go:', '/a/main.go:', ''), fc.constantFrom('', '0', '00')),
    check: ([n, prefix, zeros]) => {
      assert.equal(refusedOr(() => parseLocation(`${prefix}${zeros}${n}`, '/a/main.go')), undefined);
    },
    runs: 100,
  }),
  property({
    parser: 'goroutine queries',
    module: 'src/goroutines/args.ts',
    name: 'a query written in dlv\'s spelling parses back to the same query',
    arb: fc.record({ grouping: fc.option(grouping, { nil: undefined }), filters: fc.array(filter, { maxLength: 4 }), lead: fc.constantFrom('', 'goroutines ', 'grs ') }),
    check: ({ grouping: g, filters, lead }) => {
      const text = lead + formatGoroutinesArgs({ ...(g ? { grouping: g } : {}), filters });
      const got = parseGoroutinesArgs(text);
      assert.deepEqual(got.grouping, g);
      assert.deepEqual(got.filters, filters);
    },
    runs: 200,
  }),
  property({
    parser: 'goroutine queries',
    module: 'src/goroutines/args.ts',
    name: 'any text is a query or a UserError',
    arb: hostile(['-group', '-with', '-w', '-without', '-wo', 'label', 'userloc', 'curloc', 'running', 'user', '-u', '-r', '-t', '-exec', ' ', 'k=v', 'goroutines'], { maxTokens: 10 }),
    check: (text) => {
      const q = refusedOr(() => parseGoroutinesArgs(text));
      if (q) for (const f of q.filters) assert.ok(f.field === 'running' || f.field === 'user' ? f.arg === '' : f.arg.length > 0);
    },
    runs: 200,
  }),
  property({
    parser: 'flag edits',
    module: 'src/flags/commands.ts',
    name: 'flag [-set EXPR] NAME=VALUE gives back the name and the value, Go-quoted values unquoted',
    arb: fc.record({
      set: fc.option(fc.constantFrom('main.debugFlags', 'fs', 'cfg.fs', 'pflag.CommandLine')),
      name: fc.constantFrom('batch', 'log-level', 'v', 'Mode_2', '-dash', '--two'),
      value: join(anyChar, 12),
      quote: fc.boolean(),
    }),
    check: ({ set, name, value, quote }) => {
      const plain = !quote && value === value.trim() && !(value.startsWith('"') && value.endsWith('"') && value.length >= 2);
      let written: string;
      try {
        written = plain ? value : goQuote(value);
      } catch {
        return; // a lone surrogate: no Go literal can carry it
      }
      const got = parseFlagArgs(`${set ? `-set ${set} ` : ''}${name}=${written}`);
      assert.deepEqual(got, { kind: 'edit', ...(set ? { setExpr: set } : {}), name: name.replace(/^--?/, ''), value });
    },
    runs: 200,
  }),
  property({
    parser: 'flag edits',
    module: 'src/flags/commands.ts',
    name: 'any text is an edit, a cancel, the list, or a UserError',
    arb: hostile(['-set', '-cancel', '#', '=', '"', '\\', '\\x', '\\u00e9', 'n', '1', '0', '-1', ' ', 'a=b'], { maxTokens: 10 }),
    check: (text) => {
      const r = refusedOr(() => parseFlagArgs(text));
      if (r?.kind === 'cancel') assert.ok(Number.isInteger(r.id) && r.id > 0);
      if (r?.kind === 'edit') assert.ok(r.name.length > 0 && !/\s/.test(r.name));
    },
    runs: 200,
  }),
  property({
    parser: 'probe commands',
    module: 'src/bpf/script.ts',
    name: 'any :bpf text is one template request or a UserError, never extra words dropped',
    arb: hostile(['calls', 'syscalls', 'goroutines', 'gc', 'malloc', 'panics', 'run', '--ret', 'main.work', ' ', '{x}', './x.bt'], { maxTokens: 6 }),
    check: (text) => {
      const r = refusedOr(() => parseProbeCommand(text));
      if (!r) return;
      const words = text.trim().split(/\s+/);
      if (r.template === 'calls') assert.equal(words.filter((w) => w !== '--ret').length, 2);
      else if (r.template === 'run') assert.equal(r.file, text.trim().slice(3).trim());
      else assert.deepEqual(words, [r.template]);
    },
    runs: 200,
  }),
  property({
    parser: ':set left-hand sides',
    module: 'src/session/session.ts',
    name: 'an lvalue splits into a parent and a field, index or pointee that rebuild it',
    arb: hostile(['a', 'b', '.', '[', ']', '(', ')', '*', 'x.y', 's[i]', '[2]', 'f(a.b)', ' '], { maxTokens: 10 }),
    check: (lhs) => {
      const { parent, name } = splitLvalue(lhs);
      if (parent === undefined) assert.equal(name, lhs);
      else if (lhs.startsWith('*')) assert.equal(name, '', 'a pointee has no field name');
      else assert.ok((parent + name === lhs && name.startsWith('[') && name.endsWith(']')) || `${parent}.${name}` === lhs, 'an index keeps its brackets; a field is what follows the last top-level dot');
    },
    runs: 150,
  }),
];
