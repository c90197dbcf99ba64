import { UserError } from '../errors.js';
import { parseArgs, parseDurationMs, type Options, type Target } from '../cli/args.js';

/** `gotui run SCRIPT [--json FILE] [--junit FILE] [--timeout DUR] [--hide-output] -- TARGET...` */
export interface RunArgs {
  script: string;
  json?: string;
  junit?: string;
  timeoutMs: number;
  /** The program's own output is not copied to stderr. */
  hideOutput?: boolean;
  /** What to debug, in the interactive CLI's forms (`exec BIN -- ARGS`, `attach ADDR`, `demo NAME`...). */
  target: Target;
  options: Options;
}

export const RUN_USAGE = 'gotui run SCRIPT [--json FILE] [--junit FILE] [--timeout DUR] [--hide-output] -- TARGET...';
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const HINT = `Usage: ${RUN_USAGE} (TARGET as gotui takes it: exec BIN -- ARGS, debug PKG, test PKG, attach ADDR, demo NAME).`;

export function parseRunArgs(argv: readonly string[]): RunArgs {
  const dashdash = argv.indexOf('--');
  // Nothing given says the script first (trial AJ: told of the target only).
  if (!argv.length) throw new UserError('gotui run needs a script and a target: gotui run SCRIPT -- TARGET.', HINT);
  if (dashdash < 0) throw new UserError('gotui run needs the target after --.', HINT);
  const own = argv.slice(0, dashdash);
  let script: string | undefined;
  const out: Partial<RunArgs> = { timeoutMs: DEFAULT_TIMEOUT_MS };
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      const v = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : own[++i];
      if (!v) throw new UserError(`${name} needs a value.`, HINT);
      return v;
    };
    switch (name) {
      case '--json':
        out.json = value();
        break;
      case '--junit':
        out.junit = value();
        break;
      case '--timeout': {
        const v = value();
        const ms = parseDurationMs(v);
        if (ms === undefined || ms <= 0 || ms > 24 * 3_600_000) throw new UserError(`--timeout needs a duration such as 90s or 10m${ms !== undefined ? ', more than 0 and at most a day' : ''}, not '${v}'.`, HINT);
        out.timeoutMs = ms;
        break;
      }
      case '--hide-output':
        out.hideOutput = true;
        break;
      default:
        if (a.startsWith('-')) throw new UserError(`Unknown option ${a}.`, HINT);
        if (script !== undefined) throw new UserError(`gotui run takes one script (got '${script}' and '${a}').`, HINT);
        script = a;
    }
  }
  if (!script) throw new UserError('gotui run needs a script file.', HINT);
  const target = parseArgs(argv.slice(dashdash + 1));
  if (target.kind !== 'run') throw new UserError('Say what to debug after --.', HINT);
  return { ...(out as RunArgs), script, target: target.target, options: target.options };
}
