import type { DelveRpcClient, RpcEvalScope, RpcGoroutine, RpcVariable } from '../delve/rpc.js';
import { Kind } from '../delve/pretty.js';
import { packageOf } from '../session/state.js';
import { DelveRpcError, GoroutineField } from '../delve/rpc.js';
import { UserError } from '../errors.js';
import type { CommandContext } from '../features/types.js';
import { goMinorFromProducer, waitReasonText } from '../goroutines/waitreason.js';
import { formatChannel, formatChannelGroups, hchanFields, isChannel, pointerInside, receiveOrder, selectSides, splitWaiters, toWaiter, type ChannelGroup } from './channel.js';

/** Waiters listed per channel in `:chan` and `:print`; their count is always whole. */
export const WAITERS_LISTED = 100;
/** Waiters read per channel: more are said as more. */
const WAITERS_READ = 100_000;
/** Goroutines waiting on channels read for `-group chan`: one evaluation each (a select's, one a case). */
export const GROUP_SCAN_LIMIT = 2_000;
/** A select's cases followed, at most: its sudogs' chain (`waitlink`) past this is not read. */
const SELECT_CASES_READ = 64;
const PAGE = 5_000;
/** A channel's queue of senders or receivers followed, at most, to find which side a select waits on. */
const QUEUE_READ = 64;

function scopeOf(ctx: CommandContext): RpcEvalScope {
  const sel = ctx.session.state.selection;
  return { GoroutineID: sel?.goroutine ?? -1, Frame: sel?.frame?.index ?? 0 };
}

export async function reasonText(rpc: Pick<DelveRpcClient, 'getVersion'>): Promise<(n: number) => string> {
  const minor = goMinorFromProducer((await rpc.getVersion()).TargetGoVersion);
  return (n) => waitReasonText(n, minor);
}

/**
 * Goroutines waiting to send to or receive from the channel `expr` names (Delve's WaitingOnChannel
 * filter), all of them up to WAITERS_READ; `more` when there are others. One request: Delve 1.27
 * returns Count+1 waiters and then ends the paging (Nextg -1), so a page of 100 stopped at 101 (trial AW).
 */
export async function channelWaiters(rpc: Pick<DelveRpcClient, 'listGoroutines'>, expr: string, scope: RpcEvalScope): Promise<{ goroutines: RpcGoroutine[]; more: boolean }> {
  const out = await rpc.listGoroutines({ Start: 0, Count: WAITERS_READ, Filters: [{ Kind: GoroutineField.WaitingOnChannel, Negated: false, Arg: expr }], EvalScope: scope });
  const gs = out.Goroutines ?? [];
  return { goroutines: gs.slice(0, WAITERS_READ), more: gs.length > WAITERS_READ || out.Nextg >= 0 };
}

const CHANNEL_HINT = 'EXPR is a channel in scope of the selected frame (the variables pane lists them), e.g. :chan queue, :goroutines -chan queue.';

/**
 * `:print CH` for a channel: length, capacity, open or closed, the buffered elements in receive
 * order and the goroutines waiting on it. Undefined when `expr` is not a channel.
 */
export async function describeChannel(ctx: CommandContext, expr: string): Promise<string | undefined> {
  const rpc = await ctx.rpc('read the channel');
  const v = await rpc.eval(expr, { scope: scopeOf(ctx) }).catch((err: unknown) => {
    throw err instanceof DelveRpcError ? new UserError(`Cannot read the channel ${expr}: ${err.message}.`, CHANNEL_HINT) : err;
  });
  if (!isChannel(v)) return undefined;
  const f = hchanFields(v);
  const num = (name: string) => Number(f.get(name)?.value ?? 0);
  const len = num('qcount');
  const cap = num('dataqsiz');
  // The ring's elements as Delve formats them (DAP), in receive order.
  let ring: string[] = [];
  if (len > 0) {
    const buf = await ctx.session.evaluate(`*(${expr}).buf`, 'variables').catch(() => undefined);
    if (buf?.variablesReference) ring = (await ctx.session.variables(buf.variablesReference, { start: 0, count: cap })).map((e) => e.value);
  }
  const text = await reasonText(rpc);
  const { goroutines, more } = await channelWaiters(rpc, expr, scopeOf(ctx));
  let waiters = splitWaiters(goroutines, text);
  if (waiters.selecting.length) waiters = selectSides(waiters, await queued(rpc, expr, scopeOf(ctx), 'sendq'), await queued(rpc, expr, scopeOf(ctx), 'recvq'));
  return formatChannel({ expr, type: v.type, len, cap, closed: num('closed') !== 0, buffer: receiveOrder(ring, num('recvx'), len), ...waiters, more }, WAITERS_LISTED);
}

