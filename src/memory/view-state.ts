// The memory pane's state as a pure reducer: what is examined, where the
// cursor is, and the trail of followed pointers. No React, no I/O: the pane
// evaluates addresses and reads memory, then dispatches the results here.
import {
  INITIAL_EXAMINE_DEFAULTS,
  MAX_EXAMINE_BYTES,
  UNIT_BYTES,
  type ExamineDefaults,
  type ExamineFormat,
  type ExamineUnit,
  type ParsedExamine,
} from './examine-grammar.js';
import { readLE } from './format.js';
import type { MemorySpan } from './diff.js';

/** One screenful: where it starts, how it is shown, where the cursor is. */
export interface ExamineView {
  readonly address: bigint;
  readonly format: ExamineFormat;
  readonly unit: ExamineUnit;
  /** Units shown (strings or instructions for s and i). */
  readonly count: number;
  /** Address of the cell under the cursor. */
  readonly cursor: bigint;
}

export interface ExamineState extends ExamineView {
  /** False until the first examine. */
  readonly examined: boolean;
  /** gdb's remembered format, unit and count for the next typed `x`. */
  readonly defaults: ExamineDefaults;
  /** Where a bare `x` continues. */
  readonly next: bigint;
  readonly perRow: number;
  /** Views to return to with Backspace, most recent last. */
  readonly history: readonly ExamineView[];
  /** Start addresses of the strings or instructions shown (s and i). */
  readonly items: readonly bigint[];
  /** Why the last action did nothing, for the status line. */
  readonly message?: string;
}

export type ExamineAction =
  /** A parsed `x` command; `address` is its evaluated expression (absent for a bare `x`). */
  | { readonly type: 'examine'; readonly parsed: ParsedExamine; readonly address?: bigint }
  /** After rendering s or i: where the next item starts and where the shown ones start. */
  | { readonly type: 'shown'; readonly next: bigint; readonly items: readonly bigint[] }
  | { readonly type: 'move'; readonly direction: 'left' | 'right' | 'up' | 'down' }
  /** `rows`: how many of the view's rows the pane shows (a page is no more than those). */
  | { readonly type: 'page'; readonly direction: 'up' | 'down'; readonly rows?: number }
  /** Enter: go to the pointer under the cursor (see pointerUnderCursor). */
  | { readonly type: 'follow'; readonly pointer: bigint }
  | { readonly type: 'back' }
  | { readonly type: 'cycleFormat'; readonly step: 1 | -1 }
  | { readonly type: 'cycleUnit'; readonly step: 1 | -1 }
  /** Show the same bytes in another format or unit (`mem format d`, `mem unit w`). */
  | { readonly type: 'reshape'; readonly format?: ExamineFormat; readonly unit?: ExamineUnit }
  /** Cursor to the first or last cell (or string, or instruction) of the view. */
  | { readonly type: 'edge'; readonly edge: 'first' | 'last' }
  | { readonly type: 'resize'; readonly perRow: number }
  /** At a stop the view's expression (`$rsp`) names another place: the same view there, no history. */
  | { readonly type: 'rebase'; readonly address: bigint };

const HISTORY_LIMIT = 100;
const TOP = (1n << 64n) - 1n;
/** Formats the format key cycles through; s, i and z are reached by typing x/. */
const CYCLE_FORMATS: readonly ExamineFormat[] = ['x', 'd', 'u', 'o', 't', 'a', 'c', 'f'];
const CYCLE_UNITS: readonly ExamineUnit[] = ['b', 'h', 'w', 'g'];

export function initialExamineState(perRow = 4): ExamineState {
  const d = INITIAL_EXAMINE_DEFAULTS;
  return { address: 0n, format: d.format, unit: d.unit, count: 16, cursor: 0n, examined: false, defaults: d, next: 0n, perRow, history: [], items: [] };
}

const sized = (f: ExamineFormat): boolean => f !== 's' && f !== 'i';
const unitSize = (s: ExamineView): bigint => BigInt(UNIT_BYTES[s.unit]);
const clamp = (v: bigint): bigint => (v < 0n ? 0n : v > TOP ? TOP : v);

function viewOf(s: ExamineState): ExamineView {
  return { address: s.address, format: s.format, unit: s.unit, count: s.count, cursor: s.cursor };
}

