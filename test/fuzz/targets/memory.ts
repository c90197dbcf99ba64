// The memory pane's input: gdb's `x/NFU EXPR` (src/memory/examine-grammar.ts) and address
// expressions (src/memory/address-expr.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UserError } from '../../../src/errors.js';
import { evaluateAddress, parseAddressExpr, toDelveExpression, type AddressExpr, type AddressResolver } from '../../../src/memory/address-expr.js';
import {
  EXAMINE_FORMATS,
  EXAMINE_UNITS,
  MAX_EXAMINE_BYTES,
  MAX_EXAMINE_ITEMS,
  parseExamineCommand,
  UNIT_BYTES,
  type ExamineDefaults,
  type ExamineFormat,
  type ExamineUnit,
} from '../../../src/memory/examine-grammar.js';
import { hostile, u64 } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

const MASK = (1n << 64n) - 1n;

// ---- address expressions: a model, its text, and what it evaluates to ----------------------

type Node =
  | { k: 'num'; v: bigint; style: 'hex' | 'dec' | 'oct' | 'bin'; suffix: string }
  | { k: 'reg'; gdb: string }
  | { k: 'leaf'; text: string }
  | { k: 'neg'; x: Node }
  | { k: 'bin'; op: '+' | '-' | '*'; l: Node; r: Node }
  | { k: 'paren'; x: Node };

/** gdb register spellings and Delve's names for them. */
const REGISTERS: Record<string, string> = { rsp: 'RSP', sp: 'RSP', pc: 'RIP', rip: 'RIP', fp: 'RBP', rax: 'RAX', RBX: 'RBX', r8: 'R8', r15: 'R15', eflags: 'RFLAGS', Rdi: 'RDI' };
/** Go leaves as typed, and as Delve gets them ($reg rewritten). */
const LEAVES: [string, string][] = [
  ['buf', 'buf'],
  ['&buf[0]', '&buf[0]'],
  ['s.ptr', 's.ptr'],
  ['p.x[i+1]', 'p.x[i+1]'],
  ['f(a+b, "x)")', 'f(a+b, "x)")'],
  ['*pp', '*pp'],
  ['(*T)(p).f', '(*T)(p).f'],
  ['*(*uint64)($rsp)', '*(*uint64)(RSP)'],
  ['m["$sp"]', 'm["$sp"]'],
  ['unsafe.Pointer(x)', 'unsafe.Pointer(x)'],
  ['v.(*T)', 'v.(*T)'],
  ['[]byte(s)', '[]byte(s)'],
  ['ñandú', 'ñandú'],
];

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('num' as const), v: u64, style: fc.constantFrom('hex' as const, 'dec' as const, 'oct' as const, 'bin' as const), suffix: fc.constantFrom('', '', '', 'u', 'UL', 'l') }),
    fc.record({ k: fc.constant('reg' as const), gdb: fc.constantFrom(...Object.keys(REGISTERS)) }),
    fc.record({ k: fc.constant('leaf' as const), text: fc.constantFrom(...LEAVES.map(([t]) => t)) }),
    fc.record({ k: fc.constant('neg' as const), x: tie('node') }),
    fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const), l: tie('node'), r: tie('node') }),
    fc.record({ k: fc.constant('paren' as const), x: tie('node') }),
  ),
})).node;

const space = fc.constantFrom('', ' ', '  ', '\t');

function number(n: Extract<Node, { k: 'num' }>): string {
  const digits = n.style === 'hex' ? `0x${n.v.toString(16)}` : n.style === 'bin' ? `0b${n.v.toString(2)}` : n.style === 'oct' ? `0${n.v.toString(8)}` : n.v.toString();
  return digits + n.suffix;
}

const PREC = { '+': 1, '-': 1, '*': 2 } as const;

/** The text of a node with the parentheses precedence needs (and the ones the model asks for). */
function render(n: Node, sp: () => string): string {
  switch (n.k) {
    case 'num':
      return number(n);
    case 'reg':
      return `$${n.gdb}`;
    case 'leaf':
      return n.text;
    case 'paren':
      return `(${sp()}${render(n.x, sp)}${sp()})`;
    case 'neg':
      return `-${sp()}${n.x.k === 'bin' || n.x.k === 'neg' ? `(${render(n.x, sp)})` : render(n.x, sp)}`;
    case 'bin': {
      const wrap = (c: Node, min: number) => (c.k === 'bin' && PREC[c.op] < min ? `(${render(c, sp)})` : render(c, sp));
      // `a - -b` and `a * -b` are fine; a leaf starting with * after * reads as a dereference, as in gdb.
      return `${wrap(n.l, PREC[n.op])}${sp()}${n.op}${sp()}${wrap(n.r, PREC[n.op] + 1)}`;
    }
  }
}

