import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { delveRegisterName, evaluateAddress, parseAddressExpr, toDelveExpression, type AddressExpr, type AddressResolver } from './address-expr.js';

const num = (value: bigint): AddressExpr => ({ kind: 'number', value });
const go = (text: string): AddressExpr => ({ kind: 'go', text });
const reg = (name: string, text: string): AddressExpr => ({ kind: 'register', name, text });
const bin = (op: '+' | '-' | '*', left: AddressExpr, right: AddressExpr): AddressExpr => ({ kind: 'binary', op, left, right });

function assertUserError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    assert.match(err.message, message);
    assert.ok(err.hint, 'has a hint');
    return true;
  });
}

test('gdb registers map to Delve names', () => {
  assert.deepEqual(parseAddressExpr('$rsp'), reg('RSP', '$rsp'));
  assert.deepEqual(parseAddressExpr('$sp'), reg('RSP', '$sp'));
  assert.deepEqual(parseAddressExpr('$pc'), reg('RIP', '$pc'));
  assert.deepEqual(parseAddressExpr('$rip'), reg('RIP', '$rip'));
  assert.deepEqual(parseAddressExpr('$fp'), reg('RBP', '$fp'));
  assert.deepEqual(parseAddressExpr('$eflags'), reg('RFLAGS', '$eflags'));
  for (const r of ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']) {
    assert.equal(delveRegisterName(r), r.toUpperCase());
  }
  assert.equal(delveRegisterName('fs_base'), 'FS_BASE');
});

test('numbers as gdb reads them: hex, decimal, octal with a leading 0, binary', () => {
  assert.deepEqual(parseAddressExpr('0xc000047f40'), num(0xc000047f40n));
  assert.deepEqual(parseAddressExpr('0XFF'), num(255n));
  assert.deepEqual(parseAddressExpr('4096'), num(4096n));
  assert.deepEqual(parseAddressExpr('010'), num(8n));
  assert.deepEqual(parseAddressExpr('0'), num(0n));
  assert.deepEqual(parseAddressExpr('0b101'), num(5n));
  assert.deepEqual(parseAddressExpr('10u'), num(10n));
  assert.deepEqual(parseAddressExpr('0xffffffffffffffff'), num(0xffffffffffffffffn));
});

test('arithmetic with + - * and parentheses', () => {
  assert.deepEqual(parseAddressExpr('$rsp+0x20'), bin('+', reg('RSP', '$rsp'), num(0x20n)));
  assert.deepEqual(parseAddressExpr('($rsp + 16) * 1'), bin('*', bin('+', reg('RSP', '$rsp'), num(16n)), num(1n)));
  assert.deepEqual(parseAddressExpr('1 + 2 * 3'), bin('+', num(1n), bin('*', num(2n), num(3n))));
  assert.deepEqual(parseAddressExpr('8 - 4 - 2'), bin('-', bin('-', num(8n), num(4n)), num(2n)));
  assert.deepEqual(parseAddressExpr('-8 + $sp'), bin('+', { kind: 'negate', operand: num(8n) }, reg('RSP', '$sp')));
  assert.deepEqual(parseAddressExpr('$sp - -8'), bin('-', reg('RSP', '$sp'), { kind: 'negate', operand: num(8n) }));
  assert.deepEqual(parseAddressExpr('((($sp)))'), reg('RSP', '$sp'));
});

