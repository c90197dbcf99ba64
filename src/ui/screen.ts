import { cellWidth } from '../core/text.js';
import type { Rect } from '../core/rect.js';

const ENTER = '\x1b[?1049h\x1b[?25l\x1b[2J';
// Cleared first: tmux, after the terminal grew, gives the shell's screen the alternate screen's top rows.
const LEAVE = '\x1b[0m\x1b[H\x1b[2J\x1b[?25h\x1b[?1049l';
// Synchronized output (DEC mode 2026): terminals that know it show a paint all at once.
const BEGIN = '\x1b[?2026h';
const END = '\x1b[?2026l';
const SGR = /\x1b\[[0-9;]*m/g;

export interface Painted {
  rect: Rect;
  lines: readonly string[];
}

/**
 * The terminal, written only here: the alternate screen, and regions painted line by line where
 * they changed since the last paint (a cursor move repaints one pane's two rows, not the screen).
 * When the terminal goes away (EIO: the SSH link dropped, the tmux session was killed) nothing is
 * written again and `onGone` fires once.
 */
export class Screen {
  private active = false;
  private painted = new Map<string, Painted>();
  private gone = false;
  private goneListeners: (() => void)[] = [];

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    out.on('error', () => this.lost());
  }

  get columns(): number {
    return this.out.columns || 80;
  }

  get rows(): number {
    return this.out.rows || 24;
  }

  get isGone(): boolean {
    return this.gone;
  }

  onGone(listener: () => void): void {
    this.goneListeners.push(listener);
  }

  onResize(listener: () => void): () => void {
    this.out.on('resize', listener);
    return () => this.out.off('resize', listener);
  }

  enter(): void {
    if (this.active) return;
    this.active = true;
    this.write(ENTER);
  }

  /** Idempotent: every way out calls it. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.painted.clear();
    this.write(LEAVE);
  }

  /** The size asked of the terminal again: a resize while gotui was stopped (Ctrl-Z) signalled only the shell. */
  refreshSize(): void {
    // Node's public getWindowSize() returns the size it last heard of; this asks the terminal (and emits 'resize').
    (this.out as { _refreshSize?: () => void })._refreshSize?.();
  }

  /** A line for the shell's screen, written only while the alternate screen is left. */
  note(text: string): void {
    if (!this.active) this.write(text);
  }

  /** Forgets what is on screen: the next paint redraws everything (after a resize, or a region removed). */
  clear(): void {
    this.painted.clear();
    if (this.active) this.write('\x1b[0m\x1b[2J');
  }

  /** Paints regions, each only where its lines differ from what this region showed before. */
  paint(regions: ReadonlyMap<string, Painted>): void {
    if (!this.active || this.gone) return;
    let out = '';
    for (const [id, region] of regions) {
      const before = this.painted.get(id);
      const same = before && sameRect(before.rect, region.rect);
      const { x, y, width, height } = region.rect;
      for (let i = 0; i < height; i++) {
        const line = region.lines[i] ?? '';
        if (same && before.lines[i] === line) continue;
        const w = cellWidth(line.replace(SGR, ''));
        out += `\x1b[${y + i + 1};${x + 1}H\x1b[0m${line}\x1b[0m${w < width ? ' '.repeat(width - w) : ''}`;
      }
      this.painted.set(id, { rect: region.rect, lines: region.lines });
    }
    if (out) this.write(BEGIN + out + END);
  }

  private write(text: string): void {
    if (this.gone) return;
    try {
      this.out.write(text);
    } catch {
      this.lost();
    }
  }

  /** The terminal is gone (a write failed, or its input ended): stop writing, tell the listeners. */
  lost(): void {
    if (this.gone) return;
    this.gone = true;
    this.active = false;
    for (const l of this.goneListeners.splice(0)) l();
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