/** Recompute where `x` continues for fixed-size formats. */
function settle(s: ExamineState): ExamineState {
  return sized(s.format) ? { ...s, next: clamp(s.address + BigInt(s.count) * unitSize(s)) } : s;
}

export function examineReducer(state: ExamineState, action: ExamineAction): ExamineState {
  const s: ExamineState = state.message === undefined ? state : withoutMessage(state);
  switch (action.type) {
    case 'examine':
      return examine(s, action.parsed, action.address);
    case 'shown':
      if (sized(s.format)) return { ...s, next: action.next };
      return { ...s, next: action.next, items: action.items, cursor: action.items.includes(s.cursor) ? s.cursor : (action.items[0] ?? s.address) };
    case 'move':
      return sized(s.format) ? moveFixed(s, action.direction) : moveItems(s, action.direction);
    case 'page':
      return page(s, action.direction, action.rows);
    case 'rebase':
      if (!s.examined || action.address === s.address) return s;
      return settle({ ...s, address: action.address, cursor: sized(s.format) ? action.address + (s.cursor - s.address) : action.address, items: [], next: action.address });
    case 'follow':
      if (!s.examined) return { ...s, message: 'Examine an address first, e.g. x/16xg $sp.' };
      if (action.pointer === 0n) return { ...s, message: 'The word under the cursor is 0 (nil), so there is nothing to follow.' };
      return settle({ ...s, history: pushHistory(s), address: action.pointer, cursor: action.pointer, items: [] });
    case 'back': {
      const prev = s.history[s.history.length - 1];
      if (!prev) return { ...s, message: 'There is no earlier view to go back to.' };
      return settle({ ...s, ...prev, history: s.history.slice(0, -1), items: [], defaults: { ...s.defaults, format: prev.format, unit: prev.unit } });
    }
    case 'cycleFormat':
      return cycleFormat(s, action.step);
    case 'cycleUnit':
      return cycleUnit(s, action.step);
    case 'reshape':
      return reshapeTo(s, action.format ?? s.format, action.unit);
    case 'edge':
      return edge(s, action.edge);
    case 'resize':
      return { ...s, perRow: Math.max(1, Math.floor(action.perRow)) };
  }
}

function withoutMessage(s: ExamineState): ExamineState {
  const { message: _dropped, ...rest } = s;
  return rest;
}

/**
 * `to`, reached from `from` by a page or a move, with `from` to come back to (Backspace), its cursor
 * on its first cell: where the cursor had wandered before it scrolled away is no place to come back
 * to (trial BJ: Backspace to `$rsp` left it eight rows down).
 */
export function leftFrom(from: ExamineState, to: ExamineState): ExamineState {
  return { ...to, history: pushHistory({ ...from, cursor: from.address }) };
}

function pushHistory(s: ExamineState): readonly ExamineView[] {
  return [...s.history, viewOf(s)].slice(-HISTORY_LIMIT);
}

function examine(s: ExamineState, parsed: ParsedExamine, address: bigint | undefined): ExamineState {
  const { command, remember } = parsed;
  if (address === undefined && command.expr !== null) throw new Error('examine of an expression needs its evaluated address');
  if (address === undefined && !s.examined) {
    return { ...s, defaults: remember, message: 'Nothing examined yet, so x needs an address, e.g. x/16xg $sp.' };
  }
  const size = BigInt(UNIT_BYTES[command.unit]);
  let start: bigint;
  if (command.backward) {
    // x/-N shows the N units that end at the address, or where a bare x would go on (gdb's next,
    // which a backward x rewinds to the lowest unit it showed).
    const base = address ?? s.next;
    start = clamp(base - BigInt(command.count) * size);
  } else {
    start = address ?? s.next;
  }
  // A typed address is a jump worth returning from; a bare x just pages on.
  const history = address !== undefined && s.examined ? pushHistory(s) : s.history;
  const settled = settle({
    ...s,
    examined: true,
    address: start,
    cursor: start,
    format: command.format,
    unit: command.unit,
    count: command.count,
    defaults: remember,
    history,
    items: [],
    next: start,
  });
  // gdb rewinds its next address to the lowest unit a backward x showed: a bare x starts there.
  return command.backward ? { ...settled, next: start } : settled;
}

