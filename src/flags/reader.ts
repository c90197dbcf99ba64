/**
 * Reads FlagSets and os.Args from the stopped target through Delve, without running any code in
 * it: map children for the names, then each flag's fields, all requests of a round sent at once.
 */
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import { atEntry, theTarget } from '../session/state.js';
import { flagSetLibrary, mapEntry, splitInterface } from './decode.js';
import { goUnquote, truncatedStringRest } from '../core/gostrings.js';
import type { ArgsSnapshot, FlagInfo, FlagSetSnapshot } from './model.js';
import { children, DelveRefused, evaluate } from './target.js';
import { displayValue, flagTypeOf, type FlagLibrary } from './values.js';

/** Map entries and slice elements are asked for in pages of this many. */
export const PAGE = 100;

export const SET_HINT = 'Give a FlagSet (flag or spf13/pflag), or a pointer to one: flag.CommandLine, main.debugFlags, pflag.CommandLine, a local or a struct field.';

/** Every flag of the FlagSet that `expr` names (a FlagSet or a pointer to one, flag or pflag). */
export async function readFlagSet(session: Session, expr: string, opts: { pageSize?: number } = {}): Promise<FlagSetSnapshot> {
  requireStopped(session, 'read flags');
  const stop = session.stopCount;
  const [head, parsed, name, formal] = await Promise.allSettled([
    evaluate(session, expr),
    evaluate(session, `(${expr}).parsed`),
    evaluate(session, `(${expr}).name`, 'clipboard'),
    evaluate(session, `(${expr}).formal`),
  ]);
  if (head.status === 'rejected') throw readError(expr, head.reason);
  const type = head.value.type ?? '';
  const library = flagSetLibrary(type);
  if (!library) throw new UserError(`${expr} is ${type ? `a ${type}` : 'not a variable'}, not a FlagSet.`, SET_HINT);
  if (head.value.result === 'nil') throw new UserError(`${expr} is a nil ${type}.`, 'The program has not created that FlagSet yet; read it again at a later stop.');
  for (const r of [parsed, name, formal]) if (r.status === 'rejected') throw readError(expr, r.reason);
  const [p, n, f] = [parsed, name, formal].map((r) => (r as PromiseFulfilledResult<P.EvaluateResponse['body']>).value) as [P.EvaluateResponse['body'], P.EvaluateResponse['body'], P.EvaluateResponse['body']];

  const entries = (await pages(session, f.variablesReference, f.indexedVariables ?? 0, opts.pageSize ?? PAGE)).map(mapEntry).filter((e) => e !== undefined);
  const flags = await Promise.all(entries.map((e) => readFlag(session, library, e.key, e.expr)));
  flags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { expr, library, name: goUnquote(n.result) ?? n.result, parsed: p.result === 'true', flags, stop };
}

/** One flag, from the expression of its *Flag (an entry of the set's `formal` map). */
export async function readFlag(session: Session, library: FlagLibrary, name: string, expr: string): Promise<FlagInfo> {
  const fields = ['Usage', 'DefValue', 'Value', ...(library === 'pflag' ? ['Shorthand', 'Changed'] : [])];
  const got = await Promise.all(fields.map((field) => evaluate(session, `(${expr}).${field}`, 'clipboard')));
  const [usage, def, value, shorthand, changed] = got as [P.EvaluateResponse['body'], P.EvaluateResponse['body'], P.EvaluateResponse['body'], P.EvaluateResponse['body']?, P.EvaluateResponse['body']?];
  const { concrete, rendering: shown } = splitInterface(value.type ?? '', value.result);
  const type = concrete ? flagTypeOf(concrete) : { kind: 'custom' as const, name: 'nil' };
  let rendering = shown;
  // Strings inside a value load to 512 bytes; one evaluated on its own loads to 4 KiB.
  if (type.kind === 'string' && truncatedStringRest(goUnquote(rendering) ?? '') !== undefined) {
    rendering = (await evaluate(session, `*(${expr}).Value.(data)`, 'clipboard')).result;
  }
  const current = displayValue(type, rendering);
  const defValue = goUnquote(def.result) ?? def.result;
  return {
    name,
    expr,
    type,
    goType: concrete ?? '',
    usage: goUnquote(usage.result) ?? usage.result,
    defValue,
    value: current.text,
    exact: current.exact,
    ...(current.delveForm ? { delveForm: true } : {}),
    // Delve's text of a custom Value is not its String(): whether it differs from DefValue is not known.
    changed: !current.delveForm && current.text !== defValue,
    ...(truncatedStringRest(current.text) !== undefined ? { truncated: true } : {}),
    ...(shorthand ? { shorthand: goUnquote(shorthand.result) ?? '' } : {}),
    ...(changed ? { setOnCommandLine: changed.result === 'true' } : {}),
  };
}

