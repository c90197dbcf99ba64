import type { Rect } from '../core/rect.js';
import { fitRow, type Row } from '../core/text.js';
import type { Models } from '../features/host.js';
import { FEATURES } from '../features/index.js';
import type { Feature } from '../features/types.js';
import type { Session } from '../session/session.js';
import { consoleFeature } from '../console/feature.js';
import { commandRow, grownCommandRows, pagerRows, statusRow, tooSmallRows } from './chrome.js';
import { frameRows } from './frame.js';
import { keyHints, paneKey } from './keymap.js';
import { computeLayout } from './layout.js';
import { LineRenderer } from './line-renderer.js';
import type { Painted, Screen } from './screen.js';
import type { UiStore } from './ui-state.js';
import { mark } from '../core/timings.js';
import { LoadingHold } from './loading-hold.js';
import { PaintBudget } from './paint-budget.js';

interface Region {
  rect: Rect;
  rows: () => Row[];
}

/**
 * Panes dim their stop's data only once the target has run this long: a step that ends sooner
 * repaints once, at its stop, without a flash of "running" in between (the status bar says it at once).
 */
export const STALE_AFTER_MS = 150;
/**
 * After the target starts running, painting waits this long: most steps stop sooner, and the
 * "running" frame they would paint first only delays the stop's (Node does one thing at a time).
 * A key, a stop or a resize ends the wait.
 */
const RUN_PAINT_HOLD_MS = 25;
/** Quiet after a paint before the panes' likely rows are drawn ahead (see PaneView.likely). */
const WARM_AFTER_MS = 60;

/**
 * Lays the screen out from the feature list and the UI state, asks each region (a pane, the
 * status bar, the command line, the pager) for its rows when its model, the session or the UI
 * changed, has Ink draw the lines that changed, and paints them, one frame per tick at most.
 */
export class Compositor {
  private readonly lines = new LineRenderer();
  private readonly frames = new Map<string, Painted>();
  private regions = new Map<string, Region>();
  private readonly dirty = new Set<string>();
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** What painting cost lately, and how long a frame waits for it. */
  private readonly budget = new PaintBudget();
  private layoutKey = '';
  private shown = new Set<string>();
  private disposers: (() => void)[] = [];
  private stopped = false;
  /** When the target last started running (stopped → running). */
  private runningSince = 0;
  /** Frames wait until then (see RUN_PAINT_HOLD_MS). */
  private holdUntil = 0;
  private staleTimer: NodeJS.Timeout | undefined;
  /** The panes were painted dimmed (the target ran long enough): the next stop repaints them all. */
  private dimmed = false;
  /** Each pane's likely next rows, at its inner width. */
  private readonly likely = new Map<string, { rows: readonly Row[]; width: number }>();
  private warmTimer: NodeJS.Timeout | undefined;
  /** Panes reading the stop's data keep their last frame a moment (see LOADING_HOLD_MS). */
  private readonly loadingHold = new LoadingHold();
  private loadingTimer: NodeJS.Timeout | undefined;
  /** Panes changed since the target last began to run (a stop's data coming in): see the 'resuming' listener. */
  private readonly sinceStop = new Set<string>();
  /** Called after every paint (benchmarks time key to paint with it). */
  onPaint: (() => void) | undefined;

  constructor(
    private readonly screen: Screen,
    private readonly ui: UiStore,
    private readonly session: Session,
    private readonly models: Models,
  ) {}

  /** Ink's time per line it drew, for bench/render-cost. */
  get renderTimes(): readonly number[] {
    return this.lines.renderTimes;
  }

