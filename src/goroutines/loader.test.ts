import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallOptions, ListGoroutinesIn, ListGoroutinesOut, RpcDebuggerState, RpcGoroutine, RpcGoroutineFilter, RpcVariable } from '../delve/rpc.js';
import { abortError, isAbortError } from '../delve/rpc.js';
import { loadSnapshot, memberSourceFor, RpcMemberSource, TargetRunningError, type GoroutineRpc } from './loader.js';
import { DEFAULT_QUERY } from './model.js';

const at = (file: string, line: number, fn: string) => ({ pc: 1, file, line, function: { name: fn } });

function goroutine(id: number, fn: string, over: Partial<RpcGoroutine> = {}): RpcGoroutine {
  const l = at('/src/main.go', 10, fn);
  return { id, currentLoc: at('/go/runtime/proc.go', 463, 'runtime.gopark'), userCurrentLoc: l, goStatementLoc: at('/src/main.go', 3, 'main.main'), startLoc: l, threadID: 0, status: 4, waitSince: 0, waitReason: 19, unreadable: '', ...over };
}

const fmt = (l: RpcGoroutine['userCurrentLoc']) => `${l.file}:${l.line} in ${l.function?.name ?? '?'}`;

/** Delve's ListGoroutines over a made-up allgs (undefined = a dead slot), following service/debugger's rules. */
class FakeDelve implements GoroutineRpc {
  readonly address = { host: '10.0.0.9', port: 2345 };
  calls: ListGoroutinesIn[] = [];
  running = false;
  onCall: (() => void) | undefined;
  /** Grouping calls made before State was answered, and those cancelled. */
  listedBeforeState = -1;
  cancelled = 0;
  constructor(readonly allgs: (RpcGoroutine | undefined)[]) {}

  /** The target's pid, and how many times State and the pid were asked for. */
  pid = 1;
  stateAsked = 0;
  pidAsked = 0;
  async state(): Promise<RpcDebuggerState> {
    this.stateAsked++;
    await new Promise(setImmediate);
    this.listedBeforeState = this.calls.length;
    return { Pid: this.pid, TargetCommandLine: 'x', Running: this.running, Recording: false, CoreDumping: false, exited: false, exitStatus: 0 };
  }
  /** As Delve's: held (the target's lock) while the target runs. */
  async processPid(opts?: CallOptions): Promise<number> {
    this.pidAsked++;
    if (this.running) return new Promise((_, reject) => opts?.signal?.addEventListener('abort', () => reject(abortError())));
    return this.pid;
  }
  async getVersion() {
    return { DelveVersion: '1.27.1', APIVersion: 2, Backend: 'native', TargetGoVersion: 'Go cmd/compile go1.26.8' };
  }
  // Channels are named only under -group chan, which these tests do not ask.
  async stackPcs(): Promise<number[]> {
    return [];
  }
  async frameVars(): Promise<RpcVariable[]> {
    return [];
  }
  async packageVars(): Promise<RpcVariable[]> {
    return [];
  }
  async eval(expr: string) {
    assert.equal(expr, 'runtime.work.tstart');
    return { name: expr, type: 'int64', value: '900000000000', unreadable: '', children: null };
  }
  async listGoroutines(a: ListGoroutinesIn, opts?: CallOptions): Promise<ListGoroutinesOut> {
    this.calls.push(a);
    this.onCall?.();
    if (opts?.signal?.aborted) throw abortError();
    // Delve holds a grouping until the running target stops.
    if (this.running) {
      return new Promise((_, reject) =>
        opts?.signal?.addEventListener('abort', () => {
          this.cancelled++;
          reject(abortError());
        }),
      );
    }
    let gs: RpcGoroutine[] = [];
    let next = -1;
    for (let i = a.Start; i < this.allgs.length; i++) {
      if (a.Count && gs.length >= a.Count) {
        next = i;
        break;
      }
      const g = this.allgs[i];
      if (g) gs.push(g);
    }
    gs = gs.filter((g) => (a.Filters ?? []).every((f) => match(g, f)));
    if (!a.GroupBy) return { Goroutines: gs, Nextg: next, Groups: null, TooManyGroups: false };
    const keyOf = (g: RpcGoroutine) => (a.GroupBy === 6 ? `running=${g.threadID !== 0}` : fmt(g.userCurrentLoc));
    const members = new Map<string, RpcGoroutine[]>();
    const totals = new Map<string, number>();
    for (const g of gs) {
      const k = keyOf(g);
      if (!members.has(k)) members.set(k, []);
      if (members.get(k)!.length < a.MaxGroupMembers!) members.get(k)!.push(g);
      totals.set(k, (totals.get(k) ?? 0) + 1);
    }
    const out: ListGoroutinesOut = { Goroutines: [], Nextg: next, Groups: [], TooManyGroups: false };
    for (const k of [...members.keys()].sort()) {
      if (a.MaxGroups && out.Groups!.length >= a.MaxGroups) {
        out.TooManyGroups = true;
        break;
      }
      out.Groups!.push({ Name: k, Offset: out.Goroutines!.length, Count: members.get(k)!.length, Total: totals.get(k)! });
      out.Goroutines!.push(...members.get(k)!);
    }
    return out;
  }
}

