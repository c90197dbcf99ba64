import { UserError } from '../errors.js';

const HINT = 'A log message is text with expressions in braces, e.g. "order {o.ID} total {total}"; braces come in pairs.';

/**
 * Checks a log message as Delve parses it (service/dap parseLogPoint): `{expr}` is interpolated,
 * braces nest and must pair, an expression cannot be empty. Returns the expressions.
 */
export function logExpressions(msg: string): string[] {
  const exprs: string[] = [];
  let depth = 0;
  let expr = '';
  for (const ch of msg) {
    if (depth > 0) {
      if (ch === '{') depth++;
      if (ch === '}' && --depth === 0) {
        if (!expr.trim()) throw new UserError('The log message has an empty {}.', HINT);
        exprs.push(expr.trim());
        expr = '';
        continue;
      }
      expr += ch;
      continue;
    }
    if (ch === '}') throw new UserError('The log message has a } without its {.', HINT);
    if (ch === '{') depth = 1;
  }
  if (depth > 0) throw new UserError('The log message has a { that is never closed.', HINT);
  return exprs;
}
