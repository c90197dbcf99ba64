import type { RpcGoroutine, RpcVariable } from '../delve/rpc.js';
import { Kind } from '../delve/pretty.js';

/** A channel as `:print CH` shows it: its header's counters, its buffer in receive order, who waits. */
export interface ChannelView {
  expr: string;
  type: string;
  len: number;
  cap: number;
  closed: boolean;
  /** Buffered elements, the next to be received first. */
  buffer: string[];
  senders: Waiter[];
  receivers: Waiter[];
  /** Waiting in a select that names this channel. */
  selecting: Waiter[];
  /** More waiters than were read. */
  more?: boolean;
}

export interface Waiter {
  id: number;
  where: string;
  reason: string;
}

/** Fields of a chan variable's runtime.hchan, by name (Delve gives a channel's children as its header's fields). */
export function hchanFields(v: RpcVariable): Map<string, RpcVariable> {
  return new Map((v.children ?? []).map((c) => [c.name, c]));
}

export function isChannel(v: RpcVariable): boolean {
  return v.kind === Kind.Chan;
}

/**
 * The hchan address a sudog's `c` holds: a plain `*hchan` before Go 1.26, a
 * `maybeTraceableChan{maybeTraceablePtr{vp unsafe.Pointer}}` since. The first pointer inside wins.
 */
export function pointerInside(v: RpcVariable, depth = 0): number | undefined {
  if (v.kind === Kind.Ptr) return v.children?.[0]?.addr || undefined;
  if (v.kind === Kind.UnsafePointer) return Number(v.value) || v.children?.[0]?.addr || undefined;
  if (depth > 3) return undefined;
  for (const c of v.children ?? []) {
    const p = pointerInside(c, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** Buffered elements in the order they will be received: from recvx, qcount of them, wrapping at the capacity. */
export function receiveOrder<T>(ring: readonly T[], recvx: number, count: number): T[] {
  if (!ring.length) return [];
  return Array.from({ length: Math.min(count, ring.length) }, (_, k) => ring[(recvx + k) % ring.length]!);
}

export function toWaiter(g: RpcGoroutine, reasonText: (n: number) => string): Waiter {
  const loc = g.userCurrentLoc;
  return { id: g.id, where: `${loc.file.split('/').pop()}:${loc.line} ${loc.function?.name ?? '?'}`, reason: reasonText(g.waitReason) };
}

/** Splits a channel's waiters by what they wait for, from their wait reasons' text. */
export function splitWaiters(gs: readonly RpcGoroutine[], reasonText: (n: number) => string): Pick<ChannelView, 'senders' | 'receivers' | 'selecting'> {
  const out: Pick<ChannelView, 'senders' | 'receivers' | 'selecting'> = { senders: [], receivers: [], selecting: [] };
  for (const g of gs) {
    const w = toWaiter(g, reasonText);
    if (/^chan send/.test(w.reason)) out.senders.push(w);
    else if (/^chan receive/.test(w.reason)) out.receivers.push(w);
    else out.selecting.push(w);
  }
  return out;
}

/**
 * A select's waiters filed by the side its case waits on, as the channel's queues say (`sendq`,
 * `recvq`), still marked `[select]`: "waiting in a select" said neither (trial BZ). One in
 * neither queue read stays a select's.
 */
export function selectSides(w: Pick<ChannelView, 'senders' | 'receivers' | 'selecting'>, sending: ReadonlySet<number>, receiving: ReadonlySet<number>): Pick<ChannelView, 'senders' | 'receivers' | 'selecting'> {
  const byId = (a: Waiter, b: Waiter) => a.id - b.id;
  return {
    senders: [...w.senders, ...w.selecting.filter((s) => sending.has(s.id))].sort(byId),
    receivers: [...w.receivers, ...w.selecting.filter((s) => !sending.has(s.id) && receiving.has(s.id))].sort(byId),
    selecting: w.selecting.filter((s) => !sending.has(s.id) && !receiving.has(s.id)),
  };
}

/** `listed`: waiters listed per kind; the count is of all that were read. */
export function formatChannel(c: ChannelView, listed = Infinity): string {
  const lines = [`${c.expr} = ${c.type}, len ${c.len}, cap ${c.cap}, ${c.closed ? 'closed' : 'open'}`];
  if (c.cap > 0) {
    lines.push(c.buffer.length ? 'Buffer, next out first:' : 'Buffer: empty');
    c.buffer.forEach((e, i) => lines.push(`  ${i}: ${e}`));
  }
  const count = (ws: Waiter[]) => `${ws.length.toLocaleString('en-US')}${ws.length > listed ? `, the first ${listed} listed` : ''}`;
  const group = (title: string, ws: Waiter[]) => (ws.length ? [`${title} (${count(ws)}):`, ...ws.slice(0, listed).map((w) => `  Goroutine ${w.id} at ${w.where} [${w.reason}]`)] : [`${title}: none`]);
  lines.push(...group('Waiting to send', c.senders), ...group('Waiting to receive', c.receivers));
  if (c.selecting.length) lines.push(...group('Waiting in a select', c.selecting));
  const all = c.senders.length + c.receivers.length + c.selecting.length;
  if (all > listed || c.more) lines.push(`${c.more ? 'More than ' : ''}${all.toLocaleString('en-US')} goroutines wait on it: :goroutines -chan ${c.expr} lists them, in the pager.`);
  return lines.join('\n');
}

/** Goroutines waiting on one channel, grouped under it: what `:goroutines -group chan` prints. */
export interface ChannelGroup {
  address: number;
  name?: string;
  len?: number;
  cap?: number;
  waiters: Waiter[];
}

/** `queue = chan 0xc000123000`: a channel by the variable that holds it, when one was found, and its address. */
export function channelLabel(address: number, name?: string): string {
  return `${name ? `${name} = ` : ''}chan 0x${address.toString(16)}`;
}

/** `groups` in the order scanChannelWaiters gives them, the biggest first. */
export function formatChannelGroups(groups: readonly ChannelGroup[], scanned: number, capped: boolean): string {
  const lines = groups.flatMap((g) => {
    const at = [...new Set(g.waiters.map((w) => `${w.where} [${w.reason}]`))];
    return [`${channelLabel(g.address, g.name)}${g.cap !== undefined ? ` (len ${g.len}, cap ${g.cap})` : ''}: ${g.waiters.length} goroutine${g.waiters.length === 1 ? '' : 's'} waiting`, ...at.map((a) => `  ${a}`), `  ids: ${g.waiters.slice(0, 20).map((w) => w.id).join(' ')}${g.waiters.length > 20 ? ' …' : ''}`];
  });
  const head = `${groups.length} channel${groups.length === 1 ? '' : 's'} with waiting goroutines (${scanned} goroutines waiting on channels read${capped ? ', the first of more' : ''}):`;
  const ids = groups.flatMap((g) => g.waiters.map((w) => w.id));
  // A select waits on each of its cases' channels, and is listed under each.
  const again = new Set(ids).size < ids.length ? ['A goroutine in a select is listed under every channel it waits on.'] : [];
  return [head, ...lines, ...again].join('\n');
}
