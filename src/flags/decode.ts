/** Reading what Delve (DAP evaluate and variables, v1.27.1 checked) answers about FlagSets, flags and calls. */
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { goQuote, goUnquote } from '../core/gostrings.js';
import { PFLAG_PATH, type FlagLibrary } from './values.js';

/** Which flag package a FlagSet's type (as Delve names it) comes from; undefined for anything else. */
export function flagSetLibrary(type: string): FlagLibrary | undefined {
  const bare = type.replace(/^\*/, '');
  if (bare === 'flag.FlagSet') return 'flag';
  if (bare === `${PFLAG_PATH}.FlagSet` || bare === 'pflag.FlagSet') return 'pflag';
  return undefined;
}

/** The FlagSets among a package's variables (Delve's ListPackageVars): their names, as `:flags` takes them. */
export function ownFlagSets(vars: readonly { name: string; type: string }[]): string[] {
  return vars.filter((v) => flagSetLibrary(v.type)).map((v) => v.name);
}

/** `uintptr(x)` evaluates to "33616402964656 = 0x1e92edc1e0b0": the address as hex, for a cast. */
export function parseUintptr(result: string): string | undefined {
  const hex = /0x[0-9a-f]+/i.exec(result);
  if (hex) return hex[0].toLowerCase();
  const dec = /^\d+$/.exec(result.trim());
  return dec ? `0x${BigInt(dec[0]).toString(16)}` : undefined;
}

/**
 * An interface variable: Delve types it `flag.Value(*flag.intValue)` and shows it as
 * `flag.Value(*flag.intValue) *32`. Gives the dynamic type and the concrete value's text with the
 * pointer's `*` taken off; `concrete` is undefined for a nil interface.
 */
export function splitInterface(type: string, value: string): { concrete?: string; rendering: string } {
  const open = type.indexOf('(');
  if (open < 0 || !type.endsWith(')')) return { rendering: value.replace(/^\S+\s+/, '') };
  const concrete = type.slice(open + 1, -1);
  // The shown prefix uses short package names (pflag.Value(*pflag.intValue)): skip its parentheses.
  const vOpen = value.indexOf('(');
  const vClose = vOpen < 0 ? -1 : matchingParen(value, vOpen);
  let rendering = vClose < 0 ? value : value.slice(vClose + 1).replace(/^ /, '');
  if (concrete.startsWith('*') && rendering.startsWith('*')) rendering = rendering.slice(1);
  return { concrete, rendering };
}

function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * One child of a map with string keys, from DAP `variables`: Delve names it by the quoted key
 * (`"batch"`) and gives an evaluateName that reaches the value (`((EXPR).formal)["batch"]`).
 */
export function mapEntry(child: P.Variable): { key: string; expr: string } | undefined {
  if (!child.evaluateName || !child.name.startsWith('"')) return undefined;
  const key = goUnquote(child.name);
  return key === undefined ? undefined : { key, expr: child.evaluateName };
}

/** What a call of `Set` returned: nil, or the error's message as its Error() would give it where Delve's text allows. */
export function callError(result: string): { message: string } | undefined {
  const r = result.trim();
  if (r === '' || r === 'error nil' || r === 'nil') return undefined;
  return { message: errorText(r) };
}

function errorText(rendering: string): string {
  const m = /^error\((\*?)([^)]*)\) \*?(.*)$/s.exec(rendering);
  if (!m) return rendering;
  const type = m[2]!;
  const fields = structFields(m[3]!);
  if (!fields) return rendering;
  const str = (k: string) => (fields[k] !== undefined ? goUnquote(fields[k]!) : undefined);
  switch (type) {
    case 'errors.errorString':
      return str('s') ?? rendering;
    case 'fmt.wrapError':
    case 'fmt.wrapErrors':
      return str('msg') ?? rendering;
    case 'strconv.NumError': {
      const fn = str('Func');
      const num = str('Num');
      if (fn !== undefined && num !== undefined && fields.Err) return `strconv.${fn}: parsing ${goQuote(num)}: ${errorText(fields.Err)}`;
      return rendering;
    }
  }
  for (const k of ['msg', 'message', 'Msg', 'Message', 's']) {
    const v = str(k);
    if (v !== undefined) return v;
  }
  return rendering;
}

/** `{s: "x", Err: error(...) *{...}}` -> its top-level fields, values as Delve wrote them. */
export function structFields(text: string): Record<string, string> | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const body = t.slice(1, -1);
  const out: Record<string, string> = {};
  let depth = 0;
  let inStr = false;
  let start = 0;
  const take = (end: number) => {
    const part = body.slice(start, end).trim();
    const colon = part.indexOf(': ');
    if (colon > 0) out[part.slice(0, colon)] = part.slice(colon + 2);
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      // A slice field prints as `[]int len: 2, cap: 2, [1,2]`: its own commas are not field ends.
      const lenCap = /^ cap: \d+, /.exec(body.slice(i + 1, i + 40));
      if (lenCap && / len: \d+$/.test(body.slice(Math.max(start, i - 30), i))) {
        i += lenCap[0].length - 1;
        continue;
      }
      take(i);
      start = i + 1;
    }
  }
  take(body.length);
  return out;
}


/**
 * True when a call failed only because of where the target stopped: a later stop may allow it.
 * (The runtime's debugCallCheck reasons, Delve's own checks on the goroutine, and a panic Delve
 * recovered as "Internal Error": 1.27.1 dereferenced nil at a pause inside the runtime, in CI.)
 */
export function callNotPossibleHere(message: string): boolean {
  return /not at safe point|within the Go runtime|on Go runtime stack|from unknown function|topmost stack frame|already in progress|goroutine not running|no goroutine selected|not enough stack space|^Internal Error: runtime error/i.test(message);
}