  /** Watches the models, the session and the UI, then paints the first frame. */
  start(): void {
    for (const f of FEATURES) {
      this.disposers.push(
        (this.models.model(f) as { subscribe(l: () => void): () => void }).subscribe(() => {
          this.invalidate(`pane:${f.id}`);
          // The command line shows the console's last error.
          if (f === consoleFeature) this.invalidate('command');
        }),
      );
    }
    for (const part of this.models.statusParts) this.disposers.push(part.subscribe(() => this.invalidate('status')));
    let status = this.session.get().status;
    this.disposers.push(
      this.session.subscribe(() => {
        const now = this.session.get().status;
        // A pager (:regs -a, a value) says when its stop is over.
        if (this.ui.get().mode === 'pager') this.invalidate('pager');
        if (now === 'running' && status !== 'running') {
          // Only the status bar now; the panes dim if the target is still running a moment later.
          this.runningSince = performance.now();
          this.hold();
          clearTimeout(this.staleTimer);
          this.staleTimer = setTimeout(() => {
            this.dimmed = true;
            this.invalidateAll();
          }, STALE_AFTER_MS);
          this.invalidate('status');
        } else if (now === 'running' && status === 'running') this.invalidate('status');
        else if (now === 'stopped' && !this.dimmed) {
          this.release();
          // A short run: nothing was dimmed, and the panes the stop changes say so themselves.
          clearTimeout(this.staleTimer);
          this.invalidate('status');
        } else {
          clearTimeout(this.staleTimer);
          this.dimmed = false;
          this.release();
          this.invalidateAll();
        }
        status = now;
      }),
    );
    let before = this.ui.get();
    this.disposers.push(
      this.ui.subscribe(() => {
        const now = this.ui.get();
        if (now.focus !== before.focus) {
          this.invalidate(`pane:${before.focus}`);
          this.invalidate(`pane:${now.focus}`);
        }
        before = now;
        this.release();
        this.loadingHold.end();
        this.invalidate('status');
        this.invalidate('command');
        this.invalidate('pager');
        this.invalidate('toosmall');
      }),
    );
    // From the request on: the command's echo paints with the stop (or once the hold is over), not
    // while Delve steps on the same two cores.
    this.disposers.push(
      this.session.events.on('resuming', () => {
        this.loadingHold.end();
        // A step typed ahead starts at the last stop: its panes not painted yet paint now, as they
        // are (dimmed, `from stop N`, while their data is read), so none shows an older stop unmarked
        // through a burst of `n`.
        const late = [...this.sinceStop].filter((id) => this.dirty.has(id));
        this.sinceStop.clear();
        if (late.length) this.flush(late);
        this.hold();
      }),
    );
    // The stop line first: source, stack and status paint as the stop is announced (their models
    // take it early, and subscribed before this), before the other panes' handlers ask Delve for
    // their part; those panes follow in the next frame (or keep theirs a moment: see LoadingHold).
    this.disposers.push(
      this.session.events.on(
        'stop',
        () => {
          // Its panes' frames answer the step: none waits for the paint budget (a frame put off by it paints now).
          this.budget.stopped(performance.now());
          this.reschedule();
          this.release();
          const { selection } = this.session.state;
          const keeps = this.loadingHold.stopPainted(performance.now(), selection?.frame ? `g${selection.goroutine} ${selection.frame.name}` : undefined);
          // In another function or goroutine the panes marked as the last stop's (the variables,
          // dimmed: their model takes the stop early too) paint with the stop line, so none shows
          // the last function's values under the new stack, even for the few ms of the next frame.
          // A pane drawn while the target ran (a step longer than the paint hold) paints with them
          // too, as its data for the stop loads: "The target is running" never shows under "stopped".
          const ran = this.loadingHold.drawnRunning().filter((id) => id.startsWith('pane:'));
          for (const id of ran) this.dirty.add(id);
          this.flush(keeps ? ['status', 'pane:source', 'pane:stack', ...ran] : undefined);
        },
        { early: true },
      ),
    );
    this.disposers.push(
      this.screen.onResize(() => {
        this.release();
        this.loadingHold.end();
        this.invalidateAll();
      }),
    );
    this.screen.enter();
    mark('compositor ready');
    // The first frame draws every line through a cold Ink (about 100 ms at 200x50): the status bar
    // and the command line go first, so the state shows at once; the panes follow in the next tick.
    this.flush(['status', 'command']);
    this.invalidate('*');
  }

  /** Rows the pane of `id` shows (a page for PgUp/PgDn). */
  pageSize(id: string): number {
    return this.shows(id) ? Math.max(1, this.paneSize(id).rows - 1) : 10;
  }

  /** Whether the pane of `id` is on the screen now (the bottom slot holds one pane at a time). */
  shows(id: string): boolean {
    // As the UI is now: a command that brought up a pane asks before the next paint lays it out.
    if (this.relayout()) this.invalidate('*');
    return this.regions.has(`pane:${id}`);
  }

  /** Rows and columns of text the pane of `id` shows inside its frame. */
  paneSize(id: string): { rows: number; width: number } {
    const r = this.regions.get(`pane:${id}`);
    return r ? { rows: Math.max(1, r.rect.height - 2), width: Math.max(1, r.rect.width - 2) } : { rows: 10, width: 78 };
  }

  pagerRows(): number {
    const r = this.regions.get('pager');
    return r ? Math.max(1, r.rect.height - 2) : 10;
  }

  /** The width the pager's text wraps to (what a search and a scroll count rows in). */
  pagerWidth(): number {
    const r = this.regions.get('pager');
    return r ? Math.max(1, r.rect.width - 2) : 78;
  }

