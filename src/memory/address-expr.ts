// Address expressions for the memory pane: gdb-style registers and numbers,
// `+ - *` and parentheses, with every other piece left to Delve as a Go
// expression.
//
// How `*` is read: in operand position (start of the expression, after `(`,
// or after another operator) `*` is Go's dereference and starts a Go leaf;
// in operator position (after a number, register, `)` or a Go leaf) it is
// multiplication. So `*p + 8` is (deref p) + 8 and `8 * *p` is 8 times
// (deref p), as in gdb and C.
//
// How far a Go leaf reaches: prefix `&`/`*`, then an identifier, string
// literal or bracketed group, then any run of selectors `.x`, index `[..]`,
// calls/conversions `(..)` and assertions `.(T)`. Brackets are matched, so
// `s.data[i-1]` and `f(a+b)` stay one leaf, while `&a[0] + 8*3` splits at the
// top-level `+` into the leaf `&a[0]` and arithmetic. A parenthesised group
// followed by `.`, `[` or `(` is Go (`(*T)(p)`, `(*p).x`); otherwise it is
// grouping (`($rsp + 16) * 1`). `$reg` inside a Go leaf is rewritten to Delve's
// register name (`*(*uint64)($rsp)` becomes `*(*uint64)(RSP)`).
import { UserError } from '../errors.js';
import { hex } from '../core/text.js';

export type AddressExpr =
  | { readonly kind: 'number'; readonly value: bigint }
  /** `name` is Delve's register name (`RSP`); `text` is what the user typed (`$sp`). */
  | { readonly kind: 'register'; readonly name: string; readonly text: string }
  /** A Go expression for Delve, registers already rewritten. */
  | { readonly kind: 'go'; readonly text: string }
  | { readonly kind: 'negate'; readonly operand: AddressExpr }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*'; readonly left: AddressExpr; readonly right: AddressExpr };

export interface AddressResolver {
  /** Value of a register by Delve's name (`RSP`, `RIP`, `RFLAGS`, `FS_BASE`). */
  register(name: string): Promise<bigint>;
  /** Value of a Go expression as an integer (an address for pointers). */
  goValue(expr: string): Promise<bigint>;
}

const MASK64 = (1n << 64n) - 1n;
const wrap = (v: bigint): bigint => v & MASK64;

const GENERAL_REGISTERS = [
  'rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip',
  'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base',
];
/** gdb's other names for registers, as Delve names them. */
export const REGISTER_ALIASES: Readonly<Record<string, string>> = {
  sp: 'RSP',
  pc: 'RIP',
  fp: 'RBP',
  // gdb's $ps and $eflags are the flags register; Delve calls it RFLAGS.
  ps: 'RFLAGS',
  eflags: 'RFLAGS',
  rflags: 'RFLAGS',
};
// Delve only treats [A-Z0-9]+ (after leading underscores) as a register name,
// so FS_BASE and GS_BASE cannot appear inside a Delve expression.
const NOT_IN_DELVE_EXPRESSIONS = new Set(['FS_BASE', 'GS_BASE']);
const REGISTER_HINT = 'Registers are $rax..$rdx, $rsi, $rdi, $rbp, $rsp, $r8..$r15, $rip, $eflags, and $sp, $pc, $fp.';

