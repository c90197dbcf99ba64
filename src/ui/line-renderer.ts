import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createElement } from 'react';
import { render, type Instance } from 'ink';
import { clean, type Row } from '../core/text.js';
import { Line } from './line.js';

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
 * Turns a row of styled runs into the terminal line Ink draws for it. Ink renders in debug mode
 * (each render hands over the whole frame, unthrottled) into a sink one line high; a line already
 * drawn at that width comes from the cache. Ink's cost grows with the cells it lays out, so the
 * screen draws only the lines that changed, each through Ink (measured in bench/key-latency).
 */
export class LineRenderer {
  private readonly sink = new FrameSink(80);
  private readonly instance: Instance;
  private readonly cache = new Map<string, string>();
  /** Ink's time per line drawn (not cached), for bench/render-cost. */
  readonly renderTimes: number[] = [];
  private lastRenderMs = 0;

  constructor() {
    this.instance = render(createElement(Line, { row: [] }), {
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

  line(row: Row, width: number): string {
    const key = `${width}\u0000${rowKey(row)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Recently used lines stay: a Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    this.sink.columns = width;
    // The last door to the terminal: whatever a view forgot to clean is made visible here, never sent.
    const safe = row.map((s) => {
      const text = clean(s.text);
      return text === s.text ? s : { ...s, text };
    });
    this.instance.rerender(createElement(Line, { row: safe }));
    const drawn = this.sink.frame.split('\n')[0] ?? '';
    this.renderTimes.push(this.lastRenderMs);
    if (this.renderTimes.length > 20_000) this.renderTimes.splice(0, 10_000);
    this.cache.set(key, drawn);
    if (this.cache.size > CACHE_LINES) this.cache.delete(this.cache.keys().next().value!);
    return drawn;
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