function moveFixed(s: ExamineState, direction: 'left' | 'right' | 'up' | 'down'): ExamineState {
  if (!s.examined) return s;
  const size = unitSize(s);
  const rowBytes = BigInt(s.perRow) * size;
  const total = BigInt(s.count) * size;
  const delta = direction === 'left' ? -size : direction === 'right' ? size : direction === 'up' ? -rowBytes : rowBytes;
  const cursor = s.cursor + delta;
  if (cursor < 0n || cursor + size - 1n > TOP) return { ...s, message: 'That is the edge of the address space.' };
  // Scroll by whole rows (or the whole view when it is shorter than a row) so rows stay anchored.
  const step = total < rowBytes ? total : rowBytes;
  let address = s.address;
  while (cursor < address) address -= step;
  while (cursor >= address + total) address += step;
  return settle({ ...s, cursor, address: clamp(address) });
}

function moveItems(s: ExamineState, direction: 'left' | 'right' | 'up' | 'down'): ExamineState {
  if (!s.examined) return s;
  const index = s.items.indexOf(s.cursor);
  const forward = direction === 'right' || direction === 'down';
  if (!forward) {
    if (index > 0) return { ...s, cursor: s.items[index - 1]! };
    return { ...s, message: `Where the ${s.format === 's' ? 'string' : 'instruction'} before this one starts is unknown; examine an earlier address.` };
  }
  if (index >= 0 && index < s.items.length - 1) return { ...s, cursor: s.items[index + 1]! };
  // Past the last item: drop the first one and go to where the next begins.
  return { ...s, address: s.items[1] ?? s.next, cursor: s.next, items: [] };
}

function page(s: ExamineState, direction: 'up' | 'down', shown?: number): ExamineState {
  if (!s.examined) return s;
  if (!sized(s.format)) {
    if (direction === 'down') return { ...s, address: s.next, cursor: s.next, items: [] };
    return { ...s, message: `Where the ${s.format === 's' ? 'strings' : 'instructions'} before these start is unknown; examine an earlier address.` };
  }
  const size = unitSize(s);
  const rowBytes = BigInt(s.perRow) * size;
  // A view taller than the pane pages by the rows shown: by the whole view, the rows below the pane
  // would never be seen (trial T: x/16xg at 80x24 showed 8, PgDn went 16 on).
  const all = (BigInt(s.count) + BigInt(s.perRow) - 1n) / BigInt(s.perRow);
  const rows = shown && BigInt(shown) < all ? BigInt(Math.max(1, shown)) : all;
  const pageBytes = rows * rowBytes;
  const offset = s.cursor - s.address;
  let address = direction === 'down' ? s.address + pageBytes : s.address - pageBytes;
  const last = TOP + 1n - BigInt(s.count) * size;
  address = address < 0n ? 0n : address > last ? last : address;
  if (address === s.address) return { ...s, message: 'That is the edge of the address space.' };
  return settle({ ...s, address, cursor: address + offset });
}

function cycleFormat(s: ExamineState, step: 1 | -1): ExamineState {
  const i = CYCLE_FORMATS.indexOf(s.format);
  const format = i < 0 ? 'x' : CYCLE_FORMATS[(i + step + CYCLE_FORMATS.length) % CYCLE_FORMATS.length]!;
  // The units gdb picks for these formats: pointers are 8 bytes, chars 1, floats 4 or 8.
  // Strings and instructions read bytes, which says nothing about the words around them: use g.
  let unit = sized(s.format) ? s.unit : 'g';
  if (format === 'a') unit = 'g';
  else if (format === 'c') unit = 'b';
  else if (format === 'f' && (unit === 'b' || unit === 'h')) unit = 'g';
  return reshape(s, format, unit);
}

function cycleUnit(s: ExamineState, step: 1 | -1): ExamineState {
  if (!sized(s.format)) return { ...s, message: `x/${s.format} has no unit to change.` };
  // Floats come in 4 and 8 bytes only.
  const units = s.format === 'f' ? (['w', 'g'] as const) : CYCLE_UNITS;
  const i = units.indexOf(s.unit as never);
  const unit = units[(i + step + units.length) % units.length]!;
  return reshape(s, s.format, unit);
}

