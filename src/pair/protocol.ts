/*
 * The rendezvous protocol: gotui instances on one Delve meet through a small hub (one of them hosts
 * it) on an owner-only unix socket, one JSON object a line. The hub keeps who is there and who
 * drives; everything else is an event one gotui says to the others.
 */

import { TARGET_CHANGES, type StepCut, type TargetChange } from '../session/state.js';

export type Role = 'driving' | 'following' | 'viewing';

/** One gotui on the Delve, as the others see it. */
export interface Peer {
  /** Given by the hub. */
  id: string;
  name: string;
  host: string;
  /** When it joined (ms since the epoch). */
  since: number;
  role: Role;
  /** Its own DAP request runs the target: only it can pause it (Delve ignores other clients' halts meanwhile). */
  runs?: boolean;
  /** A follower looking around on its own instead of mirroring the driver. */
  looking?: boolean;
  /** Suspended (Ctrl-Z): it answers nothing until fg, so a request to drive takes its wheel at once. */
  away?: boolean;
  /** It hosts the hub. */
  hub?: boolean;
}

export interface Hello {
  name: string;
  host: string;
  since: number;
  /** A `--follow` viewer: never drives. */
  viewer: boolean;
  /** It drove before the hub changed hands: it keeps the wheel. */
  driving?: boolean;
  hub?: boolean;
}

export type RunHow = 'continue' | 'step' | 'restart' | 'other';

/** What one gotui tells the others. */
export type PairEvent =
  /** Its own run control resumed the target. */
  | { k: 'resumed'; how: RunHow }
  /** Its own run control stopped here (stop loaded). */
  /**
   * `n`: its stop's number (the others number the same stop alike); `for`: the gotui its pause was
   * asked by (see 'pause'); `reached`: where its run to a place arrived (`orders/main.go:80`).
   */
  | { k: 'stopped'; reason: string; where?: string; n?: number; for?: string; reached?: string }
  /**
   * The number it shows the current stop under, when it is not the number the stop's maker said (it
   * joined later, or counted another client's stops): the others number their next stops above it.
   * `shown`: said to one who joins while it shows that stop, which the joiner found halted.
   */
  | { k: 'numbered'; n: number; shown?: boolean }
  /** What its step out returned: followers see the values its driver sees (trial U). */
  | { k: 'returned'; text: string }
  /** Its step was cut short by a breakpoint at its stop `n`: Delve keeps it for the next continue; `dropped`, a step from there dropped it. */
  | { k: 'cut'; n?: number; how?: StepCut }
  /** The driver's view: goroutine, frame, source cursor, at the stop `at` (goroutine@file:line of its top frame). */
  | { k: 'view'; at: string; goroutine: number; frame: number; file?: string; line?: number }
  /**
   * It changed breakpoints ("set a breakpoint at main.go:52"): re-read Delve's list. `set` and
   * `cleared`: `file:line` of the new and the removed ones (Delve's list waits while the target runs);
   * `ids`: its own numbers for `set`, in order (Delve numbers them otherwise after a restart).
   */
  | { k: 'breakpoints'; text: string; set: string[]; cleared?: string[]; ids?: number[] }
  /** Its breakpoints, told unsaid to a gotui that joined after they were set: Delve's list does not say whose they are. */
  | { k: 'own'; set: string[]; ids: number[] }
  /** It ran code or wrote memory in the target. */
  /** `text`: what was written, as typed (`avg = 1`). */
  | { k: 'changed'; what: TargetChange; text?: string }
  /** It injects a call into the target (which runs and halts elsewhere), or its calls have ended: no other client's doing. */
  | { k: 'calling'; on: boolean }
  /** It has Delve write a core (or is done): nobody asks Delve's state meanwhile (a Delve bug hangs the dump). */
  | { k: 'dumping'; on: boolean }
  /** It ends the target and its Delve (`:quit -kill`): the others' connection closes next, and nothing will come back. */
  | { k: 'killing' }
  /** To the one whose DAP session runs the target: pause it for the driver. */
  | { k: 'pause'; by: string }
  /** To the driver: someone asks for the wheel. */
  | { k: 'drive?' }
  /** To the one who asked: the driver keeps the wheel. */
  | { k: 'kept' }
  /**
   * It leaves the target halted where its own run or pause ended (with others present it may not
   * let it run): the one left last answers for that halt, and lets it run if it ends unattended.
   */
  | { k: 'left-halted'; found?: 'running' | 'halted' };

export type ClientMessage =
  | { t: 'hello'; hello: Hello }
  | { t: 'update'; runs?: boolean; looking?: boolean; away?: boolean }
  /** To everyone else, or to one peer. */
  | { t: 'say'; ev: PairEvent; to?: string }
  /** Ask for the wheel: taken at once when nobody drives, else asked of the driver. */
  | { t: 'drive' }
  /** The driver hands the wheel over. */
  | { t: 'give'; to: string };

export type HubMessage =
  /** Said first to every connection: a hub answers here (through an SSH forward a connect alone proves nothing). */
  | { t: 'hub' }
  | { t: 'welcome'; id: string; peers: Peer[] }
  /** Who is there now; `why` says what changed ("bob joined", "alice handed the wheel to bob"). */
  | { t: 'peers'; peers: Peer[]; why?: string }
  | { t: 'event'; from: string; ev: PairEvent };

