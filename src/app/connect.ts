import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { clearTextWarning } from '../cli/address.js';
import { UserError } from '../errors.js';
import { formatHostPort, type HostPort } from '../transport/address.js';
import { replayWords, type Options, type Target } from '../cli/args.js';
import { connectTcp, type DapClient } from '../dap/client.js';
import { ensureDelve } from '../delve/locate.js';
import { exeOf, startHeadlessDelve, type StartedServer } from '../delve/server.js';
import { isGoBinary, mainModuleOfBinary } from '../binary/go-version.js';
import { buildDemo } from '../demos/build.js';
import { getDemo } from '../demos/catalog.js';
import { openSshTarget, type SshIo, type SshRequest } from '../remote/open.js';
import { readRemoteDirEarly } from '../pair/remote-place.js';
import { startRemoteDelve } from '../remote/remote-delve.js';
import { openPod } from '../remote/open-k8s.js';
import type { RemoteHost } from '../remote/host.js';
import { remotePortClosed } from '../remote/ssh-errors.js';
import { sshAliasTarget } from '../remote/ssh-alias.js';
import { clean } from '../core/text.js';
import { shellQuote } from '../core/shell.js';
import type { Project } from '../features/types.js';
import { projectOfBinary, projectOfPackage } from './project.js';
import { localListener, processAlive } from './target-process.js';
import { breakpointsLeftIn, leftWords } from '../postmortem/core-patch.js';
import { binaryEntry, commandPath, coreMismatch, cutHint, findWriter, cutShort, otherBuild, readCore, type CoreCut, type CoreInfo } from '../postmortem/core-file.js';

/** A forwarded port here that reaches Delve elsewhere. */
export interface Tunnel {
  local: HostPort;
  close(): Promise<void>;
}

/** A reachable Delve server and what gotui must end when it leaves. */
export interface Connection {
  address: HostPort;
  label: string;
  /** The TARGET words `gotui run` takes to reach this target again (see replayWords). */
  replay?: string;
  /** gotui started Delve and the debuggee: quitting ends them. */
  owned: boolean;
  version: string;
  server?: StartedServer;
  tunnel?: Tunnel;
  warnings: string[];
  /** Warnings for the console once attached, not before: a cut core's (a failed open says it with Delve's words). */
  notes?: string[];
  /** The main module's path, from the binary when gotui knows it: frames of its packages are "your code". */
  mainModule?: string;
  /** The host the target runs on, for a target reached through SSH: its files, processes and bpftrace. */
  remote?: RemoteHost;
  /** Makes the way to Delve again after it dropped (the SSH connection and its forward). */
  relink?: () => Promise<void>;
  /** How messages name Delve when `address` is a tunnel's local end: where Delve really is. */
  peer?: string;
  /** The program's project, where its breakpoints are saved, when gotui knows it. */
  project?: Project;
  /** `gotui test`: gotui's own exit code is the tests' verdict once the test binary has exited. */
  tests?: boolean;
  /** A core file: nothing runs; `reason` says how the process ended, as far as the core tells; `cut` when the file ends early. */
  postMortem?: { reason: string; cut?: CoreCut; /** The binary given with the core: its symbols are the program's. */ program: string; /** The core file: its segments are the memory there is. */ core: string };
}

type Progress = (line: string) => void;

/** How the status bar and reports name a target gotui starts (an attach is named by its address). */
export function targetLabel(target: Exclude<Target, { kind: 'attach' }>): string {
  switch (target.kind) {
    case 'pid':
      return `pid ${target.pid}`;
    case 'exec':
      return path.basename(target.program);
    case 'debug':
      return `debug ${target.pkg}`;
    case 'test':
      return `test ${target.pkg}${target.run !== undefined ? ` -run ${target.run}` : ''}`;
    case 'core':
      return `core ${path.basename(target.core)}`;
    case 'demo':
      return `demo ${target.name}`;
  }
}

/**
 * Turns what the user asked for into a Delve server to talk to: found, tunnelled, or started here.
 * `whileWaiting`: called when gotui starts waiting on a process it started (a demo's build,
 * Delve loading the target), time the caller may fill (the CLI loads its UI then).
 */
export async function openTarget(target: Target, onProgress: Progress, pick?: SshIo['pick'], launch: Pick<Options, 'debugImage' | 'listenPort'> = {}, whileWaiting?: () => void): Promise<Connection> {
  const conn = await reach(target, onProgress, pick, launch, whileWaiting);
  const replay = replayWords(target);
  if (replay) conn.replay = replay;
  return conn;
}

