// Just enough x86-64 decoding to find what gdb prints and Delve's text hides:
// where an instruction's ModRM byte is (RIP-relative operands and encoded zero
// displacements) and the target of a relative branch. Delve (golang.org/x/arch
// x86asm) decodes the instruction; this only locates fields in its bytes. Pure.

const LEGACY_PREFIXES = new Set([0x66, 0x67, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36, 0xf0]);

export interface ModRm {
  /** Offset of the ModRM byte in the instruction. */
  readonly at: number;
  readonly mod: number;
  readonly rm: number;
  /** A SIB byte follows. */
  readonly sib: boolean;
  /** Bytes of displacement encoded (0, 1 or 4). */
  readonly dispBytes: number;
  /** The displacement as encoded (disp8 not scaled). */
  readonly disp: bigint;
  /** [rip+disp32]. */
  readonly ripRelative: boolean;
}

/** Where the opcode starts: after legacy prefixes and a REX byte. */
export function opcodeStart(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && LEGACY_PREFIXES.has(b[i]!)) i++;
  if (i < b.length && b[i]! >= 0x40 && b[i]! <= 0x4f) i++;
  return i;
}

/** The ModRM of an instruction known to have a memory operand, or undefined when the bytes do not show one. */
export function findModRm(b: Uint8Array): ModRm | undefined {
  let i = opcodeStart(b);
  const op = b[i];
  if (op === undefined) return undefined;
  if (op === 0xc5) i += 3; // VEX2: C5, payload, opcode
  else if (op === 0xc4) i += 4; // VEX3: C4, two payload bytes, opcode
  else if (op === 0x62) i += 5; // EVEX: 62, three payload bytes, opcode
  else if (op === 0x0f) {
    const next = b[i + 1];
    i += next === 0x38 || next === 0x3a ? 3 : 2;
  } else i += 1;
  const m = b[i];
  if (m === undefined) return undefined;
  const mod = m >> 6;
  const rm = m & 7;
  if (mod === 3) return undefined;
  const sib = rm === 4;
  let dispAt = i + 1 + (sib ? 1 : 0);
  let dispBytes = mod === 1 ? 1 : mod === 2 ? 4 : 0;
  const ripRelative = mod === 0 && rm === 5;
  // SIB with base 101 and mod 00: disp32, no base.
  if (mod === 0 && sib && ((b[i + 1] ?? 0) & 7) === 5) dispBytes = 4;
  if (ripRelative) dispBytes = 4;
  if (dispAt + dispBytes > b.length) return undefined;
  let disp = 0n;
  if (dispBytes === 1) disp = BigInt(((b[dispAt]! << 24) >> 24));
  else if (dispBytes === 4) disp = BigInt(new DataView(b.buffer, b.byteOffset + dispAt, 4).getInt32(0, true));
  dispAt += 0;
  return { at: i, mod, rm, sib, dispBytes, disp, ripRelative };
}

/** The target of a relative jump, call, loop or jrcxz: the displacement ends the instruction. */
export function relativeTarget(b: Uint8Array, address: bigint): bigint | undefined {
  const i = opcodeStart(b);
  const op = b[i];
  if (op === undefined) return undefined;
  let size: number;
  if ((op >= 0x70 && op <= 0x7f) || op === 0xeb || (op >= 0xe0 && op <= 0xe3)) size = 1;
  else if (op === 0xe8 || op === 0xe9) size = b[0] === 0x66 ? 2 : 4;
  else if (op === 0x0f && b[i + 1]! >= 0x80 && b[i + 1]! <= 0x8f) size = 4;
  else return undefined;
  if (b.length < size) return undefined;
  const view = new DataView(b.buffer, b.byteOffset + b.length - size, size);
  const rel = size === 1 ? view.getInt8(0) : size === 2 ? view.getInt16(0, true) : view.getInt32(0, true);
  return BigInt.asUintN(64, address + BigInt(b.length) + BigInt(rel));
}
