/**
 * The batch script language (pure: no I/O): gotui's `:` commands one per line, `#` comment lines,
 * `expect ...` assertions, `on break ID { ... }` and `repeat N { ... }` blocks, `sleep DUR`, and
 * `set NAME = VALUE` script variables used as `${NAME}` (substituted as the script is read, in the
 * order of its lines; the environment supplies names the script does not set).
 */
import { UserError } from '../errors.js';
import { nearestNames } from '../core/text.js';
import { malformedLiteral, parseGoLiteral, type CompareOp, type PrintOp } from './compare.js';
import { parseDurationMs } from '../cli/args.js';
import { parseGoroutinesArgs } from '../goroutines/args.js';
import { parseProbeCommand } from '../bpf/script.js';
import { parseExamineCommand } from '../memory/examine-grammar.js';
import { dlvWordInstead } from '../commands/dlv-words.js';

export type Expectation =
  | { kind: 'stop'; at?: string; reason?: string; withinMs?: number }
  | { kind: 'running' }
  | { kind: 'exit'; code?: number; withinMs?: number }
  | { kind: 'output'; pattern: string; withinMs?: number }
  /** `elements`: VALUE is a slice or array literal (`[]int{1, 2}`), compared element by element. */
  | { kind: 'print'; expr: string; op: PrintOp; value: string; elements?: string[] }
  | { kind: 'goroutines'; args: string; group?: string; op: CompareOp; count: number }
  | { kind: 'bpf'; probe: string; op: CompareOp; count: number; withinMs?: number }
  | { kind: 'memory'; examine: string; op: '==' | '!='; words: string[] }
  | { kind: 'decode'; as: 'slice' | 'string' | 'iface'; expr: string };

interface At {
  /** 1-based line of the script file. */
  line: number;
  /** The line as it runs (variables substituted, no leading `:`). */
  text: string;
}

export type Step =
  /** `run`: what runs, where it is not the text (a script's `args` runs `locals -args`). */
  | (At & { kind: 'command'; run?: string })
  | (At & { kind: 'expect'; expect: Expectation })
  | (At & { kind: 'sleep'; ms: number })
  | (At & { kind: 'repeat'; count: number; body: Step[] })
  | (At & { kind: 'on-break'; breakpoint: number; body: Step[] });

export interface Script {
  file: string;
  steps: Step[];
}

export interface ParseOptions {
  /** Names for `${NAME}` the script does not set (the environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether a command name is one of gotui's (unknown ones fail the parse, before anything starts). */
  isCommand?: (line: string) => boolean;
  /** The commands nearest a mistyped name, for the hint. */
  near?: (name: string) => string[];
}

/** A mistake in a script: one sentence that starts with FILE:LINE. */
export class ScriptError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
    hint?: string,
  ) {
    super(`${file}:${line}: ${message}`, hint);
    this.name = 'ScriptError';
  }
}

/** What scripts add to gotui's commands. */
const SCRIPT_WORDS = ['expect', 'repeat', 'sleep', 'set'];
const REFERENCE = 'The script language is described in the README, section "Batch mode and CI".';
const OPS: readonly CompareOp[] = ['==', '!=', '<=', '>=', '<', '>'];
const COUNT = /^(.*?)\s*\bcount\s+(==|!=|<=|>=|<|>)\s+(\d+)$/;

