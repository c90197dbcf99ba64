import type { Session } from '../session/session.js';
import { completeCommandLine, findCommand, splitCommandLine } from '../commands/registry.js';
import type { Completion } from '../commands/complete.js';
import { candidatesLine } from '../commands/complete-word.js';
import { describeError } from '../errors.js';
import { FEATURES } from '../features/index.js';
import type { Binding, KeyContext, UiAction } from '../features/types.js';
import type { Models } from '../features/host.js';
import type { Movable } from '../core/list-cursor.js';
import { findBinding, KEYMAP, whyNot } from './keymap.js';
import { runsAtOnce } from './command-queue.js';
import { focusPane, nextPane, pushHistory, type Pager, type UiStore } from './ui-state.js';
import { PAGER_CLOSE, pagerMove } from './pager-keys.js';
import { findMatchRow, pagerText, topAt } from './pager-text.js';

/** Keys that open a prompt or the help, or act on the terminal: never waiting behind a step. */
const AT_ONCE_ACTIONS = new Set<UiAction>(['command-line', 'help', 'suspend', 'redraw']);

/**
 * The key never waits behind lines on their way: it stops the target, leaves, opens a prompt or the
 * help. Not a prompt made from the state (`e` in memory: the cursor's address), which waits for the
 * lines before it, or it would be made from where they have not yet left it (trial AY: `l e` typed
 * together opened :set-memory at the byte before the cursor's).
 */
function actsAtOnce(binding: Binding, ctx: KeyContext): boolean {
  if (typeof binding.prompt === 'string') return true;
  if (binding.prompt) return false;
  if (binding.action) return AT_ONCE_ACTIONS.has(binding.action);
  try {
    return !!binding.command && runsAtOnce(binding.command(ctx));
  } catch {
    // A command made from the cursor (B at a line with no code) says why when the key acts.
    return false;
  }
}

export interface Dispatcher {
  /** Runs a command line through the registry (echoed in the console unless `echo` is false). */
  run(line: string, opts?: { echo?: boolean }): Promise<boolean>;
  /** Rows the focused pane shows (a page). */
  pageSize(pane: string): number;
  /** Rows the pager shows. */
  pagerRows(): number;
  /** The width the pager's text wraps to (what a search and a scroll count rows in). */
  pagerWidth(): number;
  /** Opens the help pager. */
  help(): void;
  /** Gives the terminal back to the shell until `fg` (Ctrl-Z). */
  suspend(): void;
  /** The terminal is too small for the screen: only q acts (the rest would act unseen). */
  tooSmall?(): boolean;
  /** Paints the whole screen again (Ctrl-L). */
  redraw(): void;
  /** The command line changed as it is typed (commands may show what they would find). */
  preview(line: string): void;
  /** Tab in a command's argument (a location, an expression): the completed line, or undefined when the command takes neither. */
  completeArgs?(line: string): Promise<Completion | undefined>;
  /** While lines typed before are on their way (a step waiting for its stop): `then` acts after them, in turn (true); otherwise false. */
  afterLines?(then: () => unknown, opts?: { untilStopped?: boolean }): boolean;
  /** While a line that may run the target is on its way: `then` is asked again once the target runs (true); otherwise false. */
  whenRunning?(then: () => void): boolean;
}

/** A typed line after an editing key (a character, Space, Backspace, Ctrl-U, Ctrl-W), as the prompt and the pager's search edit; undefined for any other key. */
function editedText(text: string, key: string): string | undefined {
  if (key === 'backspace') return [...text].slice(0, -1).join('');
  if (key === 'C-u') return '';
  if (key === 'C-w') return text.replace(/\S+\s*$/, '');
  if (key === 'space') return `${text} `;
  return [...key].length === 1 && key >= ' ' ? text + key : undefined;
}

function isMovable(m: object): m is Movable {
  return typeof (m as Movable).move === 'function';
}

/** Turns one decoded key into a UI change or a command line, by the keymap. No React here. */
export class KeyHandler {
  /** Questions a key was typed at that does not answer them (said once each). */
  private readonly unanswered = new WeakSet<object>();

  constructor(
    private readonly ui: UiStore,
    private readonly session: Session,
    private readonly models: Models,
    private readonly dispatch: Dispatcher,
  ) {}

  context(): KeyContext {
    return { session: this.session.state, model: (f) => this.models.model(f), focus: this.ui.get().focus };
  }

