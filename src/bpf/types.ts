import type { BpfError } from './problems.js';

/** Types the eBPF lane's parts share (scripts, decoders, streams), kept apart so none imports another for them. */

/** The debugged process: the lane never writes either into a script; both travel as $1 and $2. */
export interface BpfTarget {
  pid: number;
  /** Its binary's path where bpftrace runs. */
  binary: string;
  /** A copy of the binary here to read symbols from, when bpftrace runs on another host. */
  symbols?: string;
  /** The host bpftrace runs on (through SSH); absent: this machine. */
  host?: BpfHost;
}

/** Another machine bpftrace runs on: commands there, through the session's SSH connection. */
export interface BpfHost {
  readonly name: string;
  /** The argv that runs `argv` there (for a long-running, streamed command). */
  command(argv: readonly string[]): [string, string[]];
  /** Runs a short command there. */
  run(argv: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

export type ProbeRequest =
  | { template: 'calls'; func: string; ret?: boolean }
  | { template: 'syscalls' }
  | { template: 'goroutines' }
  | { template: 'gc' }
  | { template: 'malloc' }
  | { template: 'panics' }
  | { template: 'run'; file: string };

export type TemplateName = ProbeRequest['template'];

/** One line of a probe's output, with what the UI can act on (goroutine, function). */
export interface ProbeEvent {
  /** Position in the stream, from 1; set by the stream. */
  seq: number;
  /** Wall-clock ms when gotui read it. */
  time: number;
  text: string;
  goid?: number;
  func?: string;
  /** `func` is what a goroutine `goid` created runs: not `goid` itself, and the new one's id is not known yet. */
  created?: true;
  file?: string;
  line?: number;
}

export type DecodedEvent = Omit<ProbeEvent, 'seq' | 'time'>;

/** The map every template counts its events in, printed and cleared each second: the stream's rate. */
export const RATE_MAP = '@rate';

/** How bpftrace can be run: as root already, through sudo, or not (and why). */
export type Privilege = { via: 'direct' } | { via: 'sudo' } | { via: 'none'; error: BpfError };
