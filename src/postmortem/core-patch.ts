import fs from 'node:fs';

const PT_LOAD = 1;
const INT3 = 0xcc;

/**
 * Puts the code's own bytes back where a core holds Delve's int3 (Delve dumps memory as it is,
 * breakpoints in it): gdb and `gotui core` then show the instructions the program runs. Only a
 * byte that is int3 in the core is written. Returns the addresses put back.
 */
export function restoreBreakpointBytes(core: string, originals: ReadonlyMap<bigint, number>): bigint[] {
  if (!originals.size) return [];
  const fd = fs.openSync(core, 'r+');
  try {
    const head = Buffer.alloc(64);
    fs.readSync(fd, head, 0, 64, 0);
    // Little-endian ELF64, as Delve writes on amd64 and arm64.
    if (head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2 || head[5] !== 1) return [];
    const phoff = Number(head.readBigUInt64LE(0x20));
    const phentsize = head.readUInt16LE(0x36);
    const phnum = head.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    fs.readSync(fd, table, 0, table.length, phoff);
    const loads: { vaddr: bigint; filesz: bigint; offset: bigint }[] = [];
    for (let i = 0; i < phnum; i++) {
      const p = i * phentsize;
      if (table.readUInt32LE(p) === PT_LOAD) loads.push({ offset: table.readBigUInt64LE(p + 8), vaddr: table.readBigUInt64LE(p + 16), filesz: table.readBigUInt64LE(p + 32) });
    }
    const restored: bigint[] = [];
    const one = Buffer.alloc(1);
    for (const [addr, byte] of originals) {
      const seg = loads.find((l) => addr >= l.vaddr && addr < l.vaddr + l.filesz);
      if (!seg || byte === INT3) continue;
      const at = Number(seg.offset + (addr - seg.vaddr));
      fs.readSync(fd, one, 0, 1, at);
      if (one[0] !== INT3) continue;
      one[0] = byte;
      fs.writeSync(fd, one, 0, 1, at);
      restored.push(addr);
    }
    return restored;
  } finally {
    fs.closeSync(fd);
  }
}

/** What :dump put back, counted as the user knows them: their breakpoints, and Delve's own that they never set. Pure. */
export function restoredWords(total: number, delves: number): string {
  const yours = total - delves;
  const whose = [yours ? `${yours} of yours` : '', delves ? `${delves} of Delve's own for panics and fatal errors` : ''].filter(Boolean).join(', ');
  return `Put the code's own byte back at ${total} breakpoint address${total === 1 ? '' : 'es'} in the core (${whose}): Delve writes its int3 there; gdb and gotui core show the program's instructions.`;
}