export function parseScript(text: string, file: string, opts: ParseOptions = {}): Script {
  const vars = new Map<string, string>();
  const used = new Set<string>();
  const setAt = new Map<string, number>();
  const lines = text.split('\n');
  let i = 0;

  const fail = (line: number, message: string, hint = REFERENCE): never => {
    throw new ScriptError(file, line, message, hint);
  };

  const expand = (raw: string, line: number): string =>
    raw.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      if (!/^[A-Za-z_]\w*$/.test(name)) fail(line, `'\${${name}}' is not a variable name.`, 'Names are letters, digits and _, e.g. ${LIMIT}.');
      used.add(name);
      const v = vars.get(name) ?? opts.env?.[name];
      if (v === undefined) fail(line, `\${${name}} is not set.`, `Set it earlier in the script (set ${name} = VALUE) or in the environment.`);
      return v!;
    });

  /** Parses lines until a `}` closes the block (inside one) or the file ends. */
  const block = (opener?: number): Step[] => {
    const steps: Step[] = [];
    while (i < lines.length) {
      const n = i + 1;
      const raw = lines[i++]!.trim();
      if (!raw || raw.startsWith('#')) continue;
      if (raw === '}') {
        if (opener === undefined) fail(n, "'}' closes no block.");
        return steps;
      }
      const text = expand(raw, n).replace(/^:\s*/, '');
      steps.push(...statement(text, n));
    }
    if (opener !== undefined) fail(opener, "This block's '{' is never closed.", "Close it with '}' on a line of its own.");
    return steps;
  };

  const statement = (text: string, n: number): Step[] => {
    const head = /^(on\s+break\s+#?(\d+)|repeat\s+(\d+))\s*\{(.*)$/.exec(text);
    if (head) {
      let body: Step[];
      const rest = head[4]!.trim();
      if (rest === '') body = block(n);
      else if (rest.endsWith('}')) body = splitInline(rest.slice(0, -1)).flatMap((part) => statement(part, n));
      else return fail(n, `A block opened on one line must close on it: '${text}'.`, "Write 'repeat 3 { next; print i }' or put '{' last and the commands on the lines below.");
      if (head[2] !== undefined) return [{ kind: 'on-break', line: n, text, breakpoint: Number(head[2]), body }];
      const count = Number(head[3]);
      if (count < 1 || count > 100_000) fail(n, `repeat takes a count from 1 to 100000, not ${head[3]}.`);
      return [{ kind: 'repeat', line: n, text, count, body }];
    }
    if (/^(on|repeat)\b/.test(text)) fail(n, `'${text}' is not a block.`, "Blocks are 'on break ID {' and 'repeat N {', each closed by '}'.");
    const set = /^set\s+([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(text);
    if (set && set[1] !== 'var') {
      vars.set(set[1]!, set[2]!.trim());
      setAt.set(set[1]!, n);
      return [];
    }
    const sleep = /^sleep(?:\s+(.*))?$/.exec(text);
    if (sleep) return [{ kind: 'sleep', line: n, text, ms: duration(sleep[1] ?? '', n, 'sleep') }];
    if (/^expect\b/.test(text)) return [{ kind: 'expect', line: n, text, expect: expectation(text.slice(6).trim(), n) }];
    if (opts.isCommand && !opts.isCommand(text)) {
      const name = text.split(/\s+/)[0]!;
      const instead = dlvWordInstead(name);
      if (instead) fail(n, instead.message, instead.hint);
      const near = [...new Set([...nearestNames(name, SCRIPT_WORDS), ...(opts.near?.(name) ?? [])])].slice(0, 5);
      fail(n, `'${name}' is not a gotui command.`, `${near.length ? `Did you mean ${near.join(', ')}? ` : ''}:help lists the commands; scripts add expect, on break, repeat, sleep and set.`);
    }
    // gdb's x is checked as it is read, as expect memory is: a bad format fails before the target starts.
    if (/^x(\/|\s|$)/.test(text)) {
      try {
        parseExamineCommand(text);
      } catch (err) {
        if (err instanceof UserError) fail(n, err.message, err.hint);
        throw err;
      }
    }
    // The dlv CLI's args lists the frame's arguments, where the UI's :args lists os.Args (osargs here): a ported script means the CLI's (trial BY).
    const fargs = /^args(?=\s|$)/.test(text) ? text.replace(/^args/, 'locals -args') : undefined;
    return [{ kind: 'command', line: n, text, ...(fargs ? { run: fargs } : {}) }];
  };

  const duration = (word: string, n: number, what: string): number => {
    const ms = parseDurationMs(word);
    if (ms === undefined || ms <= 0 || ms > 24 * 3_600_000) fail(n, `${what} needs a duration such as 500ms, 10s or 2m, not '${word}'.`);
    return ms!;
  };

  /** Strips a trailing `within DUR`. */
  const within = (text: string, n: number): { rest: string; withinMs?: number } => {
    const m = /^(.*?)\s*\bwithin\s+(\S+)$/.exec(text);
    return m ? { rest: m[1]!, withinMs: duration(m[2]!, n, 'within') } : { rest: text };
  };

  const expectation = (text: string, n: number): Expectation => {
    const kind = /^\S*/.exec(text)![0];
    const args = text.slice(kind.length).trim();
    const usage = (form: string) => fail(n, `'expect ${text}' is not ${form}.`);
    try {
      switch (kind) {
        case 'stop': {
          const { rest, withinMs } = within(args, n);
          const words = rest ? rest.split(/\s+/) : [];
          const e: Expectation = { kind: 'stop', ...(withinMs ? { withinMs } : {}) };
          for (let k = 0; k < words.length; k += 2) {
            const value = words[k + 1];
            if (words[k] === 'at' && value) e.at = value;
            else if (words[k] === 'reason' && value && STOP_REASONS.includes(value)) e.reason = value;
            else if (words[k] === 'reason') fail(n, `'${value ?? ''}' is not a stop reason.`, `Reasons: ${STOP_REASONS.join(', ')}.`);
            else usage('expect stop [at LOC] [reason R] [within DUR]');
          }
          return e;
        }
        case 'running':
          if (args) usage('expect running');
          return { kind: 'running' };
        case 'exit': {
          const { rest, withinMs } = within(args, n);
          if (rest && !/^-?\d+$/.test(rest)) usage('expect exit [CODE] [within DUR]');
          return { kind: 'exit', ...(rest ? { code: Number(rest) } : {}), ...(withinMs ? { withinMs } : {}) };
        }
        case 'output': {
          const { rest, withinMs } = within(args, n);
          const m = /^\/(.*)\/$/.exec(rest);
          if (!m || !m[1]) usage('expect output /REGEX/ [within DUR]');
          return { kind: 'output', pattern: m![1]!, ...(withinMs ? { withinMs } : {}) };
        }
        case 'print': {
          const split = splitComparison(args);
          if (!split) return usage('expect print EXPR OP VALUE (OP is one of == != < <= > >= ~)');
          if (split.op === '~' && !/^\/.+\/$/.test(split.value)) fail(n, `After ~ comes a regular expression in slashes, not '${split.value}'.`, 'Example: expect print o.Customer ~ /^gr/');
          const malformed = split.op === '~' ? undefined : malformedLiteral(split.value);
          if (malformed) fail(n, malformed, 'Values are Go literals: 42, -0x1f, 2.5, 1e6, "text", `raw`, \'x\', true, nil; expressions of the program (b, main.Limit, len(s)); or the text Delve prints for others.');
          // Go compares no slices, and Delve evaluates no composite literal: what a test means is its elements (trial BY).
          const literal = split.op === '~' ? undefined : /^\[\d*\][^{}]+\{(.*)\}$/.exec(split.value);
          if (literal) {
            if (split.op !== '==' && split.op !== '!=') fail(n, `${split.op} does not order slices.`, `Compare them with == or != (element by element): expect print ${split.expr} == ${split.value}`);
            const elements = splitInline(literal[1]!, ',');
            const bad = elements.find((el) => parseGoLiteral(el).kind === 'text' || malformedLiteral(el));
            if (bad) fail(n, `'${bad}' in ${split.value} is not a Go literal: a slice is compared element by element with literals.`, 'Example: expect print nums == []int{1, 2} (or one element: expect print nums[0] == x).');
            return { kind: 'print', expr: split.expr, op: split.op, value: split.value, elements };
          }
          return { kind: 'print', expr: split.expr, op: split.op, value: split.op === '~' ? split.value.slice(1, -1) : split.value };
        }
        case 'goroutines': {
          const m = COUNT.exec(args);
          if (!m) return usage('expect goroutines [-group KEY] [-with F] [-without F] [GROUP] count OP N');
          const { options, group } = splitGoroutineWords(m[1]!);
          parseGoroutinesArgs(options);
          if (group && !/-group\b/.test(options)) fail(n, `A group ('${group}') needs -group KEY to say how goroutines are grouped.`, 'Example: expect goroutines -group userloc main.handleRequest count <= 10');
          return { kind: 'goroutines', args: options, ...(group ? { group } : {}), op: m[2] as CompareOp, count: Number(m[3]) };
        }
        case 'bpf': {
          const { rest, withinMs } = within(args, n);
          const m = COUNT.exec(rest);
          if (!m || !m[1]) return usage('expect bpf PROBE count OP N [within DUR]');
          const probe = parseProbeCommand(m[1]);
          if (probe.template === 'run') fail(n, 'expect bpf counts the events of a template (calls FUNC, syscalls, goroutines, gc, malloc, panics), not of a script.');
          return { kind: 'bpf', probe: m[1], op: m[2] as CompareOp, count: Number(m[3]), ...(withinMs ? { withinMs } : {}) };
        }
        case 'memory': {
          const m = /^(x\/\S+\s+.+?)\s+(==|!=)\s+(.+)$/.exec(args);
          if (!m) return usage('expect memory x/NFU EXPR == WORDS');
          const parsed = parseExamineCommand(m[1]!);
          if (parsed.command.format === 's' || parsed.command.format === 'i') fail(n, `expect memory compares units, and x/${parsed.command.format} has none.`, 'Use a unit format: x d u o t a c f z.');
          return { kind: 'memory', examine: m[1]!, op: m[2] as '==' | '!=', words: m[3]!.trim().split(/\s+/) };
        }
        case 'decode': {
          const m = /^(slice|string|iface)\s+(.+?)\s+ok$/.exec(args);
          if (!m) return usage('expect decode slice|string|iface EXPR ok');
          return { kind: 'decode', as: m[1] as 'slice', expr: m[2]! };
        }
        default:
          return fail(n, `'expect ${kind}' is not an expectation.`, `Expectations: ${EXPECT_KINDS.join(', ')}.`);
      }
    } catch (err) {
      if (err instanceof ScriptError || !(err instanceof UserError)) throw err;
      return fail(n, err.message, err.hint);
    }
  };

  const steps = block();
  // `set n = 3` reads like gotui's :set of a target variable: a script variable nothing uses is that mistake.
  for (const [name, line] of setAt) {
    if (!used.has(name)) fail(line, `'set ${name} = ...' sets a script variable that nothing uses.`, `To assign a variable of the target, write 'set var ${name} = VALUE'; script variables are used as \${${name}}.`);
  }
  return { file, steps };
}

export const EXPECT_KINDS = ['stop', 'running', 'exit', 'output', 'print', 'goroutines', 'bpf', 'memory', 'decode'] as const;

/** What `expect stop reason R` takes: Delve's DAP reasons, and panic / fatal for its exceptions. */
export const STOP_REASONS = ['breakpoint', 'step', 'pause', 'entry', 'exception', 'panic', 'fatal'];

/**
 * `EXPR OP VALUE`: the first comparison operator with spaces on both sides, outside strings and
 * brackets (so `a[i<j]` and `"x == y"` stay whole; `(a < b) == true` compares the parenthesis).
 */
export function splitComparison(text: string): { expr: string; op: PrintOp; value: string } | undefined {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '"' || c === '`' || c === "'") {
      k = quoteEnd(text, k);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      for (const op of [...OPS, '~'] as PrintOp[]) {
        if (text.startsWith(op, k + 1) && /\s/.test(text[k + 1 + op.length] ?? '')) {
          const expr = text.slice(0, k).trim();
          const value = text.slice(k + 1 + op.length).trim();
          return expr && value ? { expr, op, value } : undefined;
        }
      }
    }
  }
  return undefined;
}

