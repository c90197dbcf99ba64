import type { DelveRpcClient } from './rpc.js';

/**
 * The code's own first byte at each address where Delve has a breakpoint (its int3 is there in
 * memory): Delve's Disassemble shows the original instruction. `internal` includes Delve's own
 * (unrecovered-panic, fatal-throw: ids below 0). `ids`: the Delve id of the breakpoint at each
 * address, to say whose it is. Empty when Delve does not list them.
 */
export async function breakpointOriginalBytes(rpc: DelveRpcClient, opts: { internal?: boolean } = {}): Promise<{ bytes: Map<bigint, number>; ids: Map<bigint, number> }> {
  const bytes = new Map<bigint, number>();
  const ids = new Map<bigint, number>();
  try {
    const list = await rpc.call<{ Breakpoints: { addrs: number[] | null; id: number }[] | null }>('ListBreakpoints', { All: false });
    const kept = (list.Breakpoints ?? []).filter((b) => opts.internal || b.id > 0);
    for (const b of kept) for (const a of b.addrs ?? []) ids.set(BigInt(a), b.id);
    const addrs = [...new Set(kept.flatMap((b) => b.addrs ?? []))];
    await Promise.all(
      addrs.map(async (a) => {
        const out = await rpc.call<{ Disassemble: { Loc: { pc: number }; Bytes: string }[] | null }>('Disassemble', { Scope: { GoroutineID: -1, Frame: 0, DeferredCall: 0 }, StartPC: a, EndPC: a + 1, Flavour: 0 });
        const first = out.Disassemble?.find((d) => d.Loc.pc === a);
        if (first) bytes.set(BigInt(a), Buffer.from(first.Bytes, 'base64')[0]!);
      }),
    );
  } catch {
    // Without the list the int3 bytes stay, as Delve's own x and dump show them.
  }
  return { bytes, ids };
}
