import type { Session } from '../session/session.js';
import { readRegisters } from '../registers/read.js';
import { delveLeafExpression, evaluateAddress, toDelveExpression, type AddressExpr } from './address-expr.js';
import { INTEGER_SIZES, parseDelveInteger } from './delve-values.js';
import { UNIT_BYTES, type ExamineUnit } from './examine-grammar.js';
import { UserError } from '../errors.js';
import type { SymbolTable } from './symbols.js';
import type { DelveRpcClient } from '../delve/rpc.js';
import { hex } from '../core/text.js';

/**
 * The address an expression names, in the selected frame. One evaluate of the
 * whole expression when Delve can take it; FS_BASE and GS_BASE cannot appear
 * in Delve expressions, so those come from the Registers scope. A name Delve
 * cannot read (a C global such as `greeting`) is looked up in the binary's
 * symbol table, as gdb would: a pointer-sized variable gives the pointer it
 * holds, anything else its address. As in gdb, an array stands for its
 * address (`x/2s cut`) and a function for its entry (`x/4i main.main`,
 * `break *main.main`), where Delve converts neither to an integer.
 */
export async function resolveAddress(session: Session, expr: AddressExpr, opts: ResolveOptions = {}): Promise<bigint> {
  const at = await addressOf(session, expr, opts).catch(async (err: unknown) => {
    // Delve cannot dereference an integer made an unsafe.Pointer (`*(*uintptr)(unsafe.Pointer($rsp+8))`
    // is "unsupported kind: invalid") but converts the integer to the pointer type itself.
    const plain = withoutUnsafePointer(expr);
    if (plain === expr || !/unsupported kind/.test(String((err as Error)?.message))) throw err;
    return addressOf(session, plain, opts).catch(() => Promise.reject(err));
  });
  if (isFakeAddress(at)) {
    throw new UserError(
      `${hex(at)} is no memory of the process: Delve gives that address to a value it holds in registers at this pc (an argument before the function's first lines store it).`,
      'Step (n) past the function\'s first lines, where Go stores it on its stack; :print shows its value meanwhile.',
    );
  }
  return at;
}

/** `symbols`: asked for only when Delve cannot evaluate a name (over SSH they wait for a copy of the binary). */
type ResolveOptions = { symbols?: () => Promise<SymbolTable | undefined>; readWord?: (at: bigint) => Promise<bigint | undefined>; rpc?: () => Promise<DelveRpcClient | undefined> };

/**
 * Delve's fake memory (pkg/proc/target.go: fakeAddressUnresolv 0xbeed…, FakeAddressBase 0xbeef…):
 * where it says a register or composite variable is. No process maps it.
 */
function isFakeAddress(at: bigint): boolean {
  return at >= 0xbeed000000000000n && at < 0xbef0000000000000n;
}

async function addressOf(session: Session, expr: AddressExpr, opts: ResolveOptions): Promise<bigint> {
  const { symbols, readWord } = opts;
  let whole: string | undefined;
  try {
    whole = toDelveExpression(expr);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    try {
      const r = (await session.evaluate(whole)).result;
      if (r.trim() !== '' || !hasGoLeaf(expr)) return parseDelveInteger(r);
    } catch (err) {
      if (!hasGoLeaf(expr)) throw err;
    }
  }
  let registers: Map<string, bigint> | undefined;
  return evaluateAddress(expr, {
    async register(name) {
      registers ??= new Map((await readRegisters(session)).map((r) => [r.name.toUpperCase(), r.value]));
      const v = registers.get(name);
      if (v === undefined) throw new UserError(`Delve shows no ${name} register for this frame.`, 'Frames above the innermost have only rip, rsp and rbp.');
      return v;
    },
    async goValue(text) {
      let first: unknown;
      for (const e of [delveLeafExpression(text), `uintptr(unsafe.Pointer(${text}))`]) {
        try {
          const r = (await session.evaluate(e)).result;
          if (r.trim() !== '') return parseDelveInteger(r);
        } catch (err) {
          first ??= err;
        }
      }
      const value = await session.evaluate(text).catch(() => undefined);
      const type = value?.type ?? '';
      if (/^\[\d+\]/.test(type)) {
        const r = await session.evaluate(`uintptr(unsafe.Pointer(&${text}))`).catch(() => undefined);
        if (r?.result.trim()) return parseDelveInteger(r.result);
      }
      const entry = await functionEntry(await opts.rpc?.().catch(() => undefined), text);
      if (entry !== undefined) return entry;
      // A Go value in scope that is no address: never the C symbol of that name (a cgo program's
      // static beside a Go local), whose bytes would show under the Go name.
      if (type && type !== 'void' && !type.startsWith('func')) throw new UserError(`${text} is a ${type}, not an address.`, notAnAddressHint(text, type, sliceLength(value?.result)));
      const name = /^(?:C\.)?([A-Za-z_]\w*)$/.exec(text)?.[1];
      const sym = name !== undefined ? (await symbols?.())?.find(name) : undefined;
      if (sym) {
        if (sym.size !== 8n) return sym.address;
        const word = await readWord?.(sym.address);
        if (word !== undefined) return word;
      }
      // Say it in the user's words: the wrapped expressions tried are gotui's, not theirs.
      if (first instanceof UserError) throw new UserError(`Cannot evaluate '${text}': ${first.message.replace(/^Cannot evaluate '[^']*': /, '')}`, first.hint);
      throw first ?? new UserError(`Delve cannot read ${text}.`, 'Give a pointer or an integer, e.g. &v or uintptr(p).');
    },
  });
}

