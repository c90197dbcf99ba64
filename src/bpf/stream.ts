import { Listeners } from '../core/store.js';
import { compilePattern, type Pattern } from '../core/pattern.js';
import { UserError } from '../errors.js';
import type { BpfError } from './problems.js';
import type { BpfMessage, HistBucket, StatsEntry } from './output.js';
import { RATE_MAP, type DecodedEvent, type ProbeEvent } from './types.js';

let clockSecond = NaN;
let clockText = '';

/** `HH:MM:SS` of a wall-clock time in ms; events come in order, so the last second's text is kept. */
export function clock(time: number): string {
  const second = Math.floor(time / 1000);
  if (second !== clockSecond) {
    const d = new Date(time);
    clockText = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    clockSecond = second;
  }
  return clockText;
}

/** An event as the pane's line shows it (and a filter matches it): its time, then its text. */
export function shownLine(e: ProbeEvent, timestamps = true): string {
  return timestamps ? `${clock(e.time)} ${e.text}` : e.text;
}

/** A map a script prints and clears every second: its value is the events of that second. */
export type ProbeStatus = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** The latest dump of one bpftrace map, with keys already turned into labels. */
export type ProbeTable =
  | { kind: 'map'; name: string; title: string; rows: { label: string; value: number | string }[] }
  | { kind: 'hist'; name: string; title: string; hists: { label: string; buckets: HistBucket[] }[] }
  | { kind: 'stats'; name: string; title: string; rows: (StatsEntry & { label: string })[] };

export interface StreamOptions {
  id: number;
  title: string;
  /** Events kept; older ones are dropped (and counted). */
  capacity?: number;
  /** Seconds of rate history kept for the sparkline. */
  history?: number;
  primary?: 'events' | 'tables';
  /** What a table probe's maps count, plural (`syscalls`). */
  counts?: string;
  decode?: (printf: string) => DecodedEvent[];
  keyLabels?: Record<string, (key: string) => string>;
  mapTitles?: Record<string, string>;
  /** It prints only the maps bpftrace prints when it ends: no events to wait for. */
  mapsOnly?: boolean;
  now?: () => number;
}

/**
 * One probe's output, kept outside React: a bounded event list (filter, pause), an events/s
 * history, a sticky lost-events count and the latest tables. `version` grows on every change;
 * subscribers are told once per burst, so a UI can redraw at its own frame rate.
 */
export class ProbeStream {
  readonly id: number;
  readonly title: string;
  readonly capacity: number;
  readonly primary: 'events' | 'tables';
  readonly counts: string | undefined;
  readonly mapsOnly: boolean;
  status: ProbeStatus = 'starting';
  error: BpfError | UserError | undefined;
  attachedProbes: number | undefined;
  version = 0;
  /** Events ever received. */
  total = 0;
  /** Events gone from the front of the list because it was full (received, not lost). */
  dropped = 0;
  /** Events bpftrace reported lost (its perf buffer overflowed). Sticky. */
  lost = 0;
  paused = false;
  /** Paused by scrolling back (moveCursor), not by the user: back at the newest it follows again. */
  pausedByScroll = false;
  /** Events received since the pause began. */
  sincePause = 0;
  filter: Pattern | undefined;
  readonly tables = new Map<string, ProbeTable>();

  private events: ProbeEvent[] = [];
  private head = 0;
  /** While paused: the events held at the pause, what the list shows. */
  private frozen: ProbeEvent[] | undefined;
  /** While paused: the tables as they were at the pause (trial AC: they went on counting beside the held list). */
  private frozenTables: ProbeTable[] | undefined;
  private readonly warningCounts = new Map<string, number>();
  private readonly historySize: number;
  private readonly rates: number[] = [];
  private bucketStart: number;
  private bucketCount = 0;
  private sampled = false;
  private readonly listeners = new Listeners();
  readonly subscribe = this.listeners.subscribe;
  private notifyQueued = false;
  private readonly now: () => number;
  private readonly decode: (printf: string) => DecodedEvent[];
  private readonly keyLabels: Partial<Record<string, (key: string) => string>>;
  private readonly mapTitles: Record<string, string>;

  constructor(opts: StreamOptions) {
    this.id = opts.id;
    this.title = opts.title;
    this.capacity = opts.capacity ?? 5_000;
    this.historySize = opts.history ?? 120;
    this.primary = opts.primary ?? 'events';
    this.counts = opts.counts;
    this.mapsOnly = !!opts.mapsOnly;
    this.now = opts.now ?? Date.now;
    this.decode = opts.decode ?? ((t) => t.split('\n').filter((l, i, a) => l || i < a.length - 1).map((text) => ({ text })));
    this.keyLabels = opts.keyLabels ?? {};
    this.mapTitles = opts.mapTitles ?? {};
    this.bucketStart = Math.floor(this.now() / 1000) * 1000;
  }