function reshapeTo(s: ExamineState, format: ExamineFormat, unit: ExamineUnit | undefined): ExamineState {
  if (!sized(format)) {
    if (unit !== undefined && unit !== 'b') return { ...s, message: `x/${format} reads bytes, so it takes no unit.` };
    // As many strings or instructions as there were units, within reason.
    return { ...reshape(s, format, 'b'), count: Math.min(s.count, 32) };
  }
  // The unit gdb would pick for the format, as the format key does.
  let u = unit ?? (sized(s.format) ? s.unit : 'g');
  if (unit === undefined) {
    if (format === 'a') u = 'g';
    else if (format === 'c') u = 'b';
    else if (format === 'f' && (u === 'b' || u === 'h')) u = 'g';
  }
  if (format === 'f' && (u === 'b' || u === 'h')) return { ...s, message: 'Floats come in units of w (4 bytes) and g (8 bytes).' };
  return reshape(s, format, u);
}

function edge(s: ExamineState, which: 'first' | 'last'): ExamineState {
  if (!s.examined) return s;
  if (!sized(s.format)) {
    const item = which === 'first' ? s.items[0] : s.items[s.items.length - 1];
    return item === undefined ? s : { ...s, cursor: item };
  }
  return { ...s, cursor: which === 'first' ? s.address : s.address + BigInt(s.count - 1) * unitSize(s) };
}

/** Change format and unit keeping the same bytes on screen and the cursor on its unit. */
function reshape(s: ExamineState, format: ExamineFormat, unit: ExamineUnit): ExamineState {
  const size = UNIT_BYTES[unit];
  // Strings and instructions have no fixed size: keep their count as units.
  const oldBytes = s.count * (sized(s.format) ? UNIT_BYTES[s.unit] : size);
  const count = Math.max(1, Math.min(Math.ceil(oldBytes / size), MAX_EXAMINE_BYTES / size));
  const offset = s.cursor - s.address;
  const cursor = s.address + (offset - (offset % BigInt(size)));
  return settle({ ...s, format, unit, count, cursor, items: [], defaults: { ...s.defaults, format, unit } });
}

/** The 8-byte little-endian word at the cursor in `span`, or undefined if it is not all there and readable. */
export function pointerUnderCursor(state: ExamineView, span: MemorySpan): bigint | undefined {
  const offset = Number(state.cursor - span.address);
  if (offset < 0 || offset + 8 > span.bytes.length) return undefined;
  for (let i = offset; i < offset + 8; i++) if (span.readable && !span.readable[i]) return undefined;
  return readLE(span.bytes, offset, 8);
}

export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly return?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

/** What the pane does for a key, in Ink's useInput terms. */
export type ExamineKeyIntent = ExamineAction | { readonly type: 'followCursor' };

/**
 * Keys to actions: hjkl and arrows move, PgUp/PgDn page, Enter follows,
 * Backspace goes back, f/F and u/U cycle format and unit. A burst of keys
 * ("jj") arrives as one input and gives one action per key.
 */
export function examineKeyActions(input: string, key: KeyInfo): ExamineKeyIntent[] {
  if (key.upArrow) return [{ type: 'move', direction: 'up' }];
  if (key.downArrow) return [{ type: 'move', direction: 'down' }];
  if (key.leftArrow) return [{ type: 'move', direction: 'left' }];
  if (key.rightArrow) return [{ type: 'move', direction: 'right' }];
  if (key.pageUp) return [{ type: 'page', direction: 'up' }];
  if (key.pageDown) return [{ type: 'page', direction: 'down' }];
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as delete.
  if (key.backspace || key.delete) return [{ type: 'back' }];
  if (key.return) return [{ type: 'followCursor' }];
  if (key.ctrl || key.meta) return [];
  const out: ExamineKeyIntent[] = [];
  for (const ch of input) {
    const intent = KEY_INTENTS[ch];
    if (intent) out.push(intent);
  }
  return out;
}

const KEY_INTENTS: Readonly<Record<string, ExamineKeyIntent>> = {
  h: { type: 'move', direction: 'left' },
  j: { type: 'move', direction: 'down' },
  k: { type: 'move', direction: 'up' },
  l: { type: 'move', direction: 'right' },
  f: { type: 'cycleFormat', step: 1 },
  F: { type: 'cycleFormat', step: -1 },
  u: { type: 'cycleUnit', step: 1 },
  U: { type: 'cycleUnit', step: -1 },
};
