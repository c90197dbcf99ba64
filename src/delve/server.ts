import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { readLines } from '../core/lines.js';
import { buildErrors, delveSaid } from './said.js';
import { UserError } from '../errors.js';
import { mark } from '../core/timings.js';
import type { HostPort } from '../transport/address.js';
import { PINNED_DELVE } from './locate.js';
import { delveTooOldFor, goVersionOfBinary } from '../binary/go-version.js';
import { cancelWithGotui, endWithGotui } from '../core/leftovers.js';
import { cutHint } from '../postmortem/core-file.js';
import { processAlive } from '../app/target-process.js';

/** What gotui asks a Delve it starts itself to debug. */
export type LaunchSpec =
  | { mode: 'exec'; program: string; args: string[] }
  | { mode: 'debug'; pkg: string; args: string[]; cwd?: string }
  | { mode: 'attach'; pid: number }
  | { mode: 'core'; program: string; core: string; /** Why it may not open: the file ends early (said before Delve's words). */ cut?: string; /** Delve wrote it (`dump`). */ byDelve?: boolean }
  | { mode: 'test'; pkg: string; run?: string; args: string[]; cwd?: string };

export interface StartedServer {
  address: HostPort;
  /** What the user should know about how Delve was started (an old Delve run past its Go check). */
  warnings: string[];
  dlvPid: number;
  /** The debuggee's pid (a child of Delve for exec/debug; the given pid for attach). */
  targetPid: number | undefined;
  /** Lines the debuggee and Delve print on their stdout/stderr (gotui owns those streams). */
  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /**
   * Resolves once nothing has come on those streams for a moment (at most a quarter second): what
   * the debuggee wrote before it exited is read before its exit is said.
   */
  quiet?(): Promise<void>;
  /**
   * When gotui could not connect or attach: Delve's own words if it has ended (it may listen and
   * then fail, as on a file that is not a core), waiting up to `withinMs` for it to end.
   */
  failure?(withinMs: number): Promise<UserError | undefined>;
  /** Ends the debuggee (when Delve started it) and Delve, by pid; resolves when Delve has exited. */
  stop(): Promise<void>;
  /** Before gotui leaves them running: their output goes on into a file (returned), owner-only. */
  keepOutput?(): string | undefined;
  exited: Promise<void>;
}

const LISTENING = /API server listening at:\s*(\S+)/;
/** Output pipes quiet this long have nothing more of an exited debuggee's to read. */
const QUIET_MS = 15;

/**
 * Starts `dlv --headless --accept-multiclient --api-version=2` on a free loopback port (port 0:
 * Delve picks it and prints it), so that DAP and the JSON-RPC side channel can both connect.
 * An older Delve refuses a newer Go; real users have old Delves, and most of it still works, so
 * when `delveVersion` is older than the program's Go it is run past that check, with a warning.
 */
/** `onSpawn`: called once Delve's process exists, while it loads the target (idle time the caller may use); `port`: that port instead of a free one. */
export async function startHeadlessDelve(dlv: string, spec: LaunchSpec, opts: { timeoutMs?: number; cwd?: string; delveVersion?: string; onSpawn?: () => void; port?: number } = {}): Promise<StartedServer> {
  const program = spec.mode === 'exec' || spec.mode === 'core' ? spec.program : spec.mode === 'attach' ? exeOf(spec.pid) : undefined;
  const go = program ? goVersionOfBinary(program) : undefined;
  const old = !!(go && opts.delveVersion && delveTooOldFor(opts.delveVersion, go));
  const server = await startOnce(dlv, spec, opts, old ? ['--check-go-version=false'] : []);
  if (old) server.warnings.push(`Delve ${opts.delveVersion} is older than the target's Go (${go}); gotui runs it with --check-go-version=false, so some values may be wrong. Remove it from PATH (gotui then installs Delve ${PINNED_DELVE}) or set GOTUI_DLV to a newer dlv.`);
  return server;
}

