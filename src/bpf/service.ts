import { UserError } from '../errors.js';
import type { Movable } from '../core/list-cursor.js';
import { Listeners } from '../core/store.js';
import { BpfLane } from './lane.js';
import type { ProbeEvent } from './types.js';
import { mountTracefs, tracefsMounted } from './runner.js';
import type { BpfTarget } from './types.js';
import type { ProbeStream } from './stream.js';
import { breakpointRefusal, type BreakpointSite, type RunningProbe } from './conflicts.js';

/**
 * The eBPF lane of a session as the commands and the pane see it: the lane (made at the first
 * probe, for the target the session debugs), which probe the pane shows, and how far it is
 * scrolled back. Kept outside React; the pane samples it.
 */
export class BpfService implements Movable {
  lane: BpfLane | undefined;
  /** The probe the pane shows. */
  selected: number | undefined;
  /** Matching events scrolled back from the newest (0 = following). */
  scroll = 0;
  /** A probe asked for whose stream is not made yet (the target and bpftrace's rights checked first: seconds over SSH). */
  starting: string | undefined;
  version = 0;
  private readonly listeners = new Listeners();

  constructor(
    private readonly resolveTarget: () => Promise<BpfTarget>,
    private readonly breakpoints: () => Promise<readonly BreakpointSite[]> = async () => [],
  ) {}

  readonly subscribe = this.listeners.subscribe;

  getVersion = (): number => this.version;

  async start(probe: string): Promise<ProbeStream> {
    // The same probe twice would be two identical streams (and twice the cost to the target).
    const title = probe.trim().replace(/\s+/g, ' ');
    const same = this.streams().find((s) => (s.status === 'running' || s.status === 'starting') && s.title === title);
    if (same) throw new UserError(`Probe #${same.id} ${same.title} is already running.`, `Its pane shows it (:bpf show ${same.id}); :bpf stop ${same.id} ends it.`);
    this.starting = title;
    this.changed();
    let stream: ProbeStream;
    try {
      if (!this.lane) {
        this.lane = new BpfLane(await this.resolveTarget(), { breakpoints: this.breakpoints });
        this.lane.subscribe(() => this.changed());
      }
      stream = await this.lane.start(probe);
    } finally {
      this.starting = undefined;
      this.changed();
    }
    stream.subscribe(() => this.changed());
    this.selected = stream.id;
    this.scroll = 0;
    this.changed();
    await this.lane.attached(stream);
    return stream;
  }

  streams(): ProbeStream[] {
    return this.lane?.streams ?? [];
  }

  current(): ProbeStream | undefined {
    return this.streams().find((s) => s.id === this.selected) ?? this.streams().at(-1);
  }

  /** The probe named by ID, or the one shown. */
  pick(idText: string): ProbeStream {
    const id = idText.trim();
    if (!id) {
      const s = this.current();
      if (!s) throw new UserError('No probe is running.', 'Start one with :bpf calls FUNC, :bpf syscalls, :bpf gc ...');
      return s;
    }
    const s = this.streams().find((x) => String(x.id) === id.replace(/^#/, ''));
    if (!s) throw new UserError(`There is no probe ${id}.`, `Probes: ${this.streams().map((x) => `#${x.id} ${x.title}${x.status === 'failed' || x.status === 'stopped' ? ` (${x.status})` : ''}`).join(', ') || 'none'}.`);
    return s;
  }

  select(id: number): void {
    this.selected = id;
    this.scroll = 0;
    this.changed();
  }

  /** Moves the event cursor: down is newer, up older (the newest event is at the bottom). */
  move(delta: number): void {
    const s = this.current();
    if (!s) return;
    this.scroll = s.moveCursor(this.scroll, delta);
    this.changed();
  }

  setViewport(): void {
    // The pane shows the newest events up to its height; nothing to keep here.
  }

  /** The event under the cursor: the newest one shown. */
  selectedEvent(): ProbeEvent | undefined {
    return this.current()?.visibleEvents(1, this.scroll).events[0];
  }

  /** The probes running now and the addresses of their uprobes. */
  runningProbes(): readonly RunningProbe[] {
    return this.lane?.runningProbes() ?? [];
  }

  /** Throws when a running probe uses one of `addresses`: a Delve breakpoint there would never stop. */
  refuseBreakpointAt(addresses: readonly (number | bigint)[]): void {
    const refusal = breakpointRefusal(addresses, this.lane?.runningProbes() ?? []);
    if (refusal) throw refusal;
  }

  async stop(id: number): Promise<void> {
    await this.lane?.stop(id);
  }

  async stopAll(): Promise<void> {
    await this.lane?.stopAll();
  }

  /** Mounts tracefs when the user asks (root only). */
  async mountTracefs(): Promise<string> {
    if (tracefsMounted()) return 'tracefs is already mounted.';
    await mountTracefs();
    return 'Mounted tracefs at /sys/kernel/tracing.';
  }

  private changed(): void {
    this.version++;
    this.listeners.notify();
  }
}
