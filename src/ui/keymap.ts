import type { SessionState, VarNode } from '../session/state.js';
import { PANES, type PaneId, type UiState } from './ui-state.js';
import { cmd, whenStopped } from './binding-helpers.js';
import { memoryBindings } from '../memory/bindings.js';
import { registerBindings } from '../registers/bindings.js';

/** What a binding may look at to build its command: the screen's state and the session's. */
export interface KeyContext {
  ui: UiState;
  session: SessionState;
  variables: VarNode[];
  /** Feature panes' cursor rows, by what they are: filled by the app, read by those panes' bindings. */
  features: {
    bpfEvent?: { goid?: number; func?: string };
    bpfProbes?: number[];
    bpfShown?: number;
    /** The goroutines pane: an open group, and the goroutine under its cursor. */
    /** The flags pane: the command Enter types for the row under the cursor. */
    flagRow?: string;
    groupOpen?: boolean;
    groupMember?: number;
  };
}

export type UiAction =
  | 'focus-next' | 'focus-prev' | `focus-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
  | 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom'
  | 'command-line' | 'help' | 'toggle-variable' | 'source-to-stop';

export interface Binding {
  keys: string[];
  /** Where it works: one pane, or everywhere. */
  pane: PaneId | 'global';
  description: string;
  /** A `:` command line built from the context (the same command objects the prompt runs)... */
  command?: (ctx: KeyContext) => string;
  /** ...or an action on the screen itself... */
  action?: UiAction;
  /** ...or the command prompt opened with this text, for the user to finish. */
  prompt?: (ctx: KeyContext) => string;
  /** Shown in the status bar's key hints. */
  hint?: string;
  /** Not echoed in the console: cursor movement that runs a command. */
  silent?: boolean;
  /** Why it does nothing here and now, if so: shown instead of a failed request. */
  disabledReason?: (ctx: KeyContext) => string | undefined;
}


export const KEYMAP: Binding[] = [
  // Execution: dlv letters and VS Code's function keys.
  { keys: ['F5', 'c'], pane: 'global', description: 'Continue', command: cmd('continue'), hint: 'c cont', disabledReason: whenStopped },
  { keys: ['F10', 'n'], pane: 'global', description: 'Next line (step over)', command: cmd('next'), hint: 'n next', disabledReason: whenStopped },
  { keys: ['F11', 's'], pane: 'global', description: 'Step into', command: cmd('step'), hint: 's step', disabledReason: whenStopped },
  { keys: ['S-F11', 'o'], pane: 'global', description: 'Step out', command: cmd('stepout'), hint: 'o out', disabledReason: whenStopped },
  { keys: ['F6', 'p', 'C-c'], pane: 'global', description: 'Pause the running target', command: cmd('pause'), hint: 'p pause', disabledReason: (ctx) => (ctx.session.status === 'running' ? undefined : `the target is ${ctx.session.status}`) },
  { keys: ['q'], pane: 'global', description: 'Quit (asks before leaving an attached target halted)', command: cmd('quit'), hint: 'q quit' },
  // Screen.
  { keys: [':'], pane: 'global', description: 'Command prompt (↑/↓ history, Tab completes)', action: 'command-line', hint: ': cmd' },
  { keys: ['?'], pane: 'global', description: 'This help', action: 'help', hint: '? help' },
  { keys: ['tab'], pane: 'global', description: 'Next pane', action: 'focus-next' },
  { keys: ['S-tab'], pane: 'global', description: 'Previous pane', action: 'focus-prev' },
  ...PANES.map((p, i): Binding => ({ keys: [String(i + 1)], pane: 'global', description: `${p.title} pane${p.bottom ? ' (in the bottom slot)' : ''}`, action: `focus-${i + 1}` as UiAction })),
  { keys: ['up', 'k'], pane: 'global', description: 'Move the cursor up', action: 'up' },
  { keys: ['down', 'j'], pane: 'global', description: 'Move the cursor down', action: 'down' },
  { keys: ['pgup', 'C-b'], pane: 'global', description: 'Page up', action: 'page-up' },
  { keys: ['pgdn', 'C-f'], pane: 'global', description: 'Page down', action: 'page-down' },
  { keys: ['home', 'g'], pane: 'global', description: 'First line', action: 'top' },
  { keys: ['end', 'G'], pane: 'global', description: 'Last line', action: 'bottom' },
  // Pane-specific.
  {
    keys: ['b', 'F9'],
    pane: 'source',
    description: 'Toggle a breakpoint on the cursor line',
    hint: 'b break',
    command: (ctx) => `toggle-break ${ctx.ui.sourceFile}:${ctx.ui.sourceCursor}`,
    disabledReason: (ctx) => (ctx.ui.sourceFile ? undefined : 'no source file is shown'),
  },
  { keys: ['.'], pane: 'source', description: 'Back to the stop line of the selected frame', action: 'source-to-stop' },
  {
    keys: ['enter'],
    pane: 'goroutines',
    description: 'Open the group; in an open group, select the goroutine (stack, source and variables follow)',
    command: (ctx) => (ctx.features.groupOpen ? `goroutine ${ctx.features.groupMember}` : 'gview expand'),
    disabledReason: (ctx) => (ctx.features.groupOpen ? (ctx.features.groupMember === undefined ? 'no goroutine under the cursor' : whenStopped(ctx)) : undefined),
  },
  { keys: ['esc', 'backspace', 'left', 'h'], pane: 'goroutines', description: 'Back from a group to the list of groups', command: cmd('gview collapse') },
  { keys: ['S'], pane: 'goroutines', description: 'Sort groups by count, growth since the last stop, or name', command: cmd('gview sort') },
  { keys: ['R'], pane: 'goroutines', description: 'Hide or show runtime goroutines', command: cmd('gview runtime') },
  { keys: ['/'], pane: 'goroutines', description: 'Search the groups by text', prompt: () => 'gview search ' },
  { keys: ['x'], pane: 'goroutines', description: 'Cancel loading (a long scan through a big group)', command: cmd('gview cancel') },
  {
    keys: ['.'],
    pane: 'goroutines',
    description: 'Select the goroutine that stopped (hit the breakpoint)',
    command: (ctx) => `goroutine ${ctx.session.stoppedThreadId}`,
    disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.session.stoppedThreadId === undefined ? 'no goroutine stopped' : undefined),
  },
  {
    keys: ['enter'],
    pane: 'stack',
    description: 'Select the frame (source and variables follow)',
    command: (ctx) => `frame ${ctx.ui.cursors.stack}`,
    disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.session.frames[ctx.ui.cursors.stack] ? undefined : 'no frame under the cursor'),
  },
  { keys: ['enter', 'space', ' ', 'right', 'l'], pane: 'variables', description: 'Expand or collapse; on "…more", load the next page', action: 'toggle-variable' },
  {
    keys: ['y'],
    pane: 'variables',
    description: 'Print the full value of the variable under the cursor in the console',
    command: (ctx) => `print ${ctx.variables[ctx.ui.cursors.variables]?.evaluateName}`,
    disabledReason: (ctx) => whenStopped(ctx) ?? (ctx.variables[ctx.ui.cursors.variables]?.evaluateName ? undefined : 'this row has no expression'),
  },
  // Flags pane: j/k move; Enter types the edit (or cancel) at the prompt for the user to finish.
  {
    keys: ['enter', 'e'],
    pane: 'flags',
    description: 'Edit the flag under the cursor (the prompt opens with its current value); on a pending edit, cancel it',
    prompt: (ctx) => ctx.features.flagRow ?? 'flags ',
  },
  {
    keys: ['x'],
    pane: 'flags',
    description: 'Cancel the pending edit under the cursor',
    command: (ctx) => ctx.features.flagRow ?? '',
    disabledReason: (ctx) => (ctx.features.flagRow?.startsWith('flag -cancel') ? undefined : 'the cursor is not on a pending edit'),
  },
  { keys: ['r'], pane: 'flags', description: 'Read the flags again', command: cmd('flags') },
  ...registerBindings,
  ...memoryBindings,
  // eBPF pane: j/k move through the events (the global cursor keys), the rest are :bpf commands.
  { keys: ['space', ' '], pane: 'bpf', description: 'Pause or resume the shown probe (paused: events still counted)', command: cmd('bpf pause') },
  { keys: ['/'], pane: 'bpf', description: 'Filter the shown probe\'s events by a regular expression', prompt: () => 'bpf filter ' },
  { keys: ['x'], pane: 'bpf', description: 'Stop the shown probe', command: cmd('bpf stop') },
  { keys: ['['], pane: 'bpf', description: 'Show the previous probe', command: (ctx) => `bpf show ${neighbour(ctx, -1)}` , disabledReason: (ctx) => (neighbour(ctx, -1) ? undefined : 'no other probe') },
  { keys: [']'], pane: 'bpf', description: 'Show the next probe', command: (ctx) => `bpf show ${neighbour(ctx, 1)}`, disabledReason: (ctx) => (neighbour(ctx, 1) ? undefined : 'no other probe') },
  {
    keys: ['enter'],
    pane: 'bpf',
    description: 'Show the selected event\'s goroutine (stack and source follow; the target must be stopped)',
    command: cmd('bpf goto'),
    disabledReason: (ctx) => (ctx.features.bpfEvent?.goid === undefined ? 'the selected event has no goroutine' : whenStopped(ctx)),
  },
  {
    keys: ['B'],
    pane: 'bpf',
    description: 'Break on the selected event\'s function, for its goroutine only',
    command: cmd('bpf break'),
    disabledReason: (ctx) => (ctx.features.bpfEvent?.func ? undefined : 'the selected event names no function'),
  },
];

function neighbour(ctx: KeyContext, delta: number): number | undefined {
  const ids = ctx.features.bpfProbes ?? [];
  const i = ids.indexOf(ctx.features.bpfShown ?? -1);
  return i < 0 ? undefined : ids[i + delta];
}

/** The binding for a key: the focused pane's first, then the global ones. */
export function findBinding(key: string, pane: PaneId): Binding | undefined {
  return KEYMAP.find((b) => b.pane === pane && b.keys.includes(key)) ?? KEYMAP.find((b) => b.pane === 'global' && b.keys.includes(key));
}

/** Help text generated from the keymap, grouped by where the keys work. */
export function keymapHelpLines(): string[] {
  const groups = new Map<string, Binding[]>();
  for (const b of KEYMAP) groups.set(b.pane, [...(groups.get(b.pane) ?? []), b]);
  const lines: string[] = [];
  const width = Math.max(...KEYMAP.map((b) => formatKeys(b.keys).length));
  for (const [pane, bindings] of groups) {
    lines.push(pane === 'global' ? 'Everywhere' : `In the ${pane} pane`);
    for (const b of bindings) lines.push(`  ${formatKeys(b.keys).padEnd(width)}  ${b.description}`);
    lines.push('');
  }
  return lines;
}

export function formatKeys(keys: string[]): string {
  return keys.filter((k) => k !== ' ').map((k) => (k === 'space' ? 'Space' : k.replace(/^S-/, 'Shift-').replace(/^C-/, 'Ctrl-'))).join(' ');
}