/** The index of the quote closing the one at `start` (backslash escapes, except in raw strings). */
function quoteEnd(text: string, start: number): number {
  const q = text[start]!;
  for (let k = start + 1; k < text.length; k++) {
    if (text[k] === '\\' && q !== '`') k++;
    else if (text[k] === q) return k;
  }
  return text.length;
}

/** `a; b; c` of a one-line block (or a literal's `1, 2` by `sep`), split outside strings and brackets. */
export function splitInline(text: string, sep = ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '"' || c === '`' || c === "'") k = quoteEnd(text, k);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(from, k));
      from = k + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The goroutines options (as the `goroutines` command takes them) and the group name after them. */
export function splitGoroutineWords(text: string): { options: string; group?: string } {
  const words = text.trim() ? text.trim().split(/\s+/) : [];
  let k = 0;
  while (k < words.length && words[k]!.startsWith('-')) {
    const w = words[k++]!;
    if (w === '-group') k += words[k] === 'label' ? 2 : 1;
    else if (['-with', '-w', '-without', '-wo'].includes(w)) k += words[k] === 'running' || words[k] === 'user' ? 1 : 2;
  }
  const group = words.slice(k).join(' ');
  return { options: words.slice(0, k).join(' '), ...(group ? { group } : {}) };
}

