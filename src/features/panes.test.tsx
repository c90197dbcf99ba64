import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { renderPane } from '../../test/support/render-pane.js';
import { Models } from './host.js';
import { FEATURES } from './index.js';

const models = () => {
  const none = () => Promise.reject(new Error('none'));
  return new Models(new Session('t'), { rpc: none, openRpc: async () => undefined, traceTarget: none });
};

test('every feature has a pane that draws its title and says what it waits for, before any stop', () => {
  const m = models();
  const expect: Record<string, RegExp> = {
    source: /No source yet/,
    goroutines: /Waiting for Delve/,
    stack: /No stack yet/,
    variables: /No stop yet/,
    console: /│ +│/,
    registers: /No registers yet/,
    memory: /x\/NFU|Examine/i,
    flags: /flag|Flags/,
    bpf: /No probes/,
    breakpoints: /No breakpoints/,
    logpoints: /No logpoint lines/,
    watch: /No watches/,
    finder: /Ctrl-P/,
  };
  for (const f of FEATURES) {
    const lines = renderPane(f, m.model(f), { width: 90, height: 8 });
    assert.equal(lines.length, 8, `${f.id}: exactly the rect's height`);
    assert.ok(lines.every((l) => [...l].length === 90), `${f.id}: exactly the rect's width\n${lines.join('\n')}`);
    assert.match(lines[0]!, new RegExp(`┌─ 1 ${f.title}`), f.id);
    assert.match(lines.join('\n'), expect[f.id] ?? /./, `${f.id}:\n${lines.join('\n')}`);
  }
});

test('halted at the program\'s entry (status bar: stop 1) the variables pane says where it is, not "no stop yet" (trial AE)', () => {
  const m = models();
  const f = FEATURES.find((x) => x.id === 'variables')!;
  const lines = renderPane(f, m.model(f), { width: 90, height: 4, session: { status: 'stopped', stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] } } });
  assert.match(lines.join('\n'), /At the program's entry: no goroutine has a frame yet\./);
  // At 80x24 (a 32-column pane) it wraps rather than ending in `goro…` (trial BV).
  const narrow = renderPane(f, m.model(f), { width: 32, height: 6, session: { status: 'stopped', stop: { number: 1, reason: 'entry', goroutine: 1, breakpoints: [] } } });
  assert.match(narrow.slice(1, -1).map((l) => l.slice(1, -1).trim()).join(' '), /At the program's entry: no goroutine has a frame yet\./, narrow.join('\n'));
});

test('at 80x24 every pane still fits its rect, titles cut with an ellipsis', () => {
  const m = models();
  for (const f of FEATURES) {
    const lines = renderPane(f, m.model(f), { width: 12, height: 4, session: { stop: { number: 123456, reason: 'step', goroutine: 1, breakpoints: [] } } });
    assert.ok(lines.every((l) => [...l].length === 12), `${f.id}\n${lines.join('\n')}`);
  }
});
