import { pidAlive } from '../core/pid.js';
import fs from 'node:fs';
import { Listeners } from '../core/store.js';
import { UserError } from '../errors.js';
import { loadBinary } from './binary.js';
import { createDecoder } from './decode.js';
import { BpfError, MOUNT_TRACEFS, TRACEFS } from './problems.js';
import { BpftraceRun, detectPrivilege, tracefsMounted } from './runner.js';
import type { Privilege } from './types.js';
import { checkRemoteTarget, detectRemotePrivilege, remoteTracefsMounted } from './remote.js';
import { parseProbeCommand, planProbe, type ProbePlan } from './script.js';
import type { BreakpointSite, RunningProbe } from './conflicts.js';
import type { BpfTarget, ProbeRequest } from './types.js';
import { ProbeStream } from './stream.js';

export interface LaneOptions {
  /** bpftrace's path (default: found on PATH). */
  bpftrace?: string;
  /** Delve's breakpoints (every client's) as of now; no template probes one of them. */
  breakpoints?: () => Promise<readonly BreakpointSite[]>;
  /** How long a stopping bpftrace gets to print its maps before SIGKILL. */
  graceMs?: number;
  /** Events kept per probe. */
  capacity?: number;
}

interface Running {
  stream: ProbeStream;
  plan: ProbePlan;
  run: BpftraceRun;
  timer: NodeJS.Timeout;
}

/**
 * The bpftrace lane of one debugged process: probes started from templates or the user's
 * scripts, each its own bpftrace and its own stream. Never stops the target.
 */
export class BpfLane {
  readonly streams: ProbeStream[] = [];
  version = 0;
  private readonly running = new Map<number, Running>();
  private readonly listeners = new Listeners();
  readonly subscribe = this.listeners.subscribe;
  private nextId = 1;
  private privilege: Privilege | undefined;

  constructor(
    readonly target: BpfTarget,
    private readonly opts: LaneOptions = {},
  ) {}

  /**
   * Checks and starts a probe: `calls main.process`, `syscalls`, `run ./x.bt`, or a request.
   * Refusals (unknown function, uretprobe, a breakpoint in the way, tracefs missing, no rights)
   * throw a UserError before anything runs; later failures land in the stream's `error`.
   */
  async start(what: string | ProbeRequest): Promise<ProbeStream> {
    const req = typeof what === 'string' ? parseProbeCommand(what) : what;
    const plan = planProbe(req, this.target, (await this.opts.breakpoints?.()) ?? []);
    const host = this.target.host;
    if (host) await checkRemoteTarget(host, this.target);
    else checkTargetProcess(this.target);
    const tracefs = host ? await remoteTracefsMounted(host) : tracefsMounted();
    if (/\btracepoint:|\bkprobe:|\bkretprobe:/.test(plan.script) && !tracefs) {
      throw new BpfError(`tracefs is not mounted at ${TRACEFS}${host ? ` on ${host.name}` : ''}, so bpftrace cannot find tracepoints.`, `Mount it (as root${host ? ' there' : ''}): ${MOUNT_TRACEFS}`, 'tracefs');
    }
    this.privilege ??= host ? await detectRemotePrivilege(host) : await detectPrivilege();
    if (this.privilege.via === 'none') throw this.privilege.error;

    const stream = new ProbeStream({
      id: this.nextId++,
      title: plan.title,
      primary: plan.primary,
      counts: plan.counts,
      capacity: this.opts.capacity,
      decode: createDecoder(req, loadBinary(this.target.symbols ?? this.target.binary)),
      keyLabels: plan.keyLabels,
      mapTitles: plan.mapTitles,
      mapsOnly: !!plan.mapsOnly,
    });
    for (const w of plan.warnings) stream.warn(w);
    const run = new BpftraceRun(plan.script, plan.args, { bpftrace: this.opts.bpftrace, privilege: this.privilege, binary: this.target.binary, tracefs, ...(host ? { host } : {}), ...(req.template === 'run' ? { scriptName: req.file } : {}) }, (m) => stream.handle(m), (line) => stream.warn(line));
    let ticks = 0;
    const timer = setInterval(() => {
      stream.roll(Date.now());
      // On another host, asking costs a round trip: every 5 s is enough.
      const gone = host ? (++ticks % 5 === 0 ? host.run(['test', '-d', `/proc/${this.target.pid}`]).then((r) => r.exitCode !== 0, () => false) : Promise.resolve(false)) : Promise.resolve(!pidAlive(this.target.pid));
      void gone.then((yes) => {
        if (!yes || !this.running.has(stream.id)) return;
        stream.warn(`The target (pid ${this.target.pid}) exited.`);
        void this.stop(stream.id);
      });
    }, 1_000);
    timer.unref();
    this.running.set(stream.id, { stream, plan, run, timer });
    this.streams.push(stream);
    this.changed();
    void run.done.then((result) => {
      clearInterval(timer);
      this.running.delete(stream.id);
      stream.setStatus(result.error ? 'failed' : 'stopped', result.error);
      this.changed();
    });
    return stream;
  }

  /** Resolves once the probe's bpftrace has attached; throws its error if it failed first. */
  async attached(stream: ProbeStream, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (stream.status === 'starting') {
      if (Date.now() > deadline) throw new UserError(`bpftrace did not attach '${stream.title}' within ${timeoutMs / 1000}s.`, 'Stop it and look at its warnings.');
      await new Promise((r) => setTimeout(r, 50));
    }
    if (stream.status === 'failed' && stream.error) throw stream.error;
  }

  /** The plan a probe runs (script, args, addresses): for the UI's "show script". */
  plan(id: number): ProbePlan | undefined {
    return this.running.get(id)?.plan;
  }

  /** The probes running now (or attaching) and the target addresses they put uprobes on. */
  runningProbes(): RunningProbe[] {
    return [...this.running.values()].map((r) => ({ id: r.stream.id, title: r.stream.title, addresses: r.plan.probeAddresses }));
  }

  /** Stops one probe (SIGINT, its final maps are kept, SIGKILL after the grace period). */
  async stop(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    if (r.stream.status !== 'failed') r.stream.setStatus('stopping');
    await r.run.stop(this.opts.graceMs);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  /** Forgets a stopped probe's stream (a running one is stopped first). */
  async remove(id: number): Promise<void> {
    await this.stop(id);
    const i = this.streams.findIndex((s) => s.id === id);
    if (i >= 0) this.streams.splice(i, 1);
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.listeners.notify();
  }
}

/**
 * The pid must run the binary the probes name: uprobes filtered on another pid count nothing, and
 * say nothing about it. (A headless Delve has children of its own, a telemetry helper among them.)
 */
export function checkTargetProcess(target: BpfTarget): void {
  let exe: string;
  try {
    exe = fs.readlinkSync(`/proc/${target.pid}/exe`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`There is no process ${target.pid} to trace.`, 'Start or attach to the program first.');
    return; // not ours to read: bpftrace will tell
  }
  let binary = target.binary;
  try {
    binary = fs.realpathSync(target.binary);
  } catch {
    // checked when the plan was made
  }
  if (exe.replace(/ \(deleted\)$/, '') !== binary) {
    throw new UserError(`Process ${target.pid} runs ${exe}, not ${binary}.`, 'Probe the debugged process itself: its pid and its binary.');
  }
  if (exe.endsWith(' (deleted)')) throw new UserError(`${binary} was rebuilt after process ${target.pid} started, so its symbols no longer match.`, 'Restart the program, then probe it.');
}
