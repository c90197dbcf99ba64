import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shellQuote } from '../core/shell.js';
import { splitShellWords } from '../core/shellwords.js';
import { describeError, UserError } from '../errors.js';
import { holdStateForDump, RpcTimeoutError, statesAnswered, type RpcDumpState } from '../delve/rpc.js';
import type { Command, CommandContext } from '../features/types.js';
import { breakpointOriginalBytes } from '../delve/breakpoint-bytes.js';
import { putThreadFirst, restoreBreakpointBytes, restoredWords } from './core-patch.js';
import { signalNumber } from '../session/signal.js';
import { isKeptBy } from '../session/breakpoints.js';
import { signalName } from './core-file.js';
import { binaryOf } from '../delve/server.js';

/** How often progress is asked for, and said at most. */
const POLL_MS = 250;
const SAY_EVERY_MS = 1_000;
/** A dump that takes longer is cancelled (a huge process over a slow disk). */
export const DUMP_LIMIT_MS = 10 * 60_000;
/** A DumpWait unanswered for this long means Delve hangs (see the loop). */
const DUMP_STALL_MS = 60_000;

// Binary megabytes, said so (trial BW: `45.5 MB` for 47,710,892 bytes).
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

export function dumpProgress(s: RpcDumpState): string {
  const mem = s.MemTotal ? `${mb(s.MemDone)} of ${mb(s.MemTotal)} MiB` : 'memory';
  const threads = s.ThreadsTotal ? `, ${s.ThreadsDone} of ${s.ThreadsTotal} threads` : '';
  return `${mem}${threads}`;
}

/**
 * `:dump FILE`: Delve writes a core of the live target (JSON-RPC DumpStart, progress from
 * DumpWait). Delve dumps only a stopped target: a running one is halted for the dump and let run
 * again at once.
 */
