import { describeError, UserError } from '../errors.js';
import { scopeOf, type RpcVariable } from '../delve/rpc.js';
import type { CommandContext } from '../features/types.js';
import { finderFeature } from '../finder/feature.js';
import { variablesFeature } from '../variables/feature.js';
import { findCommand, splitCommandLine } from './registry.js';
import { completeWord, fieldNames, matchLocations, selectorAt, type Completion } from './complete-word.js';
import { packageNames, packageVars } from './scope-names.js';

export type { Completion };

/**
 * Tab after a command that names a location (`break`, `list`, `continue`...) or an expression
 * (`print`, `display`...): the word being typed completed from the target's functions and source
 * files (Delve's lists, as the finder reads them) or from the selected frame's variables.
 * Undefined when the command takes neither.
 */
export async function completeArgument(ctx: CommandContext, line: string): Promise<Completion | undefined> {
  const { name, args } = splitCommandLine(line);
  const kind = findCommand(name)?.completes;
  // A command's name is completed with the command line itself (completeCommandLine).
  if (!kind || kind === 'command') return undefined;
  if (kind === 'location') {
    // Only the location itself (the first word): what follows is a condition or a count.
    const word = /^\s*(\S*)$/.exec(args)?.[1];
    if (word === undefined) return undefined;
    const { funcs, files } = await ctx.model(finderFeature).names();
    return completeWord(line, word, matchLocations(word, funcs, files));
  }
  const selector = selectorAt(args);
  // The expression's last name, or the field after its last dot (not a register: $rsp is no variable).
  const word = selector?.field ?? /(?:^|[^\w.$])([A-Za-z_]\w*)$/.exec(args)?.[1] ?? (/\s$/.test(line) || !args ? '' : undefined);
  if (word === undefined) return undefined;
  // The variables pane holds the last stop's: while the target runs they are not this moment's.
  if (ctx.session.state.status !== 'stopped') throw new UserError(`The target is ${ctx.session.state.status}: variables are listed at a stop.`, 'Pause it (p), or wait for a breakpoint.');
  // Delve's ~r0 names a return value that no expression can read.
  const names = [...new Set(ctx.model(variablesFeature).get().roots.filter((r) => r.globals === undefined).map((r) => r.name).filter((n) => !n.startsWith('~')))];
  // `main.cou`, `calc.`: a package's variables and functions, where the name before the dot is no
  // variable here (trial CA: "'main' is of type func()", though errors offer :print main.lockA).
  if (selector && /^[A-Za-z_]\w*$/.test(selector.base) && !names.includes(selector.base)) {
    const members = await packageNames(ctx, selector.base, word);
    if (members.length) return completeWord(line, word, members, '');
  }
  if (selector) {
    const rpc = await ctx.rpc('complete a field');
    // Only the value's own level: its fields' names, none of their values.
    const cfg = { FollowPointers: true, MaxVariableRecurse: 0, MaxStringLen: 0, MaxArrayValues: 0, MaxStructFields: -1 };
    const v = await rpc.call<{ Variable: RpcVariable }>('Eval', { Scope: scopeOf(ctx.session.state.selection), Expr: selector.base, Cfg: cfg }).then(
      (out) => out.Variable,
      (err: unknown) => {
        throw new UserError(`Cannot complete a field of '${selector.base}': ${describeError(err)}.`, 'Tab completes the fields of a struct, or of a pointer to one, in the frame shown.');
      },
    );
    const fields = fieldNames(v);
    if (!fields.length) throw new UserError(`'${selector.base}' is ${v.type ? `of type ${v.type}` : 'no struct'}: it has no fields to complete.`, 'Tab after a dot completes the fields of a struct, or of a pointer to one.');
    return completeWord(line, word, fields.filter((n) => n.startsWith(word)).sort(), '');
  }
  const locals = names.filter((n) => n.startsWith(word)).sort();
  return completeWord(line, word, [...locals, ...(word ? (await packageVars(ctx, word)).filter((n) => !locals.includes(n)) : [])], '');
}
