import type { TestContext } from 'node:test';
import { connectTcp } from '../../src/dap/client.js';
import { AppController } from '../../src/app/controller.js';
import { executeCommandLine } from '../../src/commands/registry.js';
import { Models } from '../../src/features/host.js';
import type { CommandContext } from '../../src/features/types.js';
import type { Connection } from '../../src/app/connect.js';
import type { Options } from '../../src/cli/args.js';
import { Session } from '../../src/session/session.js';
import type { Frame, Scope, SessionEvents, Variable } from '../../src/session/state.js';
import { startDemoServer, testDelve, waitFor } from './delve.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import type { HostPort } from '../../src/transport/address.js';
import { findMarker } from '../../src/demos/build.js';

/** A stop as the session announced it, flattened for assertions. */
export interface StopView {
  number: number;
  reason: string;
  description?: string;
  text?: string;
  goroutine: number;
  /** The frames loaded with the stop (the first page). */
  frames: Frame[];
  /** The frame the view moved to. */
  frame?: Frame;
  /** Variables of the viewed frame's scopes. */
  variables: Variable[];
}

export interface Recorder {
  stops: StopView[];
  console: { text: string; kind: string }[];
  ended: SessionEvents['ended'][];
}

const recorders = new WeakMap<Session, Recorder>();

/** Records what a session announces (stops, console lines, its end), from now on. */
export function record(session: Session): Recorder {
  let r = recorders.get(session);
  if (r) return r;
  const rec: Recorder = { stops: [], console: [], ended: [] };
  // Its stops list the viewed frame's variables: the session loads them for a reader.
  session.readScopesAtStops();
  // In order: a stop's scopes come before the next stop is announced.
  session.events.on('stop', (e) => void e.scopes.then((scopes) => rec.stops.push(stopView(e, scopes))));
  session.events.on('message', (e) => rec.console.push({ text: e.text, kind: e.kind }));
  session.events.on('output', (e) => rec.console.push({ text: e.text, kind: e.category === 'stderr' ? 'stderr' : 'output' }));
  session.events.on('ended', (e) => {
    rec.ended.push(e);
    rec.console.push({ text: e.message, kind: e.why === 'disconnected' ? 'error' : 'info' });
  });
  recorders.set(session, (r = rec));
  return r;
}

export function stopView(e: SessionEvents['stop'], scopes: Scope[]): StopView {
  return {
    number: e.stop.number,
    reason: e.stop.reason,
    goroutine: e.stop.goroutine,
    frames: e.frames.frames,
    variables: scopes.flatMap((s) => s.variables),
    ...(e.stop.description ? { description: e.stop.description } : {}),
    ...(e.stop.text ? { text: e.stop.text } : {}),
    ...(e.selection.frame ? { frame: e.selection.frame } : {}),
  };
}

/** A Session attached over DAP to demo NAME under a real headless Delve. */
export async function attachedDemo(t: TestContext, name: string, args: string[] = [], stop = false) {
  const server = await startDemoServer(t, name, args);
  const client = await connectTcp(server.address);
  const session = new Session(`demo ${name}`);
  const rec = record(session);
  t.after(() => session.dispose());
  await session.attach(client, { stop, version: 'test', owned: false });
  return { server, session, rec };
}

/** Waits for the first stop numbered above `since` (a session.stopCount read before acting). */
export function waitForStop(session: Session, since: number, timeoutMs = 20_000): Promise<StopView> {
  const rec = record(session);
  return waitFor(`a stop after #${since}`, () => rec.stops.find((s) => s.number > since), timeoutMs);
}

