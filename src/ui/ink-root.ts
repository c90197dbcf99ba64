import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ReactElement } from 'react';
import { render, type Instance } from 'ink';

/** What Ink writes to: a stream of the region's size that keeps the last frame. */
class FrameSink extends EventEmitter {
  isTTY = true;
  frame = '';
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write(data: string): boolean {
    this.frame = data;
    return true;
  }
}

/**
 * One Ink tree for one region of the screen. Ink renders in debug mode (each render hands over a
 * whole frame, unthrottled) into a sink of the region's size; the Screen puts the frame's lines
 * where the region is. A pane re-renders alone: the cost of a key press is that pane's size.
 */
export class InkRoot {
  private readonly sink: FrameSink;
  private readonly instance: Instance;
  /** Ink's own time for the last frame (layout and output), for the benchmarks. */
  lastRenderMs = 0;

  constructor(width: number, height: number, element: ReactElement) {
    this.sink = new FrameSink(width, height);
    const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
    this.instance = render(element, {
      stdout: this.sink as unknown as NodeJS.WriteStream,
      stdin,
      debug: true,
      patchConsole: false,
      exitOnCtrlC: false,
      onRender: ({ renderTime }: { renderTime: number }) => {
        this.lastRenderMs = renderTime;
      },
    } as Parameters<typeof render>[1]);
  }

  /** Renders `element` at `width`x`height` and returns the frame's lines. */
  render(width: number, height: number, element: ReactElement): string[] {
    if (width !== this.sink.columns || height !== this.sink.rows) {
      this.sink.columns = width;
      this.sink.rows = height;
    }
    this.instance.rerender(element);
    return this.lines();
  }

  lines(): string[] {
    return this.sink.frame.split('\n');
  }

  unmount(): void {
    this.instance.unmount();
    this.instance.cleanup();
  }
}
