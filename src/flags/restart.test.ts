import { test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedWatchpoints } from './restart.js';
import type { Breakpoint } from '../session/state.js';

const watchpoint = (id: number, expr: string, access: 'read' | 'write' | 'readWrite'): Breakpoint => ({ id, kind: 'data', spec: expr, verified: true, watch: { expr, access, dataId: `1,0,${expr}` } });

test('a restart names the watchpoints it dropped and the :watch that sets each again, with its flag (new-user trial)', () => {
  assert.equal(droppedWatchpoints([]), '');
  assert.equal(droppedWatchpoints([watchpoint(2, 'counter', 'write')]), 'The restart dropped watchpoint #2 on [counter]: Delve sets no watchpoint again in a new process; :watch counter sets it again at a stop.');
  assert.equal(
    droppedWatchpoints([watchpoint(2, 'counter', 'write'), watchpoint(3, 'global.Count', 'readWrite'), watchpoint(4, 'p', 'read')]),
    'The restart dropped watchpoints #2 on [counter], #3 on [global.Count] and #4 on [p]: Delve sets no watchpoint again in a new process; :watch counter, :watch -rw global.Count and :watch -r p set them again at a stop.',
  );
});
