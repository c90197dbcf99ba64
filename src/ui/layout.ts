import type { Rect } from '../core/rect.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export type Slot = 'source' | 'goroutines' | 'stack' | 'variables' | 'bottom';

export type Layout =
  | { kind: 'too-small'; columns: number; rows: number; all: Rect }
  | { kind: 'panes'; slots: Record<Slot, Rect>; status: Rect; commandLine: Rect; main: Rect };

/**
 * Source over the bottom slot (console, registers, memory, flags, eBPF) on the left; goroutines,
 * stack and variables on the right; then a status bar and the command line. gotui writes the
 * screen itself, so every row is used. `tall` gives the bottom slot half the height (memory,
 * flags and eBPF need it).
 */
export function computeLayout(columns: number, rows: number, tall = false, commandRows = 1): Layout {
  const all = { x: 0, y: 0, width: columns, height: rows };
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { kind: 'too-small', columns, rows, all };
  // The command row grows for an error said whole (the panes give it their rows meanwhile).
  const mainHeight = rows - 1 - commandRows;
  const leftWidth = Math.round(columns * 0.58);
  const rightWidth = columns - leftWidth;
  const bottomHeight = Math.max(8, Math.round(mainHeight * (tall ? 0.5 : 0.36)));
  const sourceHeight = mainHeight - bottomHeight;
  const third = Math.floor(mainHeight / 3);
  const goroutinesHeight = third;
  const stackHeight = third;
  const variablesHeight = mainHeight - goroutinesHeight - stackHeight;
  return {
    kind: 'panes',
    main: { x: 0, y: 0, width: columns, height: mainHeight },
    slots: {
      source: { x: 0, y: 0, width: leftWidth, height: sourceHeight },
      bottom: { x: 0, y: sourceHeight, width: leftWidth, height: bottomHeight },
      goroutines: { x: leftWidth, y: 0, width: rightWidth, height: goroutinesHeight },
      stack: { x: leftWidth, y: goroutinesHeight, width: rightWidth, height: stackHeight },
      variables: { x: leftWidth, y: goroutinesHeight + stackHeight, width: rightWidth, height: variablesHeight },
    },
    status: { x: 0, y: mainHeight, width: columns, height: 1 },
    commandLine: { x: 0, y: mainHeight + 1, width: columns, height: commandRows },
  };
}
