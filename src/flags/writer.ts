/**
 * Writes one flag in the target: numbers, bools and durations straight over the variable behind
 * the flag (no code runs), strings and custom Values through the Value's own Set (an injected call,
 * so the program's validation runs). Then reads the flag back: nothing is shown optimistically.
 */
import { UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import { callError, callNotPossibleHere, parseUintptr } from './decode.js';
import { goQuote, goUnquote } from '../core/gostrings.js';
import type { FlagInfo } from './model.js';
import { readFlag } from './reader.js';
import { call, DelveRefused, evaluate, writeMemory } from './target.js';
import type { FlagLibrary, Write } from './values.js';

export type WriteOutcome =
  /**
   * `interrupted`: Delve said the call stopped before it returned, yet the flag reads back changed;
   * `delveError`: Delve failed with an error of its own after the call, yet the flag reads back changed.
   */
  | { status: 'applied'; before: FlagInfo; after: FlagInfo; interrupted?: boolean; delveError?: string }
  /** The Value's Set returned an error: `message` is its text; the old value was put back if Set had changed it. */
  | { status: 'refused'; before: FlagInfo; after: FlagInfo; attempted: string; message: string; restored: boolean }
  /** Go cannot run a call where the target stopped; `reason` is Delve's (the runtime's) words. */
  | { status: 'deferred'; reason: string }
  /**
   * The Set call stopped before it ran (a breakpoint reached meanwhile): Delve keeps the call, which may
   * finish when the target runs on (trial BO: said failed, then applied at the next `c`; BQ: never).
   * `call` is `String` when the stop cut the custom Value's String call made before Set: Set never ran.
   */
  | { status: 'unfinished'; before: FlagInfo; call: 'Set' | 'String' };

export async function writeFlag(session: Session, library: FlagLibrary, flag: FlagInfo, write: Write): Promise<WriteOutcome> {
  if (session.state.status !== 'stopped') return { status: 'deferred', reason: `the target is ${session.state.status}` };
  // Which call a `call stopped` cut (trial CF: a breakpoint in String was said to have cut the Set).
  let calling: 'Set' | 'String' = 'Set';
  try {
    if (write.via === 'memory') {
      const addr = await address(session, `(${flag.expr}).Value.(data)`);
      await writeMemory(session, write.memType, addr, write.literal);
      return { status: 'applied', before: flag, after: await readFlag(session, library, flag.name, flag.expr) };
    }
    // By the Flag's address, so the call works in the top frame whatever frame named the FlagSet.
    const value = `(*${library}.Flag)(${await address(session, flag.expr)}).Value`;
    // Custom Values may change before they refuse (Go's own numeric ones zero themselves): keep the old text.
    calling = 'String';
    const old = flag.type.kind === 'custom' ? goUnquote(await call(session, `${value}.String()`)) : undefined;
    calling = 'Set';
    const failed = callError(await call(session, `${value}.Set(${goQuote(write.text)})`));
    if (!failed) return { status: 'applied', before: flag, after: await readFlag(session, library, flag.name, flag.expr) };
    let restored = false;
    if (old !== undefined && goUnquote(await call(session, `${value}.String()`)) !== old) {
      await call(session, `${value}.Set(${goQuote(old)})`);
      restored = true;
    }
    return { status: 'refused', before: flag, after: await readFlag(session, library, flag.name, flag.expr), attempted: write.text, message: failed.message, restored };
  } catch (err) {
    // Delve's own panic (`Internal Error: runtime error: …`) may come after the Set ran (trial BU: said
    // queued, then `dropped, never applied` at quit, while the program printed the new value).
    if (err instanceof DelveRefused && write.via === 'set' && /^Internal Error/.test(err.reason)) {
      const after = await readFlag(session, library, flag.name, flag.expr).catch(() => undefined);
      if (after && after.value !== flag.value) return { status: 'applied', before: flag, after, delveError: err.reason };
    }
    if (err instanceof DelveRefused && callNotPossibleHere(err.reason)) return { status: 'deferred', reason: err.reason };
    // Delve says `call stopped` when the target stopped elsewhere while the call ran, and also when
    // the call returned on a goroutine other than the one Delve had selected: the Set may have run
    // whole (trial BG: said to have failed, the flag already changed). What the flag holds decides.
    if (err instanceof DelveRefused && write.via === 'set' && /call stopped/.test(err.reason)) {
      const after = await readFlag(session, library, flag.name, flag.expr).catch(() => undefined);
      if (after && (after.value === write.text || after.value !== flag.value)) return { status: 'applied', before: flag, after, interrupted: true };
      if (after) return { status: 'unfinished', before: flag, call: calling };
    }
    if (err instanceof DelveRefused) throw new UserError(`Cannot set -${flag.name}: ${err.reason}.`, hintFor(err.reason));
    throw err;
  }
}

async function address(session: Session, expr: string): Promise<string> {
  const r = await evaluate(session, `uintptr(${expr})`);
  const addr = parseUintptr(r.result);
  if (!addr) throw new DelveRefused(`uintptr(${expr})`, `no address in '${r.result}'`);
  return addr;
}

function hintFor(reason: string): string {
  if (/call stopped/.test(reason)) return 'The call stopped at a breakpoint or panic inside the target; the edit was not finished. Check the value with :flags.';
  if (/key not found/.test(reason)) return 'The flag is gone from its FlagSet; read the set again with :flags.';
  return 'Check the value with :flags; :call runs the Set by hand.';
}