/** os.Args of the target. */
export async function readArgs(session: Session, opts: { pageSize?: number } = {}): Promise<ArgsSnapshot> {
  requireStopped(session, 'read os.Args');
  const stop = session.stopCount;
  let head: P.EvaluateResponse['body'];
  try {
    head = await evaluate(session, 'os.Args');
  } catch (err) {
    throw readError('os.Args', err);
  }
  const items = await pages(session, head.variablesReference, head.indexedVariables ?? 0, opts.pageSize ?? PAGE);
  const args = await Promise.all(
    items.map(async (v) => {
      const s = goUnquote(v.value) ?? v.value;
      if (truncatedStringRest(s) === undefined || !v.evaluateName) return s;
      const whole = await evaluate(session, v.evaluateName, 'clipboard');
      return goUnquote(whole.result) ?? s;
    }),
  );
  return { args, stop };
}

async function pages(session: Session, ref: number, count: number, size: number): Promise<P.Variable[]> {
  if (!ref || count <= 0) return [];
  const starts: number[] = [];
  for (let s = 0; s < count; s += size) starts.push(s);
  const got = await Promise.all(starts.map((s) => children(session, ref, s, Math.min(size, count - s))));
  return got.flat();
}

function requireStopped(session: Session, what: string): void {
  if (session.state.status !== 'stopped') throw new UserError(`Cannot ${what} while ${theTarget(session.state.status)}.`, 'Flags are read at each stop; pause the target (:pause) to read them now.');
  // Read there, flag.CommandLine is nil and os.Args empty: true of no running program.
  if (atEntry(session.state)) throw new UserError(`Cannot ${what} yet: the program is halted at its entry, before its packages are initialised.`, 'Continue (c) to a breakpoint; flags are read at each stop.');
}

function readError(expr: string, err: unknown): Error {
  if (err instanceof DelveRefused) {
    if (/has no member formal|has no member parsed/.test(err.reason)) return new UserError(`${expr} is not a FlagSet (${err.reason}).`, SET_HINT);
    // The linker keeps a package only if the program uses it: no symbol, no such package in this binary.
    const pkg = /^could not find symbol ((?:[\w.-]+\/)*[\w.-]+)\.\w+/.exec(err.reason)?.[1];
    if (pkg && expr.startsWith(`${pkg}.`)) return new UserError(`This program does not use the ${pkg} package: its binary has no ${expr}.`, SET_HINT);
    // Delve's words when the package is there but the name is not: `package main has no function nosuch` (trial AV: a FlagSet is a variable).
    if (/^package \S+ has no function \w+$/.test(err.reason)) return new UserError(`This program has no variable ${expr}.`, SET_HINT);
    // A name this frame does not have may be a local of another (trial BH: `fs` of main.main, read from a callee).
    if (/^could not find symbol value for \w+$/.test(err.reason) && /^\w+$/.test(expr)) return new UserError(`Cannot read ${expr}: it is not a variable in scope at this frame.`, `A local is read in its own frame: select it (:frame N, or the stack pane), then :flags ${expr}; a package variable by its package: :flags main.${expr}.`);
    return new UserError(`Cannot read ${expr}: ${err.reason}.`, SET_HINT);
  }
  return err instanceof Error ? err : new Error(String(err));
}
