import { createRequire } from 'node:module';
import type { RE2JS as RE2JSType } from 're2js';
import { UserError } from '../errors.js';

/**
 * A user's regular expression, run by a linear-time engine (RE2 semantics, re2js): no pattern can
 * stall gotui, whatever the text it meets. Case-insensitive unless asked (scripts' expectations
 * match as Go's regexp does: `(?i)` asks for it there).
 */
export interface Pattern {
  readonly source: string;
  test(text: string): boolean;
}

// Loaded on the first pattern: most sessions never filter, and the engine is a quarter megabyte.
let engine: typeof RE2JSType | undefined;
function re2(): typeof RE2JSType {
  engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSType }).RE2JS;
  return engine;
}

export function compilePattern(source: string, opts: { caseSensitive?: boolean } = {}): Pattern {
  const RE2JS = re2();
  let re: RE2JSType;
  try {
    re = RE2JS.compile(source, opts.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp:\s*/i, '');
    throw new UserError(`/${source}/ is not a regular expression: ${why}.`, 'Patterns use RE2 syntax (as Go\'s regexp): e.g. goid=(1|2)\\b');
  }
  return { source, test: (text) => re.matcher(text).find() };
}
