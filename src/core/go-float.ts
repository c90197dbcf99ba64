/** Past this length Delve's decimal form can only be an extreme value (|x| ≥ 1e21 or < 1e-4). */
const LONG = 24;

/**
 * A float Delve wrote in more than LONG characters, as Go's fmt prints it (%v: shortest digits,
 * `6.92608774584347e-310`). Delve writes every float in full decimal ('f', -1), so a garbage or
 * extreme value runs to hundreds of digits and, cut at the pane's edge, reads as `0.000000…`.
 * Shorter ones stay as Delve (and the dlv CLI) write them. Pure.
 */
export function goFloat(text: string, type: string): string {
  if (text.length <= LONG) return text;
  const bits = type === 'float64' ? 64 : type === 'float32' ? 32 : 0;
  // A struct's, a slice's or a complex's summary holds its floats so too: each is rewritten
  // (as float64: the field's own type is not in the summary), quoted text left as it is.
  if (!bits) return SCALAR.test(type) ? text : text.replace(INSIDE, (m) => (m[0] === '"' || m[0] === '`' ? m : short(m, 64)));
  return /^-?\d+(\.\d+)?$/.test(text) ? short(text, bits) : text;
}

/** Types whose value holds no float. */
const SCALAR = /^(u?int(8|16|32|64)?|uintptr|byte|rune|bool|string|unsafe\.Pointer)$/;

/** Quoted strings (kept), and numbers Delve can have written only for a float: a fraction, or more digits than any integer has. */
const INSIDE = /"(?:[^"\\]|\\.)*"|`[^`]*`|-?\d+\.\d+|-?\d{21,}/g;

function short(text: string, bits: 32 | 64): string {
  if (text.length <= LONG) return text;
  const x = Number(text);
  if (!Number.isFinite(x) || x === 0) return text;
  const [digits, exp] = shortest(Math.abs(x), bits).split('e') as [string, string];
  const e = Number(exp);
  const sign = x < 0 ? '-' : '';
  return `${sign}${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** `d.ddde±N`: the fewest digits that read back as the same float of `bits`. */
function shortest(x: number, bits: 32 | 64): string {
  if (bits === 64) return x.toExponential();
  const f = Math.fround(x);
  for (let p = 1; p < 9; p++) {
    const s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) === f) return s;
  }
  return f.toExponential(8);
}

/**
 * Whether Delve cut a summary (its DAP `...` after 256 characters) inside a float it wrote in full
 * decimal: a run of digits no integer has. Cut in its zeros, 1e-310 reads as 0: ask for the whole value.
 */
export function cutFloat(value: string): boolean {
  return /\d{21}.*\.\.\.$/.test(value);
}
