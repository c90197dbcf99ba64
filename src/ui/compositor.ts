import { createElement, type ComponentType, type ReactElement } from 'react';
import type { Rect } from '../core/rect.js';
import type { Models } from '../features/host.js';
import { FEATURES } from '../features/index.js';
import type { Feature, PaneProps } from '../features/types.js';
import type { Session } from '../session/session.js';
import { consoleFeature } from '../console/feature.js';
import { CommandLine, PagerPane, pagerRows, StatusBar, TooSmall } from './chrome.js';
import { InkRoot } from './ink-root.js';
import { keyHints } from './keymap.js';
import { computeLayout } from './layout.js';
import type { Painted, Screen } from './screen.js';
import type { UiStore } from './ui-state.js';

interface Region {
  rect: Rect;
  element: () => ReactElement;
}

/** Paints at most this often while changes keep coming (an eBPF stream); a lone key paints at once. */
const MIN_FRAME_MS = 16;

/**
 * Lays the screen out from the feature list and the UI state, gives each region (pane, status
 * bar, command line, pager) an Ink tree of its own, and repaints only the regions whose model,
 * the session or the UI changed, coalesced into one frame per tick.
 */
export class Compositor {
  private readonly panes = new Map<string, ComponentType<PaneProps<object>>>();
  private readonly roots = new Map<string, InkRoot>();
  private readonly frames = new Map<string, Painted>();
  private regions = new Map<string, Region>();
  private readonly dirty = new Set<string>();
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private layoutKey = '';
  private shown = new Set<string>();
  private disposers: (() => void)[] = [];
  private stopped = false;
  /** Ink's time per region render (ms), for bench/render-cost. */
  readonly renderTimes: number[] = [];
  /** Called after every paint (benchmarks time key to paint with it). */
  onPaint: (() => void) | undefined;

  constructor(
    private readonly screen: Screen,
    private readonly ui: UiStore,
    private readonly session: Session,
    private readonly models: Models,
  ) {}

  /** Loads the panes' components, then paints the first frame. */
  async start(): Promise<void> {
    await Promise.all(FEATURES.map(async (f) => this.panes.set(f.id, (await f.pane()) as ComponentType<PaneProps<object>>)));
    for (const f of FEATURES) {
      this.disposers.push(
        (this.models.model(f) as { subscribe(l: () => void): () => void }).subscribe(() => {
          this.invalidate(`pane:${f.id}`);
          // The command line shows the console's last error.
          if (f === consoleFeature) this.invalidate('command');
        }),
      );
    }
    this.disposers.push(this.session.subscribe(() => this.invalidateAll()));
    let before = this.ui.get();
    this.disposers.push(
      this.ui.subscribe(() => {
        const now = this.ui.get();
        if (now.focus !== before.focus) {
          this.invalidate(`pane:${before.focus}`);
          this.invalidate(`pane:${now.focus}`);
        }
        before = now;
        this.invalidate('status');
        this.invalidate('command');
        this.invalidate('pager');
      }),
    );
    this.disposers.push(this.screen.onResize(() => this.invalidateAll()));
    this.screen.enter();
    this.flush();
  }

  /** Rows the pane of `id` shows (a page for PgUp/PgDn). */
  pageSize(id: string): number {
    const r = this.regions.get(`pane:${id}`);
    return r ? Math.max(1, r.rect.height - 3) : 10;
  }

  pagerRows(): number {
    const r = this.regions.get('pager');
    return r ? Math.max(1, r.rect.height - 2) : 10;
  }

  /** Pager text rows at its width (to keep scrolling within them). */
  pagerLength(): number {
    const p = this.ui.get().pager;
    const r = this.regions.get('pager');
    return p && r ? pagerRows(p, Math.max(1, r.rect.width - 2)).length : 0;
  }

  invalidate(id: string): void {
    if (this.stopped) return;
    this.dirty.add(id);
    this.schedule();
  }

  private invalidateAll(): void {
    this.layoutKey = '';
    this.invalidate('*');
  }