/** The goroutines in a channel's queue of senders or receivers (its sudogs' chain), the first QUEUE_READ of them. */
async function queued(rpc: Pick<DelveRpcClient, 'eval'>, expr: string, scope: RpcEvalScope, queue: 'sendq' | 'recvq'): Promise<Set<number>> {
  const ids = new Set<number>();
  let at = `(${expr}).${queue}.first`;
  for (let i = 0; i < QUEUE_READ; i++, at += '.next') {
    const goid = Number((await rpc.eval(`${at}.g.goid`, { scope }).catch(() => undefined))?.value);
    if (!goid) break;
    ids.add(goid);
  }
  return ids;
}

/** `:goroutines -chan EXPR`, as the dlv CLI lists them. */
export async function listChannelWaiters(ctx: CommandContext, expr: string): Promise<string> {
  const rpc = await ctx.rpc('list the goroutines waiting on a channel');
  const { goroutines: gs, more } = await channelWaiters(rpc, expr, scopeOf(ctx)).catch((err: Error) => {
    throw new UserError(`Cannot read the channel ${expr}: ${err.message}.`, CHANNEL_HINT);
  });
  const text = await reasonText(rpc);
  const { senders, receivers, selecting } = splitWaiters(gs, text);
  const lines = [...senders, ...receivers, ...selecting].sort((a, b) => a.id - b.id).map((w) => `  Goroutine ${w.id} - User: ${w.where} [${w.reason}]`);
  return [...lines, `[${gs.length} goroutine${gs.length === 1 ? '' : 's'}${more ? ', the first of more' : ''}]`].join('\n');
}

/** Goroutines waiting on one channel (its hchan's address), with its length and capacity when read. */
export interface ChannelWaiters {
  address: number;
  /** A variable that holds it (see nameChannels). */
  name?: string;
  len?: number;
  cap?: number;
  members: RpcGoroutine[];
}

/**
 * The goroutines waiting on channels, grouped by the channel (its address). Delve groups by
 * location or label only; gotui reads each waiter's sudog (`runtime.curg.waiting.c` in its scope)
 * for at most GROUP_SCAN_LIMIT goroutines; a select's goroutine is queued on every case's channel
 * (its sudogs chained by `waitlink`), and is a member of each.
 */
export async function scanChannelWaiters(rpc: Pick<DelveRpcClient, 'listGoroutines' | 'eval' | 'getVersion' | 'stackPcs' | 'frameVars' | 'packageVars'>, text: (n: number) => string): Promise<{ groups: ChannelWaiters[]; scanned: number; capped: boolean }> {
  const waiting: RpcGoroutine[] = [];
  let start = 0;
  let capped = false;
  while (start >= 0) {
    const page = await rpc.listGoroutines({ Start: start, Count: PAGE });
    // Waiting now (4): one a partner has just woken is runnable with its wait reason and sudog still set, off the channel's queue.
    for (const g of page.Goroutines ?? []) if (g.status === 4 && /^(chan (send|receive)|select)/.test(text(g.waitReason)) && !/nil chan|no cases/.test(text(g.waitReason))) waiting.push(g);
    start = page.Nextg;
    if (waiting.length >= GROUP_SCAN_LIMIT) {
      capped = start >= 0 || waiting.length > GROUP_SCAN_LIMIT;
      break;
    }
  }
  const groups = new Map<number, ChannelWaiters>();
  for (const g of waiting.slice(0, GROUP_SCAN_LIMIT)) {
    // Trial BA: a select's goroutine was filed under its first case's channel only.
    const cases = text(g.waitReason).startsWith('select') ? SELECT_CASES_READ : 1;
    let sudog = 'runtime.curg.waiting';
    for (let i = 0; i < cases; i++, sudog += '.waitlink') {
      // The chain's end (a nil waitlink) is an error of the evaluation: the last case was read.
      const c = await rpc.eval(`${sudog}.c`, { scope: { GoroutineID: g.id, Frame: 0 }, recurse: 3 }).catch(() => undefined);
      const address = c && pointerInside(c);
      if (!address) break;
      const group = groups.get(address) ?? { address, members: [] };
      if (!group.members.includes(g)) group.members.push(g);
      groups.set(address, group);
    }
  }
  for (const group of groups.values()) {
    const h = await rpc.eval(`*(*runtime.hchan)(0x${group.address.toString(16)})`).catch(() => undefined);
    if (!h) continue;
    const f = hchanFields(h);
    group.len = Number(f.get('qcount')?.value ?? 0);
    group.cap = Number(f.get('dataqsiz')?.value ?? 0);
  }
  const found = [...groups.values()].sort((a, b) => b.members.length - a.members.length || a.address - b.address);
  await nameChannels(rpc, found);
  return { groups: found, scanned: Math.min(waiting.length, GROUP_SCAN_LIMIT), capped };
}

