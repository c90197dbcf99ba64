export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export type Slot = 'source' | 'goroutines' | 'stack' | 'variables' | 'bottom';

export type Layout = { kind: 'too-small'; columns: number; rows: number } | { kind: 'panes'; panes: Record<Slot, Rect>; status: Rect; commandLine: Rect; main: Rect };

/**
 * Source and console on the left, goroutines/stack/variables stacked on the right, then a status
 * bar and the command line. One row is left unused: a frame as tall as the terminal makes Ink
 * clear the screen on every render.
 */
/** `tall` gives the bottom slot more room, for the memory, flags and eBPF panes. */
export function computeLayout(columns: number, rows: number, tall = false): Layout {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { kind: 'too-small', columns, rows };
  const usable = rows - 1;
  const mainHeight = usable - 2;
  const leftWidth = Math.round(columns * 0.58);
  const rightWidth = columns - leftWidth;
  const consoleHeight = Math.max(6, Math.round(mainHeight * (tall ? 0.5 : 0.3)));
  const sourceHeight = mainHeight - consoleHeight;
  const third = Math.floor(mainHeight / 3);
  const goroutinesHeight = third;
  const stackHeight = third;
  const variablesHeight = mainHeight - goroutinesHeight - stackHeight;
  return {
    kind: 'panes',
    main: { x: 0, y: 0, width: columns, height: mainHeight },
    panes: {
      source: { x: 0, y: 0, width: leftWidth, height: sourceHeight },
      bottom: { x: 0, y: sourceHeight, width: leftWidth, height: consoleHeight },
      goroutines: { x: leftWidth, y: 0, width: rightWidth, height: goroutinesHeight },
      stack: { x: leftWidth, y: goroutinesHeight, width: rightWidth, height: stackHeight },
      variables: { x: leftWidth, y: goroutinesHeight + stackHeight, width: rightWidth, height: variablesHeight },
    },
    status: { x: 0, y: mainHeight, width: columns, height: 1 },
    commandLine: { x: 0, y: mainHeight + 1, width: columns, height: 1 },
  };
}

/** Rows inside a pane's border (top title line and bottom border). */
export function innerHeight(r: Rect): number {
  return Math.max(0, r.height - 2);
}

export function innerWidth(r: Rect): number {
  return Math.max(0, r.width - 2);
}

/** The first row to show so that `cursor` stays visible, centred when jumping. */
export function scrollTop(cursor: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(total - height, cursor - Math.floor(height / 2)));
}