  private schedule(): void {
    if (this.scheduled) return;
    const wait = this.lastFlush + MIN_FRAME_MS - performance.now();
    this.scheduled = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  /** Renders what changed and paints it. */
  flush(): void {
    this.scheduled = undefined;
    if (this.stopped) return;
    this.lastFlush = performance.now();
    const relaid = this.relayout();
    const all = relaid || this.dirty.has('*');
    for (const [id, region] of this.regions) {
      if (!all && !this.dirty.has(id)) continue;
      this.frames.set(id, { rect: region.rect, lines: this.renderRegion(id, region) });
    }
    this.dirty.clear();
    const shown = new Map<string, Painted>();
    for (const id of this.regions.keys()) shown.set(id, this.frames.get(id)!);
    this.screen.paint(shown);
    this.onPaint?.();
  }

  private renderRegion(id: string, region: Region): string[] {
    const { width, height } = region.rect;
    const element = region.element();
    let root = this.roots.get(id);
    if (!root) {
      root = new InkRoot(width, height, element);
      this.roots.set(id, root);
      this.renderTimes.push(root.lastRenderMs);
      return root.lines();
    }
    const lines = root.render(width, height, element);
    this.renderTimes.push(root.lastRenderMs);
    if (this.renderTimes.length > 10_000) this.renderTimes.splice(0, 5_000);
    return lines;
  }

  /** Works out the regions for the screen's size and the UI state; true when they changed. */
  private relayout(): boolean {
    const u = this.ui.get();
    const columns = this.screen.columns;
    const rows = this.screen.rows;
    const key = [columns, rows, u.bottom, u.zoomed ? u.focus : '', u.mode === 'pager' ? 'pager' : ''].join('|');
    if (key === this.layoutKey) return false;
    this.layoutKey = key;
    const layout = computeLayout(columns, rows, u.bottom !== 'console');
    const next = new Map<string, Region>();
    if (layout.kind === 'too-small') {
      next.set('toosmall', { rect: layout.all, element: () => createElement(TooSmall, { rect: layout.all }) });
    } else {
      if (u.mode === 'pager') {
        next.set('pager', { rect: layout.main, element: () => createElement(PagerPane, { rect: layout.main, pager: this.ui.get().pager ?? { title: '', lines: [], top: 0 } }) });
      } else {
        FEATURES.forEach((f, i) => {
          const slot = f.slot === 'source' ? layout.slots.source : f.slot === 'bottom' ? (f.id === u.bottom ? layout.slots.bottom : undefined) : layout.slots[f.id as 'goroutines' | 'stack' | 'variables'];
          if (!slot) return;
          if (u.zoomed && f.id !== u.focus) return;
          const rect = u.zoomed ? layout.main : slot;
          next.set(`pane:${f.id}`, { rect, element: () => this.paneElement(f, rect, i + 1) });
        });
      }
      next.set('status', { rect: layout.status, element: () => createElement(StatusBar, { rect: layout.status, session: this.session.get(), ui: this.ui.get(), hints: keyHints(this.ui.get().focus) }) });
      next.set('command', { rect: layout.commandLine, element: () => createElement(CommandLine, { rect: layout.commandLine, ui: this.ui.get(), lastError: this.models.model(consoleFeature).get().lastError }) });
    }
    const moved = [...this.regions].some(([id, r]) => !next.has(id) || !sameRect(next.get(id)!.rect, r.rect));
    if (moved) this.screen.clear();
    this.regions = next;
    // Each model hears how many rows its pane shows (a page), and whether it is on screen.
    for (const f of FEATURES) {
      const r = next.get(`pane:${f.id}`);
      const m = this.models.model(f) as { setViewport?(rows: number): void; setShown?(shown: boolean): void };
      if (r) m.setViewport?.(Math.max(1, r.rect.height - 2));
      if (!!r !== this.shown.has(f.id)) {
        if (r) this.shown.add(f.id);
        else this.shown.delete(f.id);
        m.setShown?.(!!r);
      }
    }
    return true;
  }

  private paneElement(f: Feature, rect: Rect, index: number): ReactElement {
    const Pane = this.panes.get(f.id)!;
    return createElement(Pane, { model: this.models.model(f), rect: { x: 0, y: 0, width: rect.width, height: rect.height }, focused: this.ui.get().focus === f.id, index, session: this.session.get() });
  }

  /** Stops painting; the Ink trees are unmounted. */
  stop(): void {
    this.stopped = true;
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
    }
    for (const d of this.disposers.splice(0)) d();
    for (const r of this.roots.values()) r.unmount();
    this.roots.clear();
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