function match(g: RpcGoroutine, f: RpcGoroutineFilter): boolean {
  const v = f.Kind === 2 ? fmt(g.userCurrentLoc).includes(f.Arg) : f.Kind === 6 ? g.threadID !== 0 : f.Kind === 7 ? !g.startLoc.function!.name.startsWith('runtime.') : true;
  return f.Negated ? !v : v;
}

/** 12,000 slots: every third one main.recv, one in 50 main.recvX (whose name contains main.recv's), some dead. */
function world(): FakeDelve {
  const allgs: (RpcGoroutine | undefined)[] = [];
  for (let i = 0; i < 12_000; i++) {
    if (i % 97 === 0) allgs.push(undefined);
    else if (i % 50 === 1) allgs.push(goroutine(i, 'main.recvX'));
    else if (i % 3 === 0) allgs.push(goroutine(i, 'main.recv', { waitSince: 840e9 }));
    else allgs.push(goroutine(i, 'main.send', { waitReason: 20 }));
  }
  return new FakeDelve(allgs);
}

test('a snapshot: groups and exact totals from one grouped call, wait data, clock', async () => {
  const fake = world();
  const s = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 3, sampleSize: 4 });
  assert.equal(fake.calls.length, 1);
  assert.deepEqual(fake.calls[0], { Start: 0, Count: 0, Filters: [], GroupBy: 2, GroupByKey: '', MaxGroupMembers: 4, MaxGroups: 1000 });
  const live = fake.allgs.filter(Boolean).length;
  assert.equal(s.total, live);
  assert.equal(s.totalAll, live);
  assert.deepEqual(
    s.groups.map((g) => g.name),
    ['/src/main.go:10 in main.recv', '/src/main.go:10 in main.recvX', '/src/main.go:10 in main.send'],
  );
  assert.equal(s.groups[0]!.sample.length, 4);
  assert.deepEqual(s.groups[0]!.loc, { file: '/src/main.go', line: 10, fn: 'main.recv' });
  assert.equal(s.goMinor, 26);
  assert.deepEqual(s.clock, { nowNs: 900e9, source: 'last-gc' });
  assert.equal(s.seq, 3);
});

test('a filtered snapshot, or one with too many groups, still has exact totals', async () => {
  const fake = world();
  const q = { ...DEFAULT_QUERY, filters: [{ field: 'userloc' as const, arg: 'recv', negated: false }], hideRuntime: true };
  const s = await loadSnapshot(fake, q, { seq: 1, maxGroups: 1 });
  assert.equal(s.tooManyGroups, true);
  assert.equal(s.groups.length, 1);
  const live = fake.allgs.filter(Boolean) as RpcGoroutine[];
  assert.equal(s.total, live.filter((g) => g.userCurrentLoc.function!.name.startsWith('main.recv')).length);
  assert.equal(s.totalAll, live.length);
  assert.deepEqual(fake.calls[0]!.Filters, [
    { Kind: 2, Negated: false, Arg: 'recv' },
    { Kind: 7, Negated: false, Arg: '' },
  ]);
});

test('at a stop the grouping is asked right behind State, not after its answer, and said as one phase; elsewhere after it', async () => {
  const fake = world();
  const phases: string[] = [];
  await loadSnapshot(fake, DEFAULT_QUERY, { seq: 1, pipelined: true, onProgress: (p) => phases.push(p.phase) });
  assert.equal(fake.listedBeforeState, 1);
  assert.deepEqual(phases, ['groups']);
  const asked = world();
  await loadSnapshot(asked, DEFAULT_QUERY, { seq: 1, onProgress: (p) => phases.push(p.phase) });
  assert.equal(asked.listedBeforeState, 0);
  assert.deepEqual(phases, ['groups', 'state', 'groups']);
});

test('at a later stop of the same process the grouping goes behind its pid, not State; another process is read with State', async () => {
  const fake = world();
  await loadSnapshot(fake, DEFAULT_QUERY, { seq: 1, pipelined: true });
  assert.deepEqual([fake.stateAsked, fake.pidAsked], [1, 0]);
  const again = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 2, pipelined: true });
  assert.deepEqual([fake.stateAsked, fake.pidAsked], [1, 1]);
  assert.equal(again.pid, 1);
  // Not at a stop just announced (a command, a query changed): State, as ever.
  await loadSnapshot(fake, DEFAULT_QUERY, { seq: 3 });
  assert.deepEqual([fake.stateAsked, fake.pidAsked], [2, 1]);
  fake.pid = 7;
  const restarted = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 4, pipelined: true });
  assert.deepEqual([fake.stateAsked, fake.pidAsked], [3, 2]);
  assert.equal(restarted.pid, 7);
  // Running after all (another client's continue): held like Delve's, until the run's resumed cancels the load.
  fake.running = true;
  const cancel = new AbortController();
  const held = loadSnapshot(fake, DEFAULT_QUERY, { seq: 5, pipelined: true, signal: cancel.signal });
  await new Promise((r) => setTimeout(r, 10));
  cancel.abort();
  await assert.rejects(held, (e) => isAbortError(e));
});

