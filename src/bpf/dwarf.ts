/**
 * Just enough DWARF (versions 2 to 5) to walk .debug_info and read a few attributes: the offset
 * of a struct member (runtime.g's goid) and Go's runtime-type attribute. Pure: takes the
 * (already decompressed) section bytes.
 */

export interface DwarfSections {
  info: Buffer;
  abbrev: Buffer;
  str?: Buffer;
  lineStr?: Buffer;
}

export interface Die {
  tag: number;
  depth: number;
  /** Attribute values: numbers for constants and references, strings for names, Buffers for blocks. */
  attrs: Map<number, number | string | Buffer>;
}

export const DW_TAG_structure_type = 0x13;
export const DW_TAG_member = 0x0d;
export const DW_AT_name = 0x03;
export const DW_AT_data_member_location = 0x38;
/** Go's own attribute: a type's runtime type descriptor, as an offset from runtime.types. */
export const DW_AT_go_runtime_type = 0x2904;

interface AbbrevAttr {
  at: number;
  form: number;
  implicit: number;
}
interface Abbrev {
  tag: number;
  children: boolean;
  attrs: AbbrevAttr[];
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}
  u8(): number {
    return this.buf[this.pos++]!;
  }
  u16(): number {
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): number {
    const v = Number(this.buf.readBigUInt64LE(this.pos));
    this.pos += 8;
    return v;
  }
  uN(n: number): number {
    if (n === 1) return this.u8();
    if (n === 2) return this.u16();
    if (n === 3) {
      const v = this.buf.readUIntLE(this.pos, 3);
      this.pos += 3;
      return v;
    }
    if (n === 4) return this.u32();
    return this.u64();
  }
  uleb(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * mul;
      if (!(b & 0x80)) return result;
      mul *= 128;
    }
  }
  sleb(): number {
    let result = 0;
    let mul = 1;
    let b: number;
    do {
      b = this.u8();
      result += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    return b & 0x40 ? result - mul : result;
  }
  cstr(): string {
    // No NUL left (cut or corrupt DWARF): the string runs to the end. Taking end = -1 would move
    // the reader back to 0 and walk the same DIEs for ever.
    const found = this.buf.indexOf(0, this.pos);
    const end = found < 0 ? this.buf.length : found;
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }
  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

function parseAbbrevs(abbrev: Buffer, offset: number): Map<number, Abbrev> {
  const r = new Reader(abbrev, offset);
  const table = new Map<number, Abbrev>();
  for (;;) {
    const code = r.uleb();
    if (code === 0) return table;
    const tag = r.uleb();
    const children = r.u8() === 1;
    const attrs: AbbrevAttr[] = [];
    for (;;) {
      const at = r.uleb();
      const form = r.uleb();
      if (at === 0 && form === 0) break;
      attrs.push({ at, form, implicit: form === 0x21 ? r.sleb() : 0 });
    }
    table.set(code, { tag, children, attrs });
  }
}

function stringAt(buf: Buffer | undefined, off: number): string {
  if (!buf) return '';
  const end = buf.indexOf(0, off);
  return buf.toString('utf8', off, end < 0 ? buf.length : end);
}

function readForm(r: Reader, form: number, unit: { offsetSize: number; addrSize: number; version: number; start: number }, s: DwarfSections, implicit: number): number | string | Buffer {
  switch (form) {
    case 0x01: return r.uN(unit.addrSize); // addr
    case 0x03: return r.bytes(r.u16()); // block2
    case 0x04: return r.bytes(r.u32()); // block4
    case 0x05: return r.u16(); // data2
    case 0x06: return r.u32(); // data4
    case 0x07: return r.u64(); // data8
    case 0x08: return r.cstr(); // string
    case 0x09: return r.bytes(r.uleb()); // block
    case 0x0a: return r.bytes(r.u8()); // block1
    case 0x0b: return r.u8(); // data1
    case 0x0c: return r.u8(); // flag
    case 0x0d: return r.sleb(); // sdata
    case 0x0e: return stringAt(s.str, r.uN(unit.offsetSize)); // strp
    case 0x0f: return r.uleb(); // udata
    case 0x10: return r.uN(unit.version <= 2 ? unit.addrSize : unit.offsetSize); // ref_addr
    case 0x11: return unit.start + r.u8(); // ref1
    case 0x12: return unit.start + r.u16(); // ref2
    case 0x13: return unit.start + r.u32(); // ref4
    case 0x14: return unit.start + r.u64(); // ref8
    case 0x15: return unit.start + r.uleb(); // ref_udata
    case 0x16: { // indirect; an indirect to another indirect is corrupt (a chain of them would overflow the stack)
      const inner = r.uleb();
      if (inner === 0x16) throw new Error('DWARF: DW_FORM_indirect names DW_FORM_indirect');
      return readForm(r, inner, unit, s, implicit);
    }
    case 0x17: return r.uN(unit.offsetSize); // sec_offset
    case 0x18: return r.bytes(r.uleb()); // exprloc
    case 0x19: return 1; // flag_present
    case 0x1a: case 0x1b: case 0x22: case 0x23: case 0x1f01: case 0x1f02: return r.uleb(); // strx addrx loclistx rnglistx GNU_*_index
    case 0x1c: return r.u32(); // ref_sup4
    case 0x1d: case 0x1f20: case 0x1f21: return r.uN(unit.offsetSize); // strp_sup GNU_ref_alt GNU_strp_alt
    case 0x1e: return r.bytes(16); // data16
    case 0x1f: return stringAt(s.lineStr, r.uN(unit.offsetSize)); // line_strp
    case 0x20: case 0x24: return r.u64(); // ref_sig8 ref_sup8
    case 0x21: return implicit; // implicit_const
    case 0x25: case 0x29: return r.u8(); // strx1 addrx1
    case 0x26: case 0x2a: return r.u16(); // strx2 addrx2
    case 0x27: case 0x2b: return r.uN(3); // strx3 addrx3
    case 0x28: case 0x2c: return r.u32(); // strx4 addrx4
    default:
      throw new Error(`unsupported DWARF form 0x${form.toString(16)}`);
  }
}

/** Calls `visit` for every DIE in .debug_info, in order; returning true stops the walk. */
export function walkDies(s: DwarfSections, visit: (die: Die) => boolean | void): void {
  const r = new Reader(s.info);
  const abbrevCache = new Map<number, Map<number, Abbrev>>();
  while (r.pos < s.info.length) {
    const start = r.pos;
    let length = r.u32();
    let offsetSize = 4;
    if (length === 0xffffffff) {
      length = r.u64();
      offsetSize = 8;
    }
    // A corrupt length must not send the reader on past the section, one zero byte at a time.
    const end = Math.min(r.pos + length, s.info.length);
    const version = r.u16();
    let addrSize: number;
    let abbrevOff: number;
    if (version >= 5) {
      const unitType = r.u8();
      addrSize = r.u8();
      abbrevOff = r.uN(offsetSize);
      if (unitType === 2 || unitType === 6) r.pos += 8 + offsetSize; // type signature + type offset
      else if (unitType === 4 || unitType === 5) r.pos += 8; // dwo id
    } else {
      abbrevOff = r.uN(offsetSize);
      addrSize = r.u8();
    }
    let abbrevs = abbrevCache.get(abbrevOff);
    if (!abbrevs) abbrevCache.set(abbrevOff, (abbrevs = parseAbbrevs(s.abbrev, abbrevOff)));
    const unit = { offsetSize, addrSize, version, start };
    let depth = 0;
    while (r.pos < end) {
      const code = r.uleb();
      if (code === 0) {
        depth--;
        continue;
      }
      const a = abbrevs.get(code);
      if (!a) throw new Error(`DWARF: unknown abbreviation ${code} at 0x${(r.pos - 1).toString(16)}`);
      const attrs = new Map<number, number | string | Buffer>();
      for (const { at, form, implicit } of a.attrs) attrs.set(at, readForm(r, form, unit, s, implicit));
      if (visit({ tag: a.tag, depth, attrs })) return;
      if (a.children) depth++;
    }
    r.pos = end;
  }
}

/** A member's byte offset from DW_AT_data_member_location: a constant or DW_OP_plus_uconst N. */
function memberOffset(v: number | string | Buffer | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (Buffer.isBuffer(v) && v[0] === 0x23) return new Reader(v, 1).uleb();
  return undefined;
}

/** The byte offset of `member` in the struct type named `struct` (e.g. runtime.g, goid). */
export function structMemberOffset(s: DwarfSections, struct: string, member: string): number | undefined {
  let inside = -1;
  let found: number | undefined;
  walkDies(s, (die) => {
    if (inside >= 0) {
      if (die.depth <= inside) return true; // the struct ended without the member
      if (die.depth === inside + 1 && die.tag === DW_TAG_member && die.attrs.get(DW_AT_name) === member) {
        found = memberOffset(die.attrs.get(DW_AT_data_member_location));
        return true;
      }
      return false;
    }
    if (die.tag === DW_TAG_structure_type && die.attrs.get(DW_AT_name) === struct) inside = die.depth;
    return false;
  });
  return found;
}

/** Every named type's runtime-type offset (from runtime.types), e.g. "string" -> 0x1e40. */
export function runtimeTypeOffsets(s: DwarfSections): Map<string, number> {
  const out = new Map<string, number>();
  walkDies(s, (die) => {
    if (die.depth !== 1) return;
    const name = die.attrs.get(DW_AT_name);
    const v = die.attrs.get(DW_AT_go_runtime_type);
    // 0: the linker kept no runtime descriptor for this type.
    if (typeof name === 'string' && typeof v === 'number' && v > 0 && !out.has(name)) out.set(name, v);
  });
  return out;
}
