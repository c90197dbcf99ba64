const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as a bar string, scaled to `max` (default: the largest shown). Zero is
 * a space, so "nothing happened" differs from "a little"; any value above zero gets at least ▁.
 */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  if (width <= 0) return '';
  const shown = values.slice(-width);
  const top = max ?? Math.max(0, ...shown);
  const bars = shown.map((v) => {
    if (!(v > 0) || !(top > 0)) return ' ';
    const i = Math.ceil((Math.min(v, top) / top) * BARS.length) - 1;
    return BARS[Math.max(0, i)]!;
  });
  return ' '.repeat(width - bars.length) + bars.join('');
}

/** A horizontal bar of `value / max` over `width` cells, in eighths. */
export function bar(value: number, max: number, width: number): string {
  if (width <= 0 || !(max > 0) || !(value > 0)) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  const partial = ' ▏▎▍▌▋▊▉'[eighths % 8]!;
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? partial : '');
}
