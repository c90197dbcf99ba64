import { FEATURES } from '../features/index.js';
import { pairBindings } from '../pair/commands.js';
import { cmd, whenDriving, whenRunning, type Binding, type Feature, type KeyContext, type UiAction } from '../features/types.js';

/** The key a pane's title shows (it focuses the pane): its place in the list, past nine its own. */
export function paneKey(f: Feature): string | undefined {
  const i = FEATURES.indexOf(f);
  return i < 9 ? String(i + 1) : f.key;
}

export type BoundKey = Binding & { pane: string };

/** Keys that work everywhere: run control as dlv and VS Code spell it, and moving around the screen. */
export const GLOBAL_BINDINGS: Binding[] = [
  { keys: ['F5', 'c'], description: 'Continue', command: cmd('continue'), hint: 'c cont', disabledReason: whenDriving, changes: true },
  { keys: ['F10', 'n'], description: 'Next line (step over)', command: cmd('next'), hint: 'n next', disabledReason: whenDriving, changes: true },
  { keys: ['F11', 's'], description: 'Step into', command: cmd('step'), hint: 's step', disabledReason: whenDriving, changes: true },
  { keys: ['S-F11', 'o'], description: 'Step out', command: cmd('stepout'), hint: 'o out', disabledReason: whenDriving, changes: true },
  { keys: ['F6', 'p'], description: 'Pause the running target', command: cmd('pause'), hint: 'p pause', disabledReason: whenRunning, changes: true },
  // Pressed at a stop, Ctrl-C is most often a way out: its refusal says where that is (trial CH).
  { keys: ['C-c'], description: 'Pause the running target, as p (at a stop it says q quits gotui)', command: cmd('pause'), disabledReason: (ctx) => { const why = whenRunning(ctx); return why && ctx.session.status === 'stopped' ? `${why}; q quits gotui` : why; }, doing: () => 'Pause the running target', changes: true },
  { keys: ['q'], description: 'Quit (removes gotui\'s breakpoints; asks before leaving an attached target halted, unless other gotuis are on it)', command: cmd('quit'), hint: 'q quit' },
  { keys: [':'], description: 'Command prompt (↑/↓ history; Tab completes commands, functions, files and variables)', action: 'command-line', hint: ': cmd' },
  { keys: ['?'], description: 'This help (Esc closes)', action: 'help', hint: '? help' },
  { keys: ['z'], description: 'Zoom the focused pane to the whole screen, and back', action: 'zoom' },
  { keys: ['C-z'], description: 'Suspend gotui to the shell (fg brings it back; Delve and the target go on as they are)', action: 'suspend', everywhere: true },
  { keys: ['C-l'], description: 'Redraw the screen', action: 'redraw', everywhere: true },
  ...pairBindings,
  { keys: ['tab'], description: 'Next pane', action: 'focus-next' },
  { keys: ['S-tab'], description: 'Previous pane', action: 'focus-prev' },
  ...FEATURES.map((f, i): Binding => ({ keys: [...(i < 9 ? [String(i + 1)] : []), ...(f.key ? [f.key] : [])], description: `${f.title} pane${f.slot === 'bottom' ? ' (in the bottom slot)' : ''}`, action: `focus-${i + 1}` as UiAction })),
  { keys: ['up', 'k'], description: 'Move the cursor up', action: 'up' },
  { keys: ['down', 'j'], description: 'Move the cursor down', action: 'down' },
  { keys: ['pgup', 'C-b'], description: 'Page up', action: 'page-up' },
  { keys: ['pgdn', 'C-f'], description: 'Page down', action: 'page-down' },
  { keys: ['home', 'g'], description: 'First line', action: 'top' },
  { keys: ['end', 'G'], description: 'Last line', action: 'bottom' },
];

export const KEYMAP: readonly BoundKey[] = [...GLOBAL_BINDINGS.map((b) => ({ ...b, pane: 'global' })), ...FEATURES.flatMap((f) => f.bindings.map((b) => ({ ...b, pane: b.pane ?? f.id })))];

