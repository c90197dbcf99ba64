import { lexLine } from '../source/go-lexer.js';

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * What is wrong with an expression's brackets, in words (`the ( after tick is not closed`), or
 * undefined when each one opened is closed in order; those in strings and runes do not count.
 * Said before Delve reads it: Delve's call runs a half-typed `tick(` and says something else (trial CH).
 */
export function bracketFault(expr: string): string | undefined {
  const open: { ch: string; at: number }[] = [];
  let at = 0;
  for (const token of lexLine(expr, 'code').tokens) {
    if (token.kind === 'string' || token.kind === 'comment') {
      at += token.text.length;
      continue;
    }
    for (const ch of token.text) {
      if (CLOSER[ch]) open.push({ ch, at });
      else if (ch === ')' || ch === ']' || ch === '}') {
        const last = open.pop();
        if (!last) return `the ${ch} at column ${at + 1} closes nothing`;
        if (CLOSER[last.ch] !== ch) return `the ${last.ch} at column ${last.at + 1} is closed by ${ch}, not ${CLOSER[last.ch]}`;
      }
      at++;
    }
  }
  const last = open.pop();
  return last ? `the ${last.ch} at column ${last.at + 1} is not closed` : undefined;
}
