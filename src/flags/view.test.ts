import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlagInfo, FlagSetSnapshot } from './model.js';
import { initialFlagsState, type FlagsState } from './store.js';
import { flagTypeOf } from './values.js';
import { flagTableLines, renderFlagLines, rowCommand, selectableRows, shellQuote, showValue } from './view.js';
import { flagsView } from './pane.js';
import type { FlagsController } from './controller.js';
import type { SessionState } from '../session/state.js';

function flag(name: string, goType: string, value: string, defValue: string, usage = ''): FlagInfo {
  const type = flagTypeOf(goType);
  return { name, expr: `m["${name}"]`, type, goType, usage, defValue, value, exact: type.kind !== 'custom', changed: value !== defValue };
}

const cmd: FlagSetSnapshot = {
  expr: 'flag.CommandLine',
  library: 'flag',
  name: '/srv/bin/svc',
  parsed: true,
  stop: 4,
  flags: [flag('batch', '*flag.intValue', '64', '16', 'items handled per tick'), flag('log-level', '*flag.stringValue', 'info', 'info', 'log level'), flag('name', '*flag.stringValue', '', 'svc', 'service name')],
};
const debug: FlagSetSnapshot = { expr: 'main.debugFlags', library: 'flag', name: 'debug', parsed: false, stop: 4, flags: [flag('mode', '*main.modeValue', 'drain', 'normal', 'serving mode')] };

function state(patch: Partial<FlagsState> = {}): FlagsState {
  return { ...initialFlagsState(), sets: [{ expr: cmd.expr, snapshot: cmd }, { expr: debug.expr, snapshot: debug }], args: { args: ['/srv/bin/svc', '-batch=64', 'two words'], stop: 4 }, ...patch };
}

test('renderFlagLines lays out sets, flags, os.Args and pending edits, with changed and cursor fields', () => {
  const lines = renderFlagLines(state({ cursor: 3, pending: [{ id: 2, setExpr: 'main.debugFlags', name: 'mode', value: 'readonly', reason: 'call not at safe point', attempts: 1 }] }), 100, 40);
  assert.deepEqual(
    lines.map((l) => l.text.trimEnd()),
    [
      'Flags  read at stop 4',
      'flag.CommandLine  "/srv/bin/svc"  3 flags, * = changed from default',
      '* -batch     int    64     (default 16)  items handled per tick',
      '  -log-level string info   log level',
      '* -name      string ""     (default svc)  service name',
      'main.debugFlags  "debug"  1 flag, * = changed from default',
      '  not parsed yet: its Parse will overwrite edits to the flags its arguments name',
      '* -mode main.modeValue drain  (default normal)  serving mode',
      "os.Args /srv/bin/svc -batch=64 'two words'",
      'Pending edits (tried again at every stop until they apply):',
      '  #2 main.debugFlags -mode=readonly  waiting: call not at safe point (1 stop tried)',
    ],
  );
  const flags = lines.filter((l) => l.kind === 'flag');
  assert.deepEqual(flags.map((l) => l.changed), [true, false, true, true]);
  assert.deepEqual(lines.filter((l) => l.cursor).map((l) => l.row), [{ kind: 'flag', setExpr: 'main.debugFlags', name: 'mode' }]);
  assert.ok(lines.every((l) => l.text === l.spans.map((s) => s.text).join('')));
  const batch = flags[0]!.spans;
  assert.deepEqual(batch.map((s) => s.role), ['marker', 'name', 'type', 'value', 'default', 'usage']);
  // Once the target runs, a reason given at the last stop is said to be that stop's.
  const running = renderFlagLines(state({ stale: true, pending: [{ id: 2, setExpr: 'main.debugFlags', name: 'mode', value: 'readonly', reason: 'call not at safe point', attempts: 1 }, { id: 3, setExpr: 'flag.CommandLine', name: 'batch', value: '8', reason: 'the target is running', attempts: 0 }] }), 120, 40);
  assert.deepEqual(running.filter((l) => l.kind === 'pending').map((l) => l.text.trimEnd()), [
    '  #2 main.debugFlags -mode=readonly  waiting: the target runs (at the last stop: call not at safe point) (1 stop tried)',
    '  #3 -batch=8  waiting: the target is running',
  ]);
});

