import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandContext } from '../features/types.js';
import { goroutinesFeature } from './feature.js';

/** `:goroutine` against a stand-in session: what it selects, focuses and prints. */
function goroutineCommand() {
  const said: string[] = [];
  const focused: string[] = [];
  const selected: number[] = [];
  const state: { selection?: { goroutine: number; top?: { name: string; file?: string; line: number } } } = {};
  const ctx = {
    session: {
      state,
      selectGoroutine: async (id: number) => {
        selected.push(id);
        state.selection = { goroutine: id, top: { name: 'main.work', file: 'pipeline/main.go', line: 58 } };
      },
    },
    app: { focus: (pane: string) => focused.push(pane) },
    print: (text: string) => said.push(text),
  } as unknown as CommandContext;
  const run = async (args: string) => goroutinesFeature.commands!.find((c) => c.name === 'goroutine')!.run!(ctx, args);
  return { run, said, focused, selected };
}

test("the dlv CLI's `goroutine 24 bt` selects goroutine 24 and says its stack is in the Stack pane", async () => {
  const g = goroutineCommand();
  await g.run('24 bt');
  assert.deepEqual(g.selected, [24]);
  assert.deepEqual(g.focused, ['stack']);
  assert.deepEqual(g.said, ['Goroutine 24 at main.work pipeline/main.go:58: its stack is in the Stack pane (3).']);
  await g.run('  7   stack 10 ');
  assert.deepEqual(g.selected, [24, 7]);
  // Another command after the id is not run: the goroutine is selected, and the command acts on it next.
  await g.run('9 print x');
  assert.deepEqual(g.selected, [24, 7, 9]);
  assert.equal(g.said.at(-1), "Goroutine 9 at main.work pipeline/main.go:58, selected. gotui runs no command after the id (the dlv CLI's goroutine ID CMD): :print x now acts on goroutine 9.");
  await g.run('12');
  assert.equal(g.said.at(-1), 'Goroutine 12 at main.work pipeline/main.go:58');
  // Delve's goroutine 0 is no goroutine: said so (trial AQ).
  await g.run('0');
  assert.equal(g.said.at(-1), 'Goroutine 0 at main.work pipeline/main.go:58 (goroutine 0: a thread running no goroutine, as Delve names it)');
});

test('`goroutine x bt` still says x is no goroutine id, and selects nothing', async () => {
  const g = goroutineCommand();
  await assert.rejects(g.run('x bt'), /'x' is not a goroutine id\./);
  await assert.rejects(g.run('99999999999999999999'), /is not a goroutine id/);
  assert.deepEqual(g.selected, []);
});
