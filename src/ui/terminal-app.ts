import type { AppController } from '../app/controller.js';
import { commandHelpLines } from '../commands/registry.js';
import { describeError } from '../errors.js';
import { CommandQueue } from './command-queue.js';
import { Compositor } from './compositor.js';
import { wrappedRows } from '../console/view.js';
import { KeyHandler } from './input.js';
import { helpHeading, keymapHelpLines } from './keymap.js';
import { KeyReader } from './keys.js';
import { Screen } from './screen.js';
import { focusPane, QUESTION_CALM_MS, UiStore } from './ui-state.js';
import { findFeature } from '../features/index.js';
import { clean, fits, type TableHang } from '../core/text.js';
import { questionKeys } from './chrome.js';
import { wrapPager } from './pager-text.js';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';

/**
 * The interactive front end: the terminal in raw mode, keys to commands, the compositor painting
 * the panes. Everything it shows comes from the session and the feature models.
 */
export class TerminalApp {
  readonly ui = new UiStore();
  readonly screen: Screen;
  readonly compositor: Compositor;
  readonly keys: KeyHandler;
  private readonly reader: KeyReader;
  private readonly onData = (chunk: Buffer | string) => this.reader.feed(chunk.toString());
  private readonly onInputLost = () => this.screen.lost();
  private closed = false;
  private readonly offStop: () => void;

  constructor(
    private readonly app: AppController,
    private readonly input: NodeJS.ReadStream = process.stdin,
    output: NodeJS.WriteStream = process.stdout,
  ) {
    this.screen = new Screen(output);
    this.compositor = new Compositor(this.screen, this.ui, app.session, app.models);
    const queue = new CommandQueue(app.session, (line, opts) => app.run(line, opts));
    this.keys = new KeyHandler(this.ui, app.session, app.models, {
      run: (line, opts) => queue.submit(line, opts),
      afterLines: (then, opts) => queue.afterLines(then, opts),
      whenRunning: (then) => queue.whenRunning(then),
      completeArgs: (line) => app.completeArgs(line),
      preview: (line) => app.preview(line),
      pageSize: (pane) => this.compositor.pageSize(pane),
      pagerRows: () => this.compositor.pagerRows(),
      pagerWidth: () => this.compositor.pagerWidth(),
      suspend: () => this.suspend(),
      tooSmall: () => this.screen.columns < MIN_COLUMNS || this.screen.rows < MIN_ROWS,
      redraw: () => this.compositor.redraw(),
      // Opened at the focused pane's keys: what the user is likely asking about.
      help: () => {
        const lines = [...keymapHelpLines(), 'Commands (type : first; :help CMD explains one)', '', ...commandHelpLines()];
        const at = lines.indexOf(helpHeading(this.ui.get().focus));
        this.page('gotui help', lines.join('\n'), false, at > 0 ? at : undefined);
      },
    });
    this.reader = new KeyReader((key, alone) => {
      if (this.ui.get().wholeError) this.ui.update({ wholeError: undefined });
      try {
        this.keys.handle(key, alone);
      } catch (err) {
        app.session.log(describeError(err), 'error');
      }
    });
    // Why a key did nothing was about the stop it was pressed at: a new stop clears it.
    const unflash = () => {
      if (this.ui.get().flash || this.ui.get().wholeError) this.ui.update({ flash: undefined, wholeError: undefined });
    };
    // An error whose hint the command row would cut is shown whole there, the row grown for it, until
    // the next key (trial CH: at 80x24 `No code at main.go:3: … Use file.go:LINE, …`, the rest in a 44x6 console).
    const offError = app.session.events.on('message', (e) => {
      if (e.kind === 'error') this.ui.update({ wholeError: e.text.split('\n')[0] });
    });
    const offStop = app.session.events.on('stop', unflash);
    // So was a reason about who drives: the wheel handed over, it is stale (`not now, alice drives`).
    const offBlocked = app.session.events.on('restricted', unflash);
    // And one about the link: attached again, `not now, the target is connecting` is over (trial L).
    const offConnected = app.session.events.on('connected', unflash);
    // And what was said before the link dropped or the program ended is of before (trial BS: `Probe #1 … attached;
    // the target keeps running.` under `disconnected · retry 3`).
    const offEnded = app.session.events.on('ended', unflash);
    this.offStop = () => {
      offStop();
      offBlocked();
      offConnected();
      offEnded();
      offError();
    };
    app.front = {
      focus: (pane) => {
        if (findFeature(pane)) this.ui.update(focusPane(pane));
      },
      page: (title, text, at) => this.page(title, text, true, at),
      ask: (text, choices, opts) => {
        // The command row keeps the keys and cuts the question: the whole of it goes to the console, wrapped.
        if (!fits(text, this.screen.columns - questionKeys(choices).length)) app.session.log(text, 'warning');
        const question = { text, choices, ...(opts?.unasked ? { calm: true } : {}) };
        this.ui.update({ question });
        if (question.calm) setTimeout(() => this.ui.get().question === question && this.ui.update({ question: { text, choices } }), QUESTION_CALM_MS).unref();
      },
      withdraw: (text) => {
        if (this.ui.get().question?.text !== text) return false;
        this.ui.update({ question: undefined });
        return true;
      },
      // Output longer than the console pane, as it wraps there, goes to the pager. While the console
      // is not on the screen (another pane holds the bottom slot, or one is zoomed) a line that fits
      // the command row goes there, as a `:print` result in gdb's TUI; longer output to the pager.
      overflow: (title, text, opts = {}) => {
        if (this.compositor.shows('console')) {
          const { rows, width } = this.compositor.paneSize('console');
          if (wrappedRows(text.split('\n').map((t) => ({ text: t, kind: 'result' })), width) <= Math.max(3, rows)) return;
        } else {
          // A few lines may have a one-line form (`:regs rsp rip`): it goes there when it fits.
          const row = opts.row ?? text;
          // A trailing note (`  (* changed)`) gives way before the row goes to the pager (CI: two changed registers at 80x24).
          const fitting = [row, row.replace(/ {2}\([^()]*\)$/, '')].find((r) => !r.includes('\n') && fits(clean(r), this.screen.columns));
          if (fitting) return this.ui.update({ flash: { result: fitting } });
        }
        this.page(title, text, true, opts.at, opts.hang);
      },
      echo: (text, kind) => {
        if (!this.compositor.shows('console')) this.ui.update({ flash: { result: text, ...(kind === 'warning' ? { warning: true } : {}) } });
      },
    };
  }