async function startOnce(dlv: string, spec: LaunchSpec, opts: { timeoutMs?: number; cwd?: string; onSpawn?: () => void; port?: number }, extra: string[]): Promise<StartedServer> {
  const common = ['--headless', `--listen=127.0.0.1:${opts.port ?? 0}`, '--accept-multiclient', '--api-version=2', ...extra];
  let argv: string[];
  switch (spec.mode) {
    case 'exec':
      argv = ['exec', spec.program, ...common, ...(spec.args.length ? ['--', ...spec.args] : [])];
      break;
    case 'debug':
      argv = ['debug', spec.pkg, ...common, ...(spec.args.length ? ['--', ...spec.args] : [])];
      break;
    case 'attach':
      argv = ['attach', String(spec.pid), ...common];
      break;
    case 'core':
      argv = ['core', spec.program, spec.core, ...common];
      break;
    case 'test': {
      // The test binary's own flags: -test.run picks the tests.
      const testArgs = [...(spec.run !== undefined ? ['-test.run', spec.run] : []), ...spec.args];
      argv = ['test', spec.pkg, ...common, ...(testArgs.length ? ['--', ...testArgs] : [])];
      break;
    }
  }
  // go's work folder goes in a folder of gotui's own: a cancelled build's is found there and removed (trial CA).
  const goTmp = spec.mode === 'debug' || spec.mode === 'test' ? fs.mkdtempSync(path.join(process.env.GOTMPDIR || os.tmpdir(), 'gotui-build-')) : undefined;
  const child = execa(dlv, argv, {
    cwd: spec.mode === 'debug' || spec.mode === 'test' ? spec.cwd ?? opts.cwd : opts.cwd,
    ...(goTmp ? { env: { GOTMPDIR: goTmp } } : {}),
    reject: false,
    buffer: false,
    stdin: 'ignore',
    // Delve's own process group would get the terminal's SIGINT; gotui decides when Delve ends.
    detached: true,
    cleanup: true,
  });
  mark('delve spawned');
  const forget = endWithGotui(child.pid);
  opts.onSpawn?.();
  const listeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
  const early: [string, 'stdout' | 'stderr'][] = [];
  const exited = child.then(() => undefined, () => undefined);
  let done = false;
  let lastOutput = 0;
  /** Delve's last lines, for failure(). */
  const recent: string[] = [];
  exited.then(() => {
    done = true;
    forget();
    if (goTmp) fs.rmSync(goTmp, { recursive: true, force: true });
  });
  // Delve builds a package (debug, test) before it listens: a signal then cancels that build (trial CA).
  let cancelled: Promise<UserError> | undefined;
  const forgetBuild = spec.mode === 'debug' || spec.mode === 'test' ? cancelWithGotui(() => void (cancelled ??= cancelBuild(spec, child.pid!, exited, goTmp!))) : () => undefined;
  void exited.then(forgetBuild);

  const address = await new Promise<HostPort>((resolve, reject) => {
    const timer = setTimeout(() => fail(`Delve did not start listening within ${(opts.timeoutMs ?? 60_000) / 1000}s.`), opts.timeoutMs ?? 60_000);
    const fail = (msg: string) => {
      clearTimeout(timer);
      if (cancelled) void cancelled.then(reject);
      else reject(delveFailed(spec, msg, early.map(([l]) => l), opts.cwd));
    };
    const onLine = (line: string, stream: 'stdout' | 'stderr') => {
      lastOutput = performance.now();
      if (recent.push(line) > 20) recent.shift();
      const m = LISTENING.exec(line);
      if (m) {
        clearTimeout(timer);
        const [host, port] = splitListen(m[1]!);
        resolve({ host, port });
        return;
      }
      if (listeners.length) for (const l of listeners) l(line, stream);
      else early.push([line, stream]);
    };
    // The program's output: what it wrote, bytes that are not UTF-8 too.
    readLines(child.stdout, (l) => onLine(l, 'stdout'), { escapeInvalid: true });
    readLines(child.stderr, (l) => onLine(l, 'stderr'), { escapeInvalid: true });
    exited.then(() => fail('Delve exited before it was ready.'));
  });

  const dlvPid = child.pid!;
  // Delve listens before it starts the target: a target it cannot start shows as Delve exiting now. A core has no process.
  const started = spec.mode === 'attach' ? spec.pid : spec.mode === 'core' ? undefined : await Promise.race([waitForTarget(dlvPid, 10_000), exited.then(() => 'exited' as const)]);
  forgetBuild();
  if (cancelled) throw await cancelled;
  if (started === 'exited' || done) throw delveFailed(spec, 'Delve exited before the target started.', early.map(([l]) => l), opts.cwd);
  const targetPid = started;
  mark('delve listening, target started');
  return {
    address,
    warnings: [],
    dlvPid,
    targetPid,
    onOutput(listener) {
      listeners.push(listener);
      for (const [l, s] of early.splice(0)) listener(l, s);
    },
    async quiet() {
      // The exit is reported after the debuggee's last write is in the pipe: a turn or two of reading drains it.
      const until = performance.now() + 250;
      do await new Promise((r) => setTimeout(r, QUIET_MS));
      while (performance.now() - lastOutput < QUIET_MS && performance.now() < until);
    },
    async failure(withinMs) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, withinMs).unref())]);
      if (!done) return undefined;
      const said = delveSaid(recent) || 'it said nothing.';
      const what = spec.mode === 'core' ? `${spec.cut ? `${spec.cut} ` : ''}Delve could not open the core ${spec.core}` : 'Delve ended before gotui could attach';
      return new UserError(`${what}: ${said}`, hintFor(spec, said));
    },
    keepOutput() {
      // Once gotui exits, nothing would read Delve's and the target's output (one pipe each way, shared):
      // their next write would kill them with SIGPIPE. A process of their own takes the read ends over.
      if (done || !child.stdout || !child.stderr) return undefined;
      try {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-output-')), 'output.log');
        const fd = fs.openSync(file, 'a', 0o600);
        try {
          // Node, not cat: libuv made the pipes non-blocking, and cat gives up at the first EAGAIN.
          spawn(process.execPath, ['-e', DRAIN], { stdio: ['ignore', fd, fd, child.stdout, child.stderr], detached: true }).unref();
        } finally {
          fs.closeSync(fd);
        }
        child.stdout.destroy();
        child.stderr.destroy();
        return file;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (done) return;
      const children = childrenOf(dlvPid);
      if (spec.mode !== 'attach' && spec.mode !== 'core') for (const pid of targetPid ? [targetPid, ...children] : children) killQuietly(pid, 'SIGKILL');
      killQuietly(dlvPid, 'SIGTERM');
      const timer = setTimeout(() => killQuietly(dlvPid, 'SIGKILL'), 3_000);
      // Bounded: a grandchild holding Delve's pipes must not keep this waiting.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 6_000))]);
      clearTimeout(timer);
    },
    exited,
  };
}