test('renderFlagLines cuts lines to the width and windows them around the cursor', () => {
  const many: FlagSetSnapshot = { ...cmd, flags: Array.from({ length: 50 }, (_, i) => flag(`f${String(i).padStart(2, '0')}`, '*flag.intValue', String(i), '0', 'a long usage text that goes on and on')) };
  const s = state({ sets: [{ expr: many.expr, snapshot: many }], cursor: 30 });
  const lines = renderFlagLines(s, 40, 10);
  assert.equal(lines.length, 10);
  assert.ok(lines.every((l) => l.text.length <= 40), lines.map((l) => l.text.length).join());
  assert.ok(lines.some((l) => l.cursor && l.row?.kind === 'flag' && l.row.name === 'f30'));
  assert.ok(lines.some((l) => l.text.endsWith('…')));
  assert.deepEqual(renderFlagLines(s, 40, 0), []);
});

test('renderFlagLines marks stale values, errors, empty and unread states', () => {
  const stale = renderFlagLines(state({ stale: true, reading: true }), 80, 5);
  assert.match(stale[0]!.text, /read at stop 4 · stale: the target ran since · reading…/);
  assert.ok(stale.every((l) => l.stale));
  const empty = renderFlagLines(initialFlagsState(), 80, 5);
  assert.match(empty[1]!.text, /No FlagSet read yet/);
  const err = renderFlagLines({ ...initialFlagsState(), sets: [{ expr: 'main.x', error: 'main.x is a *string, not a FlagSet.' }], note: { text: 'Cancelled edit #1.', kind: 'info' } }, 80, 10);
  assert.deepEqual(err.map((l) => l.text), ['Flags', 'main.x', '  main.x is a *string, not a FlagSet.', 'Cancelled edit #1.']);
  assert.equal(err[2]!.spans[0]!.role, 'error');
  // A long outcome is wrapped whole, not cut: the console may be hidden behind the pane (trial N).
  const text = "-log-level's Set cannot run where the target stopped (selected goroutine not running): queued as edit #1, applied at the next stop where it can. :flag -cancel 1 drops it.";
  const long = renderFlagLines({ ...initialFlagsState(), note: { text, kind: 'info' } }, 40, 20).filter((l) => l.kind === 'note').slice(1);
  assert.equal(long.map((l) => l.text.trimEnd()).join(' ').replace(/\s+/g, ' '), text);
  assert.ok(long.every((l) => l.text.length <= 40));
  // Attached while the target runs: the set is watched but not read until it stops.
  const unread = renderFlagLines({ ...initialFlagsState(), sets: [{ expr: 'flag.CommandLine' }] }, 80, 5);
  assert.deepEqual(unread.map((l) => l.text), ['Flags', 'flag.CommandLine', '  not read yet: the flags are read at the next stop (p pauses the target)']);
});

test('selectable rows and the command each one types', () => {
  const s = state({ pending: [{ id: 7, setExpr: 'flag.CommandLine', name: 'name', value: 'x', reason: 'the target is running', attempts: 0 }] });
  const rows = selectableRows(s);
  assert.equal(rows.length, 6);
  assert.equal(rowCommand(s, rows[0]!), 'flag batch=64');
  assert.equal(rowCommand(s, rows[2]!), 'flag name=""');
  assert.equal(rowCommand(s, rows[3]!), 'flag -set main.debugFlags mode=drain');
  // The os.Args line: editing it restarts the program with the new arguments.
  assert.equal(rowCommand(s, rows[4]!), "restart -batch=64 'two words'");
  assert.equal(rowCommand(s, rows[5]!), 'flag -cancel 7');
  // Delve's text of a list Value (trial AM): shown as read, never handed back to its Set.
  const tags: FlagInfo = { ...flag('tags', '*main.listFlag', '["a","b"]', ''), delveForm: true };
  const list = state({ sets: [{ expr: 'main.fs', snapshot: { ...debug, expr: 'main.fs', flags: [tags] } }], args: undefined, pending: [] });
  assert.equal(rowCommand(list, selectableRows(list)[0]!), 'flag -set main.fs tags=');
  assert.equal(showValue(tags), '["a","b"]');
});

test('showValue quotes strings that would not read back; shellQuote quotes arguments', () => {
  assert.equal(showValue(flag('a', '*flag.stringValue', '', '')), '""');
  assert.equal(showValue(flag('a', '*flag.stringValue', ' x', '')), '" x"');
  assert.equal(showValue(flag('a', '*flag.stringValue', 'a\nb', '')), '"a\\nb"');
  assert.equal(showValue(flag('a', '*flag.stringValue', 'two words', '')), 'two words');
  assert.equal(showValue(flag('a', '*flag.intValue', '5', '')), '5');
  assert.equal(shellQuote('-name=x'), '-name=x');
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote(''), "''");
});