/** Sizes of the element types, beside the integers, one unit of x holds. */
const OTHER_SIZES: Readonly<Record<string, number>> = { bool: 1, rune: 4, float32: 4, float64: 8 };

/** x's unit for a slice's elements of `type` (a []byte's are bytes, not giant words: trial BI); none for a struct's. */
function elementUnit(type: string): string | undefined {
  const size = INTEGER_SIZES[type] ?? OTHER_SIZES[type];
  return (Object.keys(UNIT_BYTES) as ExamineUnit[]).find((u) => UNIT_BYTES[u] === size);
}

/** Above this many elements the hint leaves the count to the user (N). */
const HINTED_COUNT_MAX = 512;

/**
 * Where the memory behind a Go value is, said in expressions x takes; `len`: a slice's length, the
 * count when one unit is one element (trial BJ: x/Nxb for a []byte of 22).
 */
export function notAnAddressHint(text: string, type: string, len?: number): string {
  if (/^\[\]/.test(type)) {
    const unit = elementUnit(type.slice(2));
    const n = unit && len !== undefined && len > 0 && len <= HINTED_COUNT_MAX ? String(len) : 'N';
    const bytes = unit === 'b' ? `, or x/${n}c as text` : '';
    return `Its elements start at &${text}[0] (x/${n}x${unit ?? 'g'} &${text}[0]${bytes}); its header (data, len, cap) is at &${text}.`;
  }
  if (type === 'string') return `Its bytes start at *(*uintptr)(unsafe.Pointer(&${text})) (x/Nc there: a Go string has no NUL for x/s to stop at); its header (data, len) is at &${text}.`;
  return `&${text} is where it is (a map's or a channel's header; a pointer gives what it points at: x/Nxg ${text} for a *T).`;
}

/** A slice's length in Delve's words for it (`[]uint8 len: 22, cap: 32, [...]`). */
function sliceLength(result: string | undefined): number | undefined {
  const m = /^\[\]\S* len: (\d+),/.exec(result ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `expr` with each Go leaf's `unsafe.Pointer(X)` as `(X)` (the same object when there is none). */
function withoutUnsafePointer(e: AddressExpr): AddressExpr {
  switch (e.kind) {
    case 'go': {
      const text = unwrapCalls(e.text, 'unsafe.Pointer(');
      return text === e.text ? e : { kind: 'go', text };
    }
    case 'negate': {
      const operand = withoutUnsafePointer(e.operand);
      return operand === e.operand ? e : { ...e, operand };
    }
    case 'binary': {
      const [left, right] = [withoutUnsafePointer(e.left), withoutUnsafePointer(e.right)];
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    default:
      return e;
  }
}

/** `text` with every `NAME(` … `)` call of `open` (`unsafe.Pointer(`) replaced by its parenthesised argument. */
function unwrapCalls(text: string, open: string): string {
  let out = text;
  for (let at = out.indexOf(open); at >= 0; at = out.indexOf(open, at)) {
    out = `${out.slice(0, at)}${out.slice(at + open.length - 1)}`;
  }
  return out;
}

function hasGoLeaf(e: AddressExpr): boolean {
  return e.kind === 'go' || (e.kind === 'negate' && hasGoLeaf(e.operand)) || (e.kind === 'binary' && (hasGoLeaf(e.left) || hasGoLeaf(e.right)));
}

/**
 * A function named as Go names it (`main.render`, `pkg.(*T).Method`): its entry, from Delve's
 * FindLocation (a function is no value an address expression can convert).
 */
export async function functionEntry(rpc: DelveRpcClient | undefined, text: string): Promise<bigint | undefined> {
  if (!rpc || !/^[A-Za-z_][\w./-]*\.(?:\(\*?\w+\)\.)?\w+$/.test(text)) return undefined;
  const at = (await rpc.findLocation(text).catch(() => undefined))?.[0];
  if (!at || at.function?.name !== text) return undefined;
  return BigInt(at.function.value ?? at.pc);
}
