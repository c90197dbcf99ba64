import { UserError } from '../errors.js';
import { nearestNames } from '../core/text.js';
import { parseServerAddress, type ServerAddress } from './address.js';
import { parseRuleFlag, type SubstituteRule } from '../source/substitute.js';
import { shellQuote } from '../core/shell.js';
import { formatHostPort } from '../transport/address.js';

/** What the user asked gotui to debug. */
export type Target =
  | { kind: 'attach'; address: ServerAddress }
  /** `attach --pid N`; with `destination`, on that SSH host. */
  | { kind: 'pid'; pid: number; destination?: string }
  | { kind: 'exec'; program: string; args: string[] }
  | { kind: 'debug'; pkg: string; args: string[] }
  | { kind: 'demo'; name: string; args: string[] }
  | { kind: 'core'; program: string; core: string }
  | { kind: 'test'; pkg: string; run?: string; args: string[] };

export interface Options {
  /** Halt the target when gotui connects (otherwise a running target keeps running). */
  stop: boolean;
  /** How long each step of the DAP handshake may take (ms). */
  handshakeMs?: number;
  /** Substitute-path rules from --substitute-path FROM=TO (and the project's .gotui.json). */
  substitutePath?: SubstituteRule[];
  /** The image of the debug container for k8s:// without a port (it must have dlv). */
  debugImage?: string;
  /** A read-only viewer: never runs, steps or sets breakpoints (pair debugging). */
  follow?: boolean;
  /** Neither restore the program's saved breakpoints nor save them (also GOTUI_NO_RESTORE=1). */
  noRestore?: boolean;
  /** The loopback port the Delve gotui starts listens on (`--listen`); any free one when absent. */
  listenPort?: number;
}

export type Invocation = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; target: Target; options: Options };

export const USAGE = `Usage:
  gotui attach [--stop] ADDR          connect to a headless Delve (:2345, host:2345, [::1]:2345; over ssh user@host:2345 or ssh://host:2345)
  gotui attach [--stop] --pid N       start Delve on process N and attach
  gotui attach [--stop] user@host     list the Delve servers on that host's loopback and pick one
  gotui attach [--stop] user@host --pid N  start Delve on process N there (over ssh) and attach
  gotui attach [--stop] k8s://[CONTEXT/]NS/POD[/CONTAINER][:PORT]  through kubectl (port-forward, or debug without :PORT)
  gotui attach --follow ADDR          join read-only: watch what others do on that Delve, change nothing
  gotui exec [--stop] BIN [-- ARGS]   start BIN under Delve
  gotui debug [--stop] [PKG] [-- ARGS] build PKG (default .) and start it under Delve
  gotui demo [NAME] [-- ARGS]         build a demo from demos/ and debug it (default: orders)
  gotui run SCRIPT [--json FILE] [--junit FILE] [--timeout DUR] [--hide-output] -- TARGET...
                                      run a script of commands and expectations, no terminal needed
                                      (TARGET: one of the forms above; exit 0 held, 1 failed, 2 error)
  gotui core BIN CORE                 open a core file of BIN (post-mortem: everything reads, nothing runs)
  gotui test [PKG] [-run RE] [-- ARGS] build PKG's tests (default .) and debug them
Options:
  --stop        halt the target on connect (default: a running target keeps running)
  --follow      a read-only viewer of a Delve others drive (pair debugging): no run control, no breakpoints
  --handshake-timeout DUR  how long Delve may take to answer each step of attaching (default 3s)
  --substitute-path FROM=TO  read the target's sources under FROM (as built) from TO here; repeatable
  --debug-image IMAGE  the kubectl debug container's image, with dlv in it (default ghcr.io/go-delve/delve:latest)
  --no-restore  start without the breakpoints saved for the program (PROJECT/.gotui/breakpoints.json), and save none
  --listen [127.0.0.1:]PORT  the loopback port the Delve gotui starts listens on (exec, debug, demo, test, attach --pid), for a pair
                peer's gotui attach :PORT or the dlv CLI; default: a free one (:info names it)
  -h, --help    this text;  --version  gotui's version`;

const HINT = 'Run gotui --help for the forms it takes.';
// `run` is batch mode's, which bin/gotui.js hands to its own bundle before these are parsed.
const VERBS = ['attach', 'exec', 'debug', 'demo', 'core', 'test', 'run'];

