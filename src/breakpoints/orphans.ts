/**
 * Breakpoints a gotui could not remove because its link to Delve was down when it quit. They stay
 * in Delve (the target halts at them with no client attached); recorded in the user's private
 * directory under the Delve's identity, so that the next gotui on that Delve takes them back as its
 * own (and removes them when it quits) instead of listing them as another client's.
 * Those a quit kept as asked (-keep-breakpoints) are recorded too, marked kept: the next gotui
 * names them as the user's kept ones, not another client's, and leaves them as it found them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeError } from '../errors.js';
import { breakpointPlace, keptBy, othersName } from '../session/breakpoints.js';
import type { Breakpoint } from '../session/state.js';
import type { Session } from '../session/session.js';

export interface Orphan {
  delveId: number;
  /** Where, as breakpointPlace says it: the record is trusted only where Delve's breakpoint is still there. */
  place: string;
  /** Left in Delve on purpose (-keep-breakpoints): named, never taken back. */
  kept?: boolean;
  /** gotui's number for it in the session that kept it (`#1`), said beside Delve's. */
  was?: number;
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
  writeRecord(dir, { key, at: now.toISOString(), breakpoints: [...had.filter((o) => !breakpoints.some((b) => b.delveId === o.delveId)), ...breakpoints] });
}

function writeRecord(dir: string, record: OrphanRecord): void {
  const file = fileFor(dir, record.key);
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

/** Which of Delve's breakpoints now (id and place) are the record's (its kept ones, or the others): the same id at the same place. Pure. */
export function matchOrphans(record: OrphanRecord, present: readonly Orphan[], kept = false): number[] {
  return present.filter((p) => record.breakpoints.some((o) => !!o.kept === kept && o.delveId === p.delveId && o.place === p.place)).map((p) => p.delveId);
}

/** Records the breakpoints of this session that a leave keeps in Delve as asked (call before it). */
export function leaveKept(session: Session, dir: string, key: string): void {
  const mine = session.state.breakpoints.filter((b) => !b.by && b.delveId !== undefined);
  if (mine.length) recordOrphans(dir, key, mine.map((b) => ({ delveId: b.delveId!, place: breakpointPlace(b), kept: true, was: b.id })));
}

/** Records this session's breakpoints still in Delve (its link is down at quit); whether any were recorded. */
export function leaveOrphans(session: Session, dir: string, key: string): boolean {
  const mine = session.state.breakpoints.filter((b) => !b.by && !b.disabled && b.delveId !== undefined);
  if (!mine.length) return false;
  recordOrphans(dir, key, mine.map((b) => ({ delveId: b.delveId!, place: breakpointPlace(b) })));
  return true;
}

/**
 * At the first stop where Delve's list is read, the recorded breakpoints still where they were
 * become this session's (said in the console); the kept ones are named by `nameKept` and said,
 * and stay recorded while Delve has them; the rest of the record is dropped.
 */
export function takeBackOrphans(session: Session, dir: string, key: string, nameKept?: (delveIds: number[], by: string) => Promise<void>): void {
  const record = readOrphans(dir, key);
  if (!record) return;
  const attempt = async () => {
    if (session.state.status !== 'stopped' || session.isLeaving) return false;
    await session.learnBreakpoints?.();
    const present = session.state.breakpoints.filter((b) => b.by !== undefined && b.delveId !== undefined).map((b) => ({ delveId: b.delveId!, place: breakpointPlace(b) }));
    const taken = session.takeBack(matchOrphans(record, present));
    const at = new Date(record.at).toTimeString().slice(0, 5);
    for (const b of taken) session.log(`Breakpoint #${b.id} at ${breakpointPlace(b)} was set by a gotui whose link to this Delve dropped (it quit at ${at}): it is yours again, and q removes it.`, 'info');
    // Kept ones stay recorded while Delve has them: every gotui after this one names them so.
    const kept = matchOrphans(record, present, true);
    if (kept.length) {
      writeRecord(dir, { ...record, breakpoints: record.breakpoints.filter((o) => o.kept && kept.includes(o.delveId)) });
      await nameKept?.(kept, keptBy(at));
      const bps = session.state.breakpoints.filter((b) => b.delveId !== undefined && kept.includes(b.delveId));
      const one = bps.length === 1 ? othersName(bps[0]!) : undefined;
      const was = (b: Breakpoint) => record.breakpoints.find((o) => o.delveId === b.delveId)?.was;
      const listed = bps.map((b) => `${othersName(b)} at ${breakpointPlace(b)}${was(b) !== undefined ? ` (was #${was(b)})` : ''}`).join(', ');
      session.log(`${one ? 'Breakpoint' : 'Breakpoints'} ${listed} ${one ? 'is one' : 'are those'} a gotui of yours kept in Delve when it quit at ${at} (-keep-breakpoints): left as found, q leaves ${one ? 'it' : 'them'} too; ${one ? `:clear ${one} removes it` : ':clear NAME removes one'}.`, 'info');
    } else dropOrphans(dir, key);
    return true;
  };
  void attempt()
    .then((done) => {
      if (done) return;
      const off = session.events.on('stop', () => void attempt().then((ok) => ok && off()));
    })
    .catch((err) => session.log(`Breakpoints left by an earlier gotui: ${describeError(err)}`, 'warning'));
}
