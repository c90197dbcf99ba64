import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../session/session.js';
import type { DelveRpcClient, RpcBreakpoint } from '../delve/rpc.js';
import type { FeatureHost } from '../features/types.js';
import type { Breakpoint } from '../session/state.js';
import { keptBy } from '../session/breakpoints.js';
import { renderPane } from '../../test/support/render-pane.js';
import { BreakpointsModel } from './model.js';
import { breakpointsFeature } from './feature.js';
import { breakpointCommands } from './commands.js';
import type { CommandContext } from '../features/types.js';

const rpc = (b: Partial<RpcBreakpoint> & Pick<RpcBreakpoint, 'id'>): RpcBreakpoint => ({
  name: '', addrs: [0x4d1f15], file: '/src/svc/main.go', line: 73, functionName: 'main.main', Cond: '', HitCond: '', continue: false, WatchExpr: '', WatchType: 0, stacktrace: 0, hitCount: null, totalHitCount: 0, disabled: false, ...b,
});

test("the breakpoints pane: each of gotui's with its mark, place, function and hits; others' marked with who set them; the cursor row inverse", async () => {
  const session = new Session('t');
  // What Delve's ListBreakpoints answers at this stop.
  const server = [rpc({ id: 5, totalHitCount: 3 }), rpc({ id: 6, line: 80, continue: true, totalHitCount: 25 }), rpc({ id: 8, file: '/src/svc/other.go', line: 3, functionName: 'main.other', totalHitCount: 1 }), rpc({ id: -1, name: 'unrecovered-panic' })];
  const host = { session, rpc: async () => ({ listBreakpoints: async () => server }) as unknown as DelveRpcClient, project: () => undefined, restoresSaved: () => true } as unknown as FeatureHost;
  const model = new BreakpointsModel(host);
  const mine: Breakpoint[] = [
    { id: 1, kind: 'line', file: '/src/svc/main.go', line: 73, verified: true, delveId: 5, condition: 'o.ID == 7' },
    { id: 2, kind: 'line', file: '/src/svc/main.go', line: 80, verified: true, delveId: 6, logMessage: 'n={n}' },
    { id: 3, kind: 'function', spec: 'main.process', verified: false, disabled: true },
  ];
  session.events.emit('breakpoints', { breakpoints: mine });
  // #8 is a pair peer's, as the pair model learned it (Delve's id 8).
  const bobs: Breakpoint = { id: 4, kind: 'line', file: '/src/svc/other.go', line: 3, verified: true, delveId: 8, by: 'bob' };
  (session as unknown as { set(p: object): void }).set({ status: 'stopped', breakpoints: [...mine, bobs] });
  await model.refresh();
  const lines = renderPane(breakpointsFeature, model, { width: 100, height: 7, focused: true });
  assert.match(lines[0]!, /Breakpoints · 1\/4 · 3 of gotui's · 1 set by others/);
  assert.match(lines[1]!, /● #1  svc\/main\.go:73  main\.main  3 hits  if o\.ID == 7/);
  assert.match(lines[2]!, /◆ #2  svc\/main\.go:80  main\.main  25 hits  log n=\{n\}/);
  assert.match(lines[3]!, /○ #3  main\.process  disabled/);
  assert.match(lines[4]!, /· other#8  svc\/other\.go:3  main\.other  1 hit  set by bob/);
  assert.equal(lines.length, 7);
  // Narrow (80x24's half), the function's name gives way: the hits and state stay whole.
  const narrow = renderPane(breakpointsFeature, model, { width: 40, height: 7, focused: true });
  assert.match(narrow[1]!, /● #1  main\.go:73  3 hits  if o\.ID == 7/);
  assert.match(narrow[4]!, /· other#8  other\.go:3  1 hit  set by …/);
  // A row that fits keeps it.
  assert.match(renderPane(breakpointsFeature, model, { width: 40, height: 7, focused: true })[3]!, /○ #3  main\.process  disabled/);
  // Where one row does not fit whole, every row takes the brief form: not a function named on one row and not the next (trial Z).
  const between = renderPane(breakpointsFeature, model, { width: 55, height: 7, focused: true });
  assert.match(between[1]!, /● #1  main\.go:73  3 hits  if o\.ID == 7/);
  assert.match(between[4]!, /· other#8  other\.go:3  1 hit  set by bob/);

  // One an earlier gotui of the user's kept when it quit (Delve's id 9): counted and named as the user's, not another client's.
  server.push(rpc({ id: 9, line: 90 }));
  (session as unknown as { set(p: object): void }).set({ breakpoints: [...mine, bobs, { id: 5, kind: 'line', file: '/src/svc/main.go', line: 90, verified: true, delveId: 9, by: keptBy('13:27') }] });
  await model.refresh();
  const kept = renderPane(breakpointsFeature, model, { width: 100, height: 8, focused: true });
  assert.match(kept[0]!, /Breakpoints · 1\/5 · 3 of gotui's · 1 kept by you earlier · 1 set by others/);
  assert.match(kept[5]!, /· other#9  svc\/main\.go:90  main\.main  0 hits  set by you, kept at 13:27/);

  // #1 disabled: gone from Delve's list, it still names the function Delve had placed it in.
  server.splice(server.findIndex((x) => x.id === 5), 1);
  const off = { ...mine[0]!, disabled: true, delveId: undefined };
  (session as unknown as { set(p: object): void }).set({ breakpoints: [off, ...mine.slice(1), bobs] });
  session.events.emit('breakpoints', { breakpoints: [off, ...mine.slice(1)] });
  await model.refresh();
  assert.match(renderPane(breakpointsFeature, model, { width: 100, height: 8, focused: true })[1]!, /○ #1  svc\/main\.go:73  main\.main  .*disabled/);
});

test('at 80x24 a row too wide cuts its place from the start, so the hits and `disabled` stay whole; :breakpoints titles its pager with the count of breakpoints, not lines (trial BX)', async () => {
  const session = new Session('t');
  const server = [rpc({ id: 5, file: '/src/svc/internal/inventory_handlers.go', line: 127, totalHitCount: 12 }), rpc({ id: 7, file: '/src/svc/internal/inventory_handlers.go', line: 140, Cond: 'n > 3', totalHitCount: 2 })];
  const host = { session, rpc: async () => ({ listBreakpoints: async () => server }) as unknown as DelveRpcClient, project: () => undefined, restoresSaved: () => true } as unknown as FeatureHost;
  const model = new BreakpointsModel(host);
  const mine: Breakpoint[] = [
    { id: 1, kind: 'line', file: '/src/svc/internal/inventory_handlers.go', line: 127, verified: true, delveId: 5, condition: 'o.ID == 7' },
    { id: 2, kind: 'line', file: '/src/svc/internal/inventory_handlers.go', line: 133, verified: true, disabled: true },
  ];
  session.events.emit('breakpoints', { breakpoints: mine });
  (session as unknown as { set(p: object): void }).set({ status: 'stopped', breakpoints: mine });
  await model.refresh();
  // The pane at 80x24 is 40 columns wide.
  const narrow = renderPane(breakpointsFeature, model, { width: 40, height: 6, focused: false });
  assert.match(narrow[1]!, /● #1  …\S*\.go:127  12 hits  if/, narrow.join('\n'));
  assert.match(narrow[2]!, /○ #2  …\S*\.go:133  disabled│/, narrow.join('\n'));
  assert.match(narrow[3]!, /· other#7  …\S*\.go:140  2 hits/, narrow.join('\n'));
  // Wide enough, nothing is cut.
  assert.match(renderPane(breakpointsFeature, model, { width: 100, height: 6, focused: false })[2]!, /○ #2  internal\/inventory_handlers\.go:133  disabled/);

  // Three breakpoints over more lines (#1's condition, other#7's): the title counts the breakpoints.
  const titles: string[] = [];
  const ctx = { session, show: (title: string) => titles.push(title) } as unknown as CommandContext;
  await breakpointCommands(() => model).find((c) => c.name === 'breakpoints')!.run!(ctx, '');
  const { lines } = await model.listingLines();
  assert.ok(lines.length > 3, lines.join('\n'));
  assert.deepEqual(titles, ['Breakpoints (3)']);
});