test('a grouping refused before State is answered (the target exited meanwhile) is the snapshot\'s error, not an unhandled rejection', async () => {
  const fake = world();
  const exited = new Error('Process 42 has exited with status 0');
  fake.state = async () => {
    await new Promise((r) => setTimeout(r, 20));
    return { Pid: 1, TargetCommandLine: 'x', Running: false, Recording: false, CoreDumping: false, exited: false, exitStatus: 0 };
  };
  fake.listGoroutines = () => Promise.reject(exited);
  let unhandled: unknown;
  const onUnhandled = (e: unknown) => (unhandled = e);
  process.on('unhandledRejection', onUnhandled);
  try {
    await assert.rejects(loadSnapshot(fake, DEFAULT_QUERY, { seq: 1, pipelined: true }), exited);
    await new Promise((r) => setTimeout(r, 10));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  assert.equal(unhandled, undefined);
});

test('a running target is reported, not waited for: the grouping sent behind State is cancelled, or not sent', async () => {
  const fake = world();
  fake.running = true;
  await assert.rejects(loadSnapshot(fake, DEFAULT_QUERY, { seq: 1, pipelined: true }), (e) => e instanceof TargetRunningError && /target is running/.test(e.message));
  assert.equal(fake.calls.length, 1);
  assert.equal(fake.cancelled, 1);
  const asked = world();
  asked.running = true;
  await assert.rejects(loadSnapshot(asked, DEFAULT_QUERY, { seq: 1 }), (e) => e instanceof TargetRunningError);
  assert.equal(asked.calls.length, 0);
});

test('pages a big group through allgs, skipping look-alike groups, and goes back to a page in one chunk', async () => {
  const fake = world();
  const s = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 1 });
  const group = s.groups.find((g) => g.name.endsWith('main.recv'))!;
  const expected = (fake.allgs.filter(Boolean) as RpcGoroutine[]).filter((g) => g.userCurrentLoc.function!.name === 'main.recv').map((g) => g.id);
  assert.equal(group.total, expected.length);
  const src = new RpcMemberSource(fake, s, group, 100);
  const pages = Math.ceil(group.total / 100);

  fake.calls = [];
  const progress: number[] = [];
  const far = await src.loadPage(30, { onProgress: (p) => progress.push(p.done!) });
  assert.deepEqual(
    far.map((g) => g.id),
    expected.slice(3000, 3100),
  );
  assert.ok(progress.length > 1 && progress.at(-1)! >= 3100, 'progress goes up to the page');
  assert.ok(fake.calls.every((c) => c.Filters!.at(-1)!.Arg === group.name && c.Count > 0));

  fake.calls = [];
  const back = await src.loadPage(3);
  assert.deepEqual(
    back.map((g) => g.id),
    expected.slice(300, 400),
  );
  assert.equal(fake.calls.length, 1, 'a known page costs one chunk');

  const all = [];
  for (let p = 0; p < pages; p++) all.push(...(await src.loadPage(p)));
  assert.deepEqual(
    all.map((g) => g.id),
    expected,
  );
  assert.deepEqual(await src.loadPage(pages), []);
  assert.equal(src.complete, true);
});

test('a scan can be cancelled between chunks, and resumes from where it got', async () => {
  const fake = world();
  const s = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 1 });
  const group = s.groups.find((g) => g.name.endsWith('main.send'))!;
  const src = new RpcMemberSource(fake, s, group, 100);
  const ac = new AbortController();
  let n = 0;
  fake.onCall = () => {
    if (++n === 2) ac.abort();
  };
  await assert.rejects(src.loadPage(60, { signal: ac.signal }), (e) => isAbortError(e));
  fake.onCall = undefined;
  fake.calls = [];
  const page = await src.loadPage(60);
  assert.equal(page.length, 100);
  assert.ok(fake.calls[0]!.Start > 0, 'the second scan starts past the first one');
});

test('small groups come whole in one call; groups within the sample need none', async () => {
  const fake = world();
  const s = await loadSnapshot(fake, DEFAULT_QUERY, { seq: 1, sampleSize: 10 });
  const recvX = s.groups.find((g) => g.name.endsWith('main.recvX'))!;
  fake.calls = [];
  const src = memberSourceFor(fake, s, recvX, 50);
  const p0 = await src.loadPage(0);
  const p1 = await src.loadPage(1);
  assert.equal(p0.length + p1.length + (await src.loadPage(2)).length + (await src.loadPage(3)).length + (await src.loadPage(4)).length, recvX.total);
  assert.equal(fake.calls.length, 1);
  assert.equal(fake.calls[0]!.Count, 0);

  const tiny = { ...recvX, total: 2, sample: recvX.sample.slice(0, 2) };
  fake.calls = [];
  assert.equal((await memberSourceFor(fake, s, tiny).loadPage(0)).length, 2);
  assert.equal(fake.calls.length, 0);
});