/** Delve's name for a gdb register name given without `$` (`sp` -> `RSP`). */
export function delveRegisterName(gdbName: string): string {
  const name = gdbName.toLowerCase();
  if (name === '') throw new UserError('A register name must follow "$".', REGISTER_HINT);
  const alias = REGISTER_ALIASES[name];
  if (alias) return alias;
  if (GENERAL_REGISTERS.includes(name)) return name.toUpperCase();
  if (/^[re]?[abcd]x$|^[abcd][lh]$|^e?(si|di|bp|sp)l?$|^r(8|9|1[0-5])[dwb]$|^eip$/.test(name)) {
    throw new UserError(`$${gdbName} is part of a 64-bit register, and gotui reads whole registers only.`, 'Use the 64-bit name, e.g. $rax for $eax.');
  }
  if (/^([xyz]mm\d+|st\d|k\d|mxcsr|fctrl|fstat|ftag|fiseg|fioff|foseg|fooff|fop)$/.test(name)) {
    throw new UserError(`$${gdbName} is not an integer register, so it cannot be an address.`, REGISTER_HINT);
  }
  if (/^\d+$/.test(name)) {
    throw new UserError(`gdb's value history ($${gdbName}) is not available in gotui.`, REGISTER_HINT);
  }
  throw new UserError(`There is no register $${gdbName}.`, REGISTER_HINT);
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const OPEN_TO_CLOSE: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

// Far beyond any address typed by hand; past them a pasted expression would overflow the stack
// (a recursive parser and evaluator) or take quadratic time.
const MAX_NESTING = 64;
const MAX_OPERANDS = 256;

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    /** Shared with the parsers of parenthesised groups. */
    private readonly budget = { nesting: 0, operands: 0, text: src },
  ) {}

  private nest(): void {
    if (++this.budget.nesting > MAX_NESTING) throw tooComplex(this.budget.text, `more than ${MAX_NESTING} levels of parentheses or signs`);
  }

  parse(): AddressExpr {
    this.skipSpace();
    if (this.pos >= this.src.length) {
      throw new UserError('The address expression is empty.', 'Give an address such as $sp, 0xc000012345 or &buf[0].');
    }
    const expr = this.parseSum();
    this.skipSpace();
    if (this.pos < this.src.length) this.failAfterOperand();
    return expr;
  }

  private parseSum(): AddressExpr {
    let left = this.parseProduct();
    for (;;) {
      this.skipSpace();
      const c = this.src[this.pos];
      if (c !== '+' && c !== '-') return left;
      this.pos++;
      left = { kind: 'binary', op: c, left, right: this.parseProduct() };
    }
  }

  private parseProduct(): AddressExpr {
    let left = this.parseUnary();
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] !== '*') return left;
      this.pos++;
      left = { kind: 'binary', op: '*', left, right: this.parseUnary() };
    }
  }

  private parseUnary(): AddressExpr {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '-' || c === '+') {
      this.pos++;
      this.nest();
      const operand = this.parseUnary();
      this.budget.nesting--;
      return c === '-' ? { kind: 'negate', operand } : operand;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): AddressExpr {
    const c = this.src[this.pos];
    if (++this.budget.operands > MAX_OPERANDS) throw tooComplex(this.budget.text, `more than ${MAX_OPERANDS} operands`);
    if (c === undefined) {
      throw new UserError(`The address expression "${this.src.trim()}" ends where a value should follow.`, 'Finish it with a number, register or Go expression.');
    }
    if (/[0-9]/.test(c)) return this.parseNumber();
    if (c === '$' && !this.hasPostfixAfterRegister()) return this.parseRegister();
    if (c === '(') {
      const close = this.matchBracket(this.pos);
      if (!this.startsPostfix(close + 1)) {
        this.nest();
        const inner = new Parser(this.src.slice(this.pos + 1, close), this.budget).parseGroup();
        this.budget.nesting--;
        this.pos = close + 1;
        return inner;
      }
    }
    if (c === '&' || c === '*' || c === '(' || c === '[' || c === '"' || c === '`' || c === "'" || c === '$' || IDENT_START.test(c)) {
      return this.parseGoLeaf();
    }
    throw new UserError(`Unexpected "${c}" in the address expression "${this.src.trim()}".`, 'Use numbers, $registers, Go expressions, + - * and parentheses.');
  }

  /** The inside of a grouping parenthesis. */
  parseGroup(): AddressExpr {
    this.skipSpace();
    if (this.pos >= this.src.length) throw new UserError('Empty parentheses in the address expression.', 'Put a value inside them or remove them.');
    return this.parse();
  }

  private parseNumber(): AddressExpr {
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)[uUlL]*/.exec(this.src.slice(this.pos));
    const raw = m?.[0] ?? '';
    const next = this.src[this.pos + raw.length];
    if (!m || (next !== undefined && (IDENT_PART.test(next) || next === '.'))) {
      const bad = /^[\p{L}\p{N}_.]+/u.exec(this.src.slice(this.pos))?.[0] ?? raw;
      throw new UserError(`Invalid number "${bad}".`, 'Write numbers as 0x1f (hex), 31 (decimal), 037 (octal) or 0b11111 (binary).');
    }
    const digits = m[1]!;
    let value: bigint;
    if (/^0[bB]/.test(digits)) value = BigInt(`0b${digits.slice(2)}`);
    else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
    else value = BigInt(digits);
    if (value > MASK64) throw new UserError(`The number ${digits} does not fit in 64 bits.`, 'Addresses are at most 0xffffffffffffffff.');
    this.pos += raw.length;
    return { kind: 'number', value };
  }

  private parseRegister(): AddressExpr {
    const m = /^\$([\p{L}\p{N}_]*)/u.exec(this.src.slice(this.pos))!;
    const name = delveRegisterName(m[1]!);
    this.pos += m[0].length;
    return { kind: 'register', name, text: m[0] };
  }

  /** `$reg.x` or `$reg[0]` make no sense as registers; let Delve report them as Go. */
  private hasPostfixAfterRegister(): boolean {
    const m = /^\$[\p{L}\p{N}_]*/u.exec(this.src.slice(this.pos))!;
    return this.startsPostfix(this.pos + m[0].length, false);
  }

  private parseGoLeaf(): AddressExpr {
    const start = this.pos;
    // Prefix operators: address-of and dereference.
    while (this.src[this.pos] === '&' || this.src[this.pos] === '*') {
      this.pos++;
      this.skipSpace();
    }
    const c = this.src[this.pos];
    if (c === undefined) throw new UserError(`"${this.src.slice(start).trim()}" needs an operand.`, 'Write e.g. &buf[0] or *pp.');
    if (c === '(' || c === '[') {
      this.pos = this.matchBracket(this.pos) + 1;
      // A type like [4]uint64 or []byte may follow its brackets directly.
      if (c === '[') this.skipIdentifier();
    } else if (c === '"' || c === '`' || c === "'") {
      this.pos = this.skipString(this.pos);
    } else if (c === '$') {
      this.pos++;
      this.skipIdentifier();
    } else if (IDENT_START.test(c)) {
      this.skipIdentifier();
    } else if (/[0-9]/.test(c)) {
      this.parseNumber();
    } else {
      throw new UserError(`Unexpected "${c}" in the Go expression "${this.src.slice(start).trim()}".`, 'Check the Go expression, e.g. &buf[0], *pp or s.ptr.');
    }
    for (;;) {
      const d = this.src[this.pos];
      if (d === '.') {
        this.pos++;
        if (this.src[this.pos] === '(') this.pos = this.matchBracket(this.pos) + 1;
        else if (!this.skipIdentifier()) throw new UserError(`A field name must follow "." in "${this.src.slice(start).trim()}".`, 'Write e.g. s.ptr.');
      } else if (d === '[' || d === '(') {
        this.pos = this.matchBracket(this.pos) + 1;
      } else {
        break;
      }
    }
    return { kind: 'go', text: rewriteRegisters(this.src.slice(start, this.pos).trim()) };
  }

  private skipIdentifier(): boolean {
    const start = this.pos;
    if (this.pos < this.src.length && IDENT_START.test(this.src[this.pos]!)) {
      this.pos++;
      while (this.pos < this.src.length && IDENT_PART.test(this.src[this.pos]!)) this.pos++;
    }
    return this.pos > start;
  }

  private startsPostfix(at: number, allowCall = true): boolean {
    const c = this.src[at];
    return c === '.' || c === '[' || (allowCall && c === '(');
  }

  /** Index of the bracket closing the one at `open`, skipping strings and nested brackets. */
  private matchBracket(open: number): number {
    const stack: string[] = [];
    for (let i = open; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c === '"' || c === '`' || c === "'") {
        i = this.skipString(i) - 1;
      } else if (OPEN_TO_CLOSE[c]) {
        stack.push(OPEN_TO_CLOSE[c]!);
      } else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) break;
        if (stack.length === 0) return i;
      }
    }
    throw new UserError(`Unbalanced "${this.src[open]}" in the address expression "${this.src.trim()}".`, 'Close every ( and [ you open.');
  }

  /** Index just past the string or rune literal starting at `at`. */
  private skipString(at: number): number {
    const quote = this.src[at]!;
    for (let i = at + 1; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) return i + 1;
    }
    throw new UserError(`Unterminated ${quote} literal in the address expression.`, `Close it with ${quote}.`);
  }

  private failAfterOperand(): never {
    const rest = this.src.slice(this.pos);
    const op = /^(<<|>>|&\^|&&|\|\||[=!<>]=|[/%&|^<>=!])/.exec(rest)?.[0];
    if (op) {
      throw new UserError(`The operator "${op}" is not supported in an address; only + - * and parentheses are.`, 'Put other Go arithmetic inside a conversion, e.g. uintptr(x/8).');
    }
    if (rest[0] === ')') throw new UserError(`Unbalanced ")" in the address expression "${this.src.trim()}".`, 'Remove it or open a matching (.');
    throw new UserError(`Unexpected "${rest.trim().split(/\s/)[0]}" in the address expression "${this.src.trim()}".`, 'Join the parts of an address with + - or *.');
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }
}