/** An AppController without a screen: `ended` records how gotui would have ended, `asked` its questions. */
export function headlessApp(conn: Connection, options: Partial<Options> = {}) {
  const ended: { code?: number; message?: string } = {};
  const asked: string[] = [];
  // Saved breakpoints stay out of tests unless a test asks for them.
  const app = new AppController(conn, { stop: false, noRestore: true, ...options }, (code, message) => Object.assign(ended, { code, message }));
  // A question taken back (its asker left) leaves the list, as it leaves the command row.
  const withdraw = (q: string) => {
    const before = asked.length;
    asked.splice(0, asked.length, ...asked.filter((x) => x !== q));
    return asked.length !== before;
  };
  app.front = { focus: () => undefined, page: (_t, text) => app.session.log(text, 'result'), ask: (q) => asked.push(q), withdraw, overflow: () => undefined, echo: () => undefined };
  const rec = record(app.session);
  return { app, ended, asked, rec };
}

const models = new WeakMap<Session, Models>();

/**
 * The models of a session with Delve's JSON-RPC side channel and the binary on this machine, as
 * gotui has them when it attaches to a local headless Delve; modelsOf(session) returns these after.
 */
export async function modelsWithRpc(t: TestContext, session: Session, server: { address: HostPort; binary: string }): Promise<Models> {
  const rpc = await DelveRpcClient.connect(server.address);
  t.after(() => rpc.close());
  const m = new Models(session, { rpc: async () => rpc, openRpc: async () => DelveRpcClient.connect(server.address), traceTarget: async () => ({ pid: await rpc.processPid(), binary: server.binary }) });
  models.set(session, m);
  return m;
}

/**
 * A demo under Delve, gotui's models with the JSON-RPC side channel (all made; `before` runs
 * first, e.g. to show a pane), stopped at a marker's line by a line breakpoint.
 */
export async function stoppedAtMarker(t: TestContext, demo: string, marker: string, before?: (models: Models) => void) {
  const { server, session } = await attachedDemo(t, demo);
  const models = await modelsWithRpc(t, session, server);
  models.createAll();
  before?.(models);
  const at = findMarker(demo, marker);
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
  await waitForStop(session, since);
  return { server, session, models, at };
}

/** `binary` (built by the test) under a headless Delve, a session attached, stopped in `func`; `before` makes the models that must hear the stop. */
export async function stoppedInFunction(t: TestContext, binary: string, func: string, args: string[], before: (models: Models) => void) {
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args });
  t.after(() => server.stop());
  const session = new Session(func);
  t.after(() => session.dispose());
  await session.attach(await connectTcp(server.address), { stop: true, version: 'test', owned: false });
  await waitFor('the halt at attaching', () => (session.state.status === 'stopped' ? true : undefined));
  before(modelsOf(session));
  const since = session.stopCount;
  await session.addBreakpoint({ kind: 'function', spec: func });
  await session.continue();
  await waitForStop(session, since);
  return { server, session };
}

/** The feature models of a session without a screen or side channels (made once per session). */
export function modelsOf(session: Session): Models {
  let m = models.get(session);
  if (!m) {
    const none = () => Promise.reject(new Error('no JSON-RPC side channel in this test'));
    m = new Models(session, { rpc: none, openRpc: async () => undefined, traceTarget: none });
    models.set(session, m);
  }
  return m;
}

/** A command context over a session's models that collects what commands print and which panes they focus. */
export function commandContext(session: Session, printed: { text: string; kind?: string }[] = [], focused: string[] = []): CommandContext {
  const ctx: CommandContext = {
    session,
    app: {
      quit: async () => undefined,
      detach: async () => undefined,
      reconnect: async () => undefined,
      about: async () => 'about: not in this test',
      focus: (p) => void focused.push(p),
      page: (_title, text) => void printed.push({ text, kind: 'result' }),
      ask: () => undefined,
      askFirst: () => false,
    },
    model: (f) => modelsOf(session).model(f),
    print: (text, kind) => void printed.push({ text, ...(kind ? { kind } : {}) }),
    show: (_title, text) => void printed.push({ text, kind: 'result' }),
    run: async (line) => (await executeCommandLine(ctx, line), true),
    rpc: (what) => modelsOf(session).rpc(what),
  };
  return ctx;
}

/** Runs a command line in `ctx`; what fails is thrown. */
export function exec(ctx: CommandContext, line: string): Promise<void> {
  return executeCommandLine(ctx, line);
}
