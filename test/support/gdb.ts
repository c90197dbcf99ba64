// The oracle for the machine level: gdb 13 on a core of the debugged process,
// written by Delve at the stop the test is at (JSON-RPC DumpStart), so gdb and
// gotui look at the same bytes and registers.
//
// Delve 1.27.1 writes its notes without owner names and zeroes the XCR0 word
// of the XSAVE area: binutils then ignores NT_X86_XSTATE and gdb shows every
// x87/SSE/AVX register as <unavailable>. repairCore rewrites the notes (names
// CORE and LINUX, an NT_FPREGSET from the XSAVE legacy area, XCR0 from this
// CPU, the XSAVE area cut to the size gdb expects); nothing else changes.
import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { findOnPath } from '../../src/delve/locate.js';
import type { HostPort } from '../../src/transport/address.js';
import { requireTool, waitFor } from './delve.js';

export interface GdbCore {
  /** Runs gdb commands (C language, the stopped thread selected); returns each command's output lines. */
  run(commands: readonly string[]): Promise<string[][]>;
  readonly core: string;
}

const NT_FPREGSET = 2;
const NT_X86_XSTATE = 0x202;
const XCR0_OFFSET = 464;

/** XCR0 and XSAVE size gdb 13 knows for this CPU (AVX-512, AVX, or SSE only). */
function cpuXsave(): { xcr0: bigint; size: number } {
  const flags = fs.readFileSync('/proc/cpuinfo', 'utf8');
  if (/\bavx512f\b/.test(flags)) return { xcr0: 0xe7n, size: 2688 };
  if (/\bavx\b/.test(flags)) return { xcr0: 0x7n, size: 832 };
  return { xcr0: 0x3n, size: 576 };
}

function note(name: string, type: number, desc: Buffer): Buffer {
  const n = Buffer.from(name ? `${name}\0` : '');
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const head = Buffer.alloc(12);
  head.writeUInt32LE(n.length, 0);
  head.writeUInt32LE(desc.length, 4);
  head.writeUInt32LE(type, 8);
  return Buffer.concat([head, pad(n), pad(desc)]);
}

/** Rewrites a Delve core's notes so gdb reads every register (see above). */
export function repairCore(file: string): void {
  const f = fs.readFileSync(file);
  const phoff = Number(f.readBigUInt64LE(0x20));
  const phnum = f.readUInt16LE(0x38);
  const { xcr0, size } = cpuXsave();
  const parts: Buffer[] = [f];
  let end = f.length;
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * 56;
    if (f.readUInt32LE(p) !== 4) continue; // PT_NOTE
    const off = Number(f.readBigUInt64LE(p + 8));
    const filesz = Number(f.readBigUInt64LE(p + 32));
    const notes: Buffer[] = [];
    for (let o = off; o < off + filesz; ) {
      const nsz = f.readUInt32LE(o);
      const dsz = f.readUInt32LE(o + 4);
      const type = f.readUInt32LE(o + 8);
      o += 12;
      const name = f.toString('latin1', o, o + nsz).replace(/\0+$/, '');
      o += (nsz + 3) & ~3;
      const desc = Buffer.from(f.subarray(o, o + dsz));
      o += (dsz + 3) & ~3;
      if (type === NT_X86_XSTATE) {
        desc.writeBigUInt64LE(xcr0, XCR0_OFFSET);
        notes.push(note('CORE', NT_FPREGSET, desc.subarray(0, 512)), note('LINUX', NT_X86_XSTATE, desc.subarray(0, Math.min(size, desc.length))));
      } else notes.push(note(name || 'CORE', type, desc));
    }
    const block = Buffer.concat(notes);
    f.writeBigUInt64LE(BigInt(end), p + 8);
    f.writeBigUInt64LE(BigInt(block.length), p + 32);
    parts.push(block);
    end += block.length;
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}

/** Has Delve write a core of its target now (the target must be stopped), repaired for gdb. */
export async function dumpCore(address: HostPort, file: string): Promise<number> {
  const rpc = await DelveRpcClient.connect(address);
  try {
    const state = await rpc.state(false);
    await rpc.call('DumpStart', { Destination: file });
    await waitFor('Delve to write the core', async () => {
      const out = await rpc.call<{ State: { AllDone: boolean; Err: string } }>('DumpWait', { Wait: 500 });
      if (out.State.Err) throw new Error(`Delve could not dump a core: ${out.State.Err}`);
      return out.State.AllDone || undefined;
    }, 120_000, 10);
    repairCore(file);
    return (state as unknown as { currentThread?: { id: number } }).currentThread?.id ?? 0;
  } finally {
    rpc.close();
  }
}

async function gdb(binary: string, core: string, commands: readonly string[]): Promise<string> {
  const args = ['-batch', '-nx', '-iex', 'set auto-load python-scripts off', '-iex', 'set width 0', '-iex', 'set height 0', ...commands.flatMap((c) => ['-ex', c]), binary, core];
  // stdout and stderr in one stream, in order, as at a terminal: errors land inside x's rows.
  const r = await execa('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'gdb', ...args], { reject: false, timeout: 120_000 });
  return r.stdout;
}

const MARK = '@@gotui-next@@';

/** A core of the server's target at this stop, and gdb on it with Delve's current thread selected. */
export async function gdbAtStop(t: TestContext, address: HostPort, binary: string): Promise<GdbCore | undefined> {
  if (!requireTool(t, !!findOnPath('gdb'), 'gdb')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-core-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'core');
  const lwp = await dumpCore(address, core);
  const threads = await gdb(binary, core, ['info threads']);
  const id = new RegExp(`^\\*?\\s+(\\d+)\\s+.*\\bLWP ${lwp}\\b`, 'm').exec(threads)?.[1];
  if (!id) throw new Error(`gdb shows no thread LWP ${lwp}:\n${threads}`);
  return {
    core,
    async run(commands) {
      const out = await gdb(binary, core, ['set language c', `thread ${id}`, `echo ${MARK}\\n`, ...commands.flatMap((c) => [c, `echo ${MARK}\\n`])]);
      const blocks = out.split(MARK).slice(1, commands.length + 1);
      // gdb's warnings about the core are not x's output.
      return blocks.map((b) => b.split('\n').filter((l) => l !== '' && !/^warning: /.test(l)));
    },
  };
}