  /**
   * `alone` false: the key came among others in one read (pasted text), which never answers a
   * question; `waited`: it waited for lines typed before it (see afterLines).
   */
  handle(key: string, alone = true, waited = false): unknown {
    const s = this.ui.get();
    const anywhere = KEYMAP.find((b) => b.everywhere && b.keys.includes(key));
    if (anywhere?.action) return this.act(anywhere.action);
    if (s.question && !s.question.calm) return this.answer(key, alone);
    // Too small to show what a key does (trial AK: n stepped and a typed :print ran, unseen): q only,
    // whose question shows there, from whatever the screen was in.
    const small = this.dispatch.tooSmall?.() ?? false;
    if (small) {
      if (key !== 'q') return;
      if (s.mode !== 'normal') this.ui.update({ mode: 'normal', commandText: '', commandFixed: undefined });
    }
    if (s.mode === 'command' && !small) {
      // Esc typed just before another key arrives glued to it (as Alt-key): leave the prompt, then take the key.
      if (key.startsWith('M-') && key.length > 2) {
        this.editCommand('esc');
        return this.handle(key.slice(2));
      }
      return this.editCommand(key);
    }
    if (s.mode === 'pager' && !small) {
      // Esc then a key glued to it, as at the prompt (trial BD: Esc then `:goroutine 23` was lost).
      if (key.startsWith('M-') && key.length > 2) {
        this.scrollPager('esc');
        return this.handle(key.slice(2));
      }
      return this.scrollPager(key);
    }
    const binding = findBinding(key, s.focus);
    // Esc then a key arriving glued (as Alt-key) where no Alt binding exists: Esc, then the key (`:` opens the prompt).
    if (!binding && key.startsWith('M-') && key.length > 2) {
      this.handle('esc');
      return this.handle(key.slice(2));
    }
    if (!binding) {
      if (!key.startsWith('unknown:')) this.ui.update({ flash: `${key} does nothing here: ? lists the keys.` });
      return;
    }
    const ctx = this.context();
    const why = whyNot(binding, ctx);
    // What stops the target or leaves acts at once, and so do prompts (`:`: the line waits when it is
    // entered) and the help; `p` typed with a step (`n p`) is asked again once the step runs, and pauses it.
    const atOnce = actsAtOnce(binding, ctx);
    if (atOnce && why && this.dispatch.whenRunning?.(() => this.handle(key))) return;
    // Pressed while lines typed before it are on their way (n held down, `n j j` typed fast): the key
    // waits, as a line typed ahead does, and acts from where they leave the target (is asked again then).
    if (!atOnce && this.dispatch.afterLines?.(() => this.handle(key, alone, true), { untilStopped: runsTarget(binding, ctx) })) return;
    if (why) {
      const said = `${binding.doing?.(ctx) ?? binding.description}: not now, ${why}.`;
      this.ui.update({ flash: said });
      // Typed a while ago, behind other lines: a flash is easily missed (trial V lost a step unseen).
      if (waited) this.session.log(`${key} (typed while the lines before it ran): ${said}`, 'warning');
      return;
    }
    if (s.flash) this.ui.update({ flash: undefined });
    if (binding.command) return this.dispatch.run(binding.command(ctx), { echo: !binding.silent });
    else if (typeof binding.prompt === 'string') this.ui.update({ mode: 'command', commandText: binding.prompt, commandFixed: binding.prompt });
    else if (binding.prompt) this.ui.update({ mode: 'command', commandText: binding.prompt(ctx), commandFixed: undefined });
    else if (binding.action) this.act(binding.action);
  }

  private answer(key: string, alone: boolean): void {
    const q = this.ui.get().question!;
    // Ctrl-C cancels a question as Esc does (as at a shell's prompt); it pauses only outside one.
    if (key === 'esc' || key === 'C-c') {
      // The console holds what led to the question (`> quit`, why it asks): it says it ended in nothing.
      this.session.log(`Cancelled, nothing done: ${q.text.replace(/:$/, '')}`, 'info');
      return this.ui.update({ question: undefined });
    }
    // A `y` inside pasted text must not confirm a memory write.
    const choice = alone ? q.choices.find((c) => c.key === key) : undefined;
    if (!choice) {
      // Said once a question, in the console (the command row holds the question): trial AA typed three lines unseen.
      if (!this.unanswered.has(q)) this.session.log(`${alone ? `${key} is` : 'Text typed in one go is'} not an answer to "${q.text}": ${q.choices.map((c) => `${c.key} ${c.label}`).join(', ')}, Esc cancels. Keys typed until then are dropped.`, 'warning');
      this.unanswered.add(q);
      return;
    }
    this.ui.update({ question: undefined });
    void this.dispatch.run(choice.command);
  }