async function reach(target: Target, onProgress: Progress, pick: SshIo['pick'] | undefined, { debugImage, listenPort }: Pick<Options, 'debugImage' | 'listenPort'>, whileWaiting?: () => void): Promise<Connection> {
  if (target.kind === 'attach') {
    const a = target.address;
    if (a.kind === 'ssh') return sshConnection(a.destination, { kind: 'port', delve: a }, { progress: onProgress, ...(pick ? { pick } : {}) });
    if (a.kind === 'ssh-find') return sshConnection(a.destination, { kind: 'find' }, { progress: onProgress, ...(pick ? { pick } : {}) });
    if (a.kind === 'k8s') return openPod(a.address, debugImage, onProgress);
    const warning = clearTextWarning(a);
    return { address: a, label: formatHostPort(a), owned: false, version: 'unknown', warnings: warning ? [warning] : [] };
  }
  if (target.kind === 'pid' && target.destination) return sshConnection(target.destination, { kind: 'pid', pid: target.pid }, { progress: onProgress });
  const coreInfo = checkLocalTarget(target);
  const dlv = await ensureDelve(onProgress);
  onProgress(`Using Delve ${dlv.version} (${dlv.path}).`);
  if (listenPort !== undefined) await portFree(listenPort);
  const delveOpts = { delveVersion: dlv.version, onSpawn: whileWaiting, ...(listenPort !== undefined ? { port: listenPort } : {}) };
  let server: StartedServer;
  const label = targetLabel(target);
  let project: Project | undefined;
  const notes: string[] = [];
  switch (target.kind) {
    case 'pid':
      server = await startHeadlessDelve(dlv.path, { mode: 'attach', pid: target.pid }, delveOpts);
      break;
    case 'exec':
      server = await startHeadlessDelve(dlv.path, { mode: 'exec', program: path.resolve(target.program), args: target.args }, delveOpts);
      project = projectOfBinary(target.program);
      break;
    case 'debug':
      missingDir(target.pkg, 'debug');
      onProgress(`Building ${target.pkg} under Delve...`);
      // A directory is built from inside, so that its own go.mod applies.
      const dir = isDirectory(target.pkg) ? path.resolve(target.pkg) : undefined;
      server = await startHeadlessDelve(dlv.path, { mode: 'debug', pkg: dir ? '.' : target.pkg, args: target.args, ...(dir ? { cwd: dir } : {}) }, { timeoutMs: 180_000, ...delveOpts });
      project = projectOfPackage('debug', target.pkg, process.cwd());
      break;
    case 'test': {
      missingDir(target.pkg, 'test');
      onProgress(`Building the tests of ${target.pkg} under Delve...`);
      const testDir = isDirectory(target.pkg) ? path.resolve(target.pkg) : undefined;
      server = await startHeadlessDelve(dlv.path, { mode: 'test', pkg: testDir ? '.' : target.pkg, args: target.args, ...(target.run !== undefined ? { run: target.run } : {}), ...(testDir ? { cwd: testDir } : {}) }, { timeoutMs: 180_000, ...delveOpts });
      project = projectOfPackage('test', target.pkg, process.cwd());
      break;
    }
    case 'core': {
      const cut = coreInfo?.cut;
      server = await startHeadlessDelve(dlv.path, { mode: 'core', program: path.resolve(target.program), core: path.resolve(target.core), ...(cut ? { cut: cutShort(cut), byDelve: !!coreInfo?.byDelve } : {}) }, delveOpts);
      // Opened all the same (the dlv CLI does): what the kernel wrote first, the threads and their registers, is there.
      if (cut) notes.push(`${cutShort(cut)} What lies past its end reads as missing. ${cutHint(!!coreInfo?.byDelve)}`);
      // The dlv CLI's dump keeps Delve's int3 in the code (gotui's :dump puts the bytes back): said once, not shown as the program's (trial CG).
      const left = breakpointsLeftIn(target.core, target.program);
      if (left.length) notes.push(leftWords(left.length, target.program));
      break;
    }
    case 'demo': {
      // The build says itself when it runs (a demo built from its sources as they are is not built again).
      whileWaiting?.();
      const binary = await buildDemo(target.name, { onProgress });
      const args = target.args.length ? target.args : [...getDemo(target.name).defaultArgs];
      server = await startHeadlessDelve(dlv.path, { mode: 'exec', program: binary, args }, delveOpts);
      project = projectOfBinary(binary);
      break;
    }
  }
  onProgress(`Delve is listening on ${formatHostPort(server.address)}.`);
  // Attaching to a pid the user named: like `attach ADDR`, never end it on quit.
  const exe = target.kind === 'core' ? path.resolve(target.program) : server.targetPid ? exeOf(server.targetPid) : undefined;
  const mainModule = exe ? mainModuleOfBinary(exe) : undefined;
  if (target.kind === 'pid' && exe) project = projectOfBinary(exe.replace(/ \(deleted\)$/, ''), true);
  return {
    address: server.address,
    label,
    owned: target.kind !== 'pid',
    version: dlv.version,
    server,
    // Delve runs a C program too, with nothing of Go to show: said, not refused.
    warnings: target.kind === 'exec' && isGoBinary(target.program) === false ? [...server.warnings, `${path.basename(target.program)} is not a Go program (it has no Go build information): Delve runs it, but there are no goroutines or Go values to show.`] : server.warnings,
    ...(notes.length ? { notes } : {}),
    ...(mainModule ? { mainModule } : {}),
    ...(project ? { project } : {}),
    ...(target.kind === 'test' ? { tests: true } : {}),
    ...(target.kind === 'core' ? { postMortem: { reason: `${coreInfo?.byDelve ? `core file written by Delve${coreInfo.signal ? ` at a ${coreInfo.signal}` : ''}` : coreInfo?.signal ? `core file: killed by ${coreInfo.signal}` : 'core file'}${coreInfo?.cut ? ', cut short' : ''}`, ...(coreInfo?.cut ? { cut: coreInfo.cut } : {}), program: path.resolve(target.program), core: path.resolve(target.core) } } : {}),
  };
}

