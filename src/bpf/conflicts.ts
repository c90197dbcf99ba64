/** A uprobe address that is also the address of a Delve breakpoint. */
export interface ProbeConflict {
  address: number;
}

/**
 * Probe addresses that coincide with breakpoint addresses. Both use the int3 byte at that
 * address: a uprobe there silences Delve's breakpoint, and it stays dead after bpftrace exits.
 */
export function probeConflicts(probeAddresses: readonly (number | bigint)[], breakpointAddresses: readonly (number | bigint)[]): ProbeConflict[] {
  const bps = new Set(breakpointAddresses.map(Number));
  return [...new Set(probeAddresses.map(Number))].filter((a) => bps.has(a)).map((address) => ({ address }));
}
