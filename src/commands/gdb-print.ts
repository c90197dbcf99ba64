import { delveRegisterName } from '../memory/address-expr.js';

/** gdb's print formats that have a Go verb; gdb writes hex and octal with their prefix (`p/x 255` is `0xff`). */
const GDB_FORMATS: Readonly<Record<string, string>> = { x: '%#x', d: '%d', u: '%d', o: '%#o', t: '%b', c: '%c', f: '%g' };

/** Registers gdb prints as addresses when no format is given (`p $pc` is `0x4bd259 <main.main+25>` there). */
const ADDRESS_REGISTERS = /^\$(pc|sp|fp|rip|rsp|rbp|eip|esp|ebp)$/i;

/** The flags register as gdb spells it alone (`p $eflags`), which gdb prints as its flags' names. */
export const FLAGS_REGISTER = /^\$[er]flags$/i;

/** Said beside a register read in a frame other than the top one: whose it is (trial AT: gdb's `$rsp` read another stack). */
export function registersFrameNote(frame: { index: number; name: string } | undefined, typed: string): string | undefined {
  if (!frame || frame.index === 0 || !/\$[a-z]\w*/i.test(typed)) return undefined;
  return `Registers here are frame ${frame.index}'s (${frame.name}), the frame selected; at a stop gdb selects frame 0 (:frame 0 here).`;
}

/**
 * `print`'s arguments as gdb spells them, in Delve's words: `/x EXPR` as `%x EXPR`, and `$rsp`,
 * `$pc`, `$sp` as Delve's register names (`RSP`, `RIP`), outside string and rune literals (trial BI:
 * a gdb user's `p $rsp` was a parse error). Anything else is left as it is; an unknown register
 * throws the UserError `x` gives for it.
 */
export function fromGdbPrint(args: string): string {
  let text = args.trim();
  const format = /^\/([a-z])\s+/.exec(text);
  if (format && GDB_FORMATS[format[1]!]) text = `${GDB_FORMATS[format[1]!]} ${text.slice(format[0].length)}`;
  else if (ADDRESS_REGISTERS.test(text)) text = `%#x ${text}`;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    // A literal is copied whole: `$` inside one is the program's text.
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c !== '`' && text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
      continue;
    }
    const reg = c === '$' ? /^\$([A-Za-z_]\w*)/.exec(text.slice(i)) : null;
    if (reg) {
      out += delveRegisterName(reg[1]!);
      i += reg[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}
