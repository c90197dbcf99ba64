import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import { renderPane } from '../../test/support/render-pane.js';
import { ConsoleModel } from './model.js';
import { consoleFeature } from './feature.js';

test('the console wraps long lines, marks gotui\'s own words, and never passes an escape sequence', () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.events.emit('output', { text: `title \x1b]0;PWNED\x07 line\rspoof ${'x'.repeat(60)}`, category: 'stdout' });
  session.log('Attached.', 'info');
  session.log('Cannot evaluate x.', 'error');
  const lines = renderPane(consoleFeature, model, { width: 42, height: 8 });
  const body = lines.slice(1, -1).map((l) => l.slice(1, -1).trimEnd());
  // A word longer than the row is cut at the edge; otherwise rows break after a space.
  assert.deepEqual(body.filter(Boolean), ['title  line^Mspoof', 'x'.repeat(40), 'x'.repeat(20), '· Attached.', '! Cannot evaluate x.']);
  assert.doesNotMatch(lines.join(''), /\x1b\]|\x07/);
});

test('the filter shows only the program\'s lines and logpoint hits, or only gotui\'s: a stream of hits cannot bury an answer', () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.events.emit('output', { text: 'program says hi', category: 'stdout' });
  session.log('gotui says hi', 'info');
  for (let i = 0; i < 20; i++) session.events.emit('logpoint', { file: '/src/orders/main.go', line: 111, goroutine: 7, text: `item ${i}` });
  model.setFilter('program');
  let text = renderPane(consoleFeature, model, { width: 60, height: 6 }).join('\n');
  assert.match(text, /> \[Go 7\] main\.go:111: item 19/);
  assert.doesNotMatch(text, /gotui says hi/);
  assert.match(text, /program output and logpoints/);
  model.setFilter('debugger');
  text = renderPane(consoleFeature, model, { width: 60, height: 6 }).join('\n');
  assert.doesNotMatch(text, /program says hi|item/);
  assert.match(text, /gotui says hi/);
});

test('/ searches the console: only matching lines (any case), how many of the filter\'s the title says; a bad pattern is one sentence; empty shows all', () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  for (let i = 0; i < 30; i++) session.events.emit('output', { text: `round ${i} status=${i % 10 === 3 ? 'LATE' : 'ok'}`, category: 'stdout' });
  session.log('Stopped at main.go:42.', 'info');
  // Typed in the prompt, the search's echo is in the console too: not one of its findings.
  session.log('> console search status=late', 'command');
  model.setSearch('status=late');
  let text = renderPane(consoleFeature, model, { width: 70, height: 8 }).join('\n');
  assert.deepEqual(model.shown().map((l) => l.text), ['round 3 status=LATE', 'round 13 status=LATE', 'round 23 status=LATE']);
  assert.match(text, /\/status=late: 3 of 32 lines/);
  assert.doesNotMatch(text, /status=ok|Stopped at/);
  model.setFilter('debugger');
  assert.deepEqual(model.shown(), [], 'the search within the filter');
  assert.throws(() => model.setSearch('round (3'), /\/round \(3\/ is not a regular expression/);
  model.setFilter('all');
  model.setSearch('');
  text = renderPane(consoleFeature, model, { width: 70, height: 8 }).join('\n');
  assert.match(text, /Stopped at main\.go:42/);
  assert.doesNotMatch(text, /lines/);
});

test('scrolling back reaches the first row of a long first line at 80x24 (back counts wrapped rows, not lines)', () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  model.setViewport(4, 40);
  session.log(`Restored 1 breakpoint saved for this program in ${'/tmp/x'.repeat(40)}/.gotui/breakpoints.json.`, 'info');
  session.log('Attached.', 'info');
  session.log('Stopped.', 'info');
  model.move(-Infinity);
  const top = renderPane(consoleFeature, model, { width: 42, height: 6 }).slice(1, -1).map((l) => l.slice(1, -1).trimEnd());
  assert.equal(top[0], '· Restored 1 breakpoint saved for this');
  model.move(Infinity);
  assert.equal(model.get().back, 0);
  // Scrolled back one row, new wrapped lines keep the view where it was.
  model.move(-1);
  const before = renderPane(consoleFeature, model, { width: 42, height: 6 }).slice(1, -1).join('\n');
  session.log('y'.repeat(100), 'info');
  assert.equal(renderPane(consoleFeature, model, { width: 42, height: 6 }).slice(1, -1).join('\n').replace(/\d+ rows back/, ''), before.replace(/\d+ rows back/, ''));
  // A command the user runs brings the view to the end, where its answer comes.
  session.log('> print x', 'command');
  session.log('42', 'result');
  assert.equal(model.get().back, 0);
  assert.match(renderPane(consoleFeature, model, { width: 42, height: 6 }).slice(1, -1).join('\n'), /> print x[\s\S]*42/);
});

test("the command line's last error goes once gotui is attached again: the lost connection is history", () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.events.emit('ended', { why: 'disconnected', message: 'The connection to Delve closed.' });
  assert.equal(model.get().lastError, 'The connection to Delve closed.');
  session.log('gotui reconnects by itself.', 'info');
  assert.equal(model.get().lastError, 'The connection to Delve closed.', 'an info line keeps it');
  session.events.emit('connected', { delveVersion: '1.27.1' });
  assert.equal(model.get().lastError, undefined);
});

test("the command line's last error goes when the target runs again (another client's continue): it was about the stop before", () => {
  const session = new Session('t');
  const model = new ConsoleModel(session);
  session.log('restart is not available: Delve 1.27.1 cannot restart an attached process.', 'error');
  assert.match(model.get().lastError ?? '', /^restart is not available/);
  session.events.emit('resumed', { by: 'other' });
  assert.equal(model.get().lastError, undefined);
  assert.match(model.get().lines.at(-1)!.text, /^restart is not available/, 'the console keeps it');
});