  invalidate(id: string): void {
    if (this.stopped) return;
    // The command's echo and the console wait for the stop, as ever (see RUN_PAINT_HOLD_MS).
    if (id.startsWith('pane:') && id !== `pane:${consoleFeature.id}`) this.sinceStop.add(id);
    this.dirty.add(id);
    this.schedule();
  }

  /** Paints the whole screen again, at the terminal's size now (Ctrl-L, back from Ctrl-Z). */
  redraw(): void {
    this.screen.refreshSize();
    this.screen.clear();
    this.invalidateAll();
  }

  private invalidateAll(): void {
    this.layoutKey = '';
    this.invalidate('*');
  }

  /** Frames wait for the stop a run will likely soon make (see RUN_PAINT_HOLD_MS). */
  private hold(): void {
    this.holdUntil = performance.now() + RUN_PAINT_HOLD_MS;
    this.reschedule();
  }

  /** Ends a wait for a stop: what is scheduled paints now. */
  private release(): void {
    if (!this.holdUntil) return;
    this.holdUntil = 0;
    this.reschedule();
  }

  /** A frame already scheduled is scheduled again, under the hold as it is now. */
  private reschedule(): void {
    if (!this.scheduled) return;
    this.cancelScheduled();
    this.schedule();
  }

  private cancelScheduled(): void {
    clearTimeout(this.scheduled as NodeJS.Timeout);
    clearImmediate(this.scheduled as NodeJS.Immediate);
    this.scheduled = undefined;
  }

