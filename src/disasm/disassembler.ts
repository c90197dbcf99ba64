// Instructions from Delve, in gdb's text. On a headless Delve the JSON-RPC
// Disassemble call takes any start address (gdb's x/i off an instruction
// start works), a flavour and gives each instruction's bytes, source line,
// function and call target; DAP's disassemble is the fallback (`dlv dap`
// servers), in Go's own syntax.
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { describeError, UserError } from '../errors.js';
import { scopeOf, type DelveRpcClient } from '../delve/rpc.js';
import type { Symbolizer } from '../memory/format.js';
import { NO_CODE_HINT } from '../session/breakpoints.js';
import type { Session } from '../session/session.js';
import { gdbInstructionText, type Flavour } from './gdb-text.js';
import { hex } from '../core/text.js';

export interface Instruction {
  readonly address: bigint;
  /** Hex of the instruction's bytes. */
  readonly bytes: string;
  readonly length: number;
  /** gdb's text (Go syntax when only DAP could be asked). */
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
  readonly function?: string;
  /** Where a call or jump goes, when Delve knows. */
  readonly target?: bigint;
  /** Delve has a breakpoint here. */
  readonly breakpoint?: boolean;
}

export interface Disassembly {
  readonly instructions: readonly Instruction[];
  /** `gnu` / `intel` through JSON-RPC, `go` through DAP. */
  readonly syntax: Flavour | 'go';
}

/** api.AsmInstruction as JSON. */
interface RpcAsmInstruction {
  Loc: { pc: number; file: string; line: number; function?: { name: string } | null };
  DestLoc: { pc: number } | null;
  Text: string;
  Bytes: string;
  Breakpoint: boolean;
}

/** The longest x86-64 instruction. */
export const MAX_INSTRUCTION_BYTES = 15;
/** x86asm does not know endbr64 (f3 0f 1e fa): it decodes `rep` and then `nop %edx`; gdb shows one instruction. */
function joinEndbr(raw: RpcAsmInstruction[]): RpcAsmInstruction[] {
  const out: RpcAsmInstruction[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const next = raw[i + 1];
    if (r.Bytes === Buffer.from([0xf3]).toString('base64') && next && Buffer.from(next.Bytes, 'base64').toString('hex') === '0f1efa') {
      out.push({ ...r, Bytes: Buffer.from('f30f1efa', 'hex').toString('base64'), Text: 'endbr64' });
      i++;
    } else out.push(r);
  }
  return out;
}

export class Disassembler {
  flavour: Flavour = 'att';

  constructor(
    private readonly session: Session,
    private readonly rpc: () => Promise<DelveRpcClient | undefined>,
    /** Names for `<sym+off>`, once the binary's symbols are read. */
    private readonly symbols: () => Promise<Symbolizer | undefined>,
  ) {}

  /** `count` instructions from `start` (any address: decoding starts there, as gdb's does). */
  async from(start: bigint, count: number): Promise<Disassembly> {
    const got = await this.range(start, start + BigInt(count * MAX_INSTRUCTION_BYTES), count);
    return { ...got, instructions: got.instructions.slice(0, count) };
  }

  /** The whole function holding `pc` (Delve's Disassemble with no end); through DAP, the instructions around it. */
  async around(pc: bigint): Promise<Disassembly> {
    return this.range(pc, 0n, 64, -24);
  }

  /** The instructions in [start, end), or the function at start when end is 0. `count` and `offset` shape the DAP fallback. */
  async range(start: bigint, end: bigint, count = Number(end - start), offset = 0): Promise<Disassembly> {
    this.session.requireStopped('disassemble');
    const rpc = await this.rpc().catch(() => undefined);
    if (!rpc) return this.viaDap(start, count, offset);
    const sel = this.session.state.selection;
    let raw: RpcAsmInstruction[];
    try {
      const out = await rpc.call<{ Disassemble: RpcAsmInstruction[] | null }>('Disassemble', {
        Scope: scopeOf(sel),
        StartPC: Number(start),
        EndPC: Number(end),
        Flavour: this.flavour === 'intel' ? 1 : 0,
      });
      raw = out.Disassemble ?? [];
    } catch (err) {
      // gdb's words, as x/i prints them; Delve's reason and what to do in the hint.
      throw new UserError(`Cannot access memory at address ${hex(start)}`, `Delve says: ${describeError(err).replace(/\.$/, '')}. ${NO_CODE_HINT}`);
    }
    const symbolize = await this.symbols().catch(() => undefined);
    const instructions = joinEndbr(raw).map((r): Instruction => {
      const bytes = Buffer.from(r.Bytes, 'base64');
      const address = BigInt(r.Loc.pc);
      return {
        address,
        bytes: bytes.toString('hex'),
        length: bytes.length,
        text: r.Text === '?' ? '(bad)' : gdbInstructionText({ address, bytes, text: r.Text }, this.flavour, symbolize),
        ...(r.Loc.file ? { file: r.Loc.file, line: r.Loc.line } : {}),
        ...(r.Loc.function?.name ? { function: r.Loc.function.name } : {}),
        ...(r.DestLoc?.pc ? { target: BigInt(r.DestLoc.pc) } : {}),
        ...(r.Breakpoint ? { breakpoint: true } : {}),
      };
    });
    return { instructions, syntax: this.flavour };
  }

  private async viaDap(start: bigint, count: number, offset: number): Promise<Disassembly> {
    if (!this.session.features.disassemble) throw new UserError('This Delve cannot disassemble (it has no disassemble request).', 'Use x/16xb to see the bytes instead.');
    let res: P.DisassembleResponse;
    try {
      res = await this.session.request<P.DisassembleResponse>('disassemble', { memoryReference: hex(start), instructionOffset: offset, instructionCount: Math.min(count, 4096), resolveSymbols: true });
    } catch (err) {
      throw new UserError(`Delve cannot disassemble at ${hex(start)}: ${describeError(err).replace(/^Unable to disassemble:?\s*/i, '').replace(/\.$/, '')}.`, 'Without JSON-RPC (a dlv dap server) x/i needs the address of an instruction in the program text, e.g. $pc.');
    }
    const instructions: Instruction[] = [];
    for (const ins of res.body?.instructions ?? []) {
      const at = BigInt(ins.address);
      if (at === 0n || at === (1n << 64n) - 1n) continue; // Delve's padding outside the text
      const bytes = ins.instructionBytes ?? '';
      instructions.push({
        address: at,
        bytes,
        length: bytes.length / 2,
        text: ins.instruction,
        ...(ins.location?.path ? { file: ins.location.path, ...(ins.line ? { line: ins.line } : {}) } : {}),
        ...(ins.symbol ? { function: ins.symbol } : {}),
      });
    }
    return { instructions, syntax: 'go' };
  }
}