function tooComplex(text: string, what: string): UserError {
  return new UserError(`The address expression "${text.trim().slice(0, 40)}${text.trim().length > 40 ? '…' : ''}" is too complex (${what}).`, 'Compute part of it first, e.g. with :print, and use the number.');
}

/** Replace `$reg` tokens (outside string literals) with Delve register names. */
function rewriteRegisters(goText: string): string {
  return goText.replace(/("(?:\\.|[^"\\])*"|`[^`]*`|'(?:\\.|[^'\\])*')|\$([\p{L}\p{N}_]*)/gu, (whole, literal: string | undefined, reg: string | undefined) =>
    literal === undefined ? delveRegisterName(reg ?? '') : (GDB_QUOTED.exec(literal)?.[1] ?? whole),
  );
}

/** gdb quotes names with dots (`'runtime.throw'+40`); in Go a quoted run of several characters is no rune. */
const GDB_QUOTED = /^'([A-Za-z_][\w.]*\.[\w.]*[\w])'$/;

/** Parse an address expression; throws UserError with a one-sentence message and a hint. */
export function parseAddressExpr(text: string): AddressExpr {
  return new Parser(text).parse();
}

/** Compute the address, 64-bit unsigned with wrap-around, asking the resolver for registers and Go leaves. */
export async function evaluateAddress(ast: AddressExpr, resolver: AddressResolver): Promise<bigint> {
  switch (ast.kind) {
    case 'number':
      return ast.value;
    case 'register':
      return wrap(await resolver.register(ast.name));
    case 'go':
      return wrap(await resolver.goValue(ast.text));
    case 'negate':
      return wrap(-(await evaluateAddress(ast.operand, resolver)));
    case 'binary': {
      const left = await evaluateAddress(ast.left, resolver);
      const right = await evaluateAddress(ast.right, resolver);
      if (ast.op === '+') return wrap(left + right);
      if (ast.op === '-') return wrap(left - right);
      return wrap(left * right);
    }
  }
}

