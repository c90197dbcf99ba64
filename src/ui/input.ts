import type { Store } from '../session/store.js';
import type { Session } from '../session/session.js';
import { allCommands } from '../commands/registry.js';
import { loadSource } from '../source/files.js';
import { findBinding, type KeyContext, type UiAction } from './keymap.js';
import { focusPane, nextPane, PANES, pushHistory, type PaneId, type UiState } from './ui-state.js';

export interface Dispatcher {
  /** Runs a command line through the registry (echoed in the console unless `echo` is false). */
  run(line: string, opts?: { echo?: boolean }): Promise<boolean>;
  /** Rows a page moves in the focused pane. */
  pageSize(pane: PaneId): number;
  /** Cursor movement of panes that keep their cursor in their own store (eBPF, flags...). */
  move?(pane: PaneId, delta: number): boolean;
  /** What feature panes add to a key's context (the flag or event under the cursor...). */
  features?: KeyContext['features'];
}

/** Turns one decoded key into a UI change or a command, by the keymap. No React here. */
export class KeyHandler {
  constructor(
    private readonly ui: Store<UiState>,
    private readonly session: Session,
    private readonly dispatch: Dispatcher,
  ) {}

  context(): KeyContext {
    return { ui: this.ui.get(), session: this.session.state, variables: this.session.visibleVariables(), features: this.dispatch.features ?? {} };
  }

  handle(key: string): void {
    const s = this.ui.get();
    const prompt = this.session.state.prompt;
    if (prompt) return this.answerPrompt(key);
    if (s.mode === 'command') {
      // Esc typed just before another key arrives glued to it (as Alt-key): leave the prompt, then take the key.
      if (key.startsWith('M-') && key.length > 2) {
        this.editCommand('esc');
        return this.handle(key.slice(2));
      }
      return this.editCommand(key);
    }
    if (s.mode === 'help') return this.scrollHelp(key);
    const binding = findBinding(key, s.focus);
    if (!binding) {
      if (!key.startsWith('unknown:')) this.ui.update({ flash: `${key} does nothing here: ? lists the keys.` });
      return;
    }
    const ctx = this.context();
    const why = binding.disabledReason?.(ctx);
    if (why) {
      this.ui.update({ flash: `${binding.description}: not now, ${why}.` });
      return;
    }
    this.ui.update({ flash: undefined });
    if (binding.command) void this.dispatch.run(binding.command(ctx), { echo: !binding.silent });
    else if (binding.prompt) this.ui.update({ mode: 'command', commandText: binding.prompt(ctx) });
    else if (binding.action) this.act(binding.action);
  }

  private answerPrompt(key: string): void {
    const prompt = this.session.state.prompt!;
    if (key === 'esc') {
      this.session.store.update({ prompt: undefined });
      return;
    }
    const choice = prompt.choices.find((c) => c.key === key);
    if (!choice) return;
    this.session.store.update({ prompt: undefined });
    void this.dispatch.run(choice.command);
  }

  private editCommand(key: string): void {
    const s = this.ui.get();
    if (key === 'esc' || (key === 'backspace' && !s.commandText)) return this.ui.update({ mode: 'normal', commandText: '', historyIndex: -1 });
    if (key === 'enter') {
      const line = s.commandText;
      this.ui.update({ mode: 'normal', commandText: '', history: pushHistory(s.history, line), historyIndex: -1 });
      if (line.trim()) void this.dispatch.run(line);
      return;
    }
    if (key === 'backspace') return this.ui.update({ commandText: s.commandText.slice(0, -1) });
    if (key === 'C-u') return this.ui.update({ commandText: '' });
    if (key === 'up' || key === 'down') {
      if (!s.history.length) return;
      let i = s.historyIndex < 0 ? s.history.length : s.historyIndex;
      i = key === 'up' ? Math.max(0, i - 1) : i + 1;
      if (i >= s.history.length) return this.ui.update({ historyIndex: -1, commandText: '' });
      return this.ui.update({ historyIndex: i, commandText: s.history[i]! });
    }
    if (key === 'tab') return this.ui.update({ commandText: completeCommand(s.commandText) });
    if (key === 'space') return this.ui.update({ commandText: s.commandText + ' ' });
    if ([...key].length === 1) this.ui.update({ commandText: s.commandText + key });
  }

  private scrollHelp(key: string): void {
    const s = this.ui.get();
    if (key === 'down' || key === 'j') this.ui.update({ helpTop: s.helpTop + 1 });
    else if (key === 'up' || key === 'k') this.ui.update({ helpTop: Math.max(0, s.helpTop - 1) });
    else if (key === 'pgdn' || key === ' ') this.ui.update({ helpTop: s.helpTop + 10 });
    else if (key === 'pgup') this.ui.update({ helpTop: Math.max(0, s.helpTop - 10) });
    else this.ui.update({ mode: 'normal', helpTop: 0 });
  }

  private act(action: UiAction): void {
    const s = this.ui.get();
    switch (action) {
      case 'focus-next':
        return this.ui.update({ focus: nextPane(s.focus, s.bottom, 1) });
      case 'focus-prev':
        return this.ui.update({ focus: nextPane(s.focus, s.bottom, -1) });
      case 'command-line':
        return this.ui.update({ mode: 'command', commandText: '' });
      case 'help':
        return this.ui.update({ mode: 'help', helpTop: 0 });
      case 'toggle-variable': {
        const node = this.session.visibleVariables()[s.cursors.variables];
        if (node) void this.session.toggleVariable(node.key).catch((err) => this.session.log(String(err?.message ?? err), 'error'));
        return;
      }
      case 'source-to-stop': {
        const f = this.session.currentFrame();
        if (f?.file) this.ui.update({ sourceFile: f.file, sourceCursor: f.line });
        return;
      }
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
        const n = /^focus-(\d)$/.exec(action);
        if (n) this.ui.update(focusPane(PANES[Number(n[1]) - 1]!.id));
      }
    }
  }

  /** Moves the focused pane's cursor, clamped to its rows. */
  private move(delta: number): void {
    const s = this.ui.get();
    if (this.dispatch.move?.(s.focus, delta)) return;
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
    switch (s.focus) {
      case 'source': {
        const total = s.sourceFile ? loadSource(s.sourceFile).lines.length : 0;
        this.ui.update({ sourceCursor: clamp(s.sourceCursor - 1 + delta, Math.max(0, total - 1)) + 1 });
        return;
      }
      case 'console': {
        // The console scrolls back from its end; "down" moves towards the newest line.
        const total = this.session.state.console.length;
        this.ui.update({ consoleBack: clamp(s.consoleBack - delta, Math.max(0, total - 1)) });
        return;
      }
      case 'stack':
      case 'variables': {
        const total = this.rowCount(s.focus);
        this.ui.update({ cursors: { ...s.cursors, [s.focus]: clamp(s.cursors[s.focus] + delta, Math.max(0, total - 1)) } });
        return;
      }
    }
  }

  private rowCount(pane: 'stack' | 'variables'): number {
    const st = this.session.state;
    if (pane === 'stack') return st.frames.length;
    return this.session.visibleVariables().length;
  }
}

/** Completes the command name being typed when exactly one command starts with it. */
export function completeCommand(text: string): string {
  if (/\s/.test(text.trim()) || !text.trim()) return text;
  const names = allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])]).filter((n) => n.startsWith(text.trim()) && !n.includes(' '));
  if (names.length === 1) return `${names[0]} `;
  let prefix = names[0] ?? text;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length > text.trim().length ? prefix : text;
}