test('Go expressions are opaque leaves for Delve', () => {
  assert.deepEqual(parseAddressExpr('&buf[0]'), go('&buf[0]'));
  assert.deepEqual(parseAddressExpr('p'), go('p'));
  assert.deepEqual(parseAddressExpr('s.ptr'), go('s.ptr'));
  assert.deepEqual(parseAddressExpr('unsafe.Pointer(x)'), go('unsafe.Pointer(x)'));
  assert.deepEqual(parseAddressExpr('*pp'), go('*pp'));
  assert.deepEqual(parseAddressExpr('**ppp'), go('**ppp'));
  assert.deepEqual(parseAddressExpr('&a[0] + 8*3'), bin('+', go('&a[0]'), bin('*', num(8n), num(3n))));
  assert.deepEqual(parseAddressExpr('&a[0]+8*3'), bin('+', go('&a[0]'), bin('*', num(8n), num(3n))));
  // Brackets and calls keep + and - inside one leaf.
  assert.deepEqual(parseAddressExpr('s.data[i-1] + 8'), bin('+', go('s.data[i-1]'), num(8n)));
  assert.deepEqual(parseAddressExpr('f(a+b, c*d)'), go('f(a+b, c*d)'));
  assert.deepEqual(parseAddressExpr('m["a-b"]'), go('m["a-b"]'));
  assert.deepEqual(parseAddressExpr("m[')']"), go("m[')']"));
  assert.deepEqual(parseAddressExpr('x.(*T).f'), go('x.(*T).f'));
  assert.deepEqual(parseAddressExpr('"github.com/a/b".Var'), go('"github.com/a/b".Var'));
  assert.deepEqual(parseAddressExpr('[]byte(s)'), go('[]byte(s)'));
  assert.deepEqual(parseAddressExpr('héllo.wörld'), go('héllo.wörld'));
  // A parenthesised group followed by a selector, index or call is Go.
  assert.deepEqual(parseAddressExpr('(*T)(p)'), go('(*T)(p)'));
  assert.deepEqual(parseAddressExpr('(*p).next + 16'), bin('+', go('(*p).next'), num(16n)));
  assert.deepEqual(parseAddressExpr('(s)[2]'), go('(s)[2]'));
  // Registers inside a Go leaf become Delve's names.
  assert.deepEqual(parseAddressExpr('*(*uint64)($rsp+8)'), go('*(*uint64)(RSP+8)'));
  assert.deepEqual(parseAddressExpr('m["$rsp"]'), go('m["$rsp"]'), 'not inside strings');
  // gdb's quotes around a name with dots go; a rune stays a rune.
  assert.deepEqual(parseAddressExpr("'runtime.throw'+40"), bin('+', go('runtime.throw'), num(40n)));
  assert.deepEqual(parseAddressExpr("m['.']"), go("m['.']"));
});

test('unary * is a Go dereference, binary * is multiplication', () => {
  assert.deepEqual(parseAddressExpr('*p + 8'), bin('+', go('*p'), num(8n)));
  assert.deepEqual(parseAddressExpr('8 * *p'), bin('*', num(8n), go('*p')));
  assert.deepEqual(parseAddressExpr('p*8'), bin('*', go('p'), num(8n)));
  assert.deepEqual(parseAddressExpr('(p)*8'), bin('*', go('p'), num(8n)));
  assert.deepEqual(parseAddressExpr('$sp * 2'), bin('*', reg('RSP', '$sp'), num(2n)));
  assert.deepEqual(parseAddressExpr('*(*[4]uint64)(p)'), go('*(*[4]uint64)(p)'));
});

test('parse errors say what is wrong and how to write it', () => {
  assertUserError(() => parseAddressExpr(''), /empty/);
  assertUserError(() => parseAddressExpr('   '), /empty/);
  assertUserError(() => parseAddressExpr('$rsp +'), /ends where a value should follow/);
  assertUserError(() => parseAddressExpr('$rsp / 8'), /operator "\/" is not supported/);
  assertUserError(() => parseAddressExpr('p << 3'), /operator "<<"/);
  assertUserError(() => parseAddressExpr('$eax'), /part of a 64-bit register/);
  assertUserError(() => parseAddressExpr('$xmm0'), /not an integer register/);
  assertUserError(() => parseAddressExpr('$nosuch'), /There is no register \$nosuch\./);
  assertUserError(() => parseAddressExpr('$1'), /value history/);
  assertUserError(() => parseAddressExpr('$'), /register name must follow/);
  assertUserError(() => parseAddressExpr('08'), /Invalid number "08"/);
  assertUserError(() => parseAddressExpr('0x'), /Invalid number "0x"/);
  assertUserError(() => parseAddressExpr('0o10'), /Invalid number "0o10"/);
  assertUserError(() => parseAddressExpr('12abc'), /Invalid number "12abc"/);
  assertUserError(() => parseAddressExpr('0x10000000000000000'), /does not fit in 64 bits/);
  assertUserError(() => parseAddressExpr('($rsp + 8'), /Unbalanced "\("/);
  assertUserError(() => parseAddressExpr('$rsp)'), /Unbalanced "\)"/);
  assertUserError(() => parseAddressExpr('()'), /Empty parentheses/);
  assertUserError(() => parseAddressExpr('a b'), /Unexpected "b"/);
  assertUserError(() => parseAddressExpr('m["x]'), /Unterminated/);
  assertUserError(() => parseAddressExpr('s.'), /field name/);
  assertUserError(() => parseAddressExpr('#'), /Unexpected "#"/);
});

function resolver(registers: Record<string, bigint>, go: Record<string, bigint>, calls: string[] = []): AddressResolver {
  return {
    register: async (name) => {
      calls.push(name);
      const v = registers[name];
      if (v === undefined) throw new Error(`no ${name}`);
      return v;
    },
    goValue: async (expr) => {
      calls.push(expr);
      const v = go[expr];
      if (v === undefined) throw new Error(`no ${expr}`);
      return v;
    },
  };
}

