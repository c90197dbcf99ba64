// An instruction as gdb 13 prints it (libopcodes' layout), from the text
// Delve's JSON-RPC Disassemble gives in its GNU or Intel flavour
// (golang.org/x/arch x86asm) and the instruction's bytes. x86asm spells a few
// things its own way; each rule below undoes one of them:
//   - branch targets: x86asm names them (`callq runtime.morestack_noctxt`),
//     gdb prints the address and `<sym+off>`;
//   - RIP-relative operands: x86asm prints the symbol, gdb the displacement
//     and `        # 0xTARGET <sym+off>` at the end;
//   - encoded zero displacements (`nopl 0x0(%rax)`), scale 1 (`(%rax,%rbx,1)`),
//     negative immediates as unsigned of the operand's size, `movabs`;
//   - q suffixes gdb drops (`callq`, `retq`), Intel's jcc aliases and
//     upper-case `QWORD PTR`; the mnemonic padded to 6 columns.
// Pure: symbols come from a Symbolizer.
import { symbolLabel, type Symbolizer } from '../memory/format.js';
import { findModRm, opcodeStart as opcodeIndex, relativeTarget } from './encoding.js';
import { hex } from '../core/text.js';

export type Flavour = 'att' | 'intel';

export interface RawInstruction {
  readonly address: bigint;
  readonly bytes: Uint8Array;
  /** Delve's text in the flavour asked for (GNU for att). */
  readonly text: string;
}

const PREFIXES = new Set(['lock', 'rep', 'repz', 'repnz', 'repe', 'repne', 'data16', 'data32', 'addr32', 'cs', 'ds', 'es', 'fs', 'gs', 'ss', 'notrack', 'bnd', 'xacquire', 'xrelease']);
const ATT_MNEMONICS: Readonly<Record<string, string>> = { callq: 'call', jmpq: 'jmp', retq: 'ret', pushfq: 'pushf', popfq: 'popf', movsxd: 'movslq', lretq: 'lret' };
const INTEL_MNEMONICS: Readonly<Record<string, string>> = {
  jnle: 'jg', jnbe: 'ja', jnb: 'jae', jnl: 'jge', jnge: 'jl', jnae: 'jb', jng: 'jle', jna: 'jbe', jz: 'je', jnz: 'jne',
  setnle: 'setg', setnbe: 'seta', setnb: 'setae', setnl: 'setge', setnge: 'setl', setnae: 'setb', setng: 'setle', setna: 'setbe', setz: 'sete', setnz: 'setne',
  cmovnle: 'cmovg', cmovnbe: 'cmova', cmovnb: 'cmovae', cmovnl: 'cmovge', cmovnge: 'cmovl', cmovnae: 'cmovb', cmovng: 'cmovle', cmovna: 'cmovbe', cmovz: 'cmove', cmovnz: 'cmovne',
  retq: 'ret', pushfq: 'pushf', popfq: 'popf',
};
const ACCUMULATORS: Readonly<Record<string, string>> = { b: 'al', w: 'ax', d: 'eax', q: 'rax' };
const VPCMP = ['eq', 'lt', 'le', 'false', 'neq', 'nlt', 'nle', 'true'];
const signedHex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : hex(v));

