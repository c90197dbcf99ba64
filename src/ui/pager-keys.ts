/** The pager's keys as data: the status row's hint and the pager's input both read this table. */

/** Lines to move (a page, either end), searching (as less: `/`, then n and N), or closing the pager (for the prompt, or not). */
export type PagerMove = number | 'page' | '-page' | 'top' | 'bottom' | 'close' | 'search' | 'next' | 'previous' | 'prompt';

export const PAGER_KEYS: readonly { hint: string; does: string; keys: Readonly<Record<string, PagerMove>> }[] = [
  { hint: 'j/k', does: 'scroll', keys: { down: 1, j: 1, enter: 1, up: -1, k: -1 } },
  { hint: 'Space', does: 'page', keys: { pgdn: 'page', 'C-f': 'page', space: 'page', ' ': 'page', pgup: '-page', 'C-b': '-page' } },
  { hint: 'g/G', does: 'ends', keys: { home: 'top', g: 'top', end: 'bottom', G: 'bottom' } },
  { hint: '/ n/N', does: 'search', keys: { '/': 'search', n: 'next', N: 'previous' } },
  // A command typed while the pager is open is not lost: the pager gives way to the prompt.
  { hint: ':', does: 'command', keys: { ':': 'prompt' } },
  { hint: 'Esc or q', does: 'closes', keys: { esc: 'close', q: 'close', backspace: 'close' } },
];

/** What `key` does in the pager, if anything. */
export function pagerMove(key: string): PagerMove | undefined {
  for (const k of PAGER_KEYS) if (Object.hasOwn(k.keys, key)) return k.keys[key];
  return undefined;
}

/** `j/k scroll · … · Esc or q closes`: the status row while the pager is open (79 cells: whole at 80 columns). */
export const PAGER_HINT = PAGER_KEYS.map((k) => `${k.hint} ${k.does}`).join(' · ');

/** How the pager is closed, for a key it does not take: `Esc or q`. */
export const PAGER_CLOSE = PAGER_KEYS.find((k) => Object.values(k.keys).includes('close'))!.hint;