const leafValue = (text: string): bigint => {
  let h = 0xcbf29ce484222325n;
  for (const ch of text) h = ((h ^ BigInt(ch.codePointAt(0)!)) * 0x100000001b3n) & MASK;
  return h;
};
const registerValue = (name: string): bigint => leafValue(`register ${name}`);

function evaluateModel(n: Node): bigint {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'reg':
      return registerValue(REGISTERS[n.gdb]!);
    case 'leaf':
      return leafValue(LEAVES.find(([t]) => t === n.text)![1]);
    case 'paren':
      return evaluateModel(n.x);
    case 'neg':
      return (-evaluateModel(n.x)) & MASK;
    case 'bin': {
      const l = evaluateModel(n.l);
      const r = evaluateModel(n.r);
      return (n.op === '+' ? l + r : n.op === '-' ? l - r : l * r) & MASK;
    }
  }
}

/** Answers only for the registers and Go leaves the model put there: a wrong leaf boundary fails. */
const resolver: AddressResolver = {
  async register(name) {
    if (!Object.values(REGISTERS).includes(name)) throw new Error(`asked for register ${name}`);
    return registerValue(name);
  },
  async goValue(expr) {
    const leaf = LEAVES.find(([, delve]) => delve === expr);
    if (leaf) return leafValue(leaf[1]);
    // What toDelveExpression writes: uintptr(LEAF) and uintptr(REGISTER).
    const inner = /^uintptr\((.*)\)$/s.exec(expr)?.[1];
    if (inner !== undefined && Object.values(REGISTERS).includes(inner)) return registerValue(inner);
    if (inner !== undefined && LEAVES.some(([, delve]) => delve === inner)) return leafValue(inner);
    if (inner !== undefined && /^0x[0-9a-f]+$/.test(inner)) return BigInt(inner);
    throw new Error(`asked for the Go value of ${JSON.stringify(expr)}, which the expression does not contain`);
  },
};

const ADDRESS_VOCAB = ['$rsp', '$sp', '$pc', '$', '$eax', '$xmm0', '$1', '0x', '0x10', '0b101', '017', '08', '1', '99999999999999999999999', '+', '-', '*', '/', '%', '<<', '&', '&&', '(', ')', '[', ']', '{', '}', '.', '"', '`', "'", '\\', ' ', 'buf', 'p.x', '[4]uint64', 'f(', 'uintptr(', '1ul', 'é', '$rsp.x', ','];

const FORMATS = EXAMINE_FORMATS;
const defaults: fc.Arbitrary<ExamineDefaults> = fc.record({ format: fc.constantFrom(...FORMATS), unit: fc.constantFrom(...EXAMINE_UNITS), count: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: -64, max: -1 })) });

const EXAMINE_VOCAB = ['x', 'x/', '/', '-', '0', '1', '16', '4096', '65537', '99999999999999999999', ...FORMATS, ...EXAMINE_UNITS, 'r', 'X', 'q', ' ', '$sp', '&buf[0]', '$rsp+0x20', '(', ')', 'xg', 'gx', '\t'];