async function dump(ctx: CommandContext, args: string): Promise<void> {
  const session = ctx.session;
  // One file name, typed as in a shell: quoted if it has spaces, ~ for the home directory.
  const words = splitShellWords(args.trim());
  if (!words.ok) throw new UserError(`Cannot read the file name: ${words.message}`, "Quote as in a shell: :dump '/tmp/my core'");
  // An older core is often the one evidence of a crash: written over only when asked to.
  const force = words.words[0] === '-force';
  if (force) words.words.shift();
  if (!words.words.length) throw new UserError('dump needs a file to write.', 'Example: :dump /tmp/svc.core');
  if (words.words.length > 1) throw new UserError('dump writes one file.', "A name with spaces is quoted: :dump '/tmp/my core'");
  session.requireLive('dump a core');
  const host = ctx.host;
  // Delve writes the core where it runs: there, this machine's directory and home mean nothing.
  if (host && !path.isAbsolute(words.words[0]!)) throw new UserError(`Give the core's full path on ${host}, where Delve runs and writes it.`, 'Example: :dump /tmp/svc.core');
  const file = host ? words.words[0]! : path.resolve(words.words[0]!.replace(/^~(?=\/|$)/, os.homedir()));
  if (!host && !fs.existsSync(path.dirname(file))) throw new UserError(`There is no directory ${path.dirname(file)}.`, 'Write the core into a directory that exists.');
  const there = !host && !force ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
  if (there) throw new UserError(`${file} exists (${there.isFile() ? `${mb(there.size)} MiB, written ${there.mtime.toISOString().slice(0, 16).replace('T', ' ')}` : 'not a file'}): gotui does not write over it.`, `Name another file, or replace it: :dump -force ${shellQuote(file)}`);
  const rpc = await ctx.rpc('write a core');
  let resume = false;
  if (session.state.status === 'running') {
    const since = session.stopCount;
    await session.pause();
    if ((await session.waitForStop(since, 5_000)) === 'timeout') throw new UserError('The target did not stop for the dump within 5s.', 'Pause it (p) and dump again.');
    resume = true;
  }
  session.requireStopped('dump a core');
  // Delve dumps memory with its breakpoints' int3 in it: the code's own bytes, read now, go back after.
  const originals = host ? { bytes: new Map<bigint, number>(), ids: new Map<bigint, number>() } : await breakpointOriginalBytes(rpc, { internal: true });
  const started = Date.now();
  holdStateForDump(rpc.address, true, DUMP_LIMIT_MS);
  session.events.emit('dumping', { on: true });
  try {
    await statesAnswered(rpc.address);
    let state = (await rpc.call<{ State: RpcDumpState }>('DumpStart', { Destination: file }).catch((err) => {
      throw new UserError(`Delve could not start the dump: ${describeError(err)}.`, 'Check that the file can be written (a directory, or one of /proc or /sys, cannot).');
    })).State;
    let said = started;
    while (state.Dumping) {
      if (Date.now() - started > DUMP_LIMIT_MS) {
        await rpc.call('DumpCancel', {}).catch(() => undefined);
        throw new UserError(`The dump took longer than ${DUMP_LIMIT_MS / 60_000} minutes and was cancelled.`, 'Dump to a faster disk, or free memory in the target first.');
      }
      // DumpWait needs only the dump's progress lock, which the writer takes for a moment per chunk:
      // no answer in this long means the lock was left held (Delve 1.27 does so when its state is asked during a dump).
      state = (
        await rpc.call<{ State: RpcDumpState }>('DumpWait', { Wait: POLL_MS }, { timeoutMs: POLL_MS + DUMP_STALL_MS }).catch((err) => {
          if (!(err instanceof RpcTimeoutError)) throw err;
          throw new UserError(`Delve stopped answering while it wrote ${file} (no progress for ${DUMP_STALL_MS / 1000}s); it is probably hung.`, 'Delve cannot finish this dump: restart it (the target stays halted meanwhile).');
        })
      ).State;
      if (state.Dumping && Date.now() - said >= SAY_EVERY_MS) {
        said = Date.now();
        ctx.print(`Dumping: ${dumpProgress(state)}…`, 'info');
      }
    }
    holdStateForDump(rpc.address, false);
    if (state.Err) throw new UserError(`The dump failed: ${state.Err}.`, 'Check the disk space and that the file can be written.');
    const after = await rpc.state(true).catch(() => undefined);
    const named = after?.TargetCommandLine.split(' ')[0] || 'BIN';
    // The command line's path is from the service's own directory (`./svc`): the binary its process runs, here (trial AT).
    const exe = !host && !path.isAbsolute(named) && after?.Pid ? binaryOf(after.Pid) : undefined;
    const program = exe && path.basename(exe) === path.basename(named) ? exe : named;
    const open = `gotui core ${shellQuote(program)} ${shellQuote(file)}`;
    const took = `(${dumpProgress(state)}) in ${((Date.now() - started) / 1000).toFixed(1)}s`;
    ctx.print(host ? `Wrote ${file} on ${host} ${took}. Open it there with: ${open}, or copy it here first: scp ${shellQuote(`${host}:${file}`)} .` : `Wrote ${file} ${took}. Open it with: ${open}`, 'result');
    const restored = host ? [] : restoreBreakpointBytes(file, originals.bytes);
    if (restored.length) {
      // Yours are the breakpoints this gotui set (or you kept from one before); every other Delve id above 0 is another client's.
      const mine = new Set(session.state.breakpoints.flatMap((b) => (b.delveId !== undefined && (b.by === undefined || isKeptBy(b.by)) ? [b.delveId] : [])));
      const ids = restored.map((a) => originals.ids.get(a) ?? 0);
      ctx.print(restoredWords({ yours: ids.filter((id) => mine.has(id)).length, others: ids.filter((id) => id > 0 && !mine.has(id)).length, delves: ids.filter((id) => id <= 0).length }), 'info');
    }
    // gdb opens a core on its first thread: the one of the goroutine looked at, with the crash's signal.
    const goroutine = session.state.selection?.goroutine;
    const its = goroutine ? after?.Threads?.find((th) => th.goroutineID === goroutine) : undefined;
    const thread = its?.id ?? after?.currentThread?.id;
    if (!host && thread) {
      const frames = its ? ((await session.frames(goroutine!, 0, 64).catch(() => undefined))?.frames ?? []) : [];
      const signal = await signalNumber(frames, (f, e) => session.valueIn(f, e)).catch(() => undefined);
      if (putThreadFirst(file, thread, signal)) ctx.print(`gdb opens the core on thread ${thread}${its ? ` (goroutine ${goroutine}'s)` : ''}${signal ? `, stopped by ${signalName(signal)}` : ''}.`, 'info');
      // A goroutine looked at that is parked has no thread of its own: gdb cannot open on it (trial AY expected it to).
      if (goroutine && !its) ctx.print(`Goroutine ${goroutine}, looked at, runs on no thread (parked): gdb, which knows threads only, opens the core on thread ${thread} and cannot show goroutine ${goroutine}'s stack; gotui core can.`, 'info');
    }
  } finally {
    holdStateForDump(rpc.address, false);
    session.events.emit('dumping', { on: false });
    if (resume) await session.continue().catch((err) => ctx.print(`The target stays halted: ${describeError(err)}`, 'warning'));
  }
}

export const postmortemCommands: Command[] = [
  {
    name: 'dump',
    args: '[-force] FILE',
    summary: 'Write a core file of the target (Delve\'s dump, with progress); a running target is halted only for the dump; a file already there is kept unless -force. Open it later with gotui core BIN FILE.',
    run: dump,
  },
];
