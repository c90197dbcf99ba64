import type { Frame } from './state.js';
import { readNumber } from '../delve/said.js';

/**
 * The signal behind a fatal error, as Go's runtime prints it once the program dies (`SIGSEGV:
 * segmentation violation`, `addr=`, `PC=`): Delve stops at the fatal throw before that is printed
 * and names none of it (trial AL: "fatal error", no signal, no address). The runtime holds it in
 * the frames under the stop: `runtime.fatalsignal(sig, c, …)` for a signal in C code or in the
 * runtime itself, `runtime.sigpanic` (its `gp.sig`, `gp.sigcode1`, `gp.sigpc`) for a fault in Go code.
 */
export interface SignalReads {
  /** The frame the expressions are evaluated in. */
  frame: Frame;
  sig: string;
  addr: string;
  /** The PC as the runtime kept it (sigpanic); for fatalsignal the interrupted frame's own. */
  pc?: string;
  /** The frame the signal interrupted. */
  at?: Frame;
}

/** Where to read the signal in a crash's frames, if a signal caused it. Pure. */
export function signalReads(frames: readonly Frame[]): SignalReads | undefined {
  const fatal = frames.findIndex((f) => f.name === 'runtime.fatalsignal');
  if (fatal >= 0) {
    // The handler runs on the signal's own frames: the first frame past sigtrampgo is the interrupted one.
    const tramp = frames.findIndex((f) => f.name === 'runtime.sigtrampgo');
    const at = tramp >= 0 ? frames[tramp + 1] : undefined;
    return { frame: frames[fatal]!, sig: 'sig', addr: 'c.info.si_addr', ...(at ? { at } : {}) };
  }
  const panic = frames.findIndex((f) => f.name === 'runtime.sigpanic');
  if (panic >= 0) {
    const at = frames[panic + 1];
    return { frame: frames[panic]!, sig: 'gp.sig', addr: 'gp.sigcode1', pc: 'gp.sigpc', ...(at ? { at } : {}) };
  }
  return undefined;
}

/** Linux's numbers of the signals a crash comes from, for when the runtime's table cannot be read. */
const NAMES: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV' };

/**
 * `Signal SIGSEGV: segmentation violation at address 0xdeadbeef00, PC 0x4d1350 in C code:
 * C.sensor_sum at sensor.c:23.` The address only for SIGSEGV and SIGBUS, as the runtime prints it. Pure.
 */
export function signalSentence(s: { sig: number; name?: string; addr?: bigint; pc?: bigint; at?: Frame; goroutine?: number }): string {
  const name = s.name || NAMES[s.sig] || `signal ${s.sig}`;
  const addr = (s.sig === 11 || s.sig === 7) && s.addr !== undefined ? ` at address 0x${s.addr.toString(16)}` : '';
  const pc = s.pc ?? (s.at?.pc ? BigInt(s.at.pc) : undefined);
  const where = s.at ? `${s.at.name.startsWith('C.') ? ' in C code:' : ','} ${s.at.name} at ${(s.at.file ?? '?').split('/').pop()}:${s.at.line}` : '';
  // Its goroutine, which a status bar cut at 80 columns leaves out (trial AS).
  const whose = s.goroutine ? ` (goroutine ${s.goroutine})` : '';
  return `Signal ${name}${addr}${pc !== undefined ? `, PC 0x${pc.toString(16)}` : ''}${where}${whose}.`;
}

export type Evaluate = (frame: Frame, expr: string) => Promise<string | undefined>;

/** The number of the signal behind a crash, read through `evaluate`; undefined when no signal is behind it. */
export async function signalNumber(frames: readonly Frame[], evaluate: Evaluate): Promise<number | undefined> {
  const reads = signalReads(frames);
  const sig = reads && readNumber(await evaluate(reads.frame, reads.sig));
  return sig !== undefined && sig > 0n ? Number(sig) : undefined;
}

/** Reads the signal through `evaluate` (an expression in a frame, Delve's text back) and says it; undefined when no signal is behind the crash. */
export async function describeSignal(frames: readonly Frame[], evaluate: Evaluate, goroutine?: number): Promise<string | undefined> {
  const reads = signalReads(frames);
  const sig = await signalNumber(frames, evaluate);
  if (!reads || sig === undefined) return undefined;
  const [name, addr, pc] = await Promise.all([
    evaluate(reads.frame, `runtime.sigtable[${sig}].name`),
    evaluate(reads.frame, reads.addr),
    reads.pc ? evaluate(reads.frame, reads.pc) : undefined,
  ]);
  const quoted = /^"(.*)"$/.exec(name ?? '')?.[1];
  const pcValue = readNumber(pc);
  const addrValue = readNumber(addr);
  return signalSentence({ sig, ...(goroutine ? { goroutine } : {}), ...(quoted ? { name: quoted } : {}), ...(addrValue !== undefined ? { addr: addrValue } : {}), ...(pcValue !== undefined ? { pc: pcValue } : {}), ...(reads.at ? { at: reads.at } : {}) });
}

/**
 * What a core written at an unrecovered panic or a fatal error (`:dump` at that stop, a kernel core
 * of GOTRACEBACK=crash) was written at: Delve's DAP says it only of a live stop (exceptionInfo), with
 * these same reads (the panic's value in runtime.fatalpanic, the throw's string in runtime.throw or
 * runtime.fatal). Undefined when the frames show neither (trial BN: the core said nothing of it).
 */
export async function describeFatal(frames: readonly Frame[], evaluate: Evaluate, goroutine?: number): Promise<{ what: 'a panic' | 'a fatal error'; sentence: string } | undefined> {
  const whose = goroutine ? ` (goroutine ${goroutine})` : '';
  const panic = frames.find((f) => f.name === 'runtime.fatalpanic');
  if (panic) {
    const value = await evaluate(panic, '(*msgs).arg.(data)');
    return { what: 'a panic', sentence: `The core was written at an unrecovered panic${value ? `: ${value}` : ''}${whose}.` };
  }
  const thrown = frames.find((f) => f.name === 'runtime.throw' || f.name === 'runtime.fatal');
  if (!thrown) return undefined;
  const value = await evaluate(thrown, 's');
  return { what: 'a fatal error', sentence: `The core was written at a fatal error${value ? `: ${value}` : ''}${whose}.` };
}