test('evaluation is 64-bit unsigned and wraps', async () => {
  const r = resolver({ RSP: 0xc000047f40n, RIP: 0x4bcbb3n }, { '&a[0]': 0xc000012000n, p: -2n });
  assert.equal(await evaluateAddress(parseAddressExpr('$rsp+0x20'), r), 0xc000047f60n);
  assert.equal(await evaluateAddress(parseAddressExpr('&a[0] + 8*3'), r), 0xc000012018n);
  assert.equal(await evaluateAddress(parseAddressExpr('($rsp + 16) * 1'), r), 0xc000047f50n);
  assert.equal(await evaluateAddress(parseAddressExpr('0 - 1'), r), 0xffffffffffffffffn);
  assert.equal(await evaluateAddress(parseAddressExpr('-$pc'), r), (1n << 64n) - 0x4bcbb3n);
  assert.equal(await evaluateAddress(parseAddressExpr('0xffffffffffffffff + 2'), r), 1n);
  assert.equal(await evaluateAddress(parseAddressExpr('$rsp * 0x100000000 * 0x100000000'), r), 0n);
  assert.equal(await evaluateAddress(parseAddressExpr('p'), r), 0xfffffffffffffffen, 'negative Go ints wrap');
});

test('evaluation asks the resolver for each register and Go leaf, left to right', async () => {
  const calls: string[] = [];
  const r = resolver({ RSP: 0x1000n, RBP: 0x2000n }, { '*pp': 0x30n }, calls);
  assert.equal(await evaluateAddress(parseAddressExpr('$fp - $sp + *pp'), r), 0x1030n);
  assert.deepEqual(calls, ['RBP', 'RSP', '*pp']);
  await assert.rejects(evaluateAddress(parseAddressExpr('nosuch + 1'), r), /no nosuch/);
});

// Each rendering below was evaluated by Delve 1.27.1 with the expected result.
test('one Delve expression for the whole address', () => {
  assert.equal(toDelveExpression(parseAddressExpr('$rsp+0x20')), 'uintptr(RSP)+0x20');
  assert.equal(toDelveExpression(parseAddressExpr('$rsp')), 'uintptr(RSP)');
  assert.equal(toDelveExpression(parseAddressExpr('&a[0] + 8*3')), 'uintptr(&a[0])+0x18');
  assert.equal(toDelveExpression(parseAddressExpr('($rsp + 16) * 1')), '(uintptr(RSP)+0x10)*0x1');
  assert.equal(toDelveExpression(parseAddressExpr('8 * *p')), '0x8*uintptr(*p)');
  assert.equal(toDelveExpression(parseAddressExpr('$sp - ($fp - 8)')), 'uintptr(RSP)-(uintptr(RBP)-0x8)');
  assert.equal(toDelveExpression(parseAddressExpr('$sp - $fp - 8')), 'uintptr(RSP)-uintptr(RBP)-0x8');
  // Delve keeps untyped constants signed (0x10-0x20 is -16 there): fold them here.
  assert.equal(toDelveExpression(parseAddressExpr('0x10 - 0x20')), 'uintptr(0xfffffffffffffff0)');
  assert.equal(toDelveExpression(parseAddressExpr('$rsp + (0x10 - 0x20)')), 'uintptr(RSP)+0xfffffffffffffff0');
  // Delve's unary minus on uintptr does not wrap (-uintptr(RSP) is "-824634174680 = 0x0").
  assert.equal(toDelveExpression(parseAddressExpr('-$rsp + 8')), '(0-uintptr(RSP))+0x8');
  assert.equal(toDelveExpression(parseAddressExpr('-($rsp + 8)')), '(0-(uintptr(RSP)+0x8))');
  assert.equal(toDelveExpression(parseAddressExpr('*(*uint64)($rsp)')), 'uintptr(*(*uint64)(RSP))');
  assertUserError(() => toDelveExpression(parseAddressExpr('$fs_base + 8')), /cannot use \$fs_base/);
});

// Found by the fuzz campaign (test/fuzz/targets/memory.ts): these overflowed the stack (RangeError).
test('fuzz: "-" x 100000 then 1, "(" x 5000 and a 100,000-term sum are refused with a UserError', () => {
  for (const text of ['-'.repeat(100_000) + '1', '('.repeat(5000) + '1' + ')'.repeat(5000), Array(100_000).fill('1').join('+'), 'x*'.repeat(20_000) + 'x']) {
    assert.throws(() => toDelveExpression(parseAddressExpr(text)), (e: unknown) => e instanceof UserError && /too complex/.test(e.message), text.slice(0, 20));
  }
  // What people type still parses, nesting and signs included.
  assert.equal(toDelveExpression(parseAddressExpr(`${'('.repeat(20)}$rsp${')'.repeat(20)} + --0x10`)), 'uintptr(RSP)+0x10');
});