/** gdb's text for one instruction (what follows `<sym+off>:\t`). */
export function gdbInstructionText(ins: RawInstruction, flavour: Flavour, symbolize?: Symbolizer): string {
  const b = ins.bytes;
  if (b.length === 2 && b[0] === 0x66 && b[1] === 0x90) return flavour === 'att' ? 'xchg   %ax,%ax' : 'xchg   ax,ax';
  const words = ins.text.trim().split(' ');
  const head: string[] = [];
  while (words.length > 1 && (PREFIXES.has(words[0]!) || /^rex(\.[WRXB]+)?$/.test(words[0]!))) head.push(words.shift()!);
  let mnemonic = words.shift() ?? '';
  let operands = splitOperands(words.join(' '), flavour);
  let comment = '';
  const named = (at: bigint) => {
    const sym = symbolize?.(at);
    return sym ? `${hex(at)} ${symbolLabel(sym)}` : hex(at);
  };

  const target = relativeTarget(b, ins.address);
  if (target !== undefined && operands.length === 1) {
    operands = [named(target)];
  } else {
    // B8+r with REX.W carries a 64-bit immediate and no ModRM.
    const m = isMovImm64(b) ? undefined : findModRm(b);
    const memIndex = operands.findIndex((o) => isMemory(o, flavour));
    if (m?.ripRelative) {
      const at = BigInt.asUintN(64, ins.address + BigInt(b.length) + m.disp);
      const i = memIndex >= 0 ? memIndex : operands.findIndex((o) => !isRegisterOrImmediate(o, flavour));
      if (i >= 0) operands[i] = ripOperand(operands[i]!, m.disp, flavour);
      comment = `        # ${named(at)}`;
    } else if (memIndex >= 0 || (m && operands.some((o) => /^(%[cdefgs]s:)?0x[0-9a-f]+$/.test(o)))) {
      const i = memIndex >= 0 ? memIndex : operands.findIndex((o) => /^(%[cdefgs]s:)?0x/.test(o));
      operands[i] = fixMemory(operands[i]!, !!m && m.dispBytes > 0 && m.disp === 0n, flavour);
    }
    const size = operandSize(mnemonic, operands, flavour);
    operands = operands.map((o) => fixImmediate(symbolicImmediate(o, b, flavour), size, flavour));
  }
  // A lone x87 top of stack is st(0) to libopcodes (beside another register it stays st).
  if (operands.length === 1) operands = operands.map((o) => (o === '%st' ? '%st(0)' : o === 'st' ? 'st(0)' : o));
  // Prefixes of a multi-byte nop (0f 1f) are words to libopcodes: 2e is `cs`, each 66 before the last `data16`.
  const op0 = opcodeIndex(b);
  if (b[op0] === 0x0f && b[op0 + 1] === 0x1f && op0 > 0) {
    const words: string[] = [];
    const sizes = [...b.subarray(0, op0)].filter((x) => x === 0x66).length;
    let seen66 = 0;
    for (const p of b.subarray(0, op0)) {
      if (p === 0x66 && ++seen66 < sizes) words.push('data16');
      else if (p === 0x2e) words.push('cs');
    }
    head.splice(0, head.length, ...words);
    operands = operands.map((o) => o.replace(/%cs:|\bcs:/, ''));
  }
  if (flavour === 'intel' && /^f/.test(mnemonic)) operands = intelX87(operands);
  if (flavour === 'att') {
    mnemonic = ATT_MNEMONICS[mnemonic] ?? mnemonic;
    // mov of a 64-bit immediate (REX.W B8+r, 10 bytes) is movabs to libopcodes.
    if (mnemonic === 'mov' && isMovImm64(b)) mnemonic = 'movabs';
  } else {
    mnemonic = INTEL_MNEMONICS[mnemonic] ?? mnemonic;
    if (mnemonic === 'mov' && isMovImm64(b)) mnemonic = 'movabs';
    // libopcodes drops the register field of the multi-byte nop, and writes the shift-by-one forms' count as 1.
    if (mnemonic === 'nop' && operands.length === 2) operands = [operands[0]!];
    if (/^prefetch/.test(mnemonic)) operands = operands.map((o) => o.replace(/^\w+ PTR/, 'BYTE PTR'));
    // String instructions name their implicit operands.
    const string = /^(stos|movs)([bwdq])$/.exec(mnemonic);
    if (string && operands[0]?.endsWith('[rdi]') && !operands.some((o) => /xmm/.test(o))) {
      const dst = operands[0]!.replace('[rdi]', 'es:[rdi]');
      operands = string[1] === 'stos' ? [dst, ACCUMULATORS[string[2]!]!] : [dst, (operands[1] ?? '').replace('[rsi]', 'ds:[rsi]')];
      mnemonic = string[1]!;
    }
    const op = b[opcodeIndex(b)];
    if ((op === 0xd0 || op === 0xd1) && operands.length === 2 && operands[1] === '0x1') operands = [operands[0]!, '1'];
  }
  // AVX-512 integer compares with a predicate immediate are named by the predicate (vpcmpnequq).
  const cmp = /^vpcmp(u?)([bwdq])$/.exec(mnemonic);
  const imm = cmp ? (flavour === 'att' ? 0 : operands.length - 1) : -1;
  const pred = cmp ? /^\$?0x([0-7])$/.exec(operands[imm] ?? '')?.[1] : undefined;
  if (cmp && pred !== undefined) {
    mnemonic = `vpcmp${VPCMP[Number(pred)]}${cmp[1]}${cmp[2]}`;
    operands = operands.filter((_, i) => i !== imm);
  }
  const left = [...head, mnemonic].join(' ');
  const ops = operands.join(',').replace(/ \{(%?k\d|z)\}/g, '{$1}');
  return `${ops ? `${left.padEnd(6)} ${ops}` : left}${comment}`;
}

