/** Past this length Delve's decimal form can only be an extreme value (|x| ≥ 1e21 or < 1e-4). */
const LONG = 24;

/**
 * A float Delve wrote in more than LONG characters, as Go's fmt prints it (%v: shortest digits,
 * `6.92608774584347e-310`). Delve writes every float in full decimal ('f', -1), so a garbage or
 * extreme value runs to hundreds of digits and, cut at the pane's edge, reads as `0.000000…`.
 * Shorter ones stay as Delve (and the dlv CLI) write them. Pure.
 */
export function goFloat(text: string, type: string): string {
  const bits = type === 'float64' ? 64 : type === 'float32' ? 32 : 0;
  if (!bits || text.length <= LONG || !/^-?\d+(\.\d+)?$/.test(text)) return text;
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
