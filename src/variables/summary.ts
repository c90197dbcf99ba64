import { splitTopLevel } from '../core/text.js';
import { goFloat } from '../core/go-float.js';
import { UserError } from '../errors.js';
import { delveMessage, readNumber } from '../delve/said.js';

/** A value as Delve's DAP writes it, as gotui shows it: floats whole, unloaded elements `{…}`, map tails mended. Pure. */
export function shownValue(text: string, type: string): string {
  return mapTails(unloadedStructs(unloadedElements(goFloat(text, type), type)));
}

/**
 * A struct past Delve's load depth whose type has a package path, as its printer writes it:
 * `(*"internal/sync.Mutex")(0x24066df4e048)`, which reads as a pointer (to the struct holding it,
 * at offset 0: trial AR). Delve quotes a type so only there (a pointer is `(*internal/sync.Mutex)(…)`,
 * its pointee `*(*"…")(…)`): `{…}`, as for unloaded elements. Strings are left as they are. Pure.
 */
export function unloadedStructs(text: string): string {
  if (!text.includes('(*"')) return text;
  // A string literal is kept (first alternative), a pointee `*(*"…")(…)` too (its star taken).
  return text.replace(/"(?:\\.|[^"\\])*"|(\*?)\(\*"[^"\\]+"\)\(0x[0-9a-f]+\)/g, (whole, star: string | undefined) => (star === '' ? '{…}' : whole));
}

/**
 * Slices and arrays of structs as Delve's DAP summarises them past its load depth, whether the
 * value is one or holds one (`Parts: []main.Part len: 3, cap: 4, [...]` inside a struct): each
 * element `(*main.Part)(0xc000…)`, which reads as a pointer. The elements are values: `{…}`, as the
 * dlv CLI writes an element it did not load. Only whole elements of such a list are rewritten: a
 * pointer field written the same way is a pointer. Pure.
 */
export function unloadedElements(text: string, type: string): string {
  if (!text.includes('(*')) return text;
  // Where each list of a slice or array of T opens: `[]T len: N, cap: M, [` or `[N]T [`.
  const opener = /(?:\[\d*\])+([\w./]+) (?:len: \d+, cap: \d+, )?\[/g;
  const lists: { start: number; elem: string }[] = [];
  for (let m = opener.exec(text); m; m = opener.exec(text)) lists.push({ start: m.index + m[0].length, elem: m[1]! });
  // The value itself may be the list, its type given apart.
  const own = /^(?:\[\d*\])+([\w./]+)$/.exec(type)?.[1];
  if (own && text.startsWith('[')) lists.unshift({ start: 1, elem: own });
  let out = '';
  let from = 0;
  for (const { start, elem } of lists) {
    if (start < from) continue;
    const end = closing(text, start);
    const unloaded = `(*${elem})(`;
    const items = splitTopLevel(text.slice(start, end)).map((item) => (item.startsWith(unloaded) && /^\(\*[\w./]+\)\(0x[0-9a-f]+\)$/.test(item) ? '{…}' : item));
    out += text.slice(from, start) + items.join(',');
    from = end;
  }
  return out + text.slice(from);
}

/** The index of the `]` that closes a list whose first element starts at `start` (quoted strings skipped). */
function closing(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{' || c === '(') depth++;
    else if ((c === ']' || c === '}' || c === ')') && --depth === 0) return i;
  }
  return text.length;
}

/**
 * Delve's one-line printer ends a map's last pair with `, ` (its writeMapTo tests `i != len-1`
 * where i steps by two): `["a": 1, ]`, `["a": 1, ,...+3 more]`. Outside string literals nothing
 * else writes `, ]` or `, ,...+`, so those are mended there. Pure.
 */
export function mapTails(text: string): string {
  if (!text.includes(', ]') && !text.includes(', ,...+')) return text;
  return text.replace(/("(?:\\.|[^"\\])*")|, (\]|,\.\.\.\+)/g, (whole, literal: string | undefined, tail: string | undefined) => (literal !== undefined ? whole : tail === ']' ? ']' : ', ...+'));
}

/**
 * Delve's refusal to list what a value holds, in a sentence: a slice whose len passes its cap has a
 * corrupted header (trial AL: `Unable to lookup variable: index out of bounds`, Delve's words alone). Pure.
 */
export function unreadableChildren(n: { name: string; value: string; evaluateName?: string }, err: unknown): unknown {
  // gotui's own sentences (a timeout, the target gone) stand; Delve's refusal is said here.
  if (err instanceof UserError || !(err instanceof Error)) return err;
  const header = /\blen: (\d+), cap: (\d+)/.exec(n.value);
  const hint = n.evaluateName ? `:x/3xg &${n.evaluateName} shows its header in the memory view, where d decodes it.` : 'y prints it as Delve reads it.';
  if (header && BigInt(header[1]!) > BigInt(header[2]!)) {
    return new UserError(`Delve cannot read the elements of ${n.name}: its len (${header[1]}) is greater than its cap (${header[2]}), so its header is corrupted.`, hint);
  }
  return new UserError(`Delve cannot read what ${n.name} holds: ${delveMessage(err.message)}.`, hint);
}

/**
 * A pointer whose pointee Delve cannot read, written by its DAP without the address
 * (`**(unreadable input/output error)`): with it, as the dlv CLI prints a pointer, from
 * `uintptr(p)`'s text. Undefined when that is no number. Pure.
 */
export function unreadablePointer(type: string, uintptr: string, value: string): string | undefined {
  const addr = readNumber(uintptr);
  return addr === undefined ? undefined : `(${type})(0x${addr.toString(16)}) → ${value}`;
}