/** Copies fds 3 and 4 (the pipes' read ends) to fd 1 (the file) until both end. */
const DRAIN = "const net = require('net'); for (const fd of [3, 4]) new net.Socket({ fd, readable: true, writable: false }).on('data', (b) => require('fs').writeSync(1, b)).on('error', () => {});";

/** Delve's own names for the binary it builds (`__debug_bin123`, `debug.test123`): the only files a cancel removes. */
const DELVE_BUILD_OUTPUT = /^(__debug_bin|debug\.test)\d*$/;

/**
 * Ends the build Delve runs and Delve, and removes what the build was writing: the binary and go's
 * work folder (in `goTmp`). Neither go nor its compilers end on SIGINT (go writes its binary all the same): all
 * are killed, deepest first, then Delve's process group (detached: its own), and Delve is reaped.
 */
async function cancelBuild(spec: LaunchSpec & { mode: 'debug' | 'test' }, dlvPid: number, exited: Promise<void>, goTmp: string): Promise<UserError> {
  const dlvExe = exeOf(dlvPid);
  const started = descendantsOf(dlvPid);
  // Delve's children that are not Delve (its telemetry helper is): the build, or the target it built.
  const outputs = childrenOf(dlvPid).filter((pid) => exeOf(pid) !== dlvExe).map((pid) => buildOutput(pid) ?? binaryOf(pid)).filter((f): f is string => !!f && DELVE_BUILD_OUTPUT.test(path.basename(f)));
  for (const pid of [...started].reverse()) killQuietly(pid, 'SIGKILL');
  killQuietly(-dlvPid, 'SIGKILL');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000).unref())]);
  for (const file of [...outputs, goTmp]) fs.rmSync(file, { force: true, recursive: true });
  const left = [dlvPid, ...started].filter(processAlive);
  const what = `Build of ${spec.mode === 'test' ? 'the tests of ' : ''}${packageWords(spec)} cancelled`;
  return left.length ? new UserError(`${what}, but ${left.length === 1 ? 'process' : 'processes'} ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} still running.`, `End ${left.length === 1 ? 'it' : 'them'}: kill -9 ${left.join(' ')}`) : new UserError(`${what}; nothing left running.`);
}