  private editCommand(key: string): void {
    const before = this.ui.get().commandText;
    this.editLine(key);
    let after = this.ui.get();
    // What Tab listed was for the line as it was.
    if (key !== 'tab' && after.flash && after.commandText !== before) {
      this.ui.update({ flash: undefined });
      after = this.ui.get();
    }
    if (after.mode === 'command' && after.commandText !== before) this.dispatch.preview(after.commandText);
  }

  private editLine(key: string): void {
    const s = this.ui.get();
    // A key's prompt (`/` opens `bpf filter `) keeps its own words: Ctrl-U after them must not
    // turn what is typed next into a command (`goroutine 1`).
    const fixed = s.commandFixed && s.commandText.startsWith(s.commandFixed) ? s.commandFixed : '';
    // Ctrl-C drops the line, as at a shell's or gdb's prompt (it pauses the target only outside the prompt).
    if (key === 'esc' || key === 'C-c' || (key === 'backspace' && s.commandText === fixed)) return this.ui.update({ mode: 'normal', commandText: '', commandFixed: undefined, historyIndex: -1, flash: undefined });
    if (key === 'enter') {
      const line = s.commandText;
      this.ui.update({ mode: 'normal', commandText: '', commandFixed: undefined, history: pushHistory(s.history, line), historyIndex: -1, flash: undefined });
      if (line.trim()) void this.dispatch.run(line);
      return;
    }
    // The prompt shows its ':' already: one typed first (after Ctrl-U, out of habit) is not doubled into `::br` (trial CH).
    if (key === ':' && s.commandText === '') return;
    const edited = editedText(s.commandText.slice(fixed.length), key);
    if (edited !== undefined) return this.ui.update({ commandText: fixed + edited });
    if (key === 'up' || key === 'down') {
      if (!s.history.length) return;
      let i = s.historyIndex < 0 ? s.history.length : s.historyIndex;
      i = key === 'up' ? Math.max(0, i - 1) : i + 1;
      // A line from the history is the user's whole: nothing of it is fixed.
      if (i >= s.history.length) return this.ui.update({ historyIndex: -1, commandText: '', commandFixed: undefined });
      return this.ui.update({ historyIndex: i, commandText: s.history[i]!, commandFixed: undefined });
    }
    if (key === 'tab') {
      const { text, candidates } = completeCommandLine(s.commandText);
      if (text !== s.commandText || candidates.length || !this.dispatch.completeArgs) return this.ui.update({ commandText: text, flash: candidates.length > 1 ? candidatesLine(candidates) : undefined });
      void this.completeArgs(s.commandText);
    }
  }

  /** Tab in a command's argument: Delve is asked (once) for names; the line changes only if it has not meanwhile. */
  private async completeArgs(line: string): Promise<void> {
    let flash: string | undefined;
    let text = line;
    try {
      const c = await this.dispatch.completeArgs!(line);
      if (!c) return;
      text = c.text;
      if (c.total > 1) flash = candidatesLine(c.candidates);
      else if (!c.total) flash = 'Nothing to complete there.';
    } catch (err) {
      flash = describeError(err);
    }
    const s = this.ui.get();
    if (s.mode !== 'command' || s.commandText !== line) return;
    this.ui.update({ commandText: text, flash });
  }

  private scrollPager(key: string): void {
    const p = this.ui.get().pager;
    if (!p) return this.ui.update({ mode: 'normal' });
    if (p.typing !== undefined) return this.typeSearch(p, key);
    const move = pagerMove(key);
    if (move === 'close') return this.ui.update({ mode: 'normal', pager: undefined, flash: undefined });
    if (move === 'prompt') return this.ui.update({ mode: 'command', pager: undefined, commandText: '', commandFixed: undefined, flash: undefined });
    if (move === undefined) {
      // A key the pager does not take (s to step, say) is not lost without a word.
      if (!key.startsWith('unknown:')) this.ui.update({ flash: `${key} does nothing in the pager: ${PAGER_CLOSE} closes it first.` });
      return;
    }
    if (move === 'search') return this.ui.update({ pager: { ...p, typing: '' }, flash: undefined });
    if (move === 'next' || move === 'previous') {
      if (!p.query) return this.ui.update({ flash: 'No search yet: / searches the text.' });
      return this.findInPager(p, p.query, move === 'next' ? 1 : -1);
    }
    const page = Math.max(1, this.dispatch.pagerRows() - 1);
    const width = this.dispatch.pagerWidth();
    const top = move === 'top' ? 0 : move === 'bottom' ? Number.MAX_SAFE_INTEGER : Math.max(0, topAt(p, width) + (move === 'page' ? page : move === '-page' ? -page : move));
    this.ui.update({ pager: { ...p, top, width }, flash: undefined });
  }