  /** `ofStop`: what the text says is the target's at this stop (not help); `at`: a line to open at (the line before it on top). */
  private page(title: string, text: string, ofStop = true, at?: number, hang?: TableHang): void {
    const stop = ofStop && this.app.session.state.status === 'stopped' ? this.app.session.state.stop?.number : undefined;
    const lines = text.split('\n');
    // The pager wraps its lines (in the main area's frame): the top counted in the rows they wrap to,
    // at a line's start (a wrapped line's tail alone on top reads as a fragment).
    const width = Math.max(1, this.screen.columns - 2);
    const top = at === undefined ? 0 : (wrapPager(lines, width, hang).firstRow[Math.min(lines.length, Math.max(0, at - 1))] ?? 0);
    this.ui.update({ mode: 'pager', pager: { title, lines, top, width, ...(stop !== undefined ? { stop } : {}), ...(hang ? { hang } : {}) } });
  }

  async start(): Promise<void> {
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.on('data', this.onData);
    // An idle screen writes nothing: a vanished terminal shows first as the end of its input.
    this.input.once('end', this.onInputLost);
    this.input.once('error', this.onInputLost);
    this.input.resume();
    this.compositor.start();
  }

  /**
   * Ctrl-Z: the terminal given back and gotui's process group stopped, as vim does (under `npm run`
   * the shell's job is npm's group, which must stop with it); `fg` continues here. Delve and its
   * target are in sessions of their own and go on as they were. Without a shell's job control
   * (an orphaned group) the kernel drops the signal and gotui just comes back.
   */
  private suspend(): void {
    if (!this.input.isTTY) return this.ui.update({ flash: 'Ctrl-Z: not in a terminal, nothing to suspend to.' });
    if (this.screen.isGone) return;
    this.screen.leave();
    this.input.setRawMode(false);
    const st = this.app.session.state;
    // gotui reads the output of a program it started: a program that writes waits on a full pipe until fg.
    const writes = this.app.conn.server ? ' (its output comes through gotui: a program that writes much blocks until fg)' : '';
    const target = st.status === 'stopped' ? ' The target stays halted.' : st.status === 'running' ? ` The target keeps running${writes}; a stop it makes meanwhile shows when you are back.` : '';
    this.screen.note(`gotui is suspended: fg brings it back.${target}\n`);
    this.app.pair?.away(true);
    try {
      process.kill(0, 'SIGTSTP');
    } catch {
      // no job control on this platform
    }
    this.app.pair?.away(false);
    this.input.setRawMode(true);
    this.screen.enter();
    this.compositor.redraw();
  }

  /** Stops painting and gives the terminal back (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.offStop();
    this.reader.dispose();
    this.input.off('data', this.onData);
    this.input.off('end', this.onInputLost);
    this.input.off('error', this.onInputLost);
    this.compositor.stop();
    this.screen.leave();
    try {
      if (this.input.isTTY) this.input.setRawMode(false);
    } catch {
      // the terminal may be gone
    }
    this.input.pause();
  }
}
