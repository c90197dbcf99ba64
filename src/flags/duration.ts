/** Go's time.Duration text: time.ParseDuration and Duration.String, to the nanosecond (int64 in a bigint). */

const MAX = (1n << 63n) - 1n;
const LIMIT = 1n << 63n;
const U64 = (1n << 64n) - 1n;

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

export type DurationParse = { ok: true; ns: bigint } | { ok: false; reason: 'syntax' | 'unit' | 'range'; unit?: string };

/** time.ParseDuration: "300ms", "-1.5h", "2h45m"; units ns us µs ms s m h; a bare "0" is allowed. */
export function parseGoDuration(text: string): DurationParse {
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0n };
  if (s === '') return { ok: false, reason: 'syntax' };
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]!))) return { ok: false, reason: 'syntax' };
    // The integer part.
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]!); i++) {
      if (v > LIMIT / 10n) return { ok: false, reason: 'range' };
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > LIMIT) return { ok: false, reason: 'range' };
    }
    const pre = i > 0;
    s = s.slice(i);
    // The fraction: digits past int64 precision are dropped, as Go does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]!); j++) {
        if (overflow) continue;
        if (f > MAX / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > LIMIT) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return { ok: false, reason: 'syntax' };
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k]!)) k++;
    if (k === 0) return { ok: false, reason: 'unit' };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) return { ok: false, reason: 'unit', unit: u };
    if (v > LIMIT / unit) return { ok: false, reason: 'range' };
    v *= unit;
    if (f > 0n) {
      // Go computes this part in float64 and truncates.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return { ok: false, reason: 'range' };
    }
    // Go adds in uint64 and wraps (2^63 + 2^63 is 0): the program's own flag.Set would take what Go takes.
    d = (d + v) & U64;
    if (d > LIMIT) return { ok: false, reason: 'range' };
  }
  if (neg) return { ok: true, ns: -d };
  if (d > MAX) return { ok: false, reason: 'range' };
  return { ok: true, ns: d };
}

/** Duration.String: 1h30m0s, 1m30s, 1.5s, 500ms, 2µs, 0s. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (u < 1_000n) [unit, prec] = ['ns', 0];
    else if (u < 1_000_000n) [unit, prec] = ['µs', 3];
    else [unit, prec] = ['ms', 6];
    const [frac, rest] = fraction(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fraction(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** The fraction of v / 10^prec as ".123" without trailing zeros ("" when zero), and the integer part. */
function fraction(v: bigint, prec: number): [string, bigint] {
  const p = 10n ** BigInt(prec);
  const digits = (v % p).toString().padStart(prec, '0').replace(/0+$/, '');
  return [digits ? `.${digits}` : '', v / p];
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
