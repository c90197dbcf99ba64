/**
 * Breakpoints a gotui could not remove because its link to Delve was down when it quit. They stay
 * in Delve (the target halts at them with no client attached); recorded in the user's private
 * directory under the Delve's identity, so that the next gotui on that Delve takes them back as its
 * own (and removes them when it quits) instead of listing them as another client's.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Orphan {
  delveId: number;
  /** Where, as breakpointPlace says it: the record is trusted only where Delve's breakpoint is still there. */
  place: string;
}

export interface OrphanRecord {
  /** The Delve's identity (the pair rendezvous key: address and Delve's pid). */
  key: string;
  /** When the gotui that set them left (ISO). */
  at: string;
  breakpoints: Orphan[];
}

function fileFor(dir: string, key: string): string {
  return path.join(dir, `orphans-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
}

/** Adds `breakpoints` to the record for this Delve (another gotui's, left earlier, are kept). */
export function recordOrphans(dir: string, key: string, breakpoints: readonly Orphan[], now = new Date()): void {
  const had = readOrphans(dir, key)?.breakpoints ?? [];
  const record: OrphanRecord = { key, at: now.toISOString(), breakpoints: [...had.filter((o) => !breakpoints.some((b) => b.delveId === o.delveId)), ...breakpoints] };
  const file = fileFor(dir, key);
  fs.writeFileSync(`${file}.${process.pid}.partial`, JSON.stringify(record), { mode: 0o600 });
  fs.renameSync(`${file}.${process.pid}.partial`, file);
}

/** The record for this Delve, if any (a damaged one counts as none). */
export function readOrphans(dir: string, key: string): OrphanRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(fileFor(dir, key), 'utf8')) as OrphanRecord;
    return r && r.key === key && Array.isArray(r.breakpoints) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the record for this Delve (its breakpoints taken back, or gone from Delve). */
export function dropOrphans(dir: string, key: string): void {
  fs.rmSync(fileFor(dir, key), { force: true });
}

/** Which of Delve's breakpoints now (id and place) are the record's: the same id at the same place. Pure. */
export function matchOrphans(record: OrphanRecord, present: readonly Orphan[]): number[] {
  return present.filter((p) => record.breakpoints.some((o) => o.delveId === p.delveId && o.place === p.place)).map((p) => p.delveId);
}
