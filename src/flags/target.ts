/** The few DAP requests the flags pane makes, with Delve's own error text kept for classifying. */
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { DapRequestError } from '../dap/client.js';
import type { Session } from '../session/session.js';
import { delveMessage } from '../delve/said.js';

/** Delve refused an expression; `reason` is its message without the "Unable to evaluate expression" prefix. */
export class DelveRefused extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`${expression}: ${reason}`);
    this.name = 'DelveRefused';
  }
}

type Context = 'hover' | 'clipboard' | 'repl';

/**
 * Evaluates in the selected frame (so locals of that frame can name a FlagSet). `clipboard` makes
 * Delve send values whole (strings up to 4 KiB) instead of cut at 256 characters.
 */
export async function evaluate(session: Session, expression: string, context: Context = 'hover'): Promise<P.EvaluateResponse['body']> {
  const frame = session.currentFrame();
  return refusalOf(expression, session.request<P.EvaluateResponse>('evaluate', { expression, context, ...(frame ? { frameId: frame.id } : {}) }).then((r) => r.body));
}

/** Children of a handle; a page of them for big maps and slices. */
export async function children(session: Session, ref: number, start?: number, count?: number): Promise<P.Variable[]> {
  const args: P.VariablesArguments = { variablesReference: ref, ...(start !== undefined ? { filter: 'indexed', start, count } : {}) };
  return (await session.request<P.VariablesResponse>('variables', args)).body.variables;
}

/** `call EXPR` in the top frame of the selected goroutine (Delve injects calls only there); the result text. */
export async function call(session: Session, expression: string): Promise<string> {
  const top = session.state.selection?.top;
  const body = await refusalOf(`call ${expression}`, session.request<P.EvaluateResponse>('evaluate', { expression: `call ${expression}`, context: 'repl', ...(top ? { frameId: top.id } : {}) }, 60_000).then((r) => r.body));
  return body?.result ?? '';
}

/**
 * Writes `literal` over the `memType` at `addr`. Delve's setVariable looks the name up among the
 * container's children, so the container is the pointer `(*T)(addr)` and the name its one child,
 * "" (whose evaluateName Delve then assigns in the top frame: no call, so any stop will do).
 */
export async function writeMemory(session: Session, memType: string, addr: string, literal: string): Promise<string> {
  const ptr = `(*${memType})(${addr})`;
  const body = await evaluate(session, ptr);
  if (!body.variablesReference) throw new DelveRefused(ptr, 'Delve gave no handle for the pointer');
  const res = await refusalOf(`${ptr} = ${literal}`, session.request<P.SetVariableResponse>('setVariable', { variablesReference: body.variablesReference, name: '', value: literal }));
  return res.body.value;
}

async function refusalOf<T>(expression: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof DapRequestError) throw new DelveRefused(expression, delveMessage(err.message));
    throw err;
  }
}