/**
 * What is wrong with a target on this machine, said before anything starts (Delve listens before
 * it looks for the program) and before gotui asks for a terminal: a core's notes are read (a few
 * KB) and returned.
 */
export function checkLocalTarget(target: Target): CoreInfo | undefined {
  if (target.kind === 'exec' && !fs.existsSync(target.program)) throw new UserError(`There is no program at ${target.program}.`, 'Give the path of a Go binary, built with -gcflags=all=-N -l.');
  if (target.kind === 'pid' && !target.destination && !processAlive(target.pid)) throw new UserError(`There is no process ${target.pid} on this machine.`, 'ps -e (or pgrep NAME) lists the running processes with their pids.');
  if (target.kind === 'demo') getDemo(target.name);
  return target.kind === 'core' ? checkCore(target.program, target.core) : undefined;
}

/** What a core says of its process, once it is a core of BIN (else one sentence, before anything starts). */
function checkCore(program: string, core: string): CoreInfo {
  for (const f of [program, core]) if (!fs.existsSync(f)) throw new UserError(`There is no file ${f}.`, 'Usage: gotui core BIN CORE (the binary that dumped core, and the core file).');
  const read = readCore(core);
  if ('notCore' in read) {
    // The two given the other way round (trial AJ): said so, with the order that works.
    const swapped = !('notCore' in readCore(program)) && binaryEntry(core) !== undefined;
    throw new UserError(read.notCore, swapped ? `Did you swap them? gotui core ${shellQuote(core)} ${shellQuote(program)}` : 'Usage: gotui core BIN CORE (the binary that dumped core, and the core file: a kernel core or one :dump wrote).');
  }
  const bin = binaryEntry(program);
  const wrong = coreMismatch(read.core, bin && { path: program, ...bin }) ?? otherBuild(program, core, read.core);
  if (!wrong) return read.core;
  const writer = findWriter(read.core, core);
  const named = commandPath(read.core);
  // The path the core names, even where no binary there is that build now (trial BN: a moved build went unnamed).
  throw new UserError(wrong, writer ? `Open it with the binary that wrote it: gotui core ${shellQuote(writer)} ${shellQuote(core)}` : `Give the exact build of the process it was dumped from${named ? ` (its command line names ${named}: not that build, or not here)` : ''} (Delve reads a core only with its own binary).`);
}