  /** The search typed after `/` in the pager: Enter looks from the top row on, Esc gives it up. */
  private typeSearch(p: Pager, key: string): void {
    const typing = p.typing ?? '';
    if (key === 'esc' || key === 'C-c' || (key === 'backspace' && !typing)) return this.ui.update({ pager: { ...p, typing: undefined } });
    if (key === 'enter') {
      // Enter alone searches again for the last, past the top row, as less does.
      const query = typing || p.query;
      if (!query) return this.ui.update({ pager: { ...p, typing: undefined }, flash: 'No search yet: type the text after /, then Enter.' });
      return this.findInPager({ ...p, typing: undefined, query }, query, 1, typing ? 0 : 1);
    }
    const edited = editedText(typing, key);
    if (edited !== undefined) this.ui.update({ pager: { ...p, typing: edited } });
  }

  /**
   * The pager's top row moved to the next row where `query` starts (a match may run on into the
   * next row; round the end), or why not.
   */
  private findInPager(p: Pager, query: string, step: 1 | -1, skip = 1): void {
    const width = this.dispatch.pagerWidth();
    const text = pagerText(p, width);
    const rows = text.rows.length;
    // Its top as set (drawn, it is kept within the text), so n goes on past matches on the last page.
    const at = Math.min(topAt(p, width), Math.max(0, rows - 1));
    const found = findMatchRow(text, query, at + step * skip, step) ?? findMatchRow(text, query, step === 1 ? 0 : rows - 1, step);
    if (found === undefined) return this.ui.update({ pager: p, flash: `Not found: ${query}` });
    const wrapped = step === 1 ? found < at + skip : found > at - skip;
    const flash = found === at && skip ? `No other row holds it: ${query}` : wrapped && found !== at ? `Search went round the ${step === 1 ? 'end' : 'start'}: ${query}` : undefined;
    this.ui.update({ pager: { ...p, top: found, width }, flash });
  }

  private act(action: UiAction): void {
    const s = this.ui.get();
    switch (action) {
      case 'focus-next':
        return this.ui.update({ focus: nextPane(s.focus, s.bottom, 1) });
      case 'focus-prev':
        return this.ui.update({ focus: nextPane(s.focus, s.bottom, -1) });
      case 'command-line':
        return this.ui.update({ mode: 'command', commandText: '', commandFixed: undefined });
      case 'help':
        return this.dispatch.help();
      case 'zoom':
        return this.ui.update({ zoomed: !s.zoomed });
      case 'suspend':
        return this.dispatch.suspend();
      case 'redraw':
        return this.dispatch.redraw();
      case 'up':
        return this.move(-1);
      case 'down':
        return this.move(1);
      case 'page-up':
        return this.move(-this.dispatch.pageSize(s.focus));
      case 'page-down':
        return this.move(this.dispatch.pageSize(s.focus));
      case 'top':
        return this.move(-Infinity);
      case 'bottom':
        return this.move(Infinity);
      default: {
        const n = /^focus-(\d+)$/.exec(action);
        const f = n ? FEATURES[Number(n[1]) - 1] : undefined;
        if (f) this.ui.update(focusPane(f.id));
      }
    }
  }

  /** Moves the focused pane's cursor (each list model keeps its own). */
  private move(delta: number): void {
    const f = FEATURES.find((x) => x.id === this.ui.get().focus);
    const m = f && this.models.model(f);
    if (m && isMovable(m)) m.move(delta);
  }
}

/** Whether the key's command runs the target until a stop of its own (n, s, o, c: see Command.ownStop). */
function runsTarget(binding: Binding, ctx: KeyContext): boolean {
  return !!binding.command && !!findCommand(splitCommandLine(binding.command(ctx)).name)?.ownStop;
}
