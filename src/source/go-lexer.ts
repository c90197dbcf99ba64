/** A line-at-a-time Go tokenizer for highlighting: enough to colour, not to parse. */
export type TokenKind = 'keyword' | 'type' | 'builtin' | 'string' | 'number' | 'comment' | 'plain';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** Carried between lines: inside a block comment or a raw string. */
export type LexState = 'code' | 'block-comment' | 'raw-string';

const KEYWORDS = new Set(
  'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(' '),
);
const TYPES = new Set(
  'any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr'.split(' '),
);
const BUILTINS = new Set('append cap clear close complex copy delete imag len make max min new panic print println real recover true false nil iota'.split(' '));

export function lexLine(line: string, state: LexState): { tokens: Token[]; state: LexState } {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string) => {
    if (!text) return;
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  if (state !== 'code') {
    const close = state === 'block-comment' ? '*/' : '`';
    const end = line.indexOf(close);
    if (end < 0) return { tokens: [{ kind: state === 'block-comment' ? 'comment' : 'string', text: line }], state };
    push(state === 'block-comment' ? 'comment' : 'string', line.slice(0, end + close.length));
    i = end + close.length;
  }
  while (i < line.length) {
    const rest = line.slice(i);
    if (rest.startsWith('//')) {
      push('comment', rest);
      break;
    }
    if (rest.startsWith('/*')) {
      const end = line.indexOf('*/', i + 2);
      if (end < 0) {
        push('comment', rest);
        return { tokens, state: 'block-comment' };
      }
      push('comment', line.slice(i, end + 2));
      i = end + 2;
      continue;
    }
    const ch = line[i]!;
    if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end < 0) {
        push('string', rest);
        return { tokens, state: 'raw-string' };
      }
      push('string', line.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
      push('string', line.slice(i, Math.min(j + 1, line.length)));
      i = j + 1;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(\.\d*)?([eE][+-]?\d+)?i?|\.\d+)/.exec(rest);
    if (num && !/[A-Za-z_]/.test(line[i - 1] ?? '')) {
      push('number', num[0]);
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const w = word[0];
      push(KEYWORDS.has(w) ? 'keyword' : TYPES.has(w) ? 'type' : BUILTINS.has(w) ? 'builtin' : 'plain', w);
      i += w.length;
      continue;
    }
    push('plain', ch);
    i++;
  }
  return { tokens, state: 'code' };
}

/** Tokens for every line of a file; the state threads through so block comments span lines. */
export function lexFile(lines: string[]): Token[][] {
  let state: LexState = 'code';
  return lines.map((l) => {
    const r = lexLine(l, state);
    state = r.state;
    return r.tokens;
  });
}
