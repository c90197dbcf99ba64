import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createElement } from 'react';
import { render, type Instance } from 'ink';
import { clean, type Row } from '../core/text.js';
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

/** Lines kept rendered (a screen's worth many times over). */
const CACHE_LINES = 20_000;

/**
 * Turns rows of styled runs into the terminal lines Ink draws for them. Ink renders in debug mode
 * (each render hands over the whole frame, unthrottled) into a sink; a line already drawn at that
 * width comes from the cache. Ink's cost grows with the cells it lays out, so the screen draws only
 * the lines that changed, and those of one pane in one render: a render has a fixed cost (React,
 * layout) that a pane scrolled to new lines would pay once a line (measured in bench/key-latency).
 */
export class LineRenderer {
  private readonly sink = new FrameSink(80);
  private readonly instance: Instance;
  private readonly cache = new Map<string, string>();
  /** Ink's time per line drawn (not cached), for bench/render-cost. */
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

  /** The lines of `rows` at `width`; those not in the cache drawn in one render. */
  lines(rows: readonly Row[], width: number): string[] {
    const out: string[] = new Array(rows.length);
    const missing = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = `${width}\u0000${rowKey(row)}`;
      const hit = row.every((s) => s.text === '') ? '' : this.cache.get(key);
      if (hit === undefined) {
        const at = missing.get(key);
        if (at) at.push(i);
        else missing.set(key, [i]);
      } else {
        // Recently used lines stay: a Map keeps insertion order.
        this.cache.delete(key);
        this.cache.set(key, hit);
        out[i] = hit;
      }
    });
    if (!missing.size) return out;
    const keys = [...missing.keys()];
    // The last door to the terminal: whatever a view forgot to clean is made visible here, never sent.
    // A row is one line: a newline left in it is shown as ^J (as clean shows \r), not a second line.
    const safe = keys.map((k) =>
      rows[missing.get(k)![0]!]!.map((s) => {
        const text = clean(s.text).replace(/\n/g, '^J');
        return text === s.text ? s : { ...s, text };
      }),
    );
    this.sink.columns = width;
    this.sink.rows = safe.length + 1;
    this.instance.rerender(createElement(Lines, { rows: safe, width }));
    const drawn = this.sink.frame.split('\n');
    this.renderTimes.push(this.lastRenderMs / keys.length);
    if (this.renderTimes.length > 20_000) this.renderTimes.splice(0, 10_000);
    keys.forEach((k, j) => {
      const line = drawn[j] ?? '';
      for (const i of missing.get(k)!) out[i] = line;
      this.cache.set(k, line);
    });
    while (this.cache.size > CACHE_LINES) this.cache.delete(this.cache.keys().next().value!);
    return out;
  }

  dispose(): void {
    this.instance.unmount();
    this.instance.cleanup();
  }
}

function rowKey(row: Row): string {
  let k = '';
  for (const s of row) k += `${s.text}\u0001${s.color ?? ''}\u0001${s.backgroundColor ?? ''}\u0001${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.inverse ? 1 : 0}\u0002`;
  return k;
}