/**
 * x86asm's Intel x87 operands name the implicit st0; libopcodes leaves it out beside memory and
 * alone, writes it `st` beside another register and the others `st(N)`.
 */
function intelX87(operands: string[]): string[] {
  if (operands.length === 2 && operands[0] === 'st0' && operands[1] === 'st0') return ['st(0)'];
  const rest = operands.length === 1 || operands.some((o) => /\[/.test(o)) ? operands.filter((o) => o !== 'st0') : operands;
  return rest.map((o) => (o === 'st0' ? 'st' : o.replace(/^st(\d)$/, 'st($1)')));
}

const isMovImm64 = (b: Uint8Array): boolean => b.length === 10 && (b[0]! & 0xf8) === 0x48 && (b[1]! & 0xf8) === 0xb8;

/** Operands split at top-level commas (x86asm's Intel flavour puts a space after them). */
function splitOperands(text: string, flavour: Flavour): string[] {
  if (!text) return [];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return flavour === 'intel' ? out.map(intelOperand) : out;
}

const SIZE_WORDS: Readonly<Record<string, string>> = { byte: 'BYTE', word: 'WORD', dword: 'DWORD', qword: 'QWORD', xmmword: 'XMMWORD', ymmword: 'YMMWORD', zmmword: 'ZMMWORD', tbyte: 'TBYTE', fword: 'FWORD' };

function intelOperand(o: string): string {
  return o.replace(/^(\w+) ptr /, (w, size: string) => (SIZE_WORDS[size] ? `${SIZE_WORDS[size]} PTR ` : w)).replace(/^ptr \[/, '[');
}

function isMemory(o: string, flavour: Flavour): boolean {
  return flavour === 'att' ? /\(/.test(o) && !o.startsWith('$') : /\[/.test(o);
}

function isRegisterOrImmediate(o: string, flavour: Flavour): boolean {
  if (flavour === 'att') return o.startsWith('%') || o.startsWith('$') || o.startsWith('{');
  return /^(-?0x[0-9a-f]+|-?\d+|[a-z][a-z0-9]*)$/.test(o) && !/\./.test(o);
}

/** The memory operand of a RIP-relative instruction, with the displacement gdb prints. */
function ripOperand(o: string, disp: bigint, flavour: Flavour): string {
  if (flavour === 'att') {
    const star = o.startsWith('*') ? '*' : '';
    const seg = /^\*?(%[cdefgs]s:)/.exec(o)?.[1] ?? '';
    return `${star}${seg}${signedHex(disp)}(%rip)`;
  }
  const size = /^([A-Z]+ PTR )/.exec(o)?.[1] ?? '';
  const seg = /([cdefgs]s:)\[/.exec(o)?.[1] ?? '';
  return `${size}${seg}[rip+${hex(BigInt.asUintN(64, disp))}]`;
}

/** Encoded zero displacements shown, scale 1 spelled out, a SIB's empty index dropped where gdb drops it, negative 32-bit displacements. */
function fixMemory(o: string, zeroDisp: boolean, flavour: Flavour): string {
  if (flavour === 'att') {
    // An absolute disp32 (SIB without base) is sign-extended to 64 bits.
    if (/^(%[cdefgs]s:)?0x[89a-f][0-9a-f]{7}$/.test(o)) return o.replace(/0x/, '0xffffffff');
    let t = o.replace(/0x([89a-f][0-9a-f]{7})\(/, (_, h: string) => `-0x${(0x100000000n - BigInt(`0x${h}`)).toString(16)}(`);
    t = t.replace(/\((%r(?:sp|12)),%riz\)/, '($1)');
    t = t.replace(/\((%\w+)?,(%\w+)\)/, (_, base: string | undefined, index: string) => `(${base ?? ''},${index},1)`);
    if (zeroDisp) t = t.replace(/(^|:)\(/, '$10x0(');
    return t;
  }
  // An absolute disp32 (SIB without base) is sign-extended to 64 bits, without brackets.
  const abs = /^(.*[cdefgs]s:)\[0x([89a-f][0-9a-f]{7})\]$/.exec(o);
  if (abs) return `${abs[1]}0xffffffff${abs[2]}`;
  const plain = /^(.*PTR )\[(0x[0-9a-f]+)\]$/.exec(o);
  if (plain) return `${plain[1]}ds:${plain[2]}`;
  return o.replace(/\[([^\]]*)\]/, (_, inner: string) => `[${intelAddress(inner, zeroDisp)}]`);
}

/** x86asm's `rax+8*rbx+0x10` as libopcodes writes it: `rax+rbx*8+0x10`, scale 1 spelled out, riz dropped after rsp/r12. */
function intelAddress(inner: string, zeroDisp: boolean): string {
  let base: string | undefined;
  let index: string | undefined;
  let disp = 0n;
  let hasDisp = false;
  for (const m of inner.matchAll(/([+-]?)([^+-]+)/g)) {
    const [, sign, term] = m as unknown as [string, string, string];
    const scaled = /^(\d)\*(\w+)$/.exec(term);
    if (scaled) index = `${scaled[2]}*${scaled[1]}`;
    else if (/^0x[0-9a-f]+$|^\d+$/.test(term)) {
      let v = BigInt(term);
      if (v >= 0x80000000n && v <= 0xffffffffn) v -= 0x100000000n;
      disp += sign === '-' ? -v : v;
      hasDisp = true;
    } else if (base === undefined && !index) base = term;
    else index = `${term}*1`;
  }
  if (index === 'riz*1' && (base === 'rsp' || base === 'r12')) index = undefined;
  const parts = [base, index].filter(Boolean).join('+');
  if (!hasDisp && !zeroDisp) return parts;
  const d = disp < 0n ? `-0x${(-disp).toString(16)}` : `${parts ? '+' : ''}0x${disp.toString(16)}`;
  return `${parts}${d}`;
}

const REG_SIZES: readonly [RegExp, number][] = [
  [/^(r[a-d]x|r[sd]i|r[sb]p|r\d+|rip)$/, 64],
  [/^(e[a-d]x|e[sd]i|e[sb]p|r\d+d)$/, 32],
  [/^([a-d]x|[sd]i|[sb]p|r\d+w)$/, 16],
  [/^([a-d][lh]|[sd]il|[sb]pl|r\d+b)$/, 8],
];

/** Bits of the operation, from its register operands or its AT&T suffix. */
function operandSize(mnemonic: string, operands: readonly string[], flavour: Flavour): number | undefined {
  for (let i = operands.length - 1; i >= 0; i--) {
    const name = flavour === 'att' ? /^%(\w+)$/.exec(operands[i]!)?.[1] : /^(\w+)$/.exec(operands[i]!)?.[1];
    if (!name) continue;
    for (const [re, bits] of REG_SIZES) if (re.test(name)) return bits;
  }
  if (flavour === 'att') {
    const suffix = mnemonic[mnemonic.length - 1];
    return suffix === 'b' ? 8 : suffix === 'w' ? 16 : suffix === 'l' ? 32 : suffix === 'q' ? 64 : undefined;
  }
  const ptr = operands.map((o) => /^(BYTE|WORD|DWORD|QWORD) PTR/.exec(o)?.[1]).find(Boolean);
  return ptr === 'BYTE' ? 8 : ptr === 'WORD' ? 16 : ptr === 'DWORD' ? 32 : ptr === 'QWORD' ? 64 : undefined;
}

/** An immediate x86asm named after a symbol (`$runtime.x+16`): libopcodes prints the number, the instruction's last four bytes. */
function symbolicImmediate(o: string, b: Uint8Array, flavour: Flavour): string {
  const symbolic = /^\$[A-Za-z_.]/.test(o);
  if (!symbolic || b.length < 5) return o;
  const v = BigInt(new DataView(b.buffer, b.byteOffset + b.length - 4, 4).getUint32(0, true));
  return `${flavour === 'att' ? '$' : ''}${hex(v)}`;
}


/** A negative immediate as libopcodes prints it: unsigned, in the operand's size. */
function fixImmediate(o: string, bits: number | undefined, flavour: Flavour): string {
  const m = flavour === 'att' ? /^\$-0x([0-9a-f]+)$/.exec(o) : /^-0x([0-9a-f]+)$/.exec(o);
  if (!m || bits === undefined) return o;
  const v = BigInt.asUintN(bits, -BigInt(`0x${m[1]}`));
  return `${flavour === 'att' ? '$' : ''}${hex(v)}`;
}

/**
 * A function's instructions as gdb's `disassemble` prints them: a header naming the function, each
 * instruction at its offset from the first (`=>` at the pc), then gdb's closing line.
 */
export function gdbDump(name: string, instructions: readonly { address: bigint; text: string }[], pc?: bigint): string {
  const entry = instructions[0]?.address ?? 0n;
  const rows = instructions.map((i) => `${i.address === pc ? '=> ' : '   '}0x${i.address.toString(16).padStart(16, '0')} <+${i.address - entry}>:\t${i.text}`);
  return [`Dump of assembler code for function ${name}:`, ...rows, 'End of assembler dump.'].join('\n');
}