function argsOf(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The file `go build -o FILE` / `go test -c -o FILE` (process `pid`) writes, by its working folder. */
function buildOutput(pid: number): string | undefined {
  try {
    const argv = argsOf(pid);
    const o = argv.indexOf('-o');
    return o > 0 && argv[o + 1] ? path.resolve(fs.readlinkSync(`/proc/${pid}/cwd`), argv[o + 1]!) : undefined;
  } catch {
    return undefined;
  }
}

function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [c, ...descendantsOf(c)]);
}

/** The package as the user would give it to go build: a folder built from inside is named by its path from here. */
function packageWords(spec: LaunchSpec & { mode: 'debug' | 'test' }): string {
  // `./cmd/shop`: go build takes a bare `cmd/shop` for a package of the standard library.
  const rel = spec.cwd ? path.relative(process.cwd(), spec.cwd) : undefined;
  return rel === undefined ? spec.pkg : rel === '' ? '.' : rel.startsWith('.') || path.isAbsolute(rel) ? rel : `./${rel}`;
}

/** Why Delve did not start: a build's errors as go build prints them, else Delve's last words and a hint. */
function delveFailed(spec: LaunchSpec, msg: string, lines: readonly string[], cwd: string | undefined): UserError {
  if (spec.mode === 'debug' || spec.mode === 'test') {
    const errors = buildErrors(lines, spec.cwd ?? cwd ?? process.cwd(), process.cwd());
    const pkg = packageWords(spec);
    if (errors.length) return new UserError(`The build failed (${spec.mode === 'test' ? `go test -c ${pkg}` : `go build ${pkg}`} says the same):\n  ${errors.join('\n  ')}`);
  }
  const said = delveSaid(lines);
  return new UserError(said ? `${msg} Delve said: ${said}` : msg, hintFor(spec, said));
}

function hintFor(spec: LaunchSpec, said: string): string {
  if (/operation not permitted|ptrace/i.test(said)) return 'Attaching needs ptrace rights: run as the same user as the target, and check /proc/sys/kernel/yama/ptrace_scope.';
  if (spec.mode === 'exec') return `Check that ${spec.program} is a Go binary built with -gcflags=all=-N -l.`;
  // A directory is built from inside (spec.pkg is then '.'): name the directory the user gave.
  const pkg = spec.mode === 'debug' || spec.mode === 'test' ? (spec.cwd ?? spec.pkg) : '';
  if (spec.mode === 'debug' && /not an executable file/.test(said)) {
    const tests = spec.cwd !== undefined && fs.readdirSync(spec.cwd, { withFileTypes: true }).some((f) => f.isFile() && f.name.endsWith('_test.go'));
    return tests ? `${pkg} has no func main, so there is nothing to run: gotui test ${pkg} debugs its tests.` : `${pkg} has no func main and no tests: give a main package (or gotui test a package with _test.go files).`;
  }
  if (spec.mode === 'debug') return `Check that the package builds: go build ${pkg}`;
  if (spec.mode === 'test') return `Check that the tests build: go test -c ${pkg}`;
  if (spec.mode === 'core' && spec.cut) return cutHint(!!spec.byDelve);
  if (spec.mode === 'core') return `Check that ${spec.core} is a core file of ${spec.program} (the same build).`;
  return 'Check the pid.';
}

function splitListen(text: string): [string, number] {
  const colon = text.lastIndexOf(':');
  return [text.slice(0, colon).replace(/^\[|\]$/g, ''), Number(text.slice(colon + 1))];
}

/**
 * Delve forks the debuggee; Linux lists a process's children under /proc. Delve 1.27 also forks a
 * telemetry helper (itself, re-executed), so the target is the child that is not dlv.
 */
async function waitForTarget(dlvPid: number, timeoutMs: number): Promise<number | undefined> {
  const dlvExe = exeOf(dlvPid);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const c = childrenOf(dlvPid).find((pid) => exeOf(pid) !== dlvExe);
    if (c) return c;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

export function exeOf(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** The binary process `pid` runs, by its path even when rebuilt since it started (Linux adds ` (deleted)`). */
export function binaryOf(pid: number): string | undefined {
  return exeOf(pid)?.replace(/ \(deleted\)$/, '');
}

export function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