  /** Applies one message of bpftrace's output. */
  handle(m: BpfMessage): void {
    switch (m.kind) {
      case 'attached':
        this.attachedProbes = m.probes;
        if (this.status === 'starting') this.status = 'running';
        break;
      case 'text':
        if (m.source === 'printf' || m.source === 'value' || m.source === 'cat' || m.source === 'join' || m.source === 'time') this.push(m.source === 'printf' ? this.decode(m.text) : [{ text: m.text.replace(/\n$/, '') }]);
        break;
      case 'map':
        if (m.name === RATE_MAP) {
          // The dump at exit holds a part of a second: not a rate.
          if (this.status !== 'stopping' && this.status !== 'stopped') this.sample(Number(m.entries[0]?.value ?? 0));
          break;
        }
        this.tables.set(m.name, { kind: 'map', name: m.name, title: this.tableTitle(m.name), rows: m.entries.map((e) => ({ label: this.label(m.name, e.key), value: e.value })) });
        break;
      case 'hist':
        this.tables.set(m.name, { kind: 'hist', name: m.name, title: this.tableTitle(m.name), hists: m.hists.map((h) => ({ label: this.label(m.name, h.key), buckets: h.buckets })) });
        break;
      case 'stats':
        this.tables.set(m.name, { kind: 'stats', name: m.name, title: this.tableTitle(m.name), rows: m.entries.map((e) => ({ ...e, label: this.label(m.name, e.key) })) });
        break;
      case 'lost':
        this.lost += m.events;
        break;
      case 'diagnostic':
        this.warn(m.line ? `${m.message} (line ${m.line})` : m.message);
        break;
      case 'unknown':
        break;
    }
    this.changed();
  }

  /** A warning line (bpftrace's stderr, a helper error...): repeated ones are counted, not listed. */
  warn(text: string): void {
    this.warningCounts.set(text, (this.warningCounts.get(text) ?? 0) + 1);
    if (this.warningCounts.size > 50) this.warningCounts.delete(this.warningCounts.keys().next().value!);
    this.changed();
  }

  get warnings(): string[] {
    return [...this.warningCounts].map(([w, n]) => (n > 1 ? `${w} (×${n})` : w));
  }

  setStatus(status: ProbeStatus, error?: BpfError | UserError): void {
    this.status = status;
    if (error) this.error = error;
    // Ended, nothing more comes: a pause would only hide what came after it, under `PAUSED +0`
    // and a title counting the list as it was at the pause (trial AC).
    if ((status === 'stopped' || status === 'failed') && this.paused) this.setPaused(false);
    this.changed();
  }