/** Every expectation of a script, blocks included, in the order of the lines. */
export function expectationsOf(steps: readonly Step[]): Extract<Step, { kind: 'expect' }>[] {
  return steps.flatMap((s) => (s.kind === 'expect' ? [s] : s.kind === 'repeat' || s.kind === 'on-break' ? expectationsOf(s.body) : []));
}

// Not restart: a script's leaves the target halted at its entry, as the dlv CLI's does.
const RUNS = /^(?:c|continue|n|next|s|step|so|stepout)(?:\s|$)/;
const EDITS_BREAKPOINTS = /^(?:b|break|clear|clearall|cond|condition|trace|toggle|breakpoints)(?:\s|$)/;

/**
 * A breakpoint command right after one that runs the target, with nothing between: it runs on the
 * running target, at once, where the dlv CLI's continue would have waited for the stop first
 * (trial CA: `continue` then `clear 1`, and the breakpoint never stopped it). Said, not refused: a
 * breakpoint set while the target runs is a use of its own.
 */
export function breakpointsWhileRunning(steps: readonly Step[]): At[] {
  const out: At[] = [];
  steps.forEach((s, i) => {
    const before = steps[i - 1];
    if (s.kind === 'command' && EDITS_BREAKPOINTS.test(s.text) && before?.kind === 'command' && RUNS.test(before.text)) out.push({ line: s.line, text: s.text });
    if (s.kind === 'repeat' || s.kind === 'on-break') out.push(...breakpointsWhileRunning(s.body));
  });
  return out;
}
