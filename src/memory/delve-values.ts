// Parsers for the value texts Delve's evaluate returns, as the memory pane's
// fallback reads memory through Go expressions (`*(*[64]uint8)(0x...)`).
//
// Seen from Delve 1.27.1 (DAP evaluate `result`):
//   uintptr(RSP)+0x20            -> 824634174712 = 0xc00006ecf8
//   int64(-2)                    -> -2
//   010 (untyped constant)       -> 8
//   &buf[0] (a pointer)          -> *65          (the pointee, no address!)
//   *(*[16]uint8)(RSP)           -> [16]uint8 [56,141,35,...]
//   *(*[300]uint8)(RSP)          -> (loaded 64/300) [300]uint8 [56,...,...+236 more]
//   *(*[16]uint8)(unmapped)      -> (loaded 4/16) [16]uint8 [(unreadable input/output error),...,...+12 more]
//   *(*[4]uint8)(0)              -> (loaded 0/4) [4]uint8 [...]
// In the repl, watch and hover contexts values longer than 256 characters
// are cut and end in "..." (the variables and clipboard contexts are not).
// The CLI's print shows the same text without "(loaded a/b) ", and pointers
// as (*uint8)(0xc00008ade8).
// Children from `variables` are named [0], [1]... with values like
// "56 = 0x38"; byte arrays also have a first child named string().
import { UserError } from '../errors.js';
import { splitTopLevel } from '../core/text.js';
import { MAX_EXAMINE_BYTES } from './examine-grammar.js';

const MASK64 = (1n << 64n) - 1n;

/**
 * An integer from an evaluate result: `N = 0xH`, `-N`, `N`, or a pointer the
 * CLI prints as `(*T)(0xH)`. Negative values come back as 64-bit two's
 * complement.
 */
export function parseDelveInteger(text: string): bigint {
  const t = text.trim();
  let m = /^(-?\d+) = 0x[0-9a-f]+$/.exec(t) ?? /^(-?\d+)$/.exec(t);
  if (m) return BigInt(m[1]!) & MASK64;
  m = /^\((?:\*.*|unsafe\.Pointer)\)\((0x[0-9a-f]+)\)$/.exec(t) ?? /^(0x[0-9a-f]+)$/.exec(t);
  if (m) return BigInt(m[1]!);
  if (t.startsWith('*')) {
    throw new UserError('Delve showed what the pointer points to, not its address.', 'Evaluate uintptr(expr) to get the address.');
  }
  const unreadable = /^\(?unreadable (.*?)\)?$/.exec(t);
  if (unreadable) throw new UserError(`Delve could not read the value: ${unreadable[1]}.`, 'Check that the variable is live at this point.');
  throw new UserError(`Delve's value "${t.length > 60 ? `${t.slice(0, 60)}...` : t}" is not an integer or pointer.`, 'Use an expression that gives an address, e.g. &v, a pointer, or uintptr(x).');
}

export interface ByteArrayValue {
  /** Bytes per element: 1 for [N]uint8, 8 for [N]uint64. */
  readonly elementSize: number;
  /** Elements in the array type. */
  readonly length: number;
  /** length * elementSize bytes; zero where not read. */
  readonly bytes: Uint8Array;
  /** 1 where the byte was read, 0 where unreadable or not loaded. */
  readonly readable: Uint8Array;
  /** Elements Delve returned (readable or not); the rest need another request. */
  readonly loaded: number;
  /** Some loaded element was unreadable. */
  readonly unreadable: boolean;
}

/** Go's integer types by their size in bytes. */
export const INTEGER_SIZES: Readonly<Record<string, number>> = {
  uint8: 1, int8: 1, byte: 1,
  uint16: 2, int16: 2,
  uint32: 4, int32: 4,
  uint64: 8, int64: 8, uint: 8, int: 8, uintptr: 8,
};

interface Element {
  readonly value?: bigint;
}

