/**
 * The cursor of a list pane: which row is selected and which row is at the top of the window.
 * The window scrolls only as far as needed to keep the cursor visible (as less and vim do), and
 * `reveal` centres a row that was far off (a jump to a stop line). Pure: every change returns a
 * new value.
 */
export interface ListCursor {
  readonly index: number;
  readonly top: number;
}

export const CURSOR_START: ListCursor = { index: 0, top: 0 };

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/** Keeps `top` such that `index` is on screen, moving the window as little as possible. */
export function fitCursor(c: ListCursor, total: number, height: number): ListCursor {
  if (total <= 0) return CURSOR_START;
  const index = clamp(c.index, 0, total - 1);
  const h = Math.max(1, height);
  let top = clamp(c.top, 0, Math.max(0, total - h));
  if (index < top) top = index;
  else if (index >= top + h) top = index - h + 1;
  return index === c.index && top === c.top ? c : { index, top };
}

/** Moves by `delta` rows (±Infinity for first/last), clamped. */
export function moveCursor(c: ListCursor, delta: number, total: number, height: number): ListCursor {
  if (total <= 0) return CURSOR_START;
  const index = delta === Infinity ? total - 1 : delta === -Infinity ? 0 : clamp(c.index + delta, 0, total - 1);
  return fitCursor({ index, top: c.top }, total, height);
}

/**
 * Puts the cursor on `index`; if that row is off screen, or among the window's last `after` rows
 * (the source pane keeps the lines after a stop in view; a quarter of the window at most), centres
 * it. At the list's end the window goes no further.
 */
export function revealCursor(c: ListCursor, index: number, total: number, height: number, after = 0): ListCursor {
  if (total <= 0) return CURSOR_START;
  const i = clamp(index, 0, total - 1);
  const h = Math.max(1, height);
  const below = c.top + h >= total ? 0 : Math.max(0, Math.min(after, Math.floor(h / 4)));
  if (i >= c.top && i < c.top + h - below) return fitCursor({ index: i, top: c.top }, total, h);
  return fitCursor({ index: i, top: clamp(i - Math.floor(h / 2), 0, Math.max(0, total - h)) }, total, h);
}

/**
 * The cursor's row just opened with `children` rows under it: scrolled so as many of them show as
 * fit, the row itself kept on screen (trial AX: opened on the last row, its children stayed below the edge).
 */
export function revealChildren(c: ListCursor, children: number, total: number, height: number): ListCursor {
  const h = Math.max(1, height);
  return fitCursor({ index: c.index, top: Math.min(c.index, Math.max(c.top, c.index + children - h + 1)) }, total, h);
}

/**
 * A list model's part that the generic movement keys drive: j/k, PgUp/PgDn, g/G. Each list pane's
 * model implements it over its own rows; the pane's visible height comes from the layout.
 */
export interface Movable {
  move(delta: number): void;
  /** Rows the pane shows (set by the layout, so a page is a page). */
  setViewport(rows: number): void;
}