/** The options USAGE lists (`--stop`, `--pid`...): a mistyped one is matched against them. */
const OPTIONS = [...new Set([...USAGE.matchAll(/(?<=[\s[])--[a-z][a-z-]*/g)].map((m) => m[0]))];

function didYouMean(verb: string): string | undefined {
  const near = nearestNames(verb, VERBS);
  return near.length ? `Did you mean gotui ${near.join(', ')}? gotui --help lists the forms.` : undefined;
}

/**
 * `--listen`'s value: a port, alone or on loopback (`2345`, `:2345`, `127.0.0.1:2345`,
 * `localhost:2345`). Delve asks no password, so any other address is refused.
 */
export function parseListen(text: string | undefined): number {
  const m = /^(?:(127\.0\.0\.1|localhost)?:)?(\d{1,5})$/.exec(text ?? '');
  const port = m ? Number(m[2]) : NaN;
  if (m && port >= 1 && port <= 65535) return port;
  const host = m ? undefined : /^(.*):\d+$/.exec(text ?? '')?.[1];
  if (host) throw new UserError(`--listen takes a port on this machine's loopback, not ${host}: Delve asks no password, so gotui listens nowhere else.`, 'Listen on loopback (--listen 2345); from another machine, reach it over SSH: gotui attach user@host:2345');
  throw new UserError(`--listen needs a port from 1 to 65535, not '${text ?? ''}'.`, 'Example: gotui demo --listen 2345');
}

/** `3s`, `500ms`, `1m`, or plain seconds. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const ms = Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000);
  // 400 digits are a number to Number(), Infinity to anyone else.
  return Number.isSafeInteger(ms) ? ms : undefined;
}

export function parseArgs(argv: string[]): Invocation {
  const dashdash = argv.indexOf('--');
  const own = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
  const passed = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
  const options: Options = { stop: false };
  const words: string[] = [];
  let pid: number | undefined;
  let testRun: string | undefined;
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!;
    if (a === '-h' || a === '--help' || a === 'help') return { kind: 'help' };
    if (a === '--version' || a === 'version') return { kind: 'version' };
    if (a === '--stop') options.stop = true;
    else if (a === '--follow') options.follow = true;
    else if (a === '--no-restore') options.noRestore = true;
    else if (a === '-run' || a === '--run' || a.startsWith('-run=')) {
      testRun = a.includes('=') ? a.slice(a.indexOf('=') + 1) : own[++i];
      if (!testRun) throw new UserError('-run needs a regular expression naming tests, e.g. -run TestParse.', HINT);
    }
    else if (a === '--handshake-timeout' || a.startsWith('--handshake-timeout=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : own[++i];
      const ms = v ? parseDurationMs(v) : undefined;
      if (ms === undefined || ms <= 0 || ms > 600_000) throw new UserError(`--handshake-timeout needs a duration such as 3s or 500ms, not '${v ?? ''}'.`, HINT);
      options.handshakeMs = ms;
    }
    else if (a === '--debug-image' || a.startsWith('--debug-image=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : own[++i];
      if (!v) throw new UserError('--debug-image needs an image name.', 'Example: --debug-image ghcr.io/go-delve/delve:latest');
      options.debugImage = v;
    } else if (a === '--substitute-path' || a.startsWith('--substitute-path=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : own[++i];
      options.substitutePath = [...(options.substitutePath ?? []), parseRuleFlag(v ?? '')];
    } else if (a === '--listen' || a.startsWith('--listen=')) {
      options.listenPort = parseListen(a.includes('=') ? a.slice(a.indexOf('=') + 1) : own[++i]);
    } else if (a === '--pid' || a.startsWith('--pid=')) {
      const v = a.includes('=') ? a.slice(6) : own[++i];
      // A pid_t is 1 to 2^31-1: 0 or 99999999999999999999 would reach Delve as a process id.
      if (!v || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 2 ** 31 - 1) throw new UserError(`--pid needs a process id, not '${v ?? ''}'.`, HINT);
      pid = Number(v);
    } else if (a.startsWith('-') && a !== '-') {
      const near = nearestNames(a.split('=')[0]!, OPTIONS);
      throw new UserError(`Unknown option ${a}.`, near.length ? `Did you mean ${near.join(', ')}? ${HINT}` : HINT);
    }
    else words.push(a);
  }
  const [verb, ...rest] = words;
  if (!verb) throw new UserError('Say what to debug.', `${HINT} (e.g. gotui attach :2345, gotui demo)`);
  if (testRun !== undefined && verb !== 'test') throw new UserError('-run is for gotui test.', 'Example: gotui test ./pkg -run TestParse');
  const run = (target: Target): Invocation => {
    // Only a Delve gotui starts here listens where gotui says.
    if (options.listenPort !== undefined && (target.kind === 'attach' || target.kind === 'core' || (target.kind === 'pid' && target.destination))) throw new UserError(`--listen sets the port of the Delve gotui starts on this machine, which gotui ${target.kind === 'core' ? 'core' : 'attach ADDR'} does not${target.kind === 'core' ? ' share (a core has no one to pair with)' : ''}.`, 'Use it with exec, debug, demo, test or attach --pid N: gotui demo --listen 2345');
    if (options.follow && target.kind !== 'attach') throw new UserError('--follow joins a Delve that others drive: use it as gotui attach --follow ADDR.', HINT);
    if (options.follow && options.stop) throw new UserError('--follow changes nothing in the target, so it cannot --stop it.', 'Drop one of the two.');
    return { kind: 'run', target, options };
  };
  switch (verb) {
    case 'attach':
      if (pid !== undefined) {
        if (rest.length === 1) {
          const where = parseServerAddress(rest[0]!);
          if (where.kind !== 'ssh-find') throw new UserError(`attach --pid N takes an SSH host without a port (user@host), not '${rest[0]}'.`, 'gotui starts Delve on that host: gotui attach user@host --pid 1234');
          return run({ kind: 'pid', pid, destination: where.destination });
        }
        expectNone(rest, 'attach --pid N');
        return run({ kind: 'pid', pid });
      }
      if (rest.length !== 1) throw new UserError('attach takes one address, or --pid N.', HINT);
      return run({ kind: 'attach', address: parseServerAddress(rest[0]!) });
    case 'exec':
      if (rest.length !== 1) throw new UserError('exec takes one binary; put its arguments after --.', 'Example: gotui exec ./svc -- -port 8080');
      return run({ kind: 'exec', program: rest[0]!, args: passed });
    case 'debug':
      if (rest.length > 1) throw new UserError('debug takes one package; put its arguments after --.', 'Example: gotui debug ./cmd/svc -- -v');
      return run({ kind: 'debug', pkg: rest[0] ?? '.', args: passed });
    case 'demo':
      if (rest.length > 1) throw new UserError('demo takes one demo name.', HINT);
      return run({ kind: 'demo', name: rest[0] ?? 'orders', args: passed });
    case 'core':
      if (rest.length !== 2) throw new UserError('core takes a binary and its core file.', 'Example: gotui core ./svc ./core.1234');
      return run({ kind: 'core', program: rest[0]!, core: rest[1]! });
    case 'test':
      if (rest.length > 1) throw new UserError('test takes one package; put the test binary\'s flags after --.', 'Example: gotui test ./pkg -run TestParse -- -test.v');
      return run({ kind: 'test', pkg: rest[0] ?? '.', ...(testRun !== undefined ? { run: testRun } : {}), args: passed });
    default:
      // `gotui :2345` is what people type first.
      if (rest.length === 0 && /:\d+$/.test(verb)) return run({ kind: 'attach', address: parseServerAddress(verb) });
      throw new UserError(`Unknown command '${verb}'.`, didYouMean(verb) ?? HINT);
  }
  function expectNone(extra: string[], form: string) {
    if (extra.length) throw new UserError(`${form} takes no other words (got '${extra.join(' ')}').`, HINT);
  }
}

/**
 * The TARGET words `gotui run SCRIPT -- TARGET` takes to reach `target` again, shell-quoted (a
 * recording's header names them); undefined where a script cannot: a core, a Delve picked from a list.
 */
export function replayWords(target: Target): string | undefined {
  const after = (args: string[]) => (args.length ? ` -- ${args.map(shellQuote).join(' ')}` : '');
  switch (target.kind) {
    case 'attach': {
      const a = target.address;
      if (a.kind === 'ssh-find') return undefined;
      return `attach ${shellQuote(a.kind === 'k8s' ? a.address : a.kind === 'ssh' ? `${a.destination}:${a.port}` : formatHostPort(a))}`;
    }
    case 'pid':
      return `attach ${target.destination ? `${shellQuote(target.destination)} ` : ''}--pid ${target.pid}`;
    case 'exec':
      return `exec ${shellQuote(target.program)}${after(target.args)}`;
    case 'debug':
      return `debug ${shellQuote(target.pkg)}${after(target.args)}`;
    case 'demo':
      return `demo ${shellQuote(target.name)}${after(target.args)}`;
    case 'test':
      return `test ${shellQuote(target.pkg)}${target.run !== undefined ? ` -run ${shellQuote(target.run)}` : ''}${after(target.args)}`;
    case 'core':
      return undefined;
  }
}