/** Longest line either side accepts: a peer is trusted no further than its messages parse. */
export const MAX_LINE = 64 * 1024;

/** Splits a byte stream into JSON messages; bad or oversized lines are dropped. */
export class LineReader {
  private buf = '';

  constructor(private readonly onMessage: (msg: unknown) => void) {}

  feed(chunk: Buffer | string): void {
    this.buf += chunk.toString();
    for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      if (!line.trim()) continue;
      try {
        this.onMessage(JSON.parse(line));
      } catch {
        // not JSON: ignored
      }
    }
    if (this.buf.length > MAX_LINE) this.buf = '';
  }
}

export function encode(msg: ClientMessage | HubMessage): string {
  return `${JSON.stringify(msg)}\n`;
}

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const keys = (xs: unknown): string[] => (Array.isArray(xs) ? xs.flatMap((x) => (str(x, 4096) ? [x as string] : [])).slice(0, 100) : []);
/** `ids`, the breakpoints' numbers, one for each key of `set` as sent (else none: they would name the wrong ones). */
function numbersOf(e: Record<string, unknown>): number[] | undefined {
  const { set, ids } = e;
  if (!Array.isArray(set) || !Array.isArray(ids) || keys(set).length !== set.length || ids.length !== set.length) return undefined;
  return ids.every((x) => Number.isSafeInteger(x) && (x as number) > 0) ? (ids as number[]) : undefined;
}

/** A peer's event, checked field by field (anything else is dropped). */
export function readEvent(v: unknown): PairEvent | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const e = v as Record<string, unknown>;
  switch (e.k) {
    case 'resumed':
      return e.how === 'continue' || e.how === 'step' || e.how === 'restart' || e.how === 'other' ? { k: 'resumed', how: e.how } : undefined;
    case 'stopped': {
      const reason = str(e.reason, 100);
      const where = str(e.where, 500);
      const n = num(e.n);
      const by = str(e.for, 100);
      const reached = str(e.reached, 500);
      return reason ? { k: 'stopped', reason, ...(where ? { where } : {}), ...(n !== undefined && Number.isSafeInteger(n) && n > 0 ? { n } : {}), ...(by ? { for: by } : {}), ...(reached ? { reached } : {}) } : undefined;
    }
    case 'numbered': {
      const n = num(e.n);
      return n !== undefined && Number.isSafeInteger(n) && n > 0 ? { k: 'numbered', n, ...(e.shown === true ? { shown: true } : {}) } : undefined;
    }
    case 'returned': {
      const text = str(e.text, 2000);
      return text ? { k: 'returned', text } : undefined;
    }
    case 'view': {
      const goroutine = num(e.goroutine);
      const frame = num(e.frame);
      const file = str(e.file, 4096);
      const line = num(e.line);
      const at = str(e.at, 5000) ?? '';
      return goroutine !== undefined && frame !== undefined ? { k: 'view', at, goroutine, frame, ...(file ? { file } : {}), ...(line !== undefined ? { line } : {}) } : undefined;
    }
    case 'breakpoints': {
      const text = str(e.text, 500);
      const set = keys(e.set);
      const cleared = keys(e.cleared);
      const ids = numbersOf(e);
      return text ? { k: 'breakpoints', text, set, ...(cleared.length ? { cleared } : {}), ...(ids ? { ids } : {}) } : undefined;
    }
    case 'own': {
      const set = keys(e.set);
      const ids = numbersOf(e);
      return ids ? { k: 'own', set, ids } : undefined;
    }
    case 'changed': {
      const text = str(e.text, 500);
      return TARGET_CHANGES.includes(e.what as TargetChange) ? { k: 'changed', what: e.what as TargetChange, ...(text ? { text } : {}) } : undefined;
    }
    case 'killing':
      return { k: 'killing' };
    case 'cut': {
      const n = num(e.n);
      const how = e.how === 'dropped' || e.how === 'ended' ? e.how : 'kept';
      return { k: 'cut', ...(n !== undefined ? { n } : {}), how };
    }
    case 'calling':
    case 'dumping':
      return typeof e.on === 'boolean' ? { k: e.k, on: e.on } : undefined;
    case 'pause': {
      const by = str(e.by);
      return by ? { k: 'pause', by } : undefined;
    }
    case 'drive?':
      return { k: 'drive?' };
    case 'kept':
      return { k: 'kept' };
    case 'left-halted':
      // How the leaver found the target when it came: what `as found` means for the one left (trial AG).
      return e.found === 'running' || e.found === 'halted' ? { k: 'left-halted', found: e.found } : { k: 'left-halted' };
    default:
      return undefined;
  }
}

/** A hello, checked. */
export function readHello(v: unknown): Hello | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const h = v as Record<string, unknown>;
  const name = str(h.name, 100);
  const host = str(h.host, 200);
  const since = num(h.since);
  if (!name || host === undefined || since === undefined) return undefined;
  return { name, host, since, viewer: h.viewer === true, ...(h.driving === true ? { driving: true } : {}), ...(h.hub === true ? { hub: true } : {}) };
}