/** The binding for a key: the focused pane's first, then the global ones. */
export function findBinding(key: string, pane: string): BoundKey | undefined {
  return KEYMAP.find((b) => b.pane === pane && b.keys.includes(key)) ?? KEYMAP.find((b) => b.pane === 'global' && b.keys.includes(key));
}

/** Why a key does nothing here and now: its own reason, or, in a core file, that it would change the target. */
export function whyNot(b: Binding, ctx: KeyContext): string | undefined {
  // A core file is a snapshot: nothing a key would change in it (a breakpoint, a value, a flag) can be.
  if (b.changes && ctx.session.postMortem) return 'this is a core file: nothing runs';
  // A --follow viewer is refused before a prompt or a question, not after (trial AA: `e` asked to write memory first).
  if (b.changes && ctx.session.readOnly) return ctx.session.readOnly;
  return b.disabledReason?.(ctx);
}

/**
 * The status bar's hints: run control, the focused pane's keys, then the other global ones; a read-only viewer's leave
 * out what changes the target, and with `ctx` the keys that would only say "not now" are left out
 * (an exited program offers no n or c).
 */
export function keyHints(pane: string, readOnly = false, ctx?: KeyContext): string[] {
  const hint = (b: BoundKey) => (typeof b.hint === 'function' ? ctx && b.hint(ctx) : b.hint);
  const shown = (b: BoundKey) => !!hint(b) && !(readOnly && b.changes) && !(ctx && whyNot(b, ctx));
  const own = KEYMAP.filter((b) => b.pane === pane && shown(b));
  // A global key the pane binds for itself (the disassembly's s and n step instructions) is the pane's there.
  const taken = new Set(KEYMAP.filter((b) => b.pane === pane).flatMap((b) => b.keys));
  const global = KEYMAP.filter((b) => b.pane === 'global' && shown(b) && !taken.has(hint(b)!.split(' ')[0]!));
  // Run control first: on a narrow screen the hints are cut from the end, and c, n, s, o matter in every pane.
  return [...global.filter((b) => b.changes), ...own, ...global.filter((b) => !b.changes)].map((b) => hint(b)!);
}

/** The line that opens a pane's keys in help (`global`: the keys that work everywhere). */
export function helpHeading(pane: string): string {
  return pane === 'global' ? 'Everywhere' : `In the ${FEATURES.find((x) => x.id === pane)?.title ?? pane} pane`;
}

/** Help text generated from the keymap, grouped by where the keys work. */
export function keymapHelpLines(): string[] {
  const groups = new Map<string, BoundKey[]>();
  for (const b of KEYMAP) groups.set(b.pane, [...(groups.get(b.pane) ?? []), b]);
  const lines: string[] = [];
  const width = Math.max(...KEYMAP.map((b) => formatKeys(b.keys).length));
  for (const [pane, bindings] of groups) {
    lines.push(helpHeading(pane));
    for (const b of bindings) lines.push(`  ${formatKeys(b.keys).padEnd(width)}  ${b.description}`);
    lines.push('');
  }
  return lines;
}

/** Named keys as help spells them (as on the key cap); letters and F-keys as they are. */
const KEY_CAPS: Record<string, string> = {
  space: 'Space', enter: 'Enter', esc: 'Esc', tab: 'Tab', backspace: 'Backspace', delete: 'Delete', insert: 'Insert',
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', home: 'Home', end: 'End', pgup: 'PgUp', pgdn: 'PgDn',
};

export function formatKeys(keys: string[]): string {
  return keys
    .filter((k) => k !== ' ')
    .map((k) => {
      const mod = /^((?:[CMS]-)*)(.+)$/.exec(k)!;
      return mod[1]!.replace(/S-/g, 'Shift-').replace(/C-/g, 'Ctrl-').replace(/M-/g, 'Alt-') + (KEY_CAPS[mod[2]!] ?? mod[2]!);
    })
    .join(' ');
}