/** Parse `[16]uint8 [1,0,...]` in all the forms shown above. */
export function parseByteArrayResult(text: string): ByteArrayValue {
  const m = /^(?:\(loaded (\d+)\/(\d+)\) )?\[(\d+)\](\w+) \[(.*)$/s.exec(text.trim());
  const elementSize = m ? INTEGER_SIZES[m[4]!] : undefined;
  if (!m || elementSize === undefined) {
    throw new UserError(`Delve's value "${text.trim().slice(0, 60)}" is not an array of integers.`, 'Read memory with *(*[N]uint8)(address).');
  }
  const length = Number(m[3]);
  checkArraySize(length, elementSize);
  let body = m[5]!;
  let cut = false;
  if (body.endsWith(']')) body = body.slice(0, -1);
  else if (body.endsWith('...')) {
    // Cut at 256 characters: the last element may be partial.
    body = body.slice(0, -3);
    cut = true;
  } else {
    throw new UserError('Delve\'s array value is incomplete.', 'Evaluate it in the "variables" context, which is not shortened.');
  }
  // Only parentheses pair here: error texts (`(unreadable …, …)`) hold commas; a cut may leave a quote open.
  const tokens = splitTopLevel(body, { pairs: '()', quotes: false });
  if (tokens.at(-1) === '') tokens.pop();
  if (cut) tokens.pop();
  const elements: Element[] = [];
  for (const token of tokens) {
    // Elements beyond the array's length would be written past its bytes.
    if (token === '...' || /^\.\.\.\+\d+ more$/.test(token) || elements.length === length) break;
    elements.push(parseElement(token));
  }
  return assemble(elements, length, elementSize);
}

/** Parse the children a `variables` request returns for such an array. */
export function parseByteArrayChildren(children: readonly { name: string; value: string; type?: string }[], length: number, elementSize = 1): ByteArrayValue {
  checkArraySize(length, elementSize);
  const elements: Element[] = new Array(length).fill({});
  let loaded = 0;
  for (const child of children) {
    const m = /^\[(\d+)\]$/.exec(child.name);
    if (!m) continue; // string() and other pseudo-children
    const index = Number(m[1]);
    if (index >= length) continue;
    elements[index] = parseElement(child.value);
    loaded = Math.max(loaded, index + 1);
  }
  return assemble(elements.slice(0, loaded), length, elementSize);
}

/** gotui reads at most 64 KiB at once; a bigger array in Delve's answer is not one gotui asked for. */
function checkArraySize(length: number, elementSize: number): void {
  if (length * elementSize > MAX_EXAMINE_BYTES) {
    throw new UserError(`Delve answered with an array of ${length} elements, more than the ${MAX_EXAMINE_BYTES} bytes gotui reads at once.`, 'Read memory in smaller pieces (a smaller x/ count).');
  }
}

function parseElement(token: string): Element {
  const t = token.trim();
  if (/^\(?unreadable\b/.test(t)) return {};
  const m = /^(-?\d+)(?: = 0x[0-9a-f]+)?$/.exec(t);
  if (!m) throw new UserError(`Delve's array element "${t}" is not an integer.`, 'Read memory with *(*[N]uint8)(address).');
  return { value: BigInt(m[1]!) };
}

function assemble(elements: readonly Element[], length: number, elementSize: number): ByteArrayValue {
  const bytes = new Uint8Array(length * elementSize);
  const readable = new Uint8Array(length * elementSize);
  let unreadable = false;
  elements.forEach((el, i) => {
    if (el.value === undefined) {
      unreadable = true;
      return;
    }
    const v = BigInt.asUintN(elementSize * 8, el.value);
    for (let k = 0; k < elementSize; k++) {
      bytes[i * elementSize + k] = Number((v >> BigInt(8 * k)) & 0xffn);
      readable[i * elementSize + k] = 1;
    }
  });
  return { elementSize, length, bytes, readable, loaded: elements.length, unreadable };
}