  private schedule(): void {
    if (this.scheduled) return;
    const now = performance.now();
    if (now < this.holdUntil) {
      this.scheduled = setTimeout(() => {
        this.holdUntil = 0;
        this.flush();
      }, this.holdUntil - now);
      return;
    }
    this.holdUntil = 0;
    const wait = this.budget.wait(now);
    this.scheduled = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  /** Draws what changed and paints it (only the regions named, when `only` is given). */
  flush(only?: readonly string[]): void {
    // A partial paint leaves the frame already scheduled for the rest.
    if (!only) this.scheduled = undefined;
    if (this.stopped) return;
    const started = performance.now();
    const all = this.relayout() || this.dirty.has('*');
    const held: string[] = [];
    let heldUntil = 0;
    const stopped = this.session.get().status === 'stopped';
    for (const [id, region] of this.regions) {
      if (only && !only.includes(id)) continue;
      if (!all && !this.dirty.has(id) && this.frames.has(id)) continue;
      const rows = region.rows();
      // A pane held keeps the frame it has, drawn for this layout (a new one paints every pane).
      const until = all || !sameRect(this.frames.get(id)?.rect, region.rect) ? undefined : this.loadingHold.holds(id, started);
      if (until === undefined) {
        this.frames.set(id, { rect: region.rect, lines: this.lines.lines(rows, region.rect.width) });
        this.loadingHold.drawn(id, stopped);
      } else {
        held.push(id);
        heldUntil = until;
      }
    }
    if (only) {
      for (const id of only) this.dirty.delete(id);
      // What this paint left out is painted next: all of it when the layout was new.
      if (all) this.dirty.add('*');
      if (this.dirty.size) this.schedule();
    } else this.dirty.clear();
    if (held.length) {
      for (const id of held) this.dirty.add(id);
      clearTimeout(this.loadingTimer);
      this.loadingTimer = setTimeout(() => this.schedule(), heldUntil - started);
    }
    const shown = new Map<string, Painted>();
    for (const [id, region] of this.regions) {
      const frame = this.frames.get(id);
      // A partial paint after a new layout leaves out the frames drawn for the old one.
      if (frame && sameRect(frame.rect, region.rect)) shown.set(id, frame);
    }
    this.screen.paint(shown);
    const ended = performance.now();
    this.budget.painted(ended, ended - started);
    this.onPaint?.();
    clearTimeout(this.warmTimer);
    if (this.likely.size) this.warmTimer = setTimeout(() => this.warm(), WARM_AFTER_MS);
  }

  /** Draws the panes' likely next rows into Ink's cache while nothing else waits to be painted. */
  private warm(): void {
    if (this.stopped || this.scheduled) return;
    // Cut and padded as frameRows does, so their runs are the ones the pane will show.
    for (const [id, { rows, width }] of this.likely) if (this.regions.has(`pane:${id}`)) this.lines.lines(rows.map((r) => fitRow(r, width)), width);
    this.likely.clear();
  }

  /** Works out the regions for the screen's size and the UI state; true when they changed. */
  private relayout(): boolean {
    const u = this.ui.get();
    const columns = this.screen.columns;
    const rows = this.screen.rows;
    const lastError = () => this.models.model(consoleFeature).get().lastError;
    const commandRows = grownCommandRows(columns, u, lastError())?.length ?? 1;
    const key = [columns, rows, u.bottom, u.zoomed ? u.focus : '', u.mode === 'pager' ? 'pager' : '', commandRows].join('|');
    if (key === this.layoutKey) return false;
    this.layoutKey = key;
    const layout = computeLayout(columns, rows, u.bottom !== 'console', commandRows);
    const next = new Map<string, Region>();
    if (layout.kind === 'too-small') {
      next.set('toosmall', { rect: layout.all, rows: () => tooSmallRows(layout.all, this.ui.get().question) });
    } else {
      if (u.mode === 'pager') {
        next.set('pager', { rect: layout.main, rows: () => pagerRows(layout.main, this.ui.get().pager ?? { title: '', lines: [], top: 0 }, this.session.state.status === 'stopped' ? this.session.state.stop?.number : undefined) });
      } else {
        FEATURES.forEach((f) => {
          const slot = f.slot === 'source' ? layout.slots.source : f.slot === 'bottom' ? (f.id === u.bottom ? layout.slots.bottom : undefined) : layout.slots[f.id as 'goroutines' | 'stack' | 'variables'];
          if (!slot) return;
          if (u.zoomed && f.id !== u.focus) return;
          const rect = u.zoomed ? layout.main : slot;
          next.set(`pane:${f.id}`, { rect, rows: () => this.paneRows(f, rect, paneKey(f)) });
        });
      }
      // In the pager the panes' keys do nothing: the command row lists the pager's own.
      const hints = () => {
        const { mode, focus } = this.ui.get();
        if (mode === 'pager') return [];
        const session = this.session.get();
        return keyHints(focus, !!session.readOnly, { session, focus, model: (f) => this.models.model(f) });
      };
      next.set('status', { rect: layout.status, rows: () => [statusRow(layout.status.width, this.session.get(), hints(), this.models.statusParts.map((p) => p.statusText()))] });
      next.set('command', {
        rect: layout.commandLine,
        rows: () => {
          const whole = grownCommandRows(layout.commandLine.width, this.ui.get(), lastError());
          if (whole && whole.length === layout.commandLine.height) return whole;
          return [commandRow(layout.commandLine.width, this.ui.get(), lastError(), this.shows(consoleFeature.id) ? undefined : paneKey(consoleFeature))];
        },
      });
    }
    const moved = [...this.regions].some(([id, r]) => !next.has(id) || !sameRect(next.get(id)!.rect, r.rect));
    if (moved) this.screen.clear();
    this.regions = next;
    // Each model hears how many rows its pane shows (a page), and whether it is on screen.
    for (const f of FEATURES) {
      const r = next.get(`pane:${f.id}`);
      const m = this.models.model(f) as { setViewport?(rows: number, width: number): void; setShown?(shown: boolean): void };
      if (r) m.setViewport?.(Math.max(1, r.rect.height - 2), Math.max(1, r.rect.width - 2));
      if (!!r !== this.shown.has(f.id)) {
        if (r) this.shown.add(f.id);
        else this.shown.delete(f.id);
        m.setShown?.(!!r);
      }
    }
    return true;
  }

  private paneRows(f: Feature, rect: Rect, index: string | undefined): Row[] {
    const focused = this.ui.get().focus === f.id;
    const view = f.view({ model: this.models.model(f), rect: { x: 0, y: 0, width: rect.width, height: rect.height }, focused, session: this.session.get(), stale: this.stale() });
    const inner = Math.max(0, rect.width - 2);
    if (view.likely?.length) this.likely.set(f.id, { rows: view.likely, width: inner });
    else this.likely.delete(f.id);
    this.loadingHold.note(`pane:${f.id}`, !!view.loading);
    return frameRows(view, rect, { title: f.title, focused, index });
  }

  /** The panes show data of an earlier stop: the target has been running a while, or is gone. */
  private stale(): boolean {
    const s = this.session.get().status;
    if (s === 'stopped' || s === 'connecting') return false;
    return s !== 'running' || performance.now() - this.runningSince >= STALE_AFTER_MS;
  }

  /** Stops painting; Ink's tree is unmounted. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.staleTimer);
    clearTimeout(this.warmTimer);
    clearTimeout(this.loadingTimer);
    this.cancelScheduled();
    for (const d of this.disposers.splice(0)) d();
    this.lines.dispose();
  }
}

function sameRect(a: Rect | undefined, b: Rect): boolean {
  return !!a && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
