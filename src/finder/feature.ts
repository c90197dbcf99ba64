import { cursorPlace, type Row, type Seg } from '../core/text.js';
import { cmd, whenBreakpointsChange, type Feature, type PaneProps, type PaneView } from '../features/types.js';
import { finderCommands } from './commands.js';
import { FinderModel, type FinderResult } from './model.js';

function finderView({ model, rect, focused }: PaneProps<FinderModel>): PaneView {
  const s = model.get();
  const height = Math.max(0, rect.height - 2);
  if (!s.query && !s.results.length) return { title: 'Finder', rows: [[{ text: 'Ctrl-P (or /) and a query finds functions, source files, types and package variables: Enter shows one, b breaks on a function.', color: 'gray' }]] };
  const rows: Row[] = [];
  for (let i = s.cursor.top; i < Math.min(s.results.length, s.cursor.top + height); i++) rows.push(resultRow(s.results[i]!, focused && i === s.cursor.index));
  if (!s.results.length) rows.push([{ text: `Nothing matches '${s.query}'.`, color: 'gray' }]);
  // The query gives way on a narrow pane; where the cursor is among the results stays.
  const note = [{ text: `'${s.query}'`, cut: 'end' as const }, `${cursorPlace(s.cursor.index, s.results.length) || '0'}${s.results.length === 200 ? '+' : ''} of ${(s.funcs ?? 0) + (s.files ?? 0) + (s.types ?? 0) + (s.vars ?? 0)}`, s.ms !== undefined ? { text: `${Math.round(s.ms)} ms`, cut: 'drop' as const } : ''].filter((p) => p !== '');
  return { title: 'Finder', note, rows };
}

/** Each kind's mark before a result. */
const MARKS: Record<FinderResult['kind'], Seg> = { func: { text: 'ƒ ', color: 'cyan' }, file: { text: '▤ ', color: 'green' }, type: { text: 'τ ', color: 'magenta' }, var: { text: 'ν ', color: 'blue' } };

/** A result with its matched characters bold. */
function resultRow(r: FinderResult, inverse: boolean): Row {
  const segs: Seg[] = [{ ...MARKS[r.kind], inverse }];
  const hit = new Set(r.positions);
  let run = '';
  let bold = false;
  for (let i = 0; i <= r.text.length; i++) {
    const b = hit.has(i);
    if (i === r.text.length || b !== bold) {
      if (run) segs.push({ text: run, ...(bold ? { bold: true, color: 'yellow' } : {}), inverse });
      run = '';
      bold = b;
    }
    if (i < r.text.length) run += r.text[i];
  }
  return segs;
}

export const finderFeature: Feature<FinderModel> = {
  id: 'finder',
  title: 'Finder',
  slot: 'bottom',
  key: 'F',
  create: (host) => new FinderModel(host),
  view: finderView,
  commands: finderCommands((ctx) => ctx.model(finderFeature)),
  bindings: [
    { keys: ['C-p'], pane: 'global', description: 'Find a function, source file, type or package variable of the target (fuzzy, as Ctrl-P in editors)', prompt: 'find ' },
    // A new query starts empty: text typed after the last one read as one word (producemain.go).
    { keys: ['/'], description: 'A new query', hint: '/ query', prompt: 'find ' },
    { keys: ['enter'], description: 'Show the selected function or file in the source pane, a type as :whatis describes it, a package variable\'s value', hint: 'Enter show', command: cmd('finder open'), disabledReason: (ctx) => (ctx.model(finderFeature).current() ? undefined : 'no result under the cursor') },
    { keys: ['b'], description: 'Set a breakpoint on the selected function', hint: 'b break', changes: true, command: cmd('finder break'), disabledReason: (ctx) => whenBreakpointsChange(ctx) ?? (ctx.model(finderFeature).current()?.kind === 'func' ? undefined : 'select a function') },
  ],
};