/** A package written as a path (./svc, ../x, /src/x) that is no directory here: said so, not as go's module error (trial AJ). */
function missingDir(pkg: string, verb: 'debug' | 'test'): void {
  if (/^\.{1,2}(\/|$)|^\//.test(pkg) && !isDirectory(pkg)) throw new UserError(`${pkg} is not a directory here.`, `Give the package's directory (gotui ${verb} ./cmd/server) or its import path, from inside its module.`);
}

/** Connects to the Delve of `conn`; through a tunnel, failures name Delve's address on the far host. */
export async function dial(conn: Connection): Promise<DapClient> {
  const remote = conn.remote;
  if (!remote) return connectTcp(conn.address, 5_000, conn.peer).catch(async (err: unknown) => Promise.reject((await conn.server?.failure?.(1_000)) ?? (await aliasHint(conn.address, err)) ?? err));
  try {
    return await connectTcp(conn.address, 5_000, remote.delveLabel, true);
  } catch (err) {
    if (err instanceof UserError && /^Nothing is listening/.test(err.message)) throw remotePortClosed(remote.ssh.destination, formatHostPort(remote.delve));
    throw err;
  }
}

/** A name DNS does not know but ssh does (a Host of ~/.ssh/config, typed without user@): the way through SSH. */
async function aliasHint(address: HostPort, err: unknown): Promise<UserError | undefined> {
  if (!(err instanceof UserError) || !/could not be resolved/.test(err.message)) return undefined;
  const target = await sshAliasTarget(address.host);
  if (!target) return undefined;
  const port = address.port;
  return new UserError(`${address.host} is not a name DNS knows, but a Host of your ssh configuration (HostName ${clean(target)}).`, `Go through SSH: gotui attach ssh://${address.host}:${port} (its User, keys and jump hosts apply), or user@${address.host}:${port}.`);
}

/** Ends what gotui started for this connection: the tunnel always, Delve and the debuggee only when owned. */
export async function closeConnection(conn: Connection, endServer: boolean): Promise<void> {
  if (endServer) await conn.server?.stop();
  await conn.tunnel?.close();
}

/** A Delve on an SSH host, through one SSH connection that also carries its files and bpftrace. */
async function sshConnection(destination: string, req: SshRequest, io: SshIo): Promise<Connection> {
  // The pairing directory there is read while gotui checks that Delve listens: each is a session on the host.
  const { remote, local, label, server } = await openSshTarget(destination, req, { ...io, opened: readRemoteDirEarly });
  const tunnel: Tunnel = { local, close: async () => (remote.dispose(), await remote.ssh.close()) };
  const conn: Connection = { address: local, label, owned: false, version: 'unknown', tunnel, remote, warnings: [], ...(server ? { server } : {}) };
  conn.relink = async () => {
    if (remote.ssh.alive) return;
    await remote.ssh.start();
    if (req.kind !== 'pid') return;
    // The Delve gotui started there ended with the old connection (the target went on): start another.
    const again = await startRemoteDelve(remote.ssh, req.pid, io.progress);
    remote.delve = again.delve;
    conn.address = again.server.address = await remote.ssh.forward(again.delve);
    conn.server = again.server;
  };
  return conn;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Whether gotui could listen on 127.0.0.1:`port`: undefined if so, else the error's code. */
function bindError(port: number): Promise<string | undefined> {
  return new Promise<string | undefined>((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/** How many ports above one in use gotui tries for one to suggest. */
const FREE_PORT_TRIES = 20;

/** `--listen PORT` taken already: said before Delve starts (Delve would only say it could not bind). */
async function portFree(port: number): Promise<void> {
  const taken = await bindError(port);
  if (taken === 'EADDRINUSE') {
    // The port suggested is free now, and what holds this one is named (trial CH: told to join a Delve on an HTTP server's port, offered a taken one).
    let other: number | undefined;
    for (let p = port + 1; p <= Math.min(port + FREE_PORT_TRIES, 65535) && other === undefined; p++) if ((await bindError(p)) === undefined) other = p;
    const pick = other === undefined ? 'pick another port' : `pick another port (--listen ${other})`;
    const holder = localListener(port);
    if (!holder) throw new UserError(`Port ${port} on 127.0.0.1 is in use already.`, `If a Delve listens there, gotui attach :${port} joins it; or ${pick}.`);
    if (holder.name.startsWith('dlv')) throw new UserError(`Port ${port} on 127.0.0.1 is in use already, by a Delve (pid ${holder.pid}).`, `Join it with gotui attach :${port}, or ${pick}.`);
    throw new UserError(`Port ${port} on 127.0.0.1 is in use already, by ${holder.name} (pid ${holder.pid}), not a Delve.`, `${pick[0]!.toUpperCase()}${pick.slice(1)}.`);
  }
  if (taken) throw new UserError(`Cannot listen on 127.0.0.1:${port}: ${taken}.`, 'Pick a port above 1023 (--listen 2345).');
}
