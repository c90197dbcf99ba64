import { RE2JS } from 're2js';
import { UserError } from '../errors.js';

/**
 * A user's regular expression, run by a linear-time engine (RE2 semantics, re2js): no pattern can
 * stall gotui, whatever the text it meets. Case-insensitive.
 */
export interface Pattern {
  readonly source: string;
  test(text: string): boolean;
}

export function compilePattern(source: string): Pattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp:\s*/i, '');
    throw new UserError(`/${source}/ is not a regular expression: ${why}.`, 'Patterns use RE2 syntax (as Go\'s regexp): e.g. goid=(1|2)\\b');
  }
  return { source, test: (text) => re.matcher(text).find() };
}
