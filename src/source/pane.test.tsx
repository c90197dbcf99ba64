import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { findMarker } from '../demos/build.js';
import { renderPane } from '../../test/support/render-pane.js';
import { SourceModel } from './model.js';
import { sourceFeature } from './feature.js';
import { SourceFinder } from './files.js';
import { sourceTitle } from './pane.js';

function stopAt(session: Session, file: string, line: number, name = 'main.main') {
  const frame = { id: 1, index: 0, name, file, line };
  session.events.emit('stop', { stop: { number: 1, reason: 'step', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame, top: frame, chosen: false }, frames: { goroutine: 1, start: 0, frames: [frame], total: 1, complete: true }, scopes: Promise.resolve([]) });
}

/** A source pane 8 rows high, stopped at inventory's MARKER. */
function stoppedAtMarker(marker: string) {
  const session = new Session('t');
  const model = new SourceModel(session, new SourceFinder());
  model.setViewport(8);
  const at = findMarker('inventory', marker);
  stopAt(session, at.file, at.line);
  return { session, model, at };
}

test('the source pane shows the stop line on the first paint after the stop, in the stop\'s file', () => {
  const session = new Session('t');
  const model = new SourceModel(session, new SourceFinder());
  model.setViewport(8);
  const main = findMarker('inventory', 'gotui:restock');
  stopAt(session, main.file, main.line);
  let lines = renderPane(sourceFeature, model, { width: 80, height: 10 });
  assert.match(lines[0]!, new RegExp(`Source inventory/main\\.go · ${main.line}/\\d+`));
  assert.ok(lines.some((l) => new RegExp(`^│ ▶\\s*${main.line} .*moved := restock`).test(l)), lines.join('\n'));

  // Another file at the next stop: the pane follows at once.
  const body = findMarker('inventory', 'gotui:restock-body');
  stopAt(session, body.file, body.line, 'main.restock');
  lines = renderPane(sourceFeature, model, { width: 80, height: 10 });
  assert.match(lines[0]!, new RegExp(`Source inventory/stock\\.go · ${body.line}/\\d+`));
  assert.ok(lines.some((l) => new RegExp(`▶\\s*${body.line} `).test(l)));
});

test('while the target runs the ▶ line says which stop it is from', () => {
  const { session, model } = stoppedAtMarker('gotui:round');
  session.events.emit('resumed', { by: 'continue' });
  const lines = renderPane(sourceFeature, model, { width: 100, height: 10, session: { status: 'running', stop: { number: 4, reason: 'step', goroutine: 1, breakpoints: [] } } });
  assert.match(lines[0]!, /running · ▶ from stop 4/);
});

