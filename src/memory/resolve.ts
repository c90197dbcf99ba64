import type { Session } from '../session/session.js';
import { readRegisters } from '../registers/read.js';
import { delveLeafExpression, evaluateAddress, toDelveExpression, type AddressExpr } from './address-expr.js';
import { parseDelveInteger } from './delve-values.js';
import { UserError } from '../errors.js';

/**
 * The address an expression names, in the selected frame. One evaluate of the
 * whole expression when Delve can take it; FS_BASE and GS_BASE cannot appear
 * in Delve expressions, so those come from the Registers scope.
 */
export async function resolveAddress(session: Session, expr: AddressExpr): Promise<bigint> {
  let whole: string | undefined;
  try {
    whole = toDelveExpression(expr);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) return parseDelveInteger((await session.evaluate(whole)).result);
  let registers: Map<string, bigint> | undefined;
  return evaluateAddress(expr, {
    async register(name) {
      registers ??= new Map((await readRegisters(session)).map((r) => [r.name.toUpperCase(), r.value]));
      const v = registers.get(name);
      if (v === undefined) throw new UserError(`Delve shows no ${name} register for this frame.`, 'Frames above the innermost have only rip, rsp and rbp.');
      return v;
    },
    async goValue(text) {
      return parseDelveInteger((await session.evaluate(delveLeafExpression(text))).result);
    },
  });
}
