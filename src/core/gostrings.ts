/** Go string literals: writing them into Delve expressions, and reading the ones Delve prints. */
import { decodeBytes } from './sanitize.js';

/**
 * A Go interpreted string literal for `s`, safe inside a Delve expression: quotes, backslashes
 * and control characters are escaped; other characters travel as UTF-8.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw new Error('lone surrogate');
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        // Go's scanner refuses raw NUL and other controls are unreadable: escape them all.
        if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
        else if (cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
        else out += ch;
    }
  }
  return out + '"';
}

/** True when `s` can be written as a Go string (it holds no lone UTF-16 surrogate). */
export function isGoQuotable(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

// \' belongs to rune literals: Go refuses it between double quotes.
const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/**
 * The value of a Go double-quoted literal as strconv.Quote (and so Delve) writes it; bytes that
 * are not valid UTF-8 show as `\xNN` text (see `goUnquoteBytes` to tell). Undefined for text that
 * is not one literal.
 */
export function goUnquote(lit: string): string | undefined {
  const bytes = goUnquoteBytes(lit);
  return bytes && decodeBytes(bytes);
}

/** The bytes of a Go double-quoted literal (a Go string need not be UTF-8); undefined if it is not one. */
export function goUnquoteBytes(lit: string): Buffer | undefined {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') return undefined;
  const bytes: number[] = [];
  const body = lit.slice(1, -1);
  for (let i = 0; i < body.length; ) {
    const ch = body[i]!;
    if (ch === '"' || ch === '\n') return undefined;
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE) {
      bytes.push(SIMPLE[e]!);
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      else bytes.push(...Buffer.from(String.fromCodePoint(v), 'utf8'));
      i += 2 + n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      // \400 to \777 are not bytes: Go refuses them.
      if (!/^[0-3][0-7]{2}$/.test(oct)) return undefined;
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes);
}

/** Delve shortens a string it did not load whole to `"abc...+123 more"`. */
export function truncatedStringRest(value: string): number | undefined {
  const m = /\.\.\.\+(\d+) more$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