test('a file that is not here says so; j/k move the cursor and the window follows', () => {
  const session = new Session('t');
  const model = new SourceModel(session, new SourceFinder());
  model.setViewport(4);
  stopAt(session, '/nowhere/main.go', 10);
  // At 80 columns the whole sentence shows, wrapped: its end is the fix.
  const missing = renderPane(sourceFeature, model, { width: 80, height: 10 }).map((l) => l.replace(/^│|│$/g, '').trim()).join(' ');
  assert.match(missing, /\/nowhere\/main\.go is not on this machine .* Map it with :substitute-path FROM TO, or attach through SSH \(user@host:PORT\) to read it from the target's host\. Stopped at line 10\./);
  const main = findMarker('inventory', 'gotui:round');
  stopAt(session, main.file, main.line);
  model.move(10);
  assert.equal(model.cursorLine(), main.line + 10);
  const lines = renderPane(sourceFeature, model, { width: 80, height: 6, focused: true });
  assert.ok(lines.some((l) => l.includes(String(main.line + 10))), 'the cursor line is on screen');
});

test('a file read over SSH is titled host:/path, shortened in the middle when narrow', () => {
  const file = { path: '/srv/build/orders/main.go', shownAs: 'box:/srv/build/orders/main.go', origin: 'remote' as const, lines: [], tokens: [] };
  assert.equal(sourceTitle(file, 60), 'box:/srv/build/orders/main.go');
  assert.equal(sourceTitle(file, 20), 'box:…/orders/main.go');
  assert.equal(sourceTitle({ ...file, shownAs: '/home/me/orders/main.go', origin: 'mapped' }, 60), 'orders/main.go');
});

test('the rows a step to the next lines will show are given ahead (drawn while idle): the lines below as the stop line, this one plain, the next page past the bottom', () => {
  const session = new Session('t');
  const model = new SourceModel(session, new SourceFinder());
  model.setViewport(8);
  const main = findMarker('inventory', 'gotui:restock');
  const view = (focused: boolean) => sourceFeature.view({ model, rect: { x: 0, y: 0, width: 80, height: 10 }, focused, session: session.get(), stale: false });
  for (const focused of [false, true]) {
    stopAt(session, main.file, main.line);
    const before = view(focused);
    const likely = JSON.stringify(before.likely);
    // Steps down to the last line shown, then one past it (the pane centres on the next page).
    const top = model.get().cursor.top;
    for (let line = main.line + 1; line <= top + 9; line++) {
      const was = view(focused);
      stopAt(session, main.file, line);
      const now = view(focused);
      const ahead = new Set((was.likely ?? []).map((r) => JSON.stringify(r)));
      for (const row of now.rows) {
        if (!was.rows.some((r) => JSON.stringify(r) === JSON.stringify(row))) assert.ok(ahead.has(JSON.stringify(row)), `line ${line}${focused ? ' (focused)' : ''}: ${JSON.stringify(row)} was not given ahead`);
      }
    }
    assert.notEqual(model.get().cursor.top, top, 'the last step went past the page');
    assert.ok(likely.includes('▶'));
  }
});

test("the gutter marks another client's or a peer's breakpoint in cyan, gotui's own in red", () => {
  const { session, model, at } = stoppedAtMarker('gotui:round');
  const bp = (id: number, line: number, by?: string) => ({ id, kind: 'line' as const, file: at.file, line, verified: true, ...(by ? { by } : {}) });
  session.events.emit('breakpoints', { breakpoints: [bp(1, at.line - 1), bp(2, at.line + 1, 'alice')] });
  const { rows } = sourceFeature.view({ model, rect: { x: 0, y: 0, width: 80, height: 10 }, focused: false, session: session.state, stale: false });
  const mark = (line: number) => rows.find((r) => new RegExp(`^\\s*${line} `).test(r[2]?.text ?? ''))?.[0];
  assert.deepEqual([mark(at.line - 1)?.text, mark(at.line - 1)?.color], ['●', 'red']);
  assert.deepEqual([mark(at.line + 1)?.text, mark(at.line + 1)?.color], ['●', 'cyan']);
});

test('a disabled breakpoint typed as FILE:LINE that Delve never placed (restored disabled from the saved list) is marked ○ on its line (trial BD)', () => {
  const { session, model, at } = stoppedAtMarker('gotui:round');
  const name = at.file.split('/').at(-1)!;
  session.events.emit('breakpoints', { breakpoints: [{ id: 1, kind: 'function' as const, spec: `${name}:${at.line - 1}`, disabled: true, verified: false }, { id: 2, kind: 'function' as const, spec: `other.go:${at.line + 1}`, disabled: true, verified: false }] });
  const { rows } = sourceFeature.view({ model, rect: { x: 0, y: 0, width: 80, height: 10 }, focused: false, session: session.state, stale: false });
  const mark = (line: number) => rows.find((r) => new RegExp(`^\\s*${line} `).test(r[2]?.text ?? ''))?.[0];
  assert.deepEqual([mark(at.line - 1)?.text, mark(at.line - 1)?.color], ['○', 'gray']);
  assert.equal(mark(at.line + 1)?.text, ' ', "another file's line is not this one's");
});

test('a step builds only the lines it changes; a breakpoint set, disabled or another client\'s, and a stale ▶, show at once', () => {
  const { session, model, at } = stoppedAtMarker('gotui:round');
  const view = (stale = false) => sourceFeature.view({ model, rect: { x: 0, y: 0, width: 80, height: 10 }, focused: false, session: session.state, stale }).rows;
  const lineOf = (rows: ReturnType<typeof view>, line: number) => rows.find((r) => new RegExp(`^\\s*${line} `).test(r[2]?.text ?? ''))!;
  const before = view();
  stopAt(session, at.file, at.line + 1);
  const after = view();
  for (const row of after) {
    const line = Number(row[2]?.text.trim());
    const was = lineOf(before, line);
    // The same row object: framed and drawn as before, with no work (frameRows, LineRenderer).
    if (line === at.line || line === at.line + 1) assert.notEqual(row, was, `line ${line} changed`);
    else if (was) assert.equal(row, was, `line ${line} is built again`);
  }
  assert.equal(lineOf(after, at.line + 1)[1]?.text, '▶');
  assert.equal(lineOf(after, at.line)[1]?.text, ' ');
  const bp = (extra: object) => ({ id: 1, kind: 'line' as const, file: at.file, line: at.line + 2, verified: true, ...extra });
  const mark = () => lineOf(view(), at.line + 2)[0];
  session.events.emit('breakpoints', { breakpoints: [bp({})] });
  assert.deepEqual([mark()?.text, mark()?.color], ['●', 'red']);
  session.events.emit('breakpoints', { breakpoints: [bp({ disabled: true })] });
  assert.deepEqual([mark()?.text, mark()?.color], ['○', 'gray']);
  session.events.emit('breakpoints', { breakpoints: [bp({ by: 'alice' })] });
  assert.deepEqual([mark()?.text, mark()?.color], ['●', 'cyan']);
  session.events.emit('breakpoints', { breakpoints: [] });
  assert.equal(mark()?.text, ' ');
  assert.equal(lineOf(view(true), at.line + 1)[1]?.dim, true, 'stale: the ▶ dimmed');
  assert.equal(lineOf(view(), at.line + 1)[1]?.dim, false);
});

test("a step to the pane's last rows centres the stop line: the lines after it show", () => {
  const { session, model, at } = stoppedAtMarker('gotui:round');
  const { top } = model.get().cursor;
  // The second-last of the pane's eight rows (its line is top + 7).
  stopAt(session, at.file, top + 7);
  const lines = renderPane(sourceFeature, model, { width: 80, height: 10 });
  for (const line of [top + 7, top + 8, top + 9]) assert.ok(lines.some((l) => new RegExp(`^│.[▶ ]\\s*${line} `).test(l)), `line ${line} shows:\n${lines.join('\n')}`);
  assert.ok(model.get().cursor.top > top);
});

test('a pane made smaller (the first layout after attaching, a pane opened below) keeps the lines after the stop in view', () => {
  const { session, model, at } = stoppedAtMarker('gotui:round');
  model.setViewport(30);
  // Centred in 30 rows: the 16th; in 16 rows from the same top, the last.
  stopAt(session, at.file, 150);
  stopAt(session, at.file, 60);
  assert.equal(model.get().cursor.top, 59 - 15);
  model.setViewport(16);
  const lines = renderPane(sourceFeature, model, { width: 80, height: 18 });
  for (const line of [60, 61, 62]) assert.ok(lines.some((l) => new RegExp(`^│.[▶ ]\\s*${line} `).test(l)), `line ${line} shows:\n${lines.join('\n')}`);
});