  /** Takes the events over (numbered in place): each a fresh object, as the decoder makes them. */
  push(events: readonly DecodedEvent[]): void {
    if (!events.length) return;
    const time = this.now();
    this.roll(time);
    for (const e of events) {
      this.total++;
      if (!this.sampled) this.bucketCount++;
      // The decoder's own object, numbered in place: a copy per event (a spread took 3 µs, Object.assign
      // 0.2) is garbage the collector's threads then take from the traced program's core.
      const pe = e as ProbeEvent;
      pe.seq = this.total;
      pe.time = time;
      // What following again would show: those the filter lets through.
      if (this.paused && (!this.filter || this.filter.test(shownLine(pe)))) this.sincePause++;
      this.events.push(pe);
    }
    const over = this.events.length - this.head - this.capacity;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
      if (this.head > this.capacity) {
        this.events = this.events.slice(this.head);
        this.head = 0;
      }
    }
    this.changed();
  }

  /** Only events whose text matches; '' or undefined clears. A bad pattern is a UserError. */
  setFilter(pattern: string | undefined): void {
    this.filter = pattern ? compilePattern(pattern) : undefined;
    this.changed();
  }

  /** Freezes the list the UI shows; events keep arriving, counted in `sincePause`. */
  setPaused(paused: boolean): void {
    this.pausedByScroll = false;
    if (paused === this.paused) return;
    this.paused = paused;
    this.sincePause = 0;
    // The page being read stays whole while paused: the ring goes on dropping its oldest as events
    // come (a busy probe emptied a paused list within seconds), so the list is read from a copy.
    this.frozen = paused ? this.events.slice(this.head) : undefined;
    this.frozenTables = paused ? [...this.tables.values()] : undefined;
    this.changed();
  }

  /** The tables the UI shows: while paused, as at the pause (bpftrace's dumps go on replacing them). */
  shownTables(): ProbeTable[] {
    const tables = this.frozenTables ?? [...this.tables.values()];
    const f = this.filter;
    if (!f) return tables;
    // The filter picks a table's rows by their label (a syscall, a function), as it picks events by
    // their text (trial AO: `/fut|nano/` was shown as the filter and the syscalls table kept every row).
    return tables.map((t) => (t.kind === 'map' || t.kind === 'stats' ? { ...t, rows: t.rows.filter((r) => f.test(r.label)) } : { ...t, hists: t.hists.filter((h) => !h.label || f.test(h.label)) })) as ProbeTable[];
  }

  /**
   * A list cursor `scroll` matching events back from the newest, moved `delta` (down is newer); the
   * new scroll. Leaving the newest freezes a live list, as less stops following, so the events read
   * stay put (new ones are counted, PAUSED +N); back at the newest (G) it follows again.
   */
  moveCursor(scroll: number, delta: number): number {
    const matching = this.visibleEvents(0, 0).matching;
    const to = delta === Infinity ? 0 : delta === -Infinity ? matching - 1 : scroll - delta;
    const next = Math.max(0, Math.min(Math.max(0, matching - 1), to));
    if (next > 0 && !this.paused && this.status === 'running') {
      this.setPaused(true);
      this.pausedByScroll = true;
    } else if (next === 0 && this.pausedByScroll) this.setPaused(false);
    return next;
  }

  /** What its tables have counted (a table probe's events are counts in bpftrace's maps, not lines). */
  counted(): number {
    let n = 0;
    for (const t of this.tables.values()) {
      if (t.kind === 'map') for (const r of t.rows) n += typeof r.value === 'number' ? r.value : Number(r.value) || 0;
      else if (t.kind === 'hist') for (const h of t.hists) for (const b of h.buckets) n += b.count;
      else for (const r of t.rows) n += r.count;
    }
    return n;
  }

  /**
   * What it has counted, as the header and :bpf stop say it: its events, or for a table probe what
   * its maps counted (`815 syscalls counted`), which prints no events.
   */
  tally(): string {
    if (this.primary === 'tables') return `${this.counted()} ${this.counts ? `${this.counts} ` : ''}counted`;
    return `${this.total} event${this.total === 1 ? '' : 's'}`;
  }

  /** Events currently held (after drops). */
  get size(): number {
    return this.events.length - this.head;
  }

  /**
   * The last `limit` events the UI shows: matching the filter, and when paused none newer than the
   * pause. `skip` scrolls back that many matching events.
   */
  visibleEvents(limit: number, skip = 0): { events: ProbeEvent[]; matching: number } {
    const out: ProbeEvent[] = [];
    let matching = 0;
    const list = this.frozen ?? this.events;
    for (let i = list.length - 1; i >= (this.frozen ? 0 : this.head); i--) {
      const e = list[i]!;
      // The line as the pane shows it, time included: `/01:24:3` finds what is on screen.
      if (this.filter && !this.filter.test(shownLine(e))) continue;
      if (matching >= skip && out.length < limit) out.push(e);
      matching++;
    }
    return { events: out.reverse(), matching };
  }

  /** Completed one-second counts, oldest first (from the @rate map when the script keeps one). */
  rateHistory(): number[] {
    this.roll(this.now());
    return [...this.rates];
  }

  /** Stopped, failed, or on its way to stopping: no new events will come. */
  get ended(): boolean {
    return this.status === 'stopped' || this.status === 'failed' || this.status === 'stopping';
  }

  /** Events in the last completed second. */
  rate(): number {
    return this.rateHistory().at(-1) ?? 0;
  }

  /** Rolls the one-second buckets forward to `time`; the lane calls it on a timer. */
  roll(time: number): void {
    if (this.sampled || this.status === 'stopped' || this.status === 'failed') return;
    const steps = Math.floor((time - this.bucketStart) / 1000);
    if (steps <= 0) return;
    this.pushRate(this.bucketCount);
    for (let i = 1; i < Math.min(steps, this.historySize + 1); i++) this.pushRate(0);
    this.bucketCount = 0;
    this.bucketStart += steps * 1000;
    this.changed();
  }

  private sample(count: number): void {
    this.sampled = true;
    this.pushRate(count);
  }

  private pushRate(n: number): void {
    this.rates.push(n);
    if (this.rates.length > this.historySize) this.rates.shift();
  }

  private label(map: string, key: string): string {
    const f: ((key: string) => string) | undefined = this.keyLabels[map];
    return f && key !== '' ? f(key) : key;
  }

  private tableTitle(name: string): string {
    return this.mapTitles[name] ?? name;
  }

  private changed(): void {
    this.version++;
    if (this.notifyQueued || !this.listeners.size) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      this.listeners.notify();
    });
  }
}