/** Channels named, the biggest groups first: at most five reads each. */
const CHANNELS_NAMED = 50;

/**
 * Names each channel by a variable that holds it (trial BD: 0xc000… said nothing): a parameter or
 * local of its first waiter's own frame, as the code that waits calls it (`queue`), else a variable
 * of that frame's package (`main.jobs`); failing both, a field of one of those (`s.done`,
 * `main.svc.done`: trial BG). A channel only a slice or a deeper field holds stays unnamed.
 */
async function nameChannels(rpc: Pick<DelveRpcClient, 'stackPcs' | 'frameVars' | 'packageVars'>, groups: ChannelWaiters[]): Promise<void> {
  const packages = new Map<string, Promise<RpcVariable[]>>();
  for (const group of groups.slice(0, CHANNELS_NAMED)) {
    const waiter = group.members[0];
    if (!waiter) continue;
    const frame = (await rpc.stackPcs(waiter.id, 64).catch((): number[] => [])).indexOf(waiter.userCurrentLoc.pc);
    const pkg = packageOf(waiter.userCurrentLoc.function?.name ?? '');
    const inFrame = (fields: boolean) => (frame >= 0 ? rpc.frameVars({ GoroutineID: waiter.id, Frame: frame }, { fields }).catch((): RpcVariable[] => []) : Promise.resolve([]));
    const inPackage = (fields: boolean) => {
      if (!pkg) return Promise.resolve([]);
      const key = `${pkg} ${fields}`;
      if (!packages.has(key)) packages.set(key, rpc.packageVars(pkg, '', { fields }).catch(() => []));
      return packages.get(key)!;
    };
    for (const [look, fields] of [[inFrame, false], [inPackage, false], [inFrame, true], [inPackage, true]] as const) {
      const name = holderOf(await look(fields), group.address, fields);
      if (name) {
        group.name = name;
        break;
      }
    }
  }
}

/** The variable among `vars` that is the channel at `address`, or (`fields`) whose field (through a pointer too) is: `s.done`. */
export function holderOf(vars: readonly RpcVariable[], address: number, fields: boolean): string | undefined {
  const holds = (v: RpcVariable) => v.kind === Kind.Chan && v.base === address;
  if (!fields) return vars.find(holds)?.name;
  for (const v of vars) {
    const struct = v.kind === Kind.Ptr ? v.children?.[0] : v;
    const field = struct?.kind === Kind.Struct ? struct.children?.find(holds) : undefined;
    if (field) return `${v.name}.${field.name}`;
  }
  return undefined;
}

/** `:goroutines -group chan` in the console: each channel with its waiters, as a list. */
export async function groupByChannel(ctx: CommandContext): Promise<string> {
  ctx.session.requireStopped('group goroutines by channel');
  const rpc = await ctx.rpc('group goroutines by channel');
  const text = await reasonText(rpc);
  const { groups, scanned, capped } = await scanChannelWaiters(rpc, text);
  const shown: ChannelGroup[] = groups.map((g) => ({ address: g.address, ...(g.name ? { name: g.name } : {}), ...(g.len !== undefined ? { len: g.len, cap: g.cap } : {}), waiters: g.members.map((m) => toWaiter(m, text)) }));
  return formatChannelGroups(shown, scanned, capped);
}
