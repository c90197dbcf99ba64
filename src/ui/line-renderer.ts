import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createElement } from 'react';
import { render, type Instance } from 'ink';
import { cellWidth, clean, type Row } from '../core/text.js';
import { Lines } from './line.js';

/** What Ink writes to: the frame of the last render, kept. */
class FrameSink extends EventEmitter {
  isTTY = true;
  rows = 1;
  frame = '';
  constructor(public columns: number) {
    super();
  }
  write(data: string): boolean {
    this.frame = data;
    return true;
  }
}

/** Lines kept rendered (a screen's worth many times over), and runs (parts of lines). */
const CACHE_LINES = 20_000;
const CACHE_RUNS = 20_000;
/** Cells to spare in Ink's box beyond what gotui measured, so a width Ink counts higher is never cut. */
const SLACK = 2;
const SGR = /\x1b\[[0-9;]*m/g;
const DIGIT = /^\d$/;
const DIGITS = [...'0123456789'];

/**
 * Turns rows of styled runs into the terminal lines Ink draws for them. Ink renders in debug mode
 * (each render hands over the whole frame, unthrottled) into a sink; a line already drawn at that
 * width comes from the cache. Ink's cost grows with the cells it lays out and turns into text (its
 * Output walks every cell of its box, a fifth of a millisecond for a line of 200), so:
 * - the screen draws only the lines that changed, and those of one pane in one render (a render
 *   has a fixed cost, React and layout, that a pane scrolled to new lines would pay once a line);
 * - a line that fits is drawn run by run, each run cached on its own: at a stop the status bar's
 *   state changes and its key hints do not, and only the state is drawn; numbers are drawn digit
 *   by digit (see pieces), so a new line number or count needs no render;
 * - Ink's box is as wide as the widest thing drawn, not the pane.
 * Each run Ink draws starts and ends in the terminal's default style, so runs drawn apart join
 * into the line Ink would draw whole; a line wider than the pane is drawn whole (Ink cuts it, with …).
 */
export class LineRenderer {
  private readonly sink = new FrameSink(80);
  private readonly instance: Instance;
  private readonly cache = new Map<string, string>();
  private readonly runs = new Map<string, string>();
  /** The line each row object was last drawn as: a row given again (see frameRows) needs no key. */
  private readonly byRow = new WeakMap<Row, { width: number; line: string }>();
  /** Ink's time per line or run drawn (not cached), for bench/render-cost. */
  readonly renderTimes: number[] = [];
  private lastRenderMs = 0;

  constructor() {
    this.instance = render(createElement(Lines, { rows: [], width: 80 }), {
      stdout: this.sink as unknown as NodeJS.WriteStream,
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      debug: true,
      patchConsole: false,
      exitOnCtrlC: false,
      onRender: ({ renderTime }: { renderTime: number }) => {
        this.lastRenderMs = renderTime;
      },
    } as Parameters<typeof render>[1]);
  }

  /** The lines of `rows` at `width`; what is not in the cache drawn in one render. */
  lines(rows: readonly Row[], width: number): string[] {
    const out: string[] = new Array(rows.length);
    const missing = new Map<string, { at: number[]; safe: Row }>();
    rows.forEach((row, i) => {
      const same = this.byRow.get(row);
      if (same?.width === width) {
        out[i] = same.line;
        return;
      }
      const key = `${width}\u0000${rowKey(row)}`;
      const hit = row.every((s) => s.text === '') ? '' : this.cache.get(key);
      if (hit === undefined) {
        const m = missing.get(key);
        if (m) m.at.push(i);
        else missing.set(key, { at: [i], safe: safeRow(row) });
      } else {
        // Recently used lines stay: a Map keeps insertion order.
        this.cache.delete(key);
        this.cache.set(key, hit);
        out[i] = hit;
        this.byRow.set(row, { width, line: hit });
      }
    });
    if (!missing.size) return out;
    // What Ink draws: lines wider than the pane whole, the runs of the others not yet drawn.
    const draw = new Map<string, Row>();
    const whole = new Set<string>();
    for (const [key, { safe }] of missing) {
      if (rowWidth(safe) > width) {
        whole.add(key);
        draw.set(key, safe);
        continue;
      }
      for (const piece of safe.flatMap(pieces)) {
        // A digit comes with the nine others in its style: the render costs about the same, and
        // the next number in that place (stop 10, line 100) needs none.
        for (const s of DIGIT.test(piece.text) ? DIGITS.map((text) => ({ ...piece, text })) : [piece]) {
          const k = runKey(s);
          if (styled(s) && !this.runs.has(k)) draw.set(k, [s]);
        }
      }
    }
    const lines = this.draw([...draw.values()], width);
    const drawn = new Map([...draw.keys()].map((k, j) => [k, lines[j] ?? '']));
    for (const [k, line] of drawn) {
      if (whole.has(k)) continue;
      // Ink leaves out the spaces that end a line unstyled: they are put back.
      const run = draw.get(k)![0]!;
      this.runs.set(k, line + ' '.repeat(Math.max(0, cellWidth(run.text) - cellWidth(line.replace(SGR, '')))));
    }
    for (const [key, { at, safe }] of missing) {
      const line = whole.has(key) ? drawn.get(key)! : safe.flatMap(pieces).map((s) => this.run(s)).join('');
      for (const i of at) {
        out[i] = line;
        this.byRow.set(rows[i]!, { width, line });
      }
      this.cache.set(key, line);
    }
    trim(this.cache, CACHE_LINES);
    trim(this.runs, CACHE_RUNS);
    return out;
  }

  /** A run's drawing: from the cache, or its text when Ink would write it unstyled. */
  private run(s: Row[number]): string {
    if (!styled(s)) return s.text;
    const k = runKey(s);
    const hit = this.runs.get(k)!;
    this.runs.delete(k);
    this.runs.set(k, hit);
    return hit;
  }

  /** `items` drawn by Ink in one render, in a box no wider than the widest of them needs. */
  private draw(items: readonly Row[], width: number): string[] {
    if (!items.length) return [];
    const widest = Math.max(...items.map(rowWidth));
    const box = Math.max(1, Math.min(width, widest + SLACK));
    this.sink.columns = box;
    this.sink.rows = items.length + 1;
    this.instance.rerender(createElement(Lines, { rows: items, width: box }));
    this.renderTimes.push(this.lastRenderMs / items.length);
    if (this.renderTimes.length > 20_000) this.renderTimes.splice(0, 10_000);
    return this.sink.frame.split('\n');
  }

  dispose(): void {
    this.instance.unmount();
    this.instance.cleanup();
  }
}

function rowKey(row: Row): string {
  let k = '';
  for (const s of row) k += `${runKey(s)}\u0002`;
  return k;
}

/**
 * A run as the parts Ink draws and the cache keeps: its digits one by one, the text between them
 * whole. What a stop changes is mostly numbers (a line, a stop count, a value), so its lines come
 * from parts already drawn, with no render at all.
 */
function pieces(s: Row[number]): Row {
  // A run Ink does not draw is its text whole.
  if (!styled(s) || !/\d/.test(s.text)) return [s];
  // A digit that a mark joins (the keycap 1️⃣) stays with it: one character on the terminal.
  return s.text.split(/(\d)(?![\p{M}\u200d])/u).flatMap((text) => (text ? [text === s.text ? s : { ...s, text }] : []));
}

/**
 * Whether Ink would write a run other than as its text: a run with no style is its (cleaned) text,
 * written as it is (most of a first frame: source, values, names), and a blank run shows no style
 * unless it colours the background.
 */
function styled(s: Row[number]): boolean {
  if (!s.color && !s.backgroundColor && !s.bold && !s.dim && !s.inverse) return false;
  return s.text.trim() !== '' || (s.text !== '' && (!!s.backgroundColor || !!s.inverse));
}

function rowWidth(row: Row): number {
  return row.reduce((n, s) => n + cellWidth(s.text), 0);
}

function runKey(s: Row[number]): string {
  return `${s.text}\u0001${s.color ?? ''}\u0001${s.backgroundColor ?? ''}\u0001${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.inverse ? 1 : 0}`;
}

/**
 * The last door to the terminal: whatever a view forgot to clean is made visible here, never sent.
 * A row is one line: a newline left in it is shown as ^J (as clean shows \\r), not a second line.
 */
function safeRow(row: Row): Row {
  return row.map((s) => {
    const text = clean(s.text).replace(/\n/g, '^J');
    return text === s.text ? s : { ...s, text };
  });
}

/** Drops the least recently used entries beyond `max`. */
function trim(cache: Map<string, string>, max: number): void {
  while (cache.size > max) cache.delete(cache.keys().next().value!);
}