/** Fold sub-expressions made only of numbers; undefined when a register or Go leaf is involved. */
function constantValue(ast: AddressExpr): bigint | undefined {
  switch (ast.kind) {
    case 'number':
      return ast.value;
    case 'register':
    case 'go':
      return undefined;
    case 'negate': {
      const v = constantValue(ast.operand);
      return v === undefined ? undefined : wrap(-v);
    }
    case 'binary': {
      const l = constantValue(ast.left);
      const r = constantValue(ast.right);
      if (l === undefined || r === undefined) return undefined;
      return wrap(ast.op === '+' ? l + r : ast.op === '-' ? l - r : l * r);
    }
  }
}

/** How Delve is asked for a Go leaf as an integer: its DAP value of a pointer shows the pointee, not the address. */
export function delveLeafExpression(goText: string): string {
  return `uintptr(${goText})`;
}

/**
 * The whole address as one Delve expression of type uintptr, e.g.
 * `uintptr(RSP)+0x20`. Number-only parts are folded here because Delve keeps
 * untyped constants signed (`0x10-0x20` is -16 there), and negation becomes
 * `0-x` because Delve's unary minus on uintptr does not wrap.
 */
export function toDelveExpression(ast: AddressExpr): string {
  const folded = constantValue(ast);
  if (folded !== undefined) return `uintptr(${hex(folded)})`;
  return render(ast);
}

function render(ast: AddressExpr): string {
  const folded = constantValue(ast);
  if (folded !== undefined) return hex(folded);
  switch (ast.kind) {
    case 'number':
      return hex(ast.value);
    case 'register':
      if (NOT_IN_DELVE_EXPRESSIONS.has(ast.name)) {
        throw new UserError(`Delve cannot use ${ast.text} inside an expression.`, 'Read it from the registers pane and type its value instead.');
      }
      return `uintptr(${ast.name})`;
    case 'go':
      return delveLeafExpression(ast.text);
    case 'negate':
      return `(0-${renderOperand(ast.operand, 2)})`;
    case 'binary': {
      const prec = ast.op === '*' ? 2 : 1;
      // Right operands of equal precedence keep their parentheses: a-(b-c).
      return `${renderOperand(ast.left, prec)}${ast.op}${renderOperand(ast.right, prec + 1)}`;
    }
  }
}

function renderOperand(ast: AddressExpr, minPrec: number): string {
  const text = render(ast);
  const prec = ast.kind === 'binary' && constantValue(ast) === undefined ? (ast.op === '*' ? 2 : 1) : 3;
  return prec < minPrec ? `(${text})` : text;
}
