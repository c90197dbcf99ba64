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

// Linear in the text, but compiling is linear in the pattern and matching in the program: a pasted
// 24 KB pattern took 0.4 s to compile, and `x{1000}` repeated 70 times is a 70,000-instruction
// program run on every eBPF event. Far beyond anything typed as a filter.
const MAX_PATTERN_CHARS = 500;
const MAX_PROGRAM = 10_000;

export function compilePattern(source: string, opts: { caseSensitive?: boolean } = {}): Pattern {
  if (source.length > MAX_PATTERN_CHARS) {
    throw new UserError(`The pattern is ${source.length} characters long; gotui takes patterns up to ${MAX_PATTERN_CHARS}.`, 'Match a shorter, distinctive part of the text.');
  }
  const RE2JS = re2();
  let re: RE2JSType;
  try {
    re = RE2JS.compile(source, opts.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    // RE2JS quotes the pattern with the case flag it was given as a prefix: the user typed none.
    const why = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp:\s*/i, '').replace(/`\(\?i\)/g, '`');
    throw new UserError(`/${source}/ is not a regular expression: ${why}.`, 'Patterns use RE2 syntax (as Go\'s regexp): e.g. main\\.(worker|handle)\\b or ^ERROR');
  }
  if (re.programSize() > MAX_PROGRAM) {
    throw new UserError(`/${source.slice(0, 40)}${source.length > 40 ? '…' : ''}/ is too large to run on every line (its repetitions expand to ${re.programSize()} steps, more than ${MAX_PROGRAM}).`, 'Use smaller repeat counts, e.g. x+ instead of x{1000}.');
  }
  return { source, test: (text) => re.matcher(text).find() };
}
