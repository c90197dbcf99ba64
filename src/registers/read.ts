import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import { parseRegisters, type Register } from './registers.js';

/** The selected frame's registers, from the "Registers" scope Delve adds when attached with showRegisters. */
export async function readRegisters(session: Session): Promise<Register[]> {
  session.requireStopped('read registers');
  const frame = session.currentFrame();
  // No goroutine's stack (a core cut short before them): the thread's own, as the dlv CLI's regs reads (trial BW: refused).
  if (!frame && session.threadRegisters) return parseRegisters((await session.threadRegisters()).map((r) => ({ ...r, variablesReference: 0 })));
  if (!frame) throw new UserError('There is no frame to read registers from.', 'Select a goroutine with a stack.');
  const scope = (await session.scopeList(frame)).find((s) => /^registers$/i.test(s.name));
  if (!scope) throw new UserError('Delve gave no Registers scope for this frame.', 'Registers need a Delve that supports showRegisters (v1.7 or newer).');
  const vars = await session.request<P.VariablesResponse>('variables', { variablesReference: scope.variablesReference });
  return parseRegisters(vars.body.variables);
}