export const memoryProperties: FuzzProperty[] = [
  property({
    parser: 'address expressions',
    module: 'src/memory/address-expr.ts',
    name: 'any text parses or is refused with a UserError, and so is its Delve form',
    arb: hostile(ADDRESS_VOCAB),
    check: (text) => {
      const ast = refusedOr(() => parseAddressExpr(text));
      if (ast) refusedOr(() => toDelveExpression(ast));
    },
    runs: 400,
  }),
  property({
    parser: 'address expressions',
    module: 'src/memory/address-expr.ts',
    name: 'arithmetic of numbers, $registers and Go leaves evaluates as written (precedence, wrap-around, leaf boundaries)',
    arb: fc.tuple(node, fc.array(space, { minLength: 64, maxLength: 64 })),
    async: true,
    check: async ([n, spaces]) => {
      let i = 0;
      const text = render(n, () => spaces[i++ % spaces.length]!);
      const ast = parseAddressExpr(text);
      assert.equal(await evaluateAddress(ast, resolver), evaluateModel(n), text);
    },
    runs: 200,
  }),
  property({
    parser: 'address expressions',
    module: 'src/memory/address-expr.ts',
    name: 'the Delve expression written for an address means the same address',
    arb: node,
    async: true,
    check: async (n) => {
      const ast: AddressExpr = parseAddressExpr(render(n, () => ' '));
      const delve = toDelveExpression(ast);
      assert.equal(await evaluateAddress(parseAddressExpr(delve), resolver), evaluateModel(n), `${render(n, () => ' ')} -> ${delve}`);
    },
    runs: 150,
  }),
  property({
    parser: 'x/NFU grammar',
    module: 'src/memory/examine-grammar.ts',
    name: 'any x command parses within the read limits or is refused with a UserError',
    arb: fc.tuple(hostile(EXAMINE_VOCAB), defaults),
    check: ([text, last]) => {
      const parsed = refusedOr(() => parseExamineCommand(text, last));
      if (!parsed) return;
      const c = parsed.command;
      assert.ok(Number.isSafeInteger(c.count) && c.count >= 1, `count ${c.count}`);
      assert.ok(FORMATS.includes(c.format) && EXAMINE_UNITS.includes(c.unit));
      if (c.format === 's' || c.format === 'i') assert.ok(c.count <= MAX_EXAMINE_ITEMS && c.unit === 'b');
      else assert.ok(c.count * UNIT_BYTES[c.unit] <= MAX_EXAMINE_BYTES, `${c.count}x${c.unit}`);
      assert.equal(parsed.remember.format, c.format);
      // After a backward x, gdb's bare x shows one unit (checked against gdb 13).
      assert.equal(parsed.remember.count, c.backward ? 1 : c.count);
      assert.equal(c.exprText === null, c.expr === null);
    },
    runs: 400,
  }),
  property({
    parser: 'x/NFU grammar',
    module: 'src/memory/examine-grammar.ts',
    name: 'x/NFU EXPR with both letters, in either order, gives that count, format, unit and expression',
    arb: fc.record({
      count: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 70_000 })),
      format: fc.constantFrom(...FORMATS.filter((f) => f !== 's' && f !== 'i')),
      unit: fc.constantFrom(...EXAMINE_UNITS),
      unitFirst: fc.boolean(),
      expr: fc.constantFrom('$sp', '$rsp + 0x20', '&buf[0]', '0xc000012345', '*pp', '(uintptr)(p)'),
      gap: fc.constantFrom(' ', '  ', '\t'),
      last: defaults,
    }),
    check: ({ count, format, unit, unitFirst, expr, gap, last }) => {
      const text = `x/${count}${unitFirst ? unit + format : format + unit}${gap}${expr}`;
      const parsed = refusedOr(() => parseExamineCommand(text, last));
      const tooMany = count * UNIT_BYTES[unit] > MAX_EXAMINE_BYTES;
      assert.equal(parsed === undefined, tooMany, text);
      if (!parsed) return;
      assert.deepEqual(
        { count: parsed.command.count, format: parsed.command.format, unit: parsed.command.unit, expr: parsed.command.exprText, backward: parsed.command.backward },
        { count, format, unit, expr, backward: false },
      );
    },
    runs: 200,
  }),
  property({
    parser: 'x/NFU grammar',
    module: 'src/memory/examine-grammar.ts',
    name: 'a bare x continues with the last count, format and unit',
    arb: defaults.filter((d) => d.format !== 'i' && d.format !== 's'),
    check: (last) => {
      const parsed = refusedOr(() => parseExamineCommand('x', last));
      if (!parsed) {
        // Only a count the pane cannot read goes unanswered.
        assert.throws(() => parseExamineCommand('x', last), UserError);
        return;
      }
      assert.equal(parsed.command.exprText, null);
      assert.equal(parsed.command.count, Math.abs(last.count));
      assert.equal(parsed.command.backward, last.count < 0);
      assert.equal(parsed.command.format, last.format);
      assert.equal(parsed.command.unit, last.unit as ExamineUnit);
      assert.equal(parsed.remember.format as ExamineFormat, last.format);
    },
    runs: 100,
  }),
];