test('flagTableLines prints a set for the console', () => {
  const lines = flagTableLines(debug, 80);
  assert.deepEqual(lines, ['main.debugFlags  "debug"  1 flag, * = changed from default', '  not parsed yet: its Parse will overwrite edits to the flags its arguments name', '* -mode main.modeValue drain  (default normal)  serving mode']);
  // A set with no flags has no edits a Parse could overwrite: one line says it (trial AM: an unused flag.CommandLine took three).
  const empty = { ...cmd, parsed: false, flags: [] };
  assert.deepEqual(flagTableLines(empty, 80).slice(1), ['  (no flags defined)']);
  assert.deepEqual(renderFlagLines({ ...initialFlagsState(), sets: [{ expr: 'main.svc', snapshot: { ...empty, expr: 'main.svc' } }] }, 80, 10).slice(2).map((l) => l.text.trim()), ['(no flags defined)']);
  // flag.CommandLine alone and empty says where the program's flags may be instead (trial BF).
  assert.deepEqual(renderFlagLines({ ...initialFlagsState(), sets: [{ expr: 'flag.CommandLine', snapshot: { ...empty, expr: 'flag.CommandLine' } }] }, 80, 10).slice(2).map((l) => l.text.trim()), ["(no flags defined; :flags EXPR reads the program's own FlagSet)"]);
});

test('the Flags pane says where its cursor is among how many rows, so a list taller than the pane says it is cut', () => {
  const s = state({ cursor: 3 });
  const model = { get: () => s } as unknown as FlagsController;
  const view = flagsView({ model, rect: { x: 0, y: 0, width: 60, height: 6 }, focused: true, session: { status: 'stopped' } as SessionState, stale: false });
  const n = selectableRows(s).length;
  assert.ok(view.rows.length < n, `fewer rows shown (${view.rows.length}) than there are (${n})`);
  assert.equal(view.note, `4/${n}`);
});

test("the flag under the cursor shows its whole value under it where its column cuts it, in at most four rows, kept in view (trial CF: a custom Value cut at 80 columns)", () => {
  const long = '{v: "normal", limits: [10, 20, 30], owner: "ops-team"}';
  const custom: FlagSetSnapshot = { ...debug, flags: [{ ...flag('mode', '*main.modeValue', long, 'normal', 'serving mode'), delveForm: true }, flag('other', '*flag.intValue', '3', '3')] };
  const s = state({ sets: [{ expr: cmd.expr, snapshot: cmd }, { expr: custom.expr, snapshot: custom }], cursor: 3 });
  const lines = renderFlagLines(s, 60, 40);
  const at = lines.findIndex((l) => l.cursor);
  assert.match(lines[at]!.text, /-mode .*…/);
  // The usage the pane's edge cut too (trial CI), after the value.
  assert.deepEqual(lines.slice(at + 1).filter((l) => l.kind === 'detail').map((l) => l.text.trimEnd()), ['    = {v: "normal", limits: [10, 20, 30], owner: "ops-team"}', '    serving mode']);
  assert.deepEqual(lines.slice(at + 1).filter((l) => l.kind === 'detail').map((l) => l.spans[0]!.role), ['value', 'usage']);
  assert.equal(lines[at + 1]!.kind, 'detail');
  // Off the cursor, or wide enough to show it, no detail.
  assert.ok(!renderFlagLines({ ...s, cursor: 4 }, 60, 40).some((l) => l.kind === 'detail'));
  assert.ok(!renderFlagLines(s, 200, 40).some((l) => l.kind === 'detail'));
  // A very long value: four rows, the last cut; the cursor at the pane's foot still shows them.
  const huge = { ...custom, flags: [flag('mode', '*main.modeValue', `[${Array.from({ length: 200 }, (_, i) => i).join(', ')}]`, 'normal')] };
  const hs = state({ sets: [{ expr: cmd.expr, snapshot: cmd }, { expr: huge.expr, snapshot: huge }], cursor: 3 });
  const detail = renderFlagLines(hs, 60, 40).filter((l) => l.kind === 'detail');
  assert.equal(detail.length, 4);
  assert.ok(detail[3]!.text.endsWith('…') && detail.every((l) => l.text.length <= 60));
  const short = renderFlagLines(hs, 60, 8);
  assert.ok(short.some((l) => l.cursor));
  assert.equal(short.at(-1)!.kind, 'detail', short.map((l) => l.text).join('\n'));
});
